//! The naming stage's last step: every name the emitters will read has been assigned. A name left
//! unassigned is a generator bug; it is reported as an error naming the item's pointer rather
//! than emitted as an empty identifier.

use crate::Error;
use crate::model::*;

/// Fails, naming the first item (by pointer) whose emitted name was not assigned.
pub fn all_assigned(api: &Api) -> Result<(), Error> {
    let missing = |pointer: &str, what: &str| {
        Error::spec(
            pointer,
            format!("internal: the naming stage left the {what} unnamed"),
        )
    };
    let need = |name: &Name, pointer: &str, what: &str| {
        if name.is_assigned() {
            Ok(())
        } else {
            Err(missing(pointer, what))
        }
    };
    for def in api.types.values() {
        let at = def.pointer.as_str();
        need(&def.name, at, "type")?;
        need(&def.module, at, "type's module")?;
        match &def.kind {
            TypeKind::Struct(s) => {
                for f in &s.fields {
                    need(&f.rust_name, at, "field")?;
                }
            }
            TypeKind::Enum(e) => {
                need(&e.unknown_variant, at, "catch-all variant")?;
                for v in &e.variants {
                    need(&v.rust_name, at, "variant")?;
                }
            }
            TypeKind::Choice(c) => {
                for m in &c.members {
                    need(&m.rust_name, at, "choice variant")?;
                    need(&m.ctor_name, at, "choice constructor")?;
                }
            }
            TypeKind::IntEnum(e) => {
                for v in &e.variants {
                    need(&v.rust_name, at, "variant")?;
                }
            }
            TypeKind::Flags(f) => {
                for flag in &f.flags {
                    need(&flag.rust_name, at, "flag")?;
                }
            }
            TypeKind::OneOf(o) => {
                need(&o.other_name, at, "catch-all variant")?;
                for v in &o.variants {
                    need(&v.rust_name, &v.pointer, "variant")?;
                }
            }
            TypeKind::Sid { .. } => {}
        }
    }
    for cb in &api.callbacks {
        need(
            &cb.other_name,
            &cb.pointer,
            "callback's field for other parameters",
        )?;
    }
    for v in &api.server_variables {
        need(&v.rust_name, "#/servers", "server variable")?;
    }
    for op in &api.operations {
        let at = op.pointer.as_str();
        need(&op.rust_name, at, "method")?;
        need(&op.request_name, at, "request method")?;
        need(&op.module, at, "module")?;
        if matches!(op.response, ResponseKind::Page(_)) {
            need(&op.stream_name, at, "stream method")?;
        }
        if op.has_params() {
            need(&op.params_name, at, "parameter builder")?;
        }
        for p in op
            .path_params
            .iter()
            .chain(&op.query_params)
            .chain(&op.header_params)
        {
            need(&p.rust_name, &p.pointer, "parameter")?;
        }
        if let Some(RequestBody::Form(body)) = &op.body {
            for c in &body.choices {
                need(&c.rust_name, at, "choice field")?;
            }
            for p in &body.fields {
                need(&p.rust_name, &p.pointer, "form field")?;
            }
            for f in &body.families {
                need(&f.rust_name, &f.pointer, "family")?;
                need(&f.item_name, &f.pointer, "family's setter")?;
                for k in &f.keys {
                    need(&k.rust_name, &f.pointer, "family's argument")?;
                }
            }
        }
        if let Some(RequestBody::Json(body)) = &op.body {
            for p in body.fields.iter().chain(&body.value) {
                need(&p.rust_name, &p.pointer, "JSON body field")?;
            }
        }
    }
    Ok(())
}

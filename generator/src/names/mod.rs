//! Stage 3: Rust names: every identifier the emitters print, unique in its scope (casing and
//! keywords are `casing.rs`).
//!
//! Every name the emitters print comes from here. Names that would collide inside one scope are
//! made distinct deterministically (a numeric suffix in wire-name order), so two spec items never
//! silently share one Rust item.

use std::collections::BTreeSet;

use crate::casing::{const_name, type_name, value_name};

mod check;
mod modules;
mod surface;

/// The field name of a parameter or form field, applying the operator-suffix rule
/// (`StartTime<` → `start_time_before`).
pub fn param_name(wire_name: &str) -> String {
    let (base, suffix) = crate::conventions::operator_suffix(wire_name);
    match suffix {
        Some(s) => value_name(&format!("{base}_{s}")),
        None => value_name(base),
    }
}

/// A set of names taken in one scope (a struct's fields, a crate's types, a client's methods).
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
    /// The next numeric suffix to try for a wanted name, so that many equal names cost linear time.
    next: std::collections::BTreeMap<String, usize>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Scope {
        Scope {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
            next: std::collections::BTreeMap::new(),
        }
    }

    /// Takes `wanted`, or `wanted` with the smallest numeric suffix (`_2`, or `2` for type names)
    /// that is still free. Returns the name taken and whether it had to be changed.
    pub fn take(&mut self, wanted: &str) -> (String, bool) {
        if self.taken.insert(wanted.to_owned()) {
            return (wanted.to_owned(), false);
        }
        // `self_` (an escaped keyword) becomes `self_2`, never `self__2` (not snake case).
        let snake = wanted.starts_with(|c: char| c.is_ascii_lowercase()) && !wanted.ends_with('_');
        let mut n = self.next.get(wanted).copied().unwrap_or(2);
        loop {
            let candidate = if snake {
                format!("{wanted}_{n}")
            } else {
                format!("{wanted}{n}")
            };
            n = n.saturating_add(1);
            self.next.insert(wanted.to_owned(), n);
            if self.taken.insert(candidate.clone()) {
                return (candidate, true);
            }
        }
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Takes `name` if free; returns false (and takes nothing) when it is already taken.
    pub fn try_take(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_owned())
    }
}

/// Names the crate root holds besides the spec's types (its own, and the runtime's re-exports).
pub const CRATE_RESERVED: &[&str] = &[
    "Client",
    "Error",
    "Result",
    "ApiError",
    "ClientBuilder",
    "Paginator",
    "RetryPolicy",
    "RequestOptions",
    "Response",
    "ResponseMeta",
    "WaitOptions",
    "InvalidSid",
    "Decimal",
    "Stream",
    "StreamExt",
    "TryStreamExt",
];

/// Methods of the generated `Client` that operations must not shadow.
pub const CLIENT_RESERVED: &[&str] = &[
    "new",
    "from_env",
    "builder",
    "core",
    "account_sid",
    "with_account_sid",
    "with_options",
    "clone",
    "fmt",
    "from",
];

/// Decides every Rust name in `api`: types (crate-wide, since the crate root re-exports every
/// module), parameter builders, client methods, fields, variants and arguments.
pub fn assign(api: &mut crate::model::Api) -> Result<(), crate::Error> {
    use crate::model::*;
    let mut crate_scope = Scope::with_reserved(CRATE_RESERVED);
    let mut warnings = Vec::new();

    // Modules: one per collection; operations sorted by (module, operation id).
    let collections: BTreeSet<&Vec<String>> = api.operations.iter().map(|o| &o.resource).collect();
    let module_names = modules::module_names(&collections);
    let module_of = |resource: &Vec<String>| -> Name {
        module_names
            .get(resource)
            .cloned()
            .unwrap_or_else(|| crate::model::SHARED_MODULE.to_owned())
            .into()
    };
    for op in &mut api.operations {
        op.module = module_of(&op.resource);
    }
    for def in api.types.values_mut() {
        def.module = match &def.home {
            Home::Shared => crate::model::SHARED_MODULE.to_owned().into(),
            Home::Resource(r) => module_of(r),
            Home::Named(name) => (*name).to_owned().into(),
        };
    }
    api.operations
        .sort_by(|a, b| (&a.module, &a.id).cmp(&(&b.module, &b.id)));

    // Types: components first (their names come from the spec's own keys), then the rest.
    let rank = |id: &TypeId| match id {
        TypeId::Component(_) => 0,
        TypeId::Sid(_) => 1,
        TypeId::InlineEnum(_) => 2,
        TypeId::Inline(_) => 3,
        TypeId::Choice(..) => 4,
    };
    let mut ids: Vec<TypeId> = api.types.keys().cloned().collect();
    ids.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    for id in &ids {
        let Some(def) = api.types.get_mut(id) else {
            continue;
        };
        let name = def
            .candidates
            .iter()
            .find(|c| crate_scope.try_take(c))
            .cloned();
        def.name = Name::from(match name {
            Some(n) => n,
            None => {
                let first = def
                    .candidates
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "Unnamed".to_owned());
                let (n, _) = crate_scope.take(&first);
                warnings.push(crate::Warning {
                    pointer: def.pointer.clone(),
                    message: format!("type name `{first}` is taken; named `{n}`"),
                });
                n
            }
        });
        match &mut def.kind {
            TypeKind::Struct(s) => {
                let mut scope = Scope::default();
                for f in &mut s.fields {
                    f.rust_name = scope.take(&value_name(&f.wire_name)).0.into();
                }
            }
            TypeKind::Enum(e) => {
                let mut scope = Scope::with_reserved(&["Unknown"]);
                e.unknown_variant = "Unknown".to_owned().into();
                for v in &mut e.variants {
                    let wanted = type_name(&v.wire);
                    v.rust_name = Name::from(
                        if scope.contains(&wanted) && scope.try_take(&format!("{wanted}Value")) {
                            format!("{wanted}Value")
                        } else {
                            scope.take(&wanted).0
                        },
                    );
                }
            }
            TypeKind::Choice(c) => {
                let mut scope = Scope::default();
                // Constructor functions share the enum's namespace with its trait methods.
                let mut ctors = Scope::with_reserved(&["clone", "eq", "ne", "fmt"]);
                for m in &mut c.members {
                    m.rust_name = scope.take(&type_name(&m.wire_name)).0.into();
                    m.ctor_name = ctors.take(&value_name(&m.wire_name)).0.into();
                }
            }
            TypeKind::IntEnum(e) => {
                let mut scope = Scope::default();
                for v in &mut e.variants {
                    v.rust_name = scope.take(&type_name(&v.name)).0.into();
                }
            }
            TypeKind::Flags(f) => {
                let mut scope = Scope::with_reserved(&["NAMED"]);
                for flag in &mut f.flags {
                    flag.rust_name = scope.take(&const_name(&flag.name)).0.into();
                }
            }
            TypeKind::OneOf(o) => {
                let mut scope = Scope::with_reserved(&["Other"]);
                o.other_name = "Other".to_owned().into();
                for v in &mut o.variants {
                    v.rust_name = scope.take(&type_name(&v.name)).0.into();
                }
            }
            TypeKind::Sid { .. } => {}
        }
    }

    // Callback payloads: the field keeping the parameters the spec does not declare.
    for cb in &mut api.callbacks {
        let mut scope = Scope::default();
        if let Some(TypeKind::Struct(s)) = api.types.get(&cb.payload).map(|d| &d.kind) {
            for f in &s.fields {
                scope.try_take(&f.rust_name);
            }
        }
        cb.other_name = scope.take("other_params").0.into();
    }

    // Server variables the user supplies: arguments of the client's constructors.
    let mut vars = Scope::with_reserved(&["account_sid", "auth_token", "self"]);
    for v in &mut api.server_variables {
        v.rust_name = vars.take(&value_name(&v.name)).0.into();
    }

    // Parameter builders and client methods.
    let mut methods = Scope::with_reserved(CLIENT_RESERVED);
    for op in &mut api.operations {
        if op.has_params() {
            let wanted = format!("{}Params", type_name(&op.id));
            let (n, changed) = crate_scope.take(&wanted);
            if changed {
                warnings.push(crate::Warning {
                    pointer: op.pointer.clone(),
                    message: format!("`{wanted}` is taken; the parameters are named `{n}`"),
                });
            }
            op.params_name = n.into();
        }
        // The method and its companions (`{m}_request`, and `{m}_stream` for list pages) are
        // taken together: the first suffix that leaves all of them free.
        let paged = matches!(op.response, ResponseKind::Page(_));
        let wanted = value_name(&op.id);
        let companions = |m: &str| {
            let stem = m.trim_end_matches('_');
            let request = format!("{stem}_request");
            let stream = paged.then(|| format!("{stem}_stream"));
            (request, stream)
        };
        let mut probe = methods.clone();
        let m = loop {
            let (m, _) = probe.take(&wanted);
            let (request, stream) = companions(&m);
            if !methods.contains(&m)
                && !methods.contains(&request)
                && stream.as_ref().is_none_or(|s| !methods.contains(s))
            {
                break m;
            }
        };
        let (request, stream) = companions(&m);
        methods.try_take(&m);
        methods.try_take(&request);
        if let Some(stream) = &stream {
            methods.try_take(stream);
        }
        if m != wanted {
            warnings.push(crate::Warning {
                pointer: op.pointer.clone(),
                message: format!("method name `{wanted}` taken; named `{m}`"),
            });
        }
        op.rust_name = m.into();
        op.request_name = request.into();
        if let Some(stream) = stream {
            op.stream_name = stream.into();
        }

        // Arguments of the request function.
        let mut args = Scope::with_reserved(&["self", "params", "request", "client", "body"]);
        for p in &mut op.path_params {
            p.rust_name = args.take(&param_name(&p.wire_name)).0.into();
        }
        // Fields (and setters) of the parameter builder.
        // `new` is the constructor; a setter called `default` would shadow `Default::default`.
        let mut fields = Scope::with_reserved(&["new", "default"]);
        for p in &mut op.query_params {
            p.rust_name = fields.take(&param_name(&p.wire_name)).0.into();
        }
        for p in &mut op.header_params {
            p.rust_name = fields.take(&param_name(&p.wire_name)).0.into();
        }
        if let Some(RequestBody::Form(body)) = &mut op.body {
            for (i, c) in body.choices.iter_mut().enumerate() {
                let wanted = if i == 0 {
                    "choice".to_owned()
                } else {
                    format!("choice{}", i + 1)
                };
                c.rust_name = fields.take(&wanted).0.into();
            }
            for p in &mut body.fields {
                p.rust_name = fields.take(&param_name(&p.wire_name)).0.into();
            }
            // A family has two setters: one that adds a pair (`parameter`) and one that
            // replaces the list (`parameters`, also the field's name). Both are taken here, so
            // a plain field of either name gets its own.
            for f in &mut body.families {
                let one = value_name(&f.prefix);
                f.item_name = fields.take(&one).0.into();
                f.rust_name = fields.take(&format!("{one}s")).0.into();
                let mut args = Scope::with_reserved(&["self"]);
                for k in &mut f.keys {
                    k.rust_name = args.take(&value_name(&k.wire)).0.into();
                }
            }
        }
        // A JSON body: its top-level fields, as form fields; a whole value is `body`.
        if let Some(RequestBody::Json(body)) = &mut op.body {
            for p in &mut body.fields {
                p.rust_name = fields.take(&param_name(&p.wire_name)).0.into();
            }
            if let Some(p) = &mut body.value {
                p.rust_name = fields.take("body").0.into();
            }
        }
    }
    api.surface = surface::build(api, &mut methods);
    api.warnings.extend(warnings);
    api.warnings.sort();
    check::all_assigned(api)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn casing() {
        assert_eq!(param_name("StartTime<"), "start_time_before");
        assert_eq!(param_name("StartTime>"), "start_time_after");
        assert_eq!(param_name("AccountSid"), "account_sid");
        assert_eq!(param_name("Parameter1.Name"), "parameter1_name");
    }

    #[test]
    fn scope_suffixes() {
        let mut s = Scope::with_reserved(&["new"]);
        assert_eq!(s.take("new"), ("new_2".to_owned(), true));
        assert_eq!(s.take("to"), ("to".to_owned(), false));
        assert_eq!(s.take("Call"), ("Call".to_owned(), false));
        assert_eq!(s.take("Call"), ("Call2".to_owned(), true));
    }
}

//! Lowering OpenAPI `callbacks`: the requests Twilio sends to the application (the voice URL,
//! status callbacks...). Each callback becomes a payload struct in the `webhooks` module.
//!
//! A callback is keyed by its name in the operation's `callbacks` map (`CallStatusCallback`);
//! operations declaring a callback with the same key share one payload type, so their
//! declarations must be equal. Each callback holds one URL expression (`{$request.body#/Url}`)
//! with one operation whose request body is a form (`application/x-www-form-urlencoded`) object:
//! Twilio sends those parameters as a form `POST`, or in the query of a `GET`.

use std::collections::BTreeMap;

use openapiv3::{SchemaKind, Type};

use super::{Lowerer, Selected, sorted};
use crate::conventions::webhook_families;
use crate::error::{Error, Pointer};
use crate::model::{
    Callback, CallbackFamily, Field, Home, Name, StructDef, TypeDef, TypeId, TypeKind, TypeRef,
    WEBHOOKS_MODULE, XmlField,
};

const FORM: &str = "application/x-www-form-urlencoded";

/// The callbacks of the selected operations, one per key, sorted by key. Their `*Sid` fields
/// name only the SID types the operations do not (callbacks never rename a type).
pub(super) fn lower(
    cx: &mut Lowerer<'_>,
    selected: &[Selected<'_>],
) -> Result<Vec<Callback>, Error> {
    let operations_votes = std::mem::take(&mut cx.sid_votes);
    let lowered = lower_all(cx, selected);
    let callback_votes = std::mem::replace(&mut cx.sid_votes, operations_votes);
    cx.sid_votes.add_missing(callback_votes);
    lowered
}

fn lower_all(cx: &mut Lowerer<'_>, selected: &[Selected<'_>]) -> Result<Vec<Callback>, Error> {
    let mut by_key: BTreeMap<String, (Callback, Pointer)> = BTreeMap::new();
    for s in selected {
        let op_at = Pointer::root()
            .push("paths")
            .push(&s.path)
            .push(s.method_key);
        let op_id = s.op.operation_id.clone().unwrap_or_default();
        for (key, callback) in sorted(&s.op.callbacks) {
            let cb_at = op_at.push("callbacks").push(key);
            let exprs = sorted(callback);
            let [(expr, item)] = exprs.as_slice() else {
                return Err(Error::spec(
                    cb_at,
                    "a callback must declare exactly one URL expression",
                ));
            };
            let item_at = cb_at.push(expr);
            let url_param = url_parameter(expr).ok_or_else(|| {
                Error::spec(
                    &item_at,
                    format!("the callback URL `{expr}` is not `{{$request.body#/Name}}` or `{{$request.query.Name}}`"),
                )
            })?;
            let ops: Vec<(&str, &openapiv3::Operation)> = item.iter().collect();
            let [(method, cop)] = ops.as_slice() else {
                return Err(Error::spec(
                    item_at,
                    "a callback must declare exactly one operation (the request Twilio sends)",
                ));
            };
            let cop_at = item_at.push(method);
            if let Some((existing, first_at)) = by_key.get_mut(key.as_str()) {
                if cx.doc.raw_at(&cop_at) != cx.doc.raw_at(first_at) {
                    return Err(Error::spec(
                        cop_at,
                        format!(
                            "the callback `{key}` differs from its first declaration at {first_at}; callbacks with one key share one payload type"
                        ),
                    ));
                }
                existing.declared_by.push((op_id.clone(), url_param));
                continue;
            }
            let rb = cop.request_body.as_ref().ok_or_else(|| {
                Error::spec(
                    &cop_at,
                    "a callback needs a `requestBody`: the parameters Twilio sends",
                )
            })?;
            let (rb_at, rb) = cx.request_body(rb, &cop_at.push("requestBody"))?;
            let media = rb.content.get(FORM).ok_or_else(|| {
                Error::spec(
                    rb_at.push("content"),
                    format!("a callback's request body must be `{FORM}`"),
                )
            })?;
            let media_at = rb_at.push("content").push(FORM);
            let schema = media.schema.as_ref().ok_or_else(|| {
                Error::spec(&media_at, "a callback's request body needs a `schema`")
            })?;
            let (schema_at, schema) = cx.deref_schema(schema.into(), &media_at.push("schema"))?;
            let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
                return Err(Error::spec(
                    schema_at,
                    "a callback's request body must be an object",
                ));
            };
            let name = crate::casing::type_name(key);
            let mut def: StructDef =
                cx.struct_def(&object.properties, &object.required, &schema_at, &name)?;
            let families = families(cx, &mut def, &name, &schema_at);
            let payload = TypeId::Inline(schema_at.to_string());
            let answers_twiml = cop.responses.responses.values().any(|r| match r {
                openapiv3::ReferenceOr::Item(r) => r.content.keys().any(|k| k.contains("xml")),
                openapiv3::ReferenceOr::Reference { .. } => false,
            });
            cx.types.insert(
                payload.clone(),
                TypeDef {
                    candidates: vec![name],
                    name: Name::default(),
                    home: Home::Shared,
                    module: Name::default(),
                    doc: cop.summary.clone(),
                    pointer: schema_at.to_string(),
                    kind: TypeKind::Struct(def),
                },
            );
            by_key.insert(
                key.clone(),
                (
                    Callback {
                        key: key.clone(),
                        payload,
                        declared_by: vec![(op_id.clone(), url_param)],
                        summary: cop.summary.clone(),
                        description: cop.description.clone(),
                        answers_twiml,
                        other_name: Name::default(),
                        pointer: cop_at.to_string(),
                        families,
                    },
                    cop_at,
                ),
            );
        }
    }
    Ok(by_key.into_values().map(|(c, _)| c).collect())
}

/// Rule "webhook families": the payload's parameters numbered from 0 in pairs (`MediaUrl0`,
/// `MediaContentType0`, ...) leave its fields for one list field (`media`) of a two-field item
/// struct (`{payload}Media` with `content_type` and `url`), read for every index sent.
fn families(
    cx: &mut Lowerer<'_>,
    def: &mut StructDef,
    payload: &str,
    at: &Pointer,
) -> Vec<CallbackFamily> {
    let found = webhook_families::families(def.fields.iter().map(|f| f.wire_name.as_str()));
    let mut out = Vec::new();
    for family in found {
        let doc_of = |prefix: &str| {
            def.fields
                .iter()
                .find(|f| f.wire_name == format!("{prefix}0"))
                .and_then(|f| f.doc.clone())
        };
        let text_field = |wire: &str, doc: Option<String>| Field {
            wire_name: wire.to_owned(),
            rust_name: Name::default(),
            doc,
            ty: TypeRef::String,
            optional: false,
            sensitive: false,
            boxed: false,
            false_is_null: false,
            xml: XmlField::default(),
        };
        let [pa, pb] = &family.prefixes;
        let [ka, kb] = &family.keys;
        let fields = vec![
            text_field(ka, doc_of(pa).map(|d| format!("`{pa}{{n}}`. {d}"))),
            text_field(kb, doc_of(pb).map(|d| format!("`{pb}{{n}}`. {d}"))),
        ];
        let item_at = at.push("properties").push(format!("{pa}0"));
        let item = TypeId::Inline(format!("{item_at}#family"));
        cx.types.insert(
            item.clone(),
            TypeDef {
                candidates: vec![format!("{payload}{}", family.common)],
                name: Name::default(),
                home: Home::Shared,
                module: Name::default(),
                doc: Some(format!(
                    "One of the numbered `{pa}{{n}}`/`{pb}{{n}}` pairs of the payload `{payload}`, in index order (an index sent with only one of the two has an empty text for the other)."
                )),
                pointer: item_at.to_string(),
                kind: TypeKind::Struct(StructDef {
                    fields,
                    page: None,
                }),
            },
        );
        def.fields
            .retain(|f| !family.members.contains(&f.wire_name));
        let field = Field {
            ty: TypeRef::Array(Box::new(TypeRef::Named(item.clone()))),
            optional: false,
            ..text_field(
                &family.common,
                Some(format!(
                    "The `{pa}{{n}}` and `{pb}{{n}}` parameters, numbered from 0, as one list in index order (every index sent is read, also past those the spec declares)."
                )),
            )
        };
        let at = def
            .fields
            .partition_point(|f| f.wire_name < field.wire_name);
        def.fields.insert(at, field);
        out.push(CallbackFamily {
            field: family.common,
            prefixes: family.prefixes,
            item,
        });
    }
    out
}

/// The payloads as roots of the type graph, each in the `webhooks` module.
pub(super) fn roots(callbacks: &[Callback]) -> Vec<(TypeId, Home)> {
    callbacks
        .iter()
        .map(|c| (c.payload.clone(), Home::Named(WEBHOOKS_MODULE)))
        .collect()
}

/// `Url` from `{$request.body#/Url}` (or `{$request.query.Url}`).
fn url_parameter(expr: &str) -> Option<String> {
    let inner = expr.strip_prefix('{')?.strip_suffix('}')?;
    let name = inner
        .strip_prefix("$request.body#/")
        .or_else(|| inner.strip_prefix("$request.query."))?;
    (!name.is_empty()).then(|| name.to_owned())
}

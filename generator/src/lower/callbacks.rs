//! Lowering OpenAPI `callbacks`: the requests Twilio sends to the application (the voice URL,
//! status callbacks...). Each callback becomes a payload struct in the `webhooks` module.
//!
//! A callback is keyed by its name in the operation's `callbacks` map (`CallStatusCallback`);
//! operations declaring a callback with the same key share one payload type, so their
//! declarations must be equal. Each callback holds one URL template naming one request parameter
//! (`{$request.body#/Url}`, with any text around it: rule "callback URLs")
//! with one operation whose request body is a form (`application/x-www-form-urlencoded`) object:
//! Twilio sends those parameters as a form `POST`, or in the query of a `GET`. A callback of
//! another shape (another URL template, a JSON body, several operations) is left out with a
//! located warning; the rest of the document is generated.

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
            let left_out = |cx: &mut Lowerer<'_>, at: &Pointer, why: &str| {
                cx.warn(at, format!("{why}; callback `{key}` left out"));
            };
            let [(expr, item)] = exprs.as_slice() else {
                left_out(
                    cx,
                    &cb_at,
                    "a callback declares more than one URL expression",
                );
                continue;
            };
            let item_at = cb_at.push(expr);
            let Some(url_param) = url_parameter(expr) else {
                left_out(
                    cx,
                    &item_at,
                    &format!(
                        "the callback URL `{expr}` names no request parameter (one `{{$request.body#/Name}}` or `{{$request.query.Name}}`, with any text around it)"
                    ),
                );
                continue;
            };
            let ops: Vec<(&str, &openapiv3::Operation)> = item.iter().collect();
            let [(method, cop)] = ops.as_slice() else {
                left_out(cx, &item_at, "a callback declares more than one operation");
                continue;
            };
            let cop_at = item_at.push(method);
            if let Some((existing, first_at)) = by_key.get_mut(key.as_str()) {
                if cx.raw_at(&cop_at) != cx.raw_at(first_at) {
                    cx.warn(
                        &cop_at,
                        format!(
                            "the callback `{key}` differs from its first declaration at {first_at}; callbacks with one key share one payload type, so this declaration is left out"
                        ),
                    );
                    continue;
                }
                existing.declared_by.push((op_id.clone(), url_param));
                continue;
            }
            let Some(rb) = cop.request_body.as_ref() else {
                left_out(
                    cx,
                    &cop_at,
                    "a callback without a `requestBody` (the parameters sent) has no payload to type",
                );
                continue;
            };
            let (rb_at, rb) = cx.request_body(rb, &cop_at.push("requestBody"))?;
            let Some(media) = rb.content.get(FORM) else {
                let why = format!(
                    "a callback's request body is typed when it is `{FORM}` (as Twilio sends)"
                );
                left_out(cx, &rb_at.push("content"), &why);
                continue;
            };
            let media_at = rb_at.push("content").push(FORM);
            let schema = media.schema.as_ref().ok_or_else(|| {
                Error::spec(&media_at, "a callback's request body needs a `schema`")
            })?;
            let (schema_at, schema) = cx.deref_schema(schema.into(), &media_at.push("schema"))?;
            let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
                left_out(cx, &schema_at, "a callback's request body is not an object");
                continue;
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
                    doc: crate::model::Doc::from(cop.summary.clone()),
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
                        summary: crate::model::Doc::from(cop.summary.clone()),
                        description: crate::model::Doc::from(cop.description.clone()),
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
                .and_then(|f| f.doc.clone().into_text())
        };
        let text_field = |wire: &str, doc: Option<String>| Field {
            wire_name: wire.to_owned(),
            rust_name: Name::default(),
            doc: crate::model::Doc::from(doc),
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
                doc: crate::model::Doc::from(Some(format!(
                    "One of the numbered `{pa}{{n}}`/`{pb}{{n}}` pairs of the payload `{payload}`, in index order (an index sent with only one of the two has an empty text for the other)."
                ))),
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

/// Rule "callback URLs": the request parameter that holds a callback's URL, as the docs name it:
/// `` `Url` `` from `{$request.body#/Url}` (or `{$request.query.Url}`); with text around the
/// expression, the whole template too (`{$request.query.callbackUrl}/data`). `None` when the
/// template holds no such expression, or more than one, or another kind (`{$request.header.X}`,
/// `{$response.body#/id}`): nothing of the request says where the callback goes.
fn url_parameter(expr: &str) -> Option<String> {
    let mut names = Vec::new();
    let mut rest = expr;
    while let Some(start) = rest.find('{') {
        let after = rest.get(start + 1..)?;
        let end = after.find('}')?;
        let inner = after.get(..end)?;
        if inner.starts_with('$') {
            let name = inner
                .strip_prefix("$request.body#/")
                .or_else(|| inner.strip_prefix("$request.query."))?;
            names.push(name);
        }
        rest = after.get(end + 1..)?;
    }
    let [name] = names.as_slice() else {
        return None;
    };
    if name.is_empty() || name.contains(['{', '}', '/']) {
        return None;
    }
    let bare = expr
        .strip_prefix('{')
        .and_then(|e| e.strip_suffix('}'))
        .is_some_and(|e| !e.contains(['{', '}']));
    Some(if bare {
        format!("`{name}`")
    } else {
        format!("`{name}` (the URL is `{expr}`)")
    })
}

#[cfg(test)]
mod tests {
    use super::url_parameter;

    #[test]
    fn callback_url_expressions() {
        assert_eq!(
            url_parameter("{$request.body#/Url}").as_deref(),
            Some("`Url`")
        );
        assert_eq!(
            url_parameter("{$request.query.Url}").as_deref(),
            Some("`Url`")
        );
        assert_eq!(
            url_parameter("{$request.query.callbackUrl}/data").as_deref(),
            Some("`callbackUrl` (the URL is `{$request.query.callbackUrl}/data`)")
        );
        assert_eq!(
            url_parameter("https://hooks.example/{$request.body#/Id}?x=1").as_deref(),
            Some("`Id` (the URL is `https://hooks.example/{$request.body#/Id}?x=1`)")
        );
        assert_eq!(url_parameter("{$request.header.X-Url}"), None);
        assert_eq!(url_parameter("{$response.body#/id}"), None);
        assert_eq!(url_parameter("https://hooks.example/fixed"), None);
        assert_eq!(url_parameter("{$request.body#/A}{$request.body#/B}"), None);
        assert_eq!(url_parameter("{$request.body#/A"), None);
    }
}

//! Lowering of what XML bodies and legacy form conventions need: the `xml` object of properties
//! (rule "XML names"), XML responses (rule "XML bodies"), which types are read from which format,
//! and form bodies' `encoding` (`allowReserved`) and declared order (rule "declared form order").

use std::collections::BTreeSet;

use openapiv3::{MediaType, ReferenceOr, Schema};

use super::{Lowerer, component_pointer, local_ref, sorted};
use crate::conventions;
use crate::error::{Error, Pointer};
use crate::model::*;

impl Lowerer<'_> {
    /// The XML response of an operation, if it declares one (and no JSON one).
    pub(super) fn xml_response(
        &mut self,
        resp: &openapiv3::Response,
        r_at: &Pointer,
        id: &str,
    ) -> Result<Option<ResponseKind>, Error> {
        let mut xml: Vec<(&String, &MediaType)> = resp
            .content
            .iter()
            .filter(|(ct, _)| conventions::is_xml_media_type(ct))
            .collect();
        xml.sort_by(|a, b| a.0.cmp(b.0));
        let Some((ct, media)) = xml.first() else {
            return Ok(None);
        };
        let m_at = r_at.push("content").push(ct).push("schema");
        let Some(schema) = &media.schema else {
            // Nothing is known of the body: the client hands it over as text.
            return Ok(Some(ResponseKind::Text {
                media_type: (*ct).clone(),
            }));
        };
        let root = self.xml_root(schema, &m_at)?;
        let hint = format!("{id}Response");
        let lowered = self.schema(schema.into(), &m_at, id, "response", Some(&hint))?;
        Ok(Some(ResponseKind::Xml(XmlBody {
            ty: lowered.ty,
            root,
            media_type: (*ct).clone(),
        })))
    }

    /// An XML request body: `Some` when the body declares an XML media type with a schema and no
    /// form.
    pub(super) fn xml_request_body(
        &mut self,
        rb: &ReferenceOr<openapiv3::RequestBody>,
        at: &Pointer,
        id: &str,
    ) -> Result<Option<XmlBody>, Error> {
        let (at, rb) = self.request_body(rb, at)?;
        if rb.content.contains_key("application/x-www-form-urlencoded") {
            return Ok(None);
        }
        let mut xml: Vec<(&String, &MediaType)> = rb
            .content
            .iter()
            .filter(|(ct, media)| conventions::is_xml_media_type(ct) && media.schema.is_some())
            .collect();
        xml.sort_by(|a, b| a.0.cmp(b.0));
        let Some((ct, media)) = xml.first() else {
            return Ok(None);
        };
        let Some(schema) = &media.schema else {
            return Ok(None);
        };
        let m_at = at.push("content").push(ct).push("schema");
        let hint = format!("{id}Request");
        let lowered = self.schema(schema.into(), &m_at, id, "body", Some(&hint))?;
        let is_struct = matches!(&lowered.ty, TypeRef::Named(tid)
            if matches!(self.types.get(tid).map(|t| &t.kind), Some(TypeKind::Struct(_))));
        if !is_struct {
            return Err(Error::spec(
                m_at,
                "an XML request body must be an object with properties",
            ));
        }
        let root = self.xml_root(schema, &m_at)?.or_else(|| {
            // Without `xml.name`, the root element is named after the type.
            match &lowered.ty {
                TypeRef::Named(tid) => self
                    .types
                    .get(tid)
                    .and_then(|t| t.candidates.first().cloned()),
                _ => None,
            }
        });
        Ok(Some(XmlBody {
            ty: lowered.ty,
            root,
            media_type: (*ct).clone(),
        }))
    }

    /// The `xml.name` of a body's schema (followed through a `$ref`): its root element.
    fn xml_root(
        &self,
        schema: &ReferenceOr<Schema>,
        at: &Pointer,
    ) -> Result<Option<String>, Error> {
        let (at, _) = self.deref_schema(schema.into(), at)?;
        conventions::xml_object(self.raw_at(&at))
            .map(|xml| xml.name)
            .map_err(|m| Error::spec(at.push("xml"), m))
    }

    /// Where a property lives in XML documents, and whether `false` means "no value".
    pub(super) fn xml_field(
        &self,
        prop_at: &Pointer,
        name: &str,
        prop: &ReferenceOr<Box<Schema>>,
        ty: &TypeRef,
    ) -> Result<(XmlField, bool), Error> {
        let raw = self.raw_at(prop_at);
        let false_is_null = conventions::false_is_null(raw)
            .map_err(|m| Error::spec(prop_at.push("x-twilio-codegen-false-is-null"), m))?;
        if false_is_null && *ty == TypeRef::Date {
            return Err(Error::spec(
                prop_at.push("x-twilio-codegen-false-is-null"),
                "`false` for no value is not supported on `format: date` properties",
            ));
        }
        let xml = match prop {
            // Siblings of a `$ref` are ignored in OpenAPI 3.0: the element is the property name.
            ReferenceOr::Reference { .. } => conventions::XmlObject::default(),
            ReferenceOr::Item(_) => {
                conventions::xml_object(raw).map_err(|m| Error::spec(prop_at.push("xml"), m))?
            }
        };
        let is_array = matches!(ty, TypeRef::Array(_));
        if xml.attribute && !is_scalar(ty, &self.types) {
            return Err(Error::spec(
                prop_at.push("xml").push("attribute"),
                "`xml.attribute` applies to properties with a scalar value only",
            ));
        }
        if xml.wrapped && !is_array {
            return Err(Error::spec(
                prop_at.push("xml").push("wrapped"),
                "`xml.wrapped` applies to arrays only",
            ));
        }
        let element = if is_array && !xml.wrapped {
            // Unwrapped: one element per item, named by the items' `xml.name`.
            self.items_xml_name(&prop_at.push("items"))?
        } else {
            xml.name.clone()
        };
        Ok((
            XmlField {
                name: element.unwrap_or_else(|| name.to_owned()),
                attribute: xml.attribute,
                wrapped: xml.wrapped,
            },
            false_is_null,
        ))
    }

    /// The `xml.name` of an array's items (inline, or of the component they refer to).
    fn items_xml_name(&self, items_at: &Pointer) -> Result<Option<String>, Error> {
        let raw = self.raw_at(items_at);
        let at = match raw.and_then(|v| v.get("$ref")).and_then(|r| r.as_str()) {
            Some(reference) => component_pointer(&local_ref(reference, "schemas", items_at)?),
            None => items_at.clone(),
        };
        conventions::xml_object(self.raw_at(&at))
            .map(|xml| xml.name)
            .map_err(|m| Error::spec(at.push("xml"), m))
    }

    /// Applies a form body's `encoding` (`allowReserved`) and its declared order.
    pub(super) fn form_extras(
        &mut self,
        fields: &mut [Param],
        media: &MediaType,
        schema: &Schema,
        schema_at: &Pointer,
        media_at: &Pointer,
    ) -> Result<(), Error> {
        for (name, encoding) in sorted(&media.encoding) {
            let Some(field) = fields.iter_mut().find(|f| &f.wire_name == name) else {
                return Err(Error::spec(
                    media_at.push("encoding").push(name),
                    format!("`{name}` is not a field of the form body"),
                ));
            };
            field.allow_reserved = encoding.allow_reserved;
        }
        let order_at = schema_at.push("x-twilio-codegen-form-order");
        let Some(order) = conventions::form_order(&schema.schema_data.extensions)
            .map_err(|m| Error::spec(&order_at, m))?
        else {
            return Ok(());
        };
        for (i, name) in order.iter().enumerate() {
            if !fields.iter().any(|f| &f.wire_name == name) {
                return Err(Error::spec(
                    order_at.push(i),
                    format!("`{name}` is not a field of the form body"),
                ));
            }
            if order.iter().take(i).any(|n| n == name) {
                return Err(Error::spec(
                    order_at.push(i),
                    format!("`{name}` is listed twice"),
                ));
            }
        }
        // Stable: unlisted fields keep their wire-name order, after the listed ones.
        fields.sort_by_key(|f| {
            order
                .iter()
                .position(|n| *n == f.wire_name)
                .unwrap_or(usize::MAX)
        });
        Ok(())
    }
}

/// The types read from XML bodies and those read from JSON bodies (each with every type they
/// reach).
pub(super) fn formats(
    types: &std::collections::BTreeMap<TypeId, TypeDef>,
    operations: &[Operation],
) -> (BTreeSet<TypeId>, BTreeSet<TypeId>) {
    let mut xml = Vec::new();
    let mut json = Vec::new();
    for op in operations {
        match &op.body {
            Some(RequestBody::Xml(body)) => super::collect_ids(&body.ty, &mut xml),
            Some(RequestBody::Json(body)) => {
                for f in body.fields.iter().chain(&body.value) {
                    super::collect_ids(&f.ty, &mut json);
                }
            }
            Some(RequestBody::Form(_)) | None => {}
        }
        match &op.response {
            ResponseKind::Json(ty) => super::collect_ids(ty, &mut json),
            ResponseKind::Page(id) => json.push(id.clone()),
            ResponseKind::Xml(body) => super::collect_ids(&body.ty, &mut xml),
            ResponseKind::Empty | ResponseKind::Text { .. } | ResponseKind::Redirect => {}
        }
    }
    let reach = |mut stack: Vec<TypeId>| {
        let mut seen = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if seen.insert(id.clone())
                && let Some(def) = types.get(&id)
            {
                stack.extend(super::children(def));
            }
        }
        seen
    };
    (reach(xml), reach(json))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use crate::Selection;

    /// A one-operation spec whose XML response schema is `schema` (YAML flow) and whose form body
    /// is `form`.
    fn lower(schema: &str, form: &str) -> Result<crate::model::Api, crate::Error> {
        let text = format!(
            "openapi: 3.0.1\ninfo: {{title: t, version: '1'}}\nservers: [{{url: 'https://x.example'}}]\npaths:\n  /a:\n    post:\n      operationId: Op\n      requestBody:\n        content:\n          application/x-www-form-urlencoded: {form}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/xml:\n              schema: {schema}\n"
        );
        let doc = crate::load::parse(&text)?;
        crate::lower::lower(&doc, &Selection::default())
    }

    const FORM: &str = "{schema: {type: object, properties: {A: {type: string}}}}";

    fn error(schema: &str, form: &str) -> String {
        match lower(schema, form) {
            Ok(_) => String::from("no error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn bad_legacy_constructs_are_errors_with_their_place() {
        let e = error(
            "{type: object, properties: {l: {type: array, items: {type: string}, xml: {attribute: true}}}}",
            FORM,
        );
        assert!(e.starts_with("#/paths/~1a/post/responses/200/content/application~1xml/schema/properties/l/xml/attribute:"), "{e}");
        let e = error(
            "{type: object, properties: {s: {type: string, xml: {wrapped: true}}}}",
            FORM,
        );
        assert!(e.contains("/properties/s/xml/wrapped:"), "{e}");
        let e = error(
            "{type: object, properties: {s: {type: string, xml: {name: 'a b'}}}}",
            FORM,
        );
        assert!(e.contains("/properties/s/xml:"), "{e}");
        let e = error(
            "{type: object, properties: {d: {type: string, format: date, x-twilio-codegen-false-is-null: true}}}",
            FORM,
        );
        assert!(
            e.contains("/properties/d/x-twilio-codegen-false-is-null:"),
            "{e}"
        );
        let e = error(
            "{type: object, properties: {f: {type: integer, x-twilio-codegen-flags: [{name: A, value: 3}]}}}",
            FORM,
        );
        assert!(e.contains("/properties/f/x-twilio-codegen-flags:"), "{e}");
        let e = error(
            "{type: object, properties: {n: {type: integer, enum: [1, 1]}}}",
            FORM,
        );
        assert!(e.contains("/properties/n/enum/1:"), "{e}");
        let e = error(
            "{type: object, properties: {n: {type: integer, enum: [1, 2], x-enum-varnames: [A]}}}",
            FORM,
        );
        assert!(e.contains("/properties/n:"), "{e}");
        let e = error(
            "{type: object}",
            "{schema: {type: object, x-twilio-codegen-form-order: [B], properties: {A: {type: string}}}}",
        );
        assert!(e.contains("/schema/x-twilio-codegen-form-order/0:"), "{e}");
        let e = error(
            "{type: object}",
            "{schema: {type: object, properties: {A: {type: string}}}, encoding: {B: {allowReserved: true}}}",
        );
        assert!(e.contains("/encoding/B:"), "{e}");
    }

    #[test]
    fn xml_responses_are_lowered() {
        let api = lower("{type: object, xml: {name: Doc}, properties: {n: {type: integer, enum: [0, 1], x-enum-varnames: [Off, On]}}}", FORM).unwrap_or_else(|e| panic!("{e}"));
        let Some(op) = api.operations.first() else {
            panic!("no operation")
        };
        let crate::model::ResponseKind::Xml(body) = &op.response else {
            panic!("{:?}", op.response)
        };
        assert_eq!(body.root.as_deref(), Some("Doc"));
        assert_eq!(body.media_type, "application/xml");
        assert_eq!(api.xml_types.len(), 2);
        assert!(api.json_types.is_empty());
    }
}

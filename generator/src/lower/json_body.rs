//! Lowering, part 3b: JSON request bodies (`application/json`, `*+json`).
//!
//! When an operation declares several request media types, a form wins, then JSON, then XML.
//! Among several JSON types, `application/json` wins, else the first in sorted order. A body
//! whose schema is an object with properties (inline or a `$ref`) gives one builder value per
//! top-level property, as a form does; any other body (an array, a scalar, a `oneOf`) is one
//! required value of the builder's constructor.

use super::*;

const FORM: &str = "application/x-www-form-urlencoded";

/// Whether a media type is JSON: `application/json` or a `+json` structured syntax suffix
/// (`application/scim+json`); parameters after `;` are ignored.
pub(super) fn is_json_media_type(ct: &str) -> bool {
    let essence = ct
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || (essence.contains('/') && essence.ends_with("+json"))
}

impl<'a> Lowerer<'a> {
    /// The JSON request body of the operation at `op_at`: `None` when the body declares a form
    /// (which wins) or no JSON media type.
    pub(super) fn json_request_body(
        &mut self,
        rb: &ReferenceOr<openapiv3::RequestBody>,
        op_at: &Pointer,
        id: &str,
    ) -> Result<Option<JsonBody>, Error> {
        let (at, rb) = self.request_body(rb, &op_at.push("requestBody"))?;
        if rb.content.contains_key(FORM) {
            return Ok(None);
        }
        let mut json: Vec<(&String, &openapiv3::MediaType)> = rb
            .content
            .iter()
            .filter(|(ct, _)| is_json_media_type(ct))
            .collect();
        json.sort_by(|a, b| {
            (a.0 != "application/json", a.0.as_str()).cmp(&(b.0 != "application/json", b.0))
        });
        let Some((ct, media)) = json.first() else {
            return Ok(None);
        };
        let media_type = (*ct).clone();
        let schema_at = at.push("content").push(&media_type).push("schema");
        let Some(schema) = &media.schema else {
            return Err(Error::spec(
                at.push("content").push(&media_type),
                "the JSON body has no schema",
            ));
        };
        let (object_at, object) = self.deref_schema(schema.into(), &schema_at)?;
        let composed = self.raw_at(&object_at).is_some_and(|raw| {
            ["oneOf", "anyOf", "allOf", "not"]
                .iter()
                .any(|k| raw.get(k).is_some())
        });
        let properties = match &object.schema_kind {
            SchemaKind::Type(Type::Object(o)) if !o.properties.is_empty() && !composed => {
                Some((&o.properties, &o.required))
            }
            SchemaKind::Any(a) if !a.properties.is_empty() && !composed => {
                Some((&a.properties, &a.required))
            }
            _ => None,
        };
        let Some((properties, required)) = properties else {
            // Not an object with properties: the whole value is one argument.
            let outer = std::mem::replace(&mut self.in_struct, true);
            let hint = format!("{id}Request");
            let lowered = self.schema(schema.into(), &schema_at, id, "body", Some(&hint));
            self.in_struct = outer;
            let lowered = lowered?;
            return Ok(Some(JsonBody {
                media_type,
                fields: Vec::new(),
                required_order: Vec::new(),
                value: Some(Param {
                    wire_name: String::new(),
                    rust_name: Name::default(),
                    doc: crate::model::Doc::from(lowered.doc),
                    required: true,
                    ty: lowered.ty,
                    checks: Checks::default(),
                    source: PathSource::Argument,
                    sensitive: lowered.sensitive,
                    pointer: schema_at.to_string(),
                    allow_reserved: false,
                }),
            }));
        };
        for name in required {
            if !properties.contains_key(name) {
                return Err(Error::spec(
                    object_at.push("required"),
                    format!("required field `{name}` is not among the properties"),
                ));
            }
        }
        // Top-level fields are the builder's values, as form fields are.
        let fields = self.body_fields(properties, required, &object_at, id)?;
        Ok(Some(JsonBody {
            media_type,
            fields,
            required_order: required.clone(),
            value: None,
        }))
    }
}

/// The named types written into JSON request bodies, with every type they reach: their structs
/// get a constructor.
pub(super) fn request_types(
    types: &BTreeMap<TypeId, TypeDef>,
    operations: &[Operation],
) -> BTreeSet<TypeId> {
    let mut stack = Vec::new();
    for op in operations {
        if let Some(RequestBody::Json(body)) = &op.body {
            for p in body.fields.iter().chain(&body.value) {
                collect_ids(&p.ty, &mut stack);
            }
        }
    }
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if seen.insert(id.clone())
            && let Some(def) = types.get(&id)
        {
            stack.extend(children(def));
        }
    }
    seen
}

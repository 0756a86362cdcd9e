//! Lowering, part 3: form request bodies, with rules "conditional groups" (choices) and
//! "indexed families".

use super::*;

impl<'a> Lowerer<'a> {
    /// The top-level properties of a form or JSON object body at `schema_at`, as the builder's
    /// values, sorted by wire name: each a [`Param`] with its pointer, required when the schema's
    /// `required` lists it. Each is lowered outside any struct (it is a builder value).
    pub(super) fn body_fields(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        schema_at: &Pointer,
        id: &str,
    ) -> Result<Vec<Param>, Error> {
        let outer = std::mem::replace(&mut self.in_struct, false);
        let mut fields = Vec::new();
        for (name, prop) in sorted(properties) {
            let prop_at = schema_at.push("properties").push(name);
            self.in_struct = false;
            let lowered = match self.schema(prop.into(), &prop_at, id, name, None) {
                Ok(lowered) => lowered,
                Err(e) => {
                    self.in_struct = outer;
                    return Err(e);
                }
            };
            fields.push(Param {
                wire_name: name.clone(),
                rust_name: Name::default(),
                doc: crate::model::Doc::from(lowered.doc),
                required: required.contains(name),
                ty: lowered.ty,
                checks: lowered.checks,
                source: PathSource::Argument,
                sensitive: lowered.sensitive || conventions::is_secret(name),
                pointer: prop_at.to_string(),
                allow_reserved: false,
            });
        }
        self.in_struct = outer;
        Ok(fields)
    }

    /// A request body, following a `$ref` (a chain of any length) into `#/components/requestBodies`, with the pointer of
    /// where it is written.
    pub(super) fn request_body<'r>(
        &self,
        rb: &'r ReferenceOr<openapiv3::RequestBody>,
        at: &Pointer,
    ) -> Result<(Pointer, &'r openapiv3::RequestBody), Error>
    where
        'a: 'r,
    {
        match rb {
            ReferenceOr::Item(rb) => Ok((at.clone(), rb)),
            ReferenceOr::Reference { reference } => {
                let bodies = self.api.components.as_ref().map(|c| &c.request_bodies);
                follow(bodies, "requestBodies", reference, at)
            }
        }
    }

    /// Lowers the request body of the operation at `op_at`. `None` means the operation is
    /// skipped (with a warning).
    pub(super) fn form_body(
        &mut self,
        rb: &ReferenceOr<openapiv3::RequestBody>,
        op_at: &Pointer,
        id: &str,
    ) -> Result<Option<FormBody>, Error> {
        let (at, rb) = self.request_body(rb, &op_at.push("requestBody"))?;
        const FORM: &str = "application/x-www-form-urlencoded";
        let Some(media) = rb.content.get(FORM) else {
            let types: Vec<&str> = rb.content.keys().map(String::as_str).collect();
            self.warn(&at.push("content"), format!("request content type(s) {types:?} not supported (only `{FORM}`, JSON or XML); operation `{id}` skipped"));
            return Ok(None);
        };
        let schema_at = at.push("content").push(FORM).push("schema");
        let Some(schema) = &media.schema else {
            return Err(Error::spec(schema_at, "the form body has no schema"));
        };
        let (schema_at, schema) = self.deref_schema(schema.into(), &schema_at)?;
        let (properties, required) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => (&o.properties, &o.required),
            SchemaKind::Any(a) if !a.properties.is_empty() => (&a.properties, &a.required),
            _ => {
                return Err(Error::spec(
                    schema_at,
                    "a form body must be an object with properties",
                ));
            }
        };
        let mut fields = self.body_fields(properties, required, &schema_at, id)?;
        // Rules "declared form order" and `allowReserved`.
        self.form_extras(
            &mut fields,
            media,
            schema,
            &schema_at,
            &at.push("content").push(FORM),
        )?;
        for name in required {
            if !properties.contains_key(name) {
                return Err(Error::spec(
                    schema_at.push("required"),
                    format!("required field `{name}` is not among the properties"),
                ));
            }
        }

        // Rule "conditional groups": declared on the operation, wherever its body is written.
        let groups = conventions::conditional_groups(&self.op_extensions(op_at))
            .map_err(|m| Error::spec(op_at.push("x-twilio").push("conditional"), m))?;
        let mut choices = Vec::new();
        for (gi, group) in groups.iter().enumerate() {
            let mut members = Vec::new();
            for member in group {
                let Some(pos) = fields
                    .iter()
                    .position(|f| conventions::is_conditional_member(&f.wire_name, member))
                else {
                    return Err(Error::spec(
                        op_at.push("x-twilio").push("conditional").push(gi),
                        format!("`{member}` is not a field of the form body"),
                    ));
                };
                let f = fields.remove(pos);
                members.push(ChoiceMember {
                    wire_name: f.wire_name,
                    rust_name: Name::default(),
                    ctor_name: Name::default(),
                    doc: f.doc,
                    ty: f.ty,
                });
            }
            let tid = TypeId::Choice(id.to_owned(), gi);
            self.types.insert(
                tid.clone(),
                TypeDef {
                    // Named by the naming stage (rule "choice names", from the members).
                    candidates: Vec::new(),
                    name: Name::default(),
                    home: Home::Shared,
                    module: Name::default(),
                    doc: crate::model::Doc::default(),
                    pointer: op_at
                        .push("x-twilio")
                        .push("conditional")
                        .push(gi)
                        .to_string(),
                    kind: TypeKind::Choice(ChoiceDef {
                        operation_id: id.to_owned(),
                        members,
                    }),
                },
            );
            choices.push(ChoiceField {
                id: tid,
                rust_name: Name::default(),
            });
        }

        // Rule "indexed families".
        let mut families_found: BTreeMap<String, BTreeMap<usize, BTreeSet<String>>> =
            BTreeMap::new();
        for f in &fields {
            if let Some((prefix, n, key)) = conventions::indexed_member(&f.wire_name)
                && f.ty == TypeRef::String
            {
                families_found
                    .entry(prefix.to_owned())
                    .or_default()
                    .entry(n)
                    .or_default()
                    .insert(key.to_owned());
            }
        }
        let mut families = Vec::new();
        for (prefix, members) in families_found {
            let max = members.len();
            let first_key = members
                .values()
                .next()
                .and_then(|k| k.iter().next())
                .cloned()
                .unwrap_or_default();
            let first = fields
                .iter()
                .find(|f| f.wire_name == format!("{prefix}1.{first_key}"))
                .or_else(|| fields.iter().find(|f| matches!(conventions::indexed_member(&f.wire_name), Some((p, _, _)) if p == prefix)));
            let pointer = first
                .map(|f| f.pointer.clone())
                .unwrap_or_else(|| schema_at.to_string());
            let doc = first.and_then(|f| f.doc.clone().into_text());
            let contiguous = members.keys().copied().eq(1..=max);
            let keys: Option<&BTreeSet<String>> = members.values().next();
            let same_keys = keys.is_some_and(|k| members.values().all(|m| m == k));
            // The one shape the generator understands: members 1..=max, each with the same two
            // keys (a name and a value). Anything else stays plain fields, with a warning.
            let pair = keys.filter(|k| k.len() == 2).map(|k| {
                let mut k = k.iter().map(|wire| FamilyKey {
                    wire: wire.clone(),
                    rust_name: Name::default(),
                });
                (k.next(), k.next())
            });
            let (Some((Some(k0), Some(k1))), true, true, true) =
                (pair, contiguous, same_keys, max >= 2)
            else {
                let shape = keys
                    .map(|k| k.iter().cloned().collect::<Vec<_>>().join("`, `"))
                    .unwrap_or_default();
                self.warnings.push(Warning {
                    pointer,
                    message: format!(
                        "indexed fields `{prefix}N.*` (keys `{shape}`, indices {:?}) are not a family of name/value pairs numbered from 1; left as plain fields",
                        members.keys().collect::<Vec<_>>()
                    ),
                });
                continue;
            };
            fields.retain(|f| !matches!(conventions::indexed_member(&f.wire_name), Some((p, _, _)) if p == prefix));
            families.push(IndexedFamily {
                doc: crate::model::Doc::from(doc),
                rust_name: Name::default(),
                item_name: Name::default(),
                prefix,
                keys: [k0, k1],
                max,
                pointer,
            });
        }
        Ok(Some(FormBody {
            required_order: required.clone(),
            fields,
            choices,
            families,
        }))
    }

    /// The extensions of the operation at `op_at`, read from the raw document.
    pub(super) fn op_extensions(
        &self,
        op_at: &Pointer,
    ) -> indexmap::IndexMap<String, serde_json::Value> {
        let raw = self.raw_at(op_at);
        raw.and_then(|v| v.as_object())
            .map(|o| {
                o.iter()
                    .filter(|(k, _)| k.starts_with("x-"))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }
}

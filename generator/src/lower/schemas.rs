//! Lowering, part 5: schemas to types (scalars, enums, SIDs, objects, component references).

use super::*;

impl<'a> Lowerer<'a> {
    /// Follows a `$ref` (a chain of any length) to its component schema (with its pointer), or
    /// returns the item itself.
    pub(super) fn deref_schema<'s>(
        &self,
        s: SchemaRef<'s>,
        at: &Pointer,
    ) -> Result<(Pointer, &'s Schema), Error>
    where
        'a: 's,
    {
        let schemas = self.api.components.as_ref().map(|c| &c.schemas);
        let (mut pointer, mut schema) = match s {
            SchemaRef::Item(schema) => (at.clone(), schema),
            SchemaRef::Ref(reference) => follow(schemas, "schemas", reference, at)?,
        };
        // Rule "allOf of one reference": through it too (a bounded number of times, so that
        // `allOf`s that refer to each other end).
        for _ in 0..crate::load::MAX_DEPTH {
            let Some((_, reference)) = self
                .raw_at(&pointer)
                .and_then(super::composed::single_reference)
            else {
                return Ok((pointer, schema));
            };
            (pointer, schema) = follow(schemas, "schemas", &reference, at)?;
        }
        Err(Error::spec(at, "`$ref` cycle through `allOf`"))
    }

    /// The values of a string enum declared at `at`: without `null` (which makes the value
    /// optional instead), each once (a repeated value is left out, with a warning); an error when
    /// none is left.
    pub(super) fn enum_values(
        &mut self,
        values: &[Option<String>],
        at: &Pointer,
    ) -> Result<Vec<String>, Error> {
        let mut out: Vec<String> = Vec::new();
        for (i, value) in values.iter().enumerate() {
            let Some(value) = value else { continue };
            if out.contains(value) {
                self.warn(
                    &at.push("enum").push(i),
                    format!("duplicate enum value `{value}`; left out"),
                );
            } else {
                out.push(value.clone());
            }
        }
        if out.is_empty() {
            return Err(Error::spec(
                at.push("enum"),
                "an enum needs at least one non-null value",
            ));
        }
        Ok(out)
    }

    pub(super) fn component(&self, name: &str) -> Option<&'a ReferenceOr<Schema>> {
        self.api
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(name))
    }

    /// Lowers a schema used at `at` by a field `field` of `owner`.
    pub(super) fn schema(
        &mut self,
        s: SchemaRef<'_>,
        at: &Pointer,
        owner: &str,
        field: &str,
        hint: Option<&str>,
    ) -> Result<Lowered, Error> {
        let schema = match s {
            SchemaRef::Ref(reference) => return self.component_ref(reference, at, field),
            SchemaRef::Item(schema) => schema,
        };
        // `enum: []` reads as no enum at all: say that no value would do instead.
        if self
            .raw_at(at)
            .and_then(|v| v.get("enum"))
            .and_then(|e| e.as_array())
            .is_some_and(|values| values.is_empty())
        {
            return Err(Error::spec(
                at.push("enum"),
                "an enum needs at least one non-null value",
            ));
        }
        if let Some(composed) = self.composed(schema, at, owner, field, hint)? {
            return Ok(composed);
        }
        let data = &schema.schema_data;
        let mut out = Lowered::of(TypeRef::Json);
        out.nullable = data.nullable;
        out.sensitive = conventions::is_sensitive(&data.extensions);
        out.doc = data.description.clone();
        out.ty = match &schema.schema_kind {
            SchemaKind::Type(Type::String(st)) => {
                out.checks.min_length = st.min_length;
                out.checks.max_length = st.max_length;
                if let VariantOrUnknownOrEmpty::Item(StringFormat::Password) = &st.format {
                    out.sensitive = true;
                }
                let format = match &st.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time"),
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("date"),
                    VariantOrUnknownOrEmpty::Item(_) | VariantOrUnknownOrEmpty::Empty => None,
                    VariantOrUnknownOrEmpty::Unknown(f) => Some(f.as_str()),
                };
                if !st.enumeration.is_empty() {
                    out.checks = Checks::default();
                    if st.enumeration.iter().any(Option::is_none) {
                        out.nullable = true;
                    }
                    let values = self.enum_values(&st.enumeration, at)?;
                    let key = conventions::inline_enum_key(format, &values);
                    let id = TypeId::InlineEnum(key);
                    if !self.types.contains_key(&id) {
                        self.types.insert(
                            id.clone(),
                            TypeDef {
                                candidates: vec![conventions::inline_enum_name(
                                    format, owner, field,
                                )],
                                name: Name::default(),
                                home: Home::Shared,
                                module: Name::default(),
                                doc: crate::model::Doc::default(),
                                pointer: at.to_string(),
                                kind: TypeKind::Enum(enum_def(values)),
                            },
                        );
                    }
                    TypeRef::Named(id)
                } else if let Some(prefix) = st.pattern.as_deref().and_then(conventions::sid_prefix)
                {
                    out.checks = Checks::default();
                    self.sid_votes
                        .vote(&prefix, field, self.in_struct.then_some(owner));
                    let id = TypeId::Sid(prefix.clone());
                    self.types.entry(id.clone()).or_insert_with(|| TypeDef {
                        candidates: Vec::new(),
                        name: Name::default(),
                        home: Home::Shared,
                        module: Name::default(),
                        doc: crate::model::Doc::default(),
                        pointer: at.to_string(),
                        kind: TypeKind::Sid { prefix },
                    });
                    TypeRef::Named(id)
                } else {
                    match format {
                        Some("date-time") => TypeRef::DateTime { rfc2822: false },
                        Some("date-time-rfc-2822") => TypeRef::DateTime { rfc2822: true },
                        Some("date") => TypeRef::Date,
                        _ => TypeRef::String,
                    }
                }
            }
            SchemaKind::Type(Type::Integer(it))
                if let Some(named) = self.named_integer(it, data, at, owner, field)? =>
            {
                named
            }
            SchemaKind::Type(Type::Integer(it)) => {
                out.checks.minimum = it.minimum.map(|v| v as f64);
                out.checks.maximum = it.maximum.map(|v| v as f64);
                match it.format {
                    VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => TypeRef::I32,
                    _ => TypeRef::I64,
                }
            }
            // `format: decimal` (what `type: decimal` is read as, see `load/normalise.rs`).
            SchemaKind::Type(Type::Number(nt)) if matches!(&nt.format, VariantOrUnknownOrEmpty::Unknown(f) if f == "decimal") => {
                TypeRef::Decimal
            }
            SchemaKind::Type(Type::Number(nt)) => {
                out.checks.minimum = nt.minimum;
                out.checks.maximum = nt.maximum;
                TypeRef::F64
            }
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Array(arr)) => {
                out.checks.max_items = arr.max_items;
                match &arr.items {
                    Some(items) => {
                        let inner =
                            self.schema(items.into(), &at.push("items"), owner, field, hint)?;
                        out.sensitive |= inner.sensitive;
                        TypeRef::Array(Box::new(inner.ty))
                    }
                    None => TypeRef::Array(Box::new(TypeRef::Json)),
                }
            }
            SchemaKind::Type(Type::Object(obj)) => self.object(
                &obj.properties,
                &obj.required,
                obj.additional_properties.as_ref(),
                data,
                at,
                owner,
                field,
                hint,
            )?,
            // A `type` other than `object` that did not read as that type: a field of the wrong
            // type, or an unknown type name.
            SchemaKind::Any(any) if any.typ.as_deref().is_some_and(|t| t != "object") => {
                let (pointer, message) = crate::load::schema_problem(&self.doc.raw, at)
                    .unwrap_or_else(|| {
                        (
                            at.to_string(),
                            format!("not a valid `{}` schema", any.typ.as_deref().unwrap_or("")),
                        )
                    });
                return Err(Error::spec(pointer, message));
            }
            SchemaKind::Any(any)
                if any.typ.as_deref() == Some("object")
                    || !any.properties.is_empty()
                    || any.additional_properties.is_some() =>
            {
                self.object(
                    &any.properties,
                    &any.required,
                    any.additional_properties.as_ref(),
                    data,
                    at,
                    owner,
                    field,
                    hint,
                )?
            }
            SchemaKind::Any(any)
                if any.one_of.is_empty()
                    && any.all_of.is_empty()
                    && any.any_of.is_empty()
                    && any.not.is_none() =>
            {
                TypeRef::Json
            }
            SchemaKind::OneOf { .. }
            | SchemaKind::AnyOf { .. }
            | SchemaKind::AllOf { .. }
            | SchemaKind::Not { .. }
            | SchemaKind::Any(_) => {
                self.warn(
                    at,
                    "`not` is not supported; the value is typed as a JSON value",
                );
                TypeRef::Json
            }
        };
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn object(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&openapiv3::AdditionalProperties>,
        data: &openapiv3::SchemaData,
        at: &Pointer,
        owner: &str,
        field: &str,
        hint: Option<&str>,
    ) -> Result<TypeRef, Error> {
        if properties.is_empty() {
            // Rule "uri-map": `format: uri-map` objects map names to URIs.
            let format = self
                .raw_at(at)
                .and_then(|v| v.get("format"))
                .and_then(|f| f.as_str());
            return Ok(match (format, additional) {
                (Some("uri-map"), _) => TypeRef::Map(Box::new(TypeRef::String)),
                (_, Some(openapiv3::AdditionalProperties::Schema(s))) => {
                    let inner = self.schema(
                        s.as_ref().into(),
                        &at.push("additionalProperties"),
                        owner,
                        field,
                        None,
                    )?;
                    TypeRef::Map(Box::new(inner.ty))
                }
                _ => TypeRef::Json,
            });
        }
        // Rule "inline type names": the schema's title, else the hint (`{operation}Response`),
        // else owner and field; where the title is taken (another schema has it), the next.
        let mut candidates: Vec<String> = [data.title.clone(), hint.map(str::to_owned)]
            .into_iter()
            .flatten()
            .chain([format!("{owner}_{field}")])
            // A field of a request body whose name is taken (by the response type, named
            // first): the request's field (`UpdateFactorRequestResponse` for a `response` field).
            .chain(
                at.to_string()
                    .contains("/requestBody/")
                    .then(|| format!("{owner}_request_{field}")),
            )
            .map(|n| crate::casing::type_name(&n))
            .collect();
        candidates.dedup();
        let name = candidates.first().cloned().unwrap_or_default();
        let id = TypeId::Inline(at.to_string());
        let def = self.struct_def(properties, required, at, &name)?;
        self.types.insert(
            id.clone(),
            TypeDef {
                candidates,
                name: Name::default(),
                home: Home::Shared,
                module: Name::default(),
                doc: crate::model::Doc::from(data.description.clone()),
                pointer: at.to_string(),
                kind: TypeKind::Struct(def),
            },
        );
        Ok(TypeRef::Named(id))
    }

    pub(super) fn struct_def(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        at: &Pointer,
        owner: &str,
    ) -> Result<StructDef, Error> {
        self.struct_def_at(
            properties,
            required,
            &|name| at.push("properties").push(name),
            owner,
        )
    }

    /// [`struct_def`](Self::struct_def) for properties declared in several places (`allOf`):
    /// `at` gives each property's pointer.
    pub(super) fn struct_def_at(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        at: &dyn Fn(&str) -> Pointer,
        owner: &str,
    ) -> Result<StructDef, Error> {
        let mut fields = Vec::new();
        let outer = std::mem::replace(&mut self.in_struct, true);
        for (name, prop) in sorted(properties) {
            let lowered = self.schema(prop.into(), &at(name), owner, name, None);
            let lowered = match lowered {
                Ok(l) => l,
                Err(e) => {
                    self.in_struct = outer;
                    return Err(e);
                }
            };
            let is_required = required.contains(name);
            let (xml, false_is_null) = match self.xml_field(&at(name), name, prop, &lowered.ty) {
                Ok(found) => found,
                Err(e) => {
                    self.in_struct = outer;
                    return Err(e);
                }
            };
            fields.push(Field {
                wire_name: name.clone(),
                rust_name: Name::default(),
                doc: crate::model::Doc::from(lowered.doc),
                optional: !is_required || lowered.nullable || false_is_null,
                ty: lowered.ty,
                sensitive: lowered.sensitive || conventions::is_secret(name),
                boxed: false,
                false_is_null,
                xml,
            });
        }
        self.in_struct = outer;
        money::apply(properties, &mut fields);
        let page = conventions::page_shape(
            fields
                .iter()
                .map(|f| (f.wire_name.as_str(), matches!(f.ty, TypeRef::Array(_)))),
        )
        .and_then(|(items, next)| {
            let item = fields
                .iter()
                .find(|f| f.wire_name == items)
                .and_then(|f| match &f.ty {
                    TypeRef::Array(inner) => Some((**inner).clone()),
                    _ => None,
                })?;
            let next_is_string = fields
                .iter()
                .any(|f| f.wire_name == next && f.ty == TypeRef::String);
            next_is_string.then(|| PageInfo {
                items_field: items.to_owned(),
                item,
                next_field: next.to_owned(),
            })
        });
        Ok(StructDef { fields, page })
    }

    /// A `$ref` to a component schema: objects and enums become named types (lowered once);
    /// anything else is used in place.
    pub(super) fn component_ref(
        &mut self,
        reference: &str,
        at: &Pointer,
        field: &str,
    ) -> Result<Lowered, Error> {
        // A component that is only a `$ref` (an alias) stands for the one it names, through a
        // chain of any length; a chain back to an alias it passed is a cycle.
        let mut name = local_ref(reference, "schemas", at)?;
        let mut passed: Vec<String> = Vec::new();
        let schema = loop {
            let Some(target) = self.component(&name) else {
                return Err(Error::spec(at, format!("unresolved `$ref` `{reference}`")));
            };
            match target {
                ReferenceOr::Reference { reference: next } => {
                    if passed.contains(&name) {
                        // At the `$ref` that comes back.
                        let back = passed
                            .last()
                            .map_or_else(|| at.clone(), |p| component_pointer(p));
                        return Err(Error::spec(back, format!("`$ref` cycle through `{name}`")));
                    }
                    let next = local_ref(next, "schemas", &component_pointer(&name))?;
                    passed.push(std::mem::replace(&mut name, next));
                }
                ReferenceOr::Item(schema) => break schema,
            }
        };
        let c_at = component_pointer(&name);
        if self.resolving.contains(&name) {
            return Err(Error::spec(at, format!("`$ref` cycle through `{name}`")));
        }
        let id = TypeId::Component(name.clone());
        // Composed schemas are named by `lower/composed.rs`.
        let named = !self.is_composed(&c_at)
            && match &schema.schema_kind {
                SchemaKind::Type(Type::String(st)) => !st.enumeration.is_empty(),
                SchemaKind::Type(Type::Object(o)) => !o.properties.is_empty(),
                SchemaKind::Any(a) => !a.properties.is_empty(),
                _ => false,
            };
        if !named {
            self.resolving.push(name.clone());
            let owner = crate::casing::type_name(&name);
            let r = self.schema(SchemaRef::Item(schema), &c_at, &owner, field, None);
            self.resolving.pop();
            return r;
        }
        let mut out = Lowered::of(TypeRef::Named(id.clone()));
        out.nullable = schema.schema_data.nullable;
        out.doc = schema.schema_data.description.clone();
        if self.types.contains_key(&id) {
            return Ok(out);
        }
        let candidates = conventions::component_type_names(&name);
        let owner = candidates.first().cloned().unwrap_or_default();
        let kind = match &schema.schema_kind {
            SchemaKind::Type(Type::String(st)) => {
                TypeKind::Enum(enum_def(self.enum_values(&st.enumeration, &c_at)?))
            }
            SchemaKind::Type(Type::Object(o)) => {
                // Insert a placeholder first so that recursive references terminate.
                self.types.insert(id.clone(), placeholder(&c_at));
                TypeKind::Struct(self.struct_def(&o.properties, &o.required, &c_at, &owner)?)
            }
            SchemaKind::Any(a) => {
                self.types.insert(id.clone(), placeholder(&c_at));
                TypeKind::Struct(self.struct_def(&a.properties, &a.required, &c_at, &owner)?)
            }
            _ => return Err(Error::spec(&c_at, "internal: unexpected component kind")),
        };
        self.types.insert(
            id,
            TypeDef {
                candidates,
                name: Name::default(),
                home: Home::Shared,
                module: Name::default(),
                doc: crate::model::Doc::from(schema.schema_data.description.clone()),
                pointer: c_at.to_string(),
                kind,
            },
        );
        Ok(out)
    }
}

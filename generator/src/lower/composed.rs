//! Lowering, part 5b: composed schemas (`allOf`, `oneOf`, `anyOf`).
//!
//! - `allOf` is one struct: the properties and `required` lists of its members are unioned (a
//!   `$ref` member contributes its component's properties, a nested `allOf` its own members'); a
//!   property declared again with another schema keeps its first declaration, with a warning at
//!   the second. An `allOf` of one schema and nothing else is that schema; an `allOf` of one
//!   `$ref` and members that only annotate or constrain it (no properties, items, enum or
//!   composition) is that reference (rule "allOf of one reference"), with a warning naming the
//!   constraints it does not check.
//! - `oneOf` and `anyOf` are an enum of typed variants ([`TypeKind::OneOf`]): chosen by the value of
//!   `discriminator.propertyName` when there is one (with `mapping` when given, else the
//!   component's name), else by trying each variant in order; a last variant keeps any value that
//!   matches none, so a new alternative never fails a whole response. A `null` alternative (or
//!   `nullable: true`) makes the value optional; a `oneOf` of one schema is that schema.
//!
//! The members are read from the raw document, because `openapiv3` drops `oneOf`/`allOf` that sit
//! beside `type: object`.

use serde_json::Value;

use super::*;

const KEYS: [&str; 3] = ["allOf", "oneOf", "anyOf"];

/// What the members of an `allOf` declare, merged.
#[derive(Default)]
struct Merged {
    properties: indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    pointers: BTreeMap<String, Pointer>,
    raw: BTreeMap<String, Value>,
    required: Vec<String>,
    /// Members that are not objects (and so add no property).
    others: usize,
}

/// A property schema without the keys that do not change its type.
fn shape(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(o) = v.as_object_mut() {
        for k in ["description", "example", "examples", "title", "x-twilio"] {
            o.remove(k);
        }
    }
    v
}

/// Keywords that only describe a schema (they change no type).
const ANNOTATIONS: [&str; 8] = [
    "description",
    "title",
    "summary",
    "example",
    "examples",
    "deprecated",
    "default",
    "x-twilio",
];

/// Whether an `allOf` member only annotates or constrains the value (no properties, `required`
/// list, items, enum, references or composition of its own: those change the type).
fn only_constrains(member: &Value) -> bool {
    member.as_object().is_some_and(|m| {
        !m.keys().any(|k| {
            [
                "$ref",
                "properties",
                "items",
                "additionalProperties",
                "allOf",
                "oneOf",
                "anyOf",
                "not",
                "enum",
                "required",
            ]
            .contains(&k.as_str())
        })
    })
}

/// Rule "allOf of one reference": when `raw` is an `allOf` of one `$ref` and members that only
/// annotate or constrain it, with no properties of its own, the index of that member and its
/// `$ref`: the schema is that reference.
pub(super) fn single_reference(raw: &Value) -> Option<(usize, String)> {
    let members = raw.get("allOf")?.as_array()?;
    let own_properties = raw
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty());
    let refs: Vec<usize> = (0..members.len())
        .filter(|i| members.get(*i).is_some_and(|m| m.get("$ref").is_some()))
        .collect();
    let [r] = refs.as_slice() else {
        return None;
    };
    let fits = !own_properties
        && members
            .iter()
            .enumerate()
            .all(|(i, m)| i == *r || only_constrains(m));
    let reference = members.get(*r)?.get("$ref")?.as_str()?.to_owned();
    fits.then_some((*r, reference))
}

fn parse<T: serde::de::DeserializeOwned>(v: &Value, at: &Pointer) -> Result<T, Error> {
    serde_json::from_value(v.clone())
        .map_err(|e| Error::spec(at, format!("not a valid schema: {e}")))
}

/// Whether a member of a `oneOf` stands for `null` (OpenAPI 3.1's `type: 'null'`, or an enum of
/// just `null`).
fn is_null_member(v: &Value) -> bool {
    v.get("type").and_then(Value::as_str) == Some("null")
        || v.get("enum")
            .and_then(Value::as_array)
            .is_some_and(|e| !e.is_empty() && e.iter().all(Value::is_null))
}

impl<'a> Lowerer<'a> {
    /// Whether the schema at `at` is composed (`allOf`, `oneOf` or `anyOf`).
    pub(super) fn is_composed(&self, at: &Pointer) -> bool {
        self.raw_at(at)
            .is_some_and(|raw| KEYS.iter().any(|k| raw.get(k).is_some()))
    }

    /// Lowers the schema at `at` if it is composed; `None` otherwise.
    pub(super) fn composed(
        &mut self,
        schema: &Schema,
        at: &Pointer,
        owner: &str,
        field: &str,
        hint: Option<&str>,
    ) -> Result<Option<Lowered>, Error> {
        let Some(raw) = self
            .raw_at(at)
            .filter(|raw| KEYS.iter().any(|k| raw.get(k).is_some()))
        else {
            return Ok(None);
        };
        let raw = raw.clone();
        let data = &schema.schema_data;
        let mut out = if raw.get("allOf").is_some() {
            if raw.get("oneOf").is_some() || raw.get("anyOf").is_some() {
                self.warn(at, "`allOf` beside `oneOf`/`anyOf`: only `allOf` is read");
            }
            self.all_of(&raw, at, owner, field, hint)?
        } else {
            let key = if raw.get("oneOf").is_some() {
                "oneOf"
            } else {
                "anyOf"
            };
            if key == "oneOf" && raw.get("anyOf").is_some() {
                self.warn(at, "`anyOf` beside `oneOf`: only `oneOf` is read");
            }
            self.one_of(&raw, key, at, owner, field, hint)?
        };
        out.nullable |= data.nullable;
        out.sensitive |= conventions::is_sensitive(&data.extensions);
        if data.description.is_some() {
            out.doc = data.description.clone();
        }
        Ok(Some(out))
    }

    /// The type id and name candidates of a composed type declared at `at`.
    fn composed_id(
        &self,
        raw: &Value,
        at: &Pointer,
        owner: &str,
        field: &str,
        hint: Option<&str>,
    ) -> (TypeId, Vec<String>) {
        let component = at
            .as_str()
            .strip_prefix("#/components/schemas/")
            .filter(|rest| !rest.contains('/'))
            .map(|rest| rest.replace("~1", "/").replace("~0", "~"));
        if let Some(name) = component {
            let candidates = conventions::component_type_names(&name);
            return (TypeId::Component(name), candidates);
        }
        let name = raw
            .get("title")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| hint.map(str::to_owned))
            .unwrap_or_else(|| format!("{owner}_{field}"));
        (
            TypeId::Inline(at.to_string()),
            vec![crate::casing::type_name(&name)],
        )
    }

    fn all_of(
        &mut self,
        raw: &Value,
        at: &Pointer,
        owner: &str,
        field: &str,
        hint: Option<&str>,
    ) -> Result<Lowered, Error> {
        let members = raw
            .get("allOf")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let own_properties = raw
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty());
        // An `allOf` of one schema (a common way to add a description to a `$ref`) is that schema.
        if let [only] = members.as_slice()
            && !own_properties
        {
            let member_at = at.push("allOf").push(0);
            let member: ReferenceOr<Schema> = parse(only, &member_at)?;
            return self.schema((&member).into(), &member_at, owner, field, hint);
        }
        // Rule "allOf of one reference" (what a 3.1 `$ref` with siblings becomes, see
        // `load/normalise.rs`).
        if let Some((r, _)) = single_reference(raw) {
            let r = &r;
            let member_at = at.push("allOf").push(*r);
            let member: ReferenceOr<Schema> =
                parse(members.get(*r).unwrap_or(&Value::Null), &member_at)?;
            let dropped: Vec<String> = members
                .iter()
                .filter_map(Value::as_object)
                .flat_map(|m| m.keys())
                .filter(|k| {
                    !["$ref", "type", "nullable"].contains(&k.as_str())
                        && !ANNOTATIONS.contains(&k.as_str())
                })
                .map(|k| format!("`{k}`"))
                .collect();
            if !dropped.is_empty() {
                self.warn(
                    at,
                    format!(
                        "`allOf` of one `$ref` is read as that reference; {} beside it not checked",
                        dropped.join(", ")
                    ),
                );
            }
            let mut out = self.schema((&member).into(), &member_at, owner, field, hint)?;
            out.nullable |= members
                .iter()
                .any(|m| m.get("nullable") == Some(&Value::Bool(true)));
            return Ok(out);
        }
        let mut merged = Merged::default();
        self.merge(raw, at, &mut merged, 0)?;
        if merged.properties.is_empty() {
            self.warn(
                at,
                "`allOf` whose members declare no property: the value is typed as a JSON value",
            );
            return Ok(Lowered::of(TypeRef::Json));
        }
        if merged.others > 0 {
            self.warn(
                at,
                "`allOf` mixes objects with other schemas: only the objects' properties are read",
            );
        }
        let (id, candidates) = self.composed_id(raw, at, owner, field, hint);
        let mut out = Lowered::of(TypeRef::Named(id.clone()));
        if self.types.contains_key(&id) {
            return Ok(out);
        }
        self.types.insert(id.clone(), placeholder(at));
        let type_owner = candidates.first().cloned().unwrap_or_default();
        let pointers = merged.pointers.clone();
        let fallback = at.clone();
        let def = self.struct_def_at(
            &merged.properties,
            &merged.required,
            &|name| {
                pointers
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| fallback.push("properties").push(name))
            },
            &type_owner,
        )?;
        let doc = raw
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_owned);
        self.types.insert(
            id,
            TypeDef {
                candidates,
                name: Name::default(),
                home: Home::Shared,
                module: Name::default(),
                doc: crate::model::Doc::from(doc.clone()),
                pointer: at.to_string(),
                kind: TypeKind::Struct(def),
            },
        );
        out.doc = doc;
        Ok(out)
    }

    /// Adds the properties and `required` names of the schema `raw` (at `at`), and of its `allOf`
    /// members, to `merged`.
    fn merge(
        &mut self,
        raw: &Value,
        at: &Pointer,
        merged: &mut Merged,
        depth: usize,
    ) -> Result<(), Error> {
        if depth > crate::load::MAX_DEPTH {
            return Err(Error::spec(at, "`allOf` nested too deeply"));
        }
        if let Some(reference) = raw.get("$ref").and_then(Value::as_str) {
            let name = local_ref(reference, "schemas", at)?;
            if self.resolving.contains(&name) {
                return Err(Error::spec(at, format!("`$ref` cycle through `{name}`")));
            }
            let c_at = component_pointer(&name);
            let Some(target) = self.raw_at(&c_at).cloned() else {
                return Err(Error::spec(at, format!("unresolved `$ref` `{reference}`")));
            };
            self.resolving.push(name);
            let r = self.merge(&target, &c_at, merged, depth + 1);
            self.resolving.pop();
            return r;
        }
        let mut object = false;
        if let Some(props) = raw.get("properties").and_then(Value::as_object) {
            object = true;
            let mut names: Vec<&String> = props.keys().collect();
            names.sort();
            for name in names {
                let Some(value) = props.get(name) else {
                    continue;
                };
                let p_at = at.push("properties").push(name);
                if let Some(first) = merged.raw.get(name) {
                    if shape(first) != shape(value) {
                        self.warn(
                            &p_at,
                            format!("property `{name}` of an `allOf` is declared again with another schema; the first declaration is kept"),
                        );
                    }
                    continue;
                }
                merged.properties.insert(name.clone(), parse(value, &p_at)?);
                merged.pointers.insert(name.clone(), p_at);
                merged.raw.insert(name.clone(), value.clone());
            }
        }
        if let Some(required) = raw.get("required").and_then(Value::as_array) {
            object = true;
            for name in required.iter().filter_map(Value::as_str) {
                if !merged.required.iter().any(|r| r == name) {
                    merged.required.push(name.to_owned());
                }
            }
        }
        if let Some(members) = raw.get("allOf").and_then(Value::as_array) {
            object = true;
            for (i, member) in members.iter().enumerate() {
                self.merge(member, &at.push("allOf").push(i), merged, depth + 1)?;
            }
        }
        if raw.get("oneOf").is_some() || raw.get("anyOf").is_some() {
            self.warn(
                at,
                "`oneOf`/`anyOf` inside an `allOf` member is not merged; left out",
            );
        }
        if !object && raw.get("type").and_then(Value::as_str) != Some("object") {
            merged.others += 1;
        }
        Ok(())
    }

    fn one_of(
        &mut self,
        raw: &Value,
        key: &str,
        at: &Pointer,
        owner: &str,
        field: &str,
        hint: Option<&str>,
    ) -> Result<Lowered, Error> {
        let all = raw
            .get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut nullable = false;
        let mut members = Vec::new();
        for (i, member) in all.iter().enumerate() {
            if is_null_member(member) {
                nullable = true;
            } else {
                members.push((at.push(key).push(i), member));
            }
        }
        if members.is_empty() {
            self.warn(
                &at.push(key),
                format!(
                    "`{key}` without a non-null alternative: the value is typed as a JSON value"
                ),
            );
            let mut out = Lowered::of(TypeRef::Json);
            out.nullable = nullable;
            return Ok(out);
        }
        if let [(member_at, only)] = members.as_slice() {
            let member: ReferenceOr<Schema> = parse(only, member_at)?;
            let mut out = self.schema((&member).into(), member_at, owner, field, hint)?;
            out.nullable |= nullable;
            return Ok(out);
        }
        let (id, candidates) = self.composed_id(raw, at, owner, field, hint);
        let mut out = Lowered::of(TypeRef::Named(id.clone()));
        out.nullable = nullable;
        if self.types.contains_key(&id) {
            return Ok(out);
        }
        self.types.insert(id.clone(), placeholder(at));
        let base = candidates.first().cloned().unwrap_or_default();
        let discriminator = raw.get("discriminator");
        let tag = discriminator
            .and_then(|d| d.get("propertyName"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let mapping: Vec<(String, String)> = discriminator
            .and_then(|d| d.get("mapping"))
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                    .collect()
            })
            .unwrap_or_default();
        let mut variants = Vec::new();
        for (n, (member_at, member)) in members.iter().enumerate() {
            let parsed: ReferenceOr<Schema> = parse(member, member_at)?;
            let member_hint = format!("{base}_option{}", n + 1);
            let lowered = self.schema(
                (&parsed).into(),
                member_at,
                owner,
                field,
                Some(&member_hint),
            )?;
            let reference = member.get("$ref").and_then(Value::as_str);
            let component = reference.and_then(|r| local_ref(r, "schemas", member_at).ok());
            let name = component
                .as_deref()
                .and_then(|c| conventions::component_type_names(c).into_iter().next())
                .or_else(|| {
                    member
                        .get("title")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                })
                .unwrap_or_else(|| self.type_word(&lowered.ty));
            let mut tags = Vec::new();
            if let Some(tag) = &tag {
                if let (Some(reference), Some(component)) = (reference, &component) {
                    tags = mapping
                        .iter()
                        .filter(|(_, target)| target == reference || target == component)
                        .map(|(value, _)| value.clone())
                        .collect();
                    if tags.is_empty() && mapping.is_empty() {
                        tags.push(component.clone());
                    }
                } else if let Some(values) = member
                    .get("properties")
                    .and_then(|p| p.get(tag))
                    .and_then(|p| p.get("enum"))
                    .and_then(Value::as_array)
                {
                    tags = values
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect();
                }
                let before = tags.len();
                tags.retain(|t| !variants.iter().any(|v: &OneOfVariant| v.tags.contains(t)));
                if tags.len() < before {
                    self.warn(
                        member_at,
                        format!("a value of the discriminator `{tag}` already selects an earlier alternative; it selects that one"),
                    );
                }
                if tags.is_empty() {
                    self.warn(
                        member_at,
                        format!("no value of the discriminator `{tag}` selects this alternative; it is never chosen when decoding"),
                    );
                }
            }
            variants.push(OneOfVariant {
                name,
                rust_name: Name::default(),
                ty: lowered.ty,
                tags,
                doc: crate::model::Doc::from(lowered.doc),
                pointer: member_at.to_string(),
            });
        }
        let doc = raw
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_owned);
        self.types.insert(
            id,
            TypeDef {
                candidates,
                name: Name::default(),
                home: Home::Shared,
                module: Name::default(),
                doc: crate::model::Doc::from(doc.clone()),
                pointer: at.to_string(),
                kind: TypeKind::OneOf(OneOfDef {
                    tag,
                    variants,
                    other_name: Name::default(),
                }),
            },
        );
        out.doc = doc;
        Ok(out)
    }

    /// A variant name for an alternative without a name of its own: from its type.
    fn type_word(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String => "String".to_owned(),
            TypeRef::Bool => "Boolean".to_owned(),
            TypeRef::I32 | TypeRef::I64 => "Integer".to_owned(),
            TypeRef::F64 | TypeRef::Decimal => "Number".to_owned(),
            TypeRef::DateTime { .. } => "DateTime".to_owned(),
            TypeRef::Date => "Date".to_owned(),
            TypeRef::Map(_) => "Map".to_owned(),
            TypeRef::Array(inner) => format!("{}List", self.type_word(inner)),
            TypeRef::Json => "Value".to_owned(),
            TypeRef::Named(id) => self
                .types
                .get(id)
                .and_then(|t| t.candidates.first().cloned())
                .unwrap_or_else(|| "Object".to_owned()),
        }
    }
}

//! Stage 1, second half: rewrites the raw value of a document into what `openapiv3` (an OpenAPI
//! 3.0 model) reads, before the typed reading.
//!
//! - OpenAPI 3.1 (JSON Schema 2020-12 schemas): `type: [X, "null"]` becomes `type: X,
//!   nullable: true`; `const: v` becomes `enum: [v]`; a schema's `examples: [..]` becomes
//!   `example:` (the first); a numeric `exclusiveMinimum: n` becomes `minimum: n,
//!   exclusiveMinimum: true` (the same for the maximum); `$defs` are moved into
//!   `components/schemas` and the `$ref`s to them rewritten; a `$ref` with sibling keywords keeps
//!   the reference, and constraining siblings wrap it as `allOf: [{$ref}, {siblings}]`; path items
//!   from `components/pathItems` are inlined; `webhooks` and every other construct 3.0 does not
//!   have are left out with a warning naming their JSON pointer. The document then reads as 3.0.3.
//! - Any version: `type: decimal` (accepted by Twilio's own generators) is read as `type: number,
//!   format: decimal` (a decimal in the model), and `required` on a schema whose `type` is not
//!   `object` is left out; both with a warning. Documents without them are not changed, so a 3.0
//!   document the generator read before reads exactly as before.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::{Pointer, Warning};

/// The version a 3.1 document is read as once normalised.
const AS_VERSION: &str = "3.0.3";

/// JSON Schema 2020-12 keywords (and 3.1 schema fields) that OpenAPI 3.0 does not have: left out
/// of the schema, with a warning.
const UNSUPPORTED_SCHEMA_KEYWORDS: [&str; 22] = [
    "prefixItems",
    "if",
    "then",
    "else",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contentMediaType",
    "contentEncoding",
    "contentSchema",
    "dependentSchemas",
    "dependentRequired",
    "patternProperties",
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
    "$id",
    "$schema",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "$vocabulary",
];

/// Keywords that only annotate: beside a `$ref` they do not change what the value is.
const ANNOTATIONS: [&str; 10] = [
    "description",
    "summary",
    "title",
    "deprecated",
    "readOnly",
    "writeOnly",
    "example",
    "examples",
    "default",
    "$comment",
];

/// Normalises `raw` in place and returns what it passed over. `is_31` selects the 3.1 rewrites;
/// the ones for any version always run.
pub(super) fn normalise(raw: &mut Value, is_31: bool) -> Vec<Warning> {
    let mut n = Normaliser {
        is_31,
        warnings: Vec::new(),
        hoisted: Vec::new(),
        renamed: BTreeMap::new(),
    };
    let root = Pointer::root();
    if let Some(doc) = raw.as_object_mut() {
        if is_31 {
            n.document_31(doc);
        }
        if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
            for (path, item) in paths.iter_mut() {
                n.path_item(item, &root.push("paths").push(path));
            }
        }
        if let Some(components) = doc.get_mut("components").and_then(Value::as_object_mut) {
            n.components(components, &root.push("components"));
        }
        if is_31 {
            n.hoist(doc);
        }
    }
    if is_31 && !n.renamed.is_empty() {
        let renamed = std::mem::take(&mut n.renamed);
        rewrite_refs(raw, &renamed);
    }
    n.warnings
}

struct Normaliser {
    is_31: bool,
    warnings: Vec<Warning>,
    /// `$defs` taken out of schemas: (wanted name, owner name, schema, where it was).
    hoisted: Vec<(String, String, Value, Pointer)>,
    /// `$ref` text of a `$defs` entry → its new `$ref`.
    renamed: BTreeMap<String, String>,
}

impl Normaliser {
    fn warn(&mut self, at: &Pointer, message: impl Into<String>) {
        self.warnings.push(Warning {
            pointer: at.to_string(),
            message: message.into(),
        });
    }

    /// The top level of a 3.1 document: version, `webhooks`, `jsonSchemaDialect`, `info.summary`,
    /// `license.identifier`, `components.pathItems`.
    fn document_31(&mut self, doc: &mut Map<String, Value>) {
        let root = Pointer::root();
        doc.insert("openapi".to_owned(), Value::String(AS_VERSION.to_owned()));
        if doc.remove("webhooks").is_some() {
            self.warn(
                &root.push("webhooks"),
                "OpenAPI 3.1 `webhooks` are not generated; skipped",
            );
        }
        if doc.remove("jsonSchemaDialect").is_some() {
            self.warn(
                &root.push("jsonSchemaDialect"),
                "`jsonSchemaDialect` is not read; schemas are read as OpenAPI's dialect",
            );
        }
        doc.entry("paths")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(info) = doc.get_mut("info").and_then(Value::as_object_mut) {
            if info.remove("summary").is_some() {
                self.warn(
                    &root.push("info").push("summary"),
                    "`info.summary` is not used",
                );
            }
            if let Some(license) = info.get_mut("license").and_then(Value::as_object_mut)
                && license.remove("identifier").is_some()
            {
                self.warn(
                    &root.push("info").push("license").push("identifier"),
                    "`license.identifier` is not used",
                );
            }
        }
        // Path items declared as components: inlined where a path refers to one.
        let items = doc
            .get_mut("components")
            .and_then(Value::as_object_mut)
            .and_then(|c| c.remove("pathItems"));
        let items = items.and_then(|v| match v {
            Value::Object(m) => Some(m),
            _ => None,
        });
        if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
            for (path, item) in paths.iter_mut() {
                let Some(reference) = item.get("$ref").and_then(Value::as_str) else {
                    continue;
                };
                let at = root.push("paths").push(path);
                let target = reference
                    .strip_prefix("#/components/pathItems/")
                    .map(|name| name.replace("~1", "/").replace("~0", "~"))
                    .and_then(|name| items.as_ref().and_then(|m| m.get(&name)).cloned());
                match target {
                    Some(target) => *item = target,
                    None => self.warn(
                        &at.push("$ref"),
                        format!("path item `$ref` `{reference}` does not name a `components/pathItems` entry"),
                    ),
                }
            }
        }
        if items.is_some() {
            self.warn(
                &root.push("components").push("pathItems"),
                "`components/pathItems` are read only where a path refers to one",
            );
        }
    }

    fn components(&mut self, components: &mut Map<String, Value>, at: &Pointer) {
        for (kind, entries) in components.iter_mut() {
            let Some(entries) = entries.as_object_mut() else {
                continue;
            };
            for (name, value) in entries.iter_mut() {
                let at = at.push(kind).push(name);
                match kind.as_str() {
                    "schemas" => self.schema(value, &at, name),
                    "parameters" | "headers" => self.parameter(value, &at),
                    "responses" => self.response(value, &at),
                    "requestBodies" => self.content_of(value, &at),
                    "callbacks" => self.callback(value, &at),
                    _ => {}
                }
            }
        }
    }

    fn path_item(&mut self, item: &mut Value, at: &Pointer) {
        let Some(item) = item.as_object_mut() else {
            return;
        };
        for (key, value) in item.iter_mut() {
            let at = at.push(key);
            match key.as_str() {
                "parameters" => self.parameters(value, &at),
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" => {
                    self.operation(value, &at)
                }
                _ => {}
            }
        }
    }

    fn operation(&mut self, op: &mut Value, at: &Pointer) {
        let Some(op) = op.as_object_mut() else { return };
        for (key, value) in op.iter_mut() {
            let at = at.push(key);
            match key.as_str() {
                "parameters" => self.parameters(value, &at),
                "requestBody" => self.content_of(value, &at),
                "responses" => {
                    if let Some(map) = value.as_object_mut() {
                        for (code, response) in map.iter_mut() {
                            self.response(response, &at.push(code));
                        }
                    }
                }
                "callbacks" => {
                    if let Some(map) = value.as_object_mut() {
                        for (name, callback) in map.iter_mut() {
                            self.callback(callback, &at.push(name));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn callback(&mut self, callback: &mut Value, at: &Pointer) {
        if let Some(map) = callback.as_object_mut() {
            for (expression, item) in map.iter_mut() {
                self.path_item(item, &at.push(expression));
            }
        }
    }

    fn parameters(&mut self, list: &mut Value, at: &Pointer) {
        if let Some(list) = list.as_array_mut() {
            for (i, p) in list.iter_mut().enumerate() {
                self.parameter(p, &at.push(i));
            }
        }
    }

    /// A parameter or a header: its `schema`, or its `content`.
    fn parameter(&mut self, p: &mut Value, at: &Pointer) {
        let Some(map) = p.as_object_mut() else { return };
        let owner = map
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("parameter")
            .to_owned();
        if let Some(schema) = map.get_mut("schema") {
            self.schema(schema, &at.push("schema"), &owner);
        }
        self.content_of(p, at);
    }

    fn response(&mut self, response: &mut Value, at: &Pointer) {
        if let Some(headers) = response.get_mut("headers").and_then(Value::as_object_mut) {
            for (name, header) in headers.iter_mut() {
                self.parameter(header, &at.push("headers").push(name));
            }
        }
        self.content_of(response, at);
    }

    /// The schemas of `value.content` (a request body, a response, a parameter).
    fn content_of(&mut self, value: &mut Value, at: &Pointer) {
        let Some(content) = value.get_mut("content").and_then(Value::as_object_mut) else {
            return;
        };
        for (media_type, media) in content.iter_mut() {
            let at = at.push("content").push(media_type);
            if let Some(schema) = media.get_mut("schema") {
                self.schema(schema, &at.push("schema"), "body");
            }
        }
    }

    /// One schema at `at`, and every schema inside it. `owner` names the `$defs` found in it.
    fn schema(&mut self, schema: &mut Value, at: &Pointer, owner: &str) {
        let Some(map) = schema.as_object_mut() else {
            return;
        };
        if self.is_31 {
            self.schema_31(map, at, owner);
        }
        // `type: decimal`: a decimal number.
        if map.get("type").and_then(Value::as_str) == Some("decimal") {
            map.insert("type".to_owned(), Value::String("number".to_owned()));
            map.entry("format")
                .or_insert_with(|| Value::String("decimal".to_owned()));
            self.warn(
                &at.push("type"),
                "`type: decimal` is not an OpenAPI type; read as a decimal number",
            );
        }
        // `required` lists properties: on a schema of another type it says nothing.
        if let Some(t) = map.get("type").and_then(Value::as_str).map(str::to_owned)
            && t != "object"
            && map.contains_key("required")
        {
            map.remove("required");
            self.warn(
                &at.push("required"),
                format!(
                    "`required` on a schema of type `{t}` has no properties to require; ignored"
                ),
            );
        }
        for (key, value) in map.iter_mut() {
            let at = at.push(key);
            match key.as_str() {
                "properties" => {
                    if let Some(props) = value.as_object_mut() {
                        for (name, p) in props.iter_mut() {
                            self.schema(p, &at.push(name), name);
                        }
                    }
                }
                "items" | "not" => self.schema(value, &at, owner),
                "additionalProperties" if value.is_object() => self.schema(value, &at, owner),
                "allOf" | "oneOf" | "anyOf" => {
                    if let Some(list) = value.as_array_mut() {
                        for (i, s) in list.iter_mut().enumerate() {
                            self.schema(s, &at.push(i), owner);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// What JSON Schema 2020-12 changed, in one schema (not the schemas inside it).
    fn schema_31(&mut self, map: &mut Map<String, Value>, at: &Pointer, owner: &str) {
        if let Some(defs) = map.remove("$defs") {
            let defs_at = at.push("$defs");
            match defs {
                Value::Object(defs) => {
                    for (name, mut def) in defs {
                        let def_at = defs_at.push(&name);
                        self.schema(&mut def, &def_at, &name);
                        self.hoisted
                            .push((name, owner.to_owned(), def, def_at.clone()));
                    }
                }
                _ => self.warn(&defs_at, "`$defs` is not a mapping; left out"),
            }
        }
        if map.contains_key("$ref") && map.len() > 1 {
            self.ref_siblings(map, at);
            return;
        }
        match map.get("type") {
            Some(Value::Array(types)) => {
                let nullable = types.iter().any(|t| t.as_str() == Some("null"));
                let others: Vec<Value> = types
                    .iter()
                    .filter(|t| t.as_str() != Some("null"))
                    .cloned()
                    .collect();
                match others.as_slice() {
                    [one] => {
                        map.insert("type".to_owned(), one.clone());
                    }
                    [] => {
                        map.remove("type");
                        self.warn(
                            &at.push("type"),
                            "`type: [\"null\"]` (always null) is read as any JSON value",
                        );
                    }
                    _ => {
                        map.remove("type");
                        self.warn(
                            &at.push("type"),
                            "a `type` array of several types is read as any JSON value",
                        );
                    }
                }
                if nullable {
                    map.insert("nullable".to_owned(), Value::Bool(true));
                }
            }
            Some(Value::String(t)) if t == "null" => {
                map.remove("type");
                self.warn(
                    &at.push("type"),
                    "`type: null` (always null) is read as any JSON value",
                );
            }
            _ => {}
        }
        if let Some(value) = map.remove("const") {
            map.insert("enum".to_owned(), Value::Array(vec![value]));
        }
        if let Some(examples) = map.remove("examples") {
            match examples {
                Value::Array(list) => {
                    if let Some(first) = list.into_iter().next() {
                        map.entry("example").or_insert(first);
                    }
                }
                _ => self.warn(&at.push("examples"), "`examples` is not a list; left out"),
            }
        }
        for (exclusive, bound) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            if let Some(n) = map.get(exclusive).filter(|v| v.is_number()).cloned() {
                map.insert(bound.to_owned(), n);
                map.insert(exclusive.to_owned(), Value::Bool(true));
            }
        }
        for keyword in UNSUPPORTED_SCHEMA_KEYWORDS {
            if map.remove(keyword).is_some() {
                self.warn(
                    &at.push(keyword),
                    format!("`{keyword}` (JSON Schema) is not supported; left out"),
                );
            }
        }
    }

    /// A `$ref` with other keywords beside it (3.1 allows them; 3.0 ignores them). Annotations
    /// are left out (the referenced schema has its own); a `description` is kept beside the
    /// reference, where the generator reads a property's own description. Constraining keywords
    /// make the schema `allOf: [{$ref}, {the keywords}]`, with a warning.
    fn ref_siblings(&mut self, map: &mut Map<String, Value>, at: &Pointer) {
        let constraints: Vec<String> = map
            .keys()
            .filter(|k| *k != "$ref" && !ANNOTATIONS.contains(&k.as_str()))
            .cloned()
            .collect();
        if constraints.is_empty() {
            return;
        }
        let mut siblings = Map::new();
        for key in &constraints {
            if let Some(v) = map.remove(key) {
                siblings.insert(key.clone(), v);
            }
        }
        let reference = map.remove("$ref").unwrap_or(Value::Null);
        let mut target = Map::new();
        target.insert("$ref".to_owned(), reference);
        // The siblings are normalised with the rest of the schema, as `allOf/1`.
        map.insert(
            "allOf".to_owned(),
            Value::Array(vec![Value::Object(target), Value::Object(siblings)]),
        );
        self.warn(
            at,
            format!(
                "`$ref` with {} beside it is read as `allOf` of the reference and {}",
                constraints
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                if constraints.len() == 1 {
                    "that keyword"
                } else {
                    "those keywords"
                }
            ),
        );
    }

    /// Moves the `$defs` found into `components/schemas`, each under its own name when that is
    /// free, else `<owner>_<name>` (then a number), and records the `$ref`s to rewrite.
    fn hoist(&mut self, doc: &mut Map<String, Value>) {
        if let Some(root_defs) = doc.remove("$defs") {
            let at = Pointer::root().push("$defs");
            match root_defs {
                Value::Object(defs) => {
                    for (name, mut def) in defs {
                        let def_at = at.push(&name);
                        self.schema(&mut def, &def_at, &name);
                        self.hoisted.push((name, String::new(), def, def_at));
                    }
                }
                _ => self.warn(&at, "`$defs` is not a mapping; left out"),
            }
        }
        if self.hoisted.is_empty() {
            return;
        }
        let components = doc
            .entry("components")
            .or_insert_with(|| Value::Object(Map::new()));
        let Some(components) = components.as_object_mut() else {
            return;
        };
        let schemas = components
            .entry("schemas")
            .or_insert_with(|| Value::Object(Map::new()));
        let Some(schemas) = schemas.as_object_mut() else {
            return;
        };
        let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, owner, def, at) in std::mem::take(&mut self.hoisted) {
            let mut chosen = name.clone();
            if schemas.contains_key(&chosen) && !owner.is_empty() {
                chosen = format!("{owner}_{name}");
            }
            let base = chosen.clone();
            let mut n = 2;
            while schemas.contains_key(&chosen) {
                chosen = format!("{base}{n}");
                n += 1;
            }
            let new_ref = format!("#/components/schemas/{}", escape(&chosen));
            let old_ref = at.as_str().to_owned();
            self.renamed.insert(old_ref, new_ref.clone());
            by_name.entry(name).or_default().push(new_ref);
            schemas.insert(chosen, def);
        }
        // `#/$defs/X` written inside a schema for a `$defs` of that schema: when only one
        // `$defs` entry has that name, the reference is to it.
        for (name, targets) in by_name {
            if let [only] = targets.as_slice() {
                self.renamed
                    .entry(format!("#/$defs/{}", escape(&name)))
                    .or_insert_with(|| only.clone());
            }
        }
    }
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Rewrites every `$ref` that starts with a key of `renamed` (the place itself, or a place inside
/// it), anywhere in the document.
fn rewrite_refs(value: &mut Value, renamed: &BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == "$ref"
                    && let Value::String(reference) = v
                {
                    for (old, new) in renamed {
                        if let Some(rest) = reference.strip_prefix(old.as_str())
                            && (rest.is_empty() || rest.starts_with('/'))
                        {
                            *reference = format!("{new}{rest}");
                            break;
                        }
                    }
                } else {
                    rewrite_refs(v, renamed);
                }
            }
        }
        Value::Array(list) => {
            for v in list {
                rewrite_refs(v, renamed);
            }
        }
        _ => {}
    }
}

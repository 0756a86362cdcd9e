//! Where a document that does not read as OpenAPI is wrong: serde reports the first failure
//! inside maps read through `#[serde(flatten)]` and untagged enums without the place, so the
//! failing entry, operation field or schema field is found by reading the parts on their own.

use crate::error::Pointer;

/// serde loses the path inside maps read through `#[serde(flatten)]` (paths, components); when the
/// error points at such a map, find the entry that fails on its own and the place inside it.
pub(super) fn refine(raw: &serde_json::Value, pointer: String) -> String {
    fn first_failing<T: serde::de::DeserializeOwned>(
        raw: &serde_json::Value,
        at: &Pointer,
    ) -> Option<String> {
        let map = raw
            .pointer(at.as_str().strip_prefix('#').unwrap_or(""))?
            .as_object()?;
        for (key, value) in map {
            if key.starts_with("x-") {
                continue;
            }
            if let Err(e) = serde_path_to_error::deserialize::<_, T>(value) {
                let inner = pointer_of(e.path());
                let inner = inner.strip_prefix('#').unwrap_or("");
                return Some(format!("{}{inner}", at.push(key)));
            }
        }
        None
    }
    use openapiv3::{Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema};
    let root = Pointer::root();
    let components = root.push("components");
    let found = match pointer.as_str() {
        "#" | "#/paths" => first_failing::<ReferenceOr<PathItem>>(raw, &root.push("paths")),
        "#/components" => None
            .or_else(|| first_failing::<ReferenceOr<Schema>>(raw, &components.push("schemas")))
            .or_else(|| {
                first_failing::<ReferenceOr<Parameter>>(raw, &components.push("parameters"))
            })
            .or_else(|| first_failing::<ReferenceOr<Response>>(raw, &components.push("responses")))
            .or_else(|| {
                first_failing::<ReferenceOr<RequestBody>>(raw, &components.push("requestBodies"))
            }),
        "#/components/schemas" => {
            first_failing::<ReferenceOr<Schema>>(raw, &components.push("schemas"))
        }
        _ => None,
    };
    let found = refine_operation(raw, found.unwrap_or(pointer));
    match schema_problem_at(raw, &found) {
        Some((deeper, _)) => deeper,
        None => found,
    }
}

/// Whether the last tokens of `pointer` are a place where OpenAPI puts a schema.
fn is_schema_position(pointer: &str) -> bool {
    let mut tokens = pointer.rsplit('/');
    let last = tokens.next().unwrap_or("");
    let parent = tokens.next().unwrap_or("");
    let grandparent = tokens.next().unwrap_or("");
    matches!(last, "schema" | "items" | "additionalProperties" | "not")
        || parent == "properties"
        || (parent == "schemas" && grandparent == "components")
        || matches!(parent, "oneOf" | "anyOf" | "allOf")
}

/// What is wrong with the schema at `at`, found by reading it as the type its `type` names (the
/// document's own reading tries every shape of schema in turn and so cannot say which field
/// failed): the pointer of the failing field, inside nested schemas too, and the reason.
pub fn schema_problem(raw: &serde_json::Value, at: &Pointer) -> Option<(String, String)> {
    schema_problem_at(raw, at.as_str())
}

fn schema_problem_at(raw: &serde_json::Value, pointer: &str) -> Option<(String, String)> {
    use openapiv3::{
        AnySchema, ArrayType, BooleanType, IntegerType, NumberType, ObjectType, SchemaData,
        StringType,
    };
    fn fails<T: serde::de::DeserializeOwned>(v: &serde_json::Value) -> Option<(String, String)> {
        serde_path_to_error::deserialize::<_, T>(v).err().map(|e| {
            let inner = pointer_of(e.path());
            (
                inner.strip_prefix('#').unwrap_or("").to_owned(),
                e.inner().to_string(),
            )
        })
    }
    if !is_schema_position(pointer) {
        return None;
    }
    let value = raw.pointer(pointer.strip_prefix('#').unwrap_or(pointer))?;
    let Some(schema) = value.as_object() else {
        return Some((pointer.to_owned(), "a schema must be a mapping".to_owned()));
    };
    if let Some(reference) = schema.get("$ref") {
        return (!reference.is_string()).then(|| {
            (
                format!("{pointer}/$ref"),
                "`$ref` must be a string".to_owned(),
            )
        });
    }
    let found = match schema.get("type") {
        None => fails::<AnySchema>(value),
        Some(serde_json::Value::String(t)) => match t.as_str() {
            "string" => fails::<StringType>(value),
            "number" => fails::<NumberType>(value),
            "integer" => fails::<IntegerType>(value),
            "boolean" => fails::<BooleanType>(value),
            "object" => fails::<ObjectType>(value),
            "array" => fails::<ArrayType>(value),
            other => Some((
                "/type".to_owned(),
                format!(
                    "unknown type `{other}` (string, number, integer, boolean, object or array)"
                ),
            )),
        },
        Some(_) => Some(("/type".to_owned(), "`type` must be a string".to_owned())),
    }
    .or_else(|| fails::<SchemaData>(value))?;
    let (inner, message) = found;
    let deeper = format!("{pointer}{inner}");
    // A nested schema that fails fails its parent at its own key: look inside it.
    if !inner.is_empty()
        && let Some(nested) = schema_problem_at(raw, &deeper)
    {
        return Some(nested);
    }
    Some((deeper, message))
}

/// Inside a failing path item, the operation and the field of it that fails on its own.
fn refine_operation(raw: &serde_json::Value, pointer: String) -> String {
    use openapiv3::{Parameter, ReferenceOr, RequestBody, Responses};
    fn fails<T: serde::de::DeserializeOwned>(v: &serde_json::Value) -> Option<String> {
        serde_path_to_error::deserialize::<_, T>(v)
            .err()
            .map(|e| pointer_of(e.path()).trim_start_matches('#').to_owned())
    }
    let Some(rest) = pointer.strip_prefix("#/paths/") else {
        return pointer;
    };
    if rest.contains('/') {
        return pointer;
    }
    let Some(item) = raw
        .pointer(&format!("/paths/{rest}"))
        .and_then(|v| v.as_object())
    else {
        return pointer;
    };
    for method in [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ] {
        let Some(op) = item.get(method) else { continue };
        let Some(fields) = op.as_object() else {
            return format!("{pointer}/{method}");
        };
        for (field, value) in fields {
            let inner = match field.as_str() {
                "operationId" | "summary" | "description" => fails::<String>(value),
                "tags" => fails::<Vec<String>>(value),
                "deprecated" => fails::<bool>(value),
                "parameters" => fails::<Vec<ReferenceOr<Parameter>>>(value),
                "requestBody" => fails::<ReferenceOr<RequestBody>>(value),
                "responses" => fails::<Responses>(value),
                _ => None,
            };
            if let Some(inner) = inner {
                return format!("{pointer}/{method}/{field}{inner}");
            }
        }
        if fails::<openapiv3::Operation>(op).is_some() {
            return format!("{pointer}/{method}");
        }
    }
    pointer
}

pub(super) fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut p = Pointer::root();
    for segment in path.iter() {
        p = match segment {
            Segment::Seq { index } => p.push(index),
            Segment::Map { key } => p.push(key),
            Segment::Enum { variant } => p.push(variant),
            Segment::Unknown => p,
        };
    }
    p.into()
}

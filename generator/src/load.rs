//! Stage 1: read the document (YAML, or JSON) into `openapiv3::OpenAPI`.
//!
//! The text is parsed once into a raw JSON value (kept for what `openapiv3` drops, such as
//! `format` on objects), and that value is read into `openapiv3::OpenAPI` through
//! `serde_path_to_error`, so that a malformed document is reported with the JSON pointer of the
//! place that failed.

use crate::error::{Error, Pointer};

/// A parsed document: the typed view and the raw value it was read from.
#[derive(Debug, Clone)]
pub struct Document {
    /// The typed document.
    pub api: openapiv3::OpenAPI,
    /// The same document as a raw value, addressed by JSON pointer.
    pub raw: serde_json::Value,
}

impl Document {
    /// The raw value at `pointer` (`#`-prefixed, as built by [`Pointer`]).
    pub fn raw_at(&self, pointer: &Pointer) -> Option<&serde_json::Value> {
        self.raw.pointer(
            pointer
                .as_str()
                .strip_prefix('#')
                .unwrap_or(pointer.as_str()),
        )
    }
}

/// Parses an OpenAPI 3.0 document. JSON input (first non-blank byte `{`) is read with serde_json,
/// anything else with serde_yaml.
pub fn parse(text: &str) -> Result<Document, Error> {
    let raw: serde_json::Value = if text.trim_start().starts_with('{') {
        let mut de = serde_json::Deserializer::from_str(text);
        let raw = serde::Deserialize::deserialize(&mut de)
            .map_err(|e| Error::spec("#", format!("not valid JSON: {e}")))?;
        de.end()
            .map_err(|e| Error::spec("#", format!("trailing data after the JSON document: {e}")))?;
        raw
    } else {
        serde_yaml::from_str(text).map_err(|e| Error::spec("#", format!("not valid YAML: {e}")))?
    };
    if !raw.is_object() {
        return Err(Error::spec("#", "the document is not a mapping"));
    }
    match raw.get("openapi").and_then(|v| v.as_str()) {
        Some(v) if v.starts_with("3.0") => {}
        Some(v) => {
            return Err(Error::spec(
                "#/openapi",
                format!("OpenAPI version `{v}` is not supported (3.0.x is)"),
            ));
        }
        None => {
            return Err(Error::spec(
                "#/openapi",
                "missing the `openapi: 3.0.x` field",
            ));
        }
    }
    let api = serde_path_to_error::deserialize(&raw).map_err(|e| {
        let message = format!("not a valid OpenAPI 3.0 document: {}", e.inner());
        Error::spec(refine(&raw, pointer_of(e.path())), message)
    })?;
    Ok(Document { api, raw })
}

/// serde loses the path inside maps read through `#[serde(flatten)]` (paths, components); when the
/// error points at such a map, find the entry that fails on its own and the place inside it.
fn refine(raw: &serde_json::Value, pointer: String) -> String {
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
    let found = found.unwrap_or(pointer);
    refine_operation(raw, found)
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

fn pointer_of(path: &serde_path_to_error::Path) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn wrong_type_names_the_place() {
        let e = err(
            "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: [1]\n      responses: {}\n",
        );
        assert!(e.starts_with("#/paths/~1a/get/operationId:"), "{e}");
    }

    #[test]
    fn json_trailing_garbage_is_an_error() {
        let e = err(r#"{"openapi":"3.0.1","info":{"title":"t","version":"1"},"paths":{}} x"#);
        assert!(e.contains("trailing data"), "{e}");
    }

    #[test]
    fn openapi_31_is_refused() {
        let e = err("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
        assert!(e.starts_with("#/openapi"), "{e}");
    }

    #[test]
    fn invalid_yaml_is_an_error() {
        let e = err("openapi: [3.0.1\n");
        assert!(e.contains("not valid YAML"), "{e}");
    }
}

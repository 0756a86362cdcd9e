//! `spec/calls.yaml` against Twilio's own OpenAPI document of API v2010.
//!
//! The project's spec is written in its own words, but every fact in it (paths, operations,
//! parameters, request bodies, responses, schemas, constraints, Twilio's `x-twilio` extensions) must
//! be Twilio's. These tests slice the Calls paths out of `../shared/twilio-oai/twilio_api_v2010.yaml`
//! (plus the component schemas they reach) and compare both documents key by key, skipping only
//! prose and examples. They also check that the spec is valid OpenAPI 3.0.1, that every operation
//! carries examples, and that no description was copied from upstream.
//!
//! Without `../shared` (beside the workspace root) the upstream comparisons print a note and pass,
//! except with `CI=true`, where they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

/// Every path of the Calls API starts with this.
const CALLS_PREFIX: &str = "/2010-04-01/Accounts/{AccountSid}/Calls";
const EXPECTED_PATHS: usize = 18;
const EXPECTED_OPERATIONS: usize = 24;
/// 29 reached through `$ref`s, plus `call_enum_event`, declared with the Call resource but unused.
const EXPECTED_SCHEMAS: usize = 30;
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Keys that hold prose or examples: they may differ, anywhere in the document.
///
/// No `x-twilio` key is in this list: `defaultOutputProperties`, `dependentProperties`, `parent`,
/// `pathType`, `conditional` and `pii` all carry facts, so they must match.
const PROSE_KEYS: [&str; 4] = ["description", "summary", "example", "examples"];

/// Maps whose keys are names chosen by the API (property names, paths, status codes, ...), not
/// OpenAPI keywords: a property called `description` is a fact, not prose.
const NAME_MAPS: [&str; 8] = [
    "properties",
    "paths",
    "schemas",
    "securitySchemes",
    "responses",
    "content",
    "dependentProperties",
    "mapping",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn ours() -> Value {
    load(&root().join("spec/calls.yaml"))
}

/// Twilio's document, or `None` (with a note on stderr) when `../shared` is not there; with
/// `CI=true` its absence fails the test (see `common::shared_missing`).
fn upstream() -> Option<Value> {
    let text = common::upstream_text("spec_equivalence")?;
    Some(serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("twilio_api_v2010.yaml: {e}")))
}

fn get<'a>(v: &'a Value, key: &str) -> &'a Value {
    static NULL: Value = Value::Null;
    v.get(key).unwrap_or(&NULL)
}

fn mapping<'a>(v: &'a Value, what: &str) -> &'a Mapping {
    v.as_mapping()
        .unwrap_or_else(|| panic!("{what} is not a mapping"))
}

fn key_str(k: &Value) -> String {
    match k {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap().trim_end().to_owned(),
    }
}

/// One step of a JSON pointer (RFC 6901 escaping).
fn token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// The `$ref`s found anywhere under `v`.
fn refs(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Mapping(m) => {
            for (k, v) in m {
                if k.as_str() == Some("$ref") {
                    out.insert(v.as_str().unwrap().to_owned());
                } else {
                    refs(v, out);
                }
            }
        }
        Value::Sequence(s) => s.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

/// The component schemas reachable from `from` through `$ref`s, with their enum families, by name.
fn reachable_schemas(doc: &Value, from: &Value) -> Mapping {
    let all = mapping(get(get(doc, "components"), "schemas"), "components/schemas");
    let mut todo = BTreeSet::new();
    refs(from, &mut todo);
    let mut names = BTreeSet::new();
    while let Some(r) = todo.pop_first() {
        let name = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("unexpected $ref {r}"));
        // A dangling `$ref` shows up as a missing schema in the comparison.
        if names.insert(name.to_owned())
            && let Some(schema) = all.get(name)
        {
            refs(schema, &mut todo);
        }
    }
    // Twilio declares each resource's enums as `{resource}_enum_{name}`, some of which no operation
    // uses (`call_enum_event`). They are part of the resource's facts: a reached enum brings the
    // rest of its family along.
    let families: BTreeSet<String> = names
        .iter()
        .filter_map(|n| {
            n.split_once("_enum_")
                .map(|(family, _)| format!("{family}_enum_"))
        })
        .collect();
    // keep the document's order
    all.iter()
        .filter(|(k, _)| {
            let k = k.as_str().unwrap();
            names.contains(k) || families.iter().any(|f| k.starts_with(f.as_str()))
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn calls_paths(doc: &Value) -> Mapping {
    mapping(get(doc, "paths"), "paths")
        .iter()
        .filter(|(k, _)| k.as_str().unwrap().starts_with(CALLS_PREFIX))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn operation_tags(paths: &Mapping) -> BTreeSet<String> {
    let mut tags = BTreeSet::new();
    for item in paths.values() {
        for m in METHODS {
            if let Some(list) = get(item, m).get("tags").and_then(Value::as_sequence) {
                tags.extend(list.iter().map(|t| t.as_str().unwrap().to_owned()));
            }
        }
    }
    tags
}

/// The part of a document that `spec/calls.yaml` covers: the Calls paths, the schemas they reach,
/// security, servers, the version, and the tags the operations use.
fn slice(doc: &Value) -> Value {
    let paths = calls_paths(doc);
    let schemas = reachable_schemas(doc, &Value::Mapping(paths.clone()));
    let used = operation_tags(&paths);
    let tags: Vec<Value> = get(doc, "tags")
        .as_sequence()
        .map(|s| s.as_slice())
        .unwrap_or_default()
        .iter()
        .filter(|t| used.contains(get(t, "name").as_str().unwrap()))
        .cloned()
        .collect();
    let mut components = Mapping::new();
    components.insert(
        "securitySchemes".into(),
        get(get(doc, "components"), "securitySchemes").clone(),
    );
    components.insert("schemas".into(), Value::Mapping(schemas));
    let mut out = Mapping::new();
    for key in ["openapi", "servers", "security"] {
        out.insert(key.into(), get(doc, key).clone());
    }
    out.insert("tags".into(), Value::Sequence(tags));
    out.insert("paths".into(), Value::Mapping(paths));
    out.insert("components".into(), Value::Mapping(components));
    Value::Mapping(out)
}

/// A place where the two documents disagree.
struct Difference {
    pointer: String,
    upstream: String,
    ours: String,
}

fn show(v: Option<&Value>) -> String {
    match v {
        None => "(absent)".to_owned(),
        Some(v) => {
            let text = serde_json::to_string(v).unwrap_or_else(|_| format!("{v:?}"));
            if text.chars().count() > 300 {
                format!("{}…", text.chars().take(300).collect::<String>())
            } else {
                text
            }
        }
    }
}

/// Compares `up` and `ours` below `pointer`, recording every difference in facts.
///
/// `names` says whether the mapping at `pointer` is keyed by names (see [`NAME_MAPS`]) rather than
/// by OpenAPI keywords. A response object's `headers` may be left out: upstream puts the same five
/// CORS headers on every response, and they say nothing about the Calls API.
fn compare(pointer: &str, up: &Value, ours: &Value, names: bool, out: &mut Vec<Difference>) {
    match (up, ours) {
        (Value::Mapping(a), Value::Mapping(b)) => {
            let is_response = {
                let mut parts = pointer.rsplit('/');
                parts.next();
                parts.next() == Some("responses")
            };
            // Response headers may be dropped, but if kept they must match.
            let dropped_headers = is_response && !b.contains_key("headers");
            let skip = |k: &str| {
                !names && (PROSE_KEYS.contains(&k) || (dropped_headers && k == "headers"))
            };
            let keys_a: Vec<String> = a.keys().map(key_str).filter(|k| !skip(k)).collect();
            let keys_b: Vec<String> = b.keys().map(key_str).filter(|k| !skip(k)).collect();
            let in_a: BTreeSet<&String> = keys_a.iter().collect();
            let in_b: BTreeSet<&String> = keys_b.iter().collect();
            for k in &keys_a {
                let child = format!("{pointer}/{}", token(k));
                match b.get(k.as_str()) {
                    Some(vb) => {
                        let child_names = !names && NAME_MAPS.contains(&k.as_str());
                        compare(&child, &a[k.as_str()], vb, child_names, out);
                    }
                    None => out.push(Difference {
                        pointer: child,
                        upstream: show(a.get(k.as_str())),
                        ours: show(None),
                    }),
                }
            }
            for k in keys_b.iter().filter(|k| !in_a.contains(k)) {
                out.push(Difference {
                    pointer: format!("{pointer}/{}", token(k)),
                    upstream: show(None),
                    ours: show(b.get(k.as_str())),
                });
            }
            // The order of properties is a fact too (it becomes the order of fields).
            if pointer.ends_with("/properties") && names {
                let common_a: Vec<&String> = keys_a.iter().filter(|k| in_b.contains(k)).collect();
                let common_b: Vec<&String> = keys_b.iter().filter(|k| in_a.contains(k)).collect();
                if common_a != common_b {
                    out.push(Difference {
                        pointer: format!("{pointer} (order)"),
                        upstream: format!("{common_a:?}"),
                        ours: format!("{common_b:?}"),
                    });
                }
            }
        }
        (Value::Sequence(a), Value::Sequence(b)) if pointer.ends_with("/parameters") => {
            compare_parameters(pointer, a, b, out);
        }
        (Value::Sequence(a), Value::Sequence(b)) => {
            if a.len() != b.len() {
                out.push(Difference {
                    pointer: format!("{pointer} (length)"),
                    upstream: a.len().to_string(),
                    ours: b.len().to_string(),
                });
            }
            for (i, (va, vb)) in a.iter().zip(b).enumerate() {
                compare(&format!("{pointer}/{i}"), va, vb, false, out);
            }
        }
        (a, b) => {
            if a != b {
                out.push(Difference {
                    pointer: pointer.to_owned(),
                    upstream: show(Some(a)),
                    ours: show(Some(b)),
                });
            }
        }
    }
}

/// Parameters are matched by `in` and `name`, so that one missing parameter reads as such and not
/// as a shift of all that follow; their order is compared on its own. Pointers use upstream's index.
fn compare_parameters(pointer: &str, up: &[Value], ours: &[Value], out: &mut Vec<Difference>) {
    let id = |p: &Value| format!("{}:{}", key_str(get(p, "in")), key_str(get(p, "name")));
    let ids_up: Vec<String> = up.iter().map(id).collect();
    let ids_ours: Vec<String> = ours.iter().map(id).collect();
    for (i, p) in up.iter().enumerate() {
        match ours.iter().find(|q| id(q) == ids_up[i]) {
            Some(q) => compare(&format!("{pointer}/{i}"), p, q, false, out),
            None => out.push(Difference {
                pointer: format!("{pointer}/{i}"),
                upstream: show(Some(p)),
                ours: show(None),
            }),
        }
    }
    for q in ours.iter().filter(|q| !ids_up.contains(&id(q))) {
        out.push(Difference {
            pointer: format!("{pointer}/-"),
            upstream: show(None),
            ours: show(Some(q)),
        });
    }
    let common_up: Vec<&String> = ids_up.iter().filter(|i| ids_ours.contains(i)).collect();
    let common_ours: Vec<&String> = ids_ours.iter().filter(|i| ids_up.contains(i)).collect();
    if common_up != common_ours {
        out.push(Difference {
            pointer: format!("{pointer} (order)"),
            upstream: format!("{common_up:?}"),
            ours: format!("{common_ours:?}"),
        });
    }
}

/// `(path, method, operationId)` of every operation under `paths`.
fn operations(paths: &Mapping) -> Vec<(String, String, String)> {
    let mut ops = Vec::new();
    for (path, item) in paths {
        for m in METHODS {
            if let Some(op) = item.get(m) {
                let id = get(op, "operationId").as_str().unwrap_or("(none)");
                ops.push((key_str(path), m.to_owned(), id.to_owned()));
            }
        }
    }
    ops.sort();
    ops
}

fn schema_names(doc: &Value) -> BTreeSet<String> {
    get(get(doc, "components"), "schemas")
        .as_mapping()
        .map(|m| m.keys().map(key_str).collect())
        .unwrap_or_default()
}

#[test]
fn spec_matches_upstream_facts() {
    let Some(upstream) = upstream() else { return };
    let ours = ours();
    let expected = slice(&upstream);

    // Upstream itself still has the Calls API we know.
    let up_paths = mapping(get(&expected, "paths"), "upstream paths");
    let our_paths = mapping(get(&ours, "paths"), "our paths");
    let up_ops = operations(up_paths);
    let up_schemas = schema_names(&expected);
    assert_eq!(up_paths.len(), EXPECTED_PATHS, "upstream Calls paths");
    assert_eq!(
        up_ops.len(),
        EXPECTED_OPERATIONS,
        "upstream Calls operations"
    );
    assert_eq!(up_schemas.len(), EXPECTED_SCHEMAS, "upstream Calls schemas");

    // Coverage: the same paths, operations and schemas on both sides.
    let mut coverage = Vec::new();
    let mut same_set = |what: &str, up: BTreeSet<String>, ours: BTreeSet<String>| {
        for missing in up.difference(&ours) {
            coverage.push(format!("{what} missing from spec/calls.yaml: {missing}"));
        }
        for extra in ours.difference(&up) {
            coverage.push(format!("{what} not in upstream: {extra}"));
        }
    };
    let set = |m: &Mapping| m.keys().map(key_str).collect::<BTreeSet<_>>();
    same_set("path", set(up_paths), set(our_paths));
    let op_set = |ops: Vec<(String, String, String)>| {
        ops.into_iter()
            .map(|(p, m, id)| format!("{id} ({} {p})", m.to_uppercase()))
            .collect()
    };
    same_set(
        "operation",
        op_set(up_ops.clone()),
        op_set(operations(our_paths)),
    );
    same_set("schema", up_schemas.clone(), schema_names(&ours));
    // Ours must not carry schemas that nothing uses either.
    let reached = reachable_schemas(&ours, get(&ours, "paths"));
    for name in schema_names(&ours).difference(&set(&reached)) {
        coverage.push(format!(
            "schema not reached from any path of spec/calls.yaml: {name}"
        ));
    }

    // Then every fact, everywhere: `info` and prose keys aside, and the operations' `callbacks`
    // (the requests Twilio sends to the application): they are additions of this project, which
    // Twilio's document does not describe (see the README, "Receiving Twilio's requests").
    let mut ours_sliced = mapping(&ours, "spec").clone();
    ours_sliced.remove("info");
    let callbacks = strip_callbacks(&mut ours_sliced);
    assert!(callbacks >= 9, "{callbacks} operations with callbacks");
    let mut differences = Vec::new();
    compare(
        "",
        &expected,
        &Value::Mapping(ours_sliced),
        false,
        &mut differences,
    );

    if !coverage.is_empty() || !differences.is_empty() {
        let mut report = String::new();
        for c in &coverage {
            writeln!(report, "{c}").unwrap();
        }
        writeln!(
            report,
            "spec/calls.yaml differs from Twilio's document in {} place(s):",
            differences.len()
        )
        .unwrap();
        for d in &differences {
            writeln!(
                report,
                "  {}\n    upstream: {}\n    ours:     {}",
                d.pointer, d.upstream, d.ours
            )
            .unwrap();
        }
        panic!("{report}");
    }
    println!(
        "spec/calls.yaml agrees with upstream: {} paths, {} operations, {} schemas",
        up_paths.len(),
        up_ops.len(),
        up_schemas.len()
    );
}

/// Removes `callbacks` from every operation of `doc` (a document's root mapping) and returns how
/// many operations had them.
fn strip_callbacks(doc: &mut Mapping) -> usize {
    let mut count = 0;
    if let Some(Value::Mapping(paths)) = doc.get_mut("paths") {
        for item in paths.values_mut() {
            let Value::Mapping(item) = item else { continue };
            for method in METHODS {
                if let Some(Value::Mapping(op)) = item.get_mut(method) {
                    count += usize::from(op.remove("callbacks").is_some());
                }
            }
        }
    }
    count
}

/// Every `description` and `summary` string in `v`, by JSON pointer.
fn prose(pointer: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Mapping(m) => {
            for (k, v) in m {
                let k = key_str(k);
                let child = format!("{pointer}/{}", token(&k));
                match (k.as_str(), v) {
                    ("description" | "summary", Value::String(s)) => {
                        out.insert(child, s.clone());
                    }
                    _ => prose(&child, v, out),
                }
            }
        }
        Value::Sequence(s) => {
            for (i, v) in s.iter().enumerate() {
                prose(&format!("{pointer}/{i}"), v, out);
            }
        }
        _ => {}
    }
}

#[test]
fn descriptions_are_our_own() {
    let Some(upstream) = upstream() else { return };
    let ours = ours();
    let mut up_prose = BTreeMap::new();
    prose("", &slice(&upstream), &mut up_prose);
    // `info` is not in the slice; compare it too.
    prose("/info", get(&upstream, "info"), &mut up_prose);
    let mut our_prose = BTreeMap::new();
    prose("", &ours, &mut our_prose);
    let normalise = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let copied_anywhere: BTreeSet<String> = up_prose
        .values()
        .map(|s| normalise(s))
        .filter(|s| s.len() > 20)
        .collect();

    let mut copies = Vec::new();
    for (pointer, text) in &our_prose {
        let text = normalise(text);
        if text.len() <= 20 {
            continue;
        }
        if up_prose
            .get(pointer)
            .is_some_and(|up| normalise(up) == text)
        {
            copies.push(format!("  {pointer} (same place): {text}"));
        } else if copied_anywhere.contains(&text) {
            copies.push(format!("  {pointer} (found elsewhere upstream): {text}"));
        }
    }
    assert!(
        copies.is_empty(),
        "{} description(s) in spec/calls.yaml are copied from Twilio's document:\n{}",
        copies.len(),
        copies.join("\n")
    );
}

#[test]
fn spec_is_valid_openapi_with_examples() {
    let text = std::fs::read_to_string(root().join("spec/calls.yaml")).unwrap();
    let api: openapiv3::OpenAPI = serde_yaml::from_str(&text).expect("spec/calls.yaml as OpenAPI");
    assert_eq!(api.openapi, "3.0.1");
    assert_eq!(api.paths.paths.len(), EXPECTED_PATHS, "paths");
    let ops: Vec<_> = api.operations().collect();
    assert_eq!(ops.len(), EXPECTED_OPERATIONS, "operations");

    let mut problems = Vec::new();
    let mut ids = BTreeSet::new();
    for (path, method, op) in &ops {
        let at = format!("{} {path}", method.to_uppercase());
        let Some(id) = &op.operation_id else {
            problems.push(format!("{at}: no operationId"));
            continue;
        };
        if !ids.insert(id.clone()) {
            problems.push(format!("{at}: operationId {id} is used twice"));
        }
        if op.summary.as_deref().unwrap_or("").is_empty()
            || op.description.as_deref().unwrap_or("").is_empty()
        {
            problems.push(format!("{id}: needs a summary and a description"));
        }
        for p in &op.parameters {
            match p {
                openapiv3::ReferenceOr::Item(p) => {
                    let data = p.parameter_data_ref();
                    if data.description.as_deref().unwrap_or("").is_empty() {
                        problems.push(format!("{id}: parameter {} has no description", data.name));
                    }
                }
                openapiv3::ReferenceOr::Reference { reference } => {
                    problems.push(format!("{id}: unexpected parameter $ref {reference}"));
                }
            }
        }
        if let Some(openapiv3::ReferenceOr::Item(body)) = &op.request_body {
            for (media, m) in &body.content {
                if media == "application/x-www-form-urlencoded"
                    && m.examples.is_empty()
                    && m.example.is_none()
                {
                    problems.push(format!("{id}: the form body has no example"));
                }
            }
        }
        // Every response with a body has an example; so has every operation that returns one.
        let mut with_body = 0;
        for (status, r) in &op.responses.responses {
            let openapiv3::ReferenceOr::Item(r) = r else {
                problems.push(format!("{id}: unexpected response $ref at {status}"));
                continue;
            };
            for (media, m) in &r.content {
                with_body += 1;
                if m.examples.is_empty() && m.example.is_none() {
                    problems.push(format!("{id}: response {status} {media} has no example"));
                }
            }
        }
        let bodiless_success = op
            .responses
            .responses
            .keys()
            .any(|s| matches!(s, openapiv3::StatusCode::Code(204)));
        if with_body == 0 && !bodiless_success {
            problems.push(format!("{id}: no response example"));
        }
    }

    // Every schema property (component or inline) is documented, except bare `$ref`s, which
    // take the referenced schema's description.
    let doc: Value = serde_yaml::from_str(&text).unwrap();
    undocumented_properties("", &doc, false, &mut problems);
    for (name, schema) in mapping(get(get(&doc, "components"), "schemas"), "schemas") {
        if get(schema, "description").as_str().unwrap_or("").is_empty() {
            problems.push(format!("schema {} has no description", key_str(name)));
        }
    }

    assert!(
        problems.is_empty(),
        "spec/calls.yaml:\n  {}",
        problems.join("\n  ")
    );
}

fn undocumented_properties(pointer: &str, v: &Value, is_properties: bool, out: &mut Vec<String>) {
    match v {
        Value::Mapping(m) => {
            for (k, v) in m {
                let k = key_str(k);
                let child = format!("{pointer}/{}", token(&k));
                if is_properties
                    && v.get("$ref").is_none()
                    && get(v, "description").as_str().unwrap_or("").is_empty()
                {
                    out.push(format!("{child}: property without a description"));
                }
                let child_is_properties = !is_properties && k == "properties";
                if !matches!(k.as_str(), "examples" | "example") || is_properties {
                    undocumented_properties(&child, v, child_is_properties, out);
                }
            }
        }
        Value::Sequence(s) => {
            for (i, v) in s.iter().enumerate() {
                undocumented_properties(&format!("{pointer}/{i}"), v, false, out);
            }
        }
        _ => {}
    }
}

/// The JSON type of a value in an example (`None` for `null`).
fn kind(v: &Value) -> Option<&'static str> {
    match v {
        Value::Null => None,
        Value::Bool(_) => Some("boolean"),
        Value::Number(_) => Some("number"),
        Value::String(_) => Some("string"),
        Value::Sequence(_) => Some("array"),
        Value::Mapping(_) => Some("object"),
        Value::Tagged(t) => kind(&t.value),
    }
}

/// The types of the values in an example, by path (`calls[].price`).
fn shapes(path: &str, v: &Value, out: &mut BTreeMap<String, BTreeSet<&'static str>>) {
    if let Some(k) = kind(v) {
        out.entry(path.to_owned()).or_default().insert(k);
    }
    match v {
        Value::Mapping(m) => {
            for (k, child) in m {
                let child_path = if path.is_empty() {
                    key_str(k)
                } else {
                    format!("{path}.{}", key_str(k))
                };
                shapes(&child_path, child, out);
            }
        }
        Value::Sequence(items) => {
            for item in items {
                shapes(&format!("{path}[]"), item, out);
            }
        }
        _ => {}
    }
}

/// The types of the values of every response example, by `operationId status media-type`, and
/// of every `example` of a schema property, by the property's pointer.
fn example_shapes(doc: &Value) -> BTreeMap<String, BTreeMap<String, BTreeSet<&'static str>>> {
    let mut out: BTreeMap<String, BTreeMap<String, BTreeSet<&'static str>>> = BTreeMap::new();
    for item in mapping(get(doc, "paths"), "paths").values() {
        let Value::Mapping(item) = item else { continue };
        for (method, op) in item {
            if !METHODS.contains(&key_str(method).as_str()) {
                continue;
            }
            let id = key_str(get(op, "operationId"));
            let Some(Value::Mapping(responses)) = op.get("responses") else {
                continue;
            };
            for (status, response) in responses {
                let Some(Value::Mapping(content)) = response.get("content") else {
                    continue;
                };
                for (media_type, content) in content {
                    let key = format!("{id} {} {}", key_str(status), key_str(media_type));
                    let entry = out.entry(key).or_default();
                    if let Some(example) = content.get("example") {
                        shapes("", example, entry);
                    }
                    if let Some(Value::Mapping(examples)) = content.get("examples") {
                        for example in examples.values() {
                            shapes("", get(example, "value"), entry);
                        }
                    }
                }
            }
        }
    }
    let schemas = get(get(doc, "components"), "schemas");
    for (name, schema) in mapping(schemas, "schemas") {
        let Some(Value::Mapping(properties)) = schema.get("properties") else {
            continue;
        };
        for (property, p) in properties {
            if let Some(example) = p.get("example") {
                let key = format!("{}.{}", key_str(name), key_str(property));
                shapes("", example, out.entry(key).or_default());
            }
        }
    }
    out.retain(|_, paths| !paths.is_empty());
    out
}

/// Examples are ours, but the type of each value is Twilio's: where Twilio's document shows a
/// value of a field (in an example of the same response, or the `example` of the same property),
/// ours has the same JSON type (a price Twilio writes as `"-0.0025"` is a string in ours too).
#[test]
fn example_value_types_match_upstream() {
    let Some(upstream) = upstream() else { return };
    let up = example_shapes(&slice(&upstream));
    let ours = example_shapes(&ours());
    let mut compared = 0;
    let mut differences = Vec::new();
    for (place, paths) in &ours {
        let Some(up_paths) = up.get(place) else {
            continue;
        };
        for (path, kinds) in paths {
            let Some(up_kinds) = up_paths.get(path) else {
                continue;
            };
            compared += 1;
            if !kinds.is_subset(up_kinds) {
                differences.push(format!(
                    "{place}: `{path}` is {kinds:?} in spec/calls.yaml, {up_kinds:?} in Twilio's document"
                ));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "{} example value(s) of another type than Twilio's:\n{}",
        differences.len(),
        differences.join("\n")
    );
    assert!(compared > 300, "only {compared} example values compared");
    println!("{compared} example values have Twilio's types");
}

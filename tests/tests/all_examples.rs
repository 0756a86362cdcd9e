//! Every example response body of every operation of all of Twilio's documents in
//! `../shared/twilio-oai/` decodes through the types generated from its document.
//!
//! Each document is generated (as a user would, whole) into a crate of its own under
//! `target/all-examples/crates/`; one runner crate beside them embeds every example body of a
//! successful (2xx) JSON response and decodes it with `twilio_runtime::decode_json` into the
//! response type of its operation (as the generated client does), taken from the lowered and
//! named model. The runner is built and run offline with the workspace's `Cargo.lock` in
//! `target/generated-check/` (its dependencies are built once), and the test fails with a report
//! per document on any error: a document that does not generate, an example that does not
//! decode, an example whose operation has no generated function or type.
//!
//! Operations the generator skips (it says so with a warning) have no function; their examples are
//! decoded through the response's component type when another operation reaches it, and listed in
//! the report otherwise (none now: the JSON-body operations that were are generated).
//!
//! Every example of a JSON request body is checked too: the whole body through the type the
//! builder takes (for a body that is not an object), or each member through the type of the
//! builder's field of that name (a member that is not a field fails); decoded, written back and
//! compared with the example.
//!
//! Examples of responses that are not successes are not response bodies the client decodes: the
//! five 3xx examples (`{"redirect_to": ...}`, of operations that declare only a redirect) and one
//! 429 Twilio error document. The 429 example is decoded as the client reads an error (it must
//! become an `Error::Api`); each 3xx one must belong to an operation generated as returning a
//! `twilio_runtime::Redirect` (its status and `Location`; the body is not read), listed by
//! operation so that a change shows.
//!
//! Without `../shared` the test prints why it skipped and passes; with `CI=true` it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use twilio_codegen::Selection;
use twilio_codegen::model::{Api, RequestBody, ResponseKind, TypeId, TypeRef};

/// One example body and what to decode it as.
struct Example {
    operation: String,
    name: String,
    status: String,
    body: String,
    /// The component schema of the response, when it is a `$ref` to one.
    schema: Option<String>,
    /// An example of a JSON request body rather than of a response.
    request: bool,
}

/// The Rust type of a response, as the runner names it.
fn rust_type(api: &Api, krate: &str, ty: &TypeRef) -> Option<String> {
    Some(match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::I32 => "i32".to_owned(),
        TypeRef::I64 => "i64".to_owned(),
        TypeRef::F64 => "f64".to_owned(),
        TypeRef::Decimal => "twilio_runtime::Decimal".to_owned(),
        TypeRef::Json => "serde_json::Value".to_owned(),
        TypeRef::Array(inner) => format!("Vec<{}>", rust_type(api, krate, inner)?),
        TypeRef::Map(inner) => format!(
            "std::collections::BTreeMap<String, {}>",
            rust_type(api, krate, inner)?
        ),
        TypeRef::Named(id) => format!("{krate}::{}", api.types.get(id)?.name),
        TypeRef::DateTime { .. } | TypeRef::Date => return None,
    })
}

/// Every example of every response of every operation, by operationId.
fn examples(doc: &serde_json::Value) -> Vec<Example> {
    let mut out = Vec::new();
    let Some(paths) = doc["paths"].as_object() else {
        return out;
    };
    for item in paths.values() {
        for method in ["get", "post", "put", "patch", "delete"] {
            let Some(op) = item.get(method) else { continue };
            let id = op["operationId"].as_str().unwrap_or_default().to_owned();
            // Examples of JSON request bodies.
            let body = resolve(doc, &op["requestBody"]);
            for (media_type, content) in body["content"].as_object().into_iter().flatten() {
                if !media_type.contains("json") {
                    continue;
                }
                let mut add = |name: String, value: &serde_json::Value| {
                    out.push(Example {
                        operation: id.clone(),
                        name,
                        status: "request".to_owned(),
                        body: serde_json::to_string(value).unwrap(),
                        schema: None,
                        request: true,
                    });
                };
                if let Some(value) = content.get("example") {
                    add("example".to_owned(), value);
                }
                for (name, example) in content["examples"].as_object().into_iter().flatten() {
                    add(name.clone(), &resolve(doc, example)["value"]);
                }
            }
            let Some(responses) = op["responses"].as_object() else {
                continue;
            };
            for (status, response) in responses {
                let response = resolve(doc, response);
                let Some(content) = response["content"].as_object() else {
                    continue;
                };
                for (media_type, content) in content {
                    let schema = content["schema"]["$ref"]
                        .as_str()
                        .and_then(|r| r.strip_prefix("#/components/schemas/"))
                        .map(|key| key.replace("~1", "/").replace("~0", "~"));
                    let mut add = |name: String, value: &serde_json::Value| {
                        let body = if media_type.contains("json") {
                            serde_json::to_string(value).unwrap()
                        } else {
                            value.as_str().map_or_else(
                                || serde_json::to_string(value).unwrap(),
                                str::to_owned,
                            )
                        };
                        out.push(Example {
                            operation: id.clone(),
                            name,
                            status: status.clone(),
                            body,
                            schema: schema.clone(),
                            request: false,
                        });
                    };
                    if let Some(value) = content.get("example") {
                        add("example".to_owned(), value);
                    }
                    for (name, example) in content["examples"].as_object().into_iter().flatten() {
                        add(name.clone(), &resolve(doc, example)["value"]);
                    }
                }
            }
        }
    }
    out
}

/// `value`, or what its local `$ref` points to.
fn resolve<'a>(doc: &'a serde_json::Value, value: &'a serde_json::Value) -> &'a serde_json::Value {
    match value["$ref"].as_str().and_then(|r| r.strip_prefix('#')) {
        Some(pointer) => doc.pointer(pointer).unwrap_or(value),
        None => value,
    }
}

/// A raw string literal holding `text`.
fn literal(text: &str) -> String {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
}

/// What one document gave.
#[derive(Default)]
struct Document {
    /// Why it could not be generated or decoded at all.
    problems: Vec<String>,
    /// Examples put in the runner.
    decoded: usize,
    /// Non-success examples listed rather than decoded: `operation status`.
    listed: Vec<String>,
    /// Operations the generator skips (with a warning, quoted): their examples are decoded
    /// through the response's component type when the crate has it, listed otherwise.
    unsupported: BTreeMap<String, String>,
}

#[test]
fn every_example_of_every_document_decodes() {
    let folder = common::shared_dir().join("twilio-oai");
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) => {
            common::shared_missing("every_example_of_every_document_decodes", &folder, &e);
            return;
        }
    };
    let mut specs: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    specs.sort();
    assert_eq!(specs.len(), 55, "Twilio's documents: {specs:?}");

    let started = std::time::Instant::now();
    let base = common::root().join("target/all-examples");
    let mut documents: BTreeMap<String, Document> = BTreeMap::new();
    let mut runner = String::from(
        "//! Generated by tests/tests/all_examples.rs: decodes every example.\n\
         #![allow(clippy::all)]\n\
         fn check<T: serde::de::DeserializeOwned>(doc: &str, op: &'static str, name: &str, body: &str) -> usize {\n\
         \x20   match twilio_runtime::decode_json::<T>(op, body.as_bytes()) {\n\
         \x20       Ok(_) => { println!(\"OK {doc}\"); 0 }\n\
         \x20       Err(e) => { println!(\"FAIL {doc} {op} {name}: {e}\"); 1 }\n\
         \x20   }\n\
         }\n\
         fn check_error(doc: &str, op: &'static str, name: &str, body: &str) -> usize {\n\
         \x20   match twilio_runtime::decode_json::<serde_json::Value>(op, body.as_bytes()) {\n\
         \x20       Ok(v) if v.get(\"code\").is_some_and(|c| c.is_u64()) || v.get(\"message\").is_some_and(|m| m.is_string()) => { println!(\"OK {doc}\"); 0 }\n\
         \x20       other => { println!(\"FAIL {doc} {op} {name}: not a Twilio error document: {other:?}\"); 1 }\n\
         \x20   }\n\
         }\n\
         /// A request example, or one member of it, through the type the builder takes: decoded,\n\
         /// written back and compared (members that are `null` are left out, as the client leaves\n\
         /// out values that are not set).\n\
         fn check_request<T: serde::de::DeserializeOwned + serde::Serialize>(doc: &str, op: &'static str, name: &str, body: &str) -> usize {\n\
         \x20   fn strip(v: &mut serde_json::Value) { match v { serde_json::Value::Object(m) => { m.retain(|_, x| !x.is_null()); m.values_mut().for_each(strip); } serde_json::Value::Array(a) => a.iter_mut().for_each(strip), _ => {} } }\n\
         \x20   let mut input: serde_json::Value = serde_json::from_str(body).unwrap();\n\
         \x20   strip(&mut input);\n\
         \x20   match twilio_runtime::decode_json::<T>(op, body.as_bytes()).map(|v| serde_json::to_value(&v).unwrap()) {\n\
         \x20       Ok(mut again) => { strip(&mut again); if again == input { println!(\"OK {doc}\"); 0 } else { println!(\"FAIL {doc} {op} {name}: written back as {again}, not {input}\"); 1 } }\n\
         \x20       Err(e) => { println!(\"FAIL {doc} {op} {name}: {e}\"); 1 }\n\
         \x20   }\n\
         }\n\
         fn main() {\n    let mut failures = 0;\n",
    );
    let mut dependencies = String::new();
    for spec in &specs {
        let stem = spec
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .trim_start_matches("twilio_")
            .to_owned();
        let document = documents.entry(stem.clone()).or_default();
        let text = std::fs::read_to_string(spec).unwrap();
        let crate_name = format!("ex-{}", stem.replace('_', "-"));
        let krate = crate_name.replace('-', "_");
        let out = base.join("crates").join(&stem);
        let options = twilio_codegen::project::options(
            &common::root(),
            spec,
            &out,
            Some(&crate_name),
            Selection::default(),
        );
        let json: serde_json::Value = serde_yaml::from_str(&text).unwrap();
        let all = examples(&json);
        if count_operations(&json) == 0 {
            // Documents without operations pass; they must not have examples either.
            if !all.is_empty() {
                document
                    .problems
                    .push(format!("{} examples but no operation", all.len()));
            }
            continue;
        }
        let output = match twilio_codegen::generate(&text, &options) {
            Ok(output) => output,
            Err(e) => {
                document.problems.push(format!("does not generate: {e}"));
                continue;
            }
        };
        let doc = twilio_codegen::load::parse(&text).unwrap();
        let mut api = twilio_codegen::lower::lower(&doc, &Selection::default()).unwrap();
        twilio_codegen::names::assign(&mut api).unwrap();
        // Unchanged files are left as they are (and stale ones removed), so that a second run
        // rebuilds nothing.
        twilio_codegen::write::write(&out, &output.files).unwrap();
        writeln!(
            dependencies,
            "{crate_name} = {{ path = \"../crates/{stem}\" }}"
        )
        .unwrap();
        for example in all {
            let label = format!("{}/{}", example.status, example.name);
            if example.request {
                request_checks(&api, &krate, &stem, &example, document, &mut runner);
                continue;
            }
            let status: u16 = example.status.parse().unwrap_or(0);
            let operation = api.operations.iter().find(|o| o.id == example.operation);
            if !(200..300).contains(&status) {
                if status >= 400 {
                    document.decoded += 1;
                    writeln!(
                        runner,
                        "    failures += check_error({stem:?}, {:?}, {label:?}, {});",
                        example.operation,
                        literal(&example.body)
                    )
                    .unwrap();
                } else {
                    // A redirect: the generated function returns it (`twilio_runtime::Redirect`,
                    // status and `Location`), the body is not read.
                    match operation.map(|o| &o.response) {
                        Some(ResponseKind::Redirect) => document
                            .listed
                            .push(format!("{} {}", example.operation, example.status)),
                        other => document.problems.push(format!(
                            "{} {label}: a redirect example, but the operation is {}",
                            example.operation,
                            match other {
                                None => "not generated".to_owned(),
                                Some(kind) => format!("generated as {kind:?}"),
                            }
                        )),
                    }
                }
                continue;
            }
            let skipped = |warning: &&twilio_codegen::Warning| {
                warning
                    .message
                    .contains(&format!("operation `{}` skipped", example.operation))
                    || warning
                        .message
                        .contains(&format!("`{}` declares no 2xx", example.operation))
            };
            let Some(operation) = operation else {
                let Some(warning) = output.warnings.iter().find(skipped) else {
                    document.problems.push(format!(
                        "{} {label}: the operation was not generated, without a warning",
                        example.operation
                    ));
                    continue;
                };
                // Through the response's component type, when another operation reaches it.
                let component = example
                    .schema
                    .as_ref()
                    .map(|key| TypeId::Component(key.clone()))
                    .filter(|id| api.types.contains_key(id));
                match component {
                    Some(id) => {
                        let ty = rust_type(&api, &krate, &TypeRef::Named(id)).unwrap();
                        document.decoded += 1;
                        writeln!(
                            runner,
                            "    failures += check::<{ty}>({stem:?}, {:?}, {label:?}, {});",
                            example.operation,
                            literal(&example.body)
                        )
                        .unwrap();
                    }
                    None => {
                        document
                            .unsupported
                            .insert(example.operation.clone(), warning.message.clone());
                    }
                }
                continue;
            };
            let ty = match &operation.response {
                ResponseKind::Json(ty) => rust_type(&api, &krate, ty),
                ResponseKind::Page(id) => rust_type(&api, &krate, &TypeRef::Named(id.clone())),
                ResponseKind::Empty => {
                    document.problems.push(format!(
                        "{} {label}: an example body, but the operation has no response body",
                        example.operation
                    ));
                    continue;
                }
                ResponseKind::Xml(_) | ResponseKind::Text { .. } | ResponseKind::Redirect => {
                    document.problems.push(format!(
                        "{} {label}: not a JSON response",
                        example.operation
                    ));
                    continue;
                }
            };
            let Some(ty) = ty else {
                document.problems.push(format!(
                    "{} {label}: no Rust type for the response",
                    example.operation
                ));
                continue;
            };
            document.decoded += 1;
            writeln!(
                runner,
                "    failures += check::<{ty}>({stem:?}, {:?}, {label:?}, {});",
                example.operation,
                literal(&example.body)
            )
            .unwrap();
        }
    }
    runner.push_str("    std::process::exit(if failures == 0 { 0 } else { 1 });\n}\n");
    let generated = started.elapsed();

    let runner_dir = base.join("runner");
    std::fs::create_dir_all(runner_dir.join("src")).unwrap();
    std::fs::write(
        runner_dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"all-examples-runner\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nserde = \"1\"\nserde_json = \"1\"\ntwilio-runtime = {{ path = {:?} }}\n{dependencies}\n\
             [workspace]\n\n[profile.dev]\ndebug = false\nincremental = false\n",
            common::root().join("runtime").display().to_string()
        ),
    )
    .unwrap();
    write_if_changed(&runner_dir.join("src/main.rs"), &runner);
    std::fs::copy(
        common::root().join("Cargo.lock"),
        runner_dir.join("Cargo.lock"),
    )
    .unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let built = std::time::Instant::now();
    let run = Command::new(cargo)
        .current_dir(&runner_dir)
        .args(["run", "--offline", "--quiet", "--target-dir"])
        .arg(common::check_target_dir())
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .output()
        .unwrap();
    eprintln!(
        "generated {} documents in {:.1}s; built and ran the runner in {:.1}s",
        specs.len(),
        generated.as_secs_f64(),
        built.elapsed().as_secs_f64()
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    let mut ok: BTreeMap<&str, usize> = BTreeMap::new();
    for line in stdout.lines() {
        if let Some(doc) = line.strip_prefix("OK ") {
            *ok.entry(doc).or_default() += 1;
        } else if let Some(failure) = line.strip_prefix("FAIL ") {
            let (doc, rest) = failure.split_once(' ').unwrap();
            documents
                .get_mut(doc)
                .unwrap()
                .problems
                .push(rest.to_owned());
        }
    }
    let ran = run.status.success() || stdout.contains("FAIL ");
    assert!(
        ran,
        "the runner did not build or run:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let mut report = String::new();
    let mut failed = 0;
    let mut total = 0;
    for (name, document) in &documents {
        let decoded = ok.get(name.as_str()).copied().unwrap_or(0);
        total += decoded;
        let status = if document.problems.is_empty() {
            "ok"
        } else {
            failed += 1;
            "FAILED"
        };
        writeln!(
            report,
            "{name:<24} {status:<6} {decoded:>4} of {:>4} examples decoded{}",
            document.decoded,
            if document.listed.is_empty() {
                String::new()
            } else {
                format!(
                    "; not decoded (not a success): {}",
                    document.listed.join(", ")
                )
            }
        )
        .unwrap();
        for (operation, warning) in &document.unsupported {
            writeln!(
                report,
                "    not decoded, {operation} is not generated (no type for its response): {warning}"
            )
            .unwrap();
        }
        for problem in &document.problems {
            writeln!(report, "    {problem}").unwrap();
        }
    }
    eprintln!("{report}");
    eprintln!("{total} examples decoded in {} documents", documents.len());
    assert_eq!(failed, 0, "{failed} documents failed:\n{report}");
    // The redirect examples: each operation is generated and returns the redirect (checked
    // above; the wire behaviour is `runtime/tests/redirect.rs`).
    let listed: Vec<String> = documents
        .iter()
        .flat_map(|(name, d)| d.listed.iter().map(move |l| format!("{name} {l}")))
        .collect();
    assert_eq!(
        listed,
        [
            "api_v2010 FetchRecordingAddOnResultPayloadData 307",
            "bulkexports_v1 FetchDay 307",
            "iam_organizations FetchAuthorize 302",
            "messaging_v1 FetchDeactivation 307",
            "oauth_v1 FetchAuthorize 302",
        ]
    );
    // Operations the generator skips, with the warning it gives, whose response type no other
    // operation reaches: their examples cannot be decoded through a generated type. None.
    let unsupported: usize = documents.values().map(|d| d.unsupported.len()).sum();
    assert_eq!(unsupported, 0, "operations not generated:\n{report}");
    assert!(total > 1700, "only {total} examples decoded");
}

/// The checks of one example of a JSON request body: the whole body through the builder's
/// value, or each member through the type of the builder's field of that name.
fn request_checks(
    api: &Api,
    krate: &str,
    stem: &str,
    example: &Example,
    document: &mut Document,
    runner: &mut String,
) {
    let label = format!("request/{}", example.name);
    let body = api
        .operations
        .iter()
        .find(|o| o.id == example.operation)
        .and_then(|o| o.body.as_ref())
        .and_then(RequestBody::json);
    let Some(body) = body else {
        document.problems.push(format!(
            "{} {label}: the operation has no JSON request body",
            example.operation
        ));
        return;
    };
    let type_of = |p: &twilio_codegen::model::Param| {
        rust_type(api, krate, &p.ty).unwrap_or_else(|| "String".to_owned())
    };
    let mut check = |name: String, ty: String, json: String| {
        document.decoded += 1;
        writeln!(
            runner,
            "    failures += check_request::<{ty}>({stem:?}, {:?}, {name:?}, {});",
            example.operation,
            literal(&json)
        )
        .unwrap();
    };
    if let Some(value) = &body.value {
        check(label, type_of(value), example.body.clone());
        return;
    }
    let json: serde_json::Value = serde_json::from_str(&example.body).unwrap();
    for (member, value) in json.as_object().into_iter().flatten() {
        let Some(field) = body.fields.iter().find(|f| &f.wire_name == member) else {
            document.problems.push(format!(
                "{} {label}: `{member}` is not a field of the body",
                example.operation
            ));
            continue;
        };
        if value.is_null() {
            continue;
        }
        check(
            format!("{label}/{member}"),
            type_of(field),
            value.to_string(),
        );
    }
}

/// The operations a document declares (get, post, put, patch, delete).
fn count_operations(doc: &serde_json::Value) -> usize {
    doc["paths"].as_object().map_or(0, |paths| {
        paths
            .values()
            .map(|item| {
                ["get", "post", "put", "patch", "delete"]
                    .iter()
                    .filter(|m| item.get(**m).is_some())
                    .count()
            })
            .sum()
    })
}

/// Writes `text` unless the file already holds it (so that cargo sees no change).
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}

//! OpenAPI 3.1 documents and valid but unusual 3.0 ones: one fixture per construct
//! (`tests/fixtures/openapi31/`, `tests/fixtures/unusual/`), what each is read as, and every
//! fixture's crate passing `cargo clippy --all-targets -- -D warnings`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use twilio_codegen::{Selection, project};

const FOLDERS: [&str; 2] = ["tests/fixtures/openapi31", "tests/fixtures/unusual"];

fn text(label: &str) -> String {
    std::fs::read_to_string(common::root().join(label)).unwrap()
}

/// The generated files of a fixture in one text (each under `==> path <==`), and its warnings.
fn generate(label: &str) -> (String, Vec<String>) {
    let root = common::root();
    let options = project::options(
        &root,
        Path::new(label),
        &root.join("target/openapi31-fixtures/x"),
        Some("fixture"),
        Selection::default(),
    );
    let out =
        twilio_codegen::generate(&text(label), &options).unwrap_or_else(|e| panic!("{label}: {e}"));
    let mut code = String::new();
    for f in &out.files {
        code.push_str(&format!("==> {} <==\n{}\n", f.path, f.text));
    }
    (code, out.warnings.iter().map(ToString::to_string).collect())
}

/// The document as the loader hands it on (normalised to 3.0).
fn loaded(label: &str) -> serde_json::Value {
    twilio_codegen::load::parse(&text(label)).unwrap().raw
}

fn has_warning(warnings: &[String], pointer: &str, words: &str) -> bool {
    warnings
        .iter()
        .any(|w| w.starts_with(&format!("{pointer}: ")) && w.contains(words))
}

#[test]
fn a_type_array_with_null_is_an_optional_value() {
    let (code, warnings) = generate("tests/fixtures/openapi31/null_type.yaml");
    // `nickname` is required, but may be null: optional all the same.
    assert!(code.contains("pub nickname: Option<String>"), "{code}");
    assert!(code.contains("pub age: Option<i64>"), "{code}");
    // `type: ["null"]` says nothing of the value: any JSON, with a located warning.
    assert!(
        has_warning(
            &warnings,
            "#/components/schemas/dog/properties/anything/type",
            "always null"
        ),
        "{warnings:?}"
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
}

#[test]
fn const_is_a_one_value_enum() {
    let raw = loaded("tests/fixtures/openapi31/const.yaml");
    let kind = raw
        .pointer("/paths/~1v1~1Dogs~1{Sid}/get/responses/200/content/application~1json/schema/properties/kind")
        .unwrap();
    assert_eq!(kind["enum"], serde_json::json!(["canine"]));
    assert!(kind.get("const").is_none());
    let (code, warnings) = generate("tests/fixtures/openapi31/const.yaml");
    assert!(
        code.contains("Canine,") && code.contains("\"canine\" => Self::Canine"),
        "{code}"
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn examples_become_the_first_example() {
    let raw = loaded("tests/fixtures/openapi31/examples.yaml");
    let name = raw
        .pointer("/paths/~1v1~1Dogs/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/Name")
        .unwrap();
    assert_eq!(name["example"], "Rex");
    assert!(name.get("examples").is_none());
    let (code, warnings) = generate("tests/fixtures/openapi31/examples.yaml");
    assert!(code.contains("pub fn new(name: impl"), "{code}");
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn numeric_exclusive_bounds_become_bounds_marked_exclusive() {
    let raw = loaded("tests/fixtures/openapi31/exclusive_bounds.yaml");
    let schema = raw
        .pointer("/paths/~1v1~1Dogs/get/parameters/0/schema")
        .unwrap();
    assert_eq!(
        schema,
        &serde_json::json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true,
            "maximum": 200, "exclusiveMaximum": true})
    );
    let (code, warnings) = generate("tests/fixtures/openapi31/exclusive_bounds.yaml");
    assert!(code.contains("min_weight"), "{code}");
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_ref_keeps_its_type_beside_annotations_and_constraints_wrap_it() {
    let at =
        "#/paths/~1v1~1Dogs~1{Sid}/get/responses/200/content/application~1json/schema/properties";
    let (code, warnings) = generate("tests/fixtures/openapi31/ref_siblings.yaml");
    // A description beside the `$ref`: still the referenced type.
    assert!(
        code.contains("pub owner: Option<crate::types::Person>")
            || code.contains("pub owner: Option<crate::dogs::Person>"),
        "{code}"
    );
    // A constraint beside it: `allOf` of the two, with a warning naming the place.
    assert!(
        has_warning(&warnings, &format!("{at}/walker"), "read as `allOf`"),
        "{warnings:?}"
    );
    let raw = loaded("tests/fixtures/openapi31/ref_siblings.yaml");
    let walker = raw
        .pointer(&format!("{}/walker", at.trim_start_matches('#')))
        .unwrap();
    assert_eq!(
        walker,
        &serde_json::json!({"allOf": [{"$ref": "#/components/schemas/person"}, {"required": ["name"]}]})
    );
}

#[test]
fn defs_are_hoisted_into_components_and_refs_follow() {
    let raw = loaded("tests/fixtures/openapi31/defs.yaml");
    assert!(
        raw.pointer("/components/schemas/collar/properties/colour")
            .is_some()
    );
    assert!(
        raw.pointer("/components/schemas/tag/properties/text")
            .is_some()
    );
    assert!(raw.pointer("/components/schemas/dog/$defs").is_none());
    assert_eq!(
        raw.pointer("/components/schemas/dog/properties/collar/$ref")
            .unwrap(),
        "#/components/schemas/collar"
    );
    assert_eq!(
        raw.pointer("/components/schemas/dog/properties/tags/items/$ref")
            .unwrap(),
        "#/components/schemas/tag"
    );
    let (code, warnings) = generate("tests/fixtures/openapi31/defs.yaml");
    assert!(
        code.contains("pub struct Collar") && code.contains("pub struct Tag"),
        "{code}"
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn other_31_constructs_are_located_warnings_and_webhooks_are_skipped() {
    let (code, warnings) = generate("tests/fixtures/openapi31/unsupported.yaml");
    let at =
        "#/paths/~1v1~1Dogs~1{Sid}/get/responses/200/content/application~1json/schema/properties";
    for (pointer, words) in [
        ("#/webhooks", "not generated"),
        ("#/jsonSchemaDialect", "not read"),
        ("#/info/summary", "not used"),
        ("#/info/license/identifier", "not used"),
        (&format!("{at}/position/prefixItems"), "`prefixItems`"),
        (
            &format!("{at}/photo/contentMediaType"),
            "`contentMediaType`",
        ),
        (&format!("{at}/size/if"), "`if`"),
        (&format!("{at}/size/then"), "`then`"),
    ] {
        assert!(
            has_warning(&warnings, pointer, words),
            "{pointer}: {warnings:?}"
        );
    }
    // The path item from `components/pathItems` is read.
    assert!(code.contains("pub fn fetch_dog("), "{code}");
    assert!(!code.contains("dog_arrived"), "{code}");
}

#[test]
fn no_servers_means_the_base_url_is_a_constructor_argument() {
    let (code, warnings) = generate("tests/fixtures/unusual/no_servers.yaml");
    assert!(
        has_warning(&warnings, "#/servers", "base URL at construction"),
        "{warnings:?}"
    );
    assert!(code.contains("base_url: impl Into<String>"), "{code}");
    assert!(
        code.contains(".server_variable(\"base_url\", base_url)"),
        "{code}"
    );
    assert!(code.contains("\"{base_url}\""), "{code}");
}

#[test]
fn an_operation_without_id_is_named_from_method_and_path() {
    let (code, warnings) = generate("tests/fixtures/unusual/no_operation_id.yaml");
    assert!(code.contains("pub fn get_v1_dogs_sid("), "{code}");
    assert!(code.contains("pub fn delete_v1_dogs_sid("), "{code}");
    assert!(
        has_warning(
            &warnings,
            "#/paths/~1v1~1Dogs~1{Sid}/get",
            "no `operationId`"
        ),
        "{warnings:?}"
    );
}

#[test]
fn required_on_an_array_is_ignored_with_a_warning() {
    let (code, warnings) = generate("tests/fixtures/unusual/required_non_object.yaml");
    assert!(code.contains("pub tricks: Vec<String>"), "{code}");
    let at = "#/paths/~1v1~1Dogs~1{Sid}/get/responses/200/content/application~1json/schema/properties/tricks/required";
    assert!(has_warning(&warnings, at, "ignored"), "{warnings:?}");
}

#[test]
fn type_decimal_is_a_decimal() {
    let (code, warnings) = generate("tests/fixtures/unusual/decimal.yaml");
    assert!(
        code.contains("pub weight: Option<::twilio_runtime::Decimal>"),
        "{code}"
    );
    let at = "#/paths/~1v1~1Dogs~1{Sid}/get/responses/200/content/application~1json/schema/properties/weight/type";
    assert!(has_warning(&warnings, at, "decimal"), "{warnings:?}");
}

#[test]
fn a_document_without_operations_gives_a_client_and_its_types() {
    let (code, warnings) = generate("tests/fixtures/unusual/no_operations.yaml");
    assert!(code.contains("pub struct Client"), "{code}");
    assert!(
        code.contains("pub struct Dog") && code.contains("pub struct Collar"),
        "{code}"
    );
    assert!(!code.contains("-> ::twilio_runtime::Pending<"), "{code}");
    assert!(
        has_warning(&warnings, "#/paths", "declares no operations"),
        "{warnings:?}"
    );
    // A selection that matches none of a document's operations is still an error.
    let root = common::root();
    let label = "tests/fixtures/unusual/redirect.yaml";
    let selection = Selection {
        path_prefixes: vec!["/nowhere".to_owned()],
        tags: Vec::new(),
    };
    let options = project::options(
        &root,
        Path::new(label),
        &root.join("target/x"),
        None,
        selection,
    );
    let e = twilio_codegen::generate(&text(label), &options).unwrap_err();
    assert!(
        e.to_string().starts_with("#/paths: no operation selected"),
        "{e}"
    );
}

#[test]
fn a_redirect_only_operation_returns_the_redirect() {
    let (code, warnings) = generate("tests/fixtures/unusual/redirect.yaml");
    assert!(
        code.contains(
            "::twilio_runtime::Pending<::twilio_runtime::Redirect, ::twilio_runtime::decode::Location>"
        ) || code.contains(
            "::twilio_runtime::Pending<\n        ::twilio_runtime::Redirect,\n        ::twilio_runtime::decode::Location,\n    >"
        ),
        "{code}"
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn ref_chains_of_any_length_lead_to_what_they_name() {
    let (code, warnings) = generate("tests/fixtures/openapi31/ref_chains.yaml");
    // A request body through two `requestBodies` and two schema aliases: the form's fields.
    assert!(
        code.contains("pub fn new(name: impl Into<String>) -> Self {")
            && code.contains("breed: Option<String>"),
        "{code}"
    );
    // A response through two `responses`, then an alias; a path parameter through two
    // `parameters`: typed as what the chain ends at.
    assert!(
        code.contains(") -> ::twilio_runtime::Pending<crate::dogs::Dog> {"),
        "{code}"
    );
    assert!(code.contains("sid: &crate::types::DogSid,"), "{code}");
    // A JSON body whose schema is only a `$ref` with a title and summary, twice over.
    assert!(code.contains("pub fn create_owner("), "{code}");
    assert!(code.contains("phone: Option<String>"), "{code}");
    // A type that refers to itself through an alias is recursive, not a cycle.
    assert!(
        code.contains("pub best_friend: Option<Box<crate::dogs::Dog>>"),
        "{code}"
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_ref_chain_that_comes_back_is_an_error_at_the_ref_that_does() {
    let text = text("tests/fixtures/openapi31/ref_chains.yaml").replace(
        "    dog_form_fields_v1:\n      type: object",
        "    dog_form_fields_v1:\n      $ref: '#/components/schemas/dog_form_fields'\n    unused:\n      type: object",
    );
    let root = common::root();
    let options = project::options(
        &root,
        Path::new("cycle.yaml"),
        &root.join("target/openapi31-fixtures/cycle"),
        Some("fixture"),
        Selection::default(),
    );
    let e = twilio_codegen::generate(&text, &options).unwrap_err();
    assert_eq!(
        e.pointer(),
        Some("#/components/schemas/dog_form_fields_v1"),
        "{e}"
    );
    assert!(
        e.to_string()
            .contains("`$ref` cycle through `dog_form_fields`"),
        "{e}"
    );
}

#[test]
fn an_all_of_of_one_reference_is_that_reference_wherever_a_schema_stands() {
    let (code, warnings) = generate("tests/fixtures/openapi31/ref_beside_type.yaml");
    // A referenced enum with `type` beside it, as a path parameter: a typed enum argument.
    assert!(
        code.contains(
            "pub fn create_key(\n        &self,\n        client_type: &crate::keys::ClientType,"
        ),
        "{code}"
    );
    // In a query parameter, a body, a response and a property: the referenced type.
    assert!(
        code.contains("pub fn scope(mut self, value: crate::keys::Scope) -> Self {"),
        "{code}"
    );
    assert!(code.contains("label: Option<String>"), "{code}");
    assert!(
        code.contains(") -> ::twilio_runtime::Pending<crate::keys::Key> {"),
        "{code}"
    );
    assert!(
        code.contains("pub client_type: Option<crate::keys::ClientType>"),
        "{code}"
    );
    assert!(code.contains("expires: Option<i64>"), "{code}");
    // A constraint the reference does not carry is named, where it stands.
    assert!(
        has_warning(
            &warnings,
            "#/paths/~1v1~1Clients~1{client_type}~1Keys/post/parameters/1/schema",
            "`maxLength` beside it not checked"
        ),
        "{warnings:?}"
    );
    assert!(
        has_warning(
            &warnings,
            "#/components/schemas/key_request/properties/expires",
            "`minimum` beside it not checked"
        ),
        "{warnings:?}"
    );
}

#[test]
fn a_callback_url_with_text_around_its_expression_is_read_and_another_kind_is_a_warning() {
    let (code, warnings) = generate("tests/fixtures/unusual/callback_expressions.yaml");
    assert!(code.contains("pub struct StreamData {"), "{code}");
    assert!(
        code.contains("Sent to the URL given in `callbackUrl` (the URL is `{$request.query.callbackUrl}/data`) of [`create_stream`]"),
        "{code}"
    );
    // A URL from a header: that callback is left out, with a located warning; the rest is there.
    assert!(!code.contains("StreamClosed"), "{code}");
    assert!(
        has_warning(
            &warnings,
            "#/paths/~1streams/post/callbacks/StreamClosed/{$request.header.X-Callback}",
            "callback `StreamClosed` left out"
        ),
        "{warnings:?}"
    );
    assert!(code.contains("pub fn create_stream("), "{code}");
}

/// Every fixture of both folders generates a crate that passes clippy (one cargo workspace
/// under `target/openapi31-check/`).
#[test]
fn every_fixture_crate_passes_clippy() {
    let dir = common::root().join("target/openapi31-check");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut members = Vec::new();
    for folder in FOLDERS {
        let mut files: Vec<String> = std::fs::read_dir(common::root().join(folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|f| f.ends_with(".yaml"))
            .collect();
        files.sort();
        for file in files {
            let label = Path::new(folder).join(&file);
            let kind = folder.rsplit('/').next().unwrap();
            let name = format!(
                "{kind}-{}",
                file.trim_end_matches(".yaml").replace('_', "-")
            );
            common::write_member(&dir, &name, &name, &label, &text(label.to_str().unwrap()))
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            members.push(name);
        }
    }
    assert_eq!(members.len(), 16, "{members:?}");
    common::write_workspace(&dir, &members);
    common::clippy(&dir);
}

//! Snapshot tests of the generator's output: one small fixture spec per generator feature, and the
//! Calls client itself, split by generated file so that one spec change shows one local diff.
//!
//! Review changes with `cargo insta review`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use twilio_codegen::{Selection, project};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn generate(spec: &str, out: &str) -> twilio_codegen::Output {
    let root = project::absolute(&root(), Path::new(""));
    let text = std::fs::read_to_string(root.join(spec)).unwrap();
    let options = project::options(
        &root,
        Path::new(spec),
        Path::new(out),
        None,
        Selection::default(),
    );
    twilio_codegen::generate(&text, &options).unwrap_or_else(|e| panic!("{spec}: {e}"))
}

/// All files of a fixture's crate in one snapshot, each under a `==> path <==` line; returns the
/// snapshot's text.
fn fixture(name: &str) -> String {
    let out = generate(
        &format!("tests/fixtures/{name}.yaml"),
        &format!("target/fixtures/{name}"),
    );
    let mut text = String::new();
    for f in &out.files {
        // The manifest, the README and the API digest (the fixture's code above says the same;
        // the Calls crates' snapshots show the manifest and README).
        if f.path == "Cargo.toml"
            || f.path == "README.md"
            || f.path == twilio_codegen::changes::DIGEST_FILE
        {
            continue;
        }
        text.push_str(&format!("==> {} <==\n{}\n", f.path, f.text));
    }
    for w in &out.warnings {
        text.push_str(&format!("warning: {w}\n"));
    }
    insta::assert_snapshot!(format!("fixture_{name}"), &text);
    text
}

#[test]
fn callbacks() {
    fixture("callbacks");
}

#[test]
fn composed_schemas() {
    let text = fixture("composed");
    assert!(text.contains("pub enum Label {"), "{text}");
    assert!(text.contains("pub struct Gadget {"), "{text}");
}

#[test]
fn json_body() {
    let text = fixture("json_body");
    // A form wins over JSON; JSON over XML; a non-object body is one value.
    assert!(
        text.contains("request = request.form(\"Name\", value);"),
        "{text}"
    );
    assert!(
        text.contains("request.json_object(\"application/json\")"),
        "{text}"
    );
    assert!(
        text.contains("json_body(\"application/vnd.example+json\", &params.body)"),
        "{text}"
    );
}

#[test]
fn string_enum() {
    fixture("string_enum");
}

#[test]
fn security_headers() {
    fixture("security_headers");
}

#[test]
fn nullable() {
    fixture("nullable");
}

#[test]
fn form_body_with_arrays() {
    fixture("form_arrays");
}

#[test]
fn conditional_group() {
    fixture("conditional");
}

#[test]
fn indexed_family() {
    fixture("indexed_family");
}

#[test]
fn operator_suffixed_names() {
    fixture("operator_names");
}

#[test]
fn rust_keyword_names() {
    fixture("keyword_names");
}

#[test]
fn list_page() {
    fixture("list_page");
}

#[test]
fn no_content_response() {
    fixture("no_content");
}

#[test]
fn two_success_codes() {
    fixture("two_success_codes");
}

#[test]
fn xml_bodies() {
    fixture("xml_bodies");
}

/// A plain field `Parameters` beside the family `Parameter1.Name` .. `Parameter2.Value`: the
/// family's two setters and the field's setter get three distinct names.
#[test]
fn family_beside_plural() {
    let text = fixture("family_beside_plural");
    assert!(text.contains("pub fn parameters("), "{text}");
    assert!(text.contains("pub fn parameter("), "{text}");
    assert!(text.contains("pub fn parameters_2<K, V>("), "{text}");
}

/// Indexed fields of shapes the generator does not read as name/value pairs (three keys, one key)
/// stay plain fields, with a warning naming the first member.
#[test]
fn family_shapes() {
    let text = fixture("family_shapes");
    assert!(text.contains("pub fn tag1_kind("), "{text}");
    assert!(text.contains("pub fn label3_text("), "{text}");
    assert!(
        text.contains("warning: #/paths/~1Things.json/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/Tag1.Kind: indexed fields `TagN.*` (keys `Kind`, `Name`, `Value`"),
        "{text}"
    );
    assert!(
        text.contains("warning: #/paths/~1Things.json/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/Label1.Text: indexed fields `LabelN.*` (keys `Text`"),
        "{text}"
    );
}

/// A request body given by `$ref` keeps the operation's `x-twilio.conditional` group.
#[test]
fn conditional_body_ref() {
    let text = fixture("conditional_body_ref");
    assert!(text.contains("pub enum CreateCallChoice"), "{text}");
    assert!(
        text.contains("choice: crate::calls::CreateCallChoice"),
        "{text}"
    );
}

/// The crate of every fixture in `tests/fixtures/` compiles and passes
/// `cargo clippy --all-targets -- -D warnings` (one cargo workspace under
/// `target/fixture-check/`, one member per fixture).
#[test]
fn every_fixture_crate_passes_clippy() {
    let dir = common::root().join("target/fixture-check");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut members = Vec::new();
    for file in fixture_files() {
        let label = Path::new("tests/fixtures").join(&file);
        let text = std::fs::read_to_string(common::root().join(&label)).unwrap();
        let name = file.trim_end_matches(".yaml").replace('_', "-");
        common::write_member(&dir, &name, &format!("fixture-{name}"), &label, &text)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        members.push(name);
    }
    assert!(members.len() >= 14, "{members:?}");
    common::write_workspace(&dir, &members);
    common::clippy(&dir);
}

/// Every `tests/fixtures/*.yaml`, by file name, sorted.
fn fixture_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(common::root().join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".yaml"))
        .collect();
    files.sort();
    files
}

/// Every fixture has its snapshot test in this file.
#[test]
fn every_fixture_is_snapshotted() {
    let source = include_str!("snapshots.rs");
    for file in fixture_files() {
        let call = format!("fixture(\"{}\")", file.trim_end_matches(".yaml"));
        assert!(source.contains(&call), "no snapshot test for {file}");
    }
}

/// The legacy clients (seeds 000, 001 and 002), one snapshot per generated file.
#[test]
fn legacy_clients() {
    for (client, prefix) in [
        (&project::CLIENTS[1], "calls_2008"),
        (&project::CLIENTS[2], "app_calls"),
    ] {
        let out = generate(client.spec, client.out);
        assert!(
            out.warnings.is_empty(),
            "{}: warnings: {:#?}",
            client.spec,
            out.warnings
        );
        for f in &out.files {
            let name = format!("{prefix}_{}", f.path.replace(['/', '.'], "_"));
            insta::assert_snapshot!(name, &f.text);
        }
    }
}

/// The Calls client, one snapshot per generated file.
#[test]
fn calls_client() {
    let out = generate(project::DEFAULT_SPEC, project::DEFAULT_OUT);
    assert!(out.warnings.is_empty(), "warnings: {:#?}", out.warnings);
    for f in &out.files {
        let name = format!("calls_{}", f.path.replace(['/', '.'], "_"));
        insta::assert_snapshot!(name, &f.text);
    }
}

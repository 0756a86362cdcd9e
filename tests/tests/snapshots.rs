//! Snapshot tests of the generator's output: one small fixture spec per generator feature, and the
//! Calls client itself, split by generated file so that one spec change shows one local diff.
//!
//! Review changes with `cargo insta review`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

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

/// All files of a fixture's crate in one snapshot, each under a `==> path <==` line.
fn fixture(name: &str) {
    let out = generate(
        &format!("tests/fixtures/{name}.yaml"),
        &format!("target/fixtures/{name}"),
    );
    let mut text = String::new();
    for f in &out.files {
        // The manifest, and the API digest (the fixture's code above says the same).
        if f.path == "Cargo.toml" || f.path == twilio_codegen::changes::DIGEST_FILE {
            continue;
        }
        text.push_str(&format!("==> {} <==\n{}\n", f.path, f.text));
    }
    for w in &out.warnings {
        text.push_str(&format!("warning: {w}\n"));
    }
    insta::assert_snapshot!(format!("fixture_{name}"), text);
}

#[test]
fn callbacks() {
    fixture("callbacks");
}

#[test]
fn string_enum() {
    fixture("string_enum");
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

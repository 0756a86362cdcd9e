//! The whole of Twilio's API v2010 (`../shared/twilio-oai/twilio_api_v2010.yaml`), generated as
//! one crate under `target/v2010-check/`, passes `cargo clippy --all-targets -- -D warnings`.
//!
//! The crate depends on the workspace's runtime by path and is its own cargo workspace; it is
//! checked offline with the workspace's `Cargo.lock` (see `common::clippy`) in
//! `target/generated-check/`, so only the first run builds its dependencies.
//!
//! Without `../shared` the test prints why it skipped and passes; with `CI=true` it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use twilio_codegen::Selection;

#[test]
fn whole_v2010_crate_passes_clippy() {
    let Some(text) = common::upstream_text("whole_v2010_crate_passes_clippy") else {
        return;
    };
    let out = common::root().join("target/v2010-check");
    let started = std::time::Instant::now();
    let output = common::write_crate(
        &text,
        &common::upstream_path(),
        &out,
        "twilio-api-v2010",
        Selection::default(),
    );
    eprintln!(
        "generated {} files in {:.1}s",
        output.files.len(),
        started.elapsed().as_secs_f64()
    );
    for w in &output.warnings {
        eprintln!("warning: {w}");
    }
    // Every operation but those the generator reports skipping is there.
    // One flat method per operation; navigation and mock files, `*_with_metadata` twins and
    // waiters (`wait_for_*`) call them and are not counted.
    let operations = output
        .files
        .iter()
        .filter(|f| !f.path.ends_with("navigation.rs") && !f.path.ends_with("mock.rs"))
        .map(|f| {
            f.text
                .lines()
                .filter(|l| l.contains("pub async fn "))
                .filter(|l| !l.contains("_with_metadata(") && !l.contains("pub async fn wait_for_"))
                .count()
        })
        .sum::<usize>();
    let skipped = output
        .warnings
        .iter()
        .filter(|w| w.message.contains("skipped"))
        .count();
    let declared = count_operations(&text);
    assert_eq!(
        operations + skipped,
        declared,
        "{operations} operations generated, {skipped} skipped, {declared} in the document"
    );
    assert!(Path::new(&out.join("Cargo.toml")).exists());
    common::clippy(&out);
}

/// The operations the document declares (get, post, put, patch, delete).
fn count_operations(text: &str) -> usize {
    let doc: serde_json::Value = serde_yaml::from_str(text).unwrap();
    doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| {
            ["get", "post", "put", "patch", "delete"]
                .iter()
                .filter(|m| item.get(**m).is_some())
                .count()
        })
        .sum()
}

//! `generated/` must be exactly what `cargo xtask codegen` writes from `spec/calls.yaml`.
//! When this fails, run `cargo xtask codegen` and review the diff.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use twilio_codegen::{Selection, project};

#[test]
fn generated_crate_is_up_to_date() {
    let root = project::absolute(Path::new(env!("CARGO_MANIFEST_DIR")), Path::new(".."));
    let spec = Path::new(project::DEFAULT_SPEC);
    let out = Path::new(project::DEFAULT_OUT);
    let text = std::fs::read_to_string(root.join(spec)).unwrap();
    let options = project::options(&root, spec, out, None, Selection::default());
    let output = twilio_codegen::generate(&text, &options).unwrap();
    let report = twilio_codegen::write::check(&root.join(out), &output.files).unwrap();
    assert!(
        report.is_clean(),
        "generated/ is stale: changed {:?}, no longer generated {:?}; run `cargo xtask codegen`",
        report.changed,
        report.removed
    );
}

#[test]
fn generation_is_deterministic() {
    let root = project::absolute(Path::new(env!("CARGO_MANIFEST_DIR")), Path::new(".."));
    let text = std::fs::read_to_string(root.join(project::DEFAULT_SPEC)).unwrap();
    let options = project::options(
        &root,
        Path::new(project::DEFAULT_SPEC),
        Path::new(project::DEFAULT_OUT),
        None,
        Selection::default(),
    );
    let a = twilio_codegen::generate(&text, &options).unwrap();
    let b = twilio_codegen::generate(&text, &options).unwrap();
    assert_eq!(a.files, b.files);
}

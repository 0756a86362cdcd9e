//! A spec change to one resource is one local diff: editing one operation's description makes
//! `cargo xtask codegen --check` (the same [`twilio_codegen::write::check`]) name exactly that
//! resource's file, and only it (besides the crate's API digest, which records that the
//! operation's documentation changed: what `CHANGES.md` reports as a patch).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use twilio_codegen::{Selection, project};

#[test]
fn editing_one_description_changes_one_file() {
    let root = project::absolute(Path::new(env!("CARGO_MANIFEST_DIR")), Path::new(".."));
    let spec = Path::new(project::DEFAULT_SPEC);
    let out = Path::new(project::DEFAULT_OUT);
    let text = std::fs::read_to_string(root.join(spec)).unwrap();
    let before = "Begins a recording of a call in progress.";
    assert_eq!(text.matches(before).count(), 1, "the edited sentence moved");
    let edited = text.replace(before, "Starts recording a live call.");

    let options = project::options(&root, spec, out, None, Selection::default());
    let output = twilio_codegen::generate(&edited, &options).unwrap();
    let report = twilio_codegen::write::check(&root.join(out), &output.files).unwrap();
    assert!(report.removed.is_empty(), "{:?}", report.removed);
    assert_eq!(
        report.changed,
        [twilio_codegen::changes::DIGEST_FILE, "src/recordings.rs"],
        "{report:?}"
    );

    let file = output
        .files
        .iter()
        .find(|f| f.path == "src/recordings.rs")
        .unwrap();
    assert!(file.text.contains("Starts recording a live call."));
}

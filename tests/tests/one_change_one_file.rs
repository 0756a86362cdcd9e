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

    // With the crate's history, as `cargo xtask codegen` runs: the only Rust file that changes is
    // still that resource's; the run reports a documentation change (a patch), raises the patch
    // number and adds an entry to CHANGES.md.
    let previous = twilio_codegen::changes::Previous::read(&root.join(out));
    let generated = twilio_codegen::changes::generate(
        &edited,
        &options,
        &twilio_codegen::format::Cache::default(),
        &previous,
    )
    .unwrap();
    let report = twilio_codegen::write::check(&root.join(out), &generated.output.files).unwrap();
    let rust: Vec<&String> = report
        .changed
        .iter()
        .filter(|f| f.ends_with(".rs"))
        .collect();
    assert_eq!(rust, ["src/recordings.rs"], "{report:?}");
    assert!(
        report.changed.iter().all(|f| f.ends_with(".rs")
            || [
                twilio_codegen::changes::DIGEST_FILE,
                twilio_codegen::changes::CHANGES_FILE,
                "Cargo.toml"
            ]
            .contains(&f.as_str())),
        "{report:?}"
    );
    let level = generated.report.as_ref().and_then(|r| r.level());
    assert_eq!(level, Some(twilio_codegen::diff::Level::Patch));
    assert_ne!(generated.version, generated.old_version);
    let log = generated
        .output
        .files
        .iter()
        .find(|f| f.path == twilio_codegen::changes::CHANGES_FILE)
        .unwrap();
    assert!(
        log.text
            .contains("`Client::create_call_recording`: documentation changed"),
        "{}",
        log.text
    );
}

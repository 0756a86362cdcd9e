//! The emit cache never changes the output: after each of a set of edits to `spec/calls.yaml`
//! (the wording of an operation, a parameter, a response field, an indexed family, a webhook
//! payload, the crate's own description, and changes to its structure), a warm run that reuses
//! the previous run's files where their inputs did not change (and reads the unchanged pieces of
//! the document from their JSON) writes the same crate, byte for byte, as a run from nothing.
//! The runs go through the format cache's index on disk, as `cargo xtask codegen` does.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use twilio_codegen::format::{Cache, input_key};
use twilio_codegen::{Options, Selection, project};

const STAMP: &str = "emit-cache test";

fn options(root: &Path) -> Options {
    project::options(
        root,
        Path::new(project::DEFAULT_SPEC),
        Path::new(project::DEFAULT_OUT),
        None,
        Selection::default(),
    )
}

/// One run as the command makes it: the cache read from the index, the crate written, the
/// index saved. The files it wrote, by path.
fn run(text: &str, options: &Options, out: &Path, index: &Path) -> Vec<(String, String)> {
    let cache = Cache::load(index, out, STAMP);
    // On two threads, as on the machines this runs on: the document is read in pieces, and a
    // warm run reads the unchanged ones from the JSON the previous run saved.
    let output = twilio_codegen::generate_with(text, options, &cache, &|_| None, 2).unwrap();
    twilio_codegen::write::write(out, &output.files).unwrap();
    Cache::save(index, STAMP, input_key(text, options), &output).unwrap();
    output.files.into_iter().map(|f| (f.path, f.text)).collect()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("emit-cache-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_warm_run_writes_what_a_cold_run_writes() {
    let root = project::absolute(Path::new(env!("CARGO_MANIFEST_DIR")), Path::new(".."));
    let text = std::fs::read_to_string(root.join(project::DEFAULT_SPEC)).unwrap();
    let options = options(&root);
    // (what, from, to): the first occurrence of `from` becomes `to`.
    let edits: &[(&str, &str, &str)] = &[
        (
            "the crate's description",
            "The Calls resource of the Twilio REST API",
            "The Calls part of the Twilio REST API",
        ),
        ("an operation's summary", "summary: ", "summary: Edited. "),
        (
            "a response field",
            "Country of the called number, when known.",
            "Country of the number called.",
        ),
        (
            "a parameter",
            "SID of the call to transcribe.",
            "The call to transcribe.",
        ),
        (
            "an indexed family member",
            "Name of custom parameter 1, passed to the connector.",
            "The name of the first custom parameter.",
        ),
        (
            "a webhook payload",
            "Twilio fetches the call's TwiML once the call connects.",
            "Twilio asks for TwiML when the call connects.",
        ),
        (
            "a response without a body",
            "Any 2xx answer with an empty body acknowledges the event; the body is ignored.",
            "A 2xx answer acknowledges the event.",
        ),
        (
            "a response's own type",
            "One page of call recordings.",
            "A page of call recordings.",
        ),
        (
            "a type's description",
            "A call between Twilio and a phone, a SIP endpoint or a client app.",
            "A call between Twilio and a phone, SIP endpoint or client app.",
        ),
        (
            "the structure: a value added to an enum",
            "                    - GET\n                    - POST\n",
            "                    - GET\n                    - POST\n                    - PUT\n",
        ),
        (
            "the structure: a parameter added",
            "                Byoc:\n",
            "                ByocLabel:\n                  description: A label.\n                  type: string\n                Byoc:\n",
        ),
    ];
    for (i, (what, from, to)) in edits.iter().enumerate() {
        assert!(
            text.contains(from),
            "{what}: `{from}` is no longer in the spec"
        );
        let edited = text.replacen(from, to, 1);
        let dir = scratch(&i.to_string());
        let (warm, cold) = (dir.join("warm"), dir.join("cold"));
        let index = dir.join("index");
        run(&text, &options, &warm, &index);
        let index_text = std::fs::read_to_string(&index).unwrap();
        assert!(
            index_text
                .lines()
                .filter(|l| l.starts_with("emitted "))
                .count()
                > 10,
            "the index records the emissions"
        );
        assert!(
            Cache::load(&index, &warm, STAMP).raw().len() > 8,
            "the document's pieces are saved beside the index"
        );
        let warm_files = run(&edited, &options, &warm, &index);
        let cold_files = run(&edited, &options, &cold, &dir.join("cold-index"));
        assert_eq!(
            warm_files.iter().map(|f| &f.0).collect::<Vec<_>>(),
            cold_files.iter().map(|f| &f.0).collect::<Vec<_>>(),
            "{what}"
        );
        for ((path, w), (_, c)) in warm_files.iter().zip(&cold_files) {
            assert!(
                w == c,
                "{what}: {path} differs between the warm and the cold run"
            );
        }
        let original = run(&text, &options, &dir.join("original"), &dir.join("o-index"));
        assert!(original != cold_files, "{what}: the edit changed nothing");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

//! Overlays (OpenAPI Overlay 1.0) applied by the generator's load stage: the user's, from the
//! fixtures in `tests/fixtures/overlays/` (a target matching nothing is a warning naming the
//! file and the action's index, a result that is not a valid document an error naming both, a
//! callback with numbered pairs), and the shipped ones in `generator/overlays/` (the voice overlay is
//! `spec/calls.yaml`'s callbacks, copied; the shipped overlays recognise Twilio's v2010 document
//! by its content, apply by default and can be turned off).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;
use twilio_codegen::{Overlays, Selection, project};

const BASE: &str = "tests/fixtures/no_content.yaml";

fn generate_with(
    spec: &str,
    text: &str,
    overlays: Overlays,
    selection: Selection,
) -> Result<twilio_codegen::Output, twilio_codegen::Error> {
    let root = common::root();
    let mut options = project::options(
        &root,
        Path::new(spec),
        Path::new("target/overlays-test"),
        Some("overlays-test"),
        selection,
    );
    options.overlays = overlays;
    twilio_codegen::generate(text, &options)
}

fn with_fixture(name: &str) -> Result<twilio_codegen::Output, twilio_codegen::Error> {
    let root = common::root();
    let extra = project::read_overlays(
        &root,
        &[PathBuf::from(format!("tests/fixtures/overlays/{name}"))],
    )
    .unwrap();
    let text = std::fs::read_to_string(root.join(BASE)).unwrap();
    let overlays = Overlays {
        shipped: true,
        extra,
    };
    generate_with(BASE, &text, overlays, Selection::default())
}

fn file<'o>(output: &'o twilio_codegen::Output, path: &str) -> &'o str {
    output
        .files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.text.as_str())
        .unwrap_or_else(|| panic!("no {path}"))
}

#[test]
fn an_action_whose_target_matches_nothing_is_a_warning_naming_the_file_and_index() {
    let output = with_fixture("unmatched_target.yaml").unwrap();
    let label = "tests/fixtures/overlays/unmatched_target.yaml";
    let warnings: Vec<String> = output
        .warnings
        .iter()
        .filter(|w| w.pointer.starts_with(label))
        .map(ToString::to_string)
        .collect();
    assert_eq!(warnings.len(), 1, "{:#?}", output.warnings);
    assert!(
        warnings[0].starts_with(&format!("{label}#/actions/1: overlay `{label}`, action 1:")),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("Gadgets.json"), "{}", warnings[0]);
    // The action that matched was applied: the operation's summary is its doc.
    assert!(
        output
            .files
            .iter()
            .any(|f| f.text.contains("Deletes a widget, as the overlay says.")),
        "the matching action was not applied"
    );
}

#[test]
fn an_overlay_that_makes_the_document_invalid_is_an_error_naming_both() {
    let e = with_fixture("invalid_result.yaml").unwrap_err().to_string();
    assert!(
        e.starts_with("overlay tests/fixtures/overlays/invalid_result.yaml: #/actions/1:"),
        "{e}"
    );
    assert!(
        e.contains("#/paths/~1Accounts~1{AccountSid}~1Widgets~1{Sid}.json/delete/operationId"),
        "{e}"
    );
    // Without it, the document is fine.
    let root = common::root();
    let text = std::fs::read_to_string(root.join(BASE)).unwrap();
    generate_with(BASE, &text, Overlays::default(), Selection::default()).unwrap();
}

#[test]
fn a_user_overlay_adds_a_callback_whose_pairs_numbered_from_zero_are_one_list() {
    let output = with_fixture("media_callback.yaml").unwrap();
    let webhooks = file(&output, "src/webhooks.rs");
    assert!(
        webhooks.contains("pub part: Vec<crate::webhooks::WidgetGonePart>"),
        "{webhooks}"
    );
    let flat: String = webhooks.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "take_family( &mut other, \"PartColor\", \"PartName\", ) .into_iter() .map(|(color, name)| crate::webhooks::WidgetGonePart { color, name, })"
        ),
        "{webhooks}"
    );
    // Numbered from 1, alone: a plain field.
    assert!(webhooks.contains("pub note1:"), "{webhooks}");
    assert!(!webhooks.contains("pub part_name0"), "{webhooks}");
    assert!(
        output.coverage.to_string().contains(
            "added by overlays: 1 webhook payload (WidgetGone) with 3 fields from tests/fixtures/overlays/media_callback.yaml"
        ),
        "{}",
        output.coverage
    );
}

/// The voice overlay on v2010 is `spec/calls.yaml`'s callbacks: each action's `update` is the
/// `callbacks` object of the operation of its path, and every operation with callbacks has its
/// action (the `selection` test compares the generated payloads, byte for byte).
#[test]
fn the_voice_overlay_is_the_callbacks_of_spec_calls_yaml() {
    let root = common::root();
    let read = |p: &str| -> Value {
        serde_yaml::from_str(&std::fs::read_to_string(root.join(p)).unwrap()).unwrap()
    };
    let spec = read("spec/calls.yaml");
    let overlay = read("generator/overlays/api-v2010-voice.yaml");
    let mut expected = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if let Some(callbacks) = op.get("callbacks") {
                expected.push((format!("$.paths['{path}'].{method}"), callbacks.clone()));
            }
        }
    }
    let mut actual: Vec<(String, Value)> = overlay["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["target"].as_str().unwrap().to_owned(),
                a["update"]["callbacks"].clone(),
            )
        })
        .collect();
    assert_eq!(expected.len(), 9);
    // (paths read back sorted)
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    actual.sort_by(|a, b| a.0.cmp(&b.0));
    let targets = |v: &[(String, Value)]| v.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>();
    assert_eq!(targets(&actual), targets(&expected));
    for ((target, theirs), (_, ours)) in actual.iter().zip(&expected) {
        assert!(
            theirs == ours,
            "{target}: the overlay's callbacks differ from spec/calls.yaml's; copy them again"
        );
    }
}

/// Twilio's v2010 document is recognised by its title and a path, not its file name: the
/// shipped overlays add the messaging and call payloads by default, not when turned off, and not
/// to a document with another title.
#[test]
fn shipped_overlays_apply_to_v2010_by_default_and_can_be_turned_off() {
    let Some(upstream) = common::upstream_text("shipped_overlays_apply_to_v2010") else {
        return;
    };
    let selection = || Selection {
        path_prefixes: vec![
            "/2010-04-01/Accounts/{AccountSid}/Messages.json".to_owned(),
            "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json".to_owned(),
        ],
        tags: Vec::new(),
    };
    let label = "some-name.yaml";
    let on = generate_with(label, &upstream, Overlays::default(), selection()).unwrap();
    let webhooks = file(&on, "src/webhooks.rs");
    for payload in ["IncomingMessage", "MessageStatusCallback"] {
        assert!(
            webhooks.contains(&format!("pub struct {payload} ")),
            "{payload}"
        );
    }
    assert!(webhooks.contains("pub media: Vec<crate::webhooks::IncomingMessageMedia>"));
    assert!(on.warnings.is_empty(), "{:#?}", on.warnings);
    let line = on.coverage.to_string();
    assert!(
        line.contains("2 webhook payloads (IncomingMessage, MessageStatusCallback)")
            && line.contains("from generator/overlays/api-v2010-messaging.yaml"),
        "{line}"
    );

    let off = generate_with(label, &upstream, Overlays::none(), selection()).unwrap();
    assert!(off.files.iter().all(|f| f.path != "src/webhooks.rs"));
    assert!(!off.coverage.to_string().contains("overlay"));

    let retitled = upstream.replacen("title: Twilio - Api", "title: Someone else's API", 1);
    assert_ne!(retitled, upstream);
    let other = generate_with(label, &retitled, Overlays::default(), selection()).unwrap();
    assert!(other.files.iter().all(|f| f.path != "src/webhooks.rs"));
}

/// The real `cargo xtask codegen --overlay`: the warning of an unmatched target on stderr, and
/// an overlay that breaks the document fails the command, naming the file and the action, and
/// writes nothing.
#[test]
fn xtask_codegen_applies_overlays_given_on_the_command_line() {
    let root = common::root();
    let out = root.join("target/overlays-xtask/fixture");
    let _ = std::fs::remove_dir_all(&out);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let run = |overlay: &str| {
        std::process::Command::new(&cargo)
            .current_dir(&root)
            .args([
                "run", "--quiet", "-p", "xtask", "--", "codegen", "--spec", BASE,
            ])
            .arg("--out")
            .arg(&out)
            .args(["--overlay", overlay])
            .env_remove("CARGO_TARGET_DIR")
            .output()
            .unwrap()
    };
    let ok = run("tests/fixtures/overlays/unmatched_target.yaml");
    let stderr = String::from_utf8_lossy(&ok.stderr);
    assert!(ok.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "warning: tests/fixtures/no_content.yaml: tests/fixtures/overlays/unmatched_target.yaml#/actions/1: "
        ),
        "{stderr}"
    );
    let before = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    let bad = run("tests/fixtures/overlays/invalid_result.yaml");
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(!bad.status.success(), "{stderr}");
    assert!(
        stderr.contains("overlay tests/fixtures/overlays/invalid_result.yaml: #/actions/1: "),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("src/lib.rs")).unwrap(),
        before
    );
}

/// The change report names what an overlay added: the same document generated before without
/// the overlay, then with it, gives a `CHANGES.md` entry naming the overlay and its payload.
#[test]
fn the_change_report_names_the_payloads_an_overlay_added() {
    use twilio_codegen::changes::{self, Previous};
    use twilio_codegen::format::Cache;
    let root = common::root();
    let text = std::fs::read_to_string(root.join(BASE)).unwrap();
    let mut options = project::options(
        &root,
        Path::new(BASE),
        Path::new("target/overlays-changes"),
        Some("overlays-changes"),
        Selection::default(),
    );
    let before =
        changes::generate(&text, &options, &Cache::default(), &Previous::default()).unwrap();
    let file = |g: &changes::Generated, name: &str| {
        g.output
            .files
            .iter()
            .find(|f| f.path == name)
            .map(|f| f.text.clone())
            .unwrap()
    };
    let previous = Previous {
        version: Some(before.version.clone()),
        digest: Some(file(&before, changes::DIGEST_FILE)),
        changes: Some(file(&before, changes::CHANGES_FILE)),
    };
    options.overlays.extra = project::read_overlays(
        &root,
        &[PathBuf::from("tests/fixtures/overlays/media_callback.yaml")],
    )
    .unwrap();
    let after = changes::generate(&text, &options, &Cache::default(), &previous).unwrap();
    let log = file(&after, changes::CHANGES_FILE);
    assert!(
        log.contains(
            "Added by the overlay `tests/fixtures/overlays/media_callback.yaml` (not in `tests/fixtures/no_content.yaml` itself): the webhook payloads `WidgetGone`."
        ),
        "{log}"
    );
    assert_ne!(after.version, before.version, "{log}");
}

//! The change report (`twilio_codegen::diff`): one small spec pair per kind of change, with the
//! level the generator's mapping gives it and its report snapshotted; Twilio's own history of
//! `twilio_api_v2010.yaml` (the Calls slice); and what `cargo xtask codegen` does with it (the
//! version raised by semver, `CHANGES.md` newest first, nothing when nothing changed).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use twilio_codegen::diff::{self, Level, Report};
use twilio_codegen::{Selection, changes, format, project};

fn root() -> PathBuf {
    project::absolute(Path::new(env!("CARGO_MANIFEST_DIR")), Path::new(".."))
}

fn fixture(name: &str) -> String {
    let path = root().join(format!("tests/fixtures/api-changes/{name}.yaml"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn report(old: &str, new: &str, selection: &Selection) -> Report {
    let old = twilio_codegen::public_api(old, selection).unwrap();
    let new = twilio_codegen::public_api(new, selection).unwrap();
    diff::compare(&old, &new)
}

/// Each kind of change against `base.yaml`: its level, the item it names, and the report.
#[test]
fn each_kind_of_change_has_its_level() {
    let base = fixture("base");
    let cases: &[(&str, Option<Level>, &str)] = &[
        ("no_change", None, ""),
        (
            "documentation_changed",
            Some(Level::Patch),
            "Client::list_widget",
        ),
        (
            "operation_added",
            Some(Level::Minor),
            "Client::create_polish",
        ),
        (
            "operation_removed",
            Some(Level::Major),
            "Client::fetch_widget",
        ),
        (
            "optional_parameter_added",
            Some(Level::Minor),
            "CreateWidgetParams::weight",
        ),
        (
            "required_parameter_added",
            Some(Level::Major),
            "CreateWidgetParams::new(shape)",
        ),
        (
            "parameter_made_required",
            Some(Level::Major),
            "CreateWidgetParams::new(size)",
        ),
        (
            "parameter_made_optional",
            Some(Level::Major),
            "CreateWidgetParams::name",
        ),
        (
            "parameter_retyped",
            Some(Level::Major),
            "CreateWidgetParams::size",
        ),
        (
            "parameter_removed",
            Some(Level::Major),
            "CreateWidgetParams::color",
        ),
        ("enum_value_added", Some(Level::Minor), "WidgetStatus::Lost"),
        (
            "enum_value_removed",
            Some(Level::Major),
            "WidgetStatus::Retired",
        ),
        ("field_added", Some(Level::Minor), "Widget::weight"),
        // Rule "money": the first amount makes the crate re-export `Decimal`.
        ("money_field_added", Some(Level::Minor), "Decimal"),
        ("field_removed", Some(Level::Major), "Widget::size"),
        ("field_retyped", Some(Level::Major), "Widget::size"),
        ("sid_prefix_changed", Some(Level::Major), "types::WidgetSid"),
        ("type_renamed", Some(Level::Major), "widgets::Widget"),
        ("type_moved", Some(Level::Major), "widgets::WidgetStatus"),
    ];
    let mut all = String::new();
    for (name, level, item) in cases {
        let r = report(&base, &fixture(name), &Selection::default());
        assert_eq!(r.level(), *level, "{name}:\n{}", r.to_text());
        if !item.is_empty() {
            assert!(
                r.changes
                    .iter()
                    .any(|c| c.item == *item && Some(c.level) == *level),
                "{name}: no {level:?} change of {item}:\n{}",
                r.to_text()
            );
            assert!(
                r.changes
                    .iter()
                    .all(|c| c.old_pointer.is_some() || c.new_pointer.is_some()),
                "{name}: a change without its cause:\n{}",
                r.to_text()
            );
        }
        all.push_str(&format!("==> {name} <==\n{}\n", r.to_text()));
    }
    insta::assert_snapshot!("api_changes_fixtures", all);
    // The Markdown form of one report, as CHANGES.md shows it.
    let r = report(
        &base,
        &fixture("parameter_made_required"),
        &Selection::default(),
    );
    insta::assert_snapshot!("api_changes_markdown", r.to_markdown());
}

/// Twilio's history of `twilio_api_v2010.yaml` (`../shared/twilio-oai/history/`), Calls slice.
#[test]
fn twilio_history_of_the_calls_api() {
    let history = root().join("../shared/twilio-oai/history");
    let Ok(entries) = std::fs::read_dir(&history) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing: CI always has ../shared beside the clone",
            history.display()
        );
        eprintln!(
            "SKIPPED twilio_history_of_the_calls_api: {} cannot be read",
            history.display()
        );
        return;
    };
    let files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    let pair = |commit: &str| -> (String, String) {
        let find = |side: &str| {
            let path = files
                .iter()
                .find(|p| {
                    let n = p.file_name().unwrap().to_string_lossy();
                    n.contains(commit) && n.ends_with(&format!("_{side}.yaml"))
                })
                .unwrap_or_else(|| panic!("no {side} file for {commit} in {}", history.display()));
            std::fs::read_to_string(path).unwrap()
        };
        (find("before"), find("after"))
    };
    let calls = Selection {
        path_prefixes: vec!["/2010-04-01/Accounts/{AccountSid}/Calls".to_owned()],
        tags: Vec::new(),
    };
    // (commit, level, items that must be reported at that level, a pointer fragment of the cause)
    let cases: &[(&str, Option<Level>, &[&str], &str)] = &[
        (
            "8aa765f2",
            Some(Level::Major),
            &["CreateCallParams::time_limit"],
            "/properties/TimeLimit",
        ),
        (
            "32eb3f6f",
            Some(Level::Major),
            &["CreateStreamParams::new(url)"],
            "Streams.json/post/requestBody",
        ),
        (
            "40e29590",
            Some(Level::Major),
            &[
                "Client::fetch_call_feedback",
                "Client::update_call_feedback",
                "Client::create_call_feedback_summary",
                "Client::fetch_call_feedback_summary",
                "Client::delete_call_feedback_summary",
            ],
            "Feedback",
        ),
        (
            "753ee12a",
            Some(Level::Major),
            &[
                "HttpMethod::Head",
                "HttpMethod::Patch",
                "HttpMethod::Put",
                "HttpMethod::Delete",
            ],
            "Method",
        ),
        ("5fc16b94", None, &[], ""),
        (
            "d50069b4",
            Some(Level::Minor),
            &["CreateRealtimeTranscriptionParams::configuration_id"],
            "/properties/ConfigurationId",
        ),
    ];
    for (commit, level, items, pointer) in cases {
        let (before, after) = pair(commit);
        let r = report(&before, &after, &calls);
        println!("{commit}: {}", r.summary());
        assert_eq!(r.level(), *level, "{commit}:\n{}", r.to_text());
        for item in *items {
            let change = r
                .changes
                .iter()
                .find(|c| c.item == *item && Some(c.level) == *level)
                .unwrap_or_else(|| panic!("{commit}: {item} not reported:\n{}", r.to_text()));
            let cause = change.old_pointer.iter().chain(&change.new_pointer);
            assert!(
                cause
                    .clone()
                    .any(|p| p.starts_with("#/") && p.contains(pointer)),
                "{commit}: {item}: cause {:?} does not point at `{pointer}`",
                cause.collect::<Vec<_>>()
            );
        }
    }
}

/// `cargo xtask codegen` with history: the first run starts the digest; a minor change raises the
/// patch number, a major one the minor number (0.x), each on top of CHANGES.md; a run with
/// nothing changed leaves every file as it is.
#[test]
fn codegen_keeps_the_crate_history() {
    let root = root();
    let out = root.join("target/api-changes-history");
    let _ = std::fs::remove_dir_all(&out);
    let spec = Path::new("tests/fixtures/api-changes/base.yaml");
    let options = project::options(&root, spec, &out, Some("widgets"), Selection::default());
    let run = |name: &str| {
        let previous = changes::Previous::read(&out);
        let generated = changes::generate(
            &fixture(name),
            &options,
            &format::Cache::default(),
            &previous,
        )
        .unwrap();
        twilio_codegen::write::write(&out, &generated.output.files).unwrap();
        generated
    };
    let first = run("base");
    assert!(first.report.is_none());
    assert_eq!(first.version, "0.1.0");
    assert!(first.summary("widgets").contains("digest started"));

    let added = run("optional_parameter_added");
    assert_eq!(
        (added.old_version.as_str(), added.version.as_str()),
        ("0.1.0", "0.1.1")
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("version = \"0.1.1\""), "{manifest}");
    assert_eq!(
        added.summary("widgets"),
        "widgets 0.1.0 -> 0.1.1: minor (0 major, 1 minor, 0 patch change)"
    );

    let removed = run("base");
    assert_eq!(removed.version, "0.2.0");
    let log = std::fs::read_to_string(out.join(changes::CHANGES_FILE)).unwrap();
    let at = |needle: &str| {
        log.find(needle)
            .unwrap_or_else(|| panic!("{needle} not in:\n{log}"))
    };
    assert!(
        at("## 0.2.0") < at("## 0.1.1") && at("## 0.1.1") < at("## 0.1.0"),
        "{log}"
    );
    assert!(
        log.contains("`CreateWidgetParams::weight`: optional parameter removed"),
        "{log}"
    );

    // Nothing changed: the same files, byte for byte, and the check is clean.
    let again = run("base");
    assert_eq!(again.version, "0.2.0");
    assert_eq!(again.report.as_ref().and_then(Report::level), None);
    let check = twilio_codegen::write::check(&out, &again.output.files).unwrap();
    assert!(check.is_clean(), "{check:?}");
    assert_eq!(
        std::fs::read_to_string(out.join(changes::CHANGES_FILE)).unwrap(),
        log
    );

    // A digest written by a generator that read other items is not compared: a change of the
    // generator is not a change of the API.
    let digest = out.join(changes::DIGEST_FILE);
    let old_format = std::fs::read_to_string(&digest).unwrap().replacen(
        twilio_codegen::diff::DIGEST_FORMAT,
        "# an older digest format",
        1,
    );
    std::fs::write(&digest, old_format).unwrap();
    let restarted = run("optional_parameter_added");
    assert!(restarted.report.is_none());
    assert_eq!(restarted.version, "0.2.0");
    assert!(
        restarted
            .output
            .warnings
            .iter()
            .any(|w| w.message.contains("another format"))
    );
}

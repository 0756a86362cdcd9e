//! The publishable crates say what crates.io and docs.rs need, and agree with each other (README
//! "Release checklist"). `cargo package --workspace` itself (which builds every package) runs in
//! CI (`.ci/run`); these checks are the cheap part that names the crate and the field at fault.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use twilio_codegen::project;

/// The library crates, in release order (a crate after the crates it depends on).
const PUBLISHED: &[&str] = &[
    "runtime",
    "generator",
    "generated",
    "generated-2008-08-01",
    "generated-app-2010-06-01",
];

fn manifest(dir: &str) -> toml_edit::DocumentMut {
    let path = common::root().join(dir).join("Cargo.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    text.parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn package_str(doc: &toml_edit::DocumentMut, key: &str) -> Option<String> {
    doc["package"]
        .get(key)
        .and_then(|v| v.as_str())
        .map(str::to_owned)
}

#[test]
fn every_library_crate_has_what_crates_io_and_docs_rs_need() {
    let root = common::root();
    for dir in PUBLISHED {
        let doc = manifest(dir);
        let package = doc["package"].as_table().unwrap();
        assert!(package.get("publish").is_none(), "{dir}: `publish` is set");
        for key in ["description", "readme", "keywords", "categories", "include"] {
            assert!(package.contains_key(key), "{dir}: no `{key}`");
        }
        let readme = package_str(&doc, "readme").unwrap();
        assert!(root.join(dir).join(&readme).is_file(), "{dir}: no {readme}");
        let include: Vec<&str> = package["include"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        for wanted in ["README.md", "CHANGES.md", "LICENSE-*"] {
            assert!(include.contains(&wanted), "{dir}: `include` lacks {wanted}");
        }
        for license in ["LICENSE-MIT", "LICENSE-APACHE"] {
            let text = std::fs::read_to_string(root.join(dir).join(license))
                .unwrap_or_else(|e| panic!("{dir}/{license}: {e}"));
            assert_eq!(
                text,
                std::fs::read_to_string(root.join(license)).unwrap(),
                "{dir}/{license} is not the root's"
            );
        }
        let docs_rs = doc["package"]["metadata"]["docs"]["rs"]
            .as_table()
            .unwrap_or_else(|| panic!("{dir}: no [package.metadata.docs.rs]"));
        let args = docs_rs["rustdoc-args"].as_array().unwrap();
        assert_eq!(
            args.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>(),
            ["--cfg", "docsrs"],
            "{dir}"
        );
        let lib = std::fs::read_to_string(root.join(dir).join("src/lib.rs")).unwrap();
        assert!(
            lib.contains("#![cfg_attr(docsrs, feature(doc_cfg))]"),
            "{dir}: optional modules would not show their feature on docs.rs"
        );
    }
}

/// Each crate's version is the newest entry of its change report.
#[test]
fn versions_follow_the_change_reports() {
    let root = common::root();
    for dir in PUBLISHED {
        let version = package_str(&manifest(dir), "version").unwrap();
        let changes = std::fs::read_to_string(root.join(dir).join("CHANGES.md")).unwrap();
        let newest = changes
            .lines()
            .find_map(|l| l.strip_prefix("## "))
            .unwrap_or_else(|| panic!("{dir}/CHANGES.md has no version"));
        assert_eq!(newest, version, "{dir}: Cargo.toml and CHANGES.md disagree");
    }
}

/// The generated crates need the runtime version the runtime has, by path and version.
#[test]
fn the_generated_crates_name_the_runtime_they_need() {
    let runtime = package_str(&manifest("runtime"), "version").unwrap();
    assert_eq!(
        runtime,
        project::RUNTIME_VERSION,
        "project::RUNTIME_VERSION"
    );
    for client in project::CLIENTS {
        let doc = manifest(client.out);
        let dep = &doc["dependencies"]["twilio-runtime"];
        assert_eq!(
            dep["version"].as_str(),
            Some(project::RUNTIME_VERSION),
            "{}",
            client.out
        );
        assert_eq!(dep["path"].as_str(), Some("../runtime"), "{}", client.out);
    }
}

/// The one place that names the public repository, and the workspace manifest, agree.
#[test]
fn the_repository_is_named_in_one_place() {
    let workspace = manifest(".");
    let named = workspace["workspace"]["package"]
        .get("repository")
        .and_then(|v| v.as_str());
    assert_eq!(named, project::REPOSITORY);
    for dir in PUBLISHED {
        let doc = manifest(dir);
        let repository = doc["package"].get("repository");
        match project::REPOSITORY {
            None => assert!(repository.is_none(), "{dir}: names a repository"),
            Some(url) => assert!(
                repository.is_some_and(|r| r.as_str() == Some(url)
                    || r.get("workspace").and_then(|w| w.as_bool()) == Some(true)),
                "{dir}: does not name {url}"
            ),
        }
    }
}

//! A program written only from the README compiles with exactly the dependencies the README
//! lists: the `[dependencies]` and `[dev-dependencies]` lines of "Using the generated crate" (the
//! `twilio-calls` path pointed at this checkout) and its first program as `src/main.rs` make a
//! crate under `target/readme-check/`, which `cargo test --offline` builds (program and tests)
//! and runs (its tests use the generated mock and wiremock), in the shared check target folder.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::process::Command;

/// The text of the README's section "Using the generated crate".
fn section() -> String {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let start = readme
        .find("## Using the generated crate")
        .expect("the README has a section \"Using the generated crate\"");
    let rest = &readme[start + 3..];
    let end = rest.find("\n## ").map_or(rest.len(), |i| i);
    rest[..end].to_owned()
}

/// The fenced blocks of `text` whose info string starts with `lang`.
fn blocks(text: &str, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match &mut current {
            None => {
                if let Some(info) = line.strip_prefix("```")
                    && info.starts_with(lang)
                {
                    current = Some(String::new());
                }
            }
            Some(block) => {
                if line.starts_with("```") {
                    out.push(std::mem::take(block));
                    current = None;
                } else {
                    block.push_str(line);
                    block.push('\n');
                }
            }
        }
    }
    out
}

/// The dependency names of each table of a manifest fragment.
fn tables(toml: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut table = String::new();
    for line in toml.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            table = name.to_owned();
        } else if let Some((name, _)) = line.split_once('=') {
            out.entry(table.clone())
                .or_default()
                .push(name.trim().to_owned());
        }
    }
    out
}

#[test]
fn the_readme_program_builds_and_its_tests_pass_with_the_readme_dependencies() {
    let section = section();
    let toml = blocks(&section, "toml")
        .into_iter()
        .find(|b| b.contains("[dependencies]"))
        .expect("a toml block with [dependencies]");
    assert_eq!(
        tables(&toml),
        BTreeMap::from([
            (
                "dependencies".to_owned(),
                vec!["twilio-calls".to_owned(), "tokio".to_owned()]
            ),
            (
                "dev-dependencies".to_owned(),
                vec!["twilio-calls".to_owned(), "wiremock".to_owned()]
            ),
        ]),
        "the README's dependency lines changed: update this test's expectation with care"
    );
    let program = blocks(&section, "rust")
        .into_iter()
        .find(|b| b.contains("async fn main()"))
        .expect("a rust block with `async fn main()`");
    assert!(
        !program.lines().any(|l| l.starts_with("# ")),
        "the program must be whole, without hidden lines"
    );

    let root = common::root();
    let generated = root.join("generated");
    let toml = toml.replace(
        "path = \"../twilio-calls/generated\"",
        &format!("path = {:?}", generated.display().to_string()),
    );
    assert!(toml.contains(&generated.display().to_string()));
    let dir = root.join("target/readme-check");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"readme-program\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n{toml}\n[workspace]\n"
        ),
    )
    .unwrap();
    std::fs::write(dir.join("src/main.rs"), &program).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(&dir)
        .args(["test", "--offline", "--quiet", "--target-dir"])
        .arg(common::check_target_dir())
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .env("NO_PROXY", "127.0.0.1,localhost")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the README's program failed to build or its tests failed:\n{}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("2 passed"),
        "both README tests ran: {stdout}"
    );
    let workspace = common::locked_packages(&root.join("Cargo.lock"));
    let extra: Vec<_> = common::locked_packages(&dir.join("Cargo.lock"))
        .into_iter()
        .filter(|p| !workspace.contains(p) && p.0 != "readme-program")
        .collect();
    assert!(
        extra.is_empty(),
        "packages outside the workspace's lock: {extra:?}"
    );
}

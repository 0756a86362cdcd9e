//! Every `description` and `summary` of Twilio's 55 documents (and of the shipped overlays),
//! rendered by the generator's doc renderer (`twilio_codegen::emit::docs`) onto an item of one
//! crate, passes
//! `cargo clippy -- -D warnings` and `RUSTDOCFLAGS=-D warnings cargo doc`: lists with lazy
//! continuation lines, bare URLs, HTML, brackets that are not links, code fences, headings.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;
use std::process::Command;

/// Every string under a `description` or `summary` key, anywhere in `value`.
fn collect(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                if (key == "description" || key == "summary")
                    && let Some(text) = v.as_str()
                {
                    out.insert(text.to_owned());
                }
                collect(v, out);
            }
        }
        serde_json::Value::Array(list) => list.iter().for_each(|v| collect(v, out)),
        _ => {}
    }
}

/// The crate's `lib.rs`: one documented unit struct per description, as the generator writes
/// doc comments (`#[doc = " line"]`).
fn crate_source(descriptions: &BTreeSet<String>) -> String {
    let mut src = String::from(
        "//! Every description of Twilio's documents, rendered as rustdoc.\n#![deny(missing_docs)]\n\n",
    );
    for (i, text) in descriptions.iter().enumerate() {
        let attrs = twilio_codegen::emit::docs::attrs(Some(text));
        // Blank descriptions render to nothing: give the item a line of its own.
        if attrs.is_empty() {
            src.push_str(&format!("/// (blank)\npub struct D{i};\n\n"));
        } else {
            src.push_str(&format!("{attrs}\npub struct D{i};\n\n"));
        }
    }
    src
}

/// Markdown that rustdoc or clippy misread when passed on as it is.
const HOSTILE: &[&str] = &[
    "Choices:\n- the first one, which goes on\nonto a second line\n- the second",
    "Steps:\n1. open the door\nand look\n2. close it",
    "10) tenth\n    lazily indented continuation",
    "Items:\n-   wide marker\n      overindented continuation",
    "* star item\n+ plus item\nlazy after plus",
    "See https://example.com/a_b?c=d, or (https://example.com/x).",
    "Send <Say>Hello</Say> or <br> and a [bracket] or [link](relative/path) or [](https://x.example).",
    "```\nfn main() { this is not rust }\n```",
    "```json\n{\"a\": 1}\n```\nthen text",
    "~~~\nnot rust either\n~~~",
    "    indented four spaces, a code block in Markdown",
    "# Heading\n## Sub\ntext\n---\n=== and a table | a | b |\n|---|---|",
    "> quoted\n> more",
    "a line with a trailing backslash \\\nand *emphasis* and _under_ and `code [x] <y>`",
    "[ref]: https://example.com/ref\nUse [ref].",
    "tabs\there and\u{00a0}non-breaking spaces, and */ closing a comment",
];

/// `source` formatted as the generator formats its files (`prettyplease` writes `#[doc]`
/// attributes as `///` comments, which is what clippy's doc lints read).
fn formatted(source: &str) -> String {
    fn parse_like<T: std::str::FromStr>(_: &T, text: &str) -> T {
        text.parse()
            .unwrap_or_else(|_| panic!("the test crate's source does not tokenize"))
    }
    let tokens = parse_like(&twilio_codegen::emit::docs::attrs(None), source);
    let file = twilio_codegen::emit::OutFile {
        path: "src/lib.rs".to_owned(),
        content: twilio_codegen::emit::Content::Rust(tokens),
    };
    twilio_codegen::format::format_file(file, "").unwrap().text
}

#[test]
fn every_description_of_the_55_documents_is_clean_rustdoc() {
    let started = std::time::Instant::now();
    let dir = common::shared_dir().join("twilio-oai");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        common::shared_missing("descriptions", &dir, &"the folder cannot be read");
        return;
    };
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 55, "{files:?}");
    let mut descriptions = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let value: serde_json::Value = serde_yaml::from_str(&text).unwrap();
        collect(&value, &mut descriptions);
    }
    assert!(descriptions.len() > 5000, "{}", descriptions.len());
    let twilio = descriptions.len();
    // The shipped overlays' descriptions (ours) end up in the same crates.
    for overlay in twilio_codegen::load::overlay::SHIPPED {
        let value: serde_json::Value = serde_yaml::from_str(overlay.text).unwrap();
        collect(&value, &mut descriptions);
    }
    // Shapes other documents have (our own words): the renderer must take them too.
    for text in HOSTILE {
        descriptions.insert((*text).to_owned());
    }

    let krate = common::root().join("target/descriptions-check");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        "[package]\nname = \"descriptions\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(
        krate.join("src/lib.rs"),
        formatted(&crate_source(&descriptions)),
    )
    .unwrap();
    common::clippy(&krate);

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(&krate)
        .args(["doc", "--offline", "--no-deps", "--quiet", "--target-dir"])
        .arg(common::check_target_dir())
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo doc -D warnings failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!(
        "{} descriptions of {} documents (and {} of our own) checked in {:.1}s",
        twilio,
        files.len(),
        HOSTILE.len(),
        started.elapsed().as_secs_f64()
    );
}

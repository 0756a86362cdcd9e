//! Every one of Twilio's published OpenAPI documents (`../shared/twilio-oai/*.yaml`) is generated
//! whole: each declared operation and each declared parameter (path, query, header, cookie, body
//! field) is in the generated crate, as the generator's coverage count says (`coverage.rs`), and
//! the crates, built together as one cargo workspace under `target/every-document/`, pass
//! `cargo clippy --all-targets --all-features -- -D warnings`.
//!
//! Each crate's files are also formatted a second way, from the emitted tokens alone, and must be
//! the same bytes: what the generator writes without the formatter is what the formatter prints.
//!
//! The coverage table is printed (`cargo test -p twilio-tests --test every_document --
//! --nocapture`) and written to `target/every-document/coverage.md`.
//!
//! Without `../shared` the tests print why they skip and pass; with `CI=true` they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use twilio_codegen::coverage::{Coverage, UNEXPLAINED};
use twilio_codegen::{Selection, project};

/// How many documents Twilio publishes in `twilio-oai` (a document gone missing must fail).
const DOCUMENTS: usize = 55;

/// The documents, sorted by file name, or `None` after `common::shared_missing`.
fn documents(test: &str) -> Option<Vec<PathBuf>> {
    let dir = common::shared_dir().join("twilio-oai");
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => {
            common::shared_missing(test, &dir, &e);
            return None;
        }
    };
    let mut docs: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    docs.sort();
    assert_eq!(docs.len(), DOCUMENTS, "documents in {}", dir.display());
    Some(docs)
}

/// `twilio_api_v2010.yaml` → `twilio-api-v2010`.
fn crate_name(doc: &Path) -> String {
    doc.file_stem().unwrap().to_string_lossy().replace('_', "-")
}

fn generate(doc: &Path, out: &Path) -> Result<twilio_codegen::Output, twilio_codegen::Error> {
    let text = std::fs::read_to_string(doc).unwrap();
    let mut options = project::options(
        &common::root(),
        doc,
        out,
        Some(&crate_name(doc)),
        Selection::default(),
    );
    // A member of the workspace under `target/every-document/`.
    options.krate.standalone = false;
    twilio_codegen::generate(&text, &options)
}

/// The warnings about numbered names (the naming stage's uniqueness fallback, which no rule of
/// the spec's shape resolved).
fn fallbacks(output: &twilio_codegen::Output) -> Vec<&twilio_codegen::Warning> {
    output
        .warnings
        .iter()
        .filter(|w| w.message.starts_with(twilio_codegen::names::FALLBACK))
        .collect()
}

/// One row of the table.
fn row(doc: &Path, coverage: &Coverage, fallbacks: usize) -> String {
    let params = coverage.parameters_total();
    let places: Vec<String> = coverage
        .parameters
        .iter()
        .map(|(place, t)| format!("{} {}/{}", place.as_str(), t.generated, t.declared))
        .collect();
    let gaps: Vec<String> = coverage
        .gaps
        .iter()
        .map(|g| {
            format!(
                "{} ops ({} skipped), {} params: {}",
                g.operations, g.skipped_operations, g.parameters, g.reason
            )
        })
        .collect();
    format!(
        "| {} | {}/{} | {}/{} | {} | {} | {} |",
        doc.file_name().unwrap().to_string_lossy(),
        coverage.operations.generated,
        coverage.operations.declared,
        params.generated,
        params.declared,
        places.join(", "),
        fallbacks,
        if gaps.is_empty() {
            "-".to_owned()
        } else {
            gaps.join("; ")
        }
    )
}

/// Generates every document, prints and writes the coverage table, and checks that nothing any
/// document declares is missing and that no name is numbered by the naming stage's fallback.
#[test]
fn every_operation_and_parameter_of_every_document_is_generated() {
    let test = "every_operation_and_parameter_of_every_document_is_generated";
    let Some(docs) = documents(test) else {
        return;
    };
    let dir = common::root().join("target/every-document");
    let mut table = String::from(
        "| document | operations | parameters | by place | fallback names | not generated |\n|---|---|---|---|---|---|\n",
    );
    let mut numbered = Vec::new();
    let (mut ops, mut params) = ((0, 0), (0, 0));
    let mut incomplete = Vec::new();
    for doc in &docs {
        let output = match generate(doc, &dir.join(crate_name(doc))) {
            Ok(output) => output,
            Err(e) => {
                let name = doc.file_name().unwrap().to_string_lossy();
                let _ = writeln!(table, "| {name} | failed: {e} | | | | |");
                incomplete.push(format!("{}: {e}", doc.display()));
                continue;
            }
        };
        let c = &output.coverage;
        let fallbacks = fallbacks(&output);
        let _ = writeln!(table, "{}", row(doc, c, fallbacks.len()));
        let name = doc.file_name().unwrap().to_string_lossy();
        numbered.extend(fallbacks.iter().map(|w| format!("{name}: {w}")));
        ops.0 += c.operations.generated;
        ops.1 += c.operations.declared;
        let p = c.parameters_total();
        params.0 += p.generated;
        params.1 += p.declared;
        if !c.is_complete() {
            incomplete.push(format!("{}: {c}", doc.display()));
        }
        assert!(
            c.gaps.iter().all(|g| g.reason != UNEXPLAINED),
            "{}: something is missing and no warning says why: {c}",
            doc.display()
        );
    }
    let _ = writeln!(
        table,
        "| all {} documents | {}/{} | {}/{} | | {} | |",
        docs.len(),
        ops.0,
        ops.1,
        params.0,
        params.1,
        numbered.len()
    );
    eprintln!("{table}");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("coverage.md"), &table).unwrap();
    // The documents declare operations by the thousand; a count near zero means the count broke.
    assert!(
        ops.1 > 1_000 && params.1 > 5_000,
        "declared: {ops:?} {params:?}"
    );
    assert!(
        incomplete.is_empty(),
        "not generated whole:\n{}",
        incomplete.join("\n")
    );
    assert!(
        numbered.is_empty(),
        "{} numbered (fallback) names:\n{}",
        numbered.len(),
        numbered.join("\n")
    );
}

/// Every document's crate, as one workspace, passes clippy with warnings denied.
#[test]
fn every_document_crate_passes_clippy() {
    let test = "every_document_crate_passes_clippy";
    let Some(docs) = documents(test) else {
        return;
    };
    let dir = common::root().join("target/every-document");
    let started = std::time::Instant::now();
    let mut members = Vec::new();
    for doc in &docs {
        let name = crate_name(doc);
        let out = dir.join(&name);
        let _ = std::fs::remove_dir_all(out.join("src"));
        let _ = std::fs::remove_dir_all(out.join("examples"));
        let output = generate(doc, &out).unwrap_or_else(|e| panic!("{}: {e}", doc.display()));
        twilio_codegen::write::write(&out, &output.files).unwrap();
        members.push(format!("{name:?}"));
    }
    eprintln!(
        "generated {} crates in {:.1}s",
        docs.len(),
        started.elapsed().as_secs_f64()
    );
    let manifest = format!(
        "# Written by tests/tests/every_document.rs.\n[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.join(", ")
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    common::clippy(&dir);
}

/// A large document is read in pieces side by side (`generator/src/load/chunks.rs`): every
/// document of Twilio's (and the earlier versions in `history/`) above the size where that is
/// done is cut and reads to the same value, key order included, as the whole read; and the
/// load stage gives the same document on one thread as on two.
#[test]
fn every_document_reads_the_same_in_pieces_as_whole() {
    let Some(mut docs) = documents("every_document_reads_the_same_in_pieces_as_whole") else {
        return;
    };
    let history = common::shared_dir().join("twilio-oai/history");
    let mut older: Vec<PathBuf> = std::fs::read_dir(&history)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    older.sort();
    assert!(
        !older.is_empty(),
        "no earlier versions in {}",
        history.display()
    );
    docs.extend(older);
    let (mut cut, mut whole) = (0, 0);
    let none = twilio_codegen::Overlays::none();
    for doc in &docs {
        let text = std::fs::read_to_string(doc).unwrap();
        // The document as the load stage gives it, on one thread and on two (the typed read is
        // spread over threads as well): the same.
        let one = twilio_codegen::load::load_on(&text, &none, 1).unwrap();
        let two = twilio_codegen::load::load_on(&text, &none, 2).unwrap();
        assert!(one.api == two.api, "{}: typed differently", doc.display());
        assert!(one.raw == two.raw, "{}: read differently", doc.display());
        // The whole read (`load` itself reads in pieces).
        let reference: serde_json::Value = serde_yaml::from_str(&text).unwrap();
        let Some(pieces) = twilio_codegen::load::read_in_pieces(&text, 2) else {
            // Read whole: a small document, or one whose aliases name anchors in other pieces
            // (as the older documents written by PyYAML do: `&id001` ... `*id001`).
            assert!(
                text.len() < twilio_codegen::load::PIECES_FROM || text.contains(": &id0"),
                "{}: {} bytes, read whole",
                doc.display(),
                text.len()
            );
            whole += 1;
            continue;
        };
        cut += 1;
        let reference = serde_json::to_string(&reference).unwrap();
        assert!(
            serde_json::to_string(&pieces).unwrap() == reference,
            "{}: the pieces read differently",
            doc.display()
        );
        // A second run given the pieces of the first (as the format cache saves them) reads
        // every one from its JSON: the same document, key order included.
        let fresh = twilio_codegen::load::RawPieces::default();
        let (first, saved) = twilio_codegen::load::load_known(&text, &none, 2, &fresh).unwrap();
        let (second, reread) = twilio_codegen::load::load_known(&text, &none, 2, &saved).unwrap();
        assert!(
            saved.len() > 1 && saved.has_fresh() && !reread.has_fresh(),
            "{}: {} pieces saved, read again from JSON: {}",
            doc.display(),
            saved.len(),
            !reread.has_fresh()
        );
        assert!(
            first.api == second.api && serde_json::to_string(&second.raw).unwrap() == reference,
            "{}: read differently from the saved pieces",
            doc.display()
        );
    }
    eprintln!("{cut} documents read in pieces, {whole} whole");
    assert!(cut >= 10, "only {cut} documents were cut");
}

/// The files the pipeline formats for every document are those of formatting each file's plain
/// tokens: the items the emitter writes as formatted text (`emit/printed.rs`) and the doc blocks
/// it sets aside (`emit/doc_blocks.rs`) are, byte for byte, what prettyplease prints for them.
#[test]
fn every_document_formats_as_its_plain_tokens() {
    let test = "every_document_formats_as_its_plain_tokens";
    let Some(docs) = documents(test) else {
        return;
    };
    let dir = common::root().join("target/every-document");
    let check = move || {
        let mut files = 0;
        for doc in &docs {
            let out = dir.join(crate_name(doc));
            let text = std::fs::read_to_string(doc).unwrap();
            let options = project::options(
                &common::root(),
                doc,
                &out,
                Some(&crate_name(doc)),
                Selection::default(),
            );
            let read = twilio_codegen::load::load(&text, &options.overlays).unwrap();
            let mut api = twilio_codegen::lower::lower(&read, &options.selection).unwrap();
            twilio_codegen::names::assign(&mut api).unwrap();
            let jobs = twilio_codegen::emit::plan(&api);
            let rendered =
                twilio_codegen::format::render_all(&api, &options.krate, jobs.clone()).unwrap();
            let header = twilio_codegen::format::header(&options.krate.source_label);
            for job in &jobs {
                let plain = twilio_codegen::emit::emit(&api, &options.krate, job);
                let plain = twilio_codegen::format::format_file(plain, &header).unwrap();
                let mine = rendered.iter().find(|f| f.path == plain.path).unwrap();
                assert!(
                    mine.text == plain.text,
                    "{}: {} differs from formatting its tokens",
                    doc.display(),
                    plain.path
                );
                files += 1;
            }
        }
        files
    };
    // The generator's stack (`twilio_codegen::STACK_SIZE`): a debug build reads deep documents.
    let files = std::thread::Builder::new()
        .stack_size(twilio_codegen::STACK_SIZE)
        .spawn(check)
        .unwrap()
        .join()
        .unwrap();
    assert!(files > 500, "{files} files compared");
}

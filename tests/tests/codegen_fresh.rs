//! Every generated crate must be exactly what `cargo xtask codegen` writes from its spec (the
//! table `twilio_codegen::project::CLIENTS`: `generated/` from `spec/calls.yaml`, and the legacy
//! clients). When this fails, run `cargo xtask codegen` and review the diff.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use twilio_codegen::{Selection, project};

fn root() -> PathBuf {
    project::absolute(Path::new(env!("CARGO_MANIFEST_DIR")), Path::new(".."))
}

#[test]
fn generated_crates_are_up_to_date() {
    let root = root();
    for client in project::CLIENTS {
        let spec = Path::new(client.spec);
        let out = Path::new(client.out);
        let text = std::fs::read_to_string(root.join(spec)).unwrap();
        let options = project::options(&root, spec, out, None, Selection::default());
        assert_eq!(options.krate.name, client.krate);
        // As `cargo xtask codegen` does: with the crate's history (API digest, version,
        // CHANGES.md), which an up-to-date crate leaves as it is.
        let previous = twilio_codegen::changes::Previous::read(&root.join(out));
        let generated = twilio_codegen::changes::generate(
            &text,
            &options,
            &twilio_codegen::format::Cache::default(),
            &previous,
        )
        .unwrap();
        let output = generated.output;
        let report = twilio_codegen::write::check(&root.join(out), &output.files).unwrap();
        assert!(
            report.is_clean(),
            "{}/ is stale: changed {:?}, no longer generated {:?}; run `cargo xtask codegen`",
            client.out,
            report.changed,
            report.removed
        );
    }
}

/// Every spec under `spec/` has a client in the table, and every client is a workspace member.
#[test]
fn every_spec_has_a_client() {
    let root = root();
    assert_eq!(
        project::unlisted_specs(&root).unwrap(),
        Vec::<String>::new()
    );
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    for client in project::CLIENTS {
        assert!(
            manifest.contains(&format!("\"{}\"", client.out)),
            "{} is not a workspace member",
            client.out
        );
    }
}

#[test]
fn generation_is_deterministic() {
    let root = root();
    for client in project::CLIENTS {
        let text = std::fs::read_to_string(root.join(client.spec)).unwrap();
        let options = project::options(
            &root,
            Path::new(client.spec),
            Path::new(client.out),
            None,
            Selection::default(),
        );
        let a = twilio_codegen::generate(&text, &options).unwrap();
        let b = twilio_codegen::generate(&text, &options).unwrap();
        assert_eq!(a.files, b.files);
    }
}

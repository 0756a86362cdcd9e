//! Header parameters and security schemes of clients generated from Twilio's documents, on the
//! wire: `X-Twilio-Webhook-Enabled` (Conversations), the `If-Match`/`ETag` round trip (Sync),
//! OAuth2 client credentials (IAM Organizations: the token fetched once from the token URL served
//! by the same mock, reused, fetched again when expired; a client without OAuth2 credentials gets
//! `Error::Unauthenticated` and the mock sees nothing) and a bearer operation (no Twilio
//! operation uses one: `tests/fixtures/security_headers.yaml`), each request asserted exactly.
//!
//! The operations are generated, as a user would, from the documents with a path selection
//! (`--paths-prefix`), into crates under `target/auth-headers-wire/`; the runner
//! (`tests/wire-runners/auth_headers.rs`) is built and run offline with the workspace's
//! `Cargo.lock` in `target/generated-check/`. Without `../shared` the test prints why it skipped
//! and passes (CI always has it).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use twilio_codegen::Selection;

/// (crate, document under `../shared/twilio-oai/` or a path in the workspace, path prefix).
const CRATES: &[(&str, &str, &str)] = &[
    (
        "wire-conversations",
        "twilio_conversations_v1.yaml",
        "/v1/Conversations/{ConversationSid}/Messages",
    ),
    (
        "wire-sync",
        "twilio_sync_v1.yaml",
        "/v1/Services/{ServiceSid}/Documents",
    ),
    (
        "wire-organizations",
        "twilio_iam_organizations.yaml",
        "/Organizations/{OrganizationSid}/Accounts",
    ),
    ("wire-fixture", "tests/fixtures/security_headers.yaml", "/"),
];

#[test]
fn headers_and_security_schemes_on_the_wire() {
    let root = common::root();
    let base = root.join("target/auth-headers-wire");
    let mut dependencies = String::new();
    for (krate, document, prefix) in CRATES {
        let (text, label) = if document.starts_with("tests/") {
            (
                std::fs::read_to_string(root.join(document)).unwrap(),
                Path::new(document).to_path_buf(),
            )
        } else {
            let relative = format!("twilio-oai/{document}");
            let Some(text) = common::shared_text("auth_headers_wire", &relative) else {
                return;
            };
            (text, Path::new(document).to_path_buf())
        };
        let out = base.join(krate);
        common::write_crate(
            &text,
            &label,
            &out,
            krate,
            Selection {
                path_prefixes: vec![(*prefix).to_owned()],
                tags: Vec::new(),
            },
        );
        dependencies.push_str(&format!(
            "{krate} = {{ path = {:?} }}\n",
            out.display().to_string()
        ));
    }
    let runner = base.join("runner");
    std::fs::create_dir_all(runner.join("src")).unwrap();
    std::fs::write(
        runner.join("Cargo.toml"),
        format!(
            "[package]\nname = \"auth-headers-wire-runner\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nserde_json = \"1\"\nwiremock = \"0.6\"\ntokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\n\
             twilio-runtime = {{ path = {:?} }}\n{dependencies}\n[workspace]\n\n[profile.dev]\ndebug = false\nincremental = false\n",
            root.join("runtime").display().to_string()
        ),
    )
    .unwrap();
    let source = std::fs::read_to_string(root.join("tests/wire-runners/auth_headers.rs")).unwrap();
    let main = runner.join("src/main.rs");
    if std::fs::read_to_string(&main).ok().as_deref() != Some(source.as_str()) {
        std::fs::write(&main, source).unwrap();
    }
    let stdout = common::cargo_run(&runner);
    for check in [
        "OK conversations X-Twilio-Webhook-Enabled",
        "OK sync If-Match/ETag",
        "OK organizations OAuth2 client credentials",
        "OK fixture bearer and Authorization parameter",
    ] {
        assert!(stdout.contains(check), "missing `{check}`:\n{stdout}");
    }
}

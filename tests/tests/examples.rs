//! The examples of the generated crate (`generated/examples/`) run against Prism and exit 0.
//!
//! They are built with `cargo build --workspace --examples` (a no-op under
//! `cargo test --workspace`, which has just built them with the same features), then run from
//! the target directory with `TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN` and `TWILIO_BASE_URL`
//! pointing at Prism, which checks every request they send against the spec.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use twilio_tests::prism::{self, ACCOUNT_SID, AUTH_TOKEN};

const CALL: &str = "CA39b5f47d870fec1ff0af11c634a84c62";

/// The profile directory of this test binary (`target/debug`), where examples land in
/// `examples/`.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    // target/debug/deps/examples-HASH
    exe.parent().and_then(Path::parent).unwrap().to_path_buf()
}

/// Builds every example of the workspace with the profile of this test binary, once.
fn build_examples() {
    static BUILT: OnceLock<()> = OnceLock::new();
    BUILT.get_or_init(build_examples_now);
}

fn build_examples_now() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut command = Command::new(cargo);
    command
        .current_dir(&workspace)
        .args(["build", "--quiet", "--workspace", "--examples"]);
    // Cargo gives this test the variables of its own package (`CARGO_MANIFEST_DIR`...), and
    // some build scripts (ring's) track them: passed on, they would make this build differ
    // from the outer one and rebuild half the tree, every run.
    for (name, _) in std::env::vars_os() {
        let Some(name) = name.to_str() else { continue };
        let per_crate = name.starts_with("CARGO_PKG_")
            || name.starts_with("CARGO_BIN_EXE_")
            || matches!(
                name,
                "CARGO_MANIFEST_DIR"
                    | "CARGO_MANIFEST_PATH"
                    | "CARGO_CRATE_NAME"
                    | "CARGO_BIN_NAME"
                    | "CARGO_PRIMARY_PACKAGE"
                    | "CARGO_TARGET_TMPDIR"
                    | "CARGO_RUSTC_CURRENT_DIR"
                    | "OUT_DIR"
            );
        if per_crate {
            command.env_remove(name);
        }
    }
    match profile_dir().file_name().and_then(|name| name.to_str()) {
        Some("debug") | None => {}
        Some("release") => {
            command.arg("--release");
        }
        Some(other) => {
            command.args(["--profile", other]);
        }
    }
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "building the examples failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The binary of example `name`.
fn example(name: &str) -> PathBuf {
    let binary = profile_dir()
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(binary.exists(), "{} was not built", binary.display());
    binary
}

/// Runs example `name` with `args`, configured for `base_url`.
fn run(name: &str, args: &[&str], base_url: &str) -> Output {
    Command::new(example(name))
        .args(args)
        // Only what the test sets: no credentials or region of the developer's shell.
        .env_remove("TWILIO_API_KEY")
        .env_remove("TWILIO_API_SECRET")
        .env_remove("TWILIO_REGION")
        .env_remove("TWILIO_EDGE")
        .env("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .env("TWILIO_BASE_URL", base_url)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn every_example_runs_against_prism() {
    build_examples();
    let prism = prism::shared();
    let base_url = prism.base_url();

    let cases: [(&str, &[&str], &str); 4] = [
        (
            "place_call",
            &["+15558675310", "+15017122661"],
            "placed call CA39b5f47d870fec1ff0af11c634a84c62: queued",
        ),
        ("todays_completed_calls", &["10"], "completed call(s) today"),
        (
            "hang_up",
            &[CALL],
            "hung up CA39b5f47d870fec1ff0af11c634a84c62",
        ),
        ("record_call", &[CALL], "stopped recording RE"),
    ];
    let mut failures = Vec::new();
    for (name, args, expected) in cases {
        let output = run(name, args, &base_url);
        let stdout = text(&output.stdout);
        if !output.status.success() || !stdout.contains(expected) {
            failures.push(format!(
                "{name} {args:?}: {}\n--- stdout\n{stdout}--- stderr\n{}",
                output.status,
                text(&output.stderr)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n{}\n\nPrism's log:\n{}",
        failures.len(),
        failures.join("\n"),
        prism.log()
    );
}

#[test]
fn examples_report_bad_input_and_configuration() {
    build_examples();
    // Nothing is sent in these cases: no server needed.
    let nowhere = "http://127.0.0.1:9";

    // Missing arguments: usage, exit code 2.
    let output = run("hang_up", &[], nowhere);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(text(&output.stderr).contains("usage: hang_up"));

    // A malformed SID is refused before anything is sent.
    let output = run("record_call", &["CA123"], nowhere);
    assert!(!output.status.success(), "{output:?}");
    assert!(
        text(&output.stderr).contains("not a valid SID"),
        "{}",
        text(&output.stderr)
    );

    // Missing credentials are named.
    let output = Command::new(example("place_call"))
        .args(["+15558675310", "+15017122661"])
        .env_remove("TWILIO_ACCOUNT_SID")
        .env_remove("TWILIO_AUTH_TOKEN")
        .env_remove("TWILIO_API_KEY")
        .env_remove("TWILIO_API_SECRET")
        .env("TWILIO_BASE_URL", nowhere)
        .output()
        .unwrap();
    assert!(!output.status.success(), "{output:?}");
    assert!(
        text(&output.stderr).contains("TWILIO_ACCOUNT_SID"),
        "{}",
        text(&output.stderr)
    );
}

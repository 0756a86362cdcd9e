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

/// The `call_events` example, a child process serving on a free port of 127.0.0.1, killed when
/// dropped (also when an assertion fails).
struct CallEvents {
    child: std::process::Child,
    addr: String,
    lines: std::sync::mpsc::Receiver<String>,
}

impl CallEvents {
    fn start(token: &str) -> CallEvents {
        use std::io::BufRead as _;
        let mut child = Command::new(example("call_events"))
            .env("TWILIO_AUTH_TOKEN", token)
            .env("CALL_EVENTS_ADDR", "127.0.0.1:0")
            .env_remove("CALL_EVENTS_PUBLIC_URL")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = CallEvents {
            child,
            addr: String::new(),
            lines,
        };
        let first = server.next_line();
        server.addr = first
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {first}"))
            .to_owned();
        assert!(server.addr.starts_with("127.0.0.1:"), "{}", server.addr);
        server
    }

    fn next_line(&self) -> String {
        self.lines
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("a line from call_events")
    }

    /// Sends one HTTP/1.1 request and returns the status code and the body.
    fn send(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> (u16, String) {
        use std::io::{Read as _, Write as _};
        let mut stream = std::net::TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(30)))
            .unwrap();
        let mut request = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        for (k, v) in headers {
            request.push_str(&format!("{k}: {v}\r\n"));
        }
        request.push_str("\r\n");
        request.push_str(body);
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status in {response:?}"));
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default();
        (status, body)
    }
}

impl Drop for CallEvents {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Plays Twilio against the `call_events` example: signed requests are answered (TwiML for the
/// voice URL, 204 for status callbacks, the GET variant too) and logged as typed events;
/// unsigned, tampered, wrongly keyed and misaddressed ones get 403.
#[test]
fn call_events_answers_signed_requests_only() {
    use twilio_calls::webhook::{Params, RequestValidator, SIGNATURE_HEADER};
    build_examples();
    const TOKEN: &str = "0123456789abcdef0123456789abcdef";
    let server = CallEvents::start(TOKEN);
    let origin = format!("http://{}", server.addr);
    let validator = RequestValidator::new(TOKEN);
    let form = "application/x-www-form-urlencoded";
    let sign = |validator: &RequestValidator, url: &str, body: &str| {
        validator.signature(url, Params::from_form(body.as_bytes()).pairs())
    };
    let post = |path: &str, body: &str, signature: &str| {
        server.send(
            "POST",
            path,
            &[("Content-Type", form), (SIGNATURE_HEADER, signature)],
            body,
        )
    };

    // The voice URL: TwiML from the builder.
    let voice = "AccountSid=AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5&ApiVersion=2010-04-01&CallSid=CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b&CallStatus=in-progress&Direction=outbound-api&From=%2B15550142367&To=%2B15550198812&Caller=%2B15550142367";
    let signature = sign(&validator, &format!("{origin}/voice"), voice);
    let (status, body) = post("/voice", voice, &signature);
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        r#"<?xml version="1.0" encoding="UTF-8"?><Response><Say>Thanks for calling.</Say><Gather input="dtmf speech" numDigits="1" timeout="5" action="/menu"><Say voice="alice">Press 1 or say sales to reach our sales team.</Say></Gather><Say>We did not hear from you. Goodbye.</Say></Response>"#
    );
    assert_eq!(
        server.next_line(),
        "voice CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b in-progress outbound-api"
    );

    // A status callback: 204, logged typed.
    let completed = "AccountSid=AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5&ApiVersion=2010-04-01&CallSid=CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b&CallStatus=completed&CallDuration=42&SequenceNumber=3&Direction=outbound-api&From=%2B15550142367&To=%2B15550198812&Timestamp=Mon%2C+23+Nov+2026+17%3A05%3A02+%2B0000";
    let url = format!("{origin}/status");
    let signature = sign(&validator, &url, completed);
    assert_eq!(post("/status", completed, &signature).0, 204);
    assert_eq!(
        server.next_line(),
        "status CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b completed seq=3 duration=42s"
    );

    // The body tampered with after signing.
    let tampered = completed.replace("CallDuration=42", "CallDuration=4200");
    assert_eq!(post("/status", &tampered, &signature).0, 403);
    assert!(server.next_line().starts_with("rejected POST /status"));
    // Signed with another auth token.
    let wrong = sign(&RequestValidator::new("another-token"), &url, completed);
    assert_eq!(post("/status", completed, &wrong).0, 403);
    server.next_line();
    // Signed for another URL (another host; another path).
    for other in [
        "https://elsewhere.example/status".to_owned(),
        format!("{origin}/recordings"),
    ] {
        let misdirected = sign(&validator, &other, completed);
        assert_eq!(post("/status", completed, &misdirected).0, 403, "{other}");
        server.next_line();
    }
    // Unsigned.
    let (status, _) = server.send("POST", "/status", &[("Content-Type", form)], completed);
    assert_eq!(status, 403);
    assert_eq!(
        server.next_line(),
        "rejected POST /status: the request has no X-Twilio-Signature header"
    );

    // The GET variant: the parameters in the query, signed with the full URL.
    let ringing = "AccountSid=AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5&CallSid=CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b&CallStatus=ringing&SequenceNumber=1";
    let target = format!("/status?{ringing}");
    let signature = validator.signature::<&str, &str>(&format!("{origin}{target}"), &[]);
    let (status, _) = server.send("GET", &target, &[(SIGNATURE_HEADER, &signature)], "");
    assert_eq!(status, 204);
    assert_eq!(
        server.next_line(),
        "status CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b ringing seq=1 duration=-"
    );
    // The same GET with its query changed.
    let changed = target.replace("ringing", "answered");
    assert_eq!(
        server
            .send("GET", &changed, &[(SIGNATURE_HEADER, &signature)], "")
            .0,
        403
    );
    server.next_line();

    // Signed, but not a status event (no CallSid): 400.
    let partial = "AccountSid=AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5&CallStatus=ringing";
    let signature = sign(&validator, &url, partial);
    assert_eq!(post("/status", partial, &signature).0, 400);
    assert!(server.next_line().contains("CallSid"));

    // A recording callback and an AMD result, typed.
    let recording = "AccountSid=AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5&CallSid=CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b&RecordingSid=RE0f1e2d3c4b5a69788796a5b4c3d2e1f0&RecordingStatus=completed&RecordingDuration=40";
    let signature = sign(&validator, &format!("{origin}/recordings"), recording);
    assert_eq!(post("/recordings", recording, &signature).0, 204);
    assert_eq!(
        server.next_line(),
        "recording RE0f1e2d3c4b5a69788796a5b4c3d2e1f0 completed 40s"
    );
    let amd = "AccountSid=AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5&CallSid=CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b&AnsweredBy=machine_end_beep&MachineDetectionDuration=4120";
    let signature = sign(&validator, &format!("{origin}/amd"), amd);
    assert_eq!(post("/amd", amd, &signature).0, 204);
    assert_eq!(
        server.next_line(),
        "amd CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b machine_end_beep"
    );
    drop(server);
}

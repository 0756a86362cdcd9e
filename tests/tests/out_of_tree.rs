//! The generator as a user outside this repository meets it (README "Outside this repository").
//!
//! One test, in the README's order: install the `twilio-codegen` command with `cargo install`,
//! make a new cargo workspace in a temp folder (its own `[workspace]` and one application member),
//! generate Twilio's `twilio_api_v2010.yaml` into a folder inside it with the installed command,
//! add the member and the dependency as the README says, then build and run a program that sends
//! a message (`CreateMessage`) to a mock server on 127.0.0.1. Along the way: the manifest names
//! `twilio-runtime` by version only and declares no `[workspace]`; `cargo xtask codegen` writes
//! the same files byte for byte; regenerating changes nothing.
//!
//! The runtime is not on crates.io yet: the temp workspace patches it to this checkout
//! (`[patch.crates-io]`, the README's way to try an unreleased runtime), and builds `--offline`
//! with this repository's `Cargo.lock`. The install builds in this repository's `target/` and
//! the program in the target folder of the other tests that build generated crates
//! (`common::check_target_dir`), so that their dependencies are built once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

/// The program a user writes against the generated crate: sends one message through
/// `TWILIO_BASE_URL` and prints what came back. (It names the generated `CreateMessageParams`
/// constructor and its choice types: if the naming stage renames them, update them here.)
const MAIN_RS: &str = r#"use twilio_api_v2010::{Client, CreateMessageFromOrMessagingServiceSid, CreateMessageBodyOrMediaUrlOrContentSid, CreateMessageParams};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, and TWILIO_BASE_URL: the test's mock server.
    let client = Client::from_env()?;
    let params = CreateMessageParams::new(
        "+15550198812",
        CreateMessageFromOrMessagingServiceSid::from("+15550142367"),
        CreateMessageBodyOrMediaUrlOrContentSid::body("Hello from outside the repository"),
    );
    let message = client.create_message(params).await?;
    println!("sent {} ({:?})", message.sid.unwrap_or_default(), message.status);
    Ok(())
}
"#;

const ACCOUNT: &str = "AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5";
const MESSAGE_SID: &str = "SM5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b";

#[test]
fn a_client_generated_by_the_installed_command_builds_and_sends_where_the_user_puts_it() {
    let root = common::root();
    let spec = common::upstream_path();
    if let Err(e) = std::fs::metadata(&spec) {
        common::shared_missing("out_of_tree", &spec, &e);
        return;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let install = root.join("target/out-of-tree/install");

    // 1. Install the command (README: `cargo install --path generator --locked`; `--debug` here
    //    for a faster build).
    run(Command::new(&cargo)
        .args([
            "install",
            "--quiet",
            "--offline",
            "--locked",
            "--debug",
            "--force",
            "--path",
        ])
        .arg(root.join("generator"))
        .arg("--root")
        .arg(&install)
        .env("CARGO_TARGET_DIR", root.join("target")));
    let bin = install.join("bin/twilio-codegen");
    assert!(bin.is_file(), "{} not installed", bin.display());

    // 2. A user's workspace outside this repository: one application member.
    let ws = std::env::temp_dir().join(format!("twilio-out-of-tree-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&ws);
    std::fs::create_dir_all(ws.join("app/src")).unwrap();
    assert!(!ws.starts_with(&root));
    let patch = format!(
        "\n[patch.crates-io]\ntwilio-runtime = {{ path = {:?} }}\n",
        root.join("runtime").to_string_lossy()
    );
    let workspace = |members: &str| {
        std::fs::write(
            ws.join("Cargo.toml"),
            format!("[workspace]\nresolver = \"3\"\nmembers = [{members}]\n{patch}"),
        )
        .unwrap();
    };
    workspace("\"app\"");
    std::fs::copy(root.join("Cargo.lock"), ws.join("Cargo.lock")).unwrap();
    std::fs::write(ws.join("app/src/main.rs"), MAIN_RS).unwrap();

    // 3. Generate with the installed command, from the workspace root.
    let out = ws.join("clients/twilio-api-v2010");
    let generate = |out: &Path| {
        let output = Command::new(&bin)
            .current_dir(&ws)
            .arg("--spec")
            .arg(&spec)
            .arg("--out")
            .arg(out)
            .arg("--quiet")
            .env_remove("CARGO_TARGET_DIR")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "twilio-codegen failed:\n{stderr}");
        stderr
    };
    let said = generate(&out);
    assert!(
        said.contains("add \"clients/twilio-api-v2010\" to `members`"),
        "the command does not say how to add the member:\n{said}"
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("name = \"twilio-api-v2010\""),
        "{manifest}"
    );
    let runtime_line = manifest
        .lines()
        .find(|l| l.starts_with("twilio-runtime = "))
        .unwrap();
    assert_eq!(
        runtime_line,
        format!(
            // The shipped overlays give v2010 typed webhooks: the crate enables the runtime's
            // `twiml` and `webhook` features. By version, never by path.
            "twilio-runtime = {{ version = \"{}\", features = [\"twiml\", \"webhook\"] }}",
            twilio_codegen::project::RUNTIME_VERSION
        )
    );
    assert!(!manifest.contains("[workspace]"), "{manifest}");
    assert!(!manifest.contains(&*root.to_string_lossy()), "{manifest}");
    assert!(out.join("README.md").is_file());

    // 4. `cargo xtask codegen` on the same document gives the same files, byte for byte.
    let by_xtask = ws.join("by-xtask/twilio-api-v2010");
    run(Command::new(&cargo)
        .current_dir(&root)
        .args([
            "run",
            "--quiet",
            "--offline",
            "-p",
            "xtask",
            "--",
            "codegen",
            "--quiet",
        ])
        .arg("--spec")
        .arg(&spec)
        .arg("--out")
        .arg(&by_xtask)
        .env_remove("CARGO_TARGET_DIR"));
    let (installed, xtask) = (files(&out), files(&by_xtask));
    assert!(installed.len() > 20, "{:?}", installed.keys());
    assert_eq!(
        installed.keys().collect::<Vec<_>>(),
        xtask.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &installed {
        assert!(
            xtask[path] == *bytes,
            "{path} differs between the installed command and xtask"
        );
    }
    std::fs::remove_dir_all(ws.join("by-xtask")).unwrap();

    // 5. The README's steps: the member, and the dependency by path.
    workspace("\"app\", \"clients/twilio-api-v2010\"");
    std::fs::write(
        ws.join("app/Cargo.toml"),
        "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\ntwilio-api-v2010 = { path = \"../clients/twilio-api-v2010\" }\n\
         tokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n",
    )
    .unwrap();

    // 6. Build and run the program against a mock server.
    let (base_url, requests) = mock_server();
    let output = Command::new(&cargo)
        .current_dir(&ws)
        .args(["run", "--quiet", "--offline", "-p", "app"])
        .env("CARGO_TARGET_DIR", common::check_target_dir())
        .env("TWILIO_ACCOUNT_SID", ACCOUNT)
        .env("TWILIO_AUTH_TOKEN", "the-auth-token")
        .env("TWILIO_BASE_URL", &base_url)
        .env_remove("TWILIO_API_KEY")
        .env_remove("TWILIO_API_SECRET")
        .env_remove("TWILIO_REGION")
        .env_remove("TWILIO_EDGE")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the program failed:\n{}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains(&format!("sent {MESSAGE_SID} (Some(Queued))")),
        "{stdout}"
    );
    let requests = requests.lock().unwrap();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let (head, body) = &requests[0];
    assert!(
        head.starts_with(&format!(
            "POST /2010-04-01/Accounts/{ACCOUNT}/Messages.json "
        )),
        "{head}"
    );
    let form: BTreeMap<String, String> = form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    assert_eq!(form.get("To").map(String::as_str), Some("+15550198812"));
    assert_eq!(form.get("From").map(String::as_str), Some("+15550142367"));
    assert_eq!(
        form.get("Body").map(String::as_str),
        Some("Hello from outside the repository")
    );
    drop(requests);

    // 7. Regenerating changes nothing.
    let before = files(&out);
    let said = generate(&out);
    assert!(said.contains("0 written, 0 removed"), "{said}");
    assert_eq!(files(&out), before);
    let _ = std::fs::remove_dir_all(&ws);
}

/// Runs `command`, failing the test with its output when it fails.
fn run(command: &mut Command) {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every file under `dir` but build output (`target/`), by path relative to `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                if entry.file_name() != "target" {
                    stack.push(path);
                }
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// The requests a mock server received: request line and headers, body.
type Requests = Arc<Mutex<Vec<(String, String)>>>;

/// A mock of Twilio's Messages endpoint on 127.0.0.1: answers every request with a queued
/// message and records the request line and body. Returns its base URL.
fn mock_server() -> (String, Requests) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&requests);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut data = Vec::new();
            let mut buf = [0u8; 8192];
            // Read the head, then as much body as Content-Length says.
            let (head, body) = loop {
                let Ok(n) = stream.read(&mut buf) else {
                    break (String::new(), String::new());
                };
                if n == 0 {
                    break (String::new(), String::new());
                }
                data.extend_from_slice(&buf[..n]);
                let text = String::from_utf8_lossy(&data).into_owned();
                let Some(end) = text.find("\r\n\r\n") else {
                    continue;
                };
                let head = text[..end].to_owned();
                let length = head
                    .lines()
                    .find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("content-length")
                            .then(|| v.trim().parse().ok())?
                    })
                    .unwrap_or(0usize);
                if data.len() >= end + 4 + length {
                    break (head, text[end + 4..end + 4 + length].to_owned());
                }
            };
            seen.lock().unwrap().push((head, body));
            let answer = format!(
                "{{\"account_sid\":\"{ACCOUNT}\",\"sid\":\"{MESSAGE_SID}\",\"status\":\"queued\",\
                 \"to\":\"+15550198812\",\"from\":\"+15550142367\",\"body\":\"Hello from outside \
                 the repository\"}}"
            );
            let _ = write!(
                stream,
                "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n{answer}",
                answer.len()
            );
        }
    });
    (url, requests)
}

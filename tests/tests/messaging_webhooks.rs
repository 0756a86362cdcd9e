//! Receiving messages with a crate generated from Twilio's own, unmodified
//! `twilio_api_v2010.yaml`: the shipped overlays give it typed incoming-message, message-status
//! and call-status payloads. The crate (the Messages, IncomingPhoneNumbers and Calls operations,
//! `--paths-prefix` as a user would) is written under `target/messaging-webhooks/`, and the
//! example server `tests/wire-runners/incoming_messages.rs` is built as the `main` of a runner
//! crate beside it (offline, with the workspace's `Cargo.lock`, in `target/generated-check/`),
//! started on a free port of 127.0.0.1, and played Twilio against: an MMS with two images signed
//! as Twilio signs it (HMAC-SHA1 by the runtime's `RequestValidator`, the form body as Twilio
//! sends it, an unknown parameter among them), decoded through the generated `IncomingMessage`
//! with its two media in index order and the unknown parameter kept; a text by `GET`; message and
//! call status callbacks; tampered, unsigned, wrongly keyed and ill-fitting requests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::{BufRead as _, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use twilio_calls::webhook::{Params, RequestValidator, SIGNATURE_HEADER};
use twilio_codegen::Selection;

const TOKEN: &str = "5f4dcc3b5aa765d61d8327deb882cf99";
const FORM: &str = "application/x-www-form-urlencoded";
const ACCOUNT: &str = "AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5";
const MMS: &str = "MM1f0e2d3c4b5a69788796a5b4c3d2e1f0";

/// Generates the crate and builds the runner; returns the server's executable.
fn build(upstream: &str) -> PathBuf {
    let root = common::root();
    let base = root.join("target/messaging-webhooks");
    let krate = base.join("twilio-v2010");
    let prefixes = ["Messages.json", "IncomingPhoneNumbers.json", "Calls.json"];
    let output = common::write_crate(
        upstream,
        Path::new("twilio_api_v2010.yaml"),
        &krate,
        "twilio-v2010",
        Selection {
            path_prefixes: prefixes
                .iter()
                .map(|p| format!("/2010-04-01/Accounts/{{AccountSid}}/{p}"))
                .collect(),
            tags: Vec::new(),
        },
    );
    let line = output.coverage.to_string();
    assert!(
        line.contains("(IncomingMessage, MessageStatusCallback)"),
        "{line}"
    );
    let runner = base.join("runner");
    std::fs::create_dir_all(runner.join("src")).unwrap();
    std::fs::write(
        runner.join("Cargo.toml"),
        format!(
            "[package]\nname = \"incoming-messages\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\naxum = {{ version = \"0.8\", default-features = false, features = [\"http1\", \"tokio\"] }}\n\
             tokio = {{ version = \"1\", features = [\"macros\", \"rt\", \"net\"] }}\n\
             twilio-v2010 = {{ path = {:?} }}\n\n[workspace]\n\n[profile.dev]\ndebug = false\nincremental = false\n",
            krate.display().to_string()
        ),
    )
    .unwrap();
    let source =
        std::fs::read_to_string(root.join("tests/wire-runners/incoming_messages.rs")).unwrap();
    let main = runner.join("src/main.rs");
    if std::fs::read_to_string(&main).ok().as_deref() != Some(source.as_str()) {
        std::fs::write(&main, source).unwrap();
    }
    std::fs::copy(root.join("Cargo.lock"), runner.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let built = Command::new(cargo)
        .current_dir(&runner)
        .args(["build", "--offline", "--quiet", "--target-dir"])
        .arg(common::check_target_dir())
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "cargo build failed in {}:\n{}",
        runner.display(),
        String::from_utf8_lossy(&built.stderr)
    );
    common::check_target_dir()
        .join("debug")
        .join(format!("incoming-messages{}", std::env::consts::EXE_SUFFIX))
}

/// The server, a child process killed when dropped (also when an assertion fails).
struct Server {
    child: Child,
    addr: String,
    lines: Receiver<String>,
}

impl Server {
    fn start(binary: &Path) -> Server {
        let mut child = Command::new(binary)
            .env("TWILIO_AUTH_TOKEN", TOKEN)
            .env("MESSAGES_ADDR", "127.0.0.1:0")
            .env_remove("MESSAGES_PUBLIC_URL")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
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
        let mut server = Server {
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
            .recv_timeout(Duration::from_secs(30))
            .expect("a line from the server")
    }

    /// One HTTP/1.1 request: the status code and the body.
    fn send(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> (u16, String) {
        let mut stream = std::net::TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
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

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A form body from pairs, encoded as Twilio encodes it (`+` for spaces, `%2B` for `+`).
fn form(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

fn media_url(n: u32) -> String {
    format!(
        "https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT}/Messages/{MMS}/Media/ME0000000000000000000000000000000{n}"
    )
}

#[test]
fn incoming_messages_are_verified_decoded_and_answered() {
    let Some(upstream) =
        common::upstream_text("incoming_messages_are_verified_decoded_and_answered")
    else {
        return;
    };
    let server = Server::start(&build(&upstream));
    let origin = format!("http://{}", server.addr);
    let validator = RequestValidator::new(TOKEN);
    let sign = |url: &str, body: &str| {
        validator.signature(url, Params::from_form(body.as_bytes()).pairs())
    };
    let post = |path: &str, body: &str, signature: Option<&str>| {
        let mut headers = vec![("Content-Type", FORM)];
        if let Some(s) = signature {
            headers.push((SIGNATURE_HEADER, s));
        }
        server.send("POST", path, &headers, body)
    };

    // An MMS with two images, as Twilio posts it: the second medium's parameters before the
    // first's (the list follows the index, not the order received), and `AddOns`, which the
    // payload does not declare.
    let (url0, url1) = (media_url(1), media_url(2));
    let mms = form(&[
        ("ToCountry", "US"),
        ("MediaContentType1", "image/png"),
        ("MediaUrl1", &url1),
        ("ToState", "IL"),
        ("SmsMessageSid", MMS),
        ("NumMedia", "2"),
        ("ToCity", "SPRINGFIELD"),
        ("FromZip", "62701"),
        ("SmsSid", MMS),
        ("FromState", "IL"),
        ("SmsStatus", "received"),
        ("FromCity", "SPRINGFIELD"),
        ("Body", "Two pictures & a caption"),
        ("FromCountry", "US"),
        ("To", "+15550198812"),
        ("MediaContentType0", "image/jpeg"),
        ("MediaUrl0", &url0),
        ("ToZip", "62702"),
        ("NumSegments", "1"),
        ("MessageSid", MMS),
        ("AccountSid", ACCOUNT),
        ("From", "+15550142367"),
        ("ApiVersion", "2010-04-01"),
        ("AddOns", "{\"status\":\"successful\",\"results\":{}}"),
    ]);
    let url = format!("{origin}/sms");
    let signature = sign(&url, &mms);
    let (status, body) = post("/sms", &mms, Some(&signature));
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Thanks for the 2 pictures.</Message></Response>"
    );
    assert_eq!(
        server.next_line(),
        format!("message {MMS} media=2 [image/jpeg {url0} | image/png {url1}] other=[AddOns]")
    );

    // The same request, tampered with (another body), unsigned, or signed with another token.
    let tampered = mms.replace("Two+pictures", "Three+pictures");
    assert_ne!(tampered, mms);
    assert_eq!(post("/sms", &tampered, Some(&signature)).0, 403);
    assert_eq!(
        server.next_line(),
        "rejected POST /sms: the X-Twilio-Signature does not match the request"
    );
    assert_eq!(post("/sms", &mms, None).0, 403);
    assert_eq!(
        server.next_line(),
        "rejected POST /sms: the request has no X-Twilio-Signature header"
    );
    let other = RequestValidator::new("another account's token")
        .signature(&url, Params::from_form(mms.as_bytes()).pairs());
    assert_eq!(post("/sms", &mms, Some(&other)).0, 403);
    server.next_line();

    // A text by GET: the parameters in the query, signed with the URL.
    let query = form(&[
        ("MessageSid", "SM5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b"),
        ("AccountSid", ACCOUNT),
        ("From", "whatsapp:+15550142367"),
        ("To", "whatsapp:+15550198812"),
        ("Body", "Hello <there>"),
        ("NumMedia", "0"),
        ("ProfileName", "Ada"),
        ("WaId", "15550142367"),
    ]);
    let target = format!("/sms?{query}");
    let get_signature = validator.signature::<&str, &str>(&format!("{origin}{target}"), &[]);
    let (status, body) = server.send("GET", &target, &[(SIGNATURE_HEADER, &get_signature)], "");
    assert_eq!(status, 200, "{body}");
    assert!(
        body.ends_with(
            "<Message>Thanks! Your message was 13 characters long.</Message></Response>"
        ),
        "{body}"
    );
    assert_eq!(
        server.next_line(),
        "message SM5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b media=0 [] other=[]"
    );

    // Signed, but not what an incoming message is: 400, naming the parameter.
    let bad = form(&[
        ("MessageSid", MMS),
        ("AccountSid", ACCOUNT),
        ("From", "x"),
        ("To", "y"),
        ("NumMedia", "two"),
    ]);
    assert_eq!(post("/sms", &bad, Some(&sign(&url, &bad))).0, 400);
    let line = server.next_line();
    assert!(line.contains("`NumMedia`"), "{line}");

    // Message status callbacks: delivered, then undelivered with Twilio's error code.
    let status_url = format!("{origin}/message-status");
    for (state, code, expected) in [
        ("delivered", "", "error=-"),
        ("undelivered", "30003", "error=30003"),
    ] {
        let mut pairs = vec![
            ("MessageSid", "SM5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b"),
            ("SmsSid", "SM5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b"),
            ("AccountSid", ACCOUNT),
            ("MessageStatus", state),
            ("SmsStatus", state),
            ("From", "+15550142367"),
            ("To", "+15550198812"),
            ("ApiVersion", "2010-04-01"),
            ("RawDlrDoneDate", "2611301512"),
        ];
        if !code.is_empty() {
            pairs.push(("ErrorCode", code));
        }
        let body = form(&pairs);
        let (status, _) = post("/message-status", &body, Some(&sign(&status_url, &body)));
        assert_eq!(status, 204);
        assert_eq!(
            server.next_line(),
            format!("message-status SM5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b {state} {expected}")
        );
    }

    // A call's status callback, typed by the voice overlay in the same crate.
    let call = form(&[
        ("AccountSid", ACCOUNT),
        ("CallSid", "CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b"),
        ("CallStatus", "completed"),
        ("CallDuration", "42"),
        ("ApiVersion", "2010-04-01"),
        ("Direction", "outbound-api"),
        ("From", "+15550142367"),
        ("To", "+15550198812"),
    ]);
    let call_url = format!("{origin}/call-status");
    assert_eq!(
        post("/call-status", &call, Some(&sign(&call_url, &call))).0,
        204
    );
    assert_eq!(
        server.next_line(),
        "call-status CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b completed duration=42s"
    );
}

//! A [Prism](https://github.com/stoplightio/prism) mock server of `spec/calls.yaml` for the
//! end-to-end tests.
//!
//! Prism answers every operation of the spec with the spec's own examples after validating
//! the request against the spec (authentication, required fields, types, enums, patterns,
//! bounds): an invalid request gets `422 Unprocessable Entity`, one without credentials
//! `401 Unauthorized`.
//!
//! Prism runs without `--errors`: request validation (the 422 and 401 above) does not need
//! it, and what it adds — turning a *response* that breaks the spec's schema into a `500` —
//! would fail `ListCall` and `ListCallNotification` whatever the client sends: like Twilio's
//! own document, the spec declares the page links (`uri`, `first_page_uri`...) `format: uri`
//! while Twilio returns, and the examples show, relative paths such as `/2010-04-01/...`,
//! which JSON Schema's `uri` format rejects. Responses are checked by decoding them with the
//! generated types instead.
//!
//! Prism is pinned in `tests/package.json` and `tests/package-lock.json`. When
//! `tests/node_modules/.bin/prism` is missing, [`Prism::start`] installs it with `npm ci` first
//! (so `node` and `npm` must be on the `PATH`). Prism listens on a free port of `127.0.0.1`
//! and is killed when the [`Prism`] value is dropped, also when a test panics. Anything that
//! keeps Prism from starting panics with the reason: the end-to-end tests never skip silently.
//!
//! ```no_run
//! # async fn run() -> Result<(), twilio_calls::Error> {
//! let prism = twilio_tests::prism::shared();
//! let client = prism.client();
//! let page = client.list_call(twilio_calls::ListCallParams::new()).await?;
//! # Ok(()) }
//! ```

// Test support: failing to start Prism is meant to stop the test run, loudly.
#![allow(clippy::panic, clippy::expect_used)]

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};
use std::thread;
use std::time::{Duration, Instant};

/// An account SID that matches the spec's `^AC[0-9a-fA-F]{32}$` (Prism checks the pattern).
pub const ACCOUNT_SID: &str = "AC2c55e046dbb157b9ce5bc4133c254fc7";

/// The auth token the test clients send (Prism checks that basic credentials are present,
/// not their value).
pub const AUTH_TOKEN: &str = "prism-auth-token";

/// How long Prism may take to load the spec and listen.
const STARTUP_LIMIT: Duration = Duration::from_secs(90);
/// How many bytes of Prism's output are kept for error messages.
const LOG_LIMIT: usize = 16 * 1024;
/// How many times a start is tried when Prism exits early (e.g. the free port was taken).
const START_ATTEMPTS: usize = 3;

/// The `tests/` directory (holding `package.json`).
pub fn tests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `spec/calls.yaml`, the document Prism serves.
pub fn spec_path() -> PathBuf {
    tests_dir().join("..").join("spec").join("calls.yaml")
}

/// The document Prism serves: `spec/calls.yaml` without the operations' `callbacks` (the
/// requests Twilio sends to the application). Prism's mock would send them itself to the URLs
/// of each request, and its form encoder fails on them, ending the process; they describe no
/// request of the client, which is what Prism checks. Written as JSON to the temporary
/// directory.
pub fn served_spec() -> Result<PathBuf, String> {
    let text = std::fs::read_to_string(spec_path())
        .map_err(|e| format!("reading {}: {e}", spec_path().display()))?;
    let mut doc: serde_yaml::Value =
        serde_yaml::from_str(&text).map_err(|e| format!("spec/calls.yaml: {e}"))?;
    if let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_mapping_mut()) {
        for item in paths.values_mut() {
            let Some(item) = item.as_mapping_mut() else {
                continue;
            };
            for op in item.values_mut() {
                if let Some(op) = op.as_mapping_mut() {
                    op.remove("callbacks");
                }
            }
        }
    }
    let json = serde_json::to_string(&doc).map_err(|e| format!("spec/calls.yaml as JSON: {e}"))?;
    // One file per content (so runs do not pile files up), written whole before it is renamed
    // into place (so a Prism starting in another test process never reads half of it).
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(&json, &mut hasher);
    let digest = std::hash::Hasher::finish(&hasher);
    let dir = std::env::temp_dir();
    let path = dir.join(format!("twilio-calls-prism-{digest:016x}.json"));
    let partial = dir.join(format!(
        "twilio-calls-prism-{digest:016x}.{}.part",
        std::process::id()
    ));
    std::fs::write(&partial, json).map_err(|e| format!("writing {}: {e}", partial.display()))?;
    std::fs::rename(&partial, &path).map_err(|e| format!("writing {}: {e}", path.display()))?;
    Ok(path)
}

/// `tests/node_modules/.bin/prism`.
pub fn prism_bin() -> PathBuf {
    tests_dir().join("node_modules").join(".bin").join("prism")
}

/// A running Prism process; dropping it kills the process.
#[derive(Debug)]
pub struct Prism {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

/// One Prism per test binary while any test holds it: see [`shared`].
static SHARED: Mutex<Weak<Prism>> = Mutex::new(Weak::new());

/// The Prism of this test binary, started on first use: tests that run at the same time share
/// one process, which is killed when the last of them drops its handle (also on panic).
///
/// # Panics
/// When Prism cannot be installed or started, with the reason.
pub fn shared() -> Arc<Prism> {
    let mut slot = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(prism) = slot.upgrade() {
        return prism;
    }
    let prism = Arc::new(Prism::start());
    *slot = Arc::downgrade(&prism);
    prism
}

impl Prism {
    /// Installs Prism if needed and starts it on a free port of `127.0.0.1`, returning once it
    /// answers HTTP requests.
    ///
    /// # Panics
    /// When `npm ci` fails, or Prism exits or does not answer within 90 seconds; the message
    /// holds Prism's output.
    pub fn start() -> Prism {
        ensure_installed();
        let mut failures = Vec::new();
        for _ in 0..START_ATTEMPTS {
            match Prism::try_start() {
                Ok(prism) => return prism,
                Err(StartError::Exited(reason)) => failures.push(reason),
                Err(StartError::Fatal(reason)) => panic!("Prism did not start: {reason}"),
            }
        }
        panic!(
            "Prism did not start after {START_ATTEMPTS} attempts:\n{}",
            failures.join("\n---\n")
        );
    }

    fn try_start() -> Result<Prism, StartError> {
        let port = free_port().map_err(|e| StartError::Fatal(format!("no free port: {e}")))?;
        let bin = prism_bin();
        let spec = served_spec().map_err(StartError::Fatal)?;
        let mut child = Command::new(&bin)
            .current_dir(tests_dir())
            // Warnings and errors only: the log then holds the reasons of rejected requests.
            .args(["mock", "--verboseLevel", "warn", "-h", "127.0.0.1", "-p"])
            .arg(port.to_string())
            .arg(&spec)
            .env("NO_COLOR", "1")
            .env("FORCE_COLOR", "0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                StartError::Fatal(format!(
                    "could not run {} (is `node` on the PATH?): {e}",
                    bin.display()
                ))
            })?;
        let log = Arc::new(Mutex::new(String::new()));
        if let Some(stdout) = child.stdout.take() {
            drain(stdout, Arc::clone(&log));
        }
        if let Some(stderr) = child.stderr.take() {
            drain(stderr, Arc::clone(&log));
        }
        // From here on, dropping `prism` kills the process.
        let mut prism = Prism { child, port, log };
        let started = Instant::now();
        loop {
            if let Some(status) = prism.exited() {
                // Give the output threads a moment to catch the last lines.
                thread::sleep(Duration::from_millis(200));
                return Err(StartError::Exited(format!(
                    "Prism exited with {status} before answering on port {port}:\n{}",
                    prism.log()
                )));
            }
            if prism.answers() {
                return Ok(prism);
            }
            if started.elapsed() > STARTUP_LIMIT {
                return Err(StartError::Fatal(format!(
                    "Prism did not answer on port {port} within {}s:\n{}",
                    STARTUP_LIMIT.as_secs(),
                    prism.log()
                )));
            }
            thread::sleep(Duration::from_millis(100));
        }
    }

    /// `http://127.0.0.1:PORT`: the base URL to give
    /// [`ClientBuilder::base_url`](twilio_calls::ClientBuilder::base_url).
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A client of the generated crate that sends every request to this Prism, as
    /// [`ACCOUNT_SID`] with [`AUTH_TOKEN`], without retries.
    pub fn client(&self) -> twilio_calls::Client {
        self.client_for(ACCOUNT_SID)
    }

    /// Like [`client`](Prism::client), addressing `account_sid` (which is not checked: any
    /// identifier will do).
    pub fn client_for(&self, account_sid: &str) -> twilio_calls::Client {
        twilio_calls::Client::builder()
            .account_sid(account_sid)
            .auth_token(AUTH_TOKEN)
            .base_url(self.base_url())
            .retry(twilio_calls::RetryPolicy::disabled())
            .build()
            .map(twilio_calls::Client::from)
            .expect("a client with a base URL builds")
    }

    /// The port Prism listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// What Prism printed so far (its last 16 KiB): warnings and errors, such as the reasons
    /// of rejected requests.
    pub fn log(&self) -> String {
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Sends one raw HTTP/1.1 request (`Connection: close`) and returns the status code and
    /// the body. `head` holds the request line and headers, without the blank line.
    ///
    /// # Errors
    /// When the connection fails or the answer is not HTTP.
    pub fn raw(&self, head: &str, body: &str) -> std::io::Result<(u16, String)> {
        raw_http(self.port, head, body)
    }

    fn answers(&self) -> bool {
        self.raw("GET / HTTP/1.1", "").is_ok()
    }

    fn exited(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().ok().flatten()
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

enum StartError {
    /// Prism exited early: worth another try on another port.
    Exited(String),
    /// Trying again would not help.
    Fatal(String),
}

/// Runs `npm ci` in `tests/` once per process when Prism is not installed.
fn ensure_installed() {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    let outcome = INSTALLED.get_or_init(|| {
        if prism_bin().exists() {
            return Ok(());
        }
        npm_ci(&tests_dir())
    });
    if let Err(reason) = outcome {
        panic!("Prism is not installed and `npm ci` in tests/ failed: {reason}");
    }
}

fn npm_ci(dir: &Path) -> Result<(), String> {
    // `--ignore-scripts`: Prism needs no install script (the only one in its tree is a
    // telemetry ping).
    let output = Command::new("npm")
        .current_dir(dir)
        .args([
            "ci",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
        ])
        .env("SCARF_ANALYTICS", "false")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not run `npm` (is it on the PATH?): {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`npm ci` exited with {}:\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    if !prism_bin().exists() {
        return Err(format!(
            "`npm ci` succeeded but {} is missing",
            prism_bin().display()
        ));
    }
    Ok(())
}

/// A port of `127.0.0.1` that nothing listens on (the OS picks it; it is released at once).
fn free_port() -> std::io::Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(listener.local_addr()?.port())
}

/// Copies a pipe into `log` (keeping its end), so that Prism never blocks on a full pipe.
fn drain(mut pipe: impl Read + Send + 'static, log: Arc<Mutex<String>>) {
    thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(read @ 1..) = pipe.read(&mut buffer) {
            let mut log = log.lock().unwrap_or_else(PoisonError::into_inner);
            log.push_str(&String::from_utf8_lossy(&buffer[..read]));
            if log.len() > LOG_LIMIT {
                let mut cut = log.len() - LOG_LIMIT;
                while !log.is_char_boundary(cut) {
                    cut += 1;
                }
                log.drain(..cut);
            }
        }
    });
}

fn raw_http(port: u16, head: &str, body: &str) -> std::io::Result<(u16, String)> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    let request = format!(
        "{head}\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes())?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let response = String::from_utf8_lossy(&response);
    let invalid = || std::io::Error::new(std::io::ErrorKind::InvalidData, "not an HTTP response");
    let status = response
        .strip_prefix("HTTP/1.")
        .and_then(|rest| rest.get(2..5))
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(invalid)?;
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

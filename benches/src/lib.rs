//! Shared pieces of the client benchmarks: realistic Calls payloads, the plain serde baselines,
//! a loopback HTTP/1.1 server, and the two clients (generated and hand-written reqwest).
//!
//! The benchmarks themselves are `benches/client.rs` (criterion: encode and decode) and the
//! `throughput` and `paging` binaries; `cargo xtask bench` runs them all.
//!
//! Benchmark code: the baselines' fields are self-explanatory, and a failure to set up is a panic.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The account of every request and payload.
pub const ACCOUNT_SID: &str = "AC0123456789abcdef0123456789abcdef";
/// Its auth token.
pub const AUTH_TOKEN: &str = "0123456789abcdef0123456789abcdef";
/// The call that single-call requests fetch.
pub const CALL_SID: &str = "CA00000000000000000000000000000000";

/// The SID of the `i`-th call.
pub fn call_sid(i: usize) -> String {
    format!("CA{i:032x}")
}

/// Appends the JSON of the `i`-th call, as Twilio sends it (every field present).
pub fn write_call(out: &mut String, i: usize) {
    let sid = call_sid(i);
    let (minute, second) = ((i / 60) % 60, i % 60);
    let _ = write!(
        out,
        r#"{{"account_sid": "{ACCOUNT_SID}", "annotation": null, "answered_by": null, "api_version": "2010-04-01", "caller_name": null, "date_created": "Tue, 31 Aug 2010 20:{minute:02}:{second:02} +0000", "date_updated": "Tue, 31 Aug 2010 20:{minute:02}:{second:02} +0000", "direction": "outbound-api", "duration": "15", "end_time": "Tue, 31 Aug 2010 20:{minute:02}:{second:02} +0000", "forwarded_from": "+141586753093", "from": "+15017122661", "from_formatted": "(501) 712-2661", "group_sid": null, "parent_call_sid": null, "phone_number_sid": "PN0123456789abcdef0123456789abcdef", "price": "-0.03000", "price_unit": "USD", "sid": "{sid}", "start_time": "Tue, 31 Aug 2010 20:{minute:02}:{second:02} +0000", "status": "completed", "subresource_uris": {{"notifications": "/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}/Notifications.json", "recordings": "/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}/Recordings.json", "payments": "/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}/Payments.json", "events": "/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}/Events.json", "siprec": "/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}/Siprec.json", "streams": "/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}/Streams.json", "transcriptions": "/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}/Transcriptions.json", "user_defined_message_subscriptions": "/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}/UserDefinedMessageSubscriptions.json", "user_defined_messages": "/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}/UserDefinedMessages.json"}}, "to": "+14155551212", "to_formatted": "(415) 555-1212", "trunk_sid": null, "uri": "/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}.json", "queue_time": "1000"}}"#
    );
}

/// The JSON of one call.
pub fn call_body() -> String {
    let mut out = String::new();
    write_call(&mut out, 0);
    out
}

/// The path of the Calls list.
pub fn calls_path() -> String {
    format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Calls.json")
}

/// Page `page` (from 0) of a list of `total` calls, `page_size` per page, with Twilio's paging
/// fields; `next_page_uri` is null on the last page.
pub fn page_body(page: usize, page_size: usize, total: usize) -> String {
    let start = page * page_size;
    let end = (start + page_size).min(total);
    let mut out = String::with_capacity(64 + (end - start) * 2600);
    out.push_str(r#"{"calls": ["#);
    for i in start..end {
        if i > start {
            out.push_str(", ");
        }
        write_call(&mut out, i);
    }
    let path = calls_path();
    let next = if end < total {
        format!(
            r#""{path}?PageSize={page_size}&Page={}&PageToken=PA{end}""#,
            page + 1
        )
    } else {
        "null".to_owned()
    };
    let _ = write!(
        out,
        r#"], "end": {}, "first_page_uri": "{path}?PageSize={page_size}&Page=0", "next_page_uri": {next}, "page": {page}, "page_size": {page_size}, "previous_page_uri": null, "start": {start}, "uri": "{path}?PageSize={page_size}&Page={page}"}}"#,
        end.saturating_sub(1),
    );
    out
}

/// The hand-written baselines: plain serde structs, every field a string.
pub mod baseline {
    use super::*;

    /// A call, as a plain serde struct.
    #[derive(Debug, Clone, serde::Deserialize)]
    #[allow(dead_code)]
    pub struct Call {
        pub account_sid: Option<String>,
        pub answered_by: Option<String>,
        pub api_version: Option<String>,
        pub caller_name: Option<String>,
        pub date_created: Option<String>,
        pub date_updated: Option<String>,
        pub direction: Option<String>,
        pub duration: Option<String>,
        pub end_time: Option<String>,
        pub forwarded_from: Option<String>,
        pub from: Option<String>,
        pub from_formatted: Option<String>,
        pub group_sid: Option<String>,
        pub parent_call_sid: Option<String>,
        pub phone_number_sid: Option<String>,
        pub price: Option<String>,
        pub price_unit: Option<String>,
        pub queue_time: Option<String>,
        pub sid: Option<String>,
        pub start_time: Option<String>,
        pub status: Option<String>,
        pub subresource_uris: Option<BTreeMap<String, String>>,
        pub to: Option<String>,
        pub to_formatted: Option<String>,
        pub trunk_sid: Option<String>,
        pub uri: Option<String>,
    }

    /// A page of calls, as a plain serde struct.
    #[derive(Debug, Clone, serde::Deserialize)]
    #[allow(dead_code)]
    pub struct Page {
        pub calls: Vec<Call>,
        pub end: Option<i64>,
        pub first_page_uri: Option<String>,
        pub next_page_uri: Option<String>,
        pub page: Option<i64>,
        pub page_size: Option<i64>,
        pub previous_page_uri: Option<String>,
        pub start: Option<i64>,
        pub uri: Option<String>,
    }

    /// Every form field of `CreateCall`, as a plain serde struct (arrays as repeated keys).
    #[derive(Debug, Clone, serde::Serialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct CreateCall {
        pub to: String,
        pub from: String,
        pub url: String,
        pub async_amd: String,
        pub async_amd_status_callback: String,
        pub async_amd_status_callback_method: String,
        pub byoc: String,
        pub call_reason: String,
        pub call_token: String,
        pub caller_id: String,
        pub client_notification_url: String,
        pub fallback_method: String,
        pub fallback_url: String,
        pub machine_detection: String,
        pub machine_detection_silence_timeout: i64,
        pub machine_detection_speech_end_threshold: i64,
        pub machine_detection_speech_threshold: i64,
        pub machine_detection_timeout: i64,
        pub method: String,
        pub record: bool,
        pub recording_channels: String,
        pub recording_status_callback: String,
        pub recording_status_callback_event: Vec<String>,
        pub recording_status_callback_method: String,
        pub recording_track: String,
        pub send_digits: String,
        pub sip_auth_password: String,
        pub sip_auth_username: String,
        pub status_callback: String,
        pub status_callback_event: Vec<String>,
        pub status_callback_method: String,
        pub time_limit: i64,
        pub timeout: i64,
        pub trim: String,
    }

    impl CreateCall {
        /// Every field set, from [`create_values`].
        pub fn full() -> Self {
            let v = create_values();
            Self {
                to: v.to.into(),
                from: v.from.into(),
                url: v.url.into(),
                async_amd: v.async_amd.into(),
                async_amd_status_callback: v.callback.into(),
                async_amd_status_callback_method: "POST".into(),
                byoc: v.byoc.into(),
                call_reason: v.call_reason.into(),
                call_token: v.call_token.into(),
                caller_id: v.caller_id.into(),
                client_notification_url: v.callback.into(),
                fallback_method: "POST".into(),
                fallback_url: v.fallback_url.into(),
                machine_detection: v.machine_detection.into(),
                machine_detection_silence_timeout: 5000,
                machine_detection_speech_end_threshold: 1200,
                machine_detection_speech_threshold: 2400,
                machine_detection_timeout: 30,
                method: "POST".into(),
                record: true,
                recording_channels: v.recording_channels.into(),
                recording_status_callback: v.callback.into(),
                recording_status_callback_event: v
                    .recording_events
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect(),
                recording_status_callback_method: "POST".into(),
                recording_track: v.recording_track.into(),
                send_digits: v.send_digits.into(),
                sip_auth_password: v.sip_password.into(),
                sip_auth_username: v.sip_username.into(),
                status_callback: v.callback.into(),
                status_callback_event: v.status_events.iter().map(|s| (*s).to_owned()).collect(),
                status_callback_method: "POST".into(),
                time_limit: 14400,
                timeout: 60,
                trim: v.trim.into(),
            }
        }

        /// The form body.
        pub fn encode(&self) -> String {
            serde_html_form::to_string(self).unwrap_or_default()
        }
    }
}

/// The values of a full `CreateCall` (every field).
pub struct CreateValues {
    pub to: &'static str,
    pub from: &'static str,
    pub url: &'static str,
    pub async_amd: &'static str,
    pub callback: &'static str,
    pub byoc: &'static str,
    pub call_reason: &'static str,
    pub call_token: &'static str,
    pub caller_id: &'static str,
    pub fallback_url: &'static str,
    pub machine_detection: &'static str,
    pub recording_channels: &'static str,
    pub recording_events: [&'static str; 3],
    pub recording_track: &'static str,
    pub send_digits: &'static str,
    pub sip_password: &'static str,
    pub sip_username: &'static str,
    pub status_events: [&'static str; 4],
    pub trim: &'static str,
}

/// The values of a full `CreateCall`.
pub fn create_values() -> CreateValues {
    CreateValues {
        to: "+15558675310",
        from: "+15017122661",
        url: "https://example.com/twiml/outbound?campaign=autumn&step=1",
        async_amd: "true",
        callback: "https://example.com/callbacks/calls?source=bench",
        byoc: "BY0123456789abcdef0123456789abcdef",
        call_reason: "Your appointment reminder",
        call_token: "eyJwYXJlbnRfY2FsbF9zaWQiOiJDQTAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMCJ9",
        caller_id: "client:alice",
        fallback_url: "https://example.com/twiml/fallback",
        machine_detection: "DetectMessageEnd",
        recording_channels: "dual",
        recording_events: ["in-progress", "completed", "absent"],
        recording_track: "both",
        send_digits: "ww1234#",
        sip_password: "s3cret&p@ss=word",
        sip_username: "alice",
        status_events: ["initiated", "ringing", "answered", "completed"],
        trim: "trim-silence",
    }
}

/// The generated client's parameters of a full `CreateCall` (every field, the `Url` choice).
pub fn create_call_params() -> twilio_calls::CreateCallParams {
    use twilio_calls::{BySid, CreateCallChoice, CreateCallParams, HttpMethod};
    let v = create_values();
    let byoc = BySid::new(v.byoc).expect("a valid SID");
    CreateCallParams::new(v.to, v.from, CreateCallChoice::Url(v.url.into()))
        .async_amd(v.async_amd)
        .async_amd_status_callback(v.callback)
        .async_amd_status_callback_method(HttpMethod::Post)
        .byoc(byoc)
        .call_reason(v.call_reason)
        .call_token(v.call_token)
        .caller_id(v.caller_id)
        .client_notification_url(v.callback)
        .fallback_method(HttpMethod::Post)
        .fallback_url(v.fallback_url)
        .machine_detection(v.machine_detection)
        .machine_detection_silence_timeout(5000)
        .machine_detection_speech_end_threshold(1200)
        .machine_detection_speech_threshold(2400)
        .machine_detection_timeout(30)
        .method(HttpMethod::Post)
        .record(true)
        .recording_channels(v.recording_channels)
        .recording_status_callback(v.callback)
        .recording_status_callback_event(v.recording_events)
        .recording_status_callback_method(HttpMethod::Post)
        .recording_track(v.recording_track)
        .send_digits(v.send_digits)
        .sip_auth_password(v.sip_password)
        .sip_auth_username(v.sip_username)
        .status_callback(v.callback)
        .status_callback_event(v.status_events)
        .status_callback_method(HttpMethod::Post)
        .time_limit(14400)
        .timeout(60)
        .trim(v.trim)
}

/// The generated client, talking to `addr`.
pub fn generated_client(addr: SocketAddr) -> Result<twilio_calls::Client, twilio_runtime::Error> {
    twilio_calls::Client::builder()
        .account_sid(ACCOUNT_SID)
        .auth_token(AUTH_TOKEN)
        .base_url(format!("http://{addr}"))
        .build()
        .map(twilio_calls::Client::from)
}

/// A hand-written reqwest client: the baseline, with the timeouts any production client sets
/// (the runtime's defaults: 30 s in all, 10 s to connect). Plain HTTP, so TLS is set up only
/// because reqwest wants a provider.
pub fn baseline_client() -> Result<reqwest::Client, reqwest::Error> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(30))
        .connect_timeout(std::time::Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
}

/// What the loopback server answers list requests with: `total` calls in all.
#[derive(Debug, Default)]
pub struct ServerState {
    /// Number of calls in the list.
    pub total: AtomicUsize,
    /// Requests answered.
    pub requests: AtomicUsize,
}

/// Starts a loopback HTTP/1.1 server (keep-alive) on its own thread and runtime: `GET` of a
/// call returns [`call_body`], `POST` to the list creates one (201, [`call_body`]), `GET` of
/// the list returns [`page_body`] for its `PageSize` and `Page`.
pub fn start_server() -> std::io::Result<(SocketAddr, Arc<ServerState>)> {
    let std_listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    std_listener.set_nonblocking(true)?;
    let addr = std_listener.local_addr()?;
    let state = Arc::new(ServerState::default());
    let shared = Arc::clone(&state);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    std::thread::Builder::new()
        .name("loopback-server".into())
        .spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = TcpListener::from_std(std_listener) else {
                    return;
                };
                let call: Arc<[u8]> = Arc::from(call_body().into_bytes());
                while let Ok((socket, _)) = listener.accept().await {
                    let _ = socket.set_nodelay(true);
                    tokio::spawn(connection(socket, Arc::clone(&shared), Arc::clone(&call)));
                }
            });
        })?;
    Ok((addr, state))
}

async fn connection(mut socket: TcpStream, state: Arc<ServerState>, call: Arc<[u8]>) {
    let mut buf: Vec<u8> = Vec::with_capacity(16 * 1024);
    let mut out: Vec<u8> = Vec::with_capacity(16 * 1024);
    loop {
        let head_end = loop {
            if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break pos + 4;
            }
            match socket.read_buf(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        let content_length = head
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<usize>().ok())?
            })
            .unwrap_or(0);
        while buf.len() < head_end + content_length {
            match socket.read_buf(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
        buf.drain(..head_end + content_length);
        let mut words = head.split(' ');
        let method = words.next().unwrap_or("");
        let target = words.next().unwrap_or("");
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let page;
        let (status, body): (&str, &[u8]) = match (method, path.ends_with("/Calls.json")) {
            ("POST", true) => ("201 Created", &call),
            ("GET", true) => {
                let param = |name: &str| {
                    query.split('&').find_map(|pair| {
                        let (k, v) = pair.split_once('=')?;
                        (k == name).then(|| v.parse::<usize>().ok())?
                    })
                };
                let size = param("PageSize").unwrap_or(50).max(1);
                let total = state.total.load(Ordering::Relaxed);
                page = page_body(param("Page").unwrap_or(0), size, total);
                ("200 OK", page.as_bytes())
            }
            ("GET", false) => ("200 OK", &call),
            _ => (
                "404 Not Found",
                br#"{"code": 20404, "message": "not found"}"#,
            ),
        };
        state.requests.fetch_add(1, Ordering::Relaxed);
        out.clear();
        let _ = write!(
            Adapter(&mut out),
            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        out.extend_from_slice(body);
        if socket.write_all(&out).await.is_err() {
            return;
        }
    }
}

/// `fmt::Write` into a byte buffer.
struct Adapter<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Adapter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// The median of `values` (sorted in place); 0 when empty.
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// One measured figure, printed as a JSON line for `cargo xtask bench`.
pub fn report(name: &str, value: f64, unit: &str) {
    println!(
        "{}",
        serde_json::json!({ "name": name, "value": value, "unit": unit })
    );
}

//! The clients of the two legacy Calls APIs against in-process servers, on every example of the
//! seed pages (`tests/fixtures/seeds/`, extracted by hand from `../shared/seeds/000`, `001` and
//! `002`; see the README there):
//!
//! - every example response is replayed verbatim by wiremock and decoded by the generated client:
//!   the integer `Status`, the `Flags` bit set, empty elements and JSON `false` as `None`, RFC 2822
//!   dates with their offsets, the paging attributes of a list;
//! - every example request is compared with what the client sends: form bodies byte for byte,
//!   paths, the basic-auth header; for the list filters, the decoded query pairs and the raw
//!   request line as a plain TCP server receives it (see [`list_filters_2008`] for why the bytes
//!   of `StartTime>=` differ from the seed's);
//! - bad bodies (truncated XML, an unknown status, a non-numeric `Flags`, another root element)
//!   are typed errors; unknown elements are ignored.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::time::Duration;

use time::macros::{date, datetime, offset};
use wiremock::matchers::{basic_auth, body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use twilio_app_calls as app;
use twilio_calls_2008 as v2008;

/// The account of every 2008 example.
const ACCOUNT: &str = "AC309475e5fede1b49e100272a8640f438";
const TOKEN: &str = "auth-token";
const CALLS: &str = "/2008-08-01/Accounts/AC309475e5fede1b49e100272a8640f438/Calls";

/// A fixture file of `tests/fixtures/seeds/`.
fn seed(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/seeds")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The lines of a `.request` fixture, without the trailing spaces of the seed's Markdown.
fn request_lines(name: &str) -> Vec<String> {
    seed(name)
        .lines()
        .map(|l| l.trim_end().to_owned())
        .collect()
}

/// `(method, path)` of a request line `POST /path HTTP/1.1`.
fn request_line(line: &str) -> (String, String) {
    let mut parts = line.split(' ');
    let method = parts.next().unwrap().to_owned();
    let path = parts.next().unwrap().to_owned();
    assert_eq!(parts.next(), Some("HTTP/1.1"), "{line}");
    (method, path)
}

fn client_2008(server: &MockServer) -> v2008::Client {
    v2008::Client::from(
        v2008::Client::builder()
            .account_sid(ACCOUNT)
            .auth_token(TOKEN)
            .base_url(server.uri())
            .build()
            .unwrap(),
    )
}

fn xml(body: String) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.into_bytes(), "application/xml")
}

/// Replays `response` for one request matching the seed's request line and the credentials, and
/// returns what arrived.
async fn serve_once(request: &str, response: ResponseTemplate) -> MockServer {
    let (verb, path_) = request_line(request);
    let server = MockServer::start().await;
    Mock::given(method(verb.as_str()))
        .and(path(path_.as_str()))
        .and(basic_auth(ACCOUNT, TOKEN))
        .respond_with(response)
        .expect(1)
        .mount(&server)
        .await;
    server
}

async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    received.remove(0)
}

fn header_of<'r>(request: &'r wiremock::Request, name: &str) -> &'r str {
    request
        .headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

/// What the three create examples of seed 001 answer (they differ in the caller and the phone
/// number SID only).
fn check_created_call(call: &v2008::Call, caller: &str, phone_number_sid: &str) {
    assert_eq!(call.sid, "CA42ed11f93dc08b952027ffbc406d0868");
    assert_eq!(call.call_segment_sid, None, "<CallSegmentSid/> is no value");
    assert_eq!(call.account_sid, ACCOUNT);
    assert_eq!(call.called, "4155551212");
    assert_eq!(call.caller, caller);
    assert_eq!(call.phone_number_sid, phone_number_sid);
    assert_eq!(call.status, v2008::CallStatus::NotYetDialed);
    assert_eq!(call.status.value(), 0);
    let start = call.start_time.unwrap();
    assert_eq!(start, datetime!(2008-04-03 04:36:33 -04:00));
    assert_eq!(start.offset(), offset!(-04:00), "the offset is kept");
    assert_eq!(call.end_time, None, "<EndTime/> is no value");
    assert_eq!(call.price, None, "<Price/> is no value");
    assert_eq!(call.duration, None, "no <Duration> element");
    assert_eq!(call.date_created, None);
    assert!(call.flags.contains(v2008::CallFlags::INBOUND));
    assert_eq!(call.flags, v2008::CallFlags::INBOUND);
}

/// The three `POST .../Calls` examples of seed 001: the form bodies are the seed's bytes
/// (`Url` unencoded through the spec's `allowReserved`, `#` as `%23`, the documented order).
#[tokio::test]
async fn create_call_2008_examples() {
    let examples = [
        (
            1,
            v2008::CreateCallParams::new(
                "4158675309",
                "4155551212",
                "http://www.myapp.com/myhandler.php",
            ),
            "4158675309",
            "PN01234567890123456789012345678900",
        ),
        (
            2,
            v2008::CreateCallParams::new(
                "415-867-5309",
                "4155551212",
                "http://www.myapp.com/myhandler.php",
            )
            .method(v2008::HttpMethod::Get),
            "4158675309",
            "PN01234567890123456789012345678900",
        ),
        (
            3,
            v2008::CreateCallParams::new(
                "866-867-5309",
                "4155551212",
                "http://www.myapp.com/myhandler.php",
            )
            .method(v2008::HttpMethod::Get)
            .send_digits("1234#"),
            "8668675309",
            "PN01234567890123456789012345678999",
        ),
    ];
    for (n, params, caller, phone_number_sid) in examples {
        let lines = request_lines(&format!("001-create-call-{n}.request"));
        let server = serve_once(&lines[0], xml(seed(&format!("001-create-call-{n}.xml")))).await;
        let created = client_2008(&server).create_call(params).await.unwrap();
        check_created_call(&created.call, caller, phone_number_sid);

        let sent = only_request(&server).await;
        let (verb, path_) = request_line(&lines[0]);
        assert_eq!(sent.method.as_str(), verb);
        assert_eq!(sent.url.path(), path_);
        assert_eq!(
            String::from_utf8(sent.body.clone()).unwrap(),
            lines[1],
            "example {n}: the form body, byte for byte"
        );
        assert_eq!(
            header_of(&sent, "content-type"),
            "application/x-www-form-urlencoded"
        );
        assert_eq!(header_of(&sent, "accept"), "application/xml");
        assert!(header_of(&sent, "authorization").starts_with("Basic "));
    }
}

#[tokio::test]
async fn fetch_call_2008() {
    let lines = request_lines("002-fetch-call.request");
    let server = serve_once(&lines[0], xml(seed("002-fetch-call.xml"))).await;
    let sid = "CA42ed11f93dc08b952027ffbc406d0868";
    let call = client_2008(&server).fetch_call(sid).await.unwrap().call;
    assert_eq!(call.sid, sid);
    assert_eq!(
        call.status,
        v2008::CallStatus::Complete,
        "<Status>2</Status>"
    );
    assert!(
        call.flags.contains(v2008::CallFlags::INBOUND),
        "<Flags>1</Flags>"
    );
    assert!(!call.flags.contains(v2008::CallFlags::API_INITIATED));
    assert_eq!(call.duration, Some(14));
    assert_eq!(call.price, None);
    assert_eq!(call.call_segment_sid, None);
    assert_eq!(call.called, "4159633717");
    assert_eq!(call.caller, "4156767925");
    let created = call.date_created.unwrap();
    assert_eq!(created, datetime!(2009-02-07 13:15:19 -08:00));
    assert_eq!(created.offset(), offset!(-08:00));
    assert_eq!(call.date_updated, Some(created));
    let start = call.start_time.unwrap();
    let end = call.end_time.unwrap();
    assert_eq!(end.offset(), offset!(-04:00));
    assert_eq!((end - start).whole_seconds(), 14);
    let sent = only_request(&server).await;
    assert_eq!(sent.body, b"", "a GET has no body");
}

/// A list decodes into a typed page: the `<Calls>` attributes and its `<Call>` elements (the
/// seed's list ends with a literal `...`, which is ignored).
#[tokio::test]
async fn list_calls_2008() {
    let lines = request_lines("002-list-calls.request");
    let server = serve_once(&lines[0], xml(seed("002-list-calls.xml"))).await;
    let list = client_2008(&server)
        .list_call(v2008::ListCallParams::new())
        .await
        .unwrap();
    let page = &list.calls;
    assert_eq!(
        (
            page.page,
            page.numpages,
            page.pagesize,
            page.total,
            page.start,
            page.end
        ),
        (0, 1, 50, 38, 0, 37)
    );
    assert_eq!(page.calls.len(), 2);
    let second = &page.calls[1];
    assert_eq!(second.sid, "CA751e8fa0a0105cf26a0d7a9775fb4bfb");
    assert_eq!(second.called, "2064287985");
    assert_eq!(
        second.phone_number_sid,
        "PNd59c2ba27ef48264773edb90476d1674"
    );
    assert_eq!(second.duration, Some(35));
    assert_eq!(second.status, v2008::CallStatus::Complete);
    assert_eq!(
        second.start_time,
        Some(datetime!(2008-04-03 01:37:05 -04:00))
    );
    assert_eq!(page.calls[0].duration, Some(14));
    let sent = only_request(&server).await;
    assert_eq!(sent.url.query(), None);
}

/// One HTTP exchange on a plain TCP socket: what the client really sends, byte for byte.
/// Answers `body` (as XML) to the first request and returns the request's bytes.
fn raw_server(body: String) -> (String, std::thread::JoinHandle<Vec<u8>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let uri = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut received = Vec::new();
        let mut buf = [0u8; 4096];
        // A GET without a body: the request ends with its headers.
        while !received.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = stream.read(&mut buf).unwrap();
            assert!(n > 0, "the connection closed early");
            received.extend_from_slice(&buf[..n]);
        }
        let answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(answer.as_bytes()).unwrap();
        received
    });
    (uri, handle)
}

/// The three list filtering examples of seed 002.
///
/// The seed writes the inequalities as `StartTime>=2009-07-06` and `StartTime<=2009-07-06`: read
/// as a query string, that is the key `StartTime>` (or `StartTime<`) with the date as its value,
/// which is what the client sends (`start_time_after`, `start_time_before`). What differs is how
/// the key's `>` and `<` travel: reqwest builds URLs with the `url` crate, whose WHATWG query
/// serializer percent-encodes `<` and `>` (they are not allowed unencoded in a URI by RFC 3986 at
/// all), so the request line carries `StartTime%3E=2009-07-04&StartTime%3C=2009-07-06` where the
/// seed shows the raw characters. A server decoding the query (as every one does) reads exactly
/// the seed's pairs; the test checks both: the decoded pairs equal the seed's, and the raw request
/// line is exactly the bytes above (the first example, without operators, is the seed's bytes).
#[tokio::test]
async fn list_filters_2008() {
    let params = [
        v2008::ListCallParams::new()
            .status(v2008::CallStatus::InProgress)
            .start_time(date!(2009 - 07 - 06)),
        v2008::ListCallParams::new()
            .status(v2008::CallStatus::InProgress)
            .start_time_after(date!(2009 - 07 - 06)),
        v2008::ListCallParams::new()
            .status(v2008::CallStatus::InProgress)
            .start_time_after(date!(2009 - 07 - 04))
            .start_time_before(date!(2009 - 07 - 06)),
    ];
    let raw_queries = [
        "Status=1&StartTime=2009-07-06",
        "Status=1&StartTime%3E=2009-07-06",
        "Status=1&StartTime%3E=2009-07-04&StartTime%3C=2009-07-06",
    ];
    let empty_list = r#"<TwilioResponse><Calls page="0" numpages="0" pagesize="50" total="0" start="0" end="0"></Calls></TwilioResponse>"#;
    for (n, (params, raw_query)) in params.into_iter().zip(raw_queries).enumerate() {
        let uri = request_lines(&format!("002-list-calls-filter-{}.request", n + 1)).remove(0);
        let (seed_path, seed_query) = uri.split_once('?').unwrap();
        let seed_pairs: Vec<(String, String)> = seed_query
            .split('&')
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap();
                (k.to_owned(), v.to_owned())
            })
            .collect();

        // Decoded, through wiremock.
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path(seed_path))
            .and(basic_auth(ACCOUNT, TOKEN))
            .respond_with(xml(empty_list.to_owned()))
            .expect(1)
            .mount(&server)
            .await;
        let page = client_2008(&server)
            .list_call(params.clone())
            .await
            .unwrap();
        assert_eq!(page.calls.total, 0);
        assert!(page.calls.calls.is_empty());
        let sent = only_request(&server).await;
        let sent_pairs: Vec<(String, String)> = sent
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        assert_eq!(
            sent_pairs,
            seed_pairs,
            "example {}: the decoded pairs",
            n + 1
        );

        // Raw, through a plain socket.
        let (base, handle) = raw_server(empty_list.to_owned());
        let client = v2008::Client::from(
            v2008::Client::builder()
                .account_sid(ACCOUNT)
                .auth_token(TOKEN)
                .base_url(base)
                .build()
                .unwrap(),
        );
        client.list_call(params).await.unwrap();
        let received = String::from_utf8(handle.join().unwrap()).unwrap();
        let first_line = received.lines().next().unwrap();
        assert_eq!(
            first_line,
            format!("GET {seed_path}?{raw_query} HTTP/1.1"),
            "example {}: the raw request line",
            n + 1
        );
        if n == 0 {
            assert_eq!(
                format!("{seed_path}?{raw_query}"),
                uri,
                "no operator: the seed's bytes"
            );
        }
    }
}

/// The subresources the seed lists: a segment decodes as a Call; lists described on pages we do
/// not have come back as text.
#[tokio::test]
async fn call_subresources_2008() {
    let call = "CA42ed11f93dc08b952027ffbc406d0868";
    let server = MockServer::start().await;
    let segment = format!("{CALLS}/{call}/Segments/CA00000000000000000000000000000001");
    Mock::given(method("GET"))
        .and(path(segment.as_str()))
        .and(header("accept", "application/xml"))
        .respond_with(xml(seed("002-fetch-call.xml")))
        .mount(&server)
        .await;
    for (sub, body) in [
        (
            "Recordings",
            "<TwilioResponse><Recordings/></TwilioResponse>",
        ),
        (
            "Notifications",
            "<TwilioResponse><Notifications/></TwilioResponse>",
        ),
        ("Segments", "<TwilioResponse><Calls/></TwilioResponse>"),
    ] {
        Mock::given(method("GET"))
            .and(path(format!("{CALLS}/{call}/{sub}").as_str()))
            .respond_with(xml(body.to_owned()))
            .mount(&server)
            .await;
    }
    let client = client_2008(&server);
    let fetched = client
        .fetch_call_segment(call, "CA00000000000000000000000000000001")
        .await
        .unwrap();
    assert_eq!(fetched.call.status, v2008::CallStatus::Complete);
    assert_eq!(
        client.list_call_recording(call).await.unwrap(),
        "<TwilioResponse><Recordings/></TwilioResponse>"
    );
    assert_eq!(
        client.list_call_notification(call).await.unwrap(),
        "<TwilioResponse><Notifications/></TwilioResponse>"
    );
    assert_eq!(
        client.list_call_segment(call).await.unwrap(),
        "<TwilioResponse><Calls/></TwilioResponse>"
    );
}

/// Bad bodies are typed errors, never panics; unknown elements and attributes are ignored.
#[tokio::test]
async fn bad_bodies_2008() {
    let good = seed("002-fetch-call.xml");
    let truncated = good[..good.len() / 2].to_owned();
    let unknown_status = good.replace("<Status>2</Status>", "<Status>7</Status>");
    let text_flags = good.replace("<Flags>1</Flags>", "<Flags>inbound</Flags>");
    let other_root = "<RestException><Status>404</Status></RestException>".to_owned();
    let cases = [
        (truncated, None),
        (unknown_status, Some("Status")),
        (text_flags, Some("Flags")),
        (other_root, None),
    ];
    let sid = "CA42ed11f93dc08b952027ffbc406d0868";
    for (body, field) in cases {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(xml(body.clone()))
            .mount(&server)
            .await;
        let error = client_2008(&server).fetch_call(sid).await.unwrap_err();
        let twilio_runtime::Error::Decode {
            operation,
            path,
            message,
        } = &error
        else {
            panic!("{body}: expected a decoding error, got {error:?}");
        };
        assert_eq!(*operation, "FetchCall");
        if let Some(field) = field {
            assert_eq!(path, &format!("Call.{field}"), "{message}");
        }
    }
    let error = v2008::CallStatus::try_from(7).unwrap_err();
    assert_eq!(error, 7);

    // Unknown elements, attributes and text are ignored.
    let extended = good
        .replace(
            "<Duration>14</Duration>",
            "<Duration>14</Duration><Direction>inbound</Direction><Answer by=\"human\"/>",
        )
        .replace(
            "<TwilioResponse>",
            "<TwilioResponse version=\"2008-08-01\">",
        );
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(xml(extended))
        .mount(&server)
        .await;
    let call = client_2008(&server).fetch_call(sid).await.unwrap().call;
    assert_eq!(call.duration, Some(14));
}

#[test]
fn flags_and_statuses_2008() {
    use v2008::{CallFlags, CallStatus};
    // A call placed through the API, then a segment made by <Dial> during it.
    let segment = CallFlags::from_bits(6);
    assert!(segment.contains(CallFlags::API_INITIATED | CallFlags::DIAL_INITIATED));
    assert!(!segment.contains(CallFlags::INBOUND));
    assert_eq!(
        CallFlags::API_INITIATED | CallFlags::DIAL_INITIATED,
        segment
    );
    assert_eq!(
        format!("{segment:?}"),
        "CallFlags(ApiInitiated | DialInitiated)"
    );
    assert_eq!(
        format!("{:?}", CallFlags::from_bits(9)),
        "CallFlags(Inbound | 0x8)"
    );
    assert_eq!(format!("{:?}", CallFlags::empty()), "CallFlags(0x0)");
    assert_eq!(segment.bits(), 6);
    let names: Vec<(i64, CallStatus)> = CallStatus::VALUES
        .iter()
        .map(|v| (*v, CallStatus::try_from(*v).unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            (0, CallStatus::NotYetDialed),
            (1, CallStatus::InProgress),
            (2, CallStatus::Complete),
            (3, CallStatus::FailedBusy),
            (4, CallStatus::FailedApplicationError),
            (5, CallStatus::FailedNoAnswer),
        ]
    );
}

/// `Timeout` is checked against the seed's maximum (999 seconds) before anything is sent.
#[test]
fn timeout_over_999_is_refused_2008() {
    let client = v2008::Client::new(ACCOUNT, TOKEN).unwrap();
    let params = v2008::CreateCallParams::new(
        "4158675309",
        "4155551212",
        "http://www.myapp.com/myhandler.php",
    );
    assert!(
        client
            .create_call(params.clone().timeout(999))
            .into_request()
            .is_ok()
    );
    let error = client
        .create_call(params.timeout(1000))
        .into_request()
        .unwrap_err();
    assert!(
        matches!(
            error,
            twilio_runtime::Error::InvalidInput {
                parameter: "Timeout",
                ..
            }
        ),
        "{error:?}"
    );
}

fn app_client(server: &MockServer) -> app::Client {
    // The install's URL is given at construction; the API lives under its `/api`.
    app::Client::new(server.uri(), ACCOUNT, TOKEN).unwrap()
}

/// Seed 000, JSON: `POST /api/2010-06-01/Calls` with `To=5551212982`; `false` is no value.
#[tokio::test]
async fn create_call_app_json() {
    let lines = request_lines("000-create-call.request");
    let (verb, path_) = request_line(&lines[0]);
    let server = MockServer::start().await;
    Mock::given(method(verb.as_str()))
        .and(path(path_.as_str()))
        .and(body_string(lines[1].as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            seed("000-create-call.json").into_bytes(),
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let call = app_client(&server)
        .create_call(app::CreateCallParams::new("5551212982"))
        .await
        .unwrap();
    assert_eq!(call.version.as_deref(), Some("2010-06-01"));
    assert_eq!(
        call.sid.as_deref(),
        Some("CA46c7a71c81fd556bd20bab9a80f91c2c")
    );
    assert_eq!(call.reply_sid, None, "\"ReplySid\": false");
    assert_eq!(call.message_sid, None, "\"MessageSid\": false");
    assert_eq!(call.end_time, None, "\"EndTime\": false");
    assert_eq!(call.from.as_deref(), Some("+15551142309"));
    assert_eq!(call.to.as_deref(), Some("+15551212982"));
    let start = call.start_time.unwrap();
    assert_eq!(start, datetime!(2010-07-19 22:18:12 +00:00));
    assert_eq!(start.offset(), offset!(UTC));
    let sent = only_request(&server).await;
    assert_eq!(String::from_utf8(sent.body.clone()).unwrap(), lines[1]);
    assert_eq!(header_of(&sent, "accept"), "application/json");
    assert_eq!(
        header_of(&sent, "content-type"),
        "application/x-www-form-urlencoded"
    );
    assert!(header_of(&sent, "authorization").starts_with("Basic "));
}

/// Seed 000, XML: `POST /api/2010-06-01/Calls.xml`; empty elements are no value, the version is
/// the root's attribute.
#[tokio::test]
async fn create_call_app_xml() {
    let lines = request_lines("000-create-call-xml.request");
    let (verb, path_) = request_line(&lines[0]);
    let server = MockServer::start().await;
    Mock::given(method(verb.as_str()))
        .and(path(path_.as_str()))
        .and(body_string(lines[1].as_str()))
        .and(basic_auth(ACCOUNT, TOKEN))
        .respond_with(xml(seed("000-create-call.xml")))
        .expect(1)
        .mount(&server)
        .await;
    let response = app_client(&server)
        .create_call_xml(app::CreateCallXmlParams::new("5551212982"))
        .await
        .unwrap();
    assert_eq!(response.version.as_deref(), Some("2010-06-01"));
    let call = response.call;
    assert_eq!(
        call.sid.as_deref(),
        Some("CA48f91902f8b359067884b53000b73cc5")
    );
    assert_eq!(call.reply_sid, None, "<ReplySid/>");
    assert_eq!(call.message_sid, None, "<MessageSid/>");
    assert_eq!(call.end_time, None, "<EndTime/>");
    assert_eq!(call.version, None, "not an element of <Call>");
    assert_eq!(call.from.as_deref(), Some("+15551142309"));
    assert_eq!(call.start_time, Some(datetime!(2010-07-19 22:19:01 +00:00)));
    let sent = only_request(&server).await;
    assert_eq!(header_of(&sent, "accept"), "application/xml");
}

/// The app's server URL is the user's install: without it the client names the variable.
#[tokio::test]
async fn app_client_needs_its_install() {
    let core = twilio_runtime::Client::new(ACCOUNT, TOKEN).unwrap();
    let error = app::Client::from(core)
        .create_call(app::CreateCallParams::new("5551212982"))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("`install`"), "{error}");
    let request = app::Client::new("https://calls.example.com", ACCOUNT, TOKEN)
        .unwrap()
        .create_call(
            app::CreateCallParams::new("5551212982")
                .from("+15551142309")
                .callerid("+15550001111"),
        )
        .into_request()
        .unwrap();
    assert_eq!(request.server(), "{install}/api");
    assert_eq!(
        request.form_body(),
        "To=5551212982&From=%2B15551142309&Callerid=%2B15550001111"
    );
}

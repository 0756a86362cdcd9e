//! What a response can make the client spend is bounded (body size, pages, time), and what a
//! server or a user wrote never reaches an error message raw: one test per bound and per rule,
//! against wiremock or a raw TCP server on 127.0.0.1.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use twilio_runtime::{Client, Error, Method, Request, RetryPolicy};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

mod common;

use common::{ACCOUNT, Call, CallPage, TOKEN};

const LIST: &str = "/2010-04-01/Accounts/AC00000000000000000000000000000001/Calls.json";

fn get(template: &'static str) -> Request {
    Request::new(Method::GET, "TestOp", "https://api.twilio.com", template)
}

fn first_page(client: &Client) -> Request {
    Request::new(
        Method::GET,
        "ListCall",
        "https://api.twilio.com",
        "/2010-04-01/Accounts/{AccountSid}/Calls.json",
    )
    .path_param("AccountSid", client.account_sid())
}

fn page(sids: &[&str], next: Option<&str>) -> ResponseTemplate {
    let calls: Vec<_> = sids
        .iter()
        .map(|sid| serde_json::json!({"sid": sid}))
        .collect();
    ResponseTemplate::new(200)
        .set_body_json(serde_json::json!({"calls": calls, "next_page_uri": next}))
}

/// A raw HTTP/1.1 server on 127.0.0.1: for each connection, reads the request head and hands
/// the socket to `serve`. Returns the base URL.
async fn raw_server<F, Fut>(serve: F) -> String
where
    F: Fn(tokio::net::TcpStream) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let serve = Arc::new(serve);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let serve = Arc::clone(&serve);
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    if socket.read(&mut byte).await.unwrap_or(0) == 0 {
                        return;
                    }
                    head.push(byte[0]);
                }
                serve(socket).await;
            });
        }
    });
    format!("http://{address}")
}

/// Writes `total` bytes of a JSON-looking body in chunked encoding (no `Content-Length`).
async fn chunked(mut socket: tokio::net::TcpStream, status: &str, total: usize) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    if socket.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    let chunk = vec![b' '; 64 * 1024];
    let mut sent = 0;
    while sent < total {
        let n = chunk.len().min(total - sent);
        let frame = format!("{n:x}\r\n");
        if socket.write_all(frame.as_bytes()).await.is_err()
            || socket.write_all(&chunk[..n]).await.is_err()
            || socket.write_all(b"\r\n").await.is_err()
        {
            return;
        }
        sent += n;
    }
    let _ = socket.write_all(b"0\r\n\r\n").await;
}

#[tokio::test]
async fn a_success_body_over_the_cap_is_a_typed_error() {
    // Announced length: refused before reading.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(" ".repeat(300_000)))
        .mount(&server)
        .await;
    let client = common::basic(&server.uri())
        .max_body_size(100_000)
        .build()
        .unwrap();
    let error = client
        .send::<serde_json::Value>(get("/v1/X"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                operation: "TestOp",
                limit: 100_000
            }
        ),
        "{error:?}"
    );

    // No length, 3 MiB in chunks: reading stops at the cap.
    let base = raw_server(|socket| chunked(socket, "200 OK", 3 << 20)).await;
    let client = common::basic(&base).max_body_size(1 << 20).build().unwrap();
    for result in [
        client.send::<serde_json::Value>(get("/v1/X")).await.err(),
        client.send_text(get("/v1/X")).await.err(),
    ] {
        assert!(
            matches!(result, Some(Error::BodyTooLarge { limit, .. }) if limit == 1 << 20),
            "{result:?}"
        );
    }
    // Under the cap it is read whole (and here is not JSON).
    let client = common::basic(&base).max_body_size(4 << 20).build().unwrap();
    let text = client.send_text(get("/v1/X")).await.unwrap();
    assert_eq!(text.len(), 3 << 20);
}

#[tokio::test]
async fn an_endless_error_body_is_read_up_to_its_cap() {
    // 1 GiB of error body: only the first 64 KiB are read.
    let base = raw_server(|socket| chunked(socket, "500 Internal Server Error", 1 << 30)).await;
    let client = common::basic(&base)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let started = Instant::now();
    let error = tokio::time::timeout(
        Duration::from_secs(20),
        client.send::<serde_json::Value>(get("/v1/X")),
    )
    .await
    .expect("the error body was read whole")
    .unwrap_err();
    assert!(
        matches!(error, Error::Http { status: 500, .. }),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[tokio::test]
async fn pagination_stops_on_a_cycle() {
    // A links to B, B links to A: the third fetch would be A again.
    let server = MockServer::start().await;
    let a = format!("{LIST}?Page=0&PageToken=A");
    let b = format!("{LIST}?Page=1&PageToken=B");
    Mock::given(method("GET"))
        .and(path(LIST))
        .and(wiremock::matchers::query_param("PageToken", "B"))
        .respond_with(page(&["CA2"], Some(&a)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(LIST))
        .respond_with(page(&["CA1"], Some(&b)))
        .mount(&server)
        .await;
    let client = common::basic(&server.uri()).build().unwrap();
    let results: Vec<Result<Call, Error>> = client
        .paginate::<CallPage>(first_page(&client))
        .limit(100)
        .collect()
        .await;
    // Page 1 (the first request), B, A (a new link), then B again: stopped.
    assert_eq!(results.len(), 4, "{results:?}");
    assert!(results[..3].iter().all(Result::is_ok));
    let Err(Error::Pagination { reason, .. }) = &results[3] else {
        panic!("{results:?}");
    };
    assert!(reason.contains("already fetched"), "{reason}");
    assert_eq!(server.received_requests().await.unwrap().len(), 3);

    // The first page's own URL counts as fetched.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(LIST))
        .respond_with(page(&["CA1"], Some(LIST)))
        .mount(&server)
        .await;
    let client = common::basic(&server.uri()).build().unwrap();
    let results: Vec<Result<Call, Error>> = client
        .paginate::<CallPage>(first_page(&client))
        .collect()
        .await;
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(matches!(results[1], Err(Error::Pagination { .. })));
}

/// Empty pages, each linking to a fresh one.
struct EndlessEmptyPages(AtomicUsize);

impl Respond for EndlessEmptyPages {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        let n = self.0.fetch_add(1, Ordering::SeqCst);
        page(&[], Some(&format!("{LIST}?PageToken=P{n}")))
    }
}

#[tokio::test]
async fn pagination_stops_after_too_many_empty_pages() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(EndlessEmptyPages(AtomicUsize::new(0)))
        .mount(&server)
        .await;
    let client = common::basic(&server.uri())
        .max_empty_pages(3)
        .build()
        .unwrap();
    let results: Vec<Result<Call, Error>> = tokio::time::timeout(
        Duration::from_secs(20),
        client
            .paginate::<CallPage>(first_page(&client))
            .limit(10)
            .collect(),
    )
    .await
    .expect("pagination never ended");
    assert_eq!(results.len(), 1, "{results:?}");
    let Err(Error::Pagination { reason, .. }) = &results[0] else {
        panic!("{results:?}");
    };
    assert_eq!(reason, "more than 3 empty pages in a row");
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

#[tokio::test]
async fn next_page_links_stay_under_the_base_path() {
    for next in [
        "/proxy/2010-04-01/../../admin",
        "/proxy/%2e%2E/admin",
        "https://api.twilio.com/x/..\\..\\admin",
        "./admin",
    ] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path(format!("/proxy{LIST}")))
            .respond_with(page(&["CA1"], Some(next)))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .respond_with(page(&[], None))
            .with_priority(10)
            .mount(&server)
            .await;
        let client = common::basic(&format!("{}/proxy", server.uri()))
            .build()
            .unwrap();
        let results: Vec<Result<Call, Error>> = client
            .paginate::<CallPage>(first_page(&client))
            .collect()
            .await;
        assert_eq!(results.len(), 2, "{next}: {results:?}");
        assert!(
            matches!(results[1], Err(Error::Pagination { .. })),
            "{next}: {results:?}"
        );
        let fetched: Vec<String> = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .map(|r| r.url.path().to_owned())
            .collect();
        assert_eq!(fetched, [format!("/proxy{LIST}")], "{next}");
    }
}

#[tokio::test]
async fn an_operation_has_a_deadline_across_retries() {
    // Accepts, reads the request and never answers.
    let base = raw_server(|socket| async move {
        tokio::time::sleep(Duration::from_secs(60)).await;
        drop(socket);
    })
    .await;
    let client = common::basic(&base)
        .timeout(Duration::from_millis(400))
        .retry(
            RetryPolicy::default()
                .max_attempts(10)
                .base_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(1)),
        )
        .deadline(Duration::from_millis(1000))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client
        .send::<serde_json::Value>(get("/v1/X"))
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert!(
        matches!(
            error,
            Error::Timeout {
                operation: "TestOp"
            }
        ),
        "{error:?}"
    );
    // Ten attempts of 400 ms would take 4 s.
    assert!(
        elapsed >= Duration::from_millis(950) && elapsed < Duration::from_millis(2500),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn transport_errors_carry_no_query() {
    // A server that closes the connection without answering.
    let base = raw_server(|socket| async move { drop(socket) }).await;
    let client = common::basic(&base)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let request = Request::new(
        Method::GET,
        "ListCall",
        "https://api.twilio.com",
        "/2010-04-01/Accounts/{AccountSid}/Calls.json",
    )
    .path_param("AccountSid", ACCOUNT)
    .query("To", &"+15558675310")
    .query("From", &"+15017122661");
    let error = client.send::<serde_json::Value>(request).await.unwrap_err();
    let Error::Transport { method, path, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(method, Method::GET);
    assert_eq!(*path, "/2010-04-01/Accounts/{AccountSid}/Calls.json");
    let mut texts = vec![error.to_string(), format!("{error:?}")];
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        texts.push(cause.to_string());
        texts.push(format!("{cause:?}"));
        source = cause.source();
    }
    assert!(texts.len() > 2);
    for text in &texts {
        // The path (with the account) and the query are left out; the host is not personal data.
        for secret in ["5558675310", "5017122661", "To=", "Calls.json?", ACCOUNT] {
            assert!(!text.contains(secret), "`{secret}` in {text}");
        }
    }
    let host = base.trim_start_matches("http://");
    assert_eq!(
        error.to_string(),
        format!(
            "ListCall (GET /2010-04-01/Accounts/{{AccountSid}}/Calls.json): the HTTP request to {host} failed: the server closed the connection before answering"
        ),
    );
}

#[tokio::test]
async fn control_characters_from_a_server_are_escaped() {
    let evil = "ok\u{1b}[2J\r\nFAKE LOG LINE\u{7}";
    let cases = [
        ResponseTemplate::new(502).set_body_string(evil),
        ResponseTemplate::new(400)
            .set_body_json(serde_json::json!({"code": 1, "message": evil, "more_info": evil})),
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"sid": 1, evil: 2})),
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"sid": [evil]})),
    ];
    for template in cases {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(template)
            .mount(&server)
            .await;
        let client = common::basic(&server.uri()).build().unwrap();
        let error = client.send::<Call>(get("/v1/X")).await.unwrap_err();
        let text = error.to_string();
        assert!(
            !text.chars().any(char::is_control),
            "{text:?} from {error:?}"
        );
    }
    // Pagination reasons quote the link.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(page(&["CA1"], Some("/a/../\u{1b}[2J")))
        .mount(&server)
        .await;
    let client = common::basic(&server.uri()).build().unwrap();
    let results: Vec<Result<Call, Error>> = client
        .paginate::<CallPage>(first_page(&client))
        .collect()
        .await;
    let text = results[1].as_ref().unwrap_err().to_string();
    assert!(!text.chars().any(char::is_control), "{text:?}");
    assert!(text.contains("\\u{1b}"), "{text}");
}

#[test]
fn a_token_pasted_after_the_account_sid_is_never_shown() {
    let pasted = format!("{ACCOUNT}:{TOKEN}");
    let builder = Client::builder().account_sid(&pasted).auth_token(TOKEN);
    assert!(!format!("{builder:?}").contains(TOKEN), "{builder:?}");
    let error = builder.build().unwrap_err();
    assert!(matches!(error, Error::Config(_)));
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(!text.contains(TOKEN), "{text}");
        assert!(text.contains("account SID"), "{text}");
    }
    let client = Client::builder()
        .account_sid(ACCOUNT)
        .auth_token(TOKEN)
        .build()
        .unwrap()
        .with_account_sid(&pasted);
    assert!(!format!("{client:?}").contains(TOKEN), "{client:?}");
}

#[test]
fn bounds_have_documented_defaults() {
    assert_eq!(twilio_runtime::DEFAULT_MAX_BODY_SIZE, 16 << 20);
    assert_eq!(twilio_runtime::DEFAULT_DEADLINE, Duration::from_secs(60));
    assert_eq!(twilio_runtime::DEFAULT_MAX_EMPTY_PAGES, 10);
    let debug = format!("{:?}", Client::builder());
    assert!(debug.contains("deadline: 60s"), "{debug}");
    assert!(debug.contains("max_body_size: 16777216"), "{debug}");
    assert!(debug.contains("max_empty_pages: 10"), "{debug}");
    for (builder, what) in [
        (Client::builder().deadline(Duration::ZERO), "deadline"),
        (Client::builder().max_body_size(0), "body size"),
    ] {
        let error = builder
            .account_sid(ACCOUNT)
            .auth_token(TOKEN)
            .build()
            .unwrap_err();
        assert!(error.to_string().contains(what), "{error}");
    }
}

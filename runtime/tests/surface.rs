//! The client surface: response metadata, per-request options, a user-supplied `reqwest::Client`,
//! a transport hook, the waiter; against a local wiremock server.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde::Deserialize;
use twilio_runtime::{
    Client, Error, HttpRequest, Method, Request, RequestOptions, RetryPolicy, Transport,
    TransportFuture, WaitOptions, wait_until,
};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::{ACCOUNT, TOKEN};

fn client(server: &MockServer) -> Client {
    common::basic(&server.uri())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap()
}

fn fetch() -> Request {
    Request::new(
        Method::GET,
        "FetchCall",
        "https://api.twilio.com",
        "/Calls/{Sid}.json",
    )
    .path_param("Sid", "CA1")
}

#[derive(Debug, Deserialize, PartialEq)]
struct Call {
    sid: String,
    status: Option<String>,
}

#[tokio::test]
async fn metadata_of_a_successful_call() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/Calls/CA1.json"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Twilio-Request-Id", "RQ0123456789abcdef0123456789abcdef")
                .insert_header("Twilio-Concurrent-Requests", "3")
                .insert_header("X-Rate-Limit-Remaining", "97")
                .insert_header("X-Custom", "yes")
                .set_body_string(r#"{"sid": "CA1", "status": "ringing"}"#),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let call = client.send_with_metadata::<Call>(fetch()).await.unwrap();
    assert_eq!(call.sid, "CA1");
    assert_eq!(call.meta().status(), 200);
    assert_eq!(
        call.request_id(),
        Some("RQ0123456789abcdef0123456789abcdef")
    );
    assert_eq!(call.meta().concurrent_requests(), Some(3));
    assert_eq!(call.meta().rate_limit_remaining(), Some(97));
    assert_eq!(call.meta().rate_limit_limit(), None);
    assert_eq!(call.meta().header("x-custom"), Some("yes"));
    let debug = format!("{:?}", call.meta());
    assert!(
        debug.contains("x-custom") && !debug.contains("yes"),
        "{debug}"
    );

    let empty = client.send_empty_with_metadata(fetch()).await.unwrap();
    assert_eq!(
        empty.request_id(),
        Some("RQ0123456789abcdef0123456789abcdef")
    );
}

#[tokio::test]
async fn per_request_timeout_and_header_on_the_wire() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("X-Correlation-Id", "order-1234"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_delay(Duration::from_millis(600))
                .set_body_string(r#"{"sid": "CA1"}"#),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    // The client's own 30 s timeout lets the slow answer through; the header matches.
    let tagged =
        client.with_options(RequestOptions::new().header("X-Correlation-Id", "order-1234"));
    let call: Call = tagged.send(fetch()).await.unwrap();
    assert_eq!(call.sid, "CA1");
    // Without the header, no rule matches (wiremock answers 404): the options are per view.
    assert_eq!(
        client.send::<Call>(fetch()).await.unwrap_err().status(),
        Some(404)
    );
    // A 100 ms per-request timeout fails the same request.
    let hasty = client.with_options(
        RequestOptions::new()
            .header("X-Correlation-Id", "order-1234")
            .timeout(Duration::from_millis(100)),
    );
    let error = hasty.send::<Call>(fetch()).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                operation: "FetchCall"
            }
        ),
        "{error:?}"
    );
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 3);
    assert_eq!(received[0].headers["x-correlation-id"], "order-1234");
    assert!(!received[1].headers.contains_key("x-correlation-id"));

    // An invalid header is an input error, before anything is sent.
    let bad = client.with_options(RequestOptions::new().header("Bad Name", "x"));
    let error = bad.send::<Call>(fetch()).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidInput {
                parameter: "header",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn per_request_retry_policy() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = client(&server); // retries disabled
    assert!(client.send::<Call>(fetch()).await.is_err());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    let persistent = client.with_options(
        RequestOptions::new().retry(
            RetryPolicy::default()
                .max_attempts(3)
                .base_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(5)),
        ),
    );
    assert!(persistent.send::<Call>(fetch()).await.is_err());
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

#[tokio::test]
async fn a_user_supplied_reqwest_client_is_the_one_used() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("X-Sent-By", "my-own-reqwest-client"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"sid": "CA1"}"#))
        .mount(&server)
        .await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-sent-by",
        reqwest::header::HeaderValue::from_static("my-own-reqwest-client"),
    );
    let http = twilio_runtime::reqwest_client_builder()
        .unwrap()
        .default_headers(headers)
        .user_agent("my-app/1.0")
        .no_proxy()
        .build()
        .unwrap();
    let client = common::basic(&server.uri())
        .http_client(http)
        .build()
        .unwrap();
    let call: Call = client.send(fetch()).await.unwrap();
    assert_eq!(call.sid, "CA1");
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[0].headers["user-agent"], "my-app/1.0");
    assert_eq!(received[0].headers["accept"], "application/json");
    assert!(received[0].headers.contains_key("authorization"));
}

struct Counting {
    http: reqwest::Client,
    sent: AtomicUsize,
}

impl Transport for Counting {
    fn send(&self, request: HttpRequest) -> TransportFuture {
        assert_eq!(request.operation, "FetchCall");
        assert_eq!(request.path_template, "/Calls/{Sid}.json");
        self.sent.fetch_add(1, Ordering::SeqCst);
        Box::pin(self.http.execute(request.request))
    }
}

#[tokio::test]
async fn a_transport_hook_sees_every_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"sid": "CA1"}"#))
        .mount(&server)
        .await;
    let transport = Arc::new(Counting {
        http: twilio_runtime::reqwest_client_builder()
            .unwrap()
            .no_proxy()
            .build()
            .unwrap(),
        sent: AtomicUsize::new(0),
    });
    let client = common::basic(&server.uri())
        .transport(transport.clone())
        .build()
        .unwrap();
    let call: Call = client.send(fetch()).await.unwrap();
    assert_eq!(call.sid, "CA1");
    assert_eq!(transport.sent.load(Ordering::SeqCst), 1);
}

#[test]
fn base_url_from_the_environment() {
    let vars = [
        ("TWILIO_ACCOUNT_SID", ACCOUNT),
        ("TWILIO_AUTH_TOKEN", TOKEN),
        ("TWILIO_BASE_URL", " http://127.0.0.1:4010/ "),
    ];
    let builder = twilio_runtime::ClientBuilder::from_env_lookup(|name| {
        vars.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
    })
    .unwrap();
    let debug = format!("{builder:?}");
    assert!(debug.contains("127.0.0.1:4010"), "{debug}");
    assert_eq!(twilio_runtime::ENV_BASE_URL, "TWILIO_BASE_URL");
}

#[test]
fn invalid_sids_convert_with_question_mark() {
    fn parse(value: &str) -> Result<(), Error> {
        twilio_runtime::sid::validate("CA", value)?;
        Ok(())
    }
    let error = parse("CA123").unwrap_err();
    assert!(matches!(error, Error::InvalidSid(_)));
    assert!(error.to_string().contains("`CA123` is not a valid SID"));
}

async fn mount_statuses(server: &MockServer, statuses: &[&str]) {
    for (index, status) in statuses.iter().enumerate() {
        let mock = Mock::given(method("GET")).respond_with(
            ResponseTemplate::new(200)
                .set_body_string(format!(r#"{{"sid": "CA1", "status": "{status}"}}"#)),
        );
        // Each answer once, in order; the last one for ever.
        let mock = if index + 1 < statuses.len() {
            mock.up_to_n_times(1)
        } else {
            mock
        };
        mock.with_priority(u8::try_from(index + 1).unwrap())
            .mount(server)
            .await;
    }
}

fn quick_wait(timeout: Duration) -> WaitOptions {
    WaitOptions::new()
        .timeout(timeout)
        .initial_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(20))
}

#[tokio::test]
async fn waiter_follows_queued_ringing_completed() {
    let server = MockServer::start().await;
    mount_statuses(&server, &["queued", "ringing", "completed"]).await;
    let client = client(&server);
    let call = wait_until(
        "FetchCall",
        &quick_wait(Duration::from_secs(10)),
        &["completed".to_owned(), "failed".to_owned()],
        |call: &Call| call.status.clone(),
        || client.send::<Call>(fetch()),
    )
    .await
    .unwrap();
    assert_eq!(call.status.as_deref(), Some("completed"));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn waiter_gives_up_at_the_deadline() {
    let server = MockServer::start().await;
    mount_statuses(&server, &["queued", "ringing"]).await;
    let client = client(&server);
    let error = wait_until(
        "FetchCall",
        &quick_wait(Duration::from_millis(200)),
        &["completed".to_owned()],
        |call: &Call| call.status.clone(),
        || client.send::<Call>(fetch()),
    )
    .await
    .unwrap_err();
    let Error::WaitTimeout {
        operation,
        waited,
        last_state,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(*operation, "FetchCall");
    assert!(*waited >= Duration::from_millis(200));
    assert_eq!(last_state.as_deref(), Some("\"ringing\""));
    assert!(server.received_requests().await.unwrap().len() >= 3);
}

//! End-to-end behaviour of the client against a local mock server.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::time::{Duration, Instant};

use futures::StreamExt;
use serde::Deserialize;
use twilio_runtime::{Client, Error, Method, Page, Request, RetryPolicy};
use wiremock::matchers::{basic_auth, body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::{ACCOUNT, TOKEN, client};

fn get(template: &'static str) -> Request {
    Request::new(Method::GET, "TestOp", "https://api.twilio.com", template)
}

fn post(template: &'static str) -> Request {
    Request::new(Method::POST, "TestOp", "https://api.twilio.com", template)
}

#[derive(Debug, Deserialize, PartialEq)]
struct Call {
    sid: String,
    status: Option<String>,
}

async fn requests(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap()
}

#[tokio::test]
async fn builds_without_a_process_wide_crypto_provider() {
    assert!(rustls::crypto::CryptoProvider::get_default().is_none());
    let client = Client::new(ACCOUNT, TOKEN).unwrap();
    assert_eq!(client.account_sid(), ACCOUNT);
    assert!(rustls::crypto::CryptoProvider::get_default().is_none());
}

#[tokio::test]
async fn path_parameters_are_single_encoded_segments() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"sid": "CA1"}"#))
        .mount(&server)
        .await;
    let client = client(&server);

    let request = get("/v1/Items/{A}/{B}/{C}.json")
        .path_param("A", "a/b")
        .path_param("B", "?#% x")
        .path_param("C", "..");
    let call: Call = client.send(request).await.unwrap();
    assert_eq!(call.sid, "CA1");
    let received = requests(&server).await;
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].url.path(),
        "/v1/Items/a%2Fb/%3F%23%25%20x/%2E%2E.json"
    );
    assert_eq!(received[0].url.query(), None);

    // A whole segment of `..` is refused before anything is sent.
    for value in ["..", ".", ""] {
        let error = client
            .send::<Call>(get("/v1/Items/{A}").path_param("A", value))
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::InvalidInput { parameter: "A", .. }),
            "{error:?}"
        );
    }
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn query_names_are_sent_verbatim() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(
            "/2010-04-01/Accounts/AC00000000000000000000000000000001/Calls.json",
        ))
        .and(query_param("StartTime<", "2024-01-01"))
        .and(query_param("StartTime>", "2023-12-01"))
        .and(query_param("To", "+1 555&x=y"))
        .and(query_param("PageSize", "20"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"sid": "CA1"}"#))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let request = get("/2010-04-01/Accounts/{AccountSid}/Calls.json")
        .path_param("AccountSid", client.account_sid())
        .query("StartTime<", &time::macros::date!(2024 - 01 - 01))
        .query("StartTime>", "2023-12-01")
        .query("To", "+1 555&x=y")
        .query("PageSize", &20u32);
    let _: Call = client.send(request).await.unwrap();
    let received = requests(&server).await;
    let pairs: Vec<(String, String)> = received[0]
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("StartTime<", "2024-01-01"),
            ("StartTime>", "2023-12-01"),
            ("To", "+1 555&x=y"),
            ("PageSize", "20"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
}

#[tokio::test]
async fn form_bodies_keep_repeated_keys_in_order() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string(
            "To=%2B15558675310&StatusCallbackEvent=initiated&Record=true&StatusCallbackEvent=ringing&Trim=false&Timeout=30",
        ))
        .respond_with(ResponseTemplate::new(201).set_body_string(r#"{"sid": "CA1", "status": "queued"}"#))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let request = post("/2010-04-01/Accounts/{AccountSid}/Calls.json")
        .path_param("AccountSid", ACCOUNT)
        .form("To", "+15558675310")
        .form("StatusCallbackEvent", "initiated")
        .form("Record", &true)
        .form(String::from("StatusCallbackEvent"), "ringing")
        .form("Trim", &false)
        .form("Timeout", &30i64);
    let call: Call = client.send(request).await.unwrap();
    assert_eq!(call.status.as_deref(), Some("queued"));
}

#[tokio::test]
async fn auth_token_credentials_and_default_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(basic_auth(ACCOUNT, TOKEN))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"sid": "CA1"}"#))
        .expect(1)
        .mount(&server)
        .await;
    let client = common::basic(&server.uri())
        .user_agent_suffix("my-app/1.0")
        .build()
        .unwrap();
    let _: Call = client.send(get("/v1/Thing")).await.unwrap();
    let received = requests(&server).await;
    let user_agent = received[0]
        .headers
        .get("user-agent")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        user_agent.starts_with(&format!("twilio-runtime/{} (", env!("CARGO_PKG_VERSION"))),
        "{user_agent}"
    );
    assert!(user_agent.ends_with(") rust my-app/1.0"), "{user_agent}");
}

#[tokio::test]
async fn api_key_credentials_and_subaccounts() {
    let server = MockServer::start().await;
    let subaccount = "AC00000000000000000000000000000002";
    Mock::given(method("GET"))
        .and(basic_auth(
            "SK00000000000000000000000000000001",
            "api-secret",
        ))
        .and(path(format!("/2010-04-01/Accounts/{subaccount}.json")))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"sid": "AC2"}"#))
        .expect(1)
        .mount(&server)
        .await;
    let client = common::basic(&server.uri())
        .api_key("SK00000000000000000000000000000001", "api-secret")
        .build()
        .unwrap();
    let sub = client.with_account_sid(subaccount);
    assert_eq!(sub.account_sid(), subaccount);
    assert_eq!(client.account_sid(), ACCOUNT);
    let request = get("/2010-04-01/Accounts/{Sid}.json").path_param("Sid", sub.account_sid());
    let _: Call = sub.send(request).await.unwrap();
}

#[tokio::test]
async fn subaccounts_keep_the_parent_auth_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(basic_auth(ACCOUNT, TOKEN))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"sid": "CA1"}"#))
        .expect(1)
        .mount(&server)
        .await;
    let sub = client(&server).with_account_sid("AC00000000000000000000000000000002");
    let _: Call = sub.send(get("/v1/Thing")).await.unwrap();
}

#[tokio::test]
async fn base_url_with_a_path_prefix() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/proxy/twilio/v1/Thing"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"sid": "CA1"}"#))
        .expect(1)
        .mount(&server)
        .await;
    let client = common::basic(&format!("{}/proxy/twilio/", server.uri()))
        .region("au1")
        .edge("sydney")
        .build()
        .unwrap();
    let _: Call = client.send(get("/v1/Thing")).await.unwrap();
}

#[tokio::test]
async fn no_content_is_empty_success() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let request = Request::new(
        Method::DELETE,
        "DeleteCall",
        "https://api.twilio.com",
        "/v1/Calls/{Sid}",
    )
    .path_param("Sid", "CA1");
    client(&server).send_empty(request).await.unwrap();
}

#[tokio::test]
async fn send_empty_ignores_a_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string("not json"))
        .mount(&server)
        .await;
    client(&server).send_empty(post("/v1/Thing")).await.unwrap();
}

#[tokio::test]
async fn twilio_error_documents_become_api_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("Twilio-Request-Id", "RQ123")
                .set_body_string(
                    r#"{"code": 20404, "message": "The requested resource was not found", "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404}"#,
                ),
        )
        .mount(&server)
        .await;
    let error = client(&server)
        .send::<Call>(Request::new(
            Method::GET,
            "FetchCall",
            "https://api.twilio.com",
            "/v1/Calls/CA1",
        ))
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert!(!error.is_retryable());
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.code(), Some(20404));
    assert_eq!(api.message(), "The requested resource was not found");
    assert_eq!(
        api.more_info(),
        Some("https://www.twilio.com/docs/errors/20404")
    );
    assert_eq!(api.status(), 404);
    assert_eq!(api.request_id(), Some("RQ123"));
    assert_eq!(api.operation(), "FetchCall");
    assert_eq!(
        error.to_string(),
        "FetchCall: Twilio error 20404 (HTTP 404): The requested resource was not found \
         (see https://www.twilio.com/docs/errors/20404)"
    );
}

#[tokio::test]
async fn error_details_are_kept() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_string(
            r#"{"code": 21211, "message": "Invalid 'To'", "status": 400, "details": {"field": "To"}}"#,
        ))
        .mount(&server)
        .await;
    let error = client(&server)
        .send::<Call>(post("/v1/Calls"))
        .await
        .unwrap_err();
    let api = error.api().unwrap();
    assert_eq!(api.details(), Some(&serde_json::json!({"field": "To"})));
    assert_eq!(api.more_info(), None);
}

#[tokio::test]
async fn non_twilio_errors_have_a_bounded_snippet() {
    let server = MockServer::start().await;
    let html = format!("<html><body>{}</body></html>", "Bad gateway é ".repeat(200));
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502).set_body_string(html.clone()))
        .mount(&server)
        .await;
    let error = client(&server)
        .send::<Call>(post("/v1/Calls"))
        .await
        .unwrap_err();
    let Error::Http {
        status,
        operation,
        snippet,
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(*status, 502);
    assert_eq!(*operation, "TestOp");
    assert!(snippet.len() <= 512, "{}", snippet.len());
    assert!(snippet.len() > 500);
    assert!(html.starts_with(snippet.as_str()));
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_with_a_path() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct CallPage {
        calls: Vec<Call>,
    }
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"calls": [{"sid": "CA1", "status": "queued"}, {"sid": "CA2", "sta"#,
        ))
        .mount(&server)
        .await;
    let error = client(&server)
        .send::<CallPage>(get("/v1/Calls"))
        .await
        .unwrap_err();
    let Error::Decode {
        operation, path, ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(*operation, "TestOp");
    assert!(path.starts_with("calls[1]"), "{path}");
    assert!(error.to_string().contains("calls[1]"));
}

#[tokio::test]
async fn unknown_fields_are_ignored() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"sid": "CA1", "status": "ringing", "brand_new_field": {"nested": [1, 2]}}"#,
        ))
        .mount(&server)
        .await;
    let call: Call = client(&server).send(get("/v1/Calls/CA1")).await.unwrap();
    assert_eq!(
        call,
        Call {
            sid: "CA1".into(),
            status: Some("ringing".into())
        }
    );
}

#[tokio::test]
async fn too_many_requests_is_retried_on_get() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"sid": "CA1"}"#))
        .mount(&server)
        .await;
    let call: Call = client(&server).send(get("/v1/Calls/CA1")).await.unwrap();
    assert_eq!(call.sid, "CA1");
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn retry_after_is_honoured_up_to_the_max_delay() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"sid": "CA1"}"#))
        .mount(&server)
        .await;
    let started = Instant::now();
    let _: Call = client(&server).send(get("/v1/Calls/CA1")).await.unwrap();
    // Retry-After: 1 is capped at the policy's 20 ms.
    assert!(started.elapsed() < Duration::from_millis(900));
    assert_eq!(requests(&server).await.len(), 2);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"sid": "CA1"}"#))
        .mount(&server)
        .await;
    let client = common::basic(&server.uri())
        .retry(common::fast_retries().max_delay(Duration::from_secs(5)))
        .build()
        .unwrap();
    let started = Instant::now();
    let _: Call = client.send(get("/v1/Calls/CA1")).await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1));
}

#[tokio::test]
async fn post_is_not_retried_by_default() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "0"))
        .mount(&server)
        .await;
    let error = client(&server)
        .send::<Call>(post("/v1/Calls").form("To", "+15558675310"))
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert!(error.is_retryable());
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn post_is_retried_when_allowed() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(body_string("To=%2B15558675310"))
        .respond_with(ResponseTemplate::new(201).set_body_string(r#"{"sid": "CA1"}"#))
        .mount(&server)
        .await;
    let client = common::basic(&server.uri())
        .retry(common::fast_retries().retry_non_idempotent(true))
        .build()
        .unwrap();
    let _: Call = client
        .send(post("/v1/Calls").form("To", "+15558675310"))
        .await
        .unwrap();
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn disabled_retries_send_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .mount(&server)
        .await;
    let client = common::basic(&server.uri())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let error = client.send::<Call>(get("/v1/Calls")).await.unwrap_err();
    assert_eq!(error.status(), Some(429));
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn max_attempts_are_respected() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_string("Service Unavailable"))
        .mount(&server)
        .await;
    let client = common::basic(&server.uri())
        .retry(common::fast_retries().max_attempts(4))
        .build()
        .unwrap();
    let error = client.send::<Call>(get("/v1/Calls")).await.unwrap_err();
    assert!(
        matches!(&error, Error::Http { status: 503, snippet, .. } if snippet == "Service Unavailable"),
        "{error:?}"
    );
    assert_eq!(requests(&server).await.len(), 4);
}

#[tokio::test]
async fn slow_responses_time_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"sid": "CA1"}"#)
                .set_delay(Duration::from_millis(500)),
        )
        .mount(&server)
        .await;
    let builder = common::basic(&server.uri()).timeout(Duration::from_millis(100));
    let client = builder
        .clone()
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.send::<Call>(get("/v1/Calls/CA1")).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                operation: "TestOp"
            }
        ),
        "{error:?}"
    );
    assert!(error.is_retryable());
    assert!(started.elapsed() < Duration::from_millis(450));
    assert_eq!(requests(&server).await.len(), 1);

    // Timeouts of idempotent requests are retried.
    let client = builder
        .retry(common::fast_retries().max_attempts(2))
        .build()
        .unwrap();
    let error = client.send::<Call>(get("/v1/Calls/CA1")).await.unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert_eq!(requests(&server).await.len(), 3);
}

#[tokio::test]
async fn connection_failures_are_transport_errors() {
    // Nothing listens on a port the OS just released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = common::basic(&format!("http://127.0.0.1:{port}"))
        .retry(common::fast_retries())
        .build()
        .unwrap();
    let error = client.send::<Call>(get("/v1/Calls")).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(error.is_retryable());
    assert_eq!(
        error.to_string(),
        format!(
            "TestOp (GET /v1/Calls): could not connect to 127.0.0.1:{port}: the connection was refused"
        )
    );
    assert!(std::error::Error::source(&error).is_some());
}

#[derive(Debug, Deserialize)]
struct CallPage {
    calls: Vec<Call>,
    next_page_uri: Option<String>,
}

impl Page for CallPage {
    type Item = Call;
    fn next_page_uri(&self) -> Option<&str> {
        self.next_page_uri.as_deref()
    }
    fn into_items(self) -> Vec<Call> {
        self.calls
    }
}

const LIST: &str = "/2010-04-01/Accounts/AC00000000000000000000000000000001/Calls.json";

fn page(sids: &[&str], next: Option<&str>) -> ResponseTemplate {
    let calls: Vec<_> = sids
        .iter()
        .map(|sid| serde_json::json!({"sid": sid, "status": "completed"}))
        .collect();
    ResponseTemplate::new(200)
        .set_body_json(serde_json::json!({"calls": calls, "next_page_uri": next, "page_size": 2}))
}

async fn mount_three_pages(server: &MockServer) {
    let page2 = format!("{LIST}?PageSize=2&Page=1&PageToken=PA2");
    let page3 = format!("{LIST}?PageSize=2&Page=2&PageToken=PA3");
    Mock::given(method("GET"))
        .and(path(LIST))
        .and(query_param("PageToken", "PA3"))
        .respond_with(page(&["CA5"], None))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(LIST))
        .and(query_param("PageToken", "PA2"))
        .respond_with(page(&["CA3", "CA4"], Some(&page3)))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(LIST))
        .and(query_param("PageSize", "2"))
        .respond_with(page(&["CA1", "CA2"], Some(&page2)))
        .with_priority(10)
        .mount(server)
        .await;
}

fn first_page(client: &Client) -> Request {
    Request::new(
        Method::GET,
        "ListCall",
        "https://api.twilio.com",
        "/2010-04-01/Accounts/{AccountSid}/Calls.json",
    )
    .path_param("AccountSid", client.account_sid())
    .query("PageSize", &2u32)
}

#[tokio::test]
async fn pagination_follows_relative_links() {
    let server = MockServer::start().await;
    mount_three_pages(&server).await;
    let client = client(&server);
    let sids: Vec<String> = client
        .paginate::<CallPage>(first_page(&client))
        .map(|call| call.unwrap().sid)
        .collect()
        .await;
    assert_eq!(sids, ["CA1", "CA2", "CA3", "CA4", "CA5"]);
    let received = requests(&server).await;
    assert_eq!(received.len(), 3);
    assert!(received.iter().all(|request| request.url.path() == LIST));

    let all = client
        .paginate::<CallPage>(first_page(&client))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), 5);
}

#[tokio::test]
async fn pagination_limit_stops_fetching() {
    let server = MockServer::start().await;
    mount_three_pages(&server).await;
    let client = client(&server);
    let mut calls = client.paginate::<CallPage>(first_page(&client)).limit(4);
    let mut sids = Vec::new();
    while let Some(call) = calls.next().await {
        sids.push(call.unwrap().sid);
    }
    assert_eq!(sids, ["CA1", "CA2", "CA3", "CA4"]);
    let received = requests(&server).await;
    assert_eq!(received.len(), 2, "the third page must not be requested");
    assert!(
        !received
            .iter()
            .any(|request| request.url.query().unwrap_or("").contains("PA3"))
    );

    // limit(0) sends nothing.
    let none = client
        .paginate::<CallPage>(first_page(&client))
        .limit(0)
        .collect_all()
        .await
        .unwrap();
    assert!(none.is_empty());
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn pagination_stops_on_a_repeated_link() {
    let server = MockServer::start().await;
    let again = format!("{LIST}?PageSize=2&Page=1&PageToken=PA2");
    Mock::given(method("GET"))
        .and(path(LIST))
        .respond_with(page(&["CA1"], Some(&again)))
        .mount(&server)
        .await;
    let client = client(&server);
    let results: Vec<Result<Call, Error>> = client
        .paginate::<CallPage>(first_page(&client))
        .collect()
        .await;
    assert_eq!(results.len(), 3, "{results:?}");
    assert!(results[0].is_ok() && results[1].is_ok());
    assert!(
        matches!(
            &results[2],
            Err(Error::Pagination {
                operation: "ListCall",
                ..
            })
        ),
        "{results:?}"
    );
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn pagination_errors_end_the_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_string(
            r#"{"code": 20003, "message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401}"#,
        ))
        .mount(&server)
        .await;
    let client = client(&server);
    let results: Vec<Result<Call, Error>> = client
        .paginate::<CallPage>(first_page(&client))
        .collect()
        .await;
    assert_eq!(results.len(), 1);
    let error = results.into_iter().next().unwrap().unwrap_err();
    assert_eq!(error.api().unwrap().code(), Some(20003));

    let failed: Vec<Result<Call, Error>> = twilio_runtime::Paginator::<CallPage>::failed(
        Error::invalid_input("ListCall", "PageSize", "must be at least 1"),
    )
    .collect()
    .await;
    assert_eq!(failed.len(), 1);
    assert_eq!(
        failed[0].as_ref().unwrap_err().to_string(),
        "ListCall: invalid `PageSize`: must be at least 1"
    );
}

#[tokio::test]
async fn secrets_never_show() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_string("Unauthorized"))
        .mount(&server)
        .await;
    let client = client(&server);
    let debug = format!("{client:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(debug.contains("[redacted]"), "{debug}");
    let alternate = format!("{client:#?}");
    assert!(!alternate.contains(TOKEN));

    let api_client = Client::builder()
        .account_sid(ACCOUNT)
        .api_key("SK1", "very-secret-api-secret")
        .build()
        .unwrap();
    assert!(!format!("{api_client:?}").contains("very-secret-api-secret"));

    let error = client.send::<Call>(get("/v1/Calls")).await.unwrap_err();
    assert!(!error.to_string().contains(TOKEN));
    assert!(!format!("{error:?}").contains(TOKEN));

    let error = Client::builder()
        .account_sid(ACCOUNT)
        .auth_token("very-secret token")
        .build()
        .unwrap_err();
    assert!(!error.to_string().contains("very-secret"), "{error}");
}

#[test]
fn client_and_paginator_are_send_sync() {
    fn send_sync<T: Send + Sync>() {}
    fn send_unpin<T: Send + Unpin>() {}
    send_sync::<Client>();
    send_sync::<Error>();
    send_unpin::<twilio_runtime::Paginator<CallPage>>();
}

/// Records the names and values of span and event fields.
mod capture {
    use std::fmt;
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    #[derive(Clone, Default)]
    pub struct Recorder {
        pub lines: Arc<Mutex<Vec<String>>>,
        next_id: Arc<Mutex<u64>>,
    }

    struct Fields(String);

    impl Visit for Fields {
        fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
            self.0.push_str(&format!(" {}={:?}", field.name(), value));
        }
    }

    impl Recorder {
        fn push(&self, line: String) {
            self.lines.lock().unwrap().push(line);
        }
    }

    impl Subscriber for Recorder {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let mut fields = Fields(format!("new {}", span.metadata().name()));
            span.record(&mut fields);
            self.push(fields.0);
            let mut next_id = self.next_id.lock().unwrap();
            *next_id += 1;
            Id::from_u64(*next_id)
        }
        fn record(&self, _: &Id, values: &Record<'_>) {
            let mut fields = Fields("record".into());
            values.record(&mut fields);
            self.push(fields.0);
        }
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, event: &Event<'_>) {
            let mut fields = Fields("event".into());
            event.record(&mut fields);
            self.push(fields.0);
        }
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }
}

#[tokio::test]
async fn one_span_per_request_without_secrets_or_values() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_string(r#"{"sid": "CA1"}"#))
        .mount(&server)
        .await;
    let client = common::basic(&server.uri())
        .retry(common::fast_retries().retry_non_idempotent(true))
        .build()
        .unwrap();
    let recorder = capture::Recorder::default();
    let guard = tracing::dispatcher::set_default(&tracing::Dispatch::new(recorder.clone()));
    let request = Request::new(
        Method::POST,
        "UpdateCall",
        "https://api.twilio.com",
        "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json",
    )
    .path_param("AccountSid", ACCOUNT)
    .path_param("Sid", "CA-path-value")
    .query("Q", "query-value")
    .form("SipAuthPassword", "form-value");
    let _: Call = client.send(request).await.unwrap();
    drop(guard);

    let lines = recorder.lines.lock().unwrap().join("\n");
    let spans: Vec<&str> = lines
        .lines()
        .filter(|line| line.starts_with("new "))
        .collect();
    assert_eq!(spans.len(), 1, "{lines}");
    assert!(spans[0].starts_with("new twilio.request"), "{lines}");
    assert!(spans[0].contains(r#"operation="UpdateCall""#), "{lines}");
    assert!(spans[0].contains("method=POST"), "{lines}");
    assert!(
        spans[0].contains(r#"path="/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json""#),
        "{lines}"
    );
    assert!(lines.contains("record attempt=2"), "{lines}");
    assert!(lines.contains("record status=201"), "{lines}");
    assert!(lines.contains("record duration_ms="), "{lines}");
    for secret in [TOKEN, ACCOUNT, "CA-path-value", "query-value", "form-value"] {
        assert!(!lines.contains(secret), "{secret} in {lines}");
    }
}

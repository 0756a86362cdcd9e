//! `Pending`, the request value of generated operation methods: awaited directly, `send()`,
//! `with_metadata()`, the built request, per-request options, streams, and how its futures
//! compose (`join!`, `join_all`, `tokio::spawn`, functions taking `impl Future`); against a local
//! wiremock server.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::future::{Future, IntoFuture};
use std::time::Duration;

use twilio_runtime::decode::{Empty, Location, Text};
use twilio_runtime::{
    Client, Error, Method, Pending, Request, ResponseFuture, RetryPolicy, WithMetadata,
};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::{Call, CallPage};

fn fetch(sid: &str) -> Request {
    Request::new(
        Method::GET,
        "FetchCall",
        "https://api.twilio.com",
        "/Calls/{Sid}.json",
    )
    .path_param("Sid", sid)
}

/// What a generated `fetch_call` looks like: a plain fn building the request, wrapped.
fn fetch_call(client: &Client, sid: &str) -> Pending<Call> {
    Pending::new(client, Ok(fetch(sid)))
}

async fn server_with_calls() -> MockServer {
    let server = MockServer::start().await;
    for sid in ["CA1", "CA2", "CA3"] {
        Mock::given(method("GET"))
            .and(path(format!("/Calls/{sid}.json")))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("Twilio-Request-Id", format!("RQ-{sid}"))
                    .set_body_string(format!(r#"{{"sid": "{sid}"}}"#)),
            )
            .mount(&server)
            .await;
    }
    server
}

fn assert_send_static<T: Send + 'static>(_: &T) {}

/// A function that takes any future, as many libraries' helpers do.
async fn with_deadline<F: Future<Output = Result<Call, Error>>>(future: F) -> Result<Call, Error> {
    tokio::time::timeout(Duration::from_secs(10), future)
        .await
        .expect("in time")
}

#[tokio::test]
async fn awaited_sent_and_with_metadata() {
    let server = server_with_calls().await;
    let client = common::client(&server);

    let call = fetch_call(&client, "CA1").await.unwrap();
    assert_eq!(call.sid, "CA1");

    let future: ResponseFuture<Call> = fetch_call(&client, "CA2").send();
    assert_eq!(future.await.unwrap().sid, "CA2");

    let with_meta: WithMetadata<Call> = fetch_call(&client, "CA3").with_metadata();
    let answer = with_meta.await.unwrap();
    assert_eq!(answer.sid, "CA3");
    assert_eq!(answer.request_id(), Some("RQ-CA3"));
    assert_eq!(answer.meta().status(), 200);
    let sent = fetch_call(&client, "CA1").with_metadata().send().await;
    assert_eq!(sent.unwrap().request_id(), Some("RQ-CA1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn composes_with_join_join_all_spawn_and_impl_future() {
    let server = server_with_calls().await;
    let client = common::client(&server);

    let (a, b) = tokio::join!(fetch_call(&client, "CA1"), fetch_call(&client, "CA2"));
    assert_eq!(
        (a.unwrap().sid, b.unwrap().sid),
        ("CA1".into(), "CA2".into())
    );

    // `join_all` takes futures (not `IntoFuture`): `send()` gives one per request.
    let all =
        futures::future::join_all(["CA1", "CA2", "CA3"].map(|s| fetch_call(&client, s).send()))
            .await;
    let sids: Vec<String> = all.into_iter().map(|r| r.unwrap().sid).collect();
    assert_eq!(sids, ["CA1", "CA2", "CA3"]);

    let pending = fetch_call(&client, "CA2");
    assert_send_static(&pending);
    let future = pending.into_future();
    assert_send_static(&future);
    let spawned = tokio::spawn(future).await.unwrap().unwrap();
    assert_eq!(spawned.sid, "CA2");
    let spawned = tokio::spawn(fetch_call(&client, "CA3").with_metadata().into_future());
    assert_eq!(spawned.await.unwrap().unwrap().request_id(), Some("RQ-CA3"));

    assert_eq!(
        with_deadline(fetch_call(&client, "CA1").send())
            .await
            .unwrap()
            .sid,
        "CA1"
    );
    let into = fetch_call(&client, "CA3").into_future();
    assert_eq!(with_deadline(into).await.unwrap().sid, "CA3");
}

#[tokio::test]
async fn a_request_that_cannot_be_built_fails_when_awaited_and_sends_nothing() {
    let server = MockServer::start().await;
    let client = common::client(&server);
    let broken = || -> Pending<Call> {
        Pending::new(
            &client,
            Err(Error::invalid_input(
                "FetchCall",
                "PageSize",
                "must be at least 1",
            )),
        )
    };
    let request = broken();
    let error = request.request().unwrap_err();
    assert!(error.to_string().contains("PageSize"), "{error}");
    assert!(matches!(broken().await, Err(Error::InvalidInput { .. })));
    assert!(matches!(
        broken().with_metadata().await,
        Err(Error::InvalidInput { .. })
    ));
    assert!(matches!(
        broken().into_request(),
        Err(Error::InvalidInput { .. })
    ));
    let mut stream =
        Pending::<CallPage>::new(&client, Err(Error::invalid_input("ListCall", "Page", "x")))
            .stream();
    use futures::TryStreamExt;
    assert!(matches!(
        stream.try_next().await,
        Err(Error::InvalidInput { .. })
    ));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_built_request_is_the_one_sent() {
    let server = server_with_calls().await;
    let client = common::client(&server);
    let pending = fetch_call(&client, "CA2");
    let request = pending.request().unwrap();
    assert_eq!(request.operation_id(), "FetchCall");
    let call: Call = client.send(pending.into_request().unwrap()).await.unwrap();
    assert_eq!(call.sid, "CA2");
    let debug = format!("{:?}", fetch_call(&client, "CA1"));
    assert!(debug.contains("FetchCall"), "{debug}");
}

#[tokio::test]
async fn options_of_one_request_only() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/Calls/CA1.json"))
        .and(header("X-Trace", "t-1"))
        .and(header("X-View", "v"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"sid": "CA1"}"#))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/Calls/CA2.json"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_delay(Duration::from_millis(600))
                .set_body_string(r#"{"sid": "CA2"}"#),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/Calls/CA3.json"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = common::client(&server);
    // The view's options stay; the request's header is added to them.
    let view = client.with_options(twilio_runtime::RequestOptions::new().header("X-View", "v"));
    let call = fetch_call(&view, "CA1")
        .header("X-Trace", "t-1")
        .await
        .unwrap();
    assert_eq!(call.sid, "CA1");
    // A timeout of this request only: the next one without it succeeds.
    let timed = fetch_call(&client, "CA2")
        .timeout(Duration::from_millis(100))
        .retry(RetryPolicy::disabled())
        .await;
    assert!(matches!(timed, Err(Error::Timeout { .. })), "{timed:?}");
    assert_eq!(fetch_call(&client, "CA2").await.unwrap().sid, "CA2");
    // A retry policy of this request only: one attempt instead of the client's retries.
    let before = server.received_requests().await.unwrap().len();
    let refused = fetch_call(&client, "CA3")
        .retry(RetryPolicy::disabled())
        .await;
    assert!(refused.is_err());
    assert_eq!(server.received_requests().await.unwrap().len(), before + 1);
    // `options` replaces the view's options.
    let replaced = fetch_call(&view, "CA1")
        .options(twilio_runtime::RequestOptions::new().header("X-Trace", "t-1"))
        .await;
    assert!(replaced.is_err(), "X-View was dropped, so no rule matches");
}

#[tokio::test]
async fn stream_follows_the_pages() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/Calls.json"))
        .and(query_param("Page", "1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"calls": [{"sid": "CA3"}], "next_page_uri": null}"#),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/Calls.json"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"calls": [{"sid": "CA1"}, {"sid": "CA2"}], "next_page_uri": "/Calls.json?Page=1"}"#,
        ))
        .mount(&server)
        .await;
    let client = common::client(&server);
    let list = Request::new(
        Method::GET,
        "ListCall",
        "https://api.twilio.com",
        "/Calls.json",
    );
    let first = Pending::<CallPage>::new(&client, Ok(list.clone()))
        .await
        .unwrap();
    assert_eq!(first.calls.len(), 2);
    let all = Pending::<CallPage>::new(&client, Ok(list))
        .stream()
        .collect_all()
        .await
        .unwrap();
    let sids: Vec<String> = all.into_iter().map(|c| c.sid).collect();
    assert_eq!(sids, ["CA1", "CA2", "CA3"]);
}

#[tokio::test]
async fn other_decoders_with_and_without_metadata() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204).insert_header("Twilio-Request-Id", "RQ-D"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/text"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Twilio-Request-Id", "RQ-T")
                .set_body_string("plain"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/file"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("Location", "https://files.example/x?sig=1")
                .insert_header("Twilio-Request-Id", "RQ-L"),
        )
        .mount(&server)
        .await;
    let client = common::client(&server);
    let req = |m: Method, p: &'static str| Request::new(m, "Op", "https://api.twilio.com", p);

    let deleted: Pending<(), Empty> = Pending::new(&client, Ok(req(Method::DELETE, "/x")));
    deleted.await.unwrap();
    let deleted = Pending::<(), Empty>::new(&client, Ok(req(Method::DELETE, "/x")));
    let meta = deleted.with_metadata().await.unwrap();
    assert_eq!(
        (meta.meta().status(), meta.request_id()),
        (204, Some("RQ-D"))
    );

    let text = Pending::<String, Text>::new(&client, Ok(req(Method::GET, "/text")));
    assert_eq!(text.await.unwrap(), "plain");
    let text = Pending::<String, Text>::new(&client, Ok(req(Method::GET, "/text")));
    let text = text.with_metadata().await.unwrap();
    assert_eq!(
        (text.value().as_str(), text.request_id()),
        ("plain", Some("RQ-T"))
    );

    let file =
        Pending::<twilio_runtime::Redirect, Location>::new(&client, Ok(req(Method::GET, "/file")));
    assert_eq!(
        file.await.unwrap().location(),
        "https://files.example/x?sig=1"
    );
    let file =
        Pending::<twilio_runtime::Redirect, Location>::new(&client, Ok(req(Method::GET, "/file")));
    let file = file.with_metadata().await.unwrap();
    assert_eq!((file.status(), file.request_id()), (302, Some("RQ-L")));
}

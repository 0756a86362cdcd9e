//! The generated client against an in-process mock server (wiremock): exactly what goes on the
//! wire, and how every kind of answer comes back.
//!
//! - form bodies, byte for byte: arrays as repeated keys, the `Url`/`Twiml`/`ApplicationSid`
//!   choice, indexed `ParameterN.Name`/`ParameterN.Value` pairs;
//! - query names with operators (`StartTime<`, `StartTime>`) arriving verbatim once decoded,
//!   and path values percent-encoded as one segment;
//! - pagination over several pages, with and without a limit;
//! - error shapes: Twilio's error document, an HTML page, a truncated body, `429` with
//!   `Retry-After`, a server that never answers;
//! - lenient decoding: unknown enum values and unknown fields;
//! - secrets kept out of `Debug` output.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use time::macros::{date, datetime};
use twilio_calls::*;
use wiremock::matchers::{
    basic_auth, body_string, method, path, query_param, query_param_is_missing,
};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";
const TOKEN: &str = "auth-token-that-must-never-show";
const CALL: &str = "CA39b5f47d870fec1ff0af11c634a84c62";
const CALLS: &str = "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json";
const THE_CALL: &str = "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls/CA39b5f47d870fec1ff0af11c634a84c62.json";

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .account_sid(ACCOUNT)
        .auth_token(TOKEN)
        .base_url(server.uri())
        .retry(
            RetryPolicy::default()
                .base_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(10)),
        )
}

fn client(server: &MockServer) -> Client {
    Client::from(builder(server).build().unwrap())
}

fn call_sid() -> CallSid {
    CallSid::new(CALL).unwrap()
}

fn call_json(sid: &str, status: &str) -> serde_json::Value {
    serde_json::json!({
        "sid": sid,
        "account_sid": ACCOUNT,
        "status": status,
        "to": "+15558675310",
        "from": "+15017122661",
        "date_created": "Mon, 23 Nov 2026 17:04:11 +0000",
        "start_time": null,
        "subresource_uris": {"recordings": "/2010-04-01/.../Recordings.json"},
    })
}

async fn requests(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap()
}

/// Mounts a 201 with a call for every POST to `CALLS`, and returns the body of each request
/// made by `send`.
async fn create_call_body(params: CreateCallParams) -> String {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CALLS))
        .and(basic_auth(ACCOUNT, TOKEN))
        .respond_with(ResponseTemplate::new(201).set_body_json(call_json(CALL, "queued")))
        .expect(1)
        .mount(&server)
        .await;
    let call = client(&server).create_call(params).await.unwrap();
    assert_eq!(call.status, Some(CallStatus::Queued));
    let received = requests(&server).await;
    assert_eq!(
        received[0].headers.get("content-type").unwrap(),
        "application/x-www-form-urlencoded"
    );
    String::from_utf8(received[0].body.clone()).unwrap()
}

#[tokio::test]
async fn create_call_sends_arrays_as_repeated_keys_and_exactly_one_choice() {
    let body = create_call_body(
        CreateCallParams::new(
            "+15558675310",
            "+15017122661",
            CreateCallChoice::Url("https://example.com/twiml?step=1&lang=en".into()),
        )
        .status_callback("https://example.com/events")
        .status_callback_event(["initiated", "ringing", "answered", "completed"])
        .recording_status_callback_event(["in-progress", "completed"])
        .record(true)
        .timeout(25),
    )
    .await;
    assert_eq!(
        body,
        "From=%2B15017122661\
         &Record=true\
         &RecordingStatusCallbackEvent=in-progress\
         &RecordingStatusCallbackEvent=completed\
         &StatusCallback=https%3A%2F%2Fexample.com%2Fevents\
         &StatusCallbackEvent=initiated\
         &StatusCallbackEvent=ringing\
         &StatusCallbackEvent=answered\
         &StatusCallbackEvent=completed\
         &Timeout=25\
         &To=%2B15558675310\
         &Url=https%3A%2F%2Fexample.com%2Ftwiml%3Fstep%3D1%26lang%3Den"
    );

    let body = create_call_body(CreateCallParams::new(
        "client:front-desk",
        "+15017122661",
        CreateCallChoice::Twiml("<Response><Say>Hi & bye</Say></Response>".into()),
    ))
    .await;
    assert_eq!(
        body,
        "From=%2B15017122661\
         &To=client%3Afront-desk\
         &Twiml=%3CResponse%3E%3CSay%3EHi+%26+bye%3C%2FSay%3E%3C%2FResponse%3E"
    );

    let body = create_call_body(CreateCallParams::new(
        "+15558675310",
        "+15017122661",
        CreateCallChoice::ApplicationSid(
            ApplicationSid::new("AP9da95d85efee351967d2937c06f9374b").unwrap(),
        ),
    ))
    .await;
    assert_eq!(
        body,
        "From=%2B15017122661&To=%2B15558675310&ApplicationSid=AP9da95d85efee351967d2937c06f9374b"
    );

    // An empty array sends nothing; setting it again replaces the earlier values.
    let body = create_call_body(
        CreateCallParams::new(
            "+15558675310",
            "+15017122661",
            CreateCallChoice::Url("https://example.com/twiml".into()),
        )
        .status_callback_event(["initiated"])
        .status_callback_event(Vec::<String>::new())
        .recording_status_callback_event(["absent"])
        .recording_status_callback_event(["completed"]),
    )
    .await;
    assert_eq!(
        body,
        "From=%2B15017122661\
         &RecordingStatusCallbackEvent=completed\
         &To=%2B15558675310\
         &Url=https%3A%2F%2Fexample.com%2Ftwiml"
    );
}

#[tokio::test]
async fn create_stream_sends_indexed_parameter_pairs() {
    let server = MockServer::start().await;
    let streams = format!("/2010-04-01/Accounts/{ACCOUNT}/Calls/{CALL}/Streams.json");
    Mock::given(method("POST"))
        .and(path(streams.as_str()))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({
            "sid": "MZ4ec1db7c787a4c9912e1b23305f43a5c",
            "call_sid": CALL,
            "name": "audio feed",
            "status": "in-progress",
        })))
        .mount(&server)
        .await;
    let stream = client(&server)
        .create_stream(
            &call_sid(),
            CreateStreamParams::new("wss://example.com/audio")
                .name("audio feed")
                .track(StreamTrack::BothTracks)
                .parameter("Department", "sales & support")
                .parameter("Ticket", "T-1042")
                .parameter("Empty", ""),
        )
        .await
        .unwrap();
    assert_eq!(stream.status, Some(StreamStatus::InProgress));
    let received = requests(&server).await;
    assert_eq!(
        String::from_utf8(received[0].body.clone()).unwrap(),
        "Name=audio+feed\
         &Track=both_tracks\
         &Url=wss%3A%2F%2Fexample.com%2Faudio\
         &Parameter1.Name=Department\
         &Parameter1.Value=sales+%26+support\
         &Parameter2.Name=Ticket\
         &Parameter2.Value=T-1042\
         &Parameter3.Name=Empty\
         &Parameter3.Value="
    );

    // 99 pairs are fine (the last is Parameter99); `parameters` replaces earlier pairs.
    let request = client(&server)
        .create_stream(
            &call_sid(),
            CreateStreamParams::new("wss://example.com/audio")
                .parameter("Dropped", "x")
                .parameters((1..=99).map(|n| (format!("n{n}"), format!("v{n}")))),
        )
        .into_request()
        .unwrap();
    let body = request.form_body();
    assert!(body.starts_with(
        "Url=wss%3A%2F%2Fexample.com%2Faudio&Parameter1.Name=n1&Parameter1.Value=v1&"
    ));
    assert!(
        body.ends_with("&Parameter99.Name=n99&Parameter99.Value=v99"),
        "{body}"
    );
    assert!(!body.contains("Dropped"));
}

#[tokio::test]
async fn operator_query_names_arrive_verbatim() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(CALLS))
        .and(query_param("StartTime>", "2026-11-24T00:00:00Z"))
        .and(query_param("StartTime<", "2026-11-25T00:00:00Z"))
        .and(query_param("EndTime>", "2026-11-24T12:30:00Z"))
        .and(query_param("Status", "completed"))
        .and(query_param("To", "+15558675310"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "calls": [call_json(CALL, "completed")],
            "next_page_uri": null,
        })))
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server)
        .list_call(
            ListCallParams::new()
                .to("+15558675310")
                .status(CallStatus::Completed)
                .start_time_after(datetime!(2026-11-24 0:00 UTC))
                .start_time_before(datetime!(2026-11-25 0:00 UTC))
                .end_time_after(datetime!(2026-11-24 12:30 UTC)),
        )
        .await
        .unwrap();
    assert_eq!(page.calls.len(), 1);
    let received = requests(&server).await;
    let pairs: Vec<(String, String)> = received[0]
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("To", "+15558675310"),
            ("Status", "completed"),
            ("StartTime<", "2026-11-25T00:00:00Z"),
            ("StartTime>", "2026-11-24T00:00:00Z"),
            ("EndTime>", "2026-11-24T12:30:00Z"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    // Encoded on the wire, so that `<`, `>` and `+` survive.
    let raw = received[0].url.query().unwrap();
    assert!(
        raw.contains("StartTime%3C=2026-11-25T00%3A00%3A00Z"),
        "{raw}"
    );
    assert!(raw.contains("To=%2B15558675310"), "{raw}");

    // Date-only filters of the subresources.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&server)
        .await;
    let client = client(&server);
    client
        .list_call_notification(
            &call_sid(),
            ListCallNotificationParams::new()
                .message_date_after(date!(2026 - 11 - 01))
                .message_date_before(date!(2026 - 11 - 30)),
        )
        .await
        .unwrap();
    client
        .list_call_recording(
            &call_sid(),
            ListCallRecordingParams::new().date_created_after(date!(2026 - 11 - 01)),
        )
        .await
        .unwrap();
    let received = requests(&server).await;
    let names = |request: &wiremock::Request| -> Vec<(String, String)> {
        request
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    };
    assert_eq!(
        names(&received[0]),
        [
            ("MessageDate<".to_owned(), "2026-11-30".to_owned()),
            ("MessageDate>".to_owned(), "2026-11-01".to_owned()),
        ]
    );
    assert_eq!(
        names(&received[1]),
        [("DateCreated>".to_owned(), "2026-11-01".to_owned())]
    );
}

#[tokio::test]
async fn path_values_are_percent_encoded_as_one_segment() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "sid": "MZ4ec1db7c787a4c9912e1b23305f43a5c",
            "status": "stopped",
        })))
        .mount(&server)
        .await;
    let client = client(&server);
    let stopped = UpdateStreamParams::new(StreamUpdateStatus::Stopped);
    for (name, segment) in [
        ("audio feed", "audio%20feed"),
        ("a/b?c#d%e", "a%2Fb%3Fc%23d%25e"),
        ("..", "%2E%2E"),
        ("Twilio.CURRENT", "Twilio.CURRENT"),
        ("ünï", "%C3%BCn%C3%AF"),
    ] {
        client
            .update_stream(&call_sid(), name, stopped.clone())
            .await
            .unwrap();
        let received = requests(&server).await;
        let last = received.last().unwrap();
        assert_eq!(
            last.url.path(),
            format!("/2010-04-01/Accounts/{ACCOUNT}/Calls/{CALL}/Streams/{segment}.json"),
            "{name}"
        );
    }
    // The same for the account, which is a setting rather than a checked SID.
    client
        .with_account_sid("AC/../../Other")
        .update_stream(&call_sid(), "feed", stopped)
        .await
        .unwrap();
    let received = requests(&server).await;
    assert_eq!(
        received.last().unwrap().url.path(),
        format!("/2010-04-01/Accounts/AC%2F..%2F..%2FOther/Calls/{CALL}/Streams/feed.json")
    );
    // An empty name cannot address anything: rejected before sending.
    let error = client
        .update_stream(
            &call_sid(),
            "",
            UpdateStreamParams::new(StreamUpdateStatus::Stopped),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidInput {
                parameter: "Sid",
                ..
            }
        ),
        "{error:?}"
    );
}

/// Three pages of two calls each, linked by `next_page_uri` (relative, like Twilio's).
async fn mount_three_pages(server: &MockServer) {
    let link = |page: u32| format!("{CALLS}?PageSize=2&Page={page}&PageToken=PA{page}");
    let sids = [
        "CA00000000000000000000000000000001",
        "CA00000000000000000000000000000002",
        "CA00000000000000000000000000000003",
        "CA00000000000000000000000000000004",
        "CA00000000000000000000000000000005",
        "CA00000000000000000000000000000006",
    ];
    let page = |index: usize, next: Option<String>| {
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "calls": [
                call_json(sids[2 * index], "completed"),
                call_json(sids[2 * index + 1], "completed"),
            ],
            "page": index,
            "page_size": 2,
            "next_page_uri": next,
        }))
    };
    Mock::given(method("GET"))
        .and(path(CALLS))
        .and(query_param("PageSize", "2"))
        .and(query_param_is_missing("Page"))
        .respond_with(page(0, Some(link(1))))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(CALLS))
        .and(query_param("Page", "1"))
        .and(query_param("PageToken", "PA1"))
        .respond_with(page(1, Some(link(2))))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(CALLS))
        .and(query_param("Page", "2"))
        .and(query_param("PageToken", "PA2"))
        .respond_with(page(2, None))
        .mount(server)
        .await;
}

#[tokio::test]
async fn pagination_follows_next_page_uri_across_pages_and_stops_at_the_limit() {
    let server = MockServer::start().await;
    mount_three_pages(&server).await;
    let client = client(&server);
    let params = ListCallParams::new().page_size(2);

    // Everything: three pages, six calls, in order.
    let calls: Vec<Call> = client
        .list_call(params.clone())
        .stream()
        .try_collect()
        .await
        .unwrap();
    let sids: Vec<String> = calls
        .iter()
        .map(|call| call.sid.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(
        sids,
        (1..=6).map(|n| format!("CA{n:032}")).collect::<Vec<_>>()
    );
    assert_eq!(requests(&server).await.len(), 3);

    // A limit of 5 needs the third page, and stops in its middle.
    server.reset().await;
    mount_three_pages(&server).await;
    let calls = client
        .list_call(params.clone())
        .stream()
        .limit(5)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(calls.len(), 5);
    assert_eq!(requests(&server).await.len(), 3);

    // A limit of 3 never asks for the third page; a limit of 2 only for the first.
    for (limit, pages) in [(3, 2), (2, 1), (0, 0)] {
        server.reset().await;
        mount_three_pages(&server).await;
        let calls = client
            .list_call(params.clone())
            .stream()
            .limit(limit)
            .collect_all()
            .await
            .unwrap();
        assert_eq!(calls.len(), limit);
        assert_eq!(requests(&server).await.len(), pages, "limit {limit}");
    }

    // Every request of every page carried the credentials.
    server.reset().await;
    mount_three_pages(&server).await;
    let _ = client
        .list_call(params)
        .stream()
        .collect_all()
        .await
        .unwrap();
    for request in requests(&server).await {
        assert!(request.headers.contains_key("authorization"));
    }
}

#[tokio::test]
async fn a_twilio_error_document_is_an_api_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(THE_CALL))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("Twilio-Request-Id", "RQ0123456789abcdef0123456789abcdef")
                .set_body_json(serde_json::json!({
                    "code": 20404,
                    "message": "The requested resource /2010-04-01/Accounts/AC.../Calls/CA....json was not found",
                    "more_info": "https://www.twilio.com/docs/errors/20404",
                    "status": 404,
                })),
        )
        .mount(&server)
        .await;
    let error = client(&server).fetch_call(&call_sid()).await.unwrap_err();
    let Error::Api(api) = &error else {
        panic!("expected Error::Api, got {error:?}");
    };
    assert_eq!(api.code(), Some(20404));
    assert!(api.message().starts_with("The requested resource"));
    assert_eq!(
        api.more_info(),
        Some("https://www.twilio.com/docs/errors/20404")
    );
    assert_eq!(api.status(), 404);
    assert_eq!(api.operation(), "FetchCall");
    assert_eq!(api.request_id(), Some("RQ0123456789abcdef0123456789abcdef"));
    assert_eq!(error.status(), Some(404));
    assert!(!error.is_retryable());
    assert!(error.to_string().contains("20404"), "{error}");
    // Not retried: a 404 is final.
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn an_html_error_page_is_an_http_error_with_a_snippet() {
    let server = MockServer::start().await;
    let page = format!(
        "<html><head><title>502 Bad Gateway</title></head><body>{}</body></html>",
        "x".repeat(2000)
    );
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(502)
                .insert_header("content-type", "text/html")
                .set_body_string(page),
        )
        .mount(&server)
        .await;
    let error = client(&server).fetch_call(&call_sid()).await.unwrap_err();
    let Error::Http {
        status,
        operation,
        snippet,
    } = &error
    else {
        panic!("expected Error::Http, got {error:?}");
    };
    assert_eq!(*status, 502);
    assert_eq!(*operation, "FetchCall");
    assert!(
        snippet.starts_with("<html><head><title>502 Bad Gateway</title>"),
        "{snippet}"
    );
    assert!(snippet.len() <= 512, "{}", snippet.len());
    assert!(error.to_string().contains("502 Bad Gateway"), "{error}");
}

#[tokio::test]
async fn a_truncated_body_is_a_decode_error_naming_the_field() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(CALLS))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            format!(r#"{{"calls": [{{"sid": "{CALL}", "status": "completed"}}, {{"sid": "{CALL}", "status": "in-prog"#),
            "application/json",
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(THE_CALL))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"sid": "CA39b5f47d870fec1ff0af11c634a84c62", "status": "completed", "date_created": "not a date"}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let client = client(&server);

    let error = client.list_call(ListCallParams::new()).await.unwrap_err();
    let Error::Decode {
        operation, path, ..
    } = &error
    else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!(*operation, "ListCall");
    assert_eq!(path, "calls[1].status", "{error}");
    assert!(error.to_string().contains("calls[1].status"), "{error}");

    // A well-formed document with a bad value names the field too.
    let error = client.fetch_call(&call_sid()).await.unwrap_err();
    assert!(
        matches!(&error, Error::Decode { operation: "FetchCall", path, .. } if path == "date_created"),
        "{error:?}"
    );
}

#[tokio::test]
async fn too_many_requests_is_retried_after_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(THE_CALL))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "1")
                .set_body_json(serde_json::json!({
                    "code": 20429, "message": "Too Many Requests", "status": 429,
                })),
        )
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(THE_CALL))
        .respond_with(ResponseTemplate::new(200).set_body_json(call_json(CALL, "in-progress")))
        .mount(&server)
        .await;
    // Retry-After: 1 is capped by the policy's max delay (10 ms here).
    let call = client(&server).fetch_call(&call_sid()).await.unwrap();
    assert_eq!(call.status, Some(CallStatus::InProgress));
    assert_eq!(requests(&server).await.len(), 3);

    // Out of attempts: the last 429 is the error.
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .mount(&server)
        .await;
    let client = Client::from(
        builder(&server)
            .retry(
                RetryPolicy::default()
                    .max_attempts(2)
                    .base_delay(Duration::from_millis(1))
                    .max_delay(Duration::from_millis(5)),
            )
            .build()
            .unwrap(),
    );
    let error = client.fetch_call(&call_sid()).await.unwrap_err();
    assert_eq!(error.status(), Some(429));
    assert!(error.is_retryable());
    assert_eq!(requests(&server).await.len(), 2);

    // Placing a call is not retried: it may have been placed.
    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .mount(&server)
        .await;
    let error = client
        .create_call(CreateCallParams::new(
            "+15558675310",
            "+15017122661",
            CreateCallChoice::Twiml("<Response/>".into()),
        ))
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(429));
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = MockServer::start().await;
    // Far longer than any test run: the only possible outcome is the client's timeout.
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(call_json(CALL, "queued"))
                .set_delay(Duration::from_secs(3600)),
        )
        .mount(&server)
        .await;
    let client = Client::from(
        builder(&server)
            .timeout(Duration::from_millis(200))
            .retry(RetryPolicy::disabled())
            .build()
            .unwrap(),
    );
    let error = client.fetch_call(&call_sid()).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                operation: "FetchCall"
            }
        ),
        "{error:?}"
    );
    assert!(error.is_retryable());
    assert_eq!(error.to_string(), "FetchCall: the request timed out");
}

#[tokio::test]
async fn unknown_enum_values_and_extra_fields_decode() {
    let server = MockServer::start().await;
    let mut call = call_json(CALL, "teleporting");
    call["brand_new_field"] = serde_json::json!({"nested": [1, 2, 3]});
    call["another_one"] = serde_json::json!("text");
    Mock::given(method("GET"))
        .and(path(THE_CALL))
        .respond_with(ResponseTemplate::new(200).set_body_json(call))
        .mount(&server)
        .await;
    let recording_path = format!(
        "/2010-04-01/Accounts/{ACCOUNT}/Calls/{CALL}/Recordings/RE2674d83e5ec5504846b6285562c16fbc.json"
    );
    Mock::given(method("GET"))
        .and(path(recording_path.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "sid": "RE2674d83e5ec5504846b6285562c16fbc",
            "status": "archived",
            "source": "HologramApi",
            "channels": 2,
            "unexpected": null,
        })))
        .mount(&server)
        .await;
    let client = client(&server);

    let call = client.fetch_call(&call_sid()).await.unwrap();
    assert_eq!(
        call.status,
        Some(CallStatus::Unknown("teleporting".to_owned()))
    );
    assert_eq!(call.status.as_ref().unwrap().as_str(), "teleporting");
    assert_eq!(call.sid, Some(call_sid()));

    let recording = client
        .fetch_call_recording(
            &call_sid(),
            &CallRecordingSid::new("RE2674d83e5ec5504846b6285562c16fbc").unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        recording.status,
        Some(CallRecordingStatus::Unknown("archived".to_owned()))
    );
    assert_eq!(
        recording.source,
        Some(CallRecordingSource::Unknown("HologramApi".to_owned()))
    );
}

#[tokio::test]
async fn secrets_stay_out_of_debug_output() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string(
            "From=%2B15017122661&To=%2B15558675310&Twiml=%3CResponse%2F%3E",
        ))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "code": 20003, "message": "Authenticate", "status": 401,
        })))
        .mount(&server)
        .await;
    let builder = builder(&server);
    let client = Client::from(builder.clone().build().unwrap());
    let api_key_client = Client::from(
        Client::builder()
            .account_sid(ACCOUNT)
            .api_key("SK0123456789abcdef0123456789abcdef", TOKEN)
            .base_url(server.uri())
            .build()
            .unwrap(),
    );

    let request = client
        .create_call(
            CreateCallParams::new(
                "+15558675310",
                "+15017122661",
                CreateCallChoice::Twiml("<Response/>".into()),
            )
            .sip_auth_username("alice")
            .sip_auth_password(TOKEN),
        )
        .into_request()
        .unwrap();
    let error = client
        .create_call(CreateCallParams::new(
            "+15558675310",
            "+15017122661",
            CreateCallChoice::Twiml("<Response/>".into()),
        ))
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(401));

    for (what, debug) in [
        ("ClientBuilder", format!("{builder:?}")),
        ("Client", format!("{client:?}")),
        ("Client with an API key", format!("{api_key_client:?}")),
        ("Request with SipAuthPassword", format!("{request:?}")),
        ("Error", format!("{error:?} {error}")),
    ] {
        assert!(!debug.contains(TOKEN), "{what} shows the secret: {debug}");
    }
    assert!(format!("{client:?}").contains(ACCOUNT));
    assert!(format!("{client:?}").contains("[redacted]"));
    assert!(format!("{request:?}").contains("SipAuthPassword"));

    // Personal data of the models is redacted too (x-twilio.pii in the spec).
    let call: Call = serde_json::from_value(call_json(CALL, "completed")).unwrap();
    let debug = format!("{call:?}");
    assert!(!debug.contains("+15558675310"), "{debug}");
    assert!(!debug.contains("+15017122661"), "{debug}");
    assert!(debug.contains(CALL), "{debug}");
    let params = ListCallParams::new().to("+15558675310");
    assert!(!format!("{params:?}").contains("+15558675310"));
}

/// The parameters of an operation hold secrets too (`SipAuthPassword`): the generator's
/// "credentials" rule redacts them, though Twilio's document marks only personal data.
#[test]
fn parameter_secrets_stay_out_of_debug_output() {
    let params = CreateCallParams::new(
        "+15558675310",
        "+15017122661",
        CreateCallChoice::Twiml("<Response/>".into()),
    )
    .sip_auth_password(TOKEN);
    let debug = format!("{params:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
}

#[tokio::test]
async fn pagination_errors_end_the_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(CALLS))
        .and(query_param_is_missing("Page"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "calls": [call_json(CALL, "completed")],
            "next_page_uri": format!("{CALLS}?Page=1&PageToken=PA1"),
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(CALLS))
        .and(query_param("Page", "1"))
        .respond_with(ResponseTemplate::new(503).set_body_string("Service Unavailable"))
        .mount(&server)
        .await;
    let client = Client::from(
        builder(&server)
            .retry(RetryPolicy::disabled())
            .build()
            .unwrap(),
    );
    let items: Vec<Result<Call, Error>> = client
        .list_call(ListCallParams::new())
        .stream()
        .collect()
        .await;
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items[0].is_ok());
    assert!(
        matches!(&items[1], Err(Error::Http { status: 503, .. })),
        "{items:?}"
    );
}

/// A TwiML document from the builder is the `Twiml` parameter of CreateCall, sent whole
/// (form-encoded; decoded, the same bytes).
#[tokio::test]
async fn create_call_sends_twiml_from_the_builder() {
    use twilio_calls::twiml::{Gather, Response, Say};
    let twiml = Response::new()
        .push(Gather::new().num_digits(1).push(Say::new("Press 1 & wait")))
        .hangup();
    let expected = twiml.to_string();
    let body = create_call_body(CreateCallParams::new(
        "+15558675310",
        "+15017122661",
        CreateCallChoice::twiml(twiml),
    ))
    .await;
    let sent: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    assert!(
        sent.contains(&("Twiml".to_owned(), expected.clone())),
        "{sent:?}"
    );
    assert!(expected.ends_with(
        "<Response><Gather numDigits=\"1\"><Say>Press 1 &amp; wait</Say></Gather><Hangup/></Response>"
    ));
}

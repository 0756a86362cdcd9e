//! The generated crate's client surface: response metadata, per-request options, the waiter
//! (against wiremock) and the typed mock (no network at all).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::time::Duration;

use twilio_calls::mock::Mock;
use twilio_calls::*;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock as Rule, MockServer, ResponseTemplate};

const ACCOUNT: &str = "AC00000000000000000000000000000001";
const CALL: &str = "CA39b5f47d870fec1ff0af11c634a84c62";
const RECORDING: &str = "RE2674d83e5ec5504846b6285562c16fbc";

fn client(server: &MockServer) -> Client {
    Client::from(
        Client::builder()
            .account_sid(ACCOUNT)
            .auth_token("token")
            .base_url(server.uri())
            .retry(RetryPolicy::disabled())
            .build()
            .unwrap(),
    )
}

fn call_path() -> String {
    format!("/2010-04-01/Accounts/{ACCOUNT}/Calls/{CALL}.json")
}

fn call_body(status: &str) -> String {
    format!(r#"{{"sid": "{CALL}", "account_sid": "{ACCOUNT}", "status": "{status}"}}"#)
}

#[tokio::test]
async fn metadata_of_a_fetched_call() {
    let server = MockServer::start().await;
    Rule::given(method("GET"))
        .and(path(call_path()))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Twilio-Request-Id", "RQ11111111111111111111111111111111")
                .insert_header("Twilio-Concurrent-Requests", "2")
                .set_body_string(call_body("in-progress")),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let sid = CallSid::new(CALL).unwrap();
    let call = client.fetch_call(&sid).with_metadata().await.unwrap();
    assert_eq!(call.status, Some(CallStatus::InProgress));
    assert_eq!(
        call.request_id(),
        Some("RQ11111111111111111111111111111111")
    );
    assert_eq!(call.meta().concurrent_requests(), Some(2));
    assert_eq!(call.meta().status(), 200);
    let call: Call = call.into_inner();
    assert_eq!(call.sid, Some(sid));
}

#[tokio::test]
async fn per_request_options_of_the_generated_client() {
    let server = MockServer::start().await;
    Rule::given(method("GET"))
        .and(header("X-Correlation-Id", "booking-1042"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_delay(Duration::from_millis(500))
                .set_body_string(call_body("queued")),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let sid = CallSid::new(CALL).unwrap();
    let tagged =
        client.with_options(RequestOptions::new().header("X-Correlation-Id", "booking-1042"));
    assert!(tagged.fetch_call(&sid).await.is_ok());
    let hasty = tagged.with_options(
        RequestOptions::new()
            .header("X-Correlation-Id", "booking-1042")
            .timeout(Duration::from_millis(100)),
    );
    let error = hasty.fetch_call(&sid).await.unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    assert!(
        received
            .iter()
            .all(|r| r.headers["x-correlation-id"] == "booking-1042")
    );
}

/// Answers `statuses` one after the other to fetches of the call (the last one for ever).
async fn call_goes_through(server: &MockServer, statuses: &[&str]) {
    for (index, status) in statuses.iter().enumerate() {
        let rule = Rule::given(method("GET"))
            .and(path(call_path()))
            .respond_with(ResponseTemplate::new(200).set_body_string(call_body(status)));
        let rule = if index + 1 < statuses.len() {
            rule.up_to_n_times(1)
        } else {
            rule
        };
        rule.with_priority(u8::try_from(index + 1).unwrap())
            .mount(server)
            .await;
    }
}

fn quick() -> WaitOptions {
    WaitOptions::new()
        .initial_delay(Duration::from_millis(10))
        .max_delay(Duration::from_millis(40))
}

#[tokio::test]
async fn waiting_for_a_call_queued_ringing_completed() {
    let server = MockServer::start().await;
    call_goes_through(&server, &["queued", "ringing", "completed"]).await;
    let client = client(&server);
    let sid = CallSid::new(CALL).unwrap();
    let call = client
        .wait_for_call(
            &sid,
            &[CallStatus::Completed, CallStatus::Failed, CallStatus::Busy],
            quick().timeout(Duration::from_secs(10)),
        )
        .await
        .unwrap();
    assert_eq!(call.status, Some(CallStatus::Completed));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);

    // The same through navigation: already completed, one fetch.
    let call = client
        .call(&sid)
        .wait_for(&[CallStatus::Completed], quick())
        .await
        .unwrap();
    assert_eq!(call.status, Some(CallStatus::Completed));
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

#[tokio::test]
async fn waiting_for_a_call_reaches_the_deadline() {
    let server = MockServer::start().await;
    call_goes_through(&server, &["queued", "ringing"]).await;
    let client = client(&server);
    let sid = CallSid::new(CALL).unwrap();
    let error = client
        .wait_for_call(
            &sid,
            &[CallStatus::Completed],
            quick().timeout(Duration::from_millis(300)),
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
    assert!(*waited >= Duration::from_millis(300), "{waited:?}");
    assert_eq!(last_state.as_deref(), Some("Ringing"));
    assert!(error.to_string().contains("FetchCall"), "{error}");
    assert!(server.received_requests().await.unwrap().len() >= 3);
}

/// User code under test: places a call, then lists its recordings.
async fn place_and_list_recordings(client: &Client, to: &str) -> Result<Vec<CallRecording>, Error> {
    let call = client
        .create_call(CreateCallParams::new(
            to,
            "+15017122661",
            CreateCallChoice::url("https://example.com/twiml"),
        ))
        .await?;
    let sid = call
        .sid
        .ok_or_else(|| Error::Config("no call SID".into()))?;
    let page = client
        .call(&sid)
        .recordings()
        .list(ListCallRecordingParams::new().page_size(20))
        .await?;
    Ok(page.recordings)
}

#[tokio::test]
async fn user_code_runs_against_the_mock_without_a_network() {
    let mock = Mock::new();
    let mut call = Call::default();
    call.sid = Some(CallSid::new(CALL).unwrap());
    call.status = Some(CallStatus::Queued);
    let created = mock
        .create_call()
        .matching(|request| request.form("To") == Some("+15558675310"))
        .output(call);
    let mut recording = CallRecording::default();
    recording.sid = Some(CallRecordingSid::new(RECORDING).unwrap());
    recording.call_sid = Some(CallSid::new(CALL).unwrap());
    let mut page = ListCallRecordingResponse::default();
    page.recordings = vec![recording];
    let listed = mock
        .list_call_recording()
        .matching(|request| request.path_param("CallSid") == Some(CALL))
        .output(page);
    let client = mock.client().unwrap();

    let recordings = place_and_list_recordings(&client, "+15558675310")
        .await
        .unwrap();
    assert_eq!(recordings.len(), 1);
    assert_eq!(
        recordings[0].sid.as_ref().map(|s| s.as_str()),
        Some(RECORDING)
    );

    // What the code sent, in order, decoded.
    assert_eq!(mock.operations(), ["CreateCall", "ListCallRecording"]);
    let requests = mock.requests();
    assert_eq!(requests[0].method(), "POST");
    assert_eq!(requests[0].form("To"), Some("+15558675310"));
    assert_eq!(requests[0].form("From"), Some("+15017122661"));
    assert_eq!(requests[0].form("Url"), Some("https://example.com/twiml"));
    assert_eq!(
        requests[0].path_param("AccountSid"),
        Some(twilio_runtime::mock::MOCK_ACCOUNT_SID)
    );
    assert_eq!(requests[1].method(), "GET");
    assert_eq!(requests[1].path_param("CallSid"), Some(CALL));
    assert_eq!(requests[1].query("PageSize"), Some("20"));
    assert_eq!((created.count(), listed.count()), (1, 1));

    // A number no rule matches: the mock answers with an error naming the operation, and an
    // error rule gives Twilio's error to the code under test.
    let error = place_and_list_recordings(&client, "+15550000000")
        .await
        .unwrap_err();
    assert!(error.to_string().contains("no mock rule"), "{error}");
    mock.create_call()
        .matching(|request| request.form("To") == Some("+15551111111"))
        .error(400, 21211, "The 'To' number is not a valid phone number.");
    let error = place_and_list_recordings(&client, "+15551111111")
        .await
        .unwrap_err();
    assert_eq!(error.api().and_then(ApiError::code), Some(21211));
    assert_eq!(mock.requests().len(), 4);
    assert_eq!(created.count(), 1);
}

/// The generated methods' request values: spawned, joined, passed to a function taking a
/// `Future`, their request read before sending, their list streamed, on a multithreaded runtime
/// (the mock: no network).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_values_compose_across_tasks() {
    use std::future::Future;

    async fn within<T>(future: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
        tokio::time::timeout(Duration::from_secs(10), future)
            .await
            .unwrap()
    }

    let mock = Mock::new();
    let mut answer = Call::default();
    answer.status = Some(CallStatus::Ringing);
    mock.fetch_call().output(answer);
    mock.delete_call().output(());
    let mut page = ListCallResponse::default();
    page.calls = vec![Call::default(), Call::default()];
    mock.list_call().output(page);
    let client = mock.client().unwrap();
    let sid = CallSid::new(CALL).unwrap();

    // `tokio::spawn` takes the future of `.send()`: `Send + 'static`, borrowing nothing.
    let spawned = tokio::spawn(client.fetch_call(&sid).send());
    assert_eq!(
        spawned.await.unwrap().unwrap().status,
        Some(CallStatus::Ringing)
    );
    // `join!` takes the request values themselves; `join_all` their futures.
    let (fetched, deleted) = tokio::join!(client.fetch_call(&sid), client.delete_call(&sid));
    assert!(fetched.is_ok() && deleted.is_ok());
    let all = futures::future::join_all((0..3).map(|_| client.fetch_call(&sid).send())).await;
    assert!(all.iter().all(Result::is_ok), "{all:?}");
    // A function taking any `Future`.
    assert!(within(client.fetch_call(&sid).into_future()).await.is_ok());
    let meta = within(client.delete_call(&sid).with_metadata().send())
        .await
        .unwrap();
    assert_eq!(meta.meta().status(), 200);
    // The built request, before anything is sent; its values are checked when it is built.
    let pending = client.call(&sid).fetch();
    let request = pending.request().unwrap();
    assert_eq!(request.operation_id(), "FetchCall");
    let bad = client.list_call(ListCallParams::new().page_size(0));
    assert!(matches!(bad.request(), Err(Error::InvalidInput { .. })));
    let sent_before = mock.requests().len();
    assert!(matches!(bad.await, Err(Error::InvalidInput { .. })));
    assert_eq!(mock.requests().len(), sent_before, "nothing was sent");
    // A list's every item, through navigation too.
    let items: Vec<Call> = client
        .calls()
        .list(ListCallParams::new())
        .stream()
        .limit(2)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(items.len(), 2);
}

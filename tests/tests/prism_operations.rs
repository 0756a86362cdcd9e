//! Every operation of `spec/calls.yaml`, called through the generated client against Prism.
//!
//! Prism (started by `twilio_tests::prism`) validates each request against the
//! spec — credentials, required fields, types, enums, patterns, bounds — and answers an invalid
//! one with `422` (`401` without credentials), which fails the test; a valid one gets the
//! spec's example response, which the client must decode.
//!
//! The second half shows the two lines of defence against invalid input: what the client
//! rejects itself before sending (`Error::InvalidInput`, or a SID newtype that cannot be
//! built), and what it lets through and Prism rejects.
//!
//! Prism does not read repeated form keys as an array (stoplightio/prism PR #2654 is open), so
//! array form parameters (`StatusCallbackEvent`, `RecordingStatusCallbackEvent`) are left out
//! here; `wire.rs` proves their encoding on the wire.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::future::IntoFuture;

use futures::{StreamExt, TryStreamExt};
use time::macros::{date, datetime};
use twilio_calls::*;
use twilio_tests::prism::{self, ACCOUNT_SID, AUTH_TOKEN};

const CALL: &str = "CA39b5f47d870fec1ff0af11c634a84c62";
const NOTIFICATION: &str = "NO55b5f242b5c1b001f6263cb68d4b09cf";
const RECORDING: &str = "RE2674d83e5ec5504846b6285562c16fbc";
const PAYMENT: &str = "PK9ff1a37e38e6e886219b07c24acd964a";
const SUBSCRIPTION: &str = "ZYe82a29d79583153faf92001542ac341a";
const APPLICATION: &str = "AP9da95d85efee351967d2937c06f9374b";

/// Runs operations one after the other and keeps every outcome, so that one failure does not
/// hide the others.
#[derive(Default)]
struct Report {
    called: BTreeSet<&'static str>,
    failures: Vec<String>,
}

impl Report {
    /// Awaits `call` (one operation) and records its outcome under `operation`.
    async fn check<T>(
        &mut self,
        operation: &'static str,
        // `IntoFuture`: an operation's request value (`Pending`) or any future (a stream's
        // `try_collect`).
        call: impl IntoFuture<Output = Result<T, Error>>,
        verify: impl FnOnce(T) -> Result<(), String>,
    ) {
        self.called.insert(operation);
        let outcome = match call.await {
            Ok(value) => verify(value),
            Err(error) => Err(format!("{error} ({error:?})")),
        };
        if let Err(reason) = outcome {
            self.failures.push(format!("{operation}: {reason}"));
        }
    }
}

fn expect(condition: bool, what: &str) -> Result<(), String> {
    if condition {
        Ok(())
    } else {
        Err(format!("unexpected response: {what}"))
    }
}

/// Every `operationId` of the spec.
fn spec_operations() -> BTreeSet<String> {
    let text = std::fs::read_to_string(prism::spec_path()).unwrap();
    let spec: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let mut operations = BTreeSet::new();
    for (_, item) in spec["paths"].as_mapping().unwrap() {
        for (_, operation) in item.as_mapping().unwrap() {
            if let Some(id) = operation.get("operationId").and_then(|id| id.as_str()) {
                operations.insert(id.to_owned());
            }
        }
    }
    operations
}

#[tokio::test]
async fn every_operation_is_accepted_by_prism_and_its_response_decodes() {
    let prism = prism::shared();
    let client = prism.client();
    let call = CallSid::new(CALL).unwrap();
    let mut report = Report::default();

    // Calls.
    report
        .check(
            "CreateCall",
            client.create_call(
                CreateCallParams::new(
                    "+15558675310",
                    "+15017122661",
                    CreateCallChoice::Twiml("<Response><Say>Ahoy</Say></Response>".into()),
                )
                .status_callback("https://example.com/events")
                .status_callback_method(HttpMethod::Post)
                .timeout(25)
                .record(true)
                .machine_detection("Enable")
                .sip_auth_password("sip-secret"),
            ),
            |call| {
                expect(
                    call.sid.as_ref().map(CallSid::as_str) == Some(CALL),
                    "call SID",
                )?;
                expect(call.status == Some(CallStatus::Queued), "status queued")
            },
        )
        .await;
    report
        .check(
            "CreateCall",
            client.create_call(
                CreateCallParams::new(
                    "client:front-desk",
                    "+15017122661",
                    CreateCallChoice::Url("https://example.com/twiml".into()),
                )
                .method(HttpMethod::Get)
                .fallback_url("https://example.com/fallback")
                .fallback_method(HttpMethod::Post),
            ),
            |call| expect(call.sid.is_some(), "a call SID"),
        )
        .await;
    report
        .check(
            "CreateCall",
            client.create_call(
                CreateCallParams::new(
                    "+15558675310",
                    "+15017122661",
                    CreateCallChoice::ApplicationSid(ApplicationSid::new(APPLICATION).unwrap()),
                )
                .send_digits("ww1#"),
            ),
            |call| expect(call.sid.is_some(), "a call SID"),
        )
        .await;
    report
        .check(
            "ListCall",
            client.list_call(
                ListCallParams::new()
                    .to("+15558675310")
                    .status(CallStatus::Completed)
                    .start_time_after(datetime!(2026-11-01 0:00 UTC))
                    .start_time_before(datetime!(2026-11-30 0:00 UTC))
                    .page_size(50),
            ),
            |page| {
                expect(page.calls.len() == 2, "two calls")?;
                expect(
                    page.calls
                        .iter()
                        .all(|call| call.status == Some(CallStatus::Completed)),
                    "completed calls",
                )?;
                expect(page.next_page_uri.is_none(), "a last page")
            },
        )
        .await;
    report
        .check(
            "ListCall",
            client
                .list_call(ListCallParams::new().page_size(2))
                .stream()
                .limit(10)
                .try_collect::<Vec<_>>(),
            |calls| expect(calls.len() == 2, "two calls from the stream"),
        )
        .await;
    report
        .check("FetchCall", client.fetch_call(&call), |call| {
            expect(
                call.sid.as_ref() == Some(&CallSid::new(CALL).unwrap()),
                "SID",
            )?;
            expect(!call.subresource_uris.is_empty(), "subresource URIs")
        })
        .await;
    report
        .check(
            "UpdateCall",
            client.update_call(
                &call,
                UpdateCallParams::new().status(CallUpdateStatus::Completed),
            ),
            |call| expect(call.sid.is_some(), "a call SID"),
        )
        .await;
    report
        .check(
            "UpdateCall",
            client.update_call(
                &call,
                UpdateCallParams::new()
                    .twiml("<Response><Hangup/></Response>")
                    .time_limit(600),
            ),
            |call| expect(call.sid.is_some(), "a call SID"),
        )
        .await;
    report
        .check("DeleteCall", client.delete_call(&call), |()| Ok(()))
        .await;

    // Events and notifications.
    report
        .check(
            "ListCallEvent",
            client.list_call_event(&call, ListCallEventParams::new().page_size(20)),
            |page| expect(!page.events.is_empty(), "events"),
        )
        .await;
    report
        .check(
            "FetchCallNotification",
            client.fetch_call_notification(&call, &CallNotificationSid::new(NOTIFICATION).unwrap()),
            |notification| expect(notification.sid.is_some(), "a notification SID"),
        )
        .await;
    report
        .check(
            "ListCallNotification",
            client.list_call_notification(
                &call,
                ListCallNotificationParams::new()
                    .log(1)
                    .message_date_after(date!(2026 - 11 - 01))
                    .page_size(20),
            ),
            |page| expect(!page.notifications.is_empty(), "notifications"),
        )
        .await;

    // Recordings.
    report
        .check(
            "CreateCallRecording",
            client.create_call_recording(
                &call,
                CreateCallRecordingParams::new()
                    .recording_channels("dual")
                    .recording_status_callback("https://example.com/recordings")
                    .recording_status_callback_method(HttpMethod::Post)
                    .trim("trim-silence"),
            ),
            |recording| expect(recording.sid.is_some(), "a recording SID"),
        )
        .await;
    report
        .check(
            "ListCallRecording",
            client.list_call_recording(
                &call,
                ListCallRecordingParams::new()
                    .date_created_after(date!(2026 - 11 - 01))
                    .page_size(20),
            ),
            |page| expect(!page.recordings.is_empty(), "recordings"),
        )
        .await;
    report
        .check(
            "FetchCallRecording",
            client.fetch_call_recording(&call, &CallRecordingSid::new(RECORDING).unwrap()),
            |recording| expect(recording.sid.is_some(), "a recording SID"),
        )
        .await;
    report
        .check(
            "UpdateCallRecording",
            client.update_call_recording(
                &call,
                "Twilio.CURRENT",
                UpdateCallRecordingParams::new(CallRecordingStatus::Paused).pause_behavior("skip"),
            ),
            |recording| expect(recording.sid.is_some(), "a recording SID"),
        )
        .await;
    report
        .check(
            "UpdateCallRecording",
            client.update_call_recording(
                &call,
                RECORDING,
                UpdateCallRecordingParams::new(CallRecordingStatus::Stopped),
            ),
            |recording| expect(recording.sid.is_some(), "a recording SID"),
        )
        .await;
    report
        .check(
            "DeleteCallRecording",
            client.delete_call_recording(&call, &CallRecordingSid::new(RECORDING).unwrap()),
            |()| Ok(()),
        )
        .await;

    // Payments.
    report
        .check(
            "CreatePayments",
            client.create_payments(
                &call,
                CreatePaymentsParams::new("pay-0001", "https://example.com/payments")
                    .charge_amount(10.5)
                    .currency("usd")
                    .description("Booking deposit")
                    .payment_method(PaymentsPaymentMethod::CreditCard)
                    .postal_code(false)
                    .security_code(true)
                    .timeout(5)
                    .token_type(PaymentsTokenType::OneTime)
                    .valid_card_types("visa mastercard")
                    .confirmation(CreatePaymentsConfirmation::True)
                    .parameter(serde_json::json!({"reference": "B-1042"})),
            ),
            |payments| expect(payments.sid.is_some(), "a payment SID"),
        )
        .await;
    report
        .check(
            "UpdatePayments",
            client.update_payments(
                &call,
                &PaymentsSid::new(PAYMENT).unwrap(),
                UpdatePaymentsParams::new("pay-0002", "https://example.com/payments")
                    .capture(PaymentsCapture::PaymentCardNumber),
            ),
            |payments| expect(payments.sid.is_some(), "a payment SID"),
        )
        .await;
    report
        .check(
            "UpdatePayments",
            client.update_payments(
                &call,
                &PaymentsSid::new(PAYMENT).unwrap(),
                UpdatePaymentsParams::new("pay-0003", "https://example.com/payments")
                    .status(PaymentsStatus::Complete),
            ),
            |payments| expect(payments.sid.is_some(), "a payment SID"),
        )
        .await;

    // Live transcriptions.
    report
        .check(
            "CreateRealtimeTranscription",
            client.create_realtime_transcription(
                &call,
                CreateRealtimeTranscriptionParams::new()
                    .name("front-desk")
                    .track(RealtimeTranscriptionTrack::BothTracks)
                    .status_callback_url("https://example.com/transcriptions")
                    .status_callback_method(HttpMethod::Post)
                    .language_code("en-US")
                    .partial_results(true)
                    .profanity_filter(true)
                    .hints("booking, deposit"),
            ),
            |transcription| expect(transcription.sid.is_some(), "a transcription SID"),
        )
        .await;
    report
        .check(
            "UpdateRealtimeTranscription",
            client.update_realtime_transcription(
                &call,
                "front-desk",
                UpdateRealtimeTranscriptionParams::new(RealtimeTranscriptionUpdateStatus::Stopped),
            ),
            |transcription| expect(transcription.sid.is_some(), "a transcription SID"),
        )
        .await;

    // SIPREC.
    report
        .check(
            "CreateSiprec",
            client.create_siprec(
                &call,
                CreateSiprecParams::new()
                    .name("recorder")
                    .connector_name("recorder-connector")
                    .track(SiprecTrack::BothTracks)
                    .status_callback("https://example.com/siprec")
                    .status_callback_method(HttpMethod::Get)
                    .parameter("Department", "sales")
                    .parameter("Ticket", "T-1042"),
            ),
            |siprec| expect(siprec.sid.is_some(), "a SIPREC SID"),
        )
        .await;
    report
        .check(
            "UpdateSiprec",
            client.update_siprec(
                &call,
                "recorder",
                UpdateSiprecParams::new(SiprecUpdateStatus::Stopped),
            ),
            |siprec| expect(siprec.sid.is_some(), "a SIPREC SID"),
        )
        .await;

    // Media streams.
    report
        .check(
            "CreateStream",
            client.create_stream(
                &call,
                CreateStreamParams::new("wss://example.com/audio")
                    .name("audio feed")
                    .track(StreamTrack::BothTracks)
                    .status_callback("https://example.com/streams")
                    .status_callback_method(HttpMethod::Post)
                    .parameter("Department", "sales")
                    .parameter("Ticket", "T-1042"),
            ),
            |stream| expect(stream.sid.is_some(), "a stream SID"),
        )
        .await;
    report
        .check(
            "UpdateStream",
            client.update_stream(
                &call,
                "audio feed",
                UpdateStreamParams::new(StreamUpdateStatus::Stopped),
            ),
            |stream| expect(stream.sid.is_some(), "a stream SID"),
        )
        .await;

    // Voice SDK messages.
    report
        .check(
            "CreateUserDefinedMessage",
            client.create_user_defined_message(
                &call,
                CreateUserDefinedMessageParams::new(r#"{"booking": "B-1042"}"#)
                    .idempotency_key("msg-0001"),
            ),
            |message| expect(message.sid.is_some(), "a message SID"),
        )
        .await;
    report
        .check(
            "CreateUserDefinedMessageSubscription",
            client.create_user_defined_message_subscription(
                &call,
                CreateUserDefinedMessageSubscriptionParams::new("https://example.com/messages")
                    .idempotency_key("sub-0001")
                    .method(HttpMethod::Post),
            ),
            |subscription| expect(subscription.sid.is_some(), "a subscription SID"),
        )
        .await;
    report
        .check(
            "DeleteUserDefinedMessageSubscription",
            client.delete_user_defined_message_subscription(
                &call,
                &UserDefinedMessageSubscriptionSid::new(SUBSCRIPTION).unwrap(),
            ),
            |()| Ok(()),
        )
        .await;

    assert!(
        report.failures.is_empty(),
        "{} call(s) failed against Prism:\n{}\n\nPrism's log:\n{}",
        report.failures.len(),
        report.failures.join("\n"),
        prism.log()
    );
    let called: BTreeSet<String> = report.called.iter().map(|id| id.to_string()).collect();
    assert_eq!(
        called,
        spec_operations(),
        "the operations called here and those of the spec differ"
    );
    assert_eq!(called.len(), 24);
}

/// Every operation a second time, through the navigation API (`client.call(&sid).recordings()
/// .list(..)`): the same requests must reach Prism and the same answers decode.
#[tokio::test]
async fn every_operation_again_through_navigation() {
    let prism = prism::shared();
    let client = prism.client();
    let sid = CallSid::new(CALL).unwrap();
    let call = client.call(&sid);
    let recording_sid = CallRecordingSid::new(RECORDING).unwrap();
    let notification_sid = CallNotificationSid::new(NOTIFICATION).unwrap();
    let payment_sid = PaymentsSid::new(PAYMENT).unwrap();
    let subscription_sid = UserDefinedMessageSubscriptionSid::new(SUBSCRIPTION).unwrap();
    let mut report = Report::default();
    let sid_of_call = |c: Call| expect(c.sid.as_ref() == Some(&sid), "the call's SID");

    report
        .check(
            "CreateCall",
            client.calls().create(CreateCallParams::new(
                "+15558675310",
                "+15017122661",
                CreateCallChoice::twiml("<Response><Say>Ahoy</Say></Response>"),
            )),
            sid_of_call,
        )
        .await;
    report
        .check(
            "ListCall",
            client.calls().list(
                ListCallParams::new()
                    .status(CallStatus::Completed)
                    .page_size(50),
            ),
            |page| expect(page.calls.len() == 2, "two calls"),
        )
        .await;
    report
        .check(
            "ListCall",
            client
                .calls()
                .list(ListCallParams::new().page_size(2))
                .stream()
                .limit(10)
                .try_collect::<Vec<_>>(),
            |calls| expect(calls.len() == 2, "two calls from the stream"),
        )
        .await;
    report.check("FetchCall", call.fetch(), sid_of_call).await;
    report
        .check(
            "UpdateCall",
            call.update(UpdateCallParams::new().status(CallUpdateStatus::Completed)),
            |c| expect(c.sid.is_some(), "a call SID"),
        )
        .await;
    report.check("DeleteCall", call.delete(), |()| Ok(())).await;
    report
        .check(
            "ListCallEvent",
            call.events().list(ListCallEventParams::new().page_size(20)),
            |page| expect(!page.events.is_empty(), "events"),
        )
        .await;
    report
        .check(
            "FetchCallNotification",
            call.notification(&notification_sid).fetch(),
            |n| expect(n.sid.is_some(), "a notification SID"),
        )
        .await;
    report
        .check(
            "ListCallNotification",
            call.notifications()
                .list(ListCallNotificationParams::new().page_size(20)),
            |page| expect(!page.notifications.is_empty(), "notifications"),
        )
        .await;
    report
        .check(
            "CreateCallRecording",
            call.recordings()
                .create(CreateCallRecordingParams::new().recording_channels("dual")),
            |r| expect(r.sid.is_some(), "a recording SID"),
        )
        .await;
    report
        .check(
            "ListCallRecording",
            call.recordings()
                .list(ListCallRecordingParams::new().page_size(20)),
            |page| expect(!page.recordings.is_empty(), "recordings"),
        )
        .await;
    report
        .check(
            "FetchCallRecording",
            call.recording(&recording_sid).fetch(),
            |r| expect(r.sid.is_some(), "a recording SID"),
        )
        .await;
    report
        .check(
            "UpdateCallRecording",
            call.recording_by_str("Twilio.CURRENT")
                .update(UpdateCallRecordingParams::new(CallRecordingStatus::Paused)),
            |r| expect(r.sid.is_some(), "a recording SID"),
        )
        .await;
    report
        .check(
            "DeleteCallRecording",
            call.recording(&recording_sid).delete(),
            |()| Ok(()),
        )
        .await;
    report
        .check(
            "CreatePayments",
            call.payments().create(
                CreatePaymentsParams::new("pay-0001", "https://example.com/payments")
                    .charge_amount(10.5),
            ),
            |p| expect(p.sid.is_some(), "a payment SID"),
        )
        .await;
    report
        .check(
            "UpdatePayments",
            call.payment(&payment_sid).update(
                UpdatePaymentsParams::new("pay-0003", "https://example.com/payments")
                    .status(PaymentsStatus::Complete),
            ),
            |p| expect(p.sid.is_some(), "a payment SID"),
        )
        .await;
    report
        .check(
            "CreateRealtimeTranscription",
            call.transcriptions()
                .create(CreateRealtimeTranscriptionParams::new().name("front-desk")),
            |t| expect(t.sid.is_some(), "a transcription SID"),
        )
        .await;
    report
        .check(
            "UpdateRealtimeTranscription",
            call.transcription("front-desk")
                .update(UpdateRealtimeTranscriptionParams::new(
                    RealtimeTranscriptionUpdateStatus::Stopped,
                )),
            |t| expect(t.sid.is_some(), "a transcription SID"),
        )
        .await;
    report
        .check(
            "CreateSiprec",
            call.siprec()
                .create(CreateSiprecParams::new().name("recorder")),
            |r| expect(r.sid.is_some(), "a SIPREC SID"),
        )
        .await;
    report
        .check(
            "UpdateSiprec",
            call.siprec_by_str("recorder")
                .update(UpdateSiprecParams::new(SiprecUpdateStatus::Stopped)),
            |r| expect(r.sid.is_some(), "a SIPREC SID"),
        )
        .await;
    report
        .check(
            "CreateStream",
            call.streams()
                .create(CreateStreamParams::new("wss://example.com/audio").name("audio feed")),
            |st| expect(st.sid.is_some(), "a stream SID"),
        )
        .await;
    report
        .check(
            "UpdateStream",
            call.stream("audio feed")
                .update(UpdateStreamParams::new(StreamUpdateStatus::Stopped)),
            |st| expect(st.sid.is_some(), "a stream SID"),
        )
        .await;
    report
        .check(
            "CreateUserDefinedMessage",
            call.user_defined_messages()
                .create(CreateUserDefinedMessageParams::new(
                    r#"{"booking": "B-1042"}"#,
                )),
            |m| expect(m.sid.is_some(), "a message SID"),
        )
        .await;
    report
        .check(
            "CreateUserDefinedMessageSubscription",
            call.user_defined_message_subscriptions().create(
                CreateUserDefinedMessageSubscriptionParams::new("https://example.com/messages"),
            ),
            |m| expect(m.sid.is_some(), "a subscription SID"),
        )
        .await;
    report
        .check(
            "DeleteUserDefinedMessageSubscription",
            call.user_defined_message_subscription(&subscription_sid)
                .delete(),
            |()| Ok(()),
        )
        .await;

    assert!(
        report.failures.is_empty(),
        "{} navigation call(s) failed against Prism:\n{}\n\nPrism's log:\n{}",
        report.failures.len(),
        report.failures.join("\n"),
        prism.log()
    );
    let called: BTreeSet<String> = report.called.iter().map(|id| id.to_string()).collect();
    assert_eq!(
        called,
        spec_operations(),
        "the operations called through navigation and those of the spec differ"
    );
    assert_eq!(called.len(), 24);
}

/// Prism is strict where the client cannot be wrong by construction: credentials, required
/// fields (checked here with raw requests, as the client cannot leave them out).
#[tokio::test]
async fn prism_rejects_missing_credentials_and_missing_required_fields() {
    let prism = prism::shared();
    let credentials = base64(&format!("{ACCOUNT_SID}:{AUTH_TOKEN}"));
    let path = format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{CALL}.json");
    let (status, body) = prism.raw(&format!("GET {path} HTTP/1.1"), "").unwrap();
    assert_eq!(status, 401, "{body}");
    // The same request with credentials is fine: Prism checks their presence.
    let (status, body) = prism
        .raw(
            &format!("GET {path} HTTP/1.1\r\nAuthorization: Basic {credentials}"),
            "",
        )
        .unwrap();
    assert_eq!(status, 200, "{body}");

    // CreateCall without `From`.
    let calls = format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Calls.json");
    let head = format!(
        "POST {calls} HTTP/1.1\r\nAuthorization: Basic {credentials}\r\n\
         Content-Type: application/x-www-form-urlencoded"
    );
    let (status, body) = prism
        .raw(&head, "To=%2B15558675310&Twiml=%3CResponse%2F%3E")
        .unwrap();
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("From"), "{body}");
    let (status, body) = prism
        .raw(
            &head,
            "To=%2B15558675310&From=%2B15017122661&Twiml=%3CResponse%2F%3E",
        )
        .unwrap();
    assert_eq!(status, 201, "{body}");
}

/// What the client checks itself: nothing is sent (no Prism needed).
#[tokio::test]
async fn the_client_rejects_out_of_bounds_values_before_sending() {
    // Nothing listens here: an attempt to send would be a transport error, not InvalidInput.
    let client = Client::from(
        Client::builder()
            .account_sid(ACCOUNT_SID)
            .auth_token(AUTH_TOKEN)
            .base_url("http://127.0.0.1:9")
            .build()
            .unwrap(),
    );
    let call = CallSid::new(CALL).unwrap();

    for (params, parameter) in [
        (ListCallParams::new().page_size(1001), "PageSize"),
        (ListCallParams::new().page_size(0), "PageSize"),
        (ListCallParams::new().page(-1), "Page"),
    ] {
        let error = client.list_call(params.clone()).await.unwrap_err();
        assert!(
            matches!(error, Error::InvalidInput { operation: "ListCall", parameter: p, .. } if p == parameter),
            "{error:?}"
        );
        // The stream reports it as its only item.
        let items: Vec<_> = client.list_call(params).stream().collect().await;
        assert!(
            matches!(items.as_slice(), [Err(Error::InvalidInput { .. })]),
            "{items:?}"
        );
    }
    let error = client
        .list_call_recording(&call, ListCallRecordingParams::new().page_size(5000))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidInput {
                parameter: "PageSize",
                ..
            }
        ),
        "{error:?}"
    );

    let pairs = (1..=100).map(|n| (format!("name{n}"), format!("value{n}")));
    let error = client
        .create_stream(
            &call,
            CreateStreamParams::new("wss://example.com/audio").parameters(pairs.clone()),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidInput {
                operation: "CreateStream",
                parameter: "ParameterN",
                ..
            }
        ),
        "{error:?}"
    );
    let error = client
        .create_siprec(&call, CreateSiprecParams::new().parameters(pairs))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidInput {
                operation: "CreateSiprec",
                parameter: "ParameterN",
                ..
            }
        ),
        "{error:?}"
    );

    // SIDs are checked when they are built: a malformed one never reaches a request.
    assert!(CallSid::new("CA123").is_err());
    assert!(CallSid::new(RECORDING).is_err());
    assert!(ApplicationSid::new("AP9da95d85efee351967d2937c06f9374").is_err());
}

/// The same bounds, sent anyway (the request built by hand through the runtime): Prism
/// rejects them too, so the client's checks match the spec's.
#[tokio::test]
async fn prism_rejects_the_values_the_client_refuses() {
    let prism = prism::shared();
    let client = prism.client();
    for page_size in ["1001", "0"] {
        let request = client
            .list_call(ListCallParams::new())
            .into_request()
            .unwrap()
            .query("PageSize", page_size);
        let error = client
            .core()
            .send::<serde_json::Value>(request)
            .await
            .unwrap_err();
        assert_eq!(error.status(), Some(422), "PageSize={page_size}: {error}");
        assert!(
            error.to_string().to_lowercase().contains("pagesize"),
            "{error}"
        );
    }
}

/// What the client lets through (it cannot know, or keeps open on purpose) and Prism rejects
/// with 422.
#[tokio::test]
async fn prism_rejects_invalid_values_the_client_lets_through() {
    let prism = prism::shared();
    let call = CallSid::new(CALL).unwrap();

    // The account SID is a setting, not a checked SID: Prism checks its pattern.
    let error = prism
        .client_for("ACnot-an-account")
        .fetch_call(&call)
        .await
        .unwrap_err();
    assert_unprocessable(&error, "AccountSid");

    let client = prism.client();
    // A value outside an enum: the catch-all variant is sent as it is.
    let error = client
        .update_call(
            &call,
            UpdateCallParams::new().status(CallUpdateStatus::from("paused")),
        )
        .await
        .unwrap_err();
    assert_unprocessable(&error, "Status");
    let error = client
        .create_call(
            CreateCallParams::new(
                "+15558675310",
                "+15017122661",
                CreateCallChoice::Url("https://example.com/twiml".into()),
            )
            .method(HttpMethod::from("PATCH")),
        )
        .await
        .unwrap_err();
    assert_unprocessable(&error, "Method");

    // A string that is not a URI where the spec wants one.
    let error = client
        .create_payments(&call, CreatePaymentsParams::new("pay-0004", "not a url"))
        .await
        .unwrap_err();
    assert_unprocessable(&error, "StatusCallback");
}

fn assert_unprocessable(error: &Error, field: &str) {
    assert!(
        matches!(error, Error::Http { status: 422, .. }),
        "expected Prism's 422, got {error:?}"
    );
    // Prism writes parameter names in lower case.
    assert!(
        error
            .to_string()
            .to_lowercase()
            .contains(&field.to_lowercase()),
        "Prism's 422 should name `{field}`: {error}"
    );
}

/// Standard base64 (for a raw `Authorization` header).
fn base64(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

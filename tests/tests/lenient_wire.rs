//! The generated Calls client reads what Twilio really sends (against wiremock): prices as
//! strings into decimals, numbers as strings, malformed SIDs kept instead of failing a page,
//! and writes date-time filters in whole seconds, in UTC.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::str::FromStr;
use std::time::Duration;

use futures::TryStreamExt;
use twilio_calls::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";
const CALL: &str = "CA39b5f47d870fec1ff0af11c634a84c62";
const CALLS: &str = "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json";

fn client(server: &MockServer) -> Client {
    Client::from(
        Client::builder()
            .account_sid(ACCOUNT)
            .auth_token("token")
            .base_url(server.uri())
            .retry(RetryPolicy::disabled())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap(),
    )
}

#[tokio::test]
async fn a_recording_price_string_is_a_decimal() {
    let server = MockServer::start().await;
    // As in every recording example of Twilio's document.
    let recording = serde_json::json!({
        "account_sid": ACCOUNT,
        "call_sid": CALL,
        "sid": "REaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "price": "-0.0025",
        "price_unit": "USD",
        "duration": "4",
        "channels": "2",
        "start_time": "Fri, 14 Oct 2016 21:56:34 +0000",
    });
    Mock::given(method("GET"))
        .and(path(format!(
            "/2010-04-01/Accounts/{ACCOUNT}/Calls/{CALL}/Recordings.json"
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "recordings": [recording],
            "next_page_uri": null,
            "page_size": "50",
        })))
        .mount(&server)
        .await;
    let recordings: Vec<CallRecording> = client(&server)
        .list_call_recording(&CallSid::new(CALL).unwrap(), ListCallRecordingParams::new())
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(recordings.len(), 1);
    let price: twilio_runtime::Decimal = recordings[0].price.unwrap();
    assert_eq!(price, twilio_runtime::Decimal::from_str("-0.0025").unwrap());
    assert_eq!(price, twilio_runtime::Decimal::new(-25, 4));
    assert_eq!(price.to_string(), "-0.0025");
}

#[tokio::test]
async fn one_malformed_sid_does_not_lose_a_page() {
    let server = MockServer::start().await;
    let mut calls: Vec<serde_json::Value> = (0..50)
        .map(|i| {
            serde_json::json!({
                "sid": format!("CA{i:032x}"),
                "account_sid": ACCOUNT,
                "status": "completed",
                "parent_call_sid": null,
                "group_sid": "",
            })
        })
        .collect();
    calls[17]["parent_call_sid"] = "CA123".into();
    Mock::given(method("GET"))
        .and(path(CALLS))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "calls": calls,
            "next_page_uri": null,
        })))
        .mount(&server)
        .await;
    let calls: Vec<Call> = client(&server)
        .list_call(ListCallParams::new())
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(calls.len(), 50);
    assert_eq!(
        calls[17].parent_call_sid.as_ref().map(CallSid::as_str),
        Some("CA123")
    );
    assert!(calls[0].parent_call_sid.is_none());
    assert!(calls.iter().all(|call| call.group_sid.is_none()));
    // User input stays checked.
    assert!(CallSid::new("CA123").is_err());
}

#[tokio::test]
async fn date_time_filters_go_out_in_whole_seconds_utc() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(CALLS))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"calls": [], "next_page_uri": null})),
        )
        .mount(&server)
        .await;
    let at = time::OffsetDateTime::from_unix_timestamp_nanos(1_795_446_643_379_218_955)
        .unwrap()
        .to_offset(time::UtcOffset::from_hms(-5, 0, 0).unwrap());
    client(&server)
        .list_call(ListCallParams::new().start_time_after(at))
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let query = requests[0].url.query().unwrap().to_owned();
    assert_eq!(query, "StartTime%3E=2026-11-23T15%3A10%3A43Z");
}

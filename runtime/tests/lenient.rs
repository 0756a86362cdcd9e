//! What the client accepts from a server: malformed SIDs kept with a warning naming the field,
//! numbers as strings, decimals for money, dates in every form Twilio writes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::fmt;
use std::sync::{Arc, Mutex};

use serde::Deserialize;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use twilio_runtime::{Decimal, Error, decode_json};

/// Records the fields of events.
#[derive(Clone, Default)]
struct Events(Arc<Mutex<Vec<String>>>);

struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push_str(&format!(" {}={:?}", field.name(), value));
    }
}

impl Subscriber for Events {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = Line(event.metadata().level().to_string());
        event.record(&mut line);
        self.0.lock().unwrap().push(line.0);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// A SID newtype as generated crates write it.
#[derive(Debug, PartialEq)]
struct CallSid(String);

impl<'de> Deserialize<'de> for CallSid {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        twilio_runtime::sid::deserialize_lenient("CA", "CallSid", deserializer).map(CallSid)
    }
}

#[derive(Debug, Deserialize)]
struct Call {
    sid: CallSid,
    #[serde(default, deserialize_with = "twilio_runtime::sid::optional")]
    parent_call_sid: Option<CallSid>,
    #[serde(default, deserialize_with = "twilio_runtime::serde::number_opt")]
    price: Option<Decimal>,
    #[serde(default, deserialize_with = "twilio_runtime::serde::number_opt")]
    duration: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct CallPage {
    calls: Vec<Call>,
}

const GOOD: &str = "CA0123456789abcdef0123456789abcdef";

#[test]
fn malformed_sids_are_kept_with_a_warning_naming_the_field() {
    let mut calls: Vec<serde_json::Value> = (0..50)
        .map(|_| serde_json::json!({"sid": GOOD, "parent_call_sid": null}))
        .collect();
    calls[7]["parent_call_sid"] = "CA123".into();
    calls[9]["parent_call_sid"] = "".into();
    calls[30]["sid"] = "CA\u{1b}[2J".into();
    let body = serde_json::to_vec(&serde_json::json!({ "calls": calls })).unwrap();

    let events = Events::default();
    let page: CallPage = tracing::subscriber::with_default(events.clone(), || {
        decode_json("ListCall", &body).unwrap()
    });
    assert_eq!(page.calls.len(), 50);
    assert_eq!(page.calls[7].parent_call_sid, Some(CallSid("CA123".into())));
    assert_eq!(page.calls[9].parent_call_sid, None);
    assert_eq!(page.calls[30].sid, CallSid("CA\u{1b}[2J".into()));
    let lines = events.0.lock().unwrap().clone();
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(lines[0].starts_with("WARN"), "{lines:#?}");
    assert!(
        lines[0].contains("field=calls[7].parent_call_sid"),
        "{lines:#?}"
    );
    assert!(
        lines[0].contains("`CA123` is not a valid SID"),
        "{lines:#?}"
    );
    assert!(lines[0].contains("operation=\"ListCall\""), "{lines:#?}");
    assert!(lines[1].contains("field=calls[30].sid"), "{lines:#?}");
    assert!(!lines[1].contains('\u{1b}'), "{lines:#?}");

    // Outside the client's decoding, the warning names the type.
    let events = Events::default();
    let call: Call = tracing::subscriber::with_default(events.clone(), || {
        serde_json::from_str(r#"{"sid": "CA1"}"#).unwrap()
    });
    assert_eq!(call.sid, CallSid("CA1".into()));
    let lines = events.0.lock().unwrap().clone();
    assert!(lines[0].contains("sid_type=\"CallSid\""), "{lines:#?}");

    // Not a string at all is still an error.
    assert!(decode_json::<Call>("FetchCall", br#"{"sid": 12}"#).is_err());
}

#[test]
fn numbers_may_be_strings_and_money_is_decimal() {
    let call: Call = decode_json(
        "FetchCall",
        format!(r#"{{"sid": "{GOOD}", "price": "-0.0025", "duration": "15"}}"#).as_bytes(),
    )
    .unwrap();
    assert_eq!(call.price, Some(Decimal::new(-25, 4)));
    assert_eq!(call.price.unwrap().to_string(), "-0.0025");
    assert_eq!(call.duration, Some(15));
    let call: Call = decode_json(
        "FetchCall",
        format!(r#"{{"sid": "{GOOD}", "price": -0.0025, "duration": 15}}"#).as_bytes(),
    )
    .unwrap();
    assert_eq!(call.price, Some(Decimal::new(-25, 4)));
    assert_eq!(call.duration, Some(15));
    let call: Call = decode_json(
        "FetchCall",
        format!(r#"{{"sid": "{GOOD}", "price": null, "duration": ""}}"#).as_bytes(),
    )
    .unwrap();
    assert_eq!((call.price, call.duration), (None, None));
    for bad in [
        r#""price": "cheap""#,
        r#""duration": "1.5""#,
        r#""duration": 1.5"#,
    ] {
        let error = decode_json::<Call>(
            "FetchCall",
            format!(r#"{{"sid": "{GOOD}", {bad}}}"#).as_bytes(),
        )
        .unwrap_err();
        assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    }
}

#[derive(Debug, Deserialize)]
struct Dated {
    #[serde(with = "twilio_runtime::serde::rfc2822")]
    at: time::OffsetDateTime,
}

#[test]
fn dates_in_every_form_twilio_writes() {
    let at = |text: &str| {
        decode_json::<Dated>("Op", format!(r#"{{"at": "{text}"}}"#).as_bytes()).map(|d| d.at)
    };
    let base = time::macros::datetime!(2016-09-01 15:11:12 UTC);
    for text in [
        "Thu, 01 Sep 2016 15:11:12 +0000",
        "Thu, 01 Sep 2016 15:11:12 -0000",
        "Thu, 01 Sep 2016 15:11:12 GMT",
        "Thu, 01 Sep 2016 10:11:12 -0500",
        "2016-09-01T15:11:12Z",
        "2016-09-01T17:11:12+02:00",
    ] {
        assert_eq!(at(text).unwrap(), base, "{text}");
    }
    let fraction = base + time::Duration::microseconds(123_456);
    for text in [
        "Thu, 01 Sep 2016 10:11:12.123456 -0500",
        "Thu, 01 Sep 2016 15:11:12.123456 GMT",
        "2016-09-01T15:11:12.123456Z",
    ] {
        assert_eq!(at(text).unwrap(), fraction, "{text}");
    }
    let error = at("the first of September").unwrap_err();
    let Error::Decode { path, message, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(path, "at");
    assert!(message.contains("`the first of September`"), "{message}");
}

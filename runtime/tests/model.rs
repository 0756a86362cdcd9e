//! `twilio_runtime::serde::model`'s impls against serde's derive, which they replace: the same struct written both ways
//! must read every input alike (the same value, or the same error) and write the same JSON.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use ::serde::de::MapAccess;
use ::serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use twilio_runtime::serde::model::{self, Model, Read as _, WriteFields as _};

/// The derived original: every kind of field a generated model has.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
struct Derived {
    #[serde(
        default,
        deserialize_with = "twilio_runtime::sid::optional",
        skip_serializing_if = "Option::is_none"
    )]
    account_sid: Option<String>,
    #[serde(
        default,
        with = "twilio_runtime::serde::rfc2822_opt",
        skip_serializing_if = "Option::is_none"
    )]
    date_created: Option<OffsetDateTime>,
    #[serde(
        default,
        with = "twilio_runtime::serde::rfc3339_opt_or_false",
        skip_serializing_if = "Option::is_none"
    )]
    date_updated: Option<OffsetDateTime>,
    #[serde(
        default,
        with = "twilio_runtime::serde::date_opt",
        skip_serializing_if = "Option::is_none"
    )]
    day: Option<time::Date>,
    #[serde(
        default,
        deserialize_with = "twilio_runtime::serde::number_opt",
        skip_serializing_if = "Option::is_none"
    )]
    price: Option<f64>,
    #[serde(
        default,
        deserialize_with = "twilio_runtime::serde::false_as_none",
        skip_serializing_if = "Option::is_none"
    )]
    reply: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<i64>,
    #[serde(
        default,
        deserialize_with = "twilio_runtime::serde::null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    items: Vec<Item>,
    #[serde(
        default,
        deserialize_with = "twilio_runtime::serde::map_without_nulls",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    links: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
struct Item {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

/// The same struct as the generator writes it now.
#[derive(Debug, Clone, PartialEq, Default)]
struct Compact {
    account_sid: Option<String>,
    date_created: Option<OffsetDateTime>,
    date_updated: Option<OffsetDateTime>,
    day: Option<time::Date>,
    price: Option<f64>,
    reply: Option<String>,
    kind: Option<String>,
    count: Option<i64>,
    items: Vec<Item>,
    links: BTreeMap<String, String>,
}

impl Serialize for Compact {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = ::serde::Serializer::serialize_struct(serializer, "Derived", 10)?;
        out.field("account_sid", &self.account_sid)?;
        out.field_with::<model::Rfc2822Opt, _>("date_created", &self.date_created)?;
        out.field_with::<model::Rfc3339OptOrFalse, _>("date_updated", &self.date_updated)?;
        out.field_with::<model::DateOpt, _>("day", &self.day)?;
        out.field("price", &self.price)?;
        out.field("reply", &self.reply)?;
        out.field("type", &self.kind)?;
        out.field("count", &self.count)?;
        out.field("items", &self.items)?;
        out.field("links", &self.links)?;
        ::serde::ser::SerializeStruct::end(out)
    }
}

impl<'de> Deserialize<'de> for Compact {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        model::deserialize(deserializer)
    }
}

impl Model for Compact {
    const NAME: &'static str = "Derived";
    const FIELDS: &'static [&'static str] = &[
        "account_sid",
        "date_created",
        "date_updated",
        "day",
        "price",
        "reply",
        "type",
        "count",
        "items",
        "links",
    ];
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match key {
            "account_sid" => self.account_sid = model::SidOptional::next_value(map)?,
            "date_created" => self.date_created = model::Rfc2822Opt::next_value(map)?,
            "date_updated" => self.date_updated = model::Rfc3339OptOrFalse::next_value(map)?,
            "day" => self.day = model::DateOpt::next_value(map)?,
            "price" => self.price = model::NumberOpt::next_value(map)?,
            "reply" => self.reply = model::FalseAsNone::next_value(map)?,
            "type" => self.kind = map.next_value()?,
            "count" => self.count = map.next_value()?,
            "items" => self.items = model::NullAsDefault::next_value(map)?,
            "links" => self.links = model::MapWithoutNulls::next_value(map)?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// Inputs of every kind: Twilio's shapes, nulls, empty strings, numbers as strings, unknown and
/// escaped keys, repeated keys, wrong types.
const INPUTS: &[&str] = &[
    r#"{}"#,
    r#"{"account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "date_created": "Tue, 31 Aug 2010 20:36:28 +0000", "date_updated": "2010-08-31T20:36:28Z", "price": "-0.0085", "type": "call", "count": 3, "uri": "/2010-04-01/Accounts/AC.json"}"#,
    r#"{"account_sid": "", "date_created": null, "date_updated": false, "day": "2024-02-29", "price": null, "reply": false}"#,
    r#"{"account_sid": null, "date_created": "", "day": "", "price": 1.5, "reply": "hi", "items": null, "links": null}"#,
    r#"{"items": [{"name": "a"}, {"name": null}, {}], "links": {"a": "/a", "b": null}}"#,
    r#"{"typ\u0065": "escaped key", "unknown": {"deep": [1, 2, {"x": null}]}}"#,
    r#"{"count": "3"}"#,
    r#"{"count": 1.5}"#,
    r#"{"price": "not a number"}"#,
    r#"{"date_created": "yesterday"}"#,
    r#"{"day": "2024-02-30"}"#,
    r#"{"items": {"name": "a"}}"#,
    r#""a string""#,
    r#"null"#,
    r#"42"#,
    r#"{"count": 1"#,
];

fn read<'a, T: Deserialize<'a> + Serialize>(input: &'a str) -> Result<serde_json::Value, String> {
    serde_json::from_str::<T>(input)
        .map(|v| serde_json::to_value(&v).unwrap())
        .map_err(|e| e.to_string())
}

/// Inputs with a repeated key: the derive fails, a `Model` takes the last value.
const REPEATED: &[&str] = &[
    r#"{"type": "a", "type": "b"}"#,
    r#"{"account_sid": "AC1", "other": 1, "account_sid": "AC2"}"#,
];

#[test]
fn every_input_reads_as_the_derive_reads_it() {
    for input in INPUTS {
        assert_eq!(read::<Compact>(input), read::<Derived>(input), "{input}");
    }
}

#[test]
fn a_repeated_key_keeps_its_last_value() {
    for input in REPEATED {
        assert!(
            read::<Derived>(input)
                .unwrap_err()
                .starts_with("duplicate field")
        );
    }
    assert_eq!(
        read::<Compact>(REPEATED[0]).unwrap(),
        serde_json::json!({"type": "b"})
    );
    assert_eq!(
        read::<Compact>(REPEATED[1]).unwrap(),
        serde_json::json!({"account_sid": "AC2"})
    );
    // A struct with required fields (`Fields`) still fails, as the derive did.
    let input = r#"{"AccountSid": "AC1", "AccountSid": "AC2", "Timestamp": "2010-08-31T20:36:28Z", "Duration": 1}"#;
    assert_eq!(
        read::<CompactRequired>(input),
        read::<DerivedRequired>(input)
    );
    assert!(
        read::<CompactRequired>(input)
            .unwrap_err()
            .starts_with("duplicate field `AccountSid`")
    );
}

#[test]
fn what_is_written_is_what_the_derive_wrote() {
    for input in INPUTS {
        if let (Ok(d), Ok(c)) = (
            serde_json::from_str::<Derived>(input),
            serde_json::from_str::<Compact>(input),
        ) {
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                serde_json::to_string(&d).unwrap(),
                "{input}"
            );
        }
    }
    // Written and read back: the same value.
    let full: Compact = serde_json::from_str(INPUTS[1]).unwrap();
    let again: Compact = serde_json::from_str(&serde_json::to_string(&full).unwrap()).unwrap();
    assert_eq!(again, full);
    assert_eq!(serde_json::to_string(&Compact::default()).unwrap(), "{}");
}

/// Input that is not JSON: a webhook's form parameters (the runtime's own deserializer).
#[cfg(feature = "webhook")]
#[test]
fn a_form_reads_as_the_derive_reads_it() {
    use twilio_runtime::webhook::Params;
    for form in [
        "account_sid=AC1&price=0.5&type=call&date_created=Tue%2C+31+Aug+2010+20%3A36%3A28+%2B0000",
        "price=&account_sid=&day=",
        "price=abc",
        "count=1.5",
        "unknown=1",
    ] {
        let params = Params::from_form(form.as_bytes());
        let known = Compact::FIELDS;
        let c = params
            .decode::<Compact>(known)
            .map(|(v, other)| (serde_json::to_value(v).unwrap(), other));
        let d = params
            .decode::<Derived>(known)
            .map(|(v, other)| (serde_json::to_value(v).unwrap(), other));
        assert_eq!(format!("{c:?}"), format!("{d:?}"), "{form}");
    }
}

/// The one difference, on purpose: serde's derive also read a struct from a sequence of its
/// fields in order (`["AC1", ...]`), which no Twilio API sends; the compact reader expects a map.
#[test]
fn a_sequence_is_not_a_model() {
    let input = r#"["AC1"]"#;
    assert!(serde_json::from_str::<Derived>(input).is_ok());
    let error = serde_json::from_str::<Compact>(input)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("invalid type: sequence, expected struct Derived"),
        "{error}"
    );
}

/// A struct with required fields, derived.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct DerivedRequired {
    #[serde(rename = "AccountSid")]
    account_sid: String,
    #[serde(rename = "Timestamp", with = "twilio_runtime::serde::rfc2822")]
    timestamp: OffsetDateTime,
    #[serde(
        rename = "Duration",
        deserialize_with = "twilio_runtime::serde::number"
    )]
    duration: i64,
    #[serde(
        rename = "CallerName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    caller_name: Option<String>,
    #[serde(
        rename = "Price",
        default,
        deserialize_with = "twilio_runtime::serde::number_opt",
        skip_serializing_if = "Option::is_none"
    )]
    price: Option<f64>,
    #[serde(skip)]
    other: Vec<(String, String)>,
}

/// The same struct as the generator writes it now (`Fields`: a slot per field).
#[derive(Debug, Clone, PartialEq)]
struct CompactRequired {
    account_sid: String,
    timestamp: OffsetDateTime,
    duration: i64,
    caller_name: Option<String>,
    price: Option<f64>,
    other: Vec<(String, String)>,
}

impl Serialize for CompactRequired {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = ::serde::Serializer::serialize_struct(serializer, "DerivedRequired", 5)?;
        out.value("AccountSid", &self.account_sid)?;
        out.value_with::<model::Rfc2822, _>("Timestamp", &self.timestamp)?;
        out.value("Duration", &self.duration)?;
        out.field("CallerName", &self.caller_name)?;
        out.field("Price", &self.price)?;
        ::serde::ser::SerializeStruct::end(out)
    }
}

impl<'de> Deserialize<'de> for CompactRequired {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        model::deserialize(deserializer)
    }
}

impl model::Fields for CompactRequired {
    const NAME: &'static str = "DerivedRequired";
    const FIELDS: &'static [&'static str] =
        &["AccountSid", "Timestamp", "Duration", "CallerName", "Price"];
    fn read_map<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        let (mut account_sid, mut timestamp, mut duration, mut caller_name, mut price) =
            (None, None, None, None, None);
        while let Some(key) = map.next_key::<model::Key<'de>>()? {
            match key.as_str() {
                "AccountSid" => model::fill(&mut account_sid, "AccountSid", || map.next_value())?,
                "Timestamp" => model::fill(&mut timestamp, "Timestamp", || {
                    model::Rfc2822::next_value(map)
                })?,
                "Duration" => {
                    model::fill(&mut duration, "Duration", || model::Number::next_value(map))?
                }
                "CallerName" => model::fill(&mut caller_name, "CallerName", || map.next_value())?,
                "Price" => model::fill(&mut price, "Price", || model::NumberOpt::next_value(map))?,
                _ => {
                    map.next_value::<::serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(Self {
            account_sid: model::required(account_sid, "AccountSid")?,
            timestamp: model::required(timestamp, "Timestamp")?,
            duration: model::required(duration, "Duration")?,
            caller_name: caller_name.unwrap_or_default(),
            price: price.unwrap_or_default(),
            other: Vec::new(),
        })
    }
}

const REQUIRED_INPUTS: &[&str] = &[
    r#"{"AccountSid": "AC1", "Timestamp": "Tue, 31 Aug 2010 20:36:28 +0000", "Duration": "12"}"#,
    r#"{"AccountSid": "AC1", "Timestamp": "2010-08-31T20:36:28Z", "Duration": 12, "CallerName": null, "Price": "", "Extra": [1]}"#,
    r#"{"AccountSid": "AC1", "Timestamp": "Tue, 31 Aug 2010 20:36:28 +0000"}"#,
    r#"{"Timestamp": "Tue, 31 Aug 2010 20:36:28 +0000", "Duration": 1}"#,
    r#"{"AccountSid": "AC1", "AccountSid": "AC2", "Timestamp": "x", "Duration": 1}"#,
    r#"{"AccountSid": null, "Timestamp": "Tue, 31 Aug 2010 20:36:28 +0000", "Duration": 1}"#,
    r#"{"AccountSid": "AC1", "Timestamp": "Tue, 31 Aug 2010 20:36:28 +0000", "Duration": "x"}"#,
    r#"{}"#,
];

#[test]
fn required_fields_read_as_the_derive_reads_them() {
    for input in REQUIRED_INPUTS.iter().chain(INPUTS).chain(REPEATED) {
        assert_eq!(
            read::<CompactRequired>(input),
            read::<DerivedRequired>(input),
            "{input}"
        );
    }
}

#[cfg(feature = "webhook")]
#[test]
fn a_webhook_form_with_required_fields_reads_as_the_derive_reads_it() {
    use twilio_runtime::webhook::Params;
    for form in [
        "AccountSid=AC1&Timestamp=Tue%2C+31+Aug+2010+20%3A36%3A28+%2B0000&Duration=3&Foo=bar",
        "AccountSid=AC1&Duration=3",
        "AccountSid=AC1&Timestamp=Tue%2C+31+Aug+2010+20%3A36%3A28+%2B0000&Duration=three",
        "AccountSid=AC1&Timestamp=Tue%2C+31+Aug+2010+20%3A36%3A28+%2B0000&Duration=3&Price=",
    ] {
        let params = Params::from_form(form.as_bytes());
        let known = <CompactRequired as model::Fields>::FIELDS;
        let c = params
            .decode::<CompactRequired>(known)
            .map(|(v, other)| (serde_json::to_value(v).unwrap(), other));
        let d = params
            .decode::<DerivedRequired>(known)
            .map(|(v, other)| (serde_json::to_value(v).unwrap(), other));
        assert_eq!(format!("{c:?}"), format!("{d:?}"), "{form}");
    }
}

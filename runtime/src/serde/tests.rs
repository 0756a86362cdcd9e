#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use time::macros::datetime;

#[derive(Debug, PartialEq, ::serde::Deserialize, ::serde::Serialize)]
struct Model {
    #[serde(default, with = "crate::serde::rfc2822_opt")]
    a: Option<time::OffsetDateTime>,
    #[serde(default, with = "crate::serde::rfc3339_opt")]
    b: Option<time::OffsetDateTime>,
}

#[derive(Debug, PartialEq, ::serde::Deserialize, ::serde::Serialize)]
struct Required {
    #[serde(with = "crate::serde::rfc2822")]
    a: time::OffsetDateTime,
    #[serde(with = "crate::serde::rfc3339")]
    b: time::OffsetDateTime,
}

const AT: time::OffsetDateTime = datetime!(2010-08-31 20:36:28 UTC);

#[test]
fn optional_dates() {
    let model: Model = serde_json::from_str(
        r#"{"a": "Tue, 31 Aug 2010 20:36:28 +0000", "b": "2010-08-31T20:36:28Z"}"#,
    )
    .unwrap();
    assert_eq!(
        model,
        Model {
            a: Some(AT),
            b: Some(AT)
        }
    );
    assert_eq!(
        serde_json::to_string(&model).unwrap(),
        r#"{"a":"Tue, 31 Aug 2010 20:36:28 +0000","b":"2010-08-31T20:36:28Z"}"#
    );
    let empty = Model { a: None, b: None };
    assert_eq!(serde_json::from_str::<Model>("{}").unwrap(), empty);
    assert_eq!(
        serde_json::from_str::<Model>(r#"{"a": null, "b": ""}"#).unwrap(),
        empty
    );
    assert_eq!(
        serde_json::to_string(&empty).unwrap(),
        r#"{"a":null,"b":null}"#
    );
    assert!(serde_json::from_str::<Model>(r#"{"a": "yesterday"}"#).is_err());
    assert!(serde_json::from_str::<Model>(r#"{"a": 12}"#).is_err());
}

#[test]
fn required_dates() {
    let json = r#"{"a":"Tue, 31 Aug 2010 20:36:28 +0000","b":"2010-08-31T20:36:28Z"}"#;
    let model: Required = serde_json::from_str(json).unwrap();
    assert_eq!(model, Required { a: AT, b: AT });
    assert_eq!(serde_json::to_string(&model).unwrap(), json);
    // Lenient: each accepts the other format.
    let swapped: Required = serde_json::from_str(
        r#"{"a":"2010-08-31T20:36:28Z","b":"Tue, 31 Aug 2010 20:36:28 +0000"}"#,
    )
    .unwrap();
    assert_eq!(swapped, model);
    assert!(serde_json::from_str::<Required>(r#"{"a": null, "b": null}"#).is_err());
}

#[test]
fn false_is_no_value() {
    #[derive(Debug, PartialEq, ::serde::Deserialize)]
    struct Call {
        #[serde(default, with = "crate::serde::rfc2822_opt_or_false")]
        end: Option<time::OffsetDateTime>,
        #[serde(default, with = "crate::serde::rfc3339_opt_or_false")]
        start: Option<time::OffsetDateTime>,
        #[serde(default, deserialize_with = "crate::serde::false_as_none")]
        count: Option<u32>,
    }
    let call: Call =
        serde_json::from_str(r#"{"end": false, "start": false, "count": false}"#).unwrap();
    assert_eq!((call.end, call.start, call.count), (None, None, None));
    let call: Call = serde_json::from_str(
        r#"{"end": "Tue, 31 Aug 2010 20:36:28 +0000", "start": null, "count": 3}"#,
    )
    .unwrap();
    assert_eq!(
        (call.end, call.start, call.count),
        (Some(AT), None, Some(3))
    );
    assert!(serde_json::from_str::<Call>(r#"{"end": true}"#).is_err());
    assert!(serde_json::from_str::<Call>(r#"{"count": "x"}"#).is_err());
    // Without the `_or_false` adapters `false` is an error, as before.
    assert!(serde_json::from_str::<Model>(r#"{"a": false}"#).is_err());
}

#[test]
fn null_as_default() {
    #[derive(::serde::Deserialize)]
    struct Page {
        #[serde(default, deserialize_with = "crate::serde::null_as_default")]
        items: Vec<u32>,
    }
    let page: Page = serde_json::from_str(r#"{"items": null}"#).unwrap();
    assert!(page.items.is_empty());
    let page: Page = serde_json::from_str(r#"{}"#).unwrap();
    assert!(page.items.is_empty());
    let page: Page = serde_json::from_str(r#"{"items": [1, 2]}"#).unwrap();
    assert_eq!(page.items, [1, 2]);
}

#[derive(Debug, PartialEq, ::serde::Deserialize, ::serde::Serialize)]
struct Dates {
    #[serde(with = "crate::serde::date")]
    day: time::Date,
    #[serde(default, with = "crate::serde::date_opt")]
    maybe: Option<time::Date>,
}

#[test]
fn dates_round_trip() {
    let d: Dates = serde_json::from_str(r#"{"day":"2009-07-06","maybe":""}"#).unwrap();
    assert_eq!(d.day, time::macros::date!(2009 - 07 - 06));
    assert_eq!(d.maybe, None);
    let d: Dates = serde_json::from_str(r#"{"day":"2009-07-06","maybe":"2010-01-31"}"#).unwrap();
    assert_eq!(d.maybe, Some(time::macros::date!(2010 - 01 - 31)));
    assert_eq!(
        serde_json::to_string(&d).unwrap(),
        r#"{"day":"2009-07-06","maybe":"2010-01-31"}"#
    );
    assert!(serde_json::from_str::<Dates>(r#"{"day":"07/06/2009"}"#).is_err());
}

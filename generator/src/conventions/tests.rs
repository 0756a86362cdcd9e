//! The conventions' unit tests.
#![allow(clippy::indexing_slicing)]

use super::*;

#[test]
fn amounts_sit_beside_a_currency() {
    let recording = [
        ("price", "number", None),
        ("price_unit", "string", Some("currency")),
        ("duration", "string", None),
        ("channels", "integer", None),
    ];
    assert_eq!(money_fields(&recording), ["price"]);
    let call = [
        ("price", "string", None),
        ("price_unit", "string", Some("currency")),
        ("queue_time", "string", None),
    ];
    assert_eq!(money_fields(&call), ["price"]);
    let usage = [
        ("data_total_billed", "number", None),
        ("billed_unit", "string", Some("currency")),
    ];
    assert_eq!(money_fields(&usage), ["data_total_billed"]);
    let card = [("price", "number", None), ("latitude", "number", None)];
    assert_eq!(money_fields(&card), ["price"]);
    let verify = [("amount", "string", None), ("score", "number", None)];
    assert!(money_fields(&verify).is_empty());
}

#[test]
fn secrets_by_name() {
    for name in ["SipAuthPassword", "auth_token", "ApiSecret", "ACCESS_TOKEN"] {
        assert!(is_secret(name), "{name}");
    }
    for name in ["To", "PageToken", "PasswordHint", "Sid"] {
        assert!(!is_secret(name), "{name}");
    }
}

#[test]
fn schema_names() {
    assert_eq!(component_type_names("api.v2010.account.call")[0], "Call");
    assert_eq!(
        component_type_names("api.v2010.account.call.call_recording")[..2],
        ["CallRecording", "CallCallRecording"]
    );
    assert_eq!(component_type_names("call_enum_status")[0], "CallStatus");
    assert_eq!(
        component_type_names("api.v2010.account.call.call_notification-instance")[0],
        "CallNotificationInstance"
    );
}

#[test]
fn sid_prefixes() {
    assert_eq!(sid_prefix("^CA[0-9a-fA-F]{32}$").as_deref(), Some("CA"));
    assert_eq!(sid_prefix("^(CA|CF)[0-9a-fA-F]{32}$"), None);
    assert_eq!(sid_prefix("^ca[0-9a-fA-F]{32}$"), None);
    assert_eq!(sid_prefix("^C"), None);
}

#[test]
fn sid_names_vote() {
    let mut v = SidNames::default();
    v.vote("CA", "call_sid", Some("Payments"));
    v.vote("CA", "CallSid", None);
    v.vote("CA", "parent_call_sid", Some("Call"));
    v.vote("CA", "sid", Some("Call"));
    v.vote("NO", "sid", Some("CallNotificationInstance"));
    v.vote("NO", "sid", Some("CallNotification"));
    v.vote("ZZ", "Sid", None);
    let names = v.decide();
    assert_eq!(names["CA"], "CallSid");
    assert_eq!(names["NO"], "CallNotificationSid");
    assert_eq!(names["ZZ"], "ZzSid");
}

#[test]
fn legacy_rules() {
    let ext = |v: serde_json::Value| -> indexmap::IndexMap<String, serde_json::Value> {
        v.as_object()
            .map(|o| o.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default()
    };
    assert!(is_xml_media_type("application/xml"));
    assert!(is_xml_media_type("text/xml; charset=utf-8"));
    assert!(is_xml_media_type("application/atom+xml"));
    assert!(!is_xml_media_type("application/json"));
    let names = int_enum_names(
        &ext(serde_json::json!({"x-enum-varnames": ["A", "B"], "x-enum-descriptions": ["a", "b"]})),
        &[0, 1],
    )
    .unwrap_or_default();
    assert_eq!(names[1], ("B".to_owned(), Some("b".to_owned())));
    assert!(int_enum_names(&ext(serde_json::json!({"x-enum-varnames": ["A"]})), &[0, 1]).is_err());
    assert_eq!(
        int_enum_names(&ext(serde_json::json!({})), &[3]).unwrap_or_default()[0].0,
        "V3"
    );
    let f = flags(&ext(
        serde_json::json!({"x-twilio-codegen-flags": [{"name": "In", "value": 1}, {"name": "Api", "value": 2}]}),
    ));
    assert_eq!(f.ok().flatten().map(|f| f.len()), Some(2));
    assert!(
        flags(&ext(
            serde_json::json!({"x-twilio-codegen-flags": [{"name": "X", "value": 3}]})
        ))
        .is_err()
    );
    assert!(flags(&ext(serde_json::json!({"x-twilio-codegen-flags": []}))).is_err());
    assert_eq!(
        false_is_null(Some(
            &serde_json::json!({"x-twilio-codegen-false-is-null": true})
        )),
        Ok(true)
    );
    assert!(
        false_is_null(Some(
            &serde_json::json!({"x-twilio-codegen-false-is-null": 1})
        ))
        .is_err()
    );
    assert!(xml_object(Some(&serde_json::json!({"xml": {"name": "a b"}}))).is_err());
    assert_eq!(
        xml_object(Some(
            &serde_json::json!({"xml": {"name": "Calls", "wrapped": true}})
        )),
        Ok(XmlObject {
            name: Some("Calls".into()),
            attribute: false,
            wrapped: true
        })
    );
    assert!(is_user_supplied(&ext(
        serde_json::json!({"x-twilio-codegen-user-supplied": true})
    )));
}

#[test]
fn operators() {
    assert_eq!(operator_suffix("StartTime<"), ("StartTime", Some("before")));
    assert_eq!(operator_suffix("StartTime>"), ("StartTime", Some("after")));
    assert_eq!(operator_suffix("StartTime"), ("StartTime", None));
}

#[test]
fn indexed() {
    assert_eq!(
        indexed_member("Parameter12.Name"),
        Some(("Parameter", 12, "Name"))
    );
    assert_eq!(indexed_member("Parameter.Name"), None);
    assert_eq!(indexed_member("Parameter0.Name"), None);
    assert_eq!(indexed_member("Url"), None);
}

#[test]
fn navigation_segments_below_the_scope() {
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(
        navigation_segments(
            "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings/{Sid}.json"
        ),
        [some("Calls"), None, some("Recordings"), None]
    );
    assert_eq!(
        navigation_segments("/2010-04-01/Accounts/{AccountSid}/Calls.json"),
        [some("Calls")]
    );
    // No account scope: versions are left out.
    assert_eq!(
        navigation_segments("/2010-06-01/Calls.xml"),
        [some("Calls")]
    );
    assert_eq!(navigation_segments("/"), Vec::<Option<String>>::new());
}

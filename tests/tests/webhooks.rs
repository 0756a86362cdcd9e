//! Every callback of `spec/calls.yaml` decodes into its generated payload type from each of the
//! spec's examples, sent as a form `POST` body and as the query of a `GET`; parameters the spec
//! does not declare are kept.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;

use serde_yaml::Value;
use twilio_calls::webhook::{Params, Payload, RequestValidator, SIGNATURE_HEADER};
use twilio_calls::webhooks::*;

/// A payload's `Debug` text and the parameters it kept as unknown.
type Decoded = (String, Vec<(String, String)>);

/// Decodes `params` as the payload of the callback `key`, returning its `Debug` text and the
/// parameters it kept as unknown; `None` when no payload type is listed for the key.
fn decode(key: &str, params: &Params) -> Option<Result<Decoded, String>> {
    fn run<T: Payload + std::fmt::Debug>(
        params: &Params,
        other: impl Fn(&T) -> Vec<(String, String)>,
    ) -> Result<Decoded, String> {
        T::from_params(params)
            .map(|p| (format!("{p:?}"), other(&p)))
            .map_err(|e| e.to_string())
    }
    Some(match key {
        "VoiceRequest" => run::<VoiceRequest>(params, |p| p.other_params.clone()),
        "VoiceFallbackRequest" => run::<VoiceFallbackRequest>(params, |p| p.other_params.clone()),
        "CallStatusCallback" => run::<CallStatusCallback>(params, |p| p.other_params.clone()),
        "RecordingStatusCallback" => {
            run::<RecordingStatusCallback>(params, |p| p.other_params.clone())
        }
        "AmdStatusCallback" => run::<AmdStatusCallback>(params, |p| p.other_params.clone()),
        "PaymentStatusCallback" => run::<PaymentStatusCallback>(params, |p| p.other_params.clone()),
        "StreamStatusCallback" => run::<StreamStatusCallback>(params, |p| p.other_params.clone()),
        "SiprecStatusCallback" => run::<SiprecStatusCallback>(params, |p| p.other_params.clone()),
        "TranscriptionStatusCallback" => {
            run::<TranscriptionStatusCallback>(params, |p| p.other_params.clone())
        }
        "UserDefinedMessageCallback" => {
            run::<UserDefinedMessageCallback>(params, |p| p.other_params.clone())
        }
        _ => return None,
    })
}

struct Example {
    key: String,
    name: String,
    declared: Vec<String>,
    pairs: Vec<(String, String)>,
}

/// Every example of every callback request body in the spec (one entry per callback key and
/// example, whichever operations declare it).
fn examples() -> Vec<Example> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/calls.yaml");
    let spec: Value = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut out: BTreeMap<(String, String), Example> = BTreeMap::new();
    for (_, item) in spec["paths"].as_mapping().unwrap() {
        for (_, op) in item.as_mapping().unwrap() {
            let Some(callbacks) = op.get("callbacks").and_then(Value::as_mapping) else {
                continue;
            };
            for (key, cb) in callbacks {
                let key = key.as_str().unwrap().to_owned();
                let (_, path_item) = cb.as_mapping().unwrap().iter().next().unwrap();
                let (_, cop) = path_item.as_mapping().unwrap().iter().next().unwrap();
                let form = &cop["requestBody"]["content"]["application/x-www-form-urlencoded"];
                let declared: Vec<String> = form["schema"]["properties"]
                    .as_mapping()
                    .unwrap()
                    .keys()
                    .map(|k| k.as_str().unwrap().to_owned())
                    .collect();
                let examples = form["examples"]
                    .as_mapping()
                    .unwrap_or_else(|| panic!("callback {key} has no examples"));
                for (name, ex) in examples {
                    let name = name.as_str().unwrap().to_owned();
                    let pairs = ex["value"]
                        .as_mapping()
                        .unwrap()
                        .iter()
                        .map(|(k, v)| {
                            let v = match v {
                                Value::String(s) => s.clone(),
                                other => serde_yaml::to_string(other).unwrap().trim().to_owned(),
                            };
                            (k.as_str().unwrap().to_owned(), v)
                        })
                        .collect();
                    out.entry((key.clone(), name.clone())).or_insert(Example {
                        key: key.clone(),
                        name,
                        declared: declared.clone(),
                        pairs,
                    });
                }
            }
        }
    }
    out.into_values().collect()
}

fn form(pairs: &[(String, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

#[test]
fn every_callback_decodes_from_its_examples() {
    let all = examples();
    let keys: std::collections::BTreeSet<&str> = all.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys.len(), 10, "callback keys: {keys:?}");
    for ex in &all {
        let body = form(&ex.pairs);
        // As a form POST body, and as a GET query: the same payload.
        let from_body = Params::from_form(body.as_bytes());
        let from_query = Params::from_query(&format!("https://example.com/cb?{body}"));
        let (debug, other) = decode(&ex.key, &from_body)
            .unwrap_or_else(|| panic!("no payload type listed for callback {}", ex.key))
            .unwrap_or_else(|e| panic!("{} / {}: {e}", ex.key, ex.name));
        let (debug_q, other_q) = decode(&ex.key, &from_query).unwrap().unwrap();
        assert_eq!(debug, debug_q, "{} / {}", ex.key, ex.name);
        assert_eq!(other, other_q);
        // Exactly the undeclared parameters are kept aside.
        let expected_other: Vec<(String, String)> = ex
            .pairs
            .iter()
            .filter(|(k, _)| !ex.declared.contains(k))
            .cloned()
            .collect();
        assert_eq!(other, expected_other, "{} / {}", ex.key, ex.name);
        // Unknown parameters added by Twilio later are kept too.
        let mut more = ex.pairs.clone();
        more.push(("SomethingNew".into(), "value".into()));
        let (_, other) = decode(&ex.key, &Params::from_form(form(&more).as_bytes()))
            .unwrap()
            .unwrap();
        assert_eq!(other.last().map(|(k, _)| k.as_str()), Some("SomethingNew"));
        // Free text stays out of Debug.
        for (k, v) in &ex.pairs {
            if v.starts_with('+') {
                assert!(
                    !debug.contains(v.as_str()),
                    "{}: {k} shown in {debug}",
                    ex.key
                );
            }
        }
    }
}

#[test]
fn typed_values() {
    let ex = examples();
    let find = |key: &str, name: &str| {
        let e = ex
            .iter()
            .find(|e| e.key == key && e.name == name)
            .unwrap_or_else(|| panic!("{key}/{name}"));
        Params::from_form(form(&e.pairs).as_bytes())
    };
    let completed =
        CallStatusCallback::from_params(&find("CallStatusCallback", "completed")).unwrap();
    assert_eq!(completed.call_status, twilio_calls::CallStatus::Completed);
    assert_eq!(completed.call_duration, Some(42));
    assert_eq!(completed.sequence_number, Some(3));
    assert_eq!(completed.sip_response_code, Some(200));
    assert_eq!(
        completed.timestamp.map(|t| t.unix_timestamp()),
        Some(1_795_453_502)
    );
    assert_eq!(
        completed.call_sid.as_str(),
        "CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b"
    );
    // `initiated` is not among the Call resource's statuses: kept as sent.
    let initiated =
        CallStatusCallback::from_params(&find("CallStatusCallback", "initiated")).unwrap();
    assert_eq!(initiated.call_status.as_str(), "initiated");

    let amd = AmdStatusCallback::from_params(&find("AmdStatusCallback", "machine")).unwrap();
    assert_eq!(amd.answered_by.as_str(), "machine_end_beep");
    assert_eq!(amd.machine_detection_duration, Some(4120));

    let rec = RecordingStatusCallback::from_params(&find("RecordingStatusCallback", "completed"))
        .unwrap();
    assert_eq!(
        rec.recording_status,
        twilio_calls::CallRecordingStatus::Completed
    );
    assert_eq!(rec.recording_channels, Some(2));

    let pay =
        PaymentStatusCallback::from_params(&find("PaymentStatusCallback", "partial")).unwrap();
    assert_eq!(pay.partial_result, Some(true));

    let t =
        TranscriptionStatusCallback::from_params(&find("TranscriptionStatusCallback", "content"))
            .unwrap();
    assert_eq!(t.r#final, Some(true));
    assert_eq!(t.sequence_id, Some(3));

    // A required parameter missing, or a value of the wrong type: an error naming it.
    let err = CallStatusCallback::from_params(&Params::from_form(
        b"AccountSid=AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5&CallStatus=ringing",
    ))
    .unwrap_err();
    assert!(err.to_string().contains("CallSid"), "{err}");
    let err = AmdStatusCallback::from_params(&Params::from_form(
        b"AccountSid=AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5&CallSid=CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b&AnsweredBy=human&MachineDetectionDuration=soon",
    ))
    .unwrap_err();
    assert!(
        err.to_string().contains("MachineDetectionDuration"),
        "{err}"
    );
    let err = AmdStatusCallback::from_params(&Params::from_form(
        b"AccountSid=AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5&CallSid=XX5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b&AnsweredBy=human",
    ))
    .unwrap_err();
    assert!(err.to_string().contains("CallSid"), "{err}");
}

/// Signature check and typed decoding in one step, as an application does.
#[test]
fn verify_as_a_payload() {
    let body = "AccountSid=AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5&CallSid=CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b&AnsweredBy=human";
    let url = "https://voice.example.com/amd";
    let validator = RequestValidator::new("auth-token");
    let params = Params::from_form(body.as_bytes());
    let signature = validator.signature(url, params.pairs());
    let mut headers = http::HeaderMap::new();
    headers.insert(SIGNATURE_HEADER, signature.parse().unwrap());
    headers.insert(
        "content-type",
        "application/x-www-form-urlencoded".parse().unwrap(),
    );
    let amd: AmdStatusCallback = validator
        .verify_as(&http::Method::POST, url, &headers, body.as_bytes())
        .unwrap();
    assert_eq!(amd.answered_by.as_str(), "human");
    assert!(
        validator
            .verify_as::<AmdStatusCallback>(
                &http::Method::POST,
                url,
                &headers,
                b"AccountSid=AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5"
            )
            .is_err()
    );
}

/// Rule "numbers" applies to webhook payloads as to responses: a number sent as a string (as a
/// payload kept or forwarded as JSON may hold it) decodes, and so does `""` for no value; from a
/// form, numbers are parsed from their text.
#[test]
fn numeric_strings_decode_where_the_schema_says_number() {
    let json = r#"{
        "AccountSid": "AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5",
        "CallSid": "CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b",
        "CallStatus": "completed",
        "CallDuration": "42",
        "SequenceNumber": 3,
        "SipResponseCode": ""
    }"#;
    let event: CallStatusCallback = serde_json::from_str(json).unwrap();
    assert_eq!(event.call_duration, Some(42));
    assert_eq!(event.sequence_number, Some(3));
    assert_eq!(event.sip_response_code, None);
    // Text that is not a number is still an error naming the field.
    let error = serde_json::from_str::<CallStatusCallback>(
        &json.replace(r#""CallDuration": "42""#, r#""CallDuration": "soon""#),
    )
    .unwrap_err();
    assert!(error.to_string().contains("integer"), "{error}");
    // The same from a form, as Twilio sends it.
    let form = b"AccountSid=AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5&CallSid=CA5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b&CallStatus=completed&CallDuration=42&SipResponseCode=";
    let event = CallStatusCallback::from_params(&Params::from_form(form)).unwrap();
    assert_eq!(event.call_duration, Some(42));
    assert_eq!(event.sip_response_code, None);
}

/// Rule "money": the crate re-exports the decimal type of its amounts.
#[test]
fn decimal_is_named_by_the_crate() {
    let call: twilio_calls::Call =
        serde_json::from_str(r#"{"price": "-0.0025", "price_unit": "USD"}"#).unwrap();
    let price: Option<twilio_calls::Decimal> = call.price;
    assert_eq!(price, Some(twilio_calls::Decimal::new(-25, 4)));
}

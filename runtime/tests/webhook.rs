//! `X-Twilio-Signature` validation against vectors nobody here computed with this code: Twilio's
//! worked example and the trap vectors of `webhook/vectors.py` (Python's hmac, hashlib and base64;
//! its output `webhook/vectors.json` is checked in).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use serde::Deserialize;
use twilio_runtime::webhook::{Params, Payload, RequestValidator, SIGNATURE_HEADER, WebhookError};

#[derive(Debug, Deserialize)]
struct Vector {
    name: String,
    token: String,
    method: String,
    content_type: Option<String>,
    signed_url: String,
    request_url: String,
    body: String,
    params: Vec<(String, String)>,
    signature: String,
}

fn vectors() -> Vec<Vector> {
    let text = include_str!("webhook/vectors.json");
    serde_json::from_str(text).expect("vectors.json")
}

fn headers(signature: &str, content_type: Option<&str>) -> http::HeaderMap {
    let mut h = http::HeaderMap::new();
    h.insert(SIGNATURE_HEADER, signature.parse().expect("header"));
    if let Some(ct) = content_type {
        h.insert(http::header::CONTENT_TYPE, ct.parse().expect("header"));
    }
    h
}

fn method(v: &Vector) -> http::Method {
    v.method.parse().expect("method")
}

fn verify(v: &Vector, url: &str, body: &[u8], signature: &str) -> Result<Params, WebhookError> {
    RequestValidator::new(&v.token).verify(
        &method(v),
        url,
        &headers(signature, v.content_type.as_deref()),
        body,
    )
}

/// The documented example: auth token `12345`, `https://mycompany.com/myapp.php?foo=1&bar=2`,
/// five parameters, signature `0/KCTR6DLpKmkAf8muzZqo1nDgQ=` (Twilio's "Webhooks security" guide).
#[test]
fn twilios_documented_example() {
    let validator = RequestValidator::new("12345");
    let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    let params = [
        ("CallSid", "CA1234567890ABCDE"),
        ("Caller", "+12349013030"),
        ("Digits", "1234"),
        ("From", "+12349013030"),
        ("To", "+18005551212"),
    ];
    assert_eq!(
        validator.signature(url, &params),
        "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    );
    assert!(validator.validate(url, &params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
    assert!(!validator.validate(url, &params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ"));
    assert!(!RequestValidator::new("12346").validate(url, &params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
}

#[test]
fn every_vector_validates() {
    let all = vectors();
    assert!(all.len() >= 13, "{} vectors", all.len());
    assert_eq!(all[0].name, "twilio_documented_example");
    assert_eq!(all[0].signature, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    for v in &all {
        // What this code computes over the URL Twilio signed is what Python computed.
        let validator = RequestValidator::new(&v.token);
        if v.content_type.as_deref() != Some("application/json") {
            assert_eq!(
                validator.signature(&v.signed_url, &v.params),
                v.signature,
                "{}",
                v.name
            );
        }
        // The request as the application sees it passes, and yields the parameters sent.
        let params = verify(v, &v.request_url, v.body.as_bytes(), &v.signature)
            .unwrap_or_else(|e| panic!("{}: {e}", v.name));
        if v.method == "POST" && v.content_type.as_deref() != Some("application/json") {
            assert_eq!(params.pairs(), v.params.as_slice(), "{}", v.name);
        }
        // Another token fails.
        let other = Vector {
            token: format!("{}x", v.token),
            ..clone(v)
        };
        assert_eq!(
            verify(&other, &v.request_url, v.body.as_bytes(), &v.signature),
            Err(WebhookError::InvalidSignature),
            "{}",
            v.name
        );
    }
}

fn clone(v: &Vector) -> Vector {
    Vector {
        name: v.name.clone(),
        token: v.token.clone(),
        method: v.method.clone(),
        content_type: v.content_type.clone(),
        signed_url: v.signed_url.clone(),
        request_url: v.request_url.clone(),
        body: v.body.clone(),
        params: v.params.clone(),
        signature: v.signature.clone(),
    }
}

/// Every single byte of the URL, of each parameter's name and value, and of the signature,
/// changed one at a time: each change is refused (for every vector).
#[test]
fn any_single_byte_changed_fails() {
    let mut checked = 0;
    for v in vectors() {
        let validator = RequestValidator::new(&v.token);
        let is_json = v.content_type.as_deref() == Some("application/json");
        let changed = |s: &str, i: usize| -> String {
            let mut b = s.as_bytes().to_vec();
            // Stay printable ASCII where the byte is ASCII; flip a low bit otherwise.
            b[i] = if b[i] == b'~' || !b[i].is_ascii() {
                b[i] ^ 1
            } else {
                b[i] + 1
            };
            String::from_utf8_lossy(&b).into_owned()
        };
        for i in 0..v.request_url.len() {
            let url = changed(&v.request_url, i);
            let ok = if is_json {
                validator.validate_body(&url, v.body.as_bytes(), &v.signature)
            } else {
                validator.validate(&url, &v.params, &v.signature)
            };
            assert!(!ok, "{}: URL byte {i} changed: {url}", v.name);
            checked += 1;
        }
        for i in 0..v.signature.len() {
            let sig = changed(&v.signature, i);
            let ok = if is_json {
                validator.validate_body(&v.request_url, v.body.as_bytes(), &sig)
            } else {
                validator.validate(&v.request_url, &v.params, &sig)
            };
            assert!(!ok, "{}: signature byte {i} changed", v.name);
            checked += 1;
        }
        if is_json {
            for i in 0..v.body.len() {
                let body = changed(&v.body, i);
                assert!(
                    !validator.validate_body(&v.request_url, body.as_bytes(), &v.signature),
                    "{}: body byte {i} changed",
                    v.name
                );
                checked += 1;
            }
        }
        for p in 0..v.params.len() {
            for (field, len) in [(0, v.params[p].0.len()), (1, v.params[p].1.len())] {
                for i in 0..len {
                    let mut params = v.params.clone();
                    let s = if field == 0 {
                        &mut params[p].0
                    } else {
                        &mut params[p].1
                    };
                    *s = changed(s, i);
                    assert!(
                        !validator.validate(&v.request_url, &params, &v.signature),
                        "{}: parameter {p} byte {i} changed",
                        v.name
                    );
                    checked += 1;
                }
            }
            // A parameter dropped, or one added, fails too.
            let mut fewer = v.params.clone();
            fewer.remove(p);
            assert!(!validator.validate(&v.request_url, &fewer, &v.signature));
        }
        let mut more = v.params.clone();
        more.push(("Extra".into(), "1".into()));
        assert!(
            !validator.validate(&v.request_url, &more, &v.signature),
            "{}",
            v.name
        );
    }
    assert!(checked > 3000, "{checked} changes checked");
    println!("{checked} single-byte changes of URL, parameters, body and signature: all refused");
}

#[test]
fn the_body_as_sent_is_what_counts() {
    let v = &vectors()[0];
    // A tampered form body.
    let body = v.body.replace("Digits=1234", "Digits=1235");
    assert_eq!(
        verify(v, &v.request_url, body.as_bytes(), &v.signature),
        Err(WebhookError::InvalidSignature)
    );
    // Signed for another URL (another path, another query, a trailing slash).
    for url in [
        "https://mycompany.com/other.php?foo=1&bar=2",
        "https://mycompany.com/myapp.php?bar=2&foo=1",
        "https://mycompany.com/myapp.php/?foo=1&bar=2",
        "http://mycompany.com/myapp.php?foo=1&bar=2",
        "https://mycompany.com:8443/myapp.php?foo=1&bar=2",
    ] {
        assert_eq!(
            verify(v, url, v.body.as_bytes(), &v.signature),
            Err(WebhookError::InvalidSignature),
            "{url}"
        );
    }
    // No signature header.
    let result = RequestValidator::new("12345").verify(
        &http::Method::POST,
        &v.request_url,
        &http::HeaderMap::new(),
        v.body.as_bytes(),
    );
    assert_eq!(result, Err(WebhookError::MissingSignature));
}

#[test]
fn trailing_slash_and_get_vectors_are_distinct_urls() {
    let all = vectors();
    let slash = all
        .iter()
        .find(|v| v.name == "trailing_slash")
        .expect("vector");
    let without = slash.request_url.trim_end_matches('/').to_owned();
    assert!(
        verify(
            slash,
            &slash.request_url,
            slash.body.as_bytes(),
            &slash.signature
        )
        .is_ok()
    );
    assert!(verify(slash, &without, slash.body.as_bytes(), &slash.signature).is_err());

    let get = all
        .iter()
        .find(|v| v.name == "get_callback")
        .expect("vector");
    let params = verify(get, &get.request_url, b"", &get.signature).expect("GET");
    assert_eq!(params.get("CallStatus"), Some("ringing"));
    assert_eq!(params.get("From"), Some("+15017122661"));
    // The same query, reordered: another URL.
    let reordered = get.request_url.replace(
        "AccountSid=AC0123456789abcdef0123456789abcdef&ApiVersion=2010-04-01",
        "ApiVersion=2010-04-01&AccountSid=AC0123456789abcdef0123456789abcdef",
    );
    assert_ne!(reordered, get.request_url);
    assert!(verify(get, &reordered, b"", &get.signature).is_err());

    let json = all.iter().find(|v| v.name == "json_body").expect("vector");
    assert!(
        verify(
            json,
            &json.request_url,
            json.body.as_bytes(),
            &json.signature
        )
        .is_ok()
    );
    // Without bodySHA256 in the URL a JSON body is refused even if the URL is signed.
    let bare = "https://example.com/events";
    let signature = RequestValidator::new(&json.token).signature::<&str, &str>(bare, &[]);
    assert_eq!(
        verify(json, bare, json.body.as_bytes(), &signature),
        Err(WebhookError::BodyHashMismatch)
    );
}

#[test]
fn from_http_parts() {
    let v = &vectors()[0];
    let request = http::Request::builder()
        .method("POST")
        .uri("/myapp.php?foo=1&bar=2")
        .header(SIGNATURE_HEADER, &v.signature)
        .header(
            "content-type",
            "application/x-www-form-urlencoded; charset=utf-8",
        )
        .body(())
        .expect("request");
    let (parts, ()) = request.into_parts();
    let validator = RequestValidator::new("12345");
    let params = validator
        .verify_parts(&parts, "https://mycompany.com/", v.body.as_bytes())
        .expect("valid");
    assert_eq!(params.get("Caller"), Some("+12349013030"));
    assert!(
        validator
            .verify_parts(&parts, "https://elsewhere.example", v.body.as_bytes())
            .is_err()
    );
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    Ringing,
    Completed,
}

#[derive(Debug, Deserialize)]
struct StatusEvent {
    #[serde(rename = "CallSid")]
    call_sid: String,
    #[serde(rename = "CallStatus")]
    call_status: Status,
    #[serde(rename = "CallDuration")]
    call_duration: Option<u32>,
    #[serde(rename = "ForwardedFrom")]
    forwarded_from: Option<String>,
    #[serde(rename = "Answered", default)]
    answered: Option<bool>,
    #[serde(skip)]
    other: Vec<(String, String)>,
}

impl Payload for StatusEvent {
    fn from_params(params: &Params) -> Result<Self, WebhookError> {
        let (mut value, other): (Self, _) = params.decode(&[
            "CallSid",
            "CallStatus",
            "CallDuration",
            "ForwardedFrom",
            "Answered",
        ])?;
        value.other = other;
        Ok(value)
    }
}

#[test]
fn typed_decoding() {
    let p = Params::from_form(
        b"CallSid=CA1&CallStatus=completed&CallDuration=42&ForwardedFrom=&Answered=true&Caller=%2B1&CallSid=CA2",
    );
    let e = StatusEvent::from_params(&p).expect("decodes");
    assert_eq!(e.call_sid, "CA1");
    assert!(matches!(e.call_status, Status::Completed));
    assert_eq!(e.call_duration, Some(42));
    assert_eq!(e.forwarded_from, None);
    assert_eq!(e.answered, Some(true));
    assert_eq!(
        e.other,
        vec![
            ("Caller".to_owned(), "+1".to_owned()),
            ("CallSid".to_owned(), "CA2".to_owned())
        ]
    );
    let e = StatusEvent::from_params(&Params::from_form(b"CallSid=CA1&CallStatus=ringing"))
        .expect("decodes");
    assert!(matches!(e.call_status, Status::Ringing));
    assert_eq!(e.call_duration, None);

    let bad = StatusEvent::from_params(&Params::from_form(
        b"CallSid=CA1&CallStatus=ringing&CallDuration=long",
    ));
    assert!(
        matches!(&bad, Err(WebhookError::Decode { param, .. }) if param == "CallDuration"),
        "{bad:?}"
    );
    let missing = StatusEvent::from_params(&Params::from_form(b"CallStatus=ringing"));
    assert!(
        matches!(&missing, Err(WebhookError::Decode { message, .. }) if message.contains("CallSid")),
        "{missing:?}"
    );
    // Debug shows parameter names, never values (phone numbers, caller names).
    assert!(!format!("{p:?}").contains("+1"));
    assert!(!format!("{:?}", RequestValidator::new("secret-token")).contains("secret-token"));
}

/// Rule "webhook families": `MediaUrl{n}`/`MediaContentType{n}` read as pairs in index order,
/// whatever the order received, every index sent; the members leave the remaining parameters,
/// names that are not plain indices stay.
#[test]
fn numbered_pairs_are_taken_in_index_order() {
    use twilio_runtime::webhook::take_family;
    let mut params: Vec<(String, String)> = [
        ("MediaUrl1", "https://m/1"),
        ("Body", "hi"),
        ("MediaContentType10", "video/mp4"),
        ("MediaUrl0", "https://m/0"),
        ("MediaContentType1", "image/png"),
        ("MediaContentType0", "image/jpeg"),
        ("MediaUrl10", "https://m/10"),
        ("MediaUrl2", "https://m/2"),
        ("MediaUrl01", "kept"),
        ("MediaUrlX", "kept"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let pairs = take_family(&mut params, "MediaUrl", "MediaContentType");
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("https://m/0", "image/jpeg"),
            ("https://m/1", "image/png"),
            ("https://m/2", ""),
            ("https://m/10", "video/mp4"),
        ]
    );
    let left: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(left, ["Body", "MediaUrl01", "MediaUrlX"]);
}

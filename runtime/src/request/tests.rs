#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use super::*;

fn request(template: &'static str) -> Request {
    Request::new(Method::GET, "Op", "https://api.twilio.com", template)
}

#[test]
fn path_segments_are_encoded() {
    let path = request("/v1/{A}/{B}.json")
        .path_param("A", "a/b?c#d%e f")
        .path_param("B", "..")
        .render_path()
        .unwrap();
    assert_eq!(path, "/v1/a%2Fb%3Fc%23d%25e%20f/%2E%2E.json");
    let path = request("/v1/{A}")
        .path_param("A", "x.y-z_~é")
        .render_path()
        .unwrap();
    assert_eq!(path, "/v1/x.y-z_~%C3%A9");
}

#[test]
fn last_value_wins() {
    let path = request("/v1/{A}")
        .path_param("A", "one")
        .path_param("A", "two")
        .render_path()
        .unwrap();
    assert_eq!(path, "/v1/two");
}

#[test]
fn dot_segments_and_empty_values_are_rejected() {
    for value in [".", ".."] {
        let error = request("/v1/{A}/x")
            .path_param("A", value)
            .render_path()
            .unwrap_err();
        assert!(
            matches!(error, Error::InvalidInput { parameter: "A", .. }),
            "{error:?}"
        );
    }
    let error = request("/v1/{A}")
        .path_param("A", "")
        .render_path()
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput { parameter: "A", .. }));
    let error = request("/v1/{A}/{B}")
        .path_param("A", "a")
        .render_path()
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput { parameter: "B", .. }));
    assert!(is_dot_segment("%2E%2e"));
    assert!(!is_dot_segment("..."));
}

#[test]
fn params() {
    assert_eq!(false.to_param(), "false");
    assert_eq!((-7i64).to_param(), "-7");
    assert_eq!(1.5f64.to_param(), "1.5");
    assert_eq!(String::from("s").to_param(), "s");
    assert_eq!((&&"r").to_param(), "r");
    let at = time::macros::datetime!(2024-05-01 12:30:00 UTC);
    assert_eq!(at.to_param(), "2024-05-01T12:30:00Z");
    assert_eq!(time::macros::date!(2024 - 05 - 01).to_param(), "2024-05-01");
    assert_eq!(serde_json::json!("raw").to_param(), "raw");
    assert_eq!(serde_json::json!({"a": 1}).to_param(), r#"{"a":1}"#);
    assert_eq!(serde_json::json!(3).to_param(), "3");
}

#[test]
fn debug_shows_names_only() {
    let request = request("/v1/{A}")
        .path_param("A", "path-secret")
        .query("Q", "query-secret")
        .form("SipAuthPassword", "form-secret")
        .header("Authorization", "header-secret");
    let debug = format!("{request:?}");
    assert!(debug.contains("SipAuthPassword"), "{debug}");
    assert!(debug.contains("Authorization"), "{debug}");
    for secret in [
        "path-secret",
        "query-secret",
        "form-secret",
        "header-secret",
    ] {
        assert!(!debug.contains(secret), "{debug}");
    }
}

#[test]
fn invalid_header_values_are_errors_not_panics() {
    let injected = request("/v1").header("If-Match", "a\r\nX-Injected: 1");
    let error = injected.header_map().unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidInput {
                parameter: "If-Match",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(!error.to_string().contains("Injected"), "{error}");
    let map = request("/v1")
        .header("X-Twilio-Webhook-Enabled", &true)
        .header("x-twilio-webhook-enabled", &false)
        .header("Authorization", "Token abc")
        .header_map()
        .unwrap();
    assert_eq!(map.len(), 2);
    assert_eq!(map["x-twilio-webhook-enabled"], "false");
    assert!(map["authorization"].is_sensitive());
}

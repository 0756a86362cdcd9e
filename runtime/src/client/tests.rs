#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use std::collections::HashMap;

use super::builder::check_base_url;
use super::settings::{regional_base, regional_host};
use std::time::Duration;

use super::*;
use crate::REDACTED;

const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";
use crate::auth::Credentials;

#[test]
fn region_and_edge_rewriting() {
    let cases = [
        (None, None, "https://api.twilio.com"),
        (Some("au1"), None, "https://api.au1.twilio.com"),
        (None, Some("sydney"), "https://api.sydney.us1.twilio.com"),
        (
            Some("au1"),
            Some("sydney"),
            "https://api.sydney.au1.twilio.com",
        ),
    ];
    for (region, edge, expected) in cases {
        assert_eq!(
            regional_base("https://api.twilio.com", region, edge).unwrap(),
            expected
        );
    }
    // Other products, already regional hosts, ports and non-Twilio hosts.
    assert_eq!(
        regional_host("messaging.twilio.com", Some("ie1"), Some("dublin")),
        "messaging.dublin.ie1.twilio.com"
    );
    assert_eq!(
        regional_host("api.ie1.twilio.com", None, Some("dublin")),
        "api.dublin.ie1.twilio.com"
    );
    assert_eq!(
        regional_host("api.dublin.ie1.twilio.com", Some("au1"), None),
        "api.dublin.au1.twilio.com"
    );
    assert_eq!(
        regional_host("example.com", Some("au1"), None),
        "example.com"
    );
    assert_eq!(
        regional_host("a.b.c.d.twilio.com", Some("au1"), None),
        "a.b.c.d.twilio.com"
    );
    assert_eq!(
        regional_base("http://api.twilio.com:8080/", Some("au1"), None).unwrap(),
        "http://api.au1.twilio.com:8080"
    );
    assert_eq!(regional_base("not a url", None, None), None);
    assert_eq!(regional_base("ftp://api.twilio.com", None, None), None);
}

fn lookup(vars: &[(&str, &str)]) -> impl FnMut(&str) -> Option<String> {
    let vars: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| vars.get(name).cloned()
}

fn config_error(result: Result<ClientBuilder, Error>) -> String {
    match result {
        Err(Error::Config(message)) => message,
        other => panic!("expected a config error, got {other:?}"),
    }
}

#[test]
fn from_env_names_what_is_missing() {
    let message = config_error(ClientBuilder::from_env_lookup(lookup(&[])));
    assert!(message.contains("TWILIO_ACCOUNT_SID"), "{message}");
    assert!(message.contains("TWILIO_AUTH_TOKEN"), "{message}");
    assert!(message.contains("TWILIO_API_KEY"), "{message}");

    let message = config_error(ClientBuilder::from_env_lookup(lookup(&[(
        "TWILIO_AUTH_TOKEN",
        "token",
    )])));
    assert_eq!(message, "TWILIO_ACCOUNT_SID is not set");

    let message = config_error(ClientBuilder::from_env_lookup(lookup(&[
        ("TWILIO_ACCOUNT_SID", ACCOUNT),
        ("TWILIO_API_KEY", "SK123"),
    ])));
    assert!(
        message.starts_with("TWILIO_API_SECRET is not set"),
        "{message}"
    );

    let message = config_error(ClientBuilder::from_env_lookup(lookup(&[
        ("TWILIO_ACCOUNT_SID", ACCOUNT),
        ("TWILIO_API_SECRET", "secret"),
    ])));
    assert!(
        message.starts_with("TWILIO_API_KEY is not set"),
        "{message}"
    );

    // Empty values count as unset.
    let message = config_error(ClientBuilder::from_env_lookup(lookup(&[
        ("TWILIO_ACCOUNT_SID", " "),
        ("TWILIO_AUTH_TOKEN", "token"),
    ])));
    assert_eq!(message, "TWILIO_ACCOUNT_SID is not set");
}

#[test]
fn from_env_prefers_api_keys() {
    let builder = ClientBuilder::from_env_lookup(lookup(&[
        ("TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef\n"),
        ("TWILIO_AUTH_TOKEN", "token"),
        ("TWILIO_API_KEY", "SK123"),
        ("TWILIO_API_SECRET", "secret"),
        ("TWILIO_REGION", "IE1"),
        ("TWILIO_EDGE", "dublin"),
    ]))
    .unwrap();
    assert_eq!(builder.account_sid.as_deref(), Some(ACCOUNT));
    assert_eq!(
        builder.api_key,
        Some(("SK123".to_owned(), "secret".to_owned()))
    );
    let client = builder.build().unwrap();
    assert_eq!(client.account_sid(), ACCOUNT);
    let settings = client.settings();
    assert_eq!(settings.credentials.as_ref().unwrap().username(), "SK123");
    assert_eq!(settings.credentials.as_ref().unwrap().password(), "secret");
    assert_eq!(settings.region.as_deref(), Some("ie1"));
    assert_eq!(settings.edge.as_deref(), Some("dublin"));

    let client = ClientBuilder::from_env_lookup(lookup(&[
        ("TWILIO_ACCOUNT_SID", ACCOUNT),
        ("TWILIO_AUTH_TOKEN", "token"),
        ("TWILIO_API_KEY", "SK123"),
    ]))
    .unwrap()
    .build()
    .unwrap();
    assert_eq!(
        client.settings().credentials.as_ref().unwrap().username(),
        ACCOUNT
    );
    assert_eq!(
        client.settings().credentials.as_ref().unwrap().password(),
        "token"
    );
}

fn build_error(builder: ClientBuilder) -> String {
    match builder.build() {
        Err(Error::Config(message)) => message,
        other => panic!("expected a config error, got {other:?}"),
    }
}

#[test]
fn builder_validation() {
    let base = || {
        ClientBuilder::new()
            .account_sid("AC123")
            .auth_token("token")
    };
    assert!(build_error(ClientBuilder::new().auth_token("t")).contains("account SID"));
    assert!(build_error(ClientBuilder::new().account_sid("AC1")).contains("credentials"));
    assert!(build_error(base().auth_token("")).contains("auth token is empty"));
    let message = build_error(base().auth_token("secret-token\n"));
    assert!(!message.contains("secret-token"), "{message}");
    assert!(build_error(base().account_sid("AC 1")).contains("account SID"));
    assert!(build_error(base().region("ie1.evil")).contains("region"));
    assert!(build_error(base().edge("")).contains("edge"));
    assert!(build_error(base().base_url("ftp://x")).contains("base URL"));
    assert!(build_error(base().base_url("http://u:p@x")).contains("credentials"));
    assert!(build_error(base().base_url("http://x/?a=1")).contains("query"));
    assert!(build_error(base().timeout(Duration::ZERO)).contains("timeout"));
    assert!(build_error(base().user_agent_suffix("bad\nsuffix")).contains("user agent"));
    assert!(base().build().is_ok());
}

#[test]
fn server_variables_fill_server_urls() {
    let client = ClientBuilder::new()
        .account_sid("AC123")
        .auth_token("token")
        .server_variable("install", "https://old.example")
        .server_variable("install", "http://127.0.0.1:8080/")
        .build()
        .unwrap();
    assert_eq!(
        client.settings().base_for("Op", "{install}/api").unwrap(),
        "http://127.0.0.1:8080/api"
    );
    assert_eq!(
        client
            .settings()
            .base_for("Op", "https://api.twilio.com")
            .unwrap(),
        "https://api.twilio.com"
    );
    let error = client.settings().base_for("Op", "{other}/api").unwrap_err();
    assert!(error.to_string().contains("`other`"), "{error}");
    let error = ClientBuilder::new()
        .account_sid("AC123")
        .auth_token("token")
        .server_variable("install", " ")
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("install"), "{error}");
}

#[test]
fn base_url_is_normalized() {
    assert_eq!(
        check_base_url("http://127.0.0.1:8080/".into()).unwrap(),
        "http://127.0.0.1:8080"
    );
    assert_eq!(
        check_base_url("https://proxy.example/twilio/".into()).unwrap(),
        "https://proxy.example/twilio"
    );
}

#[test]
fn debug_redacts_secrets() {
    let builder = ClientBuilder::new()
        .account_sid("AC123")
        .auth_token("super-secret-token")
        .api_key("SK123", "super-secret-key");
    let debug = format!("{builder:?}");
    assert!(!debug.contains("super-secret"), "{debug}");
    assert!(debug.contains(REDACTED));
    let credentials = Credentials::AuthToken {
        account_sid: "AC123".into(),
        auth_token: "super-secret-token".into(),
    };
    let debug = format!("{credentials:?}");
    assert!(!debug.contains("super-secret"), "{debug}");
    assert!(debug.contains("AC123"));
}

//! The errors a user reads first: a transport error names the server (host and port, never the
//! path or the query) and the kind of failure (the connection refused, the host name not
//! resolved, the TLS handshake failed); a malformed `TWILIO_ACCOUNT_SID` is a configuration
//! error naming the variable. Only 127.0.0.1 and a `.invalid` name (RFC 6761: never resolves)
//! are contacted.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use twilio_runtime::{ClientBuilder, Error, Method, Request, RetryPolicy};

mod common;

fn list_calls() -> Request {
    Request::new(
        Method::GET,
        "ListCall",
        "https://api.twilio.com",
        "/2010-04-01/Accounts/{AccountSid}/Calls.json",
    )
    .path_param("AccountSid", common::ACCOUNT)
    .query("To", &"+15558675310")
}

/// The error of one `ListCall` sent to `base_url`, without retries.
async fn transport_error(base_url: &str) -> Error {
    let client = common::basic(base_url)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let error = client
        .send::<serde_json::Value>(list_calls())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    // Neither the message, `Debug` nor the source chain carries the path or the query.
    let mut texts = vec![error.to_string(), format!("{error:?}")];
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        texts.push(format!("{cause} {cause:?}"));
        source = cause.source();
    }
    for text in &texts {
        for private in ["5558675310", "Calls.json?", common::ACCOUNT] {
            assert!(!text.contains(private), "`{private}` in {text}");
        }
    }
    error
}

const PREFIX: &str = "ListCall (GET /2010-04-01/Accounts/{AccountSid}/Calls.json): ";

#[tokio::test]
async fn a_refused_connection_names_the_host_and_port() {
    // Nothing listens on a port the OS just released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let error = transport_error(&format!("http://127.0.0.1:{port}")).await;
    assert_eq!(
        error.to_string(),
        format!("{PREFIX}could not connect to 127.0.0.1:{port}: the connection was refused")
    );
    assert!(error.is_retryable());
}

#[tokio::test]
async fn an_unresolvable_host_names_the_host_and_dns() {
    let error = transport_error("https://api.nonexistent.invalid").await;
    assert_eq!(
        error.to_string(),
        format!(
            "{PREFIX}could not connect to api.nonexistent.invalid: the host name could not be resolved (DNS)"
        )
    );
}

#[tokio::test]
async fn a_tls_failure_names_the_host_and_tls() {
    // An HTTP server spoken to in TLS: the handshake fails.
    let server = wiremock::MockServer::start().await;
    let address = server.address();
    let error = transport_error(&format!("https://{address}")).await;
    let message = error.to_string();
    assert!(
        message.starts_with(&format!(
            "{PREFIX}could not connect to {address}: the TLS handshake failed ("
        )),
        "{message}"
    );
}

fn env(pairs: &[(&str, &str)]) -> Result<ClientBuilder, Error> {
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    ClientBuilder::from_env_lookup(move |name| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    })
}

#[test]
fn a_malformed_account_sid_in_the_environment_is_a_configuration_error() {
    for malformed in [
        "ACbad",
        "AC0123456789abcdef0123456789abcdeg",
        "SK0123456789abcdef0123456789abcdef",
        "AC0123456789abcdef0123456789abcdef:secret-token",
    ] {
        let error = env(&[
            ("TWILIO_ACCOUNT_SID", malformed),
            ("TWILIO_AUTH_TOKEN", "token"),
        ])
        .unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{error:?}");
        assert_eq!(
            error.to_string(),
            "invalid Twilio client configuration: TWILIO_ACCOUNT_SID is not an account SID (`AC` followed by 32 hexadecimal digits)"
        );
    }
    // As a missing one is.
    let error = env(&[("TWILIO_AUTH_TOKEN", "token")]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid Twilio client configuration: TWILIO_ACCOUNT_SID is not set"
    );
    // A well-formed one (either case of hexadecimal digits) is accepted.
    for sid in [
        "AC0123456789abcdef0123456789abcdef",
        "AC0123456789ABCDEF0123456789ABCDEF",
    ] {
        let client = env(&[("TWILIO_ACCOUNT_SID", sid), ("TWILIO_AUTH_TOKEN", "token")])
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(client.account_sid(), sid);
    }
}

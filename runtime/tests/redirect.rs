//! Operations that answer only with a redirect (`send_redirect`), and a server URL whose base
//! the user must give (a document without `servers`), against a local mock server.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use twilio_runtime::{Client, Error, Method, Request};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::{ACCOUNT, TOKEN, client};

/// The request the generated `fetch_day` of Bulk Exports v1 builds (`FetchDay`, whose only
/// declared answer is `307`).
fn fetch_day() -> Request {
    Request::new(
        Method::GET,
        "FetchDay",
        "https://bulkexports.twilio.com",
        "/v1/Exports/{ResourceType}/Days/{Day}",
    )
    .path_param("ResourceType", "Messages")
    .path_param("Day", "2026-11-29")
}

const SIGNED: &str =
    "https://files.example.com/exports/2026-11-29.json.gz?Signature=abc123secret&Expires=99";

async fn server_answering(status: u16, location: Option<&str>) -> MockServer {
    let server = MockServer::start().await;
    let mut answer = ResponseTemplate::new(status);
    if let Some(location) = location {
        answer = answer.insert_header("Location", location);
    }
    Mock::given(method("GET"))
        .and(path("/v1/Exports/Messages/Days/2026-11-29"))
        .respond_with(answer)
        .expect(1)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_302_is_returned_with_its_location_not_followed() {
    let server = server_answering(302, Some(SIGNED)).await;
    let redirect = client(&server).send_redirect(fetch_day()).await.unwrap();
    assert_eq!(redirect.status(), 302);
    assert_eq!(redirect.location(), SIGNED);
    // The signature stays out of `Debug`.
    let debug = format!("{redirect:?}");
    assert!(!debug.contains("abc123secret"), "{debug}");
    assert!(
        debug.contains("https://files.example.com/exports/2026-11-29.json.gz"),
        "{debug}"
    );
    // Exactly one request: the location was not fetched (it is not on the mock server anyway).
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_307_is_returned_too() {
    let server = server_answering(307, Some("https://files.example.com/x")).await;
    let redirect = client(&server).send_redirect(fetch_day()).await.unwrap();
    assert_eq!(redirect.status(), 307);
}

#[tokio::test]
async fn a_redirect_without_location_is_a_decode_error() {
    let server = server_answering(302, None).await;
    let error = client(&server)
        .send_redirect(fetch_day())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Decode {
                operation: "FetchDay",
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn other_operations_still_treat_a_redirect_as_an_error() {
    let server = server_answering(302, Some(SIGNED)).await;
    let error = client(&server).send_empty(fetch_day()).await.unwrap_err();
    let text = format!("{error} {error:?}");
    assert!(!text.contains("abc123secret"), "{text}");
    assert!(!matches!(error, Error::Decode { .. }), "{error:?}");
}

/// A document without `servers`: the generated code's server is `{base_url}`, filled from the
/// client's constructor. Without it, sending is a typed error and nothing is sent.
#[tokio::test]
async fn a_missing_base_url_is_a_typed_error_not_a_request() {
    let server = MockServer::start().await;
    let without = Client::builder()
        .account_sid(ACCOUNT)
        .auth_token(TOKEN)
        .build()
        .unwrap();
    let request = Request::new(Method::GET, "FetchDog", "{base_url}", "/v1/Dogs/{Sid}")
        .path_param("Sid", "rex");
    let error = without.send_empty(request).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidInput {
                operation: "FetchDog",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("base_url"), "{error}");
    // With it, the request goes there.
    Mock::given(method("GET"))
        .and(path("/v1/Dogs/rex"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let with = Client::builder()
        .account_sid(ACCOUNT)
        .auth_token(TOKEN)
        .server_variable("base_url", server.uri())
        .build()
        .unwrap();
    let request = Request::new(Method::GET, "FetchDog", "{base_url}", "/v1/Dogs/{Sid}")
        .path_param("Sid", "rex");
    with.send_empty(request).await.unwrap();
}

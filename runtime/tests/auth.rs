//! Security schemes and header parameters on the wire (wiremock): exactly which `Authorization`
//! header each scheme sends, the OAuth2 client-credentials token fetched once, reused, replaced
//! when expired and never fetched twice at once, the typed error before sending when the client
//! has no credentials for a scheme, and header parameters.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use twilio_runtime::{Client, Error, Method, Request, Scheme};
use wiremock::matchers::{basic_auth, body_string, header, header_exists, method, path};
use wiremock::{Mock, MockServer, Request as Received, ResponseTemplate};

mod common;

use common::{ACCOUNT, TOKEN};

const CLIENT_SECRET: &str = "client-secret-never-shown";
const BEARER: &str = "bearer-token-never-shown";
const OAUTH: &[Scheme] = &[Scheme::OAuth2 {
    token_url: "https://preview-iam.twilio.com/v1/token",
}];

fn request(server: &'static str) -> Request {
    Request::new(Method::GET, "ListThings", server, "/v1/Things")
}

async fn received(server: &MockServer) -> Vec<Received> {
    server.received_requests().await.unwrap()
}

fn authorization(request: &Received) -> Option<&str> {
    request
        .headers
        .get("authorization")
        .map(|v| v.to_str().unwrap())
}

async fn ok(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/v1/Things"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true})))
        .mount(server)
        .await;
}

#[tokio::test]
async fn bearer_tokens_are_sent_as_bearer() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/Things"))
        .and(header("authorization", format!("Bearer {BEARER}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true})))
        .expect(1)
        .mount(&server)
        .await;
    let client = common::builder(&server.uri())
        .bearer_token(BEARER)
        .build()
        .unwrap();
    let value: serde_json::Value = client
        .send(request("https://iam.twilio.com").auth(&[Scheme::Basic, Scheme::Bearer]))
        .await
        .unwrap();
    assert_eq!(value["ok"], true);
    let debug = format!("{client:?}");
    assert!(!debug.contains(BEARER), "{debug}");
}

#[tokio::test]
async fn the_first_scheme_with_credentials_is_used() {
    let server = MockServer::start().await;
    ok(&server).await;
    let client = common::basic(&server.uri())
        .bearer_token(BEARER)
        .build()
        .unwrap();
    let _: serde_json::Value = client
        .send(request("https://iam.twilio.com").auth(&[Scheme::Basic, Scheme::Bearer]))
        .await
        .unwrap();
    let _: serde_json::Value = client
        .send(request("https://iam.twilio.com").auth(&[Scheme::Bearer, Scheme::Basic]))
        .await
        .unwrap();
    let seen = received(&server).await;
    assert!(authorization(&seen[0]).unwrap().starts_with("Basic "));
    assert_eq!(
        authorization(&seen[1]),
        Some(format!("Bearer {BEARER}").as_str())
    );
}

#[tokio::test]
async fn no_credentials_for_security_none() {
    let server = MockServer::start().await;
    ok(&server).await;
    let client = common::client(&server);
    let _: serde_json::Value = client
        .send(request("https://oauth.twilio.com").auth(&[]))
        .await
        .unwrap();
    let seen = received(&server).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(authorization(&seen[0]), None);
}

#[tokio::test]
async fn unsatisfiable_schemes_fail_before_sending() {
    let server = MockServer::start().await;
    ok(&server).await;
    let client = common::client(&server);
    let error = client
        .send::<serde_json::Value>(request("https://preview-iam.twilio.com").auth(OAUTH))
        .await
        .unwrap_err();
    match &error {
        Error::Unauthenticated { operation, schemes } => {
            assert_eq!(*operation, "ListThings");
            assert_eq!(*schemes, OAUTH);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        error.to_string().contains("OAuth2 client credentials"),
        "{error}"
    );
    // An OAuth2-only client cannot send a basic operation either.
    let oauth_only = common::builder(&server.uri())
        .oauth2_client_credentials("client-id", CLIENT_SECRET)
        .build()
        .unwrap();
    let error = oauth_only
        .send::<serde_json::Value>(request("https://api.twilio.com"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Unauthenticated { .. }), "{error:?}");
    assert!(received(&server).await.is_empty());
}

/// Mounts a token endpoint answering `tokens` in turn (each `(access_token, expires_in)`).
async fn token_endpoint(server: &MockServer, tokens: &[(&str, i64)]) {
    for (i, (token, expires_in)) in tokens.iter().enumerate() {
        Mock::given(method("POST"))
            .and(path("/v1/token"))
            .and(header("content-type", "application/x-www-form-urlencoded"))
            .and(body_string(format!(
                "grant_type=client_credentials&client_id=client-id&client_secret={CLIENT_SECRET}"
            )))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": expires_in,
            })))
            .up_to_n_times(1)
            .with_priority(u8::try_from(i + 1).unwrap())
            .expect(1)
            .mount(server)
            .await;
    }
}

fn oauth_client(server: &MockServer) -> Client {
    common::builder(&server.uri())
        .oauth2_client_credentials("client-id", CLIENT_SECRET)
        .build()
        .unwrap()
}

#[tokio::test]
async fn oauth2_tokens_are_fetched_once_reused_and_replaced_when_expired() {
    let server = MockServer::start().await;
    // The first token expires at once (`expires_in: 0`): the second request fetches another,
    // which lasts an hour and serves the third.
    token_endpoint(
        &server,
        &[("first-access-token", 0), ("second-access-token", 3600)],
    )
    .await;
    ok(&server).await;
    let client = oauth_client(&server);
    for _ in 0..3 {
        let _: serde_json::Value = client
            .send(request("https://preview-iam.twilio.com").auth(OAUTH))
            .await
            .unwrap();
    }
    let seen = received(&server).await;
    let wire: Vec<(String, Option<&str>)> = seen
        .iter()
        .map(|r| (format!("{} {}", r.method, r.url.path()), authorization(r)))
        .collect();
    assert_eq!(
        wire,
        [
            ("POST /v1/token".to_owned(), None),
            (
                "GET /v1/Things".to_owned(),
                Some("Bearer first-access-token")
            ),
            ("POST /v1/token".to_owned(), None),
            (
                "GET /v1/Things".to_owned(),
                Some("Bearer second-access-token")
            ),
            (
                "GET /v1/Things".to_owned(),
                Some("Bearer second-access-token")
            ),
        ]
    );
    let debug = format!("{client:?}");
    for secret in [CLIENT_SECRET, "second-access-token"] {
        assert!(!debug.contains(secret), "{debug}");
    }
}

#[tokio::test]
async fn concurrent_requests_share_one_token_request() {
    let server = MockServer::start().await;
    token_endpoint(&server, &[("shared-access-token", 3600)]).await;
    Mock::given(method("GET"))
        .and(path("/v1/Things"))
        .and(header("authorization", "Bearer shared-access-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true})))
        .expect(8)
        .mount(&server)
        .await;
    let client = oauth_client(&server);
    let calls = (0..8).map(|_| {
        let client = client.clone();
        async move {
            client
                .send::<serde_json::Value>(request("https://preview-iam.twilio.com").auth(OAUTH))
                .await
        }
    });
    for result in futures::future::join_all(calls).await {
        result.unwrap();
    }
    // `expect(1)` on the token endpoint is checked when the server drops.
}

#[tokio::test]
async fn token_errors_do_not_show_the_secret() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "code": 20003, "message": "Authenticate", "status": 401
        })))
        .mount(&server)
        .await;
    ok(&server).await;
    let error = oauth_client(&server)
        .send::<serde_json::Value>(request("https://preview-iam.twilio.com").auth(OAUTH))
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(401));
    assert_eq!(error.operation(), Some("oauth2-token"));
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains(CLIENT_SECRET), "{shown}");
    // The API itself was never called.
    assert!(
        received(&server)
            .await
            .iter()
            .all(|r| r.url.path() == "/v1/token")
    );
}

#[tokio::test]
async fn an_explicit_token_url_wins() {
    let api = MockServer::start().await;
    let tokens = MockServer::start().await;
    token_endpoint(&tokens, &[("elsewhere-token", 3600)]).await;
    Mock::given(method("GET"))
        .and(path("/v1/Things"))
        .and(header("authorization", "Bearer elsewhere-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true})))
        .expect(1)
        .mount(&api)
        .await;
    let client = common::builder(&api.uri())
        .oauth2_client_credentials("client-id", CLIENT_SECRET)
        .oauth2_token_url(format!("{}/v1/token", tokens.uri()))
        .build()
        .unwrap();
    let _: serde_json::Value = client
        .send(request("https://preview-iam.twilio.com").auth(OAUTH))
        .await
        .unwrap();
}

#[tokio::test]
async fn header_parameters_are_sent_under_their_name() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/Things"))
        .and(header("X-Twilio-Webhook-Enabled", "true"))
        .and(header("If-Match", "\"3\""))
        .and(basic_auth(ACCOUNT, TOKEN))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true})))
        .expect(1)
        .mount(&server)
        .await;
    let client = common::client(&server);
    let _: serde_json::Value = client
        .send(
            request("https://api.twilio.com")
                .header("X-Twilio-Webhook-Enabled", &true)
                .header("If-Match", "\"3\""),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn an_authorization_header_parameter_replaces_the_credentials() {
    let server = MockServer::start().await;
    ok(&server).await;
    let client = common::client(&server);
    let request =
        request("https://flex-api.twilio.com").header("Authorization", "Token flex-insights-token");
    let debug = format!("{request:?}");
    assert!(!debug.contains("flex-insights-token"), "{debug}");
    let _: serde_json::Value = client.send(request).await.unwrap();
    let seen = received(&server).await;
    let values: Vec<_> = seen[0].headers.get_all("authorization").iter().collect();
    assert_eq!(values.len(), 1);
    assert_eq!(values[0], "Token flex-insights-token");
}

#[tokio::test]
async fn invalid_header_values_fail_before_sending() {
    let server = MockServer::start().await;
    Mock::given(header_exists("if-match"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = common::client(&server);
    let error = client
        .send::<serde_json::Value>(request("https://api.twilio.com").header("If-Match", "x\ny"))
        .await
        .unwrap_err();
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
    assert!(received(&server).await.is_empty());
}

#[test]
fn from_env_takes_bearer_and_oauth2_credentials() {
    let vars = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    };
    let client = twilio_runtime::ClientBuilder::from_env_lookup(vars(&[
        ("TWILIO_CLIENT_ID", "client-id"),
        ("TWILIO_CLIENT_SECRET", CLIENT_SECRET),
    ]))
    .unwrap()
    .build()
    .unwrap();
    assert_eq!(client.account_sid(), "");
    let client =
        twilio_runtime::ClientBuilder::from_env_lookup(vars(&[("TWILIO_BEARER_TOKEN", BEARER)]))
            .unwrap()
            .build()
            .unwrap();
    assert!(!format!("{client:?}").contains(BEARER));
    let error = twilio_runtime::ClientBuilder::from_env_lookup(vars(&[("TWILIO_CLIENT_ID", "x")]))
        .unwrap_err();
    assert!(
        error.to_string().contains("TWILIO_CLIENT_SECRET"),
        "{error}"
    );
}

//! OAuth2 access tokens on the wire (wiremock): a cached token the server refuses (`401`) is
//! replaced by exactly one token request and the request resent once, also when eight requests
//! are refused at once; a token fetched for the request itself is not fetched again; a JWT
//! without `expires_in` is kept until shortly before its `exp`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant, SystemTime};

use base64::Engine as _;
use twilio_runtime::{Client, Error, Method, Request, Scheme};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request as Received, ResponseTemplate};

mod common;

const OAUTH: &[Scheme] = &[Scheme::OAuth2 {
    token_url: "https://preview-iam.twilio.com/v1/token",
}];

fn request() -> Request {
    Request::new(
        Method::GET,
        "ListThings",
        "https://preview-iam.twilio.com",
        "/v1/Things",
    )
    .auth(OAUTH)
}

fn oauth_client(server: &MockServer) -> Client {
    common::builder(&server.uri())
        .oauth2_client_credentials("client-id", "client-secret")
        .build()
        .unwrap()
}

/// Mounts a token endpoint answering `tokens` in turn: each an access token and its
/// `expires_in` (left out when `None`).
async fn token_endpoint(server: &MockServer, tokens: &[(&str, Option<u64>)]) {
    for (i, (token, expires_in)) in tokens.iter().enumerate() {
        let mut body = serde_json::json!({"access_token": token, "token_type": "Bearer"});
        if let Some(seconds) = expires_in {
            body["expires_in"] = serde_json::json!(seconds);
        }
        Mock::given(method("POST"))
            .and(path("/v1/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .up_to_n_times(1)
            .with_priority(u8::try_from(i + 1).unwrap())
            .mount(server)
            .await;
    }
}

/// Answers `status` to requests carrying `Bearer <token>`, at most `times` times when given.
async fn api(server: &MockServer, token: &str, status: u16, times: Option<u64>, priority: u8) {
    let body = if status == 200 {
        serde_json::json!({"ok": true})
    } else {
        serde_json::json!({"code": 20003, "message": "Authenticate", "status": status})
    };
    let mock = Mock::given(method("GET"))
        .and(path("/v1/Things"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .with_priority(priority);
    let mock = match times {
        Some(n) => mock.up_to_n_times(n),
        None => mock,
    };
    mock.mount(server).await;
}

/// The requests received, as `POST /v1/token` or `GET <authorization>`.
async fn wire(server: &MockServer) -> Vec<String> {
    let received: Vec<Received> = server.received_requests().await.unwrap();
    received
        .iter()
        .map(|r| match r.url.path() {
            "/v1/token" => "token".to_owned(),
            _ => format!(
                "{} {}",
                r.method,
                r.headers
                    .get("authorization")
                    .map(|v| v.to_str().unwrap().to_owned())
                    .unwrap_or_default()
            ),
        })
        .collect()
}

async fn send(client: &Client) -> Result<serde_json::Value, Error> {
    client.send(request()).await
}

#[tokio::test]
async fn a_refused_cached_token_is_replaced_once_and_the_request_resent_once() {
    let server = MockServer::start().await;
    token_endpoint(
        &server,
        &[("old-token", Some(3600)), ("new-token", Some(3600))],
    )
    .await;
    // The old token works once, then is refused (revoked); the new one works.
    api(&server, "old-token", 200, Some(1), 1).await;
    api(&server, "old-token", 401, None, 2).await;
    api(&server, "new-token", 200, None, 1).await;
    let client = oauth_client(&server);
    send(&client).await.unwrap();
    send(&client).await.unwrap();
    // The new token is cached in turn.
    send(&client).await.unwrap();
    assert_eq!(
        wire(&server).await,
        [
            "token",
            "GET Bearer old-token",
            "GET Bearer old-token",
            "token",
            "GET Bearer new-token",
            "GET Bearer new-token",
        ]
    );
}

#[tokio::test]
async fn a_refused_resend_is_the_error_and_a_fresh_token_is_not_fetched_again() {
    let server = MockServer::start().await;
    token_endpoint(
        &server,
        &[
            ("first-token", Some(3600)),
            ("second-token", Some(3600)),
            ("third-token", Some(3600)),
        ],
    )
    .await;
    api(&server, "first-token", 200, Some(1), 1).await;
    api(&server, "first-token", 401, None, 2).await;
    api(&server, "second-token", 401, None, 1).await;
    let client = oauth_client(&server);
    send(&client).await.unwrap();
    // Cached and refused: one new token, one resend, refused too: that is the answer.
    let error = send(&client).await.unwrap_err();
    assert_eq!(error.status(), Some(401), "{error:?}");
    assert_eq!(
        wire(&server).await,
        [
            "token",
            "GET Bearer first-token",
            "GET Bearer first-token",
            "token",
            "GET Bearer second-token",
        ]
    );
    // The second token is cached now: refused, it is replaced once more and the resend with
    // the third is refused too: one token request and one resend again, nothing more.
    api(&server, "third-token", 401, None, 1).await;
    let error = send(&client).await.unwrap_err();
    assert_eq!(error.status(), Some(401));
    assert_eq!(
        wire(&server).await[5..],
        ["GET Bearer second-token", "token", "GET Bearer third-token"]
    );
    // A token fetched for the request itself is not replaced when refused.
    let fresh = MockServer::start().await;
    token_endpoint(&fresh, &[("only-token", Some(3600))]).await;
    api(&fresh, "only-token", 401, None, 1).await;
    let error = send(&oauth_client(&fresh)).await.unwrap_err();
    assert_eq!(error.status(), Some(401));
    assert_eq!(wire(&fresh).await, ["token", "GET Bearer only-token"]);
}

#[tokio::test]
async fn eight_concurrent_refused_requests_share_one_new_token() {
    let server = MockServer::start().await;
    token_endpoint(
        &server,
        &[("old-token", Some(3600)), ("new-token", Some(3600))],
    )
    .await;
    api(&server, "old-token", 200, Some(1), 1).await;
    api(&server, "old-token", 401, None, 2).await;
    api(&server, "new-token", 200, None, 1).await;
    let client = oauth_client(&server);
    send(&client).await.unwrap();
    let calls = (0..8).map(|_| {
        let client = client.clone();
        async move { send(&client).await }
    });
    for result in futures::future::join_all(calls).await {
        result.unwrap();
    }
    let wire = wire(&server).await;
    let count = |what: &str| wire.iter().filter(|w| *w == what).count();
    // One token request at first, exactly one more for the eight refusals.
    assert_eq!(count("token"), 2, "{wire:#?}");
    assert_eq!(count("GET Bearer old-token"), 1 + 8, "{wire:#?}");
    assert_eq!(count("GET Bearer new-token"), 8, "{wire:#?}");
    assert_eq!(wire.len(), 2 + 9 + 8);
}

/// A JWT (`header.payload.signature`, base64url) whose payload is `claims`.
fn jwt(claims: &serde_json::Value) -> String {
    let part = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    format!(
        "{}.{}.{}",
        part(br#"{"alg":"RS256","typ":"JWT"}"#),
        part(claims.to_string().as_bytes()),
        part(b"not-a-real-signature")
    )
}

#[tokio::test]
async fn a_jwt_without_expires_in_is_cached_until_shortly_before_its_exp() {
    let server = MockServer::start().await;
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    // Expires in 3 to 4 seconds: used until a quarter of that before, 2.25 to 3 seconds.
    let token = jwt(&serde_json::json!({"sub": "client-id", "exp": now + 4}));
    // Then a token that is not a JWT, without `expires_in`: used for one request.
    token_endpoint(
        &server,
        &[
            (&token, None),
            ("opaque-token", None),
            ("last-token", Some(3600)),
        ],
    )
    .await;
    for t in [token.as_str(), "opaque-token", "last-token"] {
        api(&server, t, 200, None, 1).await;
    }
    let client = oauth_client(&server);
    let started = Instant::now();
    send(&client).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1500).saturating_sub(started.elapsed())).await;
    send(&client).await.unwrap();
    assert!(started.elapsed() < Duration::from_millis(2200), "too slow");
    assert_eq!(
        wire(&server).await.iter().filter(|w| *w == "token").count(),
        1
    );
    tokio::time::sleep(Duration::from_millis(3500).saturating_sub(started.elapsed())).await;
    send(&client).await.unwrap();
    send(&client).await.unwrap();
    let jwt_header = format!("GET Bearer {token}");
    assert_eq!(
        wire(&server).await,
        [
            "token",
            jwt_header.as_str(),
            jwt_header.as_str(),
            "token",
            "GET Bearer opaque-token",
            "token",
            "GET Bearer last-token",
        ]
    );
}

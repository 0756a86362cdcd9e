//! The runner of `tests/tests/auth_headers_wire.rs`: clients generated from Twilio's documents
//! (Conversations, Sync, IAM Organizations) and from `tests/fixtures/security_headers.yaml`
//! (the bearer scheme, which no Twilio operation uses) against wiremock, each request asserted
//! exactly (method, path, headers, `Authorization` included, body). Prints `OK <name>` per check
//! and exits non-zero on the first failure (a panic).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use wiremock::matchers::{basic_auth, body_string, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";
const TOKEN: &str = "auth-token-never-shown";
const CLIENT_ID: &str = "OQ0123456789abcdef0123456789abcdef";
const CLIENT_SECRET: &str = "client-secret-never-shown";
const CONVERSATION: &str = "CH0123456789abcdef0123456789abcdef";
const SERVICE: &str = "IS0123456789abcdef0123456789abcdef";
const DOCUMENT: &str = "ET0123456789abcdef0123456789abcdef";
const ORGANIZATION: &str = "OR0123456789abcdef0123456789abcdef";

fn runtime_builder(server: &MockServer) -> twilio_runtime::ClientBuilder {
    twilio_runtime::Client::builder()
        .account_sid(ACCOUNT)
        .auth_token(TOKEN)
        .base_url(server.uri())
}

/// The headers of a received request, lowercased, without those every request has.
fn headers(request: &Request) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = request
        .headers
        .iter()
        .filter(|(name, _)| {
            !matches!(
                name.as_str(),
                "host" | "user-agent" | "content-length" | "accept-encoding"
            )
        })
        .map(|(name, value)| (name.as_str().to_owned(), value.to_str().unwrap().to_owned()))
        .collect();
    out.sort();
    out
}

fn basic() -> String {
    // RFC 7617: base64 of `user:password`; computed by hand so that the test does not trust the
    // code under test.
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let input = format!("{ACCOUNT}:{TOKEN}");
    let bytes = input.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    format!("Basic {out}")
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = list
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    out.sort();
    out
}

async fn conversations_webhook_header() {
    use wire_conversations::*;
    let server = MockServer::start().await;
    let messages = format!("/v1/Conversations/{CONVERSATION}/Messages");
    Mock::given(method("POST"))
        .and(path(messages.as_str()))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({
            "sid": "IM0123456789abcdef0123456789abcdef",
            "conversation_sid": CONVERSATION,
            "body": "Hello",
            "author": "alice",
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::from(runtime_builder(&server).build().unwrap());
    let message = client
        .create_conversation_message(
            CONVERSATION,
            CreateConversationMessageParams::new()
                .x_twilio_webhook_enabled(ConversationMessageWebhookEnabledType::False)
                .author("alice")
                .body("Hello"),
        )
        .await
        .unwrap();
    assert_eq!(message.body.as_deref(), Some("Hello"));
    let seen = server.received_requests().await.unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method.as_str(), "POST");
    assert_eq!(seen[0].url.path(), messages);
    assert_eq!(seen[0].url.query(), None);
    assert_eq!(
        headers(&seen[0]),
        pairs(&[
            ("accept", "application/json"),
            ("authorization", basic().as_str()),
            ("content-type", "application/x-www-form-urlencoded"),
            ("x-twilio-webhook-enabled", "false"),
        ])
    );
    assert_eq!(
        String::from_utf8(seen[0].body.clone()).unwrap(),
        "Author=alice&Body=Hello"
    );
    println!("OK conversations X-Twilio-Webhook-Enabled");
}

async fn sync_if_match_round_trip() {
    use wire_sync::*;
    let server = MockServer::start().await;
    let document = format!("/v1/Services/{SERVICE}/Documents/{DOCUMENT}");
    Mock::given(method("GET"))
        .and(path(document.as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("ETag", "\"7\"")
                .set_body_json(serde_json::json!({"sid": DOCUMENT, "revision": "7"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(document.as_str()))
        .and(header("If-Match", "\"7\""))
        .and(basic_auth(ACCOUNT, TOKEN))
        .and(body_string("Data=%7B%22on%22%3Atrue%7D"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"sid": DOCUMENT, "revision": "8"}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::from(runtime_builder(&server).build().unwrap());
    let read = client
        .fetch_document(SERVICE, DOCUMENT).with_metadata()
        .await
        .unwrap();
    let etag = read.meta().etag().unwrap().to_owned();
    let updated = client
        .update_document(
            SERVICE,
            DOCUMENT,
            UpdateDocumentParams::new()
                .if_match(etag)
                .data(serde_json::json!({"on": true})),
        )
        .await
        .unwrap();
    assert_eq!(updated.revision.as_deref(), Some("8"));
    let seen = server.received_requests().await.unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!(
        headers(&seen[1]),
        pairs(&[
            ("accept", "application/json"),
            ("authorization", basic().as_str()),
            ("content-type", "application/x-www-form-urlencoded"),
            ("if-match", "\"7\""),
        ])
    );
    // An If-Match value that is not a header value fails before anything is sent.
    let error = client
        .update_document(
            SERVICE,
            DOCUMENT,
            UpdateDocumentParams::new().if_match("\"7\"\r\nX-Injected: 1"),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            twilio_runtime::Error::InvalidInput {
                parameter: "If-Match",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    println!("OK sync If-Match/ETag");
}

async fn organizations_oauth2() {
    use wire_organizations::*;
    let server = MockServer::start().await;
    let tokens = [("first-access-token", 0), ("second-access-token", 3600)];
    for (i, (token, expires_in)) in tokens.iter().enumerate() {
        Mock::given(method("POST"))
            .and(path("/v1/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": expires_in,
            })))
            .up_to_n_times(1)
            .with_priority(u8::try_from(i + 1).unwrap())
            .expect(1)
            .mount(&server)
            .await;
    }
    let account = format!("/Organizations/{ORGANIZATION}/Accounts/{ACCOUNT}");
    Mock::given(method("GET"))
        .and(path(account.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"account_sid": ACCOUNT, "friendly_name": "Main"}),
        ))
        .expect(3)
        .mount(&server)
        .await;
    // Basic credentials alone cannot satisfy the document's OAuth2 scheme: a typed error, and the
    // server sees nothing.
    let basic_only = Client::from(runtime_builder(&server).build().unwrap());
    let error = basic_only
        .fetch_organization_account(ORGANIZATION, ACCOUNT)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            twilio_runtime::Error::Unauthenticated {
                operation: "FetchOrganizationAccount",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());

    let client = Client::from(
        twilio_runtime::Client::builder()
            .oauth2_client_credentials(CLIENT_ID, CLIENT_SECRET)
            .base_url(server.uri())
            .build()
            .unwrap(),
    );
    for _ in 0..3 {
        let fetched = client
            .fetch_organization_account(ORGANIZATION, ACCOUNT)
            .await
            .unwrap();
        assert_eq!(fetched.account_sid.as_deref(), Some(ACCOUNT));
    }
    let seen = server.received_requests().await.unwrap();
    let token_body =
        format!("grant_type=client_credentials&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}");
    let expected = [
        ("POST", "/v1/token", None, token_body.as_str()),
        ("GET", account.as_str(), Some("Bearer first-access-token"), ""),
        ("POST", "/v1/token", None, token_body.as_str()),
        ("GET", account.as_str(), Some("Bearer second-access-token"), ""),
        ("GET", account.as_str(), Some("Bearer second-access-token"), ""),
    ];
    assert_eq!(seen.len(), expected.len());
    for (request, (verb, at, authorization, body)) in seen.iter().zip(expected) {
        assert_eq!(request.method.as_str(), verb);
        assert_eq!(request.url.path(), at);
        let mut want = vec![("accept", "application/json")];
        if let Some(authorization) = authorization {
            want.push(("authorization", authorization));
        }
        if verb == "POST" {
            want.push(("content-type", "application/x-www-form-urlencoded"));
        }
        assert_eq!(headers(request), pairs(&want), "{verb} {at}");
        assert_eq!(String::from_utf8(request.body.clone()).unwrap(), body);
    }
    let shown = format!("{client:?}");
    assert!(!shown.contains(CLIENT_SECRET) && !shown.contains("second-access-token"), "{shown}");
    println!("OK organizations OAuth2 client credentials");
}

async fn fixture_bearer_and_headers() {
    use wire_fixture::*;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/Lamps"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"lamps": []})))
        .mount(&server)
        .await;
    let client = Client::from(
        runtime_builder(&server)
            .bearer_token("bearer-token-never-shown")
            .build()
            .unwrap(),
    );
    client.list_lamp(ListLampParams::new()).await.unwrap();
    // The Authorization header parameter replaces the credentials; `Debug` hides it.
    let params = ListLampParams::new().authorization("Token lamp-service-token");
    assert!(!format!("{params:?}").contains("lamp-service-token"));
    client.list_lamp(params).await.unwrap();
    let seen = server.received_requests().await.unwrap();
    assert_eq!(
        headers(&seen[0]),
        pairs(&[
            ("accept", "application/json"),
            ("authorization", "Bearer bearer-token-never-shown"),
        ])
    );
    assert_eq!(
        headers(&seen[1]),
        pairs(&[
            ("accept", "application/json"),
            ("authorization", "Token lamp-service-token"),
        ])
    );
    println!("OK fixture bearer and Authorization parameter");
}

#[tokio::main]
async fn main() {
    conversations_webhook_header().await;
    sync_if_match_round_trip().await;
    organizations_oauth2().await;
    fixture_bearer_and_headers().await;
}

//! What the runtime's wiremock tests share: a client builder pointed at a local server, with
//! fast retries, and the test account's basic credentials.
#![allow(dead_code, clippy::unwrap_used)]

use std::time::Duration;

use twilio_runtime::{Client, ClientBuilder, RetryPolicy};
use wiremock::MockServer;

/// The account SID of the tests' basic credentials.
pub const ACCOUNT: &str = "AC00000000000000000000000000000001";
/// The auth token of the tests' basic credentials (tests check that it is never shown).
pub const TOKEN: &str = "very-secret-auth-token";

/// The default retry policy with short pauses, so that tests that retry stay quick.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(20))
}

/// A builder sending to `base_url` (a local server) with fast retries and no credentials.
pub fn builder(base_url: &str) -> ClientBuilder {
    Client::builder().base_url(base_url).retry(fast_retries())
}

/// [`builder`] with the test account's basic credentials ([`ACCOUNT`], [`TOKEN`]).
pub fn basic(base_url: &str) -> ClientBuilder {
    builder(base_url).account_sid(ACCOUNT).auth_token(TOKEN)
}

/// A client of `server` with the test account's basic credentials and fast retries.
pub fn client(server: &MockServer) -> Client {
    basic(&server.uri()).build().unwrap()
}

//! What the runtime's wiremock tests share: a client builder pointed at a local server, with
//! fast retries, and the test account's basic credentials.
#![allow(dead_code, clippy::unwrap_used)]

use std::time::Duration;

use serde::Deserialize;
use twilio_runtime::{Client, ClientBuilder, Page, RetryPolicy};
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

/// A call as the paging tests read it: its SID.
#[derive(Debug, Deserialize, PartialEq)]
pub struct Call {
    /// `sid`.
    pub sid: String,
}

/// A page of calls, as Twilio's list answers shape it (`calls`, `next_page_uri`).
#[derive(Debug, Deserialize)]
pub struct CallPage {
    /// The calls of this page.
    pub calls: Vec<Call>,
    /// The next page's path, absent on the last page.
    pub next_page_uri: Option<String>,
}

impl Page for CallPage {
    type Item = Call;
    fn next_page_uri(&self) -> Option<&str> {
        self.next_page_uri.as_deref()
    }
    fn into_items(self) -> Vec<Call> {
        self.calls
    }
}

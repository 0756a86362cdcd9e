//! The runtime shared by the generated Twilio API clients.
//!
//! Generated crates (such as `twilio-calls`) describe each operation as a [`Request`] and
//! hand it to a [`Client`], which adds everything that is not in the spec:
//!
//! - **credentials**: HTTP basic authentication with an account SID and auth token, or an
//!   API key and secret ([`ClientBuilder`], [`Client::from_env`]); a bearer token; OAuth2 client
//!   credentials with a cached access token; each operation says which it accepts ([`Scheme`]);
//! - **hosts**: Twilio regions and edges (`api.dublin.ie1.twilio.com`), or a base URL
//!   override for tests and proxies;
//! - **transport**: one connection pool per client (HTTP/1.1 and HTTP/2 over rustls with the
//!   `ring` provider and the platform's root certificates), timeouts;
//! - **retries**: exponential backoff with full jitter for `429`/`503` and connection
//!   failures on idempotent requests, honouring `Retry-After` ([`RetryPolicy`]);
//! - **errors**: Twilio's error documents, decoding errors that name the failing field,
//!   timeouts ([`Error`]);
//! - **pagination**: a lazy [`Stream`](futures_core::Stream) over every item of a list
//!   ([`Paginator`]);
//! - **tracing**: one `twilio.request` span per request with the operation, method, path
//!   template, status, attempt and duration (never credentials, parameter values or bodies);
//! - helpers for generated code: [`sid`] validation, date adapters in [`serde`](mod@serde),
//!   [`Param`] for query and form values, [`REDACTED`] for `Debug` output;
//! - **XML** (cargo feature `xml`): XML response and request bodies through quick-xml
//!   (`xml` module), for APIs that speak XML such as Twilio's 2008-08-01 API;
//! - **webhooks** (cargo feature `webhook`): checking the `X-Twilio-Signature` of the requests
//!   Twilio sends to an application and decoding their parameters (`webhook` module);
//! - **TwiML** (cargo feature `twiml`): a typed builder for the Voice and Messaging TwiML
//!   documents an application answers with (`twiml` module);
//! - **server variables**: a server URL with a variable (`{install}/api`, an API served by the
//!   user's own install) filled in from [`ClientBuilder::server_variable`].
//!
//! # Example
//!
//! Generated crates wrap all of this in typed methods; the runtime can also be used
//! directly:
//!
//! ```no_run
//! use twilio_runtime::{Client, Method, Request};
//!
//! # async fn run() -> Result<(), twilio_runtime::Error> {
//! // TWILIO_ACCOUNT_SID plus TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET).
//! let client = Client::from_env()?;
//!
//! #[derive(serde::Deserialize)]
//! struct Call {
//!     sid: String,
//!     status: Option<String>,
//! }
//!
//! let request = Request::new(
//!     Method::POST,
//!     "CreateCall",
//!     "https://api.twilio.com",
//!     "/2010-04-01/Accounts/{AccountSid}/Calls.json",
//! )
//! .path_param("AccountSid", client.account_sid())
//! .form("To", "+15558675310")
//! .form("From", "+15017122661")
//! .form("Url", "http://demo.twilio.com/docs/voice.xml");
//!
//! match client.send::<Call>(request).await {
//!     Ok(call) => println!("{} is {:?}", call.sid, call.status),
//!     Err(twilio_runtime::Error::Api(error)) => {
//!         eprintln!("Twilio refused: {} ({:?})", error.message(), error.code())
//!     }
//!     Err(error) => return Err(error),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Layers
//!
//! The modules are layers that import downward only (a module uses its own layer and the layers
//! below, never those above; `generator/tests/structure.rs` checks it), bottom first:
//!
//! 1. **ids and errors**: `scheme` ([`Scheme`]), [`sid`], `error` ([`Error`], [`ApiError`]);
//! 2. **wire encoding**: [`serde`](mod@serde) (dates, lenient numbers), `xml`, [`flags`],
//!    [`one_of`];
//! 3. **requests and responses**: `request` ([`Request`], [`Param`]), `response`, `metadata`
//!    ([`Response`]);
//! 4. **transport, retries, authentication**: `transport` ([`Transport`]), `retry`
//!    ([`RetryPolicy`]), `auth` (credentials, the OAuth2 token cache);
//! 5. **the client**: `client` ([`Client`] and its [`ClientBuilder`], which refer to each other,
//!    settings, sending one request, OAuth2 token requests, [`RequestOptions`]);
//! 6. **on top of the client**: `paginate` ([`Paginator`]), `redirect` ([`Redirect`]), `wait`
//!    ([`wait_until`]), `pending` ([`Pending`], the request value every generated operation
//!    method returns);
//!
//! and beside the core, using it and never used by it, the optional modules `mock`, `webhook`
//! and `twiml`. Everything public is re-exported here, at the crate root, whatever file it lives
//! in.
//!
//! # Retries and side effects
//!
//! `POST` requests (creating a call, sending a message) are never retried by default: a
//! request that timed out may have been performed, and sending it again would place a second
//! call. See [`RetryPolicy::retry_non_idempotent`].
#![cfg_attr(docsrs, feature(doc_cfg))]

// Layer 1: ids and errors.
mod error;
mod scheme;
pub mod sid;
// Layer 2: wire encoding and decoding.
pub mod flags;
pub mod one_of;
pub mod serde;
mod wire_enum;
#[cfg(feature = "xml")]
pub mod xml;
// Layer 3: requests and responses.
mod metadata;
mod request;
mod response;
// Layer 4: transport, retries, authentication.
mod auth;
mod retry;
mod transport;
// Layer 5: the client and its configuration.
mod client;
// Layer 6: on top of the client.
mod paginate;
mod pending;
mod redirect;
mod wait;
// Beside the core: optional modules.
#[cfg(feature = "mock")]
pub mod mock;
#[cfg(feature = "twiml")]
pub mod twiml;
#[cfg(feature = "webhook")]
pub mod webhook;

/// The HTTP client crate underneath, for [`ClientBuilder::http_client`] and [`Transport`].
pub use ::reqwest;
pub use client::{
    Client, ClientBuilder, DEFAULT_DEADLINE, DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_EMPTY_PAGES,
    ENV_ACCOUNT_SID, ENV_API_KEY, ENV_API_SECRET, ENV_AUTH_TOKEN, ENV_BASE_URL, ENV_BEARER_TOKEN,
    ENV_CLIENT_ID, ENV_CLIENT_SECRET, ENV_EDGE, ENV_REGION, RequestOptions, reqwest_client_builder,
};
pub use error::{ApiError, Error};
pub use metadata::{Response, ResponseMeta};
pub use paginate::{Page, Paginator};
pub use pending::{Decode, Pending, ResponseFuture, WithMetadata, decode};
pub use redirect::Redirect;
pub use request::{Param, Request};
/// The HTTP method of a [`Request`] (re-exported from `reqwest`/`http`).
pub use reqwest::Method;
pub use response::decode_json;
pub use retry::RetryPolicy;
/// A decimal number that keeps every digit: the type of amounts of money such as `price`
/// (re-exported from [`rust_decimal`](https://docs.rs/rust_decimal)).
pub use rust_decimal::Decimal;
pub use scheme::Scheme;
pub use sid::InvalidSid;
pub use transport::{HttpRequest, Transport, TransportFuture};
pub use wait::{WaitOptions, wait_until};

/// What users of a generated crate name besides the crate's own types, re-exported so that
/// their `Cargo.toml` needs the client crate (and an async runtime) only: the `time` crate
/// (dates of filters and fields), `serde_json` (free-form values), and the `Stream` trait with
/// [`TryStreamExt`](futures_util::TryStreamExt) (`try_next`, `try_collect`) for `*_stream`
/// methods.
pub mod reexports {
    pub use ::futures_core::Stream;
    pub use ::futures_util::{StreamExt, TryStreamExt};
    pub use ::serde_json;
    pub use ::time;
}

/// What `Debug` implementations print instead of a secret (auth tokens, API secrets, and
/// fields generated code marks as sensitive).
pub const REDACTED: &str = "[redacted]";

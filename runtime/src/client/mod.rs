//! The client: sends requests with credentials, retries and tracing; its configuration.
//!
//! [`Client`] (this file) and its [`ClientBuilder`] (`builder.rs`) refer to each other, as a type
//! and its builder do; `settings.rs` holds what the builder validated (hosts, timeouts, limits),
//! `execute.rs` sends one request (hosts, credentials, retries, deadline, tracing),
//! `oauth2.rs` fetches OAuth2 tokens, `options.rs` holds the per-request options.

use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::metadata::{Response, ResponseMeta};
use crate::request::Request;
use crate::response;
use crate::transport::Transport;

mod builder;
mod execute;
mod oauth2;
mod options;
mod settings;
#[cfg(test)]
mod tests;

pub use builder::{ClientBuilder, reqwest_client_builder};
pub(crate) use execute::{Prepared, parse_url};
pub use options::RequestOptions;
pub(crate) use settings::Settings;
pub use settings::{
    DEFAULT_DEADLINE, DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_EMPTY_PAGES, ENV_ACCOUNT_SID, ENV_API_KEY,
    ENV_API_SECRET, ENV_AUTH_TOKEN, ENV_BASE_URL, ENV_BEARER_TOKEN, ENV_CLIENT_ID,
    ENV_CLIENT_SECRET, ENV_EDGE, ENV_REGION,
};

/// A Twilio API client: credentials, region and edge, timeouts, retries and one connection
/// pool.
///
/// Cheap to clone (the clones share the pool and settings) and safe to share between
/// tasks. Generated API crates wrap it; operations build a [`Request`] and pass it to
/// [`send`](Client::send), [`send_empty`](Client::send_empty) or
/// [`paginate`](Client::paginate).
///
/// Its [`Debug`](fmt::Debug) output never shows the auth token or API secret.
///
/// ```no_run
/// # async fn run() -> Result<(), twilio_runtime::Error> {
/// use twilio_runtime::{Client, Method, Request};
///
/// let client = Client::from_env()?;
/// let request = Request::new(
///     Method::GET,
///     "FetchAccount",
///     "https://api.twilio.com",
///     "/2010-04-01/Accounts/{Sid}.json",
/// )
/// .path_param("Sid", client.account_sid());
/// let account: serde_json::Value = client.send(request).await?;
/// println!("{}", account["friendly_name"]);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    account_sid: Arc<str>,
    settings: Arc<Settings>,
    http: reqwest::Client,
    /// Options of this view ([`Client::with_options`]), applied to every request it sends.
    options: Option<Arc<RequestOptions>>,
    /// A transport replacing `http` ([`ClientBuilder::transport`]).
    transport: Option<Arc<dyn Transport>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let settings = &self.settings;
        f.debug_struct("Client")
            .field(
                "account_sid",
                &crate::auth::shown_identifier(&self.account_sid),
            )
            .field("credentials", &settings.credentials)
            .field("region", &settings.region)
            .field("edge", &settings.edge)
            .field("base_url", &settings.base_url)
            .field("timeout", &settings.timeout)
            .field("connect_timeout", &settings.connect_timeout)
            .field("retry", &settings.retry)
            .field("deadline", &settings.deadline)
            .field("max_body_size", &settings.max_body_size)
            .field("max_empty_pages", &settings.max_empty_pages)
            .field("user_agent", &settings.user_agent)
            .field("server_variables", &settings.server_variables)
            .field("options", &self.options)
            .field("custom_transport", &self.transport.is_some())
            .field("auth", &settings.auth)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A [`ClientBuilder`] for every setting (API keys, region, edge, base URL, timeouts,
    /// retries).
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client authenticating with an account SID and its auth token, with default
    /// settings.
    ///
    /// # Errors
    /// [`Error::Config`] when a credential is empty or invalid, or the HTTP client cannot be
    /// built.
    pub fn new(
        account_sid: impl Into<String>,
        auth_token: impl Into<String>,
    ) -> Result<Client, Error> {
        ClientBuilder::new()
            .account_sid(account_sid)
            .auth_token(auth_token)
            .build()
    }

    /// A client configured from `TWILIO_ACCOUNT_SID`, then `TWILIO_API_KEY` and
    /// `TWILIO_API_SECRET` (preferred when both are set) or `TWILIO_AUTH_TOKEN`, and the
    /// optional `TWILIO_REGION` and `TWILIO_EDGE`. See [`ClientBuilder::from_env`] to change
    /// other settings too.
    ///
    /// # Errors
    /// [`Error::Config`] naming the variables that are missing, or an invalid value.
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env()?.build()
    }

    pub(crate) fn from_parts(
        account_sid: Arc<str>,
        settings: Arc<Settings>,
        http: reqwest::Client,
    ) -> Client {
        Client {
            account_sid,
            settings,
            http,
            options: None,
            transport: None,
        }
    }

    /// Sends requests through `transport` instead of the connection pool.
    pub(crate) fn set_transport(&mut self, transport: Arc<dyn Transport>) {
        self.transport = Some(transport);
    }

    /// The same client (same connection pool, credentials and settings: no new client is
    /// built) sending every request with `options`: a timeout, extra headers or a retry policy
    /// for some requests only. The view is cheap to make and to drop; `self` is unchanged.
    ///
    /// ```no_run
    /// # async fn run(client: twilio_runtime::Client, request: twilio_runtime::Request) -> Result<(), twilio_runtime::Error> {
    /// use std::time::Duration;
    /// use twilio_runtime::RequestOptions;
    ///
    /// let quick = client.with_options(RequestOptions::new().timeout(Duration::from_secs(2)));
    /// let call: serde_json::Value = quick.send(request).await?;
    /// # Ok(()) }
    /// ```
    pub fn with_options(&self, options: RequestOptions) -> Client {
        Client {
            options: Some(Arc::new(options)),
            ..self.clone()
        }
    }

    /// The options of this view, when set with [`with_options`](Client::with_options).
    pub fn options(&self) -> Option<&RequestOptions> {
        self.options.as_deref()
    }

    pub(crate) fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The account whose resources operations address (the `{AccountSid}` path parameter).
    pub fn account_sid(&self) -> &str {
        &self.account_sid
    }

    /// The same client (same connection pool, credentials and settings) addressing another
    /// account, typically a subaccount: credentials of a parent account can manage its
    /// subaccounts.
    pub fn with_account_sid(&self, account_sid: impl Into<String>) -> Client {
        Client {
            account_sid: Arc::from(account_sid.into()),
            ..self.clone()
        }
    }

    /// Sends `request` and decodes the JSON body of the successful (2xx) response.
    ///
    /// Fields of the body that `T` does not know are ignored.
    ///
    /// # Errors
    /// [`Error::Api`] or [`Error::Http`] for an error status, [`Error::Decode`] when the body
    /// does not match `T`, [`Error::Timeout`] or [`Error::Transport`] when no response
    /// arrived, [`Error::InvalidInput`] when the request cannot be built.
    pub async fn send<T: DeserializeOwned>(&self, request: Request) -> Result<T, Error> {
        let prepared = self.prepare(request)?;
        self.execute(prepared, response::read_json).await
    }

    /// [`send`](Client::send), returning the response's status and headers with the value
    /// (`Twilio-Request-Id` among them): see [`Response`].
    ///
    /// # Errors
    /// Like [`send`](Client::send).
    pub async fn send_with_metadata<T: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<Response<T>, Error> {
        let prepared = self.prepare(request)?;
        self.execute(prepared, |operation, response| async move {
            let meta = ResponseMeta::of(&response);
            let value = response::read_json(operation, response).await?;
            Ok(Response::new(value, meta))
        })
        .await
    }

    /// [`send_empty`](Client::send_empty), returning the response's status and headers.
    ///
    /// # Errors
    /// Like [`send_empty`](Client::send_empty).
    pub async fn send_empty_with_metadata(&self, request: Request) -> Result<Response<()>, Error> {
        let prepared = self.prepare(request)?;
        self.execute(prepared, |_, response| async move {
            let meta = ResponseMeta::of(&response);
            let _ = response::read_limited(response, 64 * 1024).await;
            Ok(Response::new((), meta))
        })
        .await
    }

    /// Sends `request` and expects a successful (2xx) response whose body, if any, is
    /// ignored (e.g. `204 No Content` of a delete).
    ///
    /// # Errors
    /// Like [`send`](Client::send), [`Error::Decode`] excepted.
    pub async fn send_empty(&self, request: Request) -> Result<(), Error> {
        let prepared = self.prepare(request)?;
        self.execute(prepared, |_, response| async move {
            // Read what little there is so that the connection can be reused; the
            // operation succeeded whatever happens to the body.
            let _ = response::read_limited(response, 64 * 1024).await;
            Ok(())
        })
        .await
    }

    /// Sends `request` and decodes the XML body of the successful (2xx) response (cargo
    /// feature `xml`): see [`xml::decode_xml`](crate::xml::decode_xml). `root` is the name the
    /// document's root element must have, when the spec names it.
    ///
    /// # Errors
    /// Like [`send`](Client::send).
    #[cfg(feature = "xml")]
    pub async fn send_xml<T: DeserializeOwned>(
        &self,
        request: Request,
        root: Option<&'static str>,
    ) -> Result<T, Error> {
        let prepared = self.prepare(request)?;
        self.execute(prepared, move |exchange, response| async move {
            let body = exchange.read_body(response).await?;
            crate::xml::decode_xml(exchange.operation, root, &body)
        })
        .await
    }

    /// Sends `request` and returns the body of the successful (2xx) response as text: for
    /// responses the spec does not describe.
    ///
    /// # Errors
    /// Like [`send`](Client::send); [`Error::Decode`] when the body is not UTF-8.
    pub async fn send_text(&self, request: Request) -> Result<String, Error> {
        let prepared = self.prepare(request)?;
        self.execute(prepared, |exchange, response| async move {
            let body = exchange.read_body(response).await?;
            response::utf8(exchange.operation, body)
        })
        .await
    }
}

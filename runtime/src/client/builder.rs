//! [`ClientBuilder`]: credentials, environment variables, hosts, timeouts and limits, checked
//! when the [`Client`] is built.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::{ACCEPT, HeaderMap, HeaderValue};

use super::Client;
use super::settings::*;
use crate::REDACTED;
use crate::auth::{AuthBuilder, Credentials, check_identifier, check_secret, shown_identifier};
use crate::error::Error;
use crate::retry::RetryPolicy;
use crate::transport::Transport;

/// Configures and builds a [`Client`].
///
/// ```no_run
/// use std::time::Duration;
/// use twilio_runtime::{Client, RetryPolicy};
///
/// # fn main() -> Result<(), twilio_runtime::Error> {
/// let client = Client::builder()
///     .account_sid("AC00000000000000000000000000000000")
///     .api_key("SK00000000000000000000000000000000", "api-secret")
///     .region("ie1")
///     .edge("dublin")
///     .timeout(Duration::from_secs(10))
///     .retry(RetryPolicy::default().max_attempts(5))
///     .user_agent_suffix("my-app/1.2")
///     .build()?;
/// # Ok(())
/// # }
/// ```
///
/// Its [`Debug`](fmt::Debug) output never shows the auth token or API secret.
#[derive(Clone)]
#[must_use]
pub struct ClientBuilder {
    pub(super) account_sid: Option<String>,
    auth_token: Option<String>,
    pub(super) api_key: Option<(String, String)>,
    region: Option<String>,
    edge: Option<String>,
    base_url: Option<String>,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    deadline: Duration,
    max_body_size: usize,
    max_empty_pages: u32,
    user_agent_suffix: Option<String>,
    server_variables: Vec<(String, String)>,
    http_client: Option<reqwest::Client>,
    transport: Option<Arc<dyn Transport>>,
    auth: AuthBuilder,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            account_sid: None,
            auth_token: None,
            api_key: None,
            region: None,
            edge: None,
            base_url: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            retry: RetryPolicy::default(),
            deadline: DEFAULT_DEADLINE,
            max_body_size: DEFAULT_MAX_BODY_SIZE,
            max_empty_pages: DEFAULT_MAX_EMPTY_PAGES,
            user_agent_suffix: None,
            server_variables: Vec::new(),
            http_client: None,
            transport: None,
            auth: AuthBuilder::default(),
        }
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |set: bool| if set { Some(REDACTED) } else { None };
        f.debug_struct("ClientBuilder")
            .field(
                "account_sid",
                &self.account_sid.as_deref().map(shown_identifier),
            )
            .field("auth_token", &redacted(self.auth_token.is_some()))
            .field(
                "api_key",
                &self
                    .api_key
                    .as_ref()
                    .map(|(key_sid, _)| (key_sid, REDACTED)),
            )
            .field("region", &self.region)
            .field("edge", &self.edge)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("deadline", &self.deadline)
            .field("max_body_size", &self.max_body_size)
            .field("max_empty_pages", &self.max_empty_pages)
            .field("user_agent_suffix", &self.user_agent_suffix)
            .field("server_variables", &self.server_variables)
            .field("custom_http_client", &self.http_client.is_some())
            .field("custom_transport", &self.transport.is_some())
            .field("auth", &self.auth)
            .finish()
    }
}

impl ClientBuilder {
    /// A builder with no credentials, no region or edge, a 30 s timeout, a 10 s connect
    /// timeout and the default [`RetryPolicy`].
    pub fn new() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A builder configured from the process environment: see
    /// [`from_env_lookup`](ClientBuilder::from_env_lookup).
    ///
    /// # Errors
    /// [`Error::Config`] naming the variables that are missing.
    pub fn from_env() -> Result<ClientBuilder, Error> {
        ClientBuilder::from_env_lookup(|name| std::env::var(name).ok())
    }

    /// A builder configured from variables looked up with `lookup` (which returns `None` for
    /// an unset variable): `TWILIO_ACCOUNT_SID` (required), then either `TWILIO_API_KEY` and
    /// `TWILIO_API_SECRET` (preferred when both are set) or `TWILIO_AUTH_TOKEN`, and the
    /// optional `TWILIO_REGION`, `TWILIO_EDGE` and `TWILIO_BASE_URL` (every request goes to this
    /// base URL instead of Twilio's hosts: a mock server or a proxy; see
    /// [`base_url`](ClientBuilder::base_url)).
    ///
    /// Values are trimmed; empty values count as unset. A `TWILIO_ACCOUNT_SID` that is not an
    /// account SID (`AC` and 32 hexadecimal digits) is an error naming the variable.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use twilio_runtime::ClientBuilder;
    ///
    /// let vars = HashMap::from([("TWILIO_AUTH_TOKEN", "token")]);
    /// let error = ClientBuilder::from_env_lookup(|name| vars.get(name).map(|v| v.to_string()))
    ///     .unwrap_err();
    /// assert!(error.to_string().contains("TWILIO_ACCOUNT_SID"));
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`] naming the variables that are missing.
    pub fn from_env_lookup(
        mut lookup: impl FnMut(&str) -> Option<String>,
    ) -> Result<ClientBuilder, Error> {
        let mut get = |name: &str| {
            lookup(name)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };
        let account_sid = get(ENV_ACCOUNT_SID);
        let auth_token = get(ENV_AUTH_TOKEN);
        let api_key = get(ENV_API_KEY);
        let api_secret = get(ENV_API_SECRET);
        let region = get(ENV_REGION);
        let edge = get(ENV_EDGE);
        let base_url = get(ENV_BASE_URL);
        let bearer_token = get(ENV_BEARER_TOKEN);
        let client_id = get(ENV_CLIENT_ID);
        let client_secret = get(ENV_CLIENT_SECRET);

        let mut missing = Vec::new();
        let mut builder = ClientBuilder::new();
        // Bearer and OAuth2 credentials are enough on their own (for APIs that take only them);
        // basic credentials need the account SID.
        let other = bearer_token.is_some() || client_id.is_some() || client_secret.is_some();
        let basic = account_sid.is_some()
            || auth_token.is_some()
            || api_key.is_some()
            || api_secret.is_some();
        if let Some(token) = bearer_token {
            builder = builder.bearer_token(token);
        }
        match (client_id, client_secret) {
            (Some(id), Some(secret)) => builder = builder.oauth2_client_credentials(id, secret),
            (Some(_), None) => missing.push(format!(
                "{ENV_CLIENT_SECRET} is not set ({ENV_CLIENT_ID} is)"
            )),
            (None, Some(_)) => missing.push(format!(
                "{ENV_CLIENT_ID} is not set ({ENV_CLIENT_SECRET} is)"
            )),
            (None, None) => {}
        }
        if basic || !other {
            match &account_sid {
                None => missing.push(format!("{ENV_ACCOUNT_SID} is not set")),
                // Named here rather than failing later as a connection or authentication
                // error; the value is not quoted (a token may have been pasted with it).
                Some(sid) if crate::sid::validate("AC", sid).is_err() => missing.push(format!(
                    "{ENV_ACCOUNT_SID} is not an account SID (`AC` followed by 32 hexadecimal digits)"
                )),
                Some(_) => {}
            }
            match (api_key, api_secret, auth_token) {
                (Some(key_sid), Some(secret), _) => builder = builder.api_key(key_sid, secret),
                (_, _, Some(auth_token)) => builder = builder.auth_token(auth_token),
                (Some(_), None, None) => missing.push(format!(
                    "{ENV_API_SECRET} is not set ({ENV_API_KEY} is; alternatively set {ENV_AUTH_TOKEN})"
                )),
                (None, Some(_), None) => missing.push(format!(
                    "{ENV_API_KEY} is not set ({ENV_API_SECRET} is; alternatively set {ENV_AUTH_TOKEN})"
                )),
                (None, None, None) if other => {}
                (None, None, None) => missing.push(format!(
                    "no credentials: set {ENV_AUTH_TOKEN}, or {ENV_API_KEY} and {ENV_API_SECRET} (or {ENV_BEARER_TOKEN}, or {ENV_CLIENT_ID} and {ENV_CLIENT_SECRET})"
                )),
            }
        }
        if !missing.is_empty() {
            return Err(Error::Config(missing.join("; ")));
        }
        if let Some(account_sid) = account_sid {
            builder = builder.account_sid(account_sid);
        }
        if let Some(region) = region {
            builder = builder.region(region);
        }
        if let Some(edge) = edge {
            builder = builder.edge(edge);
        }
        if let Some(base_url) = base_url {
            builder = builder.base_url(base_url);
        }
        Ok(builder)
    }

    /// The account SID (`AC...`): the `{AccountSid}` of request paths, and the user name
    /// when authenticating with an auth token.
    pub fn account_sid(mut self, account_sid: impl Into<String>) -> Self {
        self.account_sid = Some(account_sid.into());
        self
    }

    /// Authenticate with the account's auth token.
    pub fn auth_token(mut self, auth_token: impl Into<String>) -> Self {
        self.auth_token = Some(auth_token.into());
        self
    }

    /// Authenticate with an API key (`SK...`) and its secret; preferred over an auth token
    /// when both are set.
    pub fn api_key(mut self, key_sid: impl Into<String>, secret: impl Into<String>) -> Self {
        self.api_key = Some((key_sid.into(), secret.into()));
        self
    }

    /// The token of operations that authenticate with an HTTP bearer token (their document's
    /// security scheme `type: http, scheme: bearer`): sent as `Authorization: Bearer <token>`.
    /// Never shown by `Debug`. From the environment: `TWILIO_BEARER_TOKEN`.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.auth.bearer_token = Some(token.into());
        self
    }

    /// The OAuth2 client of operations that authenticate with OAuth2 client credentials (their
    /// document's `flows.clientCredentials`): the client posts
    /// `grant_type=client_credentials&client_id=..&client_secret=..` to the document's token
    /// URL, sends the access token as `Authorization: Bearer <token>`, keeps it until shortly
    /// before it expires (`expires_in`: a quarter of its lifetime early, at most a minute) and
    /// then fetches a new one; concurrent requests wait for one token request. The secret and
    /// the tokens are never shown by `Debug`, logs or errors. From the environment:
    /// `TWILIO_CLIENT_ID` and `TWILIO_CLIENT_SECRET`.
    pub fn oauth2_client_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.auth.client_credentials = Some((client_id.into(), client_secret.into()));
        self
    }

    /// Fetches OAuth2 tokens from `url` instead of the token URL of the operation's document
    /// (a mock server, a proxy). Without it, a [`base_url`](ClientBuilder::base_url) override
    /// receives the token requests too, at the token URL's path.
    pub fn oauth2_token_url(mut self, url: impl Into<String>) -> Self {
        self.auth.token_url = Some(url.into());
        self
    }

    /// The Twilio region, e.g. `au1`, `ie1` or `us1`: `api.twilio.com` becomes
    /// `api.{edge}.{region}.twilio.com` (or `api.{region}.twilio.com` without an edge).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The Twilio edge location, e.g. `sydney`, `dublin` or `ashburn`; the region defaults
    /// to `us1` when only an edge is set.
    pub fn edge(mut self, edge: impl Into<String>) -> Self {
        self.edge = Some(edge.into());
        self
    }

    /// Sends every request to this base URL instead of the operation's server (region and
    /// edge are then ignored): `scheme://host[:port]`, optionally followed by a path prefix.
    /// For tests (a mock server) and proxies.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The value of the variable `name` of server URLs: an API served by the user's own install
    /// declares a server such as `{install}/api`, and its generated client takes the install's
    /// URL at construction and sets it here. Setting a name twice keeps the last value. A
    /// [`base_url`](ClientBuilder::base_url) override, when set, is used instead of the server.
    ///
    /// ```
    /// let client = twilio_runtime::Client::builder()
    ///     .account_sid("AC123")
    ///     .auth_token("token")
    ///     .server_variable("install", "https://calls.example.com")
    ///     .build();
    /// assert!(client.is_ok());
    /// ```
    pub fn server_variable(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.server_variables.push((name.into(), value.into()));
        self
    }

    /// The time limit of each attempt of a request, reading the response included
    /// (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The time limit for establishing a connection (default 10 s).
    pub fn connect_timeout(mut self, connect_timeout: Duration) -> Self {
        self.connect_timeout = connect_timeout;
        self
    }

    /// The time limit of a whole operation: every attempt, the waits between them and the
    /// reading of the response (default 60 s, [`DEFAULT_DEADLINE`]). Each attempt also has
    /// its own [`timeout`](ClientBuilder::timeout); when the deadline passes, the operation
    /// fails with [`Error::Timeout`] whatever attempt it is at.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// The most bytes of a successful response's body that are read (default 16 MiB,
    /// [`DEFAULT_MAX_BODY_SIZE`]): a longer body fails with [`Error::BodyTooLarge`] as soon as
    /// the limit is passed, so memory stays near it. Of an error response, at most 64 KiB are
    /// read whatever this setting.
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = bytes;
        self
    }

    /// How many empty pages in a row (no items, a link to a next page) a
    /// [`Paginator`](crate::Paginator) follows before it stops with [`Error::Pagination`]
    /// (default 10, [`DEFAULT_MAX_EMPTY_PAGES`]).
    pub fn max_empty_pages(mut self, pages: u32) -> Self {
        self.max_empty_pages = pages;
        self
    }

    /// How transient failures are retried (default: [`RetryPolicy::default`]).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Text appended to the `User-Agent` header, e.g. `my-app/1.2`.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Sends every request with `http`, a `reqwest::Client` configured by the caller (proxies,
    /// root certificates, connection limits, local address...), instead of building one. Start
    /// from [`reqwest_client_builder`](crate::reqwest_client_builder) to keep the runtime's TLS
    /// setup (the runtime's `reqwest` has no default crypto provider).
    ///
    /// The client's own settings then apply as they are: its timeouts, redirect policy, TLS
    /// setup and `User-Agent`; this builder's [`timeout`](ClientBuilder::timeout),
    /// [`connect_timeout`](ClientBuilder::connect_timeout) and
    /// [`user_agent_suffix`](ClientBuilder::user_agent_suffix) are not used (a per-request
    /// [`RequestOptions::timeout`](crate::RequestOptions::timeout) still is). Credentials,
    /// `Accept`, hosts and retries are added per request as always. Build it with
    /// `redirect(reqwest::redirect::Policy::none())` to keep the runtime's behaviour of never
    /// following a redirect with the credentials.
    ///
    /// # Proxies
    /// A `reqwest::Client` (the default one too) honours the `HTTP_PROXY`, `HTTPS_PROXY`,
    /// `ALL_PROXY` and `NO_PROXY` environment variables unless built with `no_proxy()`. Requests
    /// to `https` hosts (Twilio's) go through a proxy in a `CONNECT` tunnel, so the proxy sees
    /// the host name only; a plain-`http` [`base_url`](ClientBuilder::base_url) is sent to an
    /// `HTTP_PROXY` in clear, `Authorization` header (the credentials) included.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http_client = Some(http);
        self
    }

    /// Sends every request through `transport` (a hook around each request, or a transport
    /// without a network such as a mock): see [`Transport`](crate::Transport).
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Validates the settings and builds the client (and its connection pool).
    ///
    /// # Errors
    /// [`Error::Config`] naming the setting that is missing or invalid.
    pub fn build(self) -> Result<Client, Error> {
        // Basic credentials need the account SID (the user name of an auth token, and the
        // `{AccountSid}` of paths); a client with only bearer or OAuth2 credentials may have none.
        let other = self.auth.is_set();
        let account_sid = match self.account_sid {
            Some(account_sid) => account_sid,
            None if other && self.api_key.is_none() && self.auth_token.is_none() => String::new(),
            None => return Err(Error::Config("the account SID is not set".into())),
        };
        if !account_sid.is_empty() || !other {
            check_identifier("the account SID", &account_sid)?;
        }
        let credentials = match (self.api_key, self.auth_token) {
            (Some((key_sid, secret)), _) => {
                check_identifier("the API key SID", &key_sid)?;
                check_secret("the API secret", &secret)?;
                Some(Credentials::ApiKey { key_sid, secret })
            }
            (None, Some(auth_token)) => {
                check_secret("the auth token", &auth_token)?;
                Some(Credentials::AuthToken {
                    account_sid: account_sid.clone(),
                    auth_token,
                })
            }
            (None, None) if other => None,
            (None, None) => {
                return Err(Error::Config(
                    "no credentials: set an auth token or an API key and secret (or a bearer token, or OAuth2 client credentials)".into(),
                ));
            }
        };
        let auth = self.auth.build()?;
        let region = self
            .region
            .map(|region| check_location("region", region))
            .transpose()?;
        let edge = self
            .edge
            .map(|edge| check_location("edge", edge))
            .transpose()?;
        let base_url = self.base_url.map(check_base_url).transpose()?;
        if self.timeout.is_zero() {
            return Err(Error::Config("the timeout must not be zero".into()));
        }
        if self.connect_timeout.is_zero() {
            return Err(Error::Config("the connect timeout must not be zero".into()));
        }
        if self.deadline.is_zero() {
            return Err(Error::Config("the deadline must not be zero".into()));
        }
        if self.max_body_size == 0 {
            return Err(Error::Config(
                "the maximum body size must not be zero".into(),
            ));
        }
        let mut user_agent = format!(
            "twilio-runtime/{} ({} {}) rust",
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS,
            std::env::consts::ARCH
        );
        if let Some(suffix) = self.user_agent_suffix {
            let suffix = suffix.trim();
            if suffix.is_empty() || !suffix.bytes().all(|byte| (0x20..0x7f).contains(&byte)) {
                return Err(Error::Config(
                    "the user agent suffix must be non-empty printable ASCII".into(),
                ));
            }
            user_agent.push(' ');
            user_agent.push_str(suffix);
        }
        for (name, value) in &self.server_variables {
            if value.trim().is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                return Err(Error::Config(format!(
                    "the server variable `{name}` must be non-empty, without whitespace"
                )));
            }
        }
        let settings = Settings {
            server_variables: self.server_variables,
            credentials,
            region,
            edge,
            base_url,
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
            retry: self.retry,
            deadline: self.deadline,
            max_body_size: self.max_body_size,
            max_empty_pages: self.max_empty_pages,
            user_agent,
            auth,
        };
        let http = match self.http_client {
            Some(http) => http,
            None => http_client(&settings)?,
        };
        let mut client = Client::from_parts(Arc::from(account_sid), Arc::new(settings), http);
        if let Some(transport) = self.transport {
            client.set_transport(transport);
        }
        Ok(client)
    }
}

/// Regions and edges become host name labels: lowercase letters, digits and `-`.
fn check_location(what: &str, value: String) -> Result<String, Error> {
    let value = value.trim().to_ascii_lowercase();
    let valid = !value.is_empty()
        && value.len() <= 63
        && !value.starts_with('-')
        && !value.ends_with('-')
        && value
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-');
    if valid {
        Ok(value)
    } else {
        Err(Error::Config(format!(
            "the {what} `{value}` is not valid: expected letters, digits and `-`, e.g. `ie1` or `dublin`"
        )))
    }
}

/// `scheme://host[:port][/prefix]`: http or https, no credentials, query or fragment.
pub(super) fn check_base_url(base_url: String) -> Result<String, Error> {
    let invalid = |reason: &str| Error::Config(format!("the base URL is not valid: {reason}"));
    let url = Url::parse(base_url.trim()).map_err(|error| invalid(&error.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("it must not contain credentials"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it must not contain a query or a fragment"));
    }
    let Some(host) = url.host_str() else {
        return Err(invalid("it has no host"));
    };
    let mut base = format!("{}://{host}", url.scheme());
    if let Some(port) = url.port() {
        base.push(':');
        base.push_str(&port.to_string());
    }
    base.push_str(url.path().trim_end_matches('/'));
    Ok(base)
}

/// The connection pool: rustls with the ring provider and the platform's root certificates,
/// JSON accepted, no redirects followed.
fn http_client(settings: &Settings) -> Result<reqwest::Client, Error> {
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls_config()?)
        .user_agent(settings.user_agent.as_str())
        .default_headers(headers)
        .timeout(settings.timeout)
        .connect_timeout(settings.connect_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|error| Error::Config(format!("could not build the HTTP client: {error}")))
}

/// A `reqwest::ClientBuilder` set up as the runtime sets up its own: rustls with the `ring`
/// provider and the platform's root certificates (no process-wide crypto provider needed) and no
/// redirects followed. Add proxies, roots, limits or default headers, build it, and pass it to
/// [`ClientBuilder::http_client`].
///
/// ```no_run
/// # fn run() -> Result<(), twilio_runtime::Error> {
/// let http = twilio_runtime::reqwest_client_builder()?
///     .pool_max_idle_per_host(4)
///     .build()
///     .map_err(|e| twilio_runtime::Error::Config(e.to_string()))?;
/// let client = twilio_runtime::Client::builder()
///     .account_sid("AC00000000000000000000000000000000")
///     .auth_token("token")
///     .http_client(http)
///     .build()?;
/// # Ok(()) }
/// ```
///
/// # Errors
/// [`Error::Config`] when the TLS setup fails.
pub fn reqwest_client_builder() -> Result<reqwest::ClientBuilder, Error> {
    Ok(reqwest::Client::builder()
        .tls_backend_preconfigured(tls_config()?)
        .redirect(reqwest::redirect::Policy::none()))
}

/// A rustls configuration that does not depend on a process-wide default crypto provider:
/// ring, safe default protocol versions, the platform verifier, HTTP/2 and HTTP/1.1 ALPN.
fn tls_config() -> Result<rustls::ClientConfig, Error> {
    use rustls_platform_verifier::BuilderVerifierExt;

    let tls_error = |error: rustls::Error| Error::Config(format!("TLS setup failed: {error}"));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(tls_error)?
        .with_platform_verifier()
        .map_err(tls_error)?
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

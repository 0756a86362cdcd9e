//! The client: sends requests with credentials, retries and tracing.

use std::fmt;
use std::sync::Arc;
use std::time::Instant;

use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER,
};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::config::{ClientBuilder, Settings};
use crate::error::Error;
use crate::metadata::{Response, ResponseMeta};
use crate::options::RequestOptions;
use crate::paginate::{Page, Paginator};
use crate::request::Request;
use crate::response::{self, Exchange};
use crate::retry;
use crate::transport::{HttpRequest, Transport};

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
                &crate::config::shown_identifier(&self.account_sid),
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

/// A request resolved against the client's settings, ready to be sent (and re-sent).
pub(crate) struct Prepared {
    pub(crate) operation: &'static str,
    pub(crate) path_template: &'static str,
    pub(crate) method: Method,
    pub(crate) url: Url,
    /// The encoded `application/x-www-form-urlencoded` body, if the request has one.
    pub(crate) form: Option<String>,
    /// The content type of `form` when it is not a form (e.g. `application/xml`).
    pub(crate) content_type: Option<HeaderValue>,
    /// The `Accept` media type, when not the client's default.
    pub(crate) accept: Option<HeaderValue>,
    /// Whether a redirect (`3xx`) is the answer rather than an error (`send_redirect`).
    pub(crate) redirect: bool,
    /// How the request is authenticated (the first scheme of the request the client has
    /// credentials for).
    pub(crate) auth: crate::auth::Chosen,
    /// The operation's header parameters, checked.
    pub(crate) headers: HeaderMap,
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
            String::from_utf8(body).map_err(|error| Error::Decode {
                operation: exchange.operation,
                path: ".".to_owned(),
                message: format!("the body is not UTF-8: {error}"),
            })
        })
        .await
    }

    /// Every item of every page of a list operation, starting with `first` and following
    /// `next_page_uri` lazily, one page at a time. See [`Paginator`].
    pub fn paginate<P: Page>(&self, first: Request) -> Paginator<P> {
        Paginator::new(self.clone(), first)
    }

    /// Posts `form` (the client credentials) to the OAuth2 token URL `url` and decodes the
    /// JSON answer: no credentials, no per-view options, the body bounded like every response.
    pub(crate) async fn send_token_request<T: DeserializeOwned>(
        &self,
        url: Url,
        form: String,
    ) -> Result<T, Error> {
        let operation = crate::auth::TOKEN_OPERATION;
        let prepared = Prepared {
            operation,
            path_template: "{OAuth2 token URL}",
            method: Method::POST,
            url,
            form: Some(form),
            content_type: None,
            accept: None,
            redirect: false,
            auth: crate::auth::Chosen::Nothing,
            headers: HeaderMap::new(),
        };
        let exchange = Exchange {
            operation,
            method: Method::POST,
            path: prepared.path_template,
            body_limit: self.settings.max_body_size,
        };
        let span = tracing::info_span!(
            "twilio.oauth2_token",
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
        );
        let response = self
            .send_with_retries(
                &prepared,
                &exchange,
                &span,
                &crate::auth::Resolved::Nothing,
                false,
            )
            .await?;
        response::read_json(exchange, response).await
    }

    /// The base URL (`scheme://host[:port][/prefix]`) of an operation served by `server`.
    pub(crate) fn base_for(
        &self,
        operation: &'static str,
        server: &'static str,
    ) -> Result<String, Error> {
        self.settings.base_for(operation, server)
    }

    /// Resolves host, path and query of `request` (its form body is moved, not copied).
    pub(crate) fn prepare(&self, request: Request) -> Result<Prepared, Error> {
        let operation = request.operation_id();
        let base = self.base_for(operation, request.server())?;
        let path = request.render_path()?;
        let mut url = parse_url(operation, &format!("{base}{path}"))?;
        if !request.query_pairs().is_empty() {
            url.query_pairs_mut()
                .extend_pairs(request.query_pairs().iter().map(|(k, v)| (*k, v.as_str())));
        }
        let path_template = request.path_template();
        let method = request.method().clone();
        let header = |name: &'static str, value: &str| {
            HeaderValue::from_str(value).map_err(|_| {
                Error::invalid_input(
                    operation,
                    name,
                    format!("`{value}` is not a valid header value"),
                )
            })
        };
        let accept = request
            .accept_type()
            .map(|accept| header("Accept", accept))
            .transpose()?;
        let headers = request.header_map()?;
        // An `Authorization` header parameter set by the caller stands in for the client's
        // credentials on this request: HTTP has one `Authorization` header.
        let auth = if headers.contains_key(AUTHORIZATION) {
            crate::auth::Chosen::Nothing
        } else {
            crate::auth::choose(
                operation,
                request.auth_schemes(),
                self.settings.credentials.is_some(),
                &self.settings.auth,
            )?
        };
        let custom = request.raw_body().is_some();
        let (content_type, form) = match request.into_body() {
            Some((content_type, body)) if custom => {
                (Some(header("Content-Type", content_type)?), Some(body))
            }
            Some((_, body)) => (None, Some(body)),
            None => (None, None),
        };
        Ok(Prepared {
            operation,
            path_template,
            method,
            url,
            form,
            content_type,
            accept,
            redirect: false,
            auth,
            headers,
        })
    }

    /// Sends `prepared` (retrying per the policy) inside a `twilio.request` span and hands
    /// the successful response to `handle`, all within the operation's deadline.
    pub(crate) async fn execute<T, F, Fut>(&self, prepared: Prepared, handle: F) -> Result<T, Error>
    where
        F: FnOnce(Exchange, reqwest::Response) -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        let span = tracing::info_span!(
            "twilio.request",
            operation = prepared.operation,
            method = %prepared.method,
            path = prepared.path_template,
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let operation = prepared.operation;
        let exchange = Exchange {
            operation,
            method: prepared.method.clone(),
            path: prepared.path_template,
            body_limit: self.settings.max_body_size,
        };
        let attempts = async {
            let resolved = self.authorization(prepared.auth).await?;
            let response = self
                .send_with_retries(&prepared, &exchange, &span, &resolved, true)
                .await?;
            handle(exchange.clone(), response).await
        };
        let result = tokio::time::timeout(self.settings.deadline, attempts)
            .instrument(span.clone())
            .await
            .unwrap_or(Err(Error::Timeout { operation }));
        span.record(
            "duration_ms",
            u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        );
        if let Err(error) = &result {
            span.in_scope(|| {
                tracing::debug!(
                    error.kind = error_kind(error),
                    error.status = error.status(),
                    "request failed"
                );
            });
        }
        result
    }

    /// Sends the request until it succeeds, fails for good or the attempts run out.
    async fn send_with_retries(
        &self,
        prepared: &Prepared,
        exchange: &Exchange,
        span: &tracing::Span,
        resolved: &crate::auth::Resolved,
        with_options: bool,
    ) -> Result<reqwest::Response, Error> {
        let options = self.options.as_deref().filter(|_| with_options);
        let policy = options
            .and_then(|o| o.retry.as_ref())
            .unwrap_or(&self.settings.retry);
        let extra_headers = if with_options {
            self.extra_headers(prepared.operation)?
        } else {
            HeaderMap::new()
        };
        let retry_allowed = policy.allows(&prepared.method);
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            let can_retry = retry_allowed && attempt < policy.get_max_attempts();
            let builder = self.build(prepared, &extra_headers, resolved);
            let outcome = match &self.transport {
                None => builder.send().await,
                Some(transport) => match builder.build() {
                    Ok(request) => {
                        transport
                            .send(HttpRequest {
                                operation: prepared.operation,
                                path_template: prepared.path_template,
                                request,
                            })
                            .await
                    }
                    Err(error) => Err(error),
                },
            };
            let retry_after = match outcome {
                Ok(response) => {
                    let status = response.status();
                    span.record("status", status.as_u16());
                    if status.is_success() || (prepared.redirect && status.is_redirection()) {
                        return Ok(response);
                    }
                    if !(can_retry && retry::is_retryable_status(status.as_u16())) {
                        return Err(
                            response::error_from_response(prepared.operation, response).await
                        );
                    }
                    response
                        .headers()
                        .get(RETRY_AFTER)
                        .and_then(|value| value.to_str().ok())
                        .and_then(retry::parse_retry_after)
                }
                Err(error) => {
                    if !(can_retry && (error.is_connect() || error.is_timeout())) {
                        return Err(exchange.transport_error(error));
                    }
                    None
                }
            };
            let delay = policy.delay(attempt, retry_after);
            tracing::debug!(
                attempt,
                delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                "retrying"
            );
            tokio::time::sleep(delay).await;
        }
    }

    /// The headers of this view's [`RequestOptions`], checked.
    fn extra_headers(&self, operation: &'static str) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        let Some(options) = self.options.as_deref() else {
            return Ok(headers);
        };
        for (name, value) in &options.headers {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                Error::invalid_input(
                    operation,
                    "header",
                    format!("`{name}` is not a valid header name"),
                )
            })?;
            let value = HeaderValue::from_str(value).map_err(|_| {
                Error::invalid_input(
                    operation,
                    "header",
                    format!("the value of `{name}` is not a valid header value"),
                )
            })?;
            headers.insert(name, value);
        }
        Ok(headers)
    }

    /// One attempt's request: method, URL, credentials, form body, header parameters and the
    /// options' timeout and headers.
    fn build(
        &self,
        prepared: &Prepared,
        extra_headers: &HeaderMap,
        resolved: &crate::auth::Resolved,
    ) -> reqwest::RequestBuilder {
        let mut builder = self
            .http
            .request(prepared.method.clone(), prepared.url.clone());
        match (resolved, &self.settings.credentials) {
            (crate::auth::Resolved::Basic, Some(credentials)) => {
                builder = builder.basic_auth(credentials.username(), Some(credentials.password()));
            }
            (crate::auth::Resolved::Header(value), _) => {
                builder = builder.header(AUTHORIZATION, value.clone());
            }
            _ => {}
        }
        // Set on every request (not only as a default header of the pool) so that a
        // user-supplied `reqwest::Client` asks for JSON too.
        builder = builder.header(
            ACCEPT,
            prepared
                .accept
                .clone()
                .unwrap_or(HeaderValue::from_static("application/json")),
        );
        if let Some(timeout) = self.options.as_deref().and_then(|o| o.timeout) {
            builder = builder.timeout(timeout);
        }
        if !prepared.headers.is_empty() {
            builder = builder.headers(prepared.headers.clone());
        }
        let builder = match &prepared.form {
            Some(form) => builder
                .header(
                    CONTENT_TYPE,
                    prepared
                        .content_type
                        .clone()
                        .unwrap_or(HeaderValue::from_static(
                            "application/x-www-form-urlencoded",
                        )),
                )
                .body(form.clone()),
            None => builder,
        };
        if extra_headers.is_empty() {
            builder
        } else {
            builder.headers(extra_headers.clone())
        }
    }
}

/// Parses an absolute URL built from a base and a path.
pub(crate) fn parse_url(operation: &'static str, url: &str) -> Result<Url, Error> {
    Url::parse(url).map_err(|error| {
        Error::invalid_input(
            operation,
            "url",
            format!("`{url}` is not a valid URL: {error}"),
        )
    })
}

/// A short name of the error's kind for traces (messages may quote response bodies).
fn error_kind(error: &Error) -> &'static str {
    match error {
        Error::Api(_) => "api",
        Error::Http { .. } => "http",
        Error::Decode { .. } => "decode",
        Error::Timeout { .. } => "timeout",
        Error::Transport { .. } => "transport",
        Error::InvalidInput { .. } => "invalid_input",
        Error::Config(_) => "config",
        Error::BodyTooLarge { .. } => "body_too_large",
        Error::Pagination { .. } => "pagination",
        Error::InvalidSid(_) => "invalid_sid",
        Error::WaitTimeout { .. } => "wait_timeout",
        Error::Unauthenticated { .. } => "unauthenticated",
    }
}

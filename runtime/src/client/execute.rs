//! Sending one prepared request: hosts, credentials, retries, the deadline and tracing.

use std::time::Instant;

use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER,
};
use reqwest::{Method, Url};
use tracing::Instrument;

use super::Client;
use crate::auth::{Chosen, Resolved, choose};
use crate::error::{Error, is_retryable_status};
use crate::request::Request;
use crate::response::{self, Exchange};
use crate::retry;
use crate::transport::HttpRequest;

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
    pub(crate) auth: Chosen,
    /// The operation's header parameters, checked.
    pub(crate) headers: HeaderMap,
}

impl Client {
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
            Chosen::Nothing
        } else {
            choose(
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
            let auth = self.authorization(prepared.auth, None).await?;
            let sent = self
                .send_with_retries(&prepared, &exchange, &span, &auth.resolved, true)
                .await;
            let response = match (sent, &auth.resolved) {
                // A cached OAuth2 token the server refuses (revoked, or expired early) is
                // replaced once and the request sent once more; a token fetched for this very
                // request is not fetched again.
                (Err(error), Resolved::Header(refused))
                    if auth.cached_token && error.status() == Some(401) =>
                {
                    tracing::debug!("the cached OAuth2 token was refused; fetching a new one");
                    let auth = self.authorization(prepared.auth, Some(refused)).await?;
                    self.send_with_retries(&prepared, &exchange, &span, &auth.resolved, true)
                        .await?
                }
                (sent, _) => sent?,
            };
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
    pub(super) async fn send_with_retries(
        &self,
        prepared: &Prepared,
        exchange: &Exchange,
        span: &tracing::Span,
        resolved: &Resolved,
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
                    if !(can_retry && is_retryable_status(status.as_u16())) {
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
        resolved: &Resolved,
    ) -> reqwest::RequestBuilder {
        let mut builder = self
            .http
            .request(prepared.method.clone(), prepared.url.clone());
        match (resolved, &self.settings.credentials) {
            (Resolved::Basic, Some(credentials)) => {
                builder = builder.basic_auth(credentials.username(), Some(credentials.password()));
            }
            (Resolved::Header(value), _) => {
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

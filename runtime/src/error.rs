//! The error type of every operation.

use std::fmt;

/// Everything that can go wrong while configuring a client or calling an operation.
///
/// Display messages name the operation (its `operationId` from the spec, e.g. `CreateCall`)
/// and never contain credentials.
///
/// Match on the variant to tell failures apart, or use the helpers:
/// [`status`](Error::status) for the HTTP status of an error response,
/// [`api`](Error::api) for Twilio's error details and
/// [`is_retryable`](Error::is_retryable) to decide whether trying again may help.
///
/// ```
/// # async fn run(client: twilio_runtime::Client, request: twilio_runtime::Request) {
/// match client.send::<serde_json::Value>(request).await {
///     Ok(call) => println!("{call}"),
///     Err(twilio_runtime::Error::Api(error)) if error.code() == Some(20404) => {
///         println!("no such call")
///     }
///     Err(error) => eprintln!("{error}"),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Twilio answered with an error status and its error document
    /// (`{"code": 20404, "message": "...", "more_info": "...", "status": 404}`).
    #[error(transparent)]
    Api(ApiError),

    /// The server answered with an error status and a body that is not a Twilio error
    /// document, for example an HTML page from a proxy or load balancer.
    #[error("{operation}: HTTP {status}{}", snippet_suffix(snippet))]
    Http {
        /// The HTTP status code.
        status: u16,
        /// The operation that failed.
        operation: &'static str,
        /// The beginning of the response body (at most 512 bytes, cut on a character
        /// boundary, control characters escaped), to help diagnosing the failure.
        snippet: String,
    },

    /// A successful response could not be decoded into the expected type.
    #[error("{operation}: could not decode the response at `{path}`: {message}")]
    Decode {
        /// The operation whose response could not be decoded.
        operation: &'static str,
        /// Where in the document decoding failed, for example `calls[3].status`
        /// (`.` is the document itself).
        path: String,
        /// What went wrong there (control characters escaped).
        message: String,
    },

    /// The request (including reading the response) took longer than the configured
    /// timeout ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout),
    /// [`ClientBuilder::connect_timeout`](crate::ClientBuilder::connect_timeout)), or the
    /// operation, its retries included, took longer than its deadline
    /// ([`ClientBuilder::deadline`](crate::ClientBuilder::deadline)).
    #[error("{operation}: the request timed out")]
    Timeout {
        /// The operation that timed out.
        operation: &'static str,
    },

    /// The request could not be sent or the response could not be received: DNS,
    /// connection, TLS or protocol failures. The underlying error is the
    /// [`source`](std::error::Error::source).
    ///
    /// The message names the server (host and port: `api.sydney.au1.twilio.com`) and the kind
    /// of failure: the host name could not be resolved (DNS), the connection was refused, reset
    /// or timed out, the TLS handshake failed. Neither the message, the `Debug` output nor the
    /// source carry the request's path or query, which may hold personal data (`To`, `From`):
    /// the source's URL is the origin only (`https://api.twilio.com/`). The method and the path
    /// template (`/2010-04-01/Accounts/{AccountSid}/Calls.json`) say which request it was.
    #[error("{operation} ({method} {path}): {}", transport_summary(source))]
    Transport {
        /// The operation that failed.
        operation: &'static str,
        /// The request's method.
        method: reqwest::Method,
        /// The request's path template, parameters not filled in.
        path: &'static str,
        /// The error of the HTTP client, its URL reduced to the origin.
        #[source]
        source: reqwest::Error,
    },

    /// A response body was longer than the client accepts
    /// ([`ClientBuilder::max_body_size`](crate::ClientBuilder::max_body_size) for successful
    /// responses, 64 KiB of an error response are read and the rest ignored): reading stopped
    /// at the limit, so memory stays near it.
    #[error("{operation}: the response body is longer than the limit of {limit} bytes")]
    BodyTooLarge {
        /// The operation whose response was too large.
        operation: &'static str,
        /// The limit in bytes.
        limit: usize,
    },

    /// A parameter was rejected before anything was sent (client-side validation of the
    /// constraints in the spec, or a path parameter that is empty or a dot segment).
    #[error("{operation}: invalid `{parameter}`: {reason}")]
    InvalidInput {
        /// The operation the parameter belongs to.
        operation: &'static str,
        /// The parameter's name in the API (e.g. `PageSize`).
        parameter: &'static str,
        /// Why the value was rejected.
        reason: String,
    },

    /// The client could not be built: a missing or invalid setting, named in the message.
    #[error("invalid Twilio client configuration: {0}")]
    Config(String),

    /// Following `next_page_uri` stopped: the server returned a link already fetched in this
    /// stream (which would loop forever), too many empty pages in a row
    /// ([`ClientBuilder::max_empty_pages`](crate::ClientBuilder::max_empty_pages)), or a link
    /// with dot segments or outside the base URL's path.
    #[error("{operation}: pagination stopped: {reason}")]
    Pagination {
        /// The list operation being paginated.
        operation: &'static str,
        /// Why pagination stopped.
        reason: String,
    },

    /// A value is not a SID of the expected kind (from a SID newtype's constructor, such as
    /// `CallSid::new`), so that `?` works on it in a function returning this error.
    #[error(transparent)]
    InvalidSid(#[from] crate::sid::InvalidSid),

    /// A waiter ([`wait_until`](crate::wait_until), the generated `wait_for_*` methods) reached
    /// its deadline before the resource reached one of the states it waited for.
    #[error("{operation}: still not in the awaited state after {waited:?} (last seen: {})", last_state.as_deref().unwrap_or("no state"))]
    WaitTimeout {
        /// The operation that was polled.
        operation: &'static str,
        /// How long it waited.
        waited: std::time::Duration,
        /// The last state seen, as its `Debug` form.
        last_state: Option<String>,
    },

    /// The client has no credentials for any security scheme the operation accepts (its
    /// document's `security`), so nothing was sent: e.g. an OAuth2 operation on a client built
    /// with an auth token only. Set the credentials of one of `schemes` on the
    /// [`ClientBuilder`](crate::ClientBuilder).
    #[error(
        "{operation}: the client has no credentials for the operation's security schemes: {}",
        schemes_list(schemes)
    )]
    Unauthenticated {
        /// The operation that was not sent.
        operation: &'static str,
        /// The schemes it accepts, in the document's order.
        schemes: &'static [crate::scheme::Scheme],
    },
}

fn schemes_list(schemes: &[crate::scheme::Scheme]) -> String {
    schemes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; or ")
}

/// `text` with every control character (ESC, CR, LF, ...) escaped as `\u{1b}`, `\r`, `\n`:
/// for error messages that quote what a server sent, so that it cannot forge log lines or
/// terminal output.
pub(crate) fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            escaped.extend(c.escape_default());
        } else {
            escaped.push(c);
        }
    }
    std::borrow::Cow::Owned(escaped)
}

fn snippet_suffix(snippet: &str) -> String {
    let snippet = snippet.trim();
    if snippet.is_empty() {
        String::new()
    } else {
        format!(": {snippet}")
    }
}

/// Statuses that mean "try again later": `429 Too Many Requests`, `503 Service Unavailable`.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    status == 429 || status == 503
}

/// What a transport error's message says: which server (host and port, never the path or the
/// query) and what kind of failure, from the error's source chain.
fn transport_summary(source: &reqwest::Error) -> String {
    let server = source
        .url()
        .and_then(|url| {
            let host = url.host_str()?;
            Some(match url.port() {
                Some(port) => format!("{host}:{port}"),
                None => host.to_owned(),
            })
        })
        .unwrap_or_else(|| "the server".to_owned());
    let kind = failure_kind(source);
    if source.is_connect() {
        format!("could not connect to {server}: {kind}")
    } else if source.is_builder() {
        "could not build the HTTP request".to_owned()
    } else if source.is_body() || source.is_decode() {
        format!("could not read the response body from {server}: {kind}")
    } else {
        format!("the HTTP request to {server} failed: {kind}")
    }
}

/// The kind of a transport failure, found in the source chain: the host name did not resolve,
/// the connection was refused, reset or timed out, the TLS handshake failed.
fn failure_kind(error: &(dyn std::error::Error + 'static)) -> String {
    use std::io::ErrorKind;
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = next {
        if let Some(tls) = error.downcast_ref::<rustls::Error>() {
            return format!("the TLS handshake failed ({tls})");
        }
        if let Some(mut io) = error.downcast_ref::<std::io::Error>() {
            // TLS errors travel inside I/O errors (nested), whose `source` skips them.
            while let Some(inner) = io.get_ref() {
                if let Some(tls) = inner.downcast_ref::<rustls::Error>() {
                    return format!("the TLS handshake failed ({tls})");
                }
                match inner.downcast_ref::<std::io::Error>() {
                    Some(nested) => io = nested,
                    None => break,
                }
            }
            match io.kind() {
                ErrorKind::ConnectionRefused => return "the connection was refused".to_owned(),
                ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => {
                    return "the connection was reset".to_owned();
                }
                ErrorKind::TimedOut => return "the connection timed out".to_owned(),
                ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable => {
                    return "the host is unreachable".to_owned();
                }
                ErrorKind::UnexpectedEof => {
                    return "the server closed the connection".to_owned();
                }
                _ => {}
            }
        }
        if let Some(http) = error.downcast_ref::<hyper::Error>() {
            if http.is_incomplete_message() {
                return "the server closed the connection before answering".to_owned();
            }
            if http.is_timeout() {
                return "the server did not answer in time".to_owned();
            }
        }
        // hyper-util's connector names its failures ("dns error", "tcp connect error").
        if error.to_string().starts_with("dns error") {
            return "the host name could not be resolved (DNS)".to_owned();
        }
        if error.source().is_none() {
            // The innermost cause (an I/O or protocol error: no URL), as it describes itself.
            return escape_controls(&error.to_string()).into_owned();
        }
        next = error.source();
    }
    "no further detail".to_owned()
}

impl Error {
    /// An [`Error::InvalidInput`]: used by generated code when a value breaks a constraint of
    /// the spec (length, range, pattern...).
    pub fn invalid_input(
        operation: &'static str,
        parameter: &'static str,
        reason: impl Into<String>,
    ) -> Error {
        Error::InvalidInput {
            operation,
            parameter,
            reason: reason.into(),
        }
    }

    /// The HTTP status of an error response ([`Error::Api`] or [`Error::Http`]), `None` for
    /// errors that happened before or without a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(error) => Some(error.status),
            Error::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Twilio's error details, when the failure is an [`Error::Api`].
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(error) => Some(error),
            _ => None,
        }
    }

    /// The operation (`operationId`) that failed; `None` for [`Error::Config`] and
    /// [`Error::InvalidSid`].
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::Api(error) => Some(error.operation),
            Error::Http { operation, .. }
            | Error::Decode { operation, .. }
            | Error::Timeout { operation }
            | Error::Transport { operation, .. }
            | Error::InvalidInput { operation, .. }
            | Error::BodyTooLarge { operation, .. }
            | Error::Pagination { operation, .. }
            | Error::WaitTimeout { operation, .. }
            | Error::Unauthenticated { operation, .. } => Some(operation),
            Error::Config(_) | Error::InvalidSid(_) => None,
        }
    }

    /// Whether the failure is transient, so that the same request may succeed later:
    /// `429 Too Many Requests`, `503 Service Unavailable`, timeouts and connection failures.
    ///
    /// The client already retries these for idempotent requests according to its
    /// [`RetryPolicy`](crate::RetryPolicy); this tells whether trying again later makes
    /// sense. Mind that retrying a timed-out `POST` may perform the action twice.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(_) | Error::Http { .. } => self.status().is_some_and(is_retryable_status),
            Error::Timeout { .. } => true,
            Error::Transport { source, .. } => source.is_connect() || source.is_timeout(),
            Error::Decode { .. }
            | Error::InvalidInput { .. }
            | Error::Config(_)
            | Error::BodyTooLarge { .. }
            | Error::Pagination { .. }
            | Error::InvalidSid(_)
            | Error::WaitTimeout { .. }
            | Error::Unauthenticated { .. } => false,
        }
    }
}

/// An error document returned by Twilio with an error status.
///
/// ```json
/// {"code": 20404, "message": "The requested resource ... was not found",
///  "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404}
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// The operation that failed.
    pub operation: &'static str,
    /// The HTTP status of the response.
    pub status: u16,
    /// Twilio's error code (see <https://www.twilio.com/docs/api/errors>), when present.
    pub code: Option<u32>,
    /// The human-readable message (empty if the document had none).
    pub message: String,
    /// A link to the documentation of the error code, when present.
    pub more_info: Option<String>,
    /// Extra details some APIs attach to the error, when present (boxed to keep [`Error`]
    /// small).
    pub details: Option<Box<serde_json::Value>>,
    /// The `Twilio-Request-Id` response header, when present: quote it to Twilio support.
    pub request_id: Option<String>,
}

impl ApiError {
    /// Twilio's error code, e.g. `20404` (not found) or `21211` (invalid `To` number).
    pub fn code(&self) -> Option<u32> {
        self.code
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// A link to the documentation of the error code.
    pub fn more_info(&self) -> Option<&str> {
        self.more_info.as_deref()
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Extra details some APIs attach to the error.
    pub fn details(&self) -> Option<&serde_json::Value> {
        self.details.as_deref()
    }

    /// The operation that failed.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The `Twilio-Request-Id` response header.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: Twilio error", self.operation)?;
        if let Some(code) = self.code {
            write!(f, " {code}")?;
        }
        write!(f, " (HTTP {})", self.status)?;
        if !self.message.is_empty() {
            write!(f, ": {}", escape_controls(&self.message))?;
        }
        if let Some(more_info) = &self.more_info {
            write!(f, " (see {})", escape_controls(more_info))?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

impl From<ApiError> for Error {
    fn from(error: ApiError) -> Self {
        Error::Api(error)
    }
}

//! Per-request options: a timeout, extra headers and a retry policy for some requests only.

use std::fmt;
use std::time::Duration;

use crate::retry::RetryPolicy;

/// Options for the requests sent through one view of a client, set with
/// [`Client::with_options`](crate::Client::with_options): no new client is built (the view shares
/// the connection pool, credentials and settings), and the options apply only to requests sent
/// through that view.
///
/// ```no_run
/// use std::time::Duration;
/// use twilio_runtime::{Client, RequestOptions, RetryPolicy};
///
/// # fn run(client: Client) {
/// let patient = client.with_options(
///     RequestOptions::new()
///         .timeout(Duration::from_secs(90))
///         .header("X-Correlation-Id", "order-1234")
///         .retry(RetryPolicy::disabled()),
/// );
/// // `patient` sends every request with these options; `client` is unchanged.
/// # }
/// ```
///
/// Header values are checked when a request is sent (an invalid name or value is an
/// [`Error::InvalidInput`](crate::Error::InvalidInput)); [`Debug`](fmt::Debug) shows their names
/// only, since a header can carry a secret.
#[derive(Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct RequestOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) retry: Option<RetryPolicy>,
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field(
                "headers",
                &self.headers.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field("retry", &self.retry)
            .finish()
    }
}

impl RequestOptions {
    /// No options: the client's settings apply.
    pub fn new() -> RequestOptions {
        RequestOptions::default()
    }

    /// The time one attempt may take, from sending the request to reading the whole response,
    /// instead of the client's [`timeout`](crate::ClientBuilder::timeout).
    pub fn timeout(mut self, timeout: Duration) -> RequestOptions {
        self.timeout = Some(timeout);
        self
    }

    /// Adds the header `name: value` to every request. It is set after the client's own headers
    /// and replaces one of the same name (`Authorization` and `User-Agent` included).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> RequestOptions {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The retry policy instead of the client's [`retry`](crate::ClientBuilder::retry).
    pub fn retry(mut self, retry: RetryPolicy) -> RequestOptions {
        self.retry = Some(retry);
        self
    }

    /// The timeout, when set.
    pub fn get_timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// The extra headers, in the order they were added.
    pub fn get_headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The retry policy, when set.
    pub fn get_retry(&self) -> Option<&RetryPolicy> {
        self.retry.as_ref()
    }
}

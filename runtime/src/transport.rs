//! Your own transport: a hook that sends each HTTP request instead of the client's connection pool.

use std::future::Future;
use std::pin::Pin;

/// The future a [`Transport`] returns.
pub type TransportFuture =
    Pin<Box<dyn Future<Output = Result<reqwest::Response, reqwest::Error>> + Send + 'static>>;

/// One HTTP request as the client is about to send it: the `reqwest` request (method, URL,
/// headers with the credentials, body) and the operation it belongs to.
#[derive(Debug)]
#[non_exhaustive]
pub struct HttpRequest {
    /// The operation's `operationId`, e.g. `CreateCall`.
    pub operation: &'static str,
    /// The operation's path template, e.g. `/2010-04-01/Accounts/{AccountSid}/Calls.json`.
    pub path_template: &'static str,
    /// The request, ready to send (its `Authorization` header included).
    pub request: reqwest::Request,
}

/// Sends the client's HTTP requests, set with
/// [`ClientBuilder::transport`](crate::ClientBuilder::transport): a hook around each request
/// (to log, sign, route or replay it) or a transport with no network at all, such as the mock of
/// the `mock` feature. Retries, timeouts of the client's own `reqwest::Client` and error decoding
/// stay the client's; each attempt is one call.
///
/// To pass a configured `reqwest::Client` (proxies, root certificates, connection limits), use
/// [`ClientBuilder::http_client`](crate::ClientBuilder::http_client) instead.
///
/// ```
/// use twilio_runtime::{HttpRequest, Transport, TransportFuture};
///
/// /// Sends through a given `reqwest::Client`, counting the requests.
/// struct Counting {
///     http: reqwest::Client,
///     sent: std::sync::atomic::AtomicUsize,
/// }
///
/// impl Transport for Counting {
///     fn send(&self, request: HttpRequest) -> TransportFuture {
///         self.sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
///         Box::pin(self.http.execute(request.request))
///     }
/// }
/// ```
pub trait Transport: Send + Sync + 'static {
    /// Sends one attempt of a request and returns the response (of any status).
    fn send(&self, request: HttpRequest) -> TransportFuture;
}

//! Testing code that uses a client without a network (cargo feature `mock`).
//!
//! A [`Mock`] is a [`Transport`]: the client built by [`Mock::client`] sends every request to it
//! instead of a server, through the whole client (encoding, validation, decoding, errors). Rules
//! say what each operation answers: a typed value ([`MockRule::output`]) or a Twilio error
//! ([`MockRule::error`]), optionally only for requests a matcher accepts; every request is
//! recorded for assertions ([`Mock::requests`]). Generated crates add one typed method per
//! operation (`mock.create_call()`), in their own `mock` module.
//!
//! ```
//! use twilio_runtime::mock::Mock;
//! use twilio_runtime::{Method, Request};
//!
//! # tokio_test_block_on(async {
//! let mock = Mock::new();
//! mock.rule::<serde_json::Value>("FetchCall")
//!     .matching(|r| r.path_param("Sid") == Some("CA1"))
//!     .output(serde_json::json!({"sid": "CA1", "status": "completed"}));
//! let client = mock.client().unwrap();
//! let request = Request::new(Method::GET, "FetchCall", "https://api.twilio.com", "/Calls/{Sid}.json")
//!     .path_param("Sid", "CA1");
//! let call: serde_json::Value = client.send(request).await.unwrap();
//! assert_eq!(call["status"], "completed");
//! assert_eq!(mock.requests()[0].operation(), "FetchCall");
//! # });
//! # fn tokio_test_block_on<F: std::future::Future>(f: F) -> F::Output {
//! #     tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
//! # }
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, PoisonError};

use reqwest::header::HeaderMap;

use crate::client::Client;
use crate::transport::{HttpRequest, Transport, TransportFuture};

/// The account SID of the client [`Mock::client`] builds.
pub const MOCK_ACCOUNT_SID: &str = "AC00000000000000000000000000000000";

type Matcher = Box<dyn Fn(&RecordedRequest) -> bool + Send + Sync>;

struct Rule {
    operation: &'static str,
    matcher: Option<Matcher>,
    status: u16,
    body: Vec<u8>,
    /// How many more requests it answers (`None`: any number).
    remaining: Option<usize>,
    hits: Arc<Mutex<usize>>,
}

#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    requests: Vec<RecordedRequest>,
}

/// A transport without a network that answers by rules and records every request. Cheap to
/// clone (clones share rules and records).
#[derive(Clone, Default)]
pub struct Mock {
    state: Arc<Mutex<State>>,
}

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        f.debug_struct("Mock")
            .field("rules", &state.rules.len())
            .field("requests", &state.requests.len())
            .finish()
    }
}

impl Mock {
    /// A mock with no rules: every request is answered `501` with a Twilio error document
    /// naming the operation, until a rule matches it.
    pub fn new() -> Mock {
        Mock::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A client that sends every request to this mock (account [`MOCK_ACCOUNT_SID`], no
    /// retries).
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) when the HTTP client (never used) cannot be built.
    pub fn client(&self) -> Result<Client, crate::Error> {
        Client::builder()
            .account_sid(MOCK_ACCOUNT_SID)
            .auth_token("mock-auth-token")
            .base_url("http://mock.invalid")
            .retry(crate::RetryPolicy::disabled())
            .transport(Arc::new(self.clone()))
            .build()
    }

    /// A rule for the operation `operation` (its `operationId`) whose successful answer is a
    /// `T`. Nothing is registered until [`output`](MockRule::output) or
    /// [`error`](MockRule::error).
    pub fn rule<T>(&self, operation: &'static str) -> MockRule<T> {
        MockRule {
            mock: self.clone(),
            operation,
            matcher: None,
            times: None,
            output: PhantomData,
        }
    }

    /// Every request sent so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    /// The operations of the requests sent so far, in order.
    pub fn operations(&self) -> Vec<&'static str> {
        self.lock().requests.iter().map(|r| r.operation).collect()
    }

    fn answer(&self, recorded: RecordedRequest) -> (u16, Vec<u8>) {
        let mut state = self.lock();
        let found = state.rules.iter_mut().find(|rule| {
            rule.operation == recorded.operation
                && rule.remaining != Some(0)
                && rule.matcher.as_ref().is_none_or(|m| m(&recorded))
        });
        let answer = match found {
            Some(rule) => {
                if let Some(remaining) = &mut rule.remaining {
                    *remaining -= 1;
                }
                *rule.hits.lock().unwrap_or_else(PoisonError::into_inner) += 1;
                (rule.status, rule.body.clone())
            }
            None => (
                501,
                serde_json::json!({
                    "code": null,
                    "message": format!("no mock rule matches this {} request", recorded.operation),
                    "status": 501,
                })
                .to_string()
                .into_bytes(),
            ),
        };
        state.requests.push(recorded);
        answer
    }
}

impl Transport for Mock {
    fn send(&self, request: HttpRequest) -> TransportFuture {
        let recorded = RecordedRequest::from_http(&request);
        let (status, body) = self.answer(recorded);
        let response = http::Response::builder()
            .status(status)
            .header("content-type", "application/json")
            .header("twilio-request-id", "RQ00000000000000000000000000000000")
            .body(body);
        Box::pin(async move {
            match response {
                Ok(response) => Ok(reqwest::Response::from(response)),
                // Unreachable: the status is one of the rule's (checked) and the headers are
                // constants; answer with an empty 500 rather than panic.
                Err(_) => Ok(reqwest::Response::from(http::Response::new(Vec::new()))),
            }
        })
    }
}

/// A rule being written: which operation, which requests (a matcher), how many times; ended by
/// [`output`](MockRule::output) or [`error`](MockRule::error), which register it.
#[must_use = "a rule is registered by `output` or `error`"]
pub struct MockRule<T> {
    mock: Mock,
    operation: &'static str,
    matcher: Option<Matcher>,
    times: Option<usize>,
    output: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for MockRule<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockRule")
            .field("operation", &self.operation)
            .field("matcher", &self.matcher.is_some())
            .field("times", &self.times)
            .finish()
    }
}

impl<T> MockRule<T> {
    /// Answers only the requests `matcher` accepts (by their parameters: see
    /// [`RecordedRequest`]). Rules are tried in the order they were registered.
    pub fn matching(
        mut self,
        matcher: impl Fn(&RecordedRequest) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.matcher = Some(Box::new(matcher));
        self
    }

    /// Answers at most `times` requests, then lets later rules answer.
    pub fn times(mut self, times: usize) -> Self {
        self.times = Some(times);
        self
    }

    /// Answers with a Twilio error document: HTTP `status`, Twilio error `code` and `message`
    /// (the client returns it as [`Error::Api`](crate::Error::Api)).
    pub fn error(self, status: u16, code: u32, message: &str) -> RuleHits {
        let body = serde_json::json!({
            "code": code,
            "message": message,
            "more_info": format!("https://www.twilio.com/docs/errors/{code}"),
            "status": status,
        });
        self.register(status, body.to_string().into_bytes())
    }

    fn register(self, status: u16, body: Vec<u8>) -> RuleHits {
        // An invalid status would make the response fail to build: answer 500 instead.
        let status = if (100..1000).contains(&status) {
            status
        } else {
            500
        };
        let hits = Arc::new(Mutex::new(0));
        self.mock.lock().rules.push(Rule {
            operation: self.operation,
            matcher: self.matcher,
            status,
            body,
            remaining: self.times,
            hits: Arc::clone(&hits),
        });
        RuleHits(hits)
    }
}

impl<T: serde::Serialize> MockRule<T> {
    /// Answers `200` with `value` as the JSON body.
    pub fn output(self, value: T) -> RuleHits {
        let body = serde_json::to_vec(&value).unwrap_or_default();
        self.register(200, body)
    }
}

/// How many requests a registered rule has answered.
#[derive(Debug, Clone)]
pub struct RuleHits(Arc<Mutex<usize>>);

impl RuleHits {
    /// The number of requests the rule answered so far.
    pub fn count(&self) -> usize {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A request the mock received, decoded: operation, method, path parameters (by their names in
/// the path template), query and form pairs (decoded), headers.
#[derive(Clone)]
pub struct RecordedRequest {
    operation: &'static str,
    method: reqwest::Method,
    path: String,
    path_params: Vec<(String, String)>,
    query: Vec<(String, String)>,
    form: Vec<(String, String)>,
    headers: HeaderMap,
}

impl fmt::Debug for RecordedRequest {
    /// Names only: values can be personal data or secrets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names =
            |pairs: &[(String, String)]| pairs.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        f.debug_struct("RecordedRequest")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path_params", &names(&self.path_params))
            .field("query", &names(&self.query))
            .field("form", &names(&self.form))
            .finish_non_exhaustive()
    }
}

impl RecordedRequest {
    fn from_http(http: &HttpRequest) -> RecordedRequest {
        let request = &http.request;
        let url = request.url();
        let query = url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let form = request
            .body()
            .and_then(reqwest::Body::as_bytes)
            .map(|body| {
                form_urlencoded::parse(body)
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        RecordedRequest {
            operation: http.operation,
            method: request.method().clone(),
            path: url.path().to_owned(),
            path_params: path_params(http.path_template, url.path()),
            query,
            form,
            headers: request.headers().clone(),
        }
    }

    /// The operation's `operationId`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP method.
    pub fn method(&self) -> &reqwest::Method {
        &self.method
    }

    /// The path as sent (percent-encoded).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The value of the path parameter `name` (as in the template: `Sid`, `CallSid`), decoded.
    pub fn path_param(&self, name: &str) -> Option<&str> {
        find(&self.path_params, name)
    }

    /// The first value of the query parameter `name` (wire name, e.g. `StartTime>`), decoded.
    pub fn query(&self, name: &str) -> Option<&str> {
        find(&self.query, name)
    }

    /// The first value of the form field `name` (wire name, e.g. `To`), decoded.
    pub fn form(&self, name: &str) -> Option<&str> {
        find(&self.form, name)
    }

    /// Every value of the form field `name` (arrays are repeated keys).
    pub fn form_all(&self, name: &str) -> Vec<&str> {
        self.form
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Every form pair, decoded, in order.
    pub fn form_pairs(&self) -> &[(String, String)] {
        &self.form
    }

    /// Every query pair, decoded, in order.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// The request's headers (`Authorization` included).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

fn find<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Reads the path parameters of `path` by aligning its segments with the template's, from the
/// end (a base URL may add a prefix).
fn path_params(template: &str, path: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (t, p) in template.rsplit('/').zip(path.rsplit('/')) {
        let (Some(open), Some(close)) = (t.find('{'), t.find('}')) else {
            continue;
        };
        if close < open {
            continue;
        }
        let (prefix, name, suffix) = (&t[..open], &t[open + 1..close], &t[close + 1..]);
        if let Some(value) = p.strip_prefix(prefix).and_then(|v| v.strip_suffix(suffix)) {
            let value = percent_encoding::percent_decode_str(value).decode_utf8_lossy();
            out.push((name.to_owned(), value.into_owned()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn path_params_align_from_the_end() {
        let params = super::path_params(
            "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings/{Sid}.json",
            "/prefix/2010-04-01/Accounts/AC1/Calls/CA%201/Recordings/RE1.json",
        );
        assert_eq!(
            params,
            [
                ("Sid".to_owned(), "RE1".to_owned()),
                ("CallSid".to_owned(), "CA 1".to_owned()),
                ("AccountSid".to_owned(), "AC1".to_owned()),
            ]
        );
    }
}

//! What a successful response said besides its body: status, headers, Twilio's request id.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// The metadata of one successful response: its status and headers, with accessors for the
/// headers Twilio sends (`Twilio-Request-Id`, which Twilio's support asks for, the account's
/// concurrency and the rate limit headers some APIs send).
///
/// It belongs to the one call that returned it (the `*_with_metadata` methods of generated
/// crates, [`Client::send_with_metadata`](crate::Client::send_with_metadata)): there is no
/// shared "last response", which concurrent tasks would overwrite.
///
/// [`Debug`](std::fmt::Debug) lists the status and header names only.
#[derive(Clone)]
pub struct ResponseMeta {
    status: StatusCode,
    headers: HeaderMap,
}

impl std::fmt::Debug for ResponseMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseMeta")
            .field("status", &self.status.as_u16())
            .field("request_id", &self.request_id())
            .field(
                "headers",
                &self.headers.keys().map(|k| k.as_str()).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl ResponseMeta {
    /// Metadata from a status and headers (for tests and mocks).
    pub fn new(status: StatusCode, headers: HeaderMap) -> ResponseMeta {
        ResponseMeta { status, headers }
    }

    pub(crate) fn of(response: &reqwest::Response) -> ResponseMeta {
        ResponseMeta {
            status: response.status(),
            headers: response.headers().clone(),
        }
    }

    /// The HTTP status, e.g. `201` for a created call.
    pub fn status(&self) -> u16 {
        self.status.as_u16()
    }

    /// Every header of the response.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The value of the header `name` (case-insensitive), when present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// `Twilio-Request-Id`: Twilio's id of this request (`RQ...`), what Twilio's support asks for.
    pub fn request_id(&self) -> Option<&str> {
        self.header("twilio-request-id")
    }

    /// `ETag`: the version of the resource this response describes, when the API sends it. Pass it
    /// to the `if_match` setter of an update or delete (the `If-Match` header) to change the
    /// resource only if nobody changed it since: Twilio answers `412 Precondition Failed`
    /// otherwise.
    pub fn etag(&self) -> Option<&str> {
        self.header("etag")
    }

    /// `Twilio-Concurrent-Requests`: how many requests of the account were in flight when this
    /// one arrived, when Twilio says.
    pub fn concurrent_requests(&self) -> Option<u64> {
        self.number("twilio-concurrent-requests")
    }

    /// `X-Rate-Limit-Limit`: the most requests the rate limit of this endpoint allows, on APIs
    /// that send it.
    pub fn rate_limit_limit(&self) -> Option<u64> {
        self.number("x-rate-limit-limit")
    }

    /// `X-Rate-Limit-Remaining`: how many requests remain before the rate limit of this
    /// endpoint, on APIs that send it.
    pub fn rate_limit_remaining(&self) -> Option<u64> {
        self.number("x-rate-limit-remaining")
    }

    fn number(&self, name: &str) -> Option<u64> {
        self.header(name).and_then(|v| v.trim().parse().ok())
    }
}

/// A decoded response body with the [`ResponseMeta`] of the response it came from.
///
/// It dereferences to the body, so `response.sid` reads a field of the value;
/// [`into_inner`](Response::into_inner) takes the value out.
#[derive(Clone, Debug)]
pub struct Response<T> {
    value: T,
    meta: ResponseMeta,
}

impl<T> Response<T> {
    /// A value with its metadata.
    pub fn new(value: T, meta: ResponseMeta) -> Response<T> {
        Response { value, meta }
    }

    /// The decoded body.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The status and headers.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    /// `Twilio-Request-Id`, see [`ResponseMeta::request_id`].
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    /// The decoded body, without the metadata.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The decoded body and the metadata.
    pub fn into_parts(self) -> (T, ResponseMeta) {
        (self.value, self.meta)
    }
}

impl<T> std::ops::Deref for Response<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

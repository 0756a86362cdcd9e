//! Turning HTTP responses into values or errors.

use reqwest::{Method, Response};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, Error, escape_controls};

/// The most of an error body that is read (Twilio error documents are a few hundred bytes); the
/// rest is ignored.
pub(crate) const ERROR_BODY_LIMIT: usize = 64 * 1024;
/// The most of a body that is shown in [`Error::Http`].
pub(crate) const SNIPPET_LIMIT: usize = 512;

/// What the response handlers of one request need to know about it.
#[derive(Clone, Debug)]
pub(crate) struct Exchange {
    pub(crate) operation: &'static str,
    pub(crate) method: Method,
    /// The path template, e.g. `/2010-04-01/Accounts/{AccountSid}/Calls.json`.
    pub(crate) path: &'static str,
    /// The most bytes of a successful response's body that are read.
    pub(crate) body_limit: usize,
}

impl Exchange {
    /// Maps an error of the HTTP client: timeouts become [`Error::Timeout`]; others become
    /// [`Error::Transport`] without the URL (its query may hold personal data).
    pub(crate) fn transport_error(&self, source: reqwest::Error) -> Error {
        if source.is_timeout() {
            Error::Timeout {
                operation: self.operation,
            }
        } else {
            Error::Transport {
                operation: self.operation,
                method: self.method.clone(),
                path: self.path,
                source: origin_only(source),
            }
        }
    }

    /// Reads the body of a successful response, failing with [`Error::BodyTooLarge`] as soon as
    /// it is longer than the limit (a `Content-Length` above it fails before reading).
    pub(crate) async fn read_body(&self, mut response: Response) -> Result<Vec<u8>, Error> {
        let limit = self.body_limit;
        let too_large = || Error::BodyTooLarge {
            operation: self.operation,
            limit,
        };
        let announced = response.content_length();
        if announced.is_some_and(|length| length > limit as u64) {
            return Err(too_large());
        }
        let capacity = announced.map_or(0, |length| usize::try_from(length).unwrap_or(limit));
        let mut body = Vec::with_capacity(capacity.min(limit));
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|source| self.transport_error(source))?
        {
            if chunk.len() > limit - body.len() {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// `source` with its URL reduced to the origin (`scheme://host[:port]/`): the path and the
/// query of a request may hold personal data; the server may be named.
fn origin_only(source: reqwest::Error) -> reqwest::Error {
    let origin = source.url().and_then(|url| {
        let host = url.host_str()?;
        let port = url
            .port()
            .map(|port| format!(":{port}"))
            .unwrap_or_default();
        reqwest::Url::parse(&format!("{}://{host}{port}/", url.scheme())).ok()
    });
    match origin {
        Some(origin) => source.with_url(origin),
        None => source.without_url(),
    }
}

/// A successful response's body as text ([`Error::Decode`] when it is not UTF-8).
pub(crate) fn utf8(operation: &'static str, body: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(body).map_err(|error| Error::Decode {
        operation,
        path: ".".to_owned(),
        message: format!("the body is not UTF-8: {error}"),
    })
}

/// Reads the body of a successful response (up to the limit) and decodes it as JSON.
pub(crate) async fn read_json<T: DeserializeOwned>(
    exchange: Exchange,
    response: Response,
) -> Result<T, Error> {
    let body = exchange.read_body(response).await?;
    decode_json(exchange.operation, &body)
}

/// Reads at most `limit` bytes of the body, then stops (the rest is discarded with the
/// connection).
pub(crate) async fn read_limited(
    mut response: Response,
    limit: usize,
) -> Result<Vec<u8>, reqwest::Error> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let room = limit.saturating_sub(body.len());
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() >= limit {
            break;
        }
    }
    Ok(body)
}

/// Decodes a JSON document as [`Client::send`](crate::Client::send) decodes response bodies: a
/// failure is an [`Error::Decode`] naming the operation and the path of the failing field (e.g.
/// `calls[1].status`). Useful for bodies received another way, such as stored responses.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Call {
///     sid: String,
/// }
/// let call: Call = twilio_runtime::decode_json("FetchCall", br#"{"sid": "CA1"}"#).unwrap();
/// assert_eq!(call.sid, "CA1");
/// let error = twilio_runtime::decode_json::<Call>("FetchCall", br#"{"sid": 1}"#).err();
/// assert!(error.is_some_and(|e| e.to_string().contains("sid")));
/// ```
///
/// # Errors
/// [`Error::Decode`] when `body` is not JSON or does not match `T`.
pub fn decode_json<T: DeserializeOwned>(operation: &'static str, body: &[u8]) -> Result<T, Error> {
    // Malformed SIDs are kept (see `sid::deserialize_lenient`); the fields that held them are
    // located afterwards, by decoding again, only when there were some.
    crate::sid::decode_counting(
        operation,
        || decode_json_inner(operation, body),
        || {
            let mut deserializer = serde_json::Deserializer::from_slice(body);
            serde_path_to_error::deserialize::<_, T>(&mut deserializer)
                .err()
                .map(|error| {
                    (
                        escape_controls(&error.path().to_string()).into_owned(),
                        error.inner().to_string(),
                    )
                })
        },
    )
}

fn decode_json_inner<T: DeserializeOwned>(
    operation: &'static str,
    body: &[u8],
) -> Result<T, Error> {
    // Tracking the path costs a quarter to a half of the decoding time: decode without it, and
    // decode again with it only to explain a failure.
    if let Ok(value) = serde_json::from_slice(body) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| Error::Decode {
            operation,
            path: escape_controls(&error.path().to_string()).into_owned(),
            message: escape_controls(&error.inner().to_string()).into_owned(),
        })?;
    deserializer.end().map_err(|error| Error::Decode {
        operation,
        path: ".".to_owned(),
        message: escape_controls(&error.to_string()).into_owned(),
    })?;
    Ok(value)
}

/// The error for a non-2xx response: [`Error::Api`] when the body is a Twilio error document,
/// [`Error::Http`] with the beginning of the body otherwise.
pub(crate) async fn error_from_response(operation: &'static str, response: Response) -> Error {
    let status = response.status().as_u16();
    let request_id = response
        .headers()
        .get("twilio-request-id")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    // The status is what matters: a body that cannot be read is reported as empty.
    let body = read_limited(response, ERROR_BODY_LIMIT)
        .await
        .unwrap_or_default();
    error_from_parts(operation, status, request_id, &body)
}

pub(crate) fn error_from_parts(
    operation: &'static str,
    status: u16,
    request_id: Option<String>,
    body: &[u8],
) -> Error {
    match api_error(operation, status, request_id, body) {
        Some(error) => Error::Api(error),
        None => Error::Http {
            status,
            operation,
            snippet: snippet(body),
        },
    }
}

/// Parses `{"code": 20404, "message": "...", "more_info": "...", "status": 404, "details": {}}`;
/// `None` unless the document is an object with a numeric `code` or a string `message`.
fn api_error(
    operation: &'static str,
    status: u16,
    request_id: Option<String>,
    body: &[u8],
) -> Option<ApiError> {
    let serde_json::Value::Object(mut document) = serde_json::from_slice(body).ok()? else {
        return None;
    };
    let code = document.get("code").and_then(serde_json::Value::as_u64);
    let message = document
        .get("message")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned);
    if code.is_none() && message.is_none() {
        return None;
    }
    let more_info = document
        .get("more_info")
        .and_then(serde_json::Value::as_str)
        .filter(|more_info| !more_info.is_empty())
        .map(str::to_owned);
    let details = document
        .remove("details")
        .filter(|details| !details.is_null())
        .map(Box::new);
    Some(ApiError {
        operation,
        status,
        code: code.and_then(|code| u32::try_from(code).ok()),
        message: message.unwrap_or_default(),
        more_info,
        details,
        request_id,
    })
}

/// The beginning of `body` as text, at most [`SNIPPET_LIMIT`] bytes, cut on a character
/// boundary.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(SNIPPET_LIMIT + 4)]);
    let text = text.trim();
    let mut end = text.len().min(SNIPPET_LIMIT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    escape_controls(&text[..end]).into_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_bounded_and_on_char_boundaries() {
        let body = "é".repeat(1000);
        let text = snippet(body.as_bytes());
        assert!(text.len() <= SNIPPET_LIMIT);
        assert_eq!(text.len(), SNIPPET_LIMIT);
        let body = format!("a{}", "é".repeat(1000));
        let text = snippet(body.as_bytes());
        assert_eq!(text.len(), SNIPPET_LIMIT - 1);
        assert_eq!(snippet(b"  <html>  "), "<html>");
        assert_eq!(snippet(&[0xff, b'a']), "\u{fffd}a");
    }

    #[test]
    fn api_errors() {
        let body = br#"{"code": 20404, "message": "Not found", "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404}"#;
        let Error::Api(error) = error_from_parts("FetchCall", 404, Some("RQ1".into()), body) else {
            panic!("not an API error");
        };
        assert_eq!(error.code(), Some(20404));
        assert_eq!(error.message(), "Not found");
        assert_eq!(error.status(), 404);
        assert_eq!(error.request_id(), Some("RQ1"));
        assert_eq!(error.details(), None);
        assert!(matches!(
            error_from_parts("Op", 400, None, br#"{"message": "Bad"}"#),
            Error::Api(ApiError { code: None, .. })
        ));
        assert!(matches!(
            error_from_parts("Op", 400, None, br#"{"detail": "Bad"}"#),
            Error::Http { status: 400, .. }
        ));
        assert!(matches!(
            error_from_parts("Op", 400, None, br#"[1]"#),
            Error::Http { status: 400, .. }
        ));
    }

    #[test]
    fn decode_names_the_path() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Page {
            calls: Vec<Call>,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Call {
            status: u32,
        }
        let error = decode_json::<Page>(
            "ListCall",
            br#"{"calls": [{"status": 1}, {"status": "x"}]}"#,
        )
        .unwrap_err();
        let Error::Decode { path, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(path, "calls[1].status");
        let error = decode_json::<Page>("ListCall", br#"{"calls": [] } trailing"#).unwrap_err();
        assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    }
}

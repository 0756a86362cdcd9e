//! Operations whose only answer is a redirect (`302 Found` with a `Location`): the runtime never
//! follows redirects (they would carry the credentials elsewhere), so such an operation returns
//! the redirect itself, a [`Redirect`].

use reqwest::header::LOCATION;

use crate::client::Client;
use crate::error::Error;
use crate::metadata::{Response, ResponseMeta};
use crate::request::Request;

/// The answer of an operation whose spec declares only a redirect (`3xx`): its status and the
/// `Location` it points to (often a pre-signed URL of a file, valid for a short time).
///
/// The location is not followed: fetch it with a client of your own (without the account's
/// credentials). `Debug` shows the location without its query string, which may hold a
/// signature.
#[derive(Clone, PartialEq, Eq)]
pub struct Redirect {
    status: u16,
    location: String,
}

impl Redirect {
    /// A redirect with this status and `Location` (for tests and mocks).
    pub fn new(status: u16, location: impl Into<String>) -> Self {
        Redirect {
            status,
            location: location.into(),
        }
    }

    /// The HTTP status of the response (`302`, `307`, ...).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `Location` header, whole (a pre-signed URL is a secret while it is valid: do not log
    /// it).
    pub fn location(&self) -> &str {
        &self.location
    }

    /// The location without its query string and fragment, safe to log.
    pub fn location_redacted(&self) -> String {
        match self.location.find(['?', '#']) {
            Some(at) => format!("{}?…", self.location.get(..at).unwrap_or_default()),
            None => self.location.clone(),
        }
    }
}

impl std::fmt::Debug for Redirect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Redirect")
            .field("status", &self.status)
            .field("location", &self.location_redacted())
            .finish()
    }
}

impl Client {
    /// Sends `request`, whose operation answers with a redirect, and returns the redirect
    /// (status and `Location`) without following it. A `2xx` answer with a `Location` is taken
    /// the same way.
    ///
    /// # Errors
    /// Like [`send`](Client::send); [`Error::Decode`] when the answer has no `Location` header
    /// (or one that is not text).
    pub async fn send_redirect(&self, request: Request) -> Result<Redirect, Error> {
        self.send_redirect_with_metadata(request)
            .await
            .map(Response::into_inner)
    }

    /// [`send_redirect`](Client::send_redirect), with the response's status and headers.
    pub(crate) async fn send_redirect_with_metadata(
        &self,
        request: Request,
    ) -> Result<Response<Redirect>, Error> {
        let mut prepared = self.prepare(request)?;
        prepared.redirect = true;
        self.execute(prepared, |exchange, response| async move {
            let meta = ResponseMeta::of(&response);
            let status = response.status().as_u16();
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned);
            let _ = crate::response::read_limited(response, 64 * 1024).await;
            let location = location.ok_or_else(|| Error::Decode {
                operation: exchange.operation,
                path: ".".to_owned(),
                message: format!("the answer ({status}) has no `Location` header"),
            })?;
            Ok(Response::new(Redirect { status, location }, meta))
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::Redirect;

    #[test]
    fn debug_leaves_the_query_out() {
        let r = Redirect::new(
            302,
            "https://files.example/a/b.json?X-Signature=s3cr3t&Expires=1",
        );
        let text = format!("{r:?}");
        assert!(text.contains("https://files.example/a/b.json?…"), "{text}");
        assert!(!text.contains("s3cr3t"), "{text}");
        assert_eq!(
            r.location(),
            "https://files.example/a/b.json?X-Signature=s3cr3t&Expires=1"
        );
        assert_eq!(r.status(), 302);
    }
}

//! The authentication schemes an operation accepts, as its document declares them.

use std::fmt;

/// One way of authenticating a request, as an operation's document declares it
/// (`components.securitySchemes`, used by the top-level or the operation's `security`).
///
/// Generated code passes the list an operation accepts to [`Request::auth`](crate::Request::auth).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scheme {
    /// HTTP basic authentication: the account SID and its auth token, or an API key SID and its
    /// secret.
    Basic,
    /// HTTP bearer authentication: `Authorization: Bearer <token>`.
    Bearer,
    /// OAuth2 client credentials: an access token fetched from `token_url` with the client's id
    /// and secret, sent as `Authorization: Bearer <access token>`.
    OAuth2 {
        /// The token URL of the document's `flows.clientCredentials.tokenUrl`.
        token_url: &'static str,
    },
    /// No credentials (an empty security requirement `{}`): always satisfied.
    Anonymous,
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scheme::Basic => f.write_str("basic (ClientBuilder::auth_token or api_key)"),
            Scheme::Bearer => {
                f.write_str("bearer (ClientBuilder::bearer_token, TWILIO_BEARER_TOKEN)")
            }
            Scheme::OAuth2 { token_url } => write!(
                f,
                "OAuth2 client credentials with the token URL {token_url} (ClientBuilder::oauth2_client_credentials, TWILIO_CLIENT_ID and TWILIO_CLIENT_SECRET)"
            ),
            Scheme::Anonymous => f.write_str("no credentials"),
        }
    }
}

/// The schemes of a request that did not call [`Request::auth`](crate::Request::auth).
pub(crate) const DEFAULT_SCHEMES: &[Scheme] = &[Scheme::Basic];

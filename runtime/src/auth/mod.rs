//! Authentication: the schemes an operation accepts (from its document's `security`), the
//! credentials the client holds for them, and the OAuth2 client-credentials token cache.
//!
//! - [`Scheme::Basic`]: HTTP basic with the account SID and auth token, or an API key and secret
//!   (the default of every [`Request`](crate::Request));
//! - [`Scheme::Bearer`]: `Authorization: Bearer <token>`, the token from
//!   [`ClientBuilder::bearer_token`](crate::ClientBuilder::bearer_token) or `TWILIO_BEARER_TOKEN`;
//! - [`Scheme::OAuth2`]: OAuth2 client credentials (RFC 6749 section 4.4): the client posts
//!   `grant_type=client_credentials`, `client_id` and `client_secret` as a form to the token URL,
//!   keeps the access token until shortly before it expires (`expires_in`, or the `exp` of a JWT
//!   access token when the response has no `expires_in`) and fetches a new one then; a cached
//!   token the server refuses (`401`) is replaced once and the request resent once; concurrent
//!   requests wait for one token request instead of each sending their own (`token.rs`);
//! - [`Scheme::Anonymous`] (and an empty list, OpenAPI's `security: []`): no credentials at all.
//!
//! An operation lists the schemes it accepts; the client uses the first it has credentials for,
//! and fails with [`Error::Unauthenticated`] before sending anything when it has none.

use std::fmt;

use reqwest::header::HeaderValue;

use crate::REDACTED;
use crate::error::Error;
use crate::scheme::Scheme;

mod credentials;
mod token;

pub(crate) use credentials::{Credentials, check_identifier, check_secret, shown_identifier};
pub(crate) use token::{TOKEN_OPERATION, TokenCache, TokenResponse};

/// The credentials of one request, resolved.
#[derive(Clone)]
pub(crate) enum Resolved {
    /// No `Authorization` header from the client.
    Nothing,
    /// HTTP basic with the client's account SID or API key.
    Basic,
    /// This `Authorization` header (marked sensitive).
    Header(HeaderValue),
}

/// The scheme chosen for one request (before an OAuth2 token is fetched).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chosen {
    /// No `Authorization` header from the client.
    Nothing,
    Basic,
    Bearer,
    OAuth2 {
        token_url: &'static str,
    },
}

/// The credentials for the bearer and OAuth2 schemes, as set on the builder.
#[derive(Clone, Default)]
pub(crate) struct AuthBuilder {
    pub(crate) bearer_token: Option<String>,
    pub(crate) client_credentials: Option<(String, String)>,
    pub(crate) token_url: Option<String>,
}

impl fmt::Debug for AuthBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Auth")
            .field(
                "bearer_token",
                &self.bearer_token.as_ref().map(|_| REDACTED),
            )
            .field(
                "oauth2_client_id",
                &self.client_credentials.as_ref().map(|(id, _)| id),
            )
            .field(
                "oauth2_client_secret",
                &self.client_credentials.as_ref().map(|_| REDACTED),
            )
            .field("oauth2_token_url", &self.token_url)
            .finish()
    }
}

/// The credentials for the bearer and OAuth2 schemes, validated, with the token cache shared by
/// the clones of a client.
pub(crate) struct AuthSettings {
    pub(crate) bearer: Option<HeaderValue>,
    pub(crate) oauth2: Option<OAuth2>,
}

/// OAuth2 client credentials and their cache of tokens, by token URL.
pub(crate) struct OAuth2 {
    pub(crate) client_id: String,
    pub(crate) client_secret: String,
    /// Where tokens are fetched instead of the operation's token URL.
    pub(crate) token_url: Option<String>,
    /// The tokens fetched, by token URL.
    pub(crate) cache: TokenCache,
}

impl fmt::Debug for AuthSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Auth")
            .field("bearer_token", &self.bearer.as_ref().map(|_| REDACTED))
            .field(
                "oauth2_client_id",
                &self.oauth2.as_ref().map(|o| o.client_id.as_str()),
            )
            .field(
                "oauth2_client_secret",
                &self.oauth2.as_ref().map(|_| REDACTED),
            )
            .field(
                "oauth2_token_url",
                &self.oauth2.as_ref().and_then(|o| o.token_url.as_deref()),
            )
            .finish()
    }
}

impl AuthBuilder {
    /// Validates the credentials (never quoting a secret).
    pub(crate) fn build(self) -> Result<AuthSettings, Error> {
        let bearer = match self.bearer_token {
            Some(token) => {
                check_secret("the bearer token", &token)?;
                Some(bearer_value(&token).ok_or_else(|| {
                    Error::Config("the bearer token is not a valid header value".into())
                })?)
            }
            None => None,
        };
        let oauth2 = match self.client_credentials {
            Some((client_id, client_secret)) => {
                check_secret("the OAuth2 client id", &client_id)?;
                check_secret("the OAuth2 client secret", &client_secret)?;
                if let Some(url) = &self.token_url {
                    check_token_url(url)?;
                }
                Some(OAuth2 {
                    client_id,
                    client_secret,
                    token_url: self.token_url,
                    cache: TokenCache::default(),
                })
            }
            None if self.token_url.is_some() => {
                return Err(Error::Config(
                    "an OAuth2 token URL is set but no OAuth2 client credentials".into(),
                ));
            }
            None => None,
        };
        Ok(AuthSettings { bearer, oauth2 })
    }

    /// Whether any bearer or OAuth2 credential is set.
    pub(crate) fn is_set(&self) -> bool {
        self.bearer_token.is_some() || self.client_credentials.is_some()
    }
}

fn check_token_url(url: &str) -> Result<(), Error> {
    match reqwest::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.has_host() => Ok(()),
        _ => Err(Error::Config(format!(
            "the OAuth2 token URL `{}` is not an absolute http(s) URL",
            crate::error::escape_controls(url)
        ))),
    }
}

/// `Bearer <token>`, marked sensitive (never shown by `http`'s `Debug`).
pub(crate) fn bearer_value(token: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(&format!("Bearer {token}")).ok()?;
    value.set_sensitive(true);
    Some(value)
}

/// The first of `schemes` the client has credentials for (`Nothing` for an empty list).
pub(crate) fn choose(
    operation: &'static str,
    schemes: &'static [Scheme],
    has_basic: bool,
    auth: &AuthSettings,
) -> Result<Chosen, Error> {
    if schemes.is_empty() {
        return Ok(Chosen::Nothing);
    }
    for scheme in schemes {
        match scheme {
            Scheme::Basic if has_basic => return Ok(Chosen::Basic),
            Scheme::Bearer if auth.bearer.is_some() => return Ok(Chosen::Bearer),
            Scheme::OAuth2 { token_url } if auth.oauth2.is_some() => {
                return Ok(Chosen::OAuth2 { token_url });
            }
            Scheme::Anonymous => return Ok(Chosen::Nothing),
            _ => {}
        }
    }
    Err(Error::Unauthenticated { operation, schemes })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_first_satisfiable_scheme_wins() {
        let auth = AuthBuilder {
            bearer_token: Some("bearer-secret".into()),
            ..AuthBuilder::default()
        }
        .build()
        .unwrap();
        const OAUTH: &[Scheme] = &[
            Scheme::OAuth2 {
                token_url: "https://example.com/token",
            },
            Scheme::Bearer,
            Scheme::Basic,
        ];
        assert_eq!(choose("Op", OAUTH, true, &auth).unwrap(), Chosen::Bearer);
        assert_eq!(
            choose("Op", &[Scheme::Basic, Scheme::Bearer], true, &auth).unwrap(),
            Chosen::Basic
        );
        assert_eq!(choose("Op", &[], false, &auth).unwrap(), Chosen::Nothing);
        assert_eq!(
            choose("Op", &[Scheme::Basic, Scheme::Anonymous], false, &auth).unwrap(),
            Chosen::Nothing
        );
        let error = choose("Op", &[Scheme::Basic], false, &auth).unwrap_err();
        assert!(
            matches!(
                error,
                Error::Unauthenticated {
                    operation: "Op",
                    ..
                }
            ),
            "{error:?}"
        );
        let debug = format!("{auth:?}");
        assert!(!debug.contains("bearer-secret"), "{debug}");
    }
}

//! Authentication: the schemes an operation accepts (from its document's `security`), the
//! credentials the client holds for them, and the OAuth2 client-credentials token cache.
//!
//! - [`Scheme::Basic`]: HTTP basic with the account SID and auth token, or an API key and secret
//!   (the default of every [`Request`](crate::Request));
//! - [`Scheme::Bearer`]: `Authorization: Bearer <token>`, the token from
//!   [`ClientBuilder::bearer_token`](crate::ClientBuilder::bearer_token) or `TWILIO_BEARER_TOKEN`;
//! - [`Scheme::OAuth2`]: OAuth2 client credentials (RFC 6749 section 4.4): the client posts
//!   `grant_type=client_credentials`, `client_id` and `client_secret` as a form to the token URL,
//!   keeps the access token until shortly before it expires (`expires_in`) and fetches a new one
//!   then; concurrent requests wait for one token request instead of each sending their own;
//! - [`Scheme::Anonymous`] (and an empty list, OpenAPI's `security: []`): no credentials at all.
//!
//! An operation lists the schemes it accepts; the client uses the first it has credentials for,
//! and fails with [`Error::Unauthenticated`] before sending anything when it has none.

use std::collections::HashMap;
use std::fmt;
use std::time::{Duration, Instant};

use reqwest::header::HeaderValue;

use crate::REDACTED;
use crate::error::Error;

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

/// A cached OAuth2 access token.
struct Token {
    value: HeaderValue,
    /// When it must no longer be used (already shortly before it expires).
    until: Instant,
}

/// The credentials for the bearer and OAuth2 schemes, validated, with the token cache shared by
/// the clones of a client.
pub(crate) struct AuthSettings {
    pub(crate) bearer: Option<HeaderValue>,
    pub(crate) oauth2: Option<OAuth2>,
}

/// OAuth2 client credentials and their cache of tokens, by token URL.
pub(crate) struct OAuth2 {
    client_id: String,
    client_secret: String,
    /// Where tokens are fetched instead of the operation's token URL.
    token_url: Option<String>,
    /// Held while a token is fetched, so that concurrent requests wait for that one.
    cache: tokio::sync::Mutex<HashMap<&'static str, Token>>,
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
                crate::config::check_secret("the bearer token", &token)?;
                Some(bearer_value(&token).ok_or_else(|| {
                    Error::Config("the bearer token is not a valid header value".into())
                })?)
            }
            None => None,
        };
        let oauth2 = match self.client_credentials {
            Some((client_id, client_secret)) => {
                crate::config::check_secret("the OAuth2 client id", &client_id)?;
                crate::config::check_secret("the OAuth2 client secret", &client_secret)?;
                if let Some(url) = &self.token_url {
                    check_token_url(url)?;
                }
                Some(OAuth2 {
                    client_id,
                    client_secret,
                    token_url: self.token_url,
                    cache: tokio::sync::Mutex::new(HashMap::new()),
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
fn bearer_value(token: &str) -> Option<HeaderValue> {
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

/// What the token endpoint answers (RFC 6749 section 5.1); other members are ignored.
#[derive(serde::Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default, deserialize_with = "crate::serde::number_opt")]
    expires_in: Option<i64>,
}

/// The operation name token requests are reported under (errors, traces).
pub(crate) const TOKEN_OPERATION: &str = "oauth2-token";

/// How long before its announced expiry a token is replaced: a quarter of its lifetime, at most a
/// minute (so that a request does not reach the server with a token that expired on the way).
fn usable_for(expires_in: u64) -> Duration {
    let lifetime = Duration::from_secs(expires_in);
    lifetime - (lifetime / 4).min(Duration::from_secs(60))
}

impl crate::client::Client {
    /// The `Authorization` header of a request authenticated with `chosen`, fetching an OAuth2
    /// token when none is cached.
    pub(crate) async fn authorization(&self, chosen: Chosen) -> Result<Resolved, Error> {
        let settings = self.settings();
        match chosen {
            Chosen::Nothing => Ok(Resolved::Nothing),
            Chosen::Basic => Ok(Resolved::Basic),
            Chosen::Bearer => Ok(settings
                .auth
                .bearer
                .clone()
                .map_or(Resolved::Nothing, Resolved::Header)),
            Chosen::OAuth2 { token_url } => {
                let Some(oauth2) = &settings.auth.oauth2 else {
                    return Ok(Resolved::Nothing);
                };
                let mut cache = oauth2.cache.lock().await;
                if let Some(token) = cache.get(token_url)
                    && Instant::now() < token.until
                {
                    return Ok(Resolved::Header(token.value.clone()));
                }
                let (value, until) = self.fetch_token(oauth2, token_url).await?;
                cache.insert(
                    token_url,
                    Token {
                        value: value.clone(),
                        until,
                    },
                );
                Ok(Resolved::Header(value))
            }
        }
    }

    /// Posts the client credentials to the token URL and reads the access token.
    async fn fetch_token(
        &self,
        oauth2: &OAuth2,
        token_url: &'static str,
    ) -> Result<(HeaderValue, Instant), Error> {
        let url = match (&oauth2.token_url, &self.settings().base_url) {
            (Some(url), _) => url.clone(),
            // A base URL override (a mock server, a proxy) receives the token requests too.
            (None, Some(base)) => {
                let parsed = crate::client::parse_url(TOKEN_OPERATION, token_url)?;
                format!("{base}{}", parsed.path())
            }
            (None, None) => token_url.to_owned(),
        };
        let url = crate::client::parse_url(TOKEN_OPERATION, &url)?;
        let form = form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "client_credentials")
            .append_pair("client_id", &oauth2.client_id)
            .append_pair("client_secret", &oauth2.client_secret)
            .finish();
        let started = Instant::now();
        let response: TokenResponse = self.send_token_request(url, form).await?;
        let value = bearer_value(&response.access_token).ok_or_else(|| Error::Decode {
            operation: TOKEN_OPERATION,
            path: "access_token".to_owned(),
            message: "the access token is not a valid header value".to_owned(),
        })?;
        let seconds = response
            .expires_in
            .map_or(0, |seconds| u64::try_from(seconds).unwrap_or(0));
        let until = started + usable_for(seconds);
        Ok((value, until))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_replaced_before_they_expire() {
        assert_eq!(usable_for(0), Duration::ZERO);
        assert_eq!(usable_for(4), Duration::from_secs(3));
        assert_eq!(usable_for(3600), Duration::from_secs(3540));
        assert_eq!(usable_for(86_400), Duration::from_secs(86_340));
    }

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

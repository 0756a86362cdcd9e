//! The OAuth2 token cache: how long an access token is kept, and one token request at a time.
//!
//! A token is kept until shortly before it expires: `expires_in` of the token response, or,
//! when the response has none and the token is a JWT, its `exp` claim. A token whose lifetime is
//! unknown is used for one request. A token the server refuses (`401`) is replaced once, by one
//! token request however many requests were refused.

use std::collections::HashMap;
use std::future::Future;
use std::time::{Duration, Instant, SystemTime};

use base64::Engine as _;
use reqwest::header::HeaderValue;

use super::bearer_value;
use crate::error::Error;

/// The operation name token requests are reported under (errors, traces).
pub(crate) const TOKEN_OPERATION: &str = "oauth2-token";

/// What the token endpoint answers (RFC 6749 section 5.1); other members are ignored.
#[derive(serde::Deserialize)]
pub(crate) struct TokenResponse {
    access_token: String,
    #[serde(default, deserialize_with = "crate::serde::number_opt")]
    expires_in: Option<i64>,
}

impl TokenResponse {
    /// How long the token is valid from when it was requested: `expires_in`, else the `exp`
    /// claim of a JWT (measured from `now`), else zero.
    fn lifetime(&self, now: SystemTime) -> Duration {
        if let Some(seconds) = self.expires_in.and_then(|s| u64::try_from(s).ok()) {
            return Duration::from_secs(seconds);
        }
        jwt_expiry(&self.access_token)
            .and_then(|exp| exp.duration_since(now).ok())
            .unwrap_or(Duration::ZERO)
    }
}

/// The `exp` claim (seconds since the Unix epoch) of a JWT (`header.payload.signature`, each
/// part base64url), when `token` is one; the token is only read, never checked or shown.
fn jwt_expiry(token: &str) -> Option<SystemTime> {
    let mut parts = token.split('.');
    let (_, payload, _) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    #[derive(serde::Deserialize)]
    struct Claims {
        exp: Option<serde_json::Number>,
    }
    let exp = serde_json::from_slice::<Claims>(&bytes).ok()?.exp?;
    let seconds = exp
        .as_u64()
        .or_else(|| exp.as_f64().filter(|s| *s >= 0.0).map(|s| s as u64))?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(seconds))
}

/// How long a token with this lifetime is used: until a quarter of its lifetime before it
/// expires, at most a minute early (so that a request does not reach the server with a token
/// that expired on the way).
fn usable_for(lifetime: Duration) -> Duration {
    lifetime - (lifetime / 4).min(Duration::from_secs(60))
}

/// A cached access token.
struct Token {
    value: HeaderValue,
    /// When it must no longer be used (already shortly before it expires).
    until: Instant,
}

/// A token for one request.
pub(crate) struct Lease {
    /// `Bearer <access token>`, marked sensitive.
    pub(crate) value: HeaderValue,
    /// Whether it came from the cache (a cached token the server refuses is worth replacing; a
    /// token fetched for this very request is not).
    pub(crate) cached: bool,
}

/// The access tokens of one set of client credentials, by token URL, shared by the clones of a
/// client. Its lock is held while a token is fetched, so that concurrent requests wait for that
/// one token request instead of each sending their own.
#[derive(Default)]
pub(crate) struct TokenCache(tokio::sync::Mutex<HashMap<&'static str, Token>>);

impl TokenCache {
    /// The token to send to an operation whose token URL is `token_url`: the cached one while
    /// it is usable, else one that `fetch` requests. `refused` is a token the server answered
    /// `401` to: if the cache still holds it, it is replaced; if another request already replaced
    /// it, that newer token is used.
    pub(crate) async fn token<F, Fut>(
        &self,
        token_url: &'static str,
        refused: Option<&HeaderValue>,
        fetch: F,
    ) -> Result<Lease, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<TokenResponse, Error>>,
    {
        let mut cache = self.0.lock().await;
        if let Some(token) = cache.get(token_url)
            && refused != Some(&token.value)
            && Instant::now() < token.until
        {
            return Ok(Lease {
                value: token.value.clone(),
                cached: refused.is_none(),
            });
        }
        let started = Instant::now();
        let requested_at = SystemTime::now();
        let response = fetch().await?;
        let value = bearer_value(&response.access_token).ok_or_else(|| Error::Decode {
            operation: TOKEN_OPERATION,
            path: "access_token".to_owned(),
            message: "the access token is not a valid header value".to_owned(),
        })?;
        let until = started + usable_for(response.lifetime(requested_at));
        cache.insert(
            token_url,
            Token {
                value: value.clone(),
                until,
            },
        );
        Ok(Lease {
            value,
            cached: false,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_replaced_before_they_expire() {
        let usable = |s| usable_for(Duration::from_secs(s));
        assert_eq!(usable(0), Duration::ZERO);
        assert_eq!(usable(4), Duration::from_secs(3));
        assert_eq!(usable(3600), Duration::from_secs(3540));
        assert_eq!(usable(86_400), Duration::from_secs(86_340));
    }

    fn jwt(payload: &str) -> String {
        let part = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        format!("{}.{}.sig", part(r#"{"alg":"HS256"}"#), part(payload))
    }

    #[test]
    fn the_lifetime_is_expires_in_else_the_exp_of_a_jwt() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let response = |token: String, expires_in| TokenResponse {
            access_token: token,
            expires_in,
        };
        let exp = jwt(r#"{"sub":"x","exp":1000600}"#);
        assert_eq!(
            response(exp.clone(), None).lifetime(now),
            Duration::from_secs(600)
        );
        assert_eq!(
            response(exp, Some(30)).lifetime(now),
            Duration::from_secs(30)
        );
        // Expired, without `exp`, not a JWT, not base64, not JSON: unknown (one request).
        for token in [
            jwt(r#"{"exp":999999}"#),
            jwt(r#"{"sub":"x"}"#),
            "opaque-token".to_owned(),
            "a.%%%.c".to_owned(),
            jwt("not json"),
            format!("{}.extra", jwt(r#"{"exp":1000600}"#)),
        ] {
            assert_eq!(response(token, None).lifetime(now), Duration::ZERO);
        }
    }
}

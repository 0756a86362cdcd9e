//! OAuth2 access tokens, fetched with the client's own transport and kept in the token cache of
//! the `auth` layer.

use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;

use super::Client;
use super::execute::{Prepared, parse_url};
use crate::auth::{Chosen, OAuth2, Resolved, TOKEN_OPERATION, TokenResponse};
use crate::error::Error;
use crate::response::{self, Exchange};

/// The credentials of one request, and whether they are a cached OAuth2 token (which a `401`
/// replaces once).
pub(crate) struct Authorization {
    pub(crate) resolved: Resolved,
    pub(crate) cached_token: bool,
}

impl Client {
    /// The `Authorization` of a request authenticated with `chosen`, fetching an OAuth2 token
    /// when none is cached, or when the cached one is `refused` (answered `401`).
    pub(crate) async fn authorization(
        &self,
        chosen: Chosen,
        refused: Option<&HeaderValue>,
    ) -> Result<Authorization, Error> {
        let settings = self.settings();
        let resolved = match chosen {
            Chosen::Nothing => Resolved::Nothing,
            Chosen::Basic => Resolved::Basic,
            Chosen::Bearer => settings
                .auth
                .bearer
                .clone()
                .map_or(Resolved::Nothing, Resolved::Header),
            Chosen::OAuth2 { token_url } => {
                let Some(oauth2) = &settings.auth.oauth2 else {
                    return Ok(Authorization {
                        resolved: Resolved::Nothing,
                        cached_token: false,
                    });
                };
                let lease = oauth2
                    .cache
                    .token(token_url, refused, || self.fetch_token(oauth2, token_url))
                    .await?;
                return Ok(Authorization {
                    resolved: Resolved::Header(lease.value),
                    cached_token: lease.cached,
                });
            }
        };
        Ok(Authorization {
            resolved,
            cached_token: false,
        })
    }

    /// Posts the client credentials to the token URL and reads the token response.
    async fn fetch_token(
        &self,
        oauth2: &OAuth2,
        token_url: &'static str,
    ) -> Result<TokenResponse, Error> {
        let url = match (&oauth2.token_url, &self.settings().base_url) {
            (Some(url), _) => url.clone(),
            // A base URL override (a mock server, a proxy) receives the token requests too.
            (None, Some(base)) => {
                let parsed = parse_url(TOKEN_OPERATION, token_url)?;
                format!("{base}{}", parsed.path())
            }
            (None, None) => token_url.to_owned(),
        };
        let url = parse_url(TOKEN_OPERATION, &url)?;
        let form = form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "client_credentials")
            .append_pair("client_id", &oauth2.client_id)
            .append_pair("client_secret", &oauth2.client_secret)
            .finish();
        self.send_token_request(url, form).await
    }

    /// Posts `form` (the client credentials) to the OAuth2 token URL `url` and decodes the
    /// JSON answer: no credentials, no per-view options, the body bounded like every response.
    pub(crate) async fn send_token_request<T: DeserializeOwned>(
        &self,
        url: Url,
        form: String,
    ) -> Result<T, Error> {
        let operation = TOKEN_OPERATION;
        let prepared = Prepared {
            operation,
            path_template: "{OAuth2 token URL}",
            method: Method::POST,
            url,
            form: Some(form),
            content_type: None,
            accept: None,
            redirect: false,
            auth: Chosen::Nothing,
            headers: HeaderMap::new(),
        };
        let exchange = Exchange {
            operation,
            method: Method::POST,
            path: prepared.path_template,
            body_limit: self.settings.max_body_size,
        };
        let span = tracing::info_span!(
            "twilio.oauth2_token",
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
        );
        let response = self
            .send_with_retries(&prepared, &exchange, &span, &Resolved::Nothing, false)
            .await?;
        response::read_json(exchange, response).await
    }
}

//! What a [`ClientBuilder`](super::ClientBuilder) validated, shared by a client's clones: the
//! environment variables read, hosts (regions, edges, server variables), timeouts and limits.

use std::time::Duration;

use reqwest::Url;

use crate::auth::{AuthSettings, Credentials};
use crate::error::Error;
use crate::retry::RetryPolicy;

/// `TWILIO_ACCOUNT_SID`: the account whose resources are addressed (always required).
pub const ENV_ACCOUNT_SID: &str = "TWILIO_ACCOUNT_SID";
/// `TWILIO_AUTH_TOKEN`: the account's auth token.
pub const ENV_AUTH_TOKEN: &str = "TWILIO_AUTH_TOKEN";
/// `TWILIO_API_KEY`: the SID (`SK...`) of an API key, used with `TWILIO_API_SECRET`.
pub const ENV_API_KEY: &str = "TWILIO_API_KEY";
/// `TWILIO_API_SECRET`: the secret of the API key in `TWILIO_API_KEY`.
pub const ENV_API_SECRET: &str = "TWILIO_API_SECRET";
/// `TWILIO_REGION`: the Twilio region, e.g. `au1` or `ie1` (optional).
pub const ENV_REGION: &str = "TWILIO_REGION";
/// `TWILIO_EDGE`: the Twilio edge location, e.g. `sydney` or `dublin` (optional).
pub const ENV_EDGE: &str = "TWILIO_EDGE";
/// `TWILIO_BASE_URL`: send every request to this base URL instead of Twilio's hosts, e.g.
/// `http://127.0.0.1:4010` for a local mock server (optional; see
/// [`ClientBuilder::base_url`](super::ClientBuilder::base_url)).
pub const ENV_BASE_URL: &str = "TWILIO_BASE_URL";
/// `TWILIO_BEARER_TOKEN`: the token of operations that authenticate with an HTTP bearer token
/// (optional; see [`ClientBuilder::bearer_token`](super::ClientBuilder::bearer_token)).
pub const ENV_BEARER_TOKEN: &str = "TWILIO_BEARER_TOKEN";
/// `TWILIO_CLIENT_ID`: the OAuth2 client id of operations that authenticate with OAuth2 client
/// credentials, used with `TWILIO_CLIENT_SECRET` (optional; see
/// [`ClientBuilder::oauth2_client_credentials`](super::ClientBuilder::oauth2_client_credentials)).
pub const ENV_CLIENT_ID: &str = "TWILIO_CLIENT_ID";
/// `TWILIO_CLIENT_SECRET`: the secret of the OAuth2 client in `TWILIO_CLIENT_ID`.
pub const ENV_CLIENT_SECRET: &str = "TWILIO_CLIENT_SECRET";

pub(super) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
pub(super) const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default of [`ClientBuilder::deadline`](super::ClientBuilder::deadline).
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(60);
/// The default of [`ClientBuilder::max_body_size`](super::ClientBuilder::max_body_size): 16 MiB (a page of 1,000 calls is about
/// 2 MB).
pub const DEFAULT_MAX_BODY_SIZE: usize = 16 * 1024 * 1024;
/// The default of [`ClientBuilder::max_empty_pages`](super::ClientBuilder::max_empty_pages).
pub const DEFAULT_MAX_EMPTY_PAGES: u32 = 10;

/// The validated settings a [`Client`] shares between its clones.
#[derive(Debug)]
pub(crate) struct Settings {
    /// The basic-auth credentials, when set (an OAuth2- or bearer-only client has none).
    pub(crate) credentials: Option<Credentials>,
    pub(crate) region: Option<String>,
    pub(crate) edge: Option<String>,
    /// `scheme://host[:port][/prefix]`, without a trailing slash.
    pub(crate) base_url: Option<String>,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    /// The time limit of an operation, its retries and the reading of its response included.
    pub(crate) deadline: Duration,
    /// The most bytes of a successful response's body that are read.
    pub(crate) max_body_size: usize,
    /// The most consecutive empty pages a paginator follows.
    pub(crate) max_empty_pages: u32,
    pub(crate) user_agent: String,
    /// Values of server URL variables (`{install}` in `{install}/api`), by name.
    pub(crate) server_variables: Vec<(String, String)>,
    /// Bearer and OAuth2 credentials, and the OAuth2 token cache.
    pub(crate) auth: AuthSettings,
}

impl Settings {
    /// `scheme://host[:port][/prefix]` that paths of an operation served by `server` are
    /// appended to: the base URL override, or `server` rewritten for the region and edge.
    pub(crate) fn base_for(
        &self,
        operation: &'static str,
        server: &'static str,
    ) -> Result<String, Error> {
        if let Some(base_url) = &self.base_url {
            return Ok(base_url.clone());
        }
        let server = substitute(server, &self.server_variables).map_err(|name| {
            Error::invalid_input(
                operation,
                "server",
                format!(
                    "the server URL `{server}` needs the variable `{name}`: set it with `ClientBuilder::server_variable`"
                ),
            )
        })?;
        let server = server.as_ref();
        regional_base(server, self.region.as_deref(), self.edge.as_deref()).ok_or_else(|| {
            Error::invalid_input(
                operation,
                "server",
                format!("`{server}` is not an absolute http(s) URL"),
            )
        })
    }
}

/// `server` with every `{name}` replaced by the value of the variable `name`; the name of the
/// first variable without a value is the error.
fn substitute<'a>(
    server: &'a str,
    variables: &[(String, String)],
) -> Result<std::borrow::Cow<'a, str>, String> {
    if !server.contains('{') {
        return Ok(std::borrow::Cow::Borrowed(server));
    }
    let mut out = String::with_capacity(server.len() + 32);
    let mut rest = server;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|close| open + close) else {
            break;
        };
        let name = &rest[open + 1..close];
        let value = variables
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| name.to_owned())?;
        out.push_str(&rest[..open]);
        out.push_str(value.trim_end_matches('/'));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(std::borrow::Cow::Owned(out))
}

/// Rewrites the host of `server` the way Twilio's official libraries do: for
/// `{product}.twilio.com` (optionally already `{product}.{region}.twilio.com` or
/// `{product}.{edge}.{region}.twilio.com`), the host becomes
/// `{product}.{edge}.{region}.twilio.com`, the region defaulting to `us1` when only an edge
/// is set. Other hosts are left alone. Returns `scheme://host[:port][/path]` without a
/// trailing slash, `None` if `server` is not an absolute http(s) URL.
pub(crate) fn regional_base(
    server: &str,
    region: Option<&str>,
    edge: Option<&str>,
) -> Option<String> {
    let url = Url::parse(server).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?;
    let mut base = format!("{}://{}", url.scheme(), regional_host(host, region, edge));
    if let Some(port) = url.port() {
        base.push(':');
        base.push_str(&port.to_string());
    }
    base.push_str(url.path().trim_end_matches('/'));
    Some(base)
}

/// See [`regional_base`].
pub(crate) fn regional_host(host: &str, region: Option<&str>, edge: Option<&str>) -> String {
    if region.is_none() && edge.is_none() {
        return host.to_owned();
    }
    let Some(labels) = host.strip_suffix(".twilio.com") else {
        return host.to_owned();
    };
    let labels: Vec<&str> = labels.split('.').collect();
    let (product, current_edge, current_region) = match labels.as_slice() {
        [product] => (*product, None, None),
        [product, region] => (*product, None, Some(*region)),
        [product, edge, region] => (*product, Some(*edge), Some(*region)),
        _ => return host.to_owned(),
    };
    let edge = edge.or(current_edge);
    let region = region.or(current_region).or(edge.map(|_| "us1"));
    let mut rewritten = String::from(product);
    for label in [edge, region].into_iter().flatten() {
        rewritten.push('.');
        rewritten.push_str(label);
    }
    rewritten.push_str(".twilio.com");
    rewritten
}

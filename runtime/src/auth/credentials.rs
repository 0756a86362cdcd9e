//! Basic-auth credentials and the checks of identifiers and secrets (never quoting a secret).

use std::fmt;

use crate::REDACTED;
use crate::error::Error;

/// How requests are authenticated: HTTP basic authentication with either the account SID and
/// its auth token, or an API key SID and its secret.
#[derive(Clone)]
pub(crate) enum Credentials {
    AuthToken {
        account_sid: String,
        auth_token: String,
    },
    ApiKey {
        key_sid: String,
        secret: String,
    },
}

impl Credentials {
    pub(crate) fn username(&self) -> &str {
        match self {
            Credentials::AuthToken { account_sid, .. } => account_sid,
            Credentials::ApiKey { key_sid, .. } => key_sid,
        }
    }

    pub(crate) fn password(&self) -> &str {
        match self {
            Credentials::AuthToken { auth_token, .. } => auth_token,
            Credentials::ApiKey { secret, .. } => secret,
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::AuthToken { account_sid, .. } => f
                .debug_struct("AuthToken")
                .field("account_sid", account_sid)
                .field("auth_token", &format_args!("{REDACTED}"))
                .finish(),
            Credentials::ApiKey { key_sid, .. } => f
                .debug_struct("ApiKey")
                .field("key_sid", key_sid)
                .field("secret", &format_args!("{REDACTED}"))
                .finish(),
        }
    }
}

/// SIDs: non-empty, no whitespace or control characters, no `:` (basic-auth user names).
pub(crate) fn check_identifier(what: &str, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::Config(format!("{what} is empty")));
    }
    if value
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == ':')
    {
        // The value is not quoted: `AC...:token` would show the token.
        return Err(Error::Config(format!(
            "{what} contains whitespace, a control character or `:` (was a secret pasted with it?)"
        )));
    }
    Ok(())
}

/// An identifier as `Debug` shows it: cut before a `:` or whitespace (`AC...:token` pasted whole
/// would show the token).
pub(crate) fn shown_identifier(value: &str) -> String {
    match value.find(|c: char| c == ':' || c.is_whitespace() || c.is_control()) {
        Some(end) => format!("{}{REDACTED}", &value[..end]),
        None => value.to_owned(),
    }
}

/// Secrets: non-empty, no whitespace or control characters. The value is never shown.
pub(crate) fn check_secret(what: &str, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::Config(format!("{what} is empty")));
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::Config(format!(
            "{what} contains whitespace or a control character"
        )));
    }
    Ok(())
}

//! Receiving Twilio's requests (cargo feature `webhook`): checking `X-Twilio-Signature`, then
//! decoding the parameters into a typed payload.
//!
//! Twilio signs every request it sends to an application (the voice URL, status callbacks,
//! recording callbacks...) with HMAC-SHA1 keyed with the account's auth token. The signed text is
//! the full URL Twilio requested (scheme, host, path and query string, exactly as configured)
//! followed, for a form `POST`, by every body parameter sorted by name, each name immediately
//! followed by its value; the digest is sent base64-encoded in the `X-Twilio-Signature` header.
//! A request with a JSON body is signed over the URL alone, and that URL carries a `bodySHA256`
//! query parameter: the hex SHA-256 of the body, which must match too.
//!
//! This module knows nothing of web frameworks: it works from the URL, the headers and the body
//! ([`RequestValidator::verify`]), or from [`http::request::Parts`] and the public origin the
//! application is reached at ([`RequestValidator::verify_parts`]). The comparison is in constant
//! time ([`subtle`]); the cryptography is RustCrypto's ([`hmac`], [`sha1`], [`sha2`]).
//!
//! ```
//! use twilio_runtime::webhook::{Params, RequestValidator};
//!
//! // Twilio's own worked example (auth token `12345`).
//! let validator = RequestValidator::new("12345");
//! let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
//! let params = [
//!     ("CallSid", "CA1234567890ABCDE"),
//!     ("Caller", "+12349013030"),
//!     ("Digits", "1234"),
//!     ("From", "+12349013030"),
//!     ("To", "+18005551212"),
//! ];
//! assert_eq!(validator.signature(url, &params), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
//! assert!(validator.validate(url, &params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
//!
//! // The same, as the request Twilio sends: method, URL, headers and form body.
//! let mut headers = http::HeaderMap::new();
//! headers.insert("X-Twilio-Signature", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=".parse().unwrap());
//! headers.insert("Content-Type", "application/x-www-form-urlencoded".parse().unwrap());
//! let body = b"To=%2B18005551212&From=%2B12349013030&Caller=%2B12349013030&Digits=1234&CallSid=CA1234567890ABCDE";
//! let params: Params = validator.verify(&http::Method::POST, url, &headers, body).unwrap();
//! assert_eq!(params.get("Digits"), Some("1234"));
//!
//! // One byte changed anywhere, and it is refused.
//! assert!(validator.verify(&http::Method::POST, "https://mycompany.com/myapp.php?foo=1&bar=3", &headers, body).is_err());
//! ```
//!
//! ## Traps handled
//!
//! - **ports**: Twilio may sign `https://example.com/x` or `https://example.com:443/x` for the
//!   same request; both forms are tried (the URL as given, and the same URL with the scheme's
//!   default port added or removed). A port that is not the default is part of the URL: unlike
//!   Twilio's Python and Node libraries, `https://example.com:8443/x` is not accepted for a
//!   signature over `https://example.com/x`.
//! - **query strings** are part of the signed URL, verbatim (never re-sorted, re-encoded or
//!   decoded); for a `GET` callback they carry all the parameters.
//! - **repeated parameters**: each pair counts; pairs are sorted by name, then by value.
//! - **escaping**: body parameters are signed decoded (`%2B` is `+`, `+` is a space); the URL is
//!   signed as sent.
//! - **trailing slashes** matter: `/hook` and `/hook/` are different URLs, as for Twilio.
//! - **JSON bodies**: the `bodySHA256` parameter must be present and match the body.

use std::fmt;

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use serde::de::{self, DeserializeOwned, IntoDeserializer};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The header carrying Twilio's signature.
pub const SIGNATURE_HEADER: &str = "X-Twilio-Signature";

/// Why a request was refused or could not be decoded. Messages never contain the auth token,
/// the signature or parameter values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The request has no `X-Twilio-Signature` header (or it is not text).
    #[error("the request has no X-Twilio-Signature header")]
    MissingSignature,
    /// The signature does not match the URL, the parameters and the auth token.
    #[error("the X-Twilio-Signature does not match the request")]
    InvalidSignature,
    /// A JSON body whose URL has no `bodySHA256` parameter, or whose hash differs.
    #[error("the body does not match the bodySHA256 parameter of the URL")]
    BodyHashMismatch,
    /// The URL is not absolute (`https://host/path`).
    #[error("the URL is not absolute: {0}")]
    BadUrl(String),
    /// A verified request whose parameters do not fit the payload type.
    #[error("could not decode the parameter `{param}`: {message}")]
    Decode {
        /// The parameter's name (the wire name, such as `CallStatus`), or `.` for the whole.
        param: String,
        /// What went wrong.
        message: String,
    },
}

/// Checks the signatures of Twilio's requests with an account's auth token.
///
/// Its `Debug` output never shows the token.
#[derive(Clone)]
pub struct RequestValidator {
    auth_token: String,
}

impl fmt::Debug for RequestValidator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestValidator")
            .field("auth_token", &crate::REDACTED)
            .finish()
    }
}

impl RequestValidator {
    /// A validator for requests signed with `auth_token` (the primary auth token of the account
    /// the callbacks belong to).
    pub fn new(auth_token: impl Into<String>) -> Self {
        Self {
            auth_token: auth_token.into(),
        }
    }

    /// The signature Twilio sends for a request to `url` with the form parameters `params`
    /// (empty for `GET` requests and JSON bodies): base64 of HMAC-SHA1 over the URL followed by
    /// the pairs sorted by name then value, each name followed by its value.
    pub fn signature<K: AsRef<str>, V: AsRef<str>>(&self, url: &str, params: &[(K, V)]) -> String {
        let mut pairs: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_ref(), v.as_ref()))
            .collect();
        pairs.sort_unstable();
        // Any key length is accepted by HMAC; `new_from_slice` cannot fail for it.
        let Ok(mut mac) = <Hmac<Sha1> as KeyInit>::new_from_slice(self.auth_token.as_bytes())
        else {
            return String::new();
        };
        mac.update(url.as_bytes());
        for (k, v) in pairs {
            mac.update(k.as_bytes());
            mac.update(v.as_bytes());
        }
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    }

    /// Whether `signature` is Twilio's for `url` and `params`, trying the URL as given and with
    /// the scheme's default port added or removed (Twilio may sign either form).
    pub fn validate<K: AsRef<str>, V: AsRef<str>>(
        &self,
        url: &str,
        params: &[(K, V)],
        signature: &str,
    ) -> bool {
        let mut valid = subtle::Choice::from(0);
        for candidate in url_variants(url) {
            let expected = self.signature(&candidate, params);
            valid |= expected.as_bytes().ct_eq(signature.as_bytes());
        }
        valid.into()
    }

    /// Whether `signature` is Twilio's for a request to `url` with the JSON (or other non-form)
    /// body `body`: the URL must carry `bodySHA256`, the hex SHA-256 of the body, and the
    /// signature covers the URL alone.
    pub fn validate_body(&self, url: &str, body: &[u8], signature: &str) -> bool {
        self.check_body(url, body, signature).is_ok()
    }

    fn check_body(&self, url: &str, body: &[u8], signature: &str) -> Result<(), WebhookError> {
        if !self.validate::<&str, &str>(url, &[], signature) {
            return Err(WebhookError::InvalidSignature);
        }
        let query = url.split_once('?').map_or("", |(_, q)| q);
        let query = query.split_once('#').map_or(query, |(q, _)| q);
        let claimed = form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == "bodySHA256")
            .map(|(_, v)| v.into_owned())
            .ok_or(WebhookError::BodyHashMismatch)?;
        let actual: String = Sha256::digest(body)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if bool::from(
            actual
                .as_bytes()
                .ct_eq(claimed.to_ascii_lowercase().as_bytes()),
        ) {
            Ok(())
        } else {
            Err(WebhookError::BodyHashMismatch)
        }
    }

    /// Checks a request Twilio sent to `url` (the full URL as Twilio requested it, query
    /// included) and returns its parameters: the form body's for a form `POST`, the query's
    /// otherwise (a `GET` callback, or a JSON body, whose URL is checked with `bodySHA256`).
    ///
    /// # Errors
    /// [`WebhookError::MissingSignature`], [`WebhookError::InvalidSignature`] or
    /// [`WebhookError::BodyHashMismatch`].
    pub fn verify(
        &self,
        method: &http::Method,
        url: &str,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Params, WebhookError> {
        let signature = headers
            .get(SIGNATURE_HEADER)
            .and_then(|v| v.to_str().ok())
            .ok_or(WebhookError::MissingSignature)?;
        let content_type = headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let mime = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let query = Params::from_query(url);
        if method == http::Method::POST && mime == "application/x-www-form-urlencoded" {
            let params = Params::from_form(body);
            if self.validate(url, &params.pairs, signature) {
                Ok(params)
            } else {
                Err(WebhookError::InvalidSignature)
            }
        } else if !body.is_empty() || url.contains("bodySHA256=") {
            self.check_body(url, body, signature)?;
            Ok(query)
        } else if self.validate::<&str, &str>(url, &[], signature) {
            Ok(query)
        } else {
            Err(WebhookError::InvalidSignature)
        }
    }

    /// [`verify`](Self::verify) for a request read by an `http`-based framework (axum, hyper,
    /// actix...): `public_origin` is where Twilio reaches the application (such as
    /// `https://calls.example.com`; a server behind a proxy cannot know it), followed by the
    /// request's path and query as received.
    ///
    /// # Errors
    /// As [`verify`](Self::verify).
    pub fn verify_parts(
        &self,
        parts: &http::request::Parts,
        public_origin: &str,
        body: &[u8],
    ) -> Result<Params, WebhookError> {
        let url = public_url(public_origin, &parts.uri);
        self.verify(&parts.method, &url, &parts.headers, body)
    }

    /// [`verify`](Self::verify), then decodes the parameters into the payload type `T` (such as
    /// a generated crate's `webhooks::CallStatusCallback`).
    ///
    /// # Errors
    /// As [`verify`](Self::verify), or [`WebhookError::Decode`].
    pub fn verify_as<T: Payload>(
        &self,
        method: &http::Method,
        url: &str,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<T, WebhookError> {
        T::from_params(&self.verify(method, url, headers, body)?)
    }
}

/// `public_origin` (without a trailing `/`) followed by the path and query of `uri`.
pub fn public_url(public_origin: &str, uri: &http::Uri) -> String {
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    format!("{}{path}", public_origin.trim_end_matches('/'))
}

/// The URL as given, without its port, and with the scheme's default port when it has none
/// (de-duplicated, the given form first).
fn url_variants(url: &str) -> Vec<String> {
    let mut out = vec![url.to_owned()];
    let Some((scheme, rest)) = url.split_once("://") else {
        return out;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (userinfo, hostport) = match authority.rfind('@') {
        Some(i) => authority.split_at(i + 1),
        None => ("", authority),
    };
    // The port follows the last `:` outside an IPv6 literal (`[::1]:8080`).
    let host_end = hostport.rfind(']').map_or(0, |i| i + 1);
    let (host, port) = match hostport[host_end..].rfind(':') {
        Some(i) => hostport.split_at(host_end + i),
        None => (hostport, ""),
    };
    let default = match scheme.to_ascii_lowercase().as_str() {
        "https" | "wss" => ":443",
        "http" | "ws" => ":80",
        _ => return out,
    };
    let rebuild = |port: &str| format!("{scheme}://{userinfo}{host}{port}{tail}");
    if port.is_empty() {
        out.push(rebuild(default));
    } else if port == default {
        out.push(rebuild(""));
    }
    out
}

/// The parameters of a request Twilio sent (form body or query), in the order received, names
/// and values decoded.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl fmt::Debug for Params {
    // Callback parameters hold phone numbers and caller names: only their names are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.pairs.iter().map(|(k, _)| k))
            .finish()
    }
}

impl Params {
    /// The pairs of an `application/x-www-form-urlencoded` body.
    pub fn from_form(body: &[u8]) -> Self {
        Self {
            pairs: form_urlencoded::parse(body).into_owned().collect(),
        }
    }

    /// The pairs of the query string of `url` (none when it has no `?`).
    pub fn from_query(url: &str) -> Self {
        let query = url.split_once('?').map_or("", |(_, q)| q);
        let query = query.split_once('#').map_or(query, |(q, _)| q);
        Self::from_form(query.as_bytes())
    }

    /// Pairs given directly.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        Self {
            pairs: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every pair, in the order received.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// Decodes the pairs whose names are in `known` into `T` (a struct deserialized from a map
    /// of strings: numbers, booleans, enums and dates are parsed from their text, an empty value
    /// is `None`), and returns the other pairs, kept for the caller (repeated known names after
    /// the first are among them).
    ///
    /// # Errors
    /// [`WebhookError::Decode`] naming the parameter that does not fit.
    pub fn decode<T: DeserializeOwned>(
        &self,
        known: &[&str],
    ) -> Result<(T, Vec<(String, String)>), WebhookError> {
        let mut taken: Vec<(&str, &str)> = Vec::new();
        let mut other = Vec::new();
        for (k, v) in &self.pairs {
            if known.contains(&k.as_str()) && !taken.iter().any(|(t, _)| t == k) {
                taken.push((k, v));
            } else {
                other.push((k.clone(), v.clone()));
            }
        }
        let map = ParamMap {
            pairs: taken.into_iter(),
            value: None,
        };
        // A webhook's SIDs are checked: a malformed one is an error naming its parameter (the
        // leniency of `sid::deserialize_lenient` is for responses).
        let value = crate::sid::strict(|| T::deserialize(map)).map_err(|e: DecodeError| {
            WebhookError::Decode {
                param: e.param.unwrap_or_else(|| ".".to_owned()),
                message: e.message,
            }
        })?;
        Ok((value, other))
    }
}

/// Takes the parameters numbered from 0 in pairs (`MediaUrl0`, `MediaContentType0`,
/// `MediaUrl1`, ...: `first` and `second` are the prefixes) out of `params` and returns them as
/// pairs in index order. Every index sent is read; an index with only one of the two prefixes has
/// an empty text for the other; names with a leading zero (`MediaUrl01`) or a repeated pair are
/// left in `params`. Generated payloads call it for their families (rule "webhook families").
pub fn take_family(
    params: &mut Vec<(String, String)>,
    first: &str,
    second: &str,
) -> Vec<(String, String)> {
    let index = |name: &str, prefix: &str| -> Option<usize> {
        let digits = name.strip_prefix(prefix)?;
        let plain = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits == "0" || !digits.starts_with('0'));
        if plain { digits.parse().ok() } else { None }
    };
    let mut found: std::collections::BTreeMap<usize, (Option<String>, Option<String>)> =
        std::collections::BTreeMap::new();
    params.retain(|(name, value)| {
        let (n, slot) = match (index(name, first), index(name, second)) {
            (Some(n), _) => (n, 0),
            (None, Some(n)) => (n, 1),
            (None, None) => return true,
        };
        let pair = found.entry(n).or_default();
        let target = if slot == 0 { &mut pair.0 } else { &mut pair.1 };
        if target.is_some() {
            return true;
        }
        *target = Some(value.clone());
        false
    });
    found
        .into_values()
        .map(|(a, b)| (a.unwrap_or_default(), b.unwrap_or_default()))
        .collect()
}

/// A typed payload of a Twilio request (generated crates implement it for each callback in their
/// spec's `webhooks` module).
pub trait Payload: Sized {
    /// Decodes the payload from the request's parameters, keeping the ones it does not know.
    ///
    /// # Errors
    /// [`WebhookError::Decode`] naming the parameter that does not fit.
    fn from_params(params: &Params) -> Result<Self, WebhookError>;
}

/// The error of decoding a parameter map; carries the parameter's name.
#[derive(Debug)]
struct DecodeError {
    param: Option<String>,
    message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        Self {
            param: None,
            message: msg.to_string(),
        }
    }
}

/// The known parameters as a map; an error decoding a value names its parameter (also when it
/// is raised by the field's own `Deserialize`, such as a SID's check).
struct ParamMap<'a, I: Iterator<Item = (&'a str, &'a str)>> {
    pairs: I,
    value: Option<Text<'a>>,
}

impl<'a, I: Iterator<Item = (&'a str, &'a str)>> de::MapAccess<'a> for ParamMap<'a, I> {
    type Error = DecodeError;

    fn next_key_seed<K: de::DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        let Some((param, text)) = self.pairs.next() else {
            return Ok(None);
        };
        self.value = Some(Text { text, param });
        seed.deserialize(de::value::BorrowedStrDeserializer::new(param))
            .map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'a>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        let text = self
            .value
            .take()
            .ok_or_else(|| <DecodeError as de::Error>::custom("a value without its name"))?;
        seed.deserialize(text).map_err(|e| text.attach(e))
    }
}

impl<'de, I: Iterator<Item = (&'de str, &'de str)>> de::Deserializer<'de> for ParamMap<'de, I> {
    type Error = DecodeError;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

/// One parameter's text, deserialized as whatever the field asks for.
#[derive(Clone, Copy)]
struct Text<'a> {
    text: &'a str,
    param: &'a str,
}

impl<'a> IntoDeserializer<'a, DecodeError> for Text<'a> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl Text<'_> {
    fn fail(&self, message: impl fmt::Display) -> DecodeError {
        DecodeError {
            param: Some(self.param.to_owned()),
            message: message.to_string(),
        }
    }

    /// Names this parameter in an error raised below it (unless it already names one).
    fn attach(&self, mut e: DecodeError) -> DecodeError {
        if e.param.is_none() {
            e.param = Some(self.param.to_owned());
        }
        e
    }

    fn parse<T: std::str::FromStr>(&self, what: &str) -> Result<T, DecodeError> {
        self.text
            .trim()
            .parse()
            .map_err(|_| self.fail(format_args!("expected {what}")))
    }
}

macro_rules! parse_number {
    ($($method:ident $visit:ident $ty:ty,)*) => {$(
        fn $method<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
            visitor.$visit::<DecodeError>(self.parse::<$ty>(stringify!($ty))?).map_err(|e| self.attach(e))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Text<'de> {
    type Error = DecodeError;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor
            .visit_borrowed_str::<DecodeError>(self.text)
            .map_err(|e| self.attach(e))
    }

    fn deserialize_bool<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let value = match self.text.trim().to_ascii_lowercase().as_str() {
            "true" => true,
            "false" => false,
            _ => return Err(self.fail("expected true or false")),
        };
        visitor
            .visit_bool::<DecodeError>(value)
            .map_err(|e| self.attach(e))
    }

    parse_number! {
        deserialize_i8 visit_i8 i8,
        deserialize_i16 visit_i16 i16,
        deserialize_i32 visit_i32 i32,
        deserialize_i64 visit_i64 i64,
        deserialize_u8 visit_u8 u8,
        deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32,
        deserialize_u64 visit_u64 u64,
        deserialize_f32 visit_f32 f32,
        deserialize_f64 visit_f64 f64,
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        if self.text.is_empty() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor
            .visit_enum(de::IntoDeserializer::<DecodeError>::into_deserializer(
                self.text,
            ))
            .map_err(|e| self.attach(e))
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char str string bytes byte_buf unit unit_struct seq tuple tuple_struct map
        struct identifier ignored_any
    }
}

//! The description of one HTTP request, and how values are written into it.

use std::borrow::Cow;
use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Method;
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use crate::error::Error;
use crate::scheme::{DEFAULT_SCHEMES, Scheme};

/// Everything outside RFC 3986 "unreserved" (`A-Z a-z 0-9 - . _ ~`) is percent-encoded in a
/// path segment, so that no value can add a segment, a query or a fragment.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One HTTP request of an operation, built by generated code.
///
/// It holds the operation's method, `operationId`, server and path template (all from the
/// spec), plus the path parameters, query pairs and form body pairs. It is sent with
/// [`Client::send`](crate::Client::send), [`Client::send_empty`](crate::Client::send_empty)
/// or [`Client::paginate`](crate::Client::paginate), which add the host (region, edge or
/// base URL override), credentials and retries.
///
/// ```
/// use twilio_runtime::{Method, Request};
///
/// let request = Request::new(
///     Method::POST,
///     "UpdateCall",
///     "https://api.twilio.com",
///     "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json",
/// )
/// .path_param("AccountSid", "AC00000000000000000000000000000000")
/// .path_param("Sid", "CA00000000000000000000000000000000")
/// .form("Status", "completed");
/// assert_eq!(request.operation_id(), "UpdateCall");
/// ```
///
/// Its [`Debug`](fmt::Debug) output lists parameter names but never their values (form
/// values can hold passwords, e.g. `SipAuthPassword`).
#[derive(Clone)]
#[must_use]
pub struct Request(Box<Parts>);

/// What a [`Request`] holds, boxed: the builder methods move the request by value, and a
/// pointer moves for free.
#[derive(Clone)]
struct Parts {
    method: Method,
    operation_id: &'static str,
    server: &'static str,
    path_template: &'static str,
    /// Raw (not yet encoded) path parameter values, by name.
    path_params: Vec<(&'static str, String)>,
    query: Vec<(&'static str, String)>,
    /// The form body, encoded as pairs are added (values are not copied first; `Debug` reads
    /// the names back from it).
    form: String,
    /// A body of another media type (e.g. XML): content type and text. Replaces the form.
    body: Option<(&'static str, String)>,
    /// The media type asked for in the `Accept` header, when not the client's default
    /// (`application/json`).
    accept: Option<&'static str>,
    /// Header parameters: wire name and value, checked when the request is sent.
    headers: Vec<(&'static str, String)>,
    /// The security schemes the operation accepts, when set with [`Request::auth`].
    auth: Option<&'static [Scheme]>,
    /// The members of a JSON object body set with [`Request::json_field`], in the order set;
    /// the [`body`](Parts::body) holds them written out.
    json: Option<serde_json::Map<String, serde_json::Value>>,
}

/// What [`Request::form_allow_reserved`] leaves unencoded besides what forms always do
/// (`A-Z a-z 0-9 * - . _`): RFC 3986 reserved characters that cannot change how a form body is
/// read (`:/?@!$'(),;[]`) and `~`. `&`, `=`, `+`, `#` and `%` are always encoded.
const FORM_ALLOW_RESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b',')
    .remove(b';')
    .remove(b'[')
    .remove(b']');

impl Request {
    /// A request of the operation `operation_id`, sent with `method` to `server` (the
    /// operation's server URL from the spec, e.g. `"https://api.twilio.com"`) at
    /// `path_template` (e.g. `"/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json"`).
    pub fn new(
        method: Method,
        operation_id: &'static str,
        server: &'static str,
        path_template: &'static str,
    ) -> Request {
        Request(Box::new(Parts {
            method,
            operation_id,
            server,
            path_template,
            path_params: Vec::new(),
            query: Vec::new(),
            form: String::new(),
            body: None,
            accept: None,
            headers: Vec::new(),
            auth: None,
            json: None,
        }))
    }

    /// Sends the header `name: value` (a header parameter of the operation, e.g.
    /// `X-Twilio-Webhook-Enabled: true` or `If-Match: <ETag>`); setting a name again replaces
    /// the value.
    ///
    /// A value that is not a valid header value (a line break, a control character) fails the
    /// request with [`Error::InvalidInput`] naming the header, before anything is sent; the value
    /// is never quoted. [`Debug`](fmt::Debug) shows header names only.
    ///
    /// An `Authorization` header set here replaces the client's credentials on this request
    /// (HTTP has one `Authorization` header): the client sends this value and none of its own.
    ///
    /// ```
    /// use twilio_runtime::{Method, Request};
    ///
    /// let request = Request::new(Method::POST, "UpdateDocument", "https://sync.twilio.com", "/v1/Documents")
    ///     .header("If-Match", "\"2\"");
    /// assert_eq!(request.header_value("If-Match"), Some("\"2\""));
    /// ```
    pub fn header<V: Param + ?Sized>(mut self, name: &'static str, value: &V) -> Request {
        let value = value.to_param().into_owned();
        match self
            .0
            .headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(slot) => *slot = (name, value),
            None => self.0.headers.push((name, value)),
        }
        self
    }

    /// The value of the header parameter `name` (case-insensitive), when set with
    /// [`header`](Request::header).
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.0
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The security schemes the operation accepts, in the document's order (its `security`):
    /// the client uses the first it has credentials for, and fails with
    /// [`Error::Unauthenticated`] before sending anything when it has none. An empty list
    /// (OpenAPI's `security: []`) sends no credentials at all. Without this call a request
    /// accepts [`Scheme::Basic`] only.
    ///
    /// ```
    /// use twilio_runtime::{Method, Request, Scheme};
    ///
    /// let request = Request::new(Method::GET, "ListAccounts", "https://preview-iam.twilio.com", "/Accounts")
    ///     .auth(&[Scheme::OAuth2 { token_url: "https://preview-iam.twilio.com/v1/token" }]);
    /// assert_eq!(request.auth_schemes().len(), 1);
    /// ```
    pub fn auth(mut self, schemes: &'static [Scheme]) -> Request {
        self.0.auth = Some(schemes);
        self
    }

    /// The schemes set with [`auth`](Request::auth) ([`Scheme::Basic`] alone by default).
    pub fn auth_schemes(&self) -> &'static [Scheme] {
        self.0.auth.unwrap_or(DEFAULT_SCHEMES)
    }

    /// The header parameters as a header map: an invalid name or value is
    /// [`Error::InvalidInput`] naming the header (never quoting the value); `Authorization` is
    /// marked sensitive.
    pub(crate) fn header_map(&self) -> Result<HeaderMap, Error> {
        let mut map = HeaderMap::new();
        for (name, value) in &self.0.headers {
            let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                Error::invalid_input(self.0.operation_id, name, "not a valid header name")
            })?;
            let mut value = HeaderValue::from_str(value).map_err(|_| {
                Error::invalid_input(
                    self.0.operation_id,
                    name,
                    "the value is not a valid header value (line breaks, control characters and non-ASCII text are not allowed)",
                )
            })?;
            if header == AUTHORIZATION {
                value.set_sensitive(true);
            }
            map.insert(header, value);
        }
        Ok(map)
    }

    /// Asks for `media_type` (e.g. `application/xml`) in the `Accept` header instead of the
    /// client's default `application/json`.
    pub fn accept(mut self, media_type: &'static str) -> Request {
        self.0.accept = Some(media_type);
        self
    }

    /// The media type of the `Accept` header, when set with [`accept`](Request::accept).
    pub fn accept_type(&self) -> Option<&'static str> {
        self.0.accept
    }

    /// Sends `text` as the body with the `Content-Type` `content_type` (e.g. an XML document),
    /// instead of a form.
    pub fn body(mut self, content_type: &'static str, text: String) -> Request {
        self.0.body = Some((content_type, text));
        self
    }

    /// The body set with [`body`](Request::body): content type and text.
    pub fn raw_body(&self) -> Option<(&'static str, &str)> {
        self.0.body.as_ref().map(|(t, b)| (*t, b.as_str()))
    }

    /// Sends `value`, written by quick-xml as an XML document with the root element `root`, as
    /// the body with the `Content-Type` `content_type` (`application/xml` or `text/xml`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the value cannot be written as XML.
    #[cfg(feature = "xml")]
    pub fn xml_body<T: ::serde::Serialize>(
        self,
        content_type: &'static str,
        root: &str,
        value: &T,
    ) -> Result<Request, Error> {
        let text = crate::xml::encode_xml(self.0.operation_id, root, value)?;
        Ok(self.body(content_type, text))
    }

    /// Sends a JSON object as the body, with the `Content-Type` `content_type`
    /// (`application/json`, or a `+json` type such as `application/scim+json`): `{}` until
    /// members are added with [`json_field`](Request::json_field). Replaces the form.
    ///
    /// ```
    /// use twilio_runtime::{Method, Request};
    ///
    /// let request = Request::new(Method::POST, "CreateContent", "https://content.twilio.com", "/v1/Content")
    ///     .json_object("application/json")
    ///     .json_field("language", "en")?
    ///     .json_field("variables", &[("1", "name")].into_iter().collect::<std::collections::BTreeMap<_, _>>())?;
    /// assert_eq!(
    ///     request.raw_body(),
    ///     Some(("application/json", r#"{"language":"en","variables":{"1":"name"}}"#))
    /// );
    /// # Ok::<(), twilio_runtime::Error>(())
    /// ```
    pub fn json_object(mut self, content_type: &'static str) -> Request {
        self.0.json = Some(serde_json::Map::new());
        self.0.body = Some((content_type, "{}".to_owned()));
        self
    }

    /// Sets the member `name` of the JSON object body (started with
    /// [`json_object`](Request::json_object), else `application/json`) to `value`, written by
    /// serde_json; the name is sent verbatim. Setting a name again replaces its value.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the value cannot be written as JSON.
    pub fn json_field<T: ::serde::Serialize + ?Sized>(
        mut self,
        name: &'static str,
        value: &T,
    ) -> Result<Request, Error> {
        let value = serde_json::to_value(value).map_err(|e| {
            Error::invalid_input(
                self.0.operation_id,
                name,
                format!("cannot be written as JSON: {e}"),
            )
        })?;
        let content_type = match &self.0.body {
            Some((content_type, _)) if self.0.json.is_some() => *content_type,
            _ => "application/json",
        };
        let map = self.0.json.get_or_insert_with(serde_json::Map::new);
        map.insert(name.to_owned(), value);
        let text = serde_json::Value::Object(map.clone()).to_string();
        self.0.body = Some((content_type, text));
        Ok(self)
    }

    /// Sends `value`, written by serde_json, as the whole body with the `Content-Type`
    /// `content_type` (for a body that is not an object of fields: an array, a scalar, one of
    /// several shapes). Replaces the form.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the value cannot be written as JSON.
    pub fn json_body<T: ::serde::Serialize + ?Sized>(
        mut self,
        content_type: &'static str,
        value: &T,
    ) -> Result<Request, Error> {
        let text = serde_json::to_string(value).map_err(|e| {
            Error::invalid_input(
                self.0.operation_id,
                "body",
                format!("cannot be written as JSON: {e}"),
            )
        })?;
        self.0.json = None;
        Ok(self.body(content_type, text))
    }

    /// Replaces `{name}` in the path template with `value`, percent-encoded as one path
    /// segment.
    ///
    /// Everything outside RFC 3986 unreserved characters is encoded, so `/`, `?`, `#`, `%` or
    /// a space in `value` can never change the path; a value that would make a whole
    /// segment `.` or `..`, and an empty value, are rejected when the request is sent
    /// ([`Error::InvalidInput`]). Setting the same name twice keeps the last value.
    pub fn path_param(mut self, name: &'static str, value: &str) -> Request {
        match self.0.path_params.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value.to_owned(),
            None => self.0.path_params.push((name, value.to_owned())),
        }
        self
    }

    /// Appends the query pair `name=value`.
    ///
    /// The name is sent as given (e.g. `StartTime<`); name and value are
    /// `application/x-www-form-urlencoded` on the wire, which the server decodes back.
    pub fn query<V: Param + ?Sized>(mut self, name: &'static str, value: &V) -> Request {
        self.0.query.push((name, value.to_param().into_owned()));
        self
    }

    /// Appends the pair `name=value` to the `application/x-www-form-urlencoded` body.
    ///
    /// Names may repeat (arrays are sent as repeated keys); pairs keep their order.
    pub fn form<V: Param + ?Sized>(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: &V,
    ) -> Request {
        self.push_form(name.into(), &value.to_param());
        self
    }

    /// [`form`](Request::form) for a field whose spec sets `allowReserved: true` (an OpenAPI
    /// `encoding` property): the value's RFC 3986 reserved characters that cannot change how
    /// the form is read (`:/?@!$'(),;[]`) are sent as they are, so a URL travels as
    /// `Url=http://www.myapp.com/myhandler.php`; `&`, `=`, `+`, `#`, `%`, spaces (as `+`) and
    /// non-ASCII are encoded as always.
    ///
    /// ```
    /// use twilio_runtime::{Method, Request};
    ///
    /// let request = Request::new(Method::POST, "CreateCall", "https://api.twilio.com", "/Calls")
    ///     .form_allow_reserved("Url", "http://www.myapp.com/a b?x=1&y=#2")
    ///     .form("SendDigits", "1234#");
    /// assert_eq!(
    ///     request.form_body(),
    ///     "Url=http://www.myapp.com/a+b?x%3D1%26y%3D%232&SendDigits=1234%23"
    /// );
    /// ```
    pub fn form_allow_reserved<V: Param + ?Sized>(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: &V,
    ) -> Request {
        let name = name.into();
        let value = value.to_param();
        let parts = &mut *self.0;
        if !parts.form.is_empty() {
            parts.form.push('&');
        }
        parts
            .form
            .extend(form_urlencoded::byte_serialize(name.as_bytes()));
        parts.form.push('=');
        for (index, piece) in value.split(' ').enumerate() {
            if index > 0 {
                parts.form.push('+');
            }
            parts
                .form
                .extend(utf8_percent_encode(piece, FORM_ALLOW_RESERVED));
        }
        self
    }

    /// Encodes one form pair onto the body (not generic: one compiled copy for every value
    /// type).
    fn push_form(&mut self, name: Cow<'static, str>, value: &str) {
        let parts = &mut *self.0;
        if parts.form.capacity() == 0 {
            parts.form.reserve(256);
        }
        let body = std::mem::take(&mut parts.form);
        parts.form = form_urlencoded::Serializer::for_suffix(body, 0)
            .append_pair(&name, value)
            .finish();
    }

    /// The operation's `operationId`, e.g. `CreateCall`.
    pub fn operation_id(&self) -> &'static str {
        self.0.operation_id
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.0.method
    }

    /// The operation's server URL from the spec, before region/edge rewriting.
    pub fn server(&self) -> &'static str {
        self.0.server
    }

    /// The path template, e.g. `/2010-04-01/Accounts/{AccountSid}/Calls.json`.
    pub fn path_template(&self) -> &'static str {
        self.0.path_template
    }

    /// The query pairs in their order: wire name (e.g. `StartTime>`) and value as written by
    /// [`Param`] (not yet percent-encoded), for inspecting or logging a request.
    ///
    /// ```
    /// use twilio_runtime::{Method, Request};
    ///
    /// let request = Request::new(Method::GET, "ListCall", "https://api.twilio.com", "/Calls.json")
    ///     .query("Status", "completed")
    ///     .query("PageSize", &20);
    /// assert_eq!(request.query_pairs()[0], ("Status", "completed".to_owned()));
    /// assert_eq!(request.query_value("PageSize"), Some("20"));
    /// ```
    pub fn query_pairs(&self) -> &[(&'static str, String)] {
        &self.0.query
    }

    /// The first value of the query parameter `name` (wire name), when set.
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.0
            .query
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The path parameters set so far: name in the template and raw (not yet encoded) value.
    pub fn path_params(&self) -> &[(&'static str, String)] {
        &self.0.path_params
    }

    /// The `application/x-www-form-urlencoded` body of the form pairs, in their order: exactly
    /// what is sent (empty when there are none).
    ///
    /// ```
    /// use twilio_runtime::{Method, Request};
    ///
    /// let request = Request::new(Method::POST, "CreateCall", "https://api.twilio.com", "/Calls.json")
    ///     .form("To", "+15558675310")
    ///     .form("Twiml", "<Response><Say>Hi & bye</Say></Response>");
    /// assert_eq!(
    ///     request.form_body(),
    ///     "To=%2B15558675310&Twiml=%3CResponse%3E%3CSay%3EHi+%26+bye%3C%2FSay%3E%3C%2FResponse%3E"
    /// );
    /// ```
    pub fn form_body(&self) -> String {
        self.0.form.clone()
    }

    /// [`form_body`](Request::form_body), without a copy.
    pub fn into_form_body(self) -> String {
        self.0.form
    }

    /// Whether the request has a form body: it has form pairs (a pair is never encoded as
    /// nothing), or it is a `POST` (sent with an empty form).
    pub(crate) fn has_form(&self) -> bool {
        !self.0.form.is_empty() || self.0.method == Method::POST
    }

    /// The body to send and its content type: the [`body`](Request::body) if set, else the
    /// form if there is one.
    pub(crate) fn into_body(self) -> Option<(&'static str, String)> {
        let has_form = self.has_form();
        let parts = *self.0;
        match parts.body {
            Some(body) => Some(body),
            None if has_form => Some(("application/x-www-form-urlencoded", parts.form)),
            None => None,
        }
    }

    /// The path with every parameter filled in and encoded.
    pub(crate) fn render_path(&self) -> Result<String, Error> {
        let mut path = String::with_capacity(self.0.path_template.len() + 64);
        for (index, segment) in self.0.path_template.split('/').enumerate() {
            if index > 0 {
                path.push('/');
            }
            let start = path.len();
            let mut last_param = None;
            let mut rest = segment;
            while let Some(open) = rest.find('{') {
                let Some(close) = rest[open..].find('}').map(|close| open + close) else {
                    break;
                };
                path.push_str(&rest[..open]);
                let name = &rest[open + 1..close];
                let value = self.param_value(name)?;
                if value.is_empty() {
                    return Err(Error::invalid_input(
                        self.0.operation_id,
                        name,
                        "a path parameter must not be empty",
                    ));
                }
                match value {
                    // Unreserved, but a lone `.` or `..` is a dot segment.
                    "." => path.push_str("%2E"),
                    ".." => path.push_str("%2E%2E"),
                    _ => path.extend(utf8_percent_encode(value, PATH_SEGMENT)),
                }
                last_param = Some(name);
                rest = &rest[close + 1..];
            }
            path.push_str(rest);
            if let Some(name) = last_param
                && is_dot_segment(&path[start..])
            {
                return Err(Error::invalid_input(
                    self.0.operation_id,
                    name,
                    "a path parameter must not be `.` or `..`",
                ));
            }
        }
        Ok(path)
    }

    /// The raw value of path parameter `name` (a slice of the `'static` template).
    fn param_value(&self, name: &'static str) -> Result<&str, Error> {
        self.0
            .path_params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, value)| value.as_str())
            .ok_or_else(|| {
                Error::invalid_input(self.0.operation_id, name, "the path parameter was not set")
            })
    }
}

/// `.` and `..`, also in their percent-encoded forms, which URL parsers resolve (WHATWG).
fn is_dot_segment(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "." | "%2e" | ".." | ".%2e" | "%2e." | "%2e%2e"
    )
}

/// Path template and parameter names only: values may be secrets.
impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Names<'a, I>(&'a [(I, String)]);
        impl<I: AsRef<str>> fmt::Debug for Names<'_, I> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list()
                    .entries(self.0.iter().map(|(name, _)| name.as_ref()))
                    .finish()
            }
        }
        struct FormNames<'a>(&'a str);
        impl fmt::Debug for FormNames<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list()
                    .entries(form_urlencoded::parse(self.0.as_bytes()).map(|(name, _)| name))
                    .finish()
            }
        }
        f.debug_struct("Request")
            .field("method", &self.0.method)
            .field("operation_id", &self.0.operation_id)
            .field("server", &self.0.server)
            .field("path_template", &self.0.path_template)
            .field("path_params", &Names(&self.0.path_params))
            .field("query", &Names(&self.0.query))
            .field("form", &FormNames(&self.0.form))
            .field("body", &self.0.body.as_ref().map(|(t, _)| *t))
            .field("accept", &self.0.accept)
            .field("headers", &Names(&self.0.headers))
            .field("auth", &self.0.auth)
            .finish()
    }
}

mod param;

pub use param::Param;

#[cfg(test)]
mod tests;

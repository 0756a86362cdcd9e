//! The value every operation method of a generated client returns: a request built and not yet
//! sent, with the ways of sending it.
//!
//! `client.create_call(params)` builds the request (checking the spec's constraints) and returns
//! a [`Pending`]; awaiting it sends the request and decodes the answer. The variants that were
//! methods of their own are methods of the value: [`Pending::with_metadata`] (status and headers
//! with the value), [`Pending::request`] (the built request), [`Pending::stream`] (every item of a
//! list), per-request options ([`Pending::timeout`], [`Pending::header`], [`Pending::retry`]).
//! How the answer is decoded (JSON, nothing, XML, text, a redirect) is a [`Decode`] type
//! parameter, one of [`decode`](crate::decode)'s.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use crate::client::{Client, RequestOptions};
use crate::error::Error;
use crate::metadata::Response;
use crate::paginate::{Page, Paginator};
use crate::request::Request;
use crate::retry::RetryPolicy;

/// The future of a sent request: boxed, `Send` and `'static`, so it can be stored, passed to a
/// function taking `impl Future`, joined with others or given to `tokio::spawn`.
pub type ResponseFuture<T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'static>>;

/// How the answer of an operation is read into a `T`: one of the types of
/// [`decode`](crate::decode). Generated code names it in [`Pending`]'s second type parameter.
pub trait Decode<T: Send + 'static>: Send + 'static {
    /// Sends `request` with `client` and decodes the successful answer.
    fn send(self, client: Client, request: Request) -> ResponseFuture<T>;

    /// Sends `request` with `client` and decodes the successful answer, with the response's
    /// status and headers.
    fn send_with_metadata(self, client: Client, request: Request) -> ResponseFuture<Response<T>>;
}

/// A request of one operation, built and not yet sent: what every operation method of a
/// generated client returns.
///
/// - **Await it** (it implements [`IntoFuture`]) for the decoded value:
///   `client.fetch_call(&sid).await?`; or call [`send`](Pending::send), which returns the same
///   future as a value (a [`ResponseFuture`], boxed, `Send + 'static`).
/// - [`with_metadata`](Pending::with_metadata): the value with the response's status and headers
///   (`Twilio-Request-Id`, rate limits, `ETag`), a [`Response`].
/// - [`request`](Pending::request) / [`into_request`](Pending::into_request): the built request,
///   to inspect, log or send through [`Client`] yourself.
/// - [`timeout`](Pending::timeout), [`header`](Pending::header), [`retry`](Pending::retry),
///   [`options`](Pending::options): options of this request only.
/// - [`stream`](Pending::stream), for list operations: every item of every page, lazily.
///
/// It holds a clone of the client (a few reference counts) and owns everything it sends, so it
/// borrows nothing: futures made from it can be spawned, joined (`tokio::join!`,
/// `futures::future::join_all`) or returned from functions.
///
/// A value that breaks the spec's constraints fails when the request is built; the error comes
/// out when it is awaited (or from [`request`](Pending::request)); nothing is sent.
///
/// ```no_run
/// # async fn run(client: twilio_runtime::Client, request: twilio_runtime::Request) -> Result<(), twilio_runtime::Error> {
/// use std::time::Duration;
/// use twilio_runtime::Pending;
///
/// // What a generated method returns (here built by hand).
/// let pending: Pending<serde_json::Value> = Pending::new(&client, Ok(request));
/// let answer = pending.timeout(Duration::from_secs(5)).with_metadata().await?;
/// println!("request id {:?}: {}", answer.request_id(), answer.value());
/// # Ok(()) }
/// ```
#[must_use = "a request is sent only when awaited (or sent with `send`)"]
pub struct Pending<T: Send + 'static, D: Decode<T> = decode::Json> {
    client: Client,
    request: Result<Request, Error>,
    decode: D,
    output: PhantomData<fn() -> T>,
}

impl<T: Send + 'static, D: Decode<T>> fmt::Debug for Pending<T, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pending")
            .field("request", &self.request)
            .field("options", &self.client.options())
            .finish_non_exhaustive()
    }
}

impl<T: Send + 'static, D: Decode<T> + Default> Pending<T, D> {
    /// The request `request` (or the error of building it) to be sent with `client`, decoded as
    /// `D` says.
    pub fn new(client: &Client, request: Result<Request, Error>) -> Self {
        Self::with_decoder(client, request, D::default())
    }
}

impl<T: Send + 'static, D: Decode<T>> Pending<T, D> {
    /// [`new`](Pending::new) with a decoder that holds a value (such as
    /// `decode::Xml`'s root element name, cargo feature `xml`).
    pub fn with_decoder(client: &Client, request: Result<Request, Error>, decode: D) -> Self {
        Pending {
            client: client.clone(),
            request,
            decode,
            output: PhantomData,
        }
    }

    /// Sends the request: the future of its decoded answer (what awaiting `self` does).
    ///
    /// # Errors
    /// The future fails when a value broke the spec's constraints (nothing is sent), when the
    /// request cannot be sent, when Twilio answers with an error, or when the answer cannot be
    /// decoded; see [`Error`].
    pub fn send(self) -> ResponseFuture<T> {
        match self.request {
            Ok(request) => self.decode.send(self.client, request),
            Err(error) => Box::pin(std::future::ready(Err(error))),
        }
    }

    /// The same request, answering with the response's status and headers besides the value:
    /// [`Response::request_id`] (`Twilio-Request-Id`), [`ResponseMeta`](crate::ResponseMeta)'s
    /// rate-limit and `ETag` headers. Await it, or [`send`](WithMetadata::send) it.
    pub fn with_metadata(self) -> WithMetadata<T, D> {
        WithMetadata(self)
    }

    /// The request as built, or why it could not be built (a value breaking the spec's
    /// constraints).
    ///
    /// # Errors
    /// The error of building the request.
    pub fn request(&self) -> Result<&Request, &Error> {
        self.request.as_ref()
    }

    /// The request as built, to send it yourself (through [`Client::send`] and its
    /// siblings), or why it could not be built.
    ///
    /// # Errors
    /// The error of building the request.
    pub fn into_request(self) -> Result<Request, Error> {
        self.request
    }

    /// The client the request is sent with (with the options set on this value).
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Sends this request with `options` instead of those of the client it came from
    /// ([`Client::with_options`]): a timeout, extra headers, a retry policy.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.client = self.client.with_options(options);
        self
    }

    /// The time one attempt of this request may take (see [`RequestOptions::timeout`]); the
    /// client's other options stay.
    pub fn timeout(self, timeout: Duration) -> Self {
        self.add_option(|options| options.timeout(timeout))
    }

    /// Adds the header `name: value` to this request (see [`RequestOptions::header`]); the
    /// client's other options stay.
    pub fn header(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.add_option(|options| options.header(name, value))
    }

    /// The retry policy of this request (see [`RequestOptions::retry`]); the client's other
    /// options stay.
    pub fn retry(self, retry: RetryPolicy) -> Self {
        self.add_option(|options| options.retry(retry))
    }

    fn add_option(mut self, add: impl FnOnce(RequestOptions) -> RequestOptions) -> Self {
        let current = self.client.options().cloned().unwrap_or_default();
        self.client = self.client.with_options(add(current));
        self
    }
}

impl<P: Page> Pending<P, decode::Json> {
    /// Every item of every page of this list, starting with this request and following
    /// `next_page_uri` lazily, one page at a time: see [`Paginator`] (and
    /// [`Paginator::limit`] to stop after some items). An error building the request is the
    /// stream's first item.
    pub fn stream(self) -> Paginator<P> {
        match self.request {
            Ok(request) => self.client.paginate(request),
            Err(error) => Paginator::failed(error),
        }
    }
}

impl<T: Send + 'static, D: Decode<T>> IntoFuture for Pending<T, D> {
    type Output = Result<T, Error>;
    type IntoFuture = ResponseFuture<T>;

    fn into_future(self) -> ResponseFuture<T> {
        self.send()
    }
}

/// A [`Pending`] request answering with a [`Response`]: the decoded value with the response's
/// status and headers. Await it, or [`send`](WithMetadata::send) it.
#[must_use = "a request is sent only when awaited (or sent with `send`)"]
pub struct WithMetadata<T: Send + 'static, D: Decode<T> = decode::Json>(Pending<T, D>);

impl<T: Send + 'static, D: Decode<T>> fmt::Debug for WithMetadata<T, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("WithMetadata").field(&self.0).finish()
    }
}

impl<T: Send + 'static, D: Decode<T>> WithMetadata<T, D> {
    /// Sends the request: the future of its decoded answer with status and headers.
    ///
    /// # Errors
    /// As [`Pending::send`].
    pub fn send(self) -> ResponseFuture<Response<T>> {
        let pending = self.0;
        match pending.request {
            Ok(request) => pending.decode.send_with_metadata(pending.client, request),
            Err(error) => Box::pin(std::future::ready(Err(error))),
        }
    }
}

impl<T: Send + 'static, D: Decode<T>> IntoFuture for WithMetadata<T, D> {
    type Output = Result<Response<T>, Error>;
    type IntoFuture = ResponseFuture<Response<T>>;

    fn into_future(self) -> ResponseFuture<Response<T>> {
        self.send()
    }
}

/// How answers are decoded: the second type parameter of [`Pending`].
pub mod decode {
    use serde::de::DeserializeOwned;

    use super::{Decode, ResponseFuture};
    use crate::client::Client;
    use crate::metadata::{Response, ResponseMeta};
    use crate::redirect::Redirect;
    use crate::request::Request;

    /// A JSON body, decoded into `T` ([`Client::send`]).
    #[derive(Clone, Copy, Debug, Default)]
    pub struct Json;

    /// No body (or one that is ignored), as `()`: deletes ([`Client::send_empty`]).
    #[derive(Clone, Copy, Debug, Default)]
    pub struct Empty;

    /// The body as text ([`Client::send_text`]), for answers the spec does not describe.
    #[derive(Clone, Copy, Debug, Default)]
    pub struct Text;

    /// A redirect, not followed: its status and `Location` ([`Client::send_redirect`]).
    #[derive(Clone, Copy, Debug, Default)]
    pub struct Location;

    /// An XML body whose root element has this name when one is given, decoded into `T`
    /// (cargo feature `xml`; [`Client::send_xml`]).
    #[cfg(feature = "xml")]
    #[derive(Clone, Copy, Debug, Default)]
    pub struct Xml(pub Option<&'static str>);

    impl<T: DeserializeOwned + Send + 'static> Decode<T> for Json {
        fn send(self, client: Client, request: Request) -> ResponseFuture<T> {
            Box::pin(async move { client.send(request).await })
        }

        fn send_with_metadata(
            self,
            client: Client,
            request: Request,
        ) -> ResponseFuture<Response<T>> {
            Box::pin(async move { client.send_with_metadata(request).await })
        }
    }

    impl Decode<()> for Empty {
        fn send(self, client: Client, request: Request) -> ResponseFuture<()> {
            Box::pin(async move { client.send_empty(request).await })
        }

        fn send_with_metadata(
            self,
            client: Client,
            request: Request,
        ) -> ResponseFuture<Response<()>> {
            Box::pin(async move { client.send_empty_with_metadata(request).await })
        }
    }

    impl Decode<String> for Text {
        fn send(self, client: Client, request: Request) -> ResponseFuture<String> {
            Box::pin(async move { client.send_text(request).await })
        }

        fn send_with_metadata(
            self,
            client: Client,
            request: Request,
        ) -> ResponseFuture<Response<String>> {
            Box::pin(async move {
                let prepared = client.prepare(request)?;
                client
                    .execute(prepared, |exchange, response| async move {
                        let meta = ResponseMeta::of(&response);
                        let body = exchange.read_body(response).await?;
                        let text = crate::response::utf8(exchange.operation, body)?;
                        Ok(Response::new(text, meta))
                    })
                    .await
            })
        }
    }

    impl Decode<Redirect> for Location {
        fn send(self, client: Client, request: Request) -> ResponseFuture<Redirect> {
            Box::pin(async move { client.send_redirect(request).await })
        }

        fn send_with_metadata(
            self,
            client: Client,
            request: Request,
        ) -> ResponseFuture<Response<Redirect>> {
            Box::pin(async move { client.send_redirect_with_metadata(request).await })
        }
    }

    #[cfg(feature = "xml")]
    impl<T: DeserializeOwned + Send + 'static> Decode<T> for Xml {
        fn send(self, client: Client, request: Request) -> ResponseFuture<T> {
            Box::pin(async move { client.send_xml(request, self.0).await })
        }

        fn send_with_metadata(
            self,
            client: Client,
            request: Request,
        ) -> ResponseFuture<Response<T>> {
            let root = self.0;
            Box::pin(async move {
                let prepared = client.prepare(request)?;
                client
                    .execute(prepared, move |exchange, response| async move {
                        let meta = ResponseMeta::of(&response);
                        let body = exchange.read_body(response).await?;
                        let value = crate::xml::decode_xml(exchange.operation, root, &body)?;
                        Ok(Response::new(value, meta))
                    })
                    .await
            })
        }
    }
}

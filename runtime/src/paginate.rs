//! Lazily following `next_page_uri` through the pages of a list operation.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::future::BoxFuture;
use reqwest::Method;
use serde::de::DeserializeOwned;

use crate::client::{Client, Prepared, parse_url};
use crate::error::Error;
use crate::request::Request;
use crate::response;

impl Client {
    /// Every item of every page of a list operation, starting with `first` and following
    /// `next_page_uri` lazily, one page at a time. See [`Paginator`].
    pub fn paginate<P: Page>(&self, first: Request) -> Paginator<P> {
        Paginator::new(self.clone(), first)
    }
}

/// A page of a list operation. Generated page types implement it.
///
/// ```
/// use twilio_runtime::Page;
///
/// #[derive(serde::Deserialize)]
/// struct CallPage {
///     #[serde(default)]
///     calls: Vec<serde_json::Value>,
///     next_page_uri: Option<String>,
/// }
///
/// impl Page for CallPage {
///     type Item = serde_json::Value;
///     fn next_page_uri(&self) -> Option<&str> {
///         self.next_page_uri.as_deref()
///     }
///     fn into_items(self) -> Vec<Self::Item> {
///         self.calls
///     }
/// }
/// ```
pub trait Page: DeserializeOwned + Send + 'static {
    /// The type of the listed resources.
    type Item: Send + 'static;

    /// The link to the next page (a path and query relative to the API host, such as
    /// `/2010-04-01/Accounts/AC.../Calls.json?PageSize=50&Page=1&PageToken=PA...`), `None`
    /// (or empty) on the last page.
    fn next_page_uri(&self) -> Option<&str>;

    /// The resources of this page.
    fn into_items(self) -> Vec<Self::Item>;
}

/// A stream of every item of every page of a list operation.
///
/// Pages are fetched one at a time, only when the items of the previous one have been
/// consumed, so memory stays bounded by one page whatever the length of the list. It
/// follows `next_page_uri` on the host of the first request (an absolute link is reduced
/// to its path and query, so credentials never go to another host) until the link is
/// absent or empty. [`limit`](Paginator::limit) stops it (and the fetching) after a number
/// of items.
///
/// An error ends the stream: after yielding `Err`, it yields `None`. It never loops: a
/// `next_page_uri` that leads to a page already fetched in this stream (`A → B → A`), more
/// than [`ClientBuilder::max_empty_pages`](crate::ClientBuilder::max_empty_pages) empty pages
/// in a row (default 10), and a link with dot segments (`/../admin`) or outside the path of
/// the base URL stop it with [`Error::Pagination`]. The links already fetched are remembered
/// as 64-bit hashes (8 bytes a page).
///
/// ```no_run
/// # async fn run(client: twilio_runtime::Client, first: twilio_runtime::Request) -> Result<(), twilio_runtime::Error> {
/// use futures::TryStreamExt;
/// # #[derive(serde::Deserialize)] struct CallPage { calls: Vec<serde_json::Value>, next_page_uri: Option<String> }
/// # impl twilio_runtime::Page for CallPage {
/// #     type Item = serde_json::Value;
/// #     fn next_page_uri(&self) -> Option<&str> { self.next_page_uri.as_deref() }
/// #     fn into_items(self) -> Vec<Self::Item> { self.calls }
/// # }
///
/// let mut calls = client.paginate::<CallPage>(first).limit(500);
/// while let Some(call) = calls.try_next().await? {
///     println!("{}", call["sid"]);
/// }
/// # Ok(())
/// # }
/// ```
#[must_use = "streams do nothing unless polled"]
pub struct Paginator<P: Page> {
    state: State<P>,
    remaining: Option<usize>,
}

enum State<P: Page> {
    /// Nothing fetched yet.
    Start { client: Client, request: Request },
    /// A page is on its way.
    Fetching {
        cursor: Cursor,
        future: BoxFuture<'static, Result<P, Error>>,
    },
    /// Items of the current page are being handed out.
    Items {
        cursor: Cursor,
        items: std::vec::IntoIter<P::Item>,
        next: Option<String>,
    },
    /// Failed before anything was fetched; the error is yielded next.
    Failed(Error),
    /// The end.
    Done,
}

/// What is needed to fetch the following pages.
struct Cursor {
    client: Client,
    operation: &'static str,
    path_template: &'static str,
    base: String,
    /// Hashes of the URLs fetched so far in this stream.
    seen: std::collections::HashSet<u64>,
    /// Empty pages in a row so far.
    empty_pages: u32,
    /// How the first page was authenticated, and its header parameters: the following pages
    /// are sent the same way.
    auth: crate::auth::Chosen,
    headers: reqwest::header::HeaderMap,
}

/// The hash a fetched URL is remembered by.
fn url_hash(url: &reqwest::Url) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(url.as_str())
}

// The state holds no self-references: futures are boxed.
impl<P: Page> Unpin for Paginator<P> {}

impl<P: Page> fmt::Debug for Paginator<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::Start { .. } => "start",
            State::Fetching { .. } => "fetching",
            State::Items { .. } => "items",
            State::Failed(_) => "failed",
            State::Done => "done",
        };
        f.debug_struct("Paginator")
            .field("state", &state)
            .field("remaining", &self.remaining)
            .finish()
    }
}

impl<P: Page> Paginator<P> {
    pub(crate) fn new(client: Client, request: Request) -> Self {
        Paginator {
            state: State::Start { client, request },
            remaining: None,
        }
    }

    /// A stream that yields `error` and ends: lets generated code report an invalid
    /// parameter through the stream of a list operation.
    pub fn failed(error: Error) -> Self {
        Paginator {
            state: State::Failed(error),
            remaining: None,
        }
    }

    /// Stops after `n` more items: no page is fetched once they are out. `limit(0)` sends
    /// nothing at all.
    pub fn limit(mut self, n: usize) -> Self {
        self.remaining = Some(n);
        self
    }

    /// Collects every remaining item (within the [`limit`](Paginator::limit)).
    ///
    /// # Errors
    /// The first error of the stream.
    pub async fn collect_all(self) -> Result<Vec<P::Item>, Error> {
        futures_util::TryStreamExt::try_collect(self).await
    }

    /// Starts fetching the page at `url` on the cursor's host.
    fn fetch(cursor: &Cursor, url: reqwest::Url) -> BoxFuture<'static, Result<P, Error>> {
        let client = cursor.client.clone();
        let prepared = Prepared {
            operation: cursor.operation,
            path_template: cursor.path_template,
            method: Method::GET,
            url,
            form: None,
            content_type: None,
            accept: None,
            redirect: false,
            auth: cursor.auth,
            headers: cursor.headers.clone(),
        };
        Box::pin(async move { client.execute(prepared, response::read_json).await })
    }

    /// The next state after the current page's items ran out.
    fn follow(mut cursor: Cursor, next: Option<String>) -> Result<State<P>, Error> {
        let Some(next) = next else {
            return Ok(State::Done);
        };
        let stop = |reason: String| Error::Pagination {
            operation: cursor.operation,
            reason,
        };
        let shown = || crate::error::escape_controls(&next).into_owned();
        if has_dot_segment(&next) {
            return Err(stop(format!(
                "the next_page_uri `{}` has a dot segment",
                shown()
            )));
        }
        let url = parse_url(cursor.operation, &join(&cursor.base, &next)).map_err(|_| {
            stop(format!(
                "the next_page_uri `{}` is not a valid link",
                shown()
            ))
        })?;
        if !within_base(&cursor.base, &url) {
            return Err(stop(format!(
                "the next_page_uri `{}` is outside the base URL's path",
                shown()
            )));
        }
        if !cursor.seen.insert(url_hash(&url)) {
            return Err(stop(format!(
                "the next_page_uri `{}` leads to a page already fetched",
                shown()
            )));
        }
        let future = Self::fetch(&cursor, url);
        Ok(State::Fetching { cursor, future })
    }
}

/// Whether the path of a link has a `.` or `..` segment (also percent-encoded), which could
/// climb out of the base URL's path prefix once resolved.
fn has_dot_segment(link: &str) -> bool {
    let path = link.split(['?', '#']).next().unwrap_or_default();
    path.split(['/', '\\']).any(|segment| {
        let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
        decoded == "." || decoded == ".."
    })
}

/// Whether `url` is under the path prefix of `base` (`scheme://host[:port][/prefix]`).
fn within_base(base: &str, url: &reqwest::Url) -> bool {
    let Ok(base) = reqwest::Url::parse(base) else {
        return false;
    };
    let prefix = base.path().trim_end_matches('/');
    prefix.is_empty()
        || url
            .path()
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// `base` followed by the path and query of `next` (relative, or absolute with its origin
/// dropped).
fn join(base: &str, next: &str) -> String {
    let relative = ["https://", "http://"]
        .iter()
        .find_map(|scheme| {
            let after_scheme = next.get(scheme.len()..)?;
            next.get(..scheme.len())?
                .eq_ignore_ascii_case(scheme)
                .then(|| {
                    after_scheme
                        .find('/')
                        .map_or("", |slash| &after_scheme[slash..])
                })
        })
        .unwrap_or(next);
    if relative.starts_with('/') {
        format!("{base}{relative}")
    } else {
        format!("{base}/{relative}")
    }
}

impl<P: Page> Stream for Paginator<P> {
    type Item = Result<P::Item, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if this.remaining == Some(0) {
                this.state = State::Done;
                return Poll::Ready(None);
            }
            match std::mem::replace(&mut this.state, State::Done) {
                State::Start { client, request } => {
                    let operation = request.operation_id();
                    let path_template = request.path_template();
                    let started = client
                        .base_for(operation, request.server())
                        .and_then(|base| Ok((base, client.prepare(request)?)));
                    let (base, prepared) = match started {
                        Ok(started) => started,
                        Err(error) => return Poll::Ready(Some(Err(error))),
                    };
                    let cursor = Cursor {
                        client: client.clone(),
                        operation,
                        path_template,
                        base,
                        seen: std::collections::HashSet::from([url_hash(&prepared.url)]),
                        empty_pages: 0,
                        auth: prepared.auth,
                        headers: prepared.headers.clone(),
                    };
                    let future: BoxFuture<'static, Result<P, Error>> =
                        Box::pin(
                            async move { client.execute(prepared, response::read_json).await },
                        );
                    this.state = State::Fetching { cursor, future };
                }
                State::Fetching { cursor, mut future } => match future.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::Fetching { cursor, future };
                        return Poll::Pending;
                    }
                    Poll::Ready(Err(error)) => return Poll::Ready(Some(Err(error))),
                    Poll::Ready(Ok(page)) => {
                        let mut cursor = cursor;
                        let next = page
                            .next_page_uri()
                            .filter(|next| !next.is_empty())
                            .map(str::to_owned);
                        let items = page.into_items();
                        if items.is_empty() && next.is_some() {
                            cursor.empty_pages += 1;
                            let most = cursor.client.settings().max_empty_pages;
                            if cursor.empty_pages > most {
                                return Poll::Ready(Some(Err(Error::Pagination {
                                    operation: cursor.operation,
                                    reason: format!("more than {most} empty pages in a row"),
                                })));
                            }
                        } else {
                            cursor.empty_pages = 0;
                        }
                        this.state = State::Items {
                            cursor,
                            items: items.into_iter(),
                            next,
                        };
                    }
                },
                State::Items {
                    cursor,
                    mut items,
                    next,
                } => match items.next() {
                    Some(item) => {
                        if let Some(remaining) = &mut this.remaining {
                            *remaining -= 1;
                        }
                        this.state = State::Items {
                            cursor,
                            items,
                            next,
                        };
                        return Poll::Ready(Some(Ok(item)));
                    }
                    None => match Self::follow(cursor, next) {
                        Ok(state) => this.state = state,
                        Err(error) => return Poll::Ready(Some(Err(error))),
                    },
                },
                State::Failed(error) => return Poll::Ready(Some(Err(error))),
                State::Done => return Poll::Ready(None),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match &self.state {
            State::Done => (0, Some(0)),
            State::Items { items, .. } => {
                let low = self
                    .remaining
                    .map_or(items.len(), |remaining| remaining.min(items.len()));
                (low, self.remaining)
            }
            _ => (0, self.remaining),
        }
    }
}

impl<P: Page> futures_core::stream::FusedStream for Paginator<P> {
    fn is_terminated(&self) -> bool {
        matches!(self.state, State::Done) || self.remaining == Some(0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn dot_segments_and_base_paths() {
        assert!(has_dot_segment("/../../admin"));
        assert!(has_dot_segment("/v1/./x"));
        assert!(has_dot_segment("/v1/%2E%2e/x?a=b"));
        assert!(has_dot_segment("https://h/v1/.."));
        assert!(!has_dot_segment("/v1/Calls.json?Page=..&x=/../"));
        assert!(!has_dot_segment("/v1/..a/x"));
        let url = |u: &str| reqwest::Url::parse(u).unwrap();
        assert!(within_base("http://h/proxy", &url("http://h/proxy/v1/X")));
        assert!(within_base("http://h/proxy", &url("http://h/proxy")));
        assert!(!within_base("http://h/proxy", &url("http://h/proxyx/v1")));
        assert!(!within_base("http://h/proxy", &url("http://h/admin")));
        assert!(within_base("http://h", &url("http://h/admin")));
    }

    #[test]
    fn joins_relative_and_absolute_links() {
        let base = "http://127.0.0.1:1234";
        assert_eq!(
            join(base, "/2010-04-01/Calls.json?Page=1"),
            "http://127.0.0.1:1234/2010-04-01/Calls.json?Page=1"
        );
        assert_eq!(
            join(base, "v1/X?Page=1"),
            "http://127.0.0.1:1234/v1/X?Page=1"
        );
        assert_eq!(
            join(base, "https://evil.example/v1/Services?PageToken=PT"),
            "http://127.0.0.1:1234/v1/Services?PageToken=PT"
        );
        assert_eq!(
            join(base, "HTTPS://messaging.twilio.com"),
            "http://127.0.0.1:1234/"
        );
    }
}

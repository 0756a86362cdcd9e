//! Stage 1: read the document (YAML, or JSON) into `openapiv3::OpenAPI`.
//!
//! The text is parsed once into a raw JSON value (kept for what `openapiv3` drops, such as
//! `format` on objects), and that value is read into `openapiv3::OpenAPI` through
//! `serde_path_to_error`, so that a malformed document is reported with the JSON pointer of the
//! place that failed.

use crate::error::{Error, Pointer, Warning};

mod chunks;
mod normalise;
pub mod overlay;
mod problems;

pub use problems::schema_problem;
use problems::{pointer_of, refine};

/// A parsed document: the typed view and the raw value it was read from.
#[derive(Debug, Clone)]
pub struct Document {
    /// The typed document.
    pub api: openapiv3::OpenAPI,
    /// The same document as a raw value, addressed by JSON pointer (normalised to 3.0, see
    /// `load/normalise.rs`).
    pub raw: serde_json::Value,
    /// What reading passed over (3.1 constructs 3.0 does not have, unusual schemas, overlay
    /// actions that matched nothing), located.
    pub warnings: Vec<Warning>,
    /// The overlays applied to the document, in order, and what each added.
    pub overlays: Vec<overlay::Applied>,
}

impl Document {
    /// The raw value at `pointer` (`#`-prefixed, as built by [`Pointer`]).
    pub fn raw_at(&self, pointer: &Pointer) -> Option<&serde_json::Value> {
        self.raw_at_str(pointer.as_str())
    }

    /// [`Document::raw_at`] of a pointer's text.
    pub(crate) fn raw_at_str(&self, at: &str) -> Option<&serde_json::Value> {
        resolve(&self.raw, at.strip_prefix('#').unwrap_or(at))
    }
}

/// The value at the JSON pointer `pointer` (RFC 6901) in `raw`, as `serde_json::Value::pointer`
/// finds it, without allocating for a reference token that has no escape, and unescaping the
/// others in one pass into one buffer (the lowering stage asks for thousands of places, most of
/// them under a path whose `/` are escaped: unescaping with two `replace`s per token was a
/// quarter of its time).
pub(crate) fn resolve<'a>(
    raw: &'a serde_json::Value,
    pointer: &str,
) -> Option<&'a serde_json::Value> {
    if pointer.is_empty() {
        return Some(raw);
    }
    let mut at = raw;
    let mut unescaped = String::new();
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = if token.contains('~') {
            unescape_into(token, &mut unescaped);
            unescaped.as_str()
        } else {
            token
        };
        at = match at {
            serde_json::Value::Object(map) => map.get(token)?,
            serde_json::Value::Array(list) => {
                // As serde_json reads an index: no sign, no leading zero.
                if token.starts_with('+') || (token.starts_with('0') && token.len() != 1) {
                    return None;
                }
                list.get(token.parse::<usize>().ok()?)?
            }
            _ => return None,
        };
    }
    Some(at)
}

/// A reference token with `~1` read as `/` and `~0` as `~` (as `serde_json` reads them: a `~`
/// followed by anything else stays), into `out`.
fn unescape_into(token: &str, out: &mut String) {
    out.clear();
    let mut rest = token;
    while let Some(i) = rest.find('~') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.as_bytes().first() {
            Some(b'1') => out.push('/'),
            Some(b'0') => out.push('~'),
            _ => {
                out.push('~');
                rest = after;
                continue;
            }
        }
        rest = &after[1..];
    }
    out.push_str(rest);
}

/// The pointer of every place of `value` (`at` and below it), escaped as RFC 6901 says: what
/// the tests of pointer lookups ask for.
#[cfg(test)]
pub(crate) fn every_place(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let token = k.replace('~', "~0").replace('/', "~1");
                every_place(v, format!("{at}/{token}"), out);
            }
        }
        serde_json::Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                every_place(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// How deeply the document may nest mappings and sequences. Twilio's documents nest about 15
/// levels; the limit is far above that, below the parsers' own recursion limits (128, which would
/// fail without saying where), and bounds how deep the later stages recurse over schemas, so that
/// the generator's threads ([`crate::STACK_SIZE`]) cannot run out of stack (a test generates
/// documents at the limit).
pub const MAX_DEPTH: usize = 100;

/// Parses an OpenAPI 3.0 or 3.1 document (3.1 is normalised to 3.0 first). JSON input (first non-blank byte `{`) is read with serde_json,
/// anything else with serde_yaml. No overlay is applied (see [`load`]).
pub fn parse(text: &str) -> Result<Document, Error> {
    let threads = crate::parallel::threads();
    let raw =
        read_raw_on(text, threads).map_err(|(pointer, message)| Error::spec(pointer, message))?;
    if !raw.is_object() {
        return Err(Error::spec("#", "the document is not a mapping"));
    }
    typed(raw, threads)
}

/// [`parse`], with `overlays` applied to the raw document first (stage 1 of the pipeline): the
/// shipped overlays that recognise the document (unless turned off), then the user's, in order.
/// The [`Document`]'s `overlays` says what each one added.
pub fn load(text: &str, overlays: &overlay::Overlays) -> Result<Document, Error> {
    load_on(text, overlays, crate::parallel::threads())
}

/// [`load`] on at most `threads` threads (a large document is read in pieces side by side, see
/// `load/chunks.rs`): 1 when the caller spreads many documents over the cores itself.
pub fn load_on(
    text: &str,
    overlays: &overlay::Overlays,
    threads: usize,
) -> Result<Document, Error> {
    load_known(text, overlays, threads, &RawPieces::default()).map(|(doc, _)| doc)
}

/// [`load_on`], reading the pieces `known` has (an earlier run's) from their JSON; with the
/// pieces of this read, for the next run.
pub fn load_known(
    text: &str,
    overlays: &overlay::Overlays,
    threads: usize,
    known: &RawPieces,
) -> Result<(Document, RawPieces), Error> {
    let (raw, pieces) = read_raw_known(text, threads, known)
        .map_err(|(pointer, message)| Error::spec(pointer, message))?;
    load_raw(text, raw, overlays, threads).map(|doc| (doc, pieces))
}

/// The rest of [`load_known`]: the overlays and the typed read.
fn load_raw(
    text: &str,
    mut raw: serde_json::Value,
    overlays: &overlay::Overlays,
    threads: usize,
) -> Result<Document, Error> {
    if !raw.is_object() {
        return Err(Error::spec("#", "the document is not a mapping"));
    }
    let list = overlays.resolve(&raw);
    if list.is_empty() {
        return typed(raw, threads);
    }
    let (applied, mut warnings) = overlay::apply_all(&mut raw, &list)?;
    match typed(raw, threads) {
        Ok(mut doc) => {
            warnings.append(&mut doc.warnings);
            doc.warnings = warnings;
            doc.overlays = applied;
            Ok(doc)
        }
        // Name the overlay and the action after which the document no longer reads (the
        // document itself may be the culprit: then its own error). The document as it was
        // before the overlays is read again (it read once, so it reads again): only a failing
        // run pays for it, never a copy of every document.
        Err(e) => match read_raw(text) {
            Ok(original) => Err(overlay::blame(&original, &list, e, |v| {
                typed(v, 1).map(|_| ())
            })),
            Err(_) => Err(e),
        },
    }
}

/// The text as a raw value, with the reader's checks (repeated keys, nesting depth); an error is
/// (pointer, message).
pub(crate) fn read_raw(text: &str) -> Result<serde_json::Value, (String, String)> {
    read_raw_on(text, 1)
}

/// The size from which a YAML document is read in pieces (below it, whole: the cutting would
/// cost more than it saves).
pub const PIECES_FROM: usize = 64 * 1024;

/// The raw value of a YAML document read in pieces on `threads` threads (`load/chunks.rs`), or
/// `None` where [`load`] reads it whole (a small document, one that cannot be cut cleanly, or
/// one whose pieces do not read). What a test compares with the whole read.
pub fn read_in_pieces(text: &str, threads: usize) -> Option<serde_json::Value> {
    chunks::read(text, threads, &RawPieces::default()).map(|(value, _)| value)
}

/// The pieces of a YAML document read in pieces (`load/chunks.rs`), each as JSON by a key of
/// its text and its place: a run saves them beside its format cache, and the next run reads an
/// unchanged piece from its JSON, several times faster than its YAML (a warm run after one
/// change to the document reads only the changed piece's YAML). Empty for a document read whole.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RawPieces {
    pub(crate) by_key: std::collections::BTreeMap<u64, std::sync::Arc<str>>,
    /// Whether a piece was read from its YAML (so there is something new to save).
    pub(crate) fresh: bool,
}

impl RawPieces {
    /// How many pieces there are.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// Whether a piece was read from its YAML rather than from an earlier run's JSON.
    pub fn has_fresh(&self) -> bool {
        self.fresh
    }
}

/// [`read_raw`] on at most `threads` threads: a large YAML document is read in pieces side by
/// side when it can be cut cleanly (`load/chunks.rs`), else (and always when the pieces do not
/// read) whole, which is what says where a document is wrong.
fn read_raw_on(text: &str, threads: usize) -> Result<serde_json::Value, (String, String)> {
    read_raw_known(text, threads, &RawPieces::default()).map(|(raw, _)| raw)
}

/// [`read_raw_on`], reading the pieces `known` has from their JSON; with the pieces read.
fn read_raw_known(
    text: &str,
    threads: usize,
    known: &RawPieces,
) -> Result<(serde_json::Value, RawPieces), (String, String)> {
    let json = text.trim_start().starts_with('{');
    if !json && let Some(read) = chunks::read(text, threads, known) {
        return Ok(read);
    }
    let problem = std::cell::RefCell::new(None);
    let seed = || Node {
        trail: Trail::ROOT,
        problem: &problem,
    };
    let raw: Result<serde_json::Value, String> = if json {
        let mut de = serde_json::Deserializer::from_str(text);
        match serde::de::DeserializeSeed::deserialize(seed(), &mut de) {
            Ok(raw) => de
                .end()
                .map(|()| raw)
                .map_err(|e| format!("trailing data after the JSON document: {e}")),
            Err(e) => Err(format!("not valid JSON: {e}")),
        }
    } else {
        serde::de::DeserializeSeed::deserialize(seed(), serde_yaml::Deserializer::from_str(text))
            .map_err(|e| format!("not valid YAML: {e}"))
    };
    if let Some(problem) = problem.into_inner() {
        return Err(problem);
    }
    raw.map(|raw| (raw, RawPieces::default()))
        .map_err(|message| ("#".to_owned(), message))
}

/// The typed document read from the raw mapping (normalised to 3.0 first).
fn typed(mut raw: serde_json::Value, threads: usize) -> Result<Document, Error> {
    let is_31 = match raw.get("openapi").and_then(|v| v.as_str()) {
        Some(v) if v.starts_with("3.0") => false,
        Some(v) if v.starts_with("3.1") => true,
        Some(v) => {
            return Err(Error::spec(
                "#/openapi",
                format!("OpenAPI version `{v}` is not supported (3.0.x and 3.1.x are)"),
            ));
        }
        None => {
            return Err(Error::spec(
                "#/openapi",
                "missing the `openapi: 3.0.x` field",
            ));
        }
    };
    let warnings = normalise::normalise(&mut raw, is_31);
    let api = match read_api(&mut raw, threads) {
        Some(api) => api,
        // Read again with the path tracked, to say where it fails.
        None => serde_path_to_error::deserialize(&raw).map_err(|e| {
            let message = format!("not a valid OpenAPI 3.0 document: {}", e.inner());
            Error::spec(refine(&raw, pointer_of(e.path())), message)
        })?,
    };
    Ok(Document {
        api,
        raw,
        warnings,
        overlays: Vec::new(),
    })
}

/// The typed document, `None` when it does not read (then [`typed`] reads it again with the
/// path tracked). Read without tracking the path (which costs about a fifth more), and when
/// `threads` allow, side by side: the entries of `paths` (about nine tenths of the work on a
/// large document: operations, parameters, responses) taken one at a time by whichever thread is
/// free (their sizes differ tenfold: runs of an equal count left one thread with twice the
/// work), the calling thread reading the rest of the document first. `raw` is left as it was.
fn read_api(raw: &mut serde_json::Value, threads: usize) -> Option<openapiv3::OpenAPI> {
    use serde::Deserialize as _;
    use std::sync::atomic::{AtomicUsize, Ordering};
    if threads < 2 {
        return openapiv3::OpenAPI::deserialize(&*raw).ok();
    }
    // `paths` is set aside (an empty mapping in its place, so that the rest reads and keeps its
    // order) and put back.
    let slot = raw.get_mut("paths")?;
    let paths = std::mem::replace(slot, serde_json::Value::Object(serde_json::Map::new()));
    let entries: Vec<(&String, &serde_json::Value)> = paths
        .as_object()
        .map(|m| m.iter().collect())
        .unwrap_or_default();
    let next = AtomicUsize::new(0);
    let take = || -> Option<Vec<(usize, PathEntry)>> {
        let mut read = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(&(key, value)) = entries.get(i) else {
                return Some(read);
            };
            read.push((i, path_entry(key, value)?));
        }
    };
    let read = std::thread::scope(|s| {
        if !paths.is_object() {
            return None;
        }
        let workers: Vec<_> = (1..threads.min(entries.len()))
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(crate::STACK_SIZE)
                    .spawn_scoped(s, take)
            })
            .collect();
        let api = openapiv3::OpenAPI::deserialize(&*raw).ok();
        let mut read = take();
        for worker in workers {
            match (
                read.as_mut(),
                worker.ok().and_then(|h| h.join().ok()).flatten(),
            ) {
                (Some(all), Some(theirs)) => all.extend(theirs),
                _ => read = None,
            }
        }
        let mut api = api?;
        let mut read = read?;
        read.sort_by_key(|(i, _)| *i);
        for (_, entry) in read {
            match entry {
                PathEntry::Item(key, item) => {
                    api.paths.paths.insert(key, *item);
                }
                PathEntry::Extension(key, value) => {
                    api.paths.extensions.insert(key, value);
                }
                PathEntry::Other => {}
            }
        }
        Some(api)
    });
    if let Some(slot) = raw.get_mut("paths") {
        *slot = paths;
    }
    read
}

/// An entry of `paths`, read as `openapiv3::Paths` reads it: a key starting with `/` is a path
/// item, one starting with `x-` an extension, any other is passed over.
enum PathEntry {
    Item(String, Box<openapiv3::ReferenceOr<openapiv3::PathItem>>),
    Extension(String, serde_json::Value),
    Other,
}

fn path_entry(key: &str, value: &serde_json::Value) -> Option<PathEntry> {
    use serde::Deserialize as _;
    Some(if key.starts_with('/') {
        let item = openapiv3::ReferenceOr::<openapiv3::PathItem>::deserialize(value).ok()?;
        PathEntry::Item(key.to_owned(), Box::new(item))
    } else if key.starts_with("x-") {
        PathEntry::Extension(key.to_owned(), value.clone())
    } else {
        PathEntry::Other
    })
}

/// Where the parser is in the document, as a chain of reference tokens back to the root.
#[derive(Clone, Copy)]
struct Trail<'a> {
    parent: Option<&'a Trail<'a>>,
    token: Token<'a>,
    depth: usize,
}

#[derive(Clone, Copy)]
enum Token<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Trail<'a> {
    const ROOT: Trail<'static> = Trail {
        parent: None,
        token: Token::Root,
        depth: 0,
    };

    fn child(&'a self, token: Token<'a>) -> Trail<'a> {
        Trail {
            parent: Some(self),
            token,
            depth: self.depth.saturating_add(1),
        }
    }

    fn pointer(&self) -> String {
        let mut tokens = Vec::with_capacity(self.depth);
        let mut at = Some(self);
        while let Some(t) = at {
            tokens.push(t.token);
            at = t.parent;
        }
        let mut p = Pointer::root();
        for token in tokens.into_iter().rev() {
            p = match token {
                Token::Root => p,
                Token::Key(k) => p.push(k),
                Token::Index(i) => p.push(i),
            };
        }
        p.into()
    }
}

/// Reads one value of the document into a `serde_json::Value` (as `serde_json::Value`'s own
/// `Deserialize` would), refusing, with the JSON pointer of the place, what it cannot take: nesting
/// deeper than [`MAX_DEPTH`] and a key repeated in one mapping. The problem is recorded beside the
/// parser's error, which only knows a line and column.
struct Node<'a> {
    trail: Trail<'a>,
    problem: &'a std::cell::RefCell<Option<(String, String)>>,
}

impl Node<'_> {
    fn fail<E: serde::de::Error>(&self, pointer: String, message: String) -> E {
        let e = E::custom(&message);
        self.problem.borrow_mut().get_or_insert((pointer, message));
        e
    }

    fn enter<E: serde::de::Error>(&self) -> Result<(), E> {
        if self.trail.depth >= MAX_DEPTH {
            return Err(self.fail(
                self.trail.pointer(),
                format!("the document nests more than {MAX_DEPTH} levels deep here"),
            ));
        }
        Ok(())
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Node<'_> {
    type Value = serde_json::Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Node<'_> {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON or YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, Into::into))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(serde_json::Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(serde_json::Value::String(v))
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        self.enter()?;
        let mut out = Vec::new();
        loop {
            let trail = self.trail.child(Token::Index(out.len()));
            let node = Node {
                trail,
                problem: self.problem,
            };
            match seq.next_element_seed(node)? {
                Some(v) => out.push(v),
                None => return Ok(serde_json::Value::Array(out)),
            }
        }
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        self.enter()?;
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let trail = self.trail.child(Token::Key(&key));
            if out.contains_key(&key) {
                return Err(self.fail(trail.pointer(), format!("duplicate key `{key}`")));
            }
            let node = Node {
                trail,
                problem: self.problem,
            };
            let value = map.next_value_seed(node)?;
            out.insert(key, value);
        }
        Ok(serde_json::Value::Object(out))
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn wrong_type_names_the_place() {
        let e = err(
            "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: [1]\n      responses: {}\n",
        );
        assert!(e.starts_with("#/paths/~1a/get/operationId:"), "{e}");
    }

    /// [`resolve`] finds what `serde_json::Value::pointer` finds, for every place of a document
    /// and for pointers that name nothing.
    #[test]
    fn pointers_resolve_as_serde_json_resolves_them() {
        let raw = serde_json::json!({
            "paths": {"/a~b/{c}": {"get": {"parameters": [{"name": "x"}, {"name": "y"}]}}},
            "": {"": 1}, "~1": 2, "0": [3], "~/": 4, "/0": 5, "~": 6, "a~": 7,
        });
        let mut pointers = Vec::new();
        every_place(&raw, String::new(), &mut pointers);
        assert_eq!(pointers.len(), 18);
        pointers.extend(
            [
                "a",
                "/",
                "//",
                "/0/01",
                "/0/+0",
                "/0/1",
                "/~",
                "/~2",
                "/~01",
                "/~~1",
                "/~10",
                "/~0~1",
                "/~",
                "/a~",
                "/paths/~1a~0b~1{c}/get/parameters/-",
            ]
            .map(String::from),
        );
        for p in &pointers {
            assert_eq!(resolve(&raw, p), raw.pointer(p), "{p}");
        }
    }

    #[test]
    fn json_trailing_garbage_is_an_error() {
        let e = err(r#"{"openapi":"3.0.1","info":{"title":"t","version":"1"},"paths":{}} x"#);
        assert!(e.contains("trailing data"), "{e}");
    }

    #[test]
    fn openapi_32_is_refused_and_31_read() {
        let e = err("openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
        assert!(e.starts_with("#/openapi"), "{e}");
        let doc = parse("openapi: 3.1.0\ninfo: {title: t, version: '1'}\n");
        assert_eq!(doc.map(|d| d.api.openapi).ok().as_deref(), Some("3.0.3"));
    }

    #[test]
    fn invalid_yaml_is_an_error() {
        let e = err("openapi: [3.0.1\n");
        assert!(e.contains("not valid YAML"), "{e}");
    }
}

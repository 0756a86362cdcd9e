//! Overlays (OpenAPI Overlay Specification 1.0): documents of actions, each an RFC 9535 JSONPath
//! `target` with an `update` to merge into what it selects or a `remove`, applied to the raw
//! document before it is read, so that every later stage sees one document. They add what
//! Twilio's documents leave out (the requests Twilio sends, declared as `callbacks`) without
//! editing them.
//!
//! The reading and applying of an overlay is the `roas-overlay` crate's (over `serde_json`
//! values, with `serde_json_path` for the JSONPath queries); this module decides which overlays
//! apply, in which order, and says what each did: an action whose target matches nothing is a
//! warning naming the overlay and the action's index, and an overlay after which the document
//! no longer reads is an error naming the overlay, the action and the place in the document.
//!
//! The overlays the project ships (`generator/overlays/`, built into the generator) apply to the
//! documents they recognise by their content: each declares, in `x-twilio-codegen-applies-to`,
//! the document's `info.title` and a path the document must have (never its file name). They
//! come first; the user's follow, in the order given.

use std::borrow::Cow;
use std::collections::BTreeSet;

use roas_overlay::apply::Apply as _;
use roas_overlay::validation::Validate as _;
use serde_json::Value;

use crate::error::{Error, Pointer, Warning};

mod located;

/// An overlay given by the user: its text and the label that names it in messages (its path as
/// given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlay {
    /// What names the overlay in warnings and errors (such as `overlays/extra.yaml`).
    pub label: String,
    /// The overlay document, YAML or JSON.
    pub text: String,
}

/// Which overlays a run applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlays {
    /// Whether the shipped overlays ([`SHIPPED`]) apply to the documents they recognise.
    pub shipped: bool,
    /// The user's overlays, applied after the shipped ones, in this order.
    pub extra: Vec<Overlay>,
}

impl Default for Overlays {
    /// The shipped overlays, and no other.
    fn default() -> Self {
        Self {
            shipped: true,
            extra: Vec::new(),
        }
    }
}

impl Overlays {
    /// No overlay at all: the document as it is.
    pub fn none() -> Self {
        Self {
            shipped: false,
            extra: Vec::new(),
        }
    }

    /// The overlays to apply to `doc`, in order: the shipped ones that recognise it, then the
    /// user's.
    pub fn resolve(&self, doc: &Value) -> Vec<Source<'_>> {
        let mut out = Vec::new();
        if self.shipped {
            for (index, s) in SHIPPED.iter().enumerate() {
                // Whether it applies is read from its declaration alone; the whole overlay only
                // when it does.
                if !declared_for(shipped_declarations().get(index), doc) {
                    continue;
                }
                let Some(raw) = shipped_raw()
                    .get(index)
                    .and_then(Option::as_ref)
                    .filter(|raw| recognises_raw(raw, doc))
                else {
                    continue;
                };
                let (raw, skipped) = applicable(s, raw, doc);
                out.push(Source {
                    label: s.file.to_owned(),
                    // Nothing left: an empty text, which `apply_all` passes over.
                    text: Cow::Borrowed(if raw.is_some() { s.text } else { "" }),
                    raw,
                    shipped: true,
                    skipped,
                });
            }
        }
        out.extend(self.extra.iter().map(|o| Source {
            label: o.label.clone(),
            text: Cow::Borrowed(&o.text),
            raw: None,
            shipped: false,
            skipped: Vec::new(),
        }));
        out
    }
}

/// One overlay to apply.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    label: String,
    text: Cow<'a, str>,
    /// The text already read (a shipped overlay's, read once per process).
    raw: Option<Cow<'a, Value>>,
    shipped: bool,
    /// Warnings for the actions left out (of a shipped overlay, see [`applicable`]).
    skipped: Vec<Warning>,
}

/// The actions of the shipped overlay `s` that `doc` has what they refer to: an action whose
/// `update` holds a `$ref` to a place the document lacks (an older `twilio_api_v2010.yaml`
/// without `call_enum_status`) is left out, with a warning, rather than making the document
/// invalid. The overlay is `raw` (`s` as read) when every action applies, `None` when none does.
fn applicable(
    s: &Shipped,
    raw: &'static Value,
    doc: &Value,
) -> (Option<Cow<'static, Value>>, Vec<Warning>) {
    fn missing_ref(value: &Value, doc: &Value) -> Option<String> {
        match value {
            Value::Object(map) => map.iter().find_map(|(k, v)| match (k.as_str(), v) {
                ("$ref", Value::String(r)) => {
                    let at = r.strip_prefix('#')?;
                    doc.pointer(at).is_none().then(|| r.clone())
                }
                _ => missing_ref(v, doc),
            }),
            Value::Array(list) => list.iter().find_map(|v| missing_ref(v, doc)),
            _ => None,
        }
    }
    let missing = |action: &Value| action.get("update").and_then(|u| missing_ref(u, doc));
    let Some(actions) = raw.get("actions").and_then(Value::as_array) else {
        return (Some(Cow::Borrowed(raw)), Vec::new());
    };
    if !actions.iter().any(|a| missing(a).is_some()) {
        return (Some(Cow::Borrowed(raw)), Vec::new());
    }
    let mut warnings = Vec::new();
    let mut index = 0;
    let mut kept = raw.clone();
    let Some(actions) = kept.get_mut("actions").and_then(Value::as_array_mut) else {
        return (Some(Cow::Borrowed(raw)), Vec::new());
    };
    actions.retain(|action| {
        let missing = missing(action);
        if let Some(reference) = &missing {
            warnings.push(Warning {
                pointer: format!("{}#/actions/{index}", s.file),
                message: format!(
                    "shipped overlay `{}`, action {index}: left out, the document has no `{reference}`",
                    s.file
                ),
            });
        }
        index += 1;
        missing.is_none()
    });
    if actions.is_empty() {
        return (None, warnings);
    }
    (Some(Cow::Owned(kept)), warnings)
}

/// The shipped overlays ([`SHIPPED`], in order), each read once per process; `None` for one that
/// does not read (it then applies to no document).
fn shipped_raw() -> &'static [Option<Value>] {
    static RAW: std::sync::OnceLock<Vec<Option<Value>>> = std::sync::OnceLock::new();
    RAW.get_or_init(|| {
        SHIPPED
            .iter()
            .map(|s| super::read_raw(s.text).ok())
            .collect()
    })
}

/// What each shipped overlay declares in [`APPLIES_TO`], read from that entry alone (about a
/// tenth of a millisecond, where reading the overlays whole costs a few for every document they
/// do not apply to); `None` where the entry does not read alone (the whole overlay decides).
fn shipped_declarations() -> &'static [Option<Value>] {
    static DECLARED: std::sync::OnceLock<Vec<Option<Value>>> = std::sync::OnceLock::new();
    DECLARED.get_or_init(|| {
        SHIPPED
            .iter()
            .map(|s| super::chunks::top_level_entry(s.text, APPLIES_TO))
            .collect()
    })
}

/// Whether a shipped overlay's declaration (as [`shipped_declarations`] read it) allows that it
/// applies to `doc`: `true` when it could not be read alone.
fn declared_for(declared: Option<&Option<Value>>, doc: &Value) -> bool {
    match declared {
        Some(Some(applies)) => {
            let mut overlay = serde_json::Map::new();
            overlay.insert(APPLIES_TO.to_owned(), applies.clone());
            recognises_raw(&Value::Object(overlay), doc)
        }
        _ => true,
    }
}

/// An overlay the project ships: its file (relative to the workspace root) and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shipped {
    /// The file, such as `generator/overlays/api-v2010-messaging.yaml`.
    pub file: &'static str,
    /// Its text (built into the generator).
    pub text: &'static str,
}

/// The overlays the project ships, in the order they apply.
pub const SHIPPED: &[Shipped] = &[
    Shipped {
        file: "generator/overlays/api-v2010-voice.yaml",
        text: include_str!("../../overlays/api-v2010-voice.yaml"),
    },
    Shipped {
        file: "generator/overlays/api-v2010-messaging.yaml",
        text: include_str!("../../overlays/api-v2010-messaging.yaml"),
    },
];

/// The extension of a shipped overlay that says which documents it applies to:
/// `{title: <info.title>, path: <a key of paths>}`.
pub const APPLIES_TO: &str = "x-twilio-codegen-applies-to";

/// Whether the overlay `text` declares (in [`APPLIES_TO`]) the document `doc`: same `info.title`,
/// and the path it names is one of the document's.
pub fn recognises(text: &str, doc: &Value) -> bool {
    super::read_raw(text).is_ok_and(|overlay| recognises_raw(&overlay, doc))
}

/// [`recognises`] for an overlay already read.
fn recognises_raw(overlay: &Value, doc: &Value) -> bool {
    let Some(applies) = overlay.get(APPLIES_TO) else {
        return false;
    };
    let title = applies.get("title").and_then(Value::as_str);
    let path = applies.get("path").and_then(Value::as_str);
    let doc_title = doc.pointer("/info/title").and_then(Value::as_str);
    match (title, path) {
        (Some(title), Some(path)) => {
            doc_title == Some(title) && doc.get("paths").and_then(|p| p.get(path)).is_some()
        }
        _ => false,
    }
}

/// What one overlay did to the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The overlay's label (its file).
    pub label: String,
    /// Whether it is one the project ships.
    pub shipped: bool,
    /// Its actions, and how many of them matched something.
    pub actions: usize,
    /// Of [`actions`](Self::actions), those whose target matched at least one place.
    pub matched: usize,
    /// The callbacks it added (`#/paths/.../post/callbacks/<key>`), sorted.
    pub callbacks: Vec<String>,
}

/// Reads an overlay document: YAML or JSON, an Overlay 1.0 object whose actions are valid.
fn read(source: &Source<'_>) -> Result<roas_overlay::v1_0::Overlay, Error> {
    let fail = |pointer: String, message: String| Error::Overlay {
        overlay: source.label.clone(),
        pointer,
        message,
    };
    let read;
    let raw = match &source.raw {
        Some(raw) => raw.as_ref(),
        None => {
            read = super::read_raw(&source.text).map_err(|(p, m)| fail(p, m))?;
            &read
        }
    };
    let overlay: roas_overlay::v1_0::Overlay =
        serde_path_to_error::deserialize(raw).map_err(|e| {
            fail(
                super::pointer_of(e.path()),
                format!("not an Overlay 1.0 document: {}", e.inner()),
            )
        })?;
    overlay.validate(Default::default()).map_err(|e| {
        let problems: Vec<String> = e.errors.iter().map(ToString::to_string).collect();
        fail(
            "#".to_owned(),
            format!("not a valid Overlay 1.0 document: {}", problems.join("; ")),
        )
    })?;
    Ok(overlay)
}

/// Applies `list` to `raw` in order. Returns what each did, and a warning for each action whose
/// target matched nothing.
pub(super) fn apply_all(
    raw: &mut Value,
    list: &[Source<'_>],
) -> Result<(Vec<Applied>, Vec<Warning>), Error> {
    let mut applied = Vec::new();
    let mut warnings = Vec::new();
    for source in list {
        warnings.extend(source.skipped.iter().cloned());
        if source.shipped && source.text.is_empty() {
            continue;
        }
        let overlay = read(source)?;
        let before = callbacks(raw);
        let report = located::apply(&overlay, raw).map_err(|e| Error::Overlay {
            overlay: source.label.clone(),
            pointer: Pointer::root()
                .push("actions")
                .push(e.action_index)
                .to_string(),
            message: format!("target `{}`: {}", e.target, e.kind),
        })?;
        let mut matched = 0;
        for outcome in &report.actions {
            if outcome.matched == 0 {
                warnings.push(Warning {
                    pointer: format!("{}#/actions/{}", source.label, outcome.index),
                    message: format!(
                        "overlay `{}`, action {}: the target `{}` matches nothing in the document; the action changed nothing",
                        source.label, outcome.index, outcome.target
                    ),
                });
            } else {
                matched += 1;
            }
        }
        let after = callbacks(raw);
        applied.push(Applied {
            label: source.label.clone(),
            shipped: source.shipped,
            actions: report.actions.len(),
            matched,
            callbacks: after.difference(&before).cloned().collect(),
        });
    }
    Ok((applied, warnings))
}

/// The error to report when the overlaid document does not read (`error`): the first overlay
/// and action after which `check` fails, named with the document's error; `error` itself when
/// the document fails without any overlay.
pub(super) fn blame(
    original: &Value,
    list: &[Source<'_>],
    error: Error,
    check: impl Fn(Value) -> Result<(), Error>,
) -> Error {
    if check(original.clone()).is_err() {
        return error;
    }
    let mut doc = original.clone();
    for source in list {
        if source.shipped && source.text.is_empty() {
            continue;
        }
        let Ok(overlay) = read(source) else {
            return error;
        };
        for (index, action) in overlay.actions.iter().enumerate() {
            let mut one = overlay.clone();
            one.actions = vec![action.clone()];
            if one.apply(&mut doc, Default::default()).is_err() {
                return error;
            }
            if let Err(e) = check(doc.clone()) {
                return Error::Overlay {
                    overlay: source.label.clone(),
                    pointer: Pointer::root().push("actions").push(index).to_string(),
                    message: format!(
                        "the action (target `{}`) makes the document invalid: {e}",
                        action.target
                    ),
                };
            }
        }
    }
    error
}

/// Every callback of every operation: `#/paths/<path>/<method>/callbacks/<key>`.
fn callbacks(raw: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let Some(paths) = raw.get("paths").and_then(Value::as_object) else {
        return out;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, op) in item {
            let Some(callbacks) = op.get("callbacks").and_then(Value::as_object) else {
                continue;
            };
            for key in callbacks.keys() {
                let at = Pointer::root()
                    .push("paths")
                    .push(path)
                    .push(method)
                    .push("callbacks")
                    .push(key);
                out.insert(at.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    const DOC: &str = "openapi: 3.0.1\ninfo: {title: Twilio - Api, version: '1'}\npaths:\n  /a:\n    post:\n      operationId: A\n      responses: {'204': {description: ok}}\n";

    fn user(label: &str, text: &str) -> Overlays {
        Overlays {
            shipped: false,
            extra: vec![Overlay {
                label: label.to_owned(),
                text: text.to_owned(),
            }],
        }
    }

    #[test]
    fn an_action_matching_nothing_is_a_warning_with_file_and_index() {
        let text = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n- target: $.info\n  update: {description: d}\n- target: $.paths['/none'].get\n  update: {summary: s}\n";
        let doc = crate::load::load(DOC, &user("mine.yaml", text)).unwrap();
        let w: Vec<_> = doc
            .warnings
            .iter()
            .filter(|w| w.pointer.starts_with("mine.yaml"))
            .collect();
        assert_eq!(w.len(), 1, "{:?}", doc.warnings);
        assert_eq!(w[0].pointer, "mine.yaml#/actions/1");
        assert!(w[0].message.contains("action 1"), "{}", w[0].message);
        assert_eq!(doc.api.info.description.as_deref(), Some("d"));
        assert_eq!(doc.overlays[0].matched, 1);
    }

    #[test]
    fn an_overlay_that_breaks_the_document_is_an_error_naming_it_and_the_action() {
        let text = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n- target: $.info\n  update: {description: fine}\n- target: $.paths['/a'].post\n  update: {operationId: [1]}\n";
        let e = crate::load::load(DOC, &user("bad.yaml", text)).unwrap_err();
        let text = e.to_string();
        assert!(text.starts_with("overlay bad.yaml: #/actions/1:"), "{text}");
        assert!(text.contains("#/paths/~1a/post/operationId"), "{text}");
    }

    #[test]
    fn a_malformed_overlay_is_an_error_naming_it() {
        let e = crate::load::load(DOC, &user("x.yaml", "overlay: 2.0.0\ninfo: {}\n"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("overlay x.yaml: "), "{e}");
    }

    #[test]
    fn shipped_actions_referring_to_what_an_older_document_lacks_are_left_out() {
        // An older v2010: the title and the paths, but none of the enums the callbacks name.
        let doc = "openapi: 3.0.1\ninfo: {title: Twilio - Api, version: '1'}\npaths:\n  /2010-04-01/Accounts/{AccountSid}/Calls.json:\n    post:\n      operationId: CreateCall\n      responses: {'201': {description: ok}}\n  /2010-04-01/Accounts/{AccountSid}/Messages.json:\n    post:\n      operationId: CreateMessage\n      responses: {'201': {description: ok}}\n";
        let loaded = crate::load::load(doc, &Overlays::default()).unwrap();
        let left_out: Vec<&Warning> = loaded
            .warnings
            .iter()
            .filter(|w| w.message.contains("left out"))
            .collect();
        assert!(
            left_out.iter().any(|w| w.pointer
                == "generator/overlays/api-v2010-voice.yaml#/actions/0"
                && w.message
                    .contains("`#/components/schemas/call_enum_status`")),
            "{:#?}",
            loaded.warnings
        );
        assert!(
            left_out.iter().any(|w| w
                .pointer
                .starts_with("generator/overlays/api-v2010-messaging.yaml")),
            "{:#?}",
            loaded.warnings
        );
        let create_call = loaded
            .raw
            .pointer("/paths/~12010-04-01~1Accounts~1{AccountSid}~1Calls.json/post");
        assert!(create_call.is_some_and(|op| op.get("callbacks").is_none()));
    }

    #[test]
    fn shipped_overlays_recognise_the_document_by_its_content() {
        let v2010 = serde_json::json!({
            "info": {"title": "Twilio - Api"},
            "paths": {"/2010-04-01/Accounts/{AccountSid}/Messages.json": {}, "/2010-04-01/Accounts/{AccountSid}/Calls.json": {}}
        });
        let other = serde_json::json!({
            "info": {"title": "Twilio - Messaging"},
            "paths": {"/2010-04-01/Accounts/{AccountSid}/Messages.json": {}}
        });
        assert_eq!(Overlays::default().resolve(&v2010).len(), SHIPPED.len());
        assert!(Overlays::default().resolve(&other).is_empty());
        assert!(Overlays::none().resolve(&v2010).is_empty());
        // Each shipped overlay's declaration reads alone, as it reads in the whole overlay.
        for ((s, declared), raw) in SHIPPED
            .iter()
            .zip(shipped_declarations())
            .zip(shipped_raw())
        {
            let whole = raw.as_ref().and_then(|raw| raw.get(APPLIES_TO));
            assert!(whole.is_some(), "{}", s.file);
            assert_eq!(declared.as_ref(), whole, "{}", s.file);
        }
    }
}

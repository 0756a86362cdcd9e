//! How much of the document the generated crate covers: operations and parameters declared by the
//! document (within the selection) against those the model holds, and, for what is missing, the
//! warning that says why, counted per affected operation.
//!
//! The declared side is read from the raw document, not from the lowered model, so that nothing
//! the lowering stage drops can go unnoticed: every operation under `paths` (all eight methods),
//! every path, query, header and cookie parameter (path-level ones included, overridden by an
//! operation's own of the same name and place), and every top-level property of the request body
//! of the media type the generator prefers (form, then JSON, then XML; an XML body, or a body whose
//! schema has no properties, is one parameter). The generated side is the model's operations,
//! matched by JSON pointer, and their parameters, matched by place and wire name.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::error::Pointer;
use crate::load::Document;
use crate::lower::Selection;
use crate::model::{Api, Operation, RequestBody, TypeKind};

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
    /// A top-level field of the request body (or the whole body, when it is not an object).
    Body,
}

impl Place {
    /// Every place, in the order the coverage line lists them.
    pub const ALL: [Place; 5] = [
        Place::Path,
        Place::Query,
        Place::Header,
        Place::Cookie,
        Place::Body,
    ];

    /// The place's name, as in the coverage line.
    pub fn as_str(self) -> &'static str {
        match self {
            Place::Path => "path",
            Place::Query => "query",
            Place::Header => "header",
            Place::Cookie => "cookie",
            Place::Body => "body",
        }
    }

    fn parse(text: &str) -> Option<Place> {
        Place::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// How many were declared and how many of them were generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Declared by the document.
    pub declared: usize,
    /// Generated.
    pub generated: usize,
}

impl Tally {
    /// Whether everything declared was generated.
    pub fn is_complete(&self) -> bool {
        self.generated == self.declared
    }

    fn add(&mut self, other: Tally) {
        self.declared += other.declared;
        self.generated += other.generated;
    }
}

/// One reason something was not generated, and what it cost.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Gap {
    /// The warning that says why, with quoted names elided (`` `…` ``) so that one cause is one
    /// gap; or a note that no warning says why (a generator bug).
    pub reason: String,
    /// Operations that lost something to it.
    pub operations: usize,
    /// Of those, operations not generated at all.
    pub skipped_operations: usize,
    /// Parameters not generated because of it (those of skipped operations included).
    pub parameters: usize,
}

/// What the generated crate covers of the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Operations.
    pub operations: Tally,
    /// Parameters, by place (places the document does not use are absent).
    pub parameters: BTreeMap<Place, Tally>,
    /// What was not generated and why, sorted by reason.
    pub gaps: Vec<Gap>,
    /// What overlays added to the crate (the overlays that added nothing it generates are not
    /// listed), in the order they were applied.
    pub overlays: Vec<OverlayAddition>,
}

/// What one overlay added to the generated crate: the webhook payloads of the callbacks it
/// declared (those of selected operations).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OverlayAddition {
    /// The overlay (its file).
    pub label: String,
    /// The callback keys whose payload types it added, sorted.
    pub payloads: Vec<String>,
    /// The fields of those payloads (a family such as `MediaUrl{n}`/`MediaContentType{n}` is one).
    pub fields: usize,
}

/// What each overlay applied to `doc` added to `api`: the payloads of the generated callbacks
/// whose first declaration it made.
fn overlay_additions(doc: &Document, api: &Api) -> Vec<OverlayAddition> {
    let mut out = Vec::new();
    for applied in &doc.overlays {
        let mut addition = OverlayAddition {
            label: applied.label.clone(),
            ..OverlayAddition::default()
        };
        for cb in &api.callbacks {
            let added = applied
                .callbacks
                .iter()
                .any(|at| cb.pointer.starts_with(&format!("{at}/")));
            if !added {
                continue;
            }
            addition.payloads.push(cb.key.clone());
            if let Some(TypeKind::Struct(s)) = api.types.get(&cb.payload).map(|t| &t.kind) {
                addition.fields += s.fields.len();
            }
        }
        if !addition.payloads.is_empty() {
            addition.payloads.sort();
            out.push(addition);
        }
    }
    out
}

/// The reason given when no warning explains a gap.
pub const UNEXPLAINED: &str = "not generated, and no warning says why";

impl Coverage {
    /// Parameters over every place.
    pub fn parameters_total(&self) -> Tally {
        let mut total = Tally::default();
        for t in self.parameters.values() {
            total.add(*t);
        }
        total
    }

    /// Whether every declared operation and parameter was generated.
    pub fn is_complete(&self) -> bool {
        self.operations.is_complete() && self.parameters_total().is_complete()
    }

    /// The coverage of the crate generated from `doc` for `selection`, whose named model is `api`
    /// (its warnings complete).
    pub fn of(doc: &Document, selection: &Selection, api: &Api) -> Coverage {
        let generated: BTreeMap<&str, &Operation> = api
            .operations
            .iter()
            .map(|op| (op.pointer.as_str(), op))
            .collect();
        let mut coverage = Coverage::default();
        let mut gaps: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>, usize)> =
            BTreeMap::new();
        for declared in declared_operations(doc, selection) {
            coverage.operations.declared += 1;
            let op = generated.get(declared.pointer.as_str()).copied();
            let have: BTreeSet<(Place, String)> =
                op.map(|op| generated_params(api, op)).unwrap_or_default();
            if op.is_some() {
                coverage.operations.generated += 1;
            } else {
                let reason = reason(api, &[declared.pointer.as_str()], true);
                let gap = gaps.entry(reason).or_default();
                gap.0.insert(declared.pointer.clone());
                gap.1.insert(declared.pointer.clone());
            }
            for param in &declared.params {
                let tally = coverage.parameters.entry(param.place).or_default();
                tally.declared += 1;
                if have.contains(&(param.place, param.name.clone())) {
                    tally.generated += 1;
                    continue;
                }
                let reason = if op.is_some() {
                    let mut at: Vec<&str> = param.pointers.iter().map(String::as_str).collect();
                    at.push(declared.pointer.as_str());
                    reason(api, &at, false)
                } else {
                    reason(api, &[declared.pointer.as_str()], true)
                };
                let gap = gaps.entry(reason).or_default();
                gap.0.insert(declared.pointer.clone());
                gap.2 += 1;
            }
        }
        coverage.overlays = overlay_additions(doc, api);
        coverage.gaps = gaps
            .into_iter()
            .map(|(reason, (ops, skipped, parameters))| Gap {
                reason,
                operations: ops.len(),
                skipped_operations: skipped.len(),
                parameters,
            })
            .collect();
        coverage
    }

    /// The lines that record this coverage in the format cache (see [`Coverage::from_lines`]).
    pub fn to_lines(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "operations {} {}",
            self.operations.declared, self.operations.generated
        )];
        for (place, t) in &self.parameters {
            lines.push(format!(
                "parameters {} {} {}",
                place.as_str(),
                t.declared,
                t.generated
            ));
        }
        for g in &self.gaps {
            lines.push(format!(
                "gap {} {} {} {}",
                g.operations, g.skipped_operations, g.parameters, g.reason
            ));
        }
        for o in &self.overlays {
            lines.push(format!(
                "overlay {} {} {}",
                o.fields,
                o.payloads.join(","),
                o.label
            ));
        }
        lines
    }

    /// Reads the lines [`Coverage::to_lines`] wrote; `None` if one does not parse.
    pub fn from_lines<'l>(lines: impl IntoIterator<Item = &'l str>) -> Option<Coverage> {
        let mut coverage = Coverage::default();
        for line in lines {
            if let Some(rest) = line.strip_prefix("overlay ") {
                let mut words = rest.splitn(3, ' ');
                coverage.overlays.push(OverlayAddition {
                    fields: words.next()?.parse().ok()?,
                    payloads: words.next()?.split(',').map(str::to_owned).collect(),
                    label: words.next()?.to_owned(),
                });
                continue;
            }
            let mut words = line.splitn(5, ' ');
            match words.next()? {
                "operations" => {
                    coverage.operations = Tally {
                        declared: words.next()?.parse().ok()?,
                        generated: words.next()?.parse().ok()?,
                    };
                }
                "parameters" => {
                    let place = Place::parse(words.next()?)?;
                    let tally = Tally {
                        declared: words.next()?.parse().ok()?,
                        generated: words.next()?.parse().ok()?,
                    };
                    coverage.parameters.insert(place, tally);
                }
                "gap" => coverage.gaps.push(Gap {
                    operations: words.next()?.parse().ok()?,
                    skipped_operations: words.next()?.parse().ok()?,
                    parameters: words.next()?.parse().ok()?,
                    reason: words.next()?.to_owned(),
                }),
                _ => return None,
            }
        }
        Some(coverage)
    }
}

impl std::fmt::Display for Coverage {
    /// One line: `coverage: 57 of 57 operations, 412 of 412 parameters (path 80/80, ...)`, then
    /// `; not generated: ...` with each gap when there are any.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total = self.parameters_total();
        write!(
            f,
            "coverage: {} of {} operations, {} of {} parameters (",
            self.operations.generated, self.operations.declared, total.generated, total.declared
        )?;
        let mut first = true;
        for (place, t) in &self.parameters {
            if !first {
                f.write_str(", ")?;
            }
            first = false;
            write!(f, "{} {}/{}", place.as_str(), t.generated, t.declared)?;
        }
        f.write_str(")")?;
        for (i, o) in self.overlays.iter().enumerate() {
            f.write_str(if i == 0 {
                "; added by overlays: "
            } else {
                "; "
            })?;
            write!(
                f,
                "{} webhook payload{} ({}) with {} field{} from {}",
                o.payloads.len(),
                if o.payloads.len() == 1 { "" } else { "s" },
                o.payloads.join(", "),
                o.fields,
                if o.fields == 1 { "" } else { "s" },
                o.label
            )?;
        }
        for (i, g) in self.gaps.iter().enumerate() {
            f.write_str(if i == 0 { "; not generated: " } else { "; " })?;
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            if g.skipped_operations > 0 {
                write!(
                    f,
                    "{} operation{} skipped",
                    g.skipped_operations,
                    plural(g.skipped_operations)
                )?;
                if g.parameters > 0 {
                    f.write_str(" (")?;
                }
            }
            if g.parameters > 0 {
                write!(
                    f,
                    "{} parameter{} of {} operation{}",
                    g.parameters,
                    plural(g.parameters),
                    g.operations,
                    plural(g.operations)
                )?;
                if g.skipped_operations > 0 {
                    f.write_str(")")?;
                }
            }
            write!(f, ": {}", g.reason)?;
        }
        Ok(())
    }
}

/// The parameters the model holds for `op`, by place and wire name.
fn generated_params(api: &Api, op: &Operation) -> BTreeSet<(Place, String)> {
    let mut out = BTreeSet::new();
    for p in &op.path_params {
        out.insert((Place::Path, p.wire_name.clone()));
    }
    for p in &op.query_params {
        out.insert((Place::Query, p.wire_name.clone()));
    }
    for p in &op.header_params {
        out.insert((Place::Header, p.wire_name.clone()));
    }
    match &op.body {
        Some(RequestBody::Form(form)) => {
            for p in &form.fields {
                out.insert((Place::Body, p.wire_name.clone()));
            }
            for choice in &form.choices {
                if let Some(TypeKind::Choice(def)) = api.types.get(&choice.id).map(|t| &t.kind) {
                    for m in &def.members {
                        out.insert((Place::Body, m.wire_name.clone()));
                    }
                }
            }
            for family in &form.families {
                for n in 1..=family.max {
                    for key in &family.keys {
                        out.insert((Place::Body, format!("{}{n}.{}", family.prefix, key.wire)));
                    }
                }
            }
        }
        Some(RequestBody::Xml(_)) => {
            out.insert((Place::Body, WHOLE_BODY.to_owned()));
        }
        Some(RequestBody::Json(json)) => {
            for p in &json.fields {
                out.insert((Place::Body, p.wire_name.clone()));
            }
            if json.value.is_some() {
                out.insert((Place::Body, WHOLE_BODY.to_owned()));
            }
        }
        None => {}
    }
    out
}

/// The name under which a body that is not a set of fields (XML, or a schema without properties)
/// is counted: one parameter.
const WHOLE_BODY: &str = "";

/// The warning that explains what is missing at one of `pointers` (the first place, then the
/// operation's): its message with quoted names elided.
fn reason(api: &Api, pointers: &[&str], skipped: bool) -> String {
    let under = |w: &crate::Warning, p: &str| {
        w.pointer == p
            || w.pointer
                .strip_prefix(p)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    for p in pointers {
        let mut found = api.warnings.iter().filter(|w| under(w, p));
        let first = if skipped {
            found.find(|w| w.message.contains("skipped") || w.message.contains("not generated"))
        } else {
            found.next()
        };
        if let Some(w) = first {
            return elide_quoted(&w.message);
        }
    }
    UNEXPLAINED.to_owned()
}

/// `` header parameter `If-Match` is not supported `` → `` header parameter `…` is not supported ``.
fn elide_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        out.push_str(if i % 2 == 1 { "…" } else { part });
    }
    out
}

/// An operation the document declares.
struct DeclaredOperation {
    pointer: String,
    params: Vec<DeclaredParam>,
}

/// A parameter an operation declares, with the pointers where it is written (its place in the
/// operation or path item, and the component it refers to).
struct DeclaredParam {
    place: Place,
    name: String,
    pointers: Vec<String>,
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Every selected operation of the raw document, with its parameters.
fn declared_operations(doc: &Document, selection: &Selection) -> Vec<DeclaredOperation> {
    let raw = &doc.raw;
    let Some(paths) = raw.get("paths").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (path, item) in paths {
        if path.starts_with("x-") || !selection.path_selected(path) {
            continue;
        }
        let item_at = Pointer::root().push("paths").push(path);
        let item = resolve(raw, item);
        for method in METHODS {
            let Some(op) = item.get(method) else {
                continue;
            };
            let tags: Vec<String> = op
                .get("tags")
                .and_then(Value::as_array)
                .map(|t| {
                    t.iter()
                        .filter_map(|t| t.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            if !selection.tags_selected(&tags) {
                continue;
            }
            let op_at = item_at.push(method);
            let mut params: Vec<DeclaredParam> = Vec::new();
            for (list, at) in [
                (item.get("parameters"), &item_at),
                (op.get("parameters"), &op_at),
            ] {
                for (i, p) in list
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    let mut pointers = vec![at.push("parameters").push(i).to_string()];
                    if let Some(r) = p.get("$ref").and_then(Value::as_str) {
                        pointers.push(r.to_owned());
                    }
                    let p = resolve(raw, p);
                    let (Some(name), Some(place)) = (
                        p.get("name").and_then(Value::as_str),
                        p.get("in").and_then(Value::as_str).and_then(Place::parse),
                    ) else {
                        continue;
                    };
                    // An operation's parameter replaces the path item's of the same name and place.
                    params.retain(|d| !(d.place == place && d.name == name));
                    params.push(DeclaredParam {
                        place,
                        name: name.to_owned(),
                        pointers,
                    });
                }
            }
            if let Some(body) = op.get("requestBody") {
                let body_at = op_at.push("requestBody");
                for name in body_fields(raw, resolve(raw, body)) {
                    params.push(DeclaredParam {
                        place: Place::Body,
                        name,
                        pointers: vec![body_at.to_string()],
                    });
                }
            }
            out.push(DeclaredOperation {
                pointer: op_at.to_string(),
                params,
            });
        }
    }
    out
}

/// The top-level fields of a request body in the media type the generator prefers (form, then
/// JSON, then XML); one unnamed field for an XML body or a body without properties.
fn body_fields(raw: &Value, body: &Value) -> Vec<String> {
    let Some(content) = body.get("content").and_then(Value::as_object) else {
        return Vec::new();
    };
    let is_json = |t: &str| {
        let t = t.split(';').next().unwrap_or(t).trim();
        t == "application/json" || t.ends_with("+json")
    };
    let chosen = content
        .iter()
        .find(|(t, _)| t.starts_with("application/x-www-form-urlencoded"))
        .map(|(_, m)| (false, m))
        .or_else(|| {
            content
                .iter()
                .find(|(t, _)| is_json(t))
                .map(|(_, m)| (false, m))
        })
        .or_else(|| content.iter().next().map(|(_, m)| (true, m)));
    let Some((whole, media)) = chosen else {
        return Vec::new();
    };
    let mut names = BTreeSet::new();
    if !whole && let Some(schema) = media.get("schema") {
        properties(raw, schema, &mut names, 0);
    }
    if names.is_empty() {
        vec![WHOLE_BODY.to_owned()]
    } else {
        names.into_iter().collect()
    }
}

/// The property names of `schema`, through `$ref` and `allOf`.
fn properties(raw: &Value, schema: &Value, names: &mut BTreeSet<String>, depth: usize) {
    if depth > 32 {
        return;
    }
    let schema = resolve(raw, schema);
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        names.extend(props.keys().cloned());
    }
    for member in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        properties(raw, member, names, depth + 1);
    }
}

/// `value`, or what its local `$ref` points at (a few hops at most).
fn resolve<'v>(raw: &'v Value, mut value: &'v Value) -> &'v Value {
    for _ in 0..8 {
        let Some(target) = value
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|p| raw.pointer(p))
        else {
            break;
        };
        value = target;
    }
    value
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;

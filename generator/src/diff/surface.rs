//! The public API a generated crate offers, read off the named model: one [`Item`] per thing a
//! user can name or call (a `Client` method and its arguments, a builder's constructor argument
//! or setter, a struct field, an enum variant, a type), each with the Rust signature the emitter
//! gives it and the JSON pointer of the place in the spec it comes from.
//!
//! It is also the crate's API digest (`api-digest.txt`, one item a line), so that the next run of
//! `cargo xtask codegen` can tell what a spec change did to users without the old spec or git.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::emit::Cx;
use crate::model::{Api, Operation, PathSource, RequestBody, ResponseKind, TypeKind, TypeRef};

/// The first line of a digest: a digest of another format (an older generator's, which read
/// other items) is not compared, so that a change of the generator is not reported as a change
/// of the API.
pub const DIGEST_FORMAT: &str = "# twilio-codegen api digest, format 2";

/// What kind of public item an [`Item`] is; decides which rules apply to its changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    /// A `Client` method (one per operation; `_request` and `_stream` companions follow it).
    Method,
    /// A positional argument of a `Client` method (a path parameter).
    MethodArg,
    /// A positional argument of a parameter builder's `new` (a required parameter or a choice).
    CtorArg,
    /// An optional parameter: a setter of the builder.
    Setter,
    /// A named type (struct, enum, SID, choice, integer enum, flags).
    Type,
    /// The parameter builder of an operation (`CreateCallParams`).
    Builder,
    /// A public field of a response struct (`#[non_exhaustive]`).
    Field,
    /// A member of an open string enum (`#[non_exhaustive]`, with a catch-all).
    Variant,
    /// A member of a closed enum (integer enum, choice): matching on it may be exhaustive.
    ClosedVariant,
    /// A named bit of a flags type.
    Const,
    /// A method of the navigation tree (an accessor or an operation on a node, `Client` included).
    Navigation,
    /// A name the crate root re-exports from the runtime because the crate's types use it
    /// (`Decimal`, rule "money").
    Reexport,
}

impl ItemKind {
    /// The word that starts the item's key and its digest line.
    pub fn word(self) -> &'static str {
        match self {
            ItemKind::Method => "method",
            ItemKind::MethodArg => "arg",
            ItemKind::CtorArg => "ctor-arg",
            ItemKind::Setter => "setter",
            ItemKind::Type => "type",
            ItemKind::Builder => "builder",
            ItemKind::Field => "field",
            ItemKind::Variant => "variant",
            ItemKind::ClosedVariant => "closed-variant",
            ItemKind::Const => "const",
            ItemKind::Navigation => "navigation",
            ItemKind::Reexport => "reexport",
        }
    }

    fn from_word(word: &str) -> Option<ItemKind> {
        [
            ItemKind::Method,
            ItemKind::MethodArg,
            ItemKind::CtorArg,
            ItemKind::Setter,
            ItemKind::Type,
            ItemKind::Builder,
            ItemKind::Field,
            ItemKind::Variant,
            ItemKind::ClosedVariant,
            ItemKind::Const,
            ItemKind::Navigation,
            ItemKind::Reexport,
        ]
        .into_iter()
        .find(|k| k.word() == word)
    }
}

/// One public item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What it is.
    pub kind: ItemKind,
    /// Its Rust path, unique in the crate: `Client::create_call`, `CreateCallParams::new(to)`,
    /// `calls::Call::status`, `calls::CallStatus::Queued`.
    pub path: String,
    /// Its Rust signature, as far as users depend on it: a type, a position and type, a wire
    /// value.
    pub signature: String,
    /// Where it comes from in the spec.
    pub pointer: String,
    /// A fingerprint of its documentation (a change of it alone is a patch).
    pub doc: u64,
}

/// Every public item of a generated crate, by kind and path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    /// The items, by `(kind, path)`.
    pub items: BTreeMap<(ItemKind, String), Item>,
}

impl Surface {
    /// The public API of the crate generated from `api` (a named model).
    pub fn of(api: &Api) -> Surface {
        RUST.with(|memo| memo.borrow_mut().clear());
        let surface = Surface::of_api(api);
        RUST.with(|memo| memo.borrow_mut().clear());
        surface
    }

    fn of_api(api: &Api) -> Surface {
        let cx = Cx::new(api);
        let mut s = Surface::default();
        for (index, op) in api.operations.iter().enumerate() {
            operation(&cx, api, index, op, &mut s);
        }
        navigation(api, &mut s);
        // The request value of every operation method and its futures (`emit::crate_files`).
        for name in ["Pending", "ResponseFuture", "WithMetadata"] {
            s.add(
                ItemKind::Reexport,
                name.to_owned(),
                format!("twilio_runtime::{name}"),
                "#/paths",
                &[],
            );
        }
        if let Some(pointer) = crate::emit::crate_files::decimal_user(api) {
            s.add(
                ItemKind::Reexport,
                "Decimal".to_owned(),
                "twilio_runtime::Decimal".to_owned(),
                pointer,
                &[],
            );
        }
        for def in api.types.values() {
            let path = format!("{}::{}", def.module, def.name);
            let (signature, doc) = match &def.kind {
                TypeKind::Struct(st) => {
                    for f in &st.fields {
                        let ty =
                            if f.optional && !matches!(f.ty, TypeRef::Array(_) | TypeRef::Map(_)) {
                                format!("Option<{}>", rust(&cx, &f.ty))
                            } else {
                                rust(&cx, &f.ty)
                            };
                        let pointer =
                            format!("{}/properties/{}", def.pointer, escape(&f.wire_name));
                        s.add(
                            ItemKind::Field,
                            format!("{}::{}", def.name, f.rust_name),
                            ty,
                            &pointer,
                            &[f.doc.as_deref()],
                        );
                    }
                    ("struct".to_owned(), def.doc.as_deref())
                }
                TypeKind::Enum(e) => {
                    for v in &e.variants {
                        s.add(
                            ItemKind::Variant,
                            format!("{}::{}", def.name, v.rust_name),
                            quoted(&v.wire),
                            &def.pointer,
                            &[],
                        );
                    }
                    ("enum".to_owned(), def.doc.as_deref())
                }
                TypeKind::Sid { prefix } => (format!("SID {prefix}"), None),
                TypeKind::OneOf(o) => {
                    for v in &o.variants {
                        let tags: Vec<String> = v.tags.iter().map(|t| quoted(t)).collect();
                        s.add(
                            ItemKind::Variant,
                            format!("{}::{}", def.name, v.rust_name),
                            format!("{} [{}]", rust(&cx, &v.ty), tags.join(", ")),
                            &v.pointer,
                            &[v.doc.as_deref()],
                        );
                    }
                    let kind = match &o.tag {
                        Some(tag) => format!("one of, tagged by {}", quoted(tag)),
                        None => "one of".to_owned(),
                    };
                    (kind, def.doc.as_deref())
                }
                TypeKind::Choice(c) => {
                    for m in &c.members {
                        s.add(
                            ItemKind::ClosedVariant,
                            format!("{}::{}", def.name, m.rust_name),
                            format!("{} ({})", rust(&cx, &m.ty), quoted(&m.wire_name)),
                            &def.pointer,
                            &[m.doc.as_deref()],
                        );
                    }
                    ("choice".to_owned(), def.doc.as_deref())
                }
                TypeKind::IntEnum(e) => {
                    for v in &e.variants {
                        s.add(
                            ItemKind::ClosedVariant,
                            format!("{}::{}", def.name, v.rust_name),
                            v.value.to_string(),
                            &def.pointer,
                            &[v.doc.as_deref()],
                        );
                    }
                    ("integer enum".to_owned(), def.doc.as_deref())
                }
                TypeKind::Flags(f) => {
                    for flag in &f.flags {
                        s.add(
                            ItemKind::Const,
                            format!("{}::{}", def.name, flag.rust_name),
                            flag.value.to_string(),
                            &def.pointer,
                            &[flag.doc.as_deref()],
                        );
                    }
                    ("flags".to_owned(), def.doc.as_deref())
                }
            };
            s.add(ItemKind::Type, path, signature, &def.pointer, &[doc]);
        }
        s
    }

    fn add(
        &mut self,
        kind: ItemKind,
        path: String,
        signature: String,
        pointer: &str,
        docs: &[Option<&str>],
    ) {
        let doc = fingerprint(docs);
        self.items.insert(
            (kind, path.clone()),
            Item {
                kind,
                path,
                signature,
                pointer: pointer.to_owned(),
                doc,
            },
        );
    }

    /// The digest: one item a line, `kind<TAB>path<TAB>signature<TAB>pointer<TAB>doc`, sorted.
    pub fn to_digest(&self) -> String {
        let mut out = format!(
            "{DIGEST_FORMAT}\n# API digest of this crate, written by `cargo xtask codegen` (do not edit by hand).\n\
             # One public item a line: kind, Rust path, signature, JSON pointer, documentation fingerprint.\n",
        );
        // Sized once and written cell by cell (v2010's digest: 0.8 MB in 4,200 lines).
        let size: usize = self
            .items
            .values()
            .map(|i| i.path.len() + i.signature.len() + i.pointer.len() + 32)
            .sum();
        out.reserve(size);
        for item in self.items.values() {
            for cell in [
                item.kind.word(),
                &one_cell(&item.path),
                &one_cell(&item.signature),
                &one_cell(&item.pointer),
            ] {
                out.push_str(cell);
                out.push('\t');
            }
            let _ = writeln!(out, "{:016x}", item.doc);
        }
        out
    }

    /// Reads a digest written by [`Surface::to_digest`]. A line that cannot be read is an error
    /// naming its number.
    pub fn from_digest(text: &str) -> Result<Surface, String> {
        if text.lines().next() != Some(DIGEST_FORMAT) {
            return Err(format!(
                "written in another format than this generator's (`{DIGEST_FORMAT}`)"
            ));
        }
        let mut s = Surface::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(kind), Some(path), Some(signature), Some(pointer), Some(doc), None) = (
                parts.next(),
                parts.next(),
                parts.next(),
                parts.next(),
                parts.next(),
                parts.next(),
            ) else {
                return Err(format!(
                    "line {}: expected five tab-separated columns",
                    n + 1
                ));
            };
            let kind = ItemKind::from_word(kind)
                .ok_or_else(|| format!("line {}: unknown kind `{kind}`", n + 1))?;
            let doc = u64::from_str_radix(doc, 16)
                .map_err(|_| format!("line {}: bad fingerprint", n + 1))?;
            s.items.insert(
                (kind, path.to_owned()),
                Item {
                    kind,
                    path: path.to_owned(),
                    signature: signature.to_owned(),
                    pointer: pointer.to_owned(),
                    doc,
                },
            );
        }
        Ok(s)
    }
}

/// The items of one operation: its method(s), their positional arguments, and its builder.
fn operation(cx: &Cx<'_>, api: &Api, index: usize, op: &Operation, s: &mut Surface) {
    let mut args = Vec::new();
    for p in &op.path_params {
        if p.source == PathSource::Argument {
            args.push((
                p.rust_name.to_string(),
                rust(cx, &p.ty),
                p.pointer.as_str(),
                p.doc.as_deref(),
            ));
        }
    }
    if let Some(body) = op.body.as_ref().and_then(RequestBody::xml) {
        args.push((
            "body".to_owned(),
            rust(cx, &body.ty),
            op.pointer.as_str(),
            None,
        ));
    }
    let params = op.has_params().then(|| op.params_name.to_string());
    if let Some(params) = &params {
        args.push((
            "params".to_owned(),
            params.clone(),
            op.pointer.as_str(),
            None,
        ));
    }
    let returns = match &op.response {
        ResponseKind::Empty => "()".to_owned(),
        ResponseKind::Json(ty) => rust(cx, ty),
        ResponseKind::Page(id) => rust(cx, &TypeRef::Named(id.clone())),
        ResponseKind::Xml(body) => rust(cx, &body.ty),
        ResponseKind::Text { .. } => "String".to_owned(),
        ResponseKind::Redirect => "twilio_runtime::Redirect".to_owned(),
    };
    // One method per operation, returning the request value (`twilio_runtime::Pending`), whose
    // methods are the variants (metadata, the built request, options, `.stream()` of a list).
    let decoder = match &op.response {
        ResponseKind::Json(_) | ResponseKind::Page(_) => "",
        ResponseKind::Empty => ", decode::Empty",
        ResponseKind::Redirect => ", decode::Location",
        ResponseKind::Xml(_) => ", decode::Xml",
        ResponseKind::Text { .. } => ", decode::Text",
    };
    let mut signature = format!("{} argument(s) -> Pending<{returns}{decoder}>", args.len());
    // Its builder, and the client surface's methods made from the operation (rule "waiters").
    let extras: Vec<&str> = params
        .iter()
        .map(String::as_str)
        .chain(
            api.surface
                .waiters
                .iter()
                .filter(|w| w.op == index)
                .map(|w| w.name.as_str()),
        )
        .collect();
    if !extras.is_empty() {
        signature.push_str(&format!("; {}", extras.join(", ")));
    }
    let name = op.rust_name.as_str();
    s.add(
        ItemKind::Method,
        format!("Client::{name}"),
        signature,
        &op.pointer,
        &[op.summary.as_deref(), op.description.as_deref()],
    );
    for (i, (arg, ty, pointer, doc)) in args.iter().enumerate() {
        s.add(
            ItemKind::MethodArg,
            format!("Client::{name}({arg})"),
            format!("#{} {ty}", i + 1),
            pointer,
            &[*doc],
        );
    }
    let Some(params) = &params else {
        return;
    };
    s.add(
        ItemKind::Builder,
        format!("{}::{params}", op.module.as_str()),
        "parameters".to_owned(),
        &op.pointer,
        &[],
    );
    // The builder's constructor takes the required query parameters in spec order, then the
    // required form fields in the order of the body's `required` list, then every choice (as
    // `emit::operations` writes it).
    let mut required = Vec::new();
    let mut setters = Vec::new();
    for p in &op.query_params {
        if p.required {
            required.push((0, 0, p));
        } else {
            setters.push(p);
        }
    }
    // Header parameters (rule "header parameters") after the query's, before the form's.
    for p in &op.header_params {
        if p.required {
            required.push((1, 0, p));
        } else {
            setters.push(p);
        }
    }
    // Form fields, or a JSON body's (a whole value first): by the spec's `required` order.
    let body: Option<(Vec<&crate::model::Param>, &[String])> = match &op.body {
        Some(RequestBody::Form(form)) => Some((form.fields.iter().collect(), &form.required_order)),
        Some(RequestBody::Json(json)) => Some((
            json.value.iter().chain(&json.fields).collect(),
            &json.required_order,
        )),
        _ => None,
    };
    if let Some((fields, order)) = body {
        for p in fields {
            if p.required {
                let at = order
                    .iter()
                    .position(|w| *w == p.wire_name)
                    .unwrap_or(usize::MAX);
                required.push((2, at, p));
            } else {
                setters.push(p);
            }
        }
    }
    required.sort_by_key(|(group, at, _)| (*group, *at));
    let mut position = 0;
    for (_, _, p) in &required {
        position += 1;
        s.add(
            ItemKind::CtorArg,
            format!("{params}::new({})", p.rust_name),
            format!("#{position} {}", rust(cx, &p.ty)),
            &p.pointer,
            &[p.doc.as_deref()],
        );
    }
    if let Some(body) = op.body.as_ref().and_then(RequestBody::form) {
        for c in &body.choices {
            position += 1;
            s.add(
                ItemKind::CtorArg,
                format!("{params}::new({})", c.rust_name),
                format!("#{position} {}", rust(cx, &TypeRef::Named(c.id.clone()))),
                &op.pointer,
                &[],
            );
        }
        for fam in &body.families {
            s.add(
                ItemKind::Setter,
                format!("{params}::{}", fam.rust_name),
                format!(
                    "list of {} ({}1..{}{})",
                    fam.keys
                        .iter()
                        .map(|k| k.wire.as_str())
                        .collect::<Vec<_>>()
                        .join("/"),
                    fam.prefix,
                    fam.prefix,
                    fam.max
                ),
                &op.pointer,
                &[fam.doc.as_deref()],
            );
        }
    }
    for p in setters {
        // A header setter says so: moving a value between the query and a header changes what
        // is sent.
        let mut signature = rust(cx, &p.ty);
        if op.header_params.iter().any(|h| std::ptr::eq(h, p)) {
            signature.push_str(&format!(" (header {})", p.wire_name));
        }
        s.add(
            ItemKind::Setter,
            format!("{params}::{}", p.rust_name),
            signature,
            &p.pointer,
            &[p.doc.as_deref()],
        );
    }
}

/// The navigation tree (rule "navigation"): each node's struct is a type, its accessor a method of
/// its owner (`Client` for the first level), each operation on it a method.
fn navigation(api: &Api, s: &mut Surface) {
    let nodes = &api.surface.nodes;
    let pointer = |node: &crate::model::NavNode| -> String {
        node.ops
            .first()
            .and_then(|o| api.operations.get(o.op))
            .map_or_else(|| "#/paths".to_owned(), |o| o.pointer.clone())
    };
    let struct_name = |index: usize| -> &str {
        nodes
            .get(index)
            .map(|n| n.type_name.as_str())
            .filter(|n| !n.is_empty())
            .unwrap_or("Client")
    };
    for (index, node) in nodes.iter().enumerate() {
        let at = pointer(node);
        if index > 0 && node.owner.is_some() {
            let kind = match &node.kind {
                crate::model::NodeKind::Instance(_) => "navigation: one resource",
                _ => "navigation: a collection",
            };
            s.add(
                ItemKind::Type,
                format!("navigation::{}", node.type_name),
                kind.to_owned(),
                &at,
                &[],
            );
        }
        for owned in &node.owned {
            if let Some(child) = nodes.get(*owned) {
                s.add(
                    ItemKind::Navigation,
                    format!("{}::{}", struct_name(index), child.accessor),
                    format!("-> {}", child.type_name),
                    &pointer(child),
                    &[],
                );
            }
        }
        for op in &node.ops {
            let Some(operation) = api.operations.get(op.op) else {
                continue;
            };
            let mut signature = format!("calls {}", operation.rust_name.as_str());
            if let Some(extra) = &op.wait_name {
                signature.push_str(&format!(", {extra}"));
            }
            s.add(
                ItemKind::Navigation,
                format!("{}::{}", struct_name(index), op.name),
                signature,
                &operation.pointer,
                &[],
            );
        }
    }
}

thread_local! {
    /// [`rust`]'s answers during one [`Surface::of`] on this thread (the same few types recur in
    /// thousands of fields and parameters), emptied when it starts and ends.
    static RUST: std::cell::RefCell<std::collections::HashMap<TypeRef, String>> =
        std::cell::RefCell::default();
}

/// The Rust type the emitter writes for `ty`, without the absolute-path noise.
fn rust(cx: &Cx<'_>, ty: &TypeRef) -> String {
    if let Some(known) = RUST.with(|memo| memo.borrow().get(ty).cloned()) {
        return known;
    }
    let text = rust_uncached(cx, ty);
    RUST.with(|memo| memo.borrow_mut().insert(ty.clone(), text.clone()));
    text
}

fn rust_uncached(cx: &Cx<'_>, ty: &TypeRef) -> String {
    let text = cx.ty(ty).to_string().replace(' ', "");
    text.replace("::std::string::", "")
        .replace("::std::vec::", "")
        .replace("::std::collections::", "")
        .replace("::serde_json::", "serde_json::")
        .replace("::time::", "time::")
        .replace("::twilio_runtime::", "twilio_runtime::")
        .replace("crate::", "")
        .replace(',', ", ")
}

/// A digest cell: tabs and line breaks (possible in a hostile spec's keys) written as escapes.
fn one_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\\', '\t', '\n', '\r']) {
        return text.into();
    }
    text.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .into()
}

/// A JSON pointer token (`~` and `/` escaped).
fn escape(token: &str) -> std::borrow::Cow<'_, str> {
    if !token.contains(['~', '/']) {
        return token.into();
    }
    token.replace('~', "~0").replace('/', "~1").into()
}

fn quoted(wire: &str) -> String {
    format!("{wire:?}")
}

/// A stable fingerprint of documentation text (FNV-1a, so it does not change between Rust
/// releases as `DefaultHasher` may).
fn fingerprint(docs: &[Option<&str>]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for doc in docs {
        for byte in doc.unwrap_or("").bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

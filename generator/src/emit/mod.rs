//! Stage 4: emit Rust tokens (quote) for the named model.
//!
//! One file per resource module plus the shared `types` module and the crate root. Emitted code
//! names the standard prelude's types and traits as a hand-written crate does (`Option<String>`,
//! `Result`, `Vec`, `Into`, `Some`, `Ok`), which no spec name can shadow (the naming stage keeps
//! them out of the crate, [`crate::names::PRELUDE`], and no generated module imports with a
//! glob), and everything else by absolute path (`::std::fmt::…`, `::serde::…`,
//! `::twilio_runtime::…`). The prelude's names are a sixth of the tokens of Calls' crate written
//! out in full, which the formatter and the compiler then read.

pub mod checks;
pub mod crate_files;
pub mod doc_blocks;
pub mod docs;
pub mod examples;
pub mod families;
pub mod fields;
pub mod headers;
pub mod json_body;
mod method_text;
pub mod mock;
pub mod models;
pub mod navigation;
pub mod one_of;
pub mod operations;
pub mod params;
pub mod pending;
mod printed;
pub mod readme;
pub mod scalars;
mod slots;
pub mod surface_docs;
pub mod types;
pub mod waiters;
pub mod webhooks;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Api, TypeDef, TypeId, TypeRef};

/// What one output file holds before formatting.
#[derive(Debug, Clone)]
pub enum Content {
    /// Rust source, formatted by `format.rs`.
    Rust(TokenStream),
    /// Text written as it is (the manifest).
    Text(String),
}

/// One output file, by its path relative to the crate root.
#[derive(Debug, Clone)]
pub struct OutFile {
    /// Relative path with `/` separators, e.g. `src/calls.rs`.
    pub path: String,
    /// The contents.
    pub content: Content,
}

/// How the crate is packaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateOptions {
    /// Package name, e.g. `twilio-calls`.
    pub name: String,
    /// Package version.
    pub version: String,
    /// The `twilio-runtime` version the crate needs (a caret requirement, e.g. `0.1.0`).
    pub runtime_version: String,
    /// Path of the `twilio-runtime` crate relative to the output folder, when the crate depends on
    /// it by path as well as by version (inside this repository, or `--runtime-path`).
    pub runtime_path: Option<String>,
    /// Whether the crate declares its own `[workspace]` (no enclosing cargo workspace takes it in).
    pub standalone: bool,
    /// The public repository the manifest names, when known.
    pub repository: Option<String>,
    /// Where the crate's documentation is hosted (`https://docs.rs/<name>` for this repository's
    /// published crates; none for a user's crate, which may never be published).
    pub documentation: Option<String>,
    /// What the header names as the source, e.g. `spec/calls.yaml`.
    pub source_label: String,
}

/// One file to emit. Emission happens on the formatting threads (token streams cannot cross
/// threads), so the plan is a list of these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// A module file: a resource, or the shared `types`.
    Module(String),
    /// `src/lib.rs`.
    Lib,
    /// `Cargo.toml`.
    Manifest,
    /// `README.md`.
    Readme,
    /// `src/navigation.rs` (rule "navigation").
    Navigation,
    /// `src/mock.rs` (cargo feature `mock`).
    Mock,
}

impl Job {
    /// Whether the file names the crate's version (its manifest and README do): the others are
    /// the same whatever the version (a test in `lib.rs` checks it), which the emit cache relies
    /// on (a patch release for a documentation change does not re-emit every file).
    pub fn names_the_version(&self) -> bool {
        matches!(self, Job::Manifest | Job::Readme)
    }
}

/// Every file of the crate, in a fixed order.
pub fn plan(api: &Api) -> Vec<Job> {
    let mut jobs: Vec<Job> = modules(api).into_iter().map(Job::Module).collect();
    jobs.push(Job::Lib);
    jobs.push(Job::Manifest);
    jobs.push(Job::Readme);
    if navigation::has_navigation(api) {
        jobs.push(Job::Navigation);
    }
    if mock::has_mock(api) {
        jobs.push(Job::Mock);
    }
    jobs
}

fn modules(api: &Api) -> BTreeSet<String> {
    let mut modules: BTreeSet<String> = api
        .operations
        .iter()
        .map(|o| o.module.to_string())
        .collect();
    modules.extend(api.types.values().map(|t| t.module.to_string()));
    modules
}

/// Emits one planned file. (To emit many, build one [`Cx`] and call [`Cx::emit`].)
pub fn emit(api: &Api, opts: &CrateOptions, job: &Job) -> OutFile {
    Cx::for_crate(api, &opts.name).emit(opts, job)
}

impl<'a> Cx<'a> {
    /// The context for emitting the files of `api`, with its items grouped by module once (a
    /// search of the whole API per module would make thousands of modules cost quadratic time).
    pub fn new(api: &'a Api) -> Cx<'a> {
        let mut types: BTreeMap<&'a str, Vec<(&'a str, &'a TypeId)>> = BTreeMap::new();
        for (id, t) in &api.types {
            types
                .entry(t.module.as_str())
                .or_default()
                .push((t.name.as_str(), id));
        }
        for defs in types.values_mut() {
            defs.sort();
        }
        let mut operations: BTreeMap<&'a str, Vec<&'a crate::model::Operation>> = BTreeMap::new();
        for op in &api.operations {
            operations.entry(op.module.as_str()).or_default().push(op);
        }
        let op_indices = api
            .operations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        Cx {
            api,
            types,
            operations,
            op_indices,
            krate: "twilio_api".to_owned(),
        }
    }

    /// [`Cx::new`] for the crate (package) `name`, which documentation examples name.
    pub fn for_crate(api: &'a Api, name: &str) -> Cx<'a> {
        Cx {
            krate: name.replace('-', "_"),
            ..Cx::new(api)
        }
    }

    /// The crate's name as code names it (`twilio_calls`).
    pub fn krate(&self) -> &str {
        &self.krate
    }

    /// The named types of `module`, sorted by name.
    pub fn types_in(&self, module: &str) -> &[(&'a str, &'a TypeId)] {
        self.types.get(module).map_or(&[], Vec::as_slice)
    }

    /// The operations of `module`, in the API's order.
    pub fn operations_in(&self, module: &str) -> &[&'a crate::model::Operation] {
        self.operations.get(module).map_or(&[], Vec::as_slice)
    }

    /// Emits one planned file.
    pub fn emit(&self, opts: &CrateOptions, job: &Job) -> OutFile {
        let api = self.api;
        let cx = self;
        match job {
            Job::Module(module) => OutFile {
                path: format!("src/{module}.rs"),
                content: Content::Rust(module_file(cx, module)),
            },
            Job::Lib => OutFile {
                path: "src/lib.rs".to_owned(),
                content: Content::Rust(crate_files::lib_rs(api, &modules(api), opts)),
            },
            Job::Manifest => OutFile {
                path: "Cargo.toml".to_owned(),
                content: Content::Text(crate_files::manifest(api, opts)),
            },
            Job::Readme => OutFile {
                path: "README.md".to_owned(),
                content: Content::Text(readme::readme(api, opts)),
            },
            Job::Navigation => OutFile {
                path: "src/navigation.rs".to_owned(),
                content: Content::Rust(navigation::file(cx)),
            },
            Job::Mock => OutFile {
                path: "src/mock.rs".to_owned(),
                content: Content::Rust(mock::file(cx, &opts.name)),
            },
        }
    }
}

fn module_file(cx: &Cx<'_>, module: &str) -> TokenStream {
    match cx.module_parts(module) {
        Some(parts) => parts.iter().map(|p| cx.emit_part(module, p)).collect(),
        None => webhooks::module_file(cx),
    }
}

/// A part of a module's file, emitted on its own: the file is its parts one after the other, and
/// the emit cache notes the docs each part reads, so that a warm run after a change of wording
/// emits again only the parts that print it (see `format/emitted.rs`).
#[derive(Debug, Clone, Copy)]
pub enum ModulePart<'a> {
    /// The module's documentation.
    Doc,
    /// A named type of the module.
    Type(&'a TypeId, &'a TypeDef),
    /// An operation of the module.
    Operation(&'a crate::model::Operation),
    /// The waiters of the module's operations.
    Waiters,
}

impl<'a> Cx<'a> {
    /// The parts of `module`'s file, in order: its documentation, its types by name, its
    /// operations, its waiters. `None` for the file of webhook payloads, emitted whole.
    pub fn module_parts(&self, module: &str) -> Option<Vec<ModulePart<'a>>> {
        if module == crate::model::WEBHOOKS_MODULE && !self.api.callbacks.is_empty() {
            return None;
        }
        let types = self
            .types_in(module)
            .iter()
            .filter_map(|(_, id)| self.api.types.get_key_value(*id))
            .map(|(id, def)| ModulePart::Type(id, def));
        let ops = self
            .operations_in(module)
            .iter()
            .map(|op| ModulePart::Operation(op));
        let mut parts = vec![ModulePart::Doc];
        parts.extend(types);
        parts.extend(ops);
        parts.push(ModulePart::Waiters);
        Some(parts)
    }

    /// The tokens of one part of `module`'s file.
    pub fn emit_part(&self, module: &str, part: &ModulePart<'_>) -> TokenStream {
        match part {
            ModulePart::Doc => crate_files::module_doc(module, self.operations_in(module)),
            ModulePart::Type(id, def) => types::type_def(self, id, def),
            ModulePart::Operation(op) => operations::operation(self, op),
            ModulePart::Waiters => waiters::module(self, module),
        }
    }
}

/// Read-only context shared by the emitters.
pub struct Cx<'a> {
    /// The named model.
    pub api: &'a Api,
    types: BTreeMap<&'a str, Vec<(&'a str, &'a TypeId)>>,
    operations: BTreeMap<&'a str, Vec<&'a crate::model::Operation>>,
    op_indices: BTreeMap<&'a str, usize>,
    krate: String,
}

impl Cx<'_> {
    /// The index of `op` in the API's operations (by its `operationId`, which is unique).
    pub fn op_index(&self, op: &crate::model::Operation) -> Option<usize> {
        self.op_indices.get(op.id.as_str()).copied()
    }

    /// The Rust type of a type reference.
    pub fn ty(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::String => quote!(String),
            TypeRef::Bool => quote!(bool),
            TypeRef::I32 => quote!(i32),
            TypeRef::I64 => quote!(i64),
            TypeRef::F64 => quote!(f64),
            TypeRef::Decimal => quote!(::twilio_runtime::Decimal),
            TypeRef::DateTime { .. } => quote!(::time::OffsetDateTime),
            TypeRef::Date => quote!(::time::Date),
            TypeRef::Map(inner) => {
                let inner = self.element(inner);
                quote!(::std::collections::BTreeMap<String, #inner>)
            }
            TypeRef::Array(inner) => {
                let inner = self.element(inner);
                quote!(Vec<#inner>)
            }
            TypeRef::Json => quote!(::serde_json::Value),
            TypeRef::Named(id) => self.named(id),
        }
    }

    /// The type of an element of an array or map: as [`Cx::ty`], but dates stay strings there
    /// (they have no serde adapter inside collections).
    pub fn element(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::DateTime { .. } | TypeRef::Date => quote!(String),
            other => self.ty(other),
        }
    }

    /// The path of a named type.
    pub fn named(&self, id: &TypeId) -> TokenStream {
        match self.api.types.get(id) {
            Some(def) => {
                let module = ident(&def.module);
                let name = ident(&def.name);
                quote!(crate::#module::#name)
            }
            None => quote!(::serde_json::Value),
        }
    }

    /// Whether a type reference names a SID newtype.
    pub fn is_sid(&self, ty: &TypeRef) -> bool {
        matches!(ty, TypeRef::Named(id) if matches!(self.api.types.get(id).map(|d| &d.kind), Some(crate::model::TypeKind::Sid { .. })))
    }

    /// Whether a type reference names an integer enum or a bit set (values written with
    /// `twilio_runtime::Param`).
    pub fn is_value_type(&self, ty: &TypeRef) -> bool {
        matches!(ty, TypeRef::Named(id) if matches!(self.api.types.get(id).map(|d| &d.kind), Some(crate::model::TypeKind::IntEnum(_) | crate::model::TypeKind::Flags(_))))
    }

    /// Whether a type reference names a string enum.
    pub fn is_enum(&self, ty: &TypeRef) -> bool {
        matches!(ty, TypeRef::Named(id) if matches!(self.api.types.get(id).map(|d| &d.kind), Some(crate::model::TypeKind::Enum(_))))
    }
}

/// The argument type and conversion for setting a value: strings take `impl Into<String>`.
pub fn setter_arg(cx: &Cx<'_>, ty: &TypeRef) -> (TokenStream, TokenStream) {
    match ty {
        TypeRef::String => (quote!(impl Into<String>), quote!(.into())),
        other => (cx.ty(other), quote!()),
    }
}

/// A `Debug` impl that prints sensitive fields as a placeholder.
pub fn redacting_debug<'f>(
    name: &str,
    fields: impl Iterator<Item = (&'f str, bool)> + Clone,
) -> TokenStream {
    // Written as formatted text where the shape allows (`emit/printed.rs`), else as tokens.
    if let Some(text) = doc_blocks::item(|| redacting_debug_text(name, fields.clone())) {
        return text;
    }
    let ty = ident(name);
    let entries = fields.map(|(f, sensitive)| {
        let fi = ident(f);
        if sensitive {
            quote!(.field(#f, &::std::format_args!("{}", ::twilio_runtime::REDACTED)))
        } else {
            quote!(.field(#f, &self.#fi))
        }
    });
    quote! {
        impl ::std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name)
                    #(#entries)*
                    .finish()
            }
        }
    }
}

/// The formatted text of [`redacting_debug`]'s impl, or `None` where a line would need breaking
/// in a way `Lines` does not write.
fn redacting_debug_text<'f>(
    name: &str,
    fields: impl Iterator<Item = (&'f str, bool)>,
) -> Option<String> {
    use printed::{INDENT, Lines, string_literal};
    let ty = ident(name).to_string();
    let calls: Vec<[String; 2]> = fields
        .map(|(f, sensitive)| {
            let value = if sensitive {
                "&::std::format_args!(\"{}\", ::twilio_runtime::REDACTED)".to_owned()
            } else {
                format!("&self.{}", ident(f))
            };
            Some([string_literal(f)?, value])
        })
        .collect::<Option<_>>()?;
    let start = format!("f.debug_struct({})", string_literal(name)?);
    let mut out = Lines::new();
    out.line(0, &["impl ::std::fmt::Debug for ", &ty, " {"])?;
    out.fixed(
        INDENT,
        "fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {",
    );
    let body = 2 * INDENT;
    // The chain on one line if it fits, else a call a line.
    let flat: Vec<String> = calls
        .iter()
        .map(|[key, value]| format!(".field({key}, {value})"))
        .collect();
    let mut parts: Vec<&str> = vec![&start];
    parts.extend(flat.iter().map(String::as_str));
    parts.push(".finish()");
    if out.line(body, &parts).is_none() {
        out.line(body, &[&start])?;
        for [key, value] in &calls {
            out.call(body + INDENT, ".field", &[key, value], "")?;
        }
        out.fixed(body + INDENT, ".finish()");
    }
    out.fixed(INDENT, "}");
    out.fixed(0, "}");
    Some(out.finish())
}

/// An identifier for a name decided by `names/`; keywords become raw identifiers. Names are
/// ASCII by construction; anything else is replaced rather than allowed to panic in `Ident::new`.
pub fn ident(name: &str) -> Ident {
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let clean = if clean.is_empty() || clean.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n_{clean}")
    } else if clean == "_" {
        "underscore".to_owned()
    } else {
        clean
    };
    if crate::casing::is_keyword(&clean) {
        if crate::casing::is_not_raw(&clean) {
            Ident::new(&format!("{clean}_"), Span::call_site())
        } else {
            Ident::new_raw(&clean, Span::call_site())
        }
    } else {
        Ident::new(&clean, Span::call_site())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The redacting `Debug` impl as text against prettyplease's printing of its tokens, for
    /// every length of names around the margin and any number of fields: the same wherever it is
    /// written, and written for the usual lengths.
    #[test]
    fn redacting_debug_written_as_text_is_what_the_formatter_prints() {
        let mut written = 0;
        for len in 1..=70 {
            for count in [0, 1, 2, 5] {
                let names: Vec<String> = (0..count)
                    .map(|i| format!("f{i}{}", "x".repeat(len)))
                    .collect();
                let fields = names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (n.as_str(), i % 2 == 1));
                let name = format!("Payload{}", "y".repeat(len / 2));
                let Some(text) = redacting_debug_text(&name, fields.clone()) else {
                    assert!(len > 20, "{len}");
                    continue;
                };
                let tokens = redacting_debug(&name, fields);
                let formatted = prettyplease::unparse(&syn::parse2(tokens).unwrap());
                assert_eq!(text, formatted, "{len} {count}");
                written += 1;
            }
        }
        assert!(written >= 100, "{written} of 280 written as text");
    }
}

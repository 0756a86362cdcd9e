//! The parameter builder of an operation (`CreateCallParams`): a struct of the values the
//! operation takes and an impl with its constructor (the required values) and a setter per
//! optional value.
//!
//! The builder is described once (`Builder`) and written from that description either as
//! formatted text (`emit/printed.rs`), when every line has a shape `Lines` writes, or as tokens
//! for the formatter.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::checks::checks_doc;
use super::slots::{Location, Slot, first_sentence, is_array, is_settable, slot_field_type, slots};
use super::{Cx, docs, ident, setter_arg};
use crate::model::*;

/// What the builder of one operation holds, in the order it is written.
struct Builder<'a> {
    name: Ident,
    /// The struct's doc line, then the example's lines.
    doc: Vec<String>,
    example: Vec<String>,
    derives: Vec<&'static str>,
    /// Each field's name and type.
    fields: Vec<(Ident, TokenStream)>,
    /// `None` when every value is optional (`new()` then returns `Self::default()`).
    new: Option<New>,
    setters: Vec<Setter>,
    families: Vec<&'a IndexedFamily>,
    /// Whether a value is sensitive (the builder then has a redacting `Debug`).
    sensitive: bool,
    /// Each field's name and whether it is sensitive, for that `Debug`.
    debug_fields: Vec<(&'a str, bool)>,
}

/// The constructor of a builder with required values.
struct New {
    doc: Vec<String>,
    /// Each argument's name and type.
    args: Vec<(Ident, TokenStream)>,
    inits: Vec<(Ident, Init)>,
}

/// How the constructor sets a field.
enum Init {
    /// From the argument of an array: `f: f.into_iter().collect()`.
    Collect,
    /// From the argument as it is: `f`.
    Same,
    /// From the argument, converted: `f: f.into()`.
    Into,
    /// Empty: `f: Vec::new()`.
    EmptyVec,
    /// Not set: `f: None`.
    Unset,
}

/// A setter of an optional value.
struct Setter {
    doc: Vec<String>,
    name: Ident,
    kind: SetterKind,
}

enum SetterKind {
    /// `values: impl IntoIterator<Item = ITEM>` collected into the field (each converted with
    /// `Into::into` when `into`), sent as a JSON array (`json`) or as repeated keys.
    Many {
        item: TokenStream,
        into: bool,
        json: bool,
    },
    /// `value: ARG` stored as `Some(value)` (converted with `.into()` when `into`).
    One { arg: TokenStream, into: bool },
}

/// The line that says how the values of a [`SetterKind::Many`] are sent.
fn many_doc(json: bool) -> &'static str {
    if json {
        " The values are sent as one JSON array (left out when empty); this replaces earlier values."
    } else {
        " Each value is sent as a repeated form key, in order; this replaces earlier values."
    }
}

/// The builder struct of `op`, named `name`, its `Debug` impl when a value is sensitive, and
/// its impl.
pub(super) fn params_builder(cx: &Cx<'_>, op: &Operation, name: &str) -> TokenStream {
    let b = describe(cx, op, name);
    // Written as formatted text where the shape allows (`emit/printed.rs`), else as tokens.
    let item = super::doc_blocks::item(|| struct_text(&b)).unwrap_or_else(|| struct_tokens(&b));
    let debug = b
        .sensitive
        .then(|| super::redacting_debug(name, b.debug_fields.iter().copied()));
    let body = super::doc_blocks::item(|| impl_text(&b)).unwrap_or_else(|| impl_tokens(&b));
    quote! {
        #item
        #debug
        #body
    }
}

/// The description of the builder of `op`.
fn describe<'a>(cx: &Cx<'_>, op: &'a Operation, name: &str) -> Builder<'a> {
    let method = &op.rust_name;
    let doc = vec![format!(
        "Parameters of [`Client::{method}`](crate::Client::{method}) (`{}`).",
        op.id
    )];
    let slots: Vec<Slot<'_>> = slots(op)
        .into_iter()
        .filter(|s| is_settable(cx, s))
        .collect();
    let body = op.body.as_ref().and_then(|b| b.form());
    let choices: Vec<&ChoiceField> = body.map(|b| b.choices.iter().collect()).unwrap_or_default();
    let families: Vec<&IndexedFamily> = body
        .map(|b| b.families.iter().collect())
        .unwrap_or_default();

    let mut fields = Vec::new();
    for s in &slots {
        let f = ident(&s.param.rust_name);
        fields.push((f, slot_field_type(cx, s.param)));
    }
    for c in &choices {
        fields.push((ident(&c.rust_name), cx.named(&c.id)));
    }
    for fam in &families {
        fields.push((ident(&fam.rust_name), quote!(Vec<(String, String)>)));
    }

    // Constructor: required values (query/form scalars and arrays) and every choice.
    // Required query parameters in parameter order, then required form fields in the order of the
    // spec's `required` list (`To` before `From`): never alphabetical, so that two string
    // arguments keep the order the API documents.
    // Required header parameters come between the two (as `diff::surface` lists them).
    let mut required: Vec<&Slot<'_>> = slots.iter().filter(|s| s.param.required).collect();
    let required_order = body.map(|b| &b.required_order).or(op
        .body
        .as_ref()
        .and_then(|b| b.json())
        .map(|b| &b.required_order));
    required.sort_by_key(|s| match s.location {
        Location::Query => (0, 0),
        Location::Header => (1, 0),
        Location::Form | Location::Json => (
            2,
            required_order.map_or(usize::MAX, |order| {
                order
                    .iter()
                    .position(|w| *w == s.param.wire_name)
                    .unwrap_or(usize::MAX)
            }),
        ),
    });
    let mut args = Vec::new();
    let mut inits = Vec::new();
    let mut new_doc = vec!["Creates the parameters from the values the spec requires.".to_owned()];
    for s in &required {
        let f = ident(&s.param.rust_name);
        if let Some(inner) = is_array(&s.param.ty) {
            let item = cx.ty(inner);
            args.push((f.clone(), quote!(impl IntoIterator<Item = #item>)));
            inits.push((f, Init::Collect));
        } else {
            let (arg, conv) = setter_arg(cx, &s.param.ty);
            args.push((f.clone(), arg));
            inits.push((
                f,
                if conv.is_empty() {
                    Init::Same
                } else {
                    Init::Into
                },
            ));
        }
        if s.location == Location::Json && s.param.wire_name.is_empty() {
            new_doc.push(format!(
                "- `{}`: the whole JSON body{}",
                s.param.rust_name,
                first_sentence(s.param.doc.as_deref())
            ));
        } else {
            new_doc.push(format!(
                "- `{}`: `{}`{}",
                s.param.rust_name,
                s.param.wire_name,
                first_sentence(s.param.doc.as_deref())
            ));
        }
    }
    for c in &choices {
        let f = ident(&c.rust_name);
        args.push((f.clone(), cx.named(&c.id)));
        inits.push((f, Init::Same));
        let tname = cx
            .api
            .types
            .get(&c.id)
            .map(|d| d.name.clone())
            .unwrap_or_default();
        new_doc.push(format!(
            "- `{}`: which one of the alternatives of [`{tname}`] to send",
            c.rust_name
        ));
    }
    if new_doc.len() > 1 {
        new_doc.insert(1, String::new());
    }
    for s in slots.iter().filter(|s| !s.param.required) {
        let f = ident(&s.param.rust_name);
        let init = if is_array(&s.param.ty).is_some() {
            Init::EmptyVec
        } else {
            Init::Unset
        };
        inits.push((f, init));
    }
    for fam in &families {
        inits.push((ident(&fam.rust_name), Init::EmptyVec));
    }
    let new = (!args.is_empty()).then_some(New {
        doc: new_doc,
        args,
        inits,
    });

    // Setters for optional values.
    let setters = slots
        .iter()
        .filter(|s| !s.param.required)
        .map(|s| setter(cx, s))
        .collect();

    let sensitive = slots.iter().any(|s| s.param.sensitive);
    let mut derives = vec!["Clone"];
    if new.is_none() {
        derives.push("Default");
    }
    if !sensitive {
        derives.push("Debug");
    }
    let debug_fields = slots
        .iter()
        .map(|s| (s.param.rust_name.as_str(), s.param.sensitive))
        .chain(choices.iter().map(|c| (c.rust_name.as_str(), false)))
        .chain(families.iter().map(|f| (f.rust_name.as_str(), false)))
        .collect();
    Builder {
        name: ident(name),
        doc,
        example: super::examples::builder_example(cx, op),
        derives,
        fields,
        new,
        setters,
        families,
        sensitive,
        debug_fields,
    }
}

/// The setter of the optional value of slot `s`.
fn setter(cx: &Cx<'_>, s: &Slot<'_>) -> Setter {
    let mut doc = s.param.doc.as_deref().map(docs::lines).unwrap_or_default();
    if !doc.is_empty() {
        doc.push(String::new());
    }
    if s.location == Location::Header {
        doc.extend(super::headers::setter_doc(s.param));
    } else {
        doc.push(format!(
            "Sent as `{}`{}.",
            s.param.wire_name,
            match s.location {
                Location::Query => " in the query",
                Location::Json => " in the JSON body (left out when not set)",
                Location::Form | Location::Header => "",
            }
        ));
    }
    if let Some(extra) = checks_doc(&s.param.checks) {
        doc.push(extra);
    }
    let kind = if let Some(inner) = is_array(&s.param.ty) {
        let (item, into) = match inner {
            TypeRef::String => (quote!(impl Into<String>), true),
            other => (cx.ty(other), false),
        };
        SetterKind::Many {
            item,
            into,
            json: s.location == Location::Json,
        }
    } else {
        let (arg, conv) = setter_arg(cx, &s.param.ty);
        SetterKind::One {
            arg,
            into: !conv.is_empty(),
        }
    };
    Setter {
        doc,
        name: ident(&s.param.rust_name),
        kind,
    }
}

/// The builder's struct as tokens.
fn struct_tokens(b: &Builder<'_>) -> TokenStream {
    let doc = docs::lines_to_attrs(&b.doc);
    let example = docs::lines_to_attrs(&b.example);
    let derives = b.derives.iter().map(|d| ident(d));
    let name = &b.name;
    let fields = b.fields.iter().map(|(f, t)| quote!(#f: #t,));
    quote! {
        #doc
        #example
        #[derive(#(#derives),*)]
        #[must_use]
        pub struct #name {
            #(#fields)*
        }
    }
}

/// The builder's impl as tokens.
fn impl_tokens(b: &Builder<'_>) -> TokenStream {
    let new_fn = match &b.new {
        None => quote! {
            /// Creates empty parameters: every value is optional.
            pub fn new() -> Self {
                Self::default()
            }
        },
        Some(new) => {
            let doc = docs::lines_to_attrs(&new.doc);
            // Clippy's limit (7) is below what some operations require; the constructor takes
            // each required parameter, as documented.
            let allow = (new.args.len() > 7).then(|| {
                quote!(#[allow(clippy::too_many_arguments, reason = "one argument per required parameter")])
            });
            let args = new.args.iter().map(|(f, t)| quote!(#f: #t));
            let inits = new.inits.iter().map(|(f, init)| match init {
                Init::Collect => quote!(#f: #f.into_iter().collect(),),
                Init::Same => quote!(#f,),
                Init::Into => quote!(#f: #f.into(),),
                Init::EmptyVec => quote!(#f: Vec::new(),),
                Init::Unset => quote!(#f: None,),
            });
            quote! {
                #doc
                #allow
                pub fn new(#(#args),*) -> Self {
                    Self { #(#inits)* }
                }
            }
        }
    };
    let setters = b.setters.iter().map(|s| {
        let doc = docs::lines_to_attrs(&s.doc);
        let f = &s.name;
        match &s.kind {
            SetterKind::Many { item, into, json } => {
                let how = many_doc(*json);
                let conv = into.then(|| quote!(.map(Into::into)));
                quote! {
                    #doc
                    ///
                    #[doc = #how]
                    pub fn #f(mut self, values: impl IntoIterator<Item = #item>) -> Self {
                        self.#f = values.into_iter()#conv.collect();
                        self
                    }
                }
            }
            SetterKind::One { arg, into } => {
                let conv = into.then(|| quote!(.into()));
                quote! {
                    #doc
                    pub fn #f(mut self, value: #arg) -> Self {
                        self.#f = Some(value #conv);
                        self
                    }
                }
            }
        }
    });
    let family_setters = b.families.iter().map(|fam| super::families::setters(fam));
    let name = &b.name;
    quote! {
        impl #name {
            #new_fn
            #(#setters)*
            #(#family_setters)*
        }
    }
}

/// The builder's struct as formatted text, or `None` where a line would need breaking in a way
/// `Lines` does not write.
fn struct_text(b: &Builder<'_>) -> Option<String> {
    use super::printed::{INDENT, Lines, type_text};
    let mut out = Lines::new();
    out.doc(0, &b.doc)?;
    out.doc(0, &b.example)?;
    out.line(0, &["#[derive(", &b.derives.join(", "), ")]"])?;
    out.fixed(0, "#[must_use]");
    let name = b.name.to_string();
    if b.fields.is_empty() {
        out.line(0, &["pub struct ", &name, " {}"])?;
        return Some(out.finish());
    }
    out.line(0, &["pub struct ", &name, " {"])?;
    for (f, ty) in &b.fields {
        out.line(INDENT, &[&f.to_string(), ": ", &type_text(ty)?, ","])?;
    }
    out.fixed(0, "}");
    Some(out.finish())
}

/// The builder's impl as formatted text, or `None` where a line would need breaking in a way
/// `Lines` does not write (and for a builder with indexed families, whose setters have `where`
/// clauses).
fn impl_text(b: &Builder<'_>) -> Option<String> {
    use super::printed::{INDENT, Lines, type_text};
    if !b.families.is_empty() {
        return None;
    }
    let mut out = Lines::new();
    out.line(0, &["impl ", &b.name.to_string(), " {"])?;
    let body = 2 * INDENT;
    match &b.new {
        None => {
            out.fixed(
                INDENT,
                "/// Creates empty parameters: every value is optional.",
            );
            out.fixed(INDENT, "pub fn new() -> Self {");
            out.fixed(body, "Self::default()");
            out.fixed(INDENT, "}");
        }
        Some(new) => {
            out.doc(INDENT, &new.doc)?;
            if new.args.len() > 7 {
                out.line(
                    INDENT,
                    &["#[allow(clippy::too_many_arguments, reason = \"one argument per required parameter\")]"],
                )?;
            }
            let args: Vec<String> = new
                .args
                .iter()
                .map(|(f, t)| Some(format!("{f}: {}", type_text(t)?)))
                .collect::<Option<_>>()?;
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            out.call(INDENT, "pub fn new", &args, " -> Self {")?;
            let inits: Vec<String> = new
                .inits
                .iter()
                .map(|(f, init)| match init {
                    Init::Collect => format!("{f}: {f}.into_iter().collect()"),
                    Init::Same => f.to_string(),
                    Init::Into => format!("{f}: {f}.into()"),
                    Init::EmptyVec => format!("{f}: Vec::new()"),
                    Init::Unset => format!("{f}: None"),
                })
                .collect();
            // The struct on one line if it fits and is short (prettyplease's limit for a struct
            // literal: 34 columns from `Self` to the space before `}`), else a field a line.
            let flat = format!("Self {{ {} }}", inits.join(", "));
            let short = flat.len() - 1 <= super::printed::STRUCT_LITERAL_WIDTH;
            if !short || out.line(body, &[&flat]).is_none() {
                out.fixed(body, "Self {");
                for init in &inits {
                    out.line(body + INDENT, &[init, ","])?;
                }
                out.fixed(body, "}");
            }
            out.fixed(INDENT, "}");
        }
    }
    for s in &b.setters {
        out.doc(INDENT, &s.doc)?;
        let f = s.name.to_string();
        // The argument and the statement that stores it.
        let (arg, store) = match &s.kind {
            SetterKind::Many { item, into, json } => {
                out.fixed(INDENT, "///");
                out.fixed(INDENT, &format!("///{}", many_doc(*json)));
                let conv = if *into { ".map(Into::into)" } else { "" };
                (
                    format!("values: impl IntoIterator<Item = {}>", type_text(item)?),
                    format!("self.{f} = values.into_iter(){conv}.collect();"),
                )
            }
            SetterKind::One { arg, into } => {
                let conv = if *into { ".into()" } else { "" };
                (
                    format!("value: {}", type_text(arg)?),
                    format!("self.{f} = Some(value{conv});"),
                )
            }
        };
        out.call(
            INDENT,
            &format!("pub fn {f}"),
            &["mut self", &arg],
            " -> Self {",
        )?;
        out.line(body, &[&store])?;
        out.fixed(body, "self");
        out.fixed(INDENT, "}");
    }
    out.fixed(0, "}");
    Some(out.finish())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn formatted(tokens: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).unwrap())
    }

    /// A builder with `count` required values and setters of every kind, names `len` long.
    fn builder(len: usize, count: usize) -> Builder<'static> {
        let name = |i: usize| ident(&format!("v{i}_{}", "n".repeat(len)));
        let kinds = [
            (quote!(impl Into<String>), Init::Into),
            (quote!(i64), Init::Same),
            (quote!(impl IntoIterator<Item = String>), Init::Collect),
            (quote!(crate::types::CallSid), Init::Same),
        ];
        let mut args = Vec::new();
        let mut inits = Vec::new();
        for i in 0..count {
            let (ty, init) = &kinds[i % kinds.len()];
            args.push((name(i), ty.clone()));
            inits.push((
                name(i),
                match init {
                    Init::Into => Init::Into,
                    Init::Collect => Init::Collect,
                    _ => Init::Same,
                },
            ));
        }
        let mut setters = Vec::new();
        let kinds = [
            SetterKind::One {
                arg: quote!(impl Into<String>),
                into: true,
            },
            SetterKind::One {
                arg: quote!(::time::Date),
                into: false,
            },
            SetterKind::Many {
                item: quote!(impl Into<String>),
                into: true,
                json: false,
            },
            SetterKind::Many {
                item: quote!(crate::calls::CallEvent),
                into: false,
                json: true,
            },
        ];
        for (i, kind) in kinds.into_iter().enumerate() {
            let f = ident(&format!("s{i}_{}", "x".repeat(len)));
            inits.push((
                f.clone(),
                if matches!(kind, SetterKind::Many { .. }) {
                    Init::EmptyVec
                } else {
                    Init::Unset
                },
            ));
            setters.push(Setter {
                doc: vec![
                    "What it sets.  ".to_owned(),
                    String::new(),
                    "Sent as `X`.".to_owned(),
                ],
                name: f,
                kind,
            });
        }
        let fields = inits
            .iter()
            .map(|(f, _)| (f.clone(), quote!(Option<String>)))
            .collect();
        Builder {
            name: ident(&format!("Create{}Params", "Y".repeat(len))),
            doc: vec!["Parameters of `x`.".to_owned()],
            example: vec![
                "```".to_owned(),
                "let p = X::new();".to_owned(),
                "```".to_owned(),
            ],
            derives: vec!["Clone", "Debug"],
            fields,
            new: (count > 0).then(|| New {
                doc: vec![
                    "Creates them.".to_owned(),
                    String::new(),
                    "- `a`: `A`".to_owned(),
                ],
                args,
                inits,
            }),
            setters,
            families: Vec::new(),
            sensitive: false,
            debug_fields: Vec::new(),
        }
    }

    /// Builders with every length of names around the margin and any number of required values
    /// (the constructor's arguments and struct literal on one line or broken, the attribute for
    /// more than seven): the text is prettyplease's wherever it is written, and it is written
    /// for the usual lengths.
    #[test]
    fn builders_written_as_text_are_what_the_formatter_prints() {
        let mut written = 0;
        for len in 1..=60 {
            for count in [0, 1, 2, 3, 8] {
                let b = builder(len, count);
                for (text, tokens) in [
                    (struct_text(&b), struct_tokens(&b)),
                    (impl_text(&b), impl_tokens(&b)),
                ] {
                    match text {
                        Some(text) => {
                            assert_eq!(text, formatted(tokens), "{len} {count}");
                            written += 1;
                        }
                        None => assert!(len > 16, "{len} {count}"),
                    }
                }
            }
        }
        assert!(written >= 300, "{written} of 600 written as text");
    }
}

//! Emits models (structs), string enums, SID newtypes and conditional choices.

use std::borrow::Cow;

use proc_macro2::TokenStream;
use quote::quote;

use super::{Cx, docs, ident};
use crate::model::*;

/// The items of one named type.
pub fn type_def(cx: &Cx<'_>, id: &TypeId, def: &TypeDef) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(s) => struct_def(cx, id, def, s),
        TypeKind::Enum(e) => enum_def(def, e),
        TypeKind::Sid { prefix } => sid_def(def, prefix),
        TypeKind::Choice(c) => choice_def(cx, def, c),
        TypeKind::IntEnum(e) => super::scalars::int_enum_def(def, e),
        TypeKind::Flags(f) => super::scalars::flags_def(def, f),
        TypeKind::OneOf(o) => super::one_of::one_of_def(cx, def, o),
    }
}

fn struct_def(cx: &Cx<'_>, id: &TypeId, def: &TypeDef, s: &StructDef) -> TokenStream {
    let xml = cx.api.xml_types.contains(id);
    let json = cx.api.json_types.contains(id);
    let sensitive = s.fields.iter().any(|f| f.sensitive);
    let all_defaultable = s
        .fields
        .iter()
        .all(|f| f.optional || matches!(f.ty, TypeRef::Array(_) | TypeRef::Map(_)));
    let typed: Vec<_> = s
        .fields
        .iter()
        .map(|f| (f, super::fields::field_type(cx, f, xml, json)))
        .collect();
    // Compact models: a model not read from XML gets its (de)serialisation written out
    // (`emit/models.rs`) instead of derived.
    let compact = (!xml)
        .then(|| {
            let wires: Vec<_> = typed
                .iter()
                .map(|(f, (_, w))| (f.rust_name.as_str(), w))
                .collect();
            super::models::impls(&def.name, &wires, &[], all_defaultable)
        })
        .flatten();
    let mut derives = vec!["Clone", "PartialEq"];
    if all_defaultable {
        derives.push("Default");
    }
    if !sensitive {
        derives.push("Debug");
    }
    if compact.is_none() {
        derives.extend(["::serde::Serialize", "::serde::Deserialize"]);
    }
    // A compact model's struct is written as formatted text where the shape allows
    // (`emit/printed.rs`), else as tokens.
    let head = compact
        .as_ref()
        .and_then(|_| {
            super::doc_blocks::item(|| {
                let fields: Vec<(&Field, String)> = typed
                    .iter()
                    .map(|(f, (ty, _))| Some((*f, super::printed::type_text(ty)?)))
                    .collect::<Option<_>>()?;
                struct_text(def, &derives, &fields)
            })
        })
        .unwrap_or_else(|| struct_tokens(def, &derives, &typed, compact.is_none()));
    let debug = sensitive.then(|| {
        super::redacting_debug(
            &def.name,
            s.fields.iter().map(|f| (f.rust_name.as_str(), f.sensitive)),
        )
    });
    let page = s.page.as_ref().map(|p| page_impl(cx, def, s, p));
    let ctor = cx
        .api
        .request_types
        .contains(id)
        .then(|| super::json_body::struct_ctor(cx, def, s));
    quote! {
        #head
        #compact
        #debug
        #page
        #ctor
    }
}

/// The struct of a model as tokens: its docs, derives (`derives`, paths) and fields (with
/// serde's attributes when `derived`).
fn struct_tokens(
    def: &TypeDef,
    derives: &[&str],
    typed: &[(&Field, (TokenStream, super::fields::Wire))],
    derived: bool,
) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attrs(Some(&struct_doc(def)));
    let fields = typed.iter().map(|(f, (ty, wire))| {
        let fname = ident(&f.rust_name);
        let fdoc = docs::attrs(Some(&field_doc(f)));
        let serde_attr = derived.then(|| wire.attr());
        quote! {
            #fdoc
            #serde_attr
            pub #fname: #ty,
        }
    });
    let derives = derives.iter().map(|d| match *d {
        "::serde::Serialize" => quote!(::serde::Serialize),
        "::serde::Deserialize" => quote!(::serde::Deserialize),
        plain => {
            let plain = ident(plain);
            quote!(#plain)
        }
    });
    quote! {
        #doc
        #[derive(#(#derives),*)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
    }
}

fn page_impl(cx: &Cx<'_>, def: &TypeDef, s: &StructDef, p: &PageInfo) -> TokenStream {
    let name = ident(&def.name);
    // The items are the elements of the array field: typed as that field's elements are.
    let item = cx.element(&p.item);
    let find = |wire: &str| s.fields.iter().find(|f| f.wire_name == wire);
    let (Some(items), Some(next)) = (find(&p.items_field), find(&p.next_field)) else {
        return quote!();
    };
    let items_name = ident(&items.rust_name);
    let next_name = ident(&next.rust_name);
    let next_expr = if next.optional {
        quote!(self.#next_name.as_deref().filter(|uri| !uri.is_empty()))
    } else {
        quote!(Some(self.#next_name.as_str()).filter(|uri| !uri.is_empty()))
    };
    quote! {
        impl ::twilio_runtime::Page for #name {
            type Item = #item;
            fn next_page_uri(&self) -> Option<&str> {
                #next_expr
            }
            fn into_items(self) -> Vec<#item> {
                self.#items_name
            }
        }
    }
}

/// An enum of string values: its variants, `VALUES`, `as_str` and `From<&str>`; the traits that
/// follow from the last two (`FromStr`, `Display`, serde's, `Param`) are the runtime's
/// (`twilio_runtime::wire_enum!`), written once for all.
fn enum_def(def: &TypeDef, e: &EnumDef) -> TokenStream {
    let name = ident(&def.name);
    // Written as formatted text where the shape allows (`emit/printed.rs`), else as tokens.
    if let Some(text) = super::doc_blocks::item(|| enum_text(def, e)) {
        return quote! {
            #text
            ::twilio_runtime::wire_enum!(#name);
        };
    }
    let doc = docs::attrs(Some(&super::scalars::values_doc(def)));
    let unknown = ident(&e.unknown_variant);
    let variants = e.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let vdoc = format!(" `{}`", v.wire);
        quote!(#[doc = #vdoc] #vn,)
    });
    let as_str = e.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let w = &v.wire;
        quote!(Self::#vn => #w,)
    });
    let from = e.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let w = &v.wire;
        quote!(#w => Self::#vn,)
    });
    let values = e.variants.iter().map(|v| &v.wire);
    quote! {
        #doc
        ///
        /// Unknown values sent by the server are kept in the catch-all variant, so a value added
        /// to the API later never breaks decoding.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the client does not know, kept as sent.
            #unknown(String),
        }

        impl #name {
            /// Every value the spec declares, as sent on the wire.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    Self::#unknown(value) => value.as_str(),
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from)*
                    other => Self::#unknown(other.to_owned()),
                }
            }
        }

        ::twilio_runtime::wire_enum!(#name);
    }
}

/// The formatted text of a compact model's struct (its docs, derives and fields, each field's
/// type printed), or `None` where a line would need breaking in a way `Lines` does not write.
fn struct_text(def: &TypeDef, derives: &[&str], fields: &[(&Field, String)]) -> Option<String> {
    use super::printed::{INDENT, Lines};
    let name = ident(&def.name).to_string();
    let doc = docs::lines(&struct_doc(def));
    let mut out = Lines::new();
    out.doc(0, &doc)?;
    out.line(0, &["#[derive(", &derives.join(", "), ")]"])?;
    out.fixed(0, "#[non_exhaustive]");
    if fields.is_empty() {
        out.line(0, &["pub struct ", &name, " {}"])?;
        return Some(out.finish());
    }
    out.line(0, &["pub struct ", &name, " {"])?;
    for (f, ty) in fields {
        let doc = docs::lines(&field_doc(f));
        out.doc(INDENT, &doc)?;
        out.line(
            INDENT,
            &["pub ", &ident(&f.rust_name).to_string(), ": ", ty, ","],
        )?;
    }
    out.fixed(0, "}");
    Some(out.finish())
}

/// The formatted text of [`enum_def`]'s items but the last (the enum and its two impls), or
/// `None` where a line would need breaking in a way `Lines` does not write.
fn enum_text(def: &TypeDef, e: &EnumDef) -> Option<String> {
    use super::printed::{INDENT, Lines, string_literal};
    let name = ident(&def.name).to_string();
    let unknown = ident(&e.unknown_variant).to_string();
    let variants: Vec<(String, String)> = e
        .variants
        .iter()
        .map(|v| Some((ident(&v.rust_name).to_string(), string_literal(&v.wire)?)))
        .collect::<Option<_>>()?;
    let doc = docs::lines(&super::scalars::values_doc(def));
    let mut out = Lines::new();
    out.doc(0, &doc)?;
    out.fixed(0, "///");
    out.fixed(
        0,
        "/// Unknown values sent by the server are kept in the catch-all variant, so a value added",
    );
    out.fixed(0, "/// to the API later never breaks decoding.");
    out.fixed(
        0,
        "#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]",
    );
    out.fixed(0, "#[non_exhaustive]");
    out.line(0, &["pub enum ", &name, " {"])?;
    for ((rust, _), v) in variants.iter().zip(&e.variants) {
        // The variant's doc is the wire value in backticks, printed as it is.
        out.line(INDENT, &["/// `", &v.wire, "`"])?;
        out.line(INDENT, &[rust, ","])?;
    }
    out.fixed(
        INDENT,
        "/// A value this version of the client does not know, kept as sent.",
    );
    out.line(INDENT, &[&unknown, "(String),"])?;
    out.fixed(0, "}");
    out.line(0, &["impl ", &name, " {"])?;
    out.fixed(
        INDENT,
        "/// Every value the spec declares, as sent on the wire.",
    );
    let wires: Vec<&str> = variants.iter().map(|(_, w)| w.as_str()).collect();
    out.list(
        INDENT,
        "pub const VALUES: &'static [&'static str] = &",
        &wires,
        ";",
    )?;
    out.fixed(INDENT, "/// The value as sent on the wire.");
    out.fixed(INDENT, "pub fn as_str(&self) -> &str {");
    out.fixed(2 * INDENT, "match self {");
    let arm = 3 * INDENT;
    for (rust, wire) in &variants {
        out.arm(arm, &["Self::", rust, " => ", wire])?;
    }
    out.arm(arm, &["Self::", &unknown, "(value) => value.as_str()"])?;
    out.fixed(2 * INDENT, "}");
    out.fixed(INDENT, "}");
    out.fixed(0, "}");
    out.line(0, &["impl From<&str> for ", &name, " {"])?;
    out.fixed(INDENT, "fn from(value: &str) -> Self {");
    out.fixed(2 * INDENT, "match value {");
    for (rust, wire) in &variants {
        out.arm(arm, &[wire, " => Self::", rust])?;
    }
    out.arm(arm, &["other => Self::", &unknown, "(other.to_owned())"])?;
    out.fixed(2 * INDENT, "}");
    out.fixed(INDENT, "}");
    out.fixed(0, "}");
    Some(out.finish())
}

/// A SID newtype: its code (documentation included) is the runtime's
/// (`twilio_runtime::sid_newtype!`), once for all.
fn sid_def(def: &TypeDef, prefix: &str) -> TokenStream {
    let name = ident(&def.name);
    quote! {
        ::twilio_runtime::sid_newtype!(pub struct #name = #prefix);
    }
}

fn choice_def(cx: &Cx<'_>, def: &TypeDef, c: &ChoiceDef) -> TokenStream {
    let name = ident(&def.name);
    let members: Vec<String> = c
        .members
        .iter()
        .map(|m| format!("`{}`", m.wire_name))
        .collect();
    let doc = format!(
        " Exactly one of {} for `{}`: the spec requires one of them and accepts no more.",
        members.join(", "),
        c.operation_id
    );
    let variants = c.members.iter().map(|m| {
        let vn = ident(&m.rust_name);
        let ty = cx.ty(&m.ty);
        let vdoc = docs::attrs(Some(&docs::or_else(m.doc.as_deref(), || {
            format!("Sends `{}`.", m.wire_name)
        })));
        quote!(#vdoc #vn(#ty),)
    });
    let ctors = c.members.iter().map(|m| {
        let vn = ident(&m.rust_name);
        let f = ident(&m.ctor_name);
        let (arg, conv) = super::setter_arg(cx, &m.ty);
        let doc = format!(
            " [`{}::{}`]: sends `{}`.",
            def.name, m.rust_name, m.wire_name
        );
        quote! {
            #[doc = #doc]
            pub fn #f(value: #arg) -> Self {
                Self::#vn(value #conv)
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants)*
        }
        impl #name {
            #(#ctors)*
        }
    }
}

/// A model struct's docs: the spec's description, or a sentence naming the object.
fn struct_doc(def: &TypeDef) -> Cow<'_, str> {
    docs::or_else(def.doc.as_deref(), || format!("The `{}` object.", def.name))
}

/// A model field's docs: the spec's description, or a sentence naming the field.
fn field_doc(f: &Field) -> Cow<'_, str> {
    docs::or_else(f.doc.as_deref(), || format!("The `{}` field.", f.wire_name))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn enum_of(name: &str, doc: Option<&str>, wires: &[String]) -> (TypeDef, EnumDef) {
        let e = EnumDef {
            variants: wires
                .iter()
                .map(|w| Variant {
                    wire: w.clone(),
                    rust_name: heck::ToUpperCamelCase::to_upper_camel_case(w.as_str()).into(),
                })
                .collect(),
            unknown_variant: "Unknown".to_owned().into(),
        };
        let def = TypeDef {
            candidates: Vec::new(),
            name: name.to_owned().into(),
            home: Home::default(),
            module: "m".to_owned().into(),
            doc: doc.map(str::to_owned).into(),
            pointer: String::new(),
            kind: TypeKind::Enum(e.clone()),
        };
        (def, e)
    }

    /// The enum as text against prettyplease's printing of its tokens; whether it was written.
    fn compare(name: &str, doc: Option<&str>, wires: &[String]) -> bool {
        let (def, e) = enum_of(name, doc, wires);
        let Some(text) = enum_text(&def, &e) else {
            return false;
        };
        let formatted = |tokens| prettyplease::unparse(&syn::parse2(tokens).unwrap());
        let ty = ident(name);
        let last = formatted(quote!(::twilio_runtime::wire_enum!(#ty);));
        assert_eq!(text + &last, formatted(enum_def(&def, &e)));
        true
    }

    fn field(wire: &str, rust: &str, doc: Option<&str>) -> Field {
        Field {
            wire_name: wire.to_owned(),
            rust_name: rust.to_owned().into(),
            doc: doc.map(str::to_owned).into(),
            ty: TypeRef::String,
            optional: true,
            sensitive: false,
            boxed: false,
            false_is_null: false,
            xml: XmlField::default(),
        }
    }

    /// A struct as text against prettyplease's printing of its tokens; whether it was written.
    fn compare_struct(name: &str, fields: &[(Field, TokenStream)]) -> bool {
        let (mut def, _) = enum_of(name, Some("A model.\n\n- with a list  "), &[]);
        def.kind = TypeKind::Struct(StructDef {
            fields: fields.iter().map(|(f, _)| f.clone()).collect(),
            page: None,
        });
        let derives = ["Clone", "PartialEq", "Default", "Debug"];
        let typed: Option<Vec<(&Field, String)>> = fields
            .iter()
            .map(|(f, ty)| Some((f, super::super::printed::type_text(ty)?)))
            .collect();
        let Some(text) = struct_text(&def, &derives, &typed.unwrap()) else {
            return false;
        };
        let wire = super::super::fields::Wire {
            name: String::new(),
            rename: false,
            alias: None,
            default: true,
            adapter: None,
            skip: None,
        };
        let typed: Vec<_> = fields
            .iter()
            .map(|(f, ty)| (f, (ty.clone(), wire.clone())))
            .collect();
        let tokens = struct_tokens(&def, &derives, &typed, false);
        assert_eq!(text, prettyplease::unparse(&syn::parse2(tokens).unwrap()));
        true
    }

    /// Structs with fields of every length around the margin and of the types the generator
    /// writes (paths, generics, tuples, references, `impl` bounds), with and without docs.
    #[test]
    fn structs_written_as_text_are_what_the_formatter_prints() {
        let types = [
            quote!(Option<String>),
            quote!(Vec<crate::recordings::CallRecordingSource>),
            quote!(::std::collections::BTreeMap<String, ::serde_json::Value>),
            quote!(Option<Box<crate::types::CallSid>>),
            quote!(Vec<(String, String)>),
            quote!(impl IntoIterator<Item = String>),
            quote!(&'static str),
            quote!(Option<::time::OffsetDateTime>),
        ];
        let mut written = 0;
        for len in 1..=80 {
            let fields: Vec<(Field, TokenStream)> = types
                .iter()
                .enumerate()
                .map(|(i, ty)| {
                    let rust = format!("f{i}_{}", "x".repeat(len));
                    let doc = (i % 2 == 0).then_some("What it is.  \n\nMore.");
                    (field(&rust, &rust, doc), ty.clone())
                })
                .collect();
            let long = format!("S{}", "n".repeat(len));
            let both = [
                compare_struct("CallRecording", &fields),
                compare_struct(&long, &fields[..1]),
            ];
            // Names of the usual lengths are always written as text.
            assert!(len > 12 || both == [true, true], "{len}");
            written += both.iter().filter(|w| **w).count();
        }
        assert!(compare_struct("Empty", &[]));
        assert!(written >= 70, "{written} of 160 written as text");
    }

    /// Every length of an enum's name and values around the margin, any number of values, and
    /// docs with blank lines and trailing spaces: the text is prettyplease's wherever it is
    /// written, and it is written for names and values of the usual lengths.
    #[test]
    fn enums_written_as_text_are_what_the_formatter_prints() {
        let wires = |len: usize, n: usize| -> Vec<String> {
            (0..n)
                .map(|i| format!("v{i}-{}", "w".repeat(len.saturating_sub(3))))
                .collect()
        };
        let mut written = 0;
        for len in 1..=80 {
            let name = format!("E{}", "n".repeat(len - 1));
            written += usize::from(compare(&name, None, &wires(8, 3)));
            written += usize::from(compare("CallStatus", None, &wires(len, 3)));
        }
        for n in 0..=12 {
            assert!(compare(
                "CallStatus",
                Some("One.\n\nTwo  \n- a"),
                &wires(4, n)
            ));
        }
        for len in 1..=30 {
            assert!(compare(
                "CallRecordingSource",
                Some("The source."),
                &wires(len, 4)
            ));
        }
        assert!(written >= 100, "{written} of 160 written as text");
        // A value printed escaped goes to the formatter.
        assert!(!compare("E", None, &["a\"b".to_owned()]));
    }
}

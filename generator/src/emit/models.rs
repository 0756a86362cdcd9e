//! Compact models: the `Serialize` and `Deserialize` impls of a model read from JSON or of
//! a webhook payload, written as a line or three per field over `twilio_runtime::serde::model`
//! instead of serde's derive.
//!
//! serde's derive expands to about sixty lines of code per field (a field enum and its visitor, a
//! sequence visitor, a wrapper type per adapter), which the compiler expands, resolves and hashes
//! again on every build of the crate, even when nothing in it changed: in the v2010 crate two
//! thirds of the code the compiler saw. The impls written here behave as the derive does (the
//! runtime's module says how, and where they differ: no struct read from a sequence, a `Model`
//! keeps the last value of a repeated key). A struct whose every field is defaulted and which derives
//! `Default` implements `Model` (each value read straight into its field); any other implements
//! `Fields` (each value read into a slot, the struct built at the end). A struct with a field the
//! runtime has no marker type for (the XML readers) or with an alias keeps the derive.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::fields::{Both, Wire};
use super::ident;

/// The `Serialize`, `Deserialize` and `Model` or `Fields` impls of struct `name` whose fields
/// `fields` (Rust name and wire form of each, in declaration order) are read and written and
/// whose fields `skipped` are neither (they start empty), or `None` when the struct keeps serde's
/// derive. `defaulted`: whether the struct derives `Default`.
pub fn impls(
    name: &str,
    fields: &[(&str, &Wire)],
    skipped: &[&str],
    defaulted: bool,
) -> Option<TokenStream> {
    let compact = fields
        .iter()
        .all(|(_, w)| w.alias.is_none() && w.adapter.is_none_or(|(a, _)| a.marker().is_some()));
    if !compact {
        return None;
    }
    let ty = ident(name);
    let keys: Vec<&String> = fields.iter().map(|(_, w)| &w.name).collect();
    let constants = quote! {
        const NAME: &'static str = #name;
        const FIELDS: &'static [&'static str] = &[#(#keys),*];
    };
    // Written as formatted text where the shape allows (`emit/printed.rs`), else as tokens.
    let serialize = super::doc_blocks::item(|| serialize_text(name, fields))
        .unwrap_or_else(|| serialize(&ty, name, fields));
    // Both kinds read through the runtime's one `deserialize` (a `Model` is a `Fields` struct),
    // which `deserialize_fields!` calls.
    let deserialize = quote! {
        ::twilio_runtime::deserialize_fields!(#ty);
    };
    let by_model = defaulted && fields.iter().all(|(_, w)| w.default);
    // The slots of `Fields` are locals named as the fields: a field named as one of the other
    // locals of that function would hide it (then the struct keeps the derive).
    if !by_model
        && fields
            .iter()
            .any(|(rust, _)| ["map", "model", "key"].contains(rust))
    {
        return None;
    }
    let read = if by_model {
        match super::doc_blocks::item(|| model_text(name, fields)) {
            Some(model) => quote! {
                #deserialize
                #model
            },
            None => read_into_fields(&ty, fields, &constants, &deserialize),
        }
    } else {
        match super::doc_blocks::item(|| fields_text(name, fields, skipped)) {
            Some(read) => quote! {
                #deserialize
                #read
            },
            None => read_into_slots(&ty, fields, skipped, &constants, &deserialize),
        }
    };
    Some(quote! {
        #serialize
        #read
    })
}

/// The marker type of the field's adapter: every adapter reads, only `with` ones write.
fn marker(w: &Wire, writing: bool) -> Option<TokenStream> {
    w.adapter.and_then(|(a, both)| {
        let m = ident(a.marker()?);
        (!writing || both == Both::ReadWrite).then(|| quote!(model::#m))
    })
}

/// `Serialize`: each field written under its wire name, an optional one left out when empty.
fn serialize(ty: &proc_macro2::Ident, name: &str, fields: &[(&str, &Wire)]) -> TokenStream {
    let count = Literal::usize_unsuffixed(fields.len());
    let mut adapters = false;
    let writes: Vec<TokenStream> = fields
        .iter()
        .map(|(rust, w)| {
            let f = ident(rust);
            let key = &w.name;
            let skippable = w.skip.is_some();
            match (marker(w, true), skippable) {
                (Some(m), true) => {
                    adapters = true;
                    quote!(out.field_with::<#m, _>(#key, &self.#f)?;)
                }
                (Some(m), false) => {
                    adapters = true;
                    quote!(out.value_with::<#m, _>(#key, &self.#f)?;)
                }
                (None, true) => quote!(out.field(#key, &self.#f)?;),
                (None, false) => quote!(out.value(#key, &self.#f)?;),
            }
        })
        .collect();
    let (uses, out) = match (fields.is_empty(), adapters) {
        (true, _) => (quote!(), quote!(out)),
        (false, true) => (
            quote!(
                use ::twilio_runtime::serde::model::{self, WriteFields as _};
            ),
            quote!(mut out),
        ),
        (false, false) => (
            quote!(
                use ::twilio_runtime::serde::model::WriteFields as _;
            ),
            quote!(mut out),
        ),
    };
    quote! {
        impl ::serde::Serialize for #ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #uses
                let #out = ::serde::Serializer::serialize_struct(serializer, #name, #count)?;
                #(#writes)*
                ::serde::ser::SerializeStruct::end(out)
            }
        }
    }
}

/// How field `w` is read from `map`, and whether that needs the runtime's `Read` trait.
fn read_value(w: &Wire) -> (TokenStream, bool) {
    match marker(w, false) {
        Some(m) => (quote!(#m::next_value(map)), true),
        None => (quote!(map.next_value()), false),
    }
}

/// The arm of the match on a field's key that skips the value of a key no field has.
fn other_key() -> TokenStream {
    quote! {
        _ => {
            map.next_value::<::serde::de::IgnoredAny>()?;
        }
    }
}

/// `Deserialize` through `Model`: the struct starts as its `Default`, each value read into it.
fn read_into_fields(
    ty: &proc_macro2::Ident,
    fields: &[(&str, &Wire)],
    constants: &TokenStream,
    deserialize: &TokenStream,
) -> TokenStream {
    let mut adapters = false;
    let reads: Vec<TokenStream> = fields
        .iter()
        .map(|(rust, w)| {
            let f = ident(rust);
            let key = &w.name;
            let (value, via_adapter) = read_value(w);
            adapters |= via_adapter;
            quote!(#key => self.#f = #value?,)
        })
        .collect();
    let body = if fields.is_empty() {
        quote! {
            let _ = (key, map);
            Ok(false)
        }
    } else {
        let uses = adapters.then(|| {
            quote!(
                use ::twilio_runtime::serde::model::{self, Read as _};
            )
        });
        quote! {
            #uses
            match key {
                #(#reads)*
                _ => return Ok(false),
            }
            Ok(true)
        }
    };
    quote! {
        #deserialize

        impl ::twilio_runtime::serde::model::Model for #ty {
            #constants
            fn read_field<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> Result<bool, A::Error> {
                #body
            }
        }
    }
}

/// `Deserialize` through `Fields`: a slot per field (a local named as the field), filled once
/// each; the struct built from them, a required field's empty slot an error.
fn read_into_slots(
    ty: &proc_macro2::Ident,
    fields: &[(&str, &Wire)],
    skipped: &[&str],
    constants: &TokenStream,
    deserialize: &TokenStream,
) -> TokenStream {
    let slots: Vec<proc_macro2::Ident> = fields.iter().map(|(rust, _)| ident(rust)).collect();
    let mut adapters = false;
    let reads: Vec<TokenStream> = fields
        .iter()
        .zip(&slots)
        .map(|((_, w), slot)| {
            let key = &w.name;
            let (value, via_adapter) = read_value(w);
            adapters |= via_adapter;
            quote!(#key => model::fill(&mut #slot, #key, || #value)?,)
        })
        .collect();
    let built = fields.iter().zip(&slots).map(|((_, w), slot)| {
        let key = &w.name;
        if w.default {
            quote!(#slot: #slot.unwrap_or_default(),)
        } else {
            quote!(#slot: model::required(#slot, #key)?,)
        }
    });
    let empty = skipped.iter().map(|rust| {
        let f = ident(rust);
        quote!(#f: Default::default(),)
    });
    let uses = if fields.is_empty() {
        quote!()
    } else if adapters {
        quote!(
            use ::twilio_runtime::serde::model::{self, Read as _};
        )
    } else {
        quote!(
            use ::twilio_runtime::serde::model;
        )
    };
    let walk = if fields.is_empty() {
        quote! {
            while map.next_key::<::serde::de::IgnoredAny>()?.is_some() {
                map.next_value::<::serde::de::IgnoredAny>()?;
            }
        }
    } else {
        let other = other_key();
        quote! {
            #(let mut #slots = None;)*
            while let Some(key) = map.next_key::<model::Key<'de>>()? {
                match key.as_str() {
                    #(#reads)*
                    #other
                }
            }
        }
    };
    quote! {
        #deserialize

        impl ::twilio_runtime::serde::model::Fields for #ty {
            #constants
            fn read_map<'de, A: ::serde::de::MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
                #uses
                #walk
                Ok(Self {
                    #(#built)*
                    #(#empty)*
                })
            }
        }
    }
}

/// How field `w` is written by `Serialize`: the method of `out` and its marker type, if any.
fn write_call(w: &Wire) -> (&'static str, Option<&'static str>) {
    let m = w
        .adapter
        .filter(|(_, both)| *both == Both::ReadWrite)
        .and_then(|(a, _)| a.marker());
    match (m, w.skip.is_some()) {
        (Some(m), true) => ("out.field_with::<model::", Some(m)),
        (Some(m), false) => ("out.value_with::<model::", Some(m)),
        (None, true) => ("out.field", None),
        (None, false) => ("out.value", None),
    }
}

/// The formatted text of [`serialize`]'s tokens, or `None` where a line would need breaking in
/// a way `Lines` does not write.
fn serialize_text(name: &str, fields: &[(&str, &Wire)]) -> Option<String> {
    use super::printed::{INDENT, Lines, string_literal};
    let ty = ident(name).to_string();
    let name_lit = string_literal(name)?;
    let count = fields.len().to_string();
    let mut out = Lines::new();
    out.line(0, &["impl ::serde::Serialize for ", &ty, " {"])?;
    out.fixed(INDENT, "fn serialize<S: ::serde::Serializer>(");
    out.fixed(2 * INDENT, "&self,");
    out.fixed(2 * INDENT, "serializer: S,");
    out.fixed(INDENT, ") -> Result<S::Ok, S::Error> {");
    let body = 2 * INDENT;
    let adapters = fields.iter().any(|(_, w)| write_call(w).1.is_some());
    let head = if fields.is_empty() {
        "let out = ::serde::Serializer::serialize_struct"
    } else {
        out.fixed(
            body,
            if adapters {
                "use ::twilio_runtime::serde::model::{self, WriteFields as _};"
            } else {
                "use ::twilio_runtime::serde::model::WriteFields as _;"
            },
        );
        "let mut out = ::serde::Serializer::serialize_struct"
    };
    out.call(body, head, &["serializer", &name_lit, &count], "?;")?;
    for (rust, w) in fields {
        let f = ident(rust).to_string();
        let key = string_literal(&w.name)?;
        let field = format!("&self.{f}");
        match write_call(w) {
            (method, Some(m)) => {
                if out
                    .line(body, &[method, m, ", _>(", &key, ", ", &field, ")?;"])
                    .is_none()
                {
                    // prettyplease breaks the turbofish first, and leaves the arguments after
                    // it on one line.
                    let method = method.strip_suffix("::<model::")?;
                    out.line(body, &[method, "::<"])?;
                    out.line(body + 2 * INDENT, &["model::", m, ","])?;
                    out.fixed(body + 2 * INDENT, "_,");
                    out.line(body + INDENT, &[">(", &key, ", ", &field, ")?;"])?;
                }
            }
            (method, None) => out.call(body, method, &[&key, &field], "?;")?,
        }
    }
    out.fixed(body, "::serde::ser::SerializeStruct::end(out)");
    out.fixed(INDENT, "}");
    out.fixed(0, "}");
    Some(out.finish())
}

/// The formatted text of the `Model` impl [`read_into_fields`] writes (without the
/// `deserialize_fields!` before it), or `None` where a line would need breaking in a way `Lines`
/// does not write.
fn model_text(name: &str, fields: &[(&str, &Wire)]) -> Option<String> {
    use super::printed::{INDENT, Lines, string_literal};
    let ty = ident(name).to_string();
    let mut out = Lines::new();
    out.line(
        0,
        &["impl ::twilio_runtime::serde::model::Model for ", &ty, " {"],
    )?;
    out.line(
        INDENT,
        &["const NAME: &'static str = ", &string_literal(name)?, ";"],
    )?;
    let keys: Vec<String> = fields
        .iter()
        .map(|(_, w)| string_literal(&w.name))
        .collect::<Option<_>>()?;
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    out.list(
        INDENT,
        "const FIELDS: &'static [&'static str] = &",
        &keys,
        ";",
    )?;
    out.fixed(
        INDENT,
        "fn read_field<'de, A: ::serde::de::MapAccess<'de>>(",
    );
    out.fixed(2 * INDENT, "&mut self,");
    out.fixed(2 * INDENT, "key: &str,");
    out.fixed(2 * INDENT, "map: &mut A,");
    out.fixed(INDENT, ") -> Result<bool, A::Error> {");
    let body = 2 * INDENT;
    if fields.is_empty() {
        out.fixed(body, "let _ = (key, map);");
        out.fixed(body, "Ok(false)");
    } else {
        if fields.iter().any(|(_, w)| marker(w, false).is_some()) {
            out.fixed(
                body,
                "use ::twilio_runtime::serde::model::{self, Read as _};",
            );
        }
        out.fixed(body, "match key {");
        let arm = body + INDENT;
        for ((rust, w), key) in fields.iter().zip(&keys) {
            let f = ident(rust).to_string();
            let value = match w.adapter.and_then(|(a, _)| a.marker()) {
                Some(m) => format!("model::{m}::next_value(map)?"),
                None => "map.next_value()?".to_owned(),
            };
            let set = ["self.", &f, " = ", &value];
            if out
                .arm(arm, &[key, " => ", set[0], set[1], set[2], set[3]])
                .is_none()
            {
                out.line(arm, &[key, " => {"])?;
                out.line(arm + INDENT, &[set[0], set[1], set[2], set[3], ";"])?;
                out.fixed(arm, "}");
            }
        }
        out.fixed(arm, "_ => return Ok(false),");
        out.fixed(body, "}");
        out.fixed(body, "Ok(true)");
    }
    out.fixed(INDENT, "}");
    out.fixed(0, "}");
    Some(out.finish())
}

/// The formatted text of the `Fields` impl [`read_into_slots`] writes (without the
/// `deserialize_fields!` before it), or `None` where a line would need breaking in a way `Lines`
/// does not write.
fn fields_text(name: &str, fields: &[(&str, &Wire)], skipped: &[&str]) -> Option<String> {
    use super::printed::{INDENT, Lines, string_literal};
    let ty = ident(name).to_string();
    let mut out = Lines::new();
    out.line(
        0,
        &[
            "impl ::twilio_runtime::serde::model::Fields for ",
            &ty,
            " {",
        ],
    )?;
    out.line(
        INDENT,
        &["const NAME: &'static str = ", &string_literal(name)?, ";"],
    )?;
    let keys: Vec<String> = fields
        .iter()
        .map(|(_, w)| string_literal(&w.name))
        .collect::<Option<_>>()?;
    let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    out.list(
        INDENT,
        "const FIELDS: &'static [&'static str] = &",
        &key_refs,
        ";",
    )?;
    out.fixed(INDENT, "fn read_map<'de, A: ::serde::de::MapAccess<'de>>(");
    out.fixed(2 * INDENT, "map: &mut A,");
    out.fixed(INDENT, ") -> Result<Self, A::Error> {");
    let body = 2 * INDENT;
    let slots: Vec<String> = fields.iter().map(|(r, _)| ident(r).to_string()).collect();
    if fields.is_empty() {
        out.fixed(
            body,
            "while map.next_key::<::serde::de::IgnoredAny>()?.is_some() {",
        );
        out.fixed(
            body + INDENT,
            "map.next_value::<::serde::de::IgnoredAny>()?;",
        );
        out.fixed(body, "}");
    } else {
        out.fixed(
            body,
            if fields.iter().any(|(_, w)| marker(w, false).is_some()) {
                "use ::twilio_runtime::serde::model::{self, Read as _};"
            } else {
                "use ::twilio_runtime::serde::model;"
            },
        );
        for slot in &slots {
            out.line(body, &["let mut ", slot, " = None;"])?;
        }
        out.fixed(
            body,
            "while let Some(key) = map.next_key::<model::Key<'de>>()? {",
        );
        out.fixed(body + INDENT, "match key.as_str() {");
        let arm = body + 2 * INDENT;
        for (((_, w), key), slot) in fields.iter().zip(&keys).zip(&slots) {
            let value = match w.adapter.and_then(|(a, _)| a.marker()) {
                Some(m) => format!("|| model::{m}::next_value(map)"),
                None => "|| map.next_value()".to_owned(),
            };
            let place = format!("&mut {slot}");
            let flat = [
                key.as_str(),
                " => model::fill(",
                &place,
                ", ",
                key,
                ", ",
                &value,
                ")?",
            ];
            if out.arm(arm, &flat).is_none() {
                out.line(arm, &[key, " => {"])?;
                out.call(arm + INDENT, "model::fill", &[&place, key, &value], "?")?;
                out.fixed(arm, "}");
            }
        }
        out.fixed(arm, "_ => {");
        out.fixed(
            arm + INDENT,
            "map.next_value::<::serde::de::IgnoredAny>()?;",
        );
        out.fixed(arm, "}");
        out.fixed(body + INDENT, "}");
        out.fixed(body, "}");
    }
    // The struct on one line if it fits and is short (see `printed::STRUCT_LITERAL_WIDTH`),
    // else a field a line.
    let flat: Vec<String> = fields
        .iter()
        .zip(&keys)
        .zip(&slots)
        .map(|(((_, w), key), slot)| {
            if w.default {
                format!("{slot}: {slot}.unwrap_or_default()")
            } else {
                format!("{slot}: model::required({slot}, {key})?")
            }
        })
        .chain(
            skipped
                .iter()
                .map(|r| format!("{}: Default::default()", ident(r))),
        )
        .collect();
    let flat = if flat.is_empty() {
        "Self {}".to_owned()
    } else {
        format!("Self {{ {} }}", flat.join(", "))
    };
    let short = flat.len() - 1 <= super::printed::STRUCT_LITERAL_WIDTH;
    if !short || out.line(body, &["Ok(", &flat, ")"]).is_none() {
        out.fixed(body, "Ok(Self {");
        let field = body + INDENT;
        for (((_, w), key), slot) in fields.iter().zip(&keys).zip(&slots) {
            if w.default {
                out.line(field, &[slot, ": ", slot, ".unwrap_or_default(),"])?;
            } else {
                let head = format!("{slot}: model::required");
                out.call(field, &head, &[slot, key], "?,")?;
            }
        }
        for rust in skipped {
            out.line(field, &[&ident(rust).to_string(), ": Default::default(),"])?;
        }
        out.fixed(body, "})");
    }
    out.fixed(INDENT, "}");
    out.fixed(0, "}");
    Some(out.finish())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::fields::{Adapter, Both, Skip, Wire};
    use super::*;

    fn formatted(tokens: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).unwrap())
    }

    fn wire(name: String, adapter: Option<(Adapter, Both)>, skip: Option<Skip>) -> Wire {
        Wire {
            name,
            rename: false,
            alias: None,
            default: true,
            adapter,
            skip,
        }
    }

    /// Fields of every way a field is written and read, their keys and names `len` long.
    fn fields_of(len: usize) -> Vec<(String, Wire)> {
        let date = Adapter::Date {
            format: "rfc2822",
            optional: true,
            or_false: false,
        };
        let adapters = [
            None,
            Some((Adapter::SidOptional, Both::ReadWrite)),
            Some((Adapter::NumberOpt, Both::ReadOnly)),
            Some((date, Both::ReadWrite)),
        ];
        let mut out = Vec::new();
        for (i, adapter) in adapters.into_iter().enumerate() {
            for (j, skip) in [None, Some(Skip::None)].into_iter().enumerate() {
                let base = format!("f{i}{j}");
                let name = format!("{base}{}", "x".repeat(len.saturating_sub(base.len())));
                let mut w = wire(name.clone(), adapter, skip);
                // Some required (read by `Fields` only).
                w.default = j == 1;
                out.push((name, w));
            }
        }
        out
    }

    /// Both texts against prettyplease's for `name` and `fields`; how many were written as text.
    fn compare(name: &str, fields: &[(String, Wire)]) -> usize {
        let fields: Vec<(&str, &Wire)> = fields.iter().map(|(r, w)| (r.as_str(), w)).collect();
        let ty = ident(name);
        let mut written = 0;
        if let Some(text) = serialize_text(name, &fields) {
            assert_eq!(text, formatted(serialize(&ty, name, &fields)), "{name}");
            written += 1;
        }
        if let Some(text) = model_text(name, &fields) {
            let keys: Vec<&String> = fields.iter().map(|(_, w)| &w.name).collect();
            let constants = quote! {
                const NAME: &'static str = #name;
                const FIELDS: &'static [&'static str] = &[#(#keys),*];
            };
            let tokens = read_into_fields(&ty, &fields, &constants, &TokenStream::new());
            assert_eq!(text, formatted(tokens), "{name}");
            written += 1;
        }
        for skipped in [&[][..], &["other_params"][..]] {
            if let Some(text) = fields_text(name, &fields, skipped) {
                let keys: Vec<&String> = fields.iter().map(|(_, w)| &w.name).collect();
                let constants = quote! {
                    const NAME: &'static str = #name;
                    const FIELDS: &'static [&'static str] = &[#(#keys),*];
                };
                let tokens =
                    read_into_slots(&ty, &fields, skipped, &constants, &TokenStream::new());
                assert_eq!(text, formatted(tokens), "{name} {skipped:?}");
                written += 1;
            }
        }
        written
    }

    /// Every length of a type's name and of a field's name and key around the margin: the text
    /// is prettyplease's wherever it is written, and it is written for the usual lengths.
    #[test]
    fn model_impls_written_as_text_are_what_the_formatter_prints() {
        let (mut cases, mut written) = (0, 0);
        for len in 1..=72 {
            let name = format!("T{}", "y".repeat(len - 1));
            written += compare(&name, &fields_of(6));
            written += compare("CallRecording", &fields_of(len));
            cases += 8;
        }
        // Fewer fields and no field; an array of keys around the margin.
        for count in 0..=9 {
            for len in [1, 5, 9, 14] {
                let fields: Vec<_> = (0..count)
                    .map(|i| {
                        let name = format!("k{i}{}", "z".repeat(len));
                        (name.clone(), wire(name, None, Some(Skip::None)))
                    })
                    .collect();
                written += compare("Tiny", &fields);
                cases += 4;
            }
        }
        // Literals short enough for one line.
        for len in 1..=12 {
            let name = "a".repeat(len);
            let mut required = wire(name.clone(), None, None);
            required.default = false;
            written += compare("T", &[(name.clone(), wire(name.clone(), None, None))]);
            written += compare("T", &[(name, required)]);
            cases += 8;
        }
        // Names and keys as the generator makes them: raw identifiers, keys unlike the name.
        let mut odd = vec![
            ("type".to_owned(), wire("type".to_owned(), None, None)),
            (
                "date_created_before".to_owned(),
                wire("DateCreated<".to_owned(), None, None),
            ),
        ];
        written += compare("Odd", &odd);
        cases += 4;
        odd.push(("quote".to_owned(), wire("a\"b".to_owned(), None, None)));
        assert_eq!(
            compare("Odd", &odd),
            0,
            "a key printed escaped goes to the formatter"
        );
        // Names and keys of the usual lengths are always written as text; the longest, whose
        // lines the formatter breaks in ways `Lines` does not write, go to the formatter.
        for len in 1..=24 {
            assert_eq!(compare("IncomingPhoneNumber", &fields_of(len)), 4, "{len}");
        }
        assert!(written * 2 >= cases, "{written} of {cases} written as text");
    }
}

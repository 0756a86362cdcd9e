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
//!
//! While a file's pieces are collected for formatting, the impls are written as formatted text
//! instead (`models/text.rs`, over `emit/printed.rs`), where every line has a shape it writes.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::fields::{Both, Wire};
use super::ident;

mod text;
use text::{fields_text, model_text, serialize_text};

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

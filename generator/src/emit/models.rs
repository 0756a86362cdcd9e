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
    let serialize = serialize(&ty, name, fields);
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
        read_into_fields(&ty, fields, &constants, &deserialize)
    } else {
        read_into_slots(&ty, fields, skipped, &constants, &deserialize)
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

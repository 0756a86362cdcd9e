//! `oneOf`/`anyOf` enums (`lower/composed.rs`): one variant per alternative and a last one that
//! keeps any other JSON value; read by the value of the discriminator when there is one, else by
//! trying each variant in order (the runtime's `one_of` module does the work).

use proc_macro2::TokenStream;
use quote::quote;

use super::{Cx, docs, ident};
use crate::model::*;

/// The enum and its serde impls.
pub fn one_of_def(cx: &Cx<'_>, def: &TypeDef, o: &OneOfDef) -> TokenStream {
    let name = ident(&def.name);
    let other = ident(&o.other_name);
    let doc = docs::attrs(
        def.doc
            .as_deref()
            .or(Some(&format!("One of the shapes of `{}`.", def.name))),
    );
    let how = match &o.tag {
        Some(tag) => format!(
            " Read by the value of its `{tag}` property; a value that names no variant, or that the variant named cannot read, is kept in [`{}::{}`].",
            def.name, o.other_name
        ),
        None => format!(
            " Read as the first variant, in this order, that can read the value; a value that none can read is kept in [`{}::{}`].",
            def.name, o.other_name
        ),
    };
    let variants = o.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let ty = cx.element(&v.ty);
        let mut lines = v.doc.as_deref().map(docs::lines).unwrap_or_default();
        if !v.tags.is_empty() {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            let tags: Vec<String> = v.tags.iter().map(|t| format!("`{t}`")).collect();
            lines.push(format!("Chosen by {}.", tags.join(", ")));
        }
        if lines.is_empty() {
            lines.push(format!("A `{}`.", v.name));
        }
        let vdoc = docs::lines_to_attrs(&lines);
        quote!(#vdoc #vn(#ty),)
    });
    let decode = match &o.tag {
        Some(tag) => {
            let arms = o.variants.iter().filter(|v| !v.tags.is_empty()).map(|v| {
                let vn = ident(&v.rust_name);
                let tags = &v.tags;
                quote! {
                    #(Some(#tags))|* => {
                        if let Some(v) = ::twilio_runtime::one_of::decode(&value) {
                            return Ok(Self::#vn(v));
                        }
                    }
                }
            });
            quote! {
                match ::twilio_runtime::one_of::tag(&value, #tag) {
                    #(#arms)*
                    _ => {}
                }
            }
        }
        None => {
            let tries = o.variants.iter().map(|v| {
                let vn = ident(&v.rust_name);
                quote! {
                    if let Some(v) = ::twilio_runtime::one_of::decode(&value) {
                        return Ok(Self::#vn(v));
                    }
                }
            });
            quote!(#(#tries)*)
        }
    };
    let encode = o.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        match (&o.tag, v.tags.first()) {
            (Some(tag), Some(first)) => quote! {
                Self::#vn(v) => ::twilio_runtime::one_of::serialize_tagged(v, #tag, #first, serializer),
            },
            _ => quote!(Self::#vn(v) => ::serde::Serialize::serialize(v, serializer),),
        }
    });
    quote! {
        #doc
        ///
        #[doc = #how]
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value no variant reads, kept as it was sent.
            #other(::serde_json::Value),
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#encode)*
                    Self::#other(v) => ::serde::Serialize::serialize(v, serializer),
                }
            }
        }

        impl ::twilio_runtime::Param for #name {
            fn to_param(&self) -> ::std::borrow::Cow<'_, str> {
                ::twilio_runtime::one_of::to_param(self)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                #decode
                Ok(Self::#other(value))
            }
        }
    }
}

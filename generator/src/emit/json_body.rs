//! JSON request bodies: the statements that write a builder's values into the request (through
//! the runtime's `Request::json_object`, `json_field` and `json_body`), and the constructor of
//! each struct written into a JSON body.

use proc_macro2::TokenStream;
use quote::quote;

use super::checks::check_stmts;
use super::{Cx, ident, setter_arg};
use crate::model::*;

/// Writes one value of the builder `params` into the JSON body: a member of the object (left
/// out when an optional value is not set, or an optional array is empty), or the whole body
/// (empty wire name).
pub fn encode(op: &Operation, p: &Param) -> TokenStream {
    let op_id = &op.id;
    let f = ident(&p.rust_name);
    let wire = &p.wire_name;
    // Dates are written as the runtime writes them into forms (RFC 3339, `YYYY-MM-DD`).
    let value = |v: TokenStream| match p.ty {
        TypeRef::DateTime { .. } | TypeRef::Date => {
            quote!(&*::twilio_runtime::Param::to_param(#v))
        }
        _ => v,
    };
    if wire.is_empty() {
        let media = op
            .body
            .as_ref()
            .and_then(|b| b.json())
            .map(|b| b.media_type.clone())
            .unwrap_or_default();
        let v = value(quote!(&params.#f));
        return quote!(request = request.json_body(#media, #v)?;);
    }
    if matches!(p.ty, TypeRef::Array(_)) {
        let check = check_stmts(op_id, p, quote!(params.#f), false);
        if p.required {
            quote! {
                #check
                request = request.json_field(#wire, &params.#f)?;
            }
        } else {
            quote! {
                if !params.#f.is_empty() {
                    #check
                    request = request.json_field(#wire, &params.#f)?;
                }
            }
        }
    } else if p.required {
        let check = check_stmts(op_id, p, quote!(params.#f), false);
        let v = value(quote!(&params.#f));
        quote! {
            #check
            request = request.json_field(#wire, #v)?;
        }
    } else {
        let check = check_stmts(op_id, p, quote!(value), true);
        let v = value(quote!(value));
        quote! {
            if let Some(value) = &params.#f {
                #check
                request = request.json_field(#wire, #v)?;
            }
        }
    }
}

/// `new` for a struct written into a JSON request body: its required values (not the optional
/// ones, nor arrays and maps, which start empty) in wire-name order; the other fields are public
/// and set directly.
pub fn struct_ctor(cx: &Cx<'_>, def: &TypeDef, s: &StructDef) -> TokenStream {
    let name = ident(&def.name);
    let mut args = Vec::new();
    let mut inits = Vec::new();
    let mut docs = vec![format!(
        " A `{}` with the values the spec requires; set the others through its public fields.",
        def.name
    )];
    for f in &s.fields {
        let fname = ident(&f.rust_name);
        let collection = matches!(f.ty, TypeRef::Array(_) | TypeRef::Map(_));
        if f.optional || collection {
            inits.push(quote!(#fname: Default::default(),));
            continue;
        }
        let (arg, conv) = setter_arg(cx, &f.ty);
        args.push(quote!(#fname: #arg));
        let value = quote!(#fname #conv);
        if f.boxed {
            inits.push(quote!(#fname: Box::new(#value),));
        } else if conv.is_empty() {
            inits.push(quote!(#fname,));
        } else {
            inits.push(quote!(#fname: #value,));
        }
        if docs.len() == 1 {
            docs.push(String::new());
        }
        docs.push(format!(" - `{}`: `{}`", f.rust_name, f.wire_name));
    }
    let allow = (args.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        impl #name {
            #(#[doc = #docs])*
            #allow
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits)* }
            }
        }
    }
}

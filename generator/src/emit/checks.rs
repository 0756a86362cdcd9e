//! The spec's constraints on parameter values (`minLength`, `maximum`, `maxItems`, ...): their
//! documentation on setters and the statements that check them before a request is sent.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::*;

/// A sentence documenting the constraints, if there are any.
pub fn checks_doc(c: &Checks) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(v) = c.min_length {
        parts.push(format!("at least {v} characters"));
    }
    if let Some(v) = c.max_length {
        parts.push(format!("at most {v} characters"));
    }
    if let Some(v) = c.minimum {
        parts.push(format!("at least {v}"));
    }
    if let Some(v) = c.maximum {
        parts.push(format!("at most {v}"));
    }
    if let Some(v) = c.max_items {
        parts.push(format!("at most {v} values"));
    }
    (!parts.is_empty()).then(|| format!("Checked before sending: {}.", parts.join(", ")))
}

/// Statements that check one value against the spec's constraints. `value` is an expression of the
/// parameter's type, or of a reference to it when `by_ref` (numbers are then compared through `*`).
pub fn check_stmts(op_id: &str, p: &Param, value: TokenStream, by_ref: bool) -> TokenStream {
    let c = &p.checks;
    let wire = &p.wire_name;
    let mut out = Vec::new();
    let fail = |reason: String| quote!(return Err(::twilio_runtime::Error::invalid_input(#op_id, #wire, #reason)););
    match &p.ty {
        TypeRef::String => {
            // `minLength: 0` holds for every string.
            if let Some(min) = c.min_length.filter(|min| *min > 0) {
                let f = fail(format!("must be at least {min} characters long"));
                out.push(quote!(if #value.chars().count() < #min { #f }));
            }
            if let Some(max) = c.max_length {
                let f = fail(format!("must be at most {max} characters long"));
                out.push(quote!(if #value.chars().count() > #max { #f }));
            }
        }
        TypeRef::I32 | TypeRef::I64 | TypeRef::F64 => {
            let value = if by_ref { quote!(*#value) } else { value };
            let lit = |v: f64| -> TokenStream {
                match p.ty {
                    TypeRef::I32 => {
                        let v = v as i32;
                        quote!(#v)
                    }
                    TypeRef::I64 => {
                        let v = v as i64;
                        quote!(#v)
                    }
                    _ => quote!(#v),
                }
            };
            if let Some(min) = c.minimum {
                let l = lit(min);
                let f = fail(format!("must be at least {min}"));
                out.push(quote!(if #value < #l { #f }));
            }
            if let Some(max) = c.maximum {
                let l = lit(max);
                let f = fail(format!("must be at most {max}"));
                out.push(quote!(if #value > #l { #f }));
            }
        }
        TypeRef::Array(_) => {
            if let Some(max) = c.max_items {
                let f = fail(format!("takes at most {max} values"));
                out.push(quote!(if #value.len() > #max { #f }));
            }
        }
        _ => {}
    }
    quote!(#(#out)*)
}

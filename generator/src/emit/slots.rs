//! The values an operation's builder holds (its slots: query, header, form and JSON values) and
//! how each is typed: what the builder (`emit/params.rs`), the request function
//! (`emit/operations.rs`) and its text (`emit/method_text.rs`) share.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Cx, docs};
use crate::model::*;

/// One settable value of a builder: a query parameter or a form field.
pub(super) struct Slot<'a> {
    pub(super) param: &'a Param,
    pub(super) location: Location,
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Location {
    Query,
    Form,
    Header,
    /// A member of a JSON object body, or (wire name empty) the whole JSON body.
    Json,
}

pub(super) fn slots(op: &Operation) -> Vec<Slot<'_>> {
    let mut out: Vec<Slot<'_>> = op
        .query_params
        .iter()
        .map(|p| Slot {
            param: p,
            location: Location::Query,
        })
        .collect();
    out.extend(op.header_params.iter().map(|p| Slot {
        param: p,
        location: Location::Header,
    }));
    if let Some(body) = op.body.as_ref().and_then(|b| b.form()) {
        out.extend(body.fields.iter().map(|p| Slot {
            param: p,
            location: Location::Form,
        }));
    }
    if let Some(body) = op.body.as_ref().and_then(|b| b.json()) {
        out.extend(body.value.iter().chain(&body.fields).map(|p| Slot {
            param: p,
            location: Location::Json,
        }));
    }
    out
}

/// Whether a slot can be set through the builder: anything serde writes can be a JSON value.
pub(super) fn is_settable(cx: &Cx<'_>, s: &Slot<'_>) -> bool {
    s.location == Location::Json || is_encodable(cx, &s.param.ty)
}

pub(super) fn is_array(ty: &TypeRef) -> Option<&TypeRef> {
    match ty {
        TypeRef::Array(inner) => Some(inner),
        _ => None,
    }
}

/// Whether a value of this type can be written as one query or form value.
fn is_encodable(cx: &Cx<'_>, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::F64
        | TypeRef::Decimal
        | TypeRef::DateTime { .. }
        | TypeRef::Date
        | TypeRef::Json => true,
        TypeRef::Named(id) => {
            cx.is_sid(ty)
                || cx.is_enum(ty)
                || cx.is_value_type(ty)
                || matches!(
                    cx.api.types.get(id).map(|t| &t.kind),
                    Some(TypeKind::OneOf(_))
                )
        }
        TypeRef::Array(inner) => !matches!(**inner, TypeRef::Array(_)) && is_encodable(cx, inner),
        TypeRef::Map(_) => false,
    }
}

/// The field type inside the builder (`Option` for optional scalars, `Vec` for arrays).
pub(super) fn slot_field_type(cx: &Cx<'_>, p: &Param) -> TokenStream {
    let ty = cx.ty(&p.ty);
    if is_array(&p.ty).is_some() || p.required {
        ty
    } else {
        quote!(Option<#ty>)
    }
}

pub(super) fn first_sentence(doc: Option<&str>) -> String {
    let Some(doc) = doc else { return String::new() };
    let line = docs::lines(doc).into_iter().next().unwrap_or_default();
    if line.is_empty() {
        String::new()
    } else {
        format!(": {line}")
    }
}

//! The type an operation's method returns: `twilio_runtime::Pending<T, D>`, the request value
//! (the runtime's), with the value type `T` of a successful answer and its decoder `D`. The flat
//! methods, the navigation methods and the mock's rules use it.

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use crate::model::{Operation, ResponseKind};

/// The value type of an operation's flat method (what it returns on success).
pub(super) fn return_type(cx: &Cx<'_>, op: &Operation) -> TokenStream {
    match &op.response {
        ResponseKind::Empty => quote!(()),
        ResponseKind::Redirect => quote!(::twilio_runtime::Redirect),
        ResponseKind::Json(ty) => cx.ty(ty),
        ResponseKind::Page(id) => cx.named(id),
        ResponseKind::Xml(body) => cx.ty(&body.ty),
        ResponseKind::Text { .. } => quote!(String),
    }
}

/// The type an operation's method returns, `twilio_runtime::Pending<T, D>`: the value type and
/// the decoder of its answer (JSON by default, nothing, a redirect, XML, text).
pub(super) fn pending_type(cx: &Cx<'_>, op: &Operation) -> TokenStream {
    let ret = return_type(cx, op);
    let decoder = match &op.response {
        ResponseKind::Json(_) | ResponseKind::Page(_) => quote!(),
        ResponseKind::Empty => quote!(, ::twilio_runtime::decode::Empty),
        ResponseKind::Redirect => quote!(, ::twilio_runtime::decode::Location),
        ResponseKind::Xml(_) => quote!(, ::twilio_runtime::decode::Xml),
        ResponseKind::Text { .. } => quote!(, ::twilio_runtime::decode::Text),
    };
    quote!(::twilio_runtime::Pending<#ret #decoder>)
}

//! Emits the waiters (rule "waiters"): `Client::wait_for_call(&sid, &[CallStatus::Completed],
//! WaitOptions)` polls the fetch operation with backoff until the status is one of those given,
//! or fails at the deadline. The loop is the runtime's `wait_until`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Cx, ident};
use crate::model::{Operation, PathSource, ResponseKind, TypeKind, TypeRef};

/// The waiters of the operations of `module`, as `impl crate::Client` blocks.
pub fn module(cx: &Cx<'_>, module: &str) -> TokenStream {
    let blocks = cx
        .operations_in(module)
        .iter()
        .filter_map(|op| waiter(cx, op));
    quote!(#(#blocks)*)
}

fn waiter(cx: &Cx<'_>, op: &Operation) -> Option<TokenStream> {
    let index = cx.op_index(op)?;
    let waiter = cx.api.surface.waiter(index)?;
    let ResponseKind::Json(TypeRef::Named(id)) = &op.response else {
        return None;
    };
    let TypeKind::Struct(s) = &cx.api.types.get(id)?.kind else {
        return None;
    };
    let field = s.fields.iter().find(|f| f.wire_name == "status")?;
    let f = ident(&field.rust_name);
    let state = if field.optional {
        quote!(Clone::clone(&value.#f))
    } else {
        quote!(Some(Clone::clone(&value.#f)))
    };
    let ty = cx.named(id);
    let status = cx.named(&waiter.status);
    let mut args = Vec::new();
    let mut names = Vec::new();
    for p in op
        .path_params
        .iter()
        .filter(|p| p.source == PathSource::Argument)
    {
        let a = ident(&p.rust_name);
        if cx.is_sid(&p.ty) || cx.is_enum(&p.ty) {
            let t = cx.ty(&p.ty);
            args.push(quote!(#a: &#t));
            names.push(quote!(#a));
        } else if p.ty == TypeRef::String {
            args.push(quote!(#a: &str));
            names.push(quote!(#a));
        } else {
            let t = cx.ty(&p.ty);
            args.push(quote!(#a: #t));
            names.push(quote!(Clone::clone(&#a)));
        }
    }
    if op.has_params() {
        let t = ident(&op.params_name);
        args.push(quote!(params: #t));
        names.push(quote!(Clone::clone(&params)));
    }
    let name = ident(&waiter.name);
    let fetch = ident(&op.rust_name);
    let id_str = &op.id;
    let doc = format!(
        " Waits until the `status` of the resource [`Client::{f}`](crate::Client::{f}) returns is one of `statuses`, fetching it again with a growing pause (see [`WaitOptions`](::twilio_runtime::WaitOptions)); returns the resource as last fetched.",
        f = op.rust_name
    );
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let allow = op.deprecated.then(|| quote!(#[allow(deprecated)]));
    Some(quote! {
        impl crate::Client {
            #[doc = #doc]
            ///
            /// # Errors
            /// The error of a failed fetch, or [`Error::WaitTimeout`](::twilio_runtime::Error::WaitTimeout)
            /// naming the last status seen when the deadline passes first.
            #deprecated
            #allow
            pub async fn #name(&self, #(#args,)* statuses: &[#status], options: ::twilio_runtime::WaitOptions) -> Result<#ty, ::twilio_runtime::Error> {
                ::twilio_runtime::wait_until(
                    #id_str,
                    &options,
                    statuses,
                    |value: &#ty| #state,
                    || self.#fetch(#(#names),*).send(),
                )
                .await
            }
        }
    })
}

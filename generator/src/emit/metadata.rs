//! Emits the `*_with_metadata` companion of an operation: the same call, returning the decoded
//! value with the response's status and headers (`twilio_runtime::Response`).

use proc_macro2::TokenStream;
use quote::quote;

use super::{Cx, ident};
use crate::model::{Operation, ResponseKind};

/// The method, or nothing when the operation has no metadata companion (see `surface.rs`).
/// `args`/`arg_names` are the flat method's arguments, `ret` its value type.
pub fn method(
    cx: &Cx<'_>,
    op: &Operation,
    args: &[TokenStream],
    arg_names: &[TokenStream],
    ret: &TokenStream,
) -> TokenStream {
    let Some(name) = cx
        .op_index(op)
        .and_then(|i| cx.api.surface.metadata_names.get(&i))
    else {
        return quote!();
    };
    let name = ident(name);
    let request_fn = ident(&op.request_name);
    let send = match op.response {
        ResponseKind::Empty => quote!(send_empty_with_metadata),
        _ => quote!(send_with_metadata),
    };
    let doc = format!(
        " [`Client::{m}`](crate::Client::{m}), returning the response's status and headers with the value: Twilio's request id (`Twilio-Request-Id`), concurrency and rate headers, see [`Response`](::twilio_runtime::Response).",
        m = op.rust_name
    );
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #[doc = #doc]
        ///
        /// # Errors
        /// As the method without metadata.
        #deprecated
        pub async fn #name(&self, #(#args),*) -> ::std::result::Result<::twilio_runtime::Response<#ret>, ::twilio_runtime::Error> {
            let request = self.#request_fn(#(#arg_names),*)?;
            self.core().#send(request).await
        }
    }
}

//! Emits the `webhooks` module: one payload struct per callback of the spec (the requests Twilio
//! sends to the application), decoded from the request's form or query by
//! `twilio_runtime::webhook::Payload`, keeping the parameters the spec does not declare.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Cx, docs, fields, ident, redacting_debug, types};
use crate::model::*;

/// `src/webhooks.rs`.
pub fn module_file(cx: &Cx<'_>) -> TokenStream {
    let api = cx.api;
    let mut lines = vec![
        "The requests Twilio sends to the application: one typed payload per callback of the spec."
            .to_owned(),
        String::new(),
        "Check the request's `X-Twilio-Signature` and decode it in one step with [`twilio_runtime::webhook::RequestValidator::verify_as`]; a payload decodes from a form `POST` or from the query of a `GET` alike, and keeps the parameters it does not declare. Answer the voice URL with TwiML ([`twilio_runtime::twiml::Response`]), an incoming message with a [`twilio_runtime::twiml::MessagingResponse`], and status callbacks with an empty 2xx.".to_owned(),
        String::new(),
        "| payload | sent to the URL given in |".to_owned(),
        "| --- | --- |".to_owned(),
    ];
    for cb in &api.callbacks {
        let Some(def) = api.types.get(&cb.payload) else {
            continue;
        };
        let sources: Vec<String> = cb
            .declared_by
            .iter()
            .map(|(op, param)| format!("{param} of {}", op_link(api, op)))
            .collect();
        lines.push(format!("| [`{}`] | {} |", def.name, sources.join(", ")));
    }
    let doc = docs::inner_lines_to_attrs(&lines);
    let items = cx
        .types_in(crate::model::WEBHOOKS_MODULE)
        .iter()
        .filter_map(|(_, id)| {
            let def = api.types.get(*id)?;
            match (api.callbacks.iter().find(|c| &c.payload == *id), &def.kind) {
                (Some(cb), TypeKind::Struct(s)) => Some(payload(cx, cb, def, s)),
                _ => Some(types::type_def(cx, id, def)),
            }
        });
    quote! {
        #doc
        #(#items)*
    }
}

/// A link to the client method of the operation `id`.
fn op_link(api: &Api, id: &str) -> String {
    match api.operations.iter().find(|o| o.id == id) {
        Some(op) => format!("[`{m}`](crate::Client::{m})", m = op.rust_name),
        None => format!("`{id}`"),
    }
}

/// Whether the field holds free text (numbers, names, places, message content), which `Debug`
/// leaves out: SIDs, enums, numbers and dates are shown.
fn is_free_text(f: &Field) -> bool {
    f.sensitive || matches!(f.ty, TypeRef::String | TypeRef::Json)
}

fn payload(cx: &Cx<'_>, cb: &Callback, def: &TypeDef, s: &StructDef) -> TokenStream {
    let api = cx.api;
    let name = ident(&def.name);
    let mut lines = Vec::new();
    lines.extend(docs::lines(
        cb.summary
            .as_deref()
            .unwrap_or("A request Twilio sends to the application."),
    ));
    if let Some(d) = cb.description.get() {
        lines.push(String::new());
        lines.extend(docs::lines(d));
    }
    lines.push(String::new());
    let sources: Vec<String> = cb
        .declared_by
        .iter()
        .map(|(op, param)| format!("{param} of {}", op_link(api, op)))
        .collect();
    lines.push(format!(
        "Sent to the URL given in {}. Answer with {}.",
        sources.join(", "),
        if cb.answers_twiml {
            "TwiML (a [`twilio_runtime::twiml::Response`] for a call, a [`twilio_runtime::twiml::MessagingResponse`] for a message)"
        } else {
            "an empty 2xx"
        }
    ));
    lines.push(String::new());
    lines.push(format!(
        "Parameters the spec does not declare are kept in `{}`; `Debug` leaves out free-text values (phone numbers, names, places, message content).",
        cb.other_name
    ));
    let doc = docs::lines_to_attrs(&lines);
    let family_of = |f: &Field| cb.families.iter().find(|fam| fam.field == f.wire_name);
    // The declared parameters and how each reads (the families are filled in after decoding).
    let typed: Vec<_> = s
        .fields
        .iter()
        .filter(|f| family_of(f).is_none())
        .map(|f| (f.rust_name.as_str(), fields::field_type(cx, f, false, true)))
        .collect();
    // Compact models (`emit/models.rs`), as for the models read from JSON.
    let skipped: Vec<&str> = s
        .fields
        .iter()
        .filter(|f| family_of(f).is_some())
        .map(|f| f.rust_name.as_str())
        .chain([cb.other_name.as_str()])
        .collect();
    let compact = super::models::impls(
        &def.name,
        &typed
            .iter()
            .map(|(rust, (_, w))| (*rust, w))
            .collect::<Vec<_>>(),
        &skipped,
        false,
    );
    let skip = compact.is_none().then(|| quote!(#[serde(skip)]));
    let mut typed = typed.into_iter();
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        if family_of(f).is_some() {
            let fdoc = docs::attrs(f.doc.as_deref());
            let ty = cx.ty(&f.ty);
            return quote! {
                #fdoc
                #skip
                pub #fname: #ty,
            };
        }
        let fdoc = docs::attrs(Some(&docs::or_else(f.doc.as_deref(), || {
            format!("The `{}` parameter.", f.wire_name)
        })));
        let (ty, serde_attr) = match typed.next() {
            Some((_, (ty, wire))) => (ty, compact.is_none().then(|| wire.attr())),
            None => (cx.ty(&f.ty), None),
        };
        quote! {
            #fdoc
            #serde_attr
            pub #fname: #ty,
        }
    });
    let fields: Vec<TokenStream> = fields.collect();
    let derives = if compact.is_some() {
        quote!(#[derive(Clone, PartialEq)])
    } else {
        quote!(#[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)])
    };
    let other = ident(&cb.other_name);
    // The declared parameters' names: the compact impl's `FIELDS` when there is one.
    let known = if compact.is_some() {
        quote!(<Self as ::twilio_runtime::serde::model::Fields>::FIELDS)
    } else {
        let names = s
            .fields
            .iter()
            .filter(|f| family_of(f).is_none())
            .map(|f| f.wire_name.as_str());
        quote!(&[#(#names),*])
    };
    let families = s.fields.iter().filter_map(|f| {
        let fam = family_of(f)?;
        let item = api.types.get(&fam.item)?;
        let TypeKind::Struct(item_struct) = &item.kind else {
            return None;
        };
        let [a, b] = item_struct.fields.as_slice() else {
            return None;
        };
        let (fa, fb) = (ident(&a.rust_name), ident(&b.rust_name));
        let item_ty = cx.ty(&TypeRef::Named(fam.item.clone()));
        let fname = ident(&f.rust_name);
        let [pa, pb] = &fam.prefixes;
        Some(quote! {
            payload.#fname = ::twilio_runtime::webhook::take_family(&mut other, #pa, #pb)
                .into_iter()
                .map(|(#fa, #fb)| #item_ty { #fa, #fb })
                .collect();
        })
    });
    let families: Vec<TokenStream> = families.collect();
    let decode = if families.is_empty() {
        quote!(let (mut payload, other): (Self, _) = params.decode(#known)?;)
    } else {
        quote! {
            let (mut payload, mut other): (Self, _) = params.decode(#known)?;
            #(#families)*
        }
    };
    let debug = redacting_debug(
        &def.name,
        s.fields
            .iter()
            .map(|f| (f.rust_name.as_str(), is_free_text(f)))
            .chain(std::iter::once((cb.other_name.as_str(), true))),
    );
    // `from_params` is `#[inline]`: a non-generic function of a library is compiled there with
    // every generic function it reaches, and this one reaches the whole form decoder (`read_map`
    // over the runtime's parameter map, each field's reader). Inline, it is compiled where a
    // payload is decoded, for the payloads decoded: the Calls crate's own items go from 2,055 to
    // 874 (BENCHMARKS.md, twelfth session).
    quote! {
        #doc
        #derives
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// The parameters Twilio sent that this payload does not declare, in the order
            /// received (Twilio adds parameters over time).
            #skip
            pub #other: Vec<(String, String)>,
        }

        #compact

        #debug

        impl ::twilio_runtime::webhook::Payload for #name {
            #[inline]
            fn from_params(
                params: &::twilio_runtime::webhook::Params,
            ) -> Result<Self, ::twilio_runtime::webhook::WebhookError> {
                #decode
                payload.#other = other;
                Ok(payload)
            }
        }
    }
}

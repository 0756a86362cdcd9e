//! Emits, per operation, the parameter builder and the request function(s) on `Client`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::checks::check_stmts;
use super::slots::{Location, first_sentence, is_array, is_settable, slots};
use super::{Cx, docs, ident};
use crate::model::*;

/// The parameter builder (if any) and the `impl crate::Client` block of one operation.
pub fn operation(cx: &Cx<'_>, op: &Operation) -> TokenStream {
    let builder = op
        .has_params()
        .then(|| super::params::params_builder(cx, op, &op.params_name));
    let client = client_impl(cx, op);
    quote! {
        #builder
        #client
    }
}

/// The statements that check and encode the builder into `request`.
fn encode_stmts(cx: &Cx<'_>, op: &Operation) -> TokenStream {
    let op_id = &op.id;
    let mut out = Vec::new();
    if let Some(body) = op.body.as_ref().and_then(|b| b.json())
        && body.value.is_none()
    {
        let media = &body.media_type;
        out.push(quote!(request = request.json_object(#media);));
    }
    for s in slots(op) {
        let p = s.param;
        if !is_settable(cx, &s) {
            continue;
        }
        let f = ident(&p.rust_name);
        let wire = &p.wire_name;
        if s.location == Location::Json {
            out.push(super::json_body::encode(op, p));
            continue;
        }
        let call = match s.location {
            Location::Query => quote!(query),
            Location::Header => quote!(header),
            Location::Form if p.allow_reserved => quote!(form_allow_reserved),
            Location::Form | Location::Json => quote!(form),
        };
        if is_array(&p.ty).is_some() {
            let check = check_stmts(op_id, p, quote!(params.#f), false);
            out.push(quote! {
                #check
                for value in &params.#f {
                    request = request.#call(#wire, value);
                }
            });
        } else if p.required {
            let check = check_stmts(op_id, p, quote!(params.#f), false);
            out.push(quote! {
                #check
                request = request.#call(#wire, &params.#f);
            });
        } else {
            let check = check_stmts(op_id, p, quote!(value), true);
            out.push(quote! {
                if let Some(value) = &params.#f {
                    #check
                    request = request.#call(#wire, value);
                }
            });
        }
    }
    if let Some(body) = op.body.as_ref().and_then(|b| b.form()) {
        for c in &body.choices {
            let f = ident(&c.rust_name);
            let Some(TypeDef {
                kind: TypeKind::Choice(def),
                ..
            }) = cx.api.types.get(&c.id)
            else {
                continue;
            };
            let ty = cx.named(&c.id);
            let arms = def.members.iter().map(|m| {
                let v = ident(&m.rust_name);
                let wire = &m.wire_name;
                if let TypeRef::Array(_) = m.ty {
                    quote!(#ty::#v(values) => { for value in values { request = request.form(#wire, value); } })
                } else {
                    quote!(#ty::#v(value) => { request = request.form(#wire, value); })
                }
            });
            out.push(quote! {
                match &params.#f {
                    #(#arms)*
                }
            });
        }
        for fam in &body.families {
            out.push(super::families::encode(op_id, fam));
        }
    }
    quote!(#(#out)*)
}

/// The operation's method on `Client` (it returns the request value, `Pending`) and the private
/// function that builds its request.
fn client_impl(cx: &Cx<'_>, op: &Operation) -> TokenStream {
    let method = ident(&op.rust_name);
    let op_id = &op.id;
    let server = &op.server;
    let path = &op.path;
    let http = format_ident!("{}", op.method.as_str());

    // Arguments: path parameters not filled from the client, then the builder.
    let mut args = Vec::new();
    let mut arg_names = Vec::new();
    let mut path_stmts = Vec::new();
    let mut arg_docs = Vec::new();
    let mut uses_core = false;
    // The same, for the text (`emit/method_text.rs`): each argument's name and type, each path
    // call's value (`None` where the build has a call the text does not write).
    let mut text = super::method_text::Method::default();
    for p in &op.path_params {
        let wire = &p.wire_name;
        match p.source {
            PathSource::Account => {
                uses_core = true;
                path_stmts.push(quote!(.path_param(#wire, core.account_sid())));
                text.path_param(wire, "core.account_sid()".to_owned());
            }
            PathSource::Argument => {
                let a = ident(&p.rust_name);
                let value = if cx.is_sid(&p.ty) || cx.is_enum(&p.ty) {
                    let t = cx.ty(&p.ty);
                    text.arg(&a, quote!(&#t));
                    text.path_param(wire, format!("{a}.as_str()"));
                    args.push(quote!(#a: &#t));
                    quote!(#a.as_str())
                } else if p.ty == TypeRef::String {
                    text.arg(&a, quote!(&str));
                    text.path_param(wire, a.to_string());
                    args.push(quote!(#a: &str));
                    quote!(#a)
                } else {
                    let t = cx.ty(&p.ty);
                    text.arg(&a, quote!(#t));
                    text.path_param(wire, format!("&::twilio_runtime::Param::to_param(&{a})"));
                    args.push(quote!(#a: #t));
                    quote!(&::twilio_runtime::Param::to_param(&#a))
                };
                arg_names.push(quote!(#a));
                path_stmts.push(quote!(.path_param(#wire, #value)));
                arg_docs.push(format!(
                    "- `{}`: `{}`{}",
                    p.rust_name,
                    wire,
                    first_sentence(p.doc.as_deref())
                ));
            }
        }
    }
    // Rule "security schemes": the schemes the operation accepts, when not basic alone.
    if let Some(auth) = super::headers::auth_call(&op.security) {
        path_stmts.push(auth);
        text.unwritten();
    }
    // Rule "XML bodies": ask for the declared media type.
    if let ResponseKind::Xml(XmlBody { media_type, .. }) | ResponseKind::Text { media_type } =
        &op.response
    {
        path_stmts.push(quote!(.accept(#media_type)));
        text.unwritten();
    }
    // Rule "XML bodies": an XML request body is an argument, written by quick-xml.
    let xml_body = op.body.as_ref().and_then(|b| b.xml()).map(|body| {
        let ty = cx.ty(&body.ty);
        text.unwritten();
        args.push(quote!(body: &#ty));
        arg_names.push(quote!(body));
        arg_docs.push(format!(
            "- `body`: the request's XML document (`{}`)",
            body.media_type
        ));
        let media = &body.media_type;
        let root = body.root.clone().unwrap_or_default();
        quote!(let request = request.xml_body(#media, #root, body)?;)
    });
    let params_ty = op.has_params().then(|| ident(&op.params_name));
    if let Some(t) = &params_ty {
        text.arg(&format_ident!("params"), quote!(#t));
        args.push(quote!(params: #t));
        arg_names.push(quote!(params));
        let what = if op.header_params.is_empty() {
            "query and body values"
        } else {
            "query, header and body values"
        };
        arg_docs.push(format!("- `params`: the {what}, see [`{t}`]"));
    }
    let encode = if params_ty.is_some() {
        encode_stmts(cx, op)
    } else {
        quote!()
    };
    let mutable = (!encode.is_empty()).then(|| quote!(mut));
    let build = quote! {
        let #mutable request = ::twilio_runtime::Request::new(::twilio_runtime::Method::#http, #op_id, #server, #path)
            #(#path_stmts)*;
        #encode
    };

    let mut doc_lines = Vec::new();
    if let Some(s) = op.summary.get() {
        doc_lines.extend(docs::lines(s));
    }
    if let Some(d) = op.description.get() {
        let d = docs::lines(d);
        if Some(&d) != op.summary.get().map(docs::lines).as_ref() {
            if !doc_lines.is_empty() {
                doc_lines.push(String::new());
            }
            doc_lines.extend(d);
        }
    }
    if !doc_lines.is_empty() {
        doc_lines.push(String::new());
    }
    doc_lines.push(format!(
        "Sends `{} {}` (operation `{}`) when awaited: the returned [`Pending`](::twilio_runtime::Pending) also gives the response's metadata (`.with_metadata()`), the built request (`.request()`) and options of this request only (`.timeout(..)`, `.header(..)`, `.retry(..)`){}.",
        op.method.as_str(),
        op.path,
        op.id,
        if matches!(op.response, ResponseKind::Page(_)) {
            "; `.stream()` gives every item of every page, fetched lazily"
        } else {
            ""
        }
    ));
    if op
        .path_params
        .iter()
        .any(|p| p.source == PathSource::Account)
    {
        doc_lines.push("The account is the client's own; see [`Client::with_account_sid`](crate::Client::with_account_sid).".to_owned());
    }
    doc_lines.extend(super::headers::auth_doc(&op.security));
    if !arg_docs.is_empty() {
        doc_lines.push(String::new());
        doc_lines.push("# Arguments".to_owned());
        doc_lines.extend(arg_docs);
    }
    doc_lines.push(String::new());
    doc_lines.push("# Errors".to_owned());
    doc_lines.push("Awaiting fails when a value breaks the spec's constraints (before anything is sent), when the request cannot be sent, when Twilio answers with an error, or when the answer cannot be decoded.".to_owned());
    if let Some(example) = matches!(op.response, ResponseKind::Page(_))
        .then(|| super::examples::stream_example(cx, op))
        .filter(|lines| !lines.is_empty())
    {
        doc_lines.extend(example);
    }
    let doc = docs::lines_to_attrs(&doc_lines);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));

    let request_fn = ident(&op.request_name);
    let pending = super::pending::pending_type(cx, op);
    // A request that cannot fail to build (no value to check or encode) is built in the method
    // itself: a private function returning `Result` for it would be code without a purpose.
    let inline = encode.is_empty() && xml_body.is_none();
    let (client, request) = if inline {
        let client = if uses_core {
            quote!(core)
        } else {
            quote!(self.core())
        };
        (client, quote!(Ok(request)))
    } else {
        (quote!(self.core()), quote!(request))
    };
    let wrap = match &op.response {
        ResponseKind::Xml(body) => {
            let root = match &body.root {
                Some(root) => quote!(Some(#root)),
                None => quote!(None),
            };
            quote!(::twilio_runtime::Pending::with_decoder(#client, #request, ::twilio_runtime::decode::Xml(#root)))
        }
        _ => quote!(::twilio_runtime::Pending::new(#client, #request)),
    };
    text.describe(op, &doc_lines, &pending, uses_core, inline);
    let xml_response = matches!(op.response, ResponseKind::Xml(_));
    if inline {
        if let Some(written) = (!xml_response)
            .then(|| super::doc_blocks::item(|| text.client_text()))
            .flatten()
        {
            return written;
        }
        let core = uses_core.then(|| quote!(let core = self.core();));
        return quote! {
            impl crate::Client {
                #doc
                #deprecated
                pub fn #method(&self, #(#args),*) -> #pending {
                    #core
                    #build
                    #wrap
                }
            }
        };
    }
    let (core_param, core_arg) = if uses_core {
        (
            quote!(core: &::twilio_runtime::Client,),
            quote!(self.core(),),
        )
    } else {
        (quote!(), quote!())
    };
    let method_text = (!xml_response)
        .then(|| super::doc_blocks::item(|| text.client_text()))
        .flatten();
    let request_text = super::doc_blocks::item(|| text.request_text(cx, op));
    if let (Some(method), Some(request)) = (&method_text, &request_text) {
        return quote! {
            #method
            #request
        };
    }
    let build_doc = docs::lines_to_attrs(&[format!(
        "Builds the request of [`Client::{m}`](crate::Client::{m}).",
        m = op.rust_name
    )]);
    quote! {
        impl crate::Client {
            #doc
            #deprecated
            pub fn #method(&self, #(#args),*) -> #pending {
                let request = #request_fn(#core_arg #(#arg_names),*);
                #wrap
            }
        }

        #build_doc
        fn #request_fn(#core_param #(#args),*) -> Result<::twilio_runtime::Request, ::twilio_runtime::Error> {
            #build
            #xml_body
            Ok(request)
        }
    }
}

//! Emits `src/navigation.rs`: the navigation API from the path hierarchy (rule "navigation"),
//! beside the flat methods: `client.call(&sid).recordings().list(..)`,
//! `client.call(&sid).update(..)`. Every method calls the flat one and returns the same request
//! value (`twilio_runtime::Pending`, with `.stream()` for lists); nothing else is sent.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Cx, docs, ident};
use crate::model::{NavNode, NodeKind};
use crate::model::{Operation, TypeRef};

/// Whether the crate gets a `navigation` module.
pub fn has_navigation(api: &crate::model::Api) -> bool {
    api.surface.structs().next().is_some()
}

/// How an instance's value is held and passed: its field type (with lifetime `'a`), the
/// accessor's argument type and whether it is passed by reference.
fn value_type(cx: &Cx<'_>, ty: &TypeRef) -> (TokenStream, bool) {
    if cx.is_sid(ty) || cx.is_enum(ty) {
        let t = cx.ty(ty);
        (quote!(&'a #t), true)
    } else if *ty == TypeRef::String {
        (quote!(&'a str), true)
    } else {
        (cx.ty(ty), false)
    }
}

/// The arguments of an operation's flat method after its path values: an XML body, then the
/// parameter builder (types and names).
pub(super) fn trailing_args(cx: &Cx<'_>, op: &Operation) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let mut args = Vec::new();
    let mut names = Vec::new();
    if let Some(body) = op.body.as_ref().and_then(|b| b.xml()) {
        let ty = cx.ty(&body.ty);
        args.push(quote!(body: &#ty));
        names.push(quote!(body));
    }
    if op.has_params() {
        let t = ident(&op.params_name);
        args.push(quote!(params: crate::#t));
        names.push(quote!(params));
    }
    (args, names)
}

fn field(k: usize) -> proc_macro2::Ident {
    ident(&format!("v{k}"))
}

/// The human path of a node: `/Calls/{Sid}/Recordings`.
fn node_path(cx: &Cx<'_>, n: usize) -> String {
    let mut parts = Vec::new();
    let mut at = Some(n);
    let nodes = &cx.api.surface.nodes;
    // Walk up through the tree by the instances' and owners' segments: rebuild from the node's
    // own chain of owners and segments.
    while let Some(i) = at {
        let Some(node) = nodes.get(i) else { break };
        match node.kind {
            NodeKind::Root => break,
            NodeKind::Collection => parts.push(node.segment.clone()),
            NodeKind::Instance(_) => {
                parts.push(format!("{{{}}}", node.segment));
            }
        }
        at = node.parent;
    }
    parts.reverse();
    format!("/{}", parts.join("/"))
}

/// The file, or `None` when there is nothing to navigate.
pub fn file(cx: &Cx<'_>) -> TokenStream {
    let surface = &cx.api.surface;
    let structs = surface.structs().map(|(n, node)| node_struct(cx, n, node));
    let root_accessors = surface
        .owned_by(0)
        .map(|(n, child)| accessor(cx, 0, n, child));
    quote! {
        //! Navigation along the API's paths, beside the flat methods of [`Client`](crate::Client):
        //! `client.call(&sid)` is one call, `.recordings()` its recordings, and each node has the
        //! operations of its path (`list`, `create`, `fetch`, `update`, `delete`...). Each method
        //! calls the flat one with the path values the node holds.
        #(#structs)*

        impl crate::Client {
            #(#root_accessors)*
        }
    }
}

fn node_struct(cx: &Cx<'_>, n: usize, node: &NavNode) -> TokenStream {
    let name = ident(&node.type_name);
    let path = node_path(cx, n);
    let what = match node.kind {
        NodeKind::Collection => "The collection",
        _ => "One resource",
    };
    let doc = docs::lines_to_attrs(&[format!(
        "{what} at `{path}`: its operations, and the paths below it."
    )]);
    let fields = node.instances.iter().enumerate().map(|(k, i)| {
        let f = field(k);
        let ty = match cx.api.surface.nodes.get(*i).map(|n| &n.kind) {
            Some(NodeKind::Instance(ty)) => value_type(cx, ty).0,
            _ => quote!(()),
        };
        quote!(#f: #ty,)
    });
    let ops = node.ops.iter().filter_map(|nav| {
        let op = cx.api.operations.get(nav.op)?;
        Some(op_methods(cx, node, nav, op))
    });
    let children = cx
        .api
        .surface
        .owned_by(n)
        .map(|(c, child)| accessor(cx, n, c, child));
    quote! {
        #doc
        #[derive(Clone, Debug)]
        pub struct #name<'a> {
            client: &'a crate::Client,
            #(#fields)*
        }

        impl<'a> #name<'a> {
            #(#ops)*
            #(#children)*
        }
    }
}

/// The values of `node` passed to a flat method, in path order.
fn passed_values(cx: &Cx<'_>, node: &NavNode) -> Vec<TokenStream> {
    node.instances
        .iter()
        .enumerate()
        .map(|(k, i)| {
            let f = field(k);
            let by_ref = match cx.api.surface.nodes.get(*i).map(|n| &n.kind) {
                Some(NodeKind::Instance(ty)) => value_type(cx, ty).1,
                _ => true,
            };
            if by_ref {
                quote!(self.#f)
            } else {
                quote!(Clone::clone(&self.#f))
            }
        })
        .collect()
}

fn op_methods(
    cx: &Cx<'_>,
    node: &NavNode,
    nav: &crate::model::NavOp,
    op: &Operation,
) -> TokenStream {
    let method = ident(&nav.name);
    let flat = ident(&op.rust_name);
    let ret = super::pending::return_type(cx, op);
    let (args, names) = trailing_args(cx, op);
    let values = passed_values(cx, node);
    // No prose of the spec here (it is on the flat method): a change of an operation's text
    // changes its resource's file only.
    let doc = docs::lines_to_attrs(&[
        format!(
            "[`Client::{}`](crate::Client::{}) for this path (`{} {}`).",
            op.rust_name,
            op.rust_name,
            op.method.as_str(),
            op.path
        ),
        String::new(),
        "# Errors".to_owned(),
        "Awaiting fails as the flat method's request does.".to_owned(),
    ]);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let allow = op.deprecated.then(|| quote!(#[allow(deprecated)]));
    let wait = nav.wait_name.as_ref().and_then(|w| {
        let waiter = cx.api.surface.waiter(nav.op)?;
        let status = cx.named(&waiter.status);
        let w = ident(w);
        let flat_wait = ident(&waiter.name);
        let wdoc = format!(
            " Polls [`{}`](Self::{}) until the status is one of `statuses`: [`Client::{}`](crate::Client::{}) for this path.",
            nav.name, nav.name, waiter.name, waiter.name
        );
        Some(quote! {
            #[doc = #wdoc]
            ///
            /// # Errors
            /// As the flat method.
            #deprecated
            #allow
            pub async fn #w(&self, #(#args,)* statuses: &[#status], options: ::twilio_runtime::WaitOptions) -> Result<#ret, ::twilio_runtime::Error> {
                self.client.#flat_wait(#(#values,)* #(#names,)* statuses, options).await
            }
        })
    });
    let pending = super::pending::pending_type(cx, op);
    quote! {
        #doc
        #deprecated
        #allow
        pub fn #method(&self, #(#args),*) -> #pending {
            self.client.#flat(#(#values,)* #(#names),*)
        }
        #wait
    }
}

/// The accessor of `child` on its owner (`owner == 0`: on `Client`).
fn accessor(cx: &Cx<'_>, owner: usize, c: usize, child: &NavNode) -> TokenStream {
    let name = ident(&child.accessor);
    let ty = ident(&child.type_name);
    let path = node_path(cx, c);
    let (client, inherited) = if owner == 0 {
        (quote!(self), 0)
    } else {
        let inherited = cx
            .api
            .surface
            .nodes
            .get(owner)
            .map_or(0, |o| o.instances.len());
        (quote!(self.client), inherited)
    };
    let owner_node = cx.api.surface.nodes.get(owner);
    let copies = (0..inherited).map(|k| {
        let f = field(k);
        let by_ref = owner_node
            .and_then(|o| o.instances.get(k))
            .and_then(|i| cx.api.surface.nodes.get(*i))
            .is_none_or(|n| match &n.kind {
                NodeKind::Instance(ty) => value_type(cx, ty).1,
                _ => true,
            });
        if by_ref {
            quote!(#f: self.#f,)
        } else {
            quote!(#f: Clone::clone(&self.#f),)
        }
    });
    let (arg, set, lifetime_self) = match &child.kind {
        NodeKind::Instance(ty) if child.instances.len() > inherited => {
            let (vty, _) = value_type(cx, ty);
            let a = ident(&crate::names::param_name(&child.segment));
            let f = field(inherited);
            (Some(quote!(#a: #vty)), Some(quote!(#f: #a,)), owner == 0)
        }
        _ => (None, None, false),
    };
    let doc = docs::lines_to_attrs(&[match &child.kind {
        NodeKind::Instance(_) => format!(
            "The resource at `{path}` with the `{}` given.",
            child.segment
        ),
        _ => format!("The collection at `{path}`."),
    }]);
    if owner == 0 {
        let generics = lifetime_self.then(|| quote!(<'a>));
        let self_ref = if lifetime_self {
            quote!(&'a self)
        } else {
            quote!(&self)
        };
        let out = if lifetime_self {
            quote!(crate::navigation::#ty<'a>)
        } else {
            quote!(crate::navigation::#ty<'_>)
        };
        quote! {
            #doc
            pub fn #name #generics(#self_ref, #arg) -> #out {
                crate::navigation::#ty { client: #client, #set }
            }
        }
    } else {
        quote! {
            #doc
            pub fn #name(&self, #arg) -> #ty<'a> {
                #ty { client: #client, #(#copies)* #set }
            }
        }
    }
}

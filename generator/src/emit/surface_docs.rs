//! The crate page's and `Client`'s documentation about the client surface (getting started,
//! metadata, options, navigation, waiters, mocks, testing), with examples written from the model,
//! and the module declarations of `navigation` and `mock`.

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use super::examples::{call_args, list_example};
use crate::model::NodeKind;
use crate::model::TypeKind;

/// What `lib.rs` adds.
pub struct LibParts {
    /// Lines of the crate page, after the generated introduction.
    pub crate_doc: Vec<String>,
    /// `pub mod navigation;`, `#[cfg(feature = "mock")] pub mod mock;`.
    pub mods: TokenStream,
    /// Example attributes for `Client`.
    pub client_doc: TokenStream,
}

/// The expression that builds the client from the environment.
fn from_env(cx: &Cx<'_>) -> String {
    let args: Vec<&str> = cx
        .api
        .server_variables
        .iter()
        .map(|_| "\"https://calls.example.com\"")
        .collect();
    format!("{}::Client::from_env({})?", cx.krate(), args.join(", "))
}

/// The expression reaching navigation node `n` from `client`, when its values can be written.
fn nav_expr(cx: &Cx<'_>, n: usize) -> Option<String> {
    let node = cx.api.surface.nodes.get(n)?;
    let owner = node.owner?;
    let base = if owner == 0 {
        "client".to_owned()
    } else {
        nav_expr(cx, owner)?
    };
    let owner_values = cx
        .api
        .surface
        .nodes
        .get(owner)
        .map_or(0, |o| o.instances.len());
    let arg = match &node.kind {
        NodeKind::Instance(ty) if node.instances.len() > owner_values => {
            let crate::model::TypeRef::Named(id) = ty else {
                return None;
            };
            let def = cx.api.types.get(id)?;
            let TypeKind::Sid { prefix } = &def.kind else {
                return None;
            };
            format!(
                "&{}::{}::new(\"{prefix}{}\")?",
                cx.krate(),
                def.name,
                "0".repeat(32)
            )
        }
        _ => String::new(),
    };
    Some(format!("{base}.{}({arg})", node.accessor))
}

fn fenced(lines: &mut Vec<String>, krate: &str, body: &[String]) {
    lines.push(String::new());
    lines.push("```no_run".to_owned());
    lines.push(format!("# async fn run() -> Result<(), {krate}::Error> {{"));
    lines.extend(super::examples::formatted(body));
    lines.push("# Ok(()) }".to_owned());
    lines.push("```".to_owned());
}

/// The parts.
pub fn lib_parts(cx: &Cx<'_>) -> LibParts {
    let api = cx.api;
    let krate = cx.krate();
    let package = krate.replace('_', "-");
    let mut doc = vec![
        String::new(),
        "# Getting started".to_owned(),
        String::new(),
        "The dependencies a program needs (the path is where this crate is; `tokio` runs the futures):".to_owned(),
        String::new(),
        "```toml".to_owned(),
        "[dependencies]".to_owned(),
        format!("{package} = {{ path = \"...\" }}"),
        "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }".to_owned(),
        "```".to_owned(),
        String::new(),
        "What else a program names is re-exported here: the [`time`] and [`serde_json`] crates (dates of filters and fields, free-form values) and the stream traits ([`TryStreamExt`] for `try_next`). Credentials come from `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN` (or `TWILIO_API_KEY` and `TWILIO_API_SECRET`), optionally `TWILIO_REGION`, `TWILIO_EDGE` and `TWILIO_BASE_URL` (see [`Client::from_env`]). A SID newtype's constructor error converts into [`Error`], so `?` works on it.".to_owned(),
    ];
    let list = list_example(cx);
    let mut body = vec![
        format!("use {krate}::TryStreamExt;"),
        String::new(),
        format!("let client = {};", from_env(cx)),
    ];
    if let Some((op, args)) = &list {
        body.push(format!(
            "let mut items = client.{}({args}).stream().limit(20);",
            op.rust_name
        ));
        body.push("while let Some(item) = items.try_next().await? {".to_owned());
        body.push("    println!(\"{item:?}\");".to_owned());
        body.push("}".to_owned());
    }
    fenced(&mut doc, krate, &body);

    // One method per operation: the request value, its metadata and per-request options.
    doc.extend([
        String::new(),
        "# One method per operation: a request to await".to_owned(),
        String::new(),
        "Each operation is one method on [`Client`]; it builds the request and returns a [`Pending`], which sends it when awaited (`client.op(..).await?`) or when [`Pending::send`] is called (a boxed, `Send + 'static` future: for `futures::future::join_all`, `tokio::spawn` or a function taking a `Future`; `tokio::join!` takes the value itself). Before that, the value gives the variants: [`Pending::with_metadata`] answers with a [`Response`], the value with the status and headers of the response that carried it ([`Response::request_id`] is Twilio's `Twilio-Request-Id`); [`Pending::request`] is the built request; [`Pending::timeout`], [`Pending::header`] and [`Pending::retry`] are options of this request only; for lists, [`Pending::stream`] yields every item of every page. A value that breaks the spec's constraints is an error when awaited, before anything is sent. [`Client::with_options`] gives a view of the client (same pool and settings) that sends all its requests with options of their own ([`RequestOptions`]).".to_owned(),
    ]);
    if let Some((op, args)) = &list {
        fenced(
            &mut doc,
            krate,
            &[
                "use std::time::Duration;".to_owned(),
                String::new(),
                format!("let client = {};", from_env(cx)),
                format!(
                    "let page = client.{}({args}).timeout(Duration::from_secs(5)).header(\"X-Trace\", \"abc\").with_metadata().await?;",
                    op.rust_name
                ),
                "println!(\"request {:?}, status {}\", page.request_id(), page.meta().status());"
                    .to_owned(),
                "let page = page.into_inner();".to_owned(),
                "# let _ = page;".to_owned(),
            ],
        );
    }

    // Navigation.
    let has_navigation = super::navigation::has_navigation(api);
    if has_navigation {
        doc.extend([
            String::new(),
            "# Navigation".to_owned(),
            String::new(),
            "Beside the flat methods, [`navigation`] follows the API's paths: a collection's accessor is its name (`client.calls()`), one resource's is the singular with its SID (`client.call(&sid)`), and each has the operations of its path (`list`, `create`, `fetch`, `update`, `delete`...), which call the flat methods and return the same [`Pending`] request.".to_owned(),
        ]);
        // The deepest node with an operation whose call can be written, a list if there is one.
        let usable = |o: &crate::model::NavOp, list: bool| {
            api.operations.get(o.op).is_some_and(|op| {
                call_args(cx, op).is_some()
                    && op.has_params()
                    && (!list || matches!(op.response, crate::model::ResponseKind::Page(_)))
            })
        };
        let pick = |list: bool| {
            api.surface
                .structs()
                .filter(|(_, node)| node.ops.iter().any(|o| usable(o, list)))
                .max_by_key(|(_, node)| node.instances.len())
                .map(|(n, node)| (n, node, list))
        };
        let deepest = pick(true)
            .or_else(|| pick(false))
            .and_then(|(n, node, list)| {
                let expr = nav_expr(cx, n)?;
                let nav = node.ops.iter().find(|o| usable(o, list))?;
                let op = api.operations.get(nav.op)?;
                op.has_params()
                    .then(|| (expr, nav.name.clone(), op.params_name.to_string()))
            });
        if let Some((expr, method, params)) = deepest {
            fenced(
                &mut doc,
                krate,
                &[
                    format!("let client = {};", from_env(cx)),
                    format!("let answer = {expr}.{method}({krate}::{params}::new()).await?;"),
                    "# let _ = answer;".to_owned(),
                ],
            );
        }
    }

    // Waiters.
    if let Some(waiter) = api.surface.waiters.first()
        && let Some(op) = api.operations.get(waiter.op)
        && let Some(args) = call_args(cx, op)
        && let Some(status) = api.types.get(&waiter.status)
        && let TypeKind::Enum(e) = &status.kind
        && let Some(variant) = e
            .variants
            .iter()
            .find(|v| v.wire == "completed")
            .or_else(|| e.variants.last())
    {
        doc.extend([
            String::new(),
            "# Waiting for a status".to_owned(),
            String::new(),
            format!(
                "[`Client::{}`] fetches a resource again and again, with a growing pause, until its status is one of those given or the deadline of its [`WaitOptions`] passes.",
                waiter.name
            ),
        ]);
        let args = if args.is_empty() {
            String::new()
        } else {
            format!("{args}, ")
        };
        fenced(
            &mut doc,
            krate,
            &[
                "use std::time::Duration;".to_owned(),
                format!("use {krate}::{{{}, WaitOptions}};", status.name),
                String::new(),
                format!("let client = {};", from_env(cx)),
                format!(
                    "let done = client.{}({args}&[{}::{}], WaitOptions::new().timeout(Duration::from_secs(600))).await?;",
                    waiter.name, status.name, variant.rust_name
                ),
                "# let _ = done;".to_owned(),
            ],
        );
    }

    // Testing.
    let has_mock = super::mock::has_mock(api);
    doc.extend([
        String::new(),
        "# Testing code that uses the client".to_owned(),
        String::new(),
        "With a local HTTP server (such as `wiremock`): point the client at it with `ClientBuilder::base_url` (or `TWILIO_BASE_URL`) and answer with the documents of the API.".to_owned(),
    ]);
    if has_mock {
        doc.push(String::new());
        doc.push(format!(
            "Without a network: with the cargo feature `mock` (`{package} = {{ path = \"...\", features = [\"mock\"] }}` in `[dev-dependencies]`), the `mock` module has a `Mock` whose client answers each operation as its typed rules say (`mock.create_call().output(call)`, `.error(404, 20404, \"...\")`, `.matching(|request| ...)`) and records the requests (`mock.requests()`)."
        ));
    }

    let mut mods = Vec::new();
    if has_navigation {
        mods.push(quote!(
            pub mod navigation;
        ));
    }
    if has_mock {
        mods.push(quote! {
            #[cfg(feature = "mock")]
            pub mod mock;
        });
    }

    let mut client_lines = vec![String::new(), "# Example".to_owned()];
    fenced(
        &mut client_lines,
        krate,
        &[
            "use std::time::Duration;".to_owned(),
            String::new(),
            "// From TWILIO_* variables; or `Client::new(account_sid, auth_token)`, or".to_owned(),
            format!(
                "// `{krate}::Client::builder()` (region, edge, API keys, retries) then `.build()?.into()`."
            ),
            format!("let client = {};", from_env(cx)),
            "// A view with options of its own for a slow operation; `client` is unchanged."
                .to_owned(),
            format!(
                "let patient = client.with_options({krate}::RequestOptions::new().timeout(Duration::from_secs(120)));"
            ),
            "# let _ = patient;".to_owned(),
        ],
    );
    LibParts {
        crate_doc: doc,
        mods: quote!(#(#mods)*),
        client_doc: super::docs::lines_to_attrs(&client_lines),
    }
}

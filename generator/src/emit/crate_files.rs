//! Emits the crate root (`lib.rs`: module map, re-exports, the `Client`) and the manifest.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::{CrateOptions, docs, ident};
use crate::model::{Api, RequestBody, ResponseKind, TypeKind, TypeRef};

/// Inner documentation of a module file holding the operations `ops`.
pub fn module_doc(module: &str, ops: &[&crate::model::Operation]) -> TokenStream {
    let mut lines = Vec::new();
    if module == crate::model::SHARED_MODULE {
        lines.push("Types shared by several resources: SID newtypes and common enums.".to_owned());
    } else {
        let paths: BTreeSet<&str> = ops.iter().map(|o| o.path.as_str()).collect();
        lines.push(format!("The `{module}` resource."));
        if !paths.is_empty() {
            lines.push(String::new());
            lines.push("Paths:".to_owned());
            lines.extend(paths.iter().map(|p| format!("- `{p}`")));
            lines.push(String::new());
            lines.push("Operations (methods on [`Client`](crate::Client)):".to_owned());
            lines.extend(ops.iter().map(|o| {
                format!(
                    "- [`{m}`](crate::Client::{m}): `{} {}`",
                    o.method.as_str(),
                    o.path,
                    m = o.rust_name
                )
            }));
        }
    }
    docs::inner_lines_to_attrs(&lines)
}

/// `src/lib.rs`.
pub fn lib_rs(api: &Api, modules: &BTreeSet<String>, opts: &CrateOptions) -> TokenStream {
    let cx = super::Cx::for_crate(api, &opts.name);
    let surface = super::surface_docs::lib_parts(&cx);
    let mut doc = vec![format!(
        "{} (version {}): a typed, async client.",
        api.title, api.version
    )];
    if let Some(d) = api.description.get() {
        doc.push(String::new());
        doc.extend(docs::lines(d));
    }
    doc.push(String::new());
    doc.push(format!(
        "Generated from `{}` by `cargo xtask codegen`; the runtime (credentials, transport, retries, pagination, errors) is the hand-written `twilio-runtime` crate.",
        opts.source_label
    ));
    doc.push(String::new());
    doc.push("Every operation is a method on [`Client`]; its parameters are a builder named after the operation (`{OperationId}Params`) whose constructor takes what the spec requires. Every type is re-exported at the crate root.".to_owned());
    doc.extend(surface.crate_doc);
    let doc = docs::inner_lines_to_attrs(&doc);
    let mods = modules.iter().map(|m| {
        let m = ident(m);
        quote!(pub mod #m;)
    });
    // Re-export what a module declares; a module with nothing but `Client` methods has nothing
    // to re-export (and `pub use m::*` would be an unused import).
    let exports = |m: &String| {
        api.types.values().any(|t| t.module.as_str() == m.as_str())
            || api
                .operations
                .iter()
                .any(|o| o.module.as_str() == m.as_str() && o.has_params())
    };
    let uses = modules.iter().filter(|m| exports(m)).map(|m| {
        let m = ident(m);
        quote!(pub use #m::*;)
    });
    let extra_mods = surface.mods;
    let client_doc = surface.client_doc;
    // Money (rule "money"): the decimal type the crate's fields and parameters use.
    let decimal = decimal_user(api).is_some().then(|| {
        quote! {
            /// The decimal number of amounts of money (`price` and the like), every digit kept:
            /// the type the crate's fields and parameters use, re-exported from the runtime.
            pub use ::twilio_runtime::Decimal;
        }
    });
    // Callbacks: the runtime's `webhook` (signatures) and `twiml` modules, beside the payloads.
    let runtime_modules = (!api.callbacks.is_empty()).then(|| {
        quote! {
            pub use ::twilio_runtime::{twiml, webhook};
        }
    });
    let constructors = if api.server_variables.is_empty() {
        default_constructors()
    } else {
        install_constructors(api)
    };
    quote! {
        #doc
        #![cfg_attr(docsrs, feature(doc_cfg))]
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        #(#mods)*
        #extra_mods
        #(#uses)*

        pub use ::twilio_runtime::{ApiError, ClientBuilder, Error, Paginator, RetryPolicy};
        pub use ::twilio_runtime::{InvalidSid, RequestOptions, Response, ResponseMeta, WaitOptions};
        /// The request value every operation method returns (await it, or `.send()` it;
        /// `.with_metadata()`, `.request()`, `.stream()`, per-request options), and its futures.
        pub use ::twilio_runtime::{Pending, ResponseFuture, WithMetadata};
        /// The `Stream` trait of list streams (`.stream()`) and its extensions (`try_next`,
        /// `try_collect`, `next`), re-exported from `futures` so that no other dependency is needed.
        pub use ::twilio_runtime::reexports::{Stream, StreamExt, TryStreamExt};
        /// The `time` crate, whose dates the filters and fields use, re-exported.
        pub use ::time;
        /// The `serde_json` crate, whose `Value` free-form fields and parameters use, re-exported.
        pub use ::serde_json;
        #decimal
        #runtime_modules

        /// A client of this API: cheap to clone, safe to share between tasks.
        ///
        /// It wraps a [`twilio_runtime::Client`] (credentials, region and edge, timeouts, retries and
        /// the connection pool), which can be shared with the clients of other Twilio APIs.
        #client_doc
        #[derive(Clone, Debug)]
        pub struct Client {
            core: ::twilio_runtime::Client,
        }

        impl Client {
            #constructors

            /// The runtime client underneath.
            pub fn core(&self) -> &::twilio_runtime::Client {
                &self.core
            }

            /// The account whose resources the operations address.
            pub fn account_sid(&self) -> &str {
                self.core.account_sid()
            }

            /// The same client (same pool and settings) addressing another account, such as a subaccount.
            pub fn with_account_sid(&self, account_sid: impl Into<String>) -> Self {
                Self { core: self.core.with_account_sid(account_sid) }
            }

            /// The same client (same pool, credentials and settings: nothing is rebuilt) sending
            /// every request with `options`: a timeout, extra headers or a retry policy for some
            /// calls only. Cheap to make and drop; `self` is unchanged.
            pub fn with_options(&self, options: ::twilio_runtime::RequestOptions) -> Self {
                Self { core: self.core.with_options(options) }
            }
        }

        impl From<::twilio_runtime::Client> for Client {
            fn from(core: ::twilio_runtime::Client) -> Self {
                Self { core }
            }
        }
    }
}

/// `new`, `from_env` and `builder` of a client whose servers are fixed.
fn default_constructors() -> TokenStream {
    quote! {
            /// A client authenticating with an Account SID and its Auth Token.
            ///
            /// # Errors
            /// Fails when a credential is empty or the HTTP client cannot be built.
            pub fn new(
                account_sid: impl Into<String>,
                auth_token: impl Into<String>,
            ) -> Result<Self, ::twilio_runtime::Error> {
                ::twilio_runtime::Client::new(account_sid, auth_token).map(Self::from)
            }

            /// A client configured from `TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN` (or `TWILIO_API_KEY`
            /// and `TWILIO_API_SECRET`), `TWILIO_REGION`, `TWILIO_EDGE` and `TWILIO_BASE_URL` (every
            /// request goes to this base URL instead of Twilio's hosts, e.g. a local mock server).
            ///
            /// # Errors
            /// Names the variables that are missing.
            pub fn from_env() -> Result<Self, ::twilio_runtime::Error> {
                ::twilio_runtime::Client::from_env().map(Self::from)
            }

            /// A builder for every setting (API keys, region, edge, base URL, timeouts, retries).
            pub fn builder() -> ::twilio_runtime::ClientBuilder {
                ::twilio_runtime::Client::builder()
            }
    }
}

/// `new`, `from_env` and `builder` of a client whose server URL has variables the user supplies
/// (rule "install-specific servers"): each takes their values first.
fn install_constructors(api: &Api) -> TokenStream {
    let args: Vec<TokenStream> = api
        .server_variables
        .iter()
        .map(|v| {
            let a = ident(&v.rust_name);
            quote!(#a: impl Into<String>)
        })
        .collect();
    let names: Vec<TokenStream> = api
        .server_variables
        .iter()
        .map(|v| {
            let a = ident(&v.rust_name);
            quote!(#a)
        })
        .collect();
    let sets = api
        .server_variables
        .iter()
        .map(|v| {
            let a = ident(&v.rust_name);
            let wire = &v.name;
            quote!(.server_variable(#wire, #a))
        })
        .collect::<Vec<_>>();
    let mut arg_docs = vec![
        "The API is served by the user's own install: the server URL's variables are arguments."
            .to_owned(),
        String::new(),
        "# Arguments".to_owned(),
    ];
    for v in &api.server_variables {
        let first = v
            .doc
            .as_deref()
            .map(docs::lines)
            .and_then(|l| l.into_iter().next())
            .map(|l| format!(": {l}"))
            .unwrap_or_default();
        arg_docs.push(format!(
            "- `{}`: the server variable `{}`{first}",
            v.rust_name, v.name
        ));
    }
    let arg_docs = docs::lines_to_attrs(&arg_docs);
    quote! {
        /// A client authenticating with an Account SID and its Auth Token.
        ///
        #arg_docs
        ///
        /// # Errors
        /// Fails when a credential or a server variable is empty, or the HTTP client cannot be built.
        pub fn new(
            #(#args,)*
            account_sid: impl Into<String>,
            auth_token: impl Into<String>,
        ) -> Result<Self, ::twilio_runtime::Error> {
            Self::builder(#(#names),*)
                .account_sid(account_sid)
                .auth_token(auth_token)
                .build()
                .map(Self::from)
        }

        /// A client configured from `TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN` (or `TWILIO_API_KEY`
        /// and `TWILIO_API_SECRET`), `TWILIO_REGION` and `TWILIO_EDGE`, for the install given.
        ///
        #arg_docs
        ///
        /// # Errors
        /// Names the variables that are missing.
        pub fn from_env(#(#args),*) -> Result<Self, ::twilio_runtime::Error> {
            ::twilio_runtime::ClientBuilder::from_env()?
                #(#sets)*
                .build()
                .map(Self::from)
        }

        /// A builder for every other setting (API keys, timeouts, retries...), for the install given.
        ///
        #arg_docs
        pub fn builder(#(#args),*) -> ::twilio_runtime::ClientBuilder {
            ::twilio_runtime::Client::builder()
                #(#sets)*
        }
    }
}

/// `Cargo.toml`.
pub fn manifest(api: &Api, opts: &CrateOptions) -> String {
    let description = toml_string(&format!("Typed async client for {} (generated)", api.title));
    // Rule "XML bodies": the runtime's XML support, only for crates that need it.
    let mut features = Vec::new();
    if api.operations.iter().any(|o| {
        matches!(o.body, Some(crate::model::RequestBody::Xml(_)))
            || matches!(o.response, crate::model::ResponseKind::Xml(_))
    }) {
        features.push("\"xml\"");
    }
    // Callbacks: the runtime's signature checks and TwiML builder, and the example's server.
    let webhooks = !api.callbacks.is_empty();
    if webhooks {
        features.extend(["\"twiml\"", "\"webhook\""]);
    }
    let features = if features.is_empty() {
        String::new()
    } else {
        format!(", features = [{}]", features.join(", "))
    };
    let server = if webhooks {
        "axum = { version = \"0.8\", default-features = false, features = [\"http1\", \"tokio\"] }\n"
    } else {
        ""
    };
    let workspace = if opts.standalone {
        "\n[workspace]\n"
    } else {
        ""
    };
    // Inside this repository (or with `--runtime-path`) by path as well as by version: cargo
    // uses the path here and the version once published.
    let runtime = match &opts.runtime_path {
        Some(path) => format!(
            "version = {}, path = {}",
            toml_string(&opts.runtime_version),
            toml_string(path)
        ),
        None => format!("version = {}", toml_string(&opts.runtime_version)),
    };
    let links: String = [
        ("repository", &opts.repository),
        ("documentation", &opts.documentation),
    ]
    .iter()
    .filter_map(|(key, value)| {
        value
            .as_ref()
            .map(|v| format!("{key} = {}\n", toml_string(v)))
    })
    .collect();
    format!(
        r#"# Generated by `cargo xtask codegen` from `{source}`. Do not edit by hand.
[package]
name = "{name}"
version = "{version}"
edition = "2024"
rust-version = "1.95"
description = {description}
license = "MIT OR Apache-2.0"
{links}readme = "README.md"
keywords = ["twilio", "api", "client", "async", "openapi"]
categories = ["api-bindings", "web-programming::http-client"]
# What the published package holds: the code, its README, change log and license files.
include = ["src/**/*.rs", "README.md", "CHANGES.md", "LICENSE-*"]

[package.metadata.docs.rs]
# Every optional module in the hosted docs, each marked with the feature it needs.
all-features = true
rustdoc-args = ["--cfg", "docsrs"]

[dependencies]
twilio-runtime = {{ {runtime}{features} }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
time = "0.3"
{features_section}
[dev-dependencies]
futures = {{ version = "0.3", default-features = false, features = ["std"] }}
tokio = {{ version = "1", features = ["macros", "rt-multi-thread"] }}
{server}{workspace}"#,
        source = opts.source_label,
        name = opts.name,
        version = opts.version,
        features_section = if super::mock::has_mock(api) {
            "\n[features]\n# `mock`: a typed mock of the API for tests of code that uses the client (no network).\nmock = [\"twilio-runtime/mock\"]\n"
        } else {
            ""
        },
    )
}

/// A TOML basic string (quoted) holding `text`: quotes, backslashes and control characters escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The JSON pointer of the first type, parameter or operation of the crate that is (or holds) a
/// [`TypeRef::Decimal`] (rule "money"), if any: the crate then re-exports `Decimal`.
pub fn decimal_user(api: &Api) -> Option<&str> {
    fn holds(ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Decimal => true,
            TypeRef::Map(inner) | TypeRef::Array(inner) => holds(inner),
            _ => false,
        }
    }
    let types = api.types.values().find(|t| match &t.kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| holds(&f.ty)),
        TypeKind::Choice(c) => c.members.iter().any(|m| holds(&m.ty)),
        TypeKind::OneOf(o) => o.variants.iter().any(|v| holds(&v.ty)),
        _ => false,
    });
    if let Some(t) = types {
        return Some(&t.pointer);
    }
    api.operations.iter().find_map(|o| {
        let params = o
            .path_params
            .iter()
            .chain(&o.query_params)
            .chain(&o.header_params);
        let body: Vec<&crate::model::Param> = match &o.body {
            Some(RequestBody::Form(form)) => form.fields.iter().collect(),
            Some(RequestBody::Json(json)) => json.fields.iter().chain(&json.value).collect(),
            _ => Vec::new(),
        };
        if let Some(p) = params.chain(body).find(|p| holds(&p.ty)) {
            return Some(p.pointer.as_str());
        }
        let whole = match (&o.body, &o.response) {
            (Some(RequestBody::Xml(xml)), _) if holds(&xml.ty) => true,
            (_, ResponseKind::Json(ty)) => holds(ty),
            (_, ResponseKind::Xml(xml)) => holds(&xml.ty),
            _ => false,
        };
        whole.then_some(o.pointer.as_str())
    })
}

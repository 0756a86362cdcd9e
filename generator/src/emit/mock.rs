//! Emits `src/mock.rs` (cargo feature `mock`): a typed mock of the API for testing code that uses
//! the client without a network. One rule method per operation whose answer is JSON (or empty),
//! typed with what the operation returns; the runtime's `twilio_runtime::mock` does the rest.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Cx, ident};
use crate::model::ResponseKind;

/// Names of `Mock`'s own methods, which rule methods never take.
const OWN: &[&str] = &[
    "new",
    "client",
    "requests",
    "operations",
    "runtime",
    "clone",
    "fmt",
    "default",
];

/// Whether the crate gets a mock: some operation answers with JSON or nothing.
pub fn has_mock(api: &crate::model::Api) -> bool {
    !api.surface.metadata_names.is_empty()
}

/// The file.
pub fn file(cx: &Cx<'_>, crate_name: &str) -> TokenStream {
    let krate = crate_name.replace('-', "_");
    let example = cx.api.operations.iter().find(|o| {
        matches!(o.response, ResponseKind::Json(_)) && !o.has_params()
            || matches!(o.response, ResponseKind::Page(_))
    });
    let rules = cx.api.operations.iter().filter_map(|op| {
        let index = cx.op_index(op)?;
        cx.api.surface.metadata_names.get(&index)?;
        let wanted = &op.rust_name;
        let name = if OWN.contains(&wanted.as_str()) {
            ident(&format!("{wanted}_rule"))
        } else {
            ident(wanted)
        };
        let ret = super::pending::return_type(cx, op);
        let id = &op.id;
        let doc = format!(
            "A rule for [`Client::{m}`](crate::Client::{m}) (`{id}`): answer with {ty} ([`MockRule::output`]) or an error ([`MockRule::error`]), for the requests [`MockRule::matching`] accepts.",
            m = op.rust_name,
            ty = match &op.response {
                ResponseKind::Empty => "nothing (`()`)".to_owned(),
                _ => {
                    let path = ret.to_string().replace(' ', "");
                    let short = path.rsplit("::").next().unwrap_or_default().to_owned();
                    format!("a `{short}`")
                }
            }
        );
        let doc = super::docs::lines_to_attrs(&[doc]);
        let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
        Some(quote! {
            #doc
            #deprecated
            pub fn #name(&self) -> ::twilio_runtime::mock::MockRule<#ret> {
                self.inner.rule(#id)
            }
        })
    });
    let example_doc = example.map(|op| {
        let lines = vec![
            String::new(),
            "```".to_owned(),
            format!("# async fn run() -> Result<(), {krate}::Error> {{"),
            format!("let mock = {krate}::mock::Mock::new();"),
            format!(
                "let hits = mock.{}().output(Default::default());",
                op.rust_name
            ),
            "let client = mock.client()?;".to_owned(),
            "// ... code under test, given `client` ...".to_owned(),
            "assert_eq!(hits.count(), 0);".to_owned(),
            "assert!(mock.requests().is_empty());".to_owned(),
            "# Ok(()) }".to_owned(),
            "```".to_owned(),
        ];
        super::docs::inner_lines_to_attrs(&lines)
    });
    quote! {
        //! Testing code that uses [`Client`](crate::Client) without a network (cargo feature
        //! `mock`): [`Mock::client`] gives a client whose requests go to the mock, through the
        //! whole client (validation, encoding, decoding, errors); one typed rule per operation says
        //! what it answers, [`MockRule::matching`] narrows a rule to some parameters
        //! ([`RecordedRequest::form`], [`query`](RecordedRequest::query),
        //! [`path_param`](RecordedRequest::path_param)), and [`Mock::requests`] lists what was sent.
        #example_doc

        pub use ::twilio_runtime::mock::{MockRule, RecordedRequest, RuleHits};

        /// A mock of this API: rules per operation, and the requests received. Cheap to clone
        /// (clones share rules and records).
        #[derive(Clone, Debug, Default)]
        pub struct Mock {
            inner: ::twilio_runtime::mock::Mock,
        }

        impl Mock {
            /// A mock without rules: a request no rule matches is answered with an error naming
            /// its operation.
            pub fn new() -> Self {
                Self::default()
            }

            /// A client that sends every request to this mock.
            ///
            /// # Errors
            /// When the (unused) HTTP client cannot be built.
            pub fn client(&self) -> Result<crate::Client, ::twilio_runtime::Error> {
                self.inner.client().map(crate::Client::from)
            }

            /// Every request received so far, in order.
            pub fn requests(&self) -> Vec<RecordedRequest> {
                self.inner.requests()
            }

            /// The operations (`operationId`) of the requests received so far, in order.
            pub fn operations(&self) -> Vec<&'static str> {
                self.inner.operations()
            }

            /// The runtime's mock underneath (untyped rules by `operationId`).
            pub fn runtime(&self) -> &::twilio_runtime::mock::Mock {
                &self.inner
            }

            #(#rules)*
        }
    }
}

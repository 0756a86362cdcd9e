//! Emits what header parameters and security schemes add to an operation (rules "header
//! parameters" and "security schemes"): the setters' documentation, and the request's
//! `auth(..)` call with its documentation.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{AuthScheme, Param};

/// The documentation lines that end a header setter's doc: the wire name, and what the HTTP
/// standard says the header is for when it is a conditional request or credentials.
pub fn setter_doc(param: &Param) -> Vec<String> {
    let name = &param.wire_name;
    let mut lines = vec![format!("Sent as the header `{name}`.")];
    if name.eq_ignore_ascii_case("if-match") {
        lines.push(String::new());
        lines.push("Optimistic concurrency: pass the version you read, the `ETag` response header of the call that fetched the resource (`response.meta().etag()` of its `.with_metadata()` answer) or, for resources with a `revision` field, that revision; the change then happens only if the resource is still at that version, and Twilio answers `412 Precondition Failed` otherwise (`Error::status() == Some(412)`): read it again and retry.".to_owned());
    }
    if crate::conventions::is_credential_header(name) {
        lines.push(String::new());
        lines.push(format!("A parameter of this operation, not the client's credentials: when set, this value is the request's `{name}` header and the client sends none of its own credentials with this request (HTTP has one `{name}` header); unset, the client authenticates as usual. Redacted from `Debug`, never logged."));
    }
    lines
}

const UNAUTHENTICATED: &str =
    "A client without them fails with `Error::Unauthenticated` before sending anything.";

fn scheme_tokens(scheme: &AuthScheme) -> TokenStream {
    match scheme {
        AuthScheme::Basic => quote!(::twilio_runtime::Scheme::Basic),
        AuthScheme::Bearer => quote!(::twilio_runtime::Scheme::Bearer),
        AuthScheme::OAuth2ClientCredentials { token_url } => {
            quote!(::twilio_runtime::Scheme::OAuth2 { token_url: #token_url })
        }
        AuthScheme::Anonymous => quote!(::twilio_runtime::Scheme::Anonymous),
    }
}

/// The `.auth(&[..])` call of the request, unless the operation accepts basic alone (the
/// runtime's default); `.auth(&[])` for `security: []`.
pub fn auth_call(security: &[AuthScheme]) -> Option<TokenStream> {
    match security {
        [AuthScheme::Basic] => None,
        [AuthScheme::Anonymous] => Some(quote!(.auth(&[]))),
        schemes => {
            let schemes = schemes.iter().map(scheme_tokens);
            Some(quote!(.auth(&[#(#schemes),*])))
        }
    }
}

/// The lines of an operation's documentation that say how it authenticates, unless with basic
/// alone.
pub fn auth_doc(security: &[AuthScheme]) -> Vec<String> {
    let describe = |scheme: &AuthScheme| {
        match scheme {
        AuthScheme::Basic => "basic (the account SID and auth token, or an API key)".to_owned(),
        AuthScheme::Bearer => "a bearer token ([`ClientBuilder::bearer_token`](crate::ClientBuilder::bearer_token), `TWILIO_BEARER_TOKEN`)".to_owned(),
        AuthScheme::OAuth2ClientCredentials { token_url } => format!("an OAuth2 access token fetched from `{token_url}` with client credentials ([`ClientBuilder::oauth2_client_credentials`](crate::ClientBuilder::oauth2_client_credentials), `TWILIO_CLIENT_ID` and `TWILIO_CLIENT_SECRET`)"),
        AuthScheme::Anonymous => "no credentials".to_owned(),
    }
    };
    match security {
        [AuthScheme::Basic] => Vec::new(),
        [AuthScheme::Anonymous] => {
            vec!["Sends no credentials (the document's `security: []`).".to_owned()]
        }
        [one] => vec![
            format!("Authenticates with {}.", describe(one)),
            UNAUTHENTICATED.to_owned(),
        ],
        schemes => {
            let mut lines = vec![
                "Authenticates with the first of these the client has credentials for:".to_owned(),
            ];
            lines.extend(schemes.iter().map(|s| format!("- {}", describe(s))));
            lines.push(String::new());
            lines.push(UNAUTHENTICATED.to_owned());
            lines
        }
    }
}

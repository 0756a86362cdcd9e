//! Lowering, part 2c: the security schemes each operation accepts (rule "security schemes").
//!
//! The operation's `security`, else the document's; each requirement is one alternative, kept in
//! the document's order (the client uses the first it has credentials for). A document that
//! declares no security at all keeps Twilio's default, basic.

use openapiv3::SecurityScheme;

use super::*;

impl<'a> Lowerer<'a> {
    /// The schemes `s` accepts, or `None` (with a located warning) when the client can satisfy
    /// none of them: the operation is then skipped.
    pub(super) fn security(
        &mut self,
        s: &Selected<'_>,
        at: &Pointer,
    ) -> Result<Option<Vec<AuthScheme>>, Error> {
        let (requirements, site) = match (&s.op.security, &self.api.security) {
            (Some(requirements), _) => (requirements, at.push("security")),
            (None, Some(requirements)) => (requirements, Pointer::root().push("security")),
            (None, None) => return Ok(Some(vec![AuthScheme::Basic])),
        };
        if requirements.is_empty() {
            return Ok(Some(vec![AuthScheme::Anonymous]));
        }
        let mut out = Vec::new();
        for (i, requirement) in requirements.iter().enumerate() {
            let here = site.push(i);
            let mut names = requirement.keys();
            let scheme = match (names.next(), names.next()) {
                (None, _) => Some(AuthScheme::Anonymous),
                (Some(name), None) => self.scheme(name, &here)?,
                (Some(first), Some(second)) => {
                    self.warn(
                        &here,
                        format!(
                            "a requirement of several schemes at once (`{first}` and `{second}`) is not supported; this alternative is left out"
                        ),
                    );
                    None
                }
            };
            if let Some(scheme) = scheme
                && !out.contains(&scheme)
            {
                out.push(scheme);
            }
        }
        if out.is_empty() {
            self.warn(
                &site,
                "none of the operation's security schemes is supported; operation skipped",
            );
            return Ok(None);
        }
        Ok(Some(out))
    }

    /// The scheme declared as `name` in `#/components/securitySchemes`, or `None` (with a
    /// warning at its declaration) when it is of a kind the client does not support.
    fn scheme(&mut self, name: &str, at: &Pointer) -> Result<Option<AuthScheme>, Error> {
        let declared = Pointer::root()
            .push("components")
            .push("securitySchemes")
            .push(name);
        let schemes = self.api.components.as_ref().map(|c| &c.security_schemes);
        let found = schemes.and_then(|schemes| schemes.get(name));
        let scheme = match found {
            Some(ReferenceOr::Item(scheme)) => scheme,
            Some(ReferenceOr::Reference { reference }) => {
                let target = local_ref(reference, "securitySchemes", &declared)?;
                match schemes.and_then(|schemes| schemes.get(&target)) {
                    Some(ReferenceOr::Item(scheme)) => scheme,
                    _ => {
                        return Err(Error::spec(
                            &declared,
                            format!("unresolved `$ref` `{reference}`"),
                        ));
                    }
                }
            }
            None => {
                return Err(Error::spec(
                    at,
                    format!(
                        "security scheme `{name}` is not declared in `#/components/securitySchemes`"
                    ),
                ));
            }
        };
        let unsupported =
            |what: &str| format!("security scheme `{name}` ({what}) is not supported");
        let lowered = match scheme {
            SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => {
                Some(AuthScheme::Basic)
            }
            SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => {
                Some(AuthScheme::Bearer)
            }
            SecurityScheme::HTTP { scheme, .. } => {
                self.warn(&declared, unsupported(&format!("http `{scheme}`")));
                None
            }
            SecurityScheme::OAuth2 { flows, .. } => match &flows.client_credentials {
                Some(flow) if is_absolute_http(&flow.token_url) => {
                    Some(AuthScheme::OAuth2ClientCredentials {
                        token_url: flow.token_url.clone(),
                    })
                }
                Some(_) => {
                    self.warn(
                        &declared
                            .push("flows")
                            .push("clientCredentials")
                            .push("tokenUrl"),
                        unsupported("a token URL that is not an absolute http(s) URL"),
                    );
                    None
                }
                None => {
                    self.warn(
                        &declared,
                        unsupported("OAuth2 without the client credentials flow"),
                    );
                    None
                }
            },
            SecurityScheme::APIKey { .. } => {
                self.warn(&declared, unsupported("apiKey"));
                None
            }
            SecurityScheme::OpenIDConnect { .. } => {
                self.warn(&declared, unsupported("openIdConnect"));
                None
            }
        };
        Ok(lowered)
    }
}

fn is_absolute_http(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > "https://".len()
        && !url.contains(char::is_whitespace)
}

//! Lowering: valid documents of unusual shape. No `servers` (the client takes its base URL at
//! construction), an operation without `operationId` (an id from its method and path), and a
//! document that declares no operations (a client without operations, and its component schemas
//! as types).

use super::*;

/// The server variable that stands for the whole base URL when the document declares no server.
pub(super) const BASE_URL_VARIABLE: &str = "base_url";

impl<'a> Lowerer<'a> {
    /// The server URL of an operation when no `servers` are declared anywhere: the standard's
    /// default, `/`, is relative to where the document was served from, which the generator does
    /// not know; the user gives the base URL at construction (as a user-supplied server
    /// variable, rule "install-specific servers").
    pub(super) fn no_server(&mut self) -> String {
        let url = self.no_server_variable();
        self.warn(
            &Pointer::root().push("servers"),
            "the document declares no server (the default is `/`, relative to where it is served); the client takes its base URL at construction",
        );
        url
    }

    /// A relative server URL (`/v1`) is relative to where the document is served: the user gives
    /// that base at construction, before it.
    pub(super) fn relative_server(&mut self, url: &str, at: &Pointer) -> String {
        let _ = self.no_server_variable();
        self.warn(
            at,
            format!("server URL `{url}` is relative; the client takes the base URL it is relative to at construction"),
        );
        format!("{{{BASE_URL_VARIABLE}}}{url}")
    }

    fn no_server_variable(&mut self) -> String {
        self.server_variables.insert(
            BASE_URL_VARIABLE.to_owned(),
            Some(
                "The base URL of the API (`https://api.example.com`): the document declares \
                 no absolute server URL."
                    .to_owned(),
            ),
        );
        format!("{{{BASE_URL_VARIABLE}}}")
    }

    /// The id of an operation without `operationId`: its method and path (`get /pets/{id}`); the
    /// names stage makes the Rust names from it.
    pub(super) fn synthetic_id(&mut self, s: &Selected<'_>, at: &Pointer) -> String {
        let id = format!("{} {}", s.method_key, s.path);
        self.warn(
            at,
            format!("the operation has no `operationId`; named from its method and path, `{id}`"),
        );
        id
    }

    /// Nothing is selected: an error when the document has operations (the selection matches
    /// none of them); when it declares none, a warning, and every component schema is lowered,
    /// so that the crate holds the document's types.
    /// Returns the types to keep (each component schema that is a type of its own), all shared.
    pub(super) fn no_operations(&mut self) -> Result<Vec<(TypeId, Home)>, Error> {
        let declared = self.api.paths.paths.values().any(|item| match item {
            ReferenceOr::Item(item) => item.iter().next().is_some(),
            ReferenceOr::Reference { .. } => true,
        });
        if declared {
            return Err(Error::spec(
                "#/paths",
                "no operation selected: the selection matches none of the document's operations",
            ));
        }
        self.warn(
            &Pointer::root().push("paths"),
            "the document declares no operations: the client has no operation methods; the component schemas are generated as types",
        );
        let names: Vec<String> = self
            .api
            .components
            .as_ref()
            .map(|c| c.schemas.keys().cloned().collect())
            .unwrap_or_default();
        let mut names = names;
        names.sort();
        let mut roots = Vec::new();
        for name in names {
            let reference = format!(
                "#/components/schemas/{}",
                name.replace('~', "~0").replace('/', "~1")
            );
            let at = component_pointer(&name);
            let lowered = self.component_ref(&reference, &at, "value")?;
            let mut ids = Vec::new();
            layout::collect_ids(&lowered.ty, &mut ids);
            roots.extend(ids.into_iter().map(|id| (id, Home::Shared)));
        }
        Ok(roots)
    }
}

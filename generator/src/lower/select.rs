//! Lowering, part 1: which operations are selected (paths, methods, tags) and their server URL.

use super::*;

impl<'a> Lowerer<'a> {
    pub(super) fn select(&mut self, selection: &Selection) -> Result<Vec<Selected<'a>>, Error> {
        let mut paths: Vec<(&String, &ReferenceOr<PathItem>)> =
            self.api.paths.paths.iter().collect();
        paths.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = Vec::new();
        for (path, item) in paths {
            if !selection.path_selected(path) {
                continue;
            }
            let at = Pointer::root().push("paths").push(path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { .. } => {
                    return Err(Error::spec(at, "a `$ref` path item is not supported"));
                }
            };
            for (key, method) in METHODS {
                let op = match method {
                    Method::Get => &item.get,
                    Method::Post => &item.post,
                    Method::Put => &item.put,
                    Method::Patch => &item.patch,
                    Method::Delete => &item.delete,
                };
                if let Some(op) = op
                    && selection.tags_selected(&op.tags)
                {
                    out.push(Selected {
                        path: path.clone(),
                        method,
                        method_key: key,
                        item,
                        op,
                    });
                }
            }
            for (key, op) in [
                ("head", &item.head),
                ("options", &item.options),
                ("trace", &item.trace),
            ] {
                if op.is_some() {
                    self.warn(
                        &at.push(key),
                        format!("`{key}` operations are not generated"),
                    );
                }
            }
        }
        Ok(out)
    }

    pub(super) fn server(&mut self, s: &Selected<'_>, at: &Pointer) -> Result<String, Error> {
        let (servers, where_) = if !s.op.servers.is_empty() {
            (&s.op.servers, at.push("servers"))
        } else if !s.item.servers.is_empty() {
            (
                &s.item.servers,
                Pointer::root().push("paths").push(&s.path).push("servers"),
            )
        } else {
            (&self.api.servers, Pointer::root().push("servers"))
        };
        let Some(server) = servers.first() else {
            return Ok(self.no_server());
        };
        let mut url = server.url.clone();
        // Rule "install-specific servers": user-supplied variables stay in the URL (the runtime
        // fills them in); their defaults only serve to check the URL's shape.
        let mut probe = server.url.clone();
        if let Some(vars) = &server.variables {
            for (name, var) in vars {
                let placeholder = format!("{{{name}}}");
                if conventions::is_user_supplied(&var.extensions) {
                    self.server_variables
                        .insert(name.clone(), var.description.clone());
                } else {
                    url = url.replace(&placeholder, &var.default);
                }
                probe = probe.replace(&placeholder, &var.default);
            }
        }
        if probe.starts_with('/') && !url.contains('{') {
            return Ok(self.relative_server(url.trim_end_matches('/'), &where_.push(0).push("url")));
        }
        if probe.contains('{') {
            return Err(Error::spec(
                where_.push(0).push("url"),
                format!("server URL `{url}` has a variable without a default"),
            ));
        }
        if !(probe.starts_with("https://") || probe.starts_with("http://")) {
            return Err(Error::spec(
                where_.push(0).push("url"),
                format!("server URL `{url}` is not an absolute http(s) URL"),
            ));
        }
        Ok(url.trim_end_matches('/').to_owned())
    }
}

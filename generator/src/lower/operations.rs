//! Lowering, part 2: operations and their path and query parameters.

use super::*;

impl<'a> Lowerer<'a> {
    pub(super) fn operation(
        &mut self,
        s: &Selected<'a>,
        id: String,
        at: &Pointer,
    ) -> Result<Option<Operation>, Error> {
        let server = self.server(s, at)?;
        let template = path_placeholders(&s.path)
            .map_err(|m| Error::spec(Pointer::root().push("paths").push(&s.path), m))?;

        // Parameters: path-level ones, overridden by operation-level ones with the same (name, in).
        // A (name, location) pair may appear once per level.
        let mut params: Vec<(Pointer, &Parameter)> = Vec::new();
        let path_at = Pointer::root().push("paths").push(&s.path);
        let mut level = BTreeSet::new();
        for (i, p) in s.item.parameters.iter().enumerate() {
            let site = path_at.push("parameters").push(i);
            let (pp, param) = self.parameter(p, &site)?;
            let data = param.parameter_data_ref();
            if !level.insert((data.name.clone(), location(param))) {
                return Err(Error::spec(
                    site,
                    format!("parameter `{}` is declared twice", data.name),
                ));
            }
            params.push((pp, param));
        }
        let mut level = BTreeSet::new();
        for (i, p) in s.op.parameters.iter().enumerate() {
            let site = at.push("parameters").push(i);
            let (pp, param) = self.parameter(p, &site)?;
            let key = (param.parameter_data_ref().name.clone(), location(param));
            if !level.insert(key.clone()) {
                return Err(Error::spec(
                    site,
                    format!("parameter `{}` is declared twice", key.0),
                ));
            }
            params.retain(|(_, q)| (q.parameter_data_ref().name.clone(), location(q)) != key);
            params.push((pp, param));
        }

        let mut path_params = Vec::new();
        let mut query_params = Vec::new();
        let mut header_params = Vec::new();
        let mut seen = BTreeSet::new();
        for (pp, param) in &params {
            let data = param.parameter_data_ref();
            if !seen.insert((data.name.clone(), location(param))) {
                return Err(Error::spec(
                    pp,
                    format!("parameter `{}` is declared twice", data.name),
                ));
            }
            match param {
                Parameter::Path { .. } => {
                    if !template.contains(&data.name) {
                        return Err(Error::spec(
                            pp,
                            format!(
                                "path parameter `{}` does not appear in the path `{}`",
                                data.name, s.path
                            ),
                        ));
                    }
                    let p = self.param(data, pp, &id, true)?;
                    if !is_scalar(&p.ty, &self.types) {
                        return Err(Error::spec(
                            pp,
                            format!(
                                "path parameter `{}` must be a string, number or boolean",
                                data.name
                            ),
                        ));
                    }
                    path_params.push(p);
                }
                Parameter::Query { .. } => query_params.push(self.param(data, pp, &id, false)?),
                Parameter::Header { .. } => match self.header_param(data, pp, &id)? {
                    Some(p) => header_params.push(p),
                    None if data.required => {
                        self.warn(pp, format!("required header parameter `{}` is not supported; operation `{id}` skipped", data.name));
                        return Ok(None);
                    }
                    None => {}
                },
                Parameter::Cookie { .. } => {
                    if data.required {
                        self.warn(pp, format!("required {} parameter `{}` is not supported; operation `{id}` skipped", location(param), data.name));
                        return Ok(None);
                    }
                    self.warn(
                        pp,
                        format!(
                            "{} parameter `{}` is not supported; left out",
                            location(param),
                            data.name
                        ),
                    );
                }
            }
        }
        for name in &template {
            if !path_params.iter().any(|p| &p.wire_name == name) {
                return Err(Error::spec(
                    at.push("parameters"),
                    format!("the path has `{{{name}}}` but no path parameter `{name}` is declared"),
                ));
            }
        }
        let Some(security) = self.security(s, at)? else {
            return Ok(None);
        };
        path_params.sort_by_key(|p| template.iter().position(|n| n == &p.wire_name));
        for p in &mut path_params {
            p.required = true;
            // Only an operation that authenticates with the account (basic) addresses the
            // client's own account; an OAuth2 or bearer one names any account.
            if conventions::is_account_scope(&p.wire_name) && security.contains(&AuthScheme::Basic)
            {
                p.source = PathSource::Account;
            }
        }

        // Rule "XML bodies": an XML request body (and no form) is a typed document.
        // A form wins, then JSON (`lower/json_body.rs`), then XML.
        let body = match &s.op.request_body {
            None => None,
            Some(rb) => match self.json_request_body(rb, at, &id)? {
                Some(json) => Some(RequestBody::Json(json)),
                None => match self.xml_request_body(rb, &at.push("requestBody"), &id)? {
                    Some(xml) => Some(RequestBody::Xml(xml)),
                    None => match self.form_body(rb, at, &id)? {
                        Some(form) => Some(RequestBody::Form(form)),
                        None => return Ok(None),
                    },
                },
            },
        };

        let Some(response) = self.response(s, &id, at)? else {
            return Ok(None);
        };
        Ok(Some(Operation {
            rust_name: Name::default(),
            request_name: Name::default(),
            stream_name: Name::default(),
            params_name: Name::default(),
            resource: conventions::resource_collection(&s.path),
            module: Name::default(),
            pointer: at.to_string(),
            method: s.method,
            path: s.path.clone(),
            server,
            summary: crate::model::Doc::from(s.op.summary.clone()),
            description: crate::model::Doc::from(s.op.description.clone()),
            deprecated: s.op.deprecated,
            path_params,
            query_params,
            body,
            response,
            id,
            header_params,
            security,
        }))
    }

    pub(super) fn parameter(
        &self,
        p: &'a ReferenceOr<Parameter>,
        at: &Pointer,
    ) -> Result<(Pointer, &'a Parameter), Error> {
        match p {
            ReferenceOr::Item(p) => Ok((at.clone(), p)),
            ReferenceOr::Reference { reference } => {
                let parameters = self.api.components.as_ref().map(|c| &c.parameters);
                follow(parameters, "parameters", reference, at)
            }
        }
    }

    pub(super) fn param(
        &mut self,
        data: &openapiv3::ParameterData,
        at: &Pointer,
        owner: &str,
        is_path: bool,
    ) -> Result<Param, Error> {
        let schema = match &data.format {
            ParameterSchemaOrContent::Schema(s) => s,
            ParameterSchemaOrContent::Content(_) => {
                return Err(Error::spec(
                    at,
                    format!(
                        "parameter `{}` uses `content`; only `schema` is supported",
                        data.name
                    ),
                ));
            }
        };
        let outer = std::mem::replace(&mut self.in_struct, false);
        let lowered = self.schema(schema.into(), &at.push("schema"), owner, &data.name, None);
        self.in_struct = outer;
        let lowered = lowered?;
        Ok(Param {
            wire_name: data.name.clone(),
            rust_name: Name::default(),
            doc: crate::model::Doc::from(data.description.clone().or(lowered.doc)),
            required: data.required || is_path,
            ty: lowered.ty,
            checks: lowered.checks,
            source: PathSource::Argument,
            sensitive: lowered.sensitive
                || conventions::is_sensitive(&data.extensions)
                || conventions::is_secret(&data.name),
            pointer: at.to_string(),
            allow_reserved: false,
        })
    }
}

pub(super) fn location(p: &Parameter) -> &'static str {
    match p {
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Path { .. } => "path",
        Parameter::Cookie { .. } => "cookie",
    }
}

/// The `{name}` placeholders of a path template, in order.
pub(super) fn path_placeholders(path: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('}') else {
            return Err(format!("unbalanced `{{` in path `{path}`"));
        };
        let name = after.get(..close).unwrap_or("");
        if name.is_empty() || name.contains('{') {
            return Err(format!("malformed placeholder in path `{path}`"));
        }
        if out.iter().any(|n| n == name) {
            return Err(format!(
                "placeholder `{{{name}}}` appears twice in path `{path}`"
            ));
        }
        out.push(name.to_owned());
        rest = after.get(close + 1..).unwrap_or("");
    }
    if rest.contains('}') {
        return Err(format!("unbalanced `}}` in path `{path}`"));
    }
    if !path.starts_with('/') {
        return Err(format!("path `{path}` does not start with `/`"));
    }
    Ok(out)
}

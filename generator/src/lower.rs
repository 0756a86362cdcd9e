//! Stage 2: lower the OpenAPI document into the intermediate model (`model.rs`).
//!
//! This is the only stage that reads `openapiv3` types. It resolves `$ref`s, applies the Twilio
//! conventions (`conventions.rs`) and records, for every item, the JSON pointer it came from.
//! Mappings (paths, properties) are visited in sorted order, so reordering the keys of the input
//! never changes the output; sequences (parameters, enum values) keep their document order.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    OpenAPI, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, Schema, SchemaKind,
    StatusCode, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::conventions;
use crate::error::{Error, Pointer, Warning};
use crate::load::Document;
use crate::model::*;

mod scalars;
mod xml;

/// Which operations to generate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only paths starting with one of these (all paths when empty).
    pub path_prefixes: Vec<String>,
    /// Only operations carrying one of these tags (all when empty).
    pub tags: Vec<String>,
}

impl Selection {
    fn path_selected(&self, path: &str) -> bool {
        self.path_prefixes.is_empty() || self.path_prefixes.iter().any(|p| path.starts_with(p))
    }

    fn tags_selected(&self, tags: &[String]) -> bool {
        self.tags.is_empty() || tags.iter().any(|t| self.tags.contains(t))
    }
}

/// Lowers the selected operations of `doc` and every type they reach.
pub fn lower(doc: &Document, selection: &Selection) -> Result<Api, Error> {
    let mut cx = Lowerer {
        doc,
        api: &doc.api,
        types: BTreeMap::new(),
        warnings: Vec::new(),
        sid_votes: conventions::SidNames::default(),
        resolving: Vec::new(),
        in_struct: false,
        server_variables: BTreeMap::new(),
    };
    let selected = cx.select(selection)?;
    if selected.is_empty() {
        return Err(Error::spec(
            "#/paths",
            "no operation selected: the document has no operations, or the selection matches none",
        ));
    }
    let paths: Vec<&str> = selected.iter().map(|s| s.path.as_str()).collect();
    let modules = conventions::resource_modules(&paths);
    let mut operations = Vec::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for s in &selected {
        let pointer = Pointer::root()
            .push("paths")
            .push(&s.path)
            .push(s.method_key);
        let Some(id) = s.op.operation_id.clone().filter(|id| !id.trim().is_empty()) else {
            return Err(Error::spec(pointer, "the operation has no `operationId`"));
        };
        if let Some(first) = ids.insert(id.clone(), pointer.to_string()) {
            return Err(Error::spec(
                pointer,
                format!("duplicate operationId `{id}` (first used at {first})"),
            ));
        }
        let module = modules.get(&s.path).cloned().unwrap_or_default();
        if let Some(op) = cx.operation(s, id, module, &pointer)? {
            operations.push(op);
        }
    }
    operations.sort_by(|a, b| (&a.module, &a.id).cmp(&(&b.module, &b.id)));

    let sid_names = cx.sid_votes.decide();
    for (prefix, name) in sid_names {
        let id = TypeId::Sid(prefix.clone());
        if let Some(def) = cx.types.get_mut(&id) {
            def.candidates = vec![name];
        }
    }
    place_types(&mut cx.types, &operations);
    mark_boxed(&mut cx.types);
    let (xml_types, json_types) = xml::formats(&cx.types, &operations);
    let mut warnings = cx.warnings;
    warnings.sort();
    warnings.dedup();
    let info = &doc.api.info;
    Ok(Api {
        title: info.title.clone(),
        description: info.description.clone(),
        version: info.version.clone(),
        operations,
        types: cx.types,
        warnings,
        server_variables: cx
            .server_variables
            .into_iter()
            .map(|(name, doc)| ServerVariable {
                name,
                rust_name: String::new(),
                doc,
            })
            .collect(),
        xml_types,
        json_types,
    })
}

struct Selected<'a> {
    path: String,
    method: Method,
    method_key: &'static str,
    item: &'a PathItem,
    op: &'a openapiv3::Operation,
}

struct Lowerer<'a> {
    doc: &'a Document,
    api: &'a OpenAPI,
    types: BTreeMap<TypeId, TypeDef>,
    warnings: Vec<Warning>,
    sid_votes: conventions::SidNames,
    /// Component aliases being resolved, to report `$ref` cycles instead of recursing forever.
    resolving: Vec<String>,
    /// Whether the schema being lowered is a property of a struct (rather than a parameter).
    in_struct: bool,
    /// Server variables the user supplies (rule "install-specific servers"), with their docs.
    server_variables: BTreeMap<String, Option<String>>,
}

/// What lowering a schema found.
struct Lowered {
    ty: TypeRef,
    nullable: bool,
    sensitive: bool,
    doc: Option<String>,
    checks: Checks,
}

impl Lowered {
    fn of(ty: TypeRef) -> Lowered {
        Lowered {
            ty,
            nullable: false,
            sensitive: false,
            doc: None,
            checks: Checks::default(),
        }
    }
}

/// A schema or a reference to one, whatever box it came in.
enum SchemaRef<'s> {
    Ref(&'s str),
    Item(&'s Schema),
}

impl<'s> From<&'s ReferenceOr<Schema>> for SchemaRef<'s> {
    fn from(r: &'s ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Item(s),
        }
    }
}

impl<'s> From<&'s ReferenceOr<Box<Schema>>> for SchemaRef<'s> {
    fn from(r: &'s ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Item(s),
        }
    }
}

/// The name of a component from a local reference `#/components/{kind}/{name}`.
fn local_ref(reference: &str, kind: &str, at: &Pointer) -> Result<String, Error> {
    let prefix = format!("#/components/{kind}/");
    match reference.strip_prefix(&prefix) {
        Some(name) if !name.is_empty() && !name.contains('/') => {
            Ok(name.replace("~1", "/").replace("~0", "~"))
        }
        _ if !reference.starts_with('#') => Err(Error::spec(
            at,
            format!("external `$ref` `{reference}` is not supported: inline the definition"),
        )),
        _ => Err(Error::spec(
            at,
            format!("`$ref` `{reference}` does not point into `#/components/{kind}`"),
        )),
    }
}

const METHODS: [(&str, Method); 5] = [
    ("get", Method::Get),
    ("post", Method::Post),
    ("put", Method::Put),
    ("patch", Method::Patch),
    ("delete", Method::Delete),
];

impl<'a> Lowerer<'a> {
    fn warn(&mut self, pointer: &Pointer, message: impl Into<String>) {
        self.warnings.push(Warning {
            pointer: pointer.to_string(),
            message: message.into(),
        });
    }

    fn select(&mut self, selection: &Selection) -> Result<Vec<Selected<'a>>, Error> {
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

    fn server(&mut self, s: &Selected<'_>, at: &Pointer) -> Result<String, Error> {
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
            return Err(Error::spec(
                at,
                "no server URL: declare `servers` on the document, the path or the operation",
            ));
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

    fn operation(
        &mut self,
        s: &Selected<'_>,
        id: String,
        module: String,
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
                Parameter::Header { .. } | Parameter::Cookie { .. } => {
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
        path_params.sort_by_key(|p| template.iter().position(|n| n == &p.wire_name));
        for p in &mut path_params {
            p.required = true;
            if conventions::is_account_scope(&p.wire_name) {
                p.source = PathSource::Account;
            }
        }

        // Rule "XML bodies": an XML request body (and no form) is a typed document.
        let xml_body = match &s.op.request_body {
            Some(rb) => self.xml_request_body(rb, &at.push("requestBody"), &id)?,
            None => None,
        };
        let body = match &s.op.request_body {
            None => None,
            Some(_) if xml_body.is_some() => None,
            Some(rb) => match self.form_body(rb, at, &id)? {
                Some(body) => Some(body),
                None => return Ok(None),
            },
        };

        let Some(response) = self.response(s, &id, at)? else {
            return Ok(None);
        };

        Ok(Some(Operation {
            rust_name: String::new(),
            request_name: String::new(),
            stream_name: String::new(),
            params_name: None,
            module,
            pointer: at.to_string(),
            method: s.method,
            path: s.path.clone(),
            server,
            summary: s.op.summary.clone(),
            description: s.op.description.clone(),
            deprecated: s.op.deprecated,
            path_params,
            query_params,
            body,
            xml_body,
            response,
            id,
        }))
    }

    fn parameter(
        &self,
        p: &'a ReferenceOr<Parameter>,
        at: &Pointer,
    ) -> Result<(Pointer, &'a Parameter), Error> {
        match p {
            ReferenceOr::Item(p) => Ok((at.clone(), p)),
            ReferenceOr::Reference { reference } => {
                let name = local_ref(reference, "parameters", at)?;
                let target = self
                    .api
                    .components
                    .as_ref()
                    .and_then(|c| c.parameters.get(&name))
                    .ok_or_else(|| Error::spec(at, format!("unresolved `$ref` `{reference}`")))?;
                match target {
                    ReferenceOr::Item(p) => Ok((
                        Pointer::root()
                            .push("components")
                            .push("parameters")
                            .push(&name),
                        p,
                    )),
                    ReferenceOr::Reference { .. } => Err(Error::spec(
                        at,
                        format!(
                            "`$ref` `{reference}` points at another `$ref`; chains are not supported"
                        ),
                    )),
                }
            }
        }
    }

    fn param(
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
            rust_name: String::new(),
            doc: data.description.clone().or(lowered.doc),
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

    /// A request body, following one `$ref` into `#/components/requestBodies`, with the pointer of
    /// where it is written.
    fn request_body<'r>(
        &self,
        rb: &'r ReferenceOr<openapiv3::RequestBody>,
        at: &Pointer,
    ) -> Result<(Pointer, &'r openapiv3::RequestBody), Error>
    where
        'a: 'r,
    {
        match rb {
            ReferenceOr::Item(rb) => Ok((at.clone(), rb)),
            ReferenceOr::Reference { reference } => {
                let name = local_ref(reference, "requestBodies", at)?;
                let target = self
                    .api
                    .components
                    .as_ref()
                    .and_then(|c| c.request_bodies.get(&name))
                    .ok_or_else(|| Error::spec(at, format!("unresolved `$ref` `{reference}`")))?;
                match target {
                    ReferenceOr::Item(rb) => Ok((
                        Pointer::root()
                            .push("components")
                            .push("requestBodies")
                            .push(&name),
                        rb,
                    )),
                    ReferenceOr::Reference { .. } => {
                        Err(Error::spec(at, "`$ref` chains are not supported"))
                    }
                }
            }
        }
    }

    /// Lowers the request body of the operation at `op_at`. `None` means the operation is
    /// skipped (with a warning).
    fn form_body(
        &mut self,
        rb: &ReferenceOr<openapiv3::RequestBody>,
        op_at: &Pointer,
        id: &str,
    ) -> Result<Option<FormBody>, Error> {
        let (at, rb) = self.request_body(rb, &op_at.push("requestBody"))?;
        const FORM: &str = "application/x-www-form-urlencoded";
        let Some(media) = rb.content.get(FORM) else {
            let types: Vec<&str> = rb.content.keys().map(String::as_str).collect();
            self.warn(&at.push("content"), format!("request content type(s) {types:?} not supported (only `{FORM}` or XML); operation `{id}` skipped"));
            return Ok(None);
        };
        let schema_at = at.push("content").push(FORM).push("schema");
        let Some(schema) = &media.schema else {
            return Err(Error::spec(schema_at, "the form body has no schema"));
        };
        let (schema_at, schema) = self.deref_schema(schema.into(), &schema_at)?;
        let (properties, required) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => (&o.properties, &o.required),
            SchemaKind::Any(a) if !a.properties.is_empty() => (&a.properties, &a.required),
            _ => {
                return Err(Error::spec(
                    schema_at,
                    "a form body must be an object with properties",
                ));
            }
        };
        let mut fields = Vec::new();
        for (name, prop) in sorted(properties) {
            let prop_at = schema_at.push("properties").push(name);
            self.in_struct = false;
            let lowered = self.schema(prop.into(), &prop_at, id, name, None)?;
            fields.push(Param {
                wire_name: name.clone(),
                rust_name: String::new(),
                doc: lowered.doc,
                required: required.contains(name),
                ty: lowered.ty,
                checks: lowered.checks,
                source: PathSource::Argument,
                sensitive: lowered.sensitive || conventions::is_secret(name),
                pointer: prop_at.to_string(),
                allow_reserved: false,
            });
        }
        // Rules "declared form order" and `allowReserved`.
        self.form_extras(
            &mut fields,
            media,
            schema,
            &schema_at,
            &at.push("content").push(FORM),
        )?;
        for name in required {
            if !properties.contains_key(name) {
                return Err(Error::spec(
                    schema_at.push("required"),
                    format!("required field `{name}` is not among the properties"),
                ));
            }
        }

        // Rule "conditional groups": declared on the operation, wherever its body is written.
        let groups = conventions::conditional_groups(&self.op_extensions(op_at))
            .map_err(|m| Error::spec(op_at.push("x-twilio").push("conditional"), m))?;
        let mut choices = Vec::new();
        for (gi, group) in groups.iter().enumerate() {
            let mut members = Vec::new();
            for member in group {
                let Some(pos) = fields
                    .iter()
                    .position(|f| conventions::is_conditional_member(&f.wire_name, member))
                else {
                    return Err(Error::spec(
                        op_at.push("x-twilio").push("conditional").push(gi),
                        format!("`{member}` is not a field of the form body"),
                    ));
                };
                let f = fields.remove(pos);
                members.push(ChoiceMember {
                    wire_name: f.wire_name,
                    rust_name: String::new(),
                    ctor_name: String::new(),
                    doc: f.doc,
                    ty: f.ty,
                });
            }
            let tid = TypeId::Choice(id.to_owned(), gi);
            let suffix = if groups.len() == 1 {
                String::new()
            } else {
                (gi + 1).to_string()
            };
            self.types.insert(
                tid.clone(),
                TypeDef {
                    candidates: vec![format!("{}Choice{suffix}", crate::casing::type_name(id))],
                    name: String::new(),
                    module: String::new(),
                    doc: None,
                    pointer: op_at
                        .push("x-twilio")
                        .push("conditional")
                        .push(gi)
                        .to_string(),
                    kind: TypeKind::Choice(ChoiceDef {
                        operation_id: id.to_owned(),
                        members,
                    }),
                },
            );
            choices.push(ChoiceField {
                id: tid,
                rust_name: String::new(),
            });
        }

        // Rule "indexed families".
        let mut families_found: BTreeMap<String, BTreeMap<usize, BTreeSet<String>>> =
            BTreeMap::new();
        for f in &fields {
            if let Some((prefix, n, key)) = conventions::indexed_member(&f.wire_name)
                && f.ty == TypeRef::String
            {
                families_found
                    .entry(prefix.to_owned())
                    .or_default()
                    .entry(n)
                    .or_default()
                    .insert(key.to_owned());
            }
        }
        let mut families = Vec::new();
        for (prefix, members) in families_found {
            let max = members.len();
            let first_key = members
                .values()
                .next()
                .and_then(|k| k.iter().next())
                .cloned()
                .unwrap_or_default();
            let first = fields
                .iter()
                .find(|f| f.wire_name == format!("{prefix}1.{first_key}"))
                .or_else(|| fields.iter().find(|f| matches!(conventions::indexed_member(&f.wire_name), Some((p, _, _)) if p == prefix)));
            let pointer = first.map(|f| f.pointer.clone()).unwrap_or_else(|| schema_at.to_string());
            let doc = first.and_then(|f| f.doc.clone());
            let contiguous = members.keys().copied().eq(1..=max);
            let keys: Option<&BTreeSet<String>> = members.values().next();
            let same_keys = keys.is_some_and(|k| members.values().all(|m| m == k));
            // The one shape the generator understands: members 1..=max, each with the same two
            // keys (a name and a value). Anything else stays plain fields, with a warning.
            let pair = keys.filter(|k| k.len() == 2).map(|k| {
                let mut k = k.iter().map(|wire| FamilyKey {
                    wire: wire.clone(),
                    rust_name: String::new(),
                });
                (k.next(), k.next())
            });
            let (Some((Some(k0), Some(k1))), true, true, true) = (pair, contiguous, same_keys, max >= 2)
            else {
                let shape = keys.map(|k| k.iter().cloned().collect::<Vec<_>>().join("`, `")).unwrap_or_default();
                self.warnings.push(Warning {
                    pointer,
                    message: format!(
                        "indexed fields `{prefix}N.*` (keys `{shape}`, indices {:?}) are not a family of name/value pairs numbered from 1; left as plain fields",
                        members.keys().collect::<Vec<_>>()
                    ),
                });
                continue;
            };
            fields.retain(|f| !matches!(conventions::indexed_member(&f.wire_name), Some((p, _, _)) if p == prefix));
            families.push(IndexedFamily {
                doc,
                rust_name: String::new(),
                item_name: String::new(),
                prefix,
                keys: [k0, k1],
                max,
                pointer,
            });
        }
        Ok(Some(FormBody {
            required_order: required.clone(),
            fields,
            choices,
            families,
        }))
    }

    /// The extensions of the operation at `op_at`, read from the raw document.
    fn op_extensions(&self, op_at: &Pointer) -> indexmap::IndexMap<String, serde_json::Value> {
        let op_ptr = op_at.as_str();
        let raw = self
            .doc
            .raw
            .pointer(op_ptr.strip_prefix('#').unwrap_or(op_ptr));
        raw.and_then(|v| v.as_object())
            .map(|o| {
                o.iter()
                    .filter(|(k, _)| k.starts_with("x-"))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The success response of an operation. `None` means the operation is skipped.
    fn response(
        &mut self,
        s: &Selected<'_>,
        id: &str,
        at: &Pointer,
    ) -> Result<Option<ResponseKind>, Error> {
        let mut kinds: Vec<(Pointer, ResponseKind)> = Vec::new();
        let mut codes: Vec<(&StatusCode, &ReferenceOr<openapiv3::Response>)> =
            s.op.responses.responses.iter().collect();
        codes.sort_by_key(|(c, _)| c.to_string());
        for (code, resp) in codes {
            let success = match code {
                StatusCode::Code(c) => (200..300).contains(c),
                StatusCode::Range(r) => *r == 2,
            };
            if !success {
                continue;
            }
            let r_at = at.push("responses").push(code);
            let (r_at, resp) = match resp {
                ReferenceOr::Item(r) => (r_at, r),
                ReferenceOr::Reference { reference } => {
                    let name = local_ref(reference, "responses", &r_at)?;
                    let target = self
                        .api
                        .components
                        .as_ref()
                        .and_then(|c| c.responses.get(&name))
                        .ok_or_else(|| {
                            Error::spec(&r_at, format!("unresolved `$ref` `{reference}`"))
                        })?;
                    match target {
                        ReferenceOr::Item(r) => (
                            Pointer::root()
                                .push("components")
                                .push("responses")
                                .push(&name),
                            r,
                        ),
                        ReferenceOr::Reference { .. } => {
                            return Err(Error::spec(r_at, "`$ref` chains are not supported"));
                        }
                    }
                }
            };
            if resp.content.is_empty() {
                kinds.push((r_at, ResponseKind::Empty));
                continue;
            }
            let json = resp
                .content
                .iter()
                .find(|(ct, _)| *ct == "application/json" || ct.ends_with("+json"));
            let Some((ct, media)) = json else {
                // Rule "XML bodies".
                if let Some(kind) = self.xml_response(resp, &r_at, id)? {
                    kinds.push((r_at, kind));
                    continue;
                }
                let types: Vec<&str> = resp.content.keys().map(String::as_str).collect();
                self.warn(&r_at.push("content"), format!("response content type(s) {types:?} not supported (only JSON or XML); operation `{id}` skipped"));
                return Ok(None);
            };
            let m_at = r_at.push("content").push(ct).push("schema");
            let Some(schema) = &media.schema else {
                kinds.push((r_at, ResponseKind::Json(TypeRef::Json)));
                continue;
            };
            let hint = format!("{id}Response");
            let lowered = self.schema(schema.into(), &m_at, id, "response", Some(&hint))?;
            let kind = match &lowered.ty {
                TypeRef::Named(tid) => match self.types.get(tid).map(|t| &t.kind) {
                    Some(TypeKind::Struct(StructDef { page: Some(_), .. })) => {
                        ResponseKind::Page(tid.clone())
                    }
                    _ => ResponseKind::Json(lowered.ty),
                },
                _ => ResponseKind::Json(lowered.ty),
            };
            kinds.push((r_at, kind));
        }
        let Some((_, first)) = kinds.first() else {
            self.warn(
                &at.push("responses"),
                format!("`{id}` declares no 2xx response; operation skipped"),
            );
            return Ok(None);
        };
        let first = first.clone();
        if let Some((p, _)) = kinds.iter().find(|(_, k)| k != &first) {
            self.warn(
                p,
                format!("success responses of `{id}` differ; the body is decoded as a JSON value"),
            );
            return Ok(Some(ResponseKind::Json(TypeRef::Json)));
        }
        Ok(Some(first))
    }

    /// Follows a `$ref` to its component schema (with its pointer), or returns the item itself.
    fn deref_schema<'s>(
        &self,
        s: SchemaRef<'s>,
        at: &Pointer,
    ) -> Result<(Pointer, &'s Schema), Error>
    where
        'a: 's,
    {
        match s {
            SchemaRef::Item(schema) => Ok((at.clone(), schema)),
            SchemaRef::Ref(reference) => {
                let name = local_ref(reference, "schemas", at)?;
                match self.component(&name) {
                    Some(ReferenceOr::Item(schema)) => Ok((component_pointer(&name), schema)),
                    Some(ReferenceOr::Reference { .. }) => Err(Error::spec(
                        at,
                        format!(
                            "`$ref` `{reference}` points at another `$ref`; chains are not supported here"
                        ),
                    )),
                    None => Err(Error::spec(at, format!("unresolved `$ref` `{reference}`"))),
                }
            }
        }
    }

    /// The values of a string enum declared at `at`: without `null` (which makes the value
    /// optional instead), each once (a repeated value is left out, with a warning); an error when
    /// none is left.
    fn enum_values(
        &mut self,
        values: &[Option<String>],
        at: &Pointer,
    ) -> Result<Vec<String>, Error> {
        let mut out: Vec<String> = Vec::new();
        for (i, value) in values.iter().enumerate() {
            let Some(value) = value else { continue };
            if out.contains(value) {
                self.warn(
                    &at.push("enum").push(i),
                    format!("duplicate enum value `{value}`; left out"),
                );
            } else {
                out.push(value.clone());
            }
        }
        if out.is_empty() {
            return Err(Error::spec(
                at.push("enum"),
                "an enum needs at least one non-null value",
            ));
        }
        Ok(out)
    }

    fn component(&self, name: &str) -> Option<&'a ReferenceOr<Schema>> {
        self.api
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(name))
    }

    /// Lowers a schema used at `at` by a field `field` of `owner`.
    fn schema(
        &mut self,
        s: SchemaRef<'_>,
        at: &Pointer,
        owner: &str,
        field: &str,
        hint: Option<&str>,
    ) -> Result<Lowered, Error> {
        let schema = match s {
            SchemaRef::Ref(reference) => return self.component_ref(reference, at, field),
            SchemaRef::Item(schema) => schema,
        };
        // `enum: []` reads as no enum at all: say that no value would do instead.
        if self
            .doc
            .raw_at(at)
            .and_then(|v| v.get("enum"))
            .and_then(|e| e.as_array())
            .is_some_and(|values| values.is_empty())
        {
            return Err(Error::spec(
                at.push("enum"),
                "an enum needs at least one non-null value",
            ));
        }
        let data = &schema.schema_data;
        let mut out = Lowered::of(TypeRef::Json);
        out.nullable = data.nullable;
        out.sensitive = conventions::is_sensitive(&data.extensions);
        out.doc = data.description.clone();
        out.ty = match &schema.schema_kind {
            SchemaKind::Type(Type::String(st)) => {
                out.checks.min_length = st.min_length;
                out.checks.max_length = st.max_length;
                if let VariantOrUnknownOrEmpty::Item(StringFormat::Password) = &st.format {
                    out.sensitive = true;
                }
                let format = match &st.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time"),
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("date"),
                    VariantOrUnknownOrEmpty::Item(_) | VariantOrUnknownOrEmpty::Empty => None,
                    VariantOrUnknownOrEmpty::Unknown(f) => Some(f.as_str()),
                };
                if !st.enumeration.is_empty() {
                    out.checks = Checks::default();
                    if st.enumeration.iter().any(Option::is_none) {
                        out.nullable = true;
                    }
                    let values = self.enum_values(&st.enumeration, at)?;
                    let key = conventions::inline_enum_key(format, &values);
                    let id = TypeId::InlineEnum(key);
                    if !self.types.contains_key(&id) {
                        self.types.insert(
                            id.clone(),
                            TypeDef {
                                candidates: vec![conventions::inline_enum_name(
                                    format, owner, field,
                                )],
                                name: String::new(),
                                module: String::new(),
                                doc: None,
                                pointer: at.to_string(),
                                kind: TypeKind::Enum(enum_def(values)),
                            },
                        );
                    }
                    TypeRef::Named(id)
                } else if let Some(prefix) = st.pattern.as_deref().and_then(conventions::sid_prefix)
                {
                    out.checks = Checks::default();
                    self.sid_votes
                        .vote(&prefix, field, self.in_struct.then_some(owner));
                    let id = TypeId::Sid(prefix.clone());
                    self.types.entry(id.clone()).or_insert_with(|| TypeDef {
                        candidates: Vec::new(),
                        name: String::new(),
                        module: SHARED_MODULE.to_owned(),
                        doc: None,
                        pointer: at.to_string(),
                        kind: TypeKind::Sid { prefix },
                    });
                    TypeRef::Named(id)
                } else {
                    match format {
                        Some("date-time") => TypeRef::DateTime { rfc2822: false },
                        Some("date-time-rfc-2822") => TypeRef::DateTime { rfc2822: true },
                        Some("date") => TypeRef::Date,
                        _ => TypeRef::String,
                    }
                }
            }
            SchemaKind::Type(Type::Integer(it))
                if let Some(named) = self.named_integer(it, data, at, owner, field)? =>
            {
                named
            }
            SchemaKind::Type(Type::Integer(it)) => {
                out.checks.minimum = it.minimum.map(|v| v as f64);
                out.checks.maximum = it.maximum.map(|v| v as f64);
                match it.format {
                    VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => TypeRef::I32,
                    _ => TypeRef::I64,
                }
            }
            SchemaKind::Type(Type::Number(nt)) => {
                out.checks.minimum = nt.minimum;
                out.checks.maximum = nt.maximum;
                TypeRef::F64
            }
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Array(arr)) => {
                out.checks.max_items = arr.max_items;
                match &arr.items {
                    Some(items) => {
                        let inner =
                            self.schema(items.into(), &at.push("items"), owner, field, hint)?;
                        out.sensitive |= inner.sensitive;
                        TypeRef::Array(Box::new(inner.ty))
                    }
                    None => TypeRef::Array(Box::new(TypeRef::Json)),
                }
            }
            SchemaKind::Type(Type::Object(obj)) => self.object(
                &obj.properties,
                &obj.required,
                obj.additional_properties.as_ref(),
                data,
                at,
                owner,
                field,
                hint,
            )?,
            // A `type` other than `object` that did not read as that type: a field of the wrong
            // type, or an unknown type name.
            SchemaKind::Any(any) if any.typ.as_deref().is_some_and(|t| t != "object") => {
                let (pointer, message) = crate::load::schema_problem(&self.doc.raw, at)
                    .unwrap_or_else(|| {
                        (
                            at.to_string(),
                            format!("not a valid `{}` schema", any.typ.as_deref().unwrap_or("")),
                        )
                    });
                return Err(Error::spec(pointer, message));
            }
            SchemaKind::Any(any)
                if any.typ.as_deref() == Some("object")
                    || !any.properties.is_empty()
                    || any.additional_properties.is_some() =>
            {
                self.object(
                    &any.properties,
                    &any.required,
                    any.additional_properties.as_ref(),
                    data,
                    at,
                    owner,
                    field,
                    hint,
                )?
            }
            SchemaKind::Any(any)
                if any.one_of.is_empty()
                    && any.all_of.is_empty()
                    && any.any_of.is_empty()
                    && any.not.is_none() =>
            {
                TypeRef::Json
            }
            SchemaKind::OneOf { .. }
            | SchemaKind::AnyOf { .. }
            | SchemaKind::AllOf { .. }
            | SchemaKind::Not { .. }
            | SchemaKind::Any(_) => {
                self.warn(at, "`oneOf`/`anyOf`/`allOf`/`not` are not supported; the value is typed as a JSON value");
                TypeRef::Json
            }
        };
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn object(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&openapiv3::AdditionalProperties>,
        data: &openapiv3::SchemaData,
        at: &Pointer,
        owner: &str,
        field: &str,
        hint: Option<&str>,
    ) -> Result<TypeRef, Error> {
        if properties.is_empty() {
            // Rule "uri-map": `format: uri-map` objects map names to URIs.
            let format = self
                .doc
                .raw_at(at)
                .and_then(|v| v.get("format"))
                .and_then(|f| f.as_str());
            return Ok(match (format, additional) {
                (Some("uri-map"), _) => TypeRef::Map(Box::new(TypeRef::String)),
                (_, Some(openapiv3::AdditionalProperties::Schema(s))) => {
                    let inner = self.schema(
                        s.as_ref().into(),
                        &at.push("additionalProperties"),
                        owner,
                        field,
                        None,
                    )?;
                    TypeRef::Map(Box::new(inner.ty))
                }
                _ => TypeRef::Json,
            });
        }
        let name = data
            .title
            .clone()
            .or_else(|| hint.map(str::to_owned))
            .unwrap_or_else(|| format!("{owner}_{field}"));
        let name = crate::casing::type_name(&name);
        let id = TypeId::Inline(at.to_string());
        let def = self.struct_def(properties, required, at, &name)?;
        self.types.insert(
            id.clone(),
            TypeDef {
                candidates: vec![name],
                name: String::new(),
                module: String::new(),
                doc: data.description.clone(),
                pointer: at.to_string(),
                kind: TypeKind::Struct(def),
            },
        );
        Ok(TypeRef::Named(id))
    }

    fn struct_def(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        at: &Pointer,
        owner: &str,
    ) -> Result<StructDef, Error> {
        let mut fields = Vec::new();
        let outer = std::mem::replace(&mut self.in_struct, true);
        for (name, prop) in sorted(properties) {
            let lowered = self.schema(
                prop.into(),
                &at.push("properties").push(name),
                owner,
                name,
                None,
            );
            let lowered = match lowered {
                Ok(l) => l,
                Err(e) => {
                    self.in_struct = outer;
                    return Err(e);
                }
            };
            let is_required = required.contains(name);
            let (xml, false_is_null) =
                match self.xml_field(&at.push("properties").push(name), name, prop, &lowered.ty) {
                    Ok(found) => found,
                    Err(e) => {
                        self.in_struct = outer;
                        return Err(e);
                    }
                };
            fields.push(Field {
                wire_name: name.clone(),
                rust_name: String::new(),
                doc: lowered.doc,
                optional: !is_required || lowered.nullable || false_is_null,
                ty: lowered.ty,
                sensitive: lowered.sensitive || conventions::is_secret(name),
                boxed: false,
                false_is_null,
                xml,
            });
        }
        self.in_struct = outer;
        let page = conventions::page_shape(
            fields
                .iter()
                .map(|f| (f.wire_name.as_str(), matches!(f.ty, TypeRef::Array(_)))),
        )
        .and_then(|(items, next)| {
            let item = fields
                .iter()
                .find(|f| f.wire_name == items)
                .and_then(|f| match &f.ty {
                    TypeRef::Array(inner) => Some((**inner).clone()),
                    _ => None,
                })?;
            let next_is_string = fields
                .iter()
                .any(|f| f.wire_name == next && f.ty == TypeRef::String);
            next_is_string.then(|| PageInfo {
                items_field: items.to_owned(),
                item,
                next_field: next.to_owned(),
            })
        });
        Ok(StructDef { fields, page })
    }

    /// A `$ref` to a component schema: objects and enums become named types (lowered once);
    /// anything else is used in place.
    fn component_ref(
        &mut self,
        reference: &str,
        at: &Pointer,
        field: &str,
    ) -> Result<Lowered, Error> {
        let name = local_ref(reference, "schemas", at)?;
        let Some(target) = self.component(&name) else {
            return Err(Error::spec(at, format!("unresolved `$ref` `{reference}`")));
        };
        let c_at = component_pointer(&name);
        if self.resolving.contains(&name) {
            return Err(Error::spec(at, format!("`$ref` cycle through `{name}`")));
        }
        let schema = match target {
            ReferenceOr::Reference { reference: next } => {
                self.resolving.push(name.clone());
                let r = self.component_ref(next, &c_at, field);
                self.resolving.pop();
                return r;
            }
            ReferenceOr::Item(schema) => schema,
        };
        let id = TypeId::Component(name.clone());
        let named = match &schema.schema_kind {
            SchemaKind::Type(Type::String(st)) => !st.enumeration.is_empty(),
            SchemaKind::Type(Type::Object(o)) => !o.properties.is_empty(),
            SchemaKind::Any(a) => !a.properties.is_empty(),
            _ => false,
        };
        if !named {
            self.resolving.push(name.clone());
            let owner = crate::casing::type_name(&name);
            let r = self.schema(SchemaRef::Item(schema), &c_at, &owner, field, None);
            self.resolving.pop();
            return r;
        }
        let mut out = Lowered::of(TypeRef::Named(id.clone()));
        out.nullable = schema.schema_data.nullable;
        out.doc = schema.schema_data.description.clone();
        if self.types.contains_key(&id) {
            return Ok(out);
        }
        let candidates = conventions::component_type_names(&name);
        let owner = candidates.first().cloned().unwrap_or_default();
        let kind = match &schema.schema_kind {
            SchemaKind::Type(Type::String(st)) => {
                TypeKind::Enum(enum_def(self.enum_values(&st.enumeration, &c_at)?))
            }
            SchemaKind::Type(Type::Object(o)) => {
                // Insert a placeholder first so that recursive references terminate.
                self.types.insert(id.clone(), placeholder(&c_at));
                TypeKind::Struct(self.struct_def(&o.properties, &o.required, &c_at, &owner)?)
            }
            SchemaKind::Any(a) => {
                self.types.insert(id.clone(), placeholder(&c_at));
                TypeKind::Struct(self.struct_def(&a.properties, &a.required, &c_at, &owner)?)
            }
            _ => return Err(Error::spec(&c_at, "internal: unexpected component kind")),
        };
        self.types.insert(
            id,
            TypeDef {
                candidates,
                name: String::new(),
                module: String::new(),
                doc: schema.schema_data.description.clone(),
                pointer: c_at.to_string(),
                kind,
            },
        );
        Ok(out)
    }
}

fn placeholder(at: &Pointer) -> TypeDef {
    TypeDef {
        candidates: Vec::new(),
        name: String::new(),
        module: String::new(),
        doc: None,
        pointer: at.to_string(),
        kind: TypeKind::Struct(StructDef {
            fields: Vec::new(),
            page: None,
        }),
    }
}

fn enum_def(values: Vec<String>) -> EnumDef {
    EnumDef {
        variants: values
            .into_iter()
            .map(|wire| Variant {
                wire,
                rust_name: String::new(),
            })
            .collect(),
        unknown_variant: String::new(),
    }
}

fn component_pointer(name: &str) -> Pointer {
    Pointer::root()
        .push("components")
        .push("schemas")
        .push(name)
}

fn sorted<V>(map: &indexmap::IndexMap<String, V>) -> Vec<(&String, &V)> {
    let mut v: Vec<(&String, &V)> = map.iter().collect();
    v.sort_by(|a, b| a.0.cmp(b.0));
    v
}

fn location(p: &Parameter) -> &'static str {
    match p {
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Path { .. } => "path",
        Parameter::Cookie { .. } => "cookie",
    }
}

/// The `{name}` placeholders of a path template, in order.
fn path_placeholders(path: &str) -> Result<Vec<String>, String> {
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

/// Every type id an operation reaches directly.
fn operation_roots(op: &Operation) -> Vec<TypeId> {
    let mut out = Vec::new();
    let mut add = |ty: &TypeRef| collect_ids(ty, &mut out);
    for p in op.path_params.iter().chain(&op.query_params) {
        add(&p.ty);
    }
    if let Some(body) = &op.body {
        for f in &body.fields {
            add(&f.ty);
        }
        for c in &body.choices {
            out.push(c.id.clone());
        }
    }
    if let Some(body) = &op.xml_body {
        collect_ids(&body.ty, &mut out);
    }
    match &op.response {
        ResponseKind::Json(ty) => collect_ids(ty, &mut out),
        ResponseKind::Xml(body) => collect_ids(&body.ty, &mut out),
        ResponseKind::Page(id) => out.push(id.clone()),
        ResponseKind::Empty | ResponseKind::Text { .. } => {}
    }
    out
}

fn collect_ids(ty: &TypeRef, out: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => out.push(id.clone()),
        TypeRef::Array(inner) | TypeRef::Map(inner) => collect_ids(inner, out),
        _ => {}
    }
}

/// The type ids a type refers to.
fn children(def: &TypeDef) -> Vec<TypeId> {
    let mut out = Vec::new();
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().for_each(|f| collect_ids(&f.ty, &mut out)),
        TypeKind::Choice(c) => c.members.iter().for_each(|m| collect_ids(&m.ty, &mut out)),
        TypeKind::Enum(_) | TypeKind::Sid { .. } | TypeKind::IntEnum(_) | TypeKind::Flags(_) => {}
    }
    out
}

/// Rule "module placement": a type used by one resource lives in that resource's module; a type
/// used by several (and every SID) lives in the shared `types` module.
fn place_types(types: &mut BTreeMap<TypeId, TypeDef>, operations: &[Operation]) {
    let mut users: BTreeMap<TypeId, BTreeSet<String>> = BTreeMap::new();
    for op in operations {
        let mut stack = operation_roots(op);
        let mut seen = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            users
                .entry(id.clone())
                .or_default()
                .insert(op.module.clone());
            if let Some(def) = types.get(&id) {
                stack.extend(children(def));
            }
        }
    }
    types.retain(|id, _| users.contains_key(id));
    for (id, def) in types.iter_mut() {
        let modules = users.get(id).cloned().unwrap_or_default();
        def.module = match (&def.kind, modules.len()) {
            (TypeKind::Sid { .. }, _) => SHARED_MODULE.to_owned(),
            (_, 1) => modules
                .into_iter()
                .next()
                .unwrap_or_else(|| SHARED_MODULE.to_owned()),
            _ => SHARED_MODULE.to_owned(),
        };
    }
}

/// Marks struct fields that hold their own struct (directly or through other structs, not through
/// a `Vec` or map) as boxed, so recursive schemas compile.
fn mark_boxed(types: &mut BTreeMap<TypeId, TypeDef>) {
    let direct = |def: &TypeDef| -> Vec<TypeId> {
        match &def.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .filter_map(|f| match &f.ty {
                    TypeRef::Named(id) => Some(id.clone()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let reaches = |from: &TypeId, target: &TypeId, types: &BTreeMap<TypeId, TypeDef>| -> bool {
        let mut stack = vec![from.clone()];
        let mut seen = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if &id == target {
                return true;
            }
            if seen.insert(id.clone())
                && let Some(def) = types.get(&id)
            {
                stack.extend(direct(def));
            }
        }
        false
    };
    let mut to_box: Vec<(TypeId, usize)> = Vec::new();
    for (id, def) in types.iter() {
        if let TypeKind::Struct(s) = &def.kind {
            for (i, f) in s.fields.iter().enumerate() {
                if let TypeRef::Named(child) = &f.ty
                    && reaches(child, id, types)
                {
                    to_box.push((id.clone(), i));
                }
            }
        }
    }
    for (id, i) in to_box {
        if let Some(TypeDef {
            kind: TypeKind::Struct(s),
            ..
        }) = types.get_mut(&id)
            && let Some(f) = s.fields.get_mut(i)
        {
            f.boxed = true;
        }
    }
}

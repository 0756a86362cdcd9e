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

mod callbacks;
mod composed;
mod forms;
mod headers;
mod json_body;
mod layout;
mod money;
mod operations;
mod raw_places;
mod responses;
mod scalars;
mod schemas;
mod security;
mod select;
mod unusual;
mod xml;

use layout::{children, collect_ids, mark_boxed, place_types};

/// Which operations to generate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only paths starting with one of these (all paths when empty).
    pub path_prefixes: Vec<String>,
    /// Only operations carrying one of these tags (all when empty).
    pub tags: Vec<String>,
}

impl Selection {
    pub(crate) fn path_selected(&self, path: &str) -> bool {
        self.path_prefixes.is_empty() || self.path_prefixes.iter().any(|p| path.starts_with(p))
    }

    pub(crate) fn tags_selected(&self, tags: &[String]) -> bool {
        self.tags.is_empty() || tags.iter().any(|t| self.tags.contains(t))
    }
}

/// Lowers the selected operations of `doc` and every type they reach.
pub fn lower(doc: &Document, selection: &Selection) -> Result<Api, Error> {
    let mut cx = Lowerer {
        doc,
        api: &doc.api,
        types: BTreeMap::new(),
        warnings: doc.warnings.clone(),
        sid_votes: conventions::SidNames::default(),
        resolving: Vec::new(),
        in_struct: false,
        server_variables: BTreeMap::new(),
        raw_found: Default::default(),
    };
    let selected = cx.select(selection)?;
    let document_types = if selected.is_empty() {
        cx.no_operations()?
    } else {
        Vec::new()
    };
    let mut operations = Vec::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for s in &selected {
        let pointer = Pointer::root()
            .push("paths")
            .push(&s.path)
            .push(s.method_key);
        let id = match s.op.operation_id.clone().filter(|id| !id.trim().is_empty()) {
            Some(id) => id,
            None => cx.synthetic_id(s, &pointer),
        };
        if let Some(first) = ids.insert(id.clone(), pointer.to_string()) {
            return Err(Error::spec(
                pointer,
                format!("duplicate operationId `{id}` (first used at {first})"),
            ));
        }
        if let Some(op) = cx.operation(s, id, &pointer)? {
            operations.push(op);
        }
    }

    // Callbacks before the SID names are decided: their `*Sid` fields vote too.
    let callbacks = callbacks::lower(&mut cx, &selected)?;
    let sid_names = cx.sid_votes.decide();
    for (prefix, name) in sid_names {
        let id = TypeId::Sid(prefix.clone());
        if let Some(def) = cx.types.get_mut(&id) {
            def.candidates = vec![name];
        }
    }
    let mut roots = callbacks::roots(&callbacks);
    roots.extend(document_types);
    place_types(&mut cx.types, &operations, &roots);
    mark_boxed(&mut cx.types);
    let (xml_types, json_types) = xml::formats(&cx.types, &operations);
    let request_types = json_body::request_types(&cx.types, &operations);
    let mut warnings = cx.warnings;
    warnings.sort();
    warnings.dedup();
    let info = &doc.api.info;
    Ok(Api {
        title: info.title.clone(),
        description: crate::model::Doc::from(info.description.clone()),
        version: info.version.clone(),
        operations,
        types: cx.types,
        warnings,
        server_variables: cx
            .server_variables
            .into_iter()
            .map(|(name, doc)| ServerVariable {
                name,
                rust_name: Name::default(),
                doc: crate::model::Doc::from(doc),
            })
            .collect(),
        xml_types,
        json_types,
        callbacks,
        surface: Surface::default(),
        request_types,
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
    /// Places of the raw document found lately (see [`Lowerer::raw_at`]).
    raw_found: std::cell::RefCell<raw_places::RawFound<'a>>,
}

impl<'a> Lowerer<'a> {
    /// The raw value at `pointer`, as [`Document::raw_at`] finds it.
    fn raw_at(&self, pointer: &Pointer) -> Option<&'a serde_json::Value> {
        match self.raw_found.try_borrow_mut() {
            Ok(mut found) => found.find(self.doc, pointer.as_str()),
            Err(_) => self.doc.raw_at(pointer),
        }
    }
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
/// Follows a `$ref` into `#/components/{kind}` to the item it names, through `$ref` chains of
/// any length (a component that is itself only a `$ref`); a chain that comes back to a component
/// it passed is an error naming it. Returns the item's pointer and the item.
pub(super) fn follow<'r, T>(
    components: Option<&'r indexmap::IndexMap<String, ReferenceOr<T>>>,
    kind: &str,
    reference: &str,
    at: &Pointer,
) -> Result<(Pointer, &'r T), Error> {
    let mut passed: Vec<String> = Vec::new();
    let mut reference = reference;
    loop {
        let name = local_ref(reference, kind, at)?;
        if passed.contains(&name) {
            // At the `$ref` that comes back.
            let back = passed.last().map_or_else(
                || at.clone(),
                |p| Pointer::root().push("components").push(kind).push(p),
            );
            return Err(Error::spec(back, format!("`$ref` cycle through `{name}`")));
        }
        let target = components
            .and_then(|c| c.get(&name))
            .ok_or_else(|| Error::spec(at, format!("unresolved `$ref` `{reference}`")))?;
        match target {
            ReferenceOr::Item(item) => {
                let pointer = Pointer::root().push("components").push(kind).push(&name);
                return Ok((pointer, item));
            }
            ReferenceOr::Reference { reference: next } => {
                passed.push(name);
                reference = next;
            }
        }
    }
}

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
}

pub(super) fn placeholder(at: &Pointer) -> TypeDef {
    TypeDef {
        candidates: Vec::new(),
        name: Name::default(),
        home: Home::Shared,
        module: Name::default(),
        doc: crate::model::Doc::default(),
        pointer: at.to_string(),
        kind: TypeKind::Struct(StructDef {
            fields: Vec::new(),
            page: None,
        }),
    }
}

pub(super) fn enum_def(values: Vec<String>) -> EnumDef {
    EnumDef {
        variants: values
            .into_iter()
            .map(|wire| Variant {
                wire,
                rust_name: Name::default(),
            })
            .collect(),
        unknown_variant: Name::default(),
    }
}

pub(super) fn component_pointer(name: &str) -> Pointer {
    Pointer::root()
        .push("components")
        .push("schemas")
        .push(name)
}

pub(super) fn sorted<V>(map: &indexmap::IndexMap<String, V>) -> Vec<(&String, &V)> {
    let mut v: Vec<(&String, &V)> = map.iter().collect();
    v.sort_by(|a, b| a.0.cmp(b.0));
    v
}

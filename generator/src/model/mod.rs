//! The intermediate model: what the emitters read.
//!
//! It is independent of `openapiv3`: lowering (`lower/`) turns the document into these types once,
//! applying the Twilio conventions (`conventions.rs`); naming (`names/`) then gives every item its
//! Rust name; the emitters only read. Every item keeps its wire name and the JSON pointer of the place
//! in the spec it came from, so later stages can still report errors precisely.

use std::collections::BTreeMap;

/// The name of the module holding types shared by several resources.
pub const SHARED_MODULE: &str = "types";

/// The name of the module holding the payloads of the requests Twilio sends (callbacks).
pub const WEBHOOKS_MODULE: &str = "webhooks";

/// A Rust identifier decided by the naming stage (`names/`). Lowering creates every one
/// unassigned (`Name::default()`), which no emitter can mistake for a real name: `names::assign`
/// assigns them all and then fails, naming the item's pointer, if one that is emitted is still
/// unassigned.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(Option<String>);

impl Name {
    /// Whether the naming stage assigned this name.
    pub fn is_assigned(&self) -> bool {
        self.0.is_some()
    }

    /// The name (empty only if it was never assigned, which `names::assign` rules out for every
    /// name that is emitted).
    pub fn as_str(&self) -> &str {
        self.0.as_deref().unwrap_or_default()
    }
}

impl From<String> for Name {
    fn from(name: String) -> Name {
        Name(Some(name))
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a named type lives (rule "module placement").
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Home {
    /// The shared `types` module ([`SHARED_MODULE`]): used by several resources, or a SID.
    #[default]
    Shared,
    /// The module of the one resource (collection, see [`Operation::resource`]) that uses it.
    Resource(Vec<String>),
    /// A module of its own kind, named by the model (such as [`WEBHOOKS_MODULE`]).
    Named(&'static str),
}

/// A whole API, lowered.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Api {
    /// `info.title` of the document.
    pub title: String,
    /// `info.description`, if any.
    pub description: Doc,
    /// `info.version`.
    pub version: String,
    /// Operations, sorted by (resource module, operation id).
    pub operations: Vec<Operation>,
    /// Every named type the operations reach, by id.
    pub types: BTreeMap<TypeId, TypeDef>,
    /// Constructs the generator passed over, with where and why.
    pub warnings: Vec<crate::Warning>,
    /// Server URL variables the user supplies when building the client (rule "install-specific
    /// servers"), by name.
    pub server_variables: Vec<ServerVariable>,
    /// The types read from (or written as) XML bodies, directly or through other types.
    pub xml_types: std::collections::BTreeSet<TypeId>,
    /// The types read from (or written as) JSON bodies, directly or through other types.
    pub json_types: std::collections::BTreeSet<TypeId>,
    /// The requests Twilio sends to the application (OpenAPI `callbacks`), one per payload type,
    /// sorted by name (`lower/callbacks.rs`); emitted as the `webhooks` module.
    pub callbacks: Vec<Callback>,
    /// Navigation, waiters and metadata methods (decided by `names.rs`, see `surface.rs`).
    pub surface: Surface,
    /// The struct types written into JSON request bodies, directly or through other types: they
    /// get a constructor taking their required fields (see `lower/json_body.rs`).
    pub request_types: std::collections::BTreeSet<TypeId>,
}

/// A request Twilio sends to the application: an OpenAPI callback of one or more operations.
/// Callbacks with the same key share one payload type (their schemas must be equal).
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Callback {
    /// The callback's key in the operations' `callbacks` maps, e.g. `CallStatusCallback`.
    pub key: String,
    /// The payload struct (a [`TypeKind::Struct`] in the `webhooks` module).
    pub payload: TypeId,
    /// The operations declaring it, by `operationId`, with the parameter holding the URL as
    /// the docs name it (`` `Url` ``, or with its template when text surrounds it), in the API's
    /// order.
    pub declared_by: Vec<(String, String)>,
    /// The callback operation's `summary`: when Twilio sends it.
    pub summary: Doc,
    /// The callback operation's `description`.
    pub description: Doc,
    /// Whether the application answers with TwiML (an XML response), rather than an empty 2xx.
    pub answers_twiml: bool,
    /// Rust name of the payload field holding the parameters it does not declare (decided by
    /// `names/`).
    pub other_name: Name,
    /// JSON pointer to the callback's first declaration.
    pub pointer: String,
    /// Its parameters numbered from 0 in pairs, each one list field of the payload.
    pub families: Vec<CallbackFamily>,
}

impl Api {
    /// Whether a value of this type is one scalar (one piece of text on the wire): a string,
    /// number, boolean or date, or a named SID, enum or bit set.
    pub fn is_scalar(&self, ty: &TypeRef) -> bool {
        is_scalar(ty, &self.types)
    }
}

/// [`Api::is_scalar`], for a model still being built.
pub fn is_scalar(ty: &TypeRef, types: &BTreeMap<TypeId, TypeDef>) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::F64
        | TypeRef::Decimal
        | TypeRef::Date
        | TypeRef::DateTime { .. } => true,
        TypeRef::Named(id) => matches!(
            types.get(id).map(|t| &t.kind),
            Some(
                TypeKind::Sid { .. }
                    | TypeKind::Enum(_)
                    | TypeKind::IntEnum(_)
                    | TypeKind::Flags(_)
            )
        ),
        TypeRef::Map(_) | TypeRef::Array(_) | TypeRef::Json => false,
    }
}

/// A variable of a server URL whose value the user gives the client at construction, such as
/// `install` in `{install}/api` for an API served by the user's own install.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ServerVariable {
    /// The name in the URL template.
    pub name: String,
    /// The Rust argument name (decided by `names/`).
    pub rust_name: Name,
    /// The variable's description.
    pub doc: Doc,
}

/// The identity of a named type: stable, derived from where the type was declared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeId {
    /// A component schema, by its key under `#/components/schemas`.
    Component(String),
    /// A SID newtype, by its two-letter prefix (see `conventions::sid_prefix`).
    Sid(String),
    /// An inline string enum, by its key (see `conventions::inline_enum_key`); identical inline enums share it.
    InlineEnum(String),
    /// An inline object (e.g. a list page), by the pointer of its schema.
    Inline(String),
    /// The choice type of an `x-twilio.conditional` group: operation id and group index.
    Choice(String, usize),
}

/// A named type definition.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct TypeDef {
    /// Name candidates from the conventions, best first (`names/` takes the first free one).
    pub candidates: Vec<String>,
    /// The Rust type name (decided by `names/`).
    pub name: Name,
    /// Which module holds the type: decided by lowering from which resources reach it (rule
    /// "module placement").
    pub home: Home,
    /// The Rust name of that module (decided by `names/`).
    pub module: Name,
    /// Documentation from the spec.
    pub doc: Doc,
    /// Where it was declared.
    pub pointer: String,
    /// What it is.
    pub kind: TypeKind,
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(StructDef),
    /// A string enum; unknown wire values are kept by a catch-all variant.
    Enum(EnumDef),
    /// A SID newtype validated on construction.
    Sid {
        /// The two-letter prefix, e.g. `CA`.
        prefix: String,
    },
    /// An exactly-one-of choice from an `x-twilio.conditional` group.
    Choice(ChoiceDef),
    /// An integer enum with named values (`x-enum-varnames`); a closed set.
    IntEnum(IntEnumDef),
    /// A set of bit flags (`x-twilio-codegen-flags`).
    Flags(FlagsDef),
    /// A value of one of several schemas (`oneOf`/`anyOf`), see `lower/composed.rs`.
    OneOf(OneOfDef),
}

/// An integer enum: every value has a name; values outside the set are decoding errors.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct IntEnumDef {
    /// Members in spec order.
    pub variants: Vec<IntVariant>,
}

/// One member of an integer enum.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct IntVariant {
    /// The value on the wire.
    pub value: i64,
    /// The name from `x-enum-varnames` (or the value), before casing.
    pub name: String,
    /// Rust variant name (decided by `names/`).
    pub rust_name: Name,
    /// Its meaning, from `x-enum-descriptions`.
    pub doc: Doc,
}

/// A bit set: an integer whose documented bits have names, and may be OR'd together.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct FlagsDef {
    /// The named bits, in spec order.
    pub flags: Vec<Flag>,
}

/// One named bit of a [`FlagsDef`].
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Flag {
    /// The bit's value (a power of two).
    pub value: u64,
    /// The name from the spec, before casing.
    pub name: String,
    /// Rust constant name (decided by `names/`).
    pub rust_name: Name,
    /// Its meaning.
    pub doc: Doc,
}

/// Where a field lives in an XML document (the OpenAPI `xml` object of its property).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct XmlField {
    /// The element or attribute name: `xml.name`, else the property name; for an array that is
    /// not wrapped, the name of each item's element.
    pub name: String,
    /// Read from an attribute (`xml.attribute: true`) rather than an element.
    pub attribute: bool,
    /// An array whose items are inside one wrapping element (`xml.wrapped: true`).
    pub wrapped: bool,
}

/// An object type.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct StructDef {
    /// Properties, sorted by wire name.
    pub fields: Vec<Field>,
    /// Set when the object has the list-page shape (see `conventions::page_shape`).
    pub page: Option<PageInfo>,
}

/// How a list page exposes its items and its link to the next page.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct PageInfo {
    /// Wire name of the array property holding the items.
    pub items_field: String,
    /// The item type.
    pub item: TypeRef,
    /// Wire name of the property holding the next page's URI.
    pub next_field: String,
}

/// A property of an object type.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Field {
    /// Name on the wire.
    pub wire_name: String,
    /// Rust field name (decided by `names/`).
    pub rust_name: Name,
    /// Documentation from the spec.
    pub doc: Doc,
    /// The value type, before optionality.
    pub ty: TypeRef,
    /// Whether the value may be absent or null (then it is an `Option`, or an empty `Vec`).
    pub optional: bool,
    /// Whether the spec marks the value as personal or secret data (`x-twilio.pii`).
    pub sensitive: bool,
    /// Whether the field must be boxed because its type contains the struct itself.
    pub boxed: bool,
    /// Whether `false` stands for "no value" (rule "false means no value").
    pub false_is_null: bool,
    /// Its place in XML documents (used when the type is read from XML).
    pub xml: XmlField,
}

/// A string enum.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct EnumDef {
    /// Members in spec order.
    pub variants: Vec<Variant>,
    /// The name of the catch-all variant that keeps unknown values (decided by `names/`).
    pub unknown_variant: Name,
}

/// One member of a string enum.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Variant {
    /// Value on the wire.
    pub wire: String,
    /// Rust variant name (decided by `names/`).
    pub rust_name: Name,
}

/// An exactly-one-of choice between form fields.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct ChoiceDef {
    /// The operation that declares the group.
    pub operation_id: String,
    /// The members, in the group's order.
    pub members: Vec<ChoiceMember>,
}

/// One alternative of a choice.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct ChoiceMember {
    /// Form field name on the wire.
    pub wire_name: String,
    /// Rust variant name (decided by `names/`).
    pub rust_name: Name,
    /// Name of the variant's constructor function (`twiml` for `Twiml`; decided by `names/`).
    pub ctor_name: Name,
    /// Documentation from the spec.
    pub doc: Doc,
    /// The value type.
    pub ty: TypeRef,
}

/// A reference to a type, as used by fields and parameters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32` (format `int32`).
    I32,
    /// `i64`.
    I64,
    /// `f64`.
    F64,
    /// An amount of money (rule "money"): `twilio_runtime::Decimal`, which loses no digit.
    Decimal,
    /// A date-time; `rfc2822` selects the wire format (`date-time-rfc-2822`) over RFC 3339.
    DateTime {
        /// Written as RFC 2822 rather than RFC 3339.
        rfc2822: bool,
    },
    /// A calendar date (`YYYY-MM-DD`).
    Date,
    /// A map from string to values (`format: uri-map` or `additionalProperties`).
    Map(Box<TypeRef>),
    /// An array.
    Array(Box<TypeRef>),
    /// Any JSON value (free-form objects, schemas without a type).
    Json,
    /// A named type.
    Named(TypeId),
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as written on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// One operation.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Operation {
    /// `operationId`.
    pub id: String,
    /// Rust method name on `Client` (decided by `names/`).
    pub rust_name: Name,
    /// Name of the `Client` method that builds the request without sending it (`{rust_name}_request`
    /// unless taken; decided by `names/`).
    pub request_name: Name,
    /// For list pages, name of the `Client` method that streams every item (`{rust_name}_stream`
    /// unless taken; decided by `names/`); unassigned for other operations.
    pub stream_name: Name,
    /// Rust name of the parameter builder, when the operation [has one](Operation::has_params)
    /// (decided by `names/`).
    pub params_name: Name,
    /// The collection the path addresses (rule "resource modules"): its literal segments, e.g.
    /// `["Accounts", "Calls", "Recordings"]`.
    pub resource: Vec<String>,
    /// The Rust module of that collection (decided by `names/`).
    pub module: Name,
    /// JSON pointer to the operation.
    pub pointer: String,
    /// HTTP method.
    pub method: Method,
    /// Path template, e.g. `/2010-04-01/Accounts/{AccountSid}/Calls.json`.
    pub path: String,
    /// Server URL (operation, path or document level).
    pub server: String,
    /// `summary`.
    pub summary: Doc,
    /// `description`.
    pub description: Doc,
    /// Whether the operation is deprecated.
    pub deprecated: bool,
    /// Path parameters in template order.
    pub path_params: Vec<Param>,
    /// Query parameters in spec order.
    pub query_params: Vec<Param>,
    /// The request body, if any.
    pub body: Option<RequestBody>,
    /// What a success returns.
    pub response: ResponseKind,
    /// Header parameters in spec order (`lower/headers.rs`), set through the parameter builder
    /// and sent under their wire name.
    pub header_params: Vec<Param>,
    /// The security schemes the operation accepts, in the document's order (`lower/security.rs`):
    /// the client uses the first it has credentials for. `[Anonymous]` for `security: []`.
    pub security: Vec<AuthScheme>,
}

impl Operation {
    /// Whether the operation has a parameter builder (query or header parameters, or a form
    /// body).
    pub fn has_params(&self) -> bool {
        !self.query_params.is_empty()
            || !self.header_params.is_empty()
            || matches!(self.body, Some(RequestBody::Form(_) | RequestBody::Json(_)))
    }
}

/// One way of authenticating an operation accepts (rule "security schemes").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AuthScheme {
    /// HTTP basic (`type: http, scheme: basic`): the account SID or an API key, and a secret.
    Basic,
    /// HTTP bearer (`type: http, scheme: bearer`).
    Bearer,
    /// OAuth2 client credentials (`flows.clientCredentials`), with its token URL.
    OAuth2ClientCredentials {
        /// `tokenUrl`.
        token_url: String,
    },
    /// No credentials: `security: []`, or an empty requirement `{}`.
    Anonymous,
}

/// Where a path parameter's value comes from.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum PathSource {
    /// The client's own account (see `conventions::is_account_scope`).
    Account,
    /// An argument of the request function.
    Argument,
}

/// A path or query parameter.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Param {
    /// Name on the wire (sent verbatim, e.g. `StartTime<`).
    pub wire_name: String,
    /// Rust name (decided by `names/`).
    pub rust_name: Name,
    /// Documentation from the spec.
    pub doc: Doc,
    /// Required by the spec.
    pub required: bool,
    /// The value type.
    pub ty: TypeRef,
    /// Constraints checked by the client before sending.
    pub checks: Checks,
    /// For path parameters: where the value comes from.
    pub source: PathSource,
    /// Whether the spec marks the value as personal or secret data (`x-twilio.pii`).
    pub sensitive: bool,
    /// JSON pointer to the parameter.
    pub pointer: String,
    /// For form fields: `allowReserved: true` in the body's `encoding` (reserved characters
    /// such as `:` and `/` are sent unencoded).
    pub allow_reserved: bool,
}

/// Constraints from the spec that the client checks before sending.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checks {
    /// `minLength` of a string.
    pub min_length: Option<usize>,
    /// `maxLength` of a string.
    pub max_length: Option<usize>,
    /// `minimum` of a number.
    pub minimum: Option<f64>,
    /// `maximum` of a number.
    pub maximum: Option<f64>,
    /// `maxItems` of an array.
    pub max_items: Option<usize>,
}

impl Checks {
    /// Whether there is anything to check.
    pub fn is_empty(&self) -> bool {
        self == &Checks::default()
    }
}

/// A request body.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum RequestBody {
    /// A form, set through the parameter builder.
    Form(FormBody),
    /// An XML document (rule "XML bodies"), an argument of the request function.
    Xml(XmlBody),
    /// A JSON document (`application/json` or `*+json`), set through the parameter builder.
    Json(JsonBody),
}

impl RequestBody {
    /// The form, if the body is one.
    pub fn form(&self) -> Option<&FormBody> {
        match self {
            RequestBody::Form(f) => Some(f),
            RequestBody::Xml(_) | RequestBody::Json(_) => None,
        }
    }

    /// The XML document, if the body is one.
    pub fn xml(&self) -> Option<&XmlBody> {
        match self {
            RequestBody::Xml(x) => Some(x),
            RequestBody::Form(_) | RequestBody::Json(_) => None,
        }
    }

    /// The JSON document, if the body is one.
    pub fn json(&self) -> Option<&JsonBody> {
        match self {
            RequestBody::Json(j) => Some(j),
            RequestBody::Form(_) | RequestBody::Xml(_) => None,
        }
    }
}

/// An `application/x-www-form-urlencoded` request body.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct FormBody {
    /// Plain fields, sorted by wire name, or in the order the spec declares (rule "declared form
    /// order"); members of choices and indexed families are not here.
    pub fields: Vec<Param>,
    /// `x-twilio.conditional` groups, each a required choice.
    pub choices: Vec<ChoiceField>,
    /// Indexed families such as `Parameter1.Name` .. `Parameter99.Value`.
    pub families: Vec<IndexedFamily>,
    /// Wire names of the required fields in the order of the spec's `required` list (a sequence,
    /// so its order survives key reordering): the order of the builder's constructor arguments.
    pub required_order: Vec<String>,
}

/// A required choice of a form body.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct ChoiceField {
    /// The choice type.
    pub id: TypeId,
    /// Rust name of the builder field and constructor argument (decided by `names/`).
    pub rust_name: Name,
}

/// A family of indexed form fields (`{prefix}{n}.{name}`, `{prefix}{n}.{value}` for n in 1..=max),
/// set as one list of pairs. Only this shape (exactly two keys per member) is a family; any other
/// indexed fields stay plain fields, with a warning (see `lower/forms.rs`).
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct IndexedFamily {
    /// The prefix before the index, e.g. `Parameter`.
    pub prefix: String,
    /// The two keys after the index, in wire-name order, e.g. `Name`, `Value`.
    pub keys: [FamilyKey; 2],
    /// The highest index the spec declares.
    pub max: usize,
    /// Rust name of the list field and of the setter that replaces the whole list (decided by
    /// `names.rs`).
    pub rust_name: Name,
    /// Rust name of the setter that adds one pair (decided by `names/`).
    pub item_name: Name,
    /// Documentation assembled from the members.
    pub doc: Doc,
    /// JSON pointer of the family's first member.
    pub pointer: String,
}

/// One key of an [`IndexedFamily`]'s members.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct FamilyKey {
    /// The key on the wire, e.g. `Name`.
    pub wire: String,
    /// Rust name of the argument that carries it in the one-pair setter (decided by `names/`).
    pub rust_name: Name,
}

/// What a successful response carries.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum ResponseKind {
    /// No body (e.g. 204).
    Empty,
    /// A JSON body of this type.
    Json(TypeRef),
    /// A JSON list page of this type (a struct whose `page` info is set).
    Page(TypeId),
    /// An XML body of this type (rule "XML bodies").
    Xml(XmlBody),
    /// A body the spec does not describe (no schema, and not JSON): returned as text.
    Text {
        /// The declared media type, sent as `Accept`.
        media_type: String,
    },
    /// Only a redirect (`3xx`) is declared: the status and `Location`, not followed
    /// (`twilio_runtime::Redirect`).
    Redirect,
}

/// An XML request or response body.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct XmlBody {
    /// The type of the document's root element.
    pub ty: TypeRef,
    /// The root element's name (`xml.name` of the schema), checked when decoding.
    pub root: Option<String>,
    /// The declared media type (`application/xml`, `text/xml`, ...).
    pub media_type: String,
}

mod doc;
mod json;
mod surface;
mod webhooks;
pub use doc::{Doc, Structure, recording};
pub use json::*;
pub use surface::*;
pub use webhooks::*;

//! The model of JSON request bodies (`lower/json_body.rs`) and of `oneOf`/`anyOf` enums
//! (`lower/composed.rs`).

use super::{Name, Param, TypeRef};

/// A JSON request body (see `lower/json_body.rs`).
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct JsonBody {
    /// The declared media type, sent as `Content-Type` (`application/json`,
    /// `application/scim+json`, ...).
    pub media_type: String,
    /// When the body is an object: its top-level properties, sorted by wire name, each set
    /// through the builder like a form field and written as one member of the object. The
    /// pointer is the property's declaration.
    pub fields: Vec<Param>,
    /// Wire names of the required fields in the order of the spec's `required` list: the order
    /// of the builder's constructor arguments.
    pub required_order: Vec<String>,
    /// When the body is not an object with properties (an array, a scalar, a `oneOf`): the whole
    /// value, one required argument of the builder's constructor (its wire name is empty).
    pub value: Option<Param>,
}

/// A `oneOf`/`anyOf` schema: an enum of typed variants, plus a last one that keeps any other
/// JSON value as it was sent.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct OneOfDef {
    /// The discriminating property (`discriminator.propertyName`), when the schema has one:
    /// the variant is chosen by its value (a tagged enum); otherwise by trying each variant in
    /// order (untagged).
    pub tag: Option<String>,
    /// The alternatives, in the spec's order.
    pub variants: Vec<OneOfVariant>,
    /// Rust name of the variant that keeps anything else (decided by `names/`).
    pub other_name: Name,
}

/// One alternative of a [`OneOfDef`].
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct OneOfVariant {
    /// Name candidate before casing (the `$ref` target's name, a title or the type).
    pub name: String,
    /// Rust variant name (decided by `names/`).
    pub rust_name: Name,
    /// The value type.
    pub ty: TypeRef,
    /// For a tagged enum: the values of the tag that select this variant.
    pub tags: Vec<String>,
    /// Documentation from the spec.
    pub doc: super::Doc,
    /// JSON pointer of the alternative.
    pub pointer: String,
}

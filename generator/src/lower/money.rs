//! Amounts of money (rule "money"): fields of an object that the rule names become decimals.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty};

use crate::conventions;
use crate::model::{Field, TypeRef};

/// Turns the `number` and `string` fields that rule "money" names into [`TypeRef::Decimal`].
pub(super) fn apply(
    properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    fields: &mut [Field],
) {
    let described: Vec<(&str, &str, Option<&str>)> = properties
        .iter()
        .map(|(name, property)| {
            let (ty, format) = match property {
                ReferenceOr::Item(schema) => match &schema.schema_kind {
                    SchemaKind::Type(Type::Number(_)) => ("number", None),
                    SchemaKind::Type(Type::String(st)) => (
                        "string",
                        match &st.format {
                            VariantOrUnknownOrEmpty::Item(_) => Some("known"),
                            VariantOrUnknownOrEmpty::Unknown(format) => Some(format.as_str()),
                            VariantOrUnknownOrEmpty::Empty => None,
                        },
                    ),
                    _ => ("other", None),
                },
                ReferenceOr::Reference { .. } => ("other", None),
            };
            (name.as_str(), ty, format)
        })
        .collect();
    let money = conventions::money_fields(&described);
    for field in fields {
        if money.contains(&field.wire_name.as_str())
            && matches!(field.ty, TypeRef::F64 | TypeRef::String)
        {
            field.ty = TypeRef::Decimal;
        }
    }
}

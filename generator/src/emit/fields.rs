//! Struct fields: their Rust type and serde attribute, for types read from JSON, from XML or both:
//! names (rule "XML names") and the serde adapters for dates, absent or null collections, empty
//! elements and `false` as `None` (rules "empty XML elements" and "false means no value").

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use crate::conventions;
use crate::model::*;

/// The Rust type of the field and its serde attribute. `xml`/`json`: whether the struct is read
/// from XML and from JSON bodies. Responses and webhook payloads alike (what a server or Twilio
/// sends) get the lenient reader of rules "numbers", "SIDs in responses" and "null map values"
/// where they apply ([`lenient_read`]): Twilio's requests are read as tolerantly as its
/// responses.
pub fn field_type(cx: &Cx<'_>, f: &Field, xml: bool, json: bool) -> (TokenStream, TokenStream) {
    let lenient = if xml || f.false_is_null {
        None
    } else {
        lenient_read(cx, f, xml, json)
    };
    field_type_with(cx, f, xml, json, lenient)
}

fn field_type_with(
    cx: &Cx<'_>,
    f: &Field,
    xml: bool,
    json: bool,
    lenient: Option<TokenStream>,
) -> (TokenStream, TokenStream) {
    let inner = cx.ty(&f.ty);
    let inner = if f.boxed {
        quote!(::std::boxed::Box<#inner>)
    } else {
        inner
    };
    let xml_name = if f.xml.attribute {
        format!("@{}", f.xml.name)
    } else {
        f.xml.name.clone()
    };
    // JSON's name when the type is read from JSON; XML's otherwise; both when they differ.
    let (name, alias) = if json || !xml {
        let alias = (xml && xml_name != f.wire_name).then_some(xml_name);
        (f.wire_name.clone(), alias)
    } else {
        (xml_name, None)
    };
    let rename = (f.rust_name.as_str() != name).then(|| quote!(rename = #name,));
    let alias = alias.map(|a| quote!(alias = #a,));
    let dates = match f.ty {
        TypeRef::DateTime { rfc2822: true } => Some("rfc2822"),
        TypeRef::DateTime { rfc2822: false } => Some("rfc3339"),
        TypeRef::Date => Some("date"),
        _ => None,
    };
    match &f.ty {
        TypeRef::Array(_) => {
            let read = if xml && f.xml.wrapped {
                quote!(deserialize_with = "::twilio_runtime::xml::wrapped",)
            } else if xml {
                quote!()
            } else {
                lenient.unwrap_or(quote!(
                    deserialize_with = "::twilio_runtime::serde::null_as_default",
                ))
            };
            return (
                inner,
                quote!(#[serde(#rename #alias default, #read skip_serializing_if = "::std::vec::Vec::is_empty")]),
            );
        }
        TypeRef::Map(_) => {
            let read = lenient.unwrap_or(quote!(
                deserialize_with = "::twilio_runtime::serde::null_as_default",
            ));
            return (
                inner,
                quote!(#[serde(#rename #alias default, #read skip_serializing_if = "::std::collections::BTreeMap::is_empty")]),
            );
        }
        _ => {}
    }
    if !f.optional {
        let with = dates
            .map(|a| {
                let path = format!("::twilio_runtime::serde::{a}");
                quote!(with = #path,)
            })
            .or(lenient);
        let attr = if rename.is_some() || alias.is_some() || with.is_some() {
            quote!(#[serde(#rename #alias #with)])
        } else {
            quote!()
        };
        return (inner, attr);
    }
    let read = if let Some(a) = dates {
        let path = if f.false_is_null {
            format!("::twilio_runtime::serde::{a}_opt_or_false")
        } else {
            format!("::twilio_runtime::serde::{a}_opt")
        };
        quote!(with = #path,)
    } else if xml && conventions::empty_element_is_none(f.optional, cx.api.is_scalar(&f.ty)) {
        let path = if f.false_is_null {
            "::twilio_runtime::xml::empty_or_false_as_none"
        } else {
            "::twilio_runtime::xml::empty_as_none"
        };
        quote!(deserialize_with = #path,)
    } else if f.false_is_null {
        quote!(deserialize_with = "::twilio_runtime::serde::false_as_none",)
    } else {
        lenient.unwrap_or_default()
    };
    (
        quote!(::std::option::Option<#inner>),
        quote!(#[serde(#rename #alias default, #read skip_serializing_if = "::std::option::Option::is_none")]),
    )
}

/// The lenient reader of a field of a struct read from JSON (not XML), if its type has one: rule
/// "numbers" (`number`/`integer` fields accept numeric strings), rule "SIDs in responses" (an
/// optional SID reads `""` as `None`) and rule "null map values".
pub fn lenient_read(cx: &Cx<'_>, f: &Field, xml: bool, json: bool) -> Option<TokenStream> {
    let number = matches!(
        f.ty,
        TypeRef::I32 | TypeRef::I64 | TypeRef::F64 | TypeRef::Decimal
    );
    if matches!(f.ty, TypeRef::Map(_)) {
        conventions::map_without_nulls(json, xml)
            .then(|| quote!(deserialize_with = "::twilio_runtime::serde::map_without_nulls",))
    } else if number && conventions::lenient_number(json, xml) {
        Some(if f.optional {
            quote!(deserialize_with = "::twilio_runtime::serde::number_opt",)
        } else {
            quote!(deserialize_with = "::twilio_runtime::serde::number",)
        })
    } else if f.optional && cx.is_sid(&f.ty) && conventions::lenient_sid(json, xml) {
        Some(quote!(deserialize_with = "::twilio_runtime::sid::optional",))
    } else {
        None
    }
}

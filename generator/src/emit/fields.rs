//! Struct fields: their Rust type and serde attribute, for types read from JSON, from XML or both:
//! names (rule "XML names") and the serde adapters for dates, absent or null collections, empty
//! elements and `false` as `None` (rules "empty XML elements" and "false means no value").

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use crate::conventions;
use crate::model::*;

/// How one field is (de)serialised: what its `#[serde(...)]` attribute says, or what a compact
/// model impl ([`super::models`]) does with it.
#[derive(Debug, Clone)]
pub struct Wire {
    /// The key on the wire.
    pub name: String,
    /// Whether the key differs from the Rust name.
    pub rename: bool,
    /// A second key read as the same field (XML's name of a field also read from JSON).
    pub alias: Option<String>,
    /// Whether a missing key leaves the field's default.
    pub default: bool,
    /// The adapter that reads the value (`deserialize_with`) or reads and writes it (`with`).
    pub adapter: Option<(Adapter, Both)>,
    /// When the field is left out of what is written.
    pub skip: Option<Skip>,
}

/// Whether an adapter only reads (`deserialize_with`) or reads and writes (`with`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Both {
    /// `deserialize_with`.
    ReadOnly,
    /// `with`.
    ReadWrite,
}

/// When a field is left out of what is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// An `Option` that is `None`.
    None,
    /// An empty `Vec`.
    EmptyVec,
    /// An empty `BTreeMap`.
    EmptyMap,
}

impl Skip {
    fn path(self) -> &'static str {
        match self {
            Self::None => "Option::is_none",
            Self::EmptyVec => "Vec::is_empty",
            Self::EmptyMap => "::std::collections::BTreeMap::is_empty",
        }
    }
}

/// A reader (and writer) of the runtime for one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adapter {
    /// `twilio_runtime::xml::wrapped`.
    XmlWrapped,
    /// `twilio_runtime::xml::empty_as_none`.
    XmlEmptyAsNone,
    /// `twilio_runtime::xml::empty_or_false_as_none`.
    XmlEmptyOrFalseAsNone,
    /// `twilio_runtime::serde::null_as_default`.
    NullAsDefault,
    /// `twilio_runtime::serde::map_without_nulls`.
    MapWithoutNulls,
    /// `twilio_runtime::serde::number`.
    Number,
    /// `twilio_runtime::serde::number_opt`.
    NumberOpt,
    /// `twilio_runtime::sid::optional`.
    SidOptional,
    /// `twilio_runtime::serde::false_as_none`.
    FalseAsNone,
    /// A date module of `twilio_runtime::serde`: `rfc2822`, `rfc3339` or `date`, with `_opt` or
    /// `_opt_or_false`.
    Date {
        /// `rfc2822`, `rfc3339` or `date`.
        format: &'static str,
        /// `_opt`.
        optional: bool,
        /// `_opt_or_false`.
        or_false: bool,
    },
}

impl Adapter {
    /// The path serde's `with`/`deserialize_with` names.
    pub fn path(self) -> String {
        match self {
            Self::XmlWrapped => "::twilio_runtime::xml::wrapped".into(),
            Self::XmlEmptyAsNone => "::twilio_runtime::xml::empty_as_none".into(),
            Self::XmlEmptyOrFalseAsNone => "::twilio_runtime::xml::empty_or_false_as_none".into(),
            Self::NullAsDefault => "::twilio_runtime::serde::null_as_default".into(),
            Self::MapWithoutNulls => "::twilio_runtime::serde::map_without_nulls".into(),
            Self::Number => "::twilio_runtime::serde::number".into(),
            Self::NumberOpt => "::twilio_runtime::serde::number_opt".into(),
            Self::SidOptional => "::twilio_runtime::sid::optional".into(),
            Self::FalseAsNone => "::twilio_runtime::serde::false_as_none".into(),
            Self::Date {
                format,
                optional,
                or_false,
            } => format!(
                "::twilio_runtime::serde::{format}{}",
                match (optional, or_false) {
                    (false, _) => "",
                    (true, false) => "_opt",
                    (true, true) => "_opt_or_false",
                }
            ),
        }
    }

    /// The marker type of `twilio_runtime::serde::model` for this adapter, if it has one (the
    /// XML readers have none: XML models keep serde's derive).
    pub fn marker(self) -> Option<&'static str> {
        Some(match self {
            Self::XmlWrapped | Self::XmlEmptyAsNone | Self::XmlEmptyOrFalseAsNone => return None,
            Self::NullAsDefault => "NullAsDefault",
            Self::MapWithoutNulls => "MapWithoutNulls",
            Self::Number => "Number",
            Self::NumberOpt => "NumberOpt",
            Self::SidOptional => "SidOptional",
            Self::FalseAsNone => "FalseAsNone",
            Self::Date {
                format,
                optional,
                or_false,
            } => match (format, optional, or_false) {
                ("rfc2822", false, _) => "Rfc2822",
                ("rfc2822", true, false) => "Rfc2822Opt",
                ("rfc2822", true, true) => "Rfc2822OptOrFalse",
                ("rfc3339", false, _) => "Rfc3339",
                ("rfc3339", true, false) => "Rfc3339Opt",
                ("rfc3339", true, true) => "Rfc3339OptOrFalse",
                ("date", false, _) => "Date",
                ("date", true, false) => "DateOpt",
                _ => return None,
            },
        })
    }
}

impl Wire {
    /// The field's `#[serde(...)]` attribute (empty when it needs none).
    pub fn attr(&self) -> TokenStream {
        let name = &self.name;
        let rename = self.rename.then(|| quote!(rename = #name,));
        let alias = self.alias.as_ref().map(|a| quote!(alias = #a,));
        let adapter = self.adapter.map(|(a, both)| {
            let path = a.path();
            match both {
                Both::ReadOnly => quote!(deserialize_with = #path,),
                Both::ReadWrite => quote!(with = #path,),
            }
        });
        if !self.default {
            return if rename.is_some() || alias.is_some() || adapter.is_some() {
                quote!(#[serde(#rename #alias #adapter)])
            } else {
                quote!()
            };
        }
        let skip = self.skip.map(|s| {
            let path = s.path();
            quote!(skip_serializing_if = #path)
        });
        quote!(#[serde(#rename #alias default, #adapter #skip)])
    }
}

/// The Rust type of the field and how it is (de)serialised. `xml`/`json`: whether the struct
/// is read from XML and from JSON bodies. Responses and webhook payloads alike (what a server or
/// Twilio sends) get the lenient reader of rules "numbers", "SIDs in responses" and "null map
/// values" where they apply ([`lenient_read`]): Twilio's requests are read as tolerantly as its
/// responses.
pub fn field_type(cx: &Cx<'_>, f: &Field, xml: bool, json: bool) -> (TokenStream, Wire) {
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
    lenient: Option<Adapter>,
) -> (TokenStream, Wire) {
    let inner = cx.ty(&f.ty);
    let inner = if f.boxed { quote!(Box<#inner>) } else { inner };
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
    let mut wire = Wire {
        rename: f.rust_name.as_str() != name,
        name,
        alias,
        default: true,
        adapter: None,
        skip: None,
    };
    let read = |a: Adapter| Some((a, Both::ReadOnly));
    let date = |optional: bool| {
        let format = match f.ty {
            TypeRef::DateTime { rfc2822: true } => "rfc2822",
            TypeRef::DateTime { rfc2822: false } => "rfc3339",
            TypeRef::Date => "date",
            _ => return None,
        };
        let or_false = optional && f.false_is_null;
        Some((
            Adapter::Date {
                format,
                optional,
                or_false,
            },
            Both::ReadWrite,
        ))
    };
    match &f.ty {
        TypeRef::Array(_) => {
            wire.adapter = if xml && f.xml.wrapped {
                read(Adapter::XmlWrapped)
            } else if xml {
                None
            } else {
                read(lenient.unwrap_or(Adapter::NullAsDefault))
            };
            wire.skip = Some(Skip::EmptyVec);
            return (inner, wire);
        }
        TypeRef::Map(_) => {
            wire.adapter = read(lenient.unwrap_or(Adapter::NullAsDefault));
            wire.skip = Some(Skip::EmptyMap);
            return (inner, wire);
        }
        _ => {}
    }
    if !f.optional {
        wire.default = false;
        wire.adapter = date(false).or(lenient.and_then(read));
        return (inner, wire);
    }
    wire.adapter = if let Some(d) = date(true) {
        Some(d)
    } else if xml && conventions::empty_element_is_none(f.optional, cx.api.is_scalar(&f.ty)) {
        read(if f.false_is_null {
            Adapter::XmlEmptyOrFalseAsNone
        } else {
            Adapter::XmlEmptyAsNone
        })
    } else if f.false_is_null {
        read(Adapter::FalseAsNone)
    } else {
        lenient.and_then(read)
    };
    wire.skip = Some(Skip::None);
    (quote!(Option<#inner>), wire)
}

/// The lenient reader of a field of a struct read from JSON (not XML), if its type has one: rule
/// "numbers" (`number`/`integer` fields accept numeric strings), rule "SIDs in responses" (an
/// optional SID reads `""` as `None`) and rule "null map values".
pub fn lenient_read(cx: &Cx<'_>, f: &Field, xml: bool, json: bool) -> Option<Adapter> {
    let number = matches!(
        f.ty,
        TypeRef::I32 | TypeRef::I64 | TypeRef::F64 | TypeRef::Decimal
    );
    if matches!(f.ty, TypeRef::Map(_)) {
        conventions::map_without_nulls(json, xml).then_some(Adapter::MapWithoutNulls)
    } else if number && conventions::lenient_number(json, xml) {
        Some(if f.optional {
            Adapter::NumberOpt
        } else {
            Adapter::Number
        })
    } else if f.optional && cx.is_sid(&f.ty) && conventions::lenient_sid(json, xml) {
        Some(Adapter::SidOptional)
    } else {
        None
    }
}

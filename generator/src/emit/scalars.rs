//! Emits integer enums (rule "integer enums") and bit sets (rule "bit flags").

use std::borrow::Cow;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{docs, ident};
use crate::model::*;

/// An integer literal (negative values as a negated literal).
fn int(value: i64) -> TokenStream {
    let abs = Literal::u64_unsuffixed(value.unsigned_abs());
    if value < 0 {
        quote!(-#abs)
    } else {
        quote!(#abs)
    }
}

/// One line of documentation from spec prose.
fn one_line(text: &str) -> String {
    docs::lines(text).join(" ")
}

/// A closed integer enum.
pub fn int_enum_def(def: &TypeDef, e: &IntEnumDef) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attrs(Some(&values_doc(def)));
    let variants = e.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let vdoc = match v.doc.get() {
            Some(d) => format!(" `{}`: {}", v.value, one_line(d)),
            None => format!(" `{}`", v.value),
        };
        quote!(#[doc = #vdoc] #vn,)
    });
    let to_value = e.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let value = int(v.value);
        quote!(Self::#vn => #value,)
    });
    let from_value = e.variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let value = int(v.value);
        quote!(#value => Some(Self::#vn),)
    });
    let values: Vec<TokenStream> = e.variants.iter().map(|v| int(v.value)).collect();
    let expected = format!(
        "one of {}",
        e.variants
            .iter()
            .map(|v| v.value.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    quote! {
        #doc
        ///
        /// An integer on the wire. The set is closed: a value outside it is a decoding error.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// Every value the spec declares, as sent on the wire.
            pub const VALUES: &'static [i64] = &[#(#values),*];

            /// The value as sent on the wire.
            pub const fn value(self) -> i64 {
                match self {
                    #(#to_value)*
                }
            }

            /// The member with this wire value, if the spec declares it.
            pub const fn from_value(value: i64) -> Option<Self> {
                match value {
                    #(#from_value)*
                    _ => None,
                }
            }
        }

        impl TryFrom<i64> for #name {
            /// The value, when the spec does not declare it.
            type Error = i64;
            fn try_from(value: i64) -> Result<Self, i64> {
                Self::from_value(value).ok_or(value)
            }
        }

        impl From<#name> for i64 {
            fn from(value: #name) -> i64 {
                value.value()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <i64 as ::serde::Deserialize>::deserialize(deserializer)?;
                Self::from_value(value).ok_or_else(|| {
                    <D::Error as ::serde::de::Error>::invalid_value(::serde::de::Unexpected::Signed(value), &#expected)
                })
            }
        }

        impl ::twilio_runtime::Param for #name {
            fn to_param(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Owned(self.value().to_string())
            }
        }
    }
}

/// A bit set newtype.
pub fn flags_def(def: &TypeDef, f: &FlagsDef) -> TokenStream {
    let name = ident(&def.name);
    let name_str = def.name.as_str();
    let doc = docs::attrs(Some(&docs::or_else(def.doc.as_deref(), || {
        format!("The flags of `{}`.", def.name)
    })));
    let consts = f.flags.iter().map(|flag| {
        let c = ident(&flag.rust_name);
        let bit = Literal::u64_unsuffixed(flag.value);
        let cdoc = match flag.doc.get() {
            Some(d) => format!(" `{}` (`{}`): {}", flag.name, flag.value, one_line(d)),
            None => format!(" `{}` (`{}`).", flag.name, flag.value),
        };
        quote!(#[doc = #cdoc] pub const #c: Self = Self(#bit);)
    });
    let named = f.flags.iter().map(|flag| {
        let c = ident(&flag.rust_name);
        let n = &flag.name;
        quote!((#n, Self::#c))
    });
    quote! {
        #doc
        ///
        /// An integer on the wire whose bits may be OR'd together (`|`); bits the spec does not
        /// name are kept.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
        pub struct #name(u64);

        impl #name {
            #(#consts)*

            /// Every named bit, with its name in the spec.
            pub const NAMED: &'static [(&'static str, Self)] = &[#(#named),*];

            /// No bit set.
            pub const fn empty() -> Self {
                Self(0)
            }

            /// The set with exactly these bits (bits the spec does not name included).
            pub const fn from_bits(bits: u64) -> Self {
                Self(bits)
            }

            /// The bits, as sent on the wire.
            pub const fn bits(self) -> u64 {
                self.0
            }

            /// Whether every bit of `other` is set.
            pub const fn contains(self, other: Self) -> bool {
                self.0 & other.0 == other.0
            }

            /// Whether no bit is set.
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }
        }

        impl ::std::ops::BitOr for #name {
            type Output = Self;
            fn bitor(self, other: Self) -> Self {
                Self(self.0 | other.0)
            }
        }

        impl ::std::ops::BitOrAssign for #name {
            fn bitor_assign(&mut self, other: Self) {
                self.0 |= other.0;
            }
        }

        impl ::std::ops::BitAnd for #name {
            type Output = Self;
            fn bitand(self, other: Self) -> Self {
                Self(self.0 & other.0)
            }
        }

        /// The names of the bits set, then any other bits in hexadecimal.
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::twilio_runtime::flags::debug(
                    f,
                    #name_str,
                    self.0,
                    Self::NAMED.iter().map(|(name, flag)| (*name, flag.0)),
                )
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_u64(self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <u64 as ::serde::Deserialize>::deserialize(deserializer).map(Self)
            }
        }

        impl ::twilio_runtime::Param for #name {
            fn to_param(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Owned(self.0.to_string())
            }
        }
    }
}

/// An enum's docs: the spec's description, or a sentence naming its values.
pub(super) fn values_doc(def: &TypeDef) -> Cow<'_, str> {
    docs::or_else(def.doc.as_deref(), || {
        format!("The values of `{}`.", def.name)
    })
}

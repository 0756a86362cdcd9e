//! The (de)serialisation of generated models, written once here instead of derived per type.
//!
//! A generated model's `Deserialize` impl is one call of [`deserialize`], and its [`Model`] impl
//! is one line per field: which field a key names, and how its value is read. Its `Serialize`
//! impl is one line per field too ([`WriteFields`]). What serde's
//! derive writes for the same struct is about sixty lines of code per field once expanded (a
//! field enum and its visitor, a sequence visitor, a wrapper type per adapter), which every
//! compilation of the crate expands, resolves and hashes again: in the v2010 crate it was two
//! thirds of the code the compiler saw.
//!
//! The behaviour is serde's derive: keys are matched by their wire name, unknown keys are skipped,
//! a missing key leaves an optional field's default and is an error for a required one (a
//! struct with required fields implements [`Fields`] instead of [`Model`]), and a value that does
//! not read is an error naming the field's type. Unlike the derive, a struct is not read from a
//! sequence of its fields in order, which no Twilio API sends, and a [`Model`] takes the last
//! value of a repeated key (as `serde_json::Value` and JavaScript's `JSON.parse` do) where the
//! derive failed; a [`Fields`] struct still fails on one ([`fill`]).
//!
//! Public for the generated crates only (hidden from the documentation): what is here may change
//! with any release of the runtime that the generators of the same release follow.
//!
//! ```
//! use twilio_runtime::serde::model::{self, Model, NumberOpt, Read as _};
//!
//! #[derive(Default, Debug, PartialEq)]
//! struct Price {
//!     amount: Option<f64>,
//!     unit: Option<String>,
//! }
//!
//! impl Model for Price {
//!     const NAME: &'static str = "Price";
//!     const FIELDS: &'static [&'static str] = &["price", "price_unit"];
//!     fn read_field<'de, A: serde::de::MapAccess<'de>>(
//!         &mut self,
//!         key: &str,
//!         map: &mut A,
//!     ) -> Result<bool, A::Error> {
//!         match key {
//!             "price" => self.amount = NumberOpt::next_value(map)?,
//!             "price_unit" => self.unit = map.next_value()?,
//!             _ => return Ok(false),
//!         }
//!         Ok(true)
//!     }
//! }
//!
//! impl<'de> serde::Deserialize<'de> for Price {
//!     fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
//!         model::deserialize(deserializer)
//!     }
//! }
//!
//! let price: Price = serde_json::from_str(r#"{"price": "-0.0085", "price_unit": "USD", "uri": "/x"}"#).unwrap();
//! assert_eq!(price, Price { amount: Some(-0.0085), unit: Some("USD".into()) });
//! assert!(serde_json::from_str::<Price>(r#"{"price": "free"}"#).is_err());
//! ```

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use ::serde::Deserialize;
use ::serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use ::serde::ser::{Serialize, SerializeStruct, Serializer};
use time::OffsetDateTime;

/// A struct read from a map of named fields, each field defaulted when its key is missing (every
/// `Model` is a [`Fields`] struct).
pub trait Model: Default {
    /// The struct's name (in error messages: "expected struct NAME").
    const NAME: &'static str;
    /// The wire names of the fields.
    const FIELDS: &'static [&'static str];
    /// Reads the value of the field named `key` from `map` into `self`; `false` (nothing read)
    /// when no field has that name.
    ///
    /// # Errors
    /// When the value does not read as the field's type.
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;
}

/// Reads a [`Model`] or [`Fields`] struct: what a generated model's `Deserialize::deserialize`
/// calls.
///
/// # Errors
/// When the input is not a map, a key repeats, a required field is missing or a field's value
/// does not read.
pub fn deserialize<'de, D: Deserializer<'de>, T: Fields>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::FIELDS, StructVisitor(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: Fields> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        T::read_map(&mut map)
    }
}

/// A [`Model`] is read as its `Default`, each value read into its field.
impl<T: Model> Fields for T {
    const NAME: &'static str = <T as Model>::NAME;
    const FIELDS: &'static [&'static str] = <T as Model>::FIELDS;

    fn read_map<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        let mut value = T::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if !value.read_field(key.as_str(), map)? {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(value)
    }
}

/// A struct read from a map of named fields: what [`deserialize`] reads. Every [`Model`] is one;
/// the generated models with required fields (no `Default`) and the webhook payloads implement it
/// themselves, reading into one slot per field and building the struct at the end.
pub trait Fields: Sized {
    /// The struct's name (in error messages: "expected struct NAME").
    const NAME: &'static str;
    /// The wire names of the fields.
    const FIELDS: &'static [&'static str];
    /// Reads the struct from the entries of `map` (keys read as [`Key`]s; [`fill`], [`required`]).
    ///
    /// # Errors
    /// When a key repeats, a required field is missing or a value does not read.
    fn read_map<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error>;
}

/// Fills the slot of field `name` with `read()`; a slot already filled is a repeated key.
///
/// # Errors
/// `duplicate_field(name)`, or what `read` returns.
pub fn fill<T, E: de::Error>(
    slot: &mut Option<T>,
    name: &'static str,
    read: impl FnOnce() -> Result<T, E>,
) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(read()?);
    Ok(())
}

/// The value of required field `name`.
///
/// # Errors
/// `missing_field(name)` when its slot is empty.
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// A key of a map, borrowed from the input where the deserializer can lend it (`serde_json` from
/// a slice: every key without escapes), else copied.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Key(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Key(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Key(Cow::Owned(v)))
    }

    /// A key that is not UTF-8 names no field (as with serde's derive): it reads as `""`.
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        Ok(Key(Cow::Owned(
            std::str::from_utf8(v).unwrap_or_default().to_owned(),
        )))
    }

    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<Self::Value, E> {
        Ok(Key(
            std::str::from_utf8(v).map_or(Cow::Borrowed(""), Cow::Borrowed)
        ))
    }

    /// A numbered key (formats that number a struct's fields) names no field by its name.
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Key(Cow::Owned(v.to_string())))
    }
}

/// How a field with an adapter is read: implemented by the marker type of each of the runtime's
/// readers (`model::SidOptional::next_value(map)?` reads a value through
/// [`sid::optional`](crate::sid::optional)).
pub trait Read<'de, T>: Sized {
    /// Reads the value.
    ///
    /// # Errors
    /// What the reader's function returns.
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;

    /// Reads the next value of `map` (after its key) through this reader.
    ///
    /// # Errors
    /// When the value does not read.
    fn next_value<A: MapAccess<'de>>(map: &mut A) -> Result<T, A::Error> {
        map.next_value::<With<T, Self>>().map(|w| w.0)
    }
}

/// How a field with an adapter is written: implemented by the marker type of each of the
/// runtime's writers.
pub trait Write<T: ?Sized> {
    /// Writes the value.
    ///
    /// # Errors
    /// What the writer's function returns.
    fn write<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
}

/// A value read through the reader `R`.
pub struct With<T, R>(pub T, PhantomData<R>);

impl<'de, T, R: Read<'de, T>> Deserialize<'de> for With<T, R> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        R::read(deserializer).map(|value| Self(value, PhantomData))
    }
}

/// A value written through the writer `W`.
pub struct Written<'a, T: ?Sized, W>(&'a T, PhantomData<W>);

impl<T: ?Sized, W: Write<T>> Serialize for Written<'_, T, W> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        W::write(self.0, serializer)
    }
}

/// A field value left out of what is written when it holds nothing: `None`, an empty `Vec` or
/// map (serde's `skip_serializing_if` of the derived models).
pub trait Skippable {
    /// Whether the value is left out.
    fn is_skipped(&self) -> bool;
}

impl<T> Skippable for Option<T> {
    fn is_skipped(&self) -> bool {
        self.is_none()
    }
}

impl<T> Skippable for Vec<T> {
    fn is_skipped(&self) -> bool {
        self.is_empty()
    }
}

impl<K, V> Skippable for std::collections::BTreeMap<K, V> {
    fn is_skipped(&self) -> bool {
        self.is_empty()
    }
}

/// The fields of a model as they are written, each left out when [`Skippable::is_skipped`].
pub trait WriteFields: SerializeStruct {
    /// Writes `value` under `key` unless it holds nothing.
    ///
    /// # Errors
    /// When the serializer fails.
    fn field<T: Serialize + Skippable>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        if value.is_skipped() {
            return Ok(());
        }
        self.serialize_field(key, value)
    }

    /// Writes `value` under `key` through the writer `W` unless it holds nothing.
    ///
    /// # Errors
    /// When the writer or the serializer fails.
    fn field_with<W: Write<T>, T: Skippable>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        if value.is_skipped() {
            return Ok(());
        }
        self.serialize_field(key, &Written::<T, W>(value, PhantomData))
    }

    /// Writes `value` under `key` (a required field: always written).
    ///
    /// # Errors
    /// When the serializer fails.
    fn value<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        self.serialize_field(key, value)
    }

    /// Writes `value` under `key` through the writer `W` (a required field: always written).
    ///
    /// # Errors
    /// When the writer or the serializer fails.
    fn value_with<W: Write<T>, T>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        self.serialize_field(key, &Written::<T, W>(value, PhantomData))
    }
}

impl<S: SerializeStruct> WriteFields for S {}

/// Declares a marker type for a reader (with its bounds) or a reader and writer of the runtime.
macro_rules! adapter {
    ($(#[$doc:meta])* $marker:ident [$($bound:tt)*] $ty:ty, read $read:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $marker;

        impl<'de, $($bound)*> Read<'de, $ty> for $marker {
            fn read<D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                $read(deserializer)
            }
        }
    };
    ($(#[$doc:meta])* $marker:ident $ty:ty, read $read:path, write $write:path) => {
        adapter!($(#[$doc])* $marker [] $ty, read $read);

        impl Write<$ty> for $marker {
            fn write<S: Serializer>(value: &$ty, serializer: S) -> Result<S::Ok, S::Error> {
                $write(value, serializer)
            }
        }
    };
}

adapter!(
    /// [`number`](super::number): a number, or a string holding one.
    Number [T: super::LenientNumber] T, read super::number
);
adapter!(
    /// [`number_opt`](super::number_opt): a number, a string holding one, `null` or `""`.
    NumberOpt [T: super::LenientNumber] Option<T>, read super::number_opt
);
adapter!(
    /// [`sid::optional`](crate::sid::optional): an optional SID, `""` read as `None`.
    SidOptional [T: Deserialize<'de>] Option<T>, read crate::sid::optional
);
adapter!(
    /// [`null_as_default`](super::null_as_default): `null` read as the default.
    NullAsDefault [T: Default + Deserialize<'de>] T, read super::null_as_default
);
adapter!(
    /// [`map_without_nulls`](super::map_without_nulls): a map, its `null` values left out.
    MapWithoutNulls [T: Deserialize<'de>] std::collections::BTreeMap<String, T>, read super::map_without_nulls
);
adapter!(
    /// [`false_as_none`](super::false_as_none): `false` read as `None`.
    FalseAsNone [T: Deserialize<'de>] Option<T>, read super::false_as_none
);
adapter!(
    /// [`rfc2822`](super::rfc2822).
    Rfc2822 OffsetDateTime, read super::rfc2822::deserialize, write super::rfc2822::serialize
);
adapter!(
    /// [`rfc2822_opt`](super::rfc2822_opt).
    Rfc2822Opt Option<OffsetDateTime>, read super::rfc2822_opt::deserialize, write super::rfc2822_opt::serialize
);
adapter!(
    /// [`rfc2822_opt_or_false`](super::rfc2822_opt_or_false).
    Rfc2822OptOrFalse Option<OffsetDateTime>, read super::rfc2822_opt_or_false::deserialize, write super::rfc2822_opt_or_false::serialize
);
adapter!(
    /// [`rfc3339`](super::rfc3339).
    Rfc3339 OffsetDateTime, read super::rfc3339::deserialize, write super::rfc3339::serialize
);
adapter!(
    /// [`rfc3339_opt`](super::rfc3339_opt).
    Rfc3339Opt Option<OffsetDateTime>, read super::rfc3339_opt::deserialize, write super::rfc3339_opt::serialize
);
adapter!(
    /// [`rfc3339_opt_or_false`](super::rfc3339_opt_or_false).
    Rfc3339OptOrFalse Option<OffsetDateTime>, read super::rfc3339_opt_or_false::deserialize, write super::rfc3339_opt_or_false::serialize
);
adapter!(
    /// [`date`](super::date).
    Date time::Date, read super::date::deserialize, write super::date::serialize
);
adapter!(
    /// [`date_opt`](super::date_opt).
    DateOpt Option<time::Date>, read super::date_opt::deserialize, write super::date_opt::serialize
);

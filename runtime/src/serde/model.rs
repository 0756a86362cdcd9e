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
//! struct with required fields implements [`Fields`] instead of [`Model`]), a repeated key is an
//! error, and a value that does not read is an error naming the field's type. Unlike the derive,
//! a struct is not read from a sequence of its fields in order, which no Twilio API sends.
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
//!         key: &'static str,
//!         map: &mut A,
//!     ) -> Result<(), A::Error> {
//!         match key {
//!             "price" => self.amount = NumberOpt::next_value(map)?,
//!             _ => self.unit = map.next_value()?,
//!         }
//!         Ok(())
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
//! let error = serde_json::from_str::<Price>(r#"{"price_unit": "USD", "price_unit": "EUR"}"#).unwrap_err();
//! assert!(error.to_string().starts_with("duplicate field `price_unit`"));
//! ```

use std::fmt;
use std::marker::PhantomData;

use ::serde::Deserialize;
use ::serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use ::serde::ser::{Serialize, SerializeStruct, Serializer};
use time::OffsetDateTime;

/// A struct read from a map of named fields, each field defaulted when its key is missing (every
/// `Model` is a [`Fields`] struct).
pub trait Model: Default {
    /// The struct's name (in error messages: "expected struct NAME").
    const NAME: &'static str;
    /// The wire names of the fields.
    const FIELDS: &'static [&'static str];
    /// Reads the value of the field named `key` (one of [`Model::FIELDS`]) from `map` into
    /// `self`.
    ///
    /// # Errors
    /// When the value does not read as the field's type.
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &'static str,
        map: &mut A,
    ) -> Result<(), A::Error>;
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
        let mut seen = Seen::new(<T as Model>::FIELDS.len());
        while let Some(key) = map.next_key_seed(Key(<T as Model>::FIELDS))? {
            match key {
                Some((index, name)) => {
                    if !seen.insert(index) {
                        return Err(de::Error::duplicate_field(name));
                    }
                    value.read_field(name, map)?;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
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
    /// Reads the struct from the entries of `map` ([`next_field`], [`fill`], [`required`]).
    ///
    /// # Errors
    /// When a key repeats, a required field is missing or a value does not read.
    fn read_map<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error>;
}

/// The next key of `map` that names a field (as written in `fields`), the values of other keys
/// skipped; `None` after the last entry.
///
/// # Errors
/// When a key or a skipped value does not read.
pub fn next_field<'de, A: MapAccess<'de>>(
    map: &mut A,
    fields: &'static [&'static str],
) -> Result<Option<&'static str>, A::Error> {
    while let Some(key) = map.next_key_seed(Key(fields))? {
        match key {
            Some((_, name)) => return Ok(Some(name)),
            None => {
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
    Ok(None)
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

/// The fields already read (a repeated key is an error, as with serde's derive).
enum Seen {
    Few(u128),
    Many(Vec<bool>),
}

impl Seen {
    fn new(fields: usize) -> Self {
        if fields <= 128 {
            Self::Few(0)
        } else {
            Self::Many(vec![false; fields])
        }
    }

    /// Marks `index` read; `false` when it already was.
    fn insert(&mut self, index: usize) -> bool {
        match self {
            Self::Few(bits) => {
                let bit = 1u128 << (index % 128);
                let new = *bits & bit == 0;
                *bits |= bit;
                new
            }
            Self::Many(seen) => match seen.get_mut(index) {
                Some(s) => !std::mem::replace(s, true),
                None => true,
            },
        }
    }
}

/// A key of the map: the index and name of the field it names, `None` for any other key.
struct Key(&'static [&'static str]);

impl Key {
    fn find(&self, key: &[u8]) -> Option<(usize, &'static str)> {
        self.0
            .iter()
            .enumerate()
            .find(|(_, name)| name.as_bytes() == key)
            .map(|(i, name)| (i, *name))
    }
}

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<(usize, &'static str)>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<(usize, &'static str)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.find(v.as_bytes()))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        Ok(self.find(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(usize::try_from(v)
            .ok()
            .and_then(|i| self.0.get(i).map(|name| (i, *name))))
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
    Rfc2822  OffsetDateTime, read super::rfc2822::deserialize, write super::rfc2822::serialize
);
adapter!(
    /// [`rfc2822_opt`](super::rfc2822_opt).
    Rfc2822Opt  Option<OffsetDateTime>, read super::rfc2822_opt::deserialize, write super::rfc2822_opt::serialize
);
adapter!(
    /// [`rfc2822_opt_or_false`](super::rfc2822_opt_or_false).
    Rfc2822OptOrFalse  Option<OffsetDateTime>, read super::rfc2822_opt_or_false::deserialize, write super::rfc2822_opt_or_false::serialize
);
adapter!(
    /// [`rfc3339`](super::rfc3339).
    Rfc3339  OffsetDateTime, read super::rfc3339::deserialize, write super::rfc3339::serialize
);
adapter!(
    /// [`rfc3339_opt`](super::rfc3339_opt).
    Rfc3339Opt  Option<OffsetDateTime>, read super::rfc3339_opt::deserialize, write super::rfc3339_opt::serialize
);
adapter!(
    /// [`rfc3339_opt_or_false`](super::rfc3339_opt_or_false).
    Rfc3339OptOrFalse  Option<OffsetDateTime>, read super::rfc3339_opt_or_false::deserialize, write super::rfc3339_opt_or_false::serialize
);
adapter!(
    /// [`date`](super::date).
    Date  time::Date, read super::date::deserialize, write super::date::serialize
);
adapter!(
    /// [`date_opt`](super::date_opt).
    DateOpt  Option<time::Date>, read super::date_opt::deserialize, write super::date_opt::serialize
);

#[cfg(test)]
mod tests {
    use super::Seen;

    /// A repeated field is found in a struct of any width (more than 128 fields: a `Vec`).
    #[test]
    fn a_repeated_field_is_seen_at_any_width() {
        for width in [1, 127, 128, 129, 300] {
            let mut seen = Seen::new(width);
            for index in 0..width {
                assert!(seen.insert(index), "{width}: {index} first");
            }
            for index in 0..width {
                assert!(!seen.insert(index), "{width}: {index} again");
            }
        }
    }
}

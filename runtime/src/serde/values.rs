//! Values Twilio writes in more than one way: `false` for "none", `null` map values, `null` collections.

use std::fmt;

use ::serde::de::{self, Deserialize, Deserializer, Visitor};

/// `Option<T>` where `false` (and `null`) stands for "no value": `{"ReplySid": false}` reads as
/// `None`, any other value as `T`.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Call {
///     #[serde(default, deserialize_with = "twilio_runtime::serde::false_as_none")]
///     reply_sid: Option<String>,
/// }
/// let call: Call = serde_json::from_str(r#"{"reply_sid": false}"#).unwrap();
/// assert_eq!(call.reply_sid, None);
/// let call: Call = serde_json::from_str(r#"{"reply_sid": "SM1"}"#).unwrap();
/// assert_eq!(call.reply_sid.as_deref(), Some("SM1"));
/// ```
///
/// # Errors
/// When the value is neither `false`, `null` nor a valid `T`.
pub fn false_as_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_option(FalseAsNone(std::marker::PhantomData))
}

struct FalseAsNone<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for FalseAsNone<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value, null or false")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        if value {
            T::deserialize(de::value::BoolDeserializer::<E>::new(value)).map(Some)
        } else {
            Ok(None)
        }
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        T::deserialize(de::value::I64Deserializer::<E>::new(value)).map(Some)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        T::deserialize(de::value::U64Deserializer::<E>::new(value)).map(Some)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        T::deserialize(de::value::F64Deserializer::<E>::new(value)).map(Some)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        T::deserialize(de::value::StringDeserializer::<E>::new(value.to_owned())).map(Some)
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        T::deserialize(de::value::BorrowedStrDeserializer::<E>::new(value)).map(Some)
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        T::deserialize(de::value::StringDeserializer::<E>::new(value)).map(Some)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Some)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
    }
}

/// A map of a response whose values may be `null` (`"links": {"last_message": null}`): `null`
/// values are left out, as if the key were absent, and a `null` map is empty.
///
/// ```
/// use std::collections::BTreeMap;
/// #[derive(serde::Deserialize)]
/// struct Channel {
///     #[serde(default, deserialize_with = "twilio_runtime::serde::map_without_nulls")]
///     links: BTreeMap<String, String>,
/// }
/// let channel: Channel =
///     serde_json::from_str(r#"{"links": {"members": "/v2/M", "last_message": null}}"#).unwrap();
/// assert_eq!(channel.links.len(), 1);
/// let channel: Channel = serde_json::from_str(r#"{"links": null}"#).unwrap();
/// assert!(channel.links.is_empty());
/// ```
///
/// # Errors
/// When the value is neither `null` nor a map of `T` or `null` values.
pub fn map_without_nulls<'de, D, T>(
    deserializer: D,
) -> Result<std::collections::BTreeMap<String, T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_option(MapWithoutNulls(std::marker::PhantomData))
}

/// Reads a map straight into the result, leaving `null` values out (no intermediate map).
struct MapWithoutNulls<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for MapWithoutNulls<T> {
    type Value = std::collections::BTreeMap<String, T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(std::collections::BTreeMap::new())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = std::collections::BTreeMap::new();
        while let Some((key, value)) = map.next_entry::<String, Option<T>>()? {
            if let Some(value) = value {
                out.insert(key, value);
            }
        }
        Ok(out)
    }
}

/// Reads `null` as `T::default()`: for collections the API may send as `null`
/// (`#[serde(default, deserialize_with = "twilio_runtime::serde::null_as_default")]`).
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Page {
///     #[serde(default, deserialize_with = "twilio_runtime::serde::null_as_default")]
///     calls: Vec<String>,
/// }
/// let page: Page = serde_json::from_str(r#"{"calls": null}"#).unwrap();
/// assert!(page.calls.is_empty());
/// ```
///
/// # Errors
/// When the value is neither `null` nor a valid `T`.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

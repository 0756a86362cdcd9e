//! What the generated `oneOf`/`anyOf` enums call: a value of one of several schemas, read from
//! JSON by trying each variant (or by the value of a discriminating property), and kept as it
//! was sent when no variant reads it, so that a new alternative never fails a whole response.
//!
//! ```
//! use twilio_runtime::one_of;
//!
//! let value = serde_json::json!({"channel": "APPLE", "to": "x"});
//! assert_eq!(one_of::tag(&value, "channel"), Some("APPLE"));
//! assert_eq!(one_of::decode::<u32>(&value), None);
//! let encoded = one_of::with_tag(&serde_json::json!({"to": "x"}), "channel", "APPLE").unwrap();
//! assert_eq!(encoded, value);
//! ```

use ::serde::Serialize;
use ::serde::de::DeserializeOwned;
use serde_json::Value;

/// `value` read as a `T`, or `None` when it is not one.
pub fn decode<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// The string value of the property `name` of the object `value` (a discriminator).
pub fn tag<'v>(value: &'v Value, name: &str) -> Option<&'v str> {
    value.get(name).and_then(Value::as_str)
}

/// `value` written as JSON, with the property `name` set to `tag` when the value is an object
/// that does not already hold it (a discriminator the variant's own type does not declare).
///
/// # Errors
/// When `value` cannot be written as JSON.
pub fn with_tag<T: Serialize + ?Sized>(
    value: &T,
    name: &str,
    tag: &str,
) -> Result<Value, serde_json::Error> {
    let mut value = serde_json::to_value(value)?;
    if let Value::Object(map) = &mut value
        && !map.contains_key(name)
    {
        map.insert(name.to_owned(), Value::String(tag.to_owned()));
    }
    Ok(value)
}

/// Writes `value` through `serializer` with the discriminator set (see [`with_tag`]).
///
/// # Errors
/// When `value` cannot be written.
pub fn serialize_tagged<T: Serialize + ?Sized, S: ::serde::Serializer>(
    value: &T,
    name: &str,
    tag: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    with_tag(value, name, tag)
        .map_err(::serde::ser::Error::custom)?
        .serialize(serializer)
}

/// The text of a value of a `oneOf` sent as a query or form value: a string as it is, anything
/// else as compact JSON text (as [`Param`](crate::Param) writes a `serde_json::Value`).
pub fn to_param<T: Serialize + ?Sized>(value: &T) -> std::borrow::Cow<'static, str> {
    match serde_json::to_value(value).unwrap_or_default() {
        Value::String(text) => std::borrow::Cow::Owned(text),
        other => std::borrow::Cow::Owned(other.to_string()),
    }
}

//! Checking Twilio SIDs (`CA` followed by 32 hexadecimal digits, and the like).
//!
//! Generated SID newtypes (`CallSid`, `AccountSid`...) are declared with
//! [`sid_newtype!`](crate::sid_newtype): the code of every SID type lives here, once. Their
//! constructors call [`validate`]; decoding a response calls [`deserialize_lenient`], which keeps
//! a malformed SID with a warning (rule "SIDs in responses").
//!
//! ```
//! use twilio_runtime::sid;
//!
//! assert!(sid::validate("CA", "CA0123456789abcdef0123456789ABCDEF").is_ok());
//! let error = sid::validate("CA", "CA123").unwrap_err();
//! assert_eq!(
//!     error.to_string(),
//!     "`CA123` is not a valid SID: expected `CA` followed by 32 hexadecimal digits"
//! );
//! ```

/// The most characters of an invalid value that [`InvalidSid`] keeps.
const SHOWN_CHARS: usize = 40;

/// Checks that `value` is `prefix` (two ASCII letters, e.g. `CA`) followed by 32
/// hexadecimal digits.
///
/// # Errors
/// [`InvalidSid`] when it is not.
pub fn validate(prefix: &'static str, value: &str) -> Result<(), InvalidSid> {
    let valid = value.len() == prefix.len() + 32
        && value.starts_with(prefix)
        && value.as_bytes()[prefix.len()..]
            .iter()
            .all(u8::is_ascii_hexdigit);
    if valid {
        Ok(())
    } else {
        Err(InvalidSid::new(prefix, value))
    }
}

/// Reads a SID from a response, leniently: a value that is not `prefix` followed by 32
/// hexadecimal digits is kept as it is (unchecked), with a `tracing` warning, instead of
/// failing the whole response. Generated SID newtypes call it in their `Deserialize`; their
/// constructors (`new`, `FromStr`, `TryFrom`) for user input stay checked with [`validate`].
///
/// When the response is decoded by the client (or [`decode_json`](crate::decode_json)), the
/// warning names the operation and the field (`calls[3].parent_call_sid`); elsewhere it names
/// the SID type.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Call {
///     #[serde(deserialize_with = "parent")]
///     parent_call_sid: String,
/// }
/// fn parent<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
///     twilio_runtime::sid::deserialize_lenient("CA", "CallSid", d)
/// }
/// let call: Call = twilio_runtime::decode_json("FetchCall", br#"{"parent_call_sid": "CA123"}"#).unwrap();
/// assert_eq!(call.parent_call_sid, "CA123");
/// ```
///
/// # Errors
/// When the value is not a string.
pub fn deserialize_lenient<'de, D: serde::Deserializer<'de>>(
    prefix: &'static str,
    type_name: &'static str,
    deserializer: D,
) -> Result<String, D::Error> {
    let value = <String as serde::Deserialize>::deserialize(deserializer)?;
    if let Err(invalid) = validate(prefix, &value) {
        malformed(type_name, &invalid).map_err(<D::Error as serde::de::Error>::custom)?;
    }
    Ok(value)
}

/// An optional SID of a response: `null` and `""` read as `None`, anything else as `T` (a SID
/// newtype, which keeps a malformed value, see [`deserialize_lenient`]).
///
/// # Errors
/// When the value is neither `null` nor a string.
pub fn optional<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    match <Option<String> as serde::Deserialize>::deserialize(deserializer)? {
        None => Ok(None),
        Some(text) if text.is_empty() => Ok(None),
        Some(text) => {
            T::deserialize(serde::de::value::StringDeserializer::<D::Error>::new(text)).map(Some)
        }
    }
}

/// Decoding of one response by [`decode_json`](crate::decode_json): the malformed SIDs it kept,
/// and, while their fields are being located, which one to stop at.
#[derive(Default)]
struct Leniency {
    /// Inside `decode_json`.
    collecting: bool,
    /// Malformed SIDs seen so far.
    count: usize,
    /// Fail at the malformed SID with this index (to learn its path).
    probe: Option<usize>,
    /// Fail at every malformed SID (see [`strict`]).
    strict: bool,
}

/// Runs `decode` with SIDs checked: a malformed SID read by [`deserialize_lenient`] is an error,
/// as for user input. For payloads that must be well formed, such as webhook requests.
#[cfg_attr(not(feature = "webhook"), allow(dead_code))]
pub(crate) fn strict<T>(decode: impl FnOnce() -> T) -> T {
    let previous = LENIENCY.with_borrow_mut(|state| std::mem::replace(&mut state.strict, true));
    let value = decode();
    LENIENCY.with_borrow_mut(|state| state.strict = previous);
    value
}

thread_local! {
    static LENIENCY: std::cell::RefCell<Leniency> = std::cell::RefCell::default();
}

/// A malformed SID was read: keep it (`Ok`) or, while locating it, fail with its message.
fn malformed(type_name: &'static str, invalid: &InvalidSid) -> Result<(), String> {
    let probed = LENIENCY.with_borrow_mut(|state| {
        let index = state.count;
        state.count += 1;
        if state.strict || state.probe == Some(index) {
            Some(true)
        } else if state.collecting {
            Some(false)
        } else {
            None
        }
    });
    match probed {
        Some(true) => Err(invalid.to_string()),
        Some(false) => Ok(()),
        None => {
            tracing::warn!(
                sid_type = type_name,
                "kept a malformed SID unchecked: {invalid}"
            );
            Ok(())
        }
    }
}

/// The most malformed SIDs of one response whose fields are reported one by one.
const REPORTED: usize = 10;

/// Runs `decode` (a whole decoding of one response) counting the malformed SIDs it keeps; when
/// there are some, `locate` is run once per malformed SID (at most 10) to learn the path of its
/// field, and each is reported as a `tracing` warning naming the operation and the field.
pub(crate) fn decode_counting<T, E>(
    operation: &'static str,
    decode: impl FnOnce() -> Result<T, E>,
    locate: impl Fn() -> Option<(String, String)>,
) -> Result<T, E> {
    let previous = LENIENCY.with_borrow_mut(|state| {
        std::mem::replace(
            state,
            Leniency {
                collecting: true,
                count: 0,
                probe: None,
                strict: false,
            },
        )
    });
    let value = decode();
    // A response that failed to decode is reported by its error.
    let count = if value.is_ok() {
        LENIENCY.with_borrow(|state| state.count)
    } else {
        0
    };
    for index in 0..count.min(REPORTED) {
        LENIENCY.with_borrow_mut(|state| {
            state.count = 0;
            state.probe = Some(index);
        });
        if let Some((field, message)) = locate() {
            tracing::warn!(
                operation,
                field = %field,
                "kept a malformed SID unchecked: {message}"
            );
        }
    }
    if count > REPORTED {
        tracing::warn!(
            operation,
            "kept {} more malformed SIDs unchecked",
            count - REPORTED
        );
    }
    LENIENCY.set(previous);
    value
}

/// Declares a SID newtype: a `String` holding a SID of one prefix, checked on construction and
/// read leniently from responses ([`deserialize_lenient`]), with `new`, `as_str`, `into_string`, `PREFIX`, `Display`, `FromStr`,
/// `TryFrom<&str>`, `TryFrom<String>`, `AsRef<str>`, serde's `Serialize` and `Deserialize` and
/// [`Param`](crate::Param). Generated crates declare every SID type with it.
///
/// The type's documentation says what it holds; more attributes may be given first.
///
/// ```
/// twilio_runtime::sid_newtype!(pub struct CallSid = "CA");
/// let sid: CallSid = "CA0123456789abcdef0123456789abcdef".parse().unwrap();
/// assert_eq!(sid.as_str(), "CA0123456789abcdef0123456789abcdef");
/// assert_eq!(CallSid::PREFIX, "CA");
/// assert!(CallSid::new("AC0123456789abcdef0123456789abcdef").is_err());
/// ```
#[macro_export]
macro_rules! sid_newtype {
    ($(#[$meta:meta])* $vis:vis struct $name:ident = $prefix:literal $(;)?) => {
        #[doc = concat!(
            " A Twilio SID with the prefix `", $prefix, "`: `", $prefix,
            "` followed by 32 hexadecimal digits."
        )]
        ///
        /// Checked on construction (`new`, `parse`, `try_from`): a value built from user input
        /// is always well formed. Decoding a response is lenient (rule "SIDs in responses"): a
        /// value that does not match is kept as it is, unchecked, and a `tracing` warning names
        /// the field, so that one malformed SID does not fail a whole response or page.
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis struct $name(::std::string::String);

        impl $name {
            /// The two letters every SID of this kind starts with.
            pub const PREFIX: &'static str = $prefix;

            /// Checks `value` and wraps it.
            ///
            /// # Errors
            /// When `value` is not [`Self::PREFIX`] followed by 32 hexadecimal digits.
            pub fn new(
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> ::std::result::Result<Self, $crate::sid::InvalidSid> {
                let value = value.into();
                $crate::sid::validate(Self::PREFIX, &value)?;
                ::std::result::Result::Ok(Self(value))
            }

            /// The SID as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The SID as an owned string.
            pub fn into_string(self) -> ::std::string::String {
                self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::sid::InvalidSid;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Self::new(value)
            }
        }

        impl ::std::convert::TryFrom<&str> for $name {
            type Error = $crate::sid::InvalidSid;
            fn try_from(value: &str) -> ::std::result::Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl ::std::convert::TryFrom<::std::string::String> for $name {
            type Error = $crate::sid::InvalidSid;
            fn try_from(value: ::std::string::String) -> ::std::result::Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl $crate::sid::__serde::Serialize for $name {
            fn serialize<S: $crate::sid::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> $crate::sid::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::sid::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::sid::deserialize_lenient(Self::PREFIX, ::std::stringify!($name), deserializer)
                    .map(Self)
            }
        }

        impl $crate::Param for $name {
            fn to_param(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(&self.0)
            }
        }
    };
}

#[doc(hidden)]
pub use serde as __serde;

/// A value that is not a SID of the expected kind.
///
/// Its message quotes the value, cut to 40 characters: `` `xyz` is not a valid SID: expected
/// `CA` followed by 32 hexadecimal digits``.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a valid SID: expected `{prefix}` followed by 32 hexadecimal digits")]
pub struct InvalidSid {
    prefix: &'static str,
    value: String,
}

impl InvalidSid {
    fn new(prefix: &'static str, value: &str) -> InvalidSid {
        let mut shown: String = value
            .chars()
            .take(SHOWN_CHARS)
            .flat_map(char::escape_debug)
            .collect();
        if value.chars().nth(SHOWN_CHARS).is_some() {
            shown.push('…');
        }
        InvalidSid {
            prefix,
            value: shown,
        }
    }

    /// The expected prefix, e.g. `CA`.
    pub fn prefix(&self) -> &'static str {
        self.prefix
    }

    /// The rejected value as shown in the message (cut to 40 characters, control
    /// characters escaped).
    pub fn value(&self) -> &str {
        &self.value
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn valid_sids() {
        assert!(validate("CA", "CA0123456789abcdef0123456789abcdef").is_ok());
        assert!(validate("AC", "AC0123456789ABCDEF0123456789ABCDEF").is_ok());
    }

    #[test]
    fn invalid_sids() {
        for value in [
            "",
            "CA",
            "CA0123456789abcdef0123456789abcde",
            "CA0123456789abcdef0123456789abcdef0",
            "ca0123456789abcdef0123456789abcdef",
            "AC0123456789abcdef0123456789abcdef",
            "CA0123456789abcdef0123456789abcdeg",
            "CA0123456789abcdef0123456789abcdé",
        ] {
            let error = validate("CA", value).unwrap_err();
            assert_eq!(error.prefix(), "CA");
        }
    }

    #[test]
    fn long_values_are_cut() {
        let error = validate("CA", &"x".repeat(1000)).unwrap_err();
        assert_eq!(error.value(), format!("{}…", "x".repeat(40)));
        let error = validate("CA", "a\nb").unwrap_err();
        assert_eq!(
            error.to_string(),
            "`a\\nb` is not a valid SID: expected `CA` followed by 32 hexadecimal digits"
        );
    }
}

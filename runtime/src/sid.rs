//! Checking Twilio SIDs (`CA` followed by 32 hexadecimal digits, and the like).
//!
//! Generated SID newtypes (`CallSid`, `AccountSid`...) are declared with
//! [`sid_newtype!`](crate::sid_newtype): the code of every SID type lives here, once. Their
//! constructors call [`validate`], their decoding calls [`deserialize`].
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

/// Reads the text of a SID of `prefix` for a generated SID type's `Deserialize` (what is accepted
/// is decided here, for every SID type at once).
///
/// # Errors
/// When the value is not a string, or not a valid SID of `prefix`.
pub fn deserialize<'de, D>(prefix: &'static str, deserializer: D) -> Result<String, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let value = <String as serde::Deserialize>::deserialize(deserializer)?;
    validate(prefix, &value).map_err(<D::Error as serde::de::Error>::custom)?;
    Ok(value)
}

/// Declares a SID newtype: a `String` holding a SID of one prefix, checked on construction and
/// when decoded, with `new`, `as_str`, `into_string`, `PREFIX`, `Display`, `FromStr`,
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
        /// Checked on construction and when decoded, so a value of this type is always well
        /// formed.
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
                $crate::sid::deserialize(Self::PREFIX, deserializer).map(Self)
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

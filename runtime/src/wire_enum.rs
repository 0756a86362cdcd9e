//! [`wire_enum!`](crate::wire_enum): the traits of an enum of wire values, written once here
//! instead of in every generated enum.

/// Implements the traits of an enum of wire values that follow from its `as_str` (the value as
/// sent) and its `From<&str>` (any text, an unknown value kept in a catch-all variant):
///
/// - `FromStr`, which never fails (`Err` is [`Infallible`](std::convert::Infallible)),
/// - `Display`, the wire value,
/// - serde's `Serialize`, the wire value as a string, and `Deserialize`, any string read through
///   `From<&str>` (so a value added to the API later is kept, not an error),
/// - [`Param`](crate::Param), the wire value in a query or form.
///
/// Generated crates declare every enum of string values with it; the enum itself, its
/// `as_str` and its `From<&str>` are generated, with their documentation.
///
/// ```
/// #[derive(Clone, Debug, PartialEq)]
/// pub enum Track {
///     Inbound,
///     Unknown(String),
/// }
///
/// impl Track {
///     pub fn as_str(&self) -> &str {
///         match self {
///             Self::Inbound => "inbound",
///             Self::Unknown(value) => value.as_str(),
///         }
///     }
/// }
///
/// impl From<&str> for Track {
///     fn from(value: &str) -> Self {
///         match value {
///             "inbound" => Self::Inbound,
///             other => Self::Unknown(other.to_owned()),
///         }
///     }
/// }
///
/// twilio_runtime::wire_enum!(Track);
///
/// use twilio_runtime::Param as _;
/// assert_eq!("inbound".parse::<Track>(), Ok(Track::Inbound));
/// assert_eq!(Track::Inbound.to_string(), "inbound");
/// assert_eq!(Track::Inbound.to_param(), "inbound");
/// assert_eq!(serde_json::to_string(&Track::Inbound).unwrap(), r#""inbound""#);
/// let read: Track = serde_json::from_str(r#""both""#).unwrap();
/// assert_eq!(read, Track::Unknown("both".to_owned()));
/// assert!(serde_json::from_str::<Track>("1").is_err());
/// ```
#[macro_export]
macro_rules! wire_enum {
    ($name:ident $(;)?) => {
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(<Self as ::std::convert::From<&str>>::from(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::sid::__serde::Serialize for $name {
            fn serialize<S: $crate::sid::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::sid::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::sid::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as $crate::sid::__serde::Deserialize>::deserialize(
                    deserializer,
                )?;
                ::std::result::Result::Ok(<Self as ::std::convert::From<&str>>::from(value.as_ref()))
            }
        }

        impl $crate::Param for $name {
            fn to_param(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
        }
    };
}

/// Implements serde's `Deserialize` for a generated model or webhook payload: one call of
/// [`serde::model::deserialize`](crate::serde::model::deserialize), which reads any struct that
/// implements [`Fields`](crate::serde::model::Fields) (every [`Model`](crate::serde::model::Model)
/// does).
///
/// Public for the generated crates only, as `serde::model` is.
#[doc(hidden)]
#[macro_export]
macro_rules! deserialize_fields {
    ($name:ident $(;)?) => {
        impl<'de> $crate::sid::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::sid::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::serde::model::deserialize(deserializer)
            }
        }
    };
}

//! Numbers read leniently: a JSON number or a string holding one.

use std::fmt;

use ::serde::de::{self, Deserializer, Visitor};

/// A number as Twilio's documents declare it, read leniently: the lenient readers
/// [`number`] and [`number_opt`] accept a JSON number or a string holding one.
pub trait LenientNumber: Sized {
    /// What the value should be, for error messages.
    const EXPECTED: &'static str;
    /// From a JSON integer.
    fn from_i64(value: i64) -> Option<Self>;
    /// From a JSON integer above `i64::MAX`.
    fn from_u64(value: u64) -> Option<Self>;
    /// From a JSON number with a fraction or an exponent.
    fn from_f64(value: f64) -> Option<Self>;
    /// From the text of a string.
    fn parse(text: &str) -> Option<Self>;
}

impl LenientNumber for i32 {
    const EXPECTED: &'static str = "a 32-bit integer or a string holding one";
    fn from_i64(value: i64) -> Option<Self> {
        i32::try_from(value).ok()
    }
    fn from_u64(value: u64) -> Option<Self> {
        i32::try_from(value).ok()
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn parse(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

impl LenientNumber for i64 {
    const EXPECTED: &'static str = "an integer or a string holding one";
    fn from_i64(value: i64) -> Option<Self> {
        Some(value)
    }
    fn from_u64(value: u64) -> Option<Self> {
        i64::try_from(value).ok()
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn parse(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

impl LenientNumber for f64 {
    const EXPECTED: &'static str = "a number or a string holding one";
    #[allow(clippy::cast_precision_loss)]
    fn from_i64(value: i64) -> Option<Self> {
        Some(value as f64)
    }
    #[allow(clippy::cast_precision_loss)]
    fn from_u64(value: u64) -> Option<Self> {
        Some(value as f64)
    }
    fn from_f64(value: f64) -> Option<Self> {
        Some(value)
    }
    fn parse(text: &str) -> Option<Self> {
        text.parse().ok().filter(|value: &f64| value.is_finite())
    }
}

impl LenientNumber for rust_decimal::Decimal {
    const EXPECTED: &'static str = "a decimal number or a string holding one";
    fn from_i64(value: i64) -> Option<Self> {
        Some(value.into())
    }
    fn from_u64(value: u64) -> Option<Self> {
        Some(value.into())
    }
    /// The shortest text that reads back as `value` (`-0.0025`, not
    /// `-0.00250000000000000005`), as a decimal.
    fn from_f64(value: f64) -> Option<Self> {
        if value.is_finite() {
            Self::parse(&value.to_string())
        } else {
            None
        }
    }
    fn parse(text: &str) -> Option<Self> {
        use std::str::FromStr;
        rust_decimal::Decimal::from_str(text)
            .or_else(|_| rust_decimal::Decimal::from_scientific(text))
            .ok()
    }
}

/// Reads a number or a numeric string (`optional`: also `null` and `""` as `None`).
struct NumberVisitor<T> {
    optional: bool,
    marker: std::marker::PhantomData<T>,
}

impl<T: LenientNumber> NumberVisitor<T> {
    fn some<E: de::Error>(value: Option<T>, shown: fmt::Arguments<'_>) -> Result<Option<T>, E> {
        value.map(Some).ok_or_else(|| {
            E::custom(format_args!(
                "invalid number {shown}: expected {}",
                T::EXPECTED
            ))
        })
    }
}

impl<'de, T: LenientNumber> Visitor<'de> for NumberVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTED)?;
        if self.optional {
            f.write_str(" or null")?;
        }
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Self::some(T::from_i64(value), format_args!("{value}"))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Self::some(T::from_u64(value), format_args!("{value}"))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Self::some(T::from_f64(value), format_args!("{value}"))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        let trimmed = text.trim();
        if self.optional && trimmed.is_empty() {
            return Ok(None);
        }
        Self::some(T::parse(trimmed), format_args!("`{text}`"))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        if self.optional {
            Ok(None)
        } else {
            Err(E::invalid_type(de::Unexpected::Option, &self))
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Reads a number leniently: a JSON number or a string holding one (`12`, `"12"`, `"-0.0025"`),
/// as Twilio sends numbers its documents declare (rule "numbers" of the generator). For
/// `#[serde(deserialize_with = "twilio_runtime::serde::number")]`; writing is the type's own.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Call {
///     #[serde(deserialize_with = "twilio_runtime::serde::number")]
///     duration: i64,
/// }
/// let call: Call = serde_json::from_str(r#"{"duration": "15"}"#).unwrap();
/// assert_eq!(call.duration, 15);
/// let call: Call = serde_json::from_str(r#"{"duration": 15}"#).unwrap();
/// assert_eq!(call.duration, 15);
/// assert!(serde_json::from_str::<Call>(r#"{"duration": "soon"}"#).is_err());
/// ```
///
/// # Errors
/// When the value is neither a number of the type nor a string holding one.
pub fn number<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: LenientNumber,
{
    deserializer
        .deserialize_any(NumberVisitor {
            optional: false,
            marker: std::marker::PhantomData,
        })?
        .ok_or_else(|| de::Error::custom("missing number"))
}

/// Like [`number`], for an `Option`: `null` and `""` read as `None`.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Recording {
///     #[serde(default, deserialize_with = "twilio_runtime::serde::number_opt")]
///     price: Option<twilio_runtime::Decimal>,
/// }
/// let recording: Recording = serde_json::from_str(r#"{"price": "-0.0025"}"#).unwrap();
/// assert_eq!(recording.price, Some(twilio_runtime::Decimal::new(-25, 4)));
/// let recording: Recording = serde_json::from_str(r#"{"price": -0.0025}"#).unwrap();
/// assert_eq!(recording.price, Some(twilio_runtime::Decimal::new(-25, 4)));
/// let recording: Recording = serde_json::from_str(r#"{"price": ""}"#).unwrap();
/// assert_eq!(recording.price, None);
/// ```
///
/// # Errors
/// When the value is neither `null`, `""`, a number of the type nor a string holding one.
pub fn number_opt<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: LenientNumber,
{
    deserializer.deserialize_option(NumberVisitor {
        optional: true,
        marker: std::marker::PhantomData,
    })
}

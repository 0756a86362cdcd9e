//! Serde adapters used by generated models.
//!
//! Twilio's 2010 API writes dates as RFC 2822 (`Tue, 31 Aug 2010 20:36:28 +0000`), newer
//! APIs as RFC 3339 (`2010-08-31T20:36:28Z`):
//!
//! ```
//! use time::OffsetDateTime;
//!
//! #[derive(serde::Deserialize, serde::Serialize)]
//! struct Call {
//!     #[serde(default, with = "twilio_runtime::serde::rfc2822_opt")]
//!     date_created: Option<OffsetDateTime>,
//!     #[serde(with = "twilio_runtime::serde::rfc3339")]
//!     date_updated: OffsetDateTime,
//! }
//!
//! let call: Call = serde_json::from_str(
//!     r#"{"date_created": "Tue, 31 Aug 2010 20:36:28 +0000", "date_updated": "2010-08-31T20:36:28Z"}"#,
//! )
//! .unwrap();
//! assert_eq!(call.date_created, Some(call.date_updated));
//! ```
//!
//! Decoding is lenient: each format also accepts the other one, and the `_opt` variants read
//! `null` and `""` as `None` (with `#[serde(default)]`, a missing field is `None` too).

use std::fmt;

use ::serde::de::{self, Deserialize, Deserializer, Visitor};
use ::serde::ser::{Error as _, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::{Rfc2822, Rfc3339};

/// The date formats the adapters write.
#[derive(Clone, Copy)]
enum Format {
    Rfc2822,
    Rfc3339,
}

impl Format {
    fn format(self, value: &OffsetDateTime) -> Result<String, time::error::Format> {
        match self {
            Format::Rfc2822 => value.format(&Rfc2822),
            Format::Rfc3339 => value.format(&Rfc3339),
        }
    }

    /// Parses in this format, then in the other one (see [`parse_date_time`]).
    fn parse(self, text: &str) -> Result<OffsetDateTime, time::error::Parse> {
        let text = text.trim();
        match self {
            Format::Rfc2822 => {
                parse_rfc2822(text).or_else(|error| parse_iso8601(text).map_err(|_| error))
            }
            Format::Rfc3339 => {
                parse_iso8601(text).or_else(|error| parse_rfc2822(text).map_err(|_| error))
            }
        }
    }

    fn expecting(self) -> &'static str {
        match self {
            Format::Rfc2822 => "an RFC 2822 date such as `Tue, 31 Aug 2010 20:36:28 +0000`",
            Format::Rfc3339 => "an RFC 3339 date such as `2010-08-31T20:36:28Z`",
        }
    }
}

/// Reads a date-time as Twilio sends it: RFC 2822 (`Tue, 31 Aug 2010 20:36:28 +0000`, with or
/// without a fraction of a second, the zone as `+0000`, `-0000`, `GMT`, `UT` or `UTC`) or
/// ISO 8601 (`2010-08-31T20:36:28Z`, `2010-08-31T20:36:28.123456+02:00`, with or without a
/// fraction).
///
/// ```
/// use twilio_runtime::serde::parse_date_time;
///
/// let at = parse_date_time("Thu, 01 Sep 2016 10:11:12.123456 -0500").unwrap();
/// assert_eq!(at.unix_timestamp(), 1472742672);
/// assert_eq!(at.microsecond(), 123456);
/// assert_eq!(parse_date_time("Thu, 01 Sep 2016 15:11:12 GMT").unwrap().unix_timestamp(), 1472742672);
/// assert_eq!(parse_date_time("2016-09-01T15:11:12.5Z").unwrap().millisecond(), 500);
/// assert!(parse_date_time("yesterday").is_err());
/// ```
///
/// # Errors
/// When `text` is in neither form.
pub fn parse_date_time(text: &str) -> Result<OffsetDateTime, time::error::Parse> {
    Format::Rfc2822.parse(text)
}

/// RFC 2822, with the leniencies of [`parse_date_time`].
fn parse_rfc2822(text: &str) -> Result<OffsetDateTime, time::error::Parse> {
    let strict = OffsetDateTime::parse(text, &Rfc2822);
    if strict.is_ok() {
        return strict;
    }
    // Rebuild without the fraction, with a numeric zone, and parse that.
    let mut nanos = 0u32;
    let mut words: Vec<String> = Vec::new();
    for word in text.split_ascii_whitespace() {
        let word = match word.split_once('.') {
            Some((hms, fraction))
                if hms.len() == 8
                    && hms.as_bytes().get(2) == Some(&b':')
                    && !fraction.is_empty()
                    && fraction.len() <= 9
                    && fraction.bytes().all(|b| b.is_ascii_digit()) =>
            {
                let scaled = format!("{fraction:0<9}");
                nanos = scaled.parse().unwrap_or(0);
                hms.to_owned()
            }
            _ => word.to_owned(),
        };
        words.push(word);
    }
    if let Some(zone) = words.last_mut()
        && ["GMT", "UT", "UTC", "Z"]
            .iter()
            .any(|name| zone.eq_ignore_ascii_case(name))
    {
        *zone = "+0000".to_owned();
    }
    let rebuilt = words.join(" ");
    OffsetDateTime::parse(&rebuilt, &Rfc2822)
        .and_then(|at| {
            at.replace_nanosecond(nanos)
                .map_err(|_| strict_error(&strict))
        })
        .map_err(|_| strict_error(&strict))
}

fn strict_error(strict: &Result<OffsetDateTime, time::error::Parse>) -> time::error::Parse {
    match strict {
        Err(error) => *error,
        Ok(_) => time::error::Parse::ParseFromDescription(
            time::error::ParseFromDescription::InvalidComponent("nanosecond"),
        ),
    }
}

/// ISO 8601 (RFC 3339 first, then ISO 8601's other forms), with or without a fraction.
fn parse_iso8601(text: &str) -> Result<OffsetDateTime, time::error::Parse> {
    OffsetDateTime::parse(text, &Rfc3339).or_else(|error| {
        OffsetDateTime::parse(
            text,
            &time::format_description::well_known::Iso8601::DEFAULT,
        )
        .map_err(|_| error)
    })
}

fn serialize<S: Serializer>(
    format: Format,
    value: &OffsetDateTime,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let text = format.format(value).map_err(S::Error::custom)?;
    serializer.serialize_str(&text)
}

fn serialize_opt<S: Serializer>(
    format: Format,
    value: &Option<OffsetDateTime>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serialize(format, value, serializer),
        None => serializer.serialize_none(),
    }
}

/// Reads a date string (`optional`: also `null`, and `""` as `None`; `false_is_none`: also
/// `false` as `None`).
struct DateVisitor {
    format: Format,
    optional: bool,
    false_is_none: bool,
}

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Option<OffsetDateTime>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.format.expecting())?;
        if self.optional {
            f.write_str(" or null")?;
        }
        if self.false_is_none {
            f.write_str(" or false")?;
        }
        Ok(())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if self.optional && text.trim().is_empty() {
            return Ok(None);
        }
        self.format
            .parse(text)
            .map(Some)
            .map_err(|error| E::custom(format_args!("invalid date `{text}`: {error}")))
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
        if self.false_is_none {
            // `false` is not a string: ask for whatever the value is.
            deserializer.deserialize_any(self)
        } else {
            deserializer.deserialize_str(self)
        }
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        if self.false_is_none && !value {
            Ok(None)
        } else {
            Err(E::invalid_type(de::Unexpected::Bool(value), &self))
        }
    }

    /// An XML element read as "any" (quick-xml hands its text over under `$text`).
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut text = String::new();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "$text" || key == "$value" {
                text = map.next_value()?;
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        self.visit_str(&text)
    }
}

fn deserialize<'de, D: Deserializer<'de>>(
    format: Format,
    deserializer: D,
) -> Result<OffsetDateTime, D::Error> {
    let visitor = DateVisitor {
        format,
        optional: false,
        false_is_none: false,
    };
    deserializer
        .deserialize_str(visitor)?
        .ok_or_else(|| de::Error::custom("missing date"))
}

fn deserialize_opt<'de, D: Deserializer<'de>>(
    format: Format,
    deserializer: D,
) -> Result<Option<OffsetDateTime>, D::Error> {
    deserializer.deserialize_option(DateVisitor {
        format,
        optional: true,
        false_is_none: false,
    })
}

fn deserialize_opt_or_false<'de, D: Deserializer<'de>>(
    format: Format,
    deserializer: D,
) -> Result<Option<OffsetDateTime>, D::Error> {
    deserializer.deserialize_option(DateVisitor {
        format,
        optional: true,
        false_is_none: true,
    })
}

/// `OffsetDateTime` as RFC 2822, e.g. `Tue, 31 Aug 2010 20:36:28 +0000`.
pub mod rfc2822 {
    use super::*;

    /// Writes `value` as RFC 2822.
    ///
    /// # Errors
    /// When the year is before 1900 (which RFC 2822 cannot express) or the serializer fails.
    pub fn serialize<S: Serializer>(
        value: &OffsetDateTime,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        super::serialize(Format::Rfc2822, value, serializer)
    }

    /// Reads an RFC 2822 (or RFC 3339) date.
    ///
    /// # Errors
    /// When the value is not a date string.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<OffsetDateTime, D::Error> {
        super::deserialize(Format::Rfc2822, deserializer)
    }
}

/// `Option<OffsetDateTime>` as RFC 2822; `null` and `""` read as `None`.
pub mod rfc2822_opt {
    use super::*;

    /// Writes `value` as RFC 2822, `None` as `null`.
    ///
    /// # Errors
    /// When the year is before 1900 (which RFC 2822 cannot express) or the serializer fails.
    pub fn serialize<S: Serializer>(
        value: &Option<OffsetDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        super::serialize_opt(Format::Rfc2822, value, serializer)
    }

    /// Reads an RFC 2822 (or RFC 3339) date, `null` or `""`.
    ///
    /// # Errors
    /// When the value is neither a date string nor `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        super::deserialize_opt(Format::Rfc2822, deserializer)
    }
}

/// `OffsetDateTime` as RFC 3339, e.g. `2010-08-31T20:36:28Z`.
pub mod rfc3339 {
    use super::*;

    /// Writes `value` as RFC 3339.
    ///
    /// # Errors
    /// When the year is outside 0..=9999 or the serializer fails.
    pub fn serialize<S: Serializer>(
        value: &OffsetDateTime,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        super::serialize(Format::Rfc3339, value, serializer)
    }

    /// Reads an RFC 3339 (or RFC 2822) date.
    ///
    /// # Errors
    /// When the value is not a date string.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<OffsetDateTime, D::Error> {
        super::deserialize(Format::Rfc3339, deserializer)
    }
}

/// `Option<OffsetDateTime>` as RFC 3339; `null` and `""` read as `None`.
pub mod rfc3339_opt {
    use super::*;

    /// Writes `value` as RFC 3339, `None` as `null`.
    ///
    /// # Errors
    /// When the year is outside 0..=9999 or the serializer fails.
    pub fn serialize<S: Serializer>(
        value: &Option<OffsetDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        super::serialize_opt(Format::Rfc3339, value, serializer)
    }

    /// Reads an RFC 3339 (or RFC 2822) date, `null` or `""`.
    ///
    /// # Errors
    /// When the value is neither a date string nor `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        super::deserialize_opt(Format::Rfc3339, deserializer)
    }
}

/// `Option<OffsetDateTime>` as RFC 2822; `null`, `""` and `false` read as `None` (for APIs that
/// send `false` for "no value", such as the 2010-06-01 API of Twilio-based applications).
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Call {
///     #[serde(default, with = "twilio_runtime::serde::rfc2822_opt_or_false")]
///     end_time: Option<time::OffsetDateTime>,
/// }
/// let call: Call = serde_json::from_str(r#"{"end_time": false}"#).unwrap();
/// assert_eq!(call.end_time, None);
/// ```
pub mod rfc2822_opt_or_false {
    use super::*;

    /// Writes `value` as RFC 2822, `None` as `null`.
    ///
    /// # Errors
    /// When the year is before 1900 (which RFC 2822 cannot express) or the serializer fails.
    pub fn serialize<S: Serializer>(
        value: &Option<OffsetDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        super::serialize_opt(Format::Rfc2822, value, serializer)
    }

    /// Reads an RFC 2822 (or RFC 3339) date, `null`, `""` or `false`.
    ///
    /// # Errors
    /// When the value is neither a date string, `null` nor `false`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        super::deserialize_opt_or_false(Format::Rfc2822, deserializer)
    }
}

/// `Option<OffsetDateTime>` as RFC 3339; `null`, `""` and `false` read as `None`.
pub mod rfc3339_opt_or_false {
    use super::*;

    /// Writes `value` as RFC 3339, `None` as `null`.
    ///
    /// # Errors
    /// When the year is outside 0..=9999 or the serializer fails.
    pub fn serialize<S: Serializer>(
        value: &Option<OffsetDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        super::serialize_opt(Format::Rfc3339, value, serializer)
    }

    /// Reads an RFC 3339 (or RFC 2822) date, `null`, `""` or `false`.
    ///
    /// # Errors
    /// When the value is neither a date string, `null` nor `false`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        super::deserialize_opt_or_false(Format::Rfc3339, deserializer)
    }
}

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

/// `time::Date` as `YYYY-MM-DD` (the OpenAPI `date` format).
pub mod date {
    use super::*;

    /// `[year]-[month]-[day]`, parsed once (the `time::macros` proc macro would be one more
    /// crate to build for every user).
    pub(crate) fn format() -> &'static [time::format_description::BorrowedFormatItem<'static>] {
        static FORMAT: std::sync::LazyLock<
            Vec<time::format_description::BorrowedFormatItem<'static>>,
        > = std::sync::LazyLock::new(|| {
            time::format_description::parse_borrowed::<2>("[year]-[month]-[day]")
                .unwrap_or_default()
        });
        &FORMAT
    }

    /// Writes `value` as `YYYY-MM-DD`.
    ///
    /// # Errors
    /// When the year has more than four digits or the serializer fails.
    pub fn serialize<S: Serializer>(value: &time::Date, serializer: S) -> Result<S::Ok, S::Error> {
        let text = value.format(format()).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }

    /// Reads a `YYYY-MM-DD` date.
    ///
    /// # Errors
    /// When the value is not such a date.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<time::Date, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        time::Date::parse(&text, format()).map_err(de::Error::custom)
    }

    pub(super) fn parse_opt(text: &str) -> Result<Option<time::Date>, time::error::Parse> {
        if text.is_empty() {
            Ok(None)
        } else {
            time::Date::parse(text, format()).map(Some)
        }
    }
}

/// `Option<time::Date>` as `YYYY-MM-DD`; `null` and `""` read as `None`.
pub mod date_opt {
    use super::*;

    /// Writes `value` as `YYYY-MM-DD`, `None` as `null`.
    ///
    /// # Errors
    /// When the year has more than four digits or the serializer fails.
    pub fn serialize<S: Serializer>(
        value: &Option<time::Date>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => super::date::serialize(d, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a `YYYY-MM-DD` date, `null` or `""`.
    ///
    /// # Errors
    /// When the value is neither such a date nor `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<time::Date>, D::Error> {
        let text = Option::<std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        match text {
            None => Ok(None),
            Some(t) => super::date::parse_opt(&t).map_err(de::Error::custom),
        }
    }
}

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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use time::macros::datetime;

    #[derive(Debug, PartialEq, ::serde::Deserialize, ::serde::Serialize)]
    struct Model {
        #[serde(default, with = "crate::serde::rfc2822_opt")]
        a: Option<time::OffsetDateTime>,
        #[serde(default, with = "crate::serde::rfc3339_opt")]
        b: Option<time::OffsetDateTime>,
    }

    #[derive(Debug, PartialEq, ::serde::Deserialize, ::serde::Serialize)]
    struct Required {
        #[serde(with = "crate::serde::rfc2822")]
        a: time::OffsetDateTime,
        #[serde(with = "crate::serde::rfc3339")]
        b: time::OffsetDateTime,
    }

    const AT: time::OffsetDateTime = datetime!(2010-08-31 20:36:28 UTC);

    #[test]
    fn optional_dates() {
        let model: Model = serde_json::from_str(
            r#"{"a": "Tue, 31 Aug 2010 20:36:28 +0000", "b": "2010-08-31T20:36:28Z"}"#,
        )
        .unwrap();
        assert_eq!(
            model,
            Model {
                a: Some(AT),
                b: Some(AT)
            }
        );
        assert_eq!(
            serde_json::to_string(&model).unwrap(),
            r#"{"a":"Tue, 31 Aug 2010 20:36:28 +0000","b":"2010-08-31T20:36:28Z"}"#
        );
        let empty = Model { a: None, b: None };
        assert_eq!(serde_json::from_str::<Model>("{}").unwrap(), empty);
        assert_eq!(
            serde_json::from_str::<Model>(r#"{"a": null, "b": ""}"#).unwrap(),
            empty
        );
        assert_eq!(
            serde_json::to_string(&empty).unwrap(),
            r#"{"a":null,"b":null}"#
        );
        assert!(serde_json::from_str::<Model>(r#"{"a": "yesterday"}"#).is_err());
        assert!(serde_json::from_str::<Model>(r#"{"a": 12}"#).is_err());
    }

    #[test]
    fn required_dates() {
        let json = r#"{"a":"Tue, 31 Aug 2010 20:36:28 +0000","b":"2010-08-31T20:36:28Z"}"#;
        let model: Required = serde_json::from_str(json).unwrap();
        assert_eq!(model, Required { a: AT, b: AT });
        assert_eq!(serde_json::to_string(&model).unwrap(), json);
        // Lenient: each accepts the other format.
        let swapped: Required = serde_json::from_str(
            r#"{"a":"2010-08-31T20:36:28Z","b":"Tue, 31 Aug 2010 20:36:28 +0000"}"#,
        )
        .unwrap();
        assert_eq!(swapped, model);
        assert!(serde_json::from_str::<Required>(r#"{"a": null, "b": null}"#).is_err());
    }

    #[test]
    fn false_is_no_value() {
        #[derive(Debug, PartialEq, ::serde::Deserialize)]
        struct Call {
            #[serde(default, with = "crate::serde::rfc2822_opt_or_false")]
            end: Option<time::OffsetDateTime>,
            #[serde(default, with = "crate::serde::rfc3339_opt_or_false")]
            start: Option<time::OffsetDateTime>,
            #[serde(default, deserialize_with = "crate::serde::false_as_none")]
            count: Option<u32>,
        }
        let call: Call =
            serde_json::from_str(r#"{"end": false, "start": false, "count": false}"#).unwrap();
        assert_eq!((call.end, call.start, call.count), (None, None, None));
        let call: Call = serde_json::from_str(
            r#"{"end": "Tue, 31 Aug 2010 20:36:28 +0000", "start": null, "count": 3}"#,
        )
        .unwrap();
        assert_eq!(
            (call.end, call.start, call.count),
            (Some(AT), None, Some(3))
        );
        assert!(serde_json::from_str::<Call>(r#"{"end": true}"#).is_err());
        assert!(serde_json::from_str::<Call>(r#"{"count": "x"}"#).is_err());
        // Without the `_or_false` adapters `false` is an error, as before.
        assert!(serde_json::from_str::<Model>(r#"{"a": false}"#).is_err());
    }

    #[test]
    fn null_as_default() {
        #[derive(::serde::Deserialize)]
        struct Page {
            #[serde(default, deserialize_with = "crate::serde::null_as_default")]
            items: Vec<u32>,
        }
        let page: Page = serde_json::from_str(r#"{"items": null}"#).unwrap();
        assert!(page.items.is_empty());
        let page: Page = serde_json::from_str(r#"{}"#).unwrap();
        assert!(page.items.is_empty());
        let page: Page = serde_json::from_str(r#"{"items": [1, 2]}"#).unwrap();
        assert_eq!(page.items, [1, 2]);
    }

    #[derive(Debug, PartialEq, ::serde::Deserialize, ::serde::Serialize)]
    struct Dates {
        #[serde(with = "crate::serde::date")]
        day: time::Date,
        #[serde(default, with = "crate::serde::date_opt")]
        maybe: Option<time::Date>,
    }

    #[test]
    fn dates_round_trip() {
        let d: Dates = serde_json::from_str(r#"{"day":"2009-07-06","maybe":""}"#).unwrap();
        assert_eq!(d.day, time::macros::date!(2009 - 07 - 06));
        assert_eq!(d.maybe, None);
        let d: Dates =
            serde_json::from_str(r#"{"day":"2009-07-06","maybe":"2010-01-31"}"#).unwrap();
        assert_eq!(d.maybe, Some(time::macros::date!(2010 - 01 - 31)));
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"day":"2009-07-06","maybe":"2010-01-31"}"#
        );
        assert!(serde_json::from_str::<Dates>(r#"{"day":"07/06/2009"}"#).is_err());
    }
}

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

#[doc(hidden)]
pub mod model;
mod numbers;
mod values;

pub use numbers::{LenientNumber, number, number_opt};
pub use values::{false_as_none, map_without_nulls, null_as_default};

#[cfg(test)]
mod tests;

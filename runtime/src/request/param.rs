//! [`Param`]: how a value is written into a query, a form or a header.

use std::borrow::Cow;

/// How a value is written into a query string or a form body.
///
/// Generated enums implement it with their wire value; the runtime implements it for
/// strings, booleans (`true`/`false`), integers, floats, decimals, [`time::OffsetDateTime`]
/// (`YYYY-MM-DDTHH:MM:SSZ`, in UTC, whole seconds), [`time::Date`] (`YYYY-MM-DD`) and [`serde_json::Value`] (strings as they
/// are, anything else as JSON text).
///
/// ```
/// use twilio_runtime::Param;
///
/// assert_eq!(true.to_param(), "true");
/// assert_eq!(42u32.to_param(), "42");
/// assert_eq!("text".to_param(), "text");
/// let at = time::OffsetDateTime::from_unix_timestamp_nanos(1_795_446_643_379_218_955).unwrap();
/// assert_eq!(at.to_param(), "2026-11-23T15:10:43Z");
/// let at = at.to_offset(time::UtcOffset::from_hms(-5, 0, 0).unwrap());
/// assert_eq!(at.to_param(), "2026-11-23T15:10:43Z");
/// ```
pub trait Param {
    /// The text of the value, before URL encoding.
    fn to_param(&self) -> Cow<'_, str>;
}

impl Param for str {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl Param for String {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl Param for Cow<'_, str> {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl<T: Param + ?Sized> Param for &T {
    fn to_param(&self) -> Cow<'_, str> {
        (**self).to_param()
    }
}

impl Param for bool {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
}

macro_rules! display_param {
    ($($ty:ty),* $(,)?) => {
        $(
            impl Param for $ty {
                fn to_param(&self) -> Cow<'_, str> {
                    Cow::Owned(self.to_string())
                }
            }
        )*
    };
}

display_param!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64
);

impl Param for time::OffsetDateTime {
    /// `YYYY-MM-DDTHH:MM:SSZ`: in UTC, whole seconds (what Twilio's own libraries send; a
    /// fraction of a second is dropped), e.g. `2024-05-01T12:30:00Z`.
    fn to_param(&self) -> Cow<'_, str> {
        let utc = self.to_offset(time::UtcOffset::UTC);
        let (year, month, day) = utc.to_calendar_date();
        let (hour, minute, second) = utc.to_hms();
        if (0..=9999).contains(&year) {
            Cow::Owned(format!(
                "{year:04}-{:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z",
                u8::from(month)
            ))
        } else {
            Cow::Owned(utc.to_string())
        }
    }
}

impl Param for rust_decimal::Decimal {
    /// The decimal's digits, e.g. `-0.0025`.
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
}

impl Param for time::Date {
    /// `YYYY-MM-DD`.
    fn to_param(&self) -> Cow<'_, str> {
        match self.format(crate::serde::date::format()) {
            Ok(text) => Cow::Owned(text),
            Err(_) => Cow::Owned(self.to_string()),
        }
    }
}

impl Param for serde_json::Value {
    /// Strings as they are, anything else as compact JSON text (objects for parameters
    /// such as `Parameters` or `Attributes`).
    fn to_param(&self) -> Cow<'_, str> {
        match self {
            serde_json::Value::String(text) => Cow::Borrowed(text),
            other => Cow::Owned(other.to_string()),
        }
    }
}

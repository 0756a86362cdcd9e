//! Checking Twilio SIDs (`CA` followed by 32 hexadecimal digits, and the like).
//!
//! Generated SID newtypes (`CallSid`, `AccountSid`...) call [`validate`] in their
//! constructors.
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

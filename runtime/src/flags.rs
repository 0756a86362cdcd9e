//! Support for the bit-flag types that generated crates declare (rule "bit flags").

use std::fmt;

/// Writes a bit set as `TypeName(A | B)`: the names of the named bits that are set, in the order
/// given, then any remaining bits in hexadecimal; an empty set is `TypeName(0x0)`.
///
/// ```
/// struct Flags(u64);
/// impl std::fmt::Debug for Flags {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         twilio_runtime::flags::debug(f, "Flags", self.0, [("Inbound", 1), ("ApiInitiated", 2)])
///     }
/// }
/// assert_eq!(format!("{:?}", Flags(3)), "Flags(Inbound | ApiInitiated)");
/// assert_eq!(format!("{:?}", Flags(9)), "Flags(Inbound | 0x8)");
/// assert_eq!(format!("{:?}", Flags(0)), "Flags(0x0)");
/// ```
///
/// # Errors
/// When the formatter fails.
pub fn debug(
    f: &mut fmt::Formatter<'_>,
    type_name: &str,
    bits: u64,
    named: impl IntoIterator<Item = (&'static str, u64)>,
) -> fmt::Result {
    f.write_str(type_name)?;
    f.write_str("(")?;
    let mut rest = bits;
    let mut first = true;
    for (name, flag) in named {
        if rest & flag != 0 {
            if !first {
                f.write_str(" | ")?;
            }
            f.write_str(name)?;
            first = false;
            rest &= !flag;
        }
    }
    if rest != 0 || first {
        if !first {
            f.write_str(" | ")?;
        }
        write!(f, "{rest:#x}")?;
    }
    f.write_str(")")
}

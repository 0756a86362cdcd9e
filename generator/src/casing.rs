//! Casing and keywords: how any text becomes a Rust identifier of each kind, and the one list of
//! Rust keywords. Used by the naming stage (and by lowering for the conventions' name candidates);
//! it depends on nothing else in the crate.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (2024 edition, strict and reserved).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "union",
];

/// Keywords that cannot be raw identifiers (`r#self` is not valid): they get a `_` instead.
pub const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Whether `name` is a Rust keyword (and so must be escaped).
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Whether `name` is a keyword that cannot be a raw identifier (see [`NOT_RAW`]).
pub fn is_not_raw(name: &str) -> bool {
    NOT_RAW.contains(&name)
}

/// Reduces any text to ASCII alphanumerics and separators, so casing can work on it.
fn ascii_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push('_');
        }
    }
    out
}

/// `snake_case` of arbitrary text (non-ASCII and punctuation become word breaks).
pub fn snake(text: &str) -> String {
    ascii_words(text).to_snake_case()
}

/// `UpperCamelCase` of arbitrary text, usable as a type or variant name.
pub fn type_name(text: &str) -> String {
    let name = ascii_words(text).to_upper_camel_case();
    if name.is_empty() {
        "Unnamed".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else if name == "Self" {
        "SelfValue".to_owned()
    } else {
        name
    }
}

/// A constant name: `SCREAMING_SNAKE_CASE` of arbitrary text, never empty, never starting with a
/// digit (`ApiInitiated` → `API_INITIATED`).
pub fn const_name(text: &str) -> String {
    let name = snake(text).to_ascii_uppercase();
    if name.is_empty() {
        "VALUE".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else {
        name
    }
}

/// A field, parameter or method name: snake case, never empty, never starting with a digit.
/// Keywords are returned as they are; the emitters print them as raw identifiers (`r#type`).
pub fn value_name(text: &str) -> String {
    let name = snake(text);
    if name.is_empty() {
        "value".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{name}")
    } else if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing() {
        assert_eq!(type_name("in-progress"), "InProgress");
        assert_eq!(type_name("GET"), "Get");
        assert_eq!(type_name("1x"), "V1x");
        assert_eq!(type_name("¿"), "Unnamed");
        assert_eq!(value_name("self"), "self_");
        assert_eq!(const_name("ApiInitiated"), "API_INITIATED");
        assert_eq!(const_name("1st"), "V1ST");
        assert!(is_keyword("type"));
        assert!(is_not_raw("self") && !is_not_raw("type"));
    }
}

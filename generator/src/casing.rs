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

/// heck's `snake_case` of `text`, computed directly when `text` is ASCII (always, for names that
/// went through `ascii_words`): heck's words (see `ascii_heck_words`) in lowercase, joined
/// with `_`. heck formats through `fmt` char by char; it was a quarter of the naming stages'
/// time (callgrind: 3.9 of 15.8 M instructions for Calls). A test compares the two on every
/// short string over letters of both cases, digits, separators and a non-ASCII letter.
pub fn heck_snake(text: &str) -> String {
    if !text.is_ascii() {
        return text.to_snake_case();
    }
    let mut out = String::with_capacity(text.len() + 4);
    ascii_heck_words(text, |word| {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    });
    out
}

/// heck's `UpperCamelCase` of `text`, computed directly when `text` is ASCII: each of heck's
/// words with its first character in uppercase and the rest in lowercase, the words joined.
pub fn heck_upper_camel(text: &str) -> String {
    if !text.is_ascii() {
        return text.to_upper_camel_case();
    }
    let mut out = String::with_capacity(text.len());
    ascii_heck_words(text, |word| {
        let mut chars = word.chars();
        out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        out.extend(chars.map(|c| c.to_ascii_lowercase()));
    });
    out
}

/// The words heck finds in ASCII `text`, in order: the runs of alphanumerics, each cut after a
/// lowercase letter (or a digit after one) that an uppercase letter follows (`callSid`), and
/// before the last of two or more uppercase letters that a lowercase one follows (`SIPDomain`).
/// heck's own algorithm (`heck::transform`), on bytes.
fn ascii_heck_words(text: &str, mut word: impl FnMut(&str)) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lower,
        Upper,
    }
    for run in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = run.as_bytes();
        let (mut start, mut mode) = (0, Mode::Boundary);
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                word(run.get(start..).unwrap_or_default());
                break;
            };
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lower
            } else if c.is_ascii_uppercase() {
                Mode::Upper
            } else {
                mode
            };
            if next_mode == Mode::Lower && next.is_ascii_uppercase() {
                word(run.get(start..=i).unwrap_or_default());
                (start, mode) = (i + 1, Mode::Boundary);
            } else if mode == Mode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                word(run.get(start..i).unwrap_or_default());
                (start, mode) = (i, Mode::Boundary);
            } else {
                mode = next_mode;
            }
        }
    }
}

/// `snake_case` of arbitrary text (non-ASCII and punctuation become word breaks).
pub fn snake(text: &str) -> String {
    heck_snake(&ascii_words(text))
}

/// `UpperCamelCase` of arbitrary text, usable as a type or variant name.
pub fn type_name(text: &str) -> String {
    let name = heck_upper_camel(&ascii_words(text));
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

    #[test]
    fn the_direct_casing_is_hecks() {
        // Every string of up to five characters over an alphabet with both cases, a digit,
        // separators and a non-ASCII letter (and a few real names).
        let alphabet = ['a', 'b', 'A', 'B', '1', '_', '-', 'é'];
        let mut texts = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..5 {
            let next: Vec<String> = last
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(next.iter().cloned());
            last = next;
        }
        texts.extend(
            [
                "account_sid",
                "in-progress",
                "api.v2010.account.call",
                "CreateCall",
                "SIPDomain",
                "StatusCallbackEvent",
                "callSid2",
                "V2010API",
                "AMDStatus",
            ]
            .map(String::from),
        );
        for text in &texts {
            assert_eq!(heck_snake(text), text.to_snake_case(), "{text:?}");
            assert_eq!(
                heck_upper_camel(text),
                text.to_upper_camel_case(),
                "{text:?}"
            );
        }
    }
}

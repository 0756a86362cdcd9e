//! Spec prose → rustdoc that `cargo doc` accepts without warnings.
//!
//! Descriptions are Markdown written for a web page. Left as they are, rustdoc would read
//! `[Account]` as a broken intra-doc link, `<Response>` as an unclosed HTML tag, a bare URL as a
//! lint, and an indented or fenced block as a doctest to compile. This module neutralises each.

use std::borrow::Cow;

use proc_macro2::TokenStream;
use quote::quote;

/// `doc` when it has words, else `fallback()`: the sentence an item carries where the spec does
/// not describe it.
pub fn or_else(doc: Option<&str>, fallback: impl FnOnce() -> String) -> Cow<'_, str> {
    match doc.filter(|d| !d.trim().is_empty()) {
        Some(d) => Cow::Borrowed(d),
        None => Cow::Owned(fallback()),
    }
}

/// `#[doc = "..."]` attributes for `text` (nothing when `None` or blank).
pub fn attrs(text: Option<&str>) -> TokenStream {
    let lines = text.map(lines).unwrap_or_default();
    lines_to_attrs(&lines)
}

/// `#[doc]` attributes for prepared lines: one per line, or, while
/// [`doc_blocks::collecting`](super::doc_blocks::collecting), one placeholder for them all.
pub fn lines_to_attrs(lines: &[String]) -> TokenStream {
    if let Some(placeholder) = super::doc_blocks::placeholder(lines) {
        return quote!(#[doc = #placeholder]);
    }
    let attrs = lines.iter().map(|l| {
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#[doc = #l])
    });
    quote!(#(#attrs)*)
}

/// `#![doc]` attributes (the docs of the enclosing module) for prepared lines: one per line, or,
/// while [`doc_blocks::collecting`](super::doc_blocks::collecting), one placeholder for them all.
pub fn inner_lines_to_attrs(lines: &[String]) -> TokenStream {
    if let Some(placeholder) = super::doc_blocks::placeholder(lines) {
        return quote!(#![doc = #placeholder]);
    }
    let attrs = lines.iter().map(|l| {
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#![doc = #l])
    });
    quote!(#(#attrs)*)
}

/// Sanitised documentation lines for `text`.
pub fn lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    // Inside a list item: the width of its marker, by which a continuation line is indented
    // (Markdown's lazy continuation, which clippy's `doc_lazy_continuation` refuses).
    let mut list_indent: Option<usize> = None;
    for raw in text.replace("\r\n", "\n").replace('\r', "\n").split('\n') {
        let line = raw.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            list_indent = None;
            out.push(if in_fence {
                "```".to_owned()
            } else {
                "```text".to_owned()
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.replace('\t', "    "));
            continue;
        }
        if line.is_empty() {
            list_indent = None;
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            continue;
        }
        let line = line.replace('\t', " ");
        match list_marker_width(&line) {
            Some(width) => {
                list_indent = Some(width);
                out.push(inline(&line));
            }
            None => match list_indent {
                Some(width) => out.push(format!("{}{}", " ".repeat(width), inline(&line))),
                None => out.push(inline(&line)),
            },
        }
    }
    if in_fence {
        while out.last().is_some_and(|l| l.is_empty()) {
            out.pop();
        }
        out.push("```".to_owned());
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// When `line` starts a Markdown list item (`- `, `* `, `+ `, `1. `, `1) `), the width of its
/// marker and the spaces after it: where the item's text starts.
fn list_marker_width(line: &str) -> Option<usize> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let marker = if digits > 0 {
        if digits > 9 || !line.get(digits..)?.starts_with(['.', ')']) {
            return None;
        }
        digits + 1
    } else if line.starts_with(['-', '*', '+']) {
        1
    } else {
        return None;
    };
    let rest = line.get(marker..)?;
    let spaces = rest.chars().take_while(|c| *c == ' ').count();
    // A marker needs a space after it and text after that (`-` alone, `**bold**` are not items).
    (spaces > 0 && spaces < rest.len()).then_some(marker + spaces)
}

/// Escapes one line of prose outside code spans: brackets that are not Markdown links, angle
/// brackets, and bare URLs (turned into autolinks).
fn inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut in_code = false;
    while let Some(&c) = chars.get(i) {
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            i += 1;
            continue;
        }
        if in_code {
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '[' => {
                if let Some(end) = markdown_link_end(&chars, i) {
                    let link: String = chars.get(i..end).unwrap_or_default().iter().collect();
                    // Escape angle brackets inside the link text; keep the link itself.
                    out.push_str(&link.replace('<', "&lt;").replace('>', "&gt;"));
                    i = end;
                    continue;
                }
                out.push_str("\\[");
            }
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            'h' if starts_url(&chars, i)
                && (i == 0
                    || chars.get(i - 1).is_some_and(|p| {
                        p.is_whitespace() || *p == '(' || *p == '"' || *p == '\''
                    })) =>
            {
                let mut end = i;
                while chars.get(end).is_some_and(|c| {
                    !c.is_whitespace()
                        && *c != ')'
                        && *c != '"'
                        && *c != '\''
                        && *c != '<'
                        && *c != '>'
                        && *c != '`'
                }) {
                    end += 1;
                }
                while end > i
                    && chars
                        .get(end - 1)
                        .is_some_and(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?'))
                {
                    end -= 1;
                }
                let url: String = chars.get(i..end).unwrap_or_default().iter().collect();
                out.push('<');
                out.push_str(&url.replace('[', "%5B").replace(']', "%5D"));
                out.push('>');
                i = end;
                continue;
            }
            '*' if chars.get(i + 1) == Some(&'/') => out.push_str("*&#47;"),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

fn starts_url(chars: &[char], i: usize) -> bool {
    let rest: String = chars
        .get(i..(i + 8).min(chars.len()))
        .unwrap_or_default()
        .iter()
        .collect();
    rest.starts_with("http://") || rest.starts_with("https://")
}

/// If a Markdown link `[text](http...)` starts at `i`, the index just past it.
fn markdown_link_end(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i + 1;
    let mut depth = 1;
    while let Some(&c) = chars.get(j) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            '`' => return None,
            _ => {}
        }
        j += 1;
    }
    if chars.get(j) != Some(&']') || chars.get(j + 1) != Some(&'(') {
        return None;
    }
    let target_start = j + 2;
    if !starts_url(chars, target_start) {
        return None;
    }
    let mut k = target_start;
    while let Some(&c) = chars.get(k) {
        if c == ')' {
            return Some(k + 1);
        }
        if c.is_whitespace() {
            return None;
        }
        k += 1;
    }
    None
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        assert_eq!(
            inline("See [Account] and <Response>."),
            "See \\[Account\\] and &lt;Response&gt;."
        );
        assert_eq!(
            inline("a [link](https://x.y/z) b"),
            "a [link](https://x.y/z) b"
        );
        assert_eq!(inline("go to https://x.y/z."), "go to <https://x.y/z>.");
        assert_eq!(inline("`<Say>` [x]"), "`<Say>` \\[x\\]");
    }

    #[test]
    fn list_items_continued_lazily_are_indented() {
        let l = lines("Pick:\n- one\ngoes on\n10) ten\nmore\n\nafter");
        assert_eq!(
            l,
            [
                "Pick:",
                "- one",
                "  goes on",
                "10) ten",
                "    more",
                "",
                "after"
            ]
        );
        assert_eq!(list_marker_width("**bold** text"), None);
        assert_eq!(list_marker_width("-"), None);
        assert_eq!(list_marker_width("-   wide"), Some(4));
        assert_eq!(list_marker_width("2026. A year"), Some(6));
    }

    #[test]
    fn no_doctests() {
        let l = lines("a\n\n\n    indented\n```\ncode\n");
        assert_eq!(l, ["a", "", "indented", "```text", "code", "```"]);
    }
}

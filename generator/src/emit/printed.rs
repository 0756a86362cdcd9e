//! Items written as text, line by line, exactly as prettyplease prints their tokens.
//!
//! Parsing emitted tokens with `syn` and printing them with prettyplease is most of a cold run's
//! work. Some items have a fixed shape (the `Serialize` and `Model` impls of a model: a line per
//! field), and for them the formatted text can be written directly: each line of the shape either
//! fits in prettyplease's margin, and is printed as it is, or is broken in the one way prettyplease
//! breaks it. [`Lines`] writes such text, and gives up (`None`) on any line it does not know how
//! prettyplease would break; the item is then emitted as tokens and formatted as before. The text
//! stands in the token stream as a placeholder item ([`super::doc_blocks::item`]).
//!
//! The widths here are prettyplease's: a statement's line fits when it is at most [`MARGIN`] wide,
//! counting its indent and its closing `;`; an arm's comma is not counted. The tests of this module
//! compare the text with prettyplease's over every length around the margin, and the pipeline's
//! tests compare whole files rendered both ways.

/// prettyplease's margin: the widest line it leaves unbroken.
pub(super) const MARGIN: usize = 89;

/// The widest struct literal prettyplease leaves on one line, from its path to the space before
/// its `}`.
pub(super) const STRUCT_LITERAL_WIDTH: usize = 34;

/// The spaces of one indent level.
pub(super) const INDENT: usize = 4;

/// The text of an item being written.
#[derive(Debug, Default)]
pub(super) struct Lines {
    text: String,
}

impl Lines {
    pub(super) fn new() -> Lines {
        Lines {
            text: String::with_capacity(1024),
        }
    }

    /// Writes a line of text that never breaks (a constant line of the shape, such as a
    /// signature already printed broken), at `indent` spaces.
    pub(super) fn fixed(&mut self, indent: usize, text: &str) {
        self.push_parts(indent, &[text], "\n");
    }

    /// Writes `parts` as one line at `indent` spaces if it fits in the margin; `None` (and
    /// nothing written) if it does not.
    pub(super) fn line(&mut self, indent: usize, parts: &[&str]) -> Option<()> {
        if !fits(indent, parts) {
            return None;
        }
        self.push_parts(indent, parts, "\n");
        Some(())
    }

    /// `parts` at `indent` spaces, then `end`, whatever their width.
    fn push_parts(&mut self, indent: usize, parts: &[&str], end: &str) {
        self.push_indent(indent);
        for part in parts {
            self.text.push_str(part);
        }
        self.text.push_str(end);
    }

    /// Doc lines (as `docs::lines` prepares them) at `indent`, as prettyplease prints their
    /// `#[doc]` attributes: `///`, then a space and the line, trailing spaces trimmed. `None` (and
    /// nothing written) if a line holds a line break or a placeholder's mark (printed otherwise).
    pub(super) fn doc(&mut self, indent: usize, lines: &[String]) -> Option<()> {
        if lines
            .iter()
            .any(|l| l.contains(['\n', '\r', '\u{1}', '\u{2}']))
        {
            return None;
        }
        for line in lines {
            self.push_indent(indent);
            self.text.push_str("///");
            // The attribute's value is the line after a space, trailing spaces trimmed: a line
            // of spaces alone prints as `///`.
            let line = line.trim_end_matches(' ');
            if !line.is_empty() {
                self.text.push(' ');
                self.text.push_str(line);
            }
            self.text.push('\n');
        }
        Some(())
    }

    /// A match arm `parts,` at `indent` on one line, if it fits: prettyplease leaves the arm's
    /// comma out of the width (it may go past the margin); `None` (nothing written) if not.
    pub(super) fn arm(&mut self, indent: usize, parts: &[&str]) -> Option<()> {
        if !fits(indent, parts) {
            return None;
        }
        self.push_parts(indent, parts, ",\n");
        Some(())
    }

    /// A call statement `head(args)tail` at `indent`: on one line if it fits, otherwise as
    /// prettyplease breaks a call's arguments (one per line, one level deeper, each followed by a
    /// comma, then `)` and the tail on a line of their own). `None` if a broken line still does
    /// not fit, or if there is no argument to break.
    pub(super) fn call(
        &mut self,
        indent: usize,
        head: &str,
        args: &[&str],
        tail: &str,
    ) -> Option<()> {
        self.delimited(indent, head, ["(", ")"], args, tail)
    }

    /// A bracketed list statement `head[items]tail` (an array): on one line if it fits,
    /// otherwise one item per line, one level deeper, each followed by a comma. `[]` when empty.
    pub(super) fn list(
        &mut self,
        indent: usize,
        head: &str,
        items: &[&str],
        tail: &str,
    ) -> Option<()> {
        if items.is_empty() {
            // An empty list is never broken.
            self.fixed(indent, &format!("{head}[]{tail}"));
            return Some(());
        }
        self.delimited(indent, head, ["[", "]"], items, tail)
    }

    /// `head`, the delimited `items` and `tail` on one line if they fit, else broken: the
    /// opening delimiter ends the first line, each item has a line one level deeper, and the
    /// closing delimiter starts the last.
    fn delimited(
        &mut self,
        indent: usize,
        head: &str,
        [open, close]: [&str; 2],
        items: &[&str],
        tail: &str,
    ) -> Option<()> {
        let inside =
            items.iter().map(|i| i.len()).sum::<usize>() + 2 * items.len().saturating_sub(1);
        if indent + head.len() + 2 + inside + tail.len() <= MARGIN {
            self.push_indent(indent);
            self.text.push_str(head);
            self.text.push_str(open);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    self.text.push_str(", ");
                }
                self.text.push_str(item);
            }
            self.text.push_str(close);
            self.text.push_str(tail);
            self.text.push('\n');
            return Some(());
        }
        if items.is_empty()
            || !fits(indent, &[head, open])
            || !fits(indent, &[close, tail])
            || items.iter().any(|i| !fits(indent + INDENT, &[i, ","]))
        {
            return None;
        }
        self.line(indent, &[head, open])?;
        for item in items {
            self.line(indent + INDENT, &[item, ","])?;
        }
        self.line(indent, &[close, tail])
    }

    /// The text written.
    pub(super) fn finish(self) -> String {
        self.text
    }

    fn push_indent(&mut self, indent: usize) {
        self.text.extend(std::iter::repeat_n(' ', indent));
    }
}

/// Whether `parts` on one line at `indent` stay within the margin.
fn fits(indent: usize, parts: &[&str]) -> bool {
    indent + parts.iter().map(|p| p.len()).sum::<usize>() <= MARGIN
}

/// A string literal as `quote` prints a `&str`, for the text that prettyplease leaves as it is:
/// `None` for text with a quote, a backslash or a character that is not printable ASCII (printed
/// escaped; such items go through the formatter).
pub(super) fn string_literal(text: &str) -> Option<String> {
    if !text
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
    {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    out.push_str(text);
    out.push('"');
    Some(out)
}

/// A type's tokens as prettyplease prints the type: paths, generic arguments, tuples,
/// references and `impl` bounds. `None` for anything else (the item then goes to the formatter).
pub(super) fn type_text(tokens: &proc_macro2::TokenStream) -> Option<String> {
    let mut out = String::with_capacity(48);
    write_type(tokens.clone(), &mut out)?;
    Some(out)
}

fn write_type(tokens: proc_macro2::TokenStream, out: &mut String) -> Option<()> {
    use proc_macro2::{Delimiter, Spacing, TokenTree};
    // Whether the last token was a word (an identifier or `'a`), which a next word follows
    // after a space.
    let mut word = false;
    for token in tokens {
        match token {
            TokenTree::Ident(i) => {
                if word {
                    out.push(' ');
                }
                out.push_str(&i.to_string());
                word = true;
            }
            TokenTree::Punct(p) => {
                match (p.as_char(), p.spacing()) {
                    (':', _) | ('<', _) | ('>', _) | ('&', _) => out.push(p.as_char()),
                    ('\'', Spacing::Joint) => {
                        if word {
                            out.push(' ');
                        }
                        out.push('\'');
                        word = false;
                        continue;
                    }
                    (',', _) => out.push_str(", "),
                    ('=', _) => out.push_str(" = "),
                    _ => return None,
                }
                word = false;
            }
            TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis => {
                if word {
                    return None;
                }
                out.push('(');
                write_type(g.stream(), out)?;
                out.push(')');
                word = false;
            }
            _ => return None,
        }
    }
    Some(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use quote::quote;

    fn formatted(tokens: proc_macro2::TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).unwrap())
    }

    /// Doc lines as prettyplease prints their attributes (`docs::lines_to_attrs` outside of
    /// collecting): blank lines, lines of spaces alone, trailing and leading spaces.
    #[test]
    fn doc_lines_are_the_attributes_printed() {
        let lines: Vec<String> = ["Text.", "", "   ", "  indented", "trailing   ", "`code`"]
            .map(str::to_owned)
            .to_vec();
        let attrs = super::super::docs::lines_to_attrs(&lines);
        let mut out = Lines::new();
        out.doc(0, &lines).unwrap();
        out.fixed(0, "struct S;");
        assert_eq!(out.finish(), formatted(quote!(#attrs struct S;)));
        let mut out = Lines::new();
        assert!(out.doc(0, &["a\rb".to_owned()]).is_none());
        assert!(out.finish().is_empty(), "nothing written");
    }

    /// A call with no argument that does not fit is not broken (prettyplease cannot either).
    #[test]
    fn a_call_without_arguments_is_not_broken() {
        let mut out = Lines::new();
        let head = format!("fn {}", "f".repeat(MARGIN));
        assert!(out.call(0, &head, &[], " {").is_none());
        assert!(out.call(0, "fn f", &[], " {").is_some());
        assert_eq!(out.finish(), "fn f() {\n");
    }

    /// Types print as prettyplease prints them; other tokens are not types written here.
    #[test]
    fn types_print_as_the_formatter_prints_them() {
        for ty in [
            quote!(Option<Vec<(String, ::serde_json::Value)>>),
            quote!(&'static str),
            quote!(impl IntoIterator<Item = impl Into<String>>),
            quote!(::twilio_runtime::Pending<(), ::twilio_runtime::decode::Empty>),
        ] {
            let text = type_text(&ty).unwrap();
            let printed = formatted(quote!(type T = #ty;));
            assert_eq!(format!("type T = {text};\n"), printed);
        }
        assert!(type_text(&quote!([u8; 4])).is_none());
        assert!(type_text(&quote!(&'static [&'a str])).is_none());
        assert!(type_text(&quote!(fn(u8) -> u8)).is_none());
    }
}

//! Doc blocks that skip the formatter: while [`collecting`], a block of doc lines is emitted as
//! one short placeholder attribute (`#[doc = "\u{1}<hash>"]`, or `#![doc = ..]` for a module's
//! own docs) and kept aside, and the formatted text gets the lines back ([`DocBlocks::expand`]).
//!
//! A doc block is a fifth of a generated crate's lines, and pushing its prose through `quote`,
//! `syn` and `prettyplease` (escaped into a literal, parsed back out of it, printed) costs more
//! than writing it: prettyplease prints a one-line `#[doc = " text"]` as `/// text` (`#![doc]` as
//! `//! text`) at the indent of the item it documents, ends the line there, and does nothing else
//! with it. The placeholder is printed the same way at the same indent, so writing each line of
//! the block there instead gives the text formatting the block's attributes would have given (the
//! snapshot tests and the `expanded_blocks_are_what_the_formatter_prints` test compare them).
//!
//! The placeholder names its block by a hash of the block's text, so equal tokens still mean equal
//! formatted text: the format cache's and memo's keys, made from the printed tokens, stay exact.
//!
//! Whole items go the same way (`item`): an item whose formatted text the emitter wrote itself
//! (`emit/printed.rs`) stands in the tokens as one placeholder item, `#[doc = "\u{2}<hash>"] const
//! _: () = ();`, whose piece the formatter does not parse: it takes the text ([`DocBlocks::item`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// The doc blocks emitted as placeholders, by the hash their placeholder names.
#[derive(Debug, Default)]
pub struct DocBlocks {
    /// Each block's text as prettyplease prints its attributes' values: a line's text after
    /// `///` (with its leading space, trailing spaces trimmed), lines joined by `\n`.
    blocks: HashMap<u64, String>,
    /// The text of each item emitted as a placeholder, by the hash its placeholder names.
    items: HashMap<u64, String>,
}

thread_local! {
    /// The blocks of the emission running on this thread, while [`collecting`].
    static COLLECTING: RefCell<Option<DocBlocks>> = const { RefCell::new(None) };
}

/// Runs `work` (an emission) with its doc blocks emitted as placeholders, and returns them with
/// its result. Outside of it, doc blocks are emitted as attributes, one per line.
pub fn collecting<T>(work: impl FnOnce() -> T) -> (T, DocBlocks) {
    let outer = COLLECTING.with(|c| c.borrow_mut().replace(DocBlocks::default()));
    let result = work();
    let blocks = COLLECTING
        .with(|c| std::mem::replace(&mut *c.borrow_mut(), outer))
        .unwrap_or_default();
    (result, blocks)
}

/// What starts a placeholder's value: a mark no doc line has (lines with it are not set aside).
const MARK: char = '\u{1}';
/// What starts an item placeholder's value.
const ITEM_MARK: char = '\u{2}';
/// How an item placeholder's tokens print, around the hash: what [`DocBlocks::item`] recognises.
const ITEM_TOKENS: [&str; 2] = ["# [doc = \"\\u{2}", "\"] const _ : () = () ;"];
/// How prettyplease prints an item placeholder, after the hash (for [`DocBlocks::expand`]).
const ITEM_FORMATTED: &str = "\nconst _: () = ();\n";
/// How prettyplease prints a doc attribute's value: after `///` (outer) or `//!` (inner).
const COMMENTS: [&str; 2] = ["///", "//!"];
/// The length of the hash after [`MARK`]: 16 hexadecimal digits.
const HASH_DIGITS: usize = 16;

/// The value of the placeholder attribute standing for `lines`, when [`collecting`] and the
/// lines print as `///` lines (no line break or control mark in them); `None` otherwise.
pub(super) fn placeholder(lines: &[String]) -> Option<String> {
    if lines.is_empty() || lines.iter().any(|l| l.contains(['\n', '\r', MARK])) {
        return None;
    }
    COLLECTING.with(|c| {
        let mut c = c.borrow_mut();
        let blocks = c.as_mut()?;
        let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 2).sum());
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            // The attribute's value, trimmed as prettyplease trims it.
            // (Only this line's spaces: the one before ended with `\n`.)
            if !line.is_empty() {
                text.push(' ');
                text.push_str(line);
                let trimmed = text.trim_end_matches(' ').len();
                text.truncate(trimmed);
            }
        }
        let hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
        match blocks.blocks.entry(hash) {
            Entry::Occupied(known) if *known.get() != text => return None,
            Entry::Occupied(_) => {}
            Entry::Vacant(slot) => {
                slot.insert(text);
            }
        }
        Some(format!("{MARK}{hash:016x}"))
    })
}

/// The placeholder tokens of a top-level item whose formatted text `text` writes, when
/// [`collecting`] and `text` gives one (it ends with a line break); `None` otherwise, and then the
/// emitter emits the item's tokens. `text` is not called outside of [`collecting`].
pub(super) fn item(text: impl FnOnce() -> Option<String>) -> Option<proc_macro2::TokenStream> {
    if !COLLECTING.with(|c| c.borrow().is_some()) {
        return None;
    }
    let text = text().filter(|t| t.ends_with('\n'))?;
    let hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
    COLLECTING.with(|c| {
        let mut c = c.borrow_mut();
        let blocks = c.as_mut()?;
        match blocks.items.entry(hash) {
            Entry::Occupied(known) if *known.get() != text => return None,
            Entry::Occupied(_) => {}
            Entry::Vacant(slot) => {
                slot.insert(text);
            }
        }
        let value = format!("{ITEM_MARK}{hash:016x}");
        Some(quote::quote!(#[doc = #value] const _: () = ();))
    })
}

impl DocBlocks {
    /// How many items were written as text.
    #[cfg(test)]
    pub(crate) fn items_len(&self) -> usize {
        self.items.len()
    }

    /// The text of the item whose placeholder printed as `tokens`, if it is one of these.
    pub fn item(&self, tokens: &str) -> Option<&str> {
        if self.items.is_empty() {
            return None;
        }
        let hex = tokens
            .strip_prefix(ITEM_TOKENS[0])?
            .strip_suffix(ITEM_TOKENS[1])?;
        if hex.len() != HASH_DIGITS {
            return None;
        }
        let hash = u64::from_str_radix(hex, 16).ok()?;
        self.items.get(&hash).map(String::as_str)
    }

    /// `text` (formatted) with each placeholder's line replaced by its block's lines, at the
    /// placeholder's indent. A line that only looks like a placeholder is left as it is.
    pub fn expand(&self, text: String) -> String {
        let text = self.expand_items(text);
        if self.blocks.is_empty() || !text.contains(MARK) {
            return text;
        }
        let mut out = String::with_capacity(text.len() * 2);
        let mut rest = text.as_str();
        while let Some(at) = rest.find(MARK) {
            let hash_end = at + MARK.len_utf8() + HASH_DIGITS;
            let before = rest.get(..at).unwrap_or_default();
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let comment = COMMENTS.into_iter().find(|c| before.ends_with(c));
            let indent = comment.and_then(|c| rest.get(line_start..at - c.len()));
            let block = rest
                .get(at + MARK.len_utf8()..hash_end)
                .filter(|_| indent.is_some_and(|i| i.bytes().all(|b| b == b' ')))
                .filter(|_| rest.get(hash_end..).is_some_and(|r| r.starts_with('\n')))
                .and_then(|hex| u64::from_str_radix(hex, 16).ok())
                .and_then(|hash| self.blocks.get(&hash));
            let (Some(block), Some(comment), Some(indent)) = (block, comment, indent) else {
                let next = at + MARK.len_utf8();
                out.push_str(rest.get(..next).unwrap_or_default());
                rest = rest.get(next..).unwrap_or_default();
                continue;
            };
            out.push_str(rest.get(..line_start).unwrap_or_default());
            for line in block.split('\n') {
                out.push_str(indent);
                out.push_str(comment);
                out.push_str(line);
                out.push('\n');
            }
            rest = rest.get(hash_end + 1..).unwrap_or_default();
        }
        out.push_str(rest);
        out
    }

    /// `text` (formatted) with each item placeholder, where it starts a line of its own at the
    /// top level, replaced by its item's text (a whole file formatted at once has them).
    fn expand_items(&self, text: String) -> String {
        if self.items.is_empty() || !text.contains(ITEM_MARK) {
            return text;
        }
        let mut out = String::with_capacity(text.len() * 2);
        let mut rest = text.as_str();
        let marker = format!("///{ITEM_MARK}");
        while let Some(at) = rest.find(&marker) {
            let hex_start = at + marker.len();
            let item = rest
                .get(hex_start..hex_start + HASH_DIGITS)
                .filter(|_| at == 0 || rest.get(..at).is_some_and(|b| b.ends_with('\n')))
                .filter(|_| {
                    rest.get(hex_start + HASH_DIGITS..)
                        .is_some_and(|r| r.starts_with(ITEM_FORMATTED))
                })
                .and_then(|hex| u64::from_str_radix(hex, 16).ok())
                .and_then(|hash| self.items.get(&hash));
            let Some(item) = item else {
                out.push_str(rest.get(..hex_start).unwrap_or_default());
                rest = rest.get(hex_start..).unwrap_or_default();
                continue;
            };
            out.push_str(rest.get(..at).unwrap_or_default());
            out.push_str(item);
            rest = rest
                .get(hex_start + HASH_DIGITS + ITEM_FORMATTED.len()..)
                .unwrap_or_default();
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn lines(ls: &[&str]) -> Vec<String> {
        ls.iter().map(|l| (*l).to_owned()).collect()
    }

    /// The formatter's text for tokens: what the placeholders must expand to.
    fn formatted(tokens: proc_macro2::TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).unwrap())
    }

    #[test]
    fn expanded_blocks_are_what_the_formatter_prints() {
        let blocks: Vec<Vec<String>> = vec![
            lines(&["One line."]),
            lines(&[
                "A summary.",
                "",
                "- a list",
                "  continued   ",
                "   ",
                "`code`",
            ]),
            lines(&["Trailing spaces   ", ""]),
            lines(&["/ a slash is not a comment here"]),
        ];
        let emit = || {
            let attrs: Vec<_> = blocks
                .iter()
                .map(|b| super::super::docs::lines_to_attrs(b))
                .collect();
            let (a, b, c, d) = (&attrs[0], &attrs[1], &attrs[2], &attrs[3]);
            let inner = super::super::docs::inner_lines_to_attrs(&blocks[1]);
            quote::quote! {
                #inner
                #a
                pub struct S {
                    #b
                    pub field: u32,
                }
                impl S {
                    #c
                    pub fn f(&self) -> u32 {
                        self.field
                    }
                }
                #d
                pub enum E {
                    #a
                    V,
                }
            }
        };
        let plain = formatted(emit());
        let (tokens, collected) = collecting(emit);
        assert_eq!(collected.blocks.len(), 4);
        let with_placeholders = formatted(tokens);
        assert!(with_placeholders.contains("///\u{1}"));
        assert_ne!(with_placeholders, plain);
        assert_eq!(collected.expand(with_placeholders), plain);
    }

    /// The files the pipeline renders (doc blocks set aside, items written as text) are those of
    /// formatting each file's tokens, for every spec of the project's fixtures and the Calls spec.
    #[test]
    fn rendered_files_are_those_of_formatting_the_doc_attributes() {
        let (mut files, mut expanded, mut items) = (0, 0, 0);
        for (spec, api, opts) in crate::format::named_project_specs() {
            let jobs = crate::emit::plan(&api);
            let rendered = crate::format::render_all(&api, &opts, jobs.clone()).unwrap();
            let header = crate::format::header(&opts.source_label);
            for job in &jobs {
                let (file, blocks) = collecting(|| crate::emit::emit(&api, &opts, job));
                expanded += blocks.blocks.len();
                items += blocks.items.len();
                let plain =
                    crate::format::format_file(crate::emit::emit(&api, &opts, job), &header)
                        .unwrap();
                let mine = rendered.iter().find(|f| f.path == file.path).unwrap();
                assert_eq!(mine.text, plain.text, "{}: {}", spec.display(), file.path);
                files += 1;
            }
        }
        assert!(
            files > 10 && expanded > 100 && items > 50,
            "{files} files, {expanded} blocks, {items} items written as text"
        );
    }

    /// An item written as text: its placeholder is recognised from its printed tokens, and a
    /// whole file formatted at once gets the text back in its place.
    #[test]
    fn item_placeholders_stand_for_their_text() {
        let text = "impl S {\n    fn f() {}\n}\n".to_owned();
        assert!(
            item(|| Some(text.clone())).is_none(),
            "outside of collecting"
        );
        let ((placeholder, unended), blocks) = collecting(|| {
            (
                item(|| Some(text.clone())).unwrap(),
                item(|| Some("no line break".to_owned())),
            )
        });
        assert!(unended.is_none());
        assert_eq!(blocks.item(&placeholder.to_string()), Some(text.as_str()));
        assert_eq!(blocks.item("struct S;"), None);
        let file = quote::quote! {
            struct A;
            #placeholder
            struct B;
        };
        let whole = blocks.expand(formatted(file));
        assert_eq!(whole, format!("struct A;\n{text}struct B;\n"));
    }

    #[test]
    fn outside_of_collecting_blocks_are_attributes() {
        let tokens = super::super::docs::lines_to_attrs(&lines(&["Text."])).to_string();
        assert!(tokens.contains("Text."), "{tokens}");
        assert!(placeholder(&lines(&["Text."])).is_none());
    }

    #[test]
    fn lines_the_formatter_would_not_print_as_lines_are_attributes() {
        let (p, blocks) = collecting(|| {
            (
                placeholder(&lines(&["two\nlines"])),
                placeholder(&lines(&["a \u{1} mark"])),
                placeholder(&[]),
            )
        });
        assert_eq!(p, (None, None, None));
        assert!(blocks.blocks.is_empty());
    }

    #[test]
    fn a_line_that_only_looks_like_a_placeholder_is_kept() {
        let (_, blocks) = collecting(|| placeholder(&lines(&["Known."])));
        let text = "    ///\u{1}0123456789abcdef\nfn f() {}\n///\u{1}zz\n".to_owned();
        assert_eq!(blocks.expand(text.clone()), text);
    }
}

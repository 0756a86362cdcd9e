//! A large YAML document read on several threads: the text is cut at the starts of mapping
//! entries (a top-level key, and inside the largest entries, their own keys, down to
//! [`MAX_LEVELS`] levels: in Twilio's documents `paths`, a large path's operations and a large
//! operation's own keys, and `components/schemas` with a large schema's keys), the pieces are
//! read side by side, each with the JSON pointer of its parent (so that the depth limit and the
//! located errors are those of a whole read), and the values are put back together in the
//! document's order.
//!
//! A cut is only ever made before a line that starts a plain `key:` at exactly the indentation of
//! its siblings, and the result is used only when every piece reads cleanly and no key repeats
//! where the pieces join: anything else (a quoted scalar or a flow collection running over a cut
//! leaves a piece that does not read, an alias naming an anchor in another piece does not
//! resolve, a second document, a byte order mark, tabs) gives `None`, and the caller reads the
//! text whole, which says what is wrong and where. A test reads every document of Twilio's both
//! ways and compares.

use super::{Node, RawPieces, Token, Trail};

/// How many levels of entries may be cut into: the top level's (`paths`, `components`), those
/// of `paths` (a path) or `components` (`schemas`), a path's (its operations) or `schemas`' (a
/// schema), an operation's or a schema's own keys, and theirs (an operation's `responses`, a
/// schema's `properties`). The deeper levels matter for the pieces a warm run reads again: the
/// piece that holds a changed operation summary is then the operation's short keys (Calls: 12 KB
/// of YAML), not its whole path (52 KB, a third of the run's reading).
const MAX_LEVELS: usize = 5;

/// What the text is cut into.
enum Part {
    /// Entries read by one parser: the text `range`, lines of sibling entries.
    Piece(std::ops::Range<usize>),
    /// One entry (its key, from its own line) whose value is a mapping cut further.
    Section { key: String, parts: Vec<Part> },
}

/// One piece to read: where it is in the text and the keys of the mapping it belongs to.
struct Job<'a> {
    range: std::ops::Range<usize>,
    parent: Vec<&'a str>,
}

/// The document read on `threads` threads, or `None` when it should be read whole; a piece
/// `known` has (the same text at the same place, read by an earlier run) is read from its JSON.
/// With the value, every piece of this read, for the next run.
pub(super) fn read(
    text: &str,
    threads: usize,
    known: &RawPieces,
) -> Option<(serde_json::Value, RawPieces)> {
    if threads < 2 || text.len() < super::PIECES_FROM {
        return None;
    }
    read_cut(
        text,
        threads,
        (text.len() / (threads * 8)).max(8 * 1024),
        known,
    )
}

/// [`read`] in pieces of about `target` bytes, whatever the text's size.
fn read_cut(
    text: &str,
    threads: usize,
    target: usize,
    known: &RawPieces,
) -> Option<(serde_json::Value, RawPieces)> {
    let lines = Lines::of(text)?;
    let parts = lines.cut(0..lines.starts.len(), 0, MAX_LEVELS, target)?;
    let mut jobs = Vec::new();
    collect(&parts, &mut Vec::new(), &mut jobs);
    let values = read_all(text, &jobs, threads, known)?;
    let mut pieces = RawPieces::default();
    let mut maps = Vec::with_capacity(values.len());
    for read in values {
        pieces.fresh |= read.fresh;
        pieces.by_key.insert(read.key, read.json);
        maps.push(read.map);
    }
    let mut maps = maps.into_iter();
    let root = assemble(&parts, &mut maps)?;
    Some((serde_json::Value::Object(root), pieces))
}

/// One piece read.
struct Read {
    /// Its value.
    map: serde_json::Map<String, serde_json::Value>,
    /// The key of its text and place ([`piece_key`]).
    key: u64,
    /// Its value as JSON, for the next run.
    json: std::sync::Arc<str>,
    /// Whether it was read from the YAML (not from a known piece's JSON).
    fresh: bool,
}

/// The key of a piece: its parent's keys and its text (an earlier run's JSON of the same key is
/// the same value: the reader is deterministic, and the cache is stamped with its build).
fn piece_key(parent: &[&str], piece: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for key in parent {
        h.update(key.as_bytes());
        h.update(&[0]);
    }
    h.update(&[1]);
    h.update(piece.as_bytes());
    h.digest()
}

/// The pieces of `parts`, in the document's order, each with its parent's keys.
fn collect<'a>(parts: &'a [Part], path: &mut Vec<&'a str>, jobs: &mut Vec<Job<'a>>) {
    for part in parts {
        match part {
            Part::Piece(range) => jobs.push(Job {
                range: range.clone(),
                parent: path.clone(),
            }),
            Part::Section { key, parts } => {
                path.push(key);
                collect(parts, path, jobs);
                path.pop();
            }
        }
    }
}

/// Reads every job, spread over `threads` threads (the largest pieces first, each taken by the
/// next free thread: pieces of equal size in bytes differ in their cost to read, and runs of
/// equal size cut in advance left one thread idle for a third of the read); `None` when one of
/// them does not read cleanly.
fn read_all(text: &str, jobs: &[Job<'_>], threads: usize, known: &RawPieces) -> Option<Vec<Read>> {
    let read = crate::parallel::spread_on(
        jobs,
        threads,
        |job| job.range.len() as u64,
        |job| read_piece(text, job, known),
    );
    if read.len() != jobs.len() {
        return None;
    }
    read.into_iter().collect()
}

/// One piece, read as a mapping under its parent: from the JSON of an earlier read of the same
/// piece when `known` has it (and it reads: `serde_json` nests less deeply than this reader),
/// else from the YAML.
fn read_piece(text: &str, job: &Job<'_>, known: &RawPieces) -> Option<Read> {
    let piece = text.get(job.range.clone())?;
    let key = piece_key(&job.parent, piece);
    if let Some(json) = known.by_key.get(&key)
        && let Ok(map) = serde_json::from_str(json)
    {
        let json = json.clone();
        return Some(Read {
            map,
            key,
            json,
            fresh: false,
        });
    }
    let map = read_yaml_piece(piece, job)?;
    let json = serde_json::to_string(&map).ok()?.into();
    Some(Read {
        map,
        key,
        json,
        fresh: true,
    })
}

/// One piece's YAML, read as a mapping under its parent.
fn read_yaml_piece(
    piece: &str,
    job: &Job<'_>,
) -> Option<serde_json::Map<String, serde_json::Value>> {
    let problem = std::cell::RefCell::new(None);
    let value = under(&Trail::ROOT, &job.parent, &|trail| {
        let node = Node {
            trail: *trail,
            problem: &problem,
        };
        serde::de::DeserializeSeed::deserialize(node, serde_yaml::Deserializer::from_str(piece))
            .ok()
    });
    if problem.into_inner().is_some() {
        return None;
    }
    match value? {
        serde_json::Value::Object(map) => Some(map),
        _ => None,
    }
}

/// Runs `f` with the trail of `keys` below `at`.
fn under<R>(at: &Trail<'_>, keys: &[&str], f: &dyn Fn(&Trail<'_>) -> R) -> R {
    match keys.split_first() {
        None => f(at),
        Some((key, rest)) => under(&at.child(Token::Key(key)), rest, f),
    }
}

/// The value of the top-level entry `key` of a YAML text, read from the text up to the end of
/// that entry (cut after it as [`read`] cuts: a cut inside a quoted scalar or a flow collection
/// leaves a text that does not read; a piece read alone could start inside one and read wrong):
/// `None` when the text has no such entry or that part does not read (the caller then reads the
/// whole text).
pub(super) fn top_level_entry(text: &str, key: &str) -> Option<serde_json::Value> {
    let lines = Lines::of(text)?;
    let count = lines.starts.len();
    let entries: Vec<usize> = (0..count)
        .filter(|&i| lines.indent(i) == Some(0) && lines.starts_entry(i))
        .collect();
    let at = entries.iter().position(|&i| {
        lines
            .line(i)
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'))
    })?;
    let end = entries.get(at + 1).copied().unwrap_or(count);
    let part = text.get(lines.byte_range(0..end))?;
    match super::read_raw(part).ok()? {
        serde_json::Value::Object(mut map) => map.remove(key),
        _ => None,
    }
}

/// The mapping of `parts`, from the pieces' values in order; `None` when a key repeats.
fn assemble(
    parts: &[Part],
    values: &mut impl Iterator<Item = serde_json::Map<String, serde_json::Value>>,
) -> Option<serde_json::Map<String, serde_json::Value>> {
    let mut out = serde_json::Map::new();
    for part in parts {
        match part {
            Part::Piece(_) => {
                for (key, value) in values.next()? {
                    if out.insert(key, value).is_some() {
                        return None;
                    }
                }
            }
            Part::Section { key, parts } => {
                let value = serde_json::Value::Object(assemble(parts, values)?);
                if out.insert(key.clone(), value).is_some() {
                    return None;
                }
            }
        }
    }
    Some(out)
}

/// The text's lines: where each starts and how far it is indented (`None`: blank or a comment).
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    indents: Vec<Option<usize>>,
}

impl<'a> Lines<'a> {
    /// `None` for a text read whole in any case: one starting with anything but entries,
    /// comments and blank lines (a byte order mark, a directive, `---`).
    fn of(text: &'a str) -> Option<Lines<'a>> {
        // Every line feed found in one pass (memchr, SIMD), the indentation counted in bytes: a
        // search from each line start (`str::find`) and a scan char by char cost 4.3 M
        // instructions for the 6,754 lines of `spec/calls.yaml` (callgrind), serially before
        // the pieces are read. The characters looked at are ASCII: in UTF-8 a byte below 0x80
        // is always a whole character.
        let mut starts = Vec::with_capacity(text.len() / 32);
        let mut indents = Vec::with_capacity(text.len() / 32);
        let bytes = text.as_bytes();
        let ends = memchr::memchr_iter(b'\n', bytes).map(|i| i + 1);
        let mut at = 0;
        for end in ends.chain((!bytes.is_empty() && !text.ends_with('\n')).then_some(bytes.len())) {
            let line = bytes.get(at..end).unwrap_or_default();
            let spaces = line.iter().take_while(|&&b| b == b' ').count();
            let body = line.get(spaces..).unwrap_or_default();
            let blank =
                body.first() == Some(&b'#') || body.iter().all(|&b| matches!(b, b'\n' | b'\r'));
            starts.push(at);
            indents.push((!blank).then_some(spaces));
            at = end;
        }
        let lines = Lines {
            text,
            starts,
            indents,
        };
        // The first line that says anything must be a top-level entry.
        let first = (0..lines.starts.len()).find(|&i| lines.indent(i).is_some())?;
        (lines.indent(first) == Some(0) && lines.starts_entry(first)).then_some(lines)
    }

    /// How far line `i` is indented; `None` for a blank line or a comment.
    fn indent(&self, i: usize) -> Option<usize> {
        self.indents.get(i).copied().flatten()
    }

    fn line(&self, i: usize) -> &'a str {
        self.text.get(self.byte_range(i..i + 1)).unwrap_or("")
    }

    fn byte_range(&self, lines: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self
            .starts
            .get(lines.start)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .starts
            .get(lines.end)
            .copied()
            .unwrap_or(self.text.len());
        start..end
    }

    /// Whether line `i` starts with a plain key followed by `:` and a space or the line's end.
    fn starts_entry(&self, i: usize) -> bool {
        let body = self.line(i).trim_start_matches(' ');
        let Some(first) = body.chars().next() else {
            return false;
        };
        if "-?:,[]{}#&*!|>'\"%@`\t\u{feff}".contains(first) {
            return false;
        }
        let body = body.trim_end_matches(['\n', '\r']);
        body.match_indices(':')
            .any(|(at, _)| matches!(body.as_bytes().get(at + 1), None | Some(b' ')))
    }

    /// Whether line `i` is `key:` alone (or with a comment after it), a key opening a value on
    /// the following lines; its key as the YAML parser reads it.
    fn opens_block(&self, i: usize) -> Option<String> {
        let body = self.line(i).trim_matches([' ', '\n', '\r']);
        let body = body.split_once(" #").map_or(body, |(b, _)| b).trim_end();
        let key = body.strip_suffix(':')?;
        if key.contains(": ") || key.contains(" #") {
            return None;
        }
        let read: serde_json::Value = serde_yaml::from_str(body).ok()?;
        let map = read.as_object()?;
        match (map.len(), map.values().next()) {
            (1, Some(serde_json::Value::Null)) => map.keys().next().cloned(),
            _ => None,
        }
    }

    /// The entries of the lines `lines` (siblings indented `indent`), cut into parts: entries
    /// larger than `target` opened with `key:` are cut into their own entries while `levels`
    /// allow, the others are gathered into pieces of about `target` bytes. `None` when the lines
    /// are not entries at that indentation.
    fn cut(
        &self,
        lines: std::ops::Range<usize>,
        indent: usize,
        levels: usize,
        target: usize,
    ) -> Option<Vec<Part>> {
        // The lines where entries start; before the first, only blank lines and comments; no line
        // in between less indented than the entries.
        let mut entries = Vec::new();
        for i in lines.clone() {
            match self.indent(i) {
                None => {}
                Some(n) if n < indent => return None,
                Some(n) if n == indent && self.starts_entry(i) => entries.push(i),
                Some(_) if entries.is_empty() => return None,
                Some(_) => {}
            }
        }
        let mut parts = Vec::new();
        let mut gathered: Option<std::ops::Range<usize>> = None;
        for (k, &first) in entries.iter().enumerate() {
            let end = entries.get(k + 1).copied().unwrap_or(lines.end);
            // The first entry's piece starts where `lines` do (comments before it included).
            let from = if k == 0 { lines.start } else { first };
            let bytes = self.byte_range(from..end);
            if let Some(section) = (levels > 1 && bytes.len() > target)
                .then(|| self.section(first, end, levels, target))
                .flatten()
            {
                parts.extend(gathered.take().map(Part::Piece));
                parts.push(section);
                continue;
            }
            let range = match gathered.take() {
                Some(g) => g.start..bytes.end,
                None => bytes,
            };
            if range.len() >= target {
                parts.push(Part::Piece(range));
            } else {
                gathered = Some(range);
            }
        }
        parts.extend(gathered.map(Part::Piece));
        Some(parts)
    }

    /// The entry on lines `first..end` as a section cut into its own entries, when it is
    /// `key:` followed by a block mapping.
    fn section(&self, first: usize, end: usize, levels: usize, target: usize) -> Option<Part> {
        let key = self.opens_block(first)?;
        let outer = self.indent(first)?;
        let inner = (first + 1..end).find_map(|i| self.indent(i))?;
        if inner <= outer {
            return None;
        }
        let parts = self.cut(first + 1..end, inner, levels - 1, target)?;
        Some(Part::Section { key, parts })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// The text read in pieces of a few bytes (every entry cut where it can be), checked
    /// against the whole read when it reads; what it gave.
    fn cut(text: &str) -> Option<serde_json::Value> {
        let whole = crate::load::read_raw(text);
        let pieces = read_cut(text, 2, 1, &RawPieces::default()).map(|(value, _)| value);
        if let Some(pieces) = &pieces {
            assert_eq!(Ok(pieces), whole.as_ref(), "{text}");
            // Same order of keys as well.
            assert_eq!(
                serde_json::to_string(pieces).unwrap(),
                serde_json::to_string(&whole.unwrap()).unwrap()
            );
        }
        pieces
    }

    const DOC: &str = "\
# a comment first
openapi: 3.0.1
info:
  title: t
  version: '1'
paths:
  # a comment between entries
  /a:
    get:
      summary: |
        a block scalar

        with a blank line
      responses: {}
  /b/{id}:
    get:
      description: a plain scalar
        over two lines
      responses:
        '200':
          description: ok
  \"/quoted\":
    get:
      responses: {}
components:
  schemas:
    a:
      type: string
    b:
      type: object
      properties:
        c: {type: integer}
";

    #[test]
    fn a_document_cut_into_entries_reads_as_it_does_whole() {
        let read = cut(DOC).unwrap();
        assert_eq!(
            read["paths"]["/b/{id}"]["get"]["description"],
            "a plain scalar over two lines"
        );
        assert!(read["paths"]["/quoted"]["get"].is_object());
        let crlf = DOC.replace('\n', "\r\n");
        assert!(cut(&crlf).is_some());
        // The parts: the top level and the levels below it are cut, down to a schema's
        // properties (not `/b/{id}`, which runs into the quoted key after it: a line less
        // indented than its own entries).
        let lines = Lines::of(DOC).unwrap();
        let parts = lines.cut(0..lines.starts.len(), 0, MAX_LEVELS, 1).unwrap();
        let mut jobs = Vec::new();
        collect(&parts, &mut Vec::new(), &mut jobs);
        let parents: Vec<String> = jobs.iter().map(|j| j.parent.join(" ")).collect();
        let expected = [
            "",
            "info",
            "info",
            "paths /a get",
            "paths /a get",
            "paths",
            "components schemas a",
            "components schemas b",
            "components schemas b properties",
        ];
        assert_eq!(parents, expected);
    }

    /// A second read given the pieces of the first reads each unchanged piece from its JSON
    /// (a piece whose JSON says something else shows it), an edited piece and a piece whose JSON
    /// does not read from the YAML, and always gives what the whole read gives.
    #[test]
    fn known_pieces_are_read_from_their_json_and_only_those() {
        let none = RawPieces::default();
        let (first, pieces) = read_cut(DOC, 2, 1, &none).unwrap();
        assert_eq!(pieces.len(), 9);
        assert!(pieces.has_fresh());
        // Unchanged: every piece known, none read from the YAML, the same value, key order too.
        let (again, second) = read_cut(DOC, 2, 1, &pieces).unwrap();
        assert!(!second.has_fresh());
        assert_eq!(
            second,
            RawPieces {
                fresh: false,
                ..pieces.clone()
            }
        );
        assert_eq!(
            serde_json::to_string(&again).unwrap(),
            serde_json::to_string(&first).unwrap()
        );
        // One description edited: that piece alone is new; the value is the whole read's.
        let edited = DOC.replace("a plain scalar", "an edited scalar");
        let (value, third) = read_cut(&edited, 2, 1, &pieces).unwrap();
        assert_eq!(Ok(&value), crate::load::read_raw(&edited).as_ref());
        assert!(third.has_fresh());
        let new: Vec<&u64> = third
            .by_key
            .keys()
            .filter(|k| !pieces.by_key.contains_key(k))
            .collect();
        assert_eq!(new.len(), 1);
        // The same text at another place is another piece (its parent is part of the key).
        assert_ne!(
            piece_key(&["paths"], "a: 1\n"),
            piece_key(&["info"], "a: 1\n")
        );
        // The JSON is what is read: a known piece saying something else is believed (the key
        // is of the text, so this never happens unless the file is forged) ...
        let mut forged = pieces.clone();
        let info_key = *pieces
            .by_key
            .iter()
            .find(|(_, json)| json.contains("\"title\""))
            .unwrap()
            .0;
        forged
            .by_key
            .insert(info_key, "{\"title\":\"forged\"}".into());
        let (value, _) = read_cut(DOC, 2, 1, &forged).unwrap();
        assert_eq!(value["info"]["title"], "forged");
        // ... and a known piece whose JSON does not read is read from the YAML.
        forged.by_key.insert(info_key, "{\"title\":".into());
        let (value, read) = read_cut(DOC, 2, 1, &forged).unwrap();
        assert_eq!(value, first);
        assert!(read.has_fresh());
    }

    /// Wherever a cut would fall inside something (a quoted scalar, a flow collection), across
    /// an anchor and its alias, before a second document or a repeated key, the pieces give way
    /// to the whole read.
    #[test]
    fn what_a_cut_could_change_is_read_whole() {
        for text in [
            // A double-quoted scalar whose next line looks like an entry.
            "a: \"one\nb: two\"\nc: 3\n",
            // A single-quoted one.
            "x:\n  a: 'one\n  b: two'\n  c: 3\n",
            // A flow mapping over lines.
            "x:\n  a: {p: 1,\n  b: 2}\n  c: 3\n",
            // An alias of an anchor in another piece.
            "a: &x {p: 1}\nb: *x\n",
            // A second document.
            "a: 1\n---\nb: 2\n",
            // A key repeated where pieces join, at the top and below.
            "a: 1\nb: 2\na: 3\n",
            "p:\n  a: 1\n  b: 2\n  a: 3\n",
            // A byte order mark, a directive, a start marker: read whole.
            "\u{feff}a: 1\nb: 2\n",
            "%YAML 1.1\n---\na: 1\n",
            "---\na: 1\nb: 2\n",
        ] {
            assert_eq!(cut(text), None, "{text}");
        }
        // The same places without a cut inside them are cut and read the same.
        assert!(cut("a: \"one two\"\nb: [1,\n  2]\nc: &x 3\nd: 4\n").is_some());
        assert!(cut("a: &x {p: 1}\n").is_some());
    }

    /// Thousands of small damages to a document (a character that opens or closes something
    /// inserted, a character deleted, a line repeated or re-indented): wherever the pieces read,
    /// they read as the whole text does ([`cut`] compares).
    #[test]
    fn damaged_documents_read_in_pieces_as_they_read_whole() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n.max(1) as u64).unwrap()
        };
        let (mut read, mut whole) = (0, 0);
        for _ in 0..4000 {
            let mut text: Vec<char> = DOC.chars().collect();
            for _ in 0..1 + next(3) {
                let at = next(text.len());
                match next(4) {
                    0 => text.insert(at, "\"'{}[]&*|>-:#\t\n ?!%,".chars().nth(next(20)).unwrap()),
                    1 => {
                        text.remove(at);
                    }
                    2 => text.insert(at, ' '),
                    _ => {
                        let start = text[..at]
                            .iter()
                            .rposition(|&c| c == '\n')
                            .map_or(0, |p| p + 1);
                        let end = text[at..]
                            .iter()
                            .position(|&c| c == '\n')
                            .map_or(text.len(), |p| at + p + 1);
                        let line: Vec<char> = text[start..end].to_vec();
                        text.splice(end..end, line);
                    }
                }
            }
            let text: String = text.into_iter().collect();
            match cut(&text) {
                Some(_) => read += 1,
                None => whole += 1,
            }
        }
        // Most damages leave a document that still cuts.
        assert!(
            read > 1000 && whole > 100,
            "{read} read in pieces, {whole} whole"
        );
    }

    #[test]
    fn lines_are_classified_by_their_indentation() {
        // Starts and indentation of each line; comments, blank lines (spaces, a carriage return
        // alone) have none; a tab is not indentation; a carriage return inside a line is text;
        // the last line may have no line feed; characters outside ASCII are whole.
        let text = "a: 1\r\n  # note\n   \n\r\n  b: \"é\"\n\tc: x\n  \rd: y\n    é: z";
        let lines = Lines::of(text).unwrap();
        let starts: Vec<usize> = text
            .split_inclusive('\n')
            .scan(0, |at, line| {
                let start = *at;
                *at += line.len();
                Some(start)
            })
            .collect();
        assert_eq!(lines.starts, starts);
        // Indentation, `-1` for none.
        let indents: Vec<i64> = lines
            .indents
            .iter()
            .map(|i| i.map_or(-1, |n| n as i64))
            .collect();
        assert_eq!(indents, [0, -1, -1, -1, 2, 0, 2, 4]);
        assert_eq!(lines.line(7), "    é: z");
        // A first line that is not an entry: read whole.
        assert!(Lines::of("- a\n").is_none());
        assert!(Lines::of("\n# only a comment\n").is_none());
    }

    #[test]
    fn a_top_level_entry_reads_alone_as_in_the_whole_text() {
        let whole = crate::load::read_raw(DOC).unwrap();
        for key in ["openapi", "info", "paths", "components"] {
            assert_eq!(top_level_entry(DOC, key).as_ref(), whole.get(key), "{key}");
        }
        assert_eq!(top_level_entry(DOC, "nothing"), None);
        assert_eq!(top_level_entry(DOC, "inf"), None);
        // A line inside a quoted scalar that looks like an entry is not one.
        assert_eq!(top_level_entry("a: \"x\nb: y\"\n", "b"), None);
        assert_eq!(top_level_entry("a: \"x\nb: y\"\nc: 1\n", "b"), None);
    }

    /// Errors are the whole read's: a piece that fails gives way to it.
    #[test]
    fn a_document_that_does_not_read_is_read_whole() {
        assert_eq!(cut("a: 1\nb: [\nc: 3\n"), None);
        // Too deep: the pieces know how deep they are.
        let mut deep = String::from("x:\n");
        for level in 1..=crate::load::MAX_DEPTH + 1 {
            deep.push_str(&" ".repeat(level * 2));
            deep.push_str("n:\n");
        }
        assert_eq!(cut(&deep), None);
        assert!(crate::load::read_raw(&deep).is_err());
    }
}

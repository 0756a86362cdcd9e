//! The format cache: the files of the previous run, read back from the crate folder and checked
//! against the index it saved (see [`Cache`]).

use std::collections::HashMap;
use std::path::Path;

use super::{FORMATTER, Formatted, Hasher, Pieces, emitted, text_hash};
use crate::error::Error;

/// The formatted files of a previous run, by path, with the key each was made from, and the key
/// of that run's whole input.
///
/// Only texts still on disk unchanged are kept ([`load`](Cache::load) checks each file against the
/// hash of its text recorded when it was written), so a file edited by hand is formatted and
/// written again like any other stale file. When the input (spec text and options) is the one
/// recorded and every file is intact, the whole previous output is reused
/// ([`replay`](Cache::replay)): the generator is deterministic, and the stamp names its build.
///
/// A cache serves one run: a file it hands out whole (its emission's inputs unchanged) is moved
/// out of it, not copied, so a second run with the same cache emits and formats that file again
/// (the output is the same). Load it again, or clone it, for each run.
#[derive(Debug, Default, Clone)]
pub struct Cache {
    /// The files of the recorded run still intact on disk.
    pub(super) entries: HashMap<String, Entry>,
    /// Formatted pieces (inner attributes or one item) of those files, by key: the file, and
    /// where in its text.
    pub(super) pieces: HashMap<u64, (String, std::ops::Range<usize>)>,
    /// The input key of the recorded run, if every file it wrote is intact.
    input: Option<u64>,
    warnings: Vec<crate::Warning>,
    /// The recorded run's coverage lines (see [`crate::coverage::Coverage::to_lines`]).
    coverage: Vec<String>,
    /// Files the recorded run wrote, in its order.
    order: Vec<String>,
    /// The crate folder the files were read from.
    pub(super) dir: std::path::PathBuf,
    /// The emissions recorded with the intact files (see `format/emitted.rs`), by file.
    pub(super) emitted_by_path: HashMap<String, emitted::Emitted>,
    /// The files of those emissions, by the emission's key.
    pub(super) emitted_by_key: HashMap<u64, String>,
    /// The document's pieces as the recorded run read them (see [`crate::load::RawPieces`]),
    /// saved beside the index.
    pub(crate) raw: crate::load::RawPieces,
}

/// A file of the recorded run, intact on disk: the key it was made from, its text and its pieces.
#[derive(Debug, Default)]
pub(super) struct Entry {
    pub(super) key: u64,
    /// The text, until a run takes it to reuse the file whole (see `format/emitted.rs`): moved
    /// out rather than copied (the copies of v2010's 2.5 MB were a tenth of a warm run).
    text: std::sync::Mutex<Option<String>>,
    pub(super) pieces: Pieces,
}

impl Entry {
    /// A copy of the text, if it was not taken.
    fn text(&self) -> Option<String> {
        self.text.lock().ok()?.clone()
    }

    /// The text, moved out.
    pub(super) fn take(&self) -> Option<String> {
        self.text.lock().ok()?.take()
    }
}

impl Clone for Entry {
    fn clone(&self) -> Entry {
        Entry {
            key: self.key,
            text: std::sync::Mutex::new(self.text()),
            pieces: self.pieces.clone(),
        }
    }
}

const CACHE_MAGIC: &str = "twilio-codegen format cache v6 (xxh3, emissions)";

/// The key of a run's whole input: the spec text, the options and the formatter.
pub fn input_key(spec_text: &str, options: &crate::Options) -> u64 {
    let mut h = Hasher::new();
    h.bytes(FORMATTER.as_bytes());
    h.bytes(format!("{options:?}\n").as_bytes());
    h.bytes(spec_text.as_bytes());
    h.finish()
}

impl Cache {
    /// The cache recorded in `index` for the crate in `out_dir`. `stamp` identifies the generator
    /// build (e.g. its executable's size and modification time): an index written under another
    /// stamp is ignored. A missing or unreadable index is an empty cache.
    pub fn load(index: &Path, out_dir: &Path, stamp: &str) -> Cache {
        let mut cache = Cache {
            dir: out_dir.to_path_buf(),
            raw: load_raw(&raw_path(index), stamp),
            ..Cache::default()
        };
        let Ok(text) = std::fs::read_to_string(index) else {
            return cache;
        };
        let mut lines = text.lines();
        if lines.next() != Some(&format!("{CACHE_MAGIC} {stamp}")) {
            return cache;
        }
        let mut input = None;
        let mut intact = true;
        // The last file line, when its file is intact.
        let mut last: Option<String> = None;
        for line in lines {
            if let Some(key) = line.strip_prefix("input ") {
                input = u64::from_str_radix(key, 16).ok();
            } else if let Some(warning) = line.strip_prefix("warning ") {
                let (pointer, message) = warning.split_once('\t').unwrap_or((warning, ""));
                cache.warnings.push(crate::Warning {
                    pointer: unescape(pointer),
                    message: unescape(message),
                });
            } else if let Some(coverage) = line.strip_prefix("coverage ") {
                cache.coverage.push(unescape(coverage));
            } else if let Some(file) = line.strip_prefix("file ") {
                last = cache.load_file(out_dir, file);
                intact &= last.is_some();
            } else if let Some(emission) = line.strip_prefix("emitted ") {
                if let Some(path) = &last {
                    intact &= cache.load_emitted(path, emission);
                }
            } else if let Some(part) = line.strip_prefix("part ") {
                if let Some(path) = &last {
                    intact &= cache.load_part(path, part);
                }
            } else if let Some(pieces) = line.strip_prefix("pieces ") {
                if let Some(path) = last.take() {
                    intact &= cache.load_pieces(&path, pieces);
                }
            } else {
                intact = false;
            }
        }
        cache.input = input.filter(|_| intact);
        cache
    }

    /// Reads the file of a `file <key> <text hash> <path>` line; its path when it is intact.
    fn load_file(&mut self, out_dir: &Path, line: &str) -> Option<String> {
        let mut parts = line.splitn(3, ' ');
        let (key, text_hash, path) = (parts.next()?, parts.next()?, parts.next()?);
        self.order.push(path.to_owned());
        let key = u64::from_str_radix(key, 16).ok()?;
        let text_hash = u64::from_str_radix(text_hash, 16).ok()?;
        let existing = std::fs::read_to_string(out_dir.join(path)).ok()?;
        if self::text_hash(existing.as_bytes()) != text_hash {
            return None;
        }
        let entry = Entry {
            key,
            text: std::sync::Mutex::new(Some(existing)),
            pieces: Vec::new(),
        };
        self.entries.insert(path.to_owned(), entry);
        Some(path.to_owned())
    }

    /// Cuts the text of `path` into the pieces of a `pieces <key>:<length> ...` line (the last
    /// bytes of the text, in order).
    fn load_pieces(&mut self, path: &str, line: &str) -> bool {
        let Some(Entry { text, pieces, .. }) = self.entries.get_mut(path) else {
            return false;
        };
        let Some(text) = text.get_mut().ok().and_then(|t| t.as_deref()) else {
            return false;
        };
        for piece in line.split(' ') {
            let parsed = piece.split_once(':').and_then(|(k, n)| {
                Some((u64::from_str_radix(k, 16).ok()?, n.parse::<usize>().ok()?))
            });
            match parsed {
                Some(piece) => pieces.push(piece),
                None => return false,
            }
        }
        let total: usize = pieces.iter().map(|(_, n)| n).sum();
        let Some(mut at) = text.len().checked_sub(total) else {
            return false;
        };
        for (key, n) in pieces.iter() {
            if text.get(at..at + n).is_none() {
                return false;
            }
            self.pieces.insert(*key, (path.to_owned(), at..at + n));
            at += n;
        }
        true
    }

    /// Records the files, warnings and coverage of a run of input `input` (see [`input_key`]), as
    /// written into the crate folder, in `index`, under `stamp`.
    pub fn save(
        index: &Path,
        stamp: &str,
        input: u64,
        output: &crate::Output,
    ) -> Result<(), Error> {
        use std::fmt::Write as _;
        let (files, warnings) = (&output.files, &output.warnings);
        let mut text = format!("{CACHE_MAGIC} {stamp}\ninput {input:016x}\n");
        for line in output.coverage.to_lines() {
            let _ = writeln!(text, "coverage {}", escape(&line));
        }
        for w in warnings {
            let _ = writeln!(
                text,
                "warning {}\t{}",
                escape(&w.pointer),
                escape(&w.message)
            );
        }
        for f in files {
            let text_hash = text_hash(f.text.as_bytes());
            let _ = writeln!(text, "file {:016x} {text_hash:016x} {}", f.key, f.path);
            if let Some(e) = &f.emitted {
                emitted::save(&mut text, e);
            }
            if !f.chunks.is_empty() {
                text.push_str("pieces");
                for (key, n) in &f.chunks {
                    let _ = write!(text, " {key:016x}:{n}");
                }
                text.push('\n');
            }
        }
        if let Some(parent) = index.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(index, text).map_err(|e| Error::io(index, e))?;
        save_raw(&raw_path(index), stamp, &output.raw)
    }

    /// The whole output of the recorded run, when its input key is `input` and every file it
    /// wrote is still on disk unchanged.
    pub fn replay(&self, input: u64) -> Option<crate::Output> {
        if self.input != Some(input) {
            return None;
        }
        let coverage =
            crate::coverage::Coverage::from_lines(self.coverage.iter().map(String::as_str))?;
        let mut files = Vec::with_capacity(self.order.len());
        for path in &self.order {
            let entry = self.entries.get(path)?;
            files.push(Formatted {
                path: path.clone(),
                text: entry.text()?,
                key: entry.key,
                chunks: entry.pieces.clone(),
                emitted: self.emitted_by_path.get(path).cloned(),
                read_from: Some(self.dir.join(path)),
            });
        }
        Some(crate::Output {
            files,
            warnings: self.warnings.clone(),
            coverage,
            raw: crate::load::RawPieces {
                by_key: self.raw.by_key.clone(),
                fresh: false,
            },
        })
    }

    /// The document's pieces as the recorded run read them (a large YAML document's; see
    /// [`crate::load::RawPieces`]).
    pub fn raw(&self) -> &crate::load::RawPieces {
        &self.raw
    }

    /// The formatted text of the piece with this key (unless its file was taken).
    pub(super) fn chunk(&self, key: u64) -> Option<String> {
        let (path, range) = self.pieces.get(&key)?;
        let text = self.entries.get(path)?.text.lock().ok()?;
        text.as_deref()?.get(range.clone()).map(str::to_owned)
    }

    /// How many files the cache holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the cache holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Keeps a warning on one line of the index.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

const RAW_MAGIC: &str = "twilio-codegen raw pieces v1 (xxh3, JSON)";

/// Where the document's pieces are saved: beside the index.
fn raw_path(index: &Path) -> std::path::PathBuf {
    index.with_extension("raw")
}

/// The pieces saved at `path` under `stamp`; none when the file is missing, of another build or
/// damaged (a damaged file costs the next run its YAML, never a wrong value: a piece is found by
/// the key of its text, and one whose JSON does not read is read from the YAML).
fn load_raw(path: &Path, stamp: &str) -> crate::load::RawPieces {
    let mut raw = crate::load::RawPieces::default();
    let Ok(text) = std::fs::read_to_string(path) else {
        return raw;
    };
    let Some(mut rest) = text.strip_prefix(&format!("{RAW_MAGIC} {stamp}\n")) else {
        return raw;
    };
    while !rest.is_empty() {
        let entry = rest.split_once('\n').and_then(|(head, body)| {
            let (key, len) = head.split_once(' ')?;
            let key = u64::from_str_radix(key, 16).ok()?;
            let len: usize = len.parse().ok()?;
            let json = body.get(..len)?;
            Some((key, json, body.get(len..)?.strip_prefix('\n')?))
        });
        let Some((key, json, next)) = entry else {
            return crate::load::RawPieces::default();
        };
        raw.by_key.insert(key, json.into());
        rest = next;
    }
    raw
}

/// Saves `raw` at `path` under `stamp`, unless every piece came from the file already there;
/// removes the file when there are no pieces (a document read whole).
fn save_raw(path: &Path, stamp: &str, raw: &crate::load::RawPieces) -> Result<(), Error> {
    use std::fmt::Write as _;
    if raw.is_empty() {
        return match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
            _ => Ok(()),
        };
    }
    if !raw.has_fresh() && path.exists() {
        return Ok(());
    }
    let size: usize = raw.by_key.values().map(|json| json.len() + 24).sum();
    let mut text = String::with_capacity(size + RAW_MAGIC.len() + stamp.len() + 2);
    let _ = writeln!(text, "{RAW_MAGIC} {stamp}");
    for (key, json) in &raw.by_key {
        let _ = writeln!(text, "{key:016x} {}", json.len());
        text.push_str(json);
        text.push('\n');
    }
    std::fs::write(path, text).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::load::RawPieces;

    fn pieces(fresh: bool) -> RawPieces {
        RawPieces {
            by_key: [(7, "{\"a\":1}".into()), (3, "{\"b\":\"x\\ny\"}".into())]
                .into_iter()
                .collect(),
            fresh,
        }
    }

    #[test]
    fn raw_pieces_are_saved_beside_the_index_and_read_back_under_the_same_stamp_only() {
        let dir = std::env::temp_dir().join(format!("raw-pieces-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = raw_path(&dir.join("crate.idx"));
        save_raw(&path, "s1", &pieces(true)).unwrap();
        assert_eq!(load_raw(&path, "s1"), pieces(false));
        assert!(load_raw(&path, "s2").is_empty());
        // A damaged file is no pieces at all.
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, &text[..text.len() - 3]).unwrap();
        assert!(load_raw(&path, "s1").is_empty());
        // Pieces all read from the file are not written again; new ones are.
        std::fs::write(&path, "left alone").unwrap();
        save_raw(&path, "s1", &pieces(false)).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "left alone");
        save_raw(&path, "s1", &pieces(true)).unwrap();
        assert_eq!(load_raw(&path, "s1").len(), 2);
        // No pieces (a document read whole): no file.
        save_raw(&path, "s1", &RawPieces::default()).unwrap();
        assert!(!path.exists());
        save_raw(&path, "s1", &RawPieces::default()).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
    }
}

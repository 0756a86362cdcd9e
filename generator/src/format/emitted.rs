//! The emit cache: a warm run emits only the files whose inputs changed.
//!
//! The format cache alone skips formatting, but to find the one file a documentation change
//! touched, every file was still emitted and hashed (about half of a warm run). So each emitted
//! file also records the key of its emission: the model's structure (everything but its docs,
//! [`Structure`]), the crate options, the header and the job; and the docs the emission read, each
//! by its number in the model and the hash of its text (noted as they are read, see
//! `model/doc.rs`). A later run with the same emission key, whose docs at those numbers still hash
//! the same, takes the file from disk instead of emitting it (the file itself is checked against
//! the hash of its text, as every cached file is). Any other change to the model changes the
//! structure and so every key: the cache helps exactly the common warm run, a change of wording.
//!
//! A resource's module is one file but many parts (its documentation, each type, each operation,
//! its waiters): each part is emitted on its own and its docs recorded with the file's, so that a
//! file whose docs changed is put together from the recorded pieces of the parts that did not
//! read the changed doc, and only the parts that did are emitted and formatted ([`render_parts`]).

use super::{Cache, FORMATTER, Formatted, Hasher};
use crate::model::{Api, Structure};

/// The emission a file came from: its key and the docs it read, as (number, text hash); for a
/// module's file, the same for each of its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Emitted {
    pub(crate) key: u64,
    pub(crate) docs: Vec<(u32, u64)>,
    pub(crate) parts: Vec<PartRead>,
}

/// One part of a module's file (see [`crate::emit::ModulePart`]): how many of the file's
/// formatted pieces it printed, and the docs it read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PartRead {
    pub(crate) pieces: usize,
    pub(crate) docs: Vec<(u32, u64)>,
}

#[cfg(test)]
thread_local! {
    /// How many parts this thread emitted (rather than took from the cache).
    pub(super) static PARTS_EMITTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The file of `module`, emitted and formatted part by part (`None` for a file not made of
/// parts, or one whose pieces do not parse alone: the caller emits it whole). A part the cache
/// recorded for an emission of the same `key` (so of a model of the same structure, with the same
/// parts), whose docs still read the same, is not emitted again: its pieces are the recorded
/// file's. After a change of wording, only the parts that print it are emitted (Calls: one
/// operation of `calls.rs` rather than its 46 items).
pub(super) fn render_parts(
    cx: &crate::emit::Cx<'_>,
    module: &str,
    key: u64,
    structure: &Structure,
    header: &str,
    cache: &Cache,
) -> Option<Formatted> {
    let parts = cx.module_parts(module)?;
    let path = format!("src/{module}.rs");
    let recorded = cache
        .emitted_by_path
        .get(&path)
        .filter(|e| e.key == key && e.parts.len() == parts.len())
        .zip(cache.entries.get(&path))
        .filter(|(e, entry)| e.parts.iter().map(|p| p.pieces).sum::<usize>() == entry.pieces.len());
    let mut items = Vec::new();
    let mut reads = Vec::with_capacity(parts.len());
    let mut recordable = true;
    // Where the part's pieces start in the recorded file.
    let mut start = 0;
    for (i, part) in parts.iter().enumerate() {
        let was = recorded.and_then(|(e, entry)| Some((e.parts.get(i)?, entry)));
        let from = start;
        start += was.map_or(0, |(r, _)| r.pieces);
        let kept = was
            .filter(|(r, _)| structure.unchanged(&r.docs))
            .and_then(|(r, entry)| {
                let pieces = entry.pieces.get(from..from + r.pieces)?;
                let texts: Option<Vec<(u64, String)>> = pieces
                    .iter()
                    .map(|(k, _)| Some((*k, cache.chunk(*k)?)))
                    .collect();
                Some((texts?, Some(r.clone())))
            });
        let (texts, read) = match kept {
            Some(kept) => kept,
            None => {
                #[cfg(test)]
                PARTS_EMITTED.with(|n| n.set(n.get() + 1));
                let ((tokens, blocks), read) = crate::model::recording(|| {
                    crate::emit::doc_blocks::collecting(|| cx.emit_part(module, part))
                });
                let texts =
                    super::format_items(super::split_items(tokens), cache, true, &blocks).ok()?;
                let read = structure.docs_read(&read).map(|docs| PartRead {
                    pieces: texts.len(),
                    docs,
                });
                (texts, read)
            }
        };
        match read {
            Some(read) => reads.push(read),
            None => recordable = false,
        }
        items.extend(texts);
    }
    let mut file = super::assemble(path, header, items);
    file.emitted = recordable.then(|| {
        let mut docs: Vec<(u32, u64)> = reads.iter().flat_map(|r| r.docs.clone()).collect();
        docs.sort_unstable();
        docs.dedup();
        Emitted {
            key,
            docs,
            parts: reads,
        }
    });
    Some(file)
}

/// The structure of `api`, with its docs numbered.
pub(crate) fn structure(api: &Api) -> Structure {
    Structure::of(api, xxhash_rust::xxh3::Xxh3::new())
}

/// The keys of emitting the jobs of one crate with `opts` and `header` from a model of this
/// structure: what they share hashed once, the job added per file.
pub(crate) struct JobKeys {
    /// The shared part for the files that name the crate's version.
    versioned: Hasher,
    /// The same with the version left out, for the files that do not name it.
    plain: Hasher,
}

impl JobKeys {
    pub(crate) fn new(
        structure: &Structure,
        header: &str,
        opts: &crate::emit::CrateOptions,
    ) -> JobKeys {
        use std::fmt::Write as _;
        let shared = |opts: &crate::emit::CrateOptions| {
            let mut h = Hasher::new();
            h.bytes(FORMATTER.as_bytes());
            h.bytes(&structure.key.to_le_bytes());
            h.bytes(header.as_bytes());
            let _ = writeln!(h, "{opts:?}");
            h
        };
        let unversioned = crate::emit::CrateOptions {
            version: String::new(),
            ..opts.clone()
        };
        JobKeys {
            versioned: shared(opts),
            plain: shared(&unversioned),
        }
    }

    /// The key of emitting `job`.
    pub(crate) fn of(&self, job: &crate::emit::Job) -> u64 {
        use std::fmt::Write as _;
        let mut h = if job.names_the_version() {
            self.versioned.clone()
        } else {
            self.plain.clone()
        };
        let _ = write!(h, "{job:?}");
        h.finish()
    }
}

/// Appends the index lines of an emission (after its file's line): `emitted <key> <docs>`, then
/// `part <pieces> <docs>` for each part, docs as `<number>:<hash>`.
pub(super) fn save(text: &mut String, emitted: &Emitted) {
    use std::fmt::Write as _;
    let docs = |text: &mut String, docs: &[(u32, u64)]| {
        for (number, hash) in docs {
            let _ = write!(text, " {number}:{hash:016x}");
        }
        text.push('\n');
    };
    let _ = write!(text, "emitted {:016x}", emitted.key);
    docs(text, &emitted.docs);
    for part in &emitted.parts {
        let _ = write!(text, "part {}", part.pieces);
        docs(text, &part.docs);
    }
}

/// The docs of an index line: `<number>:<hash>` separated by spaces.
fn read_docs<'t>(parts: impl Iterator<Item = &'t str>) -> Option<Vec<(u32, u64)>> {
    parts
        .map(|part| {
            let (n, h) = part.split_once(':')?;
            Some((n.parse::<u32>().ok()?, u64::from_str_radix(h, 16).ok()?))
        })
        .collect()
}

impl Cache {
    /// The file of the recorded emission with this key, when the docs it read are unchanged in
    /// `structure` and the file is intact on disk. Its text is moved out of the cache: asked
    /// again (a second run with the same cache), the file is emitted.
    pub(super) fn emitted(&self, key: u64, structure: &Structure) -> Option<Formatted> {
        let path = self.emitted_by_key.get(&key)?;
        let emitted = self.emitted_by_path.get(path)?;
        if emitted.key != key || !structure.unchanged(&emitted.docs) {
            return None;
        }
        let entry = self.entries.get(path)?;
        Some(Formatted {
            path: path.clone(),
            text: entry.take()?,
            key: entry.key,
            chunks: entry.pieces.clone(),
            emitted: Some(emitted.clone()),
            read_from: Some(self.dir.join(path)),
        })
    }

    /// Reads an `emitted <key> <number>:<hash> ...` line of the intact file `path`; whether it
    /// reads.
    pub(super) fn load_emitted(&mut self, path: &str, line: &str) -> bool {
        let mut parts = line.split(' ');
        let Some(key) = parts.next().and_then(|k| u64::from_str_radix(k, 16).ok()) else {
            return false;
        };
        let Some(docs) = read_docs(parts) else {
            return false;
        };
        self.emitted_by_key.insert(key, path.to_owned());
        self.emitted_by_path.insert(
            path.to_owned(),
            Emitted {
                key,
                docs,
                parts: Vec::new(),
            },
        );
        true
    }

    /// Reads a `part <pieces> <number>:<hash> ...` line of the emission of the intact file
    /// `path`; whether it reads.
    pub(super) fn load_part(&mut self, path: &str, line: &str) -> bool {
        let mut parts = line.split(' ');
        let Some(pieces) = parts.next().and_then(|n| n.parse().ok()) else {
            return false;
        };
        let (Some(docs), Some(emitted)) = (read_docs(parts), self.emitted_by_path.get_mut(path))
        else {
            return false;
        };
        emitted.parts.push(PartRead { pieces, docs });
        true
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The text of `spec/calls.yaml` and the options this repository generates it with.
    fn calls() -> (String, crate::Options) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let spec = std::path::Path::new("spec/calls.yaml");
        let options = crate::project::options(
            &root,
            spec,
            std::path::Path::new("generated"),
            None,
            crate::Selection::default(),
        );
        (std::fs::read_to_string(root.join(spec)).unwrap(), options)
    }

    /// The crate generated from `text` written into a scratch folder `dir` (named after `name`),
    /// with its format cache saved: (dir, the crate folder, the index, the output).
    fn written(
        text: &str,
        options: &crate::Options,
        name: &str,
    ) -> (
        std::path::PathBuf,
        std::path::PathBuf,
        std::path::PathBuf,
        crate::Output,
    ) {
        let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        let (out, index) = (dir.join("crate"), dir.join("index"));
        let output = crate::generate(text, options).unwrap();
        crate::write::write(&out, &output.files).unwrap();
        Cache::save(&index, "t", 0, &output).unwrap();
        (dir, out, index, output)
    }

    /// The named model of `text` (stages 1 to 3).
    fn named(text: &str, options: &crate::Options) -> Api {
        let doc = crate::load::load(text, &options.overlays).unwrap();
        let mut api = crate::lower::lower(&doc, &options.selection).unwrap();
        crate::names::assign(&mut api).unwrap();
        api
    }

    /// The numbers of the markers `Zq<n>Zq` in `text`.
    fn markers(text: &str) -> BTreeSet<usize> {
        text.match_indices("Zq")
            .filter_map(|(at, _)| {
                let rest = &text[at + 2..];
                let digits = rest.find(|c: char| !c.is_ascii_digit())?;
                rest[digits..]
                    .starts_with("Zq")
                    .then(|| rest[..digits].parse().ok())?
            })
            .collect()
    }

    /// `yaml` with a marker `Zq<n>Zq` before every `description` and `summary` text.
    fn marked(yaml: &str) -> String {
        fn walk(v: &mut serde_yaml::Value, n: &mut usize) {
            match v {
                serde_yaml::Value::Mapping(m) => {
                    for (k, v) in m.iter_mut() {
                        let is_doc = matches!(k.as_str(), Some("description" | "summary"));
                        match v {
                            serde_yaml::Value::String(s) if is_doc => {
                                *n += 1;
                                *s = format!("Zq{n}Zq {s}");
                            }
                            _ => walk(v, n),
                        }
                    }
                }
                serde_yaml::Value::Sequence(items) => items.iter_mut().for_each(|v| walk(v, n)),
                _ => {}
            }
        }
        let mut value: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
        let mut n = 0;
        walk(&mut value, &mut n);
        assert!(n > 100, "{n} docs marked");
        serde_yaml::to_string(&value).unwrap()
    }

    /// Every doc text a file prints was noted as read by the file's emission: every description
    /// and summary of the Calls document is marked, every file is emitted, and each marker in a
    /// file must be in a doc its emission read (a doc printed but not noted would leave the file
    /// stale in a warm run after that doc changes).
    #[test]
    fn every_doc_a_file_prints_was_noted_as_read() {
        let (text, options) = calls();
        let api = named(&marked(&text), &options);
        let structure = structure(&api);
        let cx = crate::emit::Cx::for_crate(&api, &options.krate.name);
        // The markers in the docs an emission noted as read.
        let noted_in = |read: &[usize], what: &str| -> BTreeSet<usize> {
            structure
                .docs_read(read)
                .unwrap_or_else(|| panic!("{what}: read a doc outside the model"))
                .iter()
                .filter_map(|(n, _)| structure.texts[*n as usize].as_deref())
                .flat_map(markers)
                .collect()
        };
        let (mut printed_total, mut files, mut parts) = (0, 0, 0);
        for job in crate::emit::plan(&api) {
            let (file, read) = crate::model::recording(|| cx.emit(&options.krate, &job));
            let printed = match &file.content {
                crate::emit::Content::Rust(tokens) => markers(&tokens.to_string()),
                crate::emit::Content::Text(text) => markers(text),
            };
            let noted = noted_in(&read, &file.path);
            let missed: Vec<&usize> = printed.difference(&noted).collect();
            assert!(
                missed.is_empty(),
                "{}: printed but not noted: {missed:?}",
                file.path
            );
            printed_total += printed.len();
            files += 1;
            // The same of each part of a module's file, on its own.
            let crate::emit::Job::Module(module) = &job else {
                continue;
            };
            for part in cx.module_parts(module).unwrap_or_default() {
                let (tokens, read) = crate::model::recording(|| cx.emit_part(module, &part));
                let printed = markers(&tokens.to_string());
                let noted = noted_in(&read, &format!("{module} {part:?}"));
                let missed: Vec<&usize> = printed.difference(&noted).collect();
                assert!(
                    missed.is_empty(),
                    "{module} {part:?}: printed but not noted: {missed:?}"
                );
                parts += 1;
            }
        }
        assert!(parts > 50, "{parts} parts");
        // The check saw the docs: most are printed somewhere.
        assert!(
            files > 10 && printed_total > 500,
            "{files} files, {printed_total} markers"
        );
    }

    /// After a change of one operation's wording, every file but that operation's module (and
    /// the files that name the version) is taken from the cache; after a change of structure,
    /// none is.
    #[test]
    fn a_wording_change_reemits_only_the_files_that_print_it() {
        let (text, options) = calls();
        let (dir, out, index, output) = written(&text, &options, "emitted");
        let reused = |text: &str| -> Vec<String> {
            let cache = Cache::load(&index, &out, "t");
            let api = named(text, &options);
            let structure = structure(&api);
            let header = super::super::header(&options.krate.source_label);
            let keys = JobKeys::new(&structure, &header, &options.krate);
            crate::emit::plan(&api)
                .iter()
                .filter_map(|job| {
                    let key = keys.of(job);
                    cache.emitted(key, &structure).map(|f| f.path)
                })
                .collect()
        };
        let all = reused(&text);
        assert_eq!(
            all.len(),
            output
                .files
                .iter()
                .filter(|f| f.path != crate::changes::DIGEST_FILE
                    && f.path != crate::changes::CHANGES_FILE)
                .count(),
            "{all:?}"
        );
        let summary = "Begins a recording of a call in progress.";
        assert!(text.contains(summary));
        let some = reused(&text.replace(summary, "Starts recording a live call."));
        let missing: Vec<&String> = all.iter().filter(|p| !some.contains(p)).collect();
        assert_eq!(missing, ["src/recordings.rs"]);
        let structure_changed =
            reused(&text.replace("                Byoc:\n", "                ByocX:\n"));
        assert!(structure_changed.is_empty(), "{structure_changed:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// After a change of one operation's wording, its module's file is rendered from the parts
    /// the cache recorded, emitting again only the parts that print that wording, and is the
    /// file a rendering without the cache gives: same text, key, pieces and recorded emission.
    #[test]
    fn a_wording_change_reemits_only_the_parts_that_print_it() {
        let (text, options) = calls();
        let (dir, out, index, _) = written(&text, &options, "parts");
        let summary = "Begins a recording of a call in progress.";
        assert!(text.contains(summary));
        let edited = text.replace(summary, "Starts recording a live call.");
        let api = named(&edited, &options);
        let structure = structure(&api);
        let cx = crate::emit::Cx::for_crate(&api, &options.krate.name);
        let render = |cache: &Cache| {
            let job = crate::emit::Job::Module("recordings".to_owned());
            PARTS_EMITTED.with(|n| n.set(0));
            let mut files =
                super::super::render_jobs(&cx, &structure, &options.krate, vec![job], cache, 1)
                    .unwrap();
            (files.remove(0), PARTS_EMITTED.with(std::cell::Cell::get))
        };
        let (warm, emitted) = render(&Cache::load(&index, &out, "t"));
        let (cold, all) = render(&Cache::default());
        assert!(warm.text.contains("Starts recording a live call."));
        assert_eq!(
            (&warm.text, warm.key, &warm.chunks, &warm.emitted),
            (&cold.text, cold.key, &cold.chunks, &cold.emitted)
        );
        let parts = cx.module_parts("recordings").unwrap().len();
        assert_eq!(all, parts);
        assert!(
            parts > 10 && (1..=2).contains(&emitted),
            "{emitted} of {parts} parts emitted"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

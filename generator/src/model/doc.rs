//! Documentation text in the model, and which of it each emitted file reads.
//!
//! A warm run after a documentation change should emit only the files that print the changed
//! text. So the model is split in two for the emit cache (`format/emitted.rs`): its *structure*,
//! everything but documentation, hashed as a whole by [`Structure::of`], and its documentation,
//! [`Doc`] values, each hashed on its own. Emitters can read a `Doc` only through its methods,
//! and every read made while a file is emitted ([`recording`]) is noted, so the file's key is the
//! structure plus the texts it actually read: nothing to declare, nothing to forget. A read the
//! note cannot place (a `Doc` that is not in the model being emitted, such as a copy) makes the
//! file uncacheable instead of wrong.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Documentation from the spec (a description, summary or meaning), if any.
#[derive(Clone, Default)]
pub struct Doc(Option<String>);

impl Doc {
    /// The text, noted as read by the file being emitted on this thread (if any).
    pub fn get(&self) -> Option<&str> {
        note(self);
        self.0.as_deref()
    }

    /// The same as [`get`](Doc::get), named as on the `Option<String>` a doc was before.
    pub fn as_deref(&self) -> Option<&str> {
        self.get()
    }

    /// The text, taken out.
    pub fn into_text(self) -> Option<String> {
        self.0
    }
}

impl From<Option<String>> for Doc {
    fn from(text: Option<String>) -> Doc {
        Doc(text)
    }
}

impl From<String> for Doc {
    fn from(text: String) -> Doc {
        Doc(Some(text))
    }
}

/// Printed as the text it holds (`Some("...")` or `None`), as before it was a type of its own;
/// a read.
impl std::fmt::Debug for Doc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// Comparing texts reads both.
impl PartialEq for Doc {
    fn eq(&self, other: &Doc) -> bool {
        self.get() == other.get()
    }
}

impl Eq for Doc {}

/// In a [`Structure`] walk, a doc adds nothing to the hash: it is listed in the walk's table
/// instead. Anywhere else it hashes as its text.
impl Hash for Doc {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let listed = WALK.with(|walk| match walk.borrow_mut().as_mut() {
            Some(walk) => {
                let ordinal = u32::try_from(walk.hashes.len()).unwrap_or(u32::MAX);
                walk.ordinals.insert(address(self), ordinal);
                walk.hashes.push(text_hash(self.0.as_deref()));
                #[cfg(test)]
                walk.texts.push(self.0.clone());
                true
            }
            None => false,
        });
        if !listed {
            self.0.hash(state);
        }
    }
}

/// The bounds of a check hash as their bits (`f64` is not `Hash`), so that the model hashes.
impl Hash for super::Checks {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.min_length, self.max_length, self.max_items).hash(state);
        (
            self.minimum.map(f64::to_bits),
            self.maximum.map(f64::to_bits),
        )
            .hash(state);
    }
}

/// The structure of a model (everything but its docs) as one hash, and its docs, numbered in
/// the order of the walk: the same numbers for the same structure.
#[derive(Debug, Default)]
pub struct Structure {
    /// The hash of everything but the docs.
    pub key: u64,
    /// Each doc's number, by its address in the model walked (valid while it is borrowed).
    ordinals: HashMap<usize, u32>,
    /// The hash of each doc's text, by number.
    hashes: Vec<u64>,
    /// Each doc's text, by number (for tests).
    #[cfg(test)]
    pub(crate) texts: Vec<Option<String>>,
}

/// The docs a walk has met.
#[derive(Default)]
struct Walk {
    ordinals: HashMap<usize, u32>,
    hashes: Vec<u64>,
    #[cfg(test)]
    texts: Vec<Option<String>>,
}

thread_local! {
    /// The walk of [`Structure::of`] in progress on this thread.
    static WALK: RefCell<Option<Walk>> = const { RefCell::new(None) };
    /// The reads of the file being emitted on this thread: doc addresses.
    static READS: RefCell<Option<Vec<usize>>> = const { RefCell::new(None) };
}

impl Structure {
    /// Walks `value` (a model, with whatever else its emission depends on) with `hasher`.
    pub fn of<T: Hash + ?Sized>(value: &T, mut hasher: impl Hasher) -> Structure {
        WALK.with(|walk| *walk.borrow_mut() = Some(Walk::default()));
        value.hash(&mut hasher);
        let walk = WALK
            .with(|walk| walk.borrow_mut().take())
            .unwrap_or_default();
        Structure {
            key: hasher.finish(),
            ordinals: walk.ordinals,
            hashes: walk.hashes,
            #[cfg(test)]
            texts: walk.texts,
        }
    }

    /// The docs read at `addresses` as (number, text hash), sorted; `None` when one of them is
    /// not a doc of the walked model.
    pub fn docs_read(&self, addresses: &[usize]) -> Option<Vec<(u32, u64)>> {
        let mut out = Vec::with_capacity(addresses.len());
        for a in addresses {
            let ordinal = *self.ordinals.get(a)?;
            out.push((ordinal, *self.hashes.get(ordinal as usize)?));
        }
        out.sort_unstable();
        out.dedup();
        Some(out)
    }

    /// Whether every doc of `reads` (as [`docs_read`](Structure::docs_read) gave them, for a
    /// model of the same structure) still has the same text.
    pub fn unchanged(&self, reads: &[(u32, u64)]) -> bool {
        reads
            .iter()
            .all(|(ordinal, hash)| self.hashes.get(*ordinal as usize) == Some(hash))
    }
}

/// Runs `work` (the emission of one file) noting every doc it reads on this thread; its result
/// and the addresses read (each once).
pub fn recording<T>(work: impl FnOnce() -> T) -> (T, Vec<usize>) {
    let outer = READS.with(|reads| reads.borrow_mut().replace(Vec::new()));
    let result = work();
    let mut read = READS
        .with(|reads| std::mem::replace(&mut *reads.borrow_mut(), outer))
        .unwrap_or_default();
    read.sort_unstable();
    read.dedup();
    (result, read)
}

fn note(doc: &Doc) {
    READS.with(|reads| {
        if let Some(reads) = reads.borrow_mut().as_mut() {
            reads.push(address(doc));
        }
    });
}

fn address(doc: &Doc) -> usize {
    std::ptr::from_ref(doc) as usize
}

fn text_hash(text: Option<&str>) -> u64 {
    match text {
        None => 0,
        Some(t) => xxhash_rust::xxh3::xxh3_64(t.as_bytes()) | 1,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[derive(Hash)]
    struct Item {
        name: String,
        doc: Doc,
        parts: Vec<(u8, Doc)>,
    }

    fn item(name: &str, doc: &str, part: &str) -> Item {
        Item {
            name: name.into(),
            doc: Doc::from(doc.to_owned()),
            parts: vec![(1, Doc::default()), (2, Doc::from(part.to_owned()))],
        }
    }

    fn structure(item: &Item) -> Structure {
        Structure::of(item, std::hash::DefaultHasher::new())
    }

    #[test]
    fn the_structure_leaves_the_docs_out_and_numbers_them_in_order() {
        let (a, b, c) = (
            item("a", "one", "x"),
            item("a", "two", "y"),
            item("b", "one", "x"),
        );
        let (sa, sb, sc) = (structure(&a), structure(&b), structure(&c));
        assert_eq!(sa.key, sb.key);
        assert_ne!(sa.key, sc.key);
        assert_eq!(sa.texts.len(), 3);
        // Outside a walk a doc hashes as its text.
        let plain = |i: &Item| {
            let mut h = std::hash::DefaultHasher::new();
            i.hash(&mut h);
            h.finish()
        };
        assert_ne!(plain(&a), plain(&b));
        let ((), read) = recording(|| {
            assert_eq!(a.doc.get(), Some("one"));
            assert!(a.parts[0].1.get().is_none());
        });
        let reads = sa.docs_read(&read).unwrap();
        assert_eq!(reads.iter().map(|r| r.0).collect::<Vec<_>>(), [0, 1]);
        // Same texts where it read: unchanged; the third doc differs but was not read.
        let (sb_reads, sb_all) = (sb.unchanged(&reads), sb.docs_read(&[]).unwrap());
        assert!(!sb_reads, "the first doc changed from `one` to `two`");
        assert!(sb_all.is_empty());
        let d = item("a", "one", "changed");
        assert!(structure(&d).unchanged(&reads));
    }

    #[test]
    fn a_read_of_a_doc_outside_the_model_cannot_be_placed() {
        let a = item("a", "one", "x");
        let s = structure(&a);
        let copy = a.doc.clone();
        let ((), read) = recording(|| {
            let _ = copy.get();
        });
        assert_eq!(read.len(), 1);
        assert!(s.docs_read(&read).is_none());
        // Nothing is noted outside a recording, and recordings nest.
        let ((), outer) = recording(|| {
            let ((), inner) = recording(|| {
                let _ = a.doc.get();
            });
            assert_eq!(inner.len(), 1);
        });
        assert!(outer.is_empty());
    }
}

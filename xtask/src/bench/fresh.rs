//! New output folders for the cold runs of `cargo xtask bench`, removed together when the bench
//! ends: a cold run writes into a folder that never held files, rather than into one just emptied.
//!
//! Why: this machine's root filesystem is ext4 without a journal, and there ext4 skips, for every
//! inode it allocates, each free inode of the block group that was deleted in the last minute or
//! so (`recently_deleted` in `fs/ext4/ialloc.c`; with a journal the check is not made). Removing a
//! crate and generating it again, round after round, made each round's new files walk past every
//! file the earlier rounds removed: the 10,000-operation document's kernel time went 0.9, 2.0 and
//! 2.1 s over three remove-and-regenerate runs (its wall time 2.6, 3.7 and 4.0 s), against 0.4 to
//! 0.5 s (2.4 s) for three runs into new folders; all 55 of Twilio's documents spent up to 1.6 s of
//! kernel time in one run after a few rounds, against 0.2 s. That is the harness's own deleting,
//! not the generator's work, so the bench deletes nothing until its measurements are done.

use std::path::{Path, PathBuf};

/// New, empty output folders under `target/bench/cold-<process id>/`, and their format-cache
/// indexes (which live in `target/codegen-cache/` for folders inside the workspace), all removed
/// on drop, with those of earlier benches that were interrupted.
pub(super) struct Fresh {
    root: PathBuf,
    target: PathBuf,
    dir: PathBuf,
    made: usize,
}

impl Fresh {
    pub(super) fn new(root: &Path, target: &Path) -> Fresh {
        Fresh {
            root: root.to_path_buf(),
            target: target.to_path_buf(),
            dir: target
                .join("bench")
                .join(format!("cold-{}", std::process::id())),
            made: 0,
        }
    }

    /// A folder named after `name` that does not exist yet (nor does its cache index).
    pub(super) fn next(&mut self, name: &str) -> PathBuf {
        self.made += 1;
        self.dir.join(format!("{name}-{}", self.made))
    }
}

impl Drop for Fresh {
    fn drop(&mut self) {
        let Ok(entries) = std::fs::read_dir(self.target.join("bench")) else {
            return;
        };
        let mut prefixes = Vec::new();
        for dir in entries.flatten().map(|e| e.path()) {
            let ours = dir
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("cold-"));
            if ours && dir.is_dir() {
                // The cache index of `<dir>/<crate>` is `target/codegen-cache/<dir>_<crate>.idx`,
                // with every character but letters and digits made `_` (see
                // `project::format_cache_index`): one prefix covers the folder's crates.
                let probe = twilio_codegen::project::format_cache_index(&self.root, &dir.join("x"));
                if let Some(prefix) = probe
                    .file_name()
                    .and_then(|n| n.to_str())
                    .and_then(|n| n.strip_suffix("x.idx"))
                {
                    prefixes.push(prefix.to_owned());
                }
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
        let Ok(indexes) = std::fs::read_dir(self.target.join("codegen-cache")) else {
            return;
        };
        for index in indexes.flatten() {
            let name = index.file_name();
            let name = name.to_string_lossy();
            if prefixes.iter().any(|p| name.starts_with(p.as_str())) {
                let _ = std::fs::remove_file(index.path());
            }
        }
    }
}

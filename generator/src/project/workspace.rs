//! Whether a generated crate lives inside someone else's cargo workspace.
//!
//! Cargo looks for a package's workspace by walking up from its folder to the first `Cargo.toml`
//! with a `[workspace]` table. A generated crate found that way must not declare `[workspace]`
//! itself ("multiple workspace roots found in the same workspace") unless that workspace
//! `exclude`s it; a crate with no workspace above it declares its own, so that it builds alone.
//! The decision is made from the folders on every run, so regeneration keeps it.

use std::path::{Path, PathBuf};

use super::relative;

/// The cargo workspace around a crate folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Enclosing {
    /// No workspace above takes the crate in: it declares its own `[workspace]`.
    Own,
    /// The workspace at `root` lists the crate in `members`.
    Member {
        /// The folder of the workspace's `Cargo.toml`.
        root: PathBuf,
    },
    /// The workspace at `root` would take the crate in, but does not list it yet: the user adds
    /// `member` to its `members` (or depends on the crate by path from a member).
    Unlisted {
        /// The folder of the workspace's `Cargo.toml`.
        root: PathBuf,
        /// The crate's folder relative to `root`, as `members` names it.
        member: String,
    },
}

/// The workspace around the crate folder `out` (absolute). A `Cargo.toml` that does not parse is
/// passed over (cargo will say what is wrong with it).
pub fn enclosing(out: &Path) -> Enclosing {
    for dir in out.ancestors().skip(1) {
        let Ok(text) = std::fs::read_to_string(dir.join("Cargo.toml")) else {
            continue;
        };
        let Ok(doc) = text.parse::<toml_edit::DocumentMut>() else {
            continue;
        };
        let Some(workspace) = doc.get("workspace").and_then(|w| w.as_table_like()) else {
            continue;
        };
        let list = |key: &str| -> Vec<String> {
            workspace
                .get(key)
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        // Cargo's rule: an excluded path excludes everything under it.
        if list("exclude")
            .iter()
            .any(|ex| out.starts_with(super::absolute(dir, Path::new(ex))))
        {
            return Enclosing::Own;
        }
        let member = relative(dir, out);
        let root = dir.to_path_buf();
        return if list("members").iter().any(|m| glob_match(m, &member)) {
            Enclosing::Member { root }
        } else {
            Enclosing::Unlisted { root, member }
        };
    }
    Enclosing::Own
}

/// The root of the workspace the crate at `out` belongs to (its own folder when it is its own).
pub fn workspace_root_of(out: &Path) -> PathBuf {
    enclosing(out).root(out)
}

/// What the user must do for the crate at `out` to build, if anything: add it to the members of
/// the workspace around it.
pub fn workspace_note(out: &Path) -> Option<String> {
    enclosing(out).note(out)
}

impl Enclosing {
    /// The root of the workspace the crate at `out` belongs to (`out` when it is its own).
    pub fn root(&self, out: &Path) -> PathBuf {
        match self {
            Enclosing::Own => out.to_path_buf(),
            Enclosing::Member { root } | Enclosing::Unlisted { root, .. } => root.clone(),
        }
    }

    /// [`workspace_note`] of the crate at `out` in this workspace.
    pub fn note(&self, out: &Path) -> Option<String> {
        let Enclosing::Unlisted { root, member } = self else {
            return None;
        };
        Some(format!(
            "{} is inside the cargo workspace of {}, which does not list it: add \"{member}\" to \
             `members` in its `[workspace]` (or depend on the crate by path from a member, which \
             makes it one). To keep it a workspace of its own instead, add \"{member}\" to \
             `exclude` and run the command again.",
            out.display(),
            root.join("Cargo.toml").display(),
        ))
    }
}

/// Whether the `members` entry `pattern` (a path with `*` and `?` wildcards within a segment,
/// as cargo's globs) names the folder `path` (both relative to the workspace root, `/`-separated).
fn glob_match(pattern: &str, path: &str) -> bool {
    let clean = |s: &str| -> Vec<String> {
        s.split(['/', '\\'])
            .filter(|p| !p.is_empty() && *p != ".")
            .map(str::to_owned)
            .collect()
    };
    let (pattern, path) = (clean(pattern), clean(path));
    pattern.len() == path.len()
        && pattern
            .iter()
            .zip(&path)
            .all(|(p, s)| segment_match(p.as_bytes(), s.as_bytes()))
}

fn segment_match(pattern: &[u8], text: &[u8]) -> bool {
    match (pattern.split_first(), text.split_first()) {
        (None, None) => true,
        (Some((b'*', rest)), _) => {
            segment_match(rest, text)
                || text
                    .split_first()
                    .is_some_and(|(_, t)| segment_match(pattern, t))
        }
        (Some((b'?', rest)), Some((_, t))) => segment_match(rest, t),
        (Some((p, rest)), Some((c, t))) => p == c && segment_match(rest, t),
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("twilio-codegen-ws-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn members_globs_match_like_cargo() {
        assert!(glob_match("crates/*", "crates/twilio"));
        assert!(glob_match("./twilio", "twilio"));
        assert!(glob_match("tw?lio", "twilio"));
        assert!(!glob_match("crates/*", "crates/a/b"));
        assert!(!glob_match("app", "twilio"));
    }

    #[test]
    fn the_enclosing_workspace_decides_the_same_way_every_time() {
        let dir = temp("enclosing");
        let out = dir.join("clients/twilio");
        // No workspace above: its own.
        assert_eq!(enclosing(&out), Enclosing::Own);
        assert_eq!(workspace_note(&out), None);
        // A workspace above that does not list it: a note saying what to add.
        std::fs::write(dir.join("Cargo.toml"), "[workspace]\nmembers = [\"app\"]\n").unwrap();
        assert_eq!(
            enclosing(&out),
            Enclosing::Unlisted {
                root: dir.clone(),
                member: "clients/twilio".to_owned()
            }
        );
        let note = workspace_note(&out).unwrap();
        assert!(
            note.contains("add \"clients/twilio\" to `members`"),
            "{note}"
        );
        // Listed by a glob.
        std::fs::write(
            dir.join("Cargo.toml"),
            "[workspace]\nmembers = [\"app\", \"clients/*\"]\n",
        )
        .unwrap();
        assert_eq!(enclosing(&out), Enclosing::Member { root: dir.clone() });
        assert_eq!(workspace_root_of(&out), dir);
        // Excluded (everything under an excluded path is): its own again.
        std::fs::write(
            dir.join("Cargo.toml"),
            "[workspace]\nmembers = [\"clients/*\"]\nexclude = [\"clients\"]\n",
        )
        .unwrap();
        assert_eq!(enclosing(&out), Enclosing::Own);
        assert_eq!(workspace_root_of(&out), out);
        // A package manifest without `[workspace]` is passed over.
        std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
        assert_eq!(enclosing(&out), Enclosing::Own);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

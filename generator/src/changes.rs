//! What a run of `cargo xtask codegen` changed for the crate's users, kept in the crate itself:
//! the API digest of the previous run (`api-digest.txt`, see [`diff::Surface`]) is compared with
//! the new one, the crate's version is raised by semver, and the report is added on top of
//! `CHANGES.md` (newest first), where a reviewer reads it in the pull request's diff.
//!
//! No git is needed: everything compared is in the output folder.

use std::path::Path;

use crate::diff::{self, Level, Report, Surface};
use crate::format::{self, Formatted};
use crate::{Error, Options, Output};

/// The API digest's file name, at the crate root.
pub const DIGEST_FILE: &str = "api-digest.txt";
/// The change log's file name, at the crate root.
pub const CHANGES_FILE: &str = "CHANGES.md";
/// The version of a crate generated for the first time.
pub const FIRST_VERSION: &str = "0.1.0";

/// What the previous run left in the output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Previous {
    /// `version` of `[package]` in its `Cargo.toml`.
    pub version: Option<String>,
    /// Its API digest.
    pub digest: Option<String>,
    /// Its change log.
    pub changes: Option<String>,
}

impl Previous {
    /// Reads the crate at `out` (a folder that does not exist yet has no previous run).
    pub fn read(out: &Path) -> Previous {
        let read = |name: &str| std::fs::read_to_string(out.join(name)).ok();
        Previous {
            version: read("Cargo.toml").as_deref().and_then(package_version),
            digest: read(DIGEST_FILE),
            changes: read(CHANGES_FILE),
        }
    }

    /// The version of the crate at `out` alone (its `Cargo.toml`, not the digest and change log).
    pub fn version_at(out: &Path) -> Option<String> {
        package_version(&std::fs::read_to_string(out.join("Cargo.toml")).ok()?)
    }
}

/// A generated crate with what changed since the previous run.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The files, `CHANGES.md` and `api-digest.txt` included.
    pub output: Output,
    /// The changes since the previous digest; `None` when there was no previous digest (or it
    /// could not be read, which is said in the warnings).
    pub report: Option<Report>,
    /// The version before this run.
    pub old_version: String,
    /// The version written.
    pub version: String,
}

impl Generated {
    /// One line for the terminal: what the run changed for users and the version it sets.
    pub fn summary(&self, crate_name: &str) -> String {
        match &self.report {
            None => format!("{crate_name} {}: API digest started", self.version),
            Some(r) if r.level().is_none() => {
                format!("{crate_name} {}: no change to the public API", self.version)
            }
            Some(r) => format!(
                "{crate_name} {} -> {}: {}",
                self.old_version,
                self.version,
                r.summary()
            ),
        }
    }
}

/// Runs the generator with the crate's history: the version starts from the previous one and is
/// raised by the level of the changes, and `CHANGES.md` gets an entry when anything changed.
pub fn generate(
    spec_text: &str,
    options: &Options,
    cache: &format::Cache,
    previous: &Previous,
) -> Result<Generated, Error> {
    generate_with(
        spec_text,
        options,
        cache,
        previous,
        crate::parallel::threads(),
    )
}

/// [`generate`] on at most `threads` threads (see [`crate::generate_with`]).
pub fn generate_with(
    spec_text: &str,
    options: &Options,
    cache: &format::Cache,
    previous: &Previous,
    threads: usize,
) -> Result<Generated, Error> {
    let old_version = previous
        .version
        .clone()
        .unwrap_or_else(|| FIRST_VERSION.to_owned());
    let mut options = options.clone();
    options.krate.version = old_version.clone();
    // The old digest is read once (by `decide`, beside the files, or after a replayed run); the
    // new surface comes from the model in memory, and the version it calls for is decided
    // before anything is emitted, so that the files are emitted once, with that version.
    let old_digest = std::sync::OnceLock::new();
    let old_surface =
        || old_digest.get_or_init(|| previous.digest.as_deref().map(Surface::from_digest));
    let decided = std::sync::Mutex::new(None);
    let decide = |new: &Surface| {
        let report = match old_surface() {
            Some(Ok(old)) => Some(diff::compare(old, new)),
            _ => None,
        };
        let version = match report.as_ref().and_then(Report::level) {
            Some(level) => next_version(&old_version, level),
            None => old_version.clone(),
        };
        let krate = (version != old_version).then(|| crate::CrateOptions {
            version: version.clone(),
            ..options.krate.clone()
        });
        if let Ok(mut slot) = decided.lock() {
            *slot = Some(report);
        }
        krate
    };
    let mut output = crate::generate_with(spec_text, &options, cache, &decide, threads)?;
    let decided = decided.into_inner().ok().flatten();
    let replayed = decided.is_none();
    let report = match old_surface() {
        None => None,
        Some(Err(e)) => {
            output.warnings.push(crate::Warning {
                pointer: "#".to_owned(),
                message: format!(
                    "{DIGEST_FILE} of the previous run cannot be read ({e}): no change report"
                ),
            });
            None
        }
        // The report `decide` made from the model.
        Some(Ok(_)) if decided.is_some() => decided.flatten(),
        // A replayed run (which did not call `decide`): from the digest it replayed.
        Some(Ok(old)) => {
            let new = output
                .files
                .iter()
                .find(|f| f.path == DIGEST_FILE)
                .map(|f| Surface::from_digest(&f.text));
            match new {
                Some(Ok(new)) => Some(diff::compare(old, &new)),
                _ => None,
            }
        }
    };
    let version = match report.as_ref().and_then(Report::level) {
        Some(level) => next_version(&old_version, level),
        None => old_version.clone(),
    };
    options.krate.version = version.clone();
    if replayed && version != old_version {
        // A replayed run whose version must still rise: emitted again with that version.
        let warnings = std::mem::take(&mut output.warnings);
        output = crate::generate_cached(spec_text, &options, cache)?;
        output.warnings = warnings;
    }
    let changes = match (&report, &previous.changes) {
        (Some(r), old) if r.level().is_some() => {
            let entry = entry(&version, &options, r, &output.coverage.overlays);
            prepend(old.as_deref(), &options.krate.name, &entry)
        }
        (_, Some(old)) => old.clone(),
        (_, None) => prepend(None, &options.krate.name, &first_entry(&version)),
    };
    output.files.retain(|f| f.path != CHANGES_FILE);
    output.files.push(Formatted::plain(CHANGES_FILE, changes));
    output.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Generated {
        output,
        report,
        old_version,
        version,
    })
}

/// The version after a change of `level`, by Cargo's semver rules: below 1.0 the minor number is
/// the breaking one (`0.3.1` → `0.4.0` for major, `0.3.2` for minor and patch).
pub fn next_version(version: &str, level: Level) -> String {
    let mut parts = version
        .split(['-', '+'])
        .next()
        .unwrap_or(version)
        .split('.')
        .map(|p| p.parse::<u64>().unwrap_or(0));
    let (major, minor, patch) = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    match (major, level) {
        (0, Level::Major) => format!("0.{}.0", minor + 1),
        (0, _) => format!("0.{minor}.{}", patch + 1),
        (_, Level::Major) => format!("{}.0.0", major + 1),
        (_, Level::Minor) => format!("{major}.{}.0", minor + 1),
        (_, Level::Patch) => format!("{major}.{minor}.{}", patch + 1),
    }
}

/// `version` of the `[package]` table of a manifest.
fn package_version(manifest: &str) -> Option<String> {
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if let Some(value) = line.strip_prefix("version").filter(|_| in_package) {
            let value = value.trim_start().strip_prefix('=')?.trim();
            return Some(value.trim_matches('"').to_owned());
        }
    }
    None
}

const PREAMBLE: &str = "Written by `cargo xtask codegen` from the changes of the crate's public API \
(compared with the previous run's `api-digest.txt`); newest first. Levels follow the generator's \
mapping: see `twilio_codegen::diff`.";

fn entry(
    version: &str,
    options: &Options,
    report: &Report,
    overlays: &[crate::coverage::OverlayAddition],
) -> String {
    let source = &options.krate.source_label;
    let mut out = format!(
        "## {version}\n\nFrom `{source}`: {}\n",
        report.to_markdown()
    );
    // What is not in the document itself: the webhook payloads the overlays declared.
    for o in overlays {
        out.push_str(&format!(
            "\nAdded by the overlay `{}` (not in `{source}` itself): the webhook payloads {}.\n",
            o.label,
            o.payloads
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out
}

fn first_entry(version: &str) -> String {
    format!("## {version}\n\nFirst generated version.\n")
}

/// The change log with `entry` on top of the entries of `old`.
fn prepend(old: Option<&str>, crate_name: &str, entry: &str) -> String {
    let entries = old
        .and_then(|text| {
            text.find("\n## ")
                .map(|at| text.get(at + 1..).unwrap_or_default())
        })
        .unwrap_or_default();
    let mut out = format!(
        "# Changes of {crate_name}\n\n{PREAMBLE}\n\n{}\n",
        entry.trim_end()
    );
    if !entries.is_empty() {
        out.push('\n');
        out.push_str(entries);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_follow_cargo_semver() {
        assert_eq!(next_version("0.1.0", Level::Major), "0.2.0");
        assert_eq!(next_version("0.1.0", Level::Minor), "0.1.1");
        assert_eq!(next_version("0.1.3", Level::Patch), "0.1.4");
        assert_eq!(next_version("1.2.3", Level::Major), "2.0.0");
        assert_eq!(next_version("1.2.3", Level::Minor), "1.3.0");
        assert_eq!(next_version("1.2.3", Level::Patch), "1.2.4");
    }

    #[test]
    fn reads_the_package_version() {
        let manifest =
            "[package]\nname = \"x\"\nversion = \"0.3.1\"\n[dependencies]\nversion = \"9\"\n";
        assert_eq!(package_version(manifest).as_deref(), Some("0.3.1"));
        assert_eq!(package_version("[dependencies]\nversion = \"1\"\n"), None);
    }

    #[test]
    fn new_entries_go_on_top() {
        let first = prepend(None, "c", "## 0.1.0\n\nFirst.\n");
        let second = prepend(Some(&first), "c", "## 0.2.0\n\nSecond.\n");
        let a = second.find("## 0.2.0").unwrap_or(usize::MAX);
        let b = second.find("## 0.1.0").unwrap_or(0);
        assert!(a < b, "{second}");
        assert_eq!(second.matches("# Changes of c").count(), 1);
    }
}

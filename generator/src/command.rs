//! The `codegen` command, one function for both of its front ends: `cargo xtask codegen` (inside
//! this repository, with its table of clients [`project::CLIENTS`]) and the installed
//! `twilio-codegen` command (anywhere, for any document). Both parse the same [`CodegenArgs`] and
//! call [`run`], so their options and output cannot drift.

use std::path::{Path, PathBuf};

use crate::{Selection, format, project};

/// The options of the command. With the `cli` feature (on by default) they are also clap
/// arguments, flattened into both front ends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
pub struct CodegenArgs {
    /// One OpenAPI document (YAML or JSON), relative to the current directory. Required, except
    /// for `cargo xtask codegen` in the generator's repository, which without it (and without
    /// `--out`) regenerates every client of its table.
    #[cfg_attr(feature = "cli", arg(long))]
    pub spec: Option<PathBuf>,
    /// The crate folder to write, relative to the current directory (default: a folder named
    /// after the package; `cargo xtask codegen`: the spec's folder in its table, else
    /// `generated`).
    #[cfg_attr(feature = "cli", arg(long))]
    pub out: Option<PathBuf>,
    /// Package name of the generated crate (default: one made from the document's file name,
    /// `twilio_api_v2010.yaml` gives `twilio-api-v2010`; `cargo xtask codegen`: the table's name
    /// for the folder).
    #[cfg_attr(feature = "cli", arg(long))]
    pub crate_name: Option<String>,
    /// Depend on `twilio-runtime` by this path (relative to the current directory) as well as by
    /// version: for working on the runtime. Without it a crate outside the generator's repository
    /// names the runtime by version only.
    #[cfg_attr(feature = "cli", arg(long))]
    pub runtime_path: Option<PathBuf>,
    /// Only operations whose path starts with this (repeatable).
    #[cfg_attr(feature = "cli", arg(long = "paths-prefix"))]
    pub paths_prefix: Vec<String>,
    /// Only operations with this tag (repeatable).
    #[cfg_attr(feature = "cli", arg(long))]
    pub tag: Vec<String>,
    /// Write nothing; fail and name the files that differ from what would be generated.
    #[cfg_attr(feature = "cli", arg(long))]
    pub check: bool,
    /// Do not print warnings about constructs the generator passed over.
    #[cfg_attr(feature = "cli", arg(long))]
    pub quiet: bool,
}

/// Runs the command: generates (or, with `--check`, checks) every crate `args` names, printing
/// warnings, coverage and the change report on stderr. `repository` is this repository's root
/// when run as `cargo xtask codegen` (the table of clients applies), `None` for the installed
/// command. `Ok(false)` when a check found a stale crate; `Err` names what stopped the run.
pub fn run(args: &CodegenArgs, repository: Option<&Path>) -> Result<bool, String> {
    // Paths given on the command line are the user's: relative to where the command runs. The
    // table's paths are relative to the repository root.
    let here = std::env::current_dir().map_err(|e| format!("current directory: {e}"))?;
    let given = |p: &PathBuf| project::absolute(&here, p);
    let (spec, out) = (args.spec.as_ref().map(given), args.out.as_ref().map(given));
    if let Some(name) = &args.crate_name {
        project::check_package_name(name)?;
    }
    let jobs: Vec<(PathBuf, PathBuf)> = match (repository, spec, out) {
        (None, None, _) => {
            return Err("--spec is required: the OpenAPI document to generate from".to_owned());
        }
        (None, Some(spec), out) => {
            let out = out.unwrap_or_else(|| {
                here.join(
                    args.crate_name
                        .clone()
                        .unwrap_or_else(|| project::package_name_for(&spec)),
                )
            });
            vec![(spec, out)]
        }
        (Some(root), None, None) => {
            let unlisted = project::unlisted_specs(root).map_err(|e| format!("spec/: {e}"))?;
            if !unlisted.is_empty() {
                return Err(format!(
                    "{} not in the table of clients: add it to CLIENTS in generator/src/project.rs",
                    unlisted.join(", ")
                ));
            }
            project::CLIENTS
                .iter()
                .map(|c| (root.join(c.spec), root.join(c.out)))
                .collect()
        }
        (Some(root), Some(spec), None) => {
            let out = project::client_for_spec(root, &spec).map_or(project::DEFAULT_OUT, |c| c.out);
            vec![(spec, root.join(out))]
        }
        (Some(root), None, Some(out)) => {
            let spec =
                project::client_for_out(root, &out).map_or(project::DEFAULT_SPEC, |c| c.spec);
            vec![(root.join(spec), out)]
        }
        (Some(_), Some(spec), Some(out)) => vec![(spec, out)],
    };
    if args.crate_name.is_some() && jobs.len() > 1 {
        return Err("--crate-name needs --spec or --out (one crate)".to_owned());
    }
    let runtime_path = args.runtime_path.as_ref().map(given);
    let mut clean = true;
    for (spec, out) in &jobs {
        clean &= run_one(args, repository, spec, out, runtime_path.as_deref())?;
    }
    Ok(clean)
}

/// Generates (or checks) one crate: `spec` and `out` are absolute.
fn run_one(
    args: &CodegenArgs,
    repository: Option<&Path>,
    spec: &Path,
    out: &Path,
    runtime_path: Option<&Path>,
) -> Result<bool, String> {
    let text = std::fs::read_to_string(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let selection = Selection {
        path_prefixes: args.paths_prefix.clone(),
        tags: args.tag.clone(),
    };
    let place = project::Place {
        repository,
        runtime_path,
    };
    let options = project::options_at(&place, spec, out, args.crate_name.as_deref(), selection);
    let source_label = options.krate.source_label.clone();
    // A check formats everything (it must not trust anything on disk); a write reuses the text of
    // files whose tokens did not change since the last write by this same build.
    // Its index lives in the repository's `target/` for a crate inside it, else in the `target/`
    // of the crate's cargo workspace (`CARGO_TARGET_DIR` when set).
    let cache_index = match repository {
        Some(root) if out.starts_with(root) => project::format_cache_index(root, out),
        _ => project::format_cache_index(&project::workspace_root_of(out), out),
    };
    let stamp = build_stamp();
    let cache = if args.check {
        format::Cache::default()
    } else {
        format::Cache::load(&cache_index, out, &stamp)
    };
    // The previous run's API digest, version and change log, from the output folder: the run
    // reports what changed for users, raises the version and adds to CHANGES.md.
    let previous = crate::changes::Previous::read(out);
    let generated = crate::changes::generate(&text, &options, &cache, &previous)
        .map_err(|e| format!("{source_label}: {e}"))?;
    let summary = generated.summary(&options.krate.name);
    let output = generated.output;
    if !args.quiet {
        for w in &output.warnings {
            eprintln!("warning: {source_label}: {w}");
        }
    }
    eprintln!("{source_label}: {}", output.coverage);
    if args.check {
        let report = crate::write::check(out, &output.files).map_err(|e| e.to_string())?;
        if report.is_clean() {
            return Ok(true);
        }
        eprintln!("{summary}");
        for f in &report.changed {
            eprintln!("stale: {}", out.join(f).display());
        }
        for f in &report.removed {
            eprintln!("no longer generated: {}", out.join(f).display());
        }
        let command = if repository.is_some() {
            "cargo xtask codegen"
        } else {
            "twilio-codegen"
        };
        eprintln!(
            "{} is out of date with {source_label}: run `{command}`",
            out.display()
        );
        return Ok(false);
    }
    let report = crate::write::write(out, &output.files).map_err(|e| e.to_string())?;
    // Only a speed-up: a cache that cannot be written is a cold next run.
    let input = format::input_key(&text, &options);
    if let Err(e) = format::Cache::save(&cache_index, &stamp, input, &output) {
        eprintln!("warning: format cache not saved: {e}");
    }
    eprintln!("{summary}");
    eprintln!(
        "{}: {} written, {} removed, {} unchanged (of {} files, from {source_label})",
        out.display(),
        report.changed.len(),
        report.removed.len(),
        report.unchanged,
        output.files.len(),
    );
    if let Some(note) = project::workspace_note(out) {
        eprintln!("note: {note}");
    }
    Ok(true)
}

/// Identifies this build of the command (and so of the generator and its formatter): the size
/// and modification time of the executable. A rebuilt command starts with a cold format cache.
fn build_stamp() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}-{modified}", m.len())
        })
        .unwrap_or_else(|_| "unknown".to_owned())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn outside_the_repository_the_document_is_required() {
        let err = run(&CodegenArgs::default(), None).unwrap_err();
        assert!(err.contains("--spec is required"), "{err}");
    }

    #[test]
    fn a_package_name_cargo_refuses_stops_the_run_before_anything_is_read() {
        let args = CodegenArgs {
            spec: Some(PathBuf::from("/nonexistent/x_segments_2.0_v3.yaml")),
            crate_name: Some("x_segments_2.0_v3".to_owned()),
            ..CodegenArgs::default()
        };
        let err = run(&args, None).unwrap_err();
        assert!(
            err.contains("`x_segments_2.0_v3` cannot be a package name"),
            "{err}"
        );
    }
}

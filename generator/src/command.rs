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
    /// An OpenAPI Overlay 1.0 file applied to the spec before it is read, relative to the
    /// current directory (repeatable, applied in order, after the shipped overlays and, in this
    /// repository, those of the table's row).
    #[cfg_attr(feature = "cli", arg(long = "overlay", value_name = "FILE"))]
    pub overlay: Vec<PathBuf>,
    /// Do not apply the overlays the generator ships (`generator/overlays/`) to the documents they
    /// recognise.
    #[cfg_attr(feature = "cli", arg(long))]
    pub no_shipped_overlays: bool,
    /// Every OpenAPI document directly in this folder (`*.yaml`, `*.yml`, `*.json`), each into a
    /// crate folder of its own under `--out-dir`, named after its package (as without `--out`).
    /// The documents are spread over the cores in one process. A document that fails writes
    /// nothing and is named; the others are still written, and the command fails.
    #[cfg_attr(
        feature = "cli",
        arg(long, value_name = "DIR", conflicts_with_all = ["spec", "out", "crate_name", "overlay"])
    )]
    pub spec_dir: Option<PathBuf>,
    /// With `--spec-dir`: the folder the crates are written into (default: the current
    /// directory).
    #[cfg_attr(feature = "cli", arg(long, value_name = "DIR", requires = "spec_dir"))]
    pub out_dir: Option<PathBuf>,
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
    if args.spec_dir.is_some() && (spec.is_some() || out.is_some()) {
        return Err("--spec-dir cannot go with --spec or --out".to_owned());
    }
    if args.out_dir.is_some() && args.spec_dir.is_none() {
        return Err("--out-dir needs --spec-dir".to_owned());
    }
    let jobs: Vec<(PathBuf, PathBuf)> = match (repository, spec, out) {
        _ if args.spec_dir.is_some() => {
            let dir = args.spec_dir.as_ref().map(given).unwrap_or_default();
            let out_dir = args.out_dir.as_ref().map_or_else(|| here.clone(), given);
            documents_in(&dir)?
                .into_iter()
                .map(|spec| {
                    let out = out_dir.join(project::package_name_for(&spec));
                    (spec, out)
                })
                .collect()
        }
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
    if !args.overlay.is_empty() && jobs.len() > 1 {
        return Err("--overlay needs --spec or --out (one crate)".to_owned());
    }
    let runtime_path = args.runtime_path.as_ref().map(given);
    // Overlay files are named in messages relative to the repository (or the current directory).
    let overlay_root = repository.map_or_else(|| here.clone(), Path::to_path_buf);
    let user_overlays = project::read_overlays(
        &overlay_root,
        &args.overlay.iter().map(given).collect::<Vec<_>>(),
    )
    .map_err(|e| e.to_string())?;
    // The overlays of each job: the shipped ones, the table row's, then the command line's.
    let mut planned = Vec::with_capacity(jobs.len());
    for (spec, out) in jobs {
        let mut overlays = crate::Overlays {
            shipped: !args.no_shipped_overlays,
            extra: Vec::new(),
        };
        if let Some(root) = repository
            && let Some(client) = project::client_for_out(root, &out)
        {
            let files: Vec<PathBuf> = client.overlays.iter().map(PathBuf::from).collect();
            overlays.extra = project::read_overlays(root, &files).map_err(|e| e.to_string())?;
        }
        overlays.extra.extend(user_overlays.iter().cloned());
        planned.push(Job {
            spec,
            out,
            overlays,
        });
    }
    let one = |job: &Job, threads: usize| {
        let mut log = String::new();
        let result = run_one(
            args,
            repository,
            job,
            runtime_path.as_deref(),
            threads,
            &mut log,
        );
        (result, log)
    };
    if let [job] = planned.as_slice() {
        let (result, log) = one(job, crate::parallel::threads());
        eprint!("{log}");
        return result;
    }
    // Many crates: spread over the cores, one crate a thread (each on one core: one pool), the
    // largest documents first; what each printed comes out in the jobs' order.
    // The items the crates share (the crate root's, the mock's helpers, shared types) are
    // formatted once.
    crate::format::remember_items();
    let results = crate::parallel::spread(&planned, |job| size_of(&job.spec), |job| one(job, 1));
    let mut clean = true;
    let mut failed = Vec::new();
    for (job, (result, log)) in planned.iter().zip(results) {
        eprint!("{log}");
        match result {
            Ok(fresh) => clean &= fresh,
            Err(e) => {
                eprintln!("error: {e}");
                failed.push(job.spec.display().to_string());
            }
        }
    }
    if !failed.is_empty() {
        return Err(format!(
            "{} of {} documents failed (nothing written for them; the others were): {}",
            failed.len(),
            planned.len(),
            failed.join(", ")
        ));
    }
    Ok(clean)
}

/// One crate to generate: `spec` and `out` are absolute.
struct Job {
    spec: PathBuf,
    out: PathBuf,
    overlays: crate::Overlays,
}

/// The OpenAPI documents directly in `dir` (`*.yaml`, `*.yml`, `*.json`), sorted.
fn documents_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut specs = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let document = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "json")
        );
        if document && path.is_file() {
            specs.push(path);
        }
    }
    if specs.is_empty() {
        return Err(format!(
            "{}: no OpenAPI document (*.yaml, *.yml, *.json)",
            dir.display()
        ));
    }
    specs.sort();
    Ok(specs)
}

/// The size of a file in bytes (0 when it cannot be read: it fails later, with its name).
fn size_of(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Generates (or checks) one crate on at most `threads` threads, printing into `log`.
fn run_one(
    args: &CodegenArgs,
    repository: Option<&Path>,
    job: &Job,
    runtime_path: Option<&Path>,
    threads: usize,
    log: &mut String,
) -> Result<bool, String> {
    use std::fmt::Write as _;
    let (spec, out) = (job.spec.as_path(), job.out.as_path());
    let text = std::fs::read_to_string(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let selection = Selection {
        path_prefixes: args.paths_prefix.clone(),
        tags: args.tag.clone(),
    };
    let place = project::Place {
        repository,
        runtime_path,
    };
    // The cargo workspace around the crate (its manifests read once): for the options, the
    // cache's place and the note.
    let enclosing = project::workspace::enclosing(out);
    let mut options = project::options_in(
        &place,
        &enclosing,
        spec,
        out,
        args.crate_name.as_deref(),
        selection,
    );
    options.overlays = job.overlays.clone();
    let source_label = options.krate.source_label.clone();
    // A check formats everything (it must not trust anything on disk); a write reuses the text of
    // files whose tokens did not change since the last write by this same build.
    // Its index lives in the repository's `target/` for a crate inside it, else in the `target/`
    // of the crate's cargo workspace (`CARGO_TARGET_DIR` when set).
    let cache_index = match repository {
        Some(root) if out.starts_with(root) => project::format_cache_index(root, out),
        _ => project::format_cache_index(&enclosing.root(out), out),
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
    let generated = crate::changes::generate_with(&text, &options, &cache, &previous, threads)
        .map_err(|e| format!("{source_label}: {e}"))?;
    let summary = generated.summary(&options.krate.name);
    let output = generated.output;
    if !args.quiet {
        for w in &output.warnings {
            let _ = writeln!(log, "warning: {source_label}: {w}");
        }
    }
    let _ = writeln!(log, "{source_label}: {}", output.coverage);
    if args.check {
        let report = crate::write::check(out, &output.files).map_err(|e| e.to_string())?;
        if report.is_clean() {
            return Ok(true);
        }
        let _ = writeln!(log, "{summary}");
        for f in &report.changed {
            let _ = writeln!(log, "stale: {}", out.join(f).display());
        }
        for f in &report.removed {
            let _ = writeln!(log, "no longer generated: {}", out.join(f).display());
        }
        let command = if repository.is_some() {
            "cargo xtask codegen"
        } else {
            "twilio-codegen"
        };
        let _ = writeln!(
            log,
            "{} is out of date with {source_label}: run `{command}`",
            out.display()
        );
        return Ok(false);
    }
    let report = crate::write::write(out, &output.files).map_err(|e| e.to_string())?;
    // Only a speed-up: a cache that cannot be written is a cold next run.
    let input = format::input_key(&text, &options);
    if let Err(e) = format::Cache::save(&cache_index, &stamp, input, &output) {
        let _ = writeln!(log, "warning: format cache not saved: {e}");
    }
    let _ = writeln!(log, "{summary}");
    let _ = writeln!(
        log,
        "{}: {} written, {} removed, {} unchanged (of {} files, from {source_label})",
        out.display(),
        report.changed.len(),
        report.removed.len(),
        report.unchanged,
        output.files.len(),
    );
    if let Some(note) = enclosing.note(out) {
        let _ = writeln!(log, "note: {note}");
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

    /// `--spec-dir`: every document of the folder into a crate folder of its own; a document
    /// that fails writes nothing and is named, the others are written.
    #[test]
    fn a_folder_of_documents_writes_every_crate_but_the_failing_one() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let dir = std::env::temp_dir().join(format!("codegen-spec-dir-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (specs, out) = (dir.join("specs"), dir.join("out"));
        std::fs::create_dir_all(&specs).unwrap();
        let good = std::fs::read_to_string(root.join("tests/fixtures/no_content.yaml")).unwrap();
        std::fs::write(specs.join("good_one.yaml"), &good).unwrap();
        // The same document as JSON (read as JSON: its first character is `{`).
        let json: serde_json::Value = serde_yaml::from_str(&good).unwrap();
        std::fs::write(specs.join("good_two.json"), json.to_string()).unwrap();
        std::fs::write(specs.join("broken.yaml"), "openapi: 3.0.1\npaths: [1\n").unwrap();
        std::fs::write(specs.join("notes.txt"), "not a document").unwrap();
        let args = CodegenArgs {
            spec_dir: Some(specs.clone()),
            out_dir: Some(out.clone()),
            quiet: true,
            ..CodegenArgs::default()
        };
        let err = run(&args, None).unwrap_err();
        assert!(err.starts_with("1 of 3 documents failed"), "{err}");
        assert!(err.contains("broken.yaml"), "{err}");
        assert!(!err.contains("good_one"), "{err}");
        for name in ["good-one", "good-two"] {
            let manifest = std::fs::read_to_string(out.join(name).join("Cargo.toml")).unwrap();
            assert!(
                manifest.contains(&format!("name = \"{name}\"")),
                "{manifest}"
            );
            assert!(out.join(name).join("src/lib.rs").is_file());
        }
        assert!(
            !out.join("broken").exists(),
            "nothing is written for a failing document"
        );
        assert!(!out.join("notes").exists());
        // Checking the same folder: the written crates are fresh, the failing document fails.
        let check = CodegenArgs {
            check: true,
            ..args.clone()
        };
        assert!(run(&check, None).unwrap_err().contains("broken.yaml"));
        std::fs::remove_file(specs.join("broken.yaml")).unwrap();
        assert_eq!(run(&check, None), Ok(true));
        let _ = std::fs::remove_dir_all(&dir);
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

//! Project automation. `cargo xtask codegen` regenerates the client crate from the spec;
//! `cargo xtask bench` runs every benchmark (see `bench/` and BENCHMARKS.md).

mod bench;
mod referee;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use twilio_codegen::{Selection, format, project};

#[derive(Parser)]
#[command(
    name = "xtask",
    about = "Project automation for the Twilio client generator"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the client crates: every spec under `spec/` into its folder (the table in
    /// `generator/src/project.rs`), or one spec with `--spec`/`--out`.
    Codegen(CodegenArgs),
    /// Run every benchmark (codegen, the generated crate's build, the client) and print the report.
    Bench(bench::BenchArgs),
    /// What changed for users between two OpenAPI documents: every change of the generated
    /// public API with its semver level and the JSON pointers of its cause.
    ApiDiff(ApiDiffArgs),
    /// The change report checked against cargo-semver-checks on Twilio's history of
    /// `twilio_api_v2010.yaml` (../shared/twilio-oai/history), Calls slice and whole document.
    SemverReferee(referee::RefereeArgs),
    /// The codegen floors of a spec, measured in this process (used by `bench`).
    #[command(hide = true)]
    BenchFloor(bench::FloorArgs),
}

#[derive(clap::Args)]
struct CodegenArgs {
    /// One OpenAPI document (YAML or JSON), relative to the current directory; without it (and
    /// without `--out`), every client of the table is regenerated.
    #[arg(long)]
    spec: Option<PathBuf>,
    /// The crate folder to write, relative to the current directory (default: the spec's folder
    /// in the table, else `generated`).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Package name of the generated crate (default: the table's name for its folder, else the folder name).
    #[arg(long)]
    crate_name: Option<String>,
    /// Only operations whose path starts with this (repeatable).
    #[arg(long = "paths-prefix")]
    paths_prefix: Vec<String>,
    /// Only operations with this tag (repeatable).
    #[arg(long)]
    tag: Vec<String>,
    /// Write nothing; fail and name the files that differ from what would be generated.
    #[arg(long)]
    check: bool,
    /// Do not print warnings about constructs the generator passed over.
    #[arg(long)]
    quiet: bool,
    /// An OpenAPI Overlay 1.0 file applied to the spec before it is read, relative to the
    /// current directory (repeatable, applied in order, after the shipped overlays and those of
    /// the table's row).
    #[arg(long = "overlay", value_name = "FILE")]
    overlays: Vec<PathBuf>,
    /// Do not apply the overlays the project ships (`spec/overlays/`) to the documents they
    /// recognise.
    #[arg(long)]
    no_shipped_overlays: bool,
}

#[derive(clap::Args)]
struct ApiDiffArgs {
    /// The old document (YAML or JSON).
    old: PathBuf,
    /// The new document.
    new: PathBuf,
    /// Only operations whose path starts with this (repeatable).
    #[arg(long = "paths-prefix")]
    paths_prefix: Vec<String>,
    /// Only operations with this tag (repeatable).
    #[arg(long)]
    tag: Vec<String>,
    /// Print Markdown (for a pull request) instead of plain text.
    #[arg(long)]
    markdown: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Codegen(args) => match codegen(&args) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        Command::ApiDiff(args) => match api_diff(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        Command::SemverReferee(args) => match referee::run(&root(), &args) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => {
                eprintln!("error: the report and the referee disagree (see the table)");
                ExitCode::FAILURE
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        Command::BenchFloor(args) => match bench::floor(&root(), &args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        Command::Bench(args) => match bench::run(&root(), &args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
    }
}

/// The workspace root (the parent of this crate).
fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(Path::to_path_buf).unwrap_or(here)
}

fn codegen(args: &CodegenArgs) -> Result<ExitCode, String> {
    let root = root();
    // Paths given on the command line are the user's: relative to where the command runs. The
    // table's paths are relative to the workspace root.
    let here = std::env::current_dir().map_err(|e| format!("current directory: {e}"))?;
    let given = |p: &PathBuf| project::absolute(&here, p);
    let (spec, out) = (args.spec.as_ref().map(given), args.out.as_ref().map(given));
    let overlays: Vec<PathBuf> = args.overlays.iter().map(given).collect();
    let jobs: Vec<(PathBuf, PathBuf)> = match (&spec, &out) {
        (None, None) => {
            let unlisted = project::unlisted_specs(&root).map_err(|e| format!("spec/: {e}"))?;
            if !unlisted.is_empty() {
                return Err(format!(
                    "{} not in the table of clients: add it to CLIENTS in generator/src/project.rs",
                    unlisted.join(", ")
                ));
            }
            project::CLIENTS
                .iter()
                .map(|c| (PathBuf::from(c.spec), PathBuf::from(c.out)))
                .collect()
        }
        (Some(spec), None) => {
            let out = project::client_for_spec(&root, spec).map_or(project::DEFAULT_OUT, |c| c.out);
            vec![(spec.clone(), PathBuf::from(out))]
        }
        (None, Some(out)) => {
            let spec =
                project::client_for_out(&root, out).map_or(project::DEFAULT_SPEC, |c| c.spec);
            vec![(PathBuf::from(spec), out.clone())]
        }
        (Some(spec), Some(out)) => vec![(spec.clone(), out.clone())],
    };
    if args.crate_name.is_some() && jobs.len() > 1 {
        return Err("--crate-name needs --spec or --out (one crate)".to_owned());
    }
    if !args.overlays.is_empty() && jobs.len() > 1 {
        return Err("--overlay needs --spec or --out (one crate)".to_owned());
    }
    let mut code = ExitCode::SUCCESS;
    for (spec, out) in &jobs {
        if codegen_one(args, &root, spec, out, &overlays)? != ExitCode::SUCCESS {
            code = ExitCode::FAILURE;
        }
    }
    Ok(code)
}

fn codegen_one(
    args: &CodegenArgs,
    root: &Path,
    spec: &Path,
    out: &Path,
    given_overlays: &[PathBuf],
) -> Result<ExitCode, String> {
    let root = root.to_path_buf();
    let spec = project::absolute(&root, spec);
    let out = project::absolute(&root, out);
    let text = std::fs::read_to_string(&spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let selection = Selection {
        path_prefixes: args.paths_prefix.clone(),
        tags: args.tag.clone(),
    };
    let mut options =
        project::options(&root, &spec, &out, args.crate_name.as_deref(), selection);
    // The table row's overlays (relative to the workspace root), then the command line's
    // (relative to the current directory, made absolute by `codegen`).
    let mut overlays: Vec<PathBuf> = project::client_for_out(&root, &out)
        .map(|c| c.overlays.iter().map(PathBuf::from).collect())
        .unwrap_or_default();
    overlays.extend(given_overlays.iter().cloned());
    options.overlays.shipped = !args.no_shipped_overlays;
    options.overlays.extra =
        project::read_overlays(&root, &overlays).map_err(|e| e.to_string())?;
    let source_label = options.krate.source_label.clone();
    // A check formats everything (it must not trust anything on disk); a write reuses the text of
    // files whose tokens did not change since the last write by this same build of xtask.
    let cache_index = project::format_cache_index(&root, &out);
    let stamp = build_stamp();
    let cache = if args.check {
        format::Cache::default()
    } else {
        format::Cache::load(&cache_index, &out, &stamp)
    };
    // The previous run's API digest, version and change log, from the output folder: the run
    // reports what changed for users, raises the version and adds to CHANGES.md.
    let previous = twilio_codegen::changes::Previous::read(&out);
    let generated = twilio_codegen::changes::generate(&text, &options, &cache, &previous)
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
        let report =
            twilio_codegen::write::check(&out, &output.files).map_err(|e| e.to_string())?;
        if report.is_clean() {
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("{summary}");
        for f in &report.changed {
            eprintln!("stale: {}", out.join(f).display());
        }
        for f in &report.removed {
            eprintln!("no longer generated: {}", out.join(f).display());
        }
        eprintln!(
            "{} is out of date with {source_label}: run `cargo xtask codegen`",
            out.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let report = twilio_codegen::write::write(&out, &output.files).map_err(|e| e.to_string())?;
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
    Ok(ExitCode::SUCCESS)
}

fn api_diff(args: &ApiDiffArgs) -> Result<(), String> {
    let selection = Selection {
        path_prefixes: args.paths_prefix.clone(),
        tags: args.tag.clone(),
    };
    let surface = |path: &Path| -> Result<twilio_codegen::diff::Surface, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        twilio_codegen::public_api(&text, &selection)
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let old = surface(&args.old)?;
    let new = surface(&args.new)?;
    let report = twilio_codegen::diff::compare(&old, &new);
    if args.markdown {
        print!("{}", report.to_markdown());
    } else {
        print!("{}", report.to_text());
    }
    Ok(())
}

/// Identifies this build of xtask (and so of the generator and its formatter): the size and
/// modification time of the executable. A rebuilt xtask starts with a cold cache.
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
mod tests {
    use super::*;

    #[test]
    fn the_format_cache_never_lands_in_the_checkout_for_an_output_elsewhere() {
        if std::env::var_os("CARGO_TARGET_DIR").is_some() {
            return; // then the cache goes there, whatever the output
        }
        let root = Path::new("/work/repo");
        assert_eq!(
            project::format_cache_index(root, Path::new("/work/repo/generated")),
            Path::new("/work/repo/target/codegen-cache/generated.idx")
        );
        let elsewhere = project::format_cache_index(root, Path::new("/tmp/v2010"));
        assert!(
            elsewhere.starts_with("/tmp/v2010/target/codegen-cache"),
            "{elsewhere:?}"
        );
    }

    #[test]
    fn the_header_names_a_spec_outside_the_workspace_by_its_file_name() {
        let root = Path::new("/work/repo");
        assert_eq!(
            project::source_label(root, Path::new("spec/calls.yaml")),
            "spec/calls.yaml"
        );
        assert_eq!(
            project::source_label(root, Path::new("/tmp/x/twilio_api_v2010.yaml")),
            "twilio_api_v2010.yaml"
        );
        assert_eq!(
            project::source_label(root, Path::new("../shared/a.yaml")),
            "a.yaml"
        );
    }
}

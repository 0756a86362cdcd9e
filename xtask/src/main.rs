//! Project automation. `cargo xtask codegen` regenerates the client crate from the spec;
//! `cargo xtask bench` runs every benchmark (see `bench/` and BENCHMARKS.md).

mod bench;
mod referee;

/// The allocator of the installed `twilio-codegen`, so that `cargo xtask codegen` and the benchmark's
/// floors (measured in this process) run as it does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use twilio_codegen::Selection;

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
    Codegen(twilio_codegen::command::CodegenArgs),
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
        // The same function as the installed `twilio-codegen`, with this repository's table.
        Command::Codegen(args) => match twilio_codegen::command::run(&args, Some(&root())) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::FAILURE,
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

#[cfg(test)]
mod tests {
    use super::*;
    use twilio_codegen::project;

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

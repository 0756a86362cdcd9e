//! Project automation. `cargo xtask codegen` regenerates the client crate from the spec.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use twilio_codegen::{Selection, project};

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
    /// Regenerate a client crate from an OpenAPI document (by default `generated/` from `spec/calls.yaml`).
    Codegen(CodegenArgs),
}

#[derive(clap::Args)]
struct CodegenArgs {
    /// The OpenAPI document (YAML or JSON).
    #[arg(long, default_value = "spec/calls.yaml")]
    spec: PathBuf,
    /// The crate folder to write.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// Package name of the generated crate (default: `twilio-calls` for `generated/`, else the folder name).
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
    }
}

/// The workspace root (the parent of this crate).
fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(Path::to_path_buf).unwrap_or(here)
}

fn codegen(args: &CodegenArgs) -> Result<ExitCode, String> {
    let root = root();
    let spec = project::absolute(&root, &args.spec);
    let out = project::absolute(&root, &args.out);
    let text = std::fs::read_to_string(&spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let selection = Selection {
        path_prefixes: args.paths_prefix.clone(),
        tags: args.tag.clone(),
    };
    let options = project::options(&root, &spec, &out, args.crate_name.as_deref(), selection);
    let source_label = options.krate.source_label.clone();
    let output =
        twilio_codegen::generate(&text, &options).map_err(|e| format!("{source_label}: {e}"))?;
    if !args.quiet {
        for w in &output.warnings {
            eprintln!("warning: {source_label}: {w}");
        }
    }
    if args.check {
        let report =
            twilio_codegen::write::check(&out, &output.files).map_err(|e| e.to_string())?;
        if report.is_clean() {
            return Ok(ExitCode::SUCCESS);
        }
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

//! `twilio-codegen`: generates a typed async Rust client crate from a Twilio OpenAPI document.
//!
//! Installed with `cargo install twilio-codegen` (or `cargo install --path generator` from a
//! checkout). The options and the output are those of this repository's `cargo xtask codegen`:
//! both call [`twilio_codegen::command::run`].

use std::process::ExitCode;

use clap::Parser;

/// A faster allocator than the system's for this allocation-heavy program (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generate a typed, async Rust client crate from a Twilio OpenAPI document (YAML or JSON).
#[derive(Parser)]
#[command(name = "twilio-codegen", version)]
struct Cli {
    #[command(flatten)]
    args: twilio_codegen::command::CodegenArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match twilio_codegen::command::run(&cli.args, None) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

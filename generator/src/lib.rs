//! Reads a Twilio OpenAPI document and writes a typed, async Rust client crate.
//!
//! The pipeline, one file per stage:
//!
//! 1. [`load`]: parse YAML or JSON into `openapiv3::OpenAPI` (errors carry a JSON pointer);
//! 2. [`lower`]: turn it into the intermediate [`model`], applying Twilio's [`conventions`];
//! 3. [`names`]: decide every Rust name (casing and keywords in [`casing`]), unique per scope;
//! 4. [`emit`]: emit tokens with `quote`, one file per resource;
//! 5. [`format`](mod@format): format with `prettyplease` and add the do-not-edit header;
//! 6. [`write`](mod@write): write the crate (all or nothing), or check that it is up to date.
//!
//! [`command::run`] is the whole command around the stages, shared by the installed
//! `twilio-codegen` and this repository's `cargo xtask codegen`; [`project`] holds the defaults
//! (package name, runtime dependency, workspace) it applies.
//!
//! Bad input is an [`Error`] naming the place in the spec; the generator does not panic on it.
//! Nothing indexes or slices with a value that could be out of range (`get` instead), checked by
//! clippy below; `unwrap`, `expect` and `panic!` are linted too (the workspace sets them to warn, and CI runs
//! clippy with `-D warnings`, so any use fails CI).
#![warn(clippy::indexing_slicing)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod casing;
pub mod changes;
pub mod command;
pub mod conventions;
pub mod coverage;
pub mod diff;
pub mod emit;
pub mod error;
pub mod format;
pub mod load;
pub mod lower;
pub mod model;
pub mod names;
pub mod project;
pub mod write;

pub use emit::CrateOptions;
pub use error::{Error, Warning};
pub use format::Formatted;
pub use lower::Selection;

/// What to generate and how to package it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Which operations.
    pub selection: Selection,
    /// The crate around them.
    pub krate: CrateOptions,
}

/// A generated crate, formatted, not yet written.
#[derive(Debug, Clone)]
pub struct Output {
    /// Files with paths relative to the crate root, sorted.
    pub files: Vec<Formatted>,
    /// Constructs passed over, with their location.
    pub warnings: Vec<Warning>,
    /// What the crate covers of the document's operations and parameters.
    pub coverage: coverage::Coverage,
}

/// Runs stages 1 to 5 on the text of a spec.
pub fn generate(spec_text: &str, options: &Options) -> Result<Output, Error> {
    generate_cached(spec_text, options, &format::Cache::default())
}

/// [`generate`], reusing the formatted text of every file whose tokens did not change since the
/// run recorded in `cache`, or that run's whole output when the input is the same (the output is
/// the same either way).
pub fn generate_cached(
    spec_text: &str,
    options: &Options,
    cache: &format::Cache,
) -> Result<Output, Error> {
    on_generator_thread(|| run(spec_text, options, cache))
}

/// The public API of the crate that `spec_text` would give (stages 1 to 3): what
/// [`diff::compare`] compares.
pub fn public_api(spec_text: &str, selection: &Selection) -> Result<diff::Surface, Error> {
    on_generator_thread(|| {
        let doc = load::parse(spec_text)?;
        let mut api = lower::lower(&doc, selection)?;
        names::assign(&mut api)?;
        Ok(diff::Surface::of(&api))
    })
}

/// Runs `work` on a thread whose stack is known to be enough: the stages recurse over the
/// document (at most `load::MAX_DEPTH` deep), whatever the caller's stack. A panic (a generator
/// bug) is passed on to the caller as it is.
fn on_generator_thread<T: Send>(work: impl Fn() -> T + Sync) -> T {
    std::thread::scope(|s| {
        let worker = std::thread::Builder::new()
            .name("twilio-codegen".to_owned())
            .stack_size(STACK_SIZE)
            .spawn_scoped(s, &work);
        match worker {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|payload| std::panic::resume_unwind(payload)),
            Err(_) => work(),
        }
    })
}

/// The stack size of the generator's threads: a document nested [`load::MAX_DEPTH`] deep needs a
/// few MiB in a debug build (a test checks the deepest shapes); only the pages used are committed.
pub const STACK_SIZE: usize = 64 * 1024 * 1024;

fn run(spec_text: &str, options: &Options, cache: &format::Cache) -> Result<Output, Error> {
    if let Some(output) = cache.replay(format::input_key(spec_text, options)) {
        return Ok(output);
    }
    let doc = load::parse(spec_text)?;
    let mut api = lower::lower(&doc, &options.selection)?;
    names::assign(&mut api)?;
    let coverage = coverage::Coverage::of(&doc, &options.selection, &api);
    let jobs = emit::plan(&api);
    let mut files = format::render_all_cached(&api, &options.krate, jobs, cache)?;
    // The crate's public API, one item a line: what the next run compares against (`changes`).
    let digest = diff::Surface::of(&api).to_digest();
    files.push(Formatted::plain(changes::DIGEST_FILE, digest));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Output {
        files,
        warnings: api.warnings,
        coverage,
    })
}

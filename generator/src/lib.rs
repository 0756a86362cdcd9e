//! Reads a Twilio OpenAPI document and writes a typed, async Rust client crate.
//!
//! The pipeline, one file per stage:
//!
//! 1. [`load`]: parse YAML or JSON, apply the overlays ([`load::overlay`]), and read the result
//!    into `openapiv3::OpenAPI` (errors carry a JSON pointer);
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
pub mod parallel;
pub mod project;
pub mod write;

pub use emit::CrateOptions;
pub use error::{Error, Warning};
pub use format::Formatted;
pub use load::overlay::{Overlay, Overlays};
pub use lower::Selection;

/// What to generate and how to package it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Which operations.
    pub selection: Selection,
    /// The crate around them.
    pub krate: CrateOptions,
    /// The overlays applied to the document before it is read (the shipped ones by default).
    pub overlays: Overlays,
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
    /// The document's pieces as this run read them (empty for a document read whole), for the
    /// next run's cache ([`format::Cache::save`]).
    pub raw: load::RawPieces,
}

/// Runs stages 1 to 5 on the text of a spec.
pub fn generate(spec_text: &str, options: &Options) -> Result<Output, Error> {
    generate_cached(spec_text, options, &format::Cache::default())
}

/// [`generate`], reusing the formatted text of every file whose tokens did not change since the
/// run recorded in `cache` (and without emitting it when what it was emitted from did not
/// change), or that run's whole output when the input is the same (the output is the same either
/// way). A cache serves one run (see [`format::Cache`]).
pub fn generate_cached(
    spec_text: &str,
    options: &Options,
    cache: &format::Cache,
) -> Result<Output, Error> {
    generate_deciding(spec_text, options, cache, &|_| None)
}

/// [`generate_cached`], where `decide` sees the public API of the named model (before anything is
/// emitted) and may return other crate options to emit it with (a raised version, see
/// [`changes::generate`]): the model is built once and the files emitted once. `decide` is not
/// called when the cache replays the recorded run.
pub fn generate_deciding(
    spec_text: &str,
    options: &Options,
    cache: &format::Cache,
    decide: &Decide<'_>,
) -> Result<Output, Error> {
    generate_with(spec_text, options, cache, decide, parallel::threads())
}

/// [`generate_deciding`] on at most `threads` threads (the files are emitted and formatted in
/// parallel): 1 when the caller spreads many documents over the cores itself.
pub fn generate_with(
    spec_text: &str,
    options: &Options,
    cache: &format::Cache,
    decide: &Decide<'_>,
    threads: usize,
) -> Result<Output, Error> {
    on_generator_thread(|| run(spec_text, options, cache, decide, threads))
}

/// What [`generate_deciding`] asks once the names are known: given the crate's public API, the
/// crate options to emit with instead of the given ones (`None`: keep them).
pub type Decide<'a> = dyn Fn(&diff::Surface) -> Option<CrateOptions> + Sync + 'a;

/// The public API of the crate that `spec_text` would give (stages 1 to 3, with the shipped
/// overlays): what [`diff::compare`] compares.
pub fn public_api(spec_text: &str, selection: &Selection) -> Result<diff::Surface, Error> {
    on_generator_thread(|| {
        let doc = load::load(spec_text, &Overlays::default())?;
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

fn run(
    spec_text: &str,
    options: &Options,
    cache: &format::Cache,
    decide: &Decide<'_>,
    threads: usize,
) -> Result<Output, Error> {
    if let Some(output) = cache.replay(format::input_key(spec_text, options)) {
        return Ok(output);
    }
    let (doc, raw) = load::load_known(spec_text, &options.overlays, threads, &cache.raw)?;
    let mut api = lower::lower(&doc, &options.selection)?;
    names::assign(&mut api)?;
    let (coverage, mut files) = render(doc, &api, options, cache, decide, threads)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Output {
        files,
        warnings: api.warnings,
        coverage,
        raw,
    })
}

/// Stages 4 and 5 for the named `api`: every file, emitted and formatted on `threads` threads,
/// and beside them, on a thread of its own, the crate's public API (one item a line: what the
/// next run compares against, see [`changes`]), which `decide` turns into the crate options of
/// the files that name the version, and the coverage count (then `doc` is freed). The coverage
/// is taken by whichever thread is free first: the rendering one when the files are done first,
/// as in a warm run that takes them from the cache.
fn render(
    doc: load::Document,
    api: &model::Api,
    options: &Options,
    cache: &format::Cache,
    decide: &Decide<'_>,
    threads: usize,
) -> Result<(coverage::Coverage, Vec<Formatted>), Error> {
    use std::sync::Mutex;
    let selection = &options.selection;
    let coverage_work = Mutex::new(Some(move || {
        let coverage = coverage::Coverage::of(&doc, selection, api);
        drop(doc);
        coverage
    }));
    let api_work = Mutex::new(Some(|| {
        let surface = diff::Surface::of(api);
        let krate = decide(&surface);
        (surface.to_digest(), krate)
    }));
    let take_coverage = || {
        coverage_work
            .lock()
            .ok()
            .and_then(|mut f| f.take())
            .map(|f| f())
    };
    let take_api = || api_work.lock().ok().and_then(|mut f| f.take()).map(|f| f());
    let run_side = || (take_api(), take_coverage());
    let (plain, versioned): (Vec<emit::Job>, Vec<emit::Job>) = emit::plan(api)
        .into_iter()
        .partition(|job| !names_the_version(job));
    let cx = emit::Cx::for_crate(api, &options.krate.name);
    let structure = format::structure(api);
    std::thread::scope(|s| {
        // On one thread (many documents spread over the cores): one after the other.
        let handle = if threads > 1 {
            std::thread::Builder::new()
                .stack_size(STACK_SIZE)
                .spawn_scoped(s, run_side)
                .map_err(|_| ())
        } else {
            Err(())
        };
        let files = format::render_jobs(&cx, &structure, &options.krate, plain, cache, threads);
        let mine = take_coverage();
        // Not started (one thread, or it could not start): its work is done here.
        let (public_api, theirs) = match handle {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|payload| std::panic::resume_unwind(payload)),
            Err(_) => run_side(),
        };
        let (Some((digest, krate)), Some(coverage)) = (public_api, mine.or(theirs)) else {
            return Err(Error::Emit {
                file: changes::DIGEST_FILE.into(),
                message: "the public API was not computed".into(),
            });
        };
        let mut files = files?;
        let krate = krate.as_ref().unwrap_or(&options.krate);
        // The manifest and README are short text: on this thread (a thread started and joined
        // for them cost more than rendering them).
        files.extend(format::render_jobs(
            &cx, &structure, krate, versioned, cache, 1,
        )?);
        files.push(Formatted::plain(changes::DIGEST_FILE, digest));
        Ok((coverage, files))
    })
}

/// Whether the file of `job` names the crate's version (its manifest and README do): those are
/// emitted after the version is decided, the others while it is (a test checks that no other
/// file changes with the version).
fn names_the_version(job: &emit::Job) -> bool {
    job.names_the_version()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    /// Only the files [`names_the_version`] names change with the crate's version.
    #[test]
    fn only_the_manifest_and_readme_name_the_version() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let text = std::fs::read_to_string(root.join("spec/calls.yaml")).unwrap();
        let options = |version: &str| {
            let mut o = project::options(
                &root,
                std::path::Path::new("spec/calls.yaml"),
                std::path::Path::new("generated"),
                None,
                Selection::default(),
            );
            o.krate.version = version.to_owned();
            o
        };
        let a = generate(&text, &options("0.1.0")).unwrap();
        let b = generate(&text, &options("7.8.9")).unwrap();
        assert_eq!(a.files.len(), b.files.len());
        for (fa, fb) in a.files.iter().zip(&b.files) {
            assert_eq!(fa.path, fb.path);
            let named = matches!(fa.path.as_str(), "Cargo.toml" | "README.md");
            assert_eq!(fa.text != fb.text, named, "{}", fa.path);
        }
        for job in [emit::Job::Manifest, emit::Job::Readme] {
            assert!(names_the_version(&job));
        }
        for job in [emit::Job::Lib, emit::Job::Navigation, emit::Job::Mock] {
            assert!(!names_the_version(&job));
        }
        assert!(!names_the_version(&emit::Job::Module("calls".into())));
    }
}

//! Codegen speed, stage by stage, next to the floor measured in the same run: parsing the spec
//! alone into `openapiv3::OpenAPI` with serde_yaml, and formatting the same output alone
//! (`syn::parse2` + `prettyplease::unparse` of every emitted file, on one core).
//!
//! Run through `cargo xtask bench` (which prints the ratios), or alone with
//! `cargo bench -p twilio-codegen --bench codegen`. Groups: `codegen-calls` (`spec/calls.yaml`)
//! and `codegen-v2010` (`../shared/twilio-oai/twilio_api_v2010.yaml`, skipped when absent).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use twilio_codegen::{Options, Selection, emit, format, load, lower, names, project, write};

/// The workspace root.
fn root() -> PathBuf {
    project::absolute(Path::new(env!("CARGO_MANIFEST_DIR")), Path::new(".."))
}

/// The spec text and the options `cargo xtask codegen` would use for it.
fn input(spec: &str, out: &str, selection: Selection) -> Option<(String, Options)> {
    let root = root();
    let text = std::fs::read_to_string(root.join(spec)).ok()?;
    let options = project::options(&root, Path::new(spec), Path::new(out), None, selection);
    Some((text, options))
}

/// The Calls spec, or the same slice of the upstream document while `spec/calls.yaml` is missing.
fn calls() -> Option<(String, Options)> {
    input(
        project::DEFAULT_SPEC,
        "target/bench/codegen/calls",
        Selection::default(),
    )
    .or_else(|| {
        input(
            &v2010(),
            "target/bench/codegen/calls",
            Selection {
                path_prefixes: vec!["/2010-04-01/Accounts/{AccountSid}/Calls".to_owned()],
                tags: Vec::new(),
            },
        )
    })
}

/// Twilio's document of API v2010: in `../shared` beside the workspace root, or in
/// `TWILIO_SHARED_DIR` when set (as the tests read it).
fn v2010() -> String {
    match std::env::var("TWILIO_SHARED_DIR") {
        Ok(dir) => format!("{dir}/twilio-oai/twilio_api_v2010.yaml"),
        Err(_) => "../shared/twilio-oai/twilio_api_v2010.yaml".to_owned(),
    }
}

fn bench_spec(c: &mut Criterion, group_name: &str, text: &str, options: &Options) {
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(group_name);
    let header = format::header(&options.krate.source_label);
    // With the shipped overlays, as `generate` loads it (the files it writes, the cache it fills).
    let doc = load::load(text, &options.overlays).unwrap();
    let mut api = lower::lower(&doc, &options.selection).unwrap();
    names::assign(&mut api).unwrap();
    let generated = twilio_codegen::generate(text, options).unwrap();
    let files = generated.files.clone();

    let mut group = c.benchmark_group(group_name);
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));

    // The floors.
    group.bench_function("floor_parse", |b| {
        b.iter(|| serde_yaml::from_str::<openapiv3::OpenAPI>(black_box(text)).unwrap())
    });
    let emit_all = || -> Vec<emit::OutFile> {
        emit::plan(&api)
            .iter()
            .map(|job| emit::emit(&api, &options.krate, job))
            .collect()
    };
    group.bench_function("floor_format", |b| {
        b.iter_batched(
            emit_all,
            |out| {
                out.into_iter()
                    .map(|f| format::format_file(f, &header).unwrap())
                    .collect::<Vec<_>>()
            },
            BatchSize::PerIteration,
        )
    });

    // The stages.
    // The two halves of `load`: YAML to a raw value, then the raw value to `openapiv3`.
    group.bench_function("load_yaml", |b| {
        b.iter(|| serde_yaml::from_str::<serde_json::Value>(black_box(text)).unwrap())
    });
    let raw: serde_json::Value = serde_yaml::from_str(text).unwrap();
    group.bench_function("load_typed", |b| {
        b.iter(|| {
            serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(black_box(&raw)).unwrap()
        })
    });
    group.bench_function("load", |b| b.iter(|| load::parse(black_box(text)).unwrap()));
    group.bench_function("model", |b| {
        b.iter(|| {
            let mut api = lower::lower(black_box(&doc), &options.selection).unwrap();
            names::assign(&mut api).unwrap();
            api
        })
    });
    group.bench_function("emit", |b| b.iter(emit_all));
    group.bench_function("render", |b| {
        b.iter(|| format::render_all(&api, &options.krate, emit::plan(&api)).unwrap())
    });
    // Warm: every file is in the format cache (the spec did not change).
    let warm_dir = scratch.join("warm");
    let _ = std::fs::remove_dir_all(&warm_dir);
    write::write(&warm_dir, &files).unwrap();
    let index = scratch.join("warm.idx");
    let recorded = twilio_codegen::Output {
        files: files.clone(),
        warnings: Vec::new(),
        coverage: Default::default(),
        // The document's pieces as read (a large one's, each as JSON): what the next run reads.
        raw: generated.raw,
    };
    format::Cache::save(&index, "bench", 0, &recorded).unwrap();
    let cache = format::Cache::load(&index, &warm_dir, "bench");
    assert_eq!(cache.len(), files.len());
    // A cache serves one run (the files it hands out are moved out of it): a copy each time.
    group.bench_function("render_warm", |b| {
        b.iter_batched(
            || cache.clone(),
            |cache| {
                format::render_all_cached(&api, &options.krate, emit::plan(&api), &cache).unwrap()
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("write_cold", |b| {
        let cold = scratch.join("cold");
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(&cold);
            },
            |()| write::write(&cold, &files).unwrap(),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("write_warm", |b| {
        b.iter(|| write::write(&warm_dir, &files).unwrap())
    });
    group.bench_function("generate", |b| {
        b.iter(|| twilio_codegen::generate(black_box(text), options).unwrap())
    });
    group.bench_function("generate_warm", |b| {
        b.iter_batched(
            || cache.clone(),
            |cache| twilio_codegen::generate_cached(black_box(text), options, &cache).unwrap(),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn codegen(c: &mut Criterion) {
    match calls() {
        Some((text, options)) => bench_spec(c, "codegen-calls", &text, &options),
        None => eprintln!(
            "codegen-calls: no spec/calls.yaml and no {}: skipped",
            v2010()
        ),
    }
    match input(&v2010(), "target/bench/codegen/v2010", Selection::default()) {
        Some((text, options)) => bench_spec(c, "codegen-v2010", &text, &options),
        None => eprintln!("codegen-v2010: {} not found: skipped", v2010()),
    }
}

criterion_group!(benches, codegen);
criterion_main!(benches);

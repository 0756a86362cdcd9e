//! `cargo xtask bench`: every benchmark of the project in one run, with the ratios to its floors
//! and baselines, printed as Markdown tables (and written to `target/bench/report.md`).
//!
//! 1. codegen: end to end with the release build of xtask, as separate processes: cold (a new
//!    output folder, no format cache), warm (spec unchanged) and warm with one description
//!    changed; all 55 of Twilio's documents in one command and the 10,000-operation document,
//!    cold; then the criterion stage benches (`generator/benches/codegen.rs`: parse floor, format
//!    floor, load, model, emit, render, write, in process);
//! 2. the generated crate's build cost, in a separate target folder (`target/bench-build`): cold
//!    `cargo build -p twilio-calls`, rebuild after touching one generated file, cargo's own part of
//!    it (a no-op build), dependency count, generated lines;
//! 3. the client: criterion encode/decode benches (`benches/benches/client.rs`), loopback
//!    throughput and auto-paging (`benches/src/bin/{throughput,paging}.rs`).
//!
//! Timings are medians. Run it on a quiet machine: the report starts with the load average.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use twilio_codegen::project;

mod build;
mod client;
mod codegen;
mod fresh;
mod many;

use build::build;
use client::client;
use codegen::codegen;
use fresh::Fresh;

/// Options of `cargo xtask bench`.
#[derive(clap::Args)]
pub struct BenchArgs {
    /// Only these parts (repeatable): codegen, build, client.
    #[arg(long = "only", value_parser = ["codegen", "build", "client"])]
    only: Vec<String>,
    /// Fewer samples and runs everywhere: a smoke test of the harness, not figures to keep.
    #[arg(long)]
    quick: bool,
    /// Cold builds of the generated crate (each one rebuilds its whole dependency tree).
    #[arg(long, default_value_t = 3)]
    cold_builds: usize,
    /// Where to write the report (default: `target/bench/report.md`).
    #[arg(long)]
    report: Option<PathBuf>,
}

/// Options of the hidden `xtask bench-floor`, which `cargo xtask bench` runs with the release
/// build between the end-to-end runs.
#[derive(clap::Args)]
pub struct FloorArgs {
    /// The OpenAPI document.
    #[arg(long, required_unless_present = "spec_dir")]
    spec: Option<PathBuf>,
    /// Instead of `--spec`: the parse floor only, summed over every document of this folder
    /// (what `codegen --spec-dir` parses).
    #[arg(long, conflicts_with = "spec")]
    spec_dir: Option<PathBuf>,
    /// Only operations whose path starts with this (repeatable).
    #[arg(long = "paths-prefix")]
    paths_prefix: Vec<String>,
    /// Repetitions of each measurement (the median is printed).
    #[arg(long, default_value_t = 3)]
    reps: usize,
}

/// Prints, as one JSON line, the floors of codegen for a spec measured in this process (medians):
/// `parse`, serde_yaml straight into `openapiv3::OpenAPI`; `format`, `syn::parse2` +
/// `prettyplease::unparse` of every file the generator emits for it (the shipped overlays
/// applied, as `codegen` applies them), on one core.
pub fn floor(root: &Path, args: &FloorArgs) -> Result<(), String> {
    use twilio_codegen::{emit, format, load, lower, names};
    if let Some(dir) = &args.spec_dir {
        return many::parse_floor(&project::absolute(root, dir), args.reps);
    }
    let spec = project::absolute(root, args.spec.as_deref().unwrap_or(Path::new("")));
    let text = std::fs::read_to_string(&spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let selection = twilio_codegen::Selection {
        path_prefixes: args.paths_prefix.clone(),
        tags: Vec::new(),
    };
    let out = root.join("target").join("bench").join("floor");
    let options = project::options(root, &spec, &out, None, selection);
    let header = format::header(&options.krate.source_label);
    // With the shipped overlays, as `codegen` loads it: the files formatted are the ones it writes.
    let doc = load::load(&text, &options.overlays).map_err(|e| e.to_string())?;
    let mut api = lower::lower(&doc, &options.selection).map_err(|e| e.to_string())?;
    names::assign(&mut api).map_err(|e| e.to_string())?;
    let (mut parse, mut fmt) = (Vec::new(), Vec::new());
    for _ in 0..args.reps.max(1) {
        let started = Instant::now();
        let parsed = serde_yaml::from_str::<openapiv3::OpenAPI>(&text);
        parse.push(started.elapsed().as_secs_f64());
        parsed.map_err(|e| format!("{}: {e}", spec.display()))?;
        let files: Vec<emit::OutFile> = emit::plan(&api)
            .iter()
            .map(|job| emit::emit(&api, &options.krate, job))
            .collect();
        let started = Instant::now();
        for file in files {
            format::format_file(file, &header).map_err(|e| e.to_string())?;
        }
        fmt.push(started.elapsed().as_secs_f64());
    }
    println!(
        "{}",
        serde_json::json!({ "parse": median(&mut parse), "format": median(&mut fmt) })
    );
    Ok(())
}

/// Twilio's published documents (all 55): `twilio-oai` of `../shared` beside the workspace root,
/// or of `TWILIO_SHARED_DIR` when set (as the tests read it).
fn twilio_oai(root: &Path) -> PathBuf {
    match std::env::var_os("TWILIO_SHARED_DIR") {
        Some(dir) => project::absolute(root, Path::new(&dir)).join("twilio-oai"),
        None => root.join("../shared/twilio-oai"),
    }
}

/// Twilio's document of API v2010 (see [`twilio_oai`]).
fn v2010(root: &Path) -> String {
    twilio_oai(root)
        .join("twilio_api_v2010.yaml")
        .to_string_lossy()
        .into_owned()
}
const CALLS_PREFIX: &str = "/2010-04-01/Accounts/{AccountSid}/Calls";

/// Runs the benchmarks and prints the report.
pub fn run(root: &Path, args: &BenchArgs) -> Result<(), String> {
    let wants = |part: &str| args.only.is_empty() || args.only.iter().any(|o| o == part);
    let target = target_dir(root);
    let mut report = String::new();
    let _ = writeln!(report, "# Benchmark report\n");
    machine(&mut report);
    // Removed (with the crates of the cold runs) when the bench ends, measurements done.
    let mut fresh = Fresh::new(root, &target);
    if wants("codegen") {
        codegen(root, &target, args, &mut fresh, &mut report)?;
    }
    if wants("build") {
        build(root, &target, args, &mut report)?;
    }
    if wants("client") {
        client(root, &target, args, &mut report)?;
    }
    let _ = writeln!(report, "Load average at the end: {}", load_average());
    let path = args
        .report
        .clone()
        .unwrap_or_else(|| target.join("bench").join("report.md"));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(&path, &report).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("{report}");
    eprintln!("report written to {}", path.display());
    Ok(())
}

/// The target folder cargo uses for this workspace.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(|d| project::absolute(root, Path::new(&d)))
        .unwrap_or_else(|| root.join("target"))
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// `cargo bench -p <package> --bench <bench>` (with `--quick` when the bench is quick), run to
/// the end.
fn criterion(root: &Path, package: &str, bench: &str, args: &BenchArgs) -> Result<(), String> {
    let mut command = cargo();
    command
        .current_dir(root)
        .args(["bench", "-p", package, "--bench", bench, "--"]);
    if args.quick {
        command.arg("--quick");
    }
    run_ok(
        &mut command,
        &format!("cargo bench -p {package} --bench {bench}"),
    )
    .map(drop)
}

/// Runs `command`, failing with its stderr when it fails; its stdout.
fn run_ok(command: &mut Command, what: &str) -> Result<String, String> {
    eprintln!("==> {what}");
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{what}: {e}"))?;
    if !output.status.success() {
        return Err(format!("{what}: failed ({})", output.status));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn machine(report: &mut String) {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            let kb: f64 = m.lines().next()?.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!("{:.0} GiB", kb / 1024.0 / 1024.0))
        })
        .unwrap_or_else(|| "unknown".to_owned());
    let rustc = Command::new("rustc")
        .arg("-V")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let date = Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let _ = writeln!(
        report,
        "Machine: {cpu}, {cores} cores, {memory}; {rustc}; {date}. Load average at the start: {}.\n",
        load_average()
    );
}

/// Medians (in seconds) of criterion benchmarks, by `group/function`, from its saved estimates.
fn criterion_medians(target: &Path, groups: &[&str]) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for group in groups {
        let dir = target.join("criterion").join(group);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let estimates = entry.path().join("new").join("estimates.json");
            let Ok(text) = std::fs::read_to_string(&estimates) else {
                continue;
            };
            let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
                continue;
            };
            if let Some(ns) = json["median"]["point_estimate"].as_f64() {
                let name = entry.file_name().to_string_lossy().into_owned();
                out.insert(format!("{group}/{name}"), ns / 1e9);
            }
        }
    }
    out
}

/// `seconds` in a readable unit.
fn time(seconds: f64) -> String {
    if seconds.is_nan() {
        "n/a".to_owned()
    } else if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else if seconds >= 1e-3 {
        format!("{:.2} ms", seconds * 1e3)
    } else if seconds >= 1e-6 {
        format!("{:.2} µs", seconds * 1e6)
    } else {
        format!("{:.0} ns", seconds * 1e9)
    }
}

/// `ratio` against `target` (a maximum, or a minimum when `at_least`), as a table cell.
fn verdict(ratio: f64, target: f64, at_least: bool) -> String {
    let met = if at_least {
        ratio >= target
    } else {
        ratio <= target
    };
    let sign = if at_least { "≥" } else { "≤" };
    format!(
        "{ratio:.2}× ({sign} {target}×: {})",
        if met { "met" } else { "**missed**" }
    )
}

/// Files and lines of the `.rs` files under `dir/src`.
pub(super) fn count_lines(dir: &Path) -> (usize, usize) {
    let mut files = 0;
    let mut lines = 0;
    let mut stack = vec![dir.join("src")];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files += 1;
                lines += std::fs::read_to_string(&path)
                    .map(|t| t.lines().count())
                    .unwrap_or(0);
            }
        }
    }
    (files, lines)
}

/// Lines of code (not blank, not comments) and doc/comment lines of the `.rs` files under `dir/src`.
pub(super) fn code_lines(dir: &Path) -> (usize, usize) {
    let mut code = 0;
    let mut comments = 0;
    let mut stack = vec![dir.join("src")];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                for line in std::fs::read_to_string(&path).unwrap_or_default().lines() {
                    let line = line.trim();
                    if line.starts_with("//") {
                        comments += 1;
                    } else if !line.is_empty() {
                        code += 1;
                    }
                }
            }
        }
    }
    (code, comments)
}

//! `cargo xtask bench`: every benchmark of the project in one run, with the ratios to its floors
//! and baselines, printed as Markdown tables (and written to `target/bench/report.md`).
//!
//! 1. codegen: the criterion stage benches (`generator/benches/codegen.rs`: parse floor, format
//!    floor, load, model, emit, render, write, in process), then end to end with the release
//!    build of xtask, as separate processes: cold (empty output folder, no format cache), warm
//!    (spec unchanged) and warm with one description changed;
//! 2. the generated crate's build cost, in a separate target folder (`target/bench-build`): cold
//!    `cargo build -p twilio-calls`, rebuild after touching one generated file, dependency count,
//!    generated lines;
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
    #[arg(long)]
    spec: PathBuf,
    /// Only operations whose path starts with this (repeatable).
    #[arg(long = "paths-prefix")]
    paths_prefix: Vec<String>,
    /// Repetitions of each measurement (the median is printed).
    #[arg(long, default_value_t = 3)]
    reps: usize,
}

/// Prints, as one JSON line, the floors of codegen for a spec measured in this process (medians):
/// `parse`, serde_yaml straight into `openapiv3::OpenAPI`; `format`, `syn::parse2` +
/// `prettyplease::unparse` of every file the generator emits for it, on one core.
pub fn floor(root: &Path, args: &FloorArgs) -> Result<(), String> {
    use twilio_codegen::{emit, format, load, lower, names};
    let spec = project::absolute(root, &args.spec);
    let text = std::fs::read_to_string(&spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let selection = twilio_codegen::Selection {
        path_prefixes: args.paths_prefix.clone(),
        tags: Vec::new(),
    };
    let out = root.join("target").join("bench").join("floor");
    let options = project::options(root, &spec, &out, None, selection);
    let header = format::header(&options.krate.source_label);
    let doc = load::parse(&text).map_err(|e| e.to_string())?;
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

const V2010: &str = "../shared/twilio-oai/twilio_api_v2010.yaml";
const CALLS_PREFIX: &str = "/2010-04-01/Accounts/{AccountSid}/Calls";

/// Runs the benchmarks and prints the report.
pub fn run(root: &Path, args: &BenchArgs) -> Result<(), String> {
    let wants = |part: &str| args.only.is_empty() || args.only.iter().any(|o| o == part);
    let target = target_dir(root);
    let mut report = String::new();
    let _ = writeln!(report, "# Benchmark report\n");
    machine(&mut report);
    if wants("codegen") {
        codegen(root, &target, args, &mut report)?;
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

struct Spec {
    /// Short name: `calls` or `v2010`.
    name: &'static str,
    /// Path relative to the root.
    path: String,
    /// `--paths-prefix` arguments.
    selection: Vec<String>,
}

fn specs(root: &Path) -> Vec<Spec> {
    let mut out = Vec::new();
    if root.join(project::DEFAULT_SPEC).is_file() {
        out.push(Spec {
            name: "calls",
            path: project::DEFAULT_SPEC.to_owned(),
            selection: Vec::new(),
        });
    } else if root.join(V2010).is_file() {
        out.push(Spec {
            name: "calls",
            path: V2010.to_owned(),
            selection: vec!["--paths-prefix".to_owned(), CALLS_PREFIX.to_owned()],
        });
    }
    if root.join(V2010).is_file() {
        out.push(Spec {
            name: "v2010",
            path: V2010.to_owned(),
            selection: Vec::new(),
        });
    }
    out
}

fn codegen(
    root: &Path,
    target: &Path,
    args: &BenchArgs,
    report: &mut String,
) -> Result<(), String> {
    let mut bench = cargo();
    bench
        .current_dir(root)
        .args(["bench", "-p", "twilio-codegen", "--bench", "codegen", "--"]);
    if args.quick {
        bench.arg("--quick");
    }
    run_ok(&mut bench, "cargo bench -p twilio-codegen --bench codegen")?;
    run_ok(
        cargo()
            .current_dir(root)
            .args(["build", "--release", "-p", "xtask"]),
        "cargo build --release -p xtask",
    )?;
    let xtask = target.join("release").join("xtask");
    let medians = criterion_medians(target, &["codegen-calls", "codegen-v2010"]);

    let _ = writeln!(report, "## Codegen\n");
    let _ = writeln!(
        report,
        "### End to end\n\n`target/release/xtask codegen` as a process (reading the spec, writing the crate), in rounds: each \
         round runs `target/release/xtask bench-floor` (the floors, measured in that process: `parse` is serde_yaml \
         straight into `openapiv3::OpenAPI`, `format` is `syn::parse2` + `prettyplease::unparse` of every file the \
         generator emits for the spec, on one core; median of 3), then a cold run (empty output folder, no format \
         cache), a warm run (spec unchanged: the whole previous output is reused) and a warm run with one operation \
         summary changed (the format cache skips every file whose tokens did not change). Times and ratios are \
         medians over the rounds (ratios per round, so that a drift of the machine's speed cancels out).\n"
    );
    let _ = writeln!(
        report,
        "| spec | output | parse floor | format floor | cold | cold / parse | cold / (parse + format) | warm, unchanged | warm / parse | warm, one summary changed | that / parse |"
    );
    let _ = writeln!(report, "|---|---|---|---|---|---|---|---|---|---|---|");
    for spec in specs(root) {
        let runs = match (args.quick, spec.name) {
            (true, _) => 3,
            (false, "calls") => 15,
            (false, _) => 9,
        };
        let e = end_to_end(root, target, &xtask, &spec, runs)?;
        let _ = writeln!(
            report,
            "| {} | {} files, {} lines | {} | {} | {} | {} | {} | {} | {} | {} ({} file{} written) | {} |",
            spec.name,
            e.files,
            e.lines,
            time(e.parse),
            time(e.format),
            time(e.cold),
            verdict(e.cold_ratio, 2.0, false),
            verdict(e.cold_floor_ratio, 1.5, false),
            time(e.warm),
            verdict(e.warm_ratio, 2.0, false),
            time(e.edited),
            e.edited_written,
            if e.edited_written == "1" { "" } else { "s" },
            verdict(e.edited_ratio, 2.0, false),
        );
    }

    let _ = writeln!(
        report,
        "\n### Stages, in process\n\nCriterion medians (`cargo bench -p twilio-codegen --bench codegen`; × is the ratio to \
         `floor_parse` of the same spec, from separate measurements, so noisier than the rounds above). `load` = \
         `load_yaml` (YAML to a raw value, kept for what `openapiv3` drops) + `load_typed` (the raw value to \
         `openapiv3`, with error paths); `model` = lower + names; `emit` = tokens of every file, one core; `render` = \
         emit + format as `generate` runs them, on every core; `render_warm` = the same with every file in the format \
         cache; `generate` = load to render; `generate_warm` = the same with every file in the format cache (the \
         one-summary-changed case, minus one file's formatting); `write_cold`/`write_warm` = into an empty folder / an \
         up-to-date one.\n"
    );
    let columns = [
        "floor_parse",
        "floor_format",
        "load",
        "load_yaml",
        "load_typed",
        "model",
        "emit",
        "render",
        "render_warm",
        "generate",
        "generate_warm",
        "write_cold",
        "write_warm",
    ];
    let _ = writeln!(report, "| spec | {} |", columns.join(" | "));
    let _ = writeln!(report, "|---|{}", "---|".repeat(columns.len()));
    for spec in specs(root) {
        let get = |b: &str| {
            medians
                .get(&format!("codegen-{}/{b}", spec.name))
                .copied()
                .unwrap_or(f64::NAN)
        };
        let parse = get("floor_parse");
        let cells = columns.map(|b| {
            let t = get(b);
            if b == "floor_parse" {
                time(t)
            } else {
                format!("{} ({:.2}×)", time(t), t / parse)
            }
        });
        let _ = writeln!(report, "| {} | {} |", spec.name, cells.join(" | "));
    }
    let _ = writeln!(report);
    Ok(())
}

struct EndToEnd {
    parse: f64,
    format: f64,
    cold: f64,
    cold_ratio: f64,
    cold_floor_ratio: f64,
    warm: f64,
    warm_ratio: f64,
    edited: f64,
    edited_ratio: f64,
    edited_written: String,
    files: usize,
    lines: usize,
}

fn end_to_end(
    root: &Path,
    target: &Path,
    xtask: &Path,
    spec: &Spec,
    runs: usize,
) -> Result<EndToEnd, String> {
    let bench = target.join("bench").join("codegen");
    std::fs::create_dir_all(&bench).map_err(|e| format!("{}: {e}", bench.display()))?;
    let out = bench.join(format!("{}-e2e", spec.name));
    let cache_index = |out: &Path| {
        let name: String = project::relative(root, out)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        root.join("target")
            .join("codegen-cache")
            .join(format!("{name}.idx"))
    };
    let codegen = |spec_path: &Path, out: &Path| -> Result<(f64, String), String> {
        let started = Instant::now();
        let output = Command::new(xtask)
            .current_dir(root)
            .arg("codegen")
            .arg("--quiet")
            .arg("--spec")
            .arg(spec_path)
            .arg("--out")
            .arg(out)
            .args(&spec.selection)
            .output()
            .map_err(|e| format!("{}: {e}", xtask.display()))?;
        let elapsed = started.elapsed().as_secs_f64();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        if !output.status.success() {
            return Err(format!(
                "xtask codegen --spec {}: {stderr}",
                spec_path.display()
            ));
        }
        // "<out>: N written, ..."
        let written = stderr
            .rsplit(": ")
            .next()
            .and_then(|s| s.split(' ').next())
            .unwrap_or("?")
            .to_owned();
        Ok((elapsed, written))
    };
    let floors = || -> Result<(f64, f64), String> {
        let output = Command::new(xtask)
            .current_dir(root)
            .arg("bench-floor")
            .arg("--spec")
            .arg(&spec.path)
            .args(&spec.selection)
            .output()
            .map_err(|e| format!("{}: {e}", xtask.display()))?;
        if !output.status.success() {
            return Err(format!(
                "xtask bench-floor: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let json: serde_json::Value = serde_json::from_slice(&output.stdout)
            .map_err(|e| format!("xtask bench-floor: {e}"))?;
        match (json["parse"].as_f64(), json["format"].as_f64()) {
            (Some(p), Some(f)) => Ok((p, f)),
            _ => Err(format!("xtask bench-floor: unexpected output {json}")),
        }
    };
    eprintln!("==> codegen end to end: {} ({runs} rounds)", spec.name);
    let spec_path = root.join(&spec.path);
    // The one-summary-changed runs use a copy of the spec alternating between two versions of
    // one operation summary, in their own output folder.
    let text =
        std::fs::read_to_string(&spec_path).map_err(|e| format!("{}: {e}", spec_path.display()))?;
    let edited_spec = bench.join(format!("{}-edited.yaml", spec.name));
    let edited_out = bench.join(format!("{}-edited", spec.name));
    let write_variant = |i: usize| {
        std::fs::write(&edited_spec, edit_description(&text, i % 2))
            .map_err(|e| format!("{}: {e}", edited_spec.display()))
    };
    write_variant(0)?;
    codegen(&edited_spec, &edited_out)?;

    let mut t = [(); 5].map(|()| Vec::new());
    let mut ratios = [(); 4].map(|()| Vec::new());
    let mut written = Vec::new();
    for i in 1..=runs {
        let (parse, format) = floors()?;
        let _ = std::fs::remove_dir_all(&out);
        let _ = std::fs::remove_file(cache_index(&out));
        let cold = codegen(&spec_path, &out)?.0;
        let warm = codegen(&spec_path, &out)?.0;
        write_variant(i)?;
        let (edited, w) = codegen(&edited_spec, &edited_out)?;
        written.push(w);
        for (slot, value) in t.iter_mut().zip([parse, format, cold, warm, edited]) {
            slot.push(value);
        }
        for (slot, value) in ratios.iter_mut().zip([
            cold / parse,
            cold / (parse + format),
            warm / parse,
            edited / parse,
        ]) {
            slot.push(value);
        }
    }
    written.sort();
    written.dedup();
    let (files, lines) = count_lines(&out);
    let [parse, format, cold, warm, edited] = t.map(|mut v| median(&mut v));
    let [cold_ratio, cold_floor_ratio, warm_ratio, edited_ratio] =
        ratios.map(|mut v| median(&mut v));
    Ok(EndToEnd {
        parse,
        format,
        cold,
        cold_ratio,
        cold_floor_ratio,
        warm,
        warm_ratio,
        edited,
        edited_ratio,
        edited_written: written.join("/"),
        files,
        lines,
    })
}

/// `text` with the first plain operation summary under `paths:` (a one-line description of an
/// operation, printed in its documentation) given one of two endings.
fn edit_description(text: &str, variant: usize) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut in_paths = false;
    let mut done = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with("paths:") {
            in_paths = true;
        } else if !line.starts_with([' ', '\t', '#', '\n', '\r']) {
            in_paths = false;
        }
        let body = line.trim_end();
        let value = body.trim_start().strip_prefix("summary: ");
        if in_paths
            && !done
            && let Some(value) = value
            && !value.is_empty()
            && !value.starts_with(['\'', '"', '>', '|', '&', '*', '[', '{'])
            && !value.contains(": ")
            && !value.contains(" #")
        {
            out.push_str(body);
            out.push_str(if variant == 0 {
                " (benchmark edit A)"
            } else {
                " (benchmark edit B)"
            });
            out.push_str(&line[body.len()..]);
            done = true;
            continue;
        }
        out.push_str(line);
    }
    out
}

/// Files and lines of the `.rs` files under `dir/src`.
fn count_lines(dir: &Path) -> (usize, usize) {
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
fn code_lines(dir: &Path) -> (usize, usize) {
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

fn build(root: &Path, target: &Path, args: &BenchArgs, report: &mut String) -> Result<(), String> {
    let build_dir = target.join("bench-build");
    let timed_build = |what: &str| -> Result<(f64, usize), String> {
        eprintln!("==> {what}");
        let started = Instant::now();
        let output = cargo()
            .current_dir(root)
            .env("CARGO_TARGET_DIR", &build_dir)
            .args(["build", "-p", "twilio-calls"])
            .output()
            .map_err(|e| format!("cargo build: {e}"))?;
        let elapsed = started.elapsed().as_secs_f64();
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            return Err(format!("cargo build -p twilio-calls failed:\n{stderr}"));
        }
        let compiled = stderr
            .lines()
            .filter(|l| l.trim_start().starts_with("Compiling "))
            .count();
        Ok((elapsed, compiled))
    };
    let cold_runs = if args.quick {
        1
    } else {
        args.cold_builds.max(1)
    };
    let mut cold = Vec::new();
    let mut compiled = 0;
    for i in 0..cold_runs {
        let _ = std::fs::remove_dir_all(&build_dir);
        let (t, n) = timed_build(&format!(
            "cold cargo build -p twilio-calls ({}/{cold_runs})",
            i + 1
        ))?;
        cold.push(t);
        compiled = n;
    }
    // Rebuild after touching one generated file (the largest module).
    let touched = root.join("generated").join("src").join("calls.rs");
    let rebuild_runs = if args.quick { 2 } else { 7 };
    let mut rebuild = Vec::new();
    for i in 0..rebuild_runs {
        touch(&touched)?;
        rebuild.push(
            timed_build(&format!(
                "rebuild after touching generated/src/calls.rs ({}/{rebuild_runs})",
                i + 1
            ))?
            .0,
        );
    }
    let tree = |edges: &str| -> Result<usize, String> {
        let text = run_ok(
            cargo().current_dir(root).args([
                "tree",
                "-p",
                "twilio-calls",
                "-e",
                edges,
                "--prefix",
                "none",
            ]),
            &format!("cargo tree -p twilio-calls -e {edges}"),
        )?;
        let mut lines: Vec<&str> = text
            .lines()
            .map(|l| l.trim_end_matches(" (*)").trim())
            .filter(|l| !l.is_empty())
            .collect();
        lines.sort_unstable();
        lines.dedup();
        Ok(lines.len())
    };
    let normal = tree("normal")?;
    let with_build = tree("normal,build")?;
    let generated = root.join("generated");
    let (files, lines) = count_lines(&generated);
    let (code, comments) = code_lines(&generated);

    let _ = writeln!(report, "## The generated crate's build cost\n");
    let _ = writeln!(
        report,
        "`cargo build -p twilio-calls` (debug, the default profile) with `CARGO_TARGET_DIR=target/bench-build`; cold: \
         the target folder removed first (median of {cold_runs}); rebuild: after `touch generated/src/calls.rs` \
         (median of {rebuild_runs}).\n"
    );
    let _ = writeln!(report, "| figure | value | target |");
    let _ = writeln!(report, "|---|---|---|");
    let _ = writeln!(
        report,
        "| cold build | {} ({compiled} crates compiled) | (peers: 46–55 s) |",
        time(median(&mut cold))
    );
    let rebuild = median(&mut rebuild);
    let _ = writeln!(
        report,
        "| rebuild after touching one generated file | {} | ≤ 2 s: {} |",
        time(rebuild),
        if rebuild <= 2.0 { "met" } else { "**missed**" }
    );
    let _ = writeln!(
        report,
        "| crates in the tree, normal edges (`cargo tree -e normal`, itself included) | {normal} | ≤ 86 (progenitor's output): {} |",
        if normal <= 86 { "met" } else { "**missed**" }
    );
    let _ = writeln!(
        report,
        "| crates in the tree with build dependencies (`-e normal,build`) | {with_build} | |"
    );
    let _ = writeln!(
        report,
        "| generated Rust | {files} files, {lines} lines ({code} code, {comments} comment/doc) | |\n"
    );
    Ok(())
}

/// Sets the modification time of `path` to now (its contents unchanged).
fn touch(path: &Path) -> Result<(), String> {
    let file = std::fs::File::options()
        .append(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.set_modified(std::time::SystemTime::now())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn client(root: &Path, target: &Path, args: &BenchArgs, report: &mut String) -> Result<(), String> {
    let mut bench = cargo();
    bench
        .current_dir(root)
        .args(["bench", "-p", "twilio-bench", "--bench", "client", "--"]);
    if args.quick {
        bench.arg("--quick");
    }
    run_ok(&mut bench, "cargo bench -p twilio-bench --bench client")?;
    run_ok(
        cargo()
            .current_dir(root)
            .args(["build", "--release", "-p", "twilio-bench", "--bins"]),
        "cargo build --release -p twilio-bench --bins",
    )?;
    let medians = criterion_medians(
        target,
        &["client-encode", "client-decode-50", "client-decode-1000"],
    );
    let get = |k: &str| medians.get(k).copied().unwrap_or(f64::NAN);
    let release = target.join("release");
    let mut figures = BTreeMap::new();
    for bin in ["overhead", "throughput", "paging"] {
        let mut command = Command::new(release.join(bin));
        if args.quick && bin == "throughput" {
            command.arg("300");
        }
        let out = run_ok(&mut command, &format!("target/release/{bin}"))?;
        for line in out.lines() {
            if let Ok(json) = serde_json::from_str::<serde_json::Value>(line)
                && let (Some(name), Some(value)) = (json["name"].as_str(), json["value"].as_f64())
            {
                figures.insert(name.to_owned(), value);
            }
        }
    }
    let fig = |k: &str| figures.get(k).copied().unwrap_or(f64::NAN);

    let _ = writeln!(report, "## Client overhead\n");
    let _ = writeln!(
        report,
        "Encode: every `CreateCall` field, through the generated builder, `Client::create_call_request` and \
         `Request::into_form_body` (the body the client sends), against a plain `#[derive(Serialize)]` struct \
         through `serde_html_form`, both from the same values. Decode: a `ListCall` page through \
         `twilio_runtime::decode_json` into `ListCallResponse` (what the client does with a body: typed dates, \
         SIDs and enums), against `serde_json::from_slice` into a plain struct of `Option<String>`s. Times are \
         criterion medians (`cargo bench -p twilio-bench --bench client`); the ratio is the median of 31 \
         rounds alternating between the two sides (`target/release/overhead`), so that the machine's drift \
         cancels out (the ratio of the criterion medians is in brackets).\n"
    );
    let _ = writeln!(report, "| operation | generated | plain serde | ratio |");
    let _ = writeln!(report, "|---|---|---|---|");
    let rows = [
        (
            "encode a full CreateCall form body",
            "client-encode",
            "encode",
        ),
        (
            "decode a ListCall page of 50 calls",
            "client-decode-50",
            "decode_50",
        ),
        (
            "decode a ListCall page of 1,000 calls",
            "client-decode-1000",
            "decode_1000",
        ),
    ];
    for (what, group, name) in rows {
        let (g, b) = (
            get(&format!("{group}/generated")),
            get(&format!("{group}/baseline")),
        );
        let _ = writeln!(
            report,
            "| {what} | {} | {} | {} [{:.2}×] |",
            time(g),
            time(b),
            verdict(fig(&format!("overhead/{name}/ratio")), 1.2, false),
            g / b
        );
        if name == "encode" {
            let _ = writeln!(
                report,
                "| … building the values alone (builder / struct) | {} | {} | [{:.2}×] |",
                time(get("client-encode/generated_params_only")),
                time(get("client-encode/baseline_struct_only")),
                get("client-encode/generated_params_only")
                    / get("client-encode/baseline_struct_only")
            );
            let _ = writeln!(
                report,
                "| … encoding built values (generated: from a clone of the builder) | {} | {} | [{:.2}×] |",
                time(get("client-encode/generated_encode_only")),
                time(get("client-encode/baseline_encode_only")),
                get("client-encode/generated_encode_only")
                    / get("client-encode/baseline_encode_only")
            );
        } else {
            let t = get(&format!("{group}/generated_types_only"));
            let _ = writeln!(
                report,
                "| … the generated types through plain `serde_json::from_slice` | {} | | [{:.2}×] |",
                time(t),
                t / b
            );
        }
    }

    let _ = writeln!(
        report,
        "\nLoopback throughput (`target/release/throughput`): requests per second through the generated client \
         and through a hand-written reqwest client (plain serde structs; the same 30 s / 10 s timeouts as the \
         runtime's defaults) against the same in-process HTTP/1.1 server, connections reused; alternating rounds, \
         median of 21 rounds of 3,000 requests (the ratio: median of the per-round ratios). `fetch_call` decodes one call; \
         `create_call` sends every CreateCall field and decodes the call.\n"
    );
    let _ = writeln!(
        report,
        "| request | in flight | generated | reqwest | ratio |"
    );
    let _ = writeln!(report, "|---|---|---|---|---|");
    for c in [1, 16] {
        for op in ["fetch_call", "create_call"] {
            let g = fig(&format!("throughput/{op}/c{c}/generated"));
            let b = fig(&format!("throughput/{op}/c{c}/reqwest"));
            let r = fig(&format!("throughput/{op}/c{c}/ratio"));
            let _ = writeln!(
                report,
                "| {op} | {c} | {g:.0}/s | {b:.0}/s | {} |",
                verdict(r, 0.9, true)
            );
        }
    }
    let _ = writeln!(
        report,
        "\nAuto-paging (`target/release/paging`): every call of a list through `list_call_stream`, and through a \
         hand-written reqwest loop over plain serde pages; the server runs in a child process, so the peak \
         is the client's own heap above its level before the run (counting allocator). Times: median of 5 \
         runs; peak heap: the highest of the 5.\n"
    );
    let _ = writeln!(
        report,
        "| calls | page size | pages | generated: time | calls/s | peak heap | reqwest: time | calls/s | peak heap |"
    );
    let _ = writeln!(report, "|---|---|---|---|---|---|---|---|---|");
    for (total, size) in [
        (1000usize, 50usize),
        (10000, 50),
        (100000, 50),
        (10000, 1000),
    ] {
        let k =
            |who: &str, what: &str| fig(&format!("paging/{total}_calls/page_{size}/{who}/{what}"));
        let _ = writeln!(
            report,
            "| {total} | {size} | {} | {} | {:.0} | {:.0} KiB | {} | {:.0} | {:.0} KiB |",
            total.div_ceil(size),
            time(k("generated", "time")),
            k("generated", "calls_per_s"),
            k("generated", "peak_heap") / 1024.0,
            time(k("reqwest", "time")),
            k("reqwest", "calls_per_s"),
            k("reqwest", "peak_heap") / 1024.0,
        );
    }
    // The transport's buffers (hyper's adaptive read buffer, the pool) settle at one of two sizes
    // from run to run, for the reqwest baseline as much as for the generated client. Flat means no
    // growth with the pages beyond that: 100 times the pages, at most 1.2 times the peak.
    let peak =
        |who: &str, total: usize| fig(&format!("paging/{total}_calls/page_50/{who}/peak_heap"));
    let flat = peak("generated", 100_000) / peak("generated", 1_000);
    let _ = writeln!(
        report,
        "\nPeak heap for 2,000 pages / for 20 pages (page size 50): {flat:.2}× (flat in the number of pages, \
         ≤ 1.2×: {}); the reqwest baseline: {:.2}×.\n",
        if flat <= 1.2 { "met" } else { "**missed**" },
        peak("reqwest", 100_000) / peak("reqwest", 1_000),
    );
    Ok(())
}

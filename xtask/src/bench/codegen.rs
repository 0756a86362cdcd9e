//! Part 1 of `cargo xtask bench`: codegen, in process (criterion) and end to end (release
//! xtask, cold and warm), with its floors.

use super::*;

pub(super) struct Spec {
    /// Short name: `calls` or `v2010`.
    name: &'static str,
    /// Path relative to the root.
    path: String,
    /// `--paths-prefix` arguments.
    selection: Vec<String>,
}

pub(super) fn specs(root: &Path) -> Vec<Spec> {
    let v2010 = v2010(root);
    let mut out = Vec::new();
    if root.join(project::DEFAULT_SPEC).is_file() {
        out.push(Spec {
            name: "calls",
            path: project::DEFAULT_SPEC.to_owned(),
            selection: Vec::new(),
        });
    } else if root.join(&v2010).is_file() {
        out.push(Spec {
            name: "calls",
            path: v2010.clone(),
            selection: vec!["--paths-prefix".to_owned(), CALLS_PREFIX.to_owned()],
        });
    }
    if root.join(&v2010).is_file() {
        out.push(Spec {
            name: "v2010",
            path: v2010.clone(),
            selection: Vec::new(),
        });
    }
    out
}

pub(super) fn codegen(
    root: &Path,
    target: &Path,
    args: &BenchArgs,
    fresh: &mut Fresh,
    report: &mut String,
) -> Result<(), String> {
    run_ok(
        cargo()
            .current_dir(root)
            .args(["build", "--release", "-p", "xtask"]),
        "cargo build --release -p xtask",
    )?;
    let xtask = target.join("release").join("xtask");

    let _ = writeln!(report, "## Codegen\n");
    let _ = writeln!(
        report,
        "### End to end\n\n`target/release/xtask codegen` as a process (reading the spec, writing the crate), in rounds: each \
         round runs `target/release/xtask bench-floor` (the floors, measured in that process: `parse` is serde_yaml \
         straight into `openapiv3::OpenAPI`, `format` is `syn::parse2` + `prettyplease::unparse` of every file the \
         generator emits for the spec, on one core; median of 3), then a cold run (a new output folder, no format \
         cache), a warm run (spec unchanged: the whole previous output is reused) and a warm run with one operation \
         summary changed (the format cache skips every file whose tokens did not change). Times and ratios are \
         medians over the rounds (ratios per round, so that a drift of the machine's speed cancels out).\n"
    );
    let _ = writeln!(
        report,
        "| spec | output | parse floor | format floor | cold | cold / parse | cold / (parse + format) | warm, unchanged | warm / parse | warm, one summary changed | that / parse |"
    );
    let _ = writeln!(report, "|---|---|---|---|---|---|---|---|---|---|---|");
    let before = two_cores(root, &xtask)?;
    for spec in specs(root) {
        let runs = match (args.quick, spec.name) {
            (true, _) => 3,
            (false, "calls") => 15,
            (false, _) => 9,
        };
        let e = end_to_end(root, target, &xtask, &spec, runs, fresh)?;
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
            verdict(e.cold_floor_ratio, 1.0, false),
            time(e.warm),
            verdict(e.warm_ratio, 2.0, false),
            time(e.edited),
            e.edited_written,
            if e.edited_written == "1" { "" } else { "s" },
            verdict(e.edited_ratio, 2.0, false),
        );
    }

    let after = two_cores(root, &xtask)?;
    let _ = writeln!(
        report,
        "\nTwo cores: the floors of Calls measured in two processes at once took {before:.2}× their time \
         alone before the rounds above and {after:.2}× after them (median of 3 pairs; 1.00× is two cores \
         of their own, about 1.4-1.75× is what this VM shows when its two virtual cores share one \
         physical core). The floors run on one core; codegen runs its stages on both, so a run in the \
         second case reads higher against its floors than it would on two real cores."
    );
    let _ = writeln!(report);
    super::many::rows(root, target, &xtask, args, fresh, report)?;
    // The in-process stage benches come after the runs above: their `write_cold` removes and
    // writes a crate again and again, which would slow the files those runs create (`fresh.rs`).
    criterion(root, "twilio-codegen", "codegen", args)?;
    let medians = criterion_medians(target, &["codegen-calls", "codegen-v2010"]);
    let _ = writeln!(
        report,
        "### Stages, in process\n\nCriterion medians (`cargo bench -p twilio-codegen --bench codegen`; × is the ratio to \
         `floor_parse` of the same spec, from separate measurements, so noisier than the rounds above). `load` = \
         `load_yaml` (YAML to a raw value, kept for what `openapiv3` drops) + `load_typed` (the raw value to \
         `openapiv3`, with error paths); `model` = lower + names; `emit` = tokens of every file, one core; `render` = \
         emit + format as `generate` runs them, on every core; `render_warm` = the same with every file taken from \
         the cache (the emit cache: nothing emitted); `generate` = load to render; `generate_warm` = the same with \
         that cache (the one-summary-changed case, minus reading the changed piece of the YAML and emitting and formatting the changed file); `write_cold`/`write_warm` = into an empty folder / an \
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

pub(super) struct EndToEnd {
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

pub(super) fn end_to_end(
    root: &Path,
    target: &Path,
    xtask: &Path,
    spec: &Spec,
    runs: usize,
    fresh: &mut Fresh,
) -> Result<EndToEnd, String> {
    let bench = target.join("bench").join("codegen");
    std::fs::create_dir_all(&bench).map_err(|e| format!("{}: {e}", bench.display()))?;
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
        floors_of(&output)
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
    let mut out = PathBuf::new();
    for i in 1..=runs {
        let (parse, format) = floors()?;
        // A new folder, never an emptied one (see `fresh.rs`).
        out = fresh.next(&format!("{}-e2e", spec.name));
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
pub(super) fn edit_description(text: &str, variant: usize) -> String {
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

/// How much slower the floors of Calls run in two processes at once than in one alone (median
/// of 3 pairs): about 1.0 when the machine's two cores are really two, more when they share one
/// (a VM whose two virtual cores are at times placed on one physical core's two threads).
fn two_cores(root: &Path, xtask: &Path) -> Result<f64, String> {
    let Some(spec) = specs(root).into_iter().next() else {
        return Ok(f64::NAN);
    };
    let floor = || {
        Command::new(xtask)
            .current_dir(root)
            .args(["bench-floor", "--reps", "5", "--spec", &spec.path])
            .args(&spec.selection)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| format!("{}: {e}", xtask.display()))
    };
    let total = |child: std::process::Child| -> Result<f64, String> {
        let output = child
            .wait_with_output()
            .map_err(|e| format!("xtask bench-floor: {e}"))?;
        floors_of(&output).map(|(parse, format)| parse + format)
    };
    let mut ratios = Vec::new();
    for _ in 0..3 {
        let alone = total(floor()?)?;
        let (a, b) = (floor()?, floor()?);
        let (a, b) = (total(a)?, total(b)?);
        ratios.push((a + b) / 2.0 / alone);
    }
    Ok(median(&mut ratios))
}

/// The (parse, format) floors an `xtask bench-floor --spec` process printed, in seconds.
fn floors_of(output: &std::process::Output) -> Result<(f64, f64), String> {
    if !output.status.success() {
        return Err(format!(
            "xtask bench-floor: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("xtask bench-floor: {e}"))?;
    match (json["parse"].as_f64(), json["format"].as_f64()) {
        (Some(p), Some(f)) => Ok((p, f)),
        _ => Err(format!("xtask bench-floor: unexpected output {json}")),
    }
}

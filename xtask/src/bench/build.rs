//! Part 2 of `cargo xtask bench`: the build cost of the generated crate.

use super::*;

pub(super) fn build(
    root: &Path,
    target: &Path,
    args: &BenchArgs,
    report: &mut String,
) -> Result<(), String> {
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
    // Cargo's own part of a rebuild: the same command with nothing to compile (resolving the
    // workspace's lock, reading the dependencies' manifests, checking fingerprints). What is
    // left of a rebuild is the compiler's.
    let mut no_op = Vec::new();
    for i in 0..rebuild_runs {
        let (t, n) = timed_build(&format!(
            "no-op cargo build -p twilio-calls ({}/{rebuild_runs})",
            i + 1
        ))?;
        if n != 0 {
            return Err(format!(
                "a build with nothing changed compiled {n} crates: the no-op row would time a build"
            ));
        }
        no_op.push(t);
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
         (median of {rebuild_runs}); no-op: the same command again with nothing changed (median of {rebuild_runs}).\n"
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
        "| rebuild after touching one generated file | {} | ≤ 0.5 s (issue 20): {} |",
        time(rebuild),
        if rebuild <= 0.5 { "met" } else { "**missed**" }
    );
    let no_op = median(&mut no_op);
    let _ = writeln!(
        report,
        "| of which cargo's own work: a no-op `cargo build -p twilio-calls` (median of {rebuild_runs}) | {} ({} left to the compiler) | |",
        time(no_op),
        time((rebuild - no_op).max(0.0))
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
        "| generated Rust | {files} files, {lines} lines ({code} code, {comments} comment/doc) | |"
    );
    match v2010_check(root, if args.quick { 2 } else { 5 })? {
        Some((t, files, lines)) => {
            let _ = writeln!(
                report,
                "| `cargo check` of the v2010 crate ({files} files, {lines} lines) after touching its largest file (`target/bench-v2010`, median) | {} | ≤ 2 s: {} |",
                time(t),
                if t <= 2.0 { "met" } else { "**missed**" }
            );
        }
        None => {
            let _ = writeln!(
                report,
                "| `cargo check` of the v2010 crate after touching one file | skipped: no `twilio_api_v2010.yaml` | |"
            );
        }
    }
    let _ = writeln!(report);
    Ok(())
}

/// `cargo check` of the whole v2010 crate after touching one file: the crate generated into
/// `target/bench-v2010/twilio-api-v2010` (a workspace of its own, the runtime by path, the
/// workspace's `Cargo.lock`), checked once, then its largest file touched and `cargo check
/// --offline` timed (median of `runs`). `None` when the document is missing.
pub(super) fn v2010_check(root: &Path, runs: usize) -> Result<Option<(f64, usize, usize)>, String> {
    let spec = PathBuf::from(v2010(root));
    if !spec.is_file() {
        return Ok(None);
    }
    let dir = root.join("target").join("bench-v2010");
    let krate = dir.join("twilio-api-v2010");
    let args = twilio_codegen::command::CodegenArgs {
        spec: Some(spec),
        out: Some(krate.clone()),
        quiet: true,
        ..Default::default()
    };
    twilio_codegen::command::run(&args, Some(root))?;
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let check = || -> Result<f64, String> {
        let started = Instant::now();
        let output = cargo()
            .current_dir(&krate)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .args(["check", "--offline"])
            .output()
            .map_err(|e| format!("cargo check: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "cargo check of {} failed:\n{}",
                krate.display(),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        Ok(started.elapsed().as_secs_f64())
    };
    eprintln!("==> cargo check of the v2010 crate (dependencies, once)");
    check()?;
    // The largest generated file: the one whose edit costs most to check again.
    let largest = std::fs::read_dir(krate.join("src"))
        .map_err(|e| format!("{}: {e}", krate.display()))?
        .flatten()
        .map(|e| e.path())
        .max_by_key(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .ok_or("the v2010 crate has no source file")?;
    let mut times = Vec::new();
    for i in 0..runs.max(1) {
        eprintln!(
            "==> cargo check after touching {} ({}/{runs})",
            largest.display(),
            i + 1
        );
        touch(&largest)?;
        times.push(check()?);
    }
    let (files, lines) = count_lines(&krate);
    Ok(Some((median(&mut times), files, lines)))
}

/// Sets the modification time of `path` to now (its contents unchanged).
pub(super) fn touch(path: &Path) -> Result<(), String> {
    let file = std::fs::File::options()
        .append(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.set_modified(std::time::SystemTime::now())
        .map_err(|e| format!("{}: {e}", path.display()))
}

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
pub(super) fn touch(path: &Path) -> Result<(), String> {
    let file = std::fs::File::options()
        .append(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.set_modified(std::time::SystemTime::now())
        .map_err(|e| format!("{}: {e}", path.display()))
}

//! `cargo xtask semver-referee`: the change report checked against a referee,
//! cargo-semver-checks, on the crates generated from both sides of each pair of versions of
//! Twilio's `twilio_api_v2010.yaml` in `../shared/twilio-oai/history/`, for the Calls slice and
//! for the whole document.
//!
//! For each pair and scope: both crates are generated under `target/referee/`, the report is
//! computed from the two documents (`twilio_codegen::diff`), and cargo-semver-checks (installed
//! by this command from crates.io at the pinned version when missing) judges the two crates. The
//! report's level must be the referee's verdict (the referee has no lints for additions, so a
//! minor or patch report agrees with its "no semver update required"), and every item the referee
//! flags must be named in the report. The table goes to the terminal and to
//! `target/referee/report.md`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use twilio_codegen::diff::{self, Level, Report};
use twilio_codegen::{Selection, project};

/// The referee's version, pinned.
const REFEREE_VERSION: &str = "0.51.0";

/// The Calls slice.
const CALLS_PREFIX: &str = "/2010-04-01/Accounts/{AccountSid}/Calls";

#[derive(clap::Args)]
pub struct RefereeArgs {
    /// Only the pairs whose file names contain this (e.g. a commit: `8aa765f2`).
    #[arg(long)]
    only: Option<String>,
    /// Only the Calls slice (the whole document takes most of the time).
    #[arg(long)]
    calls_only: bool,
}

/// What the referee said of one pair.
struct Verdict {
    level: Option<Level>,
    flagged: Vec<String>,
}

pub fn run(root: &Path, args: &RefereeArgs) -> Result<bool, String> {
    let history = root.join("../shared/twilio-oai/history");
    let mut pairs: Vec<(String, PathBuf, PathBuf)> = Vec::new();
    let entries = std::fs::read_dir(&history).map_err(|e| format!("{}: {e}", history.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in &names {
        if let Some(stem) = name.strip_suffix("_before.yaml") {
            if args
                .only
                .as_ref()
                .is_some_and(|o| !stem.contains(o.as_str()))
            {
                continue;
            }
            let after = history.join(format!("{stem}_after.yaml"));
            if after.exists() {
                pairs.push((stem.to_owned(), history.join(name), after));
            }
        }
    }
    if pairs.is_empty() {
        return Err(format!("no pairs in {}", history.display()));
    }
    ensure_referee()?;
    let work = root.join("target").join("referee");
    let mut scopes = vec![("Calls slice", vec![CALLS_PREFIX.to_owned()])];
    if !args.calls_only {
        scopes.push(("whole document", Vec::new()));
    }
    let mut table = String::from(
        "| pair | scope | report | referee | items flagged by the referee, found in the report | agree | time (report / referee) |\n\
         | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    let mut all_agree = true;
    let mut notes = Vec::new();
    for (stem, before, after) in &pairs {
        for (scope, prefixes) in &scopes {
            let selection = Selection {
                path_prefixes: prefixes.clone(),
                tags: Vec::new(),
            };
            let old_text = read(before)?;
            let new_text = read(after)?;
            let started = Instant::now();
            let old =
                twilio_codegen::public_api(&old_text, &selection).map_err(|e| e.to_string())?;
            let new =
                twilio_codegen::public_api(&new_text, &selection).map_err(|e| e.to_string())?;
            let report = diff::compare(&old, &new);
            let report_time = started.elapsed();
            let dir = work.join(stem).join(if prefixes.is_empty() {
                "whole"
            } else {
                "calls"
            });
            let started = Instant::now();
            generate(root, &old_text, &dir.join("old"), &selection)?;
            generate(root, &new_text, &dir.join("new"), &selection)?;
            let verdict = referee(root, &dir)?;
            let referee_time = started.elapsed();
            let missing: Vec<&String> = verdict
                .flagged
                .iter()
                .filter(|f| !named_in(&report, f))
                .collect();
            let agree = levels_agree(report.level(), verdict.level) && missing.is_empty();
            all_agree &= agree;
            if !missing.is_empty() {
                notes.push(format!(
                    "{stem} ({scope}): flagged by the referee, not in the report: {}",
                    missing
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            let line = format!(
                "| {stem} | {scope} | {} | {} | {} of {} | {} | {:.2} s / {:.0} s |\n",
                report.summary(),
                verdict
                    .level
                    .map_or("no semver update required", Level::as_str),
                verdict.flagged.len() - missing.len(),
                verdict.flagged.len(),
                if agree { "yes" } else { "NO" },
                report_time.as_secs_f64(),
                referee_time.as_secs_f64(),
            );
            print!("{line}");
            table.push_str(&line);
        }
    }
    for note in &notes {
        table.push_str(&format!("\n{note}\n"));
    }
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    std::fs::write(work.join("report.md"), &table).map_err(|e| e.to_string())?;
    println!("\n{table}");
    Ok(all_agree)
}

/// The referee has no lints for additions: a report of a minor or patch change (or none) agrees
/// with "no semver update required"; a major one must be a major verdict.
fn levels_agree(report: Option<Level>, referee: Option<Level>) -> bool {
    match (report, referee) {
        (Some(Level::Major), Some(Level::Major)) => true,
        (Some(Level::Major), _) | (_, Some(Level::Major)) => false,
        (r, Some(Level::Minor)) => r == Some(Level::Minor),
        _ => true,
    }
}

/// Whether the report names the item the referee flagged (its last path segment, e.g.
/// `create_call_feedback` of `method create_call_feedback of Client`).
fn named_in(report: &Report, flagged: &str) -> bool {
    let name = flagged.rsplit("::").next().unwrap_or(flagged);
    // In the item, or in what is said of it (a method's companions, `fetch_call_request`).
    report.changes.iter().any(|c| {
        [c.item.as_str(), c.what.as_str()].iter().any(|text| {
            text.split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                .any(|segment| segment == name)
        })
    })
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Generates a standalone crate (its own workspace, the runtime by path) named `twilio-api`.
fn generate(root: &Path, text: &str, out: &Path, selection: &Selection) -> Result<(), String> {
    let options = project::options(
        root,
        Path::new("spec/referee.yaml"),
        out,
        Some("twilio-api"),
        selection.clone(),
    );
    let output = twilio_codegen::generate(text, &options).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(out.join("src"));
    twilio_codegen::write::write(out, &output.files).map_err(|e| e.to_string())?;
    // The workspace's lock file, so that both sides build with the same dependencies, offline.
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).map_err(|e| e.to_string())?;
    Ok(())
}

/// Runs cargo-semver-checks on `dir/new` against `dir/old`.
fn referee(root: &Path, dir: &Path) -> Result<Verdict, String> {
    let output = Command::new("cargo")
        .args([
            "semver-checks",
            "check-release",
            "--release-type",
            "patch",
            "--baseline-root",
        ])
        .arg(dir.join("old"))
        .arg("--manifest-path")
        .arg(dir.join("new").join("Cargo.toml"))
        .env(
            "CARGO_TARGET_DIR",
            root.join("target").join("referee").join("target"),
        )
        .output()
        .map_err(|e| format!("cargo semver-checks: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::write(dir.join("referee.log"), &text).map_err(|e| e.to_string())?;
    let level = if text.contains("requires new major version") {
        Some(Level::Major)
    } else if text.contains("requires new minor version") {
        Some(Level::Minor)
    } else if text.contains("no semver update required") {
        None
    } else {
        return Err(format!(
            "cargo semver-checks gave no verdict (see {}):\n{}",
            dir.join("referee.log").display(),
            text.lines()
                .rev()
                .take(20)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
                .join("\n")
        ));
    };
    // `Failed in:` blocks list one item a line, each ending with where it was:
    // `  CreateCallParams::time_limit, previously in file …`, `  variant HttpMethod::Head in file …`.
    let mut flagged = Vec::new();
    for line in text.lines() {
        let Some(item) = line
            .split(", previously in file")
            .next()
            .filter(|_| line.contains(" in file "))
            .map(|i| i.split(" in file ").next().unwrap_or(i).trim())
        else {
            continue;
        };
        let name = item
            .split_whitespace()
            .find(|w| w.contains("::"))
            .or_else(|| item.split_whitespace().nth(1))
            .or_else(|| item.split_whitespace().next());
        if let Some(name) = name {
            flagged.push(name.trim_end_matches(',').to_owned());
        }
    }
    flagged.sort();
    flagged.dedup();
    Ok(Verdict { level, flagged })
}

/// Installs the pinned cargo-semver-checks unless it is there.
fn ensure_referee() -> Result<(), String> {
    let installed = Command::new("cargo")
        .args(["semver-checks", "--version"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    if installed
        .as_deref()
        .is_some_and(|v| v.contains(REFEREE_VERSION))
    {
        return Ok(());
    }
    eprintln!("installing cargo-semver-checks {REFEREE_VERSION} (a few minutes, once)");
    let status = Command::new("cargo")
        .args([
            "install",
            "cargo-semver-checks",
            "--locked",
            "--version",
            REFEREE_VERSION,
        ])
        .status()
        .map_err(|e| format!("cargo install: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo install cargo-semver-checks {REFEREE_VERSION} failed"
        ))
    }
}

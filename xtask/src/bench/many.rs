//! Part 1 of `cargo xtask bench`, continued: codegen of many documents in one command
//! (`codegen --spec-dir`, all of `../shared/twilio-oai` at once, next to the parse floor of the
//! same documents) and of the 10,000-operation hostile document.

use super::*;

/// The parse floor of every document in `dir` (serde_yaml straight into `openapiv3::OpenAPI`,
/// median of `reps` per document), summed, printed as one JSON line with the document count.
pub(super) fn parse_floor(dir: &Path, reps: usize) -> Result<(), String> {
    let mut total = 0.0;
    let mut documents = 0;
    for spec in documents_in(dir)? {
        let text =
            std::fs::read_to_string(&spec).map_err(|e| format!("{}: {e}", spec.display()))?;
        let mut times = Vec::new();
        for _ in 0..reps.max(1) {
            let started = Instant::now();
            let parsed = serde_yaml::from_str::<openapiv3::OpenAPI>(&text);
            times.push(started.elapsed().as_secs_f64());
            parsed.map_err(|e| format!("{}: {e}", spec.display()))?;
        }
        total += median(&mut times);
        documents += 1;
    }
    println!(
        "{}",
        serde_json::json!({ "parse": total, "documents": documents })
    );
    Ok(())
}

/// The OpenAPI documents directly in `dir`, as `codegen --spec-dir` reads them.
fn documents_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml" | "json")
                )
        })
        .collect();
    out.sort();
    Ok(out)
}

/// The rows of both: all documents in one command (cold, in rounds with the summed parse floor)
/// and the hostile document (cold, median of a few runs).
pub(super) fn rows(
    root: &Path,
    target: &Path,
    xtask: &Path,
    args: &BenchArgs,
    fresh: &mut Fresh,
    report: &mut String,
) -> Result<(), String> {
    let bench = target.join("bench").join("codegen");
    std::fs::create_dir_all(&bench).map_err(|e| format!("{}: {e}", bench.display()))?;
    let _ = writeln!(report, "### Many documents, and a hostile one\n");
    let _ = writeln!(
        report,
        "`target/release/xtask codegen --quiet --spec-dir ../shared/twilio-oai --out-dir target/bench/cold-<pid>/all-<n>` \
         (every document, one process, the documents spread over the cores), cold (a new output folder each round, \
         removed when the bench ends: see `xtask/src/bench/fresh.rs`), in \
         rounds with `xtask bench-floor --spec-dir ../shared/twilio-oai` (the parse floor of every document, summed); and \
         `xtask codegen` of the 10,000-operation document of `tests/tests/invalid_specs.rs` \
         (`ten_thousand_operations`, written to `target/bench/codegen/hostile-10k.json`), cold (a new folder each run), as a process \
         (reading, generating, writing its 2,008 files).\n"
    );
    let _ = writeln!(
        report,
        "| what | output | parse floor | cold | cold / parse | target |"
    );
    let _ = writeln!(report, "|---|---|---|---|---|---|");
    let oai = twilio_oai(root);
    if oai.is_dir() {
        let rounds = if args.quick { 2 } else { 5 };
        let mut out = PathBuf::new();
        let (mut parse, mut cold, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
        let mut documents = 0;
        eprintln!("==> codegen --spec-dir {} ({rounds} rounds)", oai.display());
        for _ in 0..rounds {
            let floor = quiet_ok(
                Command::new(xtask)
                    .current_dir(root)
                    .args(["bench-floor", "--reps", "1", "--spec-dir"])
                    .arg(&oai),
                "xtask bench-floor --spec-dir",
            )?;
            let json: serde_json::Value =
                serde_json::from_str(&floor).map_err(|e| format!("bench-floor: {e}"))?;
            let p = json["parse"].as_f64().unwrap_or(f64::NAN);
            documents = json["documents"].as_u64().unwrap_or(0);
            // A new folder each round, never an emptied one (see `fresh.rs`).
            out = fresh.next("all");
            let started = Instant::now();
            quiet_ok(
                Command::new(xtask)
                    .current_dir(root)
                    .args(["codegen", "--quiet", "--spec-dir"])
                    .arg(&oai)
                    .arg("--out-dir")
                    .arg(&out),
                "xtask codegen --spec-dir",
            )?;
            let t = started.elapsed().as_secs_f64();
            parse.push(p);
            cold.push(t);
            ratio.push(t / p);
        }
        // Rust files and lines of every crate written.
        let (files, lines) = std::fs::read_dir(&out)
            .map(|d| {
                d.flatten()
                    .map(|e| count_lines(&e.path()))
                    .fold((0, 0), |(f, l), (f2, l2)| (f + f2, l + l2))
            })
            .unwrap_or((0, 0));
        let cold = median(&mut cold);
        let _ = writeln!(
            report,
            "| all {documents} documents of `../shared/twilio-oai`, one command | {documents} crates, {files} Rust files, {lines} lines | {} | {} | {:.2}× | ≤ 1.0 s: {} |",
            time(median(&mut parse)),
            time(cold),
            median(&mut ratio),
            if cold <= 1.0 { "met" } else { "**missed**" }
        );
    }
    let hostile = bench.join("hostile-10k.json");
    std::fs::write(&hostile, ten_thousand_operations())
        .map_err(|e| format!("{}: {e}", hostile.display()))?;
    let runs = if args.quick { 1 } else { 3 };
    let mut cold = Vec::new();
    let mut out = PathBuf::new();
    eprintln!("==> codegen of the 10,000-operation document ({runs} runs)");
    for _ in 0..runs {
        out = fresh.next("hostile-10k");
        let started = Instant::now();
        quiet_ok(
            Command::new(xtask)
                .current_dir(root)
                .args(["codegen", "--quiet", "--spec"])
                .arg(&hostile)
                .arg("--out")
                .arg(&out),
            "xtask codegen --spec hostile-10k.json",
        )?;
        cold.push(started.elapsed().as_secs_f64());
    }
    let (files, lines) = count_lines(&out);
    let cold = median(&mut cold);
    let _ = writeln!(
        report,
        "| 10,000 operations, 50 schemas (hostile) | {files} Rust files, {lines} lines | | {} | | ≤ 2 s: {} |\n",
        time(cold),
        if cold <= 2.0 { "met" } else { "**missed**" }
    );
    Ok(())
}

/// The document of `tests/tests/invalid_specs.rs` `ten_thousand_operations` (the same shape:
/// 2,000 paths in 20 groups, five methods each with a SID path parameter, 50 response schemas).
fn ten_thousand_operations() -> String {
    let mut paths = serde_json::Map::new();
    for i in 0..2000 {
        let mut item = serde_json::Map::new();
        for (m, verb) in ["get", "post", "put", "patch", "delete"].iter().enumerate() {
            item.insert(
                (*verb).to_owned(),
                serde_json::json!({
                    "operationId": format!("{verb}_thing_{i}"),
                    "parameters": [{"name": "Sid", "in": "path", "required": true,
                                    "schema": {"type": "string", "pattern": "^TH[0-9a-fA-F]{32}$"}}],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {
                        "schema": {"$ref": format!("#/components/schemas/thing_{}", (i + m) % 50)}
                    }}}}
                }),
            );
        }
        paths.insert(
            format!("/Group{}/Things{i}/{{Sid}}.json", i % 20),
            item.into(),
        );
    }
    let schemas: serde_json::Map<String, serde_json::Value> = (0..50)
        .map(|i| {
            (
                format!("thing_{i}"),
                serde_json::json!({"type": "object", "properties": {
                    "sid": {"type": "string", "pattern": "^TH[0-9a-fA-F]{32}$"},
                    "n": {"type": "integer"}
                }}),
            )
        })
        .collect();
    serde_json::json!({
        "openapi": "3.0.1",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://api.example.test"}],
        "paths": paths,
        "components": {"schemas": schemas}
    })
    .to_string()
}

/// Runs `command` with its stderr captured (shown only when it fails); its stdout.
fn quiet_ok(command: &mut Command, what: &str) -> Result<String, String> {
    let output = command.output().map_err(|e| format!("{what}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{what}: failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

//! Part 3 of `cargo xtask bench`: the client (encode/decode, loopback throughput, auto-paging).

use super::*;

pub(super) fn client(
    root: &Path,
    target: &Path,
    args: &BenchArgs,
    report: &mut String,
) -> Result<(), String> {
    criterion(root, "twilio-bench", "client", args)?;
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

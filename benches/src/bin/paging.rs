//! Auto-paging through the generated client (`list_call_stream`) next to a hand-written reqwest
//! loop over plain serde pages, with the peak heap of this process (a counting allocator; the
//! loopback server runs in a child process, so only the client is counted). Memory is flat in the
//! number of pages when the peak for 10,000 calls equals the peak for 1,000 at the same page
//! size. Prints one JSON line per figure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// The counting allocator below wraps the system allocator; nothing else is unsafe.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{BufRead, Read};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use futures::TryStreamExt;
use reqwest::header::ACCEPT;
use twilio_bench::{ACCOUNT_SID, AUTH_TOKEN, baseline, median, report};

/// The system allocator, counting live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is to the system allocator.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is to the system allocator.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is to the system allocator.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let grow = new_size - layout.size();
                let live = LIVE.fetch_add(grow, Ordering::Relaxed) + grow;
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const RUNS: usize = 5;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--serve") {
        serve(args.get(2).and_then(|n| n.parse().ok()).unwrap_or(0));
        return;
    }
    for (total, page_size) in [(1_000, 50), (10_000, 50), (100_000, 50), (10_000, 1_000)] {
        scenario(total, page_size);
    }
}

/// The loopback server for a list of `total` calls, until stdin closes.
fn serve(total: usize) {
    let (addr, state) = twilio_bench::start_server().expect("loopback server");
    state.total.store(total, Ordering::Relaxed);
    println!("{addr}");
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}

fn scenario(total: usize, page_size: usize) {
    let exe = std::env::current_exe().expect("own path");
    let mut server = Command::new(exe)
        .args(["--serve", &total.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("server process");
    let mut line = String::new();
    std::io::BufReader::new(server.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("server address");
    let addr: std::net::SocketAddr = line.trim().parse().expect("address");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let generated = twilio_bench::generated_client(addr).expect("generated client");
    let reqwest = twilio_bench::baseline_client().expect("reqwest client");
    let name = format!("paging/{total}_calls/page_{page_size}");
    let (mut g_time, mut g_peak, mut b_time, mut b_peak) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let (time, peak, n) = measure(|| {
            runtime.block_on(async {
                let params = twilio_calls::ListCallParams::new().page_size(page_size as i64);
                let mut stream = generated.list_call(params).stream();
                let mut n = 0usize;
                while let Some(call) = stream.try_next().await.expect("page") {
                    n += usize::from(call.sid.is_some());
                }
                n
            })
        });
        assert_eq!(n, total);
        g_time.push(time);
        g_peak.push(peak);
        let (time, peak, n) = measure(|| {
            runtime.block_on(async {
                let base = format!("http://{addr}");
                let mut url = format!(
                    "{base}/2010-04-01/Accounts/{ACCOUNT_SID}/Calls.json?PageSize={page_size}"
                );
                let mut n = 0usize;
                loop {
                    let page: baseline::Page = reqwest
                        .get(&url)
                        .basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN))
                        .header(ACCEPT, "application/json")
                        .send()
                        .await
                        .and_then(reqwest::Response::error_for_status)
                        .expect("page")
                        .json()
                        .await
                        .expect("decode");
                    for call in page.calls {
                        n += usize::from(call.sid.is_some());
                    }
                    match page.next_page_uri {
                        Some(next) if !next.is_empty() => url = format!("{base}{next}"),
                        _ => break,
                    }
                }
                n
            })
        });
        assert_eq!(n, total);
        b_time.push(time);
        b_peak.push(peak);
    }
    drop(server.stdin.take());
    let _ = server.wait();
    // Times are medians; a peak is a worst case, so the highest of the runs (the transport's
    // buffers settle at one of two sizes from run to run, for both clients).
    let highest = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
    let (gt, gp, bt, bp) = (
        median(&mut g_time),
        highest(&g_peak),
        median(&mut b_time),
        highest(&b_peak),
    );
    report(&format!("{name}/generated/time"), gt, "s");
    report(
        &format!("{name}/generated/calls_per_s"),
        total as f64 / gt,
        "calls/s",
    );
    report(&format!("{name}/generated/peak_heap"), gp, "bytes");
    report(&format!("{name}/reqwest/time"), bt, "s");
    report(
        &format!("{name}/reqwest/calls_per_s"),
        total as f64 / bt,
        "calls/s",
    );
    report(&format!("{name}/reqwest/peak_heap"), bp, "bytes");
}

/// Runs `f`; its wall time, the peak of live heap bytes above the level at the start, and its
/// result.
fn measure<T>(f: impl FnOnce() -> T) -> (f64, f64, T) {
    let start_live = LIVE.load(Ordering::Relaxed);
    PEAK.store(start_live, Ordering::Relaxed);
    let started = Instant::now();
    let out = f();
    let time = started.elapsed().as_secs_f64();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(start_live);
    (time, peak as f64, out)
}

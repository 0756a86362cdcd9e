//! A 1.5 GB successful response body on loopback, read by the generated client with the default
//! body cap (16 MiB): the call ends in `Error::BodyTooLarge`, and the process's resident memory
//! stays near its baseline (without the cap, the body was read whole: 1.45 GiB resident).
//!
//! The server (a thread of this process) writes the body in 64 KiB chunks without a
//! `Content-Length`, so the client cannot refuse it before reading. Resident memory is read from
//! `/proc/self/status` (`VmRSS` before, `VmHWM`, the peak, after). Prints one JSON line.
//!
//! `cargo run --release -p twilio-bench --bin body_cap`; `body_cap 2000000000` sets the cap above
//! the body instead (the body is then read whole: the figure without the cap).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Instant;

use twilio_bench::generated_client;

/// The body the server sends: 1.5 GB.
const BODY: u64 = 1_500_000_000;

/// A field of `/proc/self/status`, in KiB.
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"))
}

fn serve(listener: TcpListener) {
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { return };
        std::thread::spawn(move || {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                if stream.read(&mut byte).unwrap_or(0) == 0 {
                    return;
                }
                head.push(byte[0]);
            }
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
            );
            let chunk = vec![b' '; 64 * 1024];
            let frame = format!("{:x}\r\n", chunk.len());
            let mut sent = 0;
            while sent < BODY {
                if stream.write_all(frame.as_bytes()).is_err()
                    || stream.write_all(&chunk).is_err()
                    || stream.write_all(b"\r\n").is_err()
                {
                    return; // The client stopped reading.
                }
                sent += chunk.len() as u64;
            }
            let _ = stream.write_all(b"0\r\n\r\n");
        });
    }
}

fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || serve(listener));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let cap: Option<usize> = std::env::args().nth(1).map(|arg| arg.parse().unwrap());
    let client = match cap {
        None => generated_client(addr).unwrap(),
        Some(cap) => twilio_calls::Client::from(
            twilio_calls::Client::builder()
                .account_sid(twilio_bench::ACCOUNT_SID)
                .auth_token(twilio_bench::AUTH_TOKEN)
                .base_url(format!("http://{addr}"))
                .max_body_size(cap)
                .timeout(std::time::Duration::from_secs(300))
                .deadline(std::time::Duration::from_secs(300))
                .build()
                .unwrap(),
        ),
    };
    // The baseline: the runtime and the client built, nothing sent yet.
    let baseline_kib = status_kib("VmRSS:");
    let started = Instant::now();
    let result = runtime.block_on(client.list_call(twilio_calls::ListCallParams::new()).send());
    let elapsed = started.elapsed();
    let peak_kib = status_kib("VmHWM:");
    let Err(error) = result else {
        panic!("a 1.5 GB body of spaces decoded");
    };
    let above_mib = peak_kib.saturating_sub(baseline_kib) as f64 / 1024.0;
    println!(
        "{{\"bench\":\"body_cap\",\"body_bytes\":{BODY},\"cap_bytes\":{},\"error\":\"{error}\",\"baseline_rss_mib\":{:.1},\"peak_rss_mib\":{:.1},\"peak_above_baseline_mib\":{above_mib:.1},\"seconds\":{:.3}}}",
        cap.unwrap_or(twilio_runtime::DEFAULT_MAX_BODY_SIZE),
        baseline_kib as f64 / 1024.0,
        peak_kib as f64 / 1024.0,
        elapsed.as_secs_f64()
    );
    if cap.is_none() {
        let capped = matches!(error, twilio_runtime::Error::BodyTooLarge { .. });
        assert!(capped, "not BodyTooLarge: {error}");
        assert!(
            above_mib < 64.0,
            "the process grew {above_mib:.1} MiB above its baseline"
        );
    }
}

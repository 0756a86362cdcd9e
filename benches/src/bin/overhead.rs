//! The client-overhead ratios of `benches/client.rs`, measured so that the machine's speed
//! cannot drift between the two sides: rounds alternate between the generated client and the
//! plain serde baseline (about 20 ms of each per round), and the ratio is taken per round; the
//! figure is the median over the rounds. Prints one JSON line per figure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::time::Instant;

use twilio_bench::{baseline, median, page_body, report};
use twilio_calls::ListCallResponse;

const ROUNDS: usize = 31;

fn main() {
    let client = twilio_bench::generated_client(([127, 0, 0, 1], 9).into()).expect("client");
    pair(
        "encode",
        || {
            client
                .create_call(black_box(twilio_bench::create_call_params()))
                .into_request()
                .unwrap()
                .into_form_body()
        },
        || black_box(baseline::CreateCall::full()).encode(),
    );
    for size in [50usize, 1000] {
        let body = page_body(0, size, size * 2).into_bytes();
        pair(
            &format!("decode_{size}"),
            || {
                twilio_runtime::decode_json::<ListCallResponse>("ListCall", black_box(&body))
                    .unwrap()
            },
            || serde_json::from_slice::<baseline::Page>(black_box(&body)).unwrap(),
        );
    }
}

/// Median time per call of each side, and the median of the per-round ratios.
fn pair<G: FnMut() -> A, B: FnMut() -> C, A, C>(name: &str, mut generated: G, mut base: B) {
    // Iterations per round: about 20 ms of the baseline.
    let started = Instant::now();
    let mut calibration = 0u64;
    while started.elapsed().as_secs_f64() < 0.02 {
        black_box(base());
        calibration += 1;
    }
    let n = calibration.max(1);
    let time = |f: &mut dyn FnMut()| {
        let started = Instant::now();
        for _ in 0..n {
            f();
        }
        started.elapsed().as_secs_f64() / n as f64
    };
    let (mut g, mut b, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        // Alternate which side goes first.
        let (tg, tb) = if round % 2 == 0 {
            let tg = time(&mut || drop(black_box(generated())));
            (tg, time(&mut || drop(black_box(base()))))
        } else {
            let tb = time(&mut || drop(black_box(base())));
            (time(&mut || drop(black_box(generated()))), tb)
        };
        g.push(tg);
        b.push(tb);
        r.push(tg / tb);
    }
    report(&format!("overhead/{name}/generated"), median(&mut g), "s");
    report(&format!("overhead/{name}/baseline"), median(&mut b), "s");
    report(&format!("overhead/{name}/ratio"), median(&mut r), "x");
}

//! Client overhead, next to plain serde baselines in the same run:
//!
//! - `client-encode`: a full `CreateCall` form body (every field) from the same values, through
//!   the generated builder, `Client::create_call_request` and `Request::into_form_body` (the body
//!   the client sends), against a plain `#[derive(Serialize)]` struct through `serde_html_form`;
//! - `client-decode-50` and `client-decode-1000`: a `ListCall` page of 50 and of 1,000 calls,
//!   through `twilio_runtime::decode_json` into the generated `ListCallResponse` (what the client
//!   does with a response body), against `serde_json::from_slice` into a plain struct of strings.
//!   `generated_types_only` decodes the generated types with `serde_json::from_slice`, to tell the
//!   cost of the types (dates, SIDs, enums) from the cost of the error path tracking.
//!
//! Run through `cargo xtask bench`, or `cargo bench -p twilio-bench --bench client`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use twilio_bench::{baseline, page_body};
use twilio_calls::ListCallResponse;

fn encode(c: &mut Criterion) {
    // An unused client: `create_call_request` only builds the request.
    let client = twilio_bench::generated_client(([127, 0, 0, 1], 9).into()).unwrap();
    let generated = client
        .create_call(twilio_bench::create_call_params())
        .into_request()
        .unwrap()
        .into_form_body();
    let plain = baseline::CreateCall::full().encode();
    // Same pairs (the order differs: the generated client sends them in the spec's order).
    fn sorted(body: &str) -> Vec<&str> {
        let mut pairs: Vec<&str> = body.split('&').collect();
        pairs.sort_unstable();
        pairs
    }
    assert_eq!(sorted(&generated), sorted(&plain));

    let mut group = c.benchmark_group("client-encode");
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("generated", |b| {
        b.iter(|| {
            client
                .create_call(black_box(twilio_bench::create_call_params()))
                .into_request()
                .unwrap()
                .into_form_body()
        })
    });
    group.bench_function("baseline", |b| {
        b.iter(|| black_box(baseline::CreateCall::full()).encode())
    });
    // The parts: building the values alone, and encoding values built beforehand.
    group.bench_function("generated_params_only", |b| {
        b.iter(twilio_bench::create_call_params)
    });
    group.bench_function("baseline_struct_only", |b| {
        b.iter(baseline::CreateCall::full)
    });
    let params = twilio_bench::create_call_params();
    group.bench_function("generated_encode_only", |b| {
        b.iter(|| {
            client
                .create_call(black_box(params.clone()))
                .into_request()
                .unwrap()
                .into_form_body()
        })
    });
    let form = baseline::CreateCall::full();
    group.bench_function("baseline_encode_only", |b| {
        b.iter(|| black_box(&form).encode())
    });
    group.finish();
}

fn decode(c: &mut Criterion) {
    for size in [50usize, 1000] {
        let body = page_body(0, size, size * 2).into_bytes();
        let page: ListCallResponse = twilio_runtime::decode_json("ListCall", &body).unwrap();
        assert_eq!(page.calls.len(), size);
        let mut group = c.benchmark_group(format!("client-decode-{size}"));
        group.measurement_time(Duration::from_secs(3));
        group.bench_function("generated", |b| {
            b.iter(|| {
                twilio_runtime::decode_json::<ListCallResponse>("ListCall", black_box(&body))
                    .unwrap()
            })
        });
        group.bench_function("generated_types_only", |b| {
            b.iter(|| serde_json::from_slice::<ListCallResponse>(black_box(&body)).unwrap())
        });
        group.bench_function("baseline", |b| {
            b.iter(|| serde_json::from_slice::<baseline::Page>(black_box(&body)).unwrap())
        });
        group.finish();
    }
}

criterion_group!(benches, encode, decode);
criterion_main!(benches);

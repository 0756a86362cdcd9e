//! Requests per second through the generated client and through a hand-written reqwest client,
//! against the same loopback server, with connection reuse: one request at a time (one
//! connection), and 16 in flight. Rounds alternate between the two clients; each figure is the
//! median of the rounds, the ratio the median of the per-round ratios. Prints one JSON line per
//! figure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::future::Future;
use std::time::Instant;

use futures::StreamExt;
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use twilio_bench::{ACCOUNT_SID, AUTH_TOKEN, CALL_SID, baseline, median, report};

const ROUNDS: usize = 21;

fn main() {
    let requests: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    let (addr, _state) = twilio_bench::start_server().expect("loopback server");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async move {
        let generated = twilio_bench::generated_client(addr).expect("generated client");
        let reqwest = twilio_bench::baseline_client().expect("reqwest client");
        let sid = twilio_calls::CallSid::new(CALL_SID).expect("sid");
        let fetch_url =
            format!("http://{addr}/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{CALL_SID}.json");
        let create_url = format!("http://{addr}/2010-04-01/Accounts/{ACCOUNT_SID}/Calls.json");

        let gen_fetch = || {
            let (client, sid) = (&generated, &sid);
            async move {
                let call = client.fetch_call(sid).await.expect("fetch");
                assert!(call.sid.is_some());
            }
        };
        let base_fetch = || {
            let (client, url) = (&reqwest, &fetch_url);
            async move {
                let call: baseline::Call = client
                    .get(url)
                    .basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN))
                    .header(ACCEPT, "application/json")
                    .send()
                    .await
                    .and_then(reqwest::Response::error_for_status)
                    .expect("fetch")
                    .json()
                    .await
                    .expect("decode");
                assert!(call.sid.is_some());
            }
        };
        let gen_create = || {
            let client = &generated;
            async move {
                let params = twilio_bench::create_call_params();
                let call = client.create_call(params).await.expect("create");
                assert!(call.sid.is_some());
            }
        };
        let base_create = || {
            let (client, url) = (&reqwest, &create_url);
            async move {
                let form = baseline::CreateCall::full().encode();
                let call: baseline::Call = client
                    .post(url)
                    .basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN))
                    .header(ACCEPT, "application/json")
                    .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(form)
                    .send()
                    .await
                    .and_then(reqwest::Response::error_for_status)
                    .expect("create")
                    .json()
                    .await
                    .expect("decode");
                assert!(call.sid.is_some());
            }
        };

        for in_flight in [1usize, 16] {
            pair(
                &format!("fetch_call/c{in_flight}"),
                requests,
                in_flight,
                &gen_fetch,
                &base_fetch,
            )
            .await;
            pair(
                &format!("create_call/c{in_flight}"),
                requests,
                in_flight,
                &gen_create,
                &base_create,
            )
            .await;
        }
    });
}

/// Measures the generated and the baseline client on the same workload, alternating rounds.
async fn pair<G, GF, B, BF>(name: &str, requests: usize, in_flight: usize, generated: &G, base: &B)
where
    G: Fn() -> GF,
    GF: Future<Output = ()>,
    B: Fn() -> BF,
    BF: Future<Output = ()>,
{
    // Warm-up: connections opened, caches filled.
    run(requests / 4, in_flight, generated).await;
    run(requests / 4, in_flight, base).await;
    let (mut g, mut b, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        // Alternate which client goes first; the ratio is taken per round.
        let (tg, tb) = if round % 2 == 0 {
            let tg = run(requests, in_flight, generated).await;
            (tg, run(requests, in_flight, base).await)
        } else {
            let tb = run(requests, in_flight, base).await;
            (run(requests, in_flight, generated).await, tb)
        };
        g.push(tg);
        b.push(tb);
        r.push(tg / tb);
    }
    report(
        &format!("throughput/{name}/generated"),
        median(&mut g),
        "req/s",
    );
    report(
        &format!("throughput/{name}/reqwest"),
        median(&mut b),
        "req/s",
    );
    report(&format!("throughput/{name}/ratio"), median(&mut r), "x");
}

/// Sends `requests` requests, `in_flight` at a time; requests per second.
async fn run<F, Fut>(requests: usize, in_flight: usize, one: &F) -> f64
where
    F: Fn() -> Fut,
    Fut: Future<Output = ()>,
{
    let started = Instant::now();
    futures::stream::iter(0..requests)
        .map(|_| one())
        .buffer_unordered(in_flight)
        .collect::<()>()
        .await;
    requests as f64 / started.elapsed().as_secs_f64()
}

//! Stream the calls of the account that completed today (UTC), page after page.
//!
//! ```sh
//! cargo run -p twilio-calls --example todays_completed_calls [-- LIMIT]
//! ```
//!
//! At most `LIMIT` calls are shown (1000 when left out); pages are fetched lazily, only as
//! the stream is read, so stopping early fetches no more pages.
//!
//! Configuration, from the environment:
//! - `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN` (or `TWILIO_API_KEY` and `TWILIO_API_SECRET`):
//!   the credentials (required);
//! - `TWILIO_REGION`, `TWILIO_EDGE`: optional;
//! - `TWILIO_BASE_URL`: optional; sends every request to this base URL instead of
//!   `https://api.twilio.com`, e.g. `http://127.0.0.1:4010` for a local Prism mock of the spec.

use std::process::ExitCode;

use futures::TryStreamExt;
use time::{OffsetDateTime, Time};
use twilio_calls::{CallStatus, Client, ListCallParams};

/// The client configured from the environment (see the top of this file).
fn client_from_env() -> Result<Client, twilio_calls::Error> {
    // `TWILIO_BASE_URL` is read by the runtime too (`twilio_runtime::ENV_BASE_URL`).
    Client::from_env()
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let limit = match std::env::args().nth(1) {
        Some(limit) => limit.parse::<usize>()?,
        None => 1000,
    };
    let client = client_from_env()?;

    // Midnight UTC today: `StartTime>` on the wire, calls that started today or later.
    let today = OffsetDateTime::now_utc().replace_time(Time::MIDNIGHT);
    let params = ListCallParams::new()
        .status(CallStatus::Completed)
        .start_time_after(today)
        .page_size(100);

    let mut calls = client.list_call(params).stream().limit(limit);
    let mut count = 0usize;
    let mut seconds = 0u64;
    while let Some(call) = calls.try_next().await? {
        count += 1;
        let duration = call.duration.as_deref().unwrap_or("?");
        seconds += duration.parse::<u64>().unwrap_or(0);
        let sid = call.sid.map(|sid| sid.to_string()).unwrap_or_default();
        let direction = call.direction.as_deref().unwrap_or("?");
        println!("{sid}  {direction:<14} {duration:>6} s");
    }
    println!("{count} completed call(s) today, {seconds} s in all");
    Ok(())
}

//! Place a call that says a few words with inline TwiML.
//!
//! ```sh
//! cargo run -p twilio-calls --example place_call -- TO FROM
//! # e.g. cargo run -p twilio-calls --example place_call -- +15558675310 +15017122661
//! ```
//!
//! Configuration, from the environment:
//! - `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN` (or `TWILIO_API_KEY` and `TWILIO_API_SECRET`):
//!   the credentials (required);
//! - `TWILIO_REGION`, `TWILIO_EDGE`: optional;
//! - `TWILIO_BASE_URL`: optional; sends every request to this base URL instead of
//!   `https://api.twilio.com`, e.g. `http://127.0.0.1:4010` for a local Prism mock of the spec.
//!
//! `FROM` must be one of the account's Twilio numbers or a verified caller ID.

use std::process::ExitCode;

use twilio_calls::{Client, CreateCallChoice, CreateCallParams};

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
    let mut args = std::env::args().skip(1);
    let (Some(to), Some(from)) = (args.next(), args.next()) else {
        eprintln!("usage: place_call TO FROM   (E.164 numbers, e.g. +15558675310 +15017122661)");
        std::process::exit(2);
    };
    let client = client_from_env()?;

    let twiml = "<Response><Say voice=\"alice\">Hello from Rust. Goodbye!</Say></Response>";
    let call = client
        .create_call(CreateCallParams::new(
            to,
            from,
            CreateCallChoice::twiml(twiml),
        ))
        .await?;

    let sid = call.sid.ok_or("the response has no call SID")?;
    match call.status {
        Some(status) => println!("placed call {sid}: {status}"),
        None => println!("placed call {sid}"),
    }
    Ok(())
}

//! Hang up a call in progress: `UpdateCall` with `Status=completed`, as Twilio documents it.
//! (A call that is still queued or ringing is ended with `canceled` instead; `DeleteCall` only
//! removes the record of a finished call.)
//!
//! ```sh
//! cargo run -p twilio-calls --example hang_up -- CALL_SID
//! ```
//!
//! Configuration, from the environment:
//! - `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN` (or `TWILIO_API_KEY` and `TWILIO_API_SECRET`):
//!   the credentials (required);
//! - `TWILIO_REGION`, `TWILIO_EDGE`: optional;
//! - `TWILIO_BASE_URL`: optional; sends every request to this base URL instead of
//!   `https://api.twilio.com`, e.g. `http://127.0.0.1:4010` for a local Prism mock of the spec.

use std::process::ExitCode;

use twilio_calls::{CallSid, CallUpdateStatus, Client, UpdateCallParams};

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
    let Some(sid) = std::env::args().nth(1) else {
        eprintln!("usage: hang_up CALL_SID   (CA followed by 32 hexadecimal digits)");
        std::process::exit(2);
    };
    // Checked here: a malformed SID never reaches a request.
    let sid = CallSid::new(sid)?;
    let client = client_from_env()?;

    let call = client
        .update_call(
            &sid,
            UpdateCallParams::new().status(CallUpdateStatus::Completed),
        )
        .await?;
    match call.status {
        Some(status) => println!("hung up {sid}: {status}"),
        None => println!("hung up {sid}"),
    }
    Ok(())
}

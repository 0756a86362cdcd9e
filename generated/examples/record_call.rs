//! Start recording a call in progress, then stop the recording.
//!
//! ```sh
//! cargo run -p twilio-calls --example record_call -- CALL_SID
//! ```
//!
//! The recording is stopped right after it started; a real program would stop it later (or
//! let it run until the call ends). `Twilio.CURRENT` can stand for the recording running now
//! when its SID is not at hand.
//!
//! Configuration, from the environment:
//! - `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN` (or `TWILIO_API_KEY` and `TWILIO_API_SECRET`):
//!   the credentials (required);
//! - `TWILIO_REGION`, `TWILIO_EDGE`: optional;
//! - `TWILIO_BASE_URL`: optional; sends every request to this base URL instead of
//!   `https://api.twilio.com`, e.g. `http://127.0.0.1:4010` for a local Prism mock of the spec.

use std::process::ExitCode;

use twilio_calls::{
    CallRecordingStatus, CallSid, Client, CreateCallRecordingParams, UpdateCallRecordingParams,
};

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
    let Some(call_sid) = std::env::args().nth(1) else {
        eprintln!("usage: record_call CALL_SID   (CA followed by 32 hexadecimal digits)");
        std::process::exit(2);
    };
    let call_sid = CallSid::new(call_sid)?;
    let client = client_from_env()?;

    // Start: both legs on separate channels, silence trimmed.
    let recording = client
        .create_call_recording(
            &call_sid,
            CreateCallRecordingParams::new()
                .recording_channels("dual")
                .trim("trim-silence"),
        )
        .await?;
    let recording_sid = recording.sid.ok_or("the response has no recording SID")?;
    println!("started recording {recording_sid} of {call_sid}");

    // Stop.
    let stopped = client
        .update_call_recording(
            &call_sid,
            recording_sid.as_str(),
            UpdateCallRecordingParams::new(CallRecordingStatus::Stopped),
        )
        .await?;
    match stopped.status {
        Some(status) => println!("stopped recording {recording_sid}: {status}"),
        None => println!("stopped recording {recording_sid}"),
    }
    Ok(())
}

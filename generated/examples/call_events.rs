//! The other half of a call: a small HTTP server (axum) answering Twilio's requests.
//!
//! - `/voice` (a call's `Url`): answers with TwiML built with `twilio_calls::twiml`;
//! - `/status` (`StatusCallback`), `/recordings` (`RecordingStatusCallback`) and `/amd`
//!   (`AsyncAmdStatusCallback`): logs the typed event and answers `204 No Content`.
//!
//! Every request must carry a valid `X-Twilio-Signature` (checked against the public URL, the
//! parameters and the auth token): anything unsigned or tampered with gets `403 Forbidden`, a
//! signed request whose parameters do not fit the payload `400 Bad Request`. `GET` callbacks
//! (parameters in the query) are accepted as well as form `POST`s.
//!
//! ```sh
//! TWILIO_AUTH_TOKEN=... CALL_EVENTS_PUBLIC_URL=https://calls.example.com \
//!     cargo run -p twilio-calls --example call_events
//! ```
//!
//! Configuration, from the environment:
//! - `TWILIO_AUTH_TOKEN`: the auth token Twilio signs with (required);
//! - `CALL_EVENTS_ADDR`: where to listen, `127.0.0.1:3000` by default (`127.0.0.1:0` picks a
//!   free port);
//! - `CALL_EVENTS_PUBLIC_URL`: the origin Twilio reaches the server at (through a tunnel or a
//!   proxy), such as `https://calls.example.com`; `http://` plus the listening address by
//!   default. Signatures cover the full URL, so it must be exactly what Twilio requests.
//!
//! The first line printed is `listening on <address>`; then one line per event.

use std::process::ExitCode;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use twilio_calls::twiml::{self, Gather, GatherInput, Say, Voice};
use twilio_calls::webhook::{Payload, RequestValidator, WebhookError, public_url};
use twilio_calls::webhooks::{
    AmdStatusCallback, CallStatusCallback, RecordingStatusCallback, VoiceRequest,
};

struct App {
    validator: RequestValidator,
    public_origin: String,
}

impl App {
    /// Checks the signature and decodes the payload; the error is the status to answer with.
    fn verify<T: Payload>(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<T, StatusCode> {
        let url = public_url(&self.public_origin, uri);
        match self.validator.verify_as::<T>(method, &url, headers, body) {
            Ok(payload) => Ok(payload),
            Err(e @ WebhookError::Decode { .. }) => {
                println!("rejected {} {}: {e}", method, uri.path());
                Err(StatusCode::BAD_REQUEST)
            }
            Err(e) => {
                println!("rejected {} {}: {e}", method, uri.path());
                Err(StatusCode::FORBIDDEN)
            }
        }
    }
}

/// The TwiML the voice URL answers with.
fn greeting(call: &VoiceRequest) -> twiml::Response {
    let menu = Gather::new()
        .input(GatherInput::DtmfSpeech)
        .num_digits(1)
        .timeout(5)
        .action("/menu")
        .push(Say::new("Press 1 or say sales to reach our sales team.").voice(Voice::Alice));
    let response = twiml::Response::new();
    let response = match call.answered_by.as_ref().map(|a| a.as_str()) {
        Some(a) if a.starts_with("machine") => {
            return response
                .say("Sorry we missed you. We will call again.")
                .hangup();
        }
        _ => response,
    };
    response
        .say("Thanks for calling.")
        .push(menu)
        .say("We did not hear from you. Goodbye.")
}

async fn voice(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call: VoiceRequest = match app.verify(&method, &uri, &headers, &body) {
        Ok(call) => call,
        Err(code) => return code.into_response(),
    };
    println!(
        "voice {} {} {}",
        call.call_sid, call.call_status, call.direction
    );
    (
        [(header::CONTENT_TYPE, "application/xml")],
        greeting(&call).to_string(),
    )
        .into_response()
}

async fn status(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let event: CallStatusCallback = match app.verify(&method, &uri, &headers, &body) {
        Ok(event) => event,
        Err(code) => return code.into_response(),
    };
    println!(
        "status {} {} seq={} duration={}",
        event.call_sid,
        event.call_status,
        event
            .sequence_number
            .map_or("-".to_owned(), |n| n.to_string()),
        event
            .call_duration
            .map_or("-".to_owned(), |n| format!("{n}s")),
    );
    StatusCode::NO_CONTENT.into_response()
}

async fn recordings(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let event: RecordingStatusCallback = match app.verify(&method, &uri, &headers, &body) {
        Ok(event) => event,
        Err(code) => return code.into_response(),
    };
    println!(
        "recording {} {} {}",
        event.recording_sid,
        event.recording_status,
        event
            .recording_duration
            .map_or("-".to_owned(), |n| format!("{n}s")),
    );
    StatusCode::NO_CONTENT.into_response()
}

async fn amd(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let event: AmdStatusCallback = match app.verify(&method, &uri, &headers, &body) {
        Ok(event) => event,
        Err(code) => return code.into_response(),
    };
    println!("amd {} {}", event.call_sid, event.answered_by);
    StatusCode::NO_CONTENT.into_response()
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let Some(token) = std::env::var("TWILIO_AUTH_TOKEN")
        .ok()
        .filter(|t| !t.is_empty())
    else {
        eprintln!("error: TWILIO_AUTH_TOKEN is not set");
        return ExitCode::FAILURE;
    };
    let addr = std::env::var("CALL_EVENTS_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let local = match listener.local_addr() {
        Ok(local) => local,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let public_origin = std::env::var("CALL_EVENTS_PUBLIC_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| format!("http://{local}"));
    let app = Arc::new(App {
        validator: RequestValidator::new(token),
        public_origin,
    });
    let router = Router::new()
        .route("/voice", any(voice))
        .route("/status", any(status))
        .route("/recordings", any(recordings))
        .route("/amd", any(amd))
        .with_state(app);
    println!("listening on {local}");
    if let Err(e) = axum::serve(listener, router).await {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

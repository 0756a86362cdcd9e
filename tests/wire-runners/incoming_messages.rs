//! Receiving messages: a small HTTP server (axum) answering Twilio's Messaging requests, with
//! the typed payloads of a crate generated from Twilio's own `twilio_api_v2010.yaml` (the
//! shipped overlay `generator/overlays/api-v2010-messaging.yaml` declares them).
//!
//! - `/sms` (a number's `SmsUrl`): an incoming SMS, MMS or WhatsApp message, answered with a
//!   TwiML reply (`twiml::MessagingResponse`);
//! - `/message-status` (a message's `StatusCallback`) and `/call-status` (a call's): logs the
//!   typed event and answers `204 No Content`.
//!
//! Every request must carry a valid `X-Twilio-Signature`: anything unsigned or tampered with gets
//! `403 Forbidden`, a signed request whose parameters do not fit the payload `400 Bad Request`.
//!
//! `tests/tests/messaging_webhooks.rs` generates the crate (`twilio_v2010`), builds this file as
//! the `main` of a runner crate beside it, runs it on a free port and plays Twilio.
//!
//! Configuration, from the environment: `TWILIO_AUTH_TOKEN` (required); `MESSAGES_ADDR`, where to
//! listen (`127.0.0.1:3000` by default, `127.0.0.1:0` picks a free port); `MESSAGES_PUBLIC_URL`,
//! the origin Twilio reaches the server at (`http://` plus the listening address by default).
//! The first line printed is `listening on <address>`; then one line per request.

use std::process::ExitCode;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use twilio_v2010::twiml::MessagingResponse;
use twilio_v2010::webhook::{Payload, RequestValidator, WebhookError, public_url};
use twilio_v2010::webhooks::{CallStatusCallback, IncomingMessage, MessageStatusCallback};

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

/// The reply: what arrived, counted.
fn reply_text(message: &IncomingMessage) -> String {
    match message.media.len() {
        0 => format!(
            "Thanks! Your message was {} characters long.",
            message.body.as_deref().unwrap_or_default().chars().count()
        ),
        1 => "Thanks for the picture.".to_owned(),
        n => format!("Thanks for the {n} pictures."),
    }
}

async fn sms(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let message: IncomingMessage = match app.verify(&method, &uri, &headers, &body) {
        Ok(message) => message,
        Err(code) => return code.into_response(),
    };
    // Phone numbers and the text are personal data: only the SID, the media and the names of
    // the parameters this payload does not declare are logged.
    let media: Vec<String> = message
        .media
        .iter()
        .map(|m| format!("{} {}", m.content_type, m.url))
        .collect();
    let other: Vec<&str> = message.other_params.iter().map(|(k, _)| k.as_str()).collect();
    println!(
        "message {} media={} [{}] other=[{}]",
        message.message_sid,
        message.num_media.unwrap_or(0),
        media.join(" | "),
        other.join(",")
    );
    (
        [(header::CONTENT_TYPE, "application/xml")],
        MessagingResponse::new()
            .message(reply_text(&message))
            .to_string(),
    )
        .into_response()
}

async fn message_status(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let event: MessageStatusCallback = match app.verify(&method, &uri, &headers, &body) {
        Ok(event) => event,
        Err(code) => return code.into_response(),
    };
    println!(
        "message-status {} {} error={}",
        event.message_sid,
        event.message_status,
        event.error_code.map_or("-".to_owned(), |c| c.to_string())
    );
    StatusCode::NO_CONTENT.into_response()
}

async fn call_status(
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
        "call-status {} {} duration={}",
        event.call_sid,
        event.call_status,
        event
            .call_duration
            .map_or("-".to_owned(), |n| format!("{n}s"))
    );
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
    let addr = std::env::var("MESSAGES_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
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
    let public_origin = std::env::var("MESSAGES_PUBLIC_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| format!("http://{local}"));
    let app = Arc::new(App {
        validator: RequestValidator::new(token),
        public_origin,
    });
    let router = Router::new()
        .route("/sms", any(sms))
        .route("/message-status", any(message_status))
        .route("/call-status", any(call_status))
        .with_state(app);
    println!("listening on {local}");
    if let Err(e) = axum::serve(listener, router).await {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

//! A typed TwiML builder (cargo feature `twiml`): the XML documents an application answers
//! Twilio's requests with: a Voice [`Response`] for a call's URL (or a call's `Twiml`
//! parameter), a [`MessagingResponse`] for an incoming message.
//!
//! A Voice document is a [`Response`] holding verbs, run in order: [`Say`] speaks text (with
//! SSML, [`ssml`]), [`Play`] plays an audio file, [`Pause`] waits, [`Gather`] collects digits or
//! speech (saying, playing or pausing meanwhile), [`Dial`] connects the caller to another party
//! ([`Number`], [`Client`], [`Sip`], [`Sim`], [`Conference`], [`Queue`], [`Application`] or
//! [`WhatsApp`]), [`Record`] records the caller, [`Pay`] collects a payment ([`Prompt`]),
//! [`Hangup`] ends the call, [`Reject`] refuses it without answering, [`Redirect`] continues
//! with the TwiML at another URL, [`Refer`] transfers a SIP call, [`Enqueue`] puts the caller in
//! a queue and [`Leave`] takes them out, [`Connect`] hands the call to a [`Stream`], [`Room`],
//! [`Conversation`], [`VirtualAgent`], [`ConversationRelay`], [`Assistant`] or [`AiSession`],
//! [`Start`] / [`Stop`] begin and end a [`Stream`], [`Siprec`] or [`Transcription`] beside the
//! call, [`Echo`] plays the caller back, and [`Sms`] (deprecated) sends a text.
//!
//! Which element may hold which is checked by the types: a [`Response`] takes only verbs
//! ([`Verb`]), a [`Gather`] or [`Prompt`] only [`Say`], [`Play`] and [`Pause`]
//! ([`GatherChild`]), a [`Dial`] only its nouns ([`DialNoun`]), a [`Connect`] only its nouns
//! ([`ConnectNoun`]), a [`Start`] or [`Stop`] only theirs ([`StartNoun`]), a [`Pay`] only
//! [`Prompt`] and [`Parameter`] ([`PayChild`]), a [`MessagingResponse`] only [`Message`] and
//! [`Redirect`] ([`MessagingVerb`]), a [`Message`] only [`Body`] and [`Media`]
//! ([`MessageNoun`]). Text and attribute values are escaped, so text from a caller or a
//! database cannot close its element or add one. Attributes are written in the order they are
//! set (setting one again replaces its value), elements without content as `<Name/>`, without
//! whitespace between elements, after the XML declaration: as Twilio's libraries write them.
//!
//! ```
//! use twilio_runtime::twiml::{Gather, GatherInput, Response, Say, Voice};
//!
//! let twiml = Response::new()
//!     .push(
//!         Gather::new()
//!             .input(GatherInput::DtmfSpeech)
//!             .action("https://example.com/menu")
//!             .timeout(5)
//!             .push(Say::new("Press 1 for sales.").voice(Voice::Alice)),
//!     )
//!     .say("We did not hear from you. Goodbye.");
//! assert_eq!(
//!     twiml.to_string(),
//!     r#"<?xml version="1.0" encoding="UTF-8"?><Response><Gather input="dtmf speech" action="https://example.com/menu" timeout="5"><Say voice="alice">Press 1 for sales.</Say></Gather><Say>We did not hear from you. Goodbye.</Say></Response>"#
//! );
//! ```
//!
//! Nesting that the types rule out does not compile: a `<Say>` in a [`MessagingResponse`],
//!
//! ```compile_fail
//! use twilio_runtime::twiml::{MessagingResponse, Say};
//! let _ = MessagingResponse::new().push(Say::new("not a messaging verb"));
//! ```
//!
//! a `<Dial>` in a `<Gather>`, or a paragraph in a sentence:
//!
//! ```compile_fail
//! use twilio_runtime::twiml::{Dial, Gather};
//! let _ = Gather::new().push(Dial::new());
//! ```
//!
//! ```compile_fail
//! use twilio_runtime::twiml::ssml::{P, S};
//! let _ = S::new("a sentence").push(P::new("holds no paragraph"));
//! ```
//!
//! The files import one way: `element` (the XML node, its writer, the nesting traits) at the
//! bottom; `values` (attribute values) and `parameter` above it; then `ssml`, `voice`, `pay`,
//! `dial`, `enqueue`, `stream`, `connect` (which uses `stream`'s [`Stream`]) and `messaging`
//! (which uses `voice`'s [`Redirect`]); this file only re-exports.

mod connect;
mod dial;
mod element;
mod enqueue;
mod messaging;
mod parameter;
mod pay;
pub mod ssml;
mod stream;
mod values;
mod voice;

pub use connect::{
    AiSession, Assistant, Connect, Conversation, ConversationRelay, InterruptSensitivity,
    Interruptible, Language, Room, VirtualAgent,
};
pub use dial::{
    Application, Client, Conference, Dial, DialEvent, MachineDetection, Number, Queue, Sim, Sip,
    WhatsApp,
};
pub use element::{
    ConnectNoun, DialNoun, GatherChild, MessageNoun, MessagingVerb, ParagraphChild, PayChild,
    SayChild, SentenceChild, StartNoun, Verb, VerbNode, WordChild,
};
pub use enqueue::{Enqueue, Leave, Task};
pub use messaging::{Body, Media, Message, MessagingResponse};
pub use parameter::{Config, Parameter};
pub use pay::{
    BankAccountType, CardType, Pay, PayInput, PaymentMethod, Prompt, PromptErrorType, PromptFor,
    TokenType,
};
pub use stream::{Siprec, Start, Stop, Stream, Transcription};
pub use values::{
    Beep, CallEvent, ConferenceEvent, ConferenceRecord, ConversationEvent, DialRecord, GatherInput,
    JitterBufferSize, Method, RecordingEvent, RecordingTrack, RejectReason, SpeechTimeout, Track,
    Trim, Voice,
};
pub use voice::{
    Echo, Gather, Hangup, Pause, Play, Record, Redirect, Refer, Reject, Response, Say, Sms,
};

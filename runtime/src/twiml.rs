//! A typed builder for Voice TwiML (cargo feature `twiml`): the XML document an application
//! answers Twilio's voice URL with, or sends as a call's `Twiml` parameter.
//!
//! A document is a [`Response`] holding verbs, run in order: [`Say`] speaks text, [`Play`] plays
//! an audio file, [`Pause`] waits, [`Gather`] collects digits or speech (saying, playing or
//! pausing meanwhile), [`Dial`] connects the caller to another party ([`Number`], [`Client`],
//! [`Sip`], [`Conference`] or [`Queue`]), [`Record`] records the caller, [`Hangup`] ends the call,
//! [`Reject`] refuses it without answering, [`Redirect`] continues with the TwiML at another URL,
//! [`Enqueue`] puts the caller in a queue and [`Leave`] takes them out, [`Connect`] hands the call
//! to a bidirectional media [`Stream`], and [`Start`] / [`Stop`] begin and end a one-way stream
//! beside the call.
//!
//! Which element may hold which is checked by the types: a [`Gather`] takes only [`Say`],
//! [`Play`] and [`Pause`] ([`GatherChild`]), a [`Dial`] only its nouns ([`DialNoun`]), and a
//! [`Response`] only verbs ([`Verb`]). Text and attribute values are escaped, so text from a
//! caller or a database cannot close its element or add one.
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

use std::fmt;

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;

/// One element: its name, attributes in the order set (setting one again replaces its value),
/// text, and children.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Node {
    name: &'static str,
    attrs: Vec<(&'static str, String)>,
    text: Option<String>,
    children: Vec<Node>,
}

impl Node {
    fn new(name: &'static str) -> Self {
        Self {
            name,
            attrs: Vec::new(),
            text: None,
            children: Vec::new(),
        }
    }

    fn with_text(name: &'static str, text: impl Into<String>) -> Self {
        Self {
            text: Some(text.into()),
            ..Self::new(name)
        }
    }

    fn set(&mut self, key: &'static str, value: impl ToString) {
        let value = value.to_string();
        match self.attrs.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.attrs.push((key, value)),
        }
    }

    fn write(&self, w: &mut Writer<Vec<u8>>) {
        let mut start = BytesStart::new(self.name);
        for (k, v) in &self.attrs {
            start.push_attribute(Attribute {
                key: QName(k),
                value: escape(v, true).into(),
            });
        }
        // Writing into a `Vec` cannot fail.
        if self.text.is_none() && self.children.is_empty() {
            let _ = w.write_event(Event::Empty(start));
            return;
        }
        let _ = w.write_event(Event::Start(start));
        if let Some(text) = &self.text {
            let _ = w.write_event(Event::Text(BytesText::from_escaped(escape(text, false))));
        }
        for child in &self.children {
            child.write(w);
        }
        let _ = w.write_event(Event::End(BytesEnd::new(self.name)));
    }
}

/// XML-escapes `text`: `&`, `<` and `>` always, and in attribute values `"`, `'` and the
/// whitespace an XML reader would otherwise fold into spaces. Characters XML 1.0 cannot carry
/// at all (most control characters) are left out.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

macro_rules! element {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[must_use]
        pub struct $name(Node);
    };
}

macro_rules! attr {
    ($(#[$doc:meta])* $method:ident, $wire:literal, $ty:ty) => {
        $(#[$doc])*
        pub fn $method(mut self, value: $ty) -> Self {
            self.0.set($wire, value);
            self
        }
    };
    ($(#[$doc:meta])* $method:ident, $wire:literal, into $ty:ty) => {
        $(#[$doc])*
        pub fn $method(mut self, value: impl Into<$ty>) -> Self {
            self.0.set($wire, value.into());
            self
        }
    };
}

/// Fixed sets of attribute values, written as TwiML spells them.
macro_rules! value_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $wire:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// The value as written in TwiML.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

value_enum! {
    /// The HTTP method of a callback or action URL.
    Method {
        /// `GET`: parameters in the query string.
        Get => "GET",
        /// `POST`: parameters in a form body (Twilio's default).
        Post => "POST",
    }
}

value_enum! {
    /// What a [`Gather`] listens for.
    GatherInput {
        /// Keypad digits only (the default).
        Dtmf => "dtmf",
        /// Speech only.
        Speech => "speech",
        /// Either; the first to arrive ends the gather.
        DtmfSpeech => "dtmf speech",
    }
}

value_enum! {
    /// Whether and from when a [`Dial`] records the call.
    DialRecord {
        /// No recording (the default).
        DoNotRecord => "do-not-record",
        /// From the moment the dialled party answers, both legs mixed.
        RecordFromAnswer => "record-from-answer",
        /// From the moment the dialling starts (ringing included), mixed.
        RecordFromRinging => "record-from-ringing",
        /// From the answer, each leg on its own channel.
        RecordFromAnswerDual => "record-from-answer-dual",
        /// From the ringing, each leg on its own channel.
        RecordFromRingingDual => "record-from-ringing-dual",
    }
}

value_enum! {
    /// Why a [`Reject`] refuses the call, as the caller hears it.
    RejectReason {
        /// A "not in service" response (the default).
        Rejected => "rejected",
        /// A busy signal.
        Busy => "busy",
    }
}

value_enum! {
    /// Whether silence at the start and end of a [`Record`]ing is trimmed.
    Trim {
        /// Trim leading and trailing silence (the default).
        TrimSilence => "trim-silence",
        /// Keep the recording as it is.
        DoNotTrim => "do-not-trim",
    }
}

value_enum! {
    /// Which audio a [`Stream`] started with [`Start`] carries.
    Track {
        /// What the caller says (the default).
        InboundTrack => "inbound_track",
        /// What Twilio plays to the caller.
        OutboundTrack => "outbound_track",
        /// Both.
        BothTracks => "both_tracks",
    }
}

value_enum! {
    /// When a [`Conference`] beeps.
    Beep {
        /// When anyone enters or leaves (the default).
        True => "true",
        /// Never.
        False => "false",
        /// When someone enters.
        OnEnter => "onEnter",
        /// When someone leaves.
        OnExit => "onExit",
    }
}

/// The voice of a [`Say`]: Twilio's basic voices, or any other voice by its name
/// (`Polly.Joanna`, `Google.en-US-Neural2-F`...).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Voice {
    /// The basic male voice.
    Man,
    /// The basic female voice.
    Woman,
    /// The "alice" voice.
    Alice,
    /// A voice by the name Twilio gives it, such as `Polly.Joanna`.
    Named(String),
}

impl fmt::Display for Voice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Man => "man",
            Self::Woman => "woman",
            Self::Alice => "alice",
            Self::Named(name) => name,
        })
    }
}

/// How long a [`Gather`] waits after the caller stops speaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpeechTimeout {
    /// Until Twilio judges the caller has finished.
    Auto,
    /// This many seconds of silence.
    Seconds(u32),
}

impl fmt::Display for SpeechTimeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Auto => f.write_str("auto"),
            Self::Seconds(s) => write!(f, "{s}"),
        }
    }
}

/// A TwiML document: the verbs Twilio runs on the call, in order.
///
/// `to_string()` (or `String::from`) writes it, XML declaration first; a `Response` can be
/// given wherever the generated clients take TwiML (`CreateCallChoice::twiml(response)`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct Response {
    verbs: Vec<Node>,
}

/// A verb a [`Response`] may hold.
pub trait Verb: Into<VerbNode> {}

/// A verb or noun, ready to be placed in its parent (built from the typed elements).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbNode(Node);

/// What a [`Gather`] may hold while it listens: [`Say`], [`Play`] and [`Pause`].
pub trait GatherChild: Into<VerbNode> {}

/// What a [`Dial`] may connect to: [`Number`], [`Client`], [`Sip`], [`Conference`], [`Queue`].
pub trait DialNoun: Into<VerbNode> {}

impl Response {
    /// An empty document (Twilio hangs up once it runs out of verbs).
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a verb.
    pub fn push(mut self, verb: impl Verb) -> Self {
        self.verbs.push(verb.into().0);
        self
    }

    /// Appends `<Say>text</Say>`.
    pub fn say(self, text: impl Into<String>) -> Self {
        self.push(Say::new(text))
    }

    /// Appends `<Play>url</Play>`.
    pub fn play(self, url: impl Into<String>) -> Self {
        self.push(Play::new(url))
    }

    /// Appends `<Pause length="seconds"/>`.
    pub fn pause(self, seconds: u32) -> Self {
        self.push(Pause::new().length(seconds))
    }

    /// Appends `<Redirect>url</Redirect>`.
    pub fn redirect(self, url: impl Into<String>) -> Self {
        self.push(Redirect::new(url))
    }

    /// Appends `<Hangup/>`.
    pub fn hangup(self) -> Self {
        self.push(Hangup::new())
    }

    /// The document as XML (the same as `to_string()`).
    pub fn to_xml(&self) -> String {
        let mut w = Writer::new(Vec::new());
        let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        let root = Node {
            children: self.verbs.clone(),
            ..Node::new("Response")
        };
        root.write(&mut w);
        // Everything written was a `&str` or escaped from one.
        String::from_utf8_lossy(&w.into_inner()).into_owned()
    }
}

impl fmt::Display for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_xml())
    }
}

impl From<Response> for String {
    fn from(response: Response) -> String {
        response.to_xml()
    }
}

impl From<&Response> for String {
    fn from(response: &Response) -> String {
        response.to_xml()
    }
}

macro_rules! placed_in {
    ($ty:ident: $($trait:ident),*) => {
        impl From<$ty> for VerbNode {
            fn from(value: $ty) -> VerbNode {
                VerbNode(value.0)
            }
        }
        $(impl $trait for $ty {})*
    };
}

element! {
    /// `<Say>`: speaks text to the caller with text-to-speech.
    Say
}
placed_in!(Say: Verb, GatherChild);

impl Say {
    /// Speaks `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Self(Node::with_text("Say", text))
    }
    attr!(
        /// `voice`: which voice speaks.
        voice, "voice", Voice
    );
    attr!(
        /// `language`: the language and accent, as a tag such as `en-US` or `fr-FR`.
        language, "language", into String
    );
    attr!(
        /// `loop`: how many times to say it (`0` repeats until the call ends).
        loop_count, "loop", u32
    );
}

element! {
    /// `<Play>`: plays an audio file to the caller, or sends keypad tones.
    Play
}
placed_in!(Play: Verb, GatherChild);

impl Play {
    /// Plays the audio file at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        Self(Node::with_text("Play", url))
    }
    /// Plays keypad tones instead of a file: `digits` such as `ww1234` (`w` waits half a second).
    pub fn digits(digits: impl Into<String>) -> Self {
        let mut node = Node::new("Play");
        node.set("digits", digits.into());
        Self(node)
    }
    attr!(
        /// `loop`: how many times to play it (`0` repeats until the call ends).
        loop_count, "loop", u32
    );
}

element! {
    /// `<Pause>`: waits silently.
    Pause
}
placed_in!(Pause: Verb, GatherChild);

impl Pause {
    /// A pause of Twilio's default length (one second).
    pub fn new() -> Self {
        Self(Node::new("Pause"))
    }
    attr!(
        /// `length`: how many seconds to wait.
        length, "length", u32
    );
}

impl Default for Pause {
    fn default() -> Self {
        Self::new()
    }
}

element! {
    /// `<Gather>`: collects keypad digits or speech, then requests its `action` URL with them
    /// (`Digits` or `SpeechResult`); it may say, play or pause while it listens.
    Gather
}
placed_in!(Gather: Verb);

impl Gather {
    /// A gather with Twilio's defaults (digits, five seconds of silence ends it).
    pub fn new() -> Self {
        Self(Node::new("Gather"))
    }
    /// Appends what the caller hears while the gather listens.
    pub fn push(mut self, child: impl GatherChild) -> Self {
        self.0.children.push(child.into().0);
        self
    }
    attr!(
        /// `input`: digits, speech or both.
        input, "input", GatherInput
    );
    attr!(
        /// `action`: the URL Twilio requests with what was gathered (the current document's
        /// URL when absent).
        action, "action", into String
    );
    attr!(
        /// `method`: how `action` is requested.
        method, "method", Method
    );
    attr!(
        /// `timeout`: seconds of silence that end the gather.
        timeout, "timeout", u32
    );
    attr!(
        /// `speechTimeout`: how long to wait after speech stops.
        speech_timeout, "speechTimeout", SpeechTimeout
    );
    attr!(
        /// `finishOnKey`: the key that ends digit input (`#` by default; empty for none).
        finish_on_key, "finishOnKey", into String
    );
    attr!(
        /// `numDigits`: how many digits end the gather.
        num_digits, "numDigits", u32
    );
    attr!(
        /// `language`: the language of the expected speech, such as `en-US`.
        language, "language", into String
    );
    attr!(
        /// `hints`: words or phrases likely to be said, comma-separated.
        hints, "hints", into String
    );
    attr!(
        /// `actionOnEmptyResult`: request `action` even when nothing was gathered.
        action_on_empty_result, "actionOnEmptyResult", bool
    );
    attr!(
        /// `partialResultCallback`: a URL receiving interim speech results.
        partial_result_callback, "partialResultCallback", into String
    );
}

impl Default for Gather {
    fn default() -> Self {
        Self::new()
    }
}

element! {
    /// `<Dial>`: connects the caller to another party; after the dialled call ends, Twilio
    /// requests `action` (or goes on with the next verb).
    Dial
}
placed_in!(Dial: Verb);

impl Dial {
    /// A dial whose parties are added with [`push`](Self::push).
    pub fn new() -> Self {
        Self(Node::new("Dial"))
    }
    /// Dials one phone number or address given as text (`<Dial>+15558675310</Dial>`).
    pub fn to(number: impl Into<String>) -> Self {
        Self(Node::with_text("Dial", number))
    }
    /// Adds a party to dial (several ring at once; the first to answer is connected).
    pub fn push(mut self, noun: impl DialNoun) -> Self {
        self.0.children.push(noun.into().0);
        self
    }
    attr!(
        /// `action`: the URL Twilio requests when the dialled call ends.
        action, "action", into String
    );
    attr!(
        /// `method`: how `action` is requested.
        method, "method", Method
    );
    attr!(
        /// `callerId`: the number (or client identity) the dialled party sees.
        caller_id, "callerId", into String
    );
    attr!(
        /// `timeout`: seconds to let the party ring before giving up.
        timeout, "timeout", u32
    );
    attr!(
        /// `timeLimit`: the longest the dialled call may last, in seconds.
        time_limit, "timeLimit", u32
    );
    attr!(
        /// `record`: whether to record the dialled call.
        record, "record", DialRecord
    );
    attr!(
        /// `hangupOnStar`: let the caller leave the dialled call by pressing `*`.
        hangup_on_star, "hangupOnStar", bool
    );
    attr!(
        /// `answerOnBridge`: keep the caller hearing ringing until the dialled party answers.
        answer_on_bridge, "answerOnBridge", bool
    );
    attr!(
        /// `ringTone`: the ringback tone, by country code (`us`, `de`...).
        ring_tone, "ringTone", into String
    );
}

impl Default for Dial {
    fn default() -> Self {
        Self::new()
    }
}

element! {
    /// `<Number>` in a [`Dial`]: a phone number.
    Number
}
placed_in!(Number: DialNoun);

impl Number {
    /// The number to dial, in E.164 form such as `+15558675310`.
    pub fn new(number: impl Into<String>) -> Self {
        Self(Node::with_text("Number", number))
    }
    attr!(
        /// `sendDigits`: keypad tones to play once the number answers (an extension).
        send_digits, "sendDigits", into String
    );
    attr!(
        /// `url`: TwiML run for the called party before they are connected (a whisper).
        url, "url", into String
    );
    attr!(
        /// `statusCallback`: a URL receiving the events of the dialled leg.
        status_callback, "statusCallback", into String
    );
    attr!(
        /// `statusCallbackEvent`: which events, space-separated (`initiated ringing answered completed`).
        status_callback_event, "statusCallbackEvent", into String
    );
}

element! {
    /// `<Client>` in a [`Dial`]: an app using a Twilio Voice SDK, by identity.
    Client
}
placed_in!(Client: DialNoun);

impl Client {
    /// The client identity to ring.
    pub fn new(identity: impl Into<String>) -> Self {
        Self(Node::with_text("Client", identity))
    }
    attr!(
        /// `url`: TwiML run for the client before it is connected.
        url, "url", into String
    );
    attr!(
        /// `statusCallback`: a URL receiving the events of the dialled leg.
        status_callback, "statusCallback", into String
    );
}

element! {
    /// `<Sip>` in a [`Dial`]: a SIP endpoint.
    Sip
}
placed_in!(Sip: DialNoun);

impl Sip {
    /// The SIP URI to call, such as `sip:alice@example.com`.
    pub fn new(uri: impl Into<String>) -> Self {
        Self(Node::with_text("Sip", uri))
    }
    attr!(
        /// `username`: for the endpoint's authentication.
        username, "username", into String
    );
    attr!(
        /// `password`: for the endpoint's authentication.
        password, "password", into String
    );
    attr!(
        /// `url`: TwiML run for the called party before it is connected.
        url, "url", into String
    );
}

element! {
    /// `<Conference>` in a [`Dial`]: a named conference room.
    Conference
}
placed_in!(Conference: DialNoun);

impl Conference {
    /// The room's name (callers dialling the same name meet).
    pub fn new(name: impl Into<String>) -> Self {
        Self(Node::with_text("Conference", name))
    }
    attr!(
        /// `muted`: whether this participant can only listen.
        muted, "muted", bool
    );
    attr!(
        /// `beep`: when the room beeps.
        beep, "beep", Beep
    );
    attr!(
        /// `startConferenceOnEnter`: whether the conference starts when this participant enters.
        start_conference_on_enter, "startConferenceOnEnter", bool
    );
    attr!(
        /// `endConferenceOnExit`: whether the conference ends when this participant leaves.
        end_conference_on_exit, "endConferenceOnExit", bool
    );
    attr!(
        /// `waitUrl`: TwiML or audio played while waiting for the conference to start.
        wait_url, "waitUrl", into String
    );
    attr!(
        /// `maxParticipants`: the room's capacity.
        max_participants, "maxParticipants", u32
    );
    attr!(
        /// `statusCallback`: a URL receiving the conference's events.
        status_callback, "statusCallback", into String
    );
}

element! {
    /// `<Queue>` in a [`Dial`]: connects to the caller waiting longest in a queue.
    Queue
}
placed_in!(Queue: DialNoun);

impl Queue {
    /// The queue's name.
    pub fn new(name: impl Into<String>) -> Self {
        Self(Node::with_text("Queue", name))
    }
    attr!(
        /// `url`: TwiML run for the dequeued caller before they are connected.
        url, "url", into String
    );
    attr!(
        /// `method`: how `url` is requested.
        method, "method", Method
    );
}

element! {
    /// `<Record>`: records the caller, then requests `action` with the recording's URL.
    Record
}
placed_in!(Record: Verb);

impl Record {
    /// A recording with Twilio's defaults.
    pub fn new() -> Self {
        Self(Node::new("Record"))
    }
    attr!(
        /// `action`: the URL Twilio requests when the recording ends.
        action, "action", into String
    );
    attr!(
        /// `method`: how `action` is requested.
        method, "method", Method
    );
    attr!(
        /// `timeout`: seconds of silence that end the recording.
        timeout, "timeout", u32
    );
    attr!(
        /// `finishOnKey`: keys that end the recording.
        finish_on_key, "finishOnKey", into String
    );
    attr!(
        /// `maxLength`: the longest recording, in seconds.
        max_length, "maxLength", u32
    );
    attr!(
        /// `playBeep`: whether a beep marks the start.
        play_beep, "playBeep", bool
    );
    attr!(
        /// `trim`: whether silence is trimmed.
        trim, "trim", Trim
    );
    attr!(
        /// `recordingStatusCallback`: a URL told when the recording is available.
        recording_status_callback, "recordingStatusCallback", into String
    );
    attr!(
        /// `transcribe`: whether to transcribe the recording.
        transcribe, "transcribe", bool
    );
    attr!(
        /// `transcribeCallback`: a URL receiving the transcription.
        transcribe_callback, "transcribeCallback", into String
    );
}

impl Default for Record {
    fn default() -> Self {
        Self::new()
    }
}

element! {
    /// `<Hangup>`: ends the call.
    Hangup
}
placed_in!(Hangup: Verb);

impl Hangup {
    /// `<Hangup/>`.
    pub fn new() -> Self {
        Self(Node::new("Hangup"))
    }
}

impl Default for Hangup {
    fn default() -> Self {
        Self::new()
    }
}

element! {
    /// `<Reject>`: refuses an incoming call without answering it (no charge).
    Reject
}
placed_in!(Reject: Verb);

impl Reject {
    /// `<Reject/>`.
    pub fn new() -> Self {
        Self(Node::new("Reject"))
    }
    attr!(
        /// `reason`: what the caller hears.
        reason, "reason", RejectReason
    );
}

impl Default for Reject {
    fn default() -> Self {
        Self::new()
    }
}

element! {
    /// `<Redirect>`: continues the call with the TwiML at another URL.
    Redirect
}
placed_in!(Redirect: Verb);

impl Redirect {
    /// Continues with the TwiML at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        Self(Node::with_text("Redirect", url))
    }
    attr!(
        /// `method`: how `url` is requested.
        method, "method", Method
    );
}

element! {
    /// `<Enqueue>`: puts the caller in a queue until someone dials it.
    Enqueue
}
placed_in!(Enqueue: Verb);

impl Enqueue {
    /// Enqueues the caller in the queue `name` (created if needed).
    pub fn new(name: impl Into<String>) -> Self {
        Self(Node::with_text("Enqueue", name))
    }
    attr!(
        /// `action`: the URL Twilio requests when the caller leaves the queue.
        action, "action", into String
    );
    attr!(
        /// `method`: how `action` is requested.
        method, "method", Method
    );
    attr!(
        /// `waitUrl`: TwiML run for the caller while waiting.
        wait_url, "waitUrl", into String
    );
    attr!(
        /// `workflowSid`: a TaskRouter workflow that routes the caller instead of a named queue.
        workflow_sid, "workflowSid", into String
    );
}

element! {
    /// `<Leave>`: takes the caller out of their queue (from the queue's wait TwiML).
    Leave
}
placed_in!(Leave: Verb);

impl Leave {
    /// `<Leave/>`.
    pub fn new() -> Self {
        Self(Node::new("Leave"))
    }
}

impl Default for Leave {
    fn default() -> Self {
        Self::new()
    }
}

element! {
    /// `<Stream>`: a media stream over a WebSocket, in a [`Connect`], [`Start`] or [`Stop`].
    Stream
}

impl Stream {
    /// A stream to the WebSocket URL `url` (`wss://...`).
    pub fn new(url: impl Into<String>) -> Self {
        let mut node = Node::new("Stream");
        node.set("url", url.into());
        Self(node)
    }
    /// The stream named `name`, to stop it in a [`Stop`].
    pub fn named(name: impl Into<String>) -> Self {
        let mut node = Node::new("Stream");
        node.set("name", name.into());
        Self(node)
    }
    attr!(
        /// `name`: a name to stop the stream by.
        name, "name", into String
    );
    attr!(
        /// `track`: which audio a one-way stream carries ([`Start`] only).
        track, "track", Track
    );
    attr!(
        /// `statusCallback`: a URL receiving the stream's events.
        status_callback, "statusCallback", into String
    );
    attr!(
        /// `statusCallbackMethod`: how `statusCallback` is requested.
        status_callback_method, "statusCallbackMethod", Method
    );
    /// Adds a custom parameter passed to the WebSocket server in the stream's start message.
    pub fn parameter(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let mut p = Node::new("Parameter");
        p.set("name", name.into());
        p.set("value", value.into());
        self.0.children.push(p);
        self
    }
}

element! {
    /// `<Connect>`: hands the call to a bidirectional media [`Stream`]; the next verb runs
    /// when the stream ends.
    Connect
}
placed_in!(Connect: Verb);

impl Connect {
    /// Connects the call to `stream`.
    pub fn stream(stream: Stream) -> Self {
        let mut node = Node::new("Connect");
        node.children.push(stream.0);
        Self(node)
    }
    attr!(
        /// `action`: the URL Twilio requests when the connection ends.
        action, "action", into String
    );
}

element! {
    /// `<Start>`: starts a one-way media [`Stream`] beside the call and goes on at once.
    Start
}
placed_in!(Start: Verb);

impl Start {
    /// Starts `stream`.
    pub fn stream(stream: Stream) -> Self {
        let mut node = Node::new("Start");
        node.children.push(stream.0);
        Self(node)
    }
}

element! {
    /// `<Stop>`: stops a stream started with [`Start`] (by its name).
    Stop
}
placed_in!(Stop: Verb);

impl Stop {
    /// Stops `stream` (usually [`Stream::named`]).
    pub fn stream(stream: Stream) -> Self {
        let mut node = Node::new("Stop");
        node.children.push(stream.0);
        Self(node)
    }
}

//! The Voice [`Response`] and its verbs that stand alone or hold only speech: [`Say`] (with
//! SSML), [`Play`], [`Pause`], [`Gather`], [`Record`], [`Hangup`], [`Reject`], [`Redirect`],
//! [`Refer`], [`Echo`] and [`Sms`].

use super::element::{GatherChild, Node, SayChild, Verb, attr, element, placed_in};
use super::parameter::parameter_child;
use super::values::{
    GatherInput, Method, RecordingEvent, RejectReason, SpeechTimeout, Trim, Voice,
};

/// A Voice TwiML document: the verbs Twilio runs on the call, in order.
///
/// `to_string()` (or `String::from`) writes it, XML declaration first; a `Response` can be
/// given wherever the generated clients take TwiML (`CreateCallChoice::twiml(response)`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct Response {
    verbs: Vec<Node>,
}

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
        super::element::document(&self.verbs)
    }
}

impl std::fmt::Display for Response {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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

element! {
    /// `<Say>`: speaks text to the caller with text-to-speech; SSML elements
    /// ([`ssml`](super::ssml)) may alternate with the text.
    Say
}
placed_in!(Say: Verb, GatherChild);

impl Say {
    /// Speaks `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Self(Node::with_text("Say", text))
    }
    /// Appends text after what was added so far.
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.0.push_text(text);
        self
    }
    /// Appends an SSML element ([`ssml`](super::ssml)) after what was added so far.
    pub fn push(mut self, child: impl SayChild) -> Self {
        self.0.push(child.into().0);
        self
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
        Self(Node::with_attr("Play", "digits", digits.into()))
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
        self.0.push(child.into().0);
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
        /// `maxSpeechTime`: the longest speech input, in seconds.
        max_speech_time, "maxSpeechTime", u32
    );
    attr!(
        /// `profanityFilter`: whether profanities in the speech result are masked.
        profanity_filter, "profanityFilter", bool
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
        /// `bargeIn`: whether speech or digits stop what the gather says or plays.
        barge_in, "bargeIn", bool
    );
    attr!(
        /// `debug`: whether Twilio reports debugging information.
        debug, "debug", bool
    );
    attr!(
        /// `actionOnEmptyResult`: request `action` even when nothing was gathered.
        action_on_empty_result, "actionOnEmptyResult", bool
    );
    attr!(
        /// `speechModel`: the recognition model, such as `phone_call` or `numbers_and_commands`.
        speech_model, "speechModel", into String
    );
    attr!(
        /// `enhanced`: whether the enhanced (premium) speech model is used.
        enhanced, "enhanced", bool
    );
    attr!(
        /// `partialResultCallback`: a URL receiving interim speech results.
        partial_result_callback, "partialResultCallback", into String
    );
    attr!(
        /// `partialResultCallbackMethod`: how `partialResultCallback` is requested.
        partial_result_callback_method, "partialResultCallbackMethod", Method
    );
}

impl Default for Gather {
    fn default() -> Self {
        Self::new()
    }
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
        /// `recordingStatusCallbackMethod`: how `recordingStatusCallback` is requested.
        recording_status_callback_method, "recordingStatusCallbackMethod", Method
    );
    attr!(
        /// `recordingStatusCallbackEvent`: which recording events are reported.
        recording_status_callback_event, "recordingStatusCallbackEvent", list RecordingEvent, " "
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
    parameter_child!();
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
    parameter_child!();
}

impl Default for Reject {
    fn default() -> Self {
        Self::new()
    }
}

element! {
    /// `<Redirect>`: continues with the TwiML at another URL (in a Voice [`Response`] and in a
    /// [`MessagingResponse`](super::MessagingResponse) alike).
    Redirect
}
placed_in!(Redirect: Verb, MessagingVerb);

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
    /// `<Refer>`: transfers a SIP call elsewhere with a SIP REFER, to the address of its `<Sip>`.
    Refer
}
placed_in!(Refer: Verb);

impl Refer {
    /// Refers the call to the SIP URI `sip` (`<Refer><Sip>sip:...</Sip></Refer>`).
    pub fn new(sip: impl Into<String>) -> Self {
        Self(Node::with_child("Refer", Node::with_text("Sip", sip)))
    }
    attr!(
        /// `action`: the URL Twilio requests when the transfer ends.
        action, "action", into String
    );
    attr!(
        /// `method`: how `action` is requested.
        method, "method", Method
    );
}

element! {
    /// `<Echo>`: plays back what the caller says (a test of the line).
    Echo
}
placed_in!(Echo: Verb);

impl Echo {
    /// `<Echo/>`.
    pub fn new() -> Self {
        Self(Node::new("Echo"))
    }
}

impl Default for Echo {
    fn default() -> Self {
        Self::new()
    }
}

element! {
    /// `<Sms>`: sends a text message during a call. Deprecated by Twilio in favour of the
    /// Messaging API; kept because Twilio's libraries still write it.
    Sms
}
placed_in!(Sms: Verb);

impl Sms {
    /// Sends `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Self(Node::with_text("Sms", text))
    }
    attr!(
        /// `to`: the recipient (the caller when absent).
        to, "to", into String
    );
    attr!(
        /// `from`: the sender (the called number when absent).
        from, "from", into String
    );
    attr!(
        /// `action`: the URL Twilio requests once the message is sent.
        action, "action", into String
    );
    attr!(
        /// `method`: how `action` is requested.
        method, "method", Method
    );
    attr!(
        /// `statusCallback`: a URL receiving the message's status.
        status_callback, "statusCallback", into String
    );
}

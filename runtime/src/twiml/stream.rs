//! What runs beside a call, begun by [`Start`] and ended by [`Stop`]: a one-way media
//! [`Stream`] (also the bidirectional stream of a [`Connect`](super::Connect)), a SIPREC
//! recording session ([`Siprec`]) and a real-time [`Transcription`].

use super::element::{Node, StartNoun, attr, element, placed_in};
use super::parameter::{config_child, parameter_child};
use super::values::{Method, Track};

element! {
    /// `<Stream>`: a media stream over a WebSocket, in a [`Connect`](super::Connect),
    /// [`Start`] or [`Stop`].
    Stream
}
placed_in!(Stream: ConnectNoun, StartNoun);

impl Stream {
    /// A stream to the WebSocket URL `url` (`wss://...`).
    pub fn new(url: impl Into<String>) -> Self {
        Self(Node::with_attr("Stream", "url", url.into()))
    }
    /// The stream named `name`, to stop it in a [`Stop`].
    pub fn named(name: impl Into<String>) -> Self {
        Self(Node::with_attr("Stream", "name", name.into()))
    }
    attr!(
        /// `name`: a name to stop the stream by.
        name, "name", into String
    );
    attr!(
        /// `connectorName`: a stream connector (by its unique name) instead of a URL.
        connector_name, "connectorName", into String
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
    parameter_child!();
}

element! {
    /// `<Siprec>`: a SIPREC session sending the call's audio to a recorder, in a [`Start`] or
    /// [`Stop`].
    Siprec
}
placed_in!(Siprec: StartNoun);

impl Siprec {
    /// A session whose connector and name are set with the attribute methods.
    pub fn new() -> Self {
        Self(Node::new("Siprec"))
    }
    attr!(
        /// `name`: a name to stop the session by.
        name, "name", into String
    );
    attr!(
        /// `connectorName`: the SIPREC connector's unique name.
        connector_name, "connectorName", into String
    );
    attr!(
        /// `track`: which audio is sent.
        track, "track", Track
    );
    attr!(
        /// `statusCallback`: a URL receiving the session's events.
        status_callback, "statusCallback", into String
    );
    attr!(
        /// `statusCallbackMethod`: how `statusCallback` is requested.
        status_callback_method, "statusCallbackMethod", Method
    );
    parameter_child!();
}

impl Default for Siprec {
    fn default() -> Self {
        Self::new()
    }
}

element! {
    /// `<Transcription>`: a real-time transcription of the call, in a [`Start`] or [`Stop`].
    Transcription
}
placed_in!(Transcription: StartNoun);

impl Transcription {
    /// A transcription with Twilio's defaults.
    pub fn new() -> Self {
        Self(Node::new("Transcription"))
    }
    attr!(
        /// `name`: a name to stop the transcription by.
        name, "name", into String
    );
    attr!(
        /// `track`: which audio is transcribed.
        track, "track", Track
    );
    attr!(
        /// `statusCallbackUrl`: a URL receiving the transcription's events and results.
        status_callback_url, "statusCallbackUrl", into String
    );
    attr!(
        /// `statusCallbackMethod`: how `statusCallbackUrl` is requested.
        status_callback_method, "statusCallbackMethod", Method
    );
    attr!(
        /// `inboundTrackLabel`: the label of the caller's speech.
        inbound_track_label, "inboundTrackLabel", into String
    );
    attr!(
        /// `outboundTrackLabel`: the label of the other party's speech.
        outbound_track_label, "outboundTrackLabel", into String
    );
    attr!(
        /// `partialResults`: whether interim results are sent.
        partial_results, "partialResults", bool
    );
    attr!(
        /// `languageCode`: the spoken language, such as `en-US`.
        language_code, "languageCode", into String
    );
    attr!(
        /// `transcriptionEngine`: the engine, such as `google` or `deepgram`.
        transcription_engine, "transcriptionEngine", into String
    );
    attr!(
        /// `profanityFilter`: whether profanities are masked.
        profanity_filter, "profanityFilter", bool
    );
    attr!(
        /// `speechModel`: the engine's recognition model.
        speech_model, "speechModel", into String
    );
    attr!(
        /// `hints`: words or phrases likely to be said, comma-separated.
        hints, "hints", into String
    );
    attr!(
        /// `enableAutomaticPunctuation`: whether punctuation is added.
        enable_automatic_punctuation, "enableAutomaticPunctuation", bool
    );
    attr!(
        /// `intelligenceService`: the Conversational Intelligence service (SID or unique name)
        /// receiving the transcript.
        intelligence_service, "intelligenceService", into String
    );
    config_child!();
    parameter_child!();
}

impl Default for Transcription {
    fn default() -> Self {
        Self::new()
    }
}

element! {
    /// `<Start>`: starts a [`Stream`], [`Siprec`] or [`Transcription`] beside the call and goes
    /// on at once.
    Start
}
placed_in!(Start: Verb);

impl Start {
    /// A start whose nouns are added with [`push`](Self::push).
    pub fn new() -> Self {
        Self(Node::new("Start"))
    }
    /// Starts `stream`.
    pub fn stream(stream: Stream) -> Self {
        Self(Node::with_child("Start", stream.0))
    }
    /// Adds something to start.
    pub fn push(mut self, noun: impl StartNoun) -> Self {
        self.0.push(noun.into().0);
        self
    }
    attr!(
        /// `action`: a URL Twilio requests once started.
        action, "action", into String
    );
    attr!(
        /// `method`: how `action` is requested.
        method, "method", Method
    );
}

impl Default for Start {
    fn default() -> Self {
        Self::new()
    }
}

element! {
    /// `<Stop>`: stops a [`Stream`], [`Siprec`] or [`Transcription`] begun with [`Start`] (by
    /// its name).
    Stop
}
placed_in!(Stop: Verb);

impl Stop {
    /// A stop whose nouns are added with [`push`](Self::push).
    pub fn new() -> Self {
        Self(Node::new("Stop"))
    }
    /// Stops `stream` (usually [`Stream::named`]).
    pub fn stream(stream: Stream) -> Self {
        Self(Node::with_child("Stop", stream.0))
    }
    /// Adds something to stop.
    pub fn push(mut self, noun: impl StartNoun) -> Self {
        self.0.push(noun.into().0);
        self
    }
}

impl Default for Stop {
    fn default() -> Self {
        Self::new()
    }
}

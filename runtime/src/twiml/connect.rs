//! `<Connect>` and what it hands the call to: a bidirectional [`Stream`](super::Stream), a
//! video [`Room`], a Flex [`Conversation`], a Dialogflow [`VirtualAgent`], a
//! [`ConversationRelay`] (speech to and from your WebSocket server), an AI [`Assistant`] or an
//! [`AiSession`].

use super::element::{ConnectNoun, Node, attr, element, placed_in, value_enum};
use super::parameter::{config_child, parameter_child};
use super::stream::Stream;
use super::values::{ConversationEvent, DialRecord, Method, RecordingEvent, Trim};

value_enum! {
    /// What input interrupts the speech of a [`ConversationRelay`] or [`Assistant`].
    Interruptible {
        /// Nothing does.
        None => "none",
        /// Keypad tones.
        Dtmf => "dtmf",
        /// Speech.
        Speech => "speech",
        /// Either (the default).
        Any => "any",
    }
}

value_enum! {
    /// How readily speech interrupts a [`ConversationRelay`] or [`Assistant`].
    InterruptSensitivity {
        /// Only clear speech.
        Low => "low",
        /// The default.
        Medium => "medium",
        /// Any speech.
        High => "high",
    }
}

element! {
    /// `<Connect>`: hands the call to one of [`ConnectNoun`](super::ConnectNoun)'s nouns; the
    /// next verb runs (or `action` is requested) when it ends.
    Connect
}
placed_in!(Connect: Verb);

impl Connect {
    /// A connect whose noun is added with [`push`](Self::push).
    pub fn new() -> Self {
        Self(Node::new("Connect"))
    }
    /// Connects the call to `stream`.
    pub fn stream(stream: Stream) -> Self {
        Self(Node::with_child("Connect", stream.0))
    }
    /// Adds what the call is handed to.
    pub fn push(mut self, noun: impl ConnectNoun) -> Self {
        self.0.push(noun.into().0);
        self
    }
    attr!(
        /// `action`: the URL Twilio requests when the connection ends.
        action, "action", into String
    );
    attr!(
        /// `method`: how `action` is requested.
        method, "method", Method
    );
}

impl Default for Connect {
    fn default() -> Self {
        Self::new()
    }
}

element! {
    /// `<Room>` in a [`Connect`]: a Twilio Video room, joined with audio.
    Room
}
placed_in!(Room: ConnectNoun);

impl Room {
    /// The room's name (or SID).
    pub fn new(name: impl Into<String>) -> Self {
        Self(Node::with_text("Room", name))
    }
    attr!(
        /// `participantIdentity`: the caller's identity in the room.
        participant_identity, "participantIdentity", into String
    );
}

element! {
    /// `<Conversation>` in a [`Connect`]: a Conversations service conversation.
    Conversation
}
placed_in!(Conversation: ConnectNoun);

impl Conversation {
    /// A conversation in the service `service_instance_sid` (`IS...`).
    pub fn new(service_instance_sid: impl Into<String>) -> Self {
        Self(Node::with_attr(
            "Conversation",
            "serviceInstanceSid",
            service_instance_sid.into(),
        ))
    }
    attr!(
        /// `inboundAutocreation`: whether an inbound call creates a conversation.
        inbound_autocreation, "inboundAutocreation", bool
    );
    attr!(
        /// `routingAssignmentTimeout`: seconds to wait for an agent.
        routing_assignment_timeout, "routingAssignmentTimeout", u32
    );
    attr!(
        /// `inboundTimeout`: seconds to wait for the inbound call.
        inbound_timeout, "inboundTimeout", u32
    );
    attr!(
        /// `url`: TwiML run for the call.
        url, "url", into String
    );
    attr!(
        /// `method`: how `url` is requested.
        method, "method", Method
    );
    attr!(
        /// `record`: whether the call is recorded.
        record, "record", DialRecord
    );
    attr!(
        /// `trim`: whether silence is trimmed from the recording.
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
        /// `statusCallback`: a URL receiving the call's events.
        status_callback, "statusCallback", into String
    );
    attr!(
        /// `statusCallbackMethod`: how `statusCallback` is requested.
        status_callback_method, "statusCallbackMethod", Method
    );
    attr!(
        /// `statusCallbackEvent`: which call events are reported.
        status_callback_event, "statusCallbackEvent", list ConversationEvent, " "
    );
}

element! {
    /// `<VirtualAgent>` in a [`Connect`]: a Dialogflow CX agent, through its connector.
    VirtualAgent
}
placed_in!(VirtualAgent: ConnectNoun);

impl VirtualAgent {
    /// The agent of the connector `connector_name`.
    pub fn new(connector_name: impl Into<String>) -> Self {
        Self(Node::with_attr(
            "VirtualAgent",
            "connectorName",
            connector_name.into(),
        ))
    }
    attr!(
        /// `language`: the caller's language, such as `en-US`.
        language, "language", into String
    );
    attr!(
        /// `sentimentAnalysis`: whether the caller's sentiment is analysed.
        sentiment_analysis, "sentimentAnalysis", bool
    );
    attr!(
        /// `statusCallback`: a URL receiving the session's events.
        status_callback, "statusCallback", into String
    );
    attr!(
        /// `statusCallbackMethod`: how `statusCallback` is requested.
        status_callback_method, "statusCallbackMethod", Method
    );
    config_child!();
    parameter_child!();
}

element! {
    /// `<Language>` in a [`ConversationRelay`] or [`Assistant`]: the speech settings of one
    /// more language the caller may use.
    Language
}

impl Language {
    /// The settings of the language `code` (such as `fr-FR`).
    pub fn new(code: impl Into<String>) -> Self {
        Self(Node::with_attr("Language", "code", code.into()))
    }
    attr!(
        /// `ttsProvider`: the text-to-speech provider.
        tts_provider, "ttsProvider", into String
    );
    attr!(
        /// `voice`: the text-to-speech voice.
        voice, "voice", into String
    );
    attr!(
        /// `transcriptionProvider`: the speech recognition provider.
        transcription_provider, "transcriptionProvider", into String
    );
    attr!(
        /// `speechModel`: the speech recognition model.
        speech_model, "speechModel", into String
    );
}

/// The speech attributes and children shared by [`ConversationRelay`] and [`Assistant`].
macro_rules! relay {
    () => {
        /// Appends the settings of one more language.
        pub fn language_setting(mut self, language: Language) -> Self {
            self.0.push(language.0);
            self
        }
        parameter_child!();
        attr!(
            /// `language`: the language of both speech and recognition, such as `en-US`.
            language, "language", into String
        );
        attr!(
            /// `ttsLanguage`: the language of the speech.
            tts_language, "ttsLanguage", into String
        );
        attr!(
            /// `ttsProvider`: the text-to-speech provider (`Google`, `Amazon`, `ElevenLabs`).
            tts_provider, "ttsProvider", into String
        );
        attr!(
            /// `voice`: the text-to-speech voice.
            voice, "voice", into String
        );
        attr!(
            /// `transcriptionLanguage`: the language of the recognition.
            transcription_language, "transcriptionLanguage", into String
        );
        attr!(
            /// `transcriptionProvider`: the speech recognition provider (`Google`, `Deepgram`).
            transcription_provider, "transcriptionProvider", into String
        );
        attr!(
            /// `speechModel`: the speech recognition model.
            speech_model, "speechModel", into String
        );
        attr!(
            /// `welcomeGreeting`: what is said as soon as the session is connected.
            welcome_greeting, "welcomeGreeting", into String
        );
        attr!(
            /// `welcomeGreetingInterruptible`: what input interrupts the greeting.
            welcome_greeting_interruptible, "welcomeGreetingInterruptible", Interruptible
        );
        attr!(
            /// `interruptible`: what input interrupts the speech.
            interruptible, "interruptible", Interruptible
        );
        attr!(
            /// `interruptSensitivity`: how readily speech interrupts.
            interrupt_sensitivity, "interruptSensitivity", InterruptSensitivity
        );
        attr!(
            /// `dtmfDetection`: whether keypad tones are reported.
            dtmf_detection, "dtmfDetection", bool
        );
        attr!(
            /// `partialPrompts`: whether speech is reported before the caller finishes.
            partial_prompts, "partialPrompts", bool
        );
        attr!(
            /// `preemptible`: whether new speech or media interrupts what is playing.
            preemptible, "preemptible", bool
        );
        attr!(
            /// `profanityFilter`: whether profanities are masked in the recognition.
            profanity_filter, "profanityFilter", bool
        );
        attr!(
            /// `reportInputDuringAgentSpeech`: whether input is reported while speech plays
            /// uninterruptibly.
            report_input_during_agent_speech, "reportInputDuringAgentSpeech", bool
        );
        attr!(
            /// `hints`: words or phrases likely to be said, comma-separated.
            hints, "hints", into String
        );
        attr!(
            /// `intelligenceService`: the Conversational Intelligence service (SID or unique
            /// name) receiving the transcript.
            intelligence_service, "intelligenceService", into String
        );
        attr!(
            /// `elevenlabsTextNormalization`: ElevenLabs' text normalization (`on`, `off`,
            /// `auto`).
            elevenlabs_text_normalization, "elevenlabsTextNormalization", into String
        );
        attr!(
            /// `debug`: debugging options, space-separated (such as `debugging speaker-events`).
            debug, "debug", into String
        );
    };
}

element! {
    /// `<ConversationRelay>` in a [`Connect`]: Twilio turns the caller's speech into text sent
    /// to your WebSocket server, and speaks the text it answers.
    ConversationRelay
}
placed_in!(ConversationRelay: ConnectNoun);

impl ConversationRelay {
    /// A session with the WebSocket server at `url` (`wss://...`).
    pub fn new(url: impl Into<String>) -> Self {
        Self(Node::with_attr("ConversationRelay", "url", url.into()))
    }
    relay!();
}

element! {
    /// `<Assistant>` in a [`Connect`]: a Twilio AI Assistant talks with the caller.
    Assistant
}
placed_in!(Assistant: ConnectNoun);

impl Assistant {
    /// The assistant `id` (`aia_asst_...`).
    pub fn new(id: impl Into<String>) -> Self {
        Self(Node::with_attr("Assistant", "id", id.into()))
    }
    relay!();
}

element! {
    /// `<AiSession>` in a [`Connect`]: a session with an AI connector.
    AiSession
}
placed_in!(AiSession: ConnectNoun);

impl AiSession {
    /// A session with the AI connector `ai_connector` (unique name or add-on SID).
    pub fn new(ai_connector: impl Into<String>) -> Self {
        Self(Node::with_attr(
            "AiSession",
            "aiConnector",
            ai_connector.into(),
        ))
    }
    attr!(
        /// `aiSessionConfiguration`: the session configuration (unique name or ID).
        ai_session_configuration, "aiSessionConfiguration", into String
    );
}

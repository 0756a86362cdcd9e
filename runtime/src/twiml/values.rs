//! Typed attribute values shared by the verbs and nouns: fixed sets written as TwiML spells
//! them, and the few values that are either a keyword or a number.

use std::fmt;

use super::element::value_enum;

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
    /// What a [`Gather`](super::Gather) listens for.
    GatherInput {
        /// Keypad digits only (the default).
        Dtmf => "dtmf",
        /// Speech only.
        Speech => "speech",
        /// Either; the first to arrive ends the gather.
        DtmfSpeech => "dtmf speech",
        /// Either, written speech first (as some of Twilio's examples write it).
        SpeechDtmf => "speech dtmf",
    }
}

value_enum! {
    /// Whether and from when a [`Dial`](super::Dial) (or a
    /// [`Conversation`](super::Conversation)) records the call.
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
    /// Whether a [`Conference`](super::Conference) is recorded.
    ConferenceRecord {
        /// No recording (the default).
        DoNotRecord => "do-not-record",
        /// From the moment the conference starts.
        RecordFromStart => "record-from-start",
    }
}

value_enum! {
    /// Which audio of a [`Dial`](super::Dial) is recorded.
    RecordingTrack {
        /// Both legs (the default).
        Both => "both",
        /// What the caller says.
        Inbound => "inbound",
        /// What the caller hears.
        Outbound => "outbound",
    }
}

value_enum! {
    /// Why a [`Reject`](super::Reject) refuses the call, as the caller hears it.
    RejectReason {
        /// A "not in service" response (the default).
        Rejected => "rejected",
        /// A busy signal.
        Busy => "busy",
    }
}

value_enum! {
    /// Whether silence at the start and end of a recording is trimmed.
    Trim {
        /// Trim leading and trailing silence (the default).
        TrimSilence => "trim-silence",
        /// Keep the recording as it is.
        DoNotTrim => "do-not-trim",
    }
}

value_enum! {
    /// Which audio a [`Stream`](super::Stream), [`Siprec`](super::Siprec) or
    /// [`Transcription`](super::Transcription) carries.
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
    /// When a [`Conference`](super::Conference) beeps.
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

value_enum! {
    /// An event of a dialled leg reported to its `statusCallback` ([`Number`](super::Number),
    /// [`Client`](super::Client), [`Sip`](super::Sip), [`Application`](super::Application),
    /// [`WhatsApp`](super::WhatsApp)).
    CallEvent {
        /// The leg is being placed.
        Initiated => "initiated",
        /// It rings.
        Ringing => "ringing",
        /// It was answered.
        Answered => "answered",
        /// It ended.
        Completed => "completed",
    }
}

value_enum! {
    /// An event of a recording reported to its `recordingStatusCallback`.
    RecordingEvent {
        /// The recording started.
        InProgress => "in-progress",
        /// It is available.
        Completed => "completed",
        /// It failed or was empty.
        Absent => "absent",
    }
}

value_enum! {
    /// An event of a [`Conference`](super::Conference) reported to its `statusCallback`.
    ConferenceEvent {
        /// The conference started.
        Start => "start",
        /// It ended.
        End => "end",
        /// A participant joined.
        Join => "join",
        /// A participant left.
        Leave => "leave",
        /// A participant was muted or unmuted.
        Mute => "mute",
        /// A participant was held or resumed.
        Hold => "hold",
        /// A participant was modified.
        Modify => "modify",
        /// A participant started or stopped speaking.
        Speaker => "speaker",
        /// An announcement started or ended.
        Announcement => "announcement",
    }
}

value_enum! {
    /// The size of a [`Conference`](super::Conference) participant's jitter buffer.
    JitterBufferSize {
        /// Large.
        Large => "large",
        /// Medium.
        Medium => "medium",
        /// Small.
        Small => "small",
        /// No jitter buffer.
        Off => "off",
    }
}

value_enum! {
    /// An event of a [`Conversation`](super::Conversation) reported to its `statusCallback`.
    ConversationEvent {
        /// The call is being placed.
        CallInitiated => "call-initiated",
        /// It rings.
        CallRinging => "call-ringing",
        /// It was answered.
        CallAnswered => "call-answered",
        /// It is in progress (as Twilio's `<Conversation>` page lists it).
        CallInProgress => "call-in-progress",
        /// It ended.
        CallCompleted => "call-completed",
    }
}

/// The voice of a [`Say`](super::Say): Twilio's basic voices, or any other voice by its name
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

/// How long a [`Gather`](super::Gather) waits after the caller stops speaking.
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

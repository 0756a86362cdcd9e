//! `<Dial>` and the parties it connects to: [`Number`], [`Client`], [`Sip`], [`Sim`],
//! [`Conference`], [`Queue`], [`Application`] and [`WhatsApp`].

use super::element::{DialNoun, Node, attr, element, placed_in, value_enum};
use super::parameter::parameter_child;
use super::values::{
    Beep, CallEvent, ConferenceEvent, ConferenceRecord, DialRecord, JitterBufferSize, Method,
    RecordingEvent, RecordingTrack, Trim,
};

value_enum! {
    /// What answering machine detection on a dialled [`Number`] or [`Sip`] reports.
    MachineDetection {
        /// Whether a person or a machine answered, as soon as known.
        Enable => "Enable",
        /// Waits for the end of a machine's greeting (to leave a message after it).
        DetectMessageEnd => "DetectMessageEnd",
    }
}

value_enum! {
    /// Which events of a [`Dial`] are reported to its `action` URL as they happen.
    DialEvent {
        /// The progress of the dialled call (ringing, answered...).
        CallProgressEvent => "call-progress-event",
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
    /// Adds a party to dial (several ring at once unless `sequential`; the first to answer is
    /// connected).
    pub fn push(mut self, noun: impl DialNoun) -> Self {
        self.0.push(noun.into().0);
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
        /// `recordingTrack`: which audio is recorded.
        recording_track, "recordingTrack", RecordingTrack
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
    attr!(
        /// `sequential`: ring the parties one after the other instead of all at once.
        sequential, "sequential", bool
    );
    attr!(
        /// `events`: which events are reported as they happen.
        events, "events", DialEvent
    );
    attr!(
        /// `referUrl`: a URL receiving the SIP REFER requests of the dialled party.
        refer_url, "referUrl", into String
    );
    attr!(
        /// `referMethod`: how `referUrl` is requested.
        refer_method, "referMethod", Method
    );
}

impl Default for Dial {
    fn default() -> Self {
        Self::new()
    }
}

/// The answering machine detection attributes of [`Number`] and [`Sip`].
macro_rules! machine_detection {
    () => {
        attr!(
            /// `machineDetection`: detect whether a person or a machine answers.
            machine_detection, "machineDetection", MachineDetection
        );
        attr!(
            /// `amdStatusCallback`: a URL receiving the detection's result.
            amd_status_callback, "amdStatusCallback", into String
        );
        attr!(
            /// `amdStatusCallbackMethod`: how `amdStatusCallback` is requested.
            amd_status_callback_method, "amdStatusCallbackMethod", Method
        );
        attr!(
            /// `machineDetectionTimeout`: seconds to wait for a result.
            machine_detection_timeout, "machineDetectionTimeout", u32
        );
        attr!(
            /// `machineDetectionSpeechThreshold`: milliseconds of speech taken as a machine.
            machine_detection_speech_threshold, "machineDetectionSpeechThreshold", u32
        );
        attr!(
            /// `machineDetectionSpeechEndThreshold`: milliseconds of silence ending speech.
            machine_detection_speech_end_threshold, "machineDetectionSpeechEndThreshold", u32
        );
        attr!(
            /// `machineDetectionSilenceTimeout`: milliseconds of initial silence before giving up.
            machine_detection_silence_timeout, "machineDetectionSilenceTimeout", u32
        );
    };
}

/// `url`, `method`, `statusCallback`, `statusCallbackMethod` and `statusCallbackEvent` (typed)
/// of a dialled party.
macro_rules! party {
    () => {
        attr!(
            /// `url`: TwiML run for the called party before it is connected (a whisper).
            url, "url", into String
        );
        attr!(
            /// `method`: how `url` is requested.
            method, "method", Method
        );
        attr!(
            /// `statusCallback`: a URL receiving the events of the dialled leg.
            status_callback, "statusCallback", into String
        );
        attr!(
            /// `statusCallbackMethod`: how `statusCallback` is requested.
            status_callback_method, "statusCallbackMethod", Method
        );
    };
    (events) => {
        party!();
        attr!(
            /// `statusCallbackEvent`: which events of the dialled leg are reported.
            status_callback_event, "statusCallbackEvent", list CallEvent, " "
        );
    };
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
    party!();
    attr!(
        /// `statusCallbackEvent`: which events, space-separated (`initiated ringing answered completed`).
        status_callback_event, "statusCallbackEvent", into String
    );
    attr!(
        /// `byoc`: the SID of the BYOC trunk to dial through.
        byoc, "byoc", into String
    );
    machine_detection!();
}

element! {
    /// `<Client>` in a [`Dial`]: an app using a Twilio Voice SDK, by identity.
    Client
}
placed_in!(Client: DialNoun);

impl Client {
    /// The client identity to ring, as text (`<Client>joey</Client>`).
    pub fn new(identity: impl Into<String>) -> Self {
        Self(Node::with_text("Client", identity))
    }
    /// The client identity in an `<Identity>` element, the form that may carry
    /// [`parameter`](Self::parameter)s (`<Client><Identity>joey</Identity>...</Client>`).
    pub fn identity(identity: impl Into<String>) -> Self {
        Self(Node::with_child(
            "Client",
            Node::with_text("Identity", identity),
        ))
    }
    party!(events);
    parameter_child!();
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
    party!(events);
    machine_detection!();
}

element! {
    /// `<Sim>` in a [`Dial`]: a Twilio Programmable Wireless SIM, by SID.
    Sim
}
placed_in!(Sim: DialNoun);

impl Sim {
    /// The SIM's SID (`DE...`).
    pub fn new(sid: impl Into<String>) -> Self {
        Self(Node::with_text("Sim", sid))
    }
}

element! {
    /// `<Application>` in a [`Dial`]: another TwiML application, by SID.
    Application
}
placed_in!(Application: DialNoun);

impl Application {
    /// The application's SID as text (`<Application>AP...</Application>`).
    pub fn new(sid: impl Into<String>) -> Self {
        Self(Node::with_text("Application", sid))
    }
    /// The application's SID in an `<ApplicationSid>` element, the form that may carry
    /// [`parameter`](Self::parameter)s.
    pub fn sid(sid: impl Into<String>) -> Self {
        Self(Node::with_child(
            "Application",
            Node::with_text("ApplicationSid", sid),
        ))
    }
    party!(events);
    attr!(
        /// `customerId`: the identity of the customer calling the application.
        customer_id, "customerId", into String
    );
    attr!(
        /// `copyParentTo`: pass the parent call's `To` on (else the application SID is `To`).
        copy_parent_to, "copyParentTo", bool
    );
    parameter_child!();
}

element! {
    /// `<WhatsApp>` in a [`Dial`]: a WhatsApp user, by phone number.
    WhatsApp
}
placed_in!(WhatsApp: DialNoun);

impl WhatsApp {
    /// The WhatsApp user's phone number, such as `+15558675310`.
    pub fn new(number: impl Into<String>) -> Self {
        Self(Node::with_text("WhatsApp", number))
    }
    party!(events);
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
        /// `waitMethod`: how `waitUrl` is requested.
        wait_method, "waitMethod", Method
    );
    attr!(
        /// `maxParticipants`: the room's capacity.
        max_participants, "maxParticipants", u32
    );
    attr!(
        /// `record`: whether the conference is recorded.
        record, "record", ConferenceRecord
    );
    attr!(
        /// `region`: where the conference is mixed (`us1`, `ie1`, `au1`...).
        region, "region", into String
    );
    attr!(
        /// `coach`: the SID of a call this participant coaches (heard by it alone).
        coach, "coach", into String
    );
    attr!(
        /// `trim`: whether silence is trimmed from the recording.
        trim, "trim", Trim
    );
    attr!(
        /// `statusCallback`: a URL receiving the conference's events.
        status_callback, "statusCallback", into String
    );
    attr!(
        /// `statusCallbackMethod`: how `statusCallback` is requested.
        status_callback_method, "statusCallbackMethod", Method
    );
    attr!(
        /// `statusCallbackEvent`: which conference events are reported.
        status_callback_event, "statusCallbackEvent", list ConferenceEvent, " "
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
        /// `eventCallbackUrl`: a URL receiving the conference's events (older form).
        event_callback_url, "eventCallbackUrl", into String
    );
    attr!(
        /// `jitterBufferSize`: the participant's jitter buffer.
        jitter_buffer_size, "jitterBufferSize", JitterBufferSize
    );
    attr!(
        /// `participantLabel`: a label to find the participant by.
        participant_label, "participantLabel", into String
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
    attr!(
        /// `reservationSid`: the TaskRouter reservation this dequeue accepts.
        reservation_sid, "reservationSid", into String
    );
    attr!(
        /// `postWorkActivitySid`: the TaskRouter activity of the worker after the call.
        post_work_activity_sid, "postWorkActivitySid", into String
    );
}

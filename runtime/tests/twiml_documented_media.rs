//! The nouns of `<Start>`, `<Stop>` and `<Connect>` and the SSML of `<Say>` against the worked
//! examples of Twilio's TwiML reference (the other verbs and nouns: `twiml_documented.rs`).
//!
//! Twilio's pages print their examples indented for reading. `documented` reads such an example
//! with an XML parser and writes it the way TwiML is sent and the way Twilio's libraries write
//! it (the XML declaration, then no whitespace between elements, text trimmed of the
//! indentation around it, an element without content as `<Name/>`, attributes in the order they
//! appear, double-quoted); the builder's output must equal that byte for byte. Nothing else is
//! changed: a different name, attribute, attribute order, value, text or nesting fails. The
//! structure and attributes are the documented ones; the spoken or sent text is our own where it
//! is prose. The printed examples were read on the pages, most of them in the `output/*.twiml`
//! files of Twilio's `TwilioDevEd/api-snippets` repository that the pages show.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod twiml_docs;

use std::time::Duration;

use twilio_runtime::twiml::ssml::{
    Break, BreakStrength, Emphasis, EmphasisLevel, InterpretAs, Lang, P, Phoneme, PhonemeAlphabet,
    Prosody, S, SayAs, SayAsFormat, Sub, W,
};
use twilio_runtime::twiml::*;
use twiml_docs::{DECL, voice};

// Documented: twilio.com/docs/voice/twiml/siprec, the most basic use, and a named session started
// and stopped (the page's two snippets in one <Response>); then the other attributes and a
// <Parameter> in an example of ours.
#[test]
fn start_and_stop_siprec() {
    voice(
        Response::new().push(Start::new().push(Siprec::new().connector_name("my_addon_connector"))),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Start>
                <Siprec connectorName="my_addon_connector" />
            </Start>
        </Response>"#,
    );
    voice(
        Response::new()
            .push(
                Start::new().push(
                    Siprec::new()
                        .name("my_first_siprec_stream")
                        .connector_name("my_addon_connector"),
                ),
            )
            .push(Stop::new().push(Siprec::new().name("my_first_siprec_stream"))),
        r#"<Response>
            <Start>
                <Siprec name="my_first_siprec_stream" connectorName="my_addon_connector" />
            </Start>
            <Stop>
               <Siprec name="my_first_siprec_stream" />
            </Stop>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Start::new().push(
                Siprec::new()
                    .connector_name("my_addon_connector")
                    .track(Track::BothTracks)
                    .status_callback("https://example.com/siprec")
                    .status_callback_method(Method::Post)
                    .parameter("Agent", "Alice"),
            ),
        ),
        r#"<Response><Start><Siprec connectorName="my_addon_connector" track="both_tracks" statusCallback="https://example.com/siprec" statusCallbackMethod="POST"><Parameter name="Agent" value="Alice"/></Siprec></Start></Response>"#,
    );
}

// Documented: twilio.com/docs/voice/twiml/transcription, the basic <Start><Transcription> (in a
// <Response>); then every
// attribute of the page's table, <Config> and <Parameter>, and stopping by name, in an example of
// ours.
#[test]
fn start_and_stop_transcription() {
    voice(
        Response::new().push(Start::new().push(
            Transcription::new().status_callback_url("https://example.com/your-callback-url"),
        )),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Start>
                <Transcription statusCallbackUrl="https://example.com/your-callback-url" />
            </Start>
        </Response>"#,
    );
    voice(
        Response::new()
            .push(
                Start::new().push(
                    Transcription::new()
                        .name("Contact center transcription")
                        .track(Track::BothTracks)
                        .language_code("en-US")
                        .transcription_engine("google")
                        .speech_model("telephony")
                        .partial_results(true)
                        .profanity_filter(true)
                        .enable_automatic_punctuation(true)
                        .inbound_track_label("customer")
                        .outbound_track_label("agent")
                        .hints("Twilio, ConversationRelay")
                        .intelligence_service("GA0123456789abcdef0123456789abcdef")
                        .status_callback_url("https://example.com/transcription")
                        .status_callback_method(Method::Post)
                        .config("lowLatency", "true")
                        .parameter("Ticket", "42"),
                ),
            )
            .push(Stop::new().push(Transcription::new().name("Contact center transcription"))),
        r#"<Response>
            <Start>
                <Transcription name="Contact center transcription" track="both_tracks" languageCode="en-US" transcriptionEngine="google" speechModel="telephony" partialResults="true" profanityFilter="true" enableAutomaticPunctuation="true" inboundTrackLabel="customer" outboundTrackLabel="agent" hints="Twilio, ConversationRelay" intelligenceService="GA0123456789abcdef0123456789abcdef" statusCallbackUrl="https://example.com/transcription" statusCallbackMethod="POST">
                    <Config name="lowLatency" value="true"/>
                    <Parameter name="Ticket" value="42"/>
                </Transcription>
            </Start>
            <Stop>
                <Transcription name="Contact center transcription" />
            </Stop>
        </Response>"#,
    );
}

// Documented: twilio.com/docs/voice/twiml/stream, a one-way stream, a bidirectional one, and custom
// parameters; then the remaining attributes in an example of ours.
#[test]
fn streams_with_start_and_connect() {
    voice(
        Response::new().push(Start::new().push(Stream::new("wss://mystream.ngrok.io/audiostream"))),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Start>
                <Stream url="wss://mystream.ngrok.io/audiostream" />
            </Start>
        </Response>"#,
    );
    voice(
        Response::new().push(Connect::stream(Stream::new(
            "wss://mystream.ngrok.io/audiostream",
        ))),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
           <Connect>
               <Stream url="wss://mystream.ngrok.io/audiostream" />
           </Connect>
        </Response>"#,
    );
    voice(
        Response::new().push(Start::stream(
            Stream::new("wss://mystream.ngrok.io/example")
                .parameter("FirstName", "Jane")
                .parameter("LastName", "Doe"),
        )),
        r#"<?xml version="1.0" encoding="UTF-8" ?>
        <Response>
            <Start>
                <Stream url="wss://mystream.ngrok.io/example">
                    <Parameter name="FirstName" value="Jane" />
                    <Parameter name="LastName" value="Doe" />
                </Stream>
            </Start>
        </Response>"#,
    );
    voice(
        Response::new().push(Start::stream(
            Stream::new("wss://example.com/s")
                .connector_name("my_connector")
                .status_callback_method(Method::Get),
        )),
        r#"<Response><Start><Stream url="wss://example.com/s" connectorName="my_connector" statusCallbackMethod="GET"/></Start></Response>"#,
    );
}

// Documented: twilio.com/docs/voice/twiml/connect/room, a room, and with a participant identity.
#[test]
fn connect_room() {
    voice(
        Response::new().push(Connect::new().push(Room::new("DailyStandup"))),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Connect>
                <Room>DailyStandup</Room>
            </Connect>
        </Response>"#,
    );
    voice(
        Response::new()
            .push(Connect::new().push(Room::new("DailyStandup").participant_identity("alice"))),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Connect>
                <Room participantIdentity='alice'>DailyStandup</Room>
            </Connect>
        </Response>"#,
    );
}

// Documented: twilio.com/docs/voice/twiml/connect/virtualagent (Dialogflow CX), <Connect action>
// with a <VirtualAgent>, and sentiment analysis; then <Config> and <Parameter> in an example of
// ours.
#[test]
fn connect_virtual_agent() {
    voice(
        Response::new().push(
            Connect::new()
                .action("https://myactionurl.com/twiml")
                .push(VirtualAgent::new("project").status_callback("https://mycallbackurl.com")),
        ),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Connect action="https://myactionurl.com/twiml" >
                <VirtualAgent connectorName="project" statusCallback="https://mycallbackurl.com"/>
            </Connect>
        </Response>"#,
    );
    voice(
        Response::new()
            .push(Connect::new().push(VirtualAgent::new("project").sentiment_analysis(true))),
        r#"<Response>
          <Connect>
            <VirtualAgent connectorName="project" sentimentAnalysis="true"/>
          </Connect>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Connect::new().push(
                VirtualAgent::new("uniqueName")
                    .language("en-US")
                    .sentiment_analysis(true)
                    .config("welcomeIntent", "greeting")
                    .parameter("customer_name", "Burton Guster"),
            ),
        ),
        r#"<Response>
            <Connect>
                <VirtualAgent connectorName="uniqueName" language="en-US" sentimentAnalysis="true">
                    <Config name="welcomeIntent" value="greeting"/>
                    <Parameter name="customer_name" value="Burton Guster"/>
                </VirtualAgent>
            </Connect>
        </Response>"#,
    );
}

// Documented: twilio.com/docs/voice/twiml/connect/conversationrelay, the basic use (our greeting),
// <Language> elements and a <Parameter>; then the interruption and provider attributes.
#[test]
fn connect_conversation_relay() {
    voice(
        Response::new().push(
            Connect::new()
                .action("https://myhttpserver.com/connect_action")
                .push(
                    ConversationRelay::new("wss://mywebsocketserver.com/websocket")
                        .welcome_greeting("Hello! How can I help?"),
                ),
        ),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Connect action="https://myhttpserver.com/connect_action">
            <ConversationRelay url="wss://mywebsocketserver.com/websocket" welcomeGreeting="Hello! How can I help?" />
          </Connect>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Connect::new().push(
                ConversationRelay::new("wss://mywebsocketserver.com/websocket")
                    .language_setting(
                        Language::new("sv-SE")
                            .tts_provider("amazon")
                            .voice("Elin-Neural")
                            .transcription_provider("google")
                            .speech_model("long"),
                    )
                    .language_setting(
                        Language::new("en-US")
                            .tts_provider("google")
                            .voice("en-US-Journey-O"),
                    ),
            ),
        ),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Connect>
            <ConversationRelay url="wss://mywebsocketserver.com/websocket">
              <Language code="sv-SE" ttsProvider="amazon" voice="Elin-Neural" transcriptionProvider="google" speechModel="long"/>
              <Language code="en-US" ttsProvider="google" voice="en-US-Journey-O" />
            </ConversationRelay>
          </Connect>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Connect::new().push(
                ConversationRelay::new("wss://mywebsocketserver.com/websocket")
                    .parameter("foo", "bar")
                    .parameter("hint", "Annoyed customer"),
            ),
        ),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Connect>
            <ConversationRelay url="wss://mywebsocketserver.com/websocket">
              <Parameter name="foo" value="bar"/>
              <Parameter name="hint" value="Annoyed customer"/>
            </ConversationRelay>
          </Connect>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Connect::new().push(
                ConversationRelay::new("wss://example.com/ws")
                    .interruptible(Interruptible::Speech)
                    .welcome_greeting_interruptible(Interruptible::None)
                    .interrupt_sensitivity(InterruptSensitivity::Low)
                    .dtmf_detection(true)
                    .tts_provider("ElevenLabs")
                    .transcription_provider("Deepgram")
                    .debug("debugging speaker-events"),
            ),
        ),
        r#"<Response><Connect><ConversationRelay url="wss://example.com/ws" interruptible="speech" welcomeGreetingInterruptible="none" interruptSensitivity="low" dtmfDetection="true" ttsProvider="ElevenLabs" transcriptionProvider="Deepgram" debug="debugging speaker-events"/></Connect></Response>"#,
    );
}

// Documented: twilio.com/docs/voice/twiml/connect/conversation, status callback events.
#[test]
fn connect_conversation() {
    voice(
        Response::new().push(
            Connect::new().push(
                Conversation::new("ISxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
                    .status_callback("https://your-status-callback-url.com/statusCallback")
                    .status_callback_event([
                        ConversationEvent::CallInitiated,
                        ConversationEvent::CallInProgress,
                        ConversationEvent::CallRinging,
                        ConversationEvent::CallCompleted,
                    ]),
            ),
        ),
        r#"<Response>
            <Connect>
                <Conversation serviceInstanceSid="ISxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" statusCallback="https://your-status-callback-url.com/statusCallback" statusCallbackEvent="call-initiated call-in-progress call-ringing call-completed"/>
              </Connect>
        </Response>"#,
    );
}

// Attributes: <Assistant>, <AiSession> and <Conversation> as Twilio's libraries declare them, in an
// example of ours.
#[test]
fn connect_assistant_ai_session_conversation() {
    voice(
        Response::new()
            .push(
                Connect::new().push(
                    Assistant::new("aia_asst_0123")
                        .welcome_greeting("Hi!")
                        .parameter("plan", "gold"),
                ),
            )
            .push(
                Connect::new()
                    .push(AiSession::new("my_connector").ai_session_configuration("my_config")),
            )
            .push(
                Connect::new().push(
                    Conversation::new("IS0123456789abcdef0123456789abcdef")
                        .inbound_autocreation(true)
                        .status_callback_event([
                            ConversationEvent::CallInitiated,
                            ConversationEvent::CallCompleted,
                        ]),
                ),
            ),
        r#"<Response>
            <Connect><Assistant id="aia_asst_0123" welcomeGreeting="Hi!"><Parameter name="plan" value="gold"/></Assistant></Connect>
            <Connect><AiSession aiConnector="my_connector" aiSessionConfiguration="my_config"/></Connect>
            <Connect><Conversation serviceInstanceSid="IS0123456789abcdef0123456789abcdef" inboundAutocreation="true" statusCallbackEvent="call-initiated call-completed"/></Connect>
        </Response>"#,
    );
}

// Documented: twilio.com/docs/voice/twiml/say/text-speech, the SSML example with every element, its
// placeholder words and text between elements, as printed but for a `role` attribute the printed
// example puts on <say-as> (Twilio's libraries give <say-as> only `interpret-as` and `format`).
#[test]
fn say_with_ssml() {
    voice(
        Response::new().push(
            Say::new("Hi")
                .voice(Voice::Named("Polly.Joanna".into()))
                .push(
                    Break::new()
                        .strength(BreakStrength::XWeak)
                        .time(Duration::from_millis(100)),
                )
                .push(Emphasis::new("Words to emphasize").level(EmphasisLevel::Moderate))
                .push(P::new("Words to speak"))
                .text("aaaaaa")
                .push(
                    Phoneme::new("Words to speak")
                        .alphabet(PhonemeAlphabet::XSampa)
                        .ph("pɪˈkɑːn"),
                )
                .text("bbbbbbb")
                .push(
                    Prosody::new("Words to speak")
                        .pitch("-10%")
                        .rate("85%")
                        .volume("-6dB"),
                )
                .push(S::new("Words to speak"))
                .push(SayAs::new("Words to speak").interpret_as(InterpretAs::SpellOut))
                .push(Sub::new("Words to be substituted").alias("alias"))
                .push(W::new("Words to speak")),
        ),
        r#"<Response>
          <Say voice="Polly.Joanna">Hi<break strength="x-weak" time="100ms"/><emphasis level="moderate">Words to emphasize</emphasis><p>Words to speak</p>aaaaaa<phoneme alphabet="x-sampa" ph="pɪˈkɑːn">Words to speak</phoneme>bbbbbbb<prosody pitch="-10%" rate="85%" volume="-6dB">Words to speak</prosody><s>Words to speak</s><say-as interpret-as="spell-out">Words to speak</say-as><sub alias="alias">Words to be substituted</sub><w>Words to speak</w></Say>
        </Response>"#,
    );
}

/// Text around SSML elements keeps its spaces (compared without reading it as an example).
#[test]
fn ssml_text_keeps_its_spaces() {
    let say = Say::new("")
        .push(Lang::new("Bonjour!").xml_lang("fr-FR"))
        .push(
            P::new("")
                .push(
                    S::new("The date is ").push(
                        SayAs::new("20261202")
                            .interpret_as(InterpretAs::Date)
                            .format(SayAsFormat::Yyyymmdd),
                    ),
                )
                .push(
                    S::new("I ")
                        .push(W::new("read").role("amazon:VBD"))
                        .text(" it."),
                ),
        )
        .push(Break::new().time(Duration::from_secs(2)))
        .text("Goodbye.");
    assert_eq!(
        Response::new().push(say).to_string(),
        format!(
            r#"{DECL}<Response><Say><lang xml:lang="fr-FR">Bonjour!</lang><p><s>The date is <say-as interpret-as="date" format="yyyymmdd">20261202</say-as></s><s>I <w role="amazon:VBD">read</w> it.</s></p><break time="2s"/>Goodbye.</Say></Response>"#
        )
    );
}

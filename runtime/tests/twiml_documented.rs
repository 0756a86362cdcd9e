//! Every verb and noun of the TwiML builder against the worked examples of Twilio's TwiML
//! reference (one or more per element; the page each follows is named above its test).
//!
//! Twilio's pages print their examples indented for reading. `documented` reads such an example
//! with an XML parser and writes it the way TwiML is sent and the way Twilio's libraries write
//! it (the XML declaration, then no whitespace between elements, text trimmed of the
//! indentation around it, an element without content as `<Name/>`, attributes in the order they
//! appear, double-quoted); the builder's output must equal that byte for byte. Nothing else is
//! changed: a different name, attribute, attribute order, value, text or nesting fails. The
//! structure and attributes are the documented ones; the spoken or sent text is our own where it
//! is prose.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::time::Duration;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use twilio_runtime::twiml::ssml::{
    Break, BreakStrength, Emphasis, EmphasisLevel, InterpretAs, Lang, P, Phoneme, PhonemeAlphabet,
    Prosody, S, SayAs, SayAsFormat, Sub, W,
};
use twilio_runtime::twiml::*;

const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

/// A documented example as it is sent (see the file's comment).
fn documented(example: &str) -> String {
    fn open(e: &BytesStart<'_>) -> String {
        let mut tag = format!("<{}", e.name().as_ref());
        for a in e.attributes() {
            let a = a.expect("attribute");
            let key = a.key.as_ref().to_owned();
            let value = a.value.to_string();
            tag.push_str(&format!(" {key}=\"{value}\""));
        }
        tag
    }
    let mut reader = Reader::from_str(example);
    let mut out = String::from(DECL);
    let mut open_tag: Option<String> = None;
    let mut text = String::new();
    let flush = |out: &mut String, open_tag: &mut Option<String>, text: &mut String| {
        let trimmed = text.trim().to_owned();
        text.clear();
        if trimmed.is_empty() {
            return;
        }
        if let Some(tag) = open_tag.take() {
            out.push_str(&tag);
            out.push('>');
        }
        out.push_str(&trimmed);
    };
    loop {
        let event = reader.read_event().expect("a well-formed example");
        match &event {
            Event::Text(t) => {
                text.push_str(t.as_ref());
                continue;
            }
            Event::GeneralRef(r) => {
                text.push('&');
                text.push_str(r.as_ref());
                text.push(';');
                continue;
            }
            _ => flush(&mut out, &mut open_tag, &mut text),
        }
        match event {
            Event::Start(e) => {
                if let Some(tag) = open_tag.take() {
                    out.push_str(&tag);
                    out.push('>');
                }
                open_tag = Some(open(&e));
            }
            Event::Empty(e) => {
                if let Some(tag) = open_tag.take() {
                    out.push_str(&tag);
                    out.push('>');
                }
                out.push_str(&open(&e));
                out.push_str("/>");
            }
            Event::End(e) => match open_tag.take() {
                Some(tag) => {
                    out.push_str(&tag);
                    out.push_str("/>");
                }
                None => {
                    out.push_str(&format!("</{}>", e.name().as_ref()));
                }
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn voice(response: Response, example: &str) {
    assert_eq!(response.to_string(), documented(example));
}

fn messaging(response: MessagingResponse, example: &str) {
    assert_eq!(response.to_string(), documented(example));
}

/// The reading of the examples is itself checked: indentation goes, everything else stays.
#[test]
fn documented_examples_are_read_without_losing_anything() {
    assert_eq!(
        documented(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>\n  <Room participantIdentity='alice'>\n    Daily &amp; weekly\n  </Room>\n  <Siprec connectorName=\"c\" />\n  <Dial></Dial>\n</Response>"
        ),
        format!(
            "{DECL}<Response><Room participantIdentity=\"alice\">Daily &amp; weekly</Room><Siprec connectorName=\"c\"/><Dial/></Response>"
        )
    );
}

// twilio.com/docs/messaging/twiml: a reply and a redirect.
#[test]
fn messaging_message_body_and_redirect() {
    messaging(
        MessagingResponse::new()
            .push(Message::new("").body("Thanks, we got it."))
            .redirect("https://demo.twilio.com/welcome/sms/"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Message><Body>Thanks, we got it.</Body></Message>
            <Redirect>https://demo.twilio.com/welcome/sms/</Redirect>
        </Response>"#,
    );
}

// twilio.com/docs/messaging/twiml/message: a message with a picture (MMS).
#[test]
fn messaging_message_with_media() {
    messaging(
        MessagingResponse::new().push(
            Message::new("")
                .body("Our shop: 42 Harbour Road.")
                .media("https://demo.twilio.com/owl.png"),
        ),
        r#"<Response>
            <Message>
                <Body>Our shop: 42 Harbour Road.</Body>
                <Media>https://demo.twilio.com/owl.png</Media>
            </Message>
        </Response>"#,
    );
}

// twilio.com/docs/messaging/twiml/message: the attributes, and text given directly.
#[test]
fn messaging_message_attributes_and_redirect_method() {
    messaging(
        MessagingResponse::new()
            .push(
                Message::new("We will call you back.")
                    .to("+15558675310")
                    .from("+15017122661")
                    .action("/SmsHandler")
                    .method(Method::Post)
                    .status_callback("https://example.com/message-status"),
            )
            .push(Redirect::new("../nextInstructions").method(Method::Post)),
        r#"<Response>
            <Message to="+15558675310" from="+15017122661" action="/SmsHandler" method="POST" statusCallback="https://example.com/message-status">We will call you back.</Message>
            <Redirect method="POST">../nextInstructions</Redirect>
        </Response>"#,
    );
    messaging(MessagingResponse::new(), "<Response/>");
    messaging(
        MessagingResponse::new().message("Hi"),
        "<Response><Message>Hi</Message></Response>",
    );
}

// twilio.com/docs/voice/twiml/pay/prompt: "Prompt for card number" (Say and Play).
#[test]
fn pay_with_prompts() {
    voice(
        Response::new().push(
            Pay::new().push(
                Prompt::new(PromptFor::PaymentCardNumber)
                    .push(Say::new("Please key in your card number.")),
            ),
        ),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Pay>
                <Prompt for="payment-card-number">
                    <Say>Please key in your card number.</Say>
                </Prompt>
            </Pay>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Pay::new().push(Prompt::new(PromptFor::PaymentCardNumber).push(Play::new(
                "https://myurl.com/twilio/twiml/audio/card_number.mp3",
            ))),
        ),
        r#"<Response>
            <Pay>
                <Prompt for="payment-card-number">
                    <Play>https://myurl.com/twilio/twiml/audio/card_number.mp3</Play>
                </Prompt>
            </Pay>
        </Response>"#,
    );
}

// twilio.com/docs/voice/twiml/pay and /pay/prompt (attempts and errors), /pay/generic-pay-connector
// (parameters).
#[test]
fn pay_attributes_prompt_filters_and_parameters() {
    voice(
        Response::new().push(
            Pay::new()
                .payment_connector("My_Generic_Pay_Connector")
                .charge_amount("10.00")
                .currency("usd")
                .valid_card_types([CardType::Visa, CardType::Amex])
                .security_code(true)
                .postal_code("false")
                .timeout(5)
                .max_attempts(3)
                .action("https://example.com/pay")
                .status_callback("https://example.com/pay-status")
                .push(
                    Prompt::new(PromptFor::ExpirationDate)
                        .error_type([PromptErrorType::Timeout, PromptErrorType::InvalidDate])
                        .attempt([2, 3])
                        .push(Say::new("Try the expiry date again.")),
                )
                .parameter("custom_parameter_1", "my_custom_value_1"),
        ),
        r#"<Response>
            <Pay paymentConnector="My_Generic_Pay_Connector" chargeAmount="10.00" currency="usd" validCardTypes="visa amex" securityCode="true" postalCode="false" timeout="5" maxAttempts="3" action="https://example.com/pay" statusCallback="https://example.com/pay-status">
                <Prompt for="expiration-date" errorType="timeout invalid-date" attempt="2 3">
                    <Say>Try the expiry date again.</Say>
                </Prompt>
                <Parameter name="custom_parameter_1" value="my_custom_value_1" />
            </Pay>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Pay::new()
                .payment_method(PaymentMethod::AchDebit)
                .bank_account_type(BankAccountType::ConsumerSavings)
                .token_type(TokenType::Reusable)
                .input(PayInput::Dtmf),
        ),
        r#"<Response><Pay paymentMethod="ach-debit" bankAccountType="consumer-savings" tokenType="reusable" input="dtmf"/></Response>"#,
    );
}

// twilio.com/docs/voice/twiml/refer: the most basic use.
#[test]
fn refer_with_sip() {
    voice(
        Response::new().push(Refer::new("sip:alice@example.com")),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Refer>
                <Sip>sip:alice@example.com</Sip>
            </Refer>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Refer::new("sip:alice@example.com")
                .action("/handleRefer")
                .method(Method::Post),
        ),
        r#"<Response><Refer action="/handleRefer" method="POST"><Sip>sip:alice@example.com</Sip></Refer></Response>"#,
    );
}

// twilio.com/docs/voice/twiml/dial/application: basic <Dial><Application>, and with parameters.
#[test]
fn dial_application() {
    voice(
        Response::new()
            .push(Dial::new().push(Application::sid("AP1234567890abcdef1234567890abcd"))),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Dial>
                <Application>
                    <ApplicationSid>AP1234567890abcdef1234567890abcd</ApplicationSid>
                </Application>
            </Dial>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Dial::new().push(
                Application::sid("AP1234567890abcdef1234567890abcd")
                    .customer_id("CustomerFriendlyName")
                    .copy_parent_to(true)
                    .parameter("TicketNumber", "12345"),
            ),
        ),
        r#"<Response>
            <Dial>
                <Application customerId="CustomerFriendlyName" copyParentTo="true">
                    <ApplicationSid>AP1234567890abcdef1234567890abcd</ApplicationSid>
                    <Parameter name="TicketNumber" value="12345"/>
                </Application>
            </Dial>
        </Response>"#,
    );
}

// twilio.com/docs/voice/twiml/client: simultaneous dialing; custom parameters with <Identity>.
#[test]
fn dial_client_identity_and_parameters() {
    voice(
        Response::new().push(
            Dial::new()
                .caller_id("+1888XXXXXXX")
                .push(Number::new("858-987-6543"))
                .push(Client::new("jenny"))
                .push(Client::new("tommy")),
        ),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Dial callerId="+1888XXXXXXX">
                <Number>858-987-6543</Number>
                <Client>jenny</Client>
                <Client>tommy</Client>
            </Dial>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Dial::new().push(
                Client::identity("user_jane")
                    .parameter("FirstName", "Jane")
                    .parameter("LastName", "Doe"),
            ),
        ),
        r#"<Response>
            <Dial>
                <Client>
                    <Identity>user_jane</Identity>
                    <Parameter name="FirstName" value="Jane"/>
                    <Parameter name="LastName" value="Doe"/>
                </Client>
            </Dial>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Dial::new().push(
                Client::new("joey")
                    .status_callback_event([
                        CallEvent::Initiated,
                        CallEvent::Ringing,
                        CallEvent::Answered,
                        CallEvent::Completed,
                    ])
                    .status_callback("https://myapp.com/calls/events")
                    .status_callback_method(Method::Post),
            ),
        ),
        r#"<Response><Dial><Client statusCallbackEvent="initiated ringing answered completed" statusCallback="https://myapp.com/calls/events" statusCallbackMethod="POST">joey</Client></Dial></Response>"#,
    );
}

// twilio.com/docs/voice/twiml/sim, /sip (region parameter, status events), /number (machine
// detection), WhatsApp as the libraries write it.
#[test]
fn dial_sim_sip_number_whatsapp() {
    voice(
        Response::new().push(Dial::new().push(Sim::new("DE8caa2afb9d5279926619c458dc7098a8"))),
        r#"<Response>
            <Dial>
                <Sim>DE8caa2afb9d5279926619c458dc7098a8</Sim>
            </Dial>
        </Response>"#,
    );
    voice(
        Response::new().push(Dial::new().push(Sip::new("sip:alice@example.com;region=ie1"))),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Dial>
                <Sip>sip:alice@example.com;region=ie1</Sip>
            </Dial>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Dial::new()
                .push(
                    Sip::new("sip:kate@example.com")
                        .status_callback_event([CallEvent::Initiated, CallEvent::Completed])
                        .status_callback("https://myapp.com/calls/events")
                        .machine_detection(MachineDetection::Enable),
                )
                .push(
                    Number::new("+14155551212")
                        .machine_detection(MachineDetection::DetectMessageEnd)
                        .amd_status_callback("https://myapp.com/amd")
                        .machine_detection_timeout(15),
                )
                .push(WhatsApp::new("+15558675310").url("https://myapp.com/whisper")),
        ),
        r#"<Response><Dial><Sip statusCallbackEvent="initiated completed" statusCallback="https://myapp.com/calls/events" machineDetection="Enable">sip:kate@example.com</Sip><Number machineDetection="DetectMessageEnd" amdStatusCallback="https://myapp.com/amd" machineDetectionTimeout="15">+14155551212</Number><WhatsApp url="https://myapp.com/whisper">+15558675310</WhatsApp></Dial></Response>"#,
    );
}

// twilio.com/docs/voice/twiml/conference (recording, events) and /queue (TaskRouter reservation),
// /dial (recording attributes).
#[test]
fn dial_conference_queue_and_recording_attributes() {
    voice(
        Response::new().push(
            Dial::new()
                .record(DialRecord::RecordFromRingingDual)
                .recording_status_callback("https://myapp.com/recording")
                .recording_status_callback_event([
                    RecordingEvent::InProgress,
                    RecordingEvent::Completed,
                ])
                .recording_track(RecordingTrack::Both)
                .trim(Trim::TrimSilence)
                .sequential(true)
                .push(
                    Conference::new("LoveTwilio")
                        .record(ConferenceRecord::RecordFromStart)
                        .status_callback_event([
                            ConferenceEvent::Start,
                            ConferenceEvent::End,
                            ConferenceEvent::Join,
                        ])
                        .status_callback("https://myapp.com/events")
                        .jitter_buffer_size(JitterBufferSize::Small)
                        .participant_label("customer"),
                ),
        ),
        r#"<Response>
            <Dial record="record-from-ringing-dual" recordingStatusCallback="https://myapp.com/recording" recordingStatusCallbackEvent="in-progress completed" recordingTrack="both" trim="trim-silence" sequential="true">
                <Conference record="record-from-start" statusCallbackEvent="start end join" statusCallback="https://myapp.com/events" jitterBufferSize="small" participantLabel="customer">LoveTwilio</Conference>
            </Dial>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Dial::new().push(
                Queue::new("support")
                    .reservation_sid("WR0123456789abcdef0123456789abcdef")
                    .post_work_activity_sid("WA0123456789abcdef0123456789abcdef"),
            ),
        ),
        r#"<Response><Dial><Queue reservationSid="WR0123456789abcdef0123456789abcdef" postWorkActivitySid="WA0123456789abcdef0123456789abcdef">support</Queue></Dial></Response>"#,
    );
}

// twilio.com/docs/taskrouter/twiml-queue-calls: <Enqueue> with a workflow and a <Task>.
#[test]
fn enqueue_task() {
    voice(
        Response::new().push(
            Enqueue::task(Task::new(r#"{"account_number":"12345abcdef"}"#))
                .workflow_sid("WW0123456789abcdef0123456789abcdef"),
        ),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Enqueue workflowSid="WW0123456789abcdef0123456789abcdef">
                <Task>{"account_number":"12345abcdef"}</Task>
            </Enqueue>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Enqueue::task(
                Task::new(r#"{"account_number":"12345abcdef"}"#)
                    .priority(5)
                    .timeout(200),
            )
            .workflow_sid("WW0123456789abcdef0123456789abcdef"),
        ),
        r#"<Response>
            <Enqueue workflowSid="WW0123456789abcdef0123456789abcdef">
                <Task priority="5" timeout="200">{"account_number":"12345abcdef"}</Task>
            </Enqueue>
        </Response>"#,
    );
}

// twilio.com/docs/voice/twiml/siprec: the most basic use, a named session, and stopping it.
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
                        .connector_name("my_addon_connector")
                        .track(Track::BothTracks)
                        .parameter("Agent", "Alice"),
                ),
            )
            .push(Stop::new().push(Siprec::new().name("my_first_siprec_stream"))),
        r#"<Response>
            <Start>
                <Siprec name="my_first_siprec_stream" connectorName="my_addon_connector" track="both_tracks">
                    <Parameter name="Agent" value="Alice"/>
                </Siprec>
            </Start>
            <Stop>
                <Siprec name="my_first_siprec_stream" />
            </Stop>
        </Response>"#,
    );
}

// twilio.com/docs/voice/twiml/transcription: start with a callback URL; the attributes; stop by name.
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

// twilio.com/docs/voice/twiml/stream: a one-way stream, and a bidirectional one with parameters.
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
        Response::new().push(
            Connect::new().push(
                Stream::new("wss://mystream.ngrok.io/audiostream")
                    .parameter("aCustomParameter", "aCustomValue that was set in TwiML"),
            ),
        ),
        r#"<Response>
            <Connect>
                <Stream url="wss://mystream.ngrok.io/audiostream">
                    <Parameter name="aCustomParameter" value="aCustomValue that was set in TwiML" />
                </Stream>
            </Connect>
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

// twilio.com/docs/voice/twiml/connect/room: a room, and with a participant identity.
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

// twilio.com/docs/voice/twiml/connect/virtualagent (Dialogflow CX): <Connect action> with a
// <VirtualAgent>.
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

// twilio.com/docs/voice/twiml/connect/conversationrelay: the basic use; languages; parameters.
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
                    .welcome_greeting("Hello! How can I help?")
                    .language_setting(
                        Language::new("sv-SE")
                            .tts_provider("google")
                            .voice("sv-SE-Standard-C")
                            .transcription_provider("google")
                            .speech_model("telephony"),
                    )
                    .language_setting(
                        Language::new("en-US")
                            .tts_provider("google")
                            .voice("en-US-Journey-O"),
                    )
                    .parameter("foo", "bar"),
            ),
        ),
        r#"<Response>
            <Connect>
                <ConversationRelay url="wss://mywebsocketserver.com/websocket" welcomeGreeting="Hello! How can I help?">
                    <Language code="sv-SE" ttsProvider="google" voice="sv-SE-Standard-C" transcriptionProvider="google" speechModel="telephony" />
                    <Language code="en-US" ttsProvider="google" voice="en-US-Journey-O" />
                    <Parameter name="foo" value="bar" />
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

// Twilio's libraries: <Assistant>, <AiSession> and <Conversation> in a <Connect>.
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

// twilio.com/docs/voice/twiml/say/text-speech (SSML): every SSML element in one <Say>.
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
                .push(
                    Phoneme::new("Words to speak")
                        .alphabet(PhonemeAlphabet::XSampa)
                        .ph("pɪˈkɑːn"),
                )
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
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Say voice="Polly.Joanna">
                Hi
                <break strength="x-weak" time="100ms"/>
                <emphasis level="moderate">Words to emphasize</emphasis>
                <p>Words to speak</p>
                <phoneme alphabet="x-sampa" ph="pɪˈkɑːn">Words to speak</phoneme>
                <prosody pitch="-10%" rate="85%" volume="-6dB">Words to speak</prosody>
                <s>Words to speak</s>
                <say-as interpret-as="spell-out">Words to speak</say-as>
                <sub alias="alias">Words to be substituted</sub>
                <w>Words to speak</w>
            </Say>
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

// twilio.com/docs/voice/twiml/echo, /sms (deprecated), /hangup and /reject with parameters as the
// libraries write them.
#[test]
fn echo_sms_hangup_reject_parameters() {
    voice(
        Response::new().push(Echo::new()),
        "<Response>\n  <Echo/>\n</Response>",
    );
    voice(
        Response::new().say("Our store is on the corner.").push(
            Sms::new("Store: 42 Harbour Road.")
                .from("+14105551234")
                .to("+14105556789"),
        ),
        r#"<Response>
            <Say>Our store is on the corner.</Say>
            <Sms from="+14105551234" to="+14105556789">Store: 42 Harbour Road.</Sms>
        </Response>"#,
    );
    voice(
        Response::new()
            .push(
                Reject::new()
                    .reason(RejectReason::Rejected)
                    .parameter("why", "spam"),
            )
            .push(Hangup::new().parameter("reason", "done")),
        r#"<Response><Reject reason="rejected"><Parameter name="why" value="spam"/></Reject><Hangup><Parameter name="reason" value="done"/></Hangup></Response>"#,
    );
}

// twilio.com/docs/voice/twiml/gather and /record: the attributes added after the first version.
#[test]
fn gather_and_record_attributes() {
    voice(
        Response::new()
            .push(
                Gather::new()
                    .input(GatherInput::Speech)
                    .speech_model("phone_call")
                    .enhanced(true)
                    .barge_in(false)
                    .max_speech_time(30)
                    .profanity_filter(false)
                    .partial_result_callback("/partial")
                    .partial_result_callback_method(Method::Get),
            )
            .push(
                Record::new()
                    .recording_status_callback("/recording")
                    .recording_status_callback_method(Method::Get)
                    .recording_status_callback_event([
                        RecordingEvent::Completed,
                        RecordingEvent::Absent,
                    ]),
            ),
        r#"<Response>
            <Gather input="speech" speechModel="phone_call" enhanced="true" bargeIn="false" maxSpeechTime="30" profanityFilter="false" partialResultCallback="/partial" partialResultCallbackMethod="GET"/>
            <Record recordingStatusCallback="/recording" recordingStatusCallbackMethod="GET" recordingStatusCallbackEvent="completed absent"/>
        </Response>"#,
    );
}

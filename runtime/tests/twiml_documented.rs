//! Every verb and noun of the TwiML builder against the worked examples of Twilio's TwiML reference
//! (the nouns of `<Start>`, `<Stop>` and `<Connect>` and `<Say>`'s SSML:
//! `twiml_documented_media.rs`; the first verbs: `twiml_documented_first.rs`). Above each test,
//! "Documented" names the page whose example it reproduces; "Attributes" names the pages (or
//! Twilio's libraries) whose attribute tables an example of ours uses, for what no page shows in an
//! example.
//!
//! Twilio's pages print their examples indented for reading. `documented` (`twiml_docs/`) reads
//! such an example with an XML parser and writes it the way TwiML is sent and the way Twilio's
//! libraries write it (the XML declaration, then no whitespace between elements, text trimmed of
//! the indentation around it, an element without content as `<Name/>`, attributes in the order they
//! appear, double-quoted); the builder's output must equal that byte for byte. Nothing else is
//! changed: a different name, attribute, attribute order, value, text or nesting fails. The
//! structure and attributes are the documented ones; the spoken or sent text is our own where it is
//! prose. The printed examples were read on the pages, most of them in the `output/*.twiml` files
//! of Twilio's `TwilioDevEd/api-snippets` repository that the pages show.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod twiml_docs;

use twilio_runtime::twiml::*;
use twiml_docs::{DECL, documented, messaging, voice};

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

// Documented: twilio.com/docs/messaging/twiml, "Send Hello World and redirect" (our reply text).
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

// Documented: twilio.com/docs/messaging/twiml/message, a message with media (our text).
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

// Documented: twilio.com/docs/messaging/twiml/message, a message with `action` and `method` (our
// text), and /redirect, a relative URL; then the other attributes in an example of ours.
#[test]
fn messaging_message_attributes_and_redirect() {
    messaging(
        MessagingResponse::new().push(
            Message::new("We will call you back.")
                .action("/SmsHandler.php")
                .method(Method::Post),
        ),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Message action="/SmsHandler.php" method="POST">
                We will call you back.
            </Message>
        </Response>"#,
    );
    messaging(
        MessagingResponse::new().redirect("../nextInstructions"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Redirect>
                ../nextInstructions
            </Redirect>
        </Response>"#,
    );
    messaging(
        MessagingResponse::new()
            .push(
                Message::new("We will call you back.")
                    .to("+15558675310")
                    .from("+15017122661")
                    .status_callback("https://example.com/message-status"),
            )
            .push(Redirect::new("../nextInstructions").method(Method::Get)),
        r#"<Response>
            <Message to="+15558675310" from="+15017122661" statusCallback="https://example.com/message-status">We will call you back.</Message>
            <Redirect method="GET">../nextInstructions</Redirect>
        </Response>"#,
    );
    messaging(MessagingResponse::new(), "<Response/>");
    messaging(
        MessagingResponse::new().message("Hi"),
        "<Response><Message>Hi</Message></Response>",
    );
}

// Documented: twilio.com/docs/voice/twiml/pay/prompt, "Prompt for card number" with <Say> (our
// words) and with an MP3.
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

// Documented: twilio.com/docs/voice/twiml/pay/generic-pay-connector, a charge with a <Parameter>;
// /pay, a tokenization (`chargeAmount="0"`); /pay/prompt, a prompt for one card type (our words).
#[test]
fn pay_documented_examples() {
    voice(
        Response::new().push(
            Pay::new()
                .charge_amount("10.00")
                .payment_connector("My_Generic_Pay_Connector")
                .action("https://your-callback-function-url.com/pay")
                .parameter("card_type", "mastercard"),
        ),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Pay chargeAmount="10.00" paymentConnector="My_Generic_Pay_Connector" action="https://your-callback-function-url.com/pay">
                <Parameter name="card_type" value="mastercard" />
            </Pay>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Pay::new()
                .charge_amount("0")
                .payment_connector("My_Pay_Connector")
                .action("https://your-callback-function-url.com/pay"),
        ),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Pay chargeAmount="0" paymentConnector="My_Pay_Connector" action="https://your-callback-function-url.com/pay" />
        </Response>"#,
    );
    voice(
        Response::new().push(
            Pay::new().push(
                Prompt::new(PromptFor::SecurityCode)
                    .card_type([CardType::Amex])
                    .push(Say::new(
                        "Key in the four digits on the front of your card.",
                    )),
            ),
        ),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Pay>
           <Prompt for="security-code" cardType="amex">
             <Say>
              Key in the four digits on the front of your card.
             </Say>
           </Prompt>
          </Pay>
        </Response>"#,
    );
}

// Attributes: twilio.com/docs/voice/twiml/pay, /pay/prompt and /pay/generic-pay-connector (their
// tables), in examples of ours.
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

// Documented: twilio.com/docs/voice/twiml/refer, the most basic use; then its attributes.
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

// Documented: twilio.com/docs/voice/twiml/dial/application, basic <Dial><Application> and with
// custom parameters; then its attributes in an example of ours.
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
                    .parameter("AccountNumber", "12345")
                    .parameter("TicketNumber", "9876"),
            ),
        ),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Dial>
            <Application>
              <ApplicationSid>AP1234567890abcdef1234567890abcd</ApplicationSid>
              <Parameter name="AccountNumber" value="12345"/>
              <Parameter name="TicketNumber" value="9876"/>
            </Application>
          </Dial>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Dial::new().push(
                Application::sid("AP1234567890abcdef1234567890abcd")
                    .customer_id("CustomerFriendlyName")
                    .copy_parent_to(true),
            ),
        ),
        r#"<Response><Dial><Application customerId="CustomerFriendlyName" copyParentTo="true"><ApplicationSid>AP1234567890abcdef1234567890abcd</ApplicationSid></Application></Dial></Response>"#,
    );
}

// Documented: twilio.com/docs/voice/twiml/client, simultaneous dialing, custom parameters with
// <Identity>, and the status callback attributes.
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
                    <Parameter name="FirstName" value ="Jane"/>
                    <Parameter name="LastName" value ="Doe" />
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
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Dial>
                <Client
                 statusCallbackEvent='initiated ringing answered completed'
                 statusCallback='https://myapp.com/calls/events'
                 statusCallbackMethod='POST'>
                     joey
                </Client>
            </Dial>
        </Response>"#,
    );
}

// Documented: twilio.com/docs/voice/twiml/sim and /sip (sequential dialing, the region parameter);
// attributes: /sip and
// /number (machine detection), and <WhatsApp> as Twilio's libraries declare it, in an example of
// ours.
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
        Response::new().push(
            Dial::new()
                .sequential(true)
                .push(Sip::new("sip:alice@example.com"))
                .push(Sip::new("sip:bob@example.com"))
                .push(Sip::new("sip:charlie@example.com")),
        ),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Dial sequential="true">
            <Sip>sip:alice@example.com</Sip>
            <Sip>sip:bob@example.com</Sip>
            <Sip>sip:charlie@example.com</Sip>
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

// Attributes: twilio.com/docs/voice/twiml/dial, /conference and /queue (their tables), in examples
// of ours.
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
                .events(DialEvent::CallProgressEvent)
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
            <Dial record="record-from-ringing-dual" recordingStatusCallback="https://myapp.com/recording" recordingStatusCallbackEvent="in-progress completed" recordingTrack="both" trim="trim-silence" sequential="true" events="call-progress-event">
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

// Documented: twilio.com/docs/taskrouter/twiml-queue-calls, <Enqueue> with a workflow and a <Task>,
// and the <Task> with a priority and a timeout.
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

// Documented: <Echo/>; twilio.com/docs/voice/twiml/hangup and /reject, a <Parameter> in each; then
// twilio.com/docs/voice/twiml/sms (deprecated) with its attributes, and both parameters with a
// reason, in examples of ours.
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

// Attributes: twilio.com/docs/voice/twiml/gather and /record, those added after the builder's first
// version, in an example of ours.
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

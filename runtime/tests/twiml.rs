//! The TwiML builder writes documents byte for byte, and user text stays inside its element.
//!
//! The documents are shaped after the examples of Twilio's TwiML reference (one per verb),
//! written as Twilio's libraries write them: the XML declaration, then the document without
//! whitespace between elements, empty elements as `<Name/>`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use quick_xml::events::Event;
use twilio_runtime::twiml::*;

const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

fn check(response: Response, body: &str) {
    assert_eq!(response.to_string(), format!("{DECL}{body}"));
    assert_eq!(String::from(&response), format!("{DECL}{body}"));
}

#[test]
fn empty_response() {
    check(Response::new(), "<Response/>");
}

#[test]
fn say_with_voice_language_and_loop() {
    check(
        Response::new().push(
            Say::new("Chapeau!")
                .voice(Voice::Woman)
                .language("fr-FR")
                .loop_count(2),
        ),
        r#"<Response><Say voice="woman" language="fr-FR" loop="2">Chapeau!</Say></Response>"#,
    );
    check(
        Response::new().push(Say::new("Hi").voice(Voice::Named("Polly.Joanna".into()))),
        r#"<Response><Say voice="Polly.Joanna">Hi</Say></Response>"#,
    );
}

#[test]
fn play_pause_and_digits() {
    check(
        Response::new()
            .push(Play::new("https://api.twilio.com/cowbell.mp3").loop_count(10))
            .pause(2)
            .push(Play::digits("wwww3")),
        r#"<Response><Play loop="10">https://api.twilio.com/cowbell.mp3</Play><Pause length="2"/><Play digits="wwww3"/></Response>"#,
    );
}

#[test]
fn gather_with_nested_say_play_pause() {
    check(
        Response::new()
            .push(
                Gather::new()
                    .input(GatherInput::Speech)
                    .action("/completed")
                    .method(Method::Post)
                    .timeout(3)
                    .speech_timeout(SpeechTimeout::Auto)
                    .language("en-US")
                    .hints("sales, support")
                    .push(Say::new("Say sales or support."))
                    .push(Pause::new())
                    .push(Play::new("https://example.com/hold.mp3")),
            )
            .say("We didn't receive any input. Goodbye!"),
        r#"<Response><Gather input="speech" action="/completed" method="POST" timeout="3" speechTimeout="auto" language="en-US" hints="sales, support"><Say>Say sales or support.</Say><Pause/><Play>https://example.com/hold.mp3</Play></Gather><Say>We didn't receive any input. Goodbye!</Say></Response>"#,
    );
    check(
        Response::new().push(
            Gather::new()
                .num_digits(1)
                .finish_on_key("*")
                .action_on_empty_result(true)
                .input(GatherInput::DtmfSpeech),
        ),
        r#"<Response><Gather numDigits="1" finishOnKey="*" actionOnEmptyResult="true" input="dtmf speech"/></Response>"#,
    );
}

#[test]
fn dial_a_number_as_text_with_attributes() {
    check(
        Response::new().push(
            Dial::to("415-123-4567")
                .caller_id("+15551112222")
                .timeout(10)
                .time_limit(600)
                .record(DialRecord::RecordFromAnswerDual)
                .answer_on_bridge(true),
        ),
        r#"<Response><Dial callerId="+15551112222" timeout="10" timeLimit="600" record="record-from-answer-dual" answerOnBridge="true">415-123-4567</Dial></Response>"#,
    );
}

#[test]
fn dial_nouns() {
    check(
        Response::new().push(
            Dial::new()
                .action("/handle-dial")
                .push(
                    Number::new("+14155551212")
                        .send_digits("wwww1928")
                        .status_callback("https://example.com/events")
                        .status_callback_event("initiated ringing answered completed"),
                )
                .push(Client::new("joey"))
                .push(
                    Sip::new("sip:kate@example.com")
                        .username("admin")
                        .password("1234"),
                ),
        ),
        r#"<Response><Dial action="/handle-dial"><Number sendDigits="wwww1928" statusCallback="https://example.com/events" statusCallbackEvent="initiated ringing answered completed">+14155551212</Number><Client>joey</Client><Sip username="admin" password="1234">sip:kate@example.com</Sip></Dial></Response>"#,
    );
}

#[test]
fn dial_conference_and_queue() {
    check(
        Response::new()
            .push(
                Dial::new().push(
                    Conference::new("Room 1234")
                        .muted(true)
                        .beep(Beep::OnEnter)
                        .start_conference_on_enter(false)
                        .end_conference_on_exit(true)
                        .wait_url("https://example.com/wait"),
                ),
            )
            .push(Dial::new().push(Queue::new("support").url("about_to_connect.xml"))),
        r#"<Response><Dial><Conference muted="true" beep="onEnter" startConferenceOnEnter="false" endConferenceOnExit="true" waitUrl="https://example.com/wait">Room 1234</Conference></Dial><Dial><Queue url="about_to_connect.xml">support</Queue></Dial></Response>"#,
    );
}

#[test]
fn record() {
    check(
        Response::new()
            .say("Please leave a message at the beep.")
            .push(
                Record::new()
                    .action("/handle-recording")
                    .method(Method::Get)
                    .max_length(20)
                    .finish_on_key("*")
                    .play_beep(true)
                    .trim(Trim::DoNotTrim)
                    .recording_status_callback("/recording-events"),
            )
            .say("I did not receive a recording"),
        r#"<Response><Say>Please leave a message at the beep.</Say><Record action="/handle-recording" method="GET" maxLength="20" finishOnKey="*" playBeep="true" trim="do-not-trim" recordingStatusCallback="/recording-events"/><Say>I did not receive a recording</Say></Response>"#,
    );
}

#[test]
fn hangup_reject_redirect() {
    check(Response::new().hangup(), "<Response><Hangup/></Response>");
    check(
        Response::new().push(Reject::new().reason(RejectReason::Busy)),
        r#"<Response><Reject reason="busy"/></Response>"#,
    );
    check(
        Response::new().push(Redirect::new("https://example.com/next").method(Method::Post)),
        r#"<Response><Redirect method="POST">https://example.com/next</Redirect></Response>"#,
    );
}

#[test]
fn enqueue_and_leave() {
    check(
        Response::new().push(
            Enqueue::new("support")
                .wait_url("wait-music.xml")
                .action("/after-queue"),
        ),
        r#"<Response><Enqueue waitUrl="wait-music.xml" action="/after-queue">support</Enqueue></Response>"#,
    );
    check(
        Response::new().push(Leave::new()),
        "<Response><Leave/></Response>",
    );
}

#[test]
fn connect_start_stop_streams() {
    check(
        Response::new().push(Connect::stream(
            Stream::new("wss://example.com/audiostream").parameter("FirstName", "Jane"),
        )),
        r#"<Response><Connect><Stream url="wss://example.com/audiostream"><Parameter name="FirstName" value="Jane"/></Stream></Connect></Response>"#,
    );
    check(
        Response::new()
            .push(Start::stream(
                Stream::new("wss://example.com/audiostream")
                    .name("Example Audio Stream")
                    .track(Track::BothTracks),
            ))
            .say("The stream has started.")
            .push(Stop::stream(Stream::named("Example Audio Stream"))),
        r#"<Response><Start><Stream url="wss://example.com/audiostream" name="Example Audio Stream" track="both_tracks"/></Start><Say>The stream has started.</Say><Stop><Stream name="Example Audio Stream"/></Stop></Response>"#,
    );
}

#[test]
fn setting_an_attribute_twice_keeps_the_last_value() {
    check(
        Response::new().push(Say::new("x").voice(Voice::Man).voice(Voice::Alice)),
        r#"<Response><Say voice="alice">x</Say></Response>"#,
    );
}

/// Text from a caller cannot close its element, add an element or an attribute.
#[test]
fn user_text_cannot_break_out() {
    let hostile = "</Say><Hangup/><Say>\"quoted\" & 'single' ]]> <!-- x --> \u{0}\u{1b}end";
    let doc = Response::new()
        .push(Say::new(hostile).language(hostile))
        .push(Dial::to(hostile).caller_id("\"><Hangup/>"))
        .to_string();
    assert_eq!(
        doc,
        format!(
            "{DECL}<Response><Say language=\"&lt;/Say&gt;&lt;Hangup/&gt;&lt;Say&gt;&quot;quoted&quot; &amp; &apos;single&apos; ]]&gt; &lt;!-- x --&gt; end\">&lt;/Say&gt;&lt;Hangup/&gt;&lt;Say&gt;\"quoted\" &amp; 'single' ]]&gt; &lt;!-- x --&gt; end</Say><Dial callerId=\"&quot;&gt;&lt;Hangup/&gt;\">&lt;/Say&gt;&lt;Hangup/&gt;&lt;Say&gt;\"quoted\" &amp; 'single' ]]&gt; &lt;!-- x --&gt; end</Dial></Response>"
        )
    );

    // Read back by an XML parser: the same elements, and the text as given (less the control
    // characters XML cannot carry).
    let mut reader = quick_xml::Reader::from_str(&doc);
    let mut elements = Vec::new();
    let mut texts = Vec::new();
    let mut attrs = Vec::new();
    let mut current = String::new();
    loop {
        let event = reader.read_event().expect("well-formed");
        match &event {
            Event::Text(t) => {
                current.push_str(&t.xml10_content());
                continue;
            }
            Event::GeneralRef(r) => {
                current.push(match r.xml10_content().as_ref() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("unexpected entity {other}"),
                });
                continue;
            }
            _ => {}
        }
        if !current.is_empty() {
            texts.push(std::mem::take(&mut current));
        }
        match event {
            Event::Start(e) | Event::Empty(e) => {
                elements.push(e.name().0.to_owned());
                for a in e.attributes() {
                    let a = a.expect("attribute");
                    attrs.push(
                        a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                            .expect("unescape")
                            .into_owned(),
                    );
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let clean: String = hostile.chars().filter(|c| *c >= ' ').collect();
    assert_eq!(elements, ["Response", "Say", "Dial"]);
    assert_eq!(texts, [clean.clone(), clean.clone()]);
    assert_eq!(attrs, [clean, "\"><Hangup/>".to_owned()]);
}

/// The new elements share the writer: text in a message, in SSML or in a parameter cannot leave
/// its element either.
#[test]
fn user_text_stays_inside_messages_ssml_and_parameters() {
    use twilio_runtime::twiml::ssml::Sub;
    let hostile = "</Body><Redirect>https://evil.example</Redirect>\"&'";
    let reply = MessagingResponse::new()
        .push(Message::new("").body(hostile).to(hostile))
        .to_string();
    assert_eq!(
        reply,
        format!(
            "{DECL}<Response><Message to=\"&lt;/Body&gt;&lt;Redirect&gt;https://evil.example&lt;/Redirect&gt;&quot;&amp;&apos;\"><Body>&lt;/Body&gt;&lt;Redirect&gt;https://evil.example&lt;/Redirect&gt;\"&amp;'</Body></Message></Response>"
        )
    );
    let call = Response::new()
        .push(Say::new(hostile).push(Sub::new(hostile).alias(hostile)))
        .push(Connect::new().push(Stream::new("wss://example.com/s").parameter(hostile, hostile)))
        .to_string();
    assert!(!call.contains("<Redirect>"), "{call}");
    assert_eq!(call.matches("&lt;/Body&gt;").count(), 5, "{call}");
}

/// A `Response` is accepted wherever TwiML text is (`impl Into<String>`).
#[test]
fn response_is_twiml_text() {
    fn takes(twiml: impl Into<String>) -> String {
        twiml.into()
    }
    let r = Response::new().say("Ahoy");
    assert_eq!(
        takes(r),
        format!("{DECL}<Response><Say>Ahoy</Say></Response>")
    );
}

/// Replying to an incoming message, as an application's messaging URL does: the request's
/// signature is checked, its form decoded, and the reply is a `MessagingResponse`.
mod incoming_message {
    use serde::Deserialize;
    use twilio_runtime::twiml::{Message, MessagingResponse};
    use twilio_runtime::webhook::{Params, RequestValidator, SIGNATURE_HEADER, WebhookError};

    use super::DECL;

    const TOKEN: &str = "the account's auth token";
    const URL: &str = "https://sms.example.com/incoming?shop=7";

    /// The parameters of Twilio's request for an incoming message that this application reads.
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct IncomingMessage {
        message_sid: String,
        from: String,
        body: String,
        num_media: u32,
    }

    /// The messaging URL's handler: 403 unless Twilio signed the request.
    fn handle(headers: &http::HeaderMap, body: &[u8]) -> Result<String, u16> {
        let params: Params = RequestValidator::new(TOKEN)
            .verify(&http::Method::POST, URL, headers, body)
            .map_err(|e: WebhookError| {
                assert!(matches!(e, WebhookError::InvalidSignature), "{e:?}");
                403_u16
            })?;
        let (message, _other): (IncomingMessage, _) = params
            .decode(&["MessageSid", "From", "Body", "NumMedia"])
            .map_err(|_| 400_u16)?;
        let reply = if message.num_media > 0 {
            format!("Thanks for the picture, {}.", message.from)
        } else {
            format!("You wrote: {}", message.body)
        };
        Ok(MessagingResponse::new()
            .push(Message::new("").body(reply).status_callback(format!(
                "https://sms.example.com/status?in_reply_to={}",
                message.message_sid
            )))
            .to_string())
    }

    fn form() -> Vec<(&'static str, &'static str)> {
        vec![
            ("AccountSid", "AC3a41ef30e5b8b7d9e4c1f2a6b0d8e7c5"),
            ("ApiVersion", "2010-04-01"),
            ("Body", "Table for 2 at 8 <pm> & a high chair?"),
            ("From", "+15550142367"),
            ("MessageSid", "SM5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b"),
            ("NumMedia", "0"),
            ("NumSegments", "1"),
            ("SmsStatus", "received"),
            ("To", "+15550198812"),
        ]
    }

    fn encode(pairs: &[(&str, &str)]) -> Vec<u8> {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
            .into_bytes()
    }

    fn headers(signature: &str) -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        h.insert(SIGNATURE_HEADER, signature.parse().unwrap());
        h.insert(
            http::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded".parse().unwrap(),
        );
        h
    }

    #[test]
    fn a_signed_incoming_message_is_answered_with_messaging_twiml() {
        let pairs = form();
        let signature = RequestValidator::new(TOKEN).signature(URL, &pairs);
        let answer = handle(&headers(&signature), &encode(&pairs)).unwrap();
        assert_eq!(
            answer,
            format!(
                "{DECL}<Response><Message statusCallback=\"https://sms.example.com/status?in_reply_to=SM5d0c2e4b6a8f1e3d5c7b9a1f2e4d6c8b\"><Body>You wrote: Table for 2 at 8 &lt;pm&gt; &amp; a high chair?</Body></Message></Response>"
            )
        );

        // With a picture: the number arrives as text and is read as one.
        let mut with_media = form();
        with_media[5] = ("NumMedia", "1");
        with_media.push(("MediaUrl0", "https://api.twilio.com/media/ME1"));
        let signature = RequestValidator::new(TOKEN).signature(URL, &with_media);
        let answer = handle(&headers(&signature), &encode(&with_media)).unwrap();
        assert!(
            answer.contains("<Body>Thanks for the picture, +15550142367.</Body>"),
            "{answer}"
        );
    }

    #[test]
    fn a_changed_message_or_another_key_is_refused() {
        let pairs = form();
        let signature = RequestValidator::new(TOKEN).signature(URL, &pairs);
        let mut changed = form();
        changed[2] = ("Body", "Table for 3 at 8 <pm> & a high chair?");
        assert_eq!(handle(&headers(&signature), &encode(&changed)), Err(403));
        let other = RequestValidator::new("another token").signature(URL, &pairs);
        assert_eq!(handle(&headers(&other), &encode(&pairs)), Err(403));
    }
}

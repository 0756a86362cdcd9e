//! The verbs and nouns the TwiML builder had before Messaging TwiML and the verbs of issue 22
//! were added, against worked examples of their pages in Twilio's TwiML reference (the others:
//! `twiml_documented.rs` and `twiml_documented_media.rs`, whose comment says how an example is
//! read and compared).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod twiml_docs;

use twilio_runtime::twiml::*;
use twiml_docs::voice;

// Documented: the verbs the builder had before, by examples of their pages under
// twilio.com/docs/voice/twiml, as the api-snippets `output/*.twiml` files print them (say-2,
// play-1, play-3, pause-1, gather-4, dial-2, dial-3, number-1, conference-1, queue-1, record-2,
// record-3, hangup-1, redirect-1, enqueue-1, leave-1; the spoken text is ours where it is a
// sentence). `<Leave/>` and `<Reject>` have no such file: their pages' one-element documents.
#[test]
fn the_first_verbs_and_nouns() {
    voice(
        Response::new().push(Say::new("Chapeau!").voice(Voice::Alice).language("fr-FR")),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Say voice="alice" language="fr-FR">Chapeau!</Say>
        </Response>"#,
    );
    voice(
        Response::new().push(Play::new("https://api.twilio.com/cowbell.mp3").loop_count(10)),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Play loop="10">https://api.twilio.com/cowbell.mp3</Play>
        </Response>"#,
    );
    voice(
        Response::new().push(Play::digits("wwww3")),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Play digits="wwww3"></Play>
        </Response>"#,
    );
    voice(
        Response::new()
            .say("I will pause 10 seconds starting now!")
            .pause(10)
            .say("I just paused 10 seconds"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Say>I will pause 10 seconds starting now!</Say>
            <Pause length="10"/>
            <Say>I just paused 10 seconds</Say>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Gather::new()
                .input(GatherInput::Speech)
                .action("/completed")
                .push(Say::new("Hello, tell us what your call is about.")),
        ),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <!-- page located at http://example.com/simple_gather.xml -->
        <Response>
            <Gather input="speech" action="/completed">
                   <Say>Hello, tell us what your call is about.</Say>
            </Gather>
        </Response>"#,
    );
    voice(
        Response::new()
            .push(Dial::to("415-123-4567"))
            .say("Goodbye"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Dial>415-123-4567</Dial>
            <Say>Goodbye</Say>
        </Response>"#,
    );
    voice(
        Response::new()
            .push(
                Dial::to("415-123-4567")
                    .action("/handleDialCallStatus.php")
                    .method(Method::Get),
            )
            .say("I am unreachable"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <!-- page located at http://example.com/dial_callstatus.xml -->
        <Response>
            <Dial action="/handleDialCallStatus.php" method="GET">
                415-123-4567
            </Dial>
            <Say>I am unreachable</Say>
        </Response>"#,
    );
    voice(
        Response::new().push(Dial::new().push(Number::new("415-123-4567").send_digits("wwww1928"))),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Dial>
                <Number sendDigits="wwww1928">
                    415-123-4567
                </Number>
            </Dial>
        </Response>"#,
    );
    voice(
        Response::new().push(Dial::new().push(Conference::new("Room 1234"))),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Dial>
            <Conference>Room 1234</Conference>
          </Dial>
        </Response>"#,
    );
    voice(
        Response::new().push(Dial::new().push(Queue::new("support").url("about_to_connect.xml"))),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Dial>
                <Queue url="about_to_connect.xml">support</Queue>
            </Dial>
        </Response>"#,
    );
    voice(
        Response::new().push(Record::new()),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <!-- page located at http://example.com/simple_record.xml -->
        <Response>
            <Record/>
        </Response>"#,
    );
    voice(
        Response::new()
            .say("Leave your message after the tone, then press the star key.")
            .push(
                Record::new()
                    .action("http://foo.edu/handleRecording.php")
                    .method(Method::Get)
                    .max_length(20)
                    .finish_on_key("*"),
            )
            .say("I did not receive a recording"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <!-- page located at http://example.com/voicemail_record.xml -->
        <Response>
            <Say>
                Leave your message after the tone, then press the star key.
            </Say>
            <Record
                action="http://foo.edu/handleRecording.php"
                method="GET"
                maxLength="20"
                finishOnKey="*"
                />
            <Say>I did not receive a recording</Say>
        </Response>"#,
    );
    voice(
        Response::new().hangup(),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>\n    <Hangup/>\n</Response>\n",
    );
    voice(
        Response::new().push(Redirect::new("http://pigeons.com/twiml.xml").method(Method::Post)),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Redirect method="POST">http://pigeons.com/twiml.xml</Redirect>
        </Response>"#,
    );
    voice(
        Response::new().push(Enqueue::new("support").wait_url("wait-music.xml")),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Enqueue waitUrl="wait-music.xml">support</Enqueue>
        </Response>"#,
    );
    voice(
        Response::new()
            .push(Enqueue::new("support").wait_url("wait.xml"))
            .say("The support line is closed; please call again tomorrow."),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Enqueue waitUrl="wait.xml">support</Enqueue>
            <Say>The support line is closed; please call again tomorrow.</Say>
        </Response>"#,
    );
    voice(
        Response::new().push(Leave::new()),
        "<Response><Leave/></Response>",
    );
    voice(
        Response::new().push(Reject::new().reason(RejectReason::Busy)),
        r#"<Response><Reject reason="busy" /></Response>"#,
    );
}

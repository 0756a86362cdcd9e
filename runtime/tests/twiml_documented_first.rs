//! The verbs and nouns the TwiML builder had before Messaging TwiML and the verbs of issue 22
//! were added, against the first worked example of each of their pages in Twilio's TwiML
//! reference (the others: `twiml_documented.rs` and `twiml_documented_media.rs`, whose comment
//! says how an example is read and compared).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod twiml_docs;

use twilio_runtime::twiml::*;
use twiml_docs::voice;

// Documented: the verbs the builder had before, by the first examples of their pages under
// twilio.com/docs/voice/twiml (say, play, pause, gather, dial, number, conference, queue, record,
// hangup, reject, redirect, enqueue, leave).
#[test]
fn the_first_verbs_and_nouns() {
    voice(
        Response::new().push(Say::new("Chapeau!").voice(Voice::Woman).language("fr-FR")),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Say voice="woman" language="fr-FR">Chapeau!</Say>
        </Response>"#,
    );
    voice(
        Response::new().push(Play::new("https://api.twilio.com/cowbell.mp3").loop_count(10)),
        r#"<Response>
            <Play loop="10">https://api.twilio.com/cowbell.mp3</Play>
        </Response>"#,
    );
    voice(
        Response::new()
            .push(Dial::to("415-123-4567"))
            .push(Play::digits("wwww3")),
        r#"<Response>
            <Dial>415-123-4567</Dial>
            <Play digits="wwww3"></Play>
        </Response>"#,
    );
    voice(
        Response::new()
            .say("I will pause 10 seconds starting now!")
            .pause(10)
            .say("I just paused 10 seconds"),
        r#"<Response>
            <Say>I will pause 10 seconds starting now!</Say>
            <Pause length="10"/>
            <Say>I just paused 10 seconds</Say>
        </Response>"#,
    );
    voice(
        Response::new().push(
            Gather::new()
                .input(GatherInput::SpeechDtmf)
                .timeout(3)
                .num_digits(1)
                .push(Say::new("Please press 1 or say sales for sales.")),
        ),
        r#"<Response>
            <Gather input="speech dtmf" timeout="3" numDigits="1">
                <Say>Please press 1 or say sales for sales.</Say>
            </Gather>
        </Response>"#,
    );
    voice(
        Response::new()
            .push(
                Dial::to("415-123-4567")
                    .action("/handleDialCallStatus")
                    .method(Method::Get),
            )
            .say("I am unreachable"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
        <Response>
            <Dial action="/handleDialCallStatus" method="GET">
                415-123-4567
            </Dial>
            <Say>I am unreachable</Say>
        </Response>"#,
    );
    voice(
        Response::new().push(Dial::new().push(Number::new("415-123-4567").send_digits("wwww1928"))),
        r#"<Response>
            <Dial>
                <Number sendDigits="wwww1928">415-123-4567</Number>
            </Dial>
        </Response>"#,
    );
    voice(
        Response::new().push(Dial::new().push(Conference::new("Room 1234"))),
        r#"<Response>
            <Dial>
                <Conference>Room 1234</Conference>
            </Dial>
        </Response>"#,
    );
    voice(
        Response::new().push(Dial::new().push(Queue::new("support").url("about_to_connect.xml"))),
        r#"<Response>
            <Dial>
                <Queue url="about_to_connect.xml">support</Queue>
            </Dial>
        </Response>"#,
    );
    voice(
        Response::new()
            .say("Please leave a message at the beep. Press the star key when finished.")
            .push(
                Record::new()
                    .action("http://foo.edu/handleRecording.php")
                    .method(Method::Get)
                    .max_length(20)
                    .finish_on_key("*"),
            )
            .say("I did not receive a recording"),
        r#"<Response>
            <Say>Please leave a message at the beep. Press the star key when finished.</Say>
            <Record action="http://foo.edu/handleRecording.php" method="GET" maxLength="20" finishOnKey="*" />
            <Say>I did not receive a recording</Say>
        </Response>"#,
    );
    voice(
        Response::new().hangup(),
        "<Response>\n  <Hangup/>\n</Response>",
    );
    voice(
        Response::new().push(Reject::new().reason(RejectReason::Busy)),
        r#"<Response>
            <Reject reason="busy" />
        </Response>"#,
    );
    voice(
        Response::new()
            .push(Dial::to("415-123-4567"))
            .redirect("http://www.foo.com/nextInstructions"),
        r#"<Response>
            <Dial>415-123-4567</Dial>
            <Redirect>http://www.foo.com/nextInstructions</Redirect>
        </Response>"#,
    );
    voice(
        Response::new().push(Enqueue::new("support").wait_url("wait-music.xml")),
        r#"<Response>
            <Enqueue waitUrl="wait-music.xml">support</Enqueue>
        </Response>"#,
    );
    voice(
        Response::new().push(Leave::new()),
        "<Response><Leave /></Response>",
    );
}

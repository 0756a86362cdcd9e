//! Reading Twilio's documented TwiML examples as they are sent (shared by the documented-example
//! tests).

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use twilio_runtime::twiml::{MessagingResponse, Response};

/// The XML declaration every document starts with.
pub const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

/// A documented example as it is sent (see the file's comment).
pub fn documented(example: &str) -> String {
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

/// Asserts that `response` is written as the documented `example`.
pub fn voice(response: Response, example: &str) {
    assert_eq!(response.to_string(), documented(example));
}

/// Asserts that `response` is written as the documented `example`.
#[allow(dead_code, reason = "used by one of the two test files")]
pub fn messaging(response: MessagingResponse, example: &str) {
    assert_eq!(response.to_string(), documented(example));
}

//! Messaging TwiML: the [`MessagingResponse`] an application answers an incoming message (SMS,
//! MMS, WhatsApp) with: [`Message`]s to send back, holding a [`Body`] and [`Media`], and
//! [`Redirect`].

use super::element::{MessageNoun, MessagingVerb, Node, attr, element, placed_in};
use super::values::Method;
use super::voice::Redirect;

/// A Messaging TwiML document: the replies Twilio sends for an incoming message, in order
/// (`<Response>` with [`Message`] and [`Redirect`]).
///
/// ```
/// use twilio_runtime::twiml::{Message, MessagingResponse};
///
/// let reply = MessagingResponse::new()
///     .push(Message::new("").body("Your table is ready.").media("https://example.com/map.png"));
/// assert_eq!(
///     reply.to_string(),
///     r#"<?xml version="1.0" encoding="UTF-8"?><Response><Message><Body>Your table is ready.</Body><Media>https://example.com/map.png</Media></Message></Response>"#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct MessagingResponse {
    verbs: Vec<Node>,
}

impl MessagingResponse {
    /// An empty document (no reply is sent).
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a verb.
    pub fn push(mut self, verb: impl MessagingVerb) -> Self {
        self.verbs.push(verb.into().0);
        self
    }

    /// Appends `<Message>text</Message>`: a reply to the sender.
    pub fn message(self, text: impl Into<String>) -> Self {
        self.push(Message::new(text))
    }

    /// Appends `<Redirect>url</Redirect>`.
    pub fn redirect(self, url: impl Into<String>) -> Self {
        self.push(Redirect::new(url))
    }

    /// The document as XML (the same as `to_string()`).
    pub fn to_xml(&self) -> String {
        super::element::document(&self.verbs)
    }
}

impl std::fmt::Display for MessagingResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_xml())
    }
}

impl From<MessagingResponse> for String {
    fn from(response: MessagingResponse) -> String {
        response.to_xml()
    }
}

impl From<&MessagingResponse> for String {
    fn from(response: &MessagingResponse) -> String {
        response.to_xml()
    }
}

element! {
    /// `<Message>`: a message Twilio sends, to the sender of the incoming message unless `to`
    /// says otherwise. Its text is given as text or in a [`Body`], beside up to ten [`Media`].
    Message
}
placed_in!(Message: MessagingVerb);

impl Message {
    /// A message with the text `text` (empty for none; add a [`Body`] and [`Media`] with
    /// [`body`](Self::body), [`media`](Self::media) or [`push`](Self::push)).
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        if text.is_empty() {
            Self(Node::new("Message"))
        } else {
            Self(Node::with_text("Message", text))
        }
    }
    /// Appends a [`Body`] or [`Media`].
    pub fn push(mut self, noun: impl MessageNoun) -> Self {
        self.0.push(noun.into().0);
        self
    }
    /// Appends `<Body>text</Body>`.
    pub fn body(self, text: impl Into<String>) -> Self {
        self.push(Body::new(text))
    }
    /// Appends `<Media>url</Media>`.
    pub fn media(self, url: impl Into<String>) -> Self {
        self.push(Media::new(url))
    }
    attr!(
        /// `to`: the recipient (the sender of the incoming message when absent).
        to, "to", into String
    );
    attr!(
        /// `from`: the sender (the number the incoming message was sent to when absent).
        from, "from", into String
    );
    attr!(
        /// `action`: the URL Twilio requests with the message's status once it is sent.
        action, "action", into String
    );
    attr!(
        /// `method`: how `action` is requested.
        method, "method", Method
    );
    attr!(
        /// `statusCallback`: a URL receiving the message's status changes.
        status_callback, "statusCallback", into String
    );
}

element! {
    /// `<Body>` in a [`Message`]: its text.
    Body
}
placed_in!(Body: MessageNoun);

impl Body {
    /// The text `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Self(Node::with_text("Body", text))
    }
}

element! {
    /// `<Media>` in a [`Message`]: an image or other file sent with it (MMS), by URL.
    Media
}
placed_in!(Media: MessageNoun);

impl Media {
    /// The file at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        Self(Node::with_text("Media", url))
    }
}

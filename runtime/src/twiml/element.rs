//! The bottom of the TwiML builder: one element ([`Node`]), how it is written as XML, how a
//! typed element becomes a child of another ([`VerbNode`] and the nesting traits), and the
//! macros that declare the typed elements and their attributes.
//!
//! Every other file of the builder imports from here; this file imports none of them.

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;

/// What an element holds, in document order: text and elements may alternate (`<Say>` with
/// SSML children).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Content {
    /// Character data, escaped when written.
    Text(String),
    /// A child element.
    Element(Node),
}

/// One element: its name, attributes in the order set (setting one again replaces its value),
/// and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Node {
    name: &'static str,
    attrs: Vec<(&'static str, String)>,
    content: Vec<Content>,
}

impl Node {
    pub(super) fn new(name: &'static str) -> Self {
        Self {
            name,
            attrs: Vec::new(),
            content: Vec::new(),
        }
    }

    pub(super) fn with_text(name: &'static str, text: impl Into<String>) -> Self {
        let mut node = Self::new(name);
        node.content.push(Content::Text(text.into()));
        node
    }

    /// An element whose only content is one child element.
    pub(super) fn with_child(name: &'static str, child: Node) -> Self {
        let mut node = Self::new(name);
        node.push(child);
        node
    }

    /// An element with one attribute set.
    pub(super) fn with_attr(name: &'static str, key: &'static str, value: impl ToString) -> Self {
        let mut node = Self::new(name);
        node.set(key, value);
        node
    }

    pub(super) fn set(&mut self, key: &'static str, value: impl ToString) {
        let value = value.to_string();
        match self.attrs.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.attrs.push((key, value)),
        }
    }

    pub(super) fn push(&mut self, child: Node) {
        self.content.push(Content::Element(child));
    }

    pub(super) fn push_text(&mut self, text: impl Into<String>) {
        self.content.push(Content::Text(text.into()));
    }

    fn write(&self, w: &mut Writer<Vec<u8>>) {
        let mut start = BytesStart::new(self.name);
        for (k, v) in &self.attrs {
            start.push_attribute(Attribute {
                key: QName(k),
                value: escape(v, true).into(),
            });
        }
        // Writing into a `Vec` cannot fail.
        if self.content.is_empty() {
            let _ = w.write_event(Event::Empty(start));
            return;
        }
        let _ = w.write_event(Event::Start(start));
        for item in &self.content {
            match item {
                Content::Text(text) => {
                    let _ =
                        w.write_event(Event::Text(BytesText::from_escaped(escape(text, false))));
                }
                Content::Element(child) => child.write(w),
            }
        }
        let _ = w.write_event(Event::End(BytesEnd::new(self.name)));
    }
}

/// `<?xml version="1.0" encoding="UTF-8"?><Response>...</Response>`: the XML declaration, then
/// `Response` holding `verbs`, without whitespace between elements.
pub(super) fn document(verbs: &[Node]) -> String {
    let mut w = Writer::new(Vec::new());
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let mut root = Node::new("Response");
    root.content = verbs.iter().cloned().map(Content::Element).collect();
    root.write(&mut w);
    // Everything written was a `&str` or escaped from one.
    String::from_utf8_lossy(&w.into_inner()).into_owned()
}

/// XML-escapes `text`: `&`, `<` and `>` always, and in attribute values `"`, `'` and the
/// whitespace an XML reader would otherwise fold into spaces. Characters XML 1.0 cannot carry
/// at all (most control characters) are left out.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A verb or noun, ready to be placed in its parent (built from the typed elements).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbNode(pub(super) Node);

/// A verb a Voice [`Response`](super::Response) may hold.
pub trait Verb: Into<VerbNode> {}

/// What a [`Gather`](super::Gather) may hold while it listens, and a [`Prompt`](super::Prompt)
/// plays: [`Say`](super::Say), [`Play`](super::Play) and [`Pause`](super::Pause).
pub trait GatherChild: Into<VerbNode> {}

/// What a [`Dial`](super::Dial) may connect to: [`Number`](super::Number),
/// [`Client`](super::Client), [`Sip`](super::Sip), [`Sim`](super::Sim),
/// [`Conference`](super::Conference), [`Queue`](super::Queue),
/// [`Application`](super::Application), [`WhatsApp`](super::WhatsApp).
pub trait DialNoun: Into<VerbNode> {}

/// What a [`Connect`](super::Connect) may hand the call to: [`Stream`](super::Stream),
/// [`Room`](super::Room), [`Conversation`](super::Conversation),
/// [`ConversationRelay`](super::ConversationRelay), [`Assistant`](super::Assistant),
/// [`AiSession`](super::AiSession), [`VirtualAgent`](super::VirtualAgent).
pub trait ConnectNoun: Into<VerbNode> {}

/// What a [`Start`](super::Start) begins and a [`Stop`](super::Stop) ends beside the call:
/// [`Stream`](super::Stream), [`Siprec`](super::Siprec),
/// [`Transcription`](super::Transcription).
pub trait StartNoun: Into<VerbNode> {}

/// What a [`Pay`](super::Pay) may hold: [`Prompt`](super::Prompt) and
/// [`Parameter`](super::Parameter).
pub trait PayChild: Into<VerbNode> {}

/// What a [`Say`](super::Say) may hold besides text: every SSML element of
/// [`ssml`](super::ssml), and what [`lang`](super::ssml::Lang) and
/// [`prosody`](super::ssml::Prosody) hold too.
pub trait SayChild: Into<VerbNode> {}

/// What an SSML [`p`](super::ssml::P) (paragraph) may hold: every SSML element but `<p>`.
pub trait ParagraphChild: Into<VerbNode> {}

/// What an SSML [`s`](super::ssml::S) (sentence) or [`emphasis`](super::ssml::Emphasis) may
/// hold: every SSML element but `<p>` and `<s>`.
pub trait SentenceChild: Into<VerbNode> {}

/// What an SSML [`w`](super::ssml::W) (word) may hold: every SSML element but `<p>`, `<s>`,
/// `<lang>` and `<w>`.
pub trait WordChild: Into<VerbNode> {}

/// A verb a [`MessagingResponse`](super::MessagingResponse) may hold:
/// [`Message`](super::Message) and [`Redirect`](super::Redirect).
pub trait MessagingVerb: Into<VerbNode> {}

/// What a [`Message`](super::Message) may hold: [`Body`](super::Body) and
/// [`Media`](super::Media).
pub trait MessageNoun: Into<VerbNode> {}

/// Declares a typed element: a newtype over [`Node`].
macro_rules! element {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[must_use]
        pub struct $name(pub(super) super::element::Node);
    };
}

/// Declares an attribute setter: `method(value)` sets `wire` to the value's text.
macro_rules! attr {
    ($(#[$doc:meta])* $method:ident, $wire:literal, $ty:ty) => {
        $(#[$doc])*
        pub fn $method(mut self, value: $ty) -> Self {
            self.0.set($wire, value);
            self
        }
    };
    ($(#[$doc:meta])* $method:ident, $wire:literal, into $ty:ty) => {
        $(#[$doc])*
        pub fn $method(mut self, value: impl Into<$ty>) -> Self {
            self.0.set($wire, value.into());
            self
        }
    };
    ($(#[$doc:meta])* $method:ident, $wire:literal, list $ty:ty, $sep:literal) => {
        $(#[$doc])*
        pub fn $method(mut self, values: impl IntoIterator<Item = $ty>) -> Self {
            let words: Vec<String> = values.into_iter().map(|v| v.to_string()).collect();
            self.0.set($wire, words.join($sep));
            self
        }
    };
}

/// Fixed sets of attribute values, written as TwiML spells them.
macro_rules! value_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $wire:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// The value as written in TwiML.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// Makes an element placeable: `From<T> for VerbNode`, and the nesting traits it satisfies.
macro_rules! placed_in {
    ($ty:ident: $($trait:ident),*) => {
        impl From<$ty> for super::element::VerbNode {
            fn from(value: $ty) -> super::element::VerbNode {
                super::element::VerbNode(value.0)
            }
        }
        $(impl super::element::$trait for $ty {})*
    };
}

pub(super) use {attr, element, placed_in, value_enum};

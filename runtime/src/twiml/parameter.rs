//! The name-value nouns several verbs and nouns hold: [`Parameter`] (custom parameters passed
//! on to a webhook, a WebSocket server or a payment connector) and [`Config`] (settings of a
//! connector).

use super::element::{Node, element, placed_in};

element! {
    /// `<Parameter name="..." value="..."/>`: a custom parameter, in a [`Pay`](super::Pay),
    /// [`Stream`](super::Stream), [`Siprec`](super::Siprec),
    /// [`Transcription`](super::Transcription), [`Client`](super::Client),
    /// [`Application`](super::Application), [`Hangup`](super::Hangup),
    /// [`Reject`](super::Reject), [`VirtualAgent`](super::VirtualAgent),
    /// [`ConversationRelay`](super::ConversationRelay) or [`Assistant`](super::Assistant)
    /// (each has a `parameter(name, value)` method appending one).
    Parameter
}
placed_in!(Parameter: PayChild);

impl Parameter {
    /// The parameter `name` with `value`.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        let mut node = Node::with_attr("Parameter", "name", name.into());
        node.set("value", value.into());
        Self(node)
    }
}

element! {
    /// `<Config name="..." value="..."/>`: a setting of a [`VirtualAgent`](super::VirtualAgent)
    /// or [`Transcription`](super::Transcription) connector (each has a `config(name, value)`
    /// method appending one).
    Config
}

impl Config {
    /// The setting `name` with `value`.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        let mut node = Node::with_attr("Config", "name", name.into());
        node.set("value", value.into());
        Self(node)
    }
}

/// Declares `config(name, value)`, appending a `<Config>` child.
macro_rules! config_child {
    () => {
        /// Appends `<Config name="..." value="..."/>`: a setting of the connector.
        pub fn config(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.0.push(super::parameter::Config::new(name, value).0);
            self
        }
    };
}

/// Declares `parameter(name, value)`, appending a `<Parameter>` child.
macro_rules! parameter_child {
    () => {
        /// Appends `<Parameter name="..." value="..."/>`: a custom parameter passed on.
        pub fn parameter(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.0.push(super::parameter::Parameter::new(name, value).0);
            self
        }
    };
}

pub(super) use {config_child, parameter_child};

//! XML bodies (cargo feature `xml`): decoding responses with quick-xml, encoding request bodies,
//! and the serde adapters generated models use where a type is read from XML.
//!
//! Generated models are the same structs for JSON and XML; the XML shape comes from the spec's
//! `xml` objects: a field read from an attribute is renamed `@name` (quick-xml's convention), an
//! element keeps its name, and the name of the root element is checked by [`decode_xml`].
//!
//! ```
//! #[derive(serde::Deserialize)]
//! struct Envelope {
//!     #[serde(rename = "Calls")]
//!     calls: Calls,
//! }
//! #[derive(serde::Deserialize)]
//! struct Calls {
//!     #[serde(rename = "@total")]
//!     total: u32,
//!     #[serde(rename = "Call", default)]
//!     items: Vec<Call>,
//! }
//! #[derive(serde::Deserialize)]
//! struct Call {
//!     #[serde(rename = "Sid")]
//!     sid: String,
//!     #[serde(rename = "Duration", default, deserialize_with = "twilio_runtime::xml::empty_as_none")]
//!     duration: Option<u32>,
//! }
//!
//! let body = br#"<TwilioResponse><Calls total="2">
//!     <Call><Sid>CA1</Sid><Duration>14</Duration></Call>
//!     <Call><Sid>CA2</Sid><Duration/></Call>
//! </Calls></TwilioResponse>"#;
//! let page: Envelope = twilio_runtime::xml::decode_xml("ListCalls", Some("TwilioResponse"), body).unwrap();
//! assert_eq!(page.calls.total, 2);
//! assert_eq!(page.calls.items[0].duration, Some(14));
//! assert_eq!(page.calls.items[1].duration, None);
//! ```

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use ::serde::de::{self, Deserialize, DeserializeOwned, Deserializer, IgnoredAny, Visitor};
use quick_xml::events::Event;

use crate::error::Error;

/// Decodes an XML document as [`Client::send_xml`](crate::Client::send_xml) decodes response
/// bodies.
///
/// `root`, when given, is the name the root element must have (the `xml.name` of the response
/// schema, e.g. `TwilioResponse`); another root element is an error rather than a silently
/// empty value. Elements and attributes that `T` does not know are ignored; so is text between
/// elements of a struct.
///
/// # Errors
/// [`Error::Decode`] when `body` is not well-formed XML (a truncated document included), its root
/// element is not `root`, or it does not match `T`; the path names the failing element or
/// attribute (e.g. `Calls.Call[1].Status`).
pub fn decode_xml<T: DeserializeOwned>(
    operation: &'static str,
    root: Option<&str>,
    body: &[u8],
) -> Result<T, Error> {
    let decode_error = |path: String, message: String| Error::Decode {
        operation,
        path: crate::error::escape_controls(&path).into_owned(),
        message: crate::error::escape_controls(&message).into_owned(),
    };
    let text = std::str::from_utf8(body)
        .map_err(|error| decode_error(".".into(), format!("the body is not UTF-8: {error}")))?;
    if let Some(expected) = root {
        match root_element(text) {
            Ok(Some(found)) if found == expected => {}
            Ok(Some(found)) => {
                return Err(decode_error(
                    ".".into(),
                    format!("expected the root element `<{expected}>`, found `<{found}>`"),
                ));
            }
            Ok(None) => {
                return Err(decode_error(
                    ".".into(),
                    format!("expected the root element `<{expected}>`, found no element"),
                ));
            }
            Err(error) => return Err(decode_error(".".into(), error)),
        }
    }
    // Like JSON: decode without tracking the path, and again with it only to explain a failure.
    if let Ok(value) = quick_xml::de::from_str(text) {
        return Ok(value);
    }
    let mut deserializer = quick_xml::de::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        decode_error(path, error.into_inner().to_string())
    })
}

/// The local name of the first element of `text`.
fn root_element(text: &str) -> Result<Option<String>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(element) | Event::Empty(element)) => {
                let name = element.local_name();
                return Ok(Some(name.into_inner().to_owned()));
            }
            Ok(Event::Eof) => return Ok(None),
            Ok(_) => {}
            Err(error) => return Err(format!("not well-formed XML: {error}")),
        }
    }
}

/// Writes `value` as an XML document whose root element is `root` (for XML request bodies).
///
/// # Errors
/// [`Error::InvalidInput`] when quick-xml cannot write the value (e.g. a map with keys that are
/// not element names).
pub fn encode_xml<T: ::serde::Serialize>(
    operation: &'static str,
    root: &str,
    value: &T,
) -> Result<String, Error> {
    quick_xml::se::to_string_with_root(root, value)
        .map_err(|error| Error::invalid_input(operation, "body", error.to_string()))
}

/// `Option<T>` of a scalar read from XML (and, when the model is shared, from JSON): a missing
/// element, an empty element (`<EndTime/>`, `<Price></Price>`), an empty attribute and `null`
/// are `None`; other text is read as `T` (`<Duration>14</Duration>` as a number).
///
/// quick-xml alone reads `<Price/>` as `Some("")` for a string and fails for a number.
///
/// # Errors
/// When the text is not a valid `T`, or the element has child elements.
pub fn empty_as_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_option(NoValue::<T> {
        false_is_none: false,
        marker: PhantomData,
    })
}

/// [`empty_as_none`], where `false` also stands for "no value" (a JSON `false` in place of a
/// string or a date, as in the 2010-06-01 API of Twilio-based applications).
///
/// # Errors
/// When the value is not a valid `T`, or the element has child elements.
pub fn empty_or_false_as_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_option(NoValue::<T> {
        false_is_none: true,
        marker: PhantomData,
    })
}

/// Reads a value that may be "no value".
struct NoValue<T> {
    false_is_none: bool,
    marker: PhantomData<T>,
}

impl<T> NoValue<T> {
    fn text<'de, E: de::Error>(self, text: Cow<'de, str>) -> Result<Option<T>, E>
    where
        T: Deserialize<'de>,
    {
        if text.trim().is_empty() {
            return Ok(None);
        }
        T::deserialize(quick_xml::de::SimpleTypeDeserializer::from_text(text))
            .map(Some)
            .map_err(E::custom)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for NoValue<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value, an empty element or null")?;
        if self.false_is_none {
            f.write_str(" or false")?;
        }
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        if !value && self.false_is_none {
            return Ok(None);
        }
        T::deserialize(de::value::BoolDeserializer::<E>::new(value)).map(Some)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        T::deserialize(de::value::I64Deserializer::<E>::new(value)).map(Some)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        T::deserialize(de::value::U64Deserializer::<E>::new(value)).map(Some)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        T::deserialize(de::value::F64Deserializer::<E>::new(value)).map(Some)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        self.text(Cow::Owned(value.to_owned()))
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        self.text(Cow::Borrowed(value))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        self.text(Cow::Owned(value))
    }

    /// An element, as quick-xml hands it over: its text under `$text`, its attributes under
    /// `@name` (ignored); a child element is an error.
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut text: Option<String> = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "$text" || key == "$value" {
                text = Some(map.next_value::<String>()?);
            } else if key.starts_with('@') {
                map.next_value::<IgnoredAny>()?;
            } else {
                return Err(de::Error::custom(format_args!(
                    "expected a value, found the element `<{key}>`"
                )));
            }
        }
        self.text(Cow::Owned(text.unwrap_or_default()))
    }
}

/// A wrapped list (`xml: {wrapped: true}`): one element holding one element per item,
/// `<Calls><Call>..</Call><Call>..</Call></Calls>`, whatever the items' element name. A missing
/// or empty wrapper is an empty list.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Doc {
///     #[serde(rename = "Numbers", default, deserialize_with = "twilio_runtime::xml::wrapped")]
///     numbers: Vec<u32>,
/// }
/// let doc: Doc = twilio_runtime::xml::decode_xml("Op", None, b"<Doc><Numbers><N>1</N><N>2</N></Numbers></Doc>").unwrap();
/// assert_eq!(doc.numbers, [1, 2]);
/// ```
///
/// # Errors
/// When an item is not a valid `T`.
pub fn wrapped<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    #[derive(::serde::Deserialize)]
    #[serde(bound = "T: Deserialize<'de>")]
    struct Wrapper<T> {
        #[serde(rename = "$value", default = "Vec::new")]
        items: Vec<T>,
    }
    Ok(Option::<Wrapper<T>>::deserialize(deserializer)?
        .map(|wrapper| wrapper.items)
        .unwrap_or_default())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, ::serde::Deserialize)]
    struct Call {
        #[serde(rename = "Sid")]
        sid: String,
        #[serde(rename = "Price", default, deserialize_with = "empty_as_none")]
        price: Option<f64>,
        #[serde(rename = "Segment", default, deserialize_with = "empty_as_none")]
        segment: Option<String>,
        #[serde(rename = "@kind", default, deserialize_with = "empty_as_none")]
        kind: Option<u8>,
    }

    #[test]
    fn empty_elements_are_none() {
        let call: Call = decode_xml(
            "Op",
            Some("Call"),
            b"<Call kind=''><Sid>CA1</Sid><Price/><Segment></Segment></Call>",
        )
        .unwrap();
        assert_eq!(
            call,
            Call {
                sid: "CA1".into(),
                price: None,
                segment: None,
                kind: None
            }
        );
        let call: Call = decode_xml(
            "Op",
            None,
            b"<?xml version=\"1.0\"?>\n<Call kind='4'><Sid>CA1</Sid><Price> 0.02 </Price><Segment>SG1</Segment><Other>x</Other></Call>",
        )
        .unwrap();
        assert_eq!(call.price, Some(0.02));
        assert_eq!(call.segment.as_deref(), Some("SG1"));
        assert_eq!(call.kind, Some(4));
    }

    #[test]
    fn bad_documents_are_decode_errors() {
        let error = decode_xml::<Call>("Op", None, b"<Call><Sid>CA1</Sid><Price>").unwrap_err();
        assert!(matches!(error, Error::Decode { .. }), "{error:?}");
        let error = decode_xml::<Call>(
            "Op",
            None,
            b"<Call><Sid>CA1</Sid><Price>cheap</Price></Call>",
        )
        .unwrap_err();
        let Error::Decode { path, .. } = &error else {
            panic!("{error:?}")
        };
        assert_eq!(path, "Price");
        let error =
            decode_xml::<Call>("Op", Some("TwilioResponse"), b"<RestException/>").unwrap_err();
        assert!(error.to_string().contains("`<TwilioResponse>`"), "{error}");
        let error = decode_xml::<Call>("Op", Some("Call"), b"").unwrap_err();
        assert!(error.to_string().contains("no element"), "{error}");
        let error = decode_xml::<Call>("Op", None, &[0xff, 0xfe]).unwrap_err();
        assert!(error.to_string().contains("UTF-8"), "{error}");
    }

    #[test]
    fn false_is_none_in_json_too() {
        #[derive(Debug, ::serde::Deserialize)]
        struct Reply {
            #[serde(default, deserialize_with = "empty_or_false_as_none")]
            sid: Option<String>,
            #[serde(default, deserialize_with = "empty_or_false_as_none")]
            count: Option<u32>,
        }
        let r: Reply = serde_json::from_str(r#"{"sid": false, "count": 3}"#).unwrap();
        assert_eq!((r.sid, r.count), (None, Some(3)));
        let r: Reply = serde_json::from_str(r#"{"sid": "SM1", "count": null}"#).unwrap();
        assert_eq!((r.sid.as_deref(), r.count), (Some("SM1"), None));
        let r: Reply = decode_xml("Op", None, b"<R><sid/><count>2</count></R>").unwrap();
        assert_eq!((r.sid, r.count), (None, Some(2)));
        assert!(serde_json::from_str::<Reply>(r#"{"sid": true}"#).is_err());
    }

    #[test]
    fn wrapped_lists() {
        #[derive(Debug, ::serde::Deserialize)]
        struct Doc {
            #[serde(rename = "Calls", default, deserialize_with = "wrapped")]
            calls: Vec<Call>,
        }
        let doc: Doc = decode_xml(
            "Op",
            None,
            b"<Doc><Calls><Call><Sid>CA1</Sid></Call><Call><Sid>CA2</Sid></Call></Calls></Doc>",
        )
        .unwrap();
        assert_eq!(doc.calls.len(), 2);
        assert_eq!(doc.calls[1].sid, "CA2");
        let doc: Doc = decode_xml("Op", None, b"<Doc><Calls/></Doc>").unwrap();
        assert!(doc.calls.is_empty());
        let doc: Doc = decode_xml("Op", None, b"<Doc/>").unwrap();
        assert!(doc.calls.is_empty());
    }

    #[test]
    fn encodes_with_a_root() {
        #[derive(::serde::Serialize)]
        struct Body {
            #[serde(rename = "To")]
            to: String,
        }
        let text = encode_xml("Op", "Call", &Body { to: "+1555".into() }).unwrap();
        assert_eq!(text, "<Call><To>+1555</To></Call>");
    }
}

//! `wire_enum!` and `deserialize_fields!` against the impls the generated crates wrote by hand
//! before them (kept here as written then): an enum or a model declared both ways must parse,
//! print, write and read every input alike (the same value, or the same error).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::borrow::Cow;

use ::serde::de::MapAccess;
use twilio_runtime::Param;
use twilio_runtime::serde::model::{self, Model, Read as _};

/// An enum of string values as the generator declares one: its variants, `as_str` and
/// `From<&str>`.
macro_rules! declare {
    ($name:ident) => {
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            InProgress,
            Completed,
            Unknown(String),
        }

        impl $name {
            pub fn as_str(&self) -> &str {
                match self {
                    Self::InProgress => "in-progress",
                    Self::Completed => "completed",
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    "in-progress" => Self::InProgress,
                    "completed" => Self::Completed,
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }
    };
}

declare!(ByMacro);
twilio_runtime::wire_enum!(ByMacro);

declare!(ByHand);

impl ::std::str::FromStr for ByHand {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(Self::from(value))
    }
}

impl ::std::fmt::Display for ByHand {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::serde::Serialize for ByHand {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for ByHand {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value =
            <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
        Ok(Self::from(value.as_ref()))
    }
}

impl Param for ByHand {
    fn to_param(&self) -> ::std::borrow::Cow<'_, str> {
        ::std::borrow::Cow::Borrowed(self.as_str())
    }
}

const WIRE: &[&str] = &[
    "in-progress",
    "completed",
    "ringing",
    "",
    "Completed",
    "in progress",
];

/// The same text, parsed by `FromStr`, printed by `Display` and `Param`, written by serde.
#[test]
fn an_enum_parses_prints_and_writes_as_the_hand_written_impls_did() {
    for wire in WIRE {
        let by_macro: ByMacro = wire.parse().unwrap();
        let by_hand: ByHand = wire.parse().unwrap();
        assert_eq!(by_macro.as_str(), by_hand.as_str(), "{wire}");
        assert_eq!(by_macro.as_str(), *wire);
        assert_eq!(by_macro.to_string(), by_hand.to_string(), "{wire}");
        assert_eq!(by_macro.to_param(), by_hand.to_param(), "{wire}");
        assert!(matches!(by_macro.to_param(), Cow::Borrowed(_)));
        assert_eq!(
            serde_json::to_string(&by_macro).unwrap(),
            serde_json::to_string(&by_hand).unwrap(),
            "{wire}"
        );
    }
    assert_eq!(
        "ringing".parse::<ByMacro>(),
        Ok(ByMacro::Unknown("ringing".to_owned()))
    );
}

/// Every JSON value reads the same way: a string as its variant (an unknown one kept), escapes
/// undone; anything else the same error.
#[test]
fn an_enum_reads_every_json_value_as_the_hand_written_impl_did() {
    let inputs = [
        r#""in-progress""#,
        r#""completed""#,
        r#""queued""#,
        r#""in\u002dprogress""#,
        r#""""#,
        "null",
        "1",
        "true",
        r#"["completed"]"#,
        r#"{"status": "completed"}"#,
        r#""unterminated"#,
    ];
    for input in inputs {
        let by_macro = serde_json::from_str::<ByMacro>(input).map_err(|e| e.to_string());
        let by_hand = serde_json::from_str::<ByHand>(input).map_err(|e| e.to_string());
        match (&by_macro, &by_hand) {
            (Ok(a), Ok(b)) => assert_eq!(a.as_str(), b.as_str(), "{input}"),
            (Err(a), Err(b)) => assert_eq!(a, b, "{input}"),
            _ => panic!("{input}: {by_macro:?} against {by_hand:?}"),
        }
    }
    let read: ByMacro = serde_json::from_str(r#""in\u002dprogress""#).unwrap();
    assert_eq!(read, ByMacro::InProgress);
    // A string borrowed from the input and one that is not read alike.
    let read: ByMacro = serde_json::from_reader(r#""completed""#.as_bytes()).unwrap();
    assert_eq!(read, ByMacro::Completed);
}

/// A model as the generator declares one, its `Deserialize` by `deserialize_fields!` or by hand.
macro_rules! model {
    ($name:ident) => {
        #[derive(Debug, Default, PartialEq)]
        struct $name {
            sid: Option<String>,
            price: Option<f64>,
        }

        impl Model for $name {
            const NAME: &'static str = stringify!($name);
            const FIELDS: &'static [&'static str] = &["sid", "price"];
            fn read_field<'de, A: MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> Result<bool, A::Error> {
                match key {
                    "sid" => self.sid = map.next_value()?,
                    "price" => self.price = model::NumberOpt::next_value(map)?,
                    _ => return Ok(false),
                }
                Ok(true)
            }
        }
    };
}

model!(Model1);
twilio_runtime::deserialize_fields!(Model1);

model!(Model2);

impl<'de> ::serde::Deserialize<'de> for Model2 {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ::twilio_runtime::serde::model::deserialize(deserializer)
    }
}

#[test]
fn a_model_reads_as_the_hand_written_deserialize_did() {
    let inputs = [
        r#"{"sid": "CA1", "price": "-0.0085", "other": [1]}"#,
        r#"{}"#,
        r#"{"price": "free"}"#,
        r#"{"sid": 1}"#,
        r#"[]"#,
        "null",
    ];
    for input in inputs {
        let a = serde_json::from_str::<Model1>(input)
            .map(|m| (m.sid, m.price))
            .map_err(|e| e.to_string().replace("Model1", "Model"));
        let b = serde_json::from_str::<Model2>(input)
            .map(|m| (m.sid, m.price))
            .map_err(|e| e.to_string().replace("Model2", "Model"));
        assert_eq!(a, b, "{input}");
    }
    let read: Model1 = serde_json::from_str(r#"{"sid": "CA1", "price": "-0.0085"}"#).unwrap();
    assert_eq!(
        read,
        Model1 {
            sid: Some("CA1".to_owned()),
            price: Some(-0.0085)
        }
    );
}

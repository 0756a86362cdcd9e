//! JSON request bodies and composed schemas, through generated crates that are built and run.
//!
//! - Content's `CreateContent` (Twilio's `twilio_content_v1.yaml`: a JSON body with nested objects
//!   and a map) is generated into a crate and called against wiremock; the request must be
//!   exactly `POST /v1/Content`, `Content-Type: application/json`, and a JSON body equal to the
//!   one Twilio's documented example of the created content describes (its `friendly_name`,
//!   `language`, `variables` and `types`), and the documented response must decode.
//! - `tests/fixtures/composed.yaml` (`allOf`, `oneOf` with and without a discriminator, with and
//!   without a mapping, `anyOf`) is generated and sample JSON for every variant, an unknown one
//!   included, is decoded, checked to be the expected variant, re-encoded and compared.
//!
//! Each crate is built and run offline with the workspace's `Cargo.lock` in
//! `target/generated-check/` (warm after the first run).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use twilio_codegen::Selection;

/// Writes a binary crate `runner` in `dir` depending on the generated crate `member` (folder
/// beside it) and runs it; panics with its output unless it exits successfully.
fn run(dir: &Path, krate: &str, main: &str) {
    let runner = dir.join("runner");
    std::fs::create_dir_all(runner.join("src")).unwrap();
    std::fs::write(
        runner.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{krate}-runner\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\n{krate} = {{ path = \"../crate\" }}\nserde = \"1\"\nserde_json = \"1\"\n\
             tokio = {{ version = \"1\", features = [\"rt-multi-thread\", \"macros\"] }}\nwiremock = \"0.6\"\n\
             twilio-runtime = {{ path = {:?} }}\n\n[workspace]\n\n[profile.dev]\ndebug = false\n",
            common::root().join("runtime").display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(runner.join("src/main.rs"), main).unwrap();
    let stdout = common::cargo_run(&runner);
    assert!(stdout.contains("ALL OK"), "{stdout}");
}

/// A raw string literal holding `text`.
fn literal(text: &str) -> String {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
}

#[test]
fn create_content_sends_the_documented_json_body() {
    let Some(text) = common::shared_text(
        "create_content_sends_the_documented_json_body",
        "twilio-oai/twilio_content_v1.yaml",
    ) else {
        return;
    };
    let doc: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    let op = &doc["paths"]["/v1/Content"]["post"];
    assert_eq!(op["operationId"], "CreateContent");
    let response =
        &op["responses"]["201"]["content"]["application/json"]["examples"]["create"]["value"];
    assert!(response.is_object(), "the documented example is gone");
    // The request that created the documented content: its writable properties, as documented.
    let mut expected = serde_json::Map::new();
    for key in ["friendly_name", "language", "variables", "types"] {
        expected.insert(key.to_owned(), response[key].clone());
    }
    let expected = serde_json::Value::Object(expected);
    // What the program below sets, read from the example rather than typed twice.
    let types = &response["types"];
    assert_eq!(
        types.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["twilio/location", "twilio/text"]
    );

    let dir = common::root().join("target/json-bodies/content");
    common::write_crate(
        &text,
        Path::new("../shared/twilio-oai/twilio_content_v1.yaml"),
        &dir.join("crate"),
        "json-content",
        Selection::default(),
    );
    let main = format!(
        r#####"
use std::collections::BTreeMap;
use json_content::content::{{CreateContentParams, TwilioLocation, TwilioText, Types}};
use wiremock::matchers::{{method, path}};
use wiremock::{{Mock, MockServer, ResponseTemplate}};

#[tokio::main]
async fn main() {{
    let expected: serde_json::Value = serde_json::from_str({expected}).unwrap();
    let response: serde_json::Value = serde_json::from_str({response}).unwrap();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/Content"))
        .respond_with(ResponseTemplate::new(201).set_body_json(&response))
        .expect(1)
        .mount(&server)
        .await;
    let client = json_content::Client::from(
        json_content::Client::builder()
            .account_sid("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
            .auth_token("token")
            .base_url(server.uri())
            .build()
            .unwrap(),
    );

    // As a user writes it: the example's values, through the generated types.
    let location_example = &expected["types"]["twilio/location"];
    let mut location = TwilioLocation::new(
        location_example["latitude"].as_f64().unwrap(),
        location_example["longitude"].as_f64().unwrap(),
    );
    location.label = Some(location_example["label"].as_str().unwrap().to_owned());
    let mut types = Types::new();
    types.twilio_location = Some(location);
    types.twilio_text = Some(TwilioText::new(expected["types"]["twilio/text"]["body"].as_str().unwrap()));
    let variables: BTreeMap<String, String> = expected["variables"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
        .collect();
    let params = CreateContentParams::new(expected["language"].as_str().unwrap(), types)
        .friendly_name(expected["friendly_name"].as_str().unwrap())
        .variables(variables);
    let created = client.create_content(params).await.unwrap();
    assert_eq!(created.sid.as_ref().map(|s| s.as_str()), response["sid"].as_str());

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/v1/Content");
    assert_eq!(request.url.query(), None);
    assert_eq!(
        request.headers.get("content-type").unwrap().to_str().unwrap(),
        "application/json"
    );
    assert!(request.headers.get("authorization").unwrap().to_str().unwrap().starts_with("Basic "));
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body, expected, "the body sent");

    // An optional value left unset is left out of the object, never sent as `null`.
    let bare = json_content::content::CreateContentParams::new("en", Types::new());
    let request = client.create_content(bare).into_request().unwrap();
    assert_eq!(request.raw_body(), Some(("application/json", r#"{{"language":"en","types":{{}}}}"#)));
    println!("ALL OK");
}}
"#####,
        expected = literal(&expected.to_string()),
        response = literal(&response.to_string()),
    );
    run(&dir, "json-content", &main);
}

#[test]
fn composed_fixture_round_trips_every_variant() {
    let label = Path::new("tests/fixtures/composed.yaml");
    let text = std::fs::read_to_string(common::root().join(label)).unwrap();
    let dir = common::root().join("target/json-bodies/composed");
    common::write_crate(
        &text,
        label,
        &dir.join("crate"),
        "fixture-composed",
        Selection::default(),
    );
    let main = r#####"
use fixture_composed::gadgets::{Finish, Gadget, Label, Power, Socket};

/// Decodes `json` as a `T`, checks the variant, re-encodes and compares with the input.
fn round_trip<T>(json: &str, is: fn(&T) -> bool, what: &str)
where
    T: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug,
{
    let input: serde_json::Value = serde_json::from_str(json).unwrap();
    let value: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(is(&value), "{what}: decoded as {value:?}");
    let again = serde_json::to_value(&value).unwrap();
    assert_eq!(again, input, "{what}: re-encoded");
    println!("ok {what}");
}

fn main() {
    // oneOf, untagged: tried in order.
    round_trip::<Finish>("7", |v| matches!(v, Finish::Code(7)), "finish code");
    round_trip::<Finish>(r#"["primer","clear"]"#, |v| matches!(v, Finish::StringList(l) if l.len() == 2), "finish layers");
    round_trip::<Finish>(r#"{"pigment":"red","gloss":true}"#, |v| matches!(v, Finish::Paint(p) if p.pigment == "red"), "finish paint");
    round_trip::<Finish>(r#"{"unheard":1}"#, |v| matches!(v, Finish::Other(_)), "finish unknown");
    // oneOf with a discriminator and a mapping.
    round_trip::<Label>(r#"{"style":"TEXT","text":"hi"}"#, |v| matches!(v, Label::TextLabel(t) if t.text == "hi"), "label text");
    round_trip::<Label>(r#"{"style":"BARCODE","digits":12345}"#, |v| matches!(v, Label::BarcodeLabel(b) if b.digits == 12345), "label barcode");
    round_trip::<Label>(r#"{"style":"HOLOGRAM","depth":3}"#, |v| matches!(v, Label::Other(_)), "label unknown tag");
    round_trip::<Label>(r#"{"style":"TEXT"}"#, |v| matches!(v, Label::Other(_)), "label missing field");
    // oneOf with a discriminator, no mapping: the schema names.
    round_trip::<Power>(r#"{"source":"battery","cells":4}"#, |v| matches!(v, Power::Battery(b) if b.cells == 4), "power battery");
    round_trip::<Power>(r#"{"source":"mains","volts":230}"#, |v| matches!(v, Power::Mains(m) if m.volts == 230), "power mains");
    round_trip::<Power>(r#"{"source":"solar"}"#, |v| matches!(v, Power::Other(_)), "power unknown");
    // anyOf.
    round_trip::<Socket>(r#""type-c""#, |v| matches!(v, Socket::PlugName(s) if s == "type-c"), "socket plug");
    round_trip::<Socket>(r#"{"pigment":"blue"}"#, |v| matches!(v, Socket::Paint(_)), "socket paint");
    round_trip::<Socket>(r#"{"pins":3}"#, |v| matches!(v, Socket::CustomSocket(c) if c.pins == 3), "socket custom");
    round_trip::<Socket>("true", |v| matches!(v, Socket::Other(_)), "socket unknown");
    // allOf: one struct with the members' properties; `null` for the nullable anyOf.
    let gadget = r#"{"id":"g1","weight":2.5,"kind":"lamp","finish":3,"label":{"style":"TEXT","text":"on"},"power":{"source":"mains","volts":110},"socket":"e27","note":"fragile","size":4}"#;
    round_trip::<Gadget>(gadget, |g| g.id == "g1" && g.kind == "lamp" && g.size == Some(4) && matches!(g.power, Some(Power::Mains(_))), "gadget");
    let g: Gadget = serde_json::from_str(r#"{"id":"g2","kind":"fan","socket":null,"label":{"style":"NEW"}}"#).unwrap();
    assert!(g.socket.is_none() && matches!(g.label, Some(Label::Other(_))), "{g:?}");
    assert!(serde_json::from_str::<Gadget>(r#"{"id":"g3"}"#).is_err(), "`kind` is required by the second member");
    // A tag the variant's own type lacks is written back from the variant.
    let v = twilio_runtime::one_of::with_tag(&serde_json::json!({"cells": 2}), "source", "battery").unwrap();
    assert_eq!(v, serde_json::json!({"source": "battery", "cells": 2}));
    println!("ALL OK");
}
"#####;
    run(&dir, "fixture-composed", main);
}

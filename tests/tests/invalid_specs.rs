//! Hostile input: every spec in `tests/fixtures/invalid/` (one construct each), and a few large
//! ones made here (a 5 MB description, 10,000 operations, deep nesting). Each either gives code
//! that parses (and, in `hostile_specs_that_generate_pass_clippy`, compiles without a warning), or
//! an error that starts with the JSON pointer of the offending place. Nothing panics.
//!
//! The expectations are the table below, one test per fixture; `every_fixture_has_a_case` keeps
//! the table and the folder in step.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use twilio_codegen::{Options, Selection, project};

/// What a fixture must give.
enum Expect {
    /// An error whose message starts with `pointer` (then `: `) and contains `contains`.
    Err {
        pointer: &'static str,
        contains: &'static str,
    },
    /// Generated code (every file parses with syn), with at least these warnings (each a
    /// `pointer: message` substring) and these pieces of generated text.
    Ok {
        warnings: &'static [&'static str],
        contains: &'static [&'static str],
    },
}

use Expect::{Err, Ok};

fn fixtures() -> PathBuf {
    common::root().join("tests/fixtures/invalid")
}

fn options(label: &Path) -> Options {
    let root = common::root();
    project::options(
        &root,
        label,
        Path::new("target/hostile"),
        Some("hostile"),
        Selection::default(),
    )
}

/// Runs the generator on `text` under `catch_unwind`: a panic fails the test with its message.
fn generate(label: &Path, text: &str) -> Result<twilio_codegen::Output, twilio_codegen::Error> {
    let options = options(label);
    std::panic::catch_unwind(|| twilio_codegen::generate(text, &options))
        .unwrap_or_else(|_| panic!("{}: the generator panicked", label.display()))
}

/// Every generated Rust file parses.
fn assert_parses(label: &str, output: &twilio_codegen::Output) {
    for f in output.files.iter().filter(|f| f.path.ends_with(".rs")) {
        if let Err(e) = syn::parse_file(&f.text) {
            panic!("{label}: generated {} does not parse: {e}", f.path);
        }
    }
}

fn check(file: &str, expect: Expect) {
    let path = fixtures().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let label = Path::new("tests/fixtures/invalid").join(file);
    match (generate(&label, &text), expect) {
        (Result::Err(e), Err { pointer, contains }) => {
            let message = e.to_string();
            assert_eq!(e.pointer(), Some(pointer), "{file}: {message}");
            assert!(
                message.starts_with(&format!("{pointer}: ")),
                "{file}: {message}"
            );
            assert!(
                message.contains(contains),
                "{file}: `{message}` does not say `{contains}`"
            );
        }
        (Result::Ok(output), Ok { warnings, contains }) => {
            assert_parses(file, &output);
            let all: Vec<String> = output.warnings.iter().map(|w| w.to_string()).collect();
            for w in warnings {
                assert!(
                    all.iter().any(|a| a.contains(w)),
                    "{file}: no warning says `{w}`; warnings: {all:#?}"
                );
            }
            let text: String = output.files.iter().map(|f| f.text.as_str()).collect();
            for c in contains {
                assert!(text.contains(c), "{file}: the output has no `{c}`");
            }
        }
        (Result::Err(e), Ok { .. }) => panic!("{file}: expected code, got the error {e}"),
        (Result::Ok(_), Err { pointer, contains }) => {
            panic!("{file}: expected the error `{pointer}: ...{contains}...`, got code")
        }
    }
}

macro_rules! cases {
    ($($name:ident: $file:literal => $expect:expr;)*) => {
        $(
            #[test]
            fn $name() {
                check($file, $expect);
            }
        )*
        const FILES: &[&str] = &[$($file),*];
    };
}

cases! {
    invalid_yaml: "invalid_yaml.yaml" => Err { pointer: "#", contains: "not valid YAML" };
    json_with_trailing_garbage: "trailing_garbage.json" => Err {
        pointer: "#",
        contains: "trailing data after the JSON document",
    };
    document_not_a_mapping: "not_a_mapping.yaml" => Err { pointer: "#", contains: "not a mapping" };
    openapi_3_1_is_read: "openapi_31.yaml" => Ok {
        warnings: &["#/paths: the document declares no operations"],
        contains: &["pub struct Client {"],
    };
    openapi_3_2: "openapi_32.yaml" => Err { pointer: "#/openapi", contains: "`3.2.0` is not supported" };
    wrong_type_operation_id: "wrong_type_operation_id.yaml" => Err {
        pointer: "#/paths/~1Things.json/get/operationId",
        contains: "not a valid OpenAPI 3.0 document",
    };
    wrong_type_required: "wrong_type_required.yaml" => Err {
        pointer: "#/components/schemas/thing/required",
        contains: "not a valid OpenAPI 3.0 document",
    };
    wrong_type_parameters: "wrong_type_parameters.yaml" => Err {
        pointer: "#/paths/~1Things.json/get/parameters",
        contains: "not a valid OpenAPI 3.0 document",
    };
    wrong_type_properties: "wrong_type_properties.yaml" => Err {
        pointer: "#/components/schemas/thing/properties",
        contains: "not a valid OpenAPI 3.0 document",
    };
    enum_value_of_the_wrong_type: "enum_wrong_value_type.yaml" => Err {
        pointer: "#/paths/~1Things.json/get/parameters/0/schema/enum/0",
        contains: "invalid type: map, expected a string",
    };
    unresolved_ref: "unresolved_ref.yaml" => Err {
        pointer: "#/paths/~1Things.json/get/responses/200/content/application~1json/schema",
        contains: "unresolved `$ref` `#/components/schemas/nowhere`",
    };
    ref_cycle_between_two_schemas: "ref_cycle_direct.yaml" => Err {
        pointer: "#/components/schemas/b",
        contains: "`$ref` cycle through `a`",
    };
    ref_cycle_to_itself: "ref_cycle_self.yaml" => Err {
        pointer: "#/components/schemas/a",
        contains: "`$ref` cycle through `a`",
    };
    ref_cycle_through_an_array: "ref_cycle_array.yaml" => Err {
        pointer: "#/components/schemas/list/items",
        contains: "`$ref` cycle through `list`",
    };
    ref_cycle_through_two_arrays: "ref_cycle_arrays_pair.yaml" => Err {
        pointer: "#/components/schemas/odds/items",
        contains: "`$ref` cycle through `evens`",
    };
    recursive_objects_are_boxed: "recursive_objects.yaml" => Ok {
        warnings: &[],
        contains: &[
            "pub parent: Option<Box<crate::nodes::Node>>",
            "pub children: Vec<crate::nodes::Node>",
            "pub to: Option<Box<crate::nodes::Node>>",
        ],
    };
    external_ref_to_a_file: "external_ref.yaml" => Err {
        pointer: "#/paths/~1Things.json/get/responses/200/content/application~1json/schema",
        contains: "external `$ref` `other.yaml#/components/schemas/thing` is not supported",
    };
    external_ref_to_a_url: "external_ref_url.yaml" => Err {
        pointer: "#/paths/~1Things.json/get/parameters/0",
        contains: "external `$ref`",
    };
    duplicate_operation_id: "duplicate_operation_id.yaml" => Err {
        pointer: "#/paths/~1Things.json/get",
        contains: "duplicate operationId `ListThing` (first used at #/paths/~1Other.json/get)",
    };
    // Valid documents whose callbacks cannot be typed: the callback is left out, located.
    callback_json_body: "callback_json_body.yaml" => Ok {
        warnings: &[
            "#/paths/~1Things.json/post/callbacks/ThingDone/{$request.body#~1Callback}/post/requestBody/content: a callback's request body is typed when it is `application/x-www-form-urlencoded` (as Twilio sends); callback `ThingDone` left out",
        ],
        contains: &["pub fn create_thing("],
    };
    callback_declared_differently: "callback_differs.yaml" => Ok {
        warnings: &[
            "#/paths/~1Things~1{Sid}.json/post/callbacks/ThingDone/{$request.body#~1Callback}/post: the callback `ThingDone` differs from its first declaration",
        ],
        contains: &["pub struct ThingDone {"],
    };
    missing_operation_id: "missing_operation_id.yaml" => Ok {
        warnings: &["#/paths/~1Things.json/post: the operation has no `operationId`; named from its method and path, `post /Things.json`"],
        contains: &["pub fn post_things_json("],
    };
    path_parameter_not_declared: "path_param_not_declared.yaml" => Err {
        pointer: "#/paths/~1Things~1{Sid}.json/delete/parameters",
        contains: "the path has `{Sid}` but no path parameter `Sid` is declared",
    };
    path_parameter_not_in_the_path: "path_param_not_in_path.yaml" => Err {
        pointer: "#/paths/~1Things.json/delete/parameters/0",
        contains: "path parameter `Sid` does not appear in the path",
    };
    parameter_declared_twice: "parameter_declared_twice.yaml" => Err {
        pointer: "#/paths/~1Things.json/get/parameters/1",
        contains: "parameter `PageSize` is declared twice",
    };
    malformed_path_template: "malformed_path_template.yaml" => Err {
        pointer: "#/paths/~1Things~1{Sid.json",
        contains: "unbalanced `{`",
    };
    no_server_url: "no_server.yaml" => Ok {
        warnings: &["#/servers: the document declares no server"],
        contains: &["base_url: impl Into<String>", "\"{base_url}\""],
    };
    empty_enum: "empty_enum.yaml" => Err {
        pointer: "#/components/schemas/thing_enum_status/enum",
        contains: "an enum needs at least one non-null value",
    };
    yaml_alias_bomb: "yaml_alias_bomb.yaml" => Err { pointer: "#", contains: "not valid YAML" };
    schema_names_that_collide: "schema_names_collide.yaml" => Ok {
        warnings: &[
            "#/components/schemas/thing-status: fallback name: type `ThingStatus` is taken; named `ThingStatus2`",
            "#/components/schemas/thing_enum_status: fallback name: type `ThingStatus` is taken; named `ThingStatus3`",
            "#/components/schemas/thing_status: fallback name: type `ThingStatus` is taken; named `ThingStatus4`",
            "#/components/schemas/thing_status_: fallback name: type `ThingStatus` is taken; named `ThingStatus5`",
        ],
        contains: &[
            "pub struct ThingStatus {",
            "pub enum ThingStatus2 {",
            "pub enum ThingStatus3 {",
            "pub struct ThingStatus4 {",
            "pub struct ThingStatus5 {",
        ],
    };
    rust_keywords: "rust_keywords.yaml" => Ok {
        // Wire names that are the builder's own methods: numbered, and counted as fallbacks.
        warnings: &[
            "fallback name: parameter `default` is taken; named `default_2`",
            "fallback name: parameter `new` is taken; named `new_2`",
            "fallback name: argument `core` is taken; named `core_2`",
        ],
        contains: &[
            "pub fn self_(",
            // A request with values to check is built by a private function; one without, in
            // its method (where `core` is the client's transport, so an argument is renamed).
            "fn self_request(",
            "pub fn crate_(&self) -> ::twilio_runtime::Pending<crate::types::Enum> {",
            "let request = ::twilio_runtime::Request::new(",
            "core_2: &str,",
            ".path_param(\"AccountSid\", core.account_sid())",
            ".path_param(\"Core\", core_2);",
            "::twilio_runtime::Pending::new(core, Ok(request))",
            "pub fn default_2(",
            "pub fn new_2(",
            "pub self_2: Option<String>",
            "pub r#type: Option<String>",
            "pub self_: Option<String>",
            "pub enum Enum {",
            "SelfValue,",
        ],
    };
    non_ascii_names: "non_ascii_names.yaml" => Ok { warnings: &[], contains: &["\"名前\""] };
    enum_values_that_collide: "enum_duplicate_values.yaml" => Ok {
        warnings: &[
            "#/components/schemas/thing_enum_kind/enum/2: duplicate enum value `a`; left out",
            "#/paths/~1Things.json/get/parameters/0/schema/enum/5: duplicate enum value `in-progress`",
        ],
        contains: &[
            "InProgressValue,",
            "InProgress4,",
            "UnknownValue,",
            "Unknown2,",
            "UnnamedValue,",
            "AValue,",
        ],
    };
    unsupported_content_types: "unsupported_content_types.yaml" => Ok {
        warnings: &[
            "#/paths/~1Things.json/put/requestBody/content: request content type(s) [\"multipart/form-data\"] not supported (only `application/x-www-form-urlencoded`, JSON or XML)",
            "#/paths/~1Things.json/get/responses/200/content: response content type(s) [\"application/octet-stream\"] not supported (only JSON or XML)",
            "#/paths/~1Things~1{Sid}.txt/get/responses/200/content: response content type(s) [\"text/plain\"]",
            "#/paths/~1Things~1{Sid}.json/post/parameters/2: cookie parameter `session` is not supported; left out",
        ],
        // Header parameters are builder setters (rule "header parameters"); cookies are not.
        contains: &[
            "pub fn update_thing(",
            "request = request.header(\"X-Header\", value);",
            // The JSON body is generated now.
            "pub fn create_thing(",
            "request = request.json_object(\"application/json\");",
        ],
    };
    // Composition keywords: typed; only `not` is a JSON value, with a warning.
    one_of_any_of_all_of: "one_of_any_of_all_of.yaml" => Ok {
        warnings: &[
            "#/components/schemas/thing/properties/not: `not` is not supported; the value is typed as a JSON value",
        ],
        contains: &[
            "pub one: Option<crate::things::ThingOne>",
            "pub any: Option<crate::things::ThingAny>",
            "pub all: Option<crate::things::ThingAll>",
            "pub list: Vec<crate::things::ThingList>",
            "pub not: Option<::serde_json::Value>",
            "filter: Option<crate::things::ListThingFilter>",
        ],
    };
    module_names_that_are_taken: "module_names_reserved.yaml" => Ok {
        warnings: &[],
        contains: &["pub mod lib_resource;", "pub mod self_resource;", "pub mod serde_resource;"],
    };
    method_names_that_collide: "method_names_collide.yaml" => Ok {
        warnings: &[
            "#/paths/~1Things.json/get: fallback name: method `list_thing` is taken; named `list_thing_3`",
            "#/paths/~1Builder.json/get: fallback name: method `builder` is taken; named `builder_2`",
            "#/components/schemas/ApiError: fallback name: type `ApiError` is taken; named `ApiError2`",
            "#/components/schemas/Option: fallback name: type `Option` is taken; named `Option2`",
            "#/components/schemas/String: fallback name: type `String` is taken; named `String2`",
        ],
        contains: &[
            // The names of the former companions (`_request`, `_stream`) are still kept free: the
            // request builders of operations with parameters are private functions of those
            // names (`ListThingRequest` has none: its method builds its request).
            "pub fn list_thing_3(",
            "fn list_thing_3_request(",
            "pub fn list_thing_stream(",
            "pub fn list_thing_request(",
            "type Item = String;",
            // The prelude's names stay the prelude's.
            "pub option: Option<crate::retry::Option2>,",
            "pub strings: Vec<crate::retry::String2>,",
            "pub note: Option<String>,",
            "pub vec: Vec<String>,",
        ],
    };
}

#[test]
fn every_fixture_has_a_case() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FILES.iter().map(|f| (*f).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    assert!(FILES.len() >= 25);
}

/// The fixtures that generate code, generated as crates of one cargo workspace under
/// `target/hostile-check/`, pass `cargo clippy --all-targets -- -D warnings`.
#[test]
fn hostile_specs_that_generate_pass_clippy() {
    let root = common::root();
    let dir = root.join("target/hostile-check");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut members = Vec::new();
    for file in FILES {
        let text = std::fs::read_to_string(fixtures().join(file)).unwrap();
        let label = Path::new("tests/fixtures/invalid").join(file);
        let name = file.split('.').next().unwrap().replace('_', "-");
        let generated =
            common::write_member(&dir, &name, &format!("hostile-{name}"), &label, &text);
        if generated.is_ok() {
            members.push(name);
        }
    }
    assert!(members.len() >= 8, "{members:?}");
    common::write_workspace(&dir, &members);
    common::clippy(&dir);
}

/// A spec built here: one operation whose response is the `thing` schema given.
fn spec_with(thing: serde_json::Value, description: &str) -> String {
    spec_value(thing, description).to_string()
}

fn spec_value(thing: serde_json::Value, description: &str) -> serde_json::Value {
    serde_json::json!({
        "openapi": "3.0.1",
        "info": {"title": "t", "version": "1", "description": description},
        "servers": [{"url": "https://api.example.test"}],
        "paths": {"/Things.json": {"get": {
            "operationId": "ListThing",
            "description": description,
            "responses": {"200": {"description": description, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/thing"}
            }}}}
        }}},
        "components": {"schemas": {"thing": thing}}
    })
}

#[test]
fn five_megabyte_description() {
    let line = "A description with `code`, [brackets], <Tags>, https://example.test/x and */.\n";
    let description = line.repeat(5 * 1024 * 1024 / line.len() + 1);
    assert!(description.len() >= 5 * 1024 * 1024);
    let thing = serde_json::json!({
        "type": "object",
        "description": description,
        "properties": {"name": {"type": "string", "description": description}}
    });
    let text = spec_with(thing, &description);
    let started = Instant::now();
    let output = generate(Path::new("5mb.json"), &text).unwrap();
    eprintln!("5 MB descriptions: {:.1}s", started.elapsed().as_secs_f64());
    assert_parses("5mb", &output);
}

#[test]
fn ten_thousand_operations() {
    let mut paths = serde_json::Map::new();
    for i in 0..2000 {
        let mut item = serde_json::Map::new();
        for (m, verb) in ["get", "post", "put", "patch", "delete"].iter().enumerate() {
            item.insert(
                (*verb).to_owned(),
                serde_json::json!({
                    "operationId": format!("{verb}_thing_{i}"),
                    "parameters": [{"name": "Sid", "in": "path", "required": true,
                                    "schema": {"type": "string", "pattern": "^TH[0-9a-fA-F]{32}$"}}],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {
                        "schema": {"$ref": format!("#/components/schemas/thing_{}", (i + m) % 50)}
                    }}}}
                }),
            );
        }
        paths.insert(
            format!("/Group{}/Things{i}/{{Sid}}.json", i % 20),
            item.into(),
        );
    }
    let schemas: serde_json::Map<String, serde_json::Value> = (0..50)
        .map(|i| {
            (
                format!("thing_{i}"),
                serde_json::json!({"type": "object", "properties": {
                    "sid": {"type": "string", "pattern": "^TH[0-9a-fA-F]{32}$"},
                    "n": {"type": "integer"}
                }}),
            )
        })
        .collect();
    let text = serde_json::json!({
        "openapi": "3.0.1",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://api.example.test"}],
        "paths": paths,
        "components": {"schemas": schemas}
    })
    .to_string();
    let started = Instant::now();
    let output = generate(Path::new("10k.json"), &text).unwrap();
    eprintln!(
        "10,000 operations: {:.1}s, {} files, {} MB",
        started.elapsed().as_secs_f64(),
        output.files.len(),
        output.files.iter().map(|f| f.text.len()).sum::<usize>() / 1_000_000
    );
    // Flat methods only (each returns the request value); navigation methods call them.
    let methods: usize = output
        .files
        .iter()
        .filter(|f| !f.path.ends_with("navigation.rs") && !f.path.ends_with("mock.rs"))
        .map(|f| {
            f.text
                .lines()
                .filter(|l| l.contains("-> ::twilio_runtime::Pending<"))
                .count()
        })
        .sum();
    assert_eq!(methods, 10_000);
    // One SID newtype however many operations use the prefix.
    let sid_types: usize = output
        .files
        .iter()
        .map(|f| {
            f.text
                .lines()
                .filter(|l| {
                    l.starts_with("::twilio_runtime::sid_newtype!(pub struct ")
                        && l.ends_with(" = \"TH\");")
                })
                .count()
        })
        .sum();
    assert_eq!(sid_types, 1);
}

/// `depth` inline objects, each the only property of the one around it.
fn nested_objects(depth: usize) -> serde_json::Value {
    let mut schema = serde_json::json!({"type": "string"});
    for _ in 0..depth {
        schema = serde_json::json!({"type": "object", "properties": {"inner": schema}});
    }
    schema
}

/// Runs `f` on a thread with the stack a test thread gets by default (2 MiB): the generator runs
/// its stages on threads of its own, so the caller's stack does not matter.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

/// syn needs more than a test thread's stack to parse types nested 90 deep in a debug build.
fn parses_on_a_large_stack(label: &'static str, output: twilio_codegen::Output) {
    std::thread::Builder::new()
        .stack_size(twilio_codegen::STACK_SIZE)
        .spawn(move || assert_parses(label, &output))
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn objects_nested_200_deep_are_refused_where_they_get_too_deep() {
    let text = spec_with(nested_objects(200), "deep");
    let e = on_small_stack(move || generate(Path::new("deep.json"), &text).unwrap_err());
    let message = e.to_string();
    let pointer = e.pointer().unwrap();
    assert!(
        pointer.starts_with("#/components/schemas/thing/properties/inner/properties/inner/"),
        "{message}"
    );
    assert!(
        message.contains("the document nests more than 100 levels deep here"),
        "{message}"
    );
    // The same in YAML (another parser, with its own recursion limit of 128).
    let yaml = serde_yaml::to_string(&spec_value(nested_objects(200), "deep")).unwrap();
    let e = on_small_stack(move || generate(Path::new("deep.yaml"), &yaml).unwrap_err());
    assert_eq!(e.pointer(), Some(pointer), "{e}");
}

#[test]
fn nesting_up_to_the_limit_generates() {
    // The schema sits 3 levels down (components, schemas, thing); each object adds 2.
    let depth = (twilio_codegen::load::MAX_DEPTH - 4) / 2;
    let text = spec_with(nested_objects(depth), "deep");
    let output = on_small_stack(move || generate(Path::new("deep.json"), &text).unwrap());
    parses_on_a_large_stack("deep", output.clone());
    // (Navigation nodes and the mock are structs of their own files.)
    let structs: usize = output
        .files
        .iter()
        .filter(|f| !f.path.ends_with("navigation.rs") && !f.path.ends_with("mock.rs"))
        .map(|f| f.text.matches("pub struct ").count())
        .sum();
    assert_eq!(structs, depth + 1, "one struct per level, and `Client`");
    // Arrays of arrays, as deep as the document may nest.
    let mut items = serde_json::json!({"type": "integer"});
    for _ in 0..twilio_codegen::load::MAX_DEPTH - 8 {
        items = serde_json::json!({"type": "array", "items": items});
    }
    let text = spec_with(
        serde_json::json!({"type": "object", "properties": {"grid": items}}),
        "deep",
    );
    let output = on_small_stack(move || generate(Path::new("arrays.json"), &text).unwrap());
    let vecs: usize = output
        .files
        .iter()
        .map(|f| f.text.matches("Vec<").count())
        .sum();
    assert!(vecs >= 92, "{vecs} nested Vecs");
    parses_on_a_large_stack("arrays", output);
}

#[test]
fn duplicate_keys_are_refused_with_their_place() {
    let text =
        "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {}\n    get: {}\n";
    let e = generate(Path::new("dup.yaml"), text).unwrap_err();
    assert_eq!(e.pointer(), Some("#/paths/~1a/get"), "{e}");
    assert!(e.to_string().contains("duplicate key `get`"), "{e}");
    let json = r#"{"openapi": "3.0.1", "openapi": "3.0.2"}"#;
    let e = generate(Path::new("dup.json"), json).unwrap_err();
    assert_eq!(e.pointer(), Some("#/openapi"), "{e}");
}

/// Every file of a folder, by relative path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for (rel, bytes) in snapshot(from) {
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

/// The real `cargo xtask codegen` on bad specs, writing over a copy of the generated crate: it
/// exits non-zero, names the place, and leaves every byte of the crate as it was.
#[test]
fn xtask_codegen_with_a_bad_spec_fails_and_writes_nothing() {
    let root = common::root();
    let out = root.join("target/hostile-xtask/twilio-calls");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    std::fs::copy(root.join("generated/Cargo.toml"), out.join("Cargo.toml")).unwrap();
    copy_dir(&root.join("generated/src"), &out.join("src"));
    let before = snapshot(&out);
    assert!(before.len() > 10);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for (file, says) in [
        (
            "duplicate_operation_id.yaml",
            "#/paths/~1Things.json/get: duplicate operationId",
        ),
        ("invalid_yaml.yaml", "#: not valid YAML"),
        (
            "ref_cycle_array.yaml",
            "#/components/schemas/list/items: `$ref` cycle",
        ),
    ] {
        let output = std::process::Command::new(&cargo)
            .current_dir(&root)
            .args(["run", "--quiet", "-p", "xtask", "--", "codegen", "--spec"])
            .arg(fixtures().join(file))
            .arg("--out")
            .arg(&out)
            .env_remove("CARGO_TARGET_DIR")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{file}: exit 0\n{stderr}");
        assert!(stderr.contains(says), "{file}: {stderr}");
        assert_eq!(snapshot(&out), before, "{file}: the crate folder changed");
    }
}

//! Fuzzing the generator: specs from the fixture corpus (`tests/fixtures/*.yaml`,
//! `tests/fixtures/invalid/*` and the small specs of `spec/`), mutated at the value level (entries
//! deleted, duplicated, renamed or replaced, scalars of another type, `$ref`s injected, subtrees moved, values wrapped) and at the
//! byte level (bytes flipped, inserted, deleted, ranges duplicated, text cut short), are given to
//! `twilio_codegen::generate`. Whatever comes in, it must not panic (on any of its threads), an
//! error must name a JSON pointer, and generated Rust must parse (syn) and declare no name twice
//! in one scope (types, module items, fields, variants, methods and constants of a type,
//! arguments); the crates of the fixtures themselves are compiled by `snapshots.rs`.
//!
//! 256 cases by default (well under a minute in a debug build); run longer with
//! `PROPTEST_CASES=20000 cargo test --release -p twilio-tests --test fuzz`. A failure prints the
//! mutated spec; add it to `tests/fixtures/invalid/` with its expectation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::sync::{Mutex, Once};

use proptest::prelude::*;
use serde_json::Value;
use twilio_codegen::{Selection, project};

/// The seeds: every fixture's text.
fn corpus() -> &'static [(String, String)] {
    static CORPUS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = common::root();
        let mut out = Vec::new();
        // `spec/` brings the legacy APIs' XML, integer enums, flags and server variables; the
        // 2010-04-01 spec (about 200 KB) is left to the other tests, so that each case stays fast.
        // The OpenAPI 3.1 and unusual documents go through the loader's normalisation.
        for dir in [
            "tests/fixtures",
            "tests/fixtures/invalid",
            "tests/fixtures/openapi31",
            "tests/fixtures/unusual",
            "spec",
        ] {
            let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_file())
                .filter(|p| p.metadata().is_ok_and(|m| m.len() < 64 * 1024))
                .collect();
            files.sort();
            for f in files {
                let name = f.file_name().unwrap().to_string_lossy().into_owned();
                out.push((name, std::fs::read_to_string(&f).unwrap()));
            }
        }
        assert!(out.len() > 40, "{} seeds", out.len());
        out
    })
}

/// How many cases generated code, how many were refused with an error, how many failed otherwise.
static OUTCOMES: [std::sync::atomic::AtomicUsize; 3] =
    [const { std::sync::atomic::AtomicUsize::new(0) }; 3];

/// The seeds the generator turns into code: mutants of these get past the first checks more often.
fn generating_seeds() -> &'static [usize] {
    static SEEDS: std::sync::OnceLock<Vec<usize>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        corpus()
            .iter()
            .enumerate()
            .filter(|(_, (_, text))| twilio_codegen::generate(text, &options()).is_ok())
            .map(|(i, _)| i)
            .collect()
    })
}

fn options() -> twilio_codegen::Options {
    project::options(
        &common::root(),
        Path::new("fuzz.yaml"),
        Path::new("target/fuzz"),
        Some("fuzz"),
        Selection::default(),
    )
}

/// Panics on any thread (the formatter's included), recorded by a hook.
static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn record_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            PANICS
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(info.to_string());
        }));
    });
}

/// One change to a spec's value.
#[derive(Debug, Clone)]
enum Mutation {
    Delete,
    Duplicate,
    Rename(&'static str),
    Replace(Value),
    InjectRef(String),
    Move(Vec<u16>),
    WrapInArray,
    WrapInObject(&'static str),
}

/// A node of the document, found by following `path` (each step picks a child modulo the count).
fn walk<'v>(mut v: &'v mut Value, path: &[u16]) -> &'v mut Value {
    for step in path {
        let n = match &*v {
            Value::Object(m) => m.len(),
            Value::Array(a) => a.len(),
            _ => 0,
        };
        if n == 0 {
            break;
        }
        let i = usize::from(*step) % n;
        v = match v {
            Value::Object(m) => m.values_mut().nth(i).unwrap(),
            Value::Array(a) => &mut a[i],
            _ => unreachable!(),
        };
    }
    v
}

fn apply(doc: &mut Value, path: &[u16], choice: u16, m: &Mutation) {
    let (parent_path, last) = match path.split_last() {
        Some((last, rest)) => (rest, *last),
        None => (path, 0),
    };
    match m {
        Mutation::Delete | Mutation::Duplicate | Mutation::Rename(_) => {
            let parent = walk(doc, parent_path);
            match parent {
                Value::Object(map) if !map.is_empty() => {
                    let i = usize::from(last) % map.len();
                    let key = map.keys().nth(i).unwrap().clone();
                    match m {
                        Mutation::Delete => {
                            map.remove(&key);
                        }
                        Mutation::Duplicate => {
                            let v = map[&key].clone();
                            map.insert(format!("{key}{choice}"), v);
                        }
                        Mutation::Rename(to) => {
                            let v = map.remove(&key).unwrap();
                            map.insert((*to).to_owned(), v);
                        }
                        _ => {}
                    }
                }
                Value::Array(a) if !a.is_empty() => {
                    let i = usize::from(last) % a.len();
                    match m {
                        Mutation::Delete => {
                            a.remove(i);
                        }
                        _ => {
                            let v = a[i].clone();
                            a.insert(i, v);
                        }
                    }
                }
                _ => {}
            }
        }
        Mutation::Replace(value) => *walk(doc, path) = value.clone(),
        Mutation::InjectRef(target) => *walk(doc, path) = serde_json::json!({"$ref": target}),
        Mutation::Move(from) => {
            let v = walk(doc, from).clone();
            *walk(doc, path) = v;
        }
        Mutation::WrapInArray => {
            let node = walk(doc, path);
            *node = Value::Array(vec![node.take()]);
        }
        Mutation::WrapInObject(key) => {
            let node = walk(doc, path);
            let mut map = serde_json::Map::new();
            map.insert((*key).to_owned(), node.take());
            *node = Value::Object(map);
        }
    }
}

const NAMES: &[&str] = &[
    "",
    "type",
    "self",
    "Self",
    "crate",
    "$ref",
    "properties",
    "items",
    "enum",
    "required",
    "operationId",
    "in",
    "name",
    "schema",
    "x-twilio",
    "/Things/{Sid}.json",
    "{",
    "~1",
    "a/b",
    "Größe",
    "名前",
    "☎",
    "Parameter1.Name",
    "StartTime<",
    "next_page_uri",
    "200",
    "2XX",
    "default",
    "application/json",
    "application/x-www-form-urlencoded",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(NAMES).prop_map(|s| Value::String(s.to_owned())),
        "[ -~]{0,12}".prop_map(Value::String),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
        Just(serde_json::json!({"type": "string", "enum": ["a", "A", "a"]})),
        Just(serde_json::json!({"type": "object", "properties": {"x": {"type": "integer"}}})),
        Just(
            serde_json::json!({"type": "array", "items": {"type": "string", "format": "date-time"}})
        ),
        Just(serde_json::json!({"oneOf": [{"type": "string"}]})),
        Just(
            serde_json::json!({"name": "Sid", "in": "path", "required": true, "schema": {"type": "string"}})
        ),
        Just(
            serde_json::json!({"x-twilio": {"conditional": [["url", "twiml"]], "pii": {"handling": "standard"}}})
        ),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::Delete),
        Just(Mutation::Duplicate),
        prop::sample::select(NAMES).prop_map(Mutation::Rename),
        scalar().prop_map(Mutation::Replace),
        prop_oneof![
            Just("#/components/schemas/".to_owned()),
            Just("#/components/schemas/nowhere".to_owned()),
            Just("#/".to_owned()),
            Just("other.yaml#/x".to_owned()),
            Just("#/components/parameters/x".to_owned()),
            prop::sample::select(NAMES).prop_map(|n| format!("#/components/schemas/{n}")),
        ]
        .prop_map(Mutation::InjectRef),
        prop::collection::vec(any::<u16>(), 1..10).prop_map(Mutation::Move),
        Just(Mutation::WrapInArray),
        prop::sample::select(NAMES).prop_map(Mutation::WrapInObject),
    ]
}

/// A change to the text's bytes.
#[derive(Debug, Clone)]
enum ByteEdit {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    DuplicateRange(usize, usize),
    Truncate(usize),
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    let at = any::<usize>();
    prop_oneof![
        (at, any::<u8>()).prop_map(|(a, b)| ByteEdit::Flip(a, b)),
        (
            at,
            prop_oneof![
                prop::collection::vec(any::<u8>(), 1..8),
                prop::sample::select(vec![
                    b"{".to_vec(),
                    b"[".to_vec(),
                    b": ".to_vec(),
                    b"\n  - ".to_vec(),
                    b"&a ".to_vec(),
                    b"*a".to_vec(),
                    b"!!binary ".to_vec(),
                    b"\"".to_vec(),
                    b"\t".to_vec(),
                    "\u{1F600}".as_bytes().to_vec(),
                ]),
            ]
        )
            .prop_map(|(a, b)| ByteEdit::Insert(a, b)),
        (at, 1..64usize).prop_map(|(a, n)| ByteEdit::Delete(a, n)),
        (at, 1..256usize).prop_map(|(a, n)| ByteEdit::DuplicateRange(a, n)),
        at.prop_map(ByteEdit::Truncate),
    ]
}

fn edit_bytes(text: &str, edits: &[ByteEdit]) -> String {
    let mut b = text.as_bytes().to_vec();
    for e in edits {
        let len = b.len().max(1);
        match e {
            ByteEdit::Flip(at, v) => {
                if let Some(x) = b.get_mut(at % len) {
                    *x ^= v;
                }
            }
            ByteEdit::Insert(at, bytes) => {
                let at = (at % len).min(b.len());
                b.splice(at..at, bytes.iter().copied());
            }
            ByteEdit::Delete(at, n) => {
                let at = (at % len).min(b.len());
                let end = (at + n).min(b.len());
                b.drain(at..end);
            }
            ByteEdit::DuplicateRange(at, n) => {
                let at = (at % len).min(b.len());
                let end = (at + n).min(b.len());
                let copy = b[at..end].to_vec();
                b.splice(end..end, copy);
            }
            ByteEdit::Truncate(at) => b.truncate(at % len),
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// A mutated spec: a seed, then value-level mutations (written back as JSON or YAML) or byte
/// edits of its text.
fn spec() -> impl Strategy<Value = (String, String)> {
    let n = corpus().len();
    let good = generating_seeds().to_vec();
    let seed = prop_oneof![4 => prop::sample::select(good), 1 => 0..n];
    let values = (
        seed,
        prop::collection::vec(
            (
                prop::collection::vec(any::<u16>(), 2..12),
                any::<u16>(),
                mutation(),
            ),
            1..4,
        ),
        any::<bool>(),
    )
        .prop_map(|(seed, mutations, as_json)| {
            let (name, text) = &corpus()[seed];
            let Ok(mut doc) = serde_yaml::from_str::<Value>(text) else {
                return (format!("{name} (as is)"), text.clone());
            };
            for (path, choice, m) in &mutations {
                apply(&mut doc, path, *choice, m);
            }
            let text = if as_json {
                serde_json::to_string_pretty(&doc).unwrap()
            } else {
                serde_yaml::to_string(&doc).unwrap()
            };
            (format!("{name} with {mutations:?}"), text)
        });
    let bytes = (0..n, prop::collection::vec(byte_edit(), 1..6)).prop_map(|(seed, edits)| {
        let (name, text) = &corpus()[seed];
        (format!("{name} with {edits:?}"), edit_bytes(text, &edits))
    });
    prop_oneof![3 => values, 1 => bytes]
}

fn check(label: &str, text: &str) -> Result<(), TestCaseError> {
    let options = options();
    PANICS.lock().unwrap_or_else(|e| e.into_inner()).clear();
    let result = std::panic::catch_unwind(|| twilio_codegen::generate(text, &options));
    let panics = std::mem::take(&mut *PANICS.lock().unwrap_or_else(|e| e.into_inner()));
    prop_assert!(
        panics.is_empty() && result.is_ok(),
        "the generator panicked on {label}: {panics:?}\n--- spec ---\n{text}"
    );
    let outcome = match &result {
        Ok(Ok(_)) => 0,
        Ok(Err(twilio_codegen::Error::Spec { .. })) => 1,
        _ => 2,
    };
    if let Some(n) = OUTCOMES.get(outcome) {
        n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    match result.unwrap() {
        Ok(output) => {
            let mut files = Vec::new();
            for f in output.files.iter().filter(|f| f.path.ends_with(".rs")) {
                let parsed = syn::parse_file(&f.text);
                prop_assert!(
                    parsed.is_ok(),
                    "{label}: generated {} does not parse\n--- spec ---\n{text}",
                    f.path
                );
                if let Ok(file) = parsed {
                    files.push((f.path.clone(), file));
                }
            }
            let clash = duplicate_names(&files);
            prop_assert!(
                clash.is_none(),
                "{label}: {}\n--- spec ---\n{text}",
                clash.unwrap_or_default()
            );
        }
        Err(twilio_codegen::Error::Spec { pointer, message }) => {
            if std::env::var("FUZZ_DEBUG").is_ok() {
                eprintln!(
                    "ERR {pointer}: {}",
                    message.chars().take(70).collect::<String>()
                );
            }
            prop_assert!(
                pointer.starts_with('#'),
                "{label}: `{pointer}` is not a JSON pointer ({message})"
            );
        }
        Err(e) => prop_assert!(false, "{label}: {e}\n--- spec ---\n{text}"),
    }
    Ok(())
}

/// The first name declared twice in one scope of a generated crate, if any: types (crate-wide,
/// since the crate root re-exports every module), items of a module, fields of a struct, variants
/// of an enum, methods and constants of a type (all its inherent `impl` blocks, in every file,
/// together: `impl crate::Client` is spread over the resource modules), and arguments of a
/// function.
fn duplicate_names(files: &[(String, syn::File)]) -> Option<String> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut scopes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut add = |scope: String, name: String| scopes.entry(scope).or_default().push(name);
    let last = |ty: &syn::Type| match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    };
    for (path, file) in files {
        for item in &file.items {
            let declared = match item {
                syn::Item::Struct(s) => {
                    for (i, f) in s.fields.iter().enumerate() {
                        let name = f.ident.as_ref().map_or(i.to_string(), |i| i.to_string());
                        add(format!("fields of {}", s.ident), name);
                    }
                    Some(s.ident.to_string())
                }
                syn::Item::Enum(e) => {
                    for v in &e.variants {
                        add(format!("variants of {}", e.ident), v.ident.to_string());
                    }
                    Some(e.ident.to_string())
                }
                // `::twilio_runtime::sid_newtype!(pub struct X = "XX")`.
                syn::Item::Macro(m) => m
                    .mac
                    .tokens
                    .clone()
                    .into_iter()
                    .nth(2)
                    .map(|t| t.to_string()),
                syn::Item::Fn(f) => {
                    add(format!("items of {path}"), f.sig.ident.to_string());
                    None
                }
                syn::Item::Const(c) => {
                    add(format!("items of {path}"), c.ident.to_string());
                    None
                }
                syn::Item::Mod(m) => {
                    add(format!("items of {path}"), m.ident.to_string());
                    None
                }
                syn::Item::Impl(imp) if imp.trait_.is_none() => {
                    let ty = last(&imp.self_ty).unwrap_or_default();
                    for member in &imp.items {
                        match member {
                            syn::ImplItem::Fn(f) => {
                                add(format!("methods of {ty}"), f.sig.ident.to_string());
                                for arg in &f.sig.inputs {
                                    if let syn::FnArg::Typed(t) = arg
                                        && let syn::Pat::Ident(i) = &*t.pat
                                    {
                                        add(
                                            format!("arguments of {ty}::{}", f.sig.ident),
                                            i.ident.to_string(),
                                        );
                                    }
                                }
                            }
                            syn::ImplItem::Const(c) => {
                                add(format!("methods of {ty}"), c.ident.to_string());
                            }
                            _ => {}
                        }
                    }
                    None
                }
                _ => None,
            };
            if let Some(name) = declared {
                add(format!("items of {path}"), name.clone());
                add("types of the crate".to_owned(), name);
            }
        }
    }
    scopes.into_iter().find_map(|(scope, names)| {
        let mut seen = BTreeSet::new();
        names
            .into_iter()
            .find(|n| !seen.insert(n.clone()))
            .map(|n| format!("`{n}` is declared twice in the {scope}"))
    })
}

/// The name check finds what it looks for (a check that cannot fail proves nothing).
#[test]
fn duplicate_names_are_found() {
    let parse = |text: &str| vec![("src/x.rs".to_owned(), syn::parse_file(text).unwrap())];
    assert_eq!(
        duplicate_names(&parse(
            "struct A { a: u8 } impl A { fn f(a: u8, b: u8) {} }"
        )),
        None
    );
    for (text, found) in [
        (
            "struct A { a: u8, a: u16 }",
            "`a` is declared twice in the fields of A",
        ),
        (
            "struct A; impl A { fn f() {} } impl crate::A { fn f() {} }",
            "`f` is declared twice in the methods of A",
        ),
        (
            "struct A; enum A { X }",
            "`A` is declared twice in the items of src/x.rs",
        ),
        (
            "::twilio_runtime::sid_newtype!(pub struct A = \"CA\"); struct A;",
            "`A` is declared twice in the items of src/x.rs",
        ),
        (
            "impl A { fn f(a: u8, a: u8) {} }",
            "`a` is declared twice in the arguments of A::f",
        ),
    ] {
        assert_eq!(
            duplicate_names(&parse(text)).as_deref(),
            Some(found),
            "{text}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        // PROPTEST_CASES (default 256) sets the number of cases; no regression files are written
        // into the source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_specs_never_panic((label, text) in spec()) {
        record_panics();
        check(&label, &text)?;
    }
}

/// Prints how the cases of this run ended (`--nocapture` shows it), so that a change that makes
/// every mutant fail early (and the fuzzing shallow) is visible.
#[test]
fn zz_report() {
    let load = |i: usize| OUTCOMES[i].load(std::sync::atomic::Ordering::Relaxed);
    eprintln!(
        "fuzz outcomes so far in this process: {} generated code, {} refused with an error",
        load(0),
        load(1)
    );
}

/// The seeds themselves, unmutated, as JSON and as YAML.
#[test]
fn seeds_never_panic() {
    record_panics();
    for (name, text) in corpus() {
        check(name, text).unwrap();
        if let Ok(doc) = serde_yaml::from_str::<Value>(text) {
            check(name, &serde_json::to_string(&doc).unwrap()).unwrap();
        }
    }
}

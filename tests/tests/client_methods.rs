//! The methods `Client`'s rustdoc page lists: one per operation (each returning the request
//! value, `twilio_runtime::Pending`), the waiters, the navigation roots and the client's own
//! constructors and settings; nothing else. Counted for the Calls crate (`generated/`) and for
//! the crate generated from Twilio's whole v2010 document.
//!
//! The page lists exactly the public inherent methods, which are read back with `syn` from every
//! `impl Client` / `impl crate::Client` block of the crate's files (rustdoc's JSON output is
//! nightly-only). The operations are counted in the OpenAPI document itself, not in the model.
//!
//! Without `../shared` the v2010 test prints why it skipped and passes; with `CI=true` it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::ClientMethod;
use twilio_codegen::{Selection, project};

/// The client's own methods (constructors, settings), the same in every generated crate.
const OWN: &[&str] = &[
    "new",
    "from_env",
    "builder",
    "core",
    "account_sid",
    "with_account_sid",
    "with_options",
];

/// The operations an OpenAPI document declares (one per method of a path item).
fn operations_declared(spec: &str) -> usize {
    let doc: serde_json::Value = serde_yaml::from_str(spec).unwrap();
    let methods = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| methods.iter().filter(|m| item.get(**m).is_some()).count())
        .sum()
}

/// `Client`'s methods sorted into what they are; panics on a method that is none of them.
struct Page {
    operations: Vec<String>,
    waiters: Vec<String>,
    navigation: Vec<String>,
    own: Vec<String>,
}

fn sort(methods: Vec<ClientMethod>) -> Page {
    let mut page = Page {
        operations: Vec::new(),
        waiters: Vec::new(),
        navigation: Vec::new(),
        own: Vec::new(),
    };
    let mut seen = BTreeSet::new();
    for m in methods {
        assert!(seen.insert(m.name.clone()), "{} twice", m.name);
        if m.returns.starts_with("::twilio_runtime::Pending<") {
            assert!(!m.is_async, "{m:?}");
            page.operations.push(m.name);
        } else if m.name.starts_with("wait_for_") && m.is_async {
            page.waiters.push(m.name);
        } else if m.file == "src/navigation.rs" && m.returns.starts_with("crate::navigation::") {
            page.navigation.push(m.name);
        } else if OWN.contains(&m.name.as_str()) && m.file == "src/lib.rs" {
            page.own.push(m.name);
        } else {
            panic!(
                "a method of Client that is no operation, waiter, navigation root or setting: {m:?}"
            );
        }
    }
    page
}

fn files_of(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir.join("src")).unwrap() {
        let path = entry.unwrap().path();
        let name = format!("src/{}", path.file_name().unwrap().to_string_lossy());
        out.push((name, std::fs::read_to_string(&path).unwrap()));
    }
    out
}

#[test]
fn the_calls_client_has_one_method_per_operation() {
    let root = common::root();
    let files = files_of(&root.join("generated"));
    let page = sort(common::client_methods(
        files.iter().map(|(p, t)| (p.as_str(), t.as_str())),
    ));
    let spec = std::fs::read_to_string(root.join(project::DEFAULT_SPEC)).unwrap();
    assert_eq!(operations_declared(&spec), 24);
    assert_eq!(page.operations.len(), 24, "{:?}", page.operations);
    for name in [
        "create_call",
        "fetch_call",
        "list_call",
        "update_call",
        "delete_call",
    ] {
        assert!(page.operations.iter().any(|o| o == name), "{name}");
    }
    assert!(
        !page
            .operations
            .iter()
            .any(|o| o.ends_with("_with_metadata") || o.ends_with("_request")),
        "{:?}",
        page.operations
    );
    let mut waiters = page.waiters.clone();
    waiters.sort();
    assert_eq!(waiters, ["wait_for_call", "wait_for_call_recording"]);
    let mut navigation = page.navigation.clone();
    navigation.sort();
    assert_eq!(navigation, ["call", "calls"]);
    assert_eq!(page.own.len(), OWN.len(), "{:?}", page.own);
    // What the rustdoc page of `Client` lists, in all.
    let total = page.operations.len() + page.waiters.len() + page.navigation.len() + page.own.len();
    assert_eq!(total, 35);
}

#[test]
fn the_v2010_client_has_one_method_per_operation() {
    let Some(spec) = common::upstream_text("the_v2010_client_has_one_method_per_operation") else {
        return;
    };
    let root = common::root();
    let options = project::options(
        &root,
        &common::upstream_path(),
        Path::new("target/client-methods-v2010"),
        None,
        Selection::default(),
    );
    let output = twilio_codegen::generate(&spec, &options).unwrap();
    let page = sort(common::client_methods(
        output
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.text.as_str())),
    ));
    let declared = operations_declared(&spec);
    assert!(declared > 150, "{declared}");
    assert_eq!(page.operations.len(), declared);
    // Waiters: a fetch of one resource whose `status` is a string enum (rule "waiters").
    assert!(
        page.waiters.len() < page.operations.len() / 4,
        "{:?}",
        page.waiters
    );
    for waiter in &page.waiters {
        let fetched = waiter.trim_start_matches("wait_for_");
        assert!(
            page.operations
                .iter()
                .any(|o| o == &format!("fetch_{fetched}")),
            "{waiter} waits for no fetch operation"
        );
    }
    assert_eq!(page.own.len(), OWN.len(), "{:?}", page.own);
    eprintln!(
        "v2010 Client: {} operations, {} waiters ({:?}), {} navigation roots, {} own: {} methods",
        page.operations.len(),
        page.waiters.len(),
        page.waiters,
        page.navigation.len(),
        page.own.len(),
        page.operations.len() + page.waiters.len() + page.navigation.len() + page.own.len()
    );
}

//! The structure of the generator and of the runtime, checked: no import cycle between the
//! top-level modules of either crate, nor between the files of one module folder (`emit/`,
//! `lower/`, `names/`; the runtime's `auth/`, `client/`, ...), the runtime's modules in layers that
//! import downward only ([`RUNTIME_LAYERS`]), and no source file over 700 lines. Run alone with
//! `cargo test -p twilio-codegen --test structure`.
//!
//! Dependencies are read from the source text: every `crate::x` path (in `use` declarations and
//! in code, braces included: `use crate::{a, b}`; a name `lib.rs` re-exports, `crate::Client`,
//! counts as the module it comes from) and, inside a folder, every `super::y` naming a sibling
//! file. Test modules (`#[cfg(test)]` onwards) and comments are left out, and so are a macro's
//! `$crate::` paths, which are resolved in the crate that expands it. A folder's `mod.rs` is the
//! folder itself: its files may use it, and it may use them (a type and its builder, as
//! `client/mod.rs` and `client/builder.rs`, refer to each other).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The most lines a source file of either crate may have.
const MAX_LINES: usize = 700;

/// The runtime's layers, bottom first: a module may use the modules of its own layer and of the
/// layers below, never those above (and no cycle inside a layer). Every top-level module of
/// `runtime/src` is in one of them. The README's "Architecture of the runtime" draws the same.
const RUNTIME_LAYERS: &[(&str, &[&str])] = &[
    ("ids and errors", &["scheme", "sid", "error"]),
    (
        "wire encoding",
        &["serde", "wire_enum", "xml", "flags", "one_of"],
    ),
    (
        "requests and responses",
        &["request", "response", "metadata"],
    ),
    (
        "transport, retries, authentication",
        &["transport", "retry", "auth"],
    ),
    ("the client and its configuration", &["client"]),
    (
        "on top of the client",
        &["paginate", "redirect", "wait", "pending"],
    ),
    (
        "optional modules beside the core",
        &["mock", "webhook", "twiml"],
    ),
];

/// Files allowed over [`MAX_LINES`], with the reason. Each must still exist and be over the
/// limit (a stale entry fails), so that an exception goes when its file is split. None today.
const LONG_FILES: &[(&str, &str)] = &[];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn runtime_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/src")
}

/// Every `.rs` file under the generator's `src/`, by its path relative to `src/` (with `/`).
fn sources() -> BTreeMap<String, String> {
    sources_in(&src())
}

/// Every `.rs` file under `root`, by its path relative to `root` (with `/`).
fn sources_in(root: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    out
}

/// The code of a file without comments and without its test module.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first path segments after each `prefix` (`crate::`, `super::`) in `code`; for a braced
/// group (`crate::{a, b::c}`), the first segment of each member.
fn heads(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices(prefix) {
        let before = code[..i].chars().last();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '#' || c == '$') {
            continue;
        }
        let rest = &code[i + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0usize;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && !c.is_whitespace() => {
                        start = false;
                        out.insert(ident(&group[j..]));
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(ident(rest));
        }
    }
    out.remove("");
    out
}

/// A cycle in `graph`, if there is one, as the list of its nodes.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut c = path[at..].to_vec();
            c.push(node.to_owned());
            return Some(c);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

/// The top-level module of a file (`lower/forms.rs` → `lower`, `lib.rs` → none).
fn top_module(file: &str) -> Option<String> {
    let first = file.split('/').next()?.trim_end_matches(".rs");
    (first != "lib").then(|| first.to_owned())
}

/// The names `lib.rs` re-exports from a module of the crate (`pub use client::{Client, ..};`
/// gives `Client` → `client`), so that `crate::Client` counts as a use of `client`.
fn reexports(
    files: &BTreeMap<String, String>,
    modules: &BTreeSet<String>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(lib) = files.get("lib.rs") else {
        return out;
    };
    let lib = code(lib);
    for statement in lib.split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, rest)) = path.split_once("::") else {
            continue;
        };
        if !modules.contains(module.trim()) {
            continue;
        }
        for name in rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            if !name.is_empty() && name != "self" {
                out.insert(name.to_owned(), module.trim().to_owned());
            }
        }
    }
    out
}

/// The dependency graph of the top-level modules.
fn top_graph(files: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = files.keys().filter_map(|f| top_module(f)).collect();
    let reexported = reexports(files, &modules);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, text) in files {
        let Some(from) = top_module(file) else {
            continue;
        };
        let deps = graph.entry(from.clone()).or_default();
        for head in heads(&code(text), "crate::") {
            let to = if modules.contains(&head) {
                head
            } else if let Some(module) = reexported.get(&head) {
                module.clone()
            } else {
                continue;
            };
            if to != from {
                deps.insert(to);
            }
        }
    }
    graph
}

/// Every use of a module in a higher layer than the user's, as `user -> used (layer)`, and
/// every module that is in no layer.
fn layer_violations(
    graph: &BTreeMap<String, BTreeSet<String>>,
    layers: &[(&str, &[&str])],
) -> Vec<String> {
    let layer_of = |module: &str| layers.iter().position(|(_, ms)| ms.contains(&module));
    let mut out = Vec::new();
    for (from, deps) in graph {
        let Some(at) = layer_of(from) else {
            out.push(format!("`{from}` is in no layer"));
            continue;
        };
        for to in deps {
            match layer_of(to) {
                Some(to_layer) if to_layer > at => out.push(format!(
                    "`{from}` ({}) uses `{to}` ({}), a higher layer",
                    layers[at].0, layers[to_layer].0
                )),
                Some(_) => {}
                None => out.push(format!("`{to}` is in no layer")),
            }
        }
    }
    out
}

/// The dependency graph of the files of one folder (`emit/types.rs` → `emit::types`), without
/// the folder's `mod.rs` (the parent every file of the folder may use).
fn folder_graph(
    files: &BTreeMap<String, String>,
    folder: &str,
) -> BTreeMap<String, BTreeSet<String>> {
    let members: BTreeSet<String> = files
        .keys()
        .filter_map(|f| f.strip_prefix(&format!("{folder}/")))
        .filter(|f| *f != "mod.rs" && !f.contains('/'))
        .map(|f| f.trim_end_matches(".rs").to_owned())
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for from in &members {
        let text = code(&files[&format!("{folder}/{from}.rs")]);
        let mut deps: BTreeSet<String> = heads(&text, "super::");
        let absolute = format!("crate::{folder}::");
        deps.extend(heads(&text, &absolute));
        graph.insert(
            format!("{folder}::{from}"),
            deps.into_iter()
                .filter(|d| d != from && members.contains(d))
                .map(|d| format!("{folder}::{d}"))
                .collect(),
        );
    }
    graph
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let files = sources();
    let graph = top_graph(&files);
    assert!(graph.len() >= 10, "{graph:?}");
    // The model depends on nothing but the error type; the stages depend on it.
    assert!(
        graph["model"].iter().all(|d| d == "error"),
        "model uses {:?}",
        graph["model"]
    );
    assert!(graph["emit"].contains("model") && graph["lower"].contains("model"));
    if let Some(c) = cycle(&graph) {
        panic!("import cycle between modules: {}", c.join(" -> "));
    }
}

#[test]
fn no_import_cycle_inside_a_module_folder() {
    for (root, expected) in [(src(), "emit"), (runtime_src(), "client")] {
        let files = sources_in(&root);
        let folders: BTreeSet<String> = files
            .keys()
            .filter_map(|f| f.split_once('/').map(|(d, _)| d.to_owned()))
            .collect();
        assert!(folders.contains(expected), "{folders:?}");
        for folder in folders {
            let graph = folder_graph(&files, &folder);
            if let Some(c) = cycle(&graph) {
                panic!(
                    "import cycle inside `{}/{folder}/`: {}",
                    root.display(),
                    c.join(" -> ")
                );
            }
        }
    }
}

/// The runtime's modules import downward only: no cycle between them, and none uses a module of
/// a higher layer of [`RUNTIME_LAYERS`].
#[test]
fn the_runtime_imports_downward_only() {
    let files = sources_in(&runtime_src());
    let graph = top_graph(&files);
    // The graph is read: the client uses the layers below it.
    assert!(
        ["auth", "request", "response", "error"]
            .iter()
            .all(|m| graph["client"].contains(*m)),
        "client uses {:?}",
        graph["client"]
    );
    if let Some(c) = cycle(&graph) {
        panic!("import cycle between runtime modules: {}", c.join(" -> "));
    }
    let violations = layer_violations(&graph, RUNTIME_LAYERS);
    assert!(violations.is_empty(), "{violations:#?}");
}

/// A deliberate back-import across layers, the error layer using the client (by its module
/// path or by the crate root's re-export), fails the layer check and closes a cycle.
#[test]
fn the_layer_check_finds_back_imports() {
    let mut files = BTreeMap::new();
    let lib =
        "mod client; mod error;\npub use client::{Client, ClientBuilder};\npub use error::Error;";
    files.insert("lib.rs".to_owned(), lib.to_owned());
    files.insert(
        "client/mod.rs".to_owned(),
        "use crate::error::Error; mod builder;".to_owned(),
    );
    files.insert(
        "client/builder.rs".to_owned(),
        "use super::Client; use crate::Error;".to_owned(),
    );
    let layers: &[(&str, &[&str])] = &[("errors", &["error"]), ("client", &["client"])];
    for back_import in [
        "fn f(c: &crate::Client) {}",
        "use crate::client::Client;",
        "use crate::{client::ClientBuilder, sid};",
    ] {
        files.insert("error.rs".to_owned(), back_import.to_owned());
        let graph = top_graph(&files);
        assert_eq!(
            layer_violations(&graph, layers),
            vec!["`error` (errors) uses `client` (client), a higher layer".to_owned()],
            "{back_import}"
        );
        assert!(cycle(&graph).is_some(), "{back_import}");
    }
    // Without it: nothing to report. A macro's `$crate::` path and a comment are not uses.
    files.insert(
        "error.rs".to_owned(),
        "// crate::Client\nmacro_rules! m { () => { $crate::Client } }".to_owned(),
    );
    let graph = top_graph(&files);
    assert!(layer_violations(&graph, layers).is_empty(), "{graph:?}");
    assert_eq!(cycle(&graph), None);
    // A module in no layer is reported.
    files.insert("wait.rs".to_owned(), String::new());
    assert_eq!(
        layer_violations(&top_graph(&files), layers),
        vec!["`wait` is in no layer".to_owned()]
    );
}

/// The checks above find cycles (a check that cannot fail proves nothing).
#[test]
fn the_cycle_check_finds_cycles() {
    let mut files = BTreeMap::new();
    files.insert("a.rs".to_owned(), "use crate::{b, c::D};".to_owned());
    files.insert("b.rs".to_owned(), "fn f() { crate::model::x() }".to_owned());
    files.insert("c.rs".to_owned(), "use crate::a::X; // crate::b".to_owned());
    files.insert(
        "model.rs".to_owned(),
        "#[cfg(test)] use crate::a;".to_owned(),
    );
    files.insert("e/mod.rs".to_owned(), "pub mod f; pub mod g;".to_owned());
    files.insert("e/f.rs".to_owned(), "use super::{Cx, g};".to_owned());
    files.insert("e/g.rs".to_owned(), "use crate::e::f::x;".to_owned());
    let top = top_graph(&files);
    assert_eq!(top["a"], BTreeSet::from(["b".to_owned(), "c".to_owned()]));
    assert!(top["model"].is_empty());
    assert_eq!(
        cycle(&top),
        Some(vec!["a".to_owned(), "c".to_owned(), "a".to_owned()])
    );
    let folder = folder_graph(&files, "e");
    assert_eq!(
        cycle(&folder),
        Some(vec![
            "e::f".to_owned(),
            "e::g".to_owned(),
            "e::f".to_owned()
        ])
    );
}

#[test]
fn no_source_file_over_700_lines() {
    let mut files: Vec<(String, usize)> = Vec::new();
    for (root, prefix) in [(src(), "generator/src"), (runtime_src(), "runtime/src")] {
        let found = sources_in(&root);
        assert!(found.contains_key("lib.rs"), "{}", root.display());
        files.extend(
            found
                .iter()
                .map(|(f, text)| (format!("{prefix}/{f}"), text.lines().count())),
        );
    }
    let long: Vec<String> = files
        .iter()
        .filter(|(f, n)| *n > MAX_LINES && !LONG_FILES.iter().any(|(l, _)| l == f))
        .map(|(f, n)| format!("{f}: {n} lines"))
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
    for (file, reason) in LONG_FILES {
        assert!(
            files.iter().any(|(f, n)| f == file && *n > MAX_LINES),
            "{file} is no longer over {MAX_LINES} lines ({reason}): remove it from LONG_FILES"
        );
    }
}

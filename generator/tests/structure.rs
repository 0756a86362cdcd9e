//! The generator's structure, checked: no import cycle between its top-level modules, nor between
//! the files of one module folder (`emit/`, `lower/`, `names/`), and no source file over 700
//! lines. Run alone with `cargo test -p twilio-codegen --test structure`.
//!
//! Dependencies are read from the source text: every `crate::x` path (in `use` declarations and
//! in code, braces included: `use crate::{a, b}`) and, inside a folder, every `super::y` naming a
//! sibling file. Test modules (`#[cfg(test)]` onwards) and comments are left out.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The most lines a generator source file may have.
const MAX_LINES: usize = 700;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, by its path relative to `src/` (with `/`).
fn sources() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(src())
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
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '#') {
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

/// The dependency graph of the top-level modules.
fn top_graph(files: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = files.keys().filter_map(|f| top_module(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, text) in files {
        let Some(from) = top_module(file) else {
            continue;
        };
        let deps = graph.entry(from.clone()).or_default();
        for to in heads(&code(text), "crate::") {
            if to != from && modules.contains(&to) {
                deps.insert(to);
            }
        }
    }
    graph
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
    let files = sources();
    let folders: BTreeSet<String> = files
        .keys()
        .filter_map(|f| f.split_once('/').map(|(d, _)| d.to_owned()))
        .collect();
    assert!(folders.contains("emit") && folders.contains("lower"));
    for folder in folders {
        let graph = folder_graph(&files, &folder);
        if let Some(c) = cycle(&graph) {
            panic!("import cycle inside `{folder}/`: {}", c.join(" -> "));
        }
    }
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
    let long: Vec<String> = sources()
        .iter()
        .map(|(f, text)| (f, text.lines().count()))
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(f, n)| format!("{f}: {n} lines"))
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
}

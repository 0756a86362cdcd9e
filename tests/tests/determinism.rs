//! Determinism: reordering the keys of every mapping of a spec (reversed, and shuffled with fixed
//! seeds) gives byte-identical output. Sequences keep their order: theirs is meaningful (the
//! `required` list orders constructor arguments, parameters are listed in order).
//!
//! Checked on `spec/calls.yaml`, and on the Calls slice of Twilio's document when `../shared` is
//! there (otherwise that part prints why it skipped; with `CI=true` it fails).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use serde_yaml::{Mapping, Value};
use twilio_codegen::{Selection, project};

/// How to reorder the entries of one mapping.
#[derive(Clone, Copy, Debug)]
enum Order {
    Reversed,
    Shuffled(u64),
}

/// xorshift64*: a fixed, dependency-free sequence for the shuffles.
fn next(state: &mut u64) -> u64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_F491_4F6C_DD1D)
}

/// `v` with the entries of every mapping (at every depth) reordered.
fn reorder(v: &Value, order: Order, state: &mut u64) -> Value {
    match v {
        Value::Mapping(m) => {
            let mut entries: Vec<(Value, Value)> = m
                .iter()
                .map(|(k, v)| (k.clone(), reorder(v, order, state)))
                .collect();
            match order {
                Order::Reversed => entries.reverse(),
                Order::Shuffled(_) => {
                    for i in (1..entries.len()).rev() {
                        let j = (next(state) % (i as u64 + 1)) as usize;
                        entries.swap(i, j);
                    }
                }
            }
            Value::Mapping(entries.into_iter().collect::<Mapping>())
        }
        Value::Sequence(s) => Value::Sequence(s.iter().map(|v| reorder(v, order, state)).collect()),
        Value::Tagged(t) => reorder(&t.value, order, state),
        other => other.clone(),
    }
}

/// The keys of every mapping, in document order, as one list (to prove the reordering happened).
fn key_order(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Mapping(m) => {
            for (k, v) in m {
                out.push(format!("{k:?}"));
                key_order(v, out);
            }
        }
        Value::Sequence(s) => s.iter().for_each(|v| key_order(v, out)),
        _ => {}
    }
}

fn assert_order_independent(text: &str, label: &Path, selection: Selection) {
    let root = common::root();
    let options = project::options(
        &root,
        label,
        Path::new("target/determinism"),
        None,
        selection,
    );
    let expected = twilio_codegen::generate(text, &options).unwrap();
    let doc: Value = serde_yaml::from_str(text).unwrap();
    let mut original_keys = Vec::new();
    key_order(&doc, &mut original_keys);
    for order in [
        Order::Reversed,
        Order::Shuffled(0x9E37_79B9_7F4A_7C15),
        Order::Shuffled(42),
    ] {
        let seed = match order {
            Order::Reversed => 1,
            Order::Shuffled(s) => s,
        };
        let mut state = seed;
        let reordered = reorder(&doc, order, &mut state);
        let mut keys = Vec::new();
        key_order(&reordered, &mut keys);
        assert_ne!(keys, original_keys, "{order:?} changed no key order");
        let text = serde_yaml::to_string(&reordered).unwrap();
        let got = twilio_codegen::generate(&text, &options).unwrap();
        assert_eq!(
            got.files.len(),
            expected.files.len(),
            "{}: {order:?}",
            label.display()
        );
        for (a, b) in expected.files.iter().zip(&got.files) {
            assert_eq!(a.path, b.path, "{order:?}");
            assert!(
                a.text == b.text,
                "{}: {} differs when the keys are {order:?}",
                label.display(),
                a.path
            );
        }
        assert_eq!(expected.warnings, got.warnings, "{order:?}");
    }
}

#[test]
fn calls_yaml_key_order_does_not_change_the_output() {
    let root = common::root();
    let text = std::fs::read_to_string(root.join(project::DEFAULT_SPEC)).unwrap();
    assert_order_independent(
        &text,
        Path::new(project::DEFAULT_SPEC),
        Selection::default(),
    );
}

#[test]
fn upstream_calls_slice_key_order_does_not_change_the_output() {
    let Some(text) =
        common::upstream_text("upstream_calls_slice_key_order_does_not_change_the_output")
    else {
        return;
    };
    let selection = Selection {
        path_prefixes: vec![common::CALLS_PREFIX.to_owned()],
        tags: Vec::new(),
    };
    assert_order_independent(&text, &common::upstream_path(), selection);
}

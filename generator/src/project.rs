//! This repository's layout: where the spec, the generated crate and the runtime live, and the
//! options `cargo xtask codegen` uses for them. Shared by xtask and the tests, so that the check
//! that `generated/` is up to date runs exactly what the command runs.

use std::path::{Component, Path, PathBuf};

use crate::{CrateOptions, Options, Selection};

/// The default spec, relative to the workspace root.
pub const DEFAULT_SPEC: &str = "spec/calls.yaml";
/// The default output crate, relative to the workspace root.
pub const DEFAULT_OUT: &str = "generated";
/// The package name of the default output crate.
pub const DEFAULT_CRATE: &str = "twilio-calls";

/// `p` made absolute against `root`, with `.` and `..` resolved lexically.
pub fn absolute(root: &Path, p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        root.join(p)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `to` relative to `from` (both absolute), with `/` separators.
pub fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len().saturating_sub(common)];
    parts.extend(
        to.iter()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

/// The options for generating `out` from `spec` inside the workspace at `root`.
pub fn options(
    root: &Path,
    spec: &Path,
    out: &Path,
    crate_name: Option<&str>,
    selection: Selection,
) -> Options {
    let spec = absolute(root, spec);
    let out = absolute(root, out);
    let default_out = out == root.join(DEFAULT_OUT);
    let name = crate_name.map(str::to_owned).unwrap_or_else(|| {
        if default_out {
            DEFAULT_CRATE.to_owned()
        } else {
            out.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "twilio-client".to_owned())
        }
    });
    Options {
        selection,
        krate: CrateOptions {
            name,
            version: "0.1.0".to_owned(),
            runtime_path: relative(&out, &root.join("runtime")),
            standalone: !default_out,
            source_label: relative(root, &spec),
        },
    }
}

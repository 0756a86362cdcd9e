//! This repository's layout: where the specs, the generated crates and the runtime live ([`CLIENTS`]),
//! and the options `cargo xtask codegen` uses for them. Shared by xtask and the tests, so that the check
//! that `generated/` is up to date runs exactly what the command runs.

use std::path::{Component, Path, PathBuf};

use crate::{CrateOptions, Options, Overlay, Overlays, Selection};

mod package_name;
pub mod workspace;

pub use package_name::{check_package_name, generated_name, package_name_for};
pub use workspace::{workspace_note, workspace_root_of};

/// One client crate of this repository: the spec it is generated from, its folder and its package
/// name (all relative to the workspace root).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client {
    /// The OpenAPI document.
    pub spec: &'static str,
    /// The crate folder (a workspace member).
    pub out: &'static str,
    /// The package name.
    pub krate: &'static str,
    /// Overlays applied to the spec, after the shipped ones that recognise it, in this order
    /// (files relative to the workspace root).
    pub overlays: &'static [&'static str],
}

/// Every client `cargo xtask codegen` writes: the one mapping from spec to folder to crate name.
/// Every spec under `spec/` must be here (`cargo xtask codegen` refuses to run otherwise).
pub const CLIENTS: &[Client] = &[
    Client {
        spec: DEFAULT_SPEC,
        out: DEFAULT_OUT,
        krate: DEFAULT_CRATE,
        overlays: &[],
    },
    Client {
        spec: "spec/twilio-2008-08-01-calls.yaml",
        out: "generated-2008-08-01",
        krate: "twilio-calls-2008",
        overlays: &[],
    },
    Client {
        spec: "spec/app-2010-06-01-calls.yaml",
        out: "generated-app-2010-06-01",
        krate: "twilio-app-calls",
        overlays: &[],
    },
];

/// The default spec, relative to the workspace root.
pub const DEFAULT_SPEC: &str = "spec/calls.yaml";
/// The default output crate, relative to the workspace root.
pub const DEFAULT_OUT: &str = "generated";
/// The package name of the default output crate.
pub const DEFAULT_CRATE: &str = "twilio-calls";

/// The client generated into `out` (absolute, or relative to `root`), if it is one of [`CLIENTS`].
pub fn client_for_out(root: &Path, out: &Path) -> Option<&'static Client> {
    let out = absolute(root, out);
    CLIENTS
        .iter()
        .find(|c| absolute(root, Path::new(c.out)) == out)
}

/// The client generated from `spec` (absolute, or relative to `root`), if it is one of
/// [`CLIENTS`].
pub fn client_for_spec(root: &Path, spec: &Path) -> Option<&'static Client> {
    let spec = absolute(root, spec);
    CLIENTS
        .iter()
        .find(|c| absolute(root, Path::new(c.spec)) == spec)
}

/// The specs under `root/spec/` (`.yaml`, `.yml`, `.json`) that [`CLIENTS`] does not list,
/// relative to `root`, sorted.
pub fn unlisted_specs(root: &Path) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root.join("spec"))? {
        let path = entry?.path();
        let is_spec = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "yaml" | "yml" | "json"));
        if is_spec && path.is_file() && client_for_spec(root, &path).is_none() {
            out.push(relative(root, &path));
        }
    }
    out.sort();
    Ok(out)
}

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

/// Where the format cache of the crate at `out` lives: `codegen-cache/` in `CARGO_TARGET_DIR`
/// when it is set, else in the workspace's `target/` for a crate inside the workspace, else in
/// the crate's own `target/` (so a crate written elsewhere never leaves a file in the checkout);
/// one index per output folder.
pub fn format_cache_index(root: &Path, out: &Path) -> PathBuf {
    let inside = out.starts_with(root);
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => absolute(root, Path::new(&dir)),
        None if inside => root.join("target"),
        None => out.join("target"),
    };
    let key = if inside {
        relative(root, out)
    } else {
        out.to_string_lossy().into_owned()
    };
    let name: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    target.join("codegen-cache").join(format!("{name}.idx"))
}

/// What generated files name as their source: the spec's path relative to the workspace root
/// (`spec/calls.yaml`) when it is inside, else its file name (`twilio_api_v2010.yaml`), never a
/// path that climbs out of the workspace.
pub fn source_label(root: &Path, spec: &Path) -> String {
    let spec = absolute(root, spec);
    if spec.starts_with(root) {
        relative(root, &spec)
    } else {
        file_name(&spec)
    }
}

/// The file name of `path` (the whole path if it has none).
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.to_string_lossy().into_owned(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The `twilio-runtime` version the generated crates need (written as `version = "..."` on the
/// dependency, a caret requirement): the version of `runtime/Cargo.toml` (a test checks it).
pub const RUNTIME_VERSION: &str = "0.1.3";

/// The public repository of this project, which the manifests of its crates would name as
/// `repository`. None is known yet: set it here (and `repository` in the root `Cargo.toml`'s
/// `[workspace.package]`, which a test compares with this) once the project is published.
pub const REPOSITORY: Option<&str> = None;

/// Where a run of the command happens: inside this repository (`cargo xtask codegen`) or not (the
/// installed `twilio-codegen`), and the runtime's path if the user asked for one.
#[derive(Debug, Clone, Copy, Default)]
pub struct Place<'a> {
    /// This repository's root, when the run is `cargo xtask codegen`.
    pub repository: Option<&'a Path>,
    /// `--runtime-path`: depend on the runtime at this (absolute) path as well as by version.
    pub runtime_path: Option<&'a Path>,
}

/// The options for generating `out` from `spec` inside the workspace at `root` (paths relative to
/// `root`, or absolute): [`options_at`] for `cargo xtask codegen`.
pub fn options(
    root: &Path,
    spec: &Path,
    out: &Path,
    crate_name: Option<&str>,
    selection: Selection,
) -> Options {
    let place = Place {
        repository: Some(root),
        runtime_path: None,
    };
    let (spec, out) = (absolute(root, spec), absolute(root, out));
    options_at(&place, &spec, &out, crate_name, selection)
}

/// The options for generating `out` from `spec` (both absolute) at `place`.
///
/// - The package name: `crate_name`, else the table's name for `out`, else the name of the
///   crate generated in `out` before, else [`package_name_for`] the document.
/// - The runtime: by version ([`RUNTIME_VERSION`]), and by path too for a crate inside this
///   repository or when `place` names a path.
/// - `[workspace]`: declared unless an enclosing cargo workspace would take the crate in
///   ([`workspace::enclosing`]), decided the same way on every run.
pub fn options_at(
    place: &Place<'_>,
    spec: &Path,
    out: &Path,
    crate_name: Option<&str>,
    selection: Selection,
) -> Options {
    let enclosing = workspace::enclosing(out);
    options_in(place, &enclosing, spec, out, crate_name, selection)
}

/// [`options_at`] for a crate in the workspace `enclosing` (as [`workspace::enclosing`] finds
/// it: a run that also needs it for the cache and the note reads the manifests above once).
pub fn options_in(
    place: &Place<'_>,
    enclosing: &workspace::Enclosing,
    spec: &Path,
    out: &Path,
    crate_name: Option<&str>,
    selection: Selection,
) -> Options {
    let listed = place.repository.and_then(|root| client_for_out(root, out));
    let name = crate_name
        .map(str::to_owned)
        .unwrap_or_else(|| match listed {
            Some(client) => client.krate.to_owned(),
            // A crate generated before keeps the name it was given (`--crate-name` once).
            None => package_name::generated_name(out).unwrap_or_else(|| package_name_for(spec)),
        });
    let runtime_path = match (place.runtime_path, place.repository) {
        (Some(path), _) => Some(relative(out, path)),
        (None, Some(root)) if out.starts_with(root) => Some(relative(out, &root.join("runtime"))),
        (None, _) => None,
    };
    let source_label = match place.repository {
        Some(root) => source_label(root, spec),
        None => file_name(spec),
    };
    Options {
        selection,
        overlays: Overlays::default(),
        krate: CrateOptions {
            documentation: listed.map(|_| format!("https://docs.rs/{name}")),
            name,
            // The version the crate has now (what `changes::generate` raises when its API
            // changes), so that a run without history writes the same manifest.
            version: crate::changes::Previous::version_at(out)
                .unwrap_or_else(|| crate::changes::FIRST_VERSION.to_owned()),
            runtime_version: RUNTIME_VERSION.to_owned(),
            runtime_path,
            standalone: matches!(enclosing, workspace::Enclosing::Own),
            // This repository's published crates (the table's); not a crate the tests write
            // under `target/`, nor a user's.
            repository: listed.and(REPOSITORY).map(str::to_owned),
            source_label,
        },
    }
}

/// The overlay files `files` (absolute, or relative to `root`) read in order, each labelled with
/// its path relative to `root` when inside it (else as given).
pub fn read_overlays(root: &Path, files: &[PathBuf]) -> Result<Vec<Overlay>, crate::Error> {
    files
        .iter()
        .map(|file| {
            let path = absolute(root, file);
            let text = std::fs::read_to_string(&path).map_err(|e| crate::Error::io(&path, e))?;
            let label = if path.starts_with(root) {
                relative(root, &path)
            } else {
                file.to_string_lossy().into_owned()
            };
            Ok(Overlay { label, text })
        })
        .collect()
}

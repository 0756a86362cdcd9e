//! Package names: the default one a document gives, and the check of a name the user gives.

use std::path::Path;

/// Names cargo or crates.io refuse as a package name: Rust keywords, the standard crates, cargo's
/// own folder names and the names Windows reserves for devices.
const RESERVED: &[&str] = &[
    "abstract",
    "as",
    "async",
    "await",
    "become",
    "box",
    "break",
    "const",
    "continue",
    "crate",
    "do",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "final",
    "fn",
    "for",
    "gen",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "macro",
    "match",
    "mod",
    "move",
    "mut",
    "override",
    "priv",
    "pub",
    "ref",
    "return",
    "self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "try",
    "type",
    "typeof",
    "unsafe",
    "unsized",
    "use",
    "virtual",
    "where",
    "while",
    "yield",
    "std",
    "core",
    "alloc",
    "proc_macro",
    "proc-macro",
    "test",
    "build",
    "deps",
    "examples",
    "incremental",
    "con",
    "prn",
    "aux",
    "nul",
    "com1",
    "com2",
    "com3",
    "com4",
    "com5",
    "com6",
    "com7",
    "com8",
    "com9",
    "lpt1",
    "lpt2",
    "lpt3",
    "lpt4",
    "lpt5",
    "lpt6",
    "lpt7",
    "lpt8",
    "lpt9",
];

/// The longest package name crates.io accepts.
const MAX_LEN: usize = 64;

/// The package name a user would pick for the client of the document at `spec`, made from its
/// file name: lower case, every run of other characters than ASCII letters and digits one `-`
/// (`twilio_api_v2010.yaml` gives `twilio-api-v2010`, `x_segments_2.0_v3.yaml` gives
/// `x-segments-2-0-v3`). Always valid ([`check_package_name`]): a name that would start with a
/// digit gets `twilio-` in front, a reserved one `-client` after, an empty one is `twilio-client`.
pub fn package_name_for(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let mut name = name.trim_end_matches('-').to_owned();
    if name.is_empty() {
        name = "twilio-client".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("twilio-{name}");
    }
    if RESERVED.contains(&name.as_str()) {
        name.push_str("-client");
    }
    if name.len() > MAX_LEN {
        name.truncate(MAX_LEN);
        name = name.trim_end_matches('-').to_owned();
    }
    name
}

/// The package name of the crate generated in `out` before (its manifest starts with the
/// generator's header), if there is one and it is valid.
pub fn generated_name(out: &Path) -> Option<String> {
    let text = std::fs::read_to_string(out.join("Cargo.toml")).ok()?;
    if !text.starts_with(crate::write::MANIFEST_MARKER) {
        return None;
    }
    let doc = text.parse::<toml_edit::DocumentMut>().ok()?;
    let name = doc.get("package")?.get("name")?.as_str()?.to_owned();
    check_package_name(&name).ok().map(|()| name)
}

/// Whether cargo and crates.io accept `name` as a package name; the error says why not.
pub fn check_package_name(name: &str) -> Result<(), String> {
    let why = if name.is_empty() {
        "it is empty".to_owned()
    } else if name.len() > MAX_LEN {
        format!("it is longer than {MAX_LEN} characters")
    } else if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        format!("`{c}` is not an ASCII letter, digit, `-` or `_`")
    } else if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        "it does not start with an ASCII letter".to_owned()
    } else if RESERVED.contains(&name.to_ascii_lowercase().as_str()) {
        "it is reserved (a Rust keyword, a standard crate or a name cargo or Windows keeps)"
            .to_owned()
    } else {
        return Ok(());
    };
    Err(format!("`{name}` cannot be a package name: {why}"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn a_document_gives_the_name_a_user_would_pick() {
        let cases = [
            (
                "../shared/twilio-oai/twilio_api_v2010.yaml",
                "twilio-api-v2010",
            ),
            ("x_segments_2.0_v3.yaml", "x-segments-2-0-v3"),
            ("/tmp/Twilio Messaging (v1).json", "twilio-messaging-v1"),
            ("2010-04-01.yaml", "twilio-2010-04-01"),
            ("__.yaml", "twilio-client"),
            ("test.yaml", "test-client"),
            ("fn.yml", "fn-client"),
        ];
        for (spec, want) in cases {
            let got = package_name_for(Path::new(spec));
            assert_eq!(got, want, "{spec}");
            assert_eq!(check_package_name(&got), Ok(()), "{spec}");
        }
        let long = format!("{}.yaml", "a_".repeat(40));
        let got = package_name_for(Path::new(&long));
        assert!(got.len() <= MAX_LEN && !got.ends_with('-'), "{got}");
        assert_eq!(check_package_name(&got), Ok(()));
    }

    #[test]
    fn a_regenerated_crate_keeps_its_name() {
        let dir = std::env::temp_dir().join(format!("twilio-codegen-name-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(generated_name(&dir), None);
        let manifest = format!(
            "{}\n[package]\nname = \"sms\"\n",
            crate::write::MANIFEST_MARKER
        );
        std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
        assert_eq!(generated_name(&dir).as_deref(), Some("sms"));
        // A hand-written manifest is not the generator's to read.
        std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
        assert_eq!(generated_name(&dir), None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn names_cargo_refuses_are_refused_with_the_reason() {
        for (name, why) in [
            ("", "empty"),
            ("x_segments_2.0_v3", "`.`"),
            ("2fa", "start with an ASCII letter"),
            ("-x", "start with an ASCII letter"),
            ("self", "reserved"),
            ("Nul", "reserved"),
            ("naïve", "`ï`"),
        ] {
            let err = check_package_name(name).expect_err(name);
            assert!(err.contains(why), "{name}: {err}");
        }
        assert_eq!(check_package_name("twilio_api-v2010"), Ok(()));
    }
}

//! The two legacy specs (`spec/twilio-2008-08-01-calls.yaml`, seeds 001 and 002;
//! `spec/app-2010-06-01-calls.yaml`, seed 000) are valid OpenAPI 3.0 documents and hold what the
//! seeds state: paths, methods, parameters, properties, the status values and flag bits, checked
//! against the seed pages themselves. The seed examples under `tests/fixtures/seeds/` are checked
//! to be cut from the seeds. Without `../shared` (beside the workspace root) the comparisons with
//! the seeds print a note and pass (with `CI=true` they fail); the rest still runs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn spec(name: &str) -> (openapiv3::OpenAPI, Value) {
    let text = std::fs::read_to_string(root().join("spec").join(name)).unwrap();
    let api: openapiv3::OpenAPI =
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name} is not OpenAPI 3.0: {e}"));
    assert!(api.openapi.starts_with("3.0"), "{name}: {}", api.openapi);
    (api, serde_yaml::from_str(&text).unwrap())
}

/// The seed page `../shared/seeds/{prefix}_*`, or `None` (with a note) when `../shared` is not
/// there; with `CI=true` its absence fails the test (see `common::shared_missing`).
fn seed(prefix: &str) -> Option<String> {
    common::seed_text("legacy_specs", prefix)
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

fn methods(raw: &Value, path: &str) -> BTreeSet<String> {
    keys(&raw["paths"][path])
        .into_iter()
        .filter(|k| {
            matches!(
                k.as_str(),
                "get" | "put" | "post" | "delete" | "patch" | "head" | "options" | "trace"
            )
        })
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn legacy_2008_spec_holds_the_seeds_facts() {
    let (api, raw) = spec("twilio-2008-08-01-calls.yaml");
    let paths: BTreeSet<String> = api.paths.paths.keys().cloned().collect();
    let calls = "/2008-08-01/Accounts/{AccountSid}/Calls";
    let expected: BTreeSet<String> = [
        "",
        "/{CallSid}",
        "/{CallSid}/Segments",
        "/{CallSid}/Segments/{CallSegmentSid}",
        "/{CallSid}/Recordings",
        "/{CallSid}/Notifications",
    ]
    .iter()
    .map(|s| format!("{calls}{s}"))
    .collect();
    assert_eq!(paths, expected);
    // GET and POST on the list; GET only elsewhere (the instance's POST, a redirect, is on a
    // page we do not have; PUT and DELETE are not supported).
    assert_eq!(methods(&raw, calls), set(&["get", "post"]));
    for p in expected.iter().filter(|p| *p != calls) {
        assert_eq!(methods(&raw, p), set(&["get"]), "{p}");
    }
    let form = &raw["components"]["schemas"]["create_call_request"];
    assert_eq!(
        keys(&form["properties"]),
        set(&[
            "Caller",
            "Called",
            "Url",
            "Method",
            "SendDigits",
            "IfMachine",
            "Timeout"
        ])
    );
    assert_eq!(
        form["required"],
        serde_json::json!(["Caller", "Called", "Url"])
    );
    assert_eq!(
        form["properties"]["IfMachine"]["enum"],
        serde_json::json!(["Continue", "Hangup"])
    );
    assert_eq!(form["properties"]["Timeout"]["maximum"], 999);
    let list = &raw["paths"][calls]["get"]["parameters"];
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Called",
            "Caller",
            "Status",
            "StartTime",
            "StartTime>",
            "StartTime<"
        ]
    );
    let call = &raw["components"]["schemas"]["call"];
    let props = keys(&call["properties"]);
    let status = &raw["components"]["schemas"]["call_enum_status"];
    assert_eq!(status["enum"], serde_json::json!([0, 1, 2, 3, 4, 5]));
    let flags: Vec<(String, u64)> =
        raw["components"]["schemas"]["call_enum_flags"]["x-twilio-codegen-flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["name"].as_str().unwrap().to_owned(),
                    f["value"].as_u64().unwrap(),
                )
            })
            .collect();
    assert_eq!(flags.iter().map(|f| f.1).collect::<Vec<_>>(), [1, 2, 4]);

    let (Some(s001), Some(s002)) = (seed("001"), seed("002")) else {
        return;
    };
    // Every path is in the seeds (they write the account `{YourAccountSid}`).
    for p in &expected {
        let written = p.replace("{AccountSid}", "{YourAccountSid}");
        assert!(
            s002.contains(&written) || s001.contains(&written),
            "{written}"
        );
    }
    // The POST parameters are the rows of seed 001's table, with their optionality.
    for name in keys(&form["properties"]) {
        let required = form["required"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == name.as_str());
        let row = format!(" {name} ");
        let line = s001
            .lines()
            .find(|l| l.starts_with(&row) || l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no row for {name}"));
        let cell = if required {
            "| Required |"
        } else {
            "| Optional |"
        };
        assert!(line.contains(cell), "{name}: {line}");
    }
    // The properties are the rows of seed 002's table.
    let table: BTreeSet<String> = s002
        .lines()
        .skip_while(|l| !l.starts_with("Property"))
        .skip(2)
        .take_while(|l| l.contains('|'))
        .map(|l| l.split('|').next().unwrap().trim().to_owned())
        .collect();
    assert_eq!(props, table);
    // The status meanings, as the seed lists them.
    let meanings = "0 = Not Yet Dialed, 1 = In Progress, 2 = Complete, 3 = Failed - Busy, 4 = Failed - Application Error, 5 = Failed - No Answer";
    assert!(s002.contains(meanings));
    let names: Vec<String> = status["x-enum-varnames"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_owned())
        .collect();
    let from_seed: Vec<String> = meanings
        .split(", ")
        .map(|m| {
            m.split_once(" = ")
                .unwrap()
                .1
                .split(|c: char| !c.is_alphanumeric())
                .collect::<String>()
        })
        .collect();
    assert_eq!(names, from_seed);
    assert!(s002.contains("1 means the call was inbound, 2 means the call was initiated by the API, 4 means the call segment was initiated by a Dial verb"));
    assert!(s002.contains("Integer between 0 and 2"));
    assert!(s001.contains("the maximum is 999 seconds"));
}

#[test]
fn app_2010_06_01_spec_holds_the_seeds_facts() {
    let (api, raw) = spec("app-2010-06-01-calls.yaml");
    let paths: BTreeSet<String> = api.paths.paths.keys().cloned().collect();
    assert_eq!(paths, set(&["/2010-06-01/Calls", "/2010-06-01/Calls.xml"]));
    for p in &paths {
        // GET, PUT and DELETE are "Not Implemented".
        assert_eq!(methods(&raw, p), set(&["post"]), "{p}");
    }
    assert_eq!(api.servers[0].url, "{install}/api");
    let form = &raw["components"]["requestBodies"]["create_call"]["content"]["application/x-www-form-urlencoded"]
        ["schema"];
    assert_eq!(keys(&form["properties"]), set(&["To", "From", "Callerid"]));
    assert_eq!(form["required"], serde_json::json!(["To"]));
    let call = &raw["components"]["schemas"]["call"];
    let props = keys(&call["properties"]);
    let false_is_null: BTreeSet<String> = props
        .iter()
        .filter(|p| call["properties"][p.as_str()]["x-twilio-codegen-false-is-null"] == true)
        .cloned()
        .collect();
    assert_eq!(false_is_null, set(&["EndTime", "MessageSid", "ReplySid"]));

    let Some(s000) = seed("000") else {
        return;
    };
    // The properties are the table's rows, plus `Version` (in the JSON example).
    let mut table: BTreeSet<String> = s000
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<td>"))
        .filter_map(|l| l.strip_suffix("</td>"))
        .filter(|l| !l.contains(' ') && !l.is_empty())
        .map(str::to_owned)
        .collect();
    // `Callerid` is a POST parameter only (`To` and `From` are both).
    assert!(table.remove("Callerid"));
    table.insert("Version".to_owned());
    let mut expected = props.clone();
    expected.extend(["To".to_owned(), "From".to_owned()]);
    assert_eq!(table, expected);
    // `false` is what the JSON example shows for exactly these properties.
    for p in &false_is_null {
        assert!(s000.contains(&format!("\"{p}\": false")), "{p}");
    }
    assert!(s000.contains("POST /api/2010-06-01/Calls HTTP/1.1"));
    assert!(s000.contains("POST /api/2010-06-01/Calls.xml HTTP/1.1"));
    assert_eq!(s000.matches("Not Implemented").count(), 3);
}

/// The fixtures of `tests/fixtures/seeds/` are cut from the seeds (see the README there).
#[test]
fn seed_fixtures_come_from_the_seeds() {
    let dir = root().join("tests/fixtures/seeds");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            continue;
        }
        let Some(text) = seed(&name[..3]) else {
            return;
        };
        let fixture = std::fs::read_to_string(entry.path()).unwrap();
        let found = if name.ends_with(".request") {
            fixture.lines().all(|l| text.contains(l))
        } else if name.starts_with("000") {
            // One level of Markdown code-block indentation was removed.
            let indent = if name.ends_with(".json") {
                "\t"
            } else {
                "    "
            };
            let reindented: String = fixture.lines().map(|l| format!("{indent}{l}\n")).collect();
            text.contains(&reindented)
        } else {
            text.contains(&format!("~~~\n{fixture}~~~"))
        };
        assert!(found, "{name} is not cut from its seed");
        checked += 1;
    }
    assert_eq!(checked, 17);
}

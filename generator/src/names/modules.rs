//! Module names (rule "resource modules"): one module per collection (see
//! `conventions::resource_collection`), named after its last segment, with parent segments
//! prepended where two collections would share a name.

use std::collections::{BTreeMap, BTreeSet};

/// Module names the crate cannot give a resource: the crate root's file (`lib`), path keywords,
/// the crates generated code names with `::` (a module of the same name would make `use name::*`
/// ambiguous), and the shared types module.
const RESERVED_MODULES: &[&str] = &[
    "lib",
    "main",
    "self",
    "super",
    "crate",
    "std",
    "core",
    "alloc",
    "serde",
    "serde_json",
    "time",
    "twilio_runtime",
    crate::model::SHARED_MODULE,
    crate::model::WEBHOOKS_MODULE,
    "navigation",
    "mock",
];

/// The module name of each collection: the last segment (`Recordings` → `recordings`); where two
/// collections would share a name, parent segments are prepended (`calls_recordings`,
/// `accounts_recordings`) until they differ or run out.
pub fn module_names(collections: &BTreeSet<&Vec<String>>) -> BTreeMap<Vec<String>, String> {
    let mut depth_of: BTreeMap<&Vec<String>, usize> = collections.iter().map(|c| (*c, 1)).collect();
    loop {
        let mut by_name: BTreeMap<String, Vec<&Vec<String>>> = BTreeMap::new();
        for chain in collections {
            let depth = depth_of.get(*chain).copied().unwrap_or(1);
            by_name
                .entry(module_name(chain, depth))
                .or_default()
                .push(chain);
        }
        let mut grew = false;
        for chains in by_name.values().filter(|c| c.len() > 1) {
            for chain in chains {
                if let Some(d) = depth_of.get_mut(*chain)
                    && *d < chain.len()
                {
                    *d += 1;
                    grew = true;
                }
            }
        }
        if !grew {
            break;
        }
    }
    collections
        .iter()
        .map(|chain| {
            let depth = depth_of.get(*chain).copied().unwrap_or(1);
            ((*chain).clone(), module_name(chain, depth))
        })
        .collect()
}

/// The module (and file) name of a collection: snake case, a valid identifier that is also a file
/// name (`r#type` lives in `type.rs`), never one of [`RESERVED_MODULES`] (those get `_resource`).
fn module_name(chain: &[String], depth: usize) -> String {
    let start = chain.len().saturating_sub(depth);
    let joined = chain.get(start..).unwrap_or_default().join("_");
    let name = crate::casing::snake(&joined);
    if name.is_empty() {
        "root".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{name}")
    } else if RESERVED_MODULES.contains(&name.as_str()) {
        format!("{name}_resource")
    } else {
        name
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::conventions::resource_collection;

    fn modules(paths: &[&str]) -> Vec<String> {
        let chains: Vec<Vec<String>> = paths.iter().map(|p| resource_collection(p)).collect();
        let names = module_names(&chains.iter().collect());
        chains.iter().map(|c| names[c].clone()).collect()
    }

    #[test]
    fn names() {
        let m = modules(&[
            "/2010-04-01/Accounts/{AccountSid}/Calls.json",
            "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json",
            "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings.json",
            "/2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.json",
            "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/UserDefinedMessages.json",
        ]);
        assert_eq!(
            m,
            [
                "calls",
                "calls",
                "calls_recordings",
                "accounts_recordings",
                "user_defined_messages"
            ]
        );
        assert_eq!(
            modules(&["/2010-06-01/Calls", "/2010-06-01/Calls.xml"]),
            ["calls", "calls"]
        );
        assert_eq!(
            modules(&["/types", "/2010/{x}"]),
            ["types_resource", "root"]
        );
    }
}

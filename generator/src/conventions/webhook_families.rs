//! Rule "webhook families": the parameters Twilio numbers from 0 in the requests it sends
//! (`MediaUrl0`, `MediaContentType0`, `MediaUrl1`, ...), read as one list of pairs in index order.

use crate::casing::heck_upper_camel;

/// A family found in a callback's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookFamily {
    /// The words the two prefixes share (`Media`), naming the list; both prefixes joined when
    /// they share none.
    pub common: String,
    /// The two prefixes, in wire-name order (`MediaContentType`, `MediaUrl`).
    pub prefixes: [String; 2],
    /// What each prefix adds to [`common`](Self::common) (`ContentType`, `Url`): the item's
    /// fields.
    pub keys: [String; 2],
    /// The declared members (`MediaUrl0` ...), to be replaced by the list.
    pub members: Vec<String>,
}

/// `("MediaUrl", 3)` for `MediaUrl3`: a parameter name of letters ending in a decimal index
/// (no leading zero).
pub fn member(wire_name: &str) -> Option<(&str, usize)> {
    let at = wire_name.find(|c: char| c.is_ascii_digit())?;
    let (prefix, digits) = wire_name.split_at(at);
    let valid = !prefix.is_empty()
        && prefix.chars().all(|c| c.is_ascii_alphabetic())
        && digits.chars().all(|c| c.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if !valid {
        return None;
    }
    Some((prefix, digits.parse().ok()?))
}

/// The families among a callback's parameter names: exactly two prefixes declared with the same
/// indices, starting at 0 (`MediaUrl0..9` with `MediaContentType0..9`). Any other numbered
/// parameter stays a plain field.
pub fn families<'a>(names: impl Iterator<Item = &'a str>) -> Vec<WebhookFamily> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut indices: BTreeMap<&str, (BTreeSet<usize>, Vec<&str>)> = BTreeMap::new();
    for name in names {
        if let Some((prefix, n)) = member(name) {
            let entry = indices.entry(prefix).or_default();
            entry.0.insert(n);
            entry.1.push(name);
        }
    }
    let mut by_indices: BTreeMap<&BTreeSet<usize>, Vec<&str>> = BTreeMap::new();
    for (prefix, (set, _)) in &indices {
        if set.contains(&0) {
            by_indices.entry(set).or_default().push(prefix);
        }
    }
    let mut out = Vec::new();
    for prefixes in by_indices.values() {
        let [a, b] = prefixes.as_slice() else {
            continue;
        };
        let words = |p: &str| split_words(&heck_upper_camel(p));
        let (wa, wb) = (words(a), words(b));
        let shared = wa.iter().zip(&wb).take_while(|(x, y)| x == y).count();
        let common: String = wa.iter().take(shared).map(String::as_str).collect();
        let rest = |w: &[String], p: &str| {
            let r: String = w.iter().skip(shared).map(String::as_str).collect();
            if r.is_empty() { p.to_owned() } else { r }
        };
        let (ka, kb) = (rest(&wa, a), rest(&wb, b));
        let members = [a, b]
            .iter()
            .flat_map(|p| indices.get(*p).map(|(_, m)| m.clone()).unwrap_or_default())
            .map(str::to_owned)
            .collect();
        out.push(WebhookFamily {
            common: if common.is_empty() {
                format!("{a}{b}")
            } else {
                common
            },
            prefixes: [(*a).to_owned(), (*b).to_owned()],
            keys: [ka, kb],
            members,
        });
    }
    out
}

/// `["Media", "Content", "Type"]` for `MediaContentType`: the words of an UpperCamelCase name.
fn split_words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in name.chars() {
        match out.last_mut() {
            Some(word) if !c.is_ascii_uppercase() => word.push(c),
            _ => out.push(c.to_string()),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn media_pairs_numbered_from_zero_are_one_family() {
        let names = [
            "Body",
            "MediaContentType0",
            "MediaContentType1",
            "MediaUrl0",
            "MediaUrl1",
            "NumMedia",
        ];
        let found = families(names.into_iter());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].common, "Media");
        assert_eq!(found[0].prefixes, ["MediaContentType", "MediaUrl"]);
        assert_eq!(found[0].keys, ["ContentType", "Url"]);
        assert_eq!(found[0].members.len(), 4);
    }

    #[test]
    fn other_numbered_names_are_not_families() {
        // From 1, one prefix alone, three prefixes, indices that differ, leading zeros.
        assert!(families(["Tag1", "Label1"].into_iter()).is_empty());
        assert!(families(["Item0", "Item1"].into_iter()).is_empty());
        assert!(families(["A0", "B0", "C0"].into_iter()).is_empty());
        assert!(families(["A0", "A1", "B0"].into_iter()).is_empty());
        assert_eq!(member("A01"), None);
        assert_eq!(member("Media10"), Some(("Media", 10)));
        assert_eq!(member("Sip2Uri"), None);
    }
}

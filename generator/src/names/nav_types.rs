//! Rule "navigation type names": the struct of a navigation node is named from the words of its
//! path. The short name has the singular of each instance above it and the node's own word
//! (`/Domains/{DomainSid}/CredentialListMappings` → `DomainCredentialListMappingsCollection`).
//! Where short names clash, the words of the static segments in between tell the nodes apart,
//! nearest first (`/Domains/{DomainSid}/Auth/Calls/CredentialListMappings` →
//! `DomainCallsCredentialListMappingsCollection`); of the nodes that clash, the one with the fewest
//! static segments after its last instance keeps the short name (when it alone has that fewest),
//! so the direct path is not renamed for a deeper one. Two instances of one collection whose
//! values differ in type (a SID and free text) are told apart by the second's value type
//! (`ConferenceByStrRef`, and its children `ConferenceByStrParticipantsCollection`). Version
//! segments (`v1`) are no words. Last, the segments as written tell a singular collection
//! (`/MessagingService/{Sid}`) from a plural one (`/MessagingServices/{Sid}`). A clash no word resolves is numbered by [`Scope::take`] with a
//! located warning.

use std::collections::BTreeMap;

use super::{Scope, fallback};

/// One word of a node's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Word {
    /// The singular of an instance's collection (`Domain`), or the node's own word: always part
    /// of the name; the second form is the collection's segment as written (`Domains`), used
    /// only where nothing else tells two names apart.
    Kept(String, String),
    /// A static segment that is not followed by an instance (`Auth`, `Calls`): part of the name
    /// only where it tells clashing names apart.
    Static(String),
}

/// A node's wanted name.
#[derive(Debug, Clone)]
pub struct Wanted {
    /// The node.
    pub node: usize,
    /// Where a warning about it points.
    pub pointer: String,
    /// The names, shortest first: each adds the next static word, nearest to the node first;
    /// the last has the segments as written.
    pub candidates: Vec<String>,
    /// Static words after the last instance (all of them without an instance).
    pub distance: usize,
}

impl Wanted {
    /// The wanted name of `node` from the words of its path, in path order, and the suffix
    /// (`Collection` or `Ref`).
    pub fn new(node: usize, pointer: &str, words: &[Word], suffix: &str) -> Wanted {
        let statics = words
            .iter()
            .filter(|w| matches!(w, Word::Static(_)))
            .count();
        let last_kept = words
            .iter()
            .take(words.len().saturating_sub(1))
            .rposition(|w| matches!(w, Word::Kept(..)));
        let distance = words
            .iter()
            .skip(last_kept.map_or(0, |p| p + 1))
            .filter(|w| matches!(w, Word::Static(_)))
            .count();
        let mut candidates: Vec<String> = (0..=statics)
            .chain([statics + 1])
            .map(|k| {
                let mut seen = 0;
                let mut name = String::new();
                for w in words {
                    match w {
                        Word::Kept(s, _) if k <= statics => name.push_str(s),
                        Word::Kept(_, written) => name.push_str(written),
                        Word::Static(s) => {
                            if seen + k >= statics {
                                name.push_str(s);
                            }
                            seen += 1;
                        }
                    }
                }
                name.push_str(suffix);
                name
            })
            .collect();
        candidates.dedup();
        Wanted {
            node,
            pointer: pointer.to_owned(),
            candidates,
            distance,
        }
    }
}

/// Decides the names of `wanted` (node → name), taking them in `scope`; a clash no word
/// resolves is numbered, with a warning in `warnings`.
pub fn resolve(
    wanted: &[Wanted],
    scope: &mut Scope,
    warnings: &mut Vec<crate::Warning>,
) -> BTreeMap<usize, String> {
    let mut pick = vec![0usize; wanted.len()];
    let name = |i: usize, pick: &[usize]| -> String {
        wanted
            .get(i)
            .and_then(|w| w.candidates.get(pick.get(i).copied().unwrap_or(0)))
            .cloned()
            .unwrap_or_default()
    };
    // Each round moves some clashing node to its next candidate, so this ends.
    loop {
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for i in 0..wanted.len() {
            groups.entry(name(i, &pick)).or_default().push(i);
        }
        let mut moved = false;
        for group in groups.values().filter(|g| g.len() > 1) {
            let distance = |i: &usize| wanted.get(*i).map_or(0, |w| w.distance);
            let fewest = group.iter().map(distance).min().unwrap_or(0);
            let nearest: Vec<usize> = group
                .iter()
                .copied()
                .filter(|i| distance(i) == fewest)
                .collect();
            let keeper = match nearest.as_slice() {
                [one] => Some(*one),
                _ => None,
            };
            for &i in group {
                let more = wanted.get(i).map_or(0, |w| w.candidates.len());
                if Some(i) != keeper
                    && let Some(p) = pick.get_mut(i)
                    && *p + 1 < more
                {
                    *p += 1;
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
    let mut names = BTreeMap::new();
    for (i, w) in wanted.iter().enumerate() {
        let want = name(i, &pick);
        let (got, changed) = scope.take(&want);
        if changed {
            warnings.push(fallback(&w.pointer, "navigation type", &want, &got));
        }
        names.insert(w.node, got);
    }
    names
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn kept(s: &str) -> Word {
        Word::Kept(s.to_owned(), s.to_owned())
    }
    fn stat(s: &str) -> Word {
        Word::Static(s.to_owned())
    }

    #[test]
    fn the_direct_path_keeps_the_short_name_and_deeper_ones_add_their_nearest_words() {
        let own = kept("CredentialListMappings");
        let wanted = [
            Wanted::new(
                1,
                "#/a",
                &[
                    stat("Sip"),
                    kept("Domain"),
                    stat("Auth"),
                    stat("Calls"),
                    own.clone(),
                ],
                "Collection",
            ),
            Wanted::new(
                2,
                "#/b",
                &[
                    stat("Sip"),
                    kept("Domain"),
                    stat("Auth"),
                    stat("Registrations"),
                    own.clone(),
                ],
                "Collection",
            ),
            Wanted::new(3, "#/c", &[stat("Sip"), kept("Domain"), own], "Collection"),
        ];
        let mut warnings = Vec::new();
        let names = resolve(&wanted, &mut Scope::default(), &mut warnings);
        assert_eq!(names[&1], "DomainCallsCredentialListMappingsCollection");
        assert_eq!(
            names[&2],
            "DomainRegistrationsCredentialListMappingsCollection"
        );
        assert_eq!(names[&3], "DomainCredentialListMappingsCollection");
        assert!(warnings.is_empty());
    }

    #[test]
    fn equals_all_take_their_words_and_an_unresolvable_clash_is_numbered_with_a_warning() {
        let wanted = [
            Wanted::new(1, "#/a", &[stat("Voice"), kept("Countries")], "Collection"),
            Wanted::new(
                2,
                "#/b",
                &[stat("Messaging"), kept("Countries")],
                "Collection",
            ),
            Wanted::new(3, "#/c", &[kept("Countries")], "Collection"),
            Wanted::new(4, "#/d", &[kept("Countries")], "Collection"),
        ];
        let mut warnings = Vec::new();
        let names = resolve(&wanted, &mut Scope::default(), &mut warnings);
        assert_eq!(names[&1], "VoiceCountriesCollection");
        assert_eq!(names[&2], "MessagingCountriesCollection");
        assert_eq!(names[&3], "CountriesCollection");
        assert_eq!(names[&4], "CountriesCollection2");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.starts_with(crate::names::FALLBACK));
        assert_eq!(warnings[0].pointer, "#/d");
    }

    #[test]
    fn the_segments_as_written_tell_a_singular_collection_from_a_plural_one() {
        let plural = Word::Kept(
            "MessagingService".to_owned(),
            "MessagingServices".to_owned(),
        );
        let wanted = [
            Wanted::new(
                1,
                "#/a",
                &[stat("LinkShortening"), kept("MessagingService")],
                "Ref",
            ),
            Wanted::new(2, "#/b", &[stat("LinkShortening"), plural], "Ref"),
        ];
        let mut warnings = Vec::new();
        let names = resolve(&wanted, &mut Scope::default(), &mut warnings);
        assert_eq!(names[&1], "LinkShorteningMessagingServiceRef");
        assert_eq!(names[&2], "LinkShorteningMessagingServicesRef");
        assert!(warnings.is_empty());
    }
}

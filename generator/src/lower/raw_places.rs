//! Lowering's reads of the raw document: the places found lately, kept so that the next place
//! near them is a step away rather than a walk from the root.

use crate::load::Document;

/// The last few places [`super::Lowerer::raw_at`] found in the raw document, each with its parent: the
/// lowering asks for one place several times in a row, then for its siblings (the properties of
/// one schema, the parameters of one operation), most of them ten tokens deep under a path
/// whose key is long. Walking each from the root, comparing long keys level after level, was a
/// third of the stage.
///
/// A place walked to from the root also keeps its anchor: the place three tokens below the root
/// (an operation, `#/paths/{path}/{method}`, or a component, `#/components/schemas/{name}`).
/// The lowering visits an operation's parameters and a component's properties between visits to
/// other places, which push their parents out of the last few; from the anchor, the walk skips
/// the long path key.
#[derive(Default)]
pub(super) struct RawFound<'a> {
    /// (pointer, value), the newest last.
    places: Vec<(String, &'a serde_json::Value)>,
    /// The anchors of the last few walks from the root, the newest last.
    anchors: Vec<(String, &'a serde_json::Value)>,
}

impl<'a> RawFound<'a> {
    /// How many places are kept.
    const KEPT: usize = 8;
    /// How many anchors are kept.
    const ANCHORS: usize = 4;

    /// The value at `pointer` (`#`-prefixed): one kept, else its last token under its parent,
    /// the parent walked from the nearest place kept that contains it (else from the root). Both
    /// are kept.
    pub(super) fn find(
        &mut self,
        doc: &'a Document,
        pointer: &str,
    ) -> Option<&'a serde_json::Value> {
        if let Some(value) = self.kept(pointer) {
            return Some(value);
        }
        let Some(cut) = pointer.rfind('/') else {
            return doc.raw_at_str(pointer);
        };
        let parent_at = &pointer[..cut];
        let parent = match self.kept(parent_at) {
            Some(parent) => parent,
            None => {
                let nearest = self
                    .places
                    .iter()
                    .chain(&self.anchors)
                    .filter(|(place, _)| {
                        parent_at.starts_with(place.as_str())
                            && parent_at.as_bytes().get(place.len()) == Some(&b'/')
                    })
                    .max_by_key(|(place, _)| place.len());
                let parent = match nearest {
                    Some((place, value)) => crate::load::resolve(value, &parent_at[place.len()..]),
                    None => match anchor_of(parent_at) {
                        Some(anchor_at) => {
                            let anchor = doc.raw_at_str(anchor_at)?;
                            newest_of(&mut self.anchors, Self::ANCHORS, anchor_at, anchor);
                            crate::load::resolve(anchor, &parent_at[anchor_at.len()..])
                        }
                        None => doc.raw_at_str(parent_at),
                    },
                }?;
                self.keep(parent_at, parent);
                parent
            }
        };
        let found = crate::load::resolve(parent, &pointer[cut..])?;
        self.keep(pointer, found);
        Some(found)
    }

    /// The value kept for exactly `pointer`.
    fn kept(&self, pointer: &str) -> Option<&'a serde_json::Value> {
        self.places
            .iter()
            .rev()
            .find(|(place, _)| place == pointer)
            .map(|(_, value)| *value)
    }

    fn keep(&mut self, pointer: &str, value: &'a serde_json::Value) {
        newest_of(&mut self.places, Self::KEPT, pointer, value);
    }
}

/// Adds (`pointer`, `value`) to `list` as its newest, dropping its oldest at `most` entries.
fn newest_of<'a>(
    list: &mut Vec<(String, &'a serde_json::Value)>,
    most: usize,
    pointer: &str,
    value: &'a serde_json::Value,
) {
    if list.len() == most {
        list.remove(0);
    }
    list.push((pointer.to_owned(), value));
}

/// The place three tokens below the root that contains `pointer` and is not `pointer` itself
/// (`#/paths/{path}/{method}` of `#/paths/{path}/{method}/parameters/0`).
fn anchor_of(pointer: &str) -> Option<&str> {
    let (fourth, _) = pointer.match_indices('/').nth(3)?;
    pointer.get(..fourth)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Every place of a document, asked for in several orders (each place twice in a row,
    /// siblings after each other, back to front, and keys that begin with a sibling's key), is
    /// found as [`Document::raw_at`] finds it, and so is a place that does not exist.
    #[test]
    fn places_are_found_as_from_the_root() {
        let text = "openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /a/{b}:
    post:
      parameters:
        - {name: x, in: query, schema: {type: string}}
        - {name: xy, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                properties:
                  To: {type: string}
                  ToX: {type: integer}
                  T: {type: boolean}
components:
  schemas:
    a~b: {type: string}
";
        let doc = crate::load::load(text, &Default::default()).unwrap();
        let mut pointers = Vec::new();
        crate::load::every_place(&doc.raw, "#".to_owned(), &mut pointers);
        assert!(pointers.len() > 30, "{}", pointers.len());
        pointers.push("#/paths/~1a~1{b}/post/responses/200/content/nothing".to_owned());
        pointers.push("#/paths/~1a~1{b}/post/parameters/2".to_owned());
        pointers.push("#/components/schemas/a~0b/type".to_owned());
        // Under an anchor that does not exist.
        pointers.push("#/paths/~1nope/get/parameters/0/schema".to_owned());
        let mut orders = vec![pointers.clone()];
        orders.push(pointers.iter().rev().cloned().collect());
        orders.push(
            pointers
                .iter()
                .flat_map(|p| [p.clone(), p.clone()])
                .collect(),
        );
        orders.push(
            pointers
                .iter()
                .step_by(3)
                .chain(pointers.iter())
                .cloned()
                .collect(),
        );
        for order in orders {
            let mut found = RawFound::default();
            for p in &order {
                let expected = doc.raw_at_str(p);
                assert_eq!(found.find(&doc, p), expected, "{p}");
            }
        }
    }

    /// The anchor is the place three tokens below the root, strictly above the pointer.
    #[test]
    fn anchors_are_three_tokens_down() {
        assert_eq!(
            anchor_of("#/paths/~1a~1{b}/post/parameters/0"),
            Some("#/paths/~1a~1{b}/post")
        );
        assert_eq!(
            anchor_of("#/components/schemas/a/properties"),
            Some("#/components/schemas/a")
        );
        assert_eq!(anchor_of("#/paths/~1a~1{b}/post"), None);
        assert_eq!(anchor_of("#/paths"), None);
    }
}

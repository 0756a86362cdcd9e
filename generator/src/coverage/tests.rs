//! Tests of the coverage counting (kept apart from `coverage.rs` for its length).

use super::*;

#[test]
fn quoted_names_are_elided() {
    assert_eq!(
        elide_quoted("header parameter `If-Match` is not supported; left out"),
        "header parameter `…` is not supported; left out"
    );
}

#[test]
fn the_cache_lines_read_back() {
    let coverage = Coverage {
        operations: Tally {
            declared: 3,
            generated: 2,
        },
        parameters: [(
            Place::Header,
            Tally {
                declared: 4,
                generated: 1,
            },
        )]
        .into_iter()
        .collect(),
        gaps: vec![Gap {
            reason: "a reason with spaces".into(),
            operations: 2,
            skipped_operations: 1,
            parameters: 3,
        }],
        overlays: vec![OverlayAddition {
            label: "overlays/with space.yaml".into(),
            payloads: vec!["IncomingMessage".into(), "MessageStatusCallback".into()],
            fields: 62,
        }],
    };
    let lines = coverage.to_lines();
    assert_eq!(
        Coverage::from_lines(lines.iter().map(String::as_str)),
        Some(coverage)
    );
}

/// Counting over whole documents.
mod counting {
    use super::*;

    /// A document with what the generator passes over: a cookie parameter declared once as a
    /// component and used by two operations, and an `options` operation.
    const DOC: &str = r#"
openapi: 3.0.1
info: {title: t, version: '1'}
servers: [{url: 'https://x.example'}]
components:
  parameters:
    Session: {name: session, in: cookie, schema: {type: string}}
paths:
  /things/{Id}:
    parameters:
    - {name: Id, in: path, required: true, schema: {type: string}}
    get:
      operationId: FetchThing
      parameters:
      - $ref: '#/components/parameters/Session'
      - {name: Verbose, in: query, schema: {type: boolean}}
      responses:
        '200': {description: ok}
    post:
      operationId: UpdateThing
      parameters:
      - $ref: '#/components/parameters/Session'
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                Name: {type: string}
                Color: {type: string}
      responses:
        '204': {description: done}
    options:
      operationId: ThingOptions
      responses:
        '204': {description: done}
"#;

    fn coverage(selection: &Selection) -> Coverage {
        let doc = crate::load::parse(DOC).unwrap();
        let mut api = crate::lower::lower(&doc, selection).unwrap();
        crate::names::assign(&mut api).unwrap();
        Coverage::of(&doc, selection, &api)
    }

    #[test]
    fn what_is_missing_is_counted_per_affected_operation() {
        let c = coverage(&Selection::default());
        assert_eq!(
            c.operations,
            Tally {
                declared: 3,
                generated: 2
            }
        );
        let at = |place| c.parameters.get(&place).copied().unwrap_or_default();
        // The path-level `Id` counts once per operation.
        assert_eq!(
            at(Place::Path),
            Tally {
                declared: 3,
                generated: 2
            }
        );
        assert_eq!(
            at(Place::Query),
            Tally {
                declared: 1,
                generated: 1
            }
        );
        assert_eq!(
            at(Place::Body),
            Tally {
                declared: 2,
                generated: 2
            }
        );
        assert_eq!(
            at(Place::Cookie),
            Tally {
                declared: 2,
                generated: 0
            }
        );
        assert!(!c.is_complete());
        let reasons: Vec<(&str, usize, usize, usize)> = c
            .gaps
            .iter()
            .map(|g| {
                (
                    g.reason.as_str(),
                    g.operations,
                    g.skipped_operations,
                    g.parameters,
                )
            })
            .collect();
        assert_eq!(
            reasons,
            [
                ("`…` operations are not generated", 1, 1, 1),
                ("cookie parameter `…` is not supported; left out", 2, 0, 2),
            ],
            "{c}"
        );
        assert_eq!(
            c.to_string(),
            "coverage: 2 of 3 operations, 5 of 8 parameters (path 2/3, query 1/1, cookie 0/2, \
             body 2/2); not generated: 1 operation skipped (1 parameter of 1 operation): `…` \
             operations are not generated; 2 parameters of 2 operations: cookie parameter `…` is \
             not supported; left out"
        );
    }

    #[test]
    fn only_the_selection_is_declared() {
        let selection = Selection {
            path_prefixes: vec!["/nothing".into()],
            tags: Vec::new(),
        };
        // Nothing selected is an error of `lower`; the count itself sees no operation.
        let doc = crate::load::parse(DOC).unwrap();
        assert!(declared_operations(&doc, &selection).is_empty());
        assert_eq!(declared_operations(&doc, &Selection::default()).len(), 3);
    }
}

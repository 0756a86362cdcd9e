//! The compact models' `Serialize`, `Model` and `Fields` impls written as formatted text
//! (`emit/printed.rs`): the same impls as the tokens of `emit/models.rs`, line by line as
//! prettyplease prints them, or `None` where a line would need breaking in a way `Lines` does
//! not write.

use super::super::fields::{Both, Wire};
use super::super::ident;
use super::marker;

/// How field `w` is written by `Serialize`: the method of `out` and its marker type, if any.
fn write_call(w: &Wire) -> (&'static str, Option<&'static str>) {
    let m = w
        .adapter
        .filter(|(_, both)| *both == Both::ReadWrite)
        .and_then(|(a, _)| a.marker());
    match (m, w.skip.is_some()) {
        (Some(m), true) => ("out.field_with::<model::", Some(m)),
        (Some(m), false) => ("out.value_with::<model::", Some(m)),
        (None, true) => ("out.field", None),
        (None, false) => ("out.value", None),
    }
}

/// The formatted text of [`serialize`]'s tokens, or `None` where a line would need breaking in
/// a way `Lines` does not write.
pub(super) fn serialize_text(name: &str, fields: &[(&str, &Wire)]) -> Option<String> {
    use super::super::printed::{INDENT, Lines, string_literal};
    let ty = ident(name).to_string();
    let name_lit = string_literal(name)?;
    let count = fields.len().to_string();
    let mut out = Lines::new();
    out.line(0, &["impl ::serde::Serialize for ", &ty, " {"])?;
    out.fixed(INDENT, "fn serialize<S: ::serde::Serializer>(");
    out.fixed(2 * INDENT, "&self,");
    out.fixed(2 * INDENT, "serializer: S,");
    out.fixed(INDENT, ") -> Result<S::Ok, S::Error> {");
    let body = 2 * INDENT;
    let adapters = fields.iter().any(|(_, w)| write_call(w).1.is_some());
    let head = if fields.is_empty() {
        "let out = ::serde::Serializer::serialize_struct"
    } else {
        out.fixed(
            body,
            if adapters {
                "use ::twilio_runtime::serde::model::{self, WriteFields as _};"
            } else {
                "use ::twilio_runtime::serde::model::WriteFields as _;"
            },
        );
        "let mut out = ::serde::Serializer::serialize_struct"
    };
    out.call(body, head, &["serializer", &name_lit, &count], "?;")?;
    for (rust, w) in fields {
        let f = ident(rust).to_string();
        let key = string_literal(&w.name)?;
        let field = format!("&self.{f}");
        match write_call(w) {
            (method, Some(m)) => {
                if out
                    .line(body, &[method, m, ", _>(", &key, ", ", &field, ")?;"])
                    .is_none()
                {
                    // prettyplease breaks the turbofish first, and leaves the arguments after
                    // it on one line.
                    let method = method.strip_suffix("::<model::")?;
                    out.line(body, &[method, "::<"])?;
                    out.line(body + 2 * INDENT, &["model::", m, ","])?;
                    out.fixed(body + 2 * INDENT, "_,");
                    out.line(body + INDENT, &[">(", &key, ", ", &field, ")?;"])?;
                }
            }
            (method, None) => out.call(body, method, &[&key, &field], "?;")?,
        }
    }
    out.fixed(body, "::serde::ser::SerializeStruct::end(out)");
    out.fixed(INDENT, "}");
    out.fixed(0, "}");
    Some(out.finish())
}

/// The head of the `Model` or `Fields` impl (`trait_name`) of struct `name`: its first line and
/// its `NAME` and `FIELDS` constants. Returns the fields' keys as literals.
fn constants(
    out: &mut super::super::printed::Lines,
    trait_name: &str,
    name: &str,
    fields: &[(&str, &Wire)],
) -> Option<Vec<String>> {
    use super::super::printed::{INDENT, string_literal};
    let ty = ident(name).to_string();
    let head = format!("impl ::twilio_runtime::serde::model::{trait_name} for ");
    out.line(0, &[&head, &ty, " {"])?;
    out.line(
        INDENT,
        &["const NAME: &'static str = ", &string_literal(name)?, ";"],
    )?;
    let keys: Vec<String> = fields
        .iter()
        .map(|(_, w)| string_literal(&w.name))
        .collect::<Option<_>>()?;
    let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    out.list(
        INDENT,
        "const FIELDS: &'static [&'static str] = &",
        &refs,
        ";",
    )?;
    Some(keys)
}

/// The formatted text of the `Model` impl [`read_into_fields`] writes (without the
/// `deserialize_fields!` before it), or `None` where a line would need breaking in a way `Lines`
/// does not write.
pub(super) fn model_text(name: &str, fields: &[(&str, &Wire)]) -> Option<String> {
    use super::super::printed::{INDENT, Lines};
    let mut out = Lines::new();
    let keys = constants(&mut out, "Model", name, fields)?;
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    out.fixed(
        INDENT,
        "fn read_field<'de, A: ::serde::de::MapAccess<'de>>(",
    );
    out.fixed(2 * INDENT, "&mut self,");
    out.fixed(2 * INDENT, "key: &str,");
    out.fixed(2 * INDENT, "map: &mut A,");
    out.fixed(INDENT, ") -> Result<bool, A::Error> {");
    let body = 2 * INDENT;
    if fields.is_empty() {
        out.fixed(body, "let _ = (key, map);");
        out.fixed(body, "Ok(false)");
    } else {
        if fields.iter().any(|(_, w)| marker(w, false).is_some()) {
            out.fixed(
                body,
                "use ::twilio_runtime::serde::model::{self, Read as _};",
            );
        }
        out.fixed(body, "match key {");
        let arm = body + INDENT;
        for ((rust, w), key) in fields.iter().zip(&keys) {
            let f = ident(rust).to_string();
            let value = match w.adapter.and_then(|(a, _)| a.marker()) {
                Some(m) => format!("model::{m}::next_value(map)?"),
                None => "map.next_value()?".to_owned(),
            };
            let set = ["self.", &f, " = ", &value];
            if out
                .arm(arm, &[key, " => ", set[0], set[1], set[2], set[3]])
                .is_none()
            {
                out.line(arm, &[key, " => {"])?;
                out.line(arm + INDENT, &[set[0], set[1], set[2], set[3], ";"])?;
                out.fixed(arm, "}");
            }
        }
        out.fixed(arm, "_ => return Ok(false),");
        out.fixed(body, "}");
        out.fixed(body, "Ok(true)");
    }
    out.fixed(INDENT, "}");
    out.fixed(0, "}");
    Some(out.finish())
}

/// The formatted text of the `Fields` impl [`read_into_slots`] writes (without the
/// `deserialize_fields!` before it), or `None` where a line would need breaking in a way `Lines`
/// does not write.
pub(super) fn fields_text(
    name: &str,
    fields: &[(&str, &Wire)],
    skipped: &[&str],
) -> Option<String> {
    use super::super::printed::{INDENT, Lines};
    let mut out = Lines::new();
    let keys = constants(&mut out, "Fields", name, fields)?;
    out.fixed(INDENT, "fn read_map<'de, A: ::serde::de::MapAccess<'de>>(");
    out.fixed(2 * INDENT, "map: &mut A,");
    out.fixed(INDENT, ") -> Result<Self, A::Error> {");
    let body = 2 * INDENT;
    let slots: Vec<String> = fields.iter().map(|(r, _)| ident(r).to_string()).collect();
    if fields.is_empty() {
        out.fixed(
            body,
            "while map.next_key::<::serde::de::IgnoredAny>()?.is_some() {",
        );
        out.fixed(
            body + INDENT,
            "map.next_value::<::serde::de::IgnoredAny>()?;",
        );
        out.fixed(body, "}");
    } else {
        out.fixed(
            body,
            if fields.iter().any(|(_, w)| marker(w, false).is_some()) {
                "use ::twilio_runtime::serde::model::{self, Read as _};"
            } else {
                "use ::twilio_runtime::serde::model;"
            },
        );
        for slot in &slots {
            out.line(body, &["let mut ", slot, " = None;"])?;
        }
        out.fixed(
            body,
            "while let Some(key) = map.next_key::<model::Key<'de>>()? {",
        );
        out.fixed(body + INDENT, "match key.as_str() {");
        let arm = body + 2 * INDENT;
        for (((_, w), key), slot) in fields.iter().zip(&keys).zip(&slots) {
            let value = match w.adapter.and_then(|(a, _)| a.marker()) {
                Some(m) => format!("|| model::{m}::next_value(map)"),
                None => "|| map.next_value()".to_owned(),
            };
            let place = format!("&mut {slot}");
            let flat = [
                key.as_str(),
                " => model::fill(",
                &place,
                ", ",
                key,
                ", ",
                &value,
                ")?",
            ];
            if out.arm(arm, &flat).is_none() {
                out.line(arm, &[key, " => {"])?;
                out.call(arm + INDENT, "model::fill", &[&place, key, &value], "?")?;
                out.fixed(arm, "}");
            }
        }
        out.fixed(arm, "_ => {");
        out.fixed(
            arm + INDENT,
            "map.next_value::<::serde::de::IgnoredAny>()?;",
        );
        out.fixed(arm, "}");
        out.fixed(body + INDENT, "}");
        out.fixed(body, "}");
    }
    // The struct on one line if it fits and is short (see `printed::STRUCT_LITERAL_WIDTH`),
    // else a field a line.
    let flat: Vec<String> = fields
        .iter()
        .zip(&keys)
        .zip(&slots)
        .map(|(((_, w), key), slot)| {
            if w.default {
                format!("{slot}: {slot}.unwrap_or_default()")
            } else {
                format!("{slot}: model::required({slot}, {key})?")
            }
        })
        .chain(
            skipped
                .iter()
                .map(|r| format!("{}: Default::default()", ident(r))),
        )
        .collect();
    let flat = if flat.is_empty() {
        "Self {}".to_owned()
    } else {
        format!("Self {{ {} }}", flat.join(", "))
    };
    let short = flat.len() - 1 <= super::super::printed::STRUCT_LITERAL_WIDTH;
    if !short || out.line(body, &["Ok(", &flat, ")"]).is_none() {
        out.fixed(body, "Ok(Self {");
        let field = body + INDENT;
        for (((_, w), key), slot) in fields.iter().zip(&keys).zip(&slots) {
            if w.default {
                out.line(field, &[slot, ": ", slot, ".unwrap_or_default(),"])?;
            } else {
                let head = format!("{slot}: model::required");
                out.call(field, &head, &[slot, key], "?,")?;
            }
        }
        for rust in skipped {
            out.line(field, &[&ident(rust).to_string(), ": Default::default(),"])?;
        }
        out.fixed(body, "})");
    }
    out.fixed(INDENT, "}");
    out.fixed(0, "}");
    Some(out.finish())
}

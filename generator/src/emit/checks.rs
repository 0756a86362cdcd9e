//! The spec's constraints on parameter values (`minLength`, `maximum`, `maxItems`, ...): their
//! documentation on setters and the statements that check them before a request is sent.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::*;

/// A sentence documenting the constraints, if there are any.
pub fn checks_doc(c: &Checks) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(v) = c.min_length {
        parts.push(format!("at least {v} characters"));
    }
    if let Some(v) = c.max_length {
        parts.push(format!("at most {v} characters"));
    }
    if let Some(v) = c.minimum {
        parts.push(format!("at least {v}"));
    }
    if let Some(v) = c.maximum {
        parts.push(format!("at most {v}"));
    }
    if let Some(v) = c.max_items {
        parts.push(format!("at most {v} values"));
    }
    (!parts.is_empty()).then(|| format!("Checked before sending: {}.", parts.join(", ")))
}

/// One check of a value: the comparison that fails it, the limit's literal and the reason.
struct Check {
    test: Test,
    limit: TokenStream,
    reason: String,
}

/// What a check compares with its limit.
#[derive(Clone, Copy)]
enum Test {
    /// The number of characters, at least the limit.
    CharsAtLeast,
    /// The number of characters, at most the limit.
    CharsAtMost,
    /// The number, at least the limit.
    AtLeast,
    /// The number, at most the limit.
    AtMost,
    /// The number of values, at most the limit.
    ItemsAtMost,
}

/// The checks of parameter `p`'s constraints, in the order they are made.
fn checks(p: &Param) -> Vec<Check> {
    let c = &p.checks;
    let mut out = Vec::new();
    let mut push = |test, limit, reason: String| {
        out.push(Check {
            test,
            limit,
            reason,
        })
    };
    match &p.ty {
        TypeRef::String => {
            // `minLength: 0` holds for every string.
            if let Some(min) = c.min_length.filter(|min| *min > 0) {
                let reason = format!("must be at least {min} characters long");
                push(Test::CharsAtLeast, quote!(#min), reason);
            }
            if let Some(max) = c.max_length {
                let reason = format!("must be at most {max} characters long");
                push(Test::CharsAtMost, quote!(#max), reason);
            }
        }
        TypeRef::I32 | TypeRef::I64 | TypeRef::F64 => {
            let lit = |v: f64| -> TokenStream {
                match p.ty {
                    TypeRef::I32 => {
                        let v = v as i32;
                        quote!(#v)
                    }
                    TypeRef::I64 => {
                        let v = v as i64;
                        quote!(#v)
                    }
                    _ => quote!(#v),
                }
            };
            if let Some(min) = c.minimum {
                push(Test::AtLeast, lit(min), format!("must be at least {min}"));
            }
            if let Some(max) = c.maximum {
                push(Test::AtMost, lit(max), format!("must be at most {max}"));
            }
        }
        TypeRef::Array(_) => {
            if let Some(max) = c.max_items {
                let reason = format!("takes at most {max} values");
                push(Test::ItemsAtMost, quote!(#max), reason);
            }
        }
        _ => {}
    }
    out
}

/// Statements that check one value against the spec's constraints. `value` is an expression of the
/// parameter's type, or of a reference to it when `by_ref` (numbers are then compared through `*`).
pub fn check_stmts(op_id: &str, p: &Param, value: TokenStream, by_ref: bool) -> TokenStream {
    let wire = &p.wire_name;
    let out = checks(p).into_iter().map(|c| {
        let reason = &c.reason;
        let f = quote!(return Err(::twilio_runtime::Error::invalid_input(#op_id, #wire, #reason)););
        let l = &c.limit;
        let number = if by_ref {
            quote!(*#value)
        } else {
            value.clone()
        };
        match c.test {
            Test::CharsAtLeast => quote!(if #value.chars().count() < #l { #f }),
            Test::CharsAtMost => quote!(if #value.chars().count() > #l { #f }),
            Test::AtLeast => quote!(if #number < #l { #f }),
            Test::AtMost => quote!(if #number > #l { #f }),
            Test::ItemsAtMost => quote!(if #value.len() > #l { #f }),
        }
    });
    quote!(#(#out)*)
}

/// [`check_stmts`] as formatted text at `indent` (`value` printed), or `None` where a line would
/// need breaking in a way `Lines` does not write.
pub(super) fn check_text(
    out: &mut super::printed::Lines,
    indent: usize,
    op_id: &str,
    p: &Param,
    value: &str,
    by_ref: bool,
) -> Option<()> {
    use super::printed::{INDENT, string_literal};
    let (op, wire) = (string_literal(op_id)?, string_literal(&p.wire_name)?);
    for c in checks(p) {
        let l = c.limit.to_string();
        let number = if by_ref {
            format!("*{value}")
        } else {
            value.to_owned()
        };
        let test = match c.test {
            Test::CharsAtLeast => format!("{value}.chars().count() < {l}"),
            Test::CharsAtMost => format!("{value}.chars().count() > {l}"),
            Test::AtLeast => format!("{number} < {l}"),
            Test::AtMost => format!("{number} > {l}"),
            Test::ItemsAtMost => format!("{value}.len() > {l}"),
        };
        out.line(indent, &["if ", &test, " {"])?;
        // The error's constructor broken over lines, as prettyplease prints it when it does not
        // fit on one (the text gives up where it would).
        let reason = string_literal(&c.reason)?;
        let inner = indent + 2 * INDENT;
        let new = "::twilio_runtime::Error::invalid_input";
        let flat_width = inner + new.len() + 1 + op.len() + wire.len() + reason.len() + 4 + 2;
        if flat_width <= super::printed::MARGIN {
            return None;
        }
        out.fixed(indent + INDENT, "return Err(");
        out.call(inner, new, &[&op, &wire, &reason], ",")?;
        out.fixed(indent + INDENT, ");");
        out.fixed(indent, "}");
    }
    Some(())
}

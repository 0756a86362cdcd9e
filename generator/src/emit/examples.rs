//! Documentation examples written from the model: how to call an operation whose arguments the
//! generator can write (SIDs, strings, builders whose constructor takes nothing), for the crate
//! page, `Client`, the list builders and the list methods (`.stream()`). They are compiled (`no_run`) by
//! the crate's doc tests. Their lines are laid out as rustfmt would ([`formatted`]).

use super::Cx;
use crate::model::{Operation, PathSource, RequestBody, ResponseKind, TypeKind, TypeRef};

/// A value of a path parameter written as Rust, or `None` when the type has no simple literal.
fn path_value(cx: &Cx<'_>, ty: &TypeRef) -> Option<String> {
    match ty {
        TypeRef::String => Some("\"...\"".to_owned()),
        TypeRef::Named(id) => match &cx.api.types.get(id)?.kind {
            TypeKind::Sid { prefix } => Some(format!(
                "&{}::{}::new(\"{prefix}{}\")?",
                cx.krate(),
                cx.api.types.get(id)?.name,
                "0".repeat(32)
            )),
            _ => None,
        },
        _ => None,
    }
}

/// Whether the operation's builder constructor takes no argument.
fn builder_without_arguments(op: &Operation) -> bool {
    !op.query_params.iter().any(|p| p.required)
        && !op.header_params.iter().any(|p| p.required)
        && match &op.body {
            None => true,
            Some(RequestBody::Form(b)) => {
                b.choices.is_empty() && !b.fields.iter().any(|p| p.required)
            }
            Some(RequestBody::Xml(_)) => false,
            Some(RequestBody::Json(b)) => b.value.is_none() && !b.fields.iter().any(|p| p.required),
        }
}

/// The arguments of a call of `op`'s flat method (or its stream), when they can be written.
pub fn call_args(cx: &Cx<'_>, op: &Operation) -> Option<String> {
    if !builder_without_arguments(op) {
        return None;
    }
    let mut args = Vec::new();
    for p in op
        .path_params
        .iter()
        .filter(|p| p.source == PathSource::Argument)
    {
        args.push(path_value(cx, &p.ty)?);
    }
    if op.has_params() {
        let params = &op.params_name;
        args.push(format!("{}::{params}::new()", cx.krate()));
    }
    Some(args.join(", "))
}

/// The first list operation whose call can be written: the examples' operation.
pub fn list_example<'a>(cx: &Cx<'a>) -> Option<(&'a Operation, String)> {
    cx.api
        .operations
        .iter()
        .filter(|op| matches!(op.response, ResponseKind::Page(_)))
        .find_map(|op| call_args(cx, op).map(|a| (op, a)))
}

/// The lines of an example's body as rustfmt would lay them out: each line that is one whole
/// statement (a trailing `// comment` kept) is formatted with `prettyplease` inside a wrapping
/// function, so a long call chain is one call a line and fits the code box docs.rs shows; other
/// lines (blank, comments, hidden `#` lines, parts of a block) stay as written.
pub fn formatted(body: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for line in body {
        let indent = line.len() - line.trim_start().len();
        let (code, comment) = match line.split_once("; // ") {
            Some((code, comment)) => (format!("{code};"), Some(comment)),
            None => (line.clone(), None),
        };
        let trimmed = code.trim();
        let statement = !trimmed.is_empty()
            && !trimmed.starts_with("//")
            && !trimmed.starts_with('#')
            && (trimmed.ends_with(';'));
        let Some(mut lines) = statement.then(|| statement_lines(trimmed)).flatten() else {
            out.push(line.clone());
            continue;
        };
        let pad = " ".repeat(indent);
        for l in &mut lines {
            *l = format!("{pad}{l}");
        }
        if let (Some(comment), Some(last)) = (comment, lines.last_mut()) {
            last.push_str(" // ");
            last.push_str(comment);
        }
        out.extend(lines);
    }
    out
}

/// One statement laid out by `prettyplease` (inside `async fn`, so `.await` and `?` parse), or
/// `None` when it does not parse alone.
fn statement_lines(statement: &str) -> Option<Vec<String>> {
    let file: syn::File = syn::parse_str(&format!("async fn f() {{\n{statement}\n}}")).ok()?;
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.lines().collect();
    let inner = lines.get(1..lines.len().checked_sub(1)?)?;
    let lines: Vec<String> = inner
        .iter()
        .map(|l| l.strip_prefix("    ").unwrap_or(l).to_owned())
        .collect();
    (!lines.is_empty()).then_some(lines)
}

fn fenced(body: &[String], krate: &str) -> Vec<String> {
    let mut lines = vec![
        "```no_run".to_owned(),
        format!("# async fn run() -> Result<(), {krate}::Error> {{"),
    ];
    lines.extend(formatted(body));
    lines.push("# Ok(()) }".to_owned());
    lines.push("```".to_owned());
    lines
}

/// Example lines (a fenced block) for the list method of `op` and `.stream()`, when its call can be
/// written.
pub fn stream_example(cx: &Cx<'_>, op: &Operation) -> Vec<String> {
    let Some(args) = call_args(cx, op) else {
        return Vec::new();
    };
    let krate = cx.krate();
    let mut lines = vec![String::new(), "# Example".to_owned(), String::new()];
    lines.extend(fenced(
        &[
            format!("use {krate}::TryStreamExt; // `try_next`, re-exported"),
            String::new(),
            format!("let client = {krate}::Client::from_env()?;"),
            format!(
                "let mut items = client.{}({args}).stream().limit(100);",
                op.rust_name
            ),
            "while let Some(item) = items.try_next().await? {".to_owned(),
            "    println!(\"{item:?}\");".to_owned(),
            "}".to_owned(),
        ],
        krate,
    ));
    lines
}

/// Example lines for the builder of `op`, when its call can be written.
pub fn builder_example(cx: &Cx<'_>, op: &Operation) -> Vec<String> {
    let Some(args) = call_args(cx, op) else {
        return Vec::new();
    };
    if !matches!(op.response, ResponseKind::Page(_)) || !op.has_params() {
        return Vec::new();
    }
    let krate = cx.krate();
    let page_size = op
        .query_params
        .iter()
        .find(|p| p.wire_name == "PageSize")
        .map(|p| format!(".{}(50)", p.rust_name))
        .unwrap_or_default();
    let args = args.replace(
        &format!("{krate}::{}::new()", op.params_name.as_str()),
        &format!("{krate}::{}::new(){page_size}", op.params_name.as_str()),
    );
    let mut lines = vec![String::new(), "# Example".to_owned(), String::new()];
    lines.extend(fenced(
        &[
            format!("let client = {krate}::Client::from_env()?;"),
            format!("let page = client.{}({args}).await?;", op.rust_name),
            "println!(\"{page:?}\");".to_owned(),
        ],
        krate,
    ));
    lines
}

#[cfg(test)]
mod tests {
    use super::formatted;

    #[test]
    fn a_long_chain_is_one_call_a_line_and_short_lines_comments_and_blocks_stay() {
        let body: Vec<String> = [
            "use twilio_calls::TryStreamExt; // `try_next`, re-exported",
            "",
            "let answer = client.call(&twilio_calls::CallSid::new(\"CA00000000000000000000000000000000\")?).recordings().list(twilio_calls::ListCallRecordingParams::new()).await?;",
            "while let Some(item) = items.try_next().await? {",
            "    println!(\"{item:?}\");",
            "}",
            "# let _ = answer;",
        ]
        .map(str::to_owned)
        .to_vec();
        let expected = [
            "use twilio_calls::TryStreamExt; // `try_next`, re-exported",
            "",
            "let answer = client",
            "    .call(&twilio_calls::CallSid::new(\"CA00000000000000000000000000000000\")?)",
            "    .recordings()",
            "    .list(twilio_calls::ListCallRecordingParams::new())",
            "    .await?;",
            "while let Some(item) = items.try_next().await? {",
            "    println!(\"{item:?}\");",
            "}",
            "# let _ = answer;",
        ];
        assert_eq!(formatted(&body), expected);
    }
}

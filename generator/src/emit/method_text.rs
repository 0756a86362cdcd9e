//! An operation's method on `Client` and the function that builds its request, written as
//! formatted text (`emit/printed.rs`) from what `operations::client_impl` gathers for its tokens.
//!
//! The text covers the usual shapes: path parameters, query, header and form values, their
//! checks. An operation with anything else (a JSON or XML body, a choice between fields, indexed
//! families, security schemes of its own, an XML response) is emitted as tokens, and so is any
//! item with a line that prettyplease would break in a way `Lines` does not write.

use proc_macro2::{Ident, TokenStream};

use super::printed::{INDENT, Lines, string_literal, type_text};
use super::slots::{Location, is_array, is_settable, slots};
use super::{Cx, ident};
use crate::model::*;

/// What the method and its request function are made of.
#[derive(Default)]
pub(super) struct Method {
    /// Each argument's name and type (the path values, then the builder).
    args: Vec<(String, TokenStream)>,
    /// Each `.path_param(wire, value)` of the build.
    path_calls: Vec<(String, String)>,
    /// Whether the build has something the text does not write.
    unwritten: bool,
    name: String,
    request_fn: String,
    http: String,
    op_id: String,
    server: String,
    path: String,
    doc: Vec<String>,
    deprecated: bool,
    pending: TokenStream,
    uses_core: bool,
    inline: bool,
}

impl Method {
    /// An argument of the method (and of the request function).
    pub(super) fn arg(&mut self, name: &Ident, ty: TokenStream) {
        self.args.push((name.to_string(), ty));
    }

    /// A path parameter's call in the build.
    pub(super) fn path_param(&mut self, wire: &str, value: String) {
        self.path_calls.push((wire.to_owned(), value));
    }

    /// The build has a call the text does not write.
    pub(super) fn unwritten(&mut self) {
        self.unwritten = true;
    }

    /// The rest of the description: the operation, the method's doc lines and return type,
    /// whether the build uses the client's core and whether it happens in the method itself.
    pub(super) fn describe(
        &mut self,
        op: &Operation,
        doc: &[String],
        pending: &TokenStream,
        uses_core: bool,
        inline: bool,
    ) {
        self.name = ident(&op.rust_name).to_string();
        self.request_fn = ident(&op.request_name).to_string();
        self.http = op.method.as_str().to_owned();
        self.op_id.clone_from(&op.id);
        self.server.clone_from(&op.server);
        self.path.clone_from(&op.path);
        self.doc = doc.to_vec();
        self.deprecated = op.deprecated;
        self.pending = pending.clone();
        self.uses_core = uses_core;
        self.inline = inline;
    }

    /// The `impl crate::Client` block of the method, as formatted text.
    pub(super) fn client_text(&self) -> Option<String> {
        if self.unwritten {
            return None;
        }
        let mut out = Lines::new();
        out.fixed(0, "impl crate::Client {");
        out.doc(INDENT, &self.doc)?;
        if self.deprecated {
            out.fixed(INDENT, "#[deprecated]");
        }
        let mut args = vec!["&self".to_owned()];
        for (name, ty) in &self.args {
            args.push(format!("{name}: {}", type_text(ty)?));
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let tail = format!(" -> {} {{", type_text(&self.pending)?);
        out.call(INDENT, &format!("pub fn {}", self.name), &args, &tail)?;
        let body = 2 * INDENT;
        if self.inline {
            if self.uses_core {
                out.fixed(body, "let core = self.core();");
            }
            self.build(&mut out, body, "let request")?;
            let client = if self.uses_core {
                "core"
            } else {
                "self.core()"
            };
            out.line(
                body,
                &["::twilio_runtime::Pending::new(", client, ", Ok(request))"],
            )?;
        } else {
            let mut names: Vec<&str> = Vec::new();
            if self.uses_core {
                names.push("self.core()");
            }
            names.extend(self.args.iter().map(|(n, _)| n.as_str()));
            let head = format!("let request = {}", self.request_fn);
            out.call(body, &head, &names, ";")?;
            out.fixed(body, "::twilio_runtime::Pending::new(self.core(), request)");
        }
        out.fixed(INDENT, "}");
        out.fixed(0, "}");
        Some(out.finish())
    }

    /// The request function, with its doc line, as formatted text.
    pub(super) fn request_text(&self, cx: &Cx<'_>, op: &Operation) -> Option<String> {
        if self.unwritten || self.inline {
            return None;
        }
        let mut out = Lines::new();
        let m = &op.rust_name;
        out.doc(
            0,
            &[format!(
                "Builds the request of [`Client::{m}`](crate::Client::{m})."
            )],
        )?;
        let mut args = Vec::new();
        if self.uses_core {
            args.push("core: &::twilio_runtime::Client".to_owned());
        }
        for (name, ty) in &self.args {
            args.push(format!("{name}: {}", type_text(ty)?));
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        out.call(
            0,
            &format!("fn {}", self.request_fn),
            &args,
            " -> Result<::twilio_runtime::Request, ::twilio_runtime::Error> {",
        )?;
        self.build(&mut out, INDENT, "let mut request")?;
        encode_text(&mut out, INDENT, cx, op)?;
        out.fixed(INDENT, "Ok(request)");
        out.fixed(0, "}");
        Some(out.finish())
    }

    /// `let request = Request::new(..)` and the path calls, as prettyplease prints the chain
    /// when the constructor's arguments do not fit on one line (the text gives up where they
    /// would).
    fn build(&self, out: &mut Lines, indent: usize, binding: &str) -> Option<()> {
        let method = format!("::twilio_runtime::Method::{}", self.http);
        let (op_id, server, path) = (
            string_literal(&self.op_id)?,
            string_literal(&self.server)?,
            string_literal(&self.path)?,
        );
        let args = [method.as_str(), &op_id, &server, &path];
        let head = format!("{binding} = ::twilio_runtime::Request::new");
        if self.path_calls.is_empty() {
            return out.call(indent, &head, &args, ";");
        }
        let flat = head.len() + 2 + args.iter().map(|a| a.len() + 2).sum::<usize>();
        if indent + flat <= super::printed::MARGIN {
            return None;
        }
        // In a chain, the constructor's arguments go two levels deeper and its `)` one.
        out.line(indent, &[&head, "("])?;
        for arg in args {
            out.line(indent + 2 * INDENT, &[arg, ","])?;
        }
        out.fixed(indent + INDENT, ")");
        let last = self.path_calls.len() - 1;
        for (i, (wire, value)) in self.path_calls.iter().enumerate() {
            let end = if i == last { ");" } else { ")" };
            out.line(
                indent + INDENT,
                &[".path_param(", &string_literal(wire)?, ", ", value, end],
            )?;
        }
        Some(())
    }
}

/// The statements that check and encode the builder into `request` (`operations::encode_stmts`)
/// as formatted text, for builders of query, header and form values only.
fn encode_text(out: &mut Lines, indent: usize, cx: &Cx<'_>, op: &Operation) -> Option<()> {
    if let Some(body) = &op.body {
        let form = body.form()?;
        if !form.choices.is_empty() || !form.families.is_empty() {
            return None;
        }
    }
    for s in slots(op) {
        let p = s.param;
        if !is_settable(cx, &s) {
            continue;
        }
        let call = match s.location {
            Location::Query => "query",
            Location::Header => "header",
            Location::Form if p.allow_reserved => "form_allow_reserved",
            Location::Form => "form",
            Location::Json => return None,
        };
        let f = ident(&p.rust_name).to_string();
        let wire = string_literal(&p.wire_name)?;
        let field = format!("params.{f}");
        let send = |out: &mut Lines, indent: usize, value: &str| {
            out.line(
                indent,
                &["request = request.", call, "(", &wire, ", ", value, ");"],
            )
        };
        if is_array(&p.ty).is_some() {
            super::checks::check_text(out, indent, &op.id, p, &field, false)?;
            out.line(indent, &["for value in &", &field, " {"])?;
            send(out, indent + INDENT, "value")?;
            out.fixed(indent, "}");
        } else if p.required {
            super::checks::check_text(out, indent, &op.id, p, &field, false)?;
            send(out, indent, &format!("&{field}"))?;
        } else {
            out.line(indent, &["if let Some(value) = &", &field, " {"])?;
            super::checks::check_text(out, indent + INDENT, &op.id, p, "value", true)?;
            send(out, indent + INDENT, "value")?;
            out.fixed(indent, "}");
        }
    }
    Some(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    /// A document of operations whose names, path parameters and values grow one character at
    /// a time past the margin (with checks, arrays, required and optional values, operations
    /// with and without a builder): each file the pipeline renders is the formatting of its plain
    /// tokens, and most methods and request functions were written as text.
    #[test]
    fn methods_written_as_text_are_what_the_formatter_prints() {
        use std::fmt::Write as _;
        let mut yaml = String::from(
            "openapi: 3.0.1\ninfo: {title: Lengths, version: 1.0.0}\n\
             servers: [{url: 'https://api.example.com'}]\npaths:\n",
        );
        for len in 1..=44 {
            let n = "n".repeat(len);
            let _ = write!(
                yaml,
                "  /Things/{{Thing{n}Sid}}/Parts{len}.json:\n\
                 \x20   parameters:\n\
                 \x20     - {{name: Thing{n}Sid, in: path, required: true, schema: {{type: string}}}}\n\
                 \x20   get:\n\
                 \x20     operationId: FetchPart{n}\n\
                 \x20     responses: {{'200': {{description: OK}}}}\n\
                 \x20   post:\n\
                 \x20     operationId: CreatePart{n}\n\
                 \x20     parameters:\n\
                 \x20       - {{name: PageSize{n}, in: query, schema: {{type: integer, minimum: 1, maximum: 1000}}}}\n\
                 \x20       - {{name: Tag, in: query, schema: {{type: array, items: {{type: string}}, maxItems: 5}}}}\n\
                 \x20     requestBody:\n\
                 \x20       content:\n\
                 \x20         application/x-www-form-urlencoded:\n\
                 \x20           schema:\n\
                 \x20             type: object\n\
                 \x20             required: [Name{n}]\n\
                 \x20             properties:\n\
                 \x20               Name{n}: {{type: string, minLength: 2, maxLength: 64}}\n\
                 \x20               Note: {{type: string}}\n\
                 \x20     responses: {{'200': {{description: OK}}}}\n"
            );
        }
        let (api, opts) = crate::format::named_spec(&yaml);
        let jobs = crate::emit::plan(&api);
        let rendered = crate::format::render_all(&api, &opts, jobs.clone()).unwrap();
        let header = crate::format::header(&opts.source_label);
        let mut items = 0;
        for job in &jobs {
            let (file, blocks) =
                super::super::doc_blocks::collecting(|| crate::emit::emit(&api, &opts, job));
            items += blocks.items_len();
            let plain =
                crate::format::format_file(crate::emit::emit(&api, &opts, job), &header).unwrap();
            let mine = rendered.iter().find(|f| f.path == file.path).unwrap();
            assert_eq!(mine.text, plain.text, "{}", file.path);
        }
        // Per length: a method and a request function of each operation, and two builders' and
        // one model's items; at least the methods of most lengths were written as text.
        assert!(items > 44 * 3, "{items} items written as text");
    }
}

//! Lowering, part 4: the success response of an operation.

use super::*;

impl<'a> Lowerer<'a> {
    /// The success response of an operation. `None` means the operation is skipped.
    pub(super) fn response(
        &mut self,
        s: &Selected<'_>,
        id: &str,
        at: &Pointer,
    ) -> Result<Option<ResponseKind>, Error> {
        let mut kinds: Vec<(Pointer, ResponseKind)> = Vec::new();
        let mut codes: Vec<(&StatusCode, &ReferenceOr<openapiv3::Response>)> =
            s.op.responses.responses.iter().collect();
        codes.sort_by_key(|(c, _)| c.to_string());
        for (code, resp) in codes {
            let success = match code {
                StatusCode::Code(c) => (200..300).contains(c),
                StatusCode::Range(r) => *r == 2,
            };
            if !success {
                continue;
            }
            let r_at = at.push("responses").push(code.to_string());
            let (r_at, resp) = match resp {
                ReferenceOr::Item(r) => (r_at, r),
                ReferenceOr::Reference { reference } => {
                    let responses = self.api.components.as_ref().map(|c| &c.responses);
                    follow(responses, "responses", reference, &r_at)?
                }
            };
            if resp.content.is_empty() {
                kinds.push((r_at, ResponseKind::Empty));
                continue;
            }
            let json = resp
                .content
                .iter()
                .find(|(ct, _)| *ct == "application/json" || ct.ends_with("+json"));
            let Some((ct, media)) = json else {
                // Rule "XML bodies".
                if let Some(kind) = self.xml_response(resp, &r_at, id)? {
                    kinds.push((r_at, kind));
                    continue;
                }
                let types: Vec<&str> = resp.content.keys().map(String::as_str).collect();
                self.warn(&r_at.push("content"), format!("response content type(s) {types:?} not supported (only JSON or XML); operation `{id}` skipped"));
                return Ok(None);
            };
            let m_at = r_at.push("content").push(ct).push("schema");
            let Some(schema) = &media.schema else {
                kinds.push((r_at, ResponseKind::Json(TypeRef::Json)));
                continue;
            };
            let hint = format!("{id}Response");
            let lowered = self.schema(schema.into(), &m_at, id, "response", Some(&hint))?;
            let kind = match &lowered.ty {
                TypeRef::Named(tid) => match self.types.get(tid).map(|t| &t.kind) {
                    Some(TypeKind::Struct(StructDef { page: Some(_), .. })) => {
                        ResponseKind::Page(tid.clone())
                    }
                    _ => ResponseKind::Json(lowered.ty),
                },
                _ => ResponseKind::Json(lowered.ty),
            };
            kinds.push((r_at, kind));
        }
        let Some((_, first)) = kinds.first() else {
            if s.op.responses.responses.keys().any(|code| match code {
                StatusCode::Code(c) => (300..400).contains(c),
                StatusCode::Range(r) => *r == 3,
            }) {
                // Only a redirect: returned, not followed.
                return Ok(Some(ResponseKind::Redirect));
            }
            self.warn(
                &at.push("responses"),
                format!("`{id}` declares no 2xx response; operation skipped"),
            );
            return Ok(None);
        };
        let first = first.clone();
        if let Some((p, _)) = kinds.iter().find(|(_, k)| k != &first) {
            self.warn(
                p,
                format!("success responses of `{id}` differ; the body is decoded as a JSON value"),
            );
            return Ok(Some(ResponseKind::Json(TypeRef::Json)));
        }
        Ok(Some(first))
    }
}

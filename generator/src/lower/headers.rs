//! Lowering, part 2b: header parameters (rule "header parameters").

use super::*;

impl<'a> Lowerer<'a> {
    /// A header parameter as a value of the operation's builder, or `None` (with a located
    /// warning) when it cannot be one.
    pub(super) fn header_param(
        &mut self,
        data: &openapiv3::ParameterData,
        at: &Pointer,
        owner: &str,
    ) -> Result<Option<Param>, Error> {
        if conventions::is_ignored_header(&data.name) {
            self.warn(
                at,
                format!(
                    "header parameter `{}` is ignored, as OpenAPI specifies: the client sets it from the media types",
                    data.name
                ),
            );
            return Ok(None);
        }
        let mut param = self.param(data, at, owner, false)?;
        if !is_scalar(&param.ty, &self.types) {
            self.warn(
                at,
                format!(
                    "header parameter `{}` is not a string, number, boolean or enum; left out",
                    data.name
                ),
            );
            return Ok(None);
        }
        if conventions::is_credential_header(&data.name) {
            param.sensitive = true;
        }
        Ok(Some(param))
    }
}

//! Lowering of named integers: integer enums (rule "integer enums") and bit sets (rule "bit
//! flags").

use openapiv3::{IntegerType, SchemaData};

use super::Lowerer;
use crate::conventions;
use crate::error::{Error, Pointer};
use crate::model::*;

impl Lowerer<'_> {
    /// An integer schema that is a named type: flags, or an enum. `None` for a plain integer.
    pub(super) fn named_integer(
        &mut self,
        it: &IntegerType,
        data: &SchemaData,
        at: &Pointer,
        owner: &str,
        field: &str,
    ) -> Result<Option<TypeRef>, Error> {
        let flags = conventions::flags(&data.extensions)
            .map_err(|m| Error::spec(at.push("x-twilio-codegen-flags"), m))?;
        let values: Vec<i64> = it.enumeration.iter().flatten().copied().collect();
        let kind = match flags {
            Some(_) if !values.is_empty() => {
                return Err(Error::spec(
                    at.push("enum"),
                    "an integer is either an enum or a set of flags, not both",
                ));
            }
            Some(flags) => TypeKind::Flags(FlagsDef {
                flags: flags
                    .into_iter()
                    .map(|(name, value, doc)| Flag {
                        value,
                        name,
                        rust_name: Name::default(),
                        doc: crate::model::Doc::from(doc),
                    })
                    .collect(),
            }),
            None if values.is_empty() => return Ok(None),
            None => {
                for (i, v) in values.iter().enumerate() {
                    if values.iter().take(i).any(|w| w == v) {
                        return Err(Error::spec(
                            at.push("enum").push(i),
                            format!("the value {v} is listed twice"),
                        ));
                    }
                }
                let names = conventions::int_enum_names(&data.extensions, &values)
                    .map_err(|m| Error::spec(at, m))?;
                TypeKind::IntEnum(IntEnumDef {
                    variants: values
                        .iter()
                        .zip(names)
                        .map(|(value, (name, doc))| IntVariant {
                            value: *value,
                            name,
                            rust_name: Name::default(),
                            doc: crate::model::Doc::from(doc),
                        })
                        .collect(),
                })
            }
        };
        let candidates = match component_key(at) {
            Some(key) => conventions::component_type_names(&key),
            None => vec![crate::casing::type_name(&format!("{owner}_{field}"))],
        };
        let id = TypeId::Inline(at.to_string());
        self.types.entry(id.clone()).or_insert_with(|| TypeDef {
            candidates,
            name: Name::default(),
            home: Home::Shared,
            module: Name::default(),
            doc: crate::model::Doc::from(data.description.clone()),
            pointer: at.to_string(),
            kind,
        });
        Ok(Some(TypeRef::Named(id)))
    }
}

/// The component key when `at` is a component schema itself (`#/components/schemas/{key}`).
fn component_key(at: &Pointer) -> Option<String> {
    let rest = at.as_str().strip_prefix("#/components/schemas/")?;
    (!rest.contains('/')).then(|| rest.replace("~1", "/").replace("~0", "~"))
}

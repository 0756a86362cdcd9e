//! The model of the families of a callback's payload (rule "webhook families").

use super::TypeId;

/// Parameters numbered from 0 in pairs (`MediaUrl0`, `MediaContentType0`, ...), read into one
/// list field of the payload whose items are a struct of two text fields.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct CallbackFamily {
    /// Wire name of the payload's list field (the prefixes' shared words, `Media`).
    pub field: String,
    /// The two prefixes on the wire, in the order of the item's fields.
    pub prefixes: [String; 2],
    /// The item struct, whose two fields take the prefixes' values in that order.
    pub item: TypeId,
}

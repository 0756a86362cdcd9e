//! Indexed families (rule "indexed families"): the two setters of a family in its parameter
//! builder, and the statements that write the list back to the indexed form keys.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, ident};
use crate::model::IndexedFamily;

/// The setter that adds one pair and the setter that replaces the list (names from the model).
pub fn setters(fam: &IndexedFamily) -> TokenStream {
    let all = ident(&fam.rust_name);
    let one = ident(&fam.item_name);
    let [k0, k1] = &fam.keys;
    let (a0, a1) = (ident(&k0.rust_name), ident(&k1.rust_name));
    let (k0, k1) = (&k0.wire, &k1.wire);
    let one_doc = format!(
        " Adds one `{p}N.{k0}`/`{p}N.{k1}` pair (at most {max}); N is its position in the list.",
        p = fam.prefix,
        max = fam.max
    );
    let all_doc = format!(
        " Replaces every `{p}N.{k0}`/`{p}N.{k1}` pair (at most {max}).",
        p = fam.prefix,
        max = fam.max
    );
    let extra = docs::attrs(fam.doc.as_deref());
    quote! {
        #[doc = #one_doc]
        ///
        #extra
        pub fn #one(mut self, #a0: impl Into<String>, #a1: impl Into<String>) -> Self {
            self.#all.push((#a0.into(), #a1.into()));
            self
        }

        #[doc = #all_doc]
        pub fn #all<K, V>(mut self, pairs: impl IntoIterator<Item = (K, V)>) -> Self
        where
            K: Into<String>,
            V: Into<String>,
        {
            self.#all = pairs.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
            self
        }
    }
}

/// Checks the list's length and writes each pair to `{prefix}{n}.{key}`, n from 1.
pub fn encode(op_id: &str, fam: &IndexedFamily) -> TokenStream {
    let f = ident(&fam.rust_name);
    let max = fam.max;
    let prefix = &fam.prefix;
    let [k0, k1] = &fam.keys;
    let (k0, k1) = (&k0.wire, &k1.wire);
    let reason = format!("takes at most {max} `{prefix}N.{k0}`/`{prefix}N.{k1}` pairs");
    let fmt0 = format!("{prefix}{{}}.{k0}");
    let fmt1 = format!("{prefix}{{}}.{k1}");
    let wire = format!("{prefix}N");
    quote! {
        if params.#f.len() > #max {
            return Err(::twilio_runtime::Error::invalid_input(#op_id, #wire, #reason));
        }
        for (index, (first, second)) in params.#f.iter().enumerate() {
            request = request
                .form(::std::format!(#fmt0, index + 1), first)
                .form(::std::format!(#fmt1, index + 1), second);
        }
    }
}

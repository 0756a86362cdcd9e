//! Stage 3: Rust names: every identifier the emitters print, unique in its scope (casing and
//! keywords are `casing.rs`).
//!
//! Every name the emitters print comes from here. Names that would collide inside one scope are
//! first told apart by rules that use more of the spec (the path, the schema, the members of a
//! choice); only a clash no rule resolves is made distinct by a numeric suffix in wire-name order,
//! with a located warning that starts with [`FALLBACK`], so two spec items never silently share
//! one Rust item and every numbered name is counted (the every-document test holds the count at
//! zero on Twilio's 55 documents).

use std::collections::BTreeSet;

use crate::casing::{const_name, type_name, value_name};

mod check;
mod modules;
mod nav_types;
mod surface;

/// The field name of a parameter or form field, applying the operator-suffix rule
/// (`StartTime<` → `start_time_before`).
pub fn param_name(wire_name: &str) -> String {
    let (base, suffix) = crate::conventions::operator_suffix(wire_name);
    match suffix {
        Some(s) => value_name(&format!("{base}_{s}")),
        None => value_name(base),
    }
}

/// How every warning about a numbered (fallback) name starts: the name a rule wanted was taken
/// and nothing in the spec told the two items apart.
pub const FALLBACK: &str = "fallback name";

/// The located warning for a fallback name: `what` (`type`, `field`...) `wanted` was taken and
/// the item at `pointer` is named `got`.
pub(crate) fn fallback(pointer: &str, what: &str, wanted: &str, got: &str) -> crate::Warning {
    crate::Warning {
        pointer: pointer.to_owned(),
        message: format!("{FALLBACK}: {what} `{wanted}` is taken; named `{got}`"),
    }
}

/// Takes `wanted` in `scope` for the `what` at `pointer`; a numbered name is noted in `warnings`
/// as a fallback.
fn take_noted(
    scope: &mut Scope,
    wanted: &str,
    warnings: &mut Vec<crate::Warning>,
    pointer: &str,
    what: &str,
) -> crate::model::Name {
    let (got, changed) = scope.take(wanted);
    if changed {
        warnings.push(fallback(pointer, what, wanted, &got));
    }
    got.into()
}

/// Rule "choice names": the words naming a choice between form fields (`x-twilio.conditional`).
/// An operation's only choice is its `Choice` (`CreateCallChoice`, argument `choice`); where an
/// operation has several, each is named for its members joined by `Or`
/// (`CreateMessageFromOrMessagingServiceSid`, argument `from_or_messaging_service_sid`), never by
/// its position.
fn choice_words(members: &[&str], groups: usize) -> String {
    if groups <= 1 || members.is_empty() {
        return "Choice".to_owned();
    }
    let words: Vec<String> = members.iter().map(|m| type_name(m)).collect();
    words.join("Or")
}

/// The wire names of a choice's members, in the group's order.
fn choice_members(def: &crate::model::ChoiceDef) -> Vec<&str> {
    def.members.iter().map(|m| m.wire_name.as_str()).collect()
}

/// A set of names taken in one scope (a struct's fields, a crate's types, a client's methods).
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
    /// The next numeric suffix to try for a wanted name, so that many equal names cost linear time.
    next: std::collections::BTreeMap<String, usize>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Scope {
        Scope {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
            next: std::collections::BTreeMap::new(),
        }
    }

    /// Takes `wanted`, or `wanted` with the smallest numeric suffix (`_2`, or `2` for type names)
    /// that is still free. Returns the name taken and whether it had to be changed.
    pub fn take(&mut self, wanted: &str) -> (String, bool) {
        self.take_where(wanted, |_, _| true)
    }

    /// [`Scope::take`], skipping the candidates for which `fits(self, candidate)` is false (for
    /// a name that needs companions free as well). Amortised constant time per call for many
    /// equal names: the next suffix to try is remembered per wanted name (a candidate skipped
    /// for its companions is not offered again).
    pub fn take_where(
        &mut self,
        wanted: &str,
        fits: impl Fn(&Scope, &str) -> bool,
    ) -> (String, bool) {
        if !self.taken.contains(wanted) && fits(self, wanted) {
            self.taken.insert(wanted.to_owned());
            return (wanted.to_owned(), false);
        }
        // `self_` (an escaped keyword) becomes `self_2`, never `self__2` (not snake case).
        let snake = wanted.starts_with(|c: char| c.is_ascii_lowercase()) && !wanted.ends_with('_');
        let mut n = self.next.get(wanted).copied().unwrap_or(2);
        loop {
            let candidate = if snake {
                format!("{wanted}_{n}")
            } else {
                format!("{wanted}{n}")
            };
            n = n.saturating_add(1);
            if !self.taken.contains(&candidate) && fits(self, &candidate) {
                self.next.insert(wanted.to_owned(), n);
                self.taken.insert(candidate.clone());
                return (candidate, true);
            }
        }
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Takes `name` if free; returns false (and takes nothing) when it is already taken.
    pub fn try_take(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_owned())
    }
}

/// Names the crate root holds besides the spec's types (its own, and the runtime's re-exports).
pub const CRATE_RESERVED: &[&str] = &[
    "Client",
    "Error",
    "Result",
    "ApiError",
    "ClientBuilder",
    "Paginator",
    "RetryPolicy",
    "RequestOptions",
    "Response",
    "ResponseMeta",
    "WaitOptions",
    "Pending",
    "ResponseFuture",
    "WithMetadata",
    "InvalidSid",
    "Decimal",
    "Stream",
    "StreamExt",
    "TryStreamExt",
];

/// The standard prelude's types, traits and variants that generated code names unqualified
/// (`Option<String>`, `Into<String>`, `Ok(..)`): a spec type of one of these names would shadow
/// it in its module, so the crate-wide scope holds them taken (`Option` becomes `Option2`).
/// `Result` is among [`CRATE_RESERVED`]; other prelude names are not named by generated code.
pub const PRELUDE: &[&str] = &[
    "Box",
    "Clone",
    "Default",
    "Err",
    "From",
    "Into",
    "IntoIterator",
    "None",
    "Ok",
    "Option",
    "Some",
    "String",
    "TryFrom",
    "Vec",
];

/// Methods of the generated `Client` that operations must not shadow.
pub const CLIENT_RESERVED: &[&str] = &[
    "new",
    "from_env",
    "builder",
    "core",
    "account_sid",
    "with_account_sid",
    "with_options",
    "clone",
    "fmt",
    "from",
];

/// Decides every Rust name in `api`: types (crate-wide, since the crate root re-exports every
/// module), parameter builders, client methods, fields, variants and arguments.
pub fn assign(api: &mut crate::model::Api) -> Result<(), crate::Error> {
    use crate::model::*;
    let mut crate_scope = Scope::with_reserved(&[CRATE_RESERVED, PRELUDE].concat());
    let mut warnings = Vec::new();

    // Modules: one per collection; operations sorted by (module, operation id).
    let collections: BTreeSet<&Vec<String>> = api.operations.iter().map(|o| &o.resource).collect();
    let module_names = modules::module_names(&collections);
    let module_of = |resource: &Vec<String>| -> Name {
        module_names
            .get(resource)
            .cloned()
            .unwrap_or_else(|| crate::model::SHARED_MODULE.to_owned())
            .into()
    };
    for op in &mut api.operations {
        op.module = module_of(&op.resource);
    }
    for def in api.types.values_mut() {
        def.module = match &def.home {
            Home::Shared => crate::model::SHARED_MODULE.to_owned().into(),
            Home::Resource(r) => module_of(r),
            Home::Named(name) => (*name).to_owned().into(),
        };
    }
    api.operations
        .sort_by(|a, b| (&a.module, &a.id).cmp(&(&b.module, &b.id)));

    // Rule "choice names": a choice's type candidate, from its operation and members.
    let mut groups: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for id in api.types.keys() {
        if let TypeId::Choice(op, _) = id {
            *groups.entry(op.clone()).or_default() += 1;
        }
    }
    for def in api.types.values_mut() {
        if let TypeKind::Choice(c) = &def.kind {
            let count = groups.get(&c.operation_id).copied().unwrap_or(1);
            let words = choice_words(&choice_members(c), count);
            def.candidates = vec![format!("{}{words}", type_name(&c.operation_id))];
        }
    }

    // Types: components first (their names come from the spec's own keys), then the rest; each
    // takes its first free candidate (rules of `lower/`), numbered only when none is free.
    let rank = |id: &TypeId| match id {
        TypeId::Component(_) => 0,
        TypeId::Sid(_) => 1,
        TypeId::InlineEnum(_) => 2,
        // A response is what users read most: named before the request's nested objects.
        TypeId::Inline(at) if at.contains("/responses/") => 3,
        TypeId::Inline(_) => 4,
        TypeId::Choice(..) => 5,
    };
    let mut ids: Vec<TypeId> = api.types.keys().cloned().collect();
    ids.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    for id in &ids {
        let Some(def) = api.types.get_mut(id) else {
            continue;
        };
        let name = def
            .candidates
            .iter()
            .find(|c| crate_scope.try_take(c))
            .cloned();
        def.name = Name::from(match name {
            Some(n) => n,
            None => {
                let first = def
                    .candidates
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "Unnamed".to_owned());
                let (n, _) = crate_scope.take(&first);
                warnings.push(fallback(&def.pointer, "type", &first, &n));
                n
            }
        });
        let at = def.pointer.as_str();
        match &mut def.kind {
            TypeKind::Struct(s) => {
                let mut scope = Scope::default();
                for f in &mut s.fields {
                    let wanted = value_name(&f.wire_name);
                    f.rust_name = take_noted(&mut scope, &wanted, &mut warnings, at, "field");
                }
            }
            TypeKind::Enum(e) => {
                let mut scope = Scope::with_reserved(&["Unknown"]);
                e.unknown_variant = "Unknown".to_owned().into();
                for v in &mut e.variants {
                    let wanted = type_name(&v.wire);
                    v.rust_name = Name::from(
                        if scope.contains(&wanted) && scope.try_take(&format!("{wanted}Value")) {
                            format!("{wanted}Value")
                        } else {
                            take_noted(&mut scope, &wanted, &mut warnings, at, "variant")
                                .to_string()
                        },
                    );
                }
            }
            TypeKind::Choice(c) => {
                let mut scope = Scope::default();
                // Constructor functions share the enum's namespace with its trait methods.
                let mut ctors = Scope::with_reserved(&["clone", "eq", "ne", "fmt"]);
                for m in &mut c.members {
                    let (variant, ctor) = (type_name(&m.wire_name), value_name(&m.wire_name));
                    m.rust_name = take_noted(&mut scope, &variant, &mut warnings, at, "variant");
                    m.ctor_name = take_noted(&mut ctors, &ctor, &mut warnings, at, "constructor");
                }
            }
            TypeKind::IntEnum(e) => {
                let mut scope = Scope::default();
                for v in &mut e.variants {
                    let wanted = type_name(&v.name);
                    v.rust_name = take_noted(&mut scope, &wanted, &mut warnings, at, "variant");
                }
            }
            TypeKind::Flags(f) => {
                let mut scope = Scope::with_reserved(&["NAMED"]);
                for flag in &mut f.flags {
                    let wanted = const_name(&flag.name);
                    flag.rust_name = take_noted(&mut scope, &wanted, &mut warnings, at, "flag");
                }
            }
            TypeKind::OneOf(o) => {
                let mut scope = Scope::with_reserved(&["Other"]);
                o.other_name = "Other".to_owned().into();
                for v in &mut o.variants {
                    let wanted = type_name(&v.name);
                    v.rust_name = take_noted(&mut scope, &wanted, &mut warnings, at, "variant");
                }
            }
            TypeKind::Sid { .. } => {}
        }
    }

    // Callback payloads: the field keeping the parameters the spec does not declare.
    for cb in &mut api.callbacks {
        let mut scope = Scope::default();
        if let Some(TypeKind::Struct(s)) = api.types.get(&cb.payload).map(|d| &d.kind) {
            for f in &s.fields {
                scope.try_take(&f.rust_name);
            }
        }
        cb.other_name = take_noted(
            &mut scope,
            "other_params",
            &mut warnings,
            &cb.pointer,
            "field",
        );
    }

    // Server variables the user supplies: arguments of the client's constructors.
    let mut vars = Scope::with_reserved(&["account_sid", "auth_token", "self"]);
    for v in &mut api.server_variables {
        let wanted = value_name(&v.name);
        v.rust_name = take_noted(&mut vars, &wanted, &mut warnings, "#/servers", "argument");
    }

    // Parameter builders and client methods.
    let mut methods = Scope::with_reserved(CLIENT_RESERVED);
    for op in &mut api.operations {
        if op.has_params() {
            let wanted = format!("{}Params", type_name(&op.id));
            let (n, changed) = crate_scope.take(&wanted);
            if changed {
                warnings.push(fallback(&op.pointer, "parameters type", &wanted, &n));
            }
            op.params_name = n.into();
        }
        // The method and its companions (`{m}_request`, and `{m}_stream` for list pages) are
        // taken together: the first suffix that leaves all of them free.
        let paged = matches!(op.response, ResponseKind::Page(_));
        let wanted = value_name(&op.id);
        let companions = |m: &str| {
            let stem = m.trim_end_matches('_');
            let request = format!("{stem}_request");
            let stream = paged.then(|| format!("{stem}_stream"));
            (request, stream)
        };
        // Linear in the number of operations: no copy of the scope per operation.
        let (m, _) = methods.take_where(&wanted, |scope, m| {
            let (request, stream) = companions(m);
            !scope.contains(&request) && stream.as_ref().is_none_or(|s| !scope.contains(s))
        });
        let (request, stream) = companions(&m);
        methods.try_take(&request);
        if let Some(stream) = &stream {
            methods.try_take(stream);
        }
        if m != wanted {
            warnings.push(fallback(&op.pointer, "method", &wanted, &m));
        }
        op.rust_name = m.into();
        op.request_name = request.into();
        if let Some(stream) = stream {
            op.stream_name = stream.into();
        }

        // Arguments of the method (and of the request function): `core` is the client's
        // transport where the account SID comes from the client.
        let mut args =
            Scope::with_reserved(&["self", "params", "request", "client", "body", "core"]);
        let at = op.pointer.as_str();
        for p in &mut op.path_params {
            p.rust_name = take_noted(
                &mut args,
                &param_name(&p.wire_name),
                &mut warnings,
                at,
                "argument",
            );
        }
        // Fields (and setters) of the parameter builder.
        // `new` is the constructor; a setter called `default` would shadow `Default::default`.
        let mut fields = Scope::with_reserved(&["new", "default"]);
        for p in op.query_params.iter_mut().chain(&mut op.header_params) {
            p.rust_name = take_noted(
                &mut fields,
                &param_name(&p.wire_name),
                &mut warnings,
                at,
                "parameter",
            );
        }
        if let Some(RequestBody::Form(body)) = &mut op.body {
            let groups = body.choices.len();
            for c in &mut body.choices {
                let members = match api.types.get(&c.id).map(|d| &d.kind) {
                    Some(TypeKind::Choice(def)) => choice_members(def),
                    _ => Vec::new(),
                };
                let wanted = value_name(&choice_words(&members, groups));
                c.rust_name = take_noted(&mut fields, &wanted, &mut warnings, at, "parameter");
            }
            for p in &mut body.fields {
                p.rust_name = take_noted(
                    &mut fields,
                    &param_name(&p.wire_name),
                    &mut warnings,
                    at,
                    "parameter",
                );
            }
            // A family has two setters: one that adds a pair (`parameter`) and one that
            // replaces the list (`parameters`, also the field's name). Both are taken here, so
            // a plain field of either name gets its own.
            for f in &mut body.families {
                let one = value_name(&f.prefix);
                f.item_name = take_noted(&mut fields, &one, &mut warnings, at, "parameter");
                f.rust_name = take_noted(
                    &mut fields,
                    &format!("{one}s"),
                    &mut warnings,
                    at,
                    "parameter",
                );
                let mut args = Scope::with_reserved(&["self"]);
                for k in &mut f.keys {
                    k.rust_name = take_noted(
                        &mut args,
                        &value_name(&k.wire),
                        &mut warnings,
                        at,
                        "argument",
                    );
                }
            }
        }
        // A JSON body: its top-level fields, as form fields; a whole value is `body`.
        if let Some(RequestBody::Json(body)) = &mut op.body {
            for p in &mut body.fields {
                p.rust_name = take_noted(
                    &mut fields,
                    &param_name(&p.wire_name),
                    &mut warnings,
                    at,
                    "parameter",
                );
            }
            if let Some(p) = &mut body.value {
                p.rust_name = take_noted(&mut fields, "body", &mut warnings, at, "parameter");
            }
        }
    }
    api.surface = surface::build(api, &mut methods, &mut warnings);
    api.warnings.extend(warnings);
    api.warnings.sort();
    check::all_assigned(api)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn casing() {
        assert_eq!(param_name("StartTime<"), "start_time_before");
        assert_eq!(param_name("StartTime>"), "start_time_after");
        assert_eq!(param_name("AccountSid"), "account_sid");
        assert_eq!(param_name("Parameter1.Name"), "parameter1_name");
    }

    #[test]
    fn scope_suffixes() {
        let mut s = Scope::with_reserved(&["new"]);
        assert_eq!(s.take("new"), ("new_2".to_owned(), true));
        assert_eq!(s.take("to"), ("to".to_owned(), false));
        assert_eq!(s.take("Call"), ("Call".to_owned(), false));
        assert_eq!(s.take("Call"), ("Call2".to_owned(), true));
    }
}

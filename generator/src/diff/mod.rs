//! What a spec change does to the users of the generated crate: the public APIs of two versions
//! ([`Surface`]s, read off the named models or off the crates' API digests) compared by rules
//! that follow the generator's own mapping, each change with its semver level and its cause (the
//! JSON pointers in the old and the new document).
//!
//! The rules, from what the emitters write:
//! - response structs and string enums are `#[non_exhaustive]` (enums with a catch-all), so a
//!   field or an enum value added is **minor**; one removed or retyped is **major**;
//! - a parameter builder takes required values in its constructor and optional ones by setters:
//!   an optional parameter added is **minor**, a required one added, a parameter made required
//!   or optional, moved in the constructor, retyped or removed is **major**;
//! - integer enums and choices are closed (a `match` may be exhaustive): a member added is
//!   **major**; a flag (a constant) added is **minor**;
//! - a `Client` method added is **minor**; removed, or with other arguments or another return
//!   type, **major**; a type added is **minor**; removed, renamed, moved to another module or of
//!   another kind (a SID prefix changed) **major**;
//! - only documentation changed: **patch**.

mod surface;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

pub use surface::{DIGEST_FORMAT, Item, ItemKind, Surface};

/// The semver level of a change for the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Documentation only.
    Patch,
    /// Additions that compile against every existing use.
    Minor,
    /// A change that can break code using the crate.
    Major,
}

impl Level {
    /// `patch`, `minor` or `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Major => "major",
        }
    }
}

/// One change of the public API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Its semver level.
    pub level: Level,
    /// The item, by its Rust path (`Client::create_call`, `CreateStreamParams::new(url)`).
    pub item: String,
    /// What happened to it, in a few words.
    pub what: String,
    /// Where it was in the old document.
    pub old_pointer: Option<String>,
    /// Where it is in the new document.
    pub new_pointer: Option<String>,
}

impl Change {
    /// Its cause: `old` and `new` pointers, or one `at` pointer where they are the same place.
    pub fn pointers(&self) -> Vec<(&'static str, &str)> {
        match (&self.old_pointer, &self.new_pointer) {
            (Some(old), Some(new)) if old == new => vec![("at", old.as_str())],
            (old, new) => [("old", old), ("new", new)]
                .into_iter()
                .filter_map(|(label, p)| p.as_deref().map(|p| (label, p)))
                .collect(),
        }
    }
}

/// Every change between two versions of a crate's public API, most severe first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The changes, by level (major first), then item.
    pub changes: Vec<Change>,
}

impl Report {
    /// The highest level of any change; `None` when nothing changed.
    pub fn level(&self) -> Option<Level> {
        self.changes.iter().map(|c| c.level).max()
    }

    /// How many changes there are of `level`.
    pub fn count(&self, level: Level) -> usize {
        self.changes.iter().filter(|c| c.level == level).count()
    }

    /// One line: the level and the counts, e.g. `major (2 major, 1 minor, 5 patch changes)`.
    pub fn summary(&self) -> String {
        match self.level() {
            None => "no change to the public API".to_owned(),
            Some(level) => format!(
                "{} ({} major, {} minor, {} patch change{})",
                level.as_str(),
                self.count(Level::Major),
                self.count(Level::Minor),
                self.count(Level::Patch),
                if self.changes.len() == 1 { "" } else { "s" }
            ),
        }
    }

    /// The full report for a terminal: the summary, then one change a line with its pointers.
    pub fn to_text(&self) -> String {
        let mut out = format!("API change: {}\n", self.summary());
        for c in &self.changes {
            let _ = writeln!(out, "{:<5}  {}: {}", c.level.as_str(), c.item, c.what);
            for (label, p) in c.pointers() {
                let _ = writeln!(out, "       {label}: {p}");
            }
        }
        out
    }

    /// The full report as Markdown: a heading per level, a list item per change.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("**{}**\n", self.summary());
        for level in [Level::Major, Level::Minor, Level::Patch] {
            let changes: Vec<&Change> = self.changes.iter().filter(|c| c.level == level).collect();
            if changes.is_empty() {
                continue;
            }
            let title = match level {
                Level::Major => "Breaking (major)",
                Level::Minor => "Added (minor)",
                Level::Patch => "Documentation (patch)",
            };
            let _ = write!(out, "\n#### {title}\n\n");
            for c in changes {
                let _ = write!(out, "- `{}`: {}", c.item, c.what);
                let pointers: Vec<String> = c
                    .pointers()
                    .into_iter()
                    .map(|(label, p)| format!("{label} `{p}`"))
                    .collect();
                if !pointers.is_empty() {
                    let _ = write!(out, " ({})", pointers.join(", "));
                }
                out.push('\n');
            }
        }
        out
    }
}

/// Compares two public APIs.
pub fn compare(old: &Surface, new: &Surface) -> Report {
    let mut changes = Vec::new();
    // Types renamed (same place in the spec, another name) or moved (same name, another
    // module): their members are compared under the new name.
    let renames = type_renames(old, new, &mut changes);
    // Old items under their new paths, with renamed types renamed in their signatures too (a
    // method returning a renamed type is reported once, as the rename).
    // (Without renames, the old items as they are: no copy of each.)
    let renamed_old: Vec<Item> = if renames.is_empty() {
        Vec::new()
    } else {
        old.items
            .values()
            .map(|i| Item {
                path: rename_path(&renames, i),
                signature: renames.iter().fold(i.signature.clone(), |sig, (from, to)| {
                    replace_path(&sig, from, to)
                }),
                ..i.clone()
            })
            .collect()
    };
    let old_items: BTreeMap<(ItemKind, String), &Item> = if renames.is_empty() {
        old.items.iter().map(|(k, i)| (k.clone(), i)).collect()
    } else {
        renamed_old
            .iter()
            .map(|i| ((i.kind, i.path.clone()), i))
            .collect()
    };
    // What owns members: types (by name), methods and parameter builders.
    let old_owners = owners(old_items.keys());
    let new_owners = owners(new.items.keys());

    // Parameters that moved between the constructor and the setters.
    let mut paired: BTreeSet<(ItemKind, String)> = BTreeSet::new();
    for ((kind, path), old_item) in &old_items {
        let (counterpart, what) = match kind {
            ItemKind::CtorArg => (
                ItemKind::Setter,
                "made optional (no longer a constructor argument)",
            ),
            ItemKind::Setter => (
                ItemKind::CtorArg,
                "made required (now a constructor argument)",
            ),
            _ => continue,
        };
        if new.items.contains_key(&(*kind, path.clone())) {
            continue;
        }
        let other = match counterpart {
            ItemKind::Setter => path
                .replacen("::new(", "::", 1)
                .trim_end_matches(')')
                .to_owned(),
            _ => match path.rsplit_once("::") {
                Some((builder, param)) => format!("{builder}::new({param})"),
                None => continue,
            },
        };
        if old_items.contains_key(&(counterpart, other.clone())) {
            continue;
        }
        if let Some(new_item) = new.items.get(&(counterpart, other.clone())) {
            changes.push(Change {
                level: Level::Major,
                item: other.clone(),
                what: what.to_owned(),
                old_pointer: Some(old_item.pointer.clone()),
                new_pointer: Some(new_item.pointer.clone()),
            });
            paired.insert((*kind, path.clone()));
            paired.insert((counterpart, other));
        }
    }

    for (key, old_item) in &old_items {
        if paired.contains(key) {
            continue;
        }
        // The builder of a removed operation is named with its method.
        if key.0 == ItemKind::Builder && !has_method_at(new, &old_item.pointer) {
            continue;
        }
        match new.items.get(key) {
            // A member of a removed type, method or builder goes with it.
            None if !is_owner(key.0) && !new_owners.contains(owner_of(key.0, &key.1)) => {}
            None => changes.push(Change {
                level: Level::Major,
                item: key.1.clone(),
                what: format!("{} removed{}", noun(key.0), companions(old_item)),
                old_pointer: Some(old_item.pointer.clone()),
                new_pointer: None,
            }),
            Some(new_item) if new_item.signature != old_item.signature => changes.push(Change {
                level: Level::Major,
                item: key.1.clone(),
                what: format!(
                    "{} changed: `{}` → `{}`",
                    noun(key.0),
                    old_item.signature,
                    new_item.signature
                ),
                old_pointer: Some(old_item.pointer.clone()),
                new_pointer: Some(new_item.pointer.clone()),
            }),
            Some(new_item) if new_item.doc != old_item.doc => changes.push(Change {
                level: Level::Patch,
                item: key.1.clone(),
                what: "documentation changed".to_owned(),
                old_pointer: Some(old_item.pointer.clone()),
                new_pointer: Some(new_item.pointer.clone()),
            }),
            Some(_) => {}
        }
    }
    for (key, new_item) in &new.items {
        if old_items.contains_key(key) || paired.contains(key) {
            continue;
        }
        // A member of a new type, method or builder comes with it.
        if !is_owner(key.0) && !old_owners.contains(owner_of(key.0, &key.1)) {
            continue;
        }
        if key.0 == ItemKind::Builder
            && !old_items
                .values()
                .any(|i| i.kind == ItemKind::Method && i.pointer == new_item.pointer)
        {
            continue;
        }
        let level = match key.0 {
            ItemKind::MethodArg | ItemKind::CtorArg | ItemKind::ClosedVariant => Level::Major,
            ItemKind::Method
            | ItemKind::Setter
            | ItemKind::Type
            | ItemKind::Builder
            | ItemKind::Field
            | ItemKind::Variant
            | ItemKind::Const
            | ItemKind::Navigation
            | ItemKind::Reexport => Level::Minor,
        };
        changes.push(Change {
            level,
            item: key.1.clone(),
            what: format!("{} added{}", noun(key.0), companions(new_item)),
            old_pointer: None,
            new_pointer: Some(new_item.pointer.clone()),
        });
    }
    changes.sort_by(|a, b| b.level.cmp(&a.level).then_with(|| a.item.cmp(&b.item)));
    Report { changes }
}

/// Old type path → new type path, for types renamed (same pointer) or moved (same name).
fn type_renames(
    old: &Surface,
    new: &Surface,
    changes: &mut Vec<Change>,
) -> BTreeMap<String, String> {
    let mut renames = BTreeMap::new();
    let new_types: Vec<&Item> = new
        .items
        .values()
        .filter(|i| i.kind == ItemKind::Type)
        .collect();
    for item in old.items.values().filter(|i| i.kind == ItemKind::Type) {
        if new.items.contains_key(&(ItemKind::Type, item.path.clone())) {
            continue;
        }
        let unclaimed = |n: &&&Item| !old.items.contains_key(&(ItemKind::Type, n.path.clone()));
        let moved = new_types
            .iter()
            .filter(unclaimed)
            .find(|n| type_name(&n.path) == type_name(&item.path));
        // Renamed: the same place in the spec, or the same kind with the same members (a SID
        // type with the same prefix), by member names (their types may have been renamed too).
        let members = |surface: &Surface, name: &str| -> BTreeSet<String> {
            surface
                .items
                .values()
                .filter(|i| is_member(i.kind) && owner_type(&i.path) == name)
                .map(|i| i.path.get(name.len()..).unwrap_or_default().to_owned())
                .collect()
        };
        let old_members = members(old, type_name(&item.path));
        let renamed = || {
            new_types.iter().filter(unclaimed).find(|n| {
                n.signature == item.signature
                    && (n.pointer == item.pointer
                        || item.signature.starts_with("SID ")
                        || (!old_members.is_empty()
                            && members(new, type_name(&n.path)) == old_members))
            })
        };
        if let Some(target) = moved.or_else(renamed) {
            let what = if type_name(&target.path) == type_name(&item.path) {
                format!("type moved to module `{}`", module_of(&target.path))
            } else {
                format!("type renamed to `{}`", type_name(&target.path))
            };
            changes.push(Change {
                level: Level::Major,
                item: item.path.clone(),
                what,
                old_pointer: Some(item.pointer.clone()),
                new_pointer: Some(target.pointer.clone()),
            });
            renames.insert(item.path.clone(), target.path.clone());
        }
    }
    renames
}

/// `text` with the type path `from` replaced by `to` where it stands as a whole path.
fn replace_path(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let (before, after) = rest.split_at(at);
        let tail = after.get(from.len()..).unwrap_or_default();
        let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
        let whole = !before.ends_with(ident) && !tail.starts_with(ident);
        out.push_str(before);
        out.push_str(if whole { to } else { from });
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// The path of an old item with renamed types replaced by their new names.
fn rename_path(renames: &BTreeMap<String, String>, item: &Item) -> String {
    if item.kind == ItemKind::Type {
        return renames
            .get(&item.path)
            .cloned()
            .unwrap_or_else(|| item.path.clone());
    }
    if is_member(item.kind) {
        let owner = owner_type(&item.path);
        if let Some(new) = renames
            .values()
            .zip(renames.keys())
            .find_map(|(new, old)| (type_name(old) == owner).then_some(new))
        {
            let member = item.path.get(owner.len()..).unwrap_or_default();
            return format!("{}{member}", type_name(new));
        }
    }
    item.path.clone()
}

/// The owners of members present: type names, method paths and parameter builders.
fn owners<'a>(keys: impl Iterator<Item = &'a (ItemKind, String)>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (kind, path) in keys {
        match kind {
            ItemKind::Type => {
                out.insert(type_name(path).to_owned());
            }
            ItemKind::Method => {
                out.insert(path.clone());
            }
            ItemKind::Builder => {
                out.insert(type_name(path).to_owned());
            }
            other => {
                out.insert(owner_of(*other, path).to_owned());
            }
        }
    }
    out
}

fn is_owner(kind: ItemKind) -> bool {
    matches!(
        kind,
        ItemKind::Method | ItemKind::Type | ItemKind::Builder | ItemKind::Reexport
    )
}

fn is_member(kind: ItemKind) -> bool {
    matches!(
        kind,
        ItemKind::Field
            | ItemKind::Variant
            | ItemKind::ClosedVariant
            | ItemKind::Const
            | ItemKind::Navigation
    )
}

fn owner_of(kind: ItemKind, path: &str) -> &str {
    match kind {
        ItemKind::MethodArg => method_of(path),
        ItemKind::CtorArg => path.split("::new(").next().unwrap_or(path),
        _ => owner_type(path),
    }
}

/// `Client::create_call` of `Client::create_call(sid)`.
fn method_of(path: &str) -> &str {
    path.split('(').next().unwrap_or(path)
}

/// `CallStatus` of `CallStatus::Queued`.
fn owner_type(path: &str) -> &str {
    path.rsplit_once("::").map_or(path, |(owner, _)| owner)
}

/// `CallStatus` of `calls::CallStatus`.
fn type_name(path: &str) -> &str {
    path.rsplit_once("::").map_or(path, |(_, name)| name)
}

/// `calls` of `calls::CallStatus`.
fn module_of(path: &str) -> &str {
    path.rsplit_once("::").map_or("", |(module, _)| module)
}

/// Whether `surface` has a method made from the operation at `pointer`.
fn has_method_at(surface: &Surface, pointer: &str) -> bool {
    surface
        .items
        .values()
        .any(|i| i.kind == ItemKind::Method && i.pointer == pointer)
}

/// For a method, the companions named in its signature (`create_call_request`, `list_call_stream`).
fn companions(item: &Item) -> String {
    match item.signature.split_once("; ") {
        Some((_, names)) if item.kind == ItemKind::Method => {
            let names: Vec<String> = names.split(", ").map(|n| format!("`{n}`")).collect();
            format!(", with {}", names.join(" and "))
        }
        _ => String::new(),
    }
}

fn noun(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Method => "method",
        ItemKind::MethodArg => "method argument",
        ItemKind::CtorArg => "required parameter",
        ItemKind::Setter => "optional parameter",
        ItemKind::Type => "type",
        ItemKind::Builder => "parameter builder",
        ItemKind::Field => "field",
        ItemKind::Variant => "enum value",
        ItemKind::ClosedVariant => "member of a closed enum",
        ItemKind::Const => "flag",
        ItemKind::Navigation => "navigation method",
        ItemKind::Reexport => "re-export",
    }
}

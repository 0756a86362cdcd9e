//! The client surface beside the flat methods, decided from the named model: the navigation tree
//! (rule "navigation"), the waiters (rule "waiters") and the names of the `*_with_metadata`
//! methods. Built by the naming stage (it decides names; the types are the model's) and read by `emit/navigation.rs`,
//! `emit/waiters.rs`, `emit/mock.rs` and `emit/operations.rs`.

use std::collections::BTreeMap;

use super::nav_types::{self, Wanted, Word};
use super::{Scope, fallback};
use crate::casing::{snake, type_name};
use crate::conventions;
use crate::model::{Api, NavNode, NavOp, NodeKind, PathSource, Surface, TypeRef, Waiter};

/// English singular of a collection name, for the accessor of one of its resources
/// (`recordings` → `recording`, `entries` → `entry`, `addresses` → `address`).
fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = name.strip_suffix("sses") {
        format!("{stem}ss")
    } else if let Some(stem) = name.strip_suffix('s').filter(|s| !s.ends_with('s')) {
        stem.to_owned()
    } else {
        name.to_owned()
    }
}

/// The method name of an operation on its node, from the HTTP method and the kind of node.
fn verb(method: crate::model::Method, instance: bool) -> &'static str {
    use crate::model::Method::*;
    match (method, instance) {
        (Get, false) => "list",
        (Post, false) => "create",
        (Get, true) => "fetch",
        (Post, true) => "update",
        (Put, _) => "replace",
        (Patch, _) => "patch",
        (Delete, true) => "delete",
        (Delete, false) => "delete_all",
    }
}

/// Builds the surface of a named `api`; `methods` is the scope of `Client` methods (the flat
/// operations' names are taken already), `types` the crate's type scope.
/// A numbered name (the uniqueness fallback) is noted in `warnings`.
pub fn build(api: &Api, methods: &mut Scope, warnings: &mut Vec<crate::Warning>) -> Surface {
    let mut surface = Surface::default();
    let op_at = |index: usize| api.operations.get(index).map_or("#/paths", |o| &o.pointer);
    // Takes `wanted` in `scope` for the `what` of operation `index`, noting a numbered name.
    let mut take = |scope: &mut Scope, wanted: &str, index: usize, what: &str| -> String {
        let (got, changed) = scope.take(wanted);
        if changed {
            warnings.push(fallback(op_at(index), what, wanted, &got));
        }
        got
    };

    // `*_with_metadata` for every operation whose answer is decoded whole (not XML or text).
    for (index, op) in api.operations.iter().enumerate() {
        if matches!(
            op.response,
            crate::model::ResponseKind::Json(_)
                | crate::model::ResponseKind::Empty
                | crate::model::ResponseKind::Page(_)
        ) {
            let stem = op.rust_name.trim_end_matches('_');
            let name = take(methods, &format!("{stem}_with_metadata"), index, "method");
            surface.metadata_names.insert(index, name);
        }
    }

    // Waiters.
    for (index, op) in api.operations.iter().enumerate() {
        if let Some(status) = conventions::waiter_status(op, &api.types) {
            let crate::model::ResponseKind::Json(TypeRef::Named(id)) = &op.response else {
                continue;
            };
            let resource = api
                .types
                .get(id)
                .map_or_else(|| op.rust_name.to_string(), |t| snake(&t.name));
            let name = take(methods, &format!("wait_for_{resource}"), index, "method");
            surface.waiters.push(Waiter {
                op: index,
                name,
                status,
            });
        }
    }

    // The navigation tree.
    surface.nodes.push(NavNode {
        kind: NodeKind::Root,
        segment: String::new(),
        type_name: String::new(),
        accessor: String::new(),
        owner: None,
        parent: None,
        owned: Vec::new(),
        instances: Vec::new(),
        ops: Vec::new(),
        tree_children: Vec::new(),
    });
    let mut tree_parent: Vec<Option<usize>> = vec![None];
    // The first operation whose path reaches each node: where a warning about it points.
    let mut first_op: Vec<usize> = vec![0];
    let mut placed: Vec<(usize, usize)> = Vec::new(); // (operation, node)
    for (index, op) in api.operations.iter().enumerate() {
        let segments = conventions::navigation_segments(&op.path);
        if segments.is_empty() {
            continue;
        }
        let args: Vec<&crate::model::Param> = op
            .path_params
            .iter()
            .filter(|p| p.source == PathSource::Argument)
            .collect();
        if args.len() != segments.iter().filter(|s| s.is_none()).count() {
            continue;
        }
        let mut node = 0;
        let mut arg = 0;
        let mut fits = true;
        for segment in &segments {
            // An instance is one node per type of value: an operation whose path value is text
            // where another's is a SID reaches its own node (its own accessor).
            let wanted_kind = match segment {
                Some(_) => Some(NodeKind::Collection),
                None => args.get(arg).map(|p| NodeKind::Instance(p.ty.clone())),
            };
            let found = surface
                .nodes
                .get(node)
                .and_then(|n| {
                    n.tree_children.iter().find(|(s, c)| {
                        s == segment
                            && surface.nodes.get(*c).map(|c| &c.kind) == wanted_kind.as_ref()
                    })
                })
                .map(|(_, child)| *child);
            let child = match found {
                Some(child) => child,
                None => {
                    let kind = match segment {
                        Some(_) => NodeKind::Collection,
                        None => match args.get(arg) {
                            Some(p) => NodeKind::Instance(p.ty.clone()),
                            None => {
                                fits = false;
                                break;
                            }
                        },
                    };
                    let label = match segment {
                        Some(s) => s.clone(),
                        None => args
                            .get(arg)
                            .map(|p| p.wire_name.clone())
                            .unwrap_or_default(),
                    };
                    let mut instances = surface
                        .nodes
                        .get(node)
                        .map(|n| n.instances.clone())
                        .unwrap_or_default();
                    let new = surface.nodes.len();
                    if segment.is_none() {
                        instances.push(new);
                    }
                    surface.nodes.push(NavNode {
                        kind,
                        segment: label,
                        type_name: String::new(),
                        accessor: String::new(),
                        owner: None,
                        parent: Some(node),
                        owned: Vec::new(),
                        instances,
                        ops: Vec::new(),
                        tree_children: Vec::new(),
                    });
                    tree_parent.push(Some(node));
                    first_op.push(index);
                    if let Some(n) = surface.nodes.get_mut(node) {
                        n.tree_children.push((segment.clone(), new));
                    }
                    new
                }
            };
            if segment.is_none() {
                // The value's type must be the one the node holds.
                let same = match (surface.nodes.get(child).map(|n| &n.kind), args.get(arg)) {
                    (Some(NodeKind::Instance(ty)), Some(p)) => *ty == p.ty,
                    _ => false,
                };
                if !same {
                    fits = false;
                    break;
                }
                arg += 1;
            }
            node = child;
        }
        if fits {
            placed.push((index, node));
        }
    }

    // Owners and names: a collection's accessor is on its tree parent; an instance's on the
    // parent of its collection (`client.call(&sid)`, not `client.calls().get(&sid)`).
    let parent_of = |n: usize| tree_parent.get(n).copied().flatten();
    let mut node_scopes: BTreeMap<usize, Scope> = BTreeMap::new();
    let mut type_scope = Scope::default();
    let mut wanted_types: Vec<Wanted> = Vec::new();
    // Operations first: their verbs are the node's main methods.
    for (op_index, node) in &placed {
        let Some(op) = api.operations.get(*op_index) else {
            continue;
        };
        let instance = matches!(
            surface.nodes.get(*node).map(|n| &n.kind),
            Some(NodeKind::Instance(_))
        );
        let scope = node_scopes
            .entry(*node)
            .or_insert_with(|| Scope::with_reserved(&["new", "client", "clone", "fmt"]));
        let wanted = verb(op.method, instance);
        let ext = op.path.rsplit('.').next().filter(|e| !e.contains('/'));
        let i = *op_index;
        let name = match ext {
            Some(ext) if ext != "json" && scope.contains(wanted) => take(
                scope,
                &format!("{wanted}_{}", snake(ext)),
                i,
                "navigation method",
            ),
            _ => take(scope, wanted, i, "navigation method"),
        };
        let stream_name = matches!(op.response, crate::model::ResponseKind::Page(_))
            .then(|| take(scope, &format!("{name}_stream"), i, "navigation method"));
        let wait_name = surface
            .waiters
            .iter()
            .any(|w| w.op == i)
            .then(|| take(scope, "wait_for", i, "navigation method"));
        if let Some(n) = surface.nodes.get_mut(*node) {
            n.ops.push(NavOp {
                op: *op_index,
                name,
                stream_name,
                wait_name,
            });
        }
    }
    // Keep the nodes that lead to an operation.
    let count = surface.nodes.len();
    let mut useful = vec![false; count];
    for (_, node) in &placed {
        let mut at = Some(*node);
        while let Some(n) = at {
            if let Some(u) = useful.get_mut(n) {
                *u = true;
            }
            at = parent_of(n);
        }
    }
    // A collection without operations and without collection children needs no struct: its
    // instances hang off its parent.
    let needed = |surface: &Surface, n: usize| -> bool {
        let Some(node) = surface.nodes.get(n) else {
            return false;
        };
        if !useful.get(n).copied().unwrap_or(false) {
            return false;
        }
        match node.kind {
            NodeKind::Root | NodeKind::Instance(_) => true,
            NodeKind::Collection => {
                !node.ops.is_empty()
                    || node
                        .tree_children
                        .iter()
                        .any(|(s, c)| s.is_some() && useful.get(*c).copied().unwrap_or(false))
            }
        }
    };
    let needed: Vec<bool> = (0..count).map(|n| needed(&surface, n)).collect();
    // The first needed instance node of each collection (the others are `By` their value type).
    let mut first_instance: BTreeMap<usize, usize> = BTreeMap::new();
    for (n, node) in surface.nodes.iter().enumerate().skip(1) {
        if matches!(node.kind, NodeKind::Instance(_))
            && needed.get(n).copied().unwrap_or(false)
            && let Some(up) = parent_of(n)
        {
            first_instance.entry(up).or_insert(n);
        }
    }
    // Accessor names: collections first on each owner (their names are the spec's words), then
    // instances (the singular; `_item` appended when the collection has that name already).
    for pass in 0..2 {
        for n in 1..count {
            if !needed.get(n).copied().unwrap_or(false) {
                continue;
            }
            let Some(node) = surface.nodes.get(n) else {
                continue;
            };
            let is_collection = node.kind == NodeKind::Collection;
            if (pass == 0) != is_collection {
                continue;
            }
            let Some(parent) = parent_of(n) else {
                continue;
            };
            let parent_is_collection = matches!(
                surface.nodes.get(parent).map(|p| &p.kind),
                Some(NodeKind::Collection)
            );
            let (owner, wanted) = if is_collection {
                (parent, snake(&node.segment))
            } else if parent_is_collection {
                let collection = surface
                    .nodes
                    .get(parent)
                    .map(|p| snake(&p.segment))
                    .unwrap_or_default();
                (parent_of(parent).unwrap_or(0), singular(&collection))
            } else {
                (parent, snake(&node.segment))
            };
            let is_root = owner == 0;
            let scope = node_scopes
                .entry(owner)
                .or_insert_with(|| Scope::with_reserved(&["new", "client", "clone", "fmt"]));
            let at = first_op.get(n).copied().unwrap_or(0);
            let accessor = if is_root {
                let name = if methods.contains(&wanted) || scope.contains(&wanted) {
                    take(methods, &format!("{wanted}_item"), at, "accessor")
                } else {
                    take(methods, &wanted, at, "accessor")
                };
                scope.try_take(&name);
                name
            } else if scope.contains(&wanted) {
                let by = match &node.kind {
                    NodeKind::Instance(TypeRef::String) => "by_str".to_owned(),
                    NodeKind::Instance(TypeRef::Named(id)) => api
                        .types
                        .get(id)
                        .map_or_else(|| "item".to_owned(), |t| format!("by_{}", snake(&t.name))),
                    _ => "item".to_owned(),
                };
                take(scope, &format!("{wanted}_{by}"), at, "accessor")
            } else {
                take(scope, &wanted, at, "accessor")
            };
            // The struct's name (rule "navigation type names", `nav_types.rs`): the words of
            // the path from the root.
            let mut chain = vec![n];
            let mut up = parent;
            while up != 0 && !chain.contains(&up) {
                chain.push(up);
                up = parent_of(up).unwrap_or(0);
            }
            chain.reverse();
            // An instance's word: its collection's singular (and the segment as written); a
            // second instance of one collection, its value of another type, adds `By` that type.
            let instance_word = |c: usize| -> Word {
                let Some(NodeKind::Instance(ty)) = surface.nodes.get(c).map(|x| &x.kind) else {
                    return Word::Kept(String::new(), String::new());
                };
                let up = parent_of(c).unwrap_or(0);
                let (mut one, mut written) = match surface.nodes.get(up) {
                    Some(p) if p.kind == NodeKind::Collection => (
                        type_name(&singular(&snake(&p.segment))),
                        type_name(&p.segment),
                    ),
                    _ => {
                        let own = surface.nodes.get(c).map_or("", |x| x.segment.as_str());
                        (type_name(own), type_name(own))
                    }
                };
                if first_instance.get(&up).is_some_and(|first| *first < c) {
                    let by = match ty {
                        TypeRef::Named(id) => api
                            .types
                            .get(id)
                            .map_or_else(|| "Value".to_owned(), |t| t.name.to_string()),
                        TypeRef::String => "Str".to_owned(),
                        _ => "Value".to_owned(),
                    };
                    one = format!("{one}By{by}");
                    written = format!("{written}By{by}");
                }
                Word::Kept(one, written)
            };
            let mut words = Vec::new();
            for (i, c) in chain.iter().enumerate() {
                let Some(cn) = surface.nodes.get(*c) else {
                    continue;
                };
                let next = chain.get(i + 1).and_then(|x| surface.nodes.get(*x));
                match &cn.kind {
                    NodeKind::Instance(_) => words.push(instance_word(*c)),
                    NodeKind::Collection if *c == n => {
                        let own = type_name(&cn.segment);
                        words.push(Word::Kept(own.clone(), own));
                    }
                    NodeKind::Collection
                        if !next.is_some_and(|x| matches!(x.kind, NodeKind::Instance(_)))
                            && !conventions::is_version_segment(&cn.segment) =>
                    {
                        words.push(Word::Static(type_name(&cn.segment)));
                    }
                    _ => {}
                }
            }
            let suffix = if is_collection { "Collection" } else { "Ref" };
            wanted_types.push(Wanted::new(n, op_at(at), &words, suffix));
            if let Some(node) = surface.nodes.get_mut(n) {
                node.owner = Some(owner);
                node.accessor = accessor;
            }
        }
    }
    for (n, name) in nav_types::resolve(&wanted_types, &mut type_scope, warnings) {
        if let Some(node) = surface.nodes.get_mut(n) {
            node.type_name = name;
        }
    }
    // Operations of nodes without a struct (a collection with only instances) are none, by
    // construction; drop the nodes that are not needed.
    for (n, node) in surface.nodes.iter_mut().enumerate() {
        if n > 0 && !needed.get(n).copied().unwrap_or(false) {
            node.owner = None;
            node.ops.clear();
        }
    }
    for n in 1..count {
        if let Some(owner) = surface.nodes.get(n).and_then(|node| node.owner)
            && let Some(o) = surface.nodes.get_mut(owner)
        {
            o.owned.push(n);
        }
    }
    surface
}

impl Surface {
    /// The nodes with a struct (every node but the root that is reachable).
    pub fn structs(&self) -> impl Iterator<Item = (usize, &NavNode)> {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(n, node)| *n > 0 && node.owner.is_some())
    }

    /// The nodes whose accessor is on `owner`.
    pub fn owned_by(&self, owner: usize) -> impl Iterator<Item = (usize, &NavNode)> {
        self.nodes
            .get(owner)
            .map(|o| o.owned.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|n| self.nodes.get(*n).map(|node| (*n, node)))
    }

    /// The waiter of operation `op`, if any.
    pub fn waiter(&self, op: usize) -> Option<&Waiter> {
        self.waiters.iter().find(|w| w.op == op)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn singulars() {
        assert_eq!(super::singular("calls"), "call");
        assert_eq!(super::singular("entries"), "entry");
        assert_eq!(super::singular("addresses"), "address");
        assert_eq!(super::singular("siprec"), "siprec");
    }
}

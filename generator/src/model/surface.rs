//! The client surface beside the flat methods (rules "navigation" and "waiters"), decided by
//! the naming stage (`names/surface.rs`).

use std::collections::BTreeMap;

use super::{TypeId, TypeRef};

/// Everything of the surface, by operation index (in `Api::operations`) where per operation.
#[derive(Debug, Clone, Default, PartialEq, Hash)]
pub struct Surface {
    /// Navigation nodes; index 0 is the root (the `Client` itself).
    pub nodes: Vec<NavNode>,
    /// One waiter per operation that fits rule "waiters".
    pub waiters: Vec<Waiter>,
    /// The name of the `*_with_metadata` method of each operation that has one, by index.
    pub metadata_names: BTreeMap<usize, String>,
}

/// What a navigation node stands for.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum NodeKind {
    /// The client.
    Root,
    /// A literal path segment (`Recordings`): a collection.
    Collection,
    /// A parameter segment (`{Sid}`): one resource, holding its path value of this type.
    Instance(TypeRef),
}

/// One node of the navigation tree: a struct (except the root) with an accessor on its owner.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct NavNode {
    /// Collection, instance or root.
    pub kind: NodeKind,
    /// The path segment (literal text, or the parameter's wire name), for documentation.
    pub segment: String,
    /// The struct's name (decided here; empty for the root).
    pub type_name: String,
    /// The accessor's name on the owner (empty for the root).
    pub accessor: String,
    /// The node whose struct has the accessor (`None` for the root and unused nodes).
    pub owner: Option<usize>,
    /// The node one path segment up (`None` for the root).
    pub parent: Option<usize>,
    /// The nodes whose accessors this node's struct has, in order.
    pub owned: Vec<usize>,
    /// The instance nodes from the root down to this node (inclusive): the path values it holds.
    pub instances: Vec<usize>,
    /// Operations addressed to this node: index in `Api::operations` and method name.
    pub ops: Vec<NavOp>,
    /// Children in the tree (by segment), for building (by `names/surface.rs`).
    pub(crate) tree_children: Vec<(Option<String>, usize)>,
}

/// An operation reachable from a navigation node.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct NavOp {
    /// Index in `Api::operations`.
    pub op: usize,
    /// The method's name on the node (`list`, `create`, `fetch`, `update`, `delete`...).
    pub name: String,
    /// For list pages, the name of the streaming method (`list_stream`).
    pub stream_name: Option<String>,
    /// For operations with a waiter, the name of the node's waiting method (`wait_for`).
    pub wait_name: Option<String>,
}

/// A waiter: poll an operation until the resource's `status` is one of those given.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Waiter {
    /// Index in `Api::operations` of the fetch operation.
    pub op: usize,
    /// The `Client` method's name (`wait_for_call`).
    pub name: String,
    /// The status enum.
    pub status: TypeId,
}

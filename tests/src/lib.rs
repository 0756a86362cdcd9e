//! Shared helpers for the workspace-level tests, and compile-time guarantees of the generated
//! client checked as doctests (see [`typing`]).

pub mod typing;

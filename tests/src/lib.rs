//! Shared helpers for the workspace-level tests: the Prism mock server of the end-to-end tests
//! (see [`prism`]), and compile-time guarantees of the generated client checked as doctests
//! (see [`typing`]).

pub mod prism;
pub mod typing;

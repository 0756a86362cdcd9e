//! Shared helpers for the workspace-level tests: the Prism mock server of the end-to-end tests
//! (see [`prism`]), and compile-time guarantees of the generated client checked as doctests
//! (see [`typing`]).

pub mod prism;
pub mod typing;

/// The README's Rust examples compile (they are doctests of this crate).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
mod readme {}

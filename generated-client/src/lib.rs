//! Typed async client for the Stax Payments customer API, generated from `spec/stax-customer.yaml`.
//!
//! Everything under `generated/` is produced by `cargo xtask codegen`; this file only re-exports it.
//! The repository README follows (its examples are compiled as doctests).
#![doc = ""]
#![doc = include_str!("../../README.md")]

mod generated;

pub use generated::*;

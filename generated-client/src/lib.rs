//! Typed async client for the Stax Payments customer API (`https://apiprod.fattlabs.com`).
//!
//! Everything under `generated/` is produced by `cargo xtask codegen` from `spec/stax-customer.yaml`;
//! this file only re-exports it. See the repository README for usage.

mod generated;

pub use generated::*;

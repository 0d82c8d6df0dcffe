//! The generator's output for every fixture spec in `tests/fixtures/`, one module each, sharing one runtime.
//!
//! `build.rs` unpacks the modules from the fixture snapshots (`generator/tests/snapshots/`), the one committed copy of
//! that output; the runtime is `generator/runtime/` itself, as the generated modules' `crate::runtime`.

#[path = "../../../generator/runtime/mod.rs"]
pub mod runtime;

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

//! Test support shared by the integration tests: an in-process fake Stax server.

pub mod fake_stax;

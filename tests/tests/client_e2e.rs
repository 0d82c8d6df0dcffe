//! End-to-end tests of the generated Stax client (`stax_customer_client`) against wiremock on 127.0.0.1.
//!
//! Only the crate's public API is used, as a downstream crate would. Each area lives in its own file under
//! `client_e2e/`: what is sent on the wire, what is decoded, how statuses map to errors, client-side
//! validation, and that credentials never show up in `Debug` or `Display` output.

#[path = "client_e2e/fixtures.rs"]
mod fixtures;
#[path = "client_e2e/paths_and_queries.rs"]
mod paths_and_queries;
#[path = "client_e2e/request_wire.rs"]
mod request_wire;
#[path = "client_e2e/roundtrip.rs"]
mod roundtrip;
#[path = "client_e2e/secrets.rs"]
mod secrets;
#[path = "client_e2e/statuses.rs"]
mod statuses;
#[path = "client_e2e/support.rs"]
mod support;
#[path = "client_e2e/validation.rs"]
mod validation;

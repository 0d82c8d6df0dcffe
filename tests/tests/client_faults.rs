//! Fault handling of the generated Stax client against misbehaving loopback servers: retries, `Retry-After`,
//! retry limits, timeouts, refused and dropped connections, truncated bodies and non-JSON bodies.
//!
//! One test binary; each area lives in its own file under `client_faults/`.

#[path = "client_faults/statuses.rs"]
mod statuses;
#[path = "client_faults/support.rs"]
mod support;
#[path = "client_faults/transport.rs"]
mod transport;

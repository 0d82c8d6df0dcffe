//! Whole customer flows of the generated Stax client against the in-process fake Stax server: create, get,
//! partial and checked updates, paged streaming with filters, soft delete; plus a stream that fails mid-way.
//!
//! One test binary; each area lives in its own file under `fake_stax_flows/`.

#[path = "fake_stax_flows/lifecycle.rs"]
mod lifecycle;
#[path = "fake_stax_flows/paging.rs"]
mod paging;
#[path = "fake_stax_flows/support.rs"]
mod support;

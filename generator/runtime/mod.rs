//! Hand-written runtime shared by every generated client: transport, retries, auth, errors, validation, pagination, audit logs.
//!
//! The generator copies these files verbatim into each generated crate (`src/generated/runtime/`), so the output
//! stands alone. Edit them in `generator/runtime/`, never in a generated crate. Nothing here refers to generated
//! code: generated clients plug in through `http::FromInner` and `response::ResponseError`.
//!
//! Public: what a client's users touch (the builder, credentials, errors, downloads and file parts). The rest is
//! plumbing for the generated code, private to the crate, so changing it is not an API change.
#![allow(dead_code, reason = "every generated crate gets the whole runtime and uses the part its spec needs")]

pub(crate) mod audit;
pub mod auth;
pub mod builder;
pub(crate) mod checked;
pub mod download;
pub(crate) mod encode;
pub(crate) mod enums;
pub mod errors;
pub(crate) mod http;
#[cfg(feature = "mock")]
pub mod mock;
#[cfg(feature = "mock")]
mod mock_match;
pub mod multipart;
pub(crate) mod nullable;
pub(crate) mod object;
pub(crate) mod paginate;
pub(crate) mod request;
pub(crate) mod response;
pub(crate) mod retry;
pub(crate) mod secret;
pub(crate) mod validate;

/// The time limits a client starts with (see `ClientBuilder::timeout` and `ClientBuilder::connect_timeout`).
pub use builder::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};

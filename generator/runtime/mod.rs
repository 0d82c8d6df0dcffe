//! Hand-written runtime shared by every generated client: transport, retries, auth, errors, validation, pagination, audit logs.
//!
//! The generator copies these files verbatim into each generated crate (`src/generated/runtime/`), so the output
//! stands alone. Edit them in `generator/runtime/`, never in a generated crate. Nothing here refers to generated
//! code: generated clients plug in through `builder::FromInner`.

pub mod audit;
pub mod auth;
pub mod builder;
pub mod checked;
pub mod download;
pub mod encode;
pub mod enums;
pub mod errors;
pub mod http;
pub mod multipart;
pub mod nullable;
pub mod paginate;
pub mod retry;
pub mod secret;
pub mod validate;

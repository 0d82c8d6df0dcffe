//! Emit: IR -> token streams, one module per kind of output (types, client, errors), plus the module root.

mod client;
mod enums;
mod error;
mod extras;
mod params;
mod types;
mod tyref;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

/// Lints that spec-derived docs and shapes can trip and that say nothing about the generated code's quality.
fn allows() -> TokenStream {
    quote! {
        #![allow(
            deprecated,
            clippy::large_enum_variant,
            clippy::too_many_arguments,
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items,
            clippy::tabs_in_doc_comments,
            clippy::empty_docs,
            clippy::needless_lifetimes,
            clippy::match_overlapping_arm
        )]
    }
}

/// The generated modules as (file name, tokens), in a fixed order.
pub fn emit(api: &Api, shared_runtime: Option<&syn::Path>) -> Vec<(&'static str, TokenStream)> {
    let runtime = match shared_runtime {
        Some(path) => quote!(pub use #path as runtime;),
        None => quote!(pub mod runtime;),
    };
    let allows = allows();
    let types = types::emit(api);
    let client = client::emit(api);
    let error = error::emit(api);
    let title = format!(" Generated client for {}.", api.title.trim());
    let description = tyref::inner_doc(api.description.as_deref());
    let gap = if description.is_empty() { TokenStream::new() } else { quote!(#![doc = ""]) };
    let base = &api.default_base_url;
    let has_types = !api.types.is_empty() || api.operations.iter().any(|o| o.params_struct.is_some());
    let glob = if has_types { quote!(pub use types::*;) } else { TokenStream::new() };
    let root = quote! {
        #![doc = #title]
        #gap
        #description
        pub mod types;
        mod client;
        mod error;
        #runtime

        pub use client::Client;
        pub use error::Error;
        /// Configures and builds a [`Client`].
        pub type ClientBuilder = runtime::builder::ClientBuilder<Client>;
        pub use runtime::errors::{
            ApiError, ConfigError, DecodeError, DeletedError, FieldError, TimeoutError, TransportError, ValidationErrors,
        };
        #glob

        /// The first server the spec lists (its variables set to their defaults).
        pub const DEFAULT_BASE_URL: &str = #base;
    };
    vec![
        ("mod.rs", quote!(#allows #root)),
        ("types.rs", quote!(#allows #types)),
        ("client.rs", quote!(#allows #client)),
        ("error.rs", quote!(#allows #error)),
    ]
}

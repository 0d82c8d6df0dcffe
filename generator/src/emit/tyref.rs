//! Type references and identifiers as tokens.

use proc_macro2::{Ident, Span, TokenStream};
use quote::ToTokens;

use crate::ir::TypeRef;

/// An identifier from a name the naming module made (raw identifiers included).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The Rust type of a `TypeRef`, named plainly (see [`super::ast::rust_type`]).
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    super::ast::rust_type(ty).into_token_stream()
}

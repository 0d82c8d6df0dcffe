//! Type references and identifiers as tokens, with fully qualified std paths.

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

/// The Rust type of a `TypeRef`, as seen from a module beside `types` (`types::X` when `qualified`).
pub fn rust_type(ty: &TypeRef, qualified: bool) -> TokenStream {
    super::ast::rust_type(ty, qualified).into_token_stream()
}

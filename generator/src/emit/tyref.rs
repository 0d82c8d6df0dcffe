//! Type references and identifiers as tokens, with fully qualified std paths.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

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
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::Json => quote!(::serde_json::Value),
        TypeRef::Bytes => quote!(::bytes::Bytes),
        TypeRef::Unit => quote!(()),
        TypeRef::Named(n) => named(n, qualified),
        TypeRef::Boxed(n) => {
            let n = named(n, qualified);
            quote!(Box<#n>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner, qualified);
            quote!(Option<#inner>)
        }
        TypeRef::Vec(inner) => {
            let inner = rust_type(inner, qualified);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = rust_type(inner, qualified);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
    }
}

fn named(n: &str, qualified: bool) -> TokenStream {
    let id = ident(n);
    if qualified {
        quote!(super::types::#id)
    } else {
        quote!(#id)
    }
}

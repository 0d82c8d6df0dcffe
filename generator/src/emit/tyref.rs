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

/// Like [`doc`], as inner attributes (`//!`) for a module's own documentation.
pub fn inner_doc(text: Option<&str>) -> TokenStream {
    let outer = doc(text);
    let lines: Vec<String> = syn::parse2::<syn::DeriveInput>(quote!(#outer struct X;))
        .map(|d| {
            d.attrs
                .iter()
                .filter_map(|a| match &a.meta {
                    syn::Meta::NameValue(nv) => match &nv.value {
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }) => Some(s.value()),
                        _ => None,
                    },
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    quote!(#(#![doc = #lines])*)
}

/// A `#[doc = "..."]` attribute per line, or nothing. Lines are unindented and code fences marked `text`,
/// so no description from a spec can become a doctest.
pub fn doc(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    let mut in_fence = false;
    let lines = text.lines().map(|l| {
        let l = l.trim();
        if l.starts_with("```") || l.starts_with("~~~") {
            in_fence = !in_fence;
            if in_fence {
                return " ```text".to_owned();
            }
            return " ```".to_owned();
        }
        format!(" {l}")
    });
    let mut lines: Vec<String> = lines.collect();
    if in_fence {
        lines.push(" ```".to_owned());
    }
    quote!(#(#[doc = #lines])*)
}

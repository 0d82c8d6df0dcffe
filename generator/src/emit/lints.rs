//! The lint allowances generated items carry: each only on an item that can trigger its lint, with the reason.

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

use crate::ir::{Api, TypeRef};

/// `#[allow(deprecated)]` when `item` names something the spec deprecates (using it is the spec's choice).
pub fn deprecated(api: &Api, item: &TokenStream) -> TokenStream {
    if !api.deprecated.is_empty() && names_any(item, api) {
        allow_deprecated()
    } else {
        TokenStream::new()
    }
}

/// The attribute itself.
pub fn allow_deprecated() -> TokenStream {
    quote!(#[allow(deprecated, reason = "the spec deprecates what this item uses")])
}

/// Whether a type names a deprecated type.
pub fn type_is_deprecated(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(n) | TypeRef::Boxed(n) => api.deprecated.contains(n),
        TypeRef::Nullable(t) | TypeRef::Vec(t) | TypeRef::Map(t) => type_is_deprecated(api, t),
        _ => false,
    }
}

fn names_any(tokens: &TokenStream, api: &Api) -> bool {
    tokens.clone().into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => {
            let name = i.to_string();
            api.deprecated.contains(name.strip_prefix("r#").unwrap_or(&name)) || api.deprecated.contains(&name)
        }
        TokenTree::Group(g) => names_any(&g.stream(), api),
        _ => false,
    })
}

//! The lint allowances generated items carry: each only on an item that can trigger its lint, with the reason.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Operation, Success, TypeKind, TypeRef};

/// `#[allow(deprecated)]` when `yes` (the item names something the spec deprecates: using it is the spec's choice).
pub fn deprecated_if(yes: bool) -> TokenStream {
    if yes { allow_deprecated() } else { TokenStream::new() }
}

/// Whether an operation's method names something deprecated: a deprecated parameter, or a deprecated type among
/// its arguments and results. `calls_it` adds the operation's own method (for the stream, checked and download
/// forms, which call it).
pub fn op_uses_deprecated(api: &Api, op: &Operation, calls_it: bool) -> bool {
    if api.deprecated.is_empty() {
        return false;
    }
    let types = op.path_params.iter().chain(&op.params).map(|p| &p.ty).chain(op.body.iter().map(|b| &b.ty));
    let success = match &op.success {
        Success::Single(t, _) => type_is_deprecated(api, t),
        Success::Several(e) => e.variants.iter().any(|v| type_is_deprecated(api, &v.ty)),
    };
    (calls_it && op.deprecated)
        || op.path_params.iter().chain(&op.params).any(|p| p.deprecated)
        || types.into_iter().any(|t| type_is_deprecated(api, t))
        || success
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


/// `#[allow(clippy::large_enum_variant)]` for an enum whose variants hold the given types, when one of them is a
/// struct or union (whose size the spec decides, so the variants can differ by hundreds of bytes).
pub fn large_variants<'a>(api: &Api, held: impl IntoIterator<Item = &'a TypeRef>) -> TokenStream {
    let can_be_large = held.into_iter().any(|t| {
        matches!(t, TypeRef::Named(n) if matches!(api.type_def(n).map(|d| &d.kind), Some(TypeKind::Struct(_) | TypeKind::Union(_))))
    });
    if can_be_large {
        quote!(#[allow(clippy::large_enum_variant, reason = "variants hold the spec's objects as they are; boxing them would change the API")])
    } else {
        TokenStream::new()
    }
}

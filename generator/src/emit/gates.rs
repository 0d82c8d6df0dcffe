//! Cargo feature gates: the `#[cfg(..)]` of an item that only some features compile (see `lower/features.rs`).
//!
//! Emitters say which features an item needs ([`super::Emitted::gate`]); render puts the attribute on each of its
//! top-level items and gates the `use` lines only gated items need. Items nested in a block (markers in
//! `mock::op`, `mod` lines of an index) get theirs from [`cfg`] directly.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", feature = "b"))]`; nothing for no features.
pub fn cfg(features: &[String]) -> TokenStream {
    match features {
        [] => TokenStream::new(),
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// The attribute of [`cfg`] as a syntax tree, for items render already holds.
pub fn attribute(features: &[String]) -> Option<syn::Attribute> {
    let tokens = cfg(features);
    if tokens.is_empty() {
        return None;
    }
    let parser = syn::Attribute::parse_outer;
    syn::parse::Parser::parse2(parser, tokens).ok().and_then(|mut attrs| attrs.pop())
}

/// The gate of something any of `gates` needs: every feature they name, or none when one of them is ungated.
pub fn any_of<'a>(gates: impl IntoIterator<Item = &'a [String]>) -> Vec<String> {
    let mut all = std::collections::BTreeSet::new();
    for gate in gates {
        if gate.is_empty() {
            return Vec::new();
        }
        all.extend(gate.iter().cloned());
    }
    all.into_iter().collect()
}

/// Adds the gate's attribute to a top-level item, after its doc comment (so rustdoc still shows the summary
/// first, and the gate reads right above the item's other attributes).
pub fn gate_item(item: &mut syn::Item, attr: &syn::Attribute) {
    let Some(attrs) = attrs_mut(item) else { return };
    let at = attrs.iter().take_while(|a| a.path().is_ident("doc")).count();
    attrs.insert(at, attr.clone());
}

fn attrs_mut(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Const(i) => &mut i.attrs,
        syn::Item::Enum(i) => &mut i.attrs,
        syn::Item::Fn(i) => &mut i.attrs,
        syn::Item::Impl(i) => &mut i.attrs,
        syn::Item::Macro(i) => &mut i.attrs,
        syn::Item::Mod(i) => &mut i.attrs,
        syn::Item::Static(i) => &mut i.attrs,
        syn::Item::Struct(i) => &mut i.attrs,
        syn::Item::Type(i) => &mut i.attrs,
        syn::Item::Use(i) => &mut i.attrs,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_feature_or_any_of_several() {
        let gate = |f: &[&str]| cfg(&f.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()).to_string();
        assert_eq!(gate(&[]), "");
        assert_eq!(gate(&["issues"]), "# [cfg (feature = \"issues\")]");
        assert_eq!(gate(&["a", "b"]), "# [cfg (any (feature = \"a\" , feature = \"b\"))]");
    }

    #[test]
    fn an_ungated_need_ungates_the_whole() {
        let a = vec!["a".to_owned()];
        let b = vec!["b".to_owned()];
        assert_eq!(any_of([a.as_slice(), b.as_slice()]), ["a", "b"]);
        assert!(any_of([a.as_slice(), &[]]).is_empty());
    }
}

//! Emits string and integer enums that keep unknown values instead of failing to decode.
//!
//! The type is declared here; its impls come from the runtime's `string_enum!`/`int_enum!` macros.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::doc;
use super::tyref::ident;
use crate::ir::{Enum, TypeDef};

/// An enum declaration plus the macro call that implements it.
pub fn emit(def: &TypeDef, e: &Enum) -> TokenStream {
    let name = ident(&def.name);
    let d = doc(def.doc.as_deref());
    let dep = if def.deprecated {
        quote!(#[deprecated])
    } else {
        TokenStream::new()
    };
    let fallback = ident(&e.fallback);
    if e.integer {
        let pairs: Vec<(proc_macro2::Ident, i64)> = e
            .variants
            .iter()
            .filter_map(|v| Some((ident(&v.name), v.wire.parse().ok()?)))
            .collect();
        let variants = pairs.iter().map(|(v, _)| v);
        let arms = pairs.iter().map(|(v, n)| {
            let lit = Literal::i64_unsuffixed(*n);
            quote!(#v = #lit)
        });
        return quote! {
            #d
            #dep
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub enum #name {
                #(#variants,)*
                /// A value the spec does not list.
                #fallback(i64),
            }
            int_enum!(#name { #(#arms),* } #fallback);
        };
    }
    let variants = e.variants.iter().map(|v| ident(&v.name));
    let arms = e.variants.iter().map(|v| {
        let n = ident(&v.name);
        let wire = &v.wire;
        quote!(#n = #wire)
    });
    quote! {
        #d
        #dep
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants,)*
            /// A value the spec does not list (kept as received; refused by `validate()`).
            #fallback(String),
        }
        string_enum!(#name { #(#arms),* } #fallback);
    }
}

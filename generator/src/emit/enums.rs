//! Emits string and integer enums that keep unknown values instead of failing to decode.

use proc_macro2::TokenStream;
use quote::quote;

use super::tyref::{doc, ident};
use crate::ir::{Enum, TypeDef};

/// An enum with its `as_str`/`is_known`, conversions, `Display` and serde impls.
pub fn emit(def: &TypeDef, e: &Enum) -> TokenStream {
    let name = ident(&def.name);
    let d = doc(def.doc.as_deref());
    let dep = if def.deprecated { quote!(#[deprecated]) } else { TokenStream::new() };
    let fallback = ident(&e.fallback);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let docs = e.variants.iter().map(|v| format!(" `{}`", v.wire));
    if e.integer {
        let values: Vec<i64> = e.variants.iter().filter_map(|v| v.wire.parse().ok()).collect();
        return quote! {
            #d
            #dep
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub enum #name {
                #(#[doc = #docs] #variants,)*
                /// A value the spec does not list.
                #fallback(i64),
            }

            impl #name {
                /// The value on the wire.
                pub fn value(&self) -> i64 {
                    match self { #(Self::#variants => #values,)* Self::#fallback(v) => *v }
                }

                /// True for values the spec lists.
                pub fn is_known(&self) -> bool {
                    !matches!(self, Self::#fallback(_))
                }
            }

            impl ::std::convert::From<i64> for #name {
                fn from(v: i64) -> Self {
                    match v { #(#values => Self::#variants,)* other => Self::#fallback(other) }
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    ::std::fmt::Display::fmt(&self.value(), f)
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_i64(self.value())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
                }
            }
        };
    }
    let wires: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    quote! {
        #d
        #dep
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#[doc = #docs] #variants,)*
            /// A value the spec does not list (kept as received; rejected by `validate()`).
            #fallback(::std::string::String),
        }

        impl #name {
            /// The values the spec lists.
            pub const VALUES: &'static [&'static str] = &[#(#wires),*];

            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self { #(Self::#variants => #wires,)* Self::#fallback(s) => s.as_str() }
            }

            /// True for values the spec lists.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::#fallback(_))
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(s: &str) -> Self {
                match s { #(#wires => Self::#variants,)* other => Self::#fallback(::std::borrow::ToOwned::to_owned(other)) }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(s: ::std::string::String) -> Self {
                Self::from(s.as_str())
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(s.as_ref()))
            }
        }
    }
}

//! `syn` values built straight from the IR, for items whose shape is fixed (struct definitions).
//!
//! Emitting them as tokens would make `syn` parse them back before prettyplease prints them; struct definitions are
//! most of a large spec's output, and building their syntax tree directly skips both `quote` and that parse.
//! prettyplease still prints them, so the output is the same as for tokens.

use proc_macro2::{Span, TokenStream};
use syn::punctuated::Punctuated;
use syn::token;

use super::tyref::ident;
use crate::ir::TypeRef;

/// The Rust type of a `TypeRef`, named plainly (each generated file imports the types and `BTreeMap`).
/// [`super::tyref::rust_type`] gives the same as tokens.
pub fn rust_type(ty: &TypeRef) -> syn::Type {
    match ty {
        TypeRef::String => simple(&["String"]),
        TypeRef::Bool => simple(&["bool"]),
        TypeRef::I32 => simple(&["i32"]),
        TypeRef::I64 => simple(&["i64"]),
        TypeRef::F32 => simple(&["f32"]),
        TypeRef::F64 => simple(&["f64"]),
        TypeRef::Json => simple(&["serde_json", "Value"]),
        TypeRef::Bytes => simple(&["bytes", "Bytes"]),
        TypeRef::File => simple(&["FilePart"]),
        TypeRef::Unit => syn::Type::Tuple(syn::TypeTuple {
            paren_token: token::Paren::default(),
            elems: Punctuated::new(),
        }),
        TypeRef::Named(n) => simple(&[n]),
        TypeRef::Boxed(n) => generic("Box", vec![simple(&[n])]),
        TypeRef::Nullable(inner) => option(rust_type(inner)),
        TypeRef::Vec(inner) => generic("Vec", vec![rust_type(inner)]),
        TypeRef::Map(inner) => map_of(rust_type(inner)),
    }
}

/// `Option<inner>`.
pub fn option(inner: syn::Type) -> syn::Type {
    generic("Option", vec![inner])
}

/// `BTreeMap<String, value>`.
pub fn map_of(value: syn::Type) -> syn::Type {
    generic("BTreeMap", vec![simple(&["String"]), value])
}

/// `#[doc = "text"]`.
pub fn doc(text: &str) -> syn::Attribute {
    attribute(syn::Meta::NameValue(syn::MetaNameValue {
        path: ident("doc").into(),
        eq_token: token::Eq::default(),
        value: syn::Expr::Lit(syn::ExprLit {
            attrs: Vec::new(),
            lit: syn::Lit::Str(syn::LitStr::new(text, Span::call_site())),
        }),
    }))
}

/// `#[name(tokens)]`.
pub fn list(name: &str, tokens: TokenStream) -> syn::Attribute {
    attribute(syn::Meta::List(syn::MetaList {
        path: ident(name).into(),
        delimiter: syn::MacroDelimiter::Paren(token::Paren::default()),
        tokens,
    }))
}

/// `#[name]`.
pub fn word(name: &str) -> syn::Attribute {
    attribute(syn::Meta::Path(ident(name).into()))
}

/// `pub name: ty`, under `attrs`.
pub fn field(attrs: Vec<syn::Attribute>, name: &str, ty: syn::Type) -> syn::Field {
    syn::Field {
        attrs,
        vis: public(),
        mutability: syn::FieldMutability::None,
        ident: Some(ident(name)),
        colon_token: Some(token::Colon::default()),
        ty,
    }
}

/// `pub struct name { fields }`, under `attrs`.
pub fn named_struct(attrs: Vec<syn::Attribute>, name: &str, fields: Vec<syn::Field>) -> syn::Item {
    syn::Item::Struct(syn::ItemStruct {
        attrs,
        vis: public(),
        struct_token: token::Struct::default(),
        ident: ident(name),
        generics: syn::Generics::default(),
        fields: syn::Fields::Named(syn::FieldsNamed {
            brace_token: token::Brace::default(),
            named: fields.into_iter().collect(),
        }),
        semi_token: None,
    })
}

fn public() -> syn::Visibility {
    syn::Visibility::Public(token::Pub::default())
}

fn attribute(meta: syn::Meta) -> syn::Attribute {
    syn::Attribute {
        pound_token: token::Pound::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: token::Bracket::default(),
        meta,
    }
}

/// A path type without a leading `::` and without generic arguments.
fn simple(segments: &[&str]) -> syn::Type {
    path_type(segments, Vec::new())
}

/// `name<args>`.
fn generic(name: &str, args: Vec<syn::Type>) -> syn::Type {
    path_type(&[name], args)
}

/// A path type whose last segment carries `args` (none: no angle brackets).
fn path_type(segments: &[&str], args: Vec<syn::Type>) -> syn::Type {
    let last = segments.len().saturating_sub(1);
    let mut args = Some(args);
    let segments = segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let arguments = match args.take_if(|a| i == last && !a.is_empty()) {
                Some(a) => syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
                    colon2_token: None,
                    lt_token: token::Lt::default(),
                    args: a.into_iter().map(syn::GenericArgument::Type).collect(),
                    gt_token: token::Gt::default(),
                }),
                None => syn::PathArguments::None,
            };
            syn::PathSegment {
                ident: ident(s),
                arguments,
            }
        })
        .collect();
    syn::Type::Path(syn::TypePath {
        qself: None,
        path: syn::Path {
            leading_colon: None,
            segments,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    /// Every shape of type prints as the Rust type it stands for.
    #[test]
    fn types_print_as_their_rust_form() {
        let named = || TypeRef::Named("Pet".into());
        let cases = [
            (TypeRef::String, "String"),
            (TypeRef::Bool, "bool"),
            (TypeRef::I32, "i32"),
            (TypeRef::I64, "i64"),
            (TypeRef::F32, "f32"),
            (TypeRef::F64, "f64"),
            (TypeRef::Json, "serde_json::Value"),
            (TypeRef::Bytes, "bytes::Bytes"),
            (TypeRef::File, "FilePart"),
            (TypeRef::Unit, "()"),
            (named(), "Pet"),
            (TypeRef::Boxed("Pet".into()), "Box<Pet>"),
            (TypeRef::Nullable(Box::new(named())), "Option<Pet>"),
            (TypeRef::Vec(Box::new(TypeRef::Nullable(Box::new(TypeRef::String)))), "Vec<Option<String>>"),
            (TypeRef::Map(Box::new(TypeRef::Vec(Box::new(named())))), "BTreeMap<String, Vec<Pet>>"),
        ];
        for (ty, text) in &cases {
            let expected: syn::Type = syn::parse_str(text).expect("a Rust type");
            let built = rust_type(ty).to_token_stream().to_string();
            assert_eq!(built, expected.to_token_stream().to_string(), "{ty:?}");
        }
    }
}

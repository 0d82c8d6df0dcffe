//! Speed trick, fenced here: struct definitions built straight from the IR as `syn` items.
//!
//! Emitting them as tokens would make `syn` parse them back before prettyplease prints them; struct definitions are
//! most of a large spec's output, and building their syntax tree directly skips both `quote` and that parse (a
//! sixth of the CPU time of generating GitHub's description). prettyplease still prints them, so the output is the
//! same as for tokens: the test below renders every fixture both ways.

use proc_macro2::TokenStream;
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
            attrs: Vec::new(),
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
    doc_literal(proc_macro2::Literal::string(text))
}

/// `#[doc = literal]`.
pub fn doc_literal(literal: proc_macro2::Literal) -> syn::Attribute {
    attribute(syn::Meta::NameValue(syn::MetaNameValue {
        path: ident("doc").into(),
        eq_token: token::Eq::default(),
        value: syn::Expr::Lit(syn::ExprLit {
            attrs: Vec::new(),
            lit: syn::Lit::new(literal),
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
        modifiers: syn::FieldModifiers::default(),
        ident: Some(ident(name)),
        colon_token: Some(token::Colon::default()),
        ty,
        default: None,
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
                Some(a) => {
                    syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
                        colon2_token: None,
                        lt_token: token::Lt::default(),
                        args: a.into_iter().map(syn::GenericArgument::Type).collect(),
                        gt_token: token::Gt::default(),
                    })
                }
                None => syn::PathArguments::None,
            };
            syn::PathSegment {
                ident: ident(s),
                arguments,
            }
        })
        .collect();
    syn::Type::Path(syn::TypePath {
        attrs: Vec::new(),
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
    use crate::emit::{Emitted, Piece, TypeNames, emit_part, plan};
    use quote::ToTokens;

    /// Every file of every fixture renders the same when its built items go through tokens and `syn` instead.
    #[test]
    fn built_items_render_as_their_tokens_would() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut specs: Vec<_> = std::fs::read_dir(root.join("tests/fixtures"))
            .expect("fixtures")
            .flatten()
            .map(|e| e.path())
            .collect();
        specs.push(root.join("spec/stax-customer.yaml"));
        let mut items = 0;
        for path in specs {
            let text = std::fs::read_to_string(&path).expect("spec");
            let Ok(spec) = crate::parse(&text) else {
                continue;
            };
            let (api, _) = crate::lower::lower(&spec.openapi, &spec.raw).expect("lowers");
            for (file, part) in plan(&api) {
                let names = TypeNames::of(&api);
                let built = emit_part(&api, &names, &part, None);
                let emitted = emit_part(&api, &names, &part, None);
                let as_tokens = Emitted {
                    imports: emitted.imports,
                    pieces: emitted
                        .pieces
                        .into_iter()
                        .map(|(gate, p)| match p {
                            Piece::Item(item) => {
                                items += 1;
                                (gate, Piece::Tokens(item.to_token_stream()))
                            }
                            tokens => (gate, tokens),
                        })
                        .collect(),
                    ..Emitted::default()
                };
                let render = |e| crate::render::render("", e, &file).expect("renders");
                assert_eq!(
                    render(built),
                    render(as_tokens),
                    "{} {file}",
                    path.display()
                );
            }
        }
        assert!(items > 50, "only {items} built items were compared");
    }

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

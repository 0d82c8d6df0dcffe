//! Emits the named types: structs, unions and aliases (enums are in `enums.rs`), with their serde attributes.

use proc_macro2::TokenStream;
use quote::quote;

use super::ast;
use super::docs::{doc, doc_attrs};
use super::Emitted;
use super::tyref::{ident, rust_type};
use crate::ir::{Api, Field, Operation, Presence, Struct, TypeDef, TypeKind, Union};

/// The whole `types.rs` module body.
pub fn emit(api: &Api, out: &mut Emitted) {
    emit_defs(api, &api.types, out);
    out.tokens(emit_op_types(api, &api.operations));
}

/// The named types `defs`.
pub fn emit_defs<'a>(api: &Api, defs: impl IntoIterator<Item = &'a TypeDef>, out: &mut Emitted) {
    for def in defs {
        match &def.kind {
            TypeKind::Struct(s) => out.item(emit_struct(def, s)),
            TypeKind::Enum(e) => out.tokens(super::enums::emit(def, e)),
            TypeKind::Union(u) => out.tokens(emit_union(def, u)),
            TypeKind::Alias(t) => {
                let name = ident(&def.name);
                let ty = rust_type(t, false);
                let d = doc(def.doc.as_deref());
                out.tokens(quote!(#d pub type #name = #ty;));
            }
        }
        out.tokens(super::validate::emit_type(api, def));
    }
}

/// The params structs and success enums of the operations `ops`.
pub fn emit_op_types<'a>(
    api: &Api,
    ops: impl IntoIterator<Item = &'a Operation> + Clone,
) -> TokenStream {
    let params = ops
        .clone()
        .into_iter()
        .filter_map(|op| super::params::emit_struct(api, op));
    let responses = ops.into_iter().filter_map(success_enum);
    quote! {
        #(#params)*
        #(#responses)*
    }
}

/// The enum of an operation whose success statuses have different bodies.
fn success_enum(op: &crate::ir::Operation) -> Option<TokenStream> {
    let crate::ir::Success::Several { name, variants } = &op.success else {
        return None;
    };
    let name = ident(name);
    let doc = format!(
        " The success responses of `{}`, one variant per status.",
        op.method_name
    );
    let variants = variants.iter().map(|(code, v, ty, enc)| {
        let v = ident(v);
        let d = if *code == 299 {
            " Any other 2XX status.".to_owned()
        } else {
            format!(" Status {code}.")
        };
        if *ty == crate::ir::TypeRef::Unit || *enc == crate::ir::ResponseEncoding::Empty {
            return quote!(#[doc = #d] #v,);
        }
        let ty = rust_type(ty, false);
        quote!(#[doc = #d] #v(#ty),)
    });
    Some(quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants)*
        }
    })
}

fn deprecated(def: &TypeDef) -> TokenStream {
    if def.deprecated {
        quote!(#[deprecated])
    } else {
        TokenStream::new()
    }
}

/// A struct, built as a syntax tree (see [`super::ast`]).
fn emit_struct(def: &TypeDef, s: &Struct) -> syn::Item {
    let mut attrs = doc_attrs(def.doc.as_deref());
    if def.deprecated {
        attrs.push(ast::word("deprecated"));
    }
    let all_optional = s
        .fields
        .iter()
        .all(|f| matches!(f.presence, Presence::Optional | Presence::OptionalNullable));
    let default = if all_optional {
        quote!(Default,)
    } else {
        TokenStream::new()
    };
    attrs.push(ast::list(
        "derive",
        quote!(Clone, Debug, PartialEq, #default ::serde::Serialize, ::serde::Deserialize),
    ));
    let mut fields: Vec<syn::Field> = s.fields.iter().map(field).collect();
    if let Some(t) = &s.additional {
        let attrs = vec![
            ast::doc(" Properties not named by the spec."),
            ast::list("serde", quote!(flatten)),
        ];
        let ty = ast::map_of(ast::rust_type(t, false));
        fields.push(ast::field(attrs, &s.additional_name, ty));
    }
    ast::named_struct(attrs, &def.name, fields)
}

/// One field. `Option` fields need no `default` (serde reads a missing `Option` as `None`).
fn field(f: &Field) -> syn::Field {
    let mut attrs = doc_attrs(f.doc.as_deref());
    let inner = ast::rust_type(&f.ty, false);
    let bare = f.name.strip_prefix("r#").unwrap_or(&f.name);
    let rename = if bare != f.wire {
        let wire = &f.wire;
        quote!(rename = #wire,)
    } else {
        TokenStream::new()
    };
    let (ty, serde) = match f.presence {
        Presence::Required => (inner, rename),
        Presence::RequiredNullable => (ast::option(inner), rename),
        Presence::Optional => (
            ast::option(inner),
            quote!(#rename skip_serializing_if = "Option::is_none",),
        ),
        Presence::OptionalNullable => (
            ast::option(ast::option(inner)),
            quote!(#rename default, skip_serializing_if = "Option::is_none",
                deserialize_with = "super::runtime::nullable::deserialize",),
        ),
    };
    if f.presence == Presence::OptionalNullable {
        attrs.push(ast::doc(
            " `None`: not sent; `Some(None)`: sent as `null`; `Some(Some(v))`: sent as `v`.",
        ));
    }
    if f.deprecated {
        attrs.push(ast::word("deprecated"));
    }
    if !serde.is_empty() {
        attrs.push(ast::list("serde", serde));
    }
    ast::field(attrs, &f.name, ty)
}

fn emit_union(def: &TypeDef, u: &Union) -> TokenStream {
    let name = ident(&def.name);
    let d = doc(def.doc.as_deref());
    let dep = deprecated(def);
    let variants = u.variants.iter().map(|v| {
        let vn = ident(&v.name);
        let ty = rust_type(&v.ty, false);
        quote!(#vn(#ty),)
    });
    let Some(tag) = &u.tag else {
        return quote! {
            #d
            #dep
            #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            pub enum #name {
                #(#variants)*
            }
        };
    };
    let arms = u.variants.iter().map(|v| {
        let vn = ident(&v.name);
        let tags = &v.tags;
        quote!(Some(#(#tags)|*) => ::serde_json::from_value(value).map(Self::#vn).map_err(::serde::de::Error::custom),)
    });
    let gap = if d.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[doc = ""])
    };
    let tag_doc = format!(" Tagged by the `{tag}` property; unknown tags are kept in `Unknown`.");
    quote! {
        #d
        #gap
        #[doc = #tag_doc]
        #dep
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
            /// A value whose tag the spec does not list.
            Unknown(::serde_json::Value),
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = value.get(#tag).and_then(::serde_json::Value::as_str).map(::std::borrow::ToOwned::to_owned);
                match tag.as_deref() {
                    #(#arms)*
                    _ => Ok(Self::Unknown(value)),
                }
            }
        }
    }
}

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
    value_lists(api, out);
    emit_defs(api, &api.types, out);
    emit_op_types(api, &api.operations, out);
}

/// The named types with indices in `range`.
pub fn emit_defs<'a>(api: &Api, defs: impl IntoIterator<Item = &'a TypeDef>, out: &mut Emitted) {
    for def in defs {
        out.gate(&def.features);
        match &def.kind {
            TypeKind::Struct(s) => {
                out.item(emit_struct(api, def, s));
                out.tokens(json_object(def, s).unwrap_or_default());
            }
            TypeKind::Enum(e) => out.tokens(super::enums::emit(def, e)),
            TypeKind::Union(u) => out.tokens(emit_union(api, def, u)),
            TypeKind::Alias(t) => {
                let name = ident(&def.name);
                let ty = rust_type(t);
                let d = doc(def.doc.as_deref());
                let allow = super::lints::deprecated_if(super::lints::type_is_deprecated(api, t));
                out.tokens(quote!(#d #allow pub type #name = #ty;));
            }
        }
        out.tokens(super::validate::emit_type(api, def));
    }
}

/// The params structs and success enums of `ops` (all params structs first).
pub fn emit_op_types<'a>(api: &Api, ops: impl IntoIterator<Item = &'a Operation> + Clone, out: &mut Emitted) {
    for op in ops.clone() {
        out.gate(&op.features);
        out.tokens(super::params::emit_struct(api, op).unwrap_or_default());
    }
    for op in ops {
        out.gate(&op.features);
        out.tokens(success_enum(api, op).unwrap_or_default());
    }
}

/// The enum of an operation whose success statuses have different bodies.
fn success_enum(api: &Api, op: &crate::ir::Operation) -> Option<TokenStream> {
    let crate::ir::Success::Several(e) = &op.success else {
        return None;
    };
    let name = ident(&e.name);
    let doc = format!(
        " The success responses of `{}`, one variant per status.",
        op.method_name
    );
    let allow = super::lints::deprecated_if(e.variants.iter().any(|v| super::lints::type_is_deprecated(api, &v.ty)));
    let variants = e.variants.iter().map(|v| {
        let d = match v.status {
            crate::ir::StatusMatch::Code(code) => format!(" Status {code}."),
            _ => " Any other 2XX status.".to_owned(),
        };
        let vn = ident(&v.name);
        if v.ty == crate::ir::TypeRef::Unit || v.encoding == crate::ir::ResponseEncoding::Empty {
            return quote!(#[doc = #d] #vn,);
        }
        let ty = rust_type(&v.ty);
        quote!(#[doc = #d] #vn(#ty),)
    });
    let large = super::lints::large_variants(api, e.variants.iter().map(|v| &v.ty));
    Some(quote! {
        #[doc = #doc]
        #allow
        #large
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
fn emit_struct(api: &Api, def: &TypeDef, s: &Struct) -> syn::Item {
    let mut attrs = doc_attrs(def.doc.as_deref());
    if def.deprecated {
        attrs.push(ast::word("deprecated"));
    }
    let field_types = s.fields.iter().map(|f| &f.ty).chain(&s.additional);
    if field_types.into_iter().any(|t| super::lints::type_is_deprecated(api, t)) {
        attrs.push(ast::list("allow", quote!(deprecated, reason = "the spec deprecates a type this one holds")));
    }
    let all_optional = s
        .fields
        .iter()
        .all(|f| matches!(f.presence, Presence::Optional | Presence::OptionalNullable));
    let default = if all_optional {
        quote!(, Default)
    } else {
        TokenStream::new()
    };
    let serde = Serde::of(def);
    let lean = serde.lean(s);
    let derives = match lean {
        true => Serde { de: false, ..serde }.derives(),
        false => serde.derives(),
    };
    attrs.push(ast::list("derive", quote!(Clone, Debug, PartialEq #default #derives)));
    if let Some(mock) = serde.for_mocks().filter(|_| !lean) {
        attrs.push(ast::list("cfg_attr", mock));
    }
    let mut fields: Vec<syn::Field> = s.fields.iter().map(|f| field(f, &serde, lean)).collect();
    if let Some(t) = &s.additional {
        let attrs = vec![
            ast::doc(" Properties not named by the spec."),
            ast::list("serde", quote!(flatten)),
        ];
        let ty = ast::map_of(ast::rust_type(t));
        fields.push(ast::field(attrs, &s.additional_name, ty));
    }
    ast::named_struct(attrs, &def.name, fields)
}

/// The type a field is declared with: its type, in `Option` unless required, twice when it may also be `null`.
pub fn field_type(f: &Field) -> syn::Type {
    let inner = ast::rust_type(&f.ty);
    match f.presence {
        Presence::Required => inner,
        Presence::RequiredNullable | Presence::Optional => ast::option(inner),
        Presence::OptionalNullable => ast::option(ast::option(inner)),
    }
}

/// One field of a struct with `serde`'s impls. `Option` fields need no `default` (serde reads a missing `Option` as
/// `None`).
fn field(f: &Field, impls: &Serde, lean: bool) -> syn::Field {
    let mut attrs = doc_attrs(f.doc.as_deref());
    let bare = &f.name;
    let rename = if *bare != f.wire {
        let wire = &f.wire;
        quote!(rename = #wire,)
    } else {
        TokenStream::new()
    };
    let serde = match f.presence {
        Presence::Required | Presence::RequiredNullable => rename,
        Presence::Optional => quote!(#rename skip_serializing_if = "Option::is_none",),
        // `default` and `deserialize_with` only where `Deserialize` is derived (`nullable` is then imported).
        Presence::OptionalNullable if impls.de && !lean => quote!(#rename default, skip_serializing_if = "Option::is_none",
            deserialize_with = "nullable::deserialize",),
        Presence::OptionalNullable => quote!(#rename skip_serializing_if = "Option::is_none",),
    };
    if f.presence == Presence::OptionalNullable {
        attrs.push(ast::doc(
            " `None`: not sent; `Some(None)`: sent as `null`; `Some(Some(v))`: sent as `v`.",
        ));
    }
    if f.deprecated {
        attrs.push(ast::word("deprecated"));
    }
    // With `json_object!`, serde attributes are only for a derived `Serialize`.
    if !serde.is_empty() && (!lean || impls.ser) {
        attrs.push(ast::list("serde", serde));
    }
    ast::field(attrs, &f.name, field_type(f))
}

/// `json_object!(Name { field: "wire", .. })` for a struct only ever decoded (see [`Serde::lean`]): its
/// `Deserialize`, and its `Serialize` under `mock`, from the runtime's one visitor instead of serde's derive.
fn json_object(def: &TypeDef, s: &Struct) -> Option<TokenStream> {
    if !Serde::of(def).lean(s) {
        return None;
    }
    let name = ident(&def.name);
    // A struct that is also sent derives `Serialize`.
    let decode = Serde::of(def).ser.then(|| quote!(decode));
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        // Always written out: a table naming only the renamed fields costs the compiler a macro call per field.
        let wire = &f.wire;
        let wire = quote!(: #wire);
        let mode = match f.presence {
            Presence::Required => None,
            Presence::RequiredNullable => Some(quote!(nullable)),
            Presence::Optional => Some(quote!(optional)),
            Presence::OptionalNullable => Some(quote!(tristate)),
        };
        quote!(#field #wire #mode)
    });
    Some(quote!(json_object!(#decode #name { #(#fields),* });))
}

/// Which serde impls a named type gets: `Serialize` when it is written as JSON, `Deserialize` when it is decoded. A
/// type only decoded derives `Serialize` under the `mock` feature,
/// for typed mocks to write it as an answer.
#[derive(Clone, Copy)]
struct Serde {
    ser: bool,
    de: bool,
}

impl Serde {
    /// Lowering marks every type serialized, received or both (a type no operation uses counts as received).
    fn of(def: &TypeDef) -> Self {
        Serde { ser: def.serialized, de: def.received }
    }

    /// True for a decoded struct without additional properties: `json_object!` gives it `Deserialize` (a fraction
    /// of the code serde's derive writes, which was most of what a big API's crate compiled), and `Serialize` under
    /// `mock` when it is only decoded, so it then derives neither and its fields carry no serde attributes.
    fn lean(&self, s: &Struct) -> bool {
        self.de && s.additional.is_none()
    }

    /// The serde traits to derive always (after the others, so a leading comma).
    fn derives(&self) -> TokenStream {
        match (self.ser, self.de) {
            (true, true) => quote!(, Serialize, Deserialize),
            (true, false) => quote!(, Serialize),
            (false, true) => quote!(, Deserialize),
            (false, false) => TokenStream::new(),
        }
    }

    /// `#[cfg_attr(feature = "mock", derive(serde::Serialize))]` when `Serialize` is for mocks only (by path, so the
    /// file imports `Serialize` only when it is derived whatever the features).
    fn for_mocks(&self) -> Option<TokenStream> {
        (!self.ser).then(|| quote!(feature = "mock", derive(serde::Serialize)))
    }
}

fn emit_union(api: &Api, def: &TypeDef, u: &Union) -> TokenStream {
    let name = ident(&def.name);
    let d = doc(def.doc.as_deref());
    let dep = deprecated(def);
    let holds_deprecated = u.variants.iter().any(|v| super::lints::type_is_deprecated(api, &v.ty));
    let allow = if holds_deprecated { super::lints::allow_deprecated() } else { TokenStream::new() };
    let allow_impl = if holds_deprecated || def.deprecated { super::lints::allow_deprecated() } else { TokenStream::new() };
    let large = super::lints::large_variants(api, u.variants.iter().map(|v| &v.ty));
    let variants = u.variants.iter().map(|v| {
        let vn = ident(&v.name);
        let ty = rust_type(&v.ty);
        quote!(#vn(#ty),)
    });
    let serde = Serde::of(def);
    let derives = serde.derives();
    let mock = serde.for_mocks().map(|mock| quote!(#[cfg_attr(#mock)]));
    let Some(tag) = &u.tag else {
        return quote! {
            #d
            #dep
            #allow
            #large
            #[derive(Clone, Debug, PartialEq #derives)]
            #mock
            #[serde(untagged)]
            pub enum #name {
                #(#variants)*
            }
        };
    };
    let arms = u.variants.iter().map(|v| {
        let vn = ident(&v.name);
        let tags = &v.tags;
        quote!(Some(#(#tags)|*) => serde_json::from_value(value).map(Self::#vn).map_err(serde::de::Error::custom),)
    });
    let gap = if d.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[doc = ""])
    };
    let fallback = crate::names::FALLBACK_VARIANT;
    let tag_doc = format!(" Tagged by the `{tag}` property; unknown tags are kept in `{fallback}`.");
    let fallback = ident(fallback);
    let ser = if serde.ser { quote!(, Serialize) } else { TokenStream::new() };
    // Its `Serialize` is derived (untagged: each variant holds its tag) and its `Deserialize` reads the tag, so
    // `serde(untagged)` goes with `Serialize` only.
    let untagged = match serde.for_mocks() {
        Some(mock) => quote!(#[cfg_attr(#mock, serde(untagged))]),
        None => quote!(#[serde(untagged)]),
    };
    let de_impl = if !serde.de {
        TokenStream::new()
    } else {
        quote! {
            #allow_impl
            impl<'de> Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = serde_json::Value::deserialize(deserializer)?;
                    let tag = value.get(#tag).and_then(serde_json::Value::as_str).map(str::to_owned);
                    match tag.as_deref() {
                        #(#arms)*
                        _ => Ok(Self::#fallback(value)),
                    }
                }
            }
        }
    };
    quote! {
        #d
        #gap
        #[doc = #tag_doc]
        #dep
        #allow
        #large
        #[derive(Clone, Debug, PartialEq #ser)]
        #untagged
        pub enum #name {
            #(#variants)*
            /// A value whose tag the spec does not list.
            #fallback(serde_json::Value),
        }

        #de_impl
    }
}

/// The shared allowed-values lists, one constant each.
pub fn value_lists(api: &Api, out: &mut Emitted) {
    for l in &api.value_lists {
        let name = ident(&l.name);
        let values = &l.values;
        let doc = format!(" The {} values the spec allows where this list is checked.", values.len());
        out.gate(&l.features);
        out.tokens(quote!(#[doc = #doc] pub(crate) const #name: &[&str] = &[#(#values),*];));
    }
    out.gate(&[]);
}

//! Method signatures and field types as the public API shows them. The emitters print these, and the API listing
//! (`crate::surface`) writes the same tokens as text, so the listing cannot drift from the code.

use proc_macro2::TokenStream;
use quote::quote;

use super::client::{arguments, success_type};
use super::tyref::{ident, rust_type};
use crate::ir::{Field, Operation, Presence, TypeRef};

/// A method's name, its parameters (`&self` first) and its return type.
pub struct Sig {
    pub name: String,
    pub inputs: TokenStream,
    pub output: TokenStream,
}

/// The operation's method: `(&self, <path params>, params, body) -> Result<Success, Error>`.
pub fn main(op: &Operation) -> Sig {
    with_args(&op.method_name, op, success_type(op))
}

/// `<op>_stream`, for a paginated operation with a params struct.
pub fn stream(op: &Operation) -> Option<Sig> {
    let (pg, ps) = (op.pagination.as_ref()?, op.params_struct.as_ref()?);
    let path_decls = arguments(op).into_iter().take(op.path_params.len()).map(|(d, _)| d);
    let params_ty = ident(ps);
    let item = rust_type(&pg.item);
    Some(Sig {
        name: pg.method_name.clone(),
        inputs: quote!(&self, #(#path_decls,)* params: &#params_ty),
        output: quote!(impl futures_core::Stream<Item = Result<#item, Error>> + Send + Unpin + 'static),
    })
}

/// `<update>_checked`, for an update with a checked variant and a body.
pub fn checked(op: &Operation) -> Option<Sig> {
    let ck = op.checked.as_ref()?;
    op.body.as_ref()?;
    Some(with_args(&ck.method_name, op, success_type(op)))
}

/// `<op>_download`, for an operation whose success body is binary.
pub fn download(op: &Operation) -> Option<Sig> {
    let name = op.download.as_ref()?;
    Some(with_args(name, op, quote!(Download<Error>)))
}

fn with_args(name: &str, op: &Operation, ok: TokenStream) -> Sig {
    let args = arguments(op).into_iter().map(|(decl, _)| decl);
    let inputs = std::iter::once(quote!(&self)).chain(args);
    Sig { name: name.to_owned(), inputs: quote!(#(#inputs),*), output: quote!(Result<#ok, Error>) }
}

/// Every method an operation gives the client, as (name, `name(inputs) -> output`) text.
pub fn methods(op: &Operation) -> Vec<(String, String)> {
    [Some(main(op)), stream(op), checked(op), download(op)]
        .into_iter()
        .flatten()
        .map(|s| {
            let decl = format!("{}({}) -> {}", s.name, text(&s.inputs), text(&s.output));
            (s.name, decl)
        })
        .collect()
}

/// A type as text: `Option<Vec<Pet>>`. Written directly rather than through `ast::rust_type`'s tokens (a type per
/// field of a big spec; tokens and their `Display` would cost more than the rest of the listing); the test
/// checks every shape against the tokens.
pub fn type_text(ty: &TypeRef) -> String {
    let mut out = String::new();
    write_type(ty, &mut out);
    out
}

fn write_type(ty: &TypeRef, out: &mut String) {
    let wrap = |out: &mut String, outer: &str, inner: &TypeRef| {
        out.push_str(outer);
        out.push('<');
        write_type(inner, out);
        out.push('>');
    };
    match ty {
        TypeRef::String => out.push_str("String"),
        TypeRef::Bool => out.push_str("bool"),
        TypeRef::I32 => out.push_str("i32"),
        TypeRef::I64 => out.push_str("i64"),
        TypeRef::F32 => out.push_str("f32"),
        TypeRef::F64 => out.push_str("f64"),
        TypeRef::Json => out.push_str("serde_json::Value"),
        TypeRef::Bytes => out.push_str("bytes::Bytes"),
        TypeRef::File => out.push_str("FilePart"),
        TypeRef::Unit => out.push_str("()"),
        TypeRef::Named(n) => out.push_str(n),
        TypeRef::Boxed(n) => {
            out.push_str("Box<");
            out.push_str(n);
            out.push('>');
        }
        TypeRef::Nullable(inner) => wrap(out, "Option", inner),
        TypeRef::Vec(inner) => wrap(out, "Vec", inner),
        TypeRef::Map(inner) => {
            out.push_str("BTreeMap<String, ");
            write_type(inner, out);
            out.push('>');
        }
    }
}

/// A struct field's declared type as text (see `types::field_type`).
pub fn field_type(f: &Field) -> String {
    let ty = type_text(&f.ty);
    match f.presence {
        Presence::Required => ty,
        Presence::RequiredNullable | Presence::Optional => format!("Option<{ty}>"),
        Presence::OptionalNullable => format!("Option<Option<{ty}>>"),
    }
}

/// The additional-properties field's type as text: `BTreeMap<String, T>`.
pub fn map_type(ty: &TypeRef) -> String {
    type_text(&TypeRef::Map(Box::new(ty.clone())))
}

/// Tokens as Rust writes them (`Result<Vec<Pet>, Error>`, `&self, id: &str`), not as `TokenStream`'s `Display`
/// spaces them (`Result < Vec < Pet > , Error >`).
fn text(tokens: &TokenStream) -> String {
    let mut s = tokens.to_string();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" < ", "<"),
        ("< ", "<"),
        (" <", "<"),
        (" >", ">"),
        (" ,", ","),
        ("& ", "&"),
        ("( ", "("),
        (" )", ")"),
        ("[ ", "["),
        (" ]", "]"),
        (" ;", ";"),
        (" : ", ": "),
    ] {
        while s.contains(from) {
            s = s.replace(from, to);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    #[test]
    fn types_are_written_as_their_tokens_read() {
        let shapes = [
            TypeRef::String,
            TypeRef::Bool,
            TypeRef::I32,
            TypeRef::F64,
            TypeRef::Bytes,
            TypeRef::File,
            TypeRef::Unit,
            TypeRef::Json,
            TypeRef::Boxed("Pet".into()),
            TypeRef::Nullable(Box::new(TypeRef::Vec(Box::new(TypeRef::Map(Box::new(TypeRef::Named("Pet".into()))))))),
        ];
        for ty in shapes {
            assert_eq!(type_text(&ty), text(&rust_type(&ty)), "{ty:?}");
            for presence in [Presence::Required, Presence::RequiredNullable, Presence::Optional, Presence::OptionalNullable] {
                let f = Field {
                    name: "f".into(),
                    wire: "f".into(),
                    doc: None,
                    ty: ty.clone(),
                    presence,
                    checks: Default::default(),
                    deprecated: false,
                    write_only: false,
                };
                assert_eq!(field_type(&f), text(&super::super::types::field_type(&f).into_token_stream()));
            }
        }
        let map = TypeRef::Map(Box::new(TypeRef::I64));
        assert_eq!(map_type(&TypeRef::I64), text(&rust_type(&map)));
    }

    #[test]
    fn tokens_read_as_rust() {
        let t = quote!(&self, id: &str, body: Option<&[u8]>, x: &'static [Vec<super::types::Pet>]);
        assert_eq!(text(&t), "&self, id: &str, body: Option<&[u8]>, x: &'static [Vec<super::types::Pet>]");
        let t = quote!(impl futures_core::Stream<Item = Result<BTreeMap<String, Pet>, Error>> + Send + 'static);
        assert_eq!(text(&t), "impl futures_core::Stream<Item = Result<BTreeMap<String, Pet>, Error>> + Send + 'static");
    }
}

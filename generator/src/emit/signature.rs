//! Method signatures and field types as the public API shows them. The emitters print these, and the API listing
//! (`crate::surface`) writes the same tokens as text, so the listing cannot drift from the code.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use super::client::{arguments, success_type};
use super::tyref::{ident, rust_type};
use crate::ir::{Api, Field, Operation, TypeRef};

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
    Sig { name: name.to_owned(), inputs: quote!(&self, #(#args),*), output: quote!(Result<#ok, Error>) }
}

/// Every method an operation gives the client, as (name, `name(inputs) -> output`) text.
pub fn methods(_api: &Api, op: &Operation) -> Vec<(String, String)> {
    [Some(main(op)), stream(op), checked(op), download(op)]
        .into_iter()
        .flatten()
        .map(|s| {
            let decl = format!("{}({}) -> {}", s.name, text(&s.inputs), text(&s.output));
            (s.name, decl)
        })
        .collect()
}

/// A type as text: `Option<Vec<Pet>>`.
pub fn type_text(ty: &TypeRef) -> String {
    text(&rust_type(ty))
}

/// A struct field's declared type as text.
pub fn field_type(f: &Field) -> String {
    text(&super::types::field_type(f).into_token_stream())
}

/// The additional-properties field's type as text: `BTreeMap<String, T>`.
pub fn map_type(ty: &TypeRef) -> String {
    text(&super::ast::map_of(super::ast::rust_type(ty)).into_token_stream())
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

    #[test]
    fn tokens_read_as_rust() {
        let t = quote!(&self, id: &str, body: Option<&[u8]>, x: &'static [Vec<super::types::Pet>]);
        assert_eq!(text(&t), "&self, id: &str, body: Option<&[u8]>, x: &'static [Vec<super::types::Pet>]");
        let t = quote!(impl futures_core::Stream<Item = Result<BTreeMap<String, Pet>, Error>> + Send + 'static);
        assert_eq!(text(&t), "impl futures_core::Stream<Item = Result<BTreeMap<String, Pet>, Error>> + Send + 'static");
    }
}

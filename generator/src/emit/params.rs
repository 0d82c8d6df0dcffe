//! Emits the `<Operation>Params` struct of an operation's query, header and cookie parameters, and its checks.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc;
use super::tyref::{ident, rust_type};
use super::validate::value_checks;
use crate::ir::{Api, Operation};

/// The params struct of `op`, if it has query, header or cookie parameters.
pub fn emit_struct(api: &Api, op: &Operation) -> Option<TokenStream> {
    let name = ident(op.params_struct.as_ref()?);
    let all_optional = op.params.iter().all(|p| !p.required);
    let default = if all_optional {
        quote!(Default,)
    } else {
        TokenStream::new()
    };
    let fields = op.params.iter().map(|p| {
        let n = ident(&p.name);
        let inner = rust_type(&p.ty);
        let ty = if p.required {
            inner
        } else {
            quote!(Option<#inner>)
        };
        let d = doc(p.doc.as_deref());
        let location = format!("{:?}", p.location).to_lowercase();
        let wire = super::docs::literal(&format!(" `{}` ({location} parameter).", p.wire));
        let dep = if p.deprecated {
            quote!(#[deprecated])
        } else {
            TokenStream::new()
        };
        // The wire name is a paragraph of its own, so it never continues the description's last block.
        let gap = if d.is_empty() { TokenStream::new() } else { quote!(#[doc = ""]) };
        quote!(#d #gap #[doc = #wire] #dep pub #n: #ty,)
    });
    let checks: TokenStream = op
        .params
        .iter()
        .map(|p| {
            let n = ident(&p.name);
            let wire = &p.wire;
            let check = value_checks(api, quote!(x), &p.ty, &p.checks, quote!(&field));
            if check.is_empty() {
                return TokenStream::new();
            }
            let check = quote!(let field = join(path, #wire); #check);
            if p.required {
                quote!({ let x = &self.#n; #check })
            } else {
                quote!(if let Some(x) = &self.#n { #check })
            }
        })
        .collect();
    let doc_line = format!(
        " Query, header and cookie parameters of `{}`.",
        op.method_name
    );
    let uses_deprecated = op.params.iter().any(|p| p.deprecated || super::lints::type_is_deprecated(api, &p.ty));
    let validate = super::validate::validate_impl(&name, checks, uses_deprecated);
    let fields: Vec<TokenStream> = fields.collect();
    let allow = super::lints::deprecated_if(op.params.iter().any(|p| super::lints::type_is_deprecated(api, &p.ty)));
    Some(quote! {
        #[doc = #doc_line]
        #allow
        #[derive(Clone, Debug, PartialEq, #default)]
        pub struct #name {
            #(#fields)*
        }

        #validate
    })
}

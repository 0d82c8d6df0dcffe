//! Emits what files need: multipart bodies built part by part, and the `<op>_download` methods that stream a body.

use proc_macro2::TokenStream;
use quote::quote;

use super::client::errors_of;
use super::docs::doc;
use super::tyref::ident;
use crate::ir::{Api, Operation, RequestBody};

/// The statements that send multipart body `x` (an object with `parts`): file fields as file parts, the others
/// as text (or JSON) parts, in field order.
pub fn form(body: &RequestBody) -> TokenStream {
    let parts = body.parts.iter().map(|p| {
        let field = ident(&p.field);
        let wire = &p.wire;
        if p.file {
            let ct = match &p.content_type {
                Some(ct) => quote!(Some(#ct)),
                None => quote!(None),
            };
            quote!(form.files(#wire, #ct, &body.#field);)
        } else {
            quote!(form.text(#wire, &body.#field)?;)
        }
    });
    quote! {
        let mut form = Form::new();
        #(#parts)*
        form.finish(&mut req);
    }
}

/// `<op>_download(...)`: the same request as `<op>`, returning once the headers arrive, with the body as a stream.
pub fn download_method(api: &Api, op: &Operation) -> TokenStream {
    let Some(super::signature::Sig { name, inputs, output }) = super::signature::download(op) else {
        return TokenStream::new();
    };
    let name = ident(&name);
    let plain = &op.method_name;
    let d = doc(Some(&format!(
        "Like [`{plain}`](Self::{plain}), but returns as soon as the response headers arrive, with the body as a \
         stream of chunks: a large file never sits in memory.\n\n\
         Retries (where safe) happen before any of the body is read; an error status still gives its typed error. \
         The client's timeout covers each attempt until the headers arrive, then each chunk must arrive within the \
         same time of the one before, or the stream yields `Error::Timeout` and ends."
    )));
    let dep = if op.deprecated {
        quote!(#[deprecated])
    } else {
        TokenStream::new()
    };
    let validate = super::validate::before_sending(api, op);
    let build = super::request::build(api, op);
    let errors = errors_of(op);
    let item = quote! {
        pub async fn #name(#inputs) -> #output {
            #validate
            #build
            let resp = download::send(&self.inner, req).await?;
            if !resp.is_success() {
                return Err(resp.error(#errors));
            }
            Ok(Download::new(resp))
        }
    };
    let allow = super::lints::deprecated_if(super::lints::op_uses_deprecated(api, op, true));
    quote!(#d #dep #allow #item)
}

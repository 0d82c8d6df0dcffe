//! Emits the spec-driven extra methods: `<op>_stream` for paged lists and `<update>_checked` for read-before-write.

use proc_macro2::TokenStream;
use quote::quote;

use super::tyref::ident;
use crate::ir::{Api, Operation, TypeRef};

/// `<op>_stream(&params)`: every item of every page, fetched lazily, keeping the caller's filters.
pub fn stream_method(api: &Api, op: &Operation) -> TokenStream {
    let Some(pg) = &op.pagination else {
        return TokenStream::new();
    };
    let Some(super::signature::Sig { name, inputs, output }) = super::signature::stream(op) else {
        return TokenStream::new();
    };
    let name = ident(&name);
    let method = ident(&op.method_name);
    let page = ident(&pg.page_param);
    let items = ident(&pg.items_field);
    let path_args: Vec<_> = op.path_params.iter().map(|p| ident(&p.name)).collect();
    // Borrowed path arguments (`&str`, slices, structs) are owned for the stream's lifetime; scalars are copied.
    let by_value = |p: &crate::ir::Param| {
        matches!(p.ty, TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 | TypeRef::Bool)
    };
    let owned_paths = op.path_params.iter().zip(&path_args).filter(|(p, _)| !by_value(p))
        .map(|(_, n)| quote!(let #n = #n.to_owned();));
    let clone_paths: Vec<TokenStream> = op.path_params.iter().zip(&path_args).filter(|(p, _)| !by_value(p))
        .map(|(_, n)| quote!(let #n = #n.clone();)).collect();
    let call_paths = op.path_params.iter().zip(&path_args)
        .map(|(p, n)| if by_value(p) { quote!(#n) } else { quote!(&#n) });
    let set_page = if pg.page_is_i32 {
        quote!(i32::try_from(page).unwrap_or(i32::MAX))
    } else {
        quote!(page)
    };
    let first = if pg.page_is_i32 {
        quote!(params.#page.map(i64::from).unwrap_or(1))
    } else {
        quote!(params.#page.unwrap_or(1))
    };
    let items_expr = if pg.items_optional {
        quote!(r.#items.unwrap_or_default())
    } else {
        quote!(r.#items)
    };
    let widen = |e: TokenStream| {
        if pg.last_page_is_i32 {
            quote!(i64::from(#e))
        } else {
            e
        }
    };
    let last = match (&pg.last_page_field, pg.last_page_optional) {
        (Some(f), false) => {
            let f = ident(f);
            let v = widen(quote!(r.#f));
            quote!(Some(#v))
        }
        (Some(f), true) => {
            let f = ident(f);
            if pg.last_page_is_i32 {
                quote!(r.#f.map(i64::from))
            } else {
                quote!(r.#f)
            }
        }
        (None, _) => quote!(None),
    };
    let doc = format!(
        " Streams every item of `{}`, page by page, starting at `params.{}` (default 1). Each page is fetched only when \
         the previous one is consumed, with every other parameter kept; an error is yielded once and ends the stream.",
        op.method_name, pg.page_param
    );
    let item = quote! {
        pub fn #name(#inputs) -> #output {
            let client = self.clone();
            let params = params.clone();
            #(#owned_paths)*
            let first = #first;
            paginate::pages(first, move |page| {
                let client = client.clone();
                let mut params = params.clone();
                #(#clone_paths)*
                params.#page = Some(#set_page);
                async move {
                    let r = client.#method(#(#call_paths,)* &params).await?;
                    Ok(paginate::Page { items: #items_expr, last_page: #last })
                }
            })
        }
    };
    let allow = super::lints::deprecated_if(super::lints::op_uses_deprecated(api, op, true));
    quote!(#[doc = #doc] #allow #item)
}

/// `<update>_checked(...)`: GET the record, refuse if soft-deleted, send only the fields that differ (or nothing).
pub fn checked_method(api: &Api, op: &Operation) -> TokenStream {
    let Some(ck) = &op.checked else {
        return TokenStream::new();
    };
    if op.body.is_none() {
        return TokenStream::new();
    }
    let Some(super::signature::Sig { name, inputs, output }) = super::signature::checked(op) else {
        return TokenStream::new();
    };
    let name = ident(&name);
    let update = ident(&op.method_name);
    let get = ident(&ck.get_method);
    let path_names: Vec<_> = op.path_params.iter().map(|p| ident(&p.name)).collect();
    // The update's own query and header parameters go with the write; the GET takes none (lowering checks).
    let params = op.params_struct.as_ref().map(|_| quote!(params,));
    let validate = super::validate::before_sending(api, op);
    let deleted = ck.soft_delete_field.as_ref().map(|f| {
        quote! {
            if checked::is_deleted(&record, #f) {
                return Err(Error::Deleted(DeletedError { field: #f }));
            }
        }
    });
    let doc = format!(
        " Read-before-write `{}`: validates, GETs the record with `{}`, {}drops every field whose value equals the \
         current one, and sends only the rest; when nothing differs it returns the current record without a write.",
        op.method_name,
        ck.get_method,
        if ck.soft_delete_field.is_some() {
            "refuses a soft-deleted record with `Error::Deleted`, "
        } else {
            ""
        }
    );
    let item = quote! {
        pub async fn #name(#inputs) -> #output {
            #validate
            let current = self.#get(#(#path_names),*).await?;
            let record = serde_json::to_value(&current).map_err(Failure::serde)?;
            #deleted
            match checked::changes(body, &record).map_err(Failure::serde)? {
                None => Ok(current),
                Some(changed) => self.#update(#(#path_names,)* #params &changed).await,
            }
        }
    };
    let allow = super::lints::deprecated_if(super::lints::op_uses_deprecated(api, op, true));
    quote!(#[doc = #doc] #allow #item)
}

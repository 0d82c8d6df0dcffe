//! Emits `Client` and one async method per operation (plus stream and checked-update methods where the spec asks).

use proc_macro2::TokenStream;
use quote::quote;

use super::tyref::{doc, ident, rust_type};
use super::validate::value_checks;
use crate::ir::{Api, BodyEncoding, ErrorKey, Operation, ParamLocation, ResponseEncoding, Success, TypeRef};

/// The whole `client.rs` module body.
pub fn emit(api: &Api) -> TokenStream {
    let methods = api.operations.iter().map(|op| {
        let main = method(api, op);
        let stream = super::extras::stream_method(op);
        let checked = super::extras::checked_method(api, op);
        quote!(#main #stream #checked)
    });
    let api_key = match &api.api_key {
        Some((loc, name)) => {
            let loc = match loc.as_str() {
                "query" => quote!(Query),
                "cookie" => quote!(Cookie),
                _ => quote!(Header),
            };
            quote!(::std::option::Option::Some((super::runtime::secret::KeyLocation::#loc, #name)))
        }
        None => quote!(::std::option::Option::None),
    };
    let title = format!(" Async client for {}.", api.title.trim());
    quote! {
        #[doc = #title]
        ///
        /// Cheap to clone (the connection pool is shared). Its `Debug` output never shows credentials.
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: ::std::sync::Arc<super::runtime::http::Inner>,
        }

        impl super::runtime::builder::FromInner for Client {
            type Error = super::Error;

            fn from_inner(inner: ::std::sync::Arc<super::runtime::http::Inner>) -> Self {
                Client { inner }
            }
        }

        impl Client {
            /// A builder with the spec's default server; set the base URL, credentials, retries and timeouts.
            pub fn builder() -> super::ClientBuilder {
                super::runtime::builder::ClientBuilder::new(super::DEFAULT_BASE_URL, #api_key)
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.inner.base_url()
            }

            #(#methods)*
        }
    }
}

/// The argument type of a path parameter.
fn path_arg(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(&str),
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 | TypeRef::Bool => rust_type(ty, true),
        TypeRef::Vec(inner) => {
            let inner = rust_type(inner, true);
            quote!(&[#inner])
        }
        other => {
            let t = rust_type(other, true);
            quote!(&#t)
        }
    }
}

/// The argument type of a request body.
fn body_arg(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(&str),
        TypeRef::Bytes => quote!(::bytes::Bytes),
        TypeRef::Vec(inner) => {
            let inner = rust_type(inner, true);
            quote!(&[#inner])
        }
        other => {
            let t = rust_type(other, true);
            quote!(&#t)
        }
    }
}

/// The success type of an operation.
pub fn success_type(op: &Operation) -> TokenStream {
    match &op.success {
        Success::Single(ty, _) => rust_type(ty, true),
        Success::Several { name, .. } => {
            let n = ident(name);
            quote!(super::types::#n)
        }
    }
}

/// The arguments of an operation's method, as (declaration, name) pairs.
pub fn arguments(op: &Operation) -> Vec<(TokenStream, TokenStream)> {
    let mut args = Vec::new();
    for p in &op.path_params {
        let n = ident(&p.name);
        let t = path_arg(&p.ty);
        args.push((quote!(#n: #t), quote!(#n)));
    }
    if let Some(ps) = &op.params_struct {
        let t = ident(ps);
        args.push((quote!(params: &super::types::#t), quote!(params)));
    }
    if let Some(b) = &op.body {
        let t = body_arg(&b.ty);
        let t = if b.required { t } else { quote!(::std::option::Option<#t>) };
        args.push((quote!(body: #t), quote!(body)));
    }
    args
}

fn method(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.method_name);
    let d = doc(op.doc.as_deref());
    let gap = if d.is_empty() { TokenStream::new() } else { quote!(#[doc = ""]) };
    let sig = format!(" `{} {}` (operationId `{}`).", op.http_method, op.path, op.id);
    let dep = if op.deprecated { quote!(#[deprecated]) } else { TokenStream::new() };
    let args = arguments(op).into_iter().map(|(decl, _)| decl);
    let ret = success_type(op);
    let validate = validation(api, op);
    let build = request(api, op);
    let dispatch = dispatch(api, op);
    quote! {
        #d
        #gap
        #[doc = #sig]
        #dep
        pub async fn #name(&self, #(#args),*) -> ::std::result::Result<#ret, super::Error> {
            #validate
            #build
            let resp = self.inner.execute(req).await?;
            #dispatch
        }
    }
}

fn validation(api: &Api, op: &Operation) -> TokenStream {
    let mut checks = TokenStream::new();
    for p in &op.path_params {
        let n = ident(&p.name);
        let wire = &p.wire;
        let c = value_checks(api, quote!(#n), &p.ty, &p.checks, quote!(#wire));
        if !c.is_empty() {
            checks.extend(quote!({ let #n = &#n; #c }));
        }
    }
    if op.params_struct.is_some() {
        checks.extend(quote!(params.validate_at(v);));
    }
    if let Some(b) = &op.body {
        let c = value_checks(api, quote!(x), &b.ty, &Default::default(), quote!(""));
        if !c.is_empty() {
            checks.extend(if b.required { quote!({ let x = body; #c }) } else { quote!(if let ::std::option::Option::Some(x) = body { #c }) });
        }
    }
    if checks.is_empty() {
        return TokenStream::new();
    }
    quote! {
        let mut validator = super::runtime::validate::Validator::new();
        {
            let v = &mut validator;
            #checks
        }
        validator.finish()?;
    }
}

fn request(api: &Api, op: &Operation) -> TokenStream {
    let op_id = &op.id;
    let template = &op.path;
    let method = ident(&op.http_method);
    let mut format = String::new();
    let mut values = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        format.push_str(&rest[..start].replace('}', "}}"));
        let Some(len) = rest[start..].find('}') else { break };
        let wire = &rest[start + 1..start + len];
        format.push_str("{}");
        if let Some(p) = op.path_params.iter().find(|p| p.wire == wire) {
            let n = ident(&p.name);
            let (style, explode) = (&p.style, p.explode);
            values.push(match &p.ty {
                TypeRef::Vec(_) => quote!(super::runtime::encode::path_param(#style, #explode, #wire,
                    &#n.iter().map(::std::string::ToString::to_string).collect::<::std::vec::Vec<_>>())),
                _ => quote!(super::runtime::encode::path_param(#style, #explode, #wire, &[#n.to_string()])),
            });
        }
        rest = &rest[start + len + 1..];
    }
    format.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    let path = if values.is_empty() {
        let literal = format.replace("{{", "{").replace("}}", "}");
        quote!(::std::string::String::from(#literal))
    } else {
        quote!(::std::format!(#format, #(#values),*))
    };
    let path_params = op.path_params.iter().map(|p| {
        let n = ident(&p.name);
        let wire = &p.wire;
        quote!((#wire, ::std::string::ToString::to_string(&#n)))
    });
    let set_path_params = if op.path_params.is_empty() { TokenStream::new() } else { quote!(req.path_params = ::std::vec![#(#path_params),*];) };
    let params = op.params.iter().map(|p| param_push(api, p));
    let paging = op.pagination.as_ref().and_then(|pg| op.params.iter().find(|p| p.name == pg.page_param)).map(|p| {
        let mut names = vec![p.wire.clone()];
        names.extend(op.params.iter().filter(|q| q.wire.contains("per_page") || q.wire.contains("page_size") || q.wire == "limit").map(|q| q.wire.clone()));
        quote!(req.loggable_query = &[#(#names),*];)
    });
    let idem = op.idempotency_header.as_ref().map(|h| quote!(req.idempotency_header = ::std::option::Option::Some(#h);));
    let body = op.body.as_ref().map(|b| {
        let ct = &b.content_type;
        let set = match b.encoding {
            BodyEncoding::Json => {
                let fields = match &b.ty {
                    TypeRef::Named(_) if has_sent_fields(api, op) => quote!(x.sent_fields()),
                    _ => quote!(::std::vec::Vec::new()),
                };
                quote!(req.json(#ct, x, #fields)?;)
            }
            BodyEncoding::Form => quote!(req.form(#ct, x)?;),
            BodyEncoding::Multipart => quote!(req.multipart(x)?;),
            BodyEncoding::Binary => quote!(req.raw(#ct, ::std::clone::Clone::clone(&x));),
            BodyEncoding::Text => quote!(req.raw(#ct, ::bytes::Bytes::copy_from_slice(x.as_bytes()));),
        };
        if b.required { quote!({ let x = body; #set }) } else { quote!(if let ::std::option::Option::Some(x) = body { #set }) }
    });
    let changes = !op.path_params.is_empty() || !op.params.is_empty() || op.body.is_some() || paging.is_some() || idem.is_some();
    let mutable = if changes { quote!(mut) } else { TokenStream::new() };
    quote! {
        let #mutable req = super::runtime::http::Request::new(
            #op_id,
            ::reqwest::Method::#method,
            #template,
            #path,
        );
        #set_path_params
        #(#params)*
        #paging
        #idem
        #body
    }
}

fn has_sent_fields(api: &Api, op: &Operation) -> bool {
    op.body.as_ref().is_some_and(|b| {
        b.encoding == BodyEncoding::Json
            && matches!(&b.ty, TypeRef::Named(n) if matches!(api.types.binary_search_by(|d| d.name.as_str().cmp(n)).map(|i| &api.types[i].kind), Ok(crate::ir::TypeKind::Struct(_))))
    })
}

/// True when a parameter value is an object (encoded field by field), not a scalar.
fn is_object(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Map(_) => true,
        TypeRef::Named(n) | TypeRef::Boxed(n) => match api.types.binary_search_by(|d| d.name.as_str().cmp(n)) {
            Ok(i) => match &api.types[i].kind {
                crate::ir::TypeKind::Struct(_) => true,
                crate::ir::TypeKind::Alias(t) => is_object(api, t),
                _ => false,
            },
            Err(_) => false,
        },
        _ => false,
    }
}

fn param_push(api: &Api, p: &crate::ir::Param) -> TokenStream {
    let n = ident(&p.name);
    let wire = &p.wire;
    let (style, explode) = (&p.style, p.explode);
    let push = match (p.location, &p.ty) {
        (ParamLocation::Query, TypeRef::Vec(_)) => quote!(req.query.array(#wire, #style, #explode, x);),
        (ParamLocation::Query, ty) if is_object(api, ty) => {
            quote!(req.query.object(#wire, #style, #explode, &super::runtime::encode::object_fields(x));)
        }
        (ParamLocation::Query, _) => quote!(req.query.scalar(#wire, x);),
        (ParamLocation::Header, _) => quote!(req.headers.push((#wire, super::runtime::encode::simple(x)));),
        (ParamLocation::Cookie, _) => quote!(req.cookies.push((#wire, super::runtime::encode::simple(x)));),
        (ParamLocation::Path, _) => TokenStream::new(),
    };
    if p.required {
        quote!({ let x = &params.#n; #push })
    } else {
        quote!(if let ::std::option::Option::Some(x) = &params.#n { #push })
    }
}

fn decode(ty: &TypeRef, enc: ResponseEncoding) -> TokenStream {
    match (enc, ty) {
        (ResponseEncoding::Empty, _) | (_, TypeRef::Unit) => quote!(::std::result::Result::Ok(())),
        (ResponseEncoding::Text, _) => quote!(::std::result::Result::Ok(resp.text())),
        (ResponseEncoding::Binary, _) => quote!(::std::result::Result::Ok(::std::clone::Clone::clone(resp.bytes()))),
        (ResponseEncoding::Json, _) => quote!(resp.json().map_err(super::Error::Decode)),
    }
}

fn dispatch(api: &Api, op: &Operation) -> TokenStream {
    let success = match &op.success {
        Success::Single(ty, enc) => {
            let d = decode(ty, *enc);
            quote!(200..=299 => #d,)
        }
        Success::Several { name, variants } => {
            let n = ident(name);
            let arms = variants.iter().map(|(code, v, ty, enc)| {
                let v = ident(v);
                let d = decode(ty, *enc);
                let pat = if *code == 299 { quote!(200..=299) } else { quote!(#code) };
                quote!(#pat => #d.map(super::types::#n::#v),)
            });
            let fallback = if variants.iter().any(|v| v.0 == 299) { TokenStream::new() } else {
                quote!(200..=299 => ::std::result::Result::Err(super::Error::UnexpectedStatus(resp.api_error())),)
            };
            quote!(#(#arms)* #fallback)
        }
    };
    let mut has_default = false;
    let errors = op.errors.iter().filter_map(|key| {
        let status = api.errors.iter().find(|e| e.key == *key)?;
        let v = ident(&status.variant);
        let pat = match key {
            ErrorKey::Code(c) => quote!(#c),
            ErrorKey::Range(r) => {
                let (lo, hi) = (r * 100, r * 100 + 99);
                quote!(#lo..=#hi)
            }
            ErrorKey::Default => {
                has_default = true;
                quote!(_)
            }
        };
        Some(quote!(#pat => ::std::result::Result::Err(super::Error::#v(resp.api_error())),))
    }).collect::<Vec<_>>();
    let fallback = if has_default { TokenStream::new() } else {
        quote!(_ => ::std::result::Result::Err(super::Error::UnexpectedStatus(resp.api_error())),)
    };
    quote! {
        match resp.status() {
            #success
            #(#errors)*
            #fallback
        }
    }
}

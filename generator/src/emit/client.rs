//! Emits `Client` and one async method per operation (plus stream and checked-update methods where the spec asks).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc;
use super::tyref::{ident, rust_type};
use super::validate::value_checks;
use crate::ir::{
    Api, BodyEncoding, ErrorKey, Operation, ParamLocation, ResponseEncoding, Success, TypeRef,
};

/// The whole `client.rs` module body.
pub fn emit(api: &Api) -> TokenStream {
    let methods = methods(api, &api.operations);
    let core = emit_core(api);
    quote! {
        #core
        impl Client {
            #methods
        }
    }
}

/// The methods of the operations `ops` (the body of an `impl Client` block).
pub fn methods<'a>(api: &Api, ops: impl IntoIterator<Item = &'a Operation>) -> TokenStream {
    let methods = ops.into_iter().map(|op| {
        let mut out = method(api, op);
        out.extend([
            super::extras::stream_method(op),
            super::extras::checked_method(api, op),
            super::files::download_method(api, op),
        ]);
        out
    });
    // Streams are moved in, not interpolated (which would copy every token).
    let mut out = TokenStream::new();
    out.extend(methods);
    out
}

/// `Client`, its `FromInner` impl, `builder()` and `base_url()`.
pub fn emit_core(api: &Api) -> TokenStream {
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
                super::runtime::builder::ClientBuilder::new(super::DEFAULT_BASE_URL, super::SECURITY_SCHEMES)
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.inner.base_url()
            }
        }
    }
}

/// The argument type of a path parameter.
fn path_arg(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(&str),
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 | TypeRef::Bool => {
            rust_type(ty, true)
        }
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
        TypeRef::Bytes => quote!(::bytes::Bytes),
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 | TypeRef::Bool => {
            let t = rust_type(ty, true);
            quote!(&#t)
        }
        other => path_arg(other),
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
        let t = match (&b.ty, b.required) {
            // Any owner of bytes (`Vec<u8>`, `String`, `&'static [u8]`, `Bytes`), without a copy.
            (TypeRef::Bytes, true) => quote!(impl ::std::convert::Into<::bytes::Bytes>),
            (ty, true) => body_arg(ty),
            (ty, false) => {
                let t = body_arg(ty);
                quote!(Option<#t>)
            }
        };
        args.push((quote!(body: #t), quote!(body)));
    }
    args
}

fn method(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.method_name);
    let d = doc(op.doc.as_deref());
    let gap = if d.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[doc = ""])
    };
    let sig = format!(
        " `{} {}` (operationId `{}`).",
        op.http_method, op.path, op.id
    );
    let credentials = super::security::doc_line(api, op).map(|line| quote!(#[doc = ""] #[doc = #line]));
    let dep = if op.deprecated {
        quote!(#[deprecated])
    } else {
        TokenStream::new()
    };
    let args = arguments(op).into_iter().map(|(decl, _)| decl);
    let ret = success_type(op);
    let validate = validation(api, op);
    let build = request(api, op);
    let dispatch = dispatch(api, op);
    quote! {
        #d
        #gap
        #[doc = #sig]
        #credentials
        #dep
        pub async fn #name(&self, #(#args),*) -> Result<#ret, super::Error> {
            #validate
            #build
            #dispatch
        }
    }
}

pub(super) fn validation(api: &Api, op: &Operation) -> TokenStream {
    let mut checks = TokenStream::new();
    let mut own_checks = false;
    for p in &op.path_params {
        let n = ident(&p.name);
        let wire = &p.wire;
        let c = value_checks(api, quote!(#n), &p.ty, &p.checks, quote!(#wire));
        if !c.is_empty() {
            own_checks = true;
            checks.extend(quote!({ let #n = &#n; #c }));
        }
    }
    if op.params_struct.is_some() {
        checks.extend(quote!(params.validate_at(v);));
    }
    if let Some(b) = &op.body {
        let c = value_checks(api, quote!(x), &b.ty, &Default::default(), quote!(""));
        if !c.is_empty() {
            own_checks = true;
            checks.extend(if b.required {
                quote!({ let x = body; #c })
            } else {
                quote!(if let Some(x) = body { #c })
            });
        }
    }
    if checks.is_empty() {
        return TokenStream::new();
    }
    if !own_checks {
        // The parameters' own checks are all there is.
        return quote!(params.validate()?;);
    }
    quote! {
        let mut validator = super::runtime::validate::Validator::new();
        let v = &mut validator;
        #checks
        validator.finish()?;
    }
}

pub(super) fn request(api: &Api, op: &Operation) -> TokenStream {
    let op_id = &op.id;
    let template = &op.path;
    let constructor = match op.http_method.as_str() {
        "GET" | "PUT" | "POST" | "DELETE" | "PATCH" => {
            let f = ident(&op.http_method.to_lowercase());
            quote!(super::runtime::http::Request::#f(#op_id, #template))
        }
        other => {
            let method = ident(other);
            quote!(super::runtime::http::Request::new(#op_id, ::reqwest::Method::#method, #template))
        }
    };
    let path_params = op.path_params.iter().map(|p| {
        let n = ident(&p.name);
        let wire = &p.wire;
        let (style, explode) = (&p.style, p.explode);
        match shape(api, &p.ty) {
            ParamShape::Scalar if style == "simple" && !explode => quote!(req.path(#wire, &#n);),
            ParamShape::Scalar => quote!(req.path_scalar(#wire, #style, #explode, &#n);),
            ParamShape::List => quote!(req.path_list(#wire, #style, #explode, #n);),
            ParamShape::Serialized => quote!(req.path_serialized(#wire, #style, #explode, #n);),
        }
    });
    let set_path_params = quote!(#(#path_params)*);
    let params = op.params.iter().map(|p| param_push(api, p));
    let paging = op
        .pagination
        .as_ref()
        .and_then(|pg| op.params.iter().find(|p| p.name == pg.page_param))
        .map(|p| {
            let mut names = vec![p.wire.clone()];
            names.extend(
                op.params
                    .iter()
                    .filter(|q| {
                        q.wire.contains("per_page")
                            || q.wire.contains("page_size")
                            || q.wire == "limit"
                    })
                    .map(|q| q.wire.clone()),
            );
            quote!(req.loggable_query = &[#(#names),*];)
        });
    let idem = op
        .idempotency_header
        .as_ref()
        .map(|h| quote!(req.idempotency_header = Some(#h);));
    let body = op.body.as_ref().map(|b| {
        let ct = &b.content_type;
        let set = match b.encoding {
            BodyEncoding::Json => {
                let fields = match &b.ty {
                    TypeRef::Named(_) if has_sent_fields(api, op) => quote!(x.sent_fields()),
                    _ => quote!(Vec::new()),
                };
                quote!(req.json(#ct, x, #fields)?;)
            }
            BodyEncoding::Form => quote!(req.form(#ct, x)?;),
            BodyEncoding::Multipart if !b.parts.is_empty() => super::files::form(b),
            BodyEncoding::Multipart => quote!(req.multipart(x)?;),
            BodyEncoding::Binary if b.required => {
                quote!(req.raw(#ct, ::std::convert::Into::into(x));)
            }
            BodyEncoding::Binary => quote!(req.raw(#ct, x);),
            BodyEncoding::Text => {
                quote!(req.raw(#ct, ::bytes::Bytes::copy_from_slice(x.as_bytes()));)
            }
        };
        if b.required {
            quote!(let x = body; #set)
        } else {
            quote!(if let Some(x) = body { #set })
        }
    });
    let security = super::security::request_security(api, op);
    let accept = op.accept.as_ref().map(|a| quote!(req.accept = #a;));
    let changes = security.is_some()
        || !op.path_params.is_empty()
        || !op.params.is_empty()
        || op.body.is_some()
        || paging.is_some()
        || idem.is_some()
        || accept.is_some();
    let mutable = if changes {
        quote!(mut)
    } else {
        TokenStream::new()
    };
    quote! {
        let #mutable req = #constructor;
        #set_path_params
        #(#params)*
        #paging
        #idem
        #security
        #accept
        #body
    }
}

fn has_sent_fields(api: &Api, op: &Operation) -> bool {
    op.body.as_ref().is_some_and(|b| {
        b.encoding == BodyEncoding::Json
            && matches!(&b.ty, TypeRef::Named(n) if matches!(api.type_def(n).map(|d| &d.kind), Some(crate::ir::TypeKind::Struct(_))))
    })
}

/// How a parameter value is written: by `Display`, as a list of `Display` values, or through its JSON form.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ParamShape {
    Scalar,
    List,
    Serialized,
}

fn shape(api: &Api, ty: &TypeRef) -> ParamShape {
    match ty {
        TypeRef::String
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::F32
        | TypeRef::F64
        | TypeRef::Bool => ParamShape::Scalar,
        TypeRef::Vec(inner) if shape(api, inner) == ParamShape::Scalar => ParamShape::List,
        TypeRef::Named(n) => match api.type_def(n).map(|d| &d.kind) {
            Some(crate::ir::TypeKind::Enum(_)) => ParamShape::Scalar,
            _ => ParamShape::Serialized,
        },
        _ => ParamShape::Serialized,
    }
}

fn param_push(api: &Api, p: &crate::ir::Param) -> TokenStream {
    let n = ident(&p.name);
    let wire = &p.wire;
    let (style, explode) = (&p.style, p.explode);
    let shape = shape(api, &p.ty);
    match p.location {
        // Query parameters are one call each; optional ones go through the `_opt` forms.
        ParamLocation::Query => {
            let value = quote!(&params.#n);
            return match (shape, p.required) {
                (ParamShape::Scalar, true) => quote!(req.query.scalar(#wire, #value);),
                (ParamShape::Scalar, false) => quote!(req.query.scalar_opt(#wire, #value);),
                (ParamShape::List, true) => {
                    quote!(req.query.array(#wire, #style, #explode, #value);)
                }
                (ParamShape::List, false) => {
                    quote!(req.query.array_opt(#wire, #style, #explode, #value);)
                }
                (ParamShape::Serialized, true) => {
                    quote!(req.query.serialized(#wire, #style, #explode, #value);)
                }
                (ParamShape::Serialized, false) => {
                    quote!(req.query.serialized_opt(#wire, #style, #explode, #value);)
                }
            };
        }
        ParamLocation::Path => return TokenStream::new(),
        ParamLocation::Header | ParamLocation::Cookie => {}
    }
    let text = match shape {
        ParamShape::Scalar => quote!(::std::string::ToString::to_string(x)),
        ParamShape::List => quote!(super::runtime::encode::simple_list(x)),
        ParamShape::Serialized => quote!(super::runtime::encode::param_strings(x).join(",")),
    };
    let push = if p.location == ParamLocation::Header {
        quote!(req.headers.push((#wire, #text));)
    } else {
        quote!(req.cookies.push((#wire, #text));)
    };
    if p.required {
        quote!({ let x = &params.#n; #push })
    } else {
        quote!(if let Some(x) = &params.#n { #push })
    }
}

/// Decodes the body, wrapped in `wrap` (a success enum's variant) when given.
fn decode(ty: &TypeRef, enc: ResponseEncoding, wrap: Option<TokenStream>) -> TokenStream {
    let value = match (enc, ty) {
        (ResponseEncoding::Empty, _) | (_, TypeRef::Unit) => {
            // A success enum's variant for a status without a body is a unit variant.
            return match wrap {
                Some(w) => quote!(Ok(#w)),
                None => quote!(Ok(())),
            };
        }
        (ResponseEncoding::Text, _) => quote!(resp.text()),
        (ResponseEncoding::Binary, _) => quote!(::std::clone::Clone::clone(resp.bytes())),
        (ResponseEncoding::Json, _) => {
            let map = wrap.map(|w| quote!(.map(#w)));
            return quote!(resp.json().map_err(super::Error::Decode) #map);
        }
    };
    match wrap {
        Some(w) => quote!(Ok(#w(#value))),
        None => quote!(Ok(#value)),
    }
}

fn dispatch(api: &Api, op: &Operation) -> TokenStream {
    let success = match &op.success {
        Success::Single(ty, enc) => {
            let d = decode(ty, *enc, None);
            quote!(200..=299 => #d,)
        }
        Success::Several { name, variants } => {
            let n = ident(name);
            let arms = variants.iter().map(|(code, v, ty, enc)| {
                let v = ident(v);
                let d = decode(ty, *enc, Some(quote!(super::types::#n::#v)));
                let pat = if *code == 299 {
                    quote!(200..=299)
                } else {
                    quote!(#code)
                };
                quote!(#pat => #d,)
            });
            let fallback = if variants.iter().any(|v| v.0 == 299) {
                TokenStream::new()
            } else {
                quote!(200..=299 => Err(super::Error::UnexpectedStatus(resp.api_error())),)
            };
            quote!(#(#arms)* #fallback)
        }
    };
    let (codes, ranges, default) = error_keys(op);
    let _ = api;
    // The two commonest shapes go through one shared function each.
    if let Success::Single(ty, enc) = &op.success {
        let shared = match (enc, ty) {
            (ResponseEncoding::Empty, _) | (_, TypeRef::Unit) => Some(quote!(unit)),
            (ResponseEncoding::Json, _) => Some(quote!(json)),
            _ => None,
        };
        if let Some(f) = shared {
            return quote!(super::Error::#f(self.inner.execute(req).await?, &[#(#codes),*], &[#(#ranges),*], #default));
        }
    }
    quote! {
        let resp = self.inner.execute(req).await?;
        match resp.status() {
            #success
            _ => Err(super::Error::from_response(resp, &[#(#codes),*], &[#(#ranges),*], #default)),
        }
    }
}

/// The declared error statuses of an operation as `Error::from_response` takes them: codes, ranges (`4` for `4XX`),
/// and whether a `default` response is declared.
pub(super) fn error_keys(op: &Operation) -> (Vec<u16>, Vec<u16>, bool) {
    let mut codes = Vec::new();
    let mut ranges = Vec::new();
    for k in &op.errors {
        match k {
            ErrorKey::Code(c) => codes.push(*c),
            ErrorKey::Range(r) => ranges.push(*r),
            ErrorKey::Default => {}
        }
    }
    (codes, ranges, op.errors.contains(&ErrorKey::Default))
}

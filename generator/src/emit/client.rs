//! Emits `Client` and one async method per operation (plus stream and checked-update methods where the spec asks).

use proc_macro2::TokenStream;
use quote::quote;

use super::Emitted;
use super::docs::doc;
use super::tyref::{ident, rust_type};
use crate::ir::{Api, Operation, ResponseEncoding, StatusMatch, Success, SuccessEnum, TypeRef};

/// The whole `client.rs` module body.
pub fn emit(api: &Api, out: &mut Emitted) {
    out.tokens(emit_core(api));
    methods(api, &api.operations, out);
}

/// The error-status constants and `impl Client` blocks of `ops`: one block per run of operations that the same
/// features compile (one block in all when the spec has no features).
pub fn methods<'a>(api: &Api, ops: impl IntoIterator<Item = &'a Operation>, out: &mut Emitted) {
    let ops: Vec<&Operation> = ops.into_iter().collect();
    for run in ops.chunk_by(|a, b| a.features == b.features) {
        let mut consts = TokenStream::new();
        let mut methods = TokenStream::new();
        for op in run {
            consts.extend(error_statuses(op));
            methods.extend(method(api, op));
            methods.extend(super::extras::stream_method(api, op));
            methods.extend(super::extras::checked_method(api, op));
            methods.extend(super::files::download_method(api, op));
        }
        // A group takes the stream as it is (interpolating a stream would copy every token).
        let methods = proc_macro2::Group::new(proc_macro2::Delimiter::Brace, methods);
        out.gate(&run[0].features);
        out.tokens(quote! {
            #consts
            impl Client #methods
        });
    }
    out.gate(&[]);
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
            inner: Arc<Inner>,
        }

        impl FromInner for Client {
            type Error = Error;

            fn from_inner(inner: Arc<Inner>) -> Self {
                Client { inner }
            }
        }

        impl Client {
            /// A builder with the spec's default server; set the base URL, credentials, retries and timeouts.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::new(DEFAULT_BASE_URL, SECURITY_SCHEMES)
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.inner.base_url()
            }
        }
    }
}

/// `const <METHOD>_ERRORS: &ErrorStatuses = ..;`, the statuses `op` declares as errors.
fn error_statuses(op: &Operation) -> TokenStream {
    let Some(name) = &op.errors_const else {
        return TokenStream::new();
    };
    let name = ident(name);
    let mut codes = Vec::new();
    let mut ranges = Vec::new();
    for key in &op.errors {
        match key {
            StatusMatch::Code(c) => codes.push(proc_macro2::Literal::u16_unsuffixed(*c)),
            StatusMatch::Range(r) => ranges.push(proc_macro2::Literal::u16_unsuffixed(u16::from(*r))),
            StatusMatch::Default => {}
        }
    }
    let mut value = quote!(ErrorStatuses::codes(&[#(#codes),*]));
    if !ranges.is_empty() {
        value.extend(quote!(.with_classes(&[#(#ranges),*])));
    }
    if op.errors.contains(&StatusMatch::Default) {
        value.extend(quote!(.with_default()));
    }
    let doc = super::docs::literal(&format!(" The error statuses `{}` declares.", op.method_name));
    quote! {
        #[doc = #doc]
        const #name: &ErrorStatuses = &#value;
    }
}

/// The constant naming `op`'s error statuses, or `ErrorStatuses::NONE`.
pub(super) fn errors_of(op: &Operation) -> TokenStream {
    match &op.errors_const {
        Some(name) => {
            let name = ident(name);
            quote!(#name)
        }
        None => quote!(ErrorStatuses::NONE),
    }
}

/// The argument type of a path parameter.
pub(super) fn path_arg(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(&str),
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 | TypeRef::Bool => rust_type(ty),
        TypeRef::Vec(inner) => {
            let inner = rust_type(inner);
            quote!(&[#inner])
        }
        other => {
            let t = rust_type(other);
            quote!(&#t)
        }
    }
}

/// The argument type of a request body.
pub(super) fn body_arg(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Bytes => quote!(bytes::Bytes),
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 | TypeRef::Bool => {
            let t = rust_type(ty);
            quote!(&#t)
        }
        other => path_arg(other),
    }
}

/// The success type of an operation.
pub fn success_type(op: &Operation) -> TokenStream {
    match &op.success {
        Success::Single(ty, _) => rust_type(ty),
        Success::Several(e) => {
            let n = ident(&e.name);
            quote!(#n)
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
        args.push((quote!(params: &#t), quote!(params)));
    }
    if let Some(b) = &op.body {
        let t = match (&b.ty, b.required) {
            // Any owner of bytes (`Vec<u8>`, `String`, `&'static [u8]`, `Bytes`), without a copy.
            (TypeRef::Bytes, true) => quote!(impl Into<bytes::Bytes>),
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
    let gap = if d.is_empty() { TokenStream::new() } else { quote!(#[doc = ""]) };
    let sig = super::docs::literal(&format!(" `{} {}` (operationId `{}`).", op.http_method.as_str(), op.path, op.id));
    let credentials = super::security::doc_line(api, op).map(|line| quote!(#[doc = ""] #[doc = #line]));
    let dep = if op.deprecated { quote!(#[deprecated]) } else { TokenStream::new() };
    let super::signature::Sig { inputs, output, .. } = super::signature::main(op);
    let validate = super::validate::before_sending(api, op);
    let build = super::request::build(api, op);
    let dispatch = dispatch(op);
    let allow = super::lints::deprecated_if(super::lints::op_uses_deprecated(api, op, false));
    quote! {
        #d
        #gap
        #[doc = #sig]
        #credentials
        #dep
        #allow
        pub async fn #name(#inputs) -> #output {
            #validate
            #build
            let resp = self.inner.execute(req).await?;
            #dispatch
        }
    }
}

/// The body of one success status, wrapped in `wrap` (a success enum's variant) when given.
fn decode(ty: &TypeRef, enc: ResponseEncoding, wrap: Option<TokenStream>) -> TokenStream {
    let value = match (enc, ty) {
        // A success enum's variant for a status without a body is a unit variant.
        (ResponseEncoding::Empty, _) | (_, TypeRef::Unit) => return quote!(Ok(#wrap)),
        (ResponseEncoding::Text, _) => quote!(resp.text()),
        (ResponseEncoding::Binary, _) => quote!(resp.into_bytes()),
        (ResponseEncoding::Json, _) => quote!(resp.json()?),
    };
    match wrap {
        Some(w) => quote!(Ok(#w(#value))),
        None => quote!(Ok(#value)),
    }
}

/// From the response to the method's result.
fn dispatch(op: &Operation) -> TokenStream {
    let errors = errors_of(op);
    match &op.success {
        Success::Single(_, ResponseEncoding::Empty) | Success::Single(TypeRef::Unit, _) => {
            quote!(resp.unit_or_error(#errors))
        }
        Success::Single(_, ResponseEncoding::Json) => quote!(resp.json_or_error(#errors)),
        Success::Single(ty, enc) => {
            let value = decode(ty, *enc, None);
            quote! {
                if !resp.is_success() {
                    return Err(resp.error(#errors));
                }
                #value
            }
        }
        Success::Several(e) => several(e, errors),
    }
}

/// A `match` on the status for a success enum.
fn several(e: &SuccessEnum, errors: TokenStream) -> TokenStream {
    let n = ident(&e.name);
    let arms = e.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let d = decode(&v.ty, v.encoding, Some(quote!(#n::#variant)));
        let pat = match v.status {
            StatusMatch::Code(c) => {
                let c = proc_macro2::Literal::u16_unsuffixed(c);
                quote!(#c)
            }
            _ => quote!(_ if resp.is_success()),
        };
        quote!(#pat => #d,)
    });
    let fallback = if !e.variants.iter().any(|v| v.status == StatusMatch::Range(2)) {
        quote!(_ if resp.is_success() => Err(Error::UnexpectedStatus(resp.api_error())),)
    } else {
        TokenStream::new()
    };
    quote! {
        match resp.status() {
            #(#arms)*
            #fallback
            _ => Err(resp.error(#errors)),
        }
    }
}

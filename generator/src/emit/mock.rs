//! Emits the `mock` module (feature `mock`): `MockServer` and, per operation, an expectation named after the client
//! method, whose setters fill in the request with the statements the client uses (`request.rs`) and whose answers
//! are typed by the operation's responses.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Emitted;
use super::client::{body_arg, path_arg};
use super::docs::literal;
use super::tyref::{ident, rust_type};
use crate::ir::{Api, BodyEncoding, Operation, ParamLocation, ResponseEncoding, StatusMatch, Success, TypeRef};
use crate::names::{self, Namespace};

/// What `MockServer` (a wiremock server) defines itself; an operation method of one of these names gets `_call`.
const SERVER_METHODS: &[&str] = &[
    "start", "start_with", "base_url", "client", "client_builder", "verify", "take_unmatched", "received_requests",
    "wiremock", "expectation",
];

/// What `Expectation` defines itself; a parameter setter of one of these names gets its location as a prefix.
const EXPECTATION_METHODS: &[&str] = &[
    "respond_raw", "respond_with", "delay", "retry_after", "response_header", "expect", "mount", "request_mut", "with",
    "match_json", "match_exactly", "answer_json", "answer_bytes", "answer_empty", "edit_last", "describe", "body",
    "params",
];

/// The names of the operations' marker types (`op::UpdateCustomer`) and of their `MockServer` methods, in
/// operation order.
pub struct MockNames {
    markers: Vec<String>,
    methods: Vec<String>,
}

impl MockNames {
    pub fn of(api: &Api) -> Self {
        let mut markers = Namespace::default();
        let mut methods = Namespace::with_reserved(SERVER_METHODS);
        for op in &api.operations {
            if !SERVER_METHODS.contains(&op.method_name.as_str()) {
                methods.claim(&op.method_name);
            }
        }
        let methods = api
            .operations
            .iter()
            .map(|op| match SERVER_METHODS.contains(&op.method_name.as_str()) {
                true => methods.claim(&format!("{}_call", op.method_name)),
                false => op.method_name.clone(),
            })
            .collect();
        let markers = api.operations.iter().map(|op| markers.claim(&names::camel(&op.method_name))).collect();
        MockNames { markers, methods }
    }
}

/// `mock.rs` of a small spec: the server, the markers and every operation's expectation.
pub fn emit(api: &Api, names: &MockNames, out: &mut Emitted) {
    out.tokens(root(api, names, false));
    operations(api, names, 0..api.operations.len(), start(), "super::", out);
}

/// `mock/mod.rs` of a split spec: the server and the markers (the caller adds the module files).
pub fn emit_index(api: &Api, names: &MockNames) -> TokenStream {
    root(api, names, true)
}

/// `mock/<module>.rs`: the expectations of the module's operations.
pub fn emit_module(api: &Api, names: &MockNames, ops: &[usize], out: &mut Emitted) {
    out.tokens(quote!(use super::{Expectation, MockServer, op};));
    operations(api, names, ops.iter().copied(), TokenStream::new(), "super::super::", out);
}

/// `MockServer::start`.
fn start() -> TokenStream {
    quote! {
        /// Starts a mock server on `127.0.0.1` (a free port).
        pub async fn start() -> Self {
            Self::start_with(SECURITY_SCHEMES).await
        }
    }
}

/// The module's docs, re-exports, `MockServer` and the operations' markers; `MockServer::start` too when
/// `with_start` (a split spec's index, whose module files hold the operations).
fn root(api: &Api, names: &MockNames, with_start: bool) -> TokenStream {
    let title = literal(&format!(" Typed mocks of {} for tests (cargo feature `mock`), on wiremock.", api.title.trim()));
    let markers = (0..api.operations.len()).map(|i| {
        let op = &api.operations[i];
        let m = ident(&names.markers[i]);
        let d = literal(&format!(" `{}`: `{} {}`.", op.method_name, op.http_method.as_str(), op.path));
        let gate = super::gates::cfg(&op.features);
        quote!(#[doc = #d] #gate pub enum #m {})
    });
    let start = if with_start {
        let start = start();
        quote!(impl MockServer { #start })
    } else {
        TokenStream::new()
    };
    quote! {
        #![doc = #title]
        //!
        //! [`MockServer::start`] starts a server on `127.0.0.1`; [`MockServer::client`] is a client of it. Each
        //! operation has a method named after the client method that starts an [`Expectation`]: its setters
        //! match the operation's parameters and body exactly as the client sends them, its `respond_` methods
        //! add answers of the operation's types (given in order; the last repeats), and `mount` installs it.
        //! Dropping the server checks call counts (`expect`) and that no request went unmatched.

        pub use super::runtime::mock::{Expectation, Mounted, UNMATCHED_STATUS, wiremock};

        /// A mock server of this API with one typed expectation per operation.
        pub type MockServer = super::runtime::mock::MockServer<Client>;

        /// One type per operation, naming it in [`Expectation`] so only its own setters and answers apply.
        pub mod op {
            #(#markers)*
        }

        #start

    }
}

/// For each operation: its `MockServer` method and its `impl Expectation<'_, op::X>` block, the methods in one
/// `impl MockServer` block per run of operations that the same features compile. `starts` (`MockServer::start`)
/// opens the first block, or a block of its own when that one is gated. `root` leads from the file to the generated
/// module's root, for the links to the client's methods.
fn operations(
    api: &Api,
    names: &MockNames,
    ops: impl Iterator<Item = usize>,
    mut starts: TokenStream,
    root: &str,
    out: &mut Emitted,
) {
    let ops: Vec<usize> = ops.collect();
    let features = |i: &usize| &api.operations[*i].features;
    if ops.first().is_some_and(|i| !features(i).is_empty()) && !starts.is_empty() {
        out.tokens(quote!(impl MockServer { #starts }));
        starts = TokenStream::new();
    }
    for run in ops.chunk_by(|a, b| features(a) == features(b)) {
        let mut impls = TokenStream::new();
        for &i in run {
            let op = &api.operations[i];
            let marker = ident(&names.markers[i]);
            let method = ident(&names.methods[i]);
            let client_method = &op.method_name;
            let constructor = super::request::constructor(op);
            let d = literal(&format!(
                " Expects calls of [`Client::{client_method}`]({root}Client::{client_method}): `{} {}`.",
                op.http_method.as_str(),
                op.path
            ));
            starts.extend(quote! {
                #[doc = #d]
                pub fn #method(&self) -> Expectation<'_, op::#marker> {
                    self.expectation(#client_method, #constructor)
                }
            });
            let allow = super::lints::deprecated_if(uses_deprecated(api, op));
            let setters = setters(op);
            let answers = answers(api, op);
            impls.extend(quote! {
                #allow
                impl Expectation<'_, op::#marker> {
                    #setters
                    #answers
                }
            });
        }
        let starts = proc_macro2::Group::new(proc_macro2::Delimiter::Brace, std::mem::take(&mut starts));
        out.gate(features(&run[0]));
        out.tokens(quote! {
            impl MockServer #starts
            #impls
        });
    }
    out.gate(&[]);
}

fn uses_deprecated(api: &Api, op: &Operation) -> bool {
    super::lints::op_uses_deprecated(api, op, false)
        || api.errors.iter().any(|e| op.errors.contains(&e.key) && super::lints::type_is_deprecated(api, &e.body))
}

/// One setter per parameter, `params` for the whole params struct, `body` for the body.
fn setters(op: &Operation) -> TokenStream {
    let mut taken = Namespace::with_reserved(EXPECTATION_METHODS);
    let mut out = TokenStream::new();
    for p in op.path_params.iter().chain(&op.params) {
        let location = match p.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        };
        let name = if taken.contains(&p.name) || p.name.starts_with("respond_") {
            taken.claim(&format!("{location}_{}", p.name))
        } else {
            taken.claim(&p.name)
        };
        let setter = ident(&name);
        let ty = path_arg(&p.ty);
        let (arg, fill) = if p.location == ParamLocation::Path {
            (ident(&p.name), super::request::path_param(p))
        } else {
            let v = format_ident!("value");
            let fill = super::request::param_value(p, &v);
            (v, fill)
        };
        let d = literal(&format!(" Matches calls whose {location} parameter `{}` is `{arg}`.", p.wire));
        let fill = expression(fill);
        out.extend(quote! {
            #[doc = #d]
            pub fn #setter(self, #arg: #ty) -> Self {
                self.with(|req| #fill)
            }
        });
    }
    if let Some(ps) = &op.params_struct {
        let t = ident(ps);
        let fills = op.params.iter().map(super::request::param);
        let wires = |loc: ParamLocation| op.params.iter().filter(move |p| p.location == loc).map(|p| p.wire.as_str());
        let (query, headers) = (wires(ParamLocation::Query), wires(ParamLocation::Header));
        out.extend(quote! {
            /// Matches calls with exactly these query and header parameters, as the client sends them (an unset
            /// one must be absent).
            pub fn params(mut self, params: &#t) -> Self {
                let req = self.request_mut();
                #(#fills)*
                self.match_exactly(&[#(#query),*], &[#(#headers),*])
            }
        });
    }
    if let Some(b) = &op.body {
        let ct = &b.content_type;
        let ty = match &b.ty {
            TypeRef::Bytes => quote!(impl Into<bytes::Bytes>),
            other => body_arg(other),
        };
        let fill = match b.encoding {
            BodyEncoding::Json => Some(quote!(self.match_json(#ct, body))),
            BodyEncoding::Form => Some(quote!(self.with(|req| req.form(#ct, body)))),
            BodyEncoding::Text => Some(quote!(self.with(|req| req.text(#ct, body)))),
            BodyEncoding::Binary => Some(quote!(self.with(|req| req.raw(#ct, body)))),
            // A multipart body has a new boundary per request: it cannot be matched byte for byte.
            BodyEncoding::Multipart => None,
        };
        if let Some(fill) = fill {
            let d = literal(&format!(" Matches calls whose body is `body`, exactly as the client sends it (`{ct}`)."));
            out.extend(quote! {
                #[doc = #d]
                pub fn body(self, body: #ty) -> Self {
                    #fill
                }
            });
        }
    }
    out
}

/// A one-statement fill (`req.path("id", id);`) as an expression, without its `;`.
fn expression(statement: TokenStream) -> TokenStream {
    let mut tokens: Vec<proc_macro2::TokenTree> = statement.into_iter().collect();
    if matches!(tokens.last(), Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == ';') {
        tokens.pop();
    }
    tokens.into_iter().collect()
}

/// `respond_ok` (or one method per success status) and one `respond_<error>` per declared error status.
fn answers(api: &Api, op: &Operation) -> TokenStream {
    let mut out = TokenStream::new();
    match &op.success {
        Success::Single(ty, enc) => {
            let what = match (enc, ty) {
                (ResponseEncoding::Empty, _) | (_, TypeRef::Unit) => "`Ok(())`".to_owned(),
                _ => format!("it as `{}`", super::signature::type_text(ty)),
            };
            out.extend(answer("respond_ok", StatusMatch::Code(op.success_status), ty, *enc, &what));
        }
        Success::Several(e) => {
            for v in &e.variants {
                let name = format!("respond_{}", names::snake(&v.name));
                let what = format!("`{}::{}`", e.name, v.name);
                out.extend(answer(&name, v.status, &v.ty, v.encoding, &what));
            }
        }
    }
    for key in &op.errors {
        let Some(e) = api.errors.iter().find(|e| e.key == *key) else { continue };
        let name = format!("respond_{}", names::snake(&e.variant));
        let what = format!("`Error::{}`", e.variant);
        let enc = if e.body == TypeRef::Unit { ResponseEncoding::Empty } else { ResponseEncoding::Json };
        out.extend(answer(&name, *key, &e.body, enc, &what));
    }
    out
}

/// One answer method: a fixed status (or a `status` argument for a range or `default`) and a typed body.
fn answer(name: &str, key: StatusMatch, ty: &TypeRef, enc: ResponseEncoding, what: &str) -> TokenStream {
    let name = ident(name);
    let (status_arg, status, said) = match key {
        StatusMatch::Code(c) => {
            let lit = proc_macro2::Literal::u16_unsuffixed(c);
            (TokenStream::new(), quote!(#lit), c.to_string())
        }
        StatusMatch::Range(r) => (quote!(status: u16,), quote!(status), format!("`status` (a {r}XX status)")),
        StatusMatch::Default => (quote!(status: u16,), quote!(status), "`status`".to_owned()),
    };
    let (body_arg, call) = match (enc, ty) {
        (ResponseEncoding::Empty, _) | (_, TypeRef::Unit) => (TokenStream::new(), quote!(self.answer_empty(#status))),
        (ResponseEncoding::Text, _) => {
            (quote!(body: &str), quote!(self.answer_bytes(#status, "text/plain", body)))
        }
        (ResponseEncoding::Binary, _) => (
            quote!(body: impl Into<Vec<u8>>),
            quote!(self.answer_bytes(#status, "application/octet-stream", body)),
        ),
        (ResponseEncoding::Json, ty) => {
            let t = match ty {
                TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 | TypeRef::Bool => {
                    let t = rust_type(ty);
                    quote!(&#t)
                }
                other => path_arg(other),
            };
            (quote!(body: #t), quote!(self.answer_json(#status, body)))
        }
    };
    let with = if body_arg.is_empty() { String::new() } else { " with `body`".to_owned() };
    let d = literal(&format!(" Adds an answer: {said}{with} (the client returns {what})."));
    quote! {
        #[doc = #d]
        pub fn #name(self, #status_arg #body_arg) -> Self {
            #call
        }
    }
}

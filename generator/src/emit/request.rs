//! Emits the statements that describe one call as a runtime `Request`: path, query, headers, cookies, body.

use proc_macro2::TokenStream;
use quote::quote;

use super::tyref::ident;
use crate::ir::{Api, BodyEncoding, Operation, Param, ParamLocation, ParamShape, ParamStyle, RequestBody, TypeRef};

/// `let mut req = Request::put("updateCustomer", "/customer/{id}");` and every statement that fills it in.
pub fn build(api: &Api, op: &Operation) -> TokenStream {
    let constructor = constructor(op);
    let mut fill = TokenStream::new();
    for p in &op.path_params {
        fill.extend(path_param(p));
    }
    for p in &op.params {
        fill.extend(param(p));
    }
    if !op.loggable_query.is_empty() {
        let names = &op.loggable_query;
        fill.extend(quote!(req.loggable_query = &[#(#names),*];));
    }
    if let Some(h) = &op.idempotency_header {
        fill.extend(quote!(req.idempotency_header = Some(#h);));
    }
    fill.extend(super::security::request_security(api, op));
    if let Some(a) = &op.accept {
        fill.extend(quote!(req.accept = #a;));
    }
    if let Some(b) = &op.body {
        fill.extend(body(b));
    }
    if fill.is_empty() {
        quote!(let req = #constructor;)
    } else {
        quote!(let mut req = #constructor; #fill)
    }
}

/// `Request::put("updateCustomer", "/customer/{id}")`: the request before its parameters are filled in.
pub fn constructor(op: &Operation) -> TokenStream {
    let op_id = &op.id;
    let template = &op.path;
    let method = op.http_method.as_str();
    match method {
        "GET" | "PUT" | "POST" | "DELETE" | "PATCH" => {
            let f = ident(&method.to_ascii_lowercase());
            quote!(Request::#f(#op_id, #template))
        }
        other => {
            let m = ident(other);
            quote!(Request::new(#op_id, reqwest::Method::#m, #template))
        }
    }
}

/// `Style::Form.exploded()`.
fn encoding(p: &Param) -> TokenStream {
    let style = ident(match p.style {
        ParamStyle::Simple => "Simple",
        ParamStyle::Label => "Label",
        ParamStyle::Matrix => "Matrix",
        ParamStyle::Form => "Form",
        ParamStyle::SpaceDelimited => "SpaceDelimited",
        ParamStyle::PipeDelimited => "PipeDelimited",
        ParamStyle::DeepObject => "DeepObject",
    });
    let explode = ident(if p.explode { "exploded" } else { "unexploded" });
    quote!(Style::#style.#explode())
}

/// `req.path("id", id);`: fills in a path parameter from the variable of its name.
pub fn path_param(p: &Param) -> TokenStream {
    let n = ident(&p.name);
    let wire = &p.wire;
    let plain = p.style == ParamStyle::Simple && !p.explode;
    match p.shape {
        ParamShape::Scalar if plain => quote!(req.path(#wire, #n);),
        ParamShape::Scalar => {
            let enc = encoding(p);
            quote!(req.path_styled(#wire, #enc, #n);)
        }
        ParamShape::List => {
            let enc = encoding(p);
            quote!(req.path_list(#wire, #enc, #n);)
        }
        ParamShape::Serialized => {
            let enc = encoding(p);
            quote!(req.path_serialized(#wire, #enc, #n);)
        }
    }
}

/// A query, header or cookie parameter, read from `params`.
pub fn param(p: &Param) -> TokenStream {
    let n = ident(&p.name);
    param_from(p, quote!(&params.#n), p.required, quote!(params.#n))
}

/// A query, header or cookie parameter set to `value`: a variable of its argument type (`&str`, `i64`, `&[T]`,
/// `&T`), as a setter that takes the one value receives it.
pub fn param_value(p: &Param, value: &proc_macro2::Ident) -> TokenStream {
    // `Query::scalar` takes `&dyn Display`; the other calls take the argument as it is.
    let field = match (p.location, p.shape) {
        (ParamLocation::Query, ParamShape::Scalar) => quote!(&#value),
        _ => quote!(#value),
    };
    param_from(p, field, true, quote!(#value))
}

/// The statement for one parameter: `field` is a reference to its value (an `&Option<T>` unless `required`);
/// `copied` is the value itself, for a number or boolean sent by `Display`.
fn param_from(p: &Param, field: TokenStream, required: bool, copied: TokenStream) -> TokenStream {
    let wire = &p.wire;
    if p.location == ParamLocation::Query {
        // Query parameters are one call each; optional ones go through the `_opt` forms.
        let enc = encoding(p);
        return match (p.shape, required) {
            (ParamShape::Scalar, true) => quote!(req.query.scalar(#wire, #field);),
            (ParamShape::Scalar, false) => quote!(req.query.scalar_opt(#wire, #field);),
            (ParamShape::List, true) => quote!(req.query.array(#wire, #enc, #field);),
            (ParamShape::List, false) => quote!(req.query.array_opt(#wire, #enc, #field);),
            (ParamShape::Serialized, true) => quote!(req.query.serialized(#wire, #enc, #field);),
            (ParamShape::Serialized, false) => quote!(req.query.serialized_opt(#wire, #enc, #field);),
        };
    }
    let f = match (p.location, p.shape) {
        (ParamLocation::Cookie, ParamShape::Scalar) => quote!(cookie),
        (ParamLocation::Cookie, ParamShape::List) => quote!(cookie_list),
        (ParamLocation::Cookie, ParamShape::Serialized) => quote!(cookie_serialized),
        (_, ParamShape::Scalar) => quote!(header),
        (_, ParamShape::List) => quote!(header_list),
        (_, ParamShape::Serialized) => quote!(header_serialized),
    };
    if required {
        // Numbers and booleans are copied into the `impl Display` argument; everything else is borrowed.
        let is_copied = matches!(p.ty, TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 | TypeRef::Bool);
        let value = if is_copied { copied } else { field };
        quote!(req.#f(#wire, #value);)
    } else {
        quote! {
            if let Some(value) = #field {
                req.#f(#wire, value);
            }
        }
    }
}

/// The body, encoded as the spec's media type says.
fn body(b: &RequestBody) -> TokenStream {
    let ct = &b.content_type;
    let set = match b.encoding {
        BodyEncoding::Json if ct == "application/json" => quote!(req.json(body)?;),
        BodyEncoding::Json => quote!(req.json_as(#ct, body)?;),
        BodyEncoding::Form => quote!(req.form(#ct, body);),
        BodyEncoding::Multipart if !b.parts.is_empty() => super::files::form(b),
        BodyEncoding::Multipart => quote!(req.multipart(body);),
        BodyEncoding::Binary => quote!(req.raw(#ct, body);),
        BodyEncoding::Text => quote!(req.text(#ct, body);),
    };
    if b.required {
        set
    } else {
        quote! {
            if let Some(body) = body {
                #set
            }
        }
    }
}

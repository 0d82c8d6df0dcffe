//! Emits the security schemes (`SECURITY_SCHEMES`), the API-wide requirement (`SECURITY`) and each operation's
//! requirement, which the runtime uses to pick the credentials a request sends.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, ApiKeyLocation, Operation, SchemeKind, Security};

/// The module-root consts: the declared schemes and, when there is one, the API-wide requirement.
pub fn root_items(api: &Api) -> TokenStream {
    let mut doc = vec![
        " The security schemes the spec declares. Set a credential with `ClientBuilder::credential(name, value)`."
            .to_owned(),
    ];
    if !api.security_schemes.is_empty() {
        doc.push(String::new());
    }
    let schemes = api.security_schemes.iter().map(|s| {
        let name = &s.name;
        doc.push(format!(" - `{name}`: {}.", describe(&s.kind)));
        match &s.kind {
            SchemeKind::ApiKey { location, name: key } => {
                let location = match location {
                    ApiKeyLocation::Header => quote!(Header),
                    ApiKeyLocation::Query => quote!(Query),
                    ApiKeyLocation::Cookie => quote!(Cookie),
                };
                quote!(runtime::auth::Scheme::api_key(#name, runtime::auth::KeyLocation::#location, #key))
            }
            SchemeKind::HttpBasic => quote!(runtime::auth::Scheme::basic(#name)),
            SchemeKind::HttpBearer | SchemeKind::OAuth2 | SchemeKind::OpenIdConnect => {
                quote!(runtime::auth::Scheme::bearer(#name))
            }
            SchemeKind::HttpOther { .. } => quote!(runtime::auth::Scheme::authorization(#name)),
        }
    });
    let schemes: Vec<TokenStream> = schemes.collect();
    let mut out = quote! {
        #(#[doc = #doc])*
        pub const SECURITY_SCHEMES: &[runtime::auth::Scheme] = &[#(#schemes),*];
    };
    let users: Vec<&Operation> =
        api.operations.iter().filter(|op| op.security.as_ref().is_none_or(|s| s == &api.security)).collect();
    if api.security != Security::default() && !users.is_empty() {
        let value = security_value(&api.security);
        let doc = format!(" The API-wide security requirement: {}.", summary(&api.security));
        // Compiled with the operations that send it.
        let gate = super::gates::cfg(&super::gates::any_of(users.iter().map(|op| op.features.as_slice())));
        out.extend(quote! {
            #[doc = #doc]
            #gate
            pub(crate) const SECURITY: runtime::auth::Security = #value;
        });
    }
    out
}

/// The statement that sets an operation's requirement on `req`, if it needs credentials.
pub fn request_security(api: &Api, op: &Operation) -> Option<TokenStream> {
    match &op.security {
        _ if effective(api, op) == &Security::default() => None,
        Some(own) if own != &api.security => {
            let value = security_value(own);
            Some(quote!(req.security = #value;))
        }
        _ => Some(quote!(req.security = SECURITY;)),
    }
}

/// The doc line naming the credentials an operation sends, if the spec says anything about them.
pub fn doc_line(api: &Api, op: &Operation) -> Option<String> {
    if op.security.is_none() && api.security == Security::default() {
        return None;
    }
    Some(format!(" Credentials: {}.", summary(effective(api, op))))
}

fn effective<'a>(api: &'a Api, op: &'a Operation) -> &'a Security {
    op.security.as_ref().unwrap_or(&api.security)
}

/// `Security::required(&[&["a", "b"], &["c"]])` (or `optional`).
/// The requirement as a `runtime::auth::Security` value (each generated file can name `runtime`).
fn security_value(security: &Security) -> TokenStream {
    let alternatives = security.any_of.iter().map(|alt| quote!(&[#(#alt),*]));
    let constructor = if security.each_configured {
        quote!(each_configured)
    } else if security.anonymous {
        quote!(optional)
    } else {
        quote!(required)
    };
    quote!(runtime::auth::Security::#constructor(&[#(#alternatives),*]))
}

/// "`a` + `b`, or `c`" (", or none" when anonymous calls are allowed).
fn summary(security: &Security) -> String {
    if security.any_of.is_empty() {
        return "none".to_owned();
    }
    if security.each_configured {
        let each: Vec<String> = security.any_of.iter().flatten().map(|s| format!("`{s}`")).collect();
        return format!("each of {} that is configured", each.join(", "));
    }
    let alternatives: Vec<String> = security
        .any_of
        .iter()
        .map(|alt| alt.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" + "))
        .collect();
    let mut text = alternatives.join(", or ");
    if security.anonymous {
        text.push_str(", or none");
    }
    text
}

/// How a scheme's credential is sent, in words (doc lines and the API listing).
pub(crate) fn describe(kind: &SchemeKind) -> String {
    match kind {
        SchemeKind::ApiKey { location, name } => {
            let place = match location {
                ApiKeyLocation::Header => "header",
                ApiKeyLocation::Query => "query parameter",
                ApiKeyLocation::Cookie => "cookie",
            };
            format!("API key in the {place} `{name}`")
        }
        SchemeKind::HttpBasic => "HTTP basic, the value is `user:password`".to_owned(),
        SchemeKind::HttpBearer => "bearer token".to_owned(),
        SchemeKind::OAuth2 => "OAuth 2.0 access token, sent as a bearer token".to_owned(),
        SchemeKind::OpenIdConnect => "OpenID Connect token, sent as a bearer token".to_owned(),
        SchemeKind::HttpOther { scheme } => {
            format!("HTTP `{scheme}`, the value is the whole `Authorization` header")
        }
    }
}

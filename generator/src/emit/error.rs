//! Emits the crate's `Error`: one variant per declared status (holding that status's body), then the client-side kinds.

use proc_macro2::TokenStream;
use quote::quote;

use super::tyref::{ident, rust_type};
use crate::ir::{Api, ErrorKey};

/// The whole `error.rs` module body.
pub fn emit(api: &Api) -> TokenStream {
    let variants = api.errors.iter().map(|e| {
        let v = ident(&e.variant);
        let body = rust_type(&e.body, true);
        let doc = match e.key {
            ErrorKey::Code(c) => format!(
                " The server answered {c}; the body is decoded as the spec declares it for {c}."
            ),
            ErrorKey::Range(r) => {
                format!(" The server answered a {r}XX status the operation declares as a range.")
            }
            ErrorKey::Default => {
                " The server answered a status the operation covers with its `default` response."
                    .to_owned()
            }
        };
        quote! {
            #[doc = #doc]
            #[error("{0}")]
            #v(super::runtime::errors::ApiError<#body>),
        }
    });
    let statuses = api.errors.iter().map(|e| {
        let v = ident(&e.variant);
        quote!(Self::#v(e) => Some(e.status()),)
    });
    let code_arms = api.errors.iter().filter_map(|e| match e.key {
        ErrorKey::Code(c) => {
            let v = ident(&e.variant);
            Some(quote!(#c if codes.contains(&#c) => Self::#v(resp.api_error()),))
        }
        _ => None,
    });
    let range_arms = api.errors.iter().filter_map(|e| match e.key {
        ErrorKey::Range(r) => {
            let v = ident(&e.variant);
            let (lo, hi) = (r * 100, r * 100 + 99);
            Some(quote!(#lo..=#hi if ranges.contains(&#r) => Self::#v(resp.api_error()),))
        }
        _ => None,
    });
    let default_arm = api
        .errors
        .iter()
        .find(|e| e.key == ErrorKey::Default)
        .map(|e| {
            let v = ident(&e.variant);
            quote!(_ if default => Self::#v(resp.api_error()),)
        });
    let deleted = api.has_checked_update.then(|| {
        quote! {
            /// A checked update found the record soft-deleted; nothing was sent.
            #[error(transparent)]
            Deleted(super::runtime::errors::DeletedError),
        }
    });
    let deleted_from = if api.has_checked_update {
        quote!(super::runtime::http::Failure::Deleted(e) => Self::Deleted(e),)
    } else {
        quote!(super::runtime::http::Failure::Deleted(e) => Self::Config(super::runtime::errors::ConfigError(e.to_string())),)
    };
    quote! {
        /// Everything a call can fail with. Error responses are told apart by HTTP status first; the body is then
        /// decoded as the type the spec declares for that status (the raw text is always kept).
        #[derive(Debug, ::thiserror::Error)]
        #[non_exhaustive]
        pub enum Error {
            #(#variants)*
            /// The server answered a status the operation does not declare.
            #[error("unexpected status: {0}")]
            UnexpectedStatus(super::runtime::errors::ApiError<::serde_json::Value>),
            /// The connection failed or broke (refused, reset, truncated).
            #[error(transparent)]
            Transport(super::runtime::errors::TransportError),
            /// The request did not complete in time.
            #[error(transparent)]
            Timeout(super::runtime::errors::TimeoutError),
            /// A success response whose body does not match the declared type (the raw body is kept).
            #[error(transparent)]
            Decode(super::runtime::errors::DecodeError),
            /// The request breaks the spec's constraints; nothing was sent.
            #[error(transparent)]
            InvalidRequest(super::runtime::errors::ValidationErrors),
            #deleted
            /// The client or a request could not be configured.
            #[error(transparent)]
            Config(super::runtime::errors::ConfigError),
        }

        impl Error {
            /// The variant for an error response: the status's own variant when the operation declares it (or a
            /// range or `default` covering it), else `UnexpectedStatus`.
            #[allow(dead_code, unused_variables, clippy::match_single_binding)]
            pub(crate) fn from_response(
                resp: super::runtime::http::Response,
                codes: &[u16],
                ranges: &[u16],
                default: bool,
            ) -> Self {
                let status = resp.status();
                match status {
                    #(#code_arms)*
                    #(#range_arms)*
                    #default_arm
                    _ => Self::UnexpectedStatus(resp.api_error()),
                }
            }

            /// A JSON body on success, else the error for the response (the common shape of an operation).
            #[allow(dead_code)]
            pub(crate) fn json<T: ::serde::de::DeserializeOwned>(
                resp: super::runtime::http::Response,
                codes: &[u16],
                ranges: &[u16],
                default: bool,
            ) -> Result<T, Self> {
                match resp.status() {
                    200..=299 => resp.json().map_err(Self::Decode),
                    _ => Err(Self::from_response(resp, codes, ranges, default)),
                }
            }

            /// `()` on success (any body ignored), else the error for the response.
            #[allow(dead_code)]
            pub(crate) fn unit(
                resp: super::runtime::http::Response,
                codes: &[u16],
                ranges: &[u16],
                default: bool,
            ) -> Result<(), Self> {
                match resp.status() {
                    200..=299 => Ok(()),
                    _ => Err(Self::from_response(resp, codes, ranges, default)),
                }
            }

            /// The HTTP status of the response this error comes from, if there was one.
            pub fn status(&self) -> Option<u16> {
                match self {
                    #(#statuses)*
                    Self::UnexpectedStatus(e) => Some(e.status()),
                    Self::Decode(e) => Some(e.status),
                    _ => None,
                }
            }
        }

        impl ::std::convert::From<super::runtime::http::Failure> for Error {
            fn from(f: super::runtime::http::Failure) -> Self {
                match f {
                    super::runtime::http::Failure::Transport(e) => Self::Transport(e),
                    super::runtime::http::Failure::Timeout(e) => Self::Timeout(e),
                    super::runtime::http::Failure::Invalid(e) => Self::InvalidRequest(e),
                    #deleted_from
                    super::runtime::http::Failure::Config(e) => Self::Config(e),
                }
            }
        }

        impl ::std::convert::From<super::runtime::errors::ValidationErrors> for Error {
            fn from(e: super::runtime::errors::ValidationErrors) -> Self {
                Self::InvalidRequest(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_variants_are_the_ones_names_reserves() {
        let api = Api {
            has_checked_update: true,
            ..Api::default()
        };
        let file: syn::File = syn::parse2(emit(&api)).unwrap();
        let variants: Vec<String> = file
            .items
            .iter()
            .find_map(|item| match item {
                syn::Item::Enum(e) if e.ident == "Error" => Some(&e.variants),
                _ => None,
            })
            .unwrap()
            .iter()
            .map(|v| v.ident.to_string())
            .collect();
        assert_eq!(variants, crate::names::ERROR_VARIANTS);
    }
}

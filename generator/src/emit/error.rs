//! Emits the crate's `Error`: one variant per declared status (holding that status's body), then the client-side kinds.

use proc_macro2::TokenStream;
use quote::quote;

use super::tyref::{ident, rust_type};
use crate::ir::{Api, StatusMatch};
use proc_macro2::Literal;

/// The whole `error.rs` module body.
pub fn emit(api: &Api) -> TokenStream {
    let variants = api.errors.iter().map(|e| {
        let v = ident(&e.variant);
        let body = rust_type(&e.body);
        let doc = match e.key {
            StatusMatch::Code(c) => format!(
                " The server answered {c}; the body is decoded as the spec declares it for {c}."
            ),
            StatusMatch::Range(r) => {
                format!(" The server answered a {r}XX status the operation declares as a range.")
            }
            StatusMatch::Default => {
                " The server answered a status the operation covers with its `default` response."
                    .to_owned()
            }
        };
        quote! {
            #[doc = #doc]
            #[error("{0}")]
            #v(ApiError<#body>),
        }
    });
    let statuses = api.errors.iter().map(|e| {
        let v = ident(&e.variant);
        quote!(Self::#v(e) => Some(e.status()),)
    });
    let arms = api.errors.iter().map(|e| {
        let v = ident(&e.variant);
        match e.key {
            StatusMatch::Code(c) => {
                let c = Literal::u16_unsuffixed(c);
                quote!(#c if declared.has_code(#c) => Self::#v(resp.api_error()),)
            }
            StatusMatch::Range(r) => {
                let class = Literal::u16_unsuffixed(u16::from(r));
                quote!(status if declared.covers(#class, status) => Self::#v(resp.api_error()),)
            }
            StatusMatch::Default => quote!(_ if declared.has_default() => Self::#v(resp.api_error()),),
        }
    });
    let deleted = api.has_checked_update.then(|| {
        quote! {
            /// A checked update found the record soft-deleted; nothing was sent.
            #[error(transparent)]
            Deleted(DeletedError),
        }
    });
    let deleted_from = if api.has_checked_update {
        quote!(Failure::Deleted(e) => Self::Deleted(e),)
    } else {
        quote!(Failure::Deleted(e) => Self::Config(ConfigError(e.to_string())),)
    };
    let from_response = if api.errors.is_empty() {
        quote! {
            /// No operation declares an error status: every error response is `UnexpectedStatus`.
            fn from_response(resp: Response, _: &ErrorStatuses) -> Self {
                Self::UnexpectedStatus(resp.api_error())
            }
        }
    } else {
        quote! {
            /// The status's own variant when the operation declares it (or a range or `default` covering it),
            /// else `UnexpectedStatus`.
            fn from_response(resp: Response, declared: &ErrorStatuses) -> Self {
                match resp.status() {
                    #(#arms)*
                    _ => Self::UnexpectedStatus(resp.api_error()),
                }
            }
        }
    };
    let large = super::lints::large_variants(api, api.errors.iter().map(|e| &e.body));
    quote! {
        /// Everything a call can fail with. Error responses are told apart by HTTP status first; the body is then
        /// decoded as the type the spec declares for that status (the raw text is always kept).
        #large
        #[derive(Debug, thiserror::Error)]
        #[non_exhaustive]
        pub enum Error {
            #(#variants)*
            /// The server answered a status the operation does not declare.
            #[error("unexpected status: {0}")]
            UnexpectedStatus(ApiError<serde_json::Value>),
            /// The connection failed or broke (refused, reset, truncated).
            #[error(transparent)]
            Transport(TransportError),
            /// The request did not complete in time.
            #[error(transparent)]
            Timeout(TimeoutError),
            /// A success response whose body does not match the declared type (the raw body is kept).
            #[error(transparent)]
            Decode(DecodeError),
            /// The request breaks the spec's constraints; nothing was sent.
            #[error(transparent)]
            InvalidRequest(ValidationErrors),
            #deleted
            /// The client or a request could not be configured.
            #[error(transparent)]
            Config(ConfigError),
        }

        impl Error {
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

        impl ResponseError for Error {
            #from_response
        }

        impl From<Failure> for Error {
            fn from(f: Failure) -> Self {
                match f {
                    Failure::Transport(e) => Self::Transport(e),
                    Failure::Timeout(e) => Self::Timeout(e),
                    Failure::Invalid(e) => Self::InvalidRequest(e),
                    #deleted_from
                    Failure::Config(e) => Self::Config(e),
                }
            }
        }

        impl From<ValidationErrors> for Error {
            fn from(e: ValidationErrors) -> Self {
                Self::InvalidRequest(e)
            }
        }

        impl From<DecodeError> for Error {
            fn from(e: DecodeError) -> Self {
                Self::Decode(e)
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

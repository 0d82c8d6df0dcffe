//! Emit: IR -> token streams, one module per kind of output (types, client, errors), plus the module root.

mod ast;
mod client;
pub(crate) mod docs;
mod enums;
mod error;
mod extras;
mod files;
mod params;
mod security;
mod types;
mod tyref;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

/// Lints that spec-derived docs and shapes can trip and that say nothing about the generated code's quality.
fn allows() -> TokenStream {
    quote! {
        #![allow(
            deprecated,
            clippy::large_enum_variant,
            clippy::too_many_arguments,
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items,
            clippy::tabs_in_doc_comments,
            clippy::empty_docs,
            clippy::needless_lifetimes,
            clippy::match_overlapping_arm
        )]
    }
}

/// One output file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// `mod.rs`: the module root and re-exports.
    Root,
    /// `error.rs`.
    Error,
    /// `types.rs`: every type, for small specs.
    Types,
    /// `client.rs`: the client and every method, for small specs.
    Client,
    /// `types/mod.rs` of a split spec, naming its modules.
    TypesIndex(Vec<String>),
    /// `types/<module>.rs`: the named types, params structs and success enums of `Api::modules[i]`.
    TypeModule(usize),
    /// `client/mod.rs` of a split spec.
    ClientIndex(Vec<String>),
    /// `client/<module>.rs`: the methods of `Api::modules[i]`.
    ClientModule(usize),
}

/// The files to produce, as (path, part). Big specs are split into the modules lowering chose (`Api::modules`, by
/// tag), so each file holds one part of the API and the files can be rendered in parallel.
pub fn plan(api: &Api) -> Vec<(String, Part)> {
    let mut parts = vec![
        ("mod.rs".to_owned(), Part::Root),
        ("error.rs".to_owned(), Part::Error),
    ];
    if api.modules.is_empty() {
        parts.push(("types.rs".to_owned(), Part::Types));
        parts.push(("client.rs".to_owned(), Part::Client));
        return parts;
    }
    let (mut type_mods, mut client_mods) = (Vec::new(), Vec::new());
    for (i, m) in api.modules.iter().enumerate() {
        // A module without types has no `types/` file, so nothing re-exports an empty module.
        if !m.types.is_empty() || !m.op_types.is_empty() {
            parts.push((format!("types/{}.rs", m.file_stem()), Part::TypeModule(i)));
            type_mods.push(m.name.clone());
        }
        if !m.operations.is_empty() {
            parts.push((format!("client/{}.rs", m.file_stem()), Part::ClientModule(i)));
            client_mods.push(m.name.clone());
        }
    }
    parts.push(("types/mod.rs".to_owned(), Part::TypesIndex(type_mods)));
    parts.push(("client/mod.rs".to_owned(), Part::ClientIndex(client_mods)));
    parts
}

/// One file as emitted: token streams for `syn` to parse, and items already built as syntax trees, in file order.
#[derive(Default)]
pub struct Emitted {
    /// The pieces in order; adjacent token streams are kept as one.
    pub pieces: Vec<Piece>,
}

/// A piece of an emitted file.
pub enum Piece {
    /// Items (and, in the first piece, inner attributes) as tokens.
    Tokens(TokenStream),
    /// An item built as a syntax tree.
    Item(Box<syn::Item>),
}

impl Emitted {
    /// Appends tokens, joining them to the last piece when that is tokens too.
    pub fn tokens(&mut self, tokens: TokenStream) {
        if tokens.is_empty() {
            return;
        }
        match self.pieces.last_mut() {
            Some(Piece::Tokens(last)) => last.extend([tokens]),
            _ => self.pieces.push(Piece::Tokens(tokens)),
        }
    }

    /// Appends an item built as a syntax tree.
    pub fn item(&mut self, item: syn::Item) {
        self.pieces.push(Piece::Item(Box::new(item)));
    }
}

/// The contents of one file.
pub fn emit_part(api: &Api, part: &Part, shared_runtime: Option<&syn::Path>) -> Emitted {
    let mut out = Emitted::default();
    out.tokens(allows());
    match part {
        Part::Root => out.tokens(root(api, shared_runtime)),
        Part::Error => out.tokens(error::emit(api)),
        Part::Types => types::emit(api, &mut out),
        Part::Client => out.tokens(client::emit(api)),
        Part::TypesIndex(mods) => {
            let mods: Vec<_> = mods.iter().map(|m| tyref::ident(m)).collect();
            out.tokens(quote! {
                #[allow(unused_imports)]
                use super::runtime;
                #(mod #mods;)*
                #(pub use #mods::*;)*
            });
        }
        Part::TypeModule(i) => {
            let m = &api.modules[*i];
            out.tokens(glob_import());
            types::emit_defs(api, m.types.iter().map(|&t| &api.types[t]), &mut out);
            out.tokens(types::emit_op_types(api, m.op_types.iter().map(|&o| &api.operations[o])));
        }
        Part::ClientIndex(mods) => {
            let mods: Vec<_> = mods.iter().map(|m| tyref::ident(m)).collect();
            let core = client::emit_core(api);
            // The modules name these as `super::..`, as the unsplit `client.rs` does.
            let security = (api.security != crate::ir::Security::default()).then(|| quote!(SECURITY,));
            out.tokens(quote! {
                #[allow(unused_imports)]
                use super::{runtime, types, Error, #security};
                #core
                #(mod #mods;)*
            });
        }
        Part::ClientModule(i) => {
            let ops = api.modules[*i].operations.iter().map(|&o| &api.operations[o]);
            // A group takes the stream as it is (interpolating a stream would copy every token).
            let methods =
                proc_macro2::Group::new(proc_macro2::Delimiter::Brace, client::methods(api, ops));
            out.tokens(quote!(impl super::Client #methods));
        }
    }
    out
}

/// `use super::*;`, for a chunk of the `types` module.
fn glob_import() -> TokenStream {
    quote!(
        #[allow(unused_imports)]
        use super::*;
    )
}

fn root(api: &Api, shared_runtime: Option<&syn::Path>) -> TokenStream {
    let runtime = match shared_runtime {
        Some(path) => quote!(pub use #path as runtime;),
        None => quote!(
            pub mod runtime;
        ),
    };
    let title = format!(" Generated client for {}.", api.title.trim());
    let description = docs::inner_doc(api.description.as_deref());
    let gap = if description.is_empty() {
        TokenStream::new()
    } else {
        quote!(#![doc = ""])
    };
    let base = &api.default_base_url;
    let security = security::root_items(api);
    let has_types =
        !api.types.is_empty() || api.operations.iter().any(|o| o.params_struct.is_some());
    let glob = if has_types {
        quote!(
            pub use types::*;
        )
    } else {
        TokenStream::new()
    };
    let files = api.operations.iter().any(|o| {
        o.body
            .as_ref()
            .is_some_and(|b| b.parts.iter().any(|p| p.file))
    });
    let file_part = if files {
        quote!(
            pub use runtime::multipart::FilePart;
        )
    } else {
        TokenStream::new()
    };
    let download = if api.operations.iter().any(|o| o.download.is_some()) {
        quote!(
            pub use runtime::download::Download;
        )
    } else {
        TokenStream::new()
    };
    quote! {
        #![doc = #title]
        #gap
        #description
        pub mod types;
        mod client;
        mod error;
        #runtime

        pub use client::Client;
        pub use error::Error;
        /// Configures and builds a [`Client`].
        pub type ClientBuilder = runtime::builder::ClientBuilder<Client>;
        pub use runtime::errors::{
            ApiError, ConfigError, DecodeError, DeletedError, FieldError, TimeoutError, TransportError, ValidationErrors,
        };
        #glob
        #file_part
        #download

        /// The first server the spec lists (its variables set to their defaults).
        pub const DEFAULT_BASE_URL: &str = #base;
        #security
    }
}

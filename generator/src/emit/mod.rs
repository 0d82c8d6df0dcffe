//! Emit: IR -> token streams, one module per kind of output (types, client, errors), plus the module root.

mod ast;
mod client;
pub(crate) mod docs;
mod enums;
mod error;
mod extras;
mod lints;
mod files;
pub(crate) mod gates;
mod mock;
mod params;
mod request;
pub(crate) mod security;
pub(crate) mod signature;
mod types;
mod tyref;
pub(crate) mod uses;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

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
    /// `mock.rs`: the typed mocks (cargo feature `mock`), for small specs.
    Mock,
    /// `mock/mod.rs` of a split spec.
    MockIndex(Vec<String>),
    /// `mock/<module>.rs`: the expectations of `Api::modules[i]`'s operations.
    MockModule(usize),
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
        parts.push(("mock.rs".to_owned(), Part::Mock));
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
            parts.push((format!("mock/{}.rs", m.file_stem()), Part::MockModule(i)));
            client_mods.push(m.name.clone());
        }
    }
    parts.push(("types/mod.rs".to_owned(), Part::TypesIndex(type_mods)));
    parts.push(("mock/mod.rs".to_owned(), Part::MockIndex(client_mods.clone())));
    parts.push(("client/mod.rs".to_owned(), Part::ClientIndex(client_mods)));
    parts
}

/// About how much code a part becomes (in units of a small struct), so the biggest files are started first and
/// no core is left rendering one big file alone at the end.
pub fn weight(api: &Api, part: &Part) -> usize {
    match part {
        Part::Types => 3 * api.types.len() + api.operations.len(),
        Part::Client => 5 * api.operations.len(),
        Part::TypeModule(i) => api.modules.get(*i).map_or(0, |m| 3 * m.types.len() + m.op_types.len()),
        Part::ClientModule(i) => api.modules.get(*i).map_or(0, |m| 5 * m.operations.len()),
        Part::Mock => 3 * api.operations.len(),
        Part::MockModule(i) => api.modules.get(*i).map_or(0, |m| 3 * m.operations.len()),
        Part::MockIndex(_) => api.operations.len() / 4 + 1,
        Part::Root | Part::Error | Part::TypesIndex(_) | Part::ClientIndex(_) => 1,
    }
}

/// One file as emitted: token streams for `syn` to parse, and items already built as syntax trees, in file order,
/// each with the features it needs.
#[derive(Default)]
pub struct Emitted<'a> {
    /// The pieces in order, each with its gate (the features any one of which compiles it; empty: always); adjacent
    /// token streams with the same gate are kept as one.
    pub pieces: Vec<(Vec<String>, Piece)>,
    /// What the file may import; its `use` lines are found in its printed text ([`uses::for_text`]).
    pub imports: Option<uses::FileScope<'a>>,
    /// The gate of what is appended next.
    gate: Vec<String>,
    /// The gate of the whole file (its `mod` line carries it), which its items need not repeat.
    ambient: Vec<String>,
}

/// A piece of an emitted file.
pub enum Piece {
    /// Items (and, in the first piece, inner attributes) as tokens.
    Tokens(TokenStream),
    /// An item built as a syntax tree.
    Item(Box<syn::Item>),
}

impl Emitted<'_> {
    /// Gates what is appended next by `features` (see [`gates`]): render puts `#[cfg(..)]` on each of its
    /// top-level items, unless the whole file has that gate.
    pub fn gate(&mut self, features: &[String]) {
        let features = if features == self.ambient.as_slice() { &[][..] } else { features };
        if features != self.gate.as_slice() {
            self.gate = features.to_vec();
        }
    }

    /// Appends tokens, joining them to the last piece when that is tokens with the same gate.
    pub fn tokens(&mut self, tokens: TokenStream) {
        if tokens.is_empty() {
            return;
        }
        match self.pieces.last_mut() {
            Some((gate, Piece::Tokens(last))) if *gate == self.gate => last.extend([tokens]),
            _ => self.pieces.push((self.gate.clone(), Piece::Tokens(tokens))),
        }
    }

    /// Appends an item built as a syntax tree.
    pub fn item(&mut self, item: syn::Item) {
        self.pieces.push((self.gate.clone(), Piece::Item(Box::new(item))));
    }
}

/// Every type name the `types` module defines (named types, params structs, success enums, value lists), and the
/// names of the mocks, found once for all the files of a spec.
pub struct TypeNames<'a>(rustc_hash::FxHashSet<&'a str>, mock::MockNames);

impl<'a> TypeNames<'a> {
    pub fn of(api: &'a Api) -> Self {
        let mut names: rustc_hash::FxHashSet<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
        names.extend(api.operations.iter().flat_map(op_type_names));
        names.extend(api.value_lists.iter().map(|l| l.name.as_str()));
        TypeNames(names, mock::MockNames::of(api))
    }
}

/// The contents of one file: its items, and what it may import.
pub fn emit_part<'a>(
    api: &'a Api,
    names: &'a TypeNames,
    part: &Part,
    shared_runtime: Option<&syn::Path>,
) -> Emitted<'a> {
    let mut body = Emitted::default();
    if let Part::TypeModule(i) | Part::ClientModule(i) | Part::MockModule(i) = part {
        body.ambient = api.modules[*i].features.clone();
    }
    // How deep the file sits below the generated module's root, and which names it defines itself.
    let (depth, own): (usize, &[&str]) = match part {
        Part::Root => return Emitted { pieces: vec![(Vec::new(), Piece::Tokens(root(api, shared_runtime)))], ..Emitted::default() },
        Part::Error => {
            body.tokens(error::emit(api));
            (1, &["Error"])
        }
        Part::Types => {
            types::emit(api, &mut body);
            (1, &[])
        }
        Part::Client => {
            client::emit(api, &mut body);
            (1, &["Client"])
        }
        Part::TypesIndex(mods) => {
            body.tokens(module_lines(api, mods, true));
            types::value_lists(api, &mut body);
            (1, &[])
        }
        Part::TypeModule(i) => {
            let m = &api.modules[*i];
            types::emit_defs(api, m.types.iter().map(|&t| &api.types[t]), &mut body);
            types::emit_op_types(api, m.op_types.iter().map(|&o| &api.operations[o]), &mut body);
            (2, &[])
        }
        Part::ClientIndex(mods) => {
            body.tokens(client::emit_core(api));
            body.tokens(module_lines(api, mods, false));
            (1, &["Client"])
        }
        Part::ClientModule(i) => {
            let ops = api.modules[*i].operations.iter().map(|&o| &api.operations[o]);
            client::methods(api, ops, &mut body);
            (2, &[])
        }
        Part::Mock => {
            mock::emit(api, &names.1, &mut body);
            (1, &["MockServer", "Expectation"])
        }
        Part::MockIndex(mods) => {
            body.tokens(mock::emit_index(api, &names.1));
            body.tokens(module_lines(api, mods, false));
            (1, &["MockServer", "Expectation"])
        }
        Part::MockModule(i) => {
            mock::emit_module(api, &names.1, &api.modules[*i].operations, &mut body);
            (2, &["MockServer", "Expectation"])
        }
    };
    let in_types = matches!(part, Part::Types | Part::TypesIndex(_));
    // A module of `types` names its own types directly; it imports the others.
    let mut own_types = rustc_hash::FxHashSet::default();
    if let Part::TypeModule(i) = part {
        let m = &api.modules[*i];
        own_types.extend(m.types.iter().map(|&t| api.types[t].name.as_str()));
        own_types.extend(m.op_types.iter().flat_map(|&o| op_type_names(&api.operations[o])));
    }
    let scope = uses::FileScope {
        depth,
        types_glob: (!in_types).then_some("types"),
        type_names: &names.0,
        own_types,
        own,
    };
    body.imports = Some(scope);
    body
}

/// The `mod` lines of an index file (`types/mod.rs`, `client/mod.rs`, `mock/mod.rs`), each gated by its module's
/// features; `types` re-exports each module's items too.
fn module_lines(api: &Api, mods: &[String], reexport: bool) -> TokenStream {
    let gated: Vec<(TokenStream, proc_macro2::Ident)> = mods
        .iter()
        .map(|name| {
            let module = api.modules.iter().find(|m| &m.name == name);
            (module.map(|m| gates::cfg(&m.features)).unwrap_or_default(), tyref::ident(name))
        })
        .collect();
    let mut out: TokenStream = gated.iter().map(|(gate, module)| quote!(#gate mod #module;)).collect();
    if reexport {
        out.extend(gated.iter().map(|(gate, module)| quote!(#gate pub use #module::*;)));
    }
    out
}

/// The types an operation defines: its params struct and its success enum.
fn op_type_names(op: &crate::ir::Operation) -> impl Iterator<Item = &str> {
    let several = match &op.success {
        crate::ir::Success::Several(e) => Some(e.name.as_str()),
        crate::ir::Success::Single(..) => None,
    };
    op.params_struct.as_deref().into_iter().chain(several)
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
    // Compiled when something in `types` is: a glob that imports nothing is an unused import.
    let op_types = api
        .operations
        .iter()
        .filter(|o| o.params_struct.is_some() || matches!(o.success, crate::ir::Success::Several(_)));
    let gates: Vec<&[String]> = api
        .types
        .iter()
        .map(|t| t.features.as_slice())
        .chain(op_types.map(|o| o.features.as_slice()))
        .chain(api.value_lists.iter().map(|l| l.features.as_slice()))
        .collect();
    let glob = if gates.is_empty() {
        TokenStream::new()
    } else {
        let gate = gates::cfg(&gates::any_of(gates));
        quote!(
            #gate
            pub use types::*;
        )
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
        #[cfg(feature = "mock")]
        pub mod mock;
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

//! The `use` lines of a generated file: what its code names from std, serde, the runtime, the crate root and
//! `types`, found by scanning the file's tokens for the names of [`IMPORTS`].
//!
//! The scan is exact because no spec-derived name can equal one of these in a position the scan counts: type
//! names avoid them (`names::RESERVED_TYPES`), arguments avoid the lower-case ones (`lower/params.rs`), and field,
//! method and variant names are only ever written after `.` or `::`, which the scan skips.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;
use rustc_hash::FxHashSet as HashSet;

use super::Piece;

/// Names a generated file may use unqualified, with their paths; `@` stands for the generated module's root.
const IMPORTS: &[(&str, &str)] = &[
    ("Arc", "std::sync::Arc"),
    ("BTreeMap", "std::collections::BTreeMap"),
    ("Deserialize", "serde::Deserialize"),
    ("Serialize", "serde::Serialize"),
    ("ApiError", "@runtime::errors::ApiError"),
    ("ConfigError", "@runtime::errors::ConfigError"),
    ("DecodeError", "@runtime::errors::DecodeError"),
    ("DeletedError", "@runtime::errors::DeletedError"),
    ("TimeoutError", "@runtime::errors::TimeoutError"),
    ("TransportError", "@runtime::errors::TransportError"),
    ("ValidationErrors", "@runtime::errors::ValidationErrors"),
    ("Failure", "@runtime::http::Failure"),
    ("FromInner", "@runtime::http::FromInner"),
    ("Inner", "@runtime::http::Inner"),
    ("Style", "@runtime::encode::Style"),
    ("Request", "@runtime::request::Request"),
    ("ErrorStatuses", "@runtime::response::ErrorStatuses"),
    ("Response", "@runtime::response::Response"),
    ("ResponseError", "@runtime::response::ResponseError"),
    ("Validator", "@runtime::validate::Validator"),
    ("string_enum", "@runtime::enums::string_enum"),
    ("int_enum", "@runtime::enums::int_enum"),
    ("paginate", "@runtime::paginate"),
    ("nullable", "@runtime::nullable"),
    ("join", "@runtime::validate::join"),
    ("index", "@runtime::validate::index"),
    ("runtime", "@runtime"),
    ("checked", "@runtime::checked"),
    ("download", "@runtime::download"),
    ("Download", "@runtime::download::Download"),
    ("Form", "@runtime::multipart::Form"),
    ("FilePart", "@runtime::multipart::FilePart"),
    ("Client", "@Client"),
    ("ClientBuilder", "@ClientBuilder"),
    ("Error", "@Error"),
    ("DEFAULT_BASE_URL", "@DEFAULT_BASE_URL"),
    ("SECURITY", "@SECURITY"),
    ("SECURITY_SCHEMES", "@SECURITY_SCHEMES"),
];

/// Where a file sits and what it may import.
pub struct FileScope<'a> {
    /// How many `super::` lead from the file to the generated module's root.
    pub depth: usize,
    /// The module holding the types (`types`), as seen from the root; `None` in the types files themselves.
    pub types_glob: Option<&'a str>,
    /// Every type name the spec's types module defines.
    pub type_names: &'a HashSet<String>,
    /// Names the file defines itself (never imported).
    pub own: &'a [&'a str],
}

/// The `use` items for a file's pieces, as tokens: external crates first, then the generated crate's own items.
pub fn uses(pieces: &[Piece], scope: &FileScope) -> TokenStream {
    let mut scan = Scan { scope, seen: HashSet::default(), names_a_type: false };
    for piece in pieces {
        match piece {
            Piece::Tokens(tokens) => scan.tokens(tokens),
            Piece::Item(item) => scan.item(item),
        }
    }
    let Scan { seen, names_a_type, .. } = scan;
    let root = "super::".repeat(scope.depth);
    // Module path -> names imported from it, grouped like rustfmt does.
    let mut external: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut local: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (name, path) in IMPORTS {
        if !seen.contains(*name) || scope.own.contains(name) {
            continue;
        }
        let (group, path) = match path.strip_prefix('@') {
            Some(rest) => (&mut local, format!("{root}{rest}")),
            None => (&mut external, (*path).to_owned()),
        };
        let module = path.rsplit_once("::").map_or("", |(module, _)| module);
        group.entry(module.to_owned()).or_default().insert(name);
    }
    if let Some(types) = scope.types_glob
        && names_a_type
    {
        local.entry(format!("{root}{types}")).or_default().insert("*");
    }
    let mut out = TokenStream::new();
    for (module, names) in external.iter().chain(&local) {
        let module: TokenStream = module.parse().unwrap_or_default();
        let names: Vec<TokenStream> = names.iter().map(|n| n.parse().unwrap_or_default()).collect();
        out.extend(if names.len() == 1 {
            quote!(use #module::#(#names)*;)
        } else {
            quote!(use #module::{#(#names),*};)
        });
    }
    out
}

/// What a file's code names: the import names it uses, and whether it names a type of `types`.
struct Scan<'a> {
    scope: &'a FileScope<'a>,
    seen: HashSet<&'static str>,
    names_a_type: bool,
}

impl Scan<'_> {
    /// Notes a name the code uses unqualified.
    fn note(&mut self, name: &str) {
        if let Some((import, _)) = IMPORTS.iter().find(|(n, _)| *n == name) {
            self.seen.insert(import);
        } else if !self.names_a_type && name.starts_with(|c: char| c.is_ascii_uppercase()) {
            self.names_a_type = self.scope.type_names.contains(name);
        }
    }

    /// Identifiers that stand on their own: not after `.` (fields, methods), not after `::` (paths' later parts),
    /// and not before a lone `:` or `=` (field and argument declarations, macro arms).
    fn tokens(&mut self, tokens: &TokenStream) {
        // The last two punctuation characters before the current token, and an identifier waiting for the two
        // tokens after it.
        let mut before: [Option<char>; 2] = [None, None];
        let mut pending: Option<(String, [Option<char>; 2])> = None;
        let mut after: Vec<Option<char>> = Vec::with_capacity(2);
        // 1 after `enum`, 2 after its name: the next brace group holds variants, whose names are definitions.
        let mut enum_state = 0;
        for tt in tokens.clone() {
            enum_state = match (&tt, enum_state) {
                (TokenTree::Ident(i), 0) if i == "enum" => 1,
                (TokenTree::Ident(_), 1) => 2,
                (TokenTree::Group(g), 2) if g.delimiter() == proc_macro2::Delimiter::Brace => {
                    if pending.is_some() {
                        self.settle(pending.take(), &after);
                        after.clear();
                    }
                    self.variants(&g.stream());
                    before = [None, None];
                    continue;
                }
                _ => 0,
            };
            let punct = match &tt {
                TokenTree::Punct(p) => Some(p.as_char()),
                _ => None,
            };
            if pending.is_some() {
                after.push(punct);
                if after.len() == 2 {
                    self.settle(pending.take(), &after);
                    after.clear();
                }
            }
            match tt {
                TokenTree::Ident(ident) => {
                    if pending.is_some() {
                        self.settle(pending.take(), &after);
                        after.clear();
                    }
                    pending = Some((ident.to_string(), before));
                    before = [None, None];
                }
                TokenTree::Group(g) => {
                    self.tokens(&g.stream());
                    before = [None, None];
                }
                TokenTree::Punct(p) => before = [before[1], Some(p.as_char())],
                TokenTree::Literal(_) => before = [None, None],
            }
        }
        self.settle(pending, &after);
    }

    /// The body of an enum: each variant's name is a definition (skipped), its payload is code.
    fn variants(&mut self, tokens: &TokenStream) {
        let mut at_start = true;
        for tt in tokens.clone() {
            match tt {
                TokenTree::Punct(p) if p.as_char() == ',' => at_start = true,
                TokenTree::Ident(_) if at_start => at_start = false,
                TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Bracket => {}
                TokenTree::Group(g) => self.tokens(&g.stream()),
                _ => {}
            }
        }
    }

    /// Decides on an identifier once the tokens around it are known.
    fn settle(&mut self, pending: Option<(String, [Option<char>; 2])>, after: &[Option<char>]) {
        let Some((name, before)) = pending else { return };
        let after = (after.first().copied().flatten(), after.get(1).copied().flatten());
        let after_path = before == [Some(':'), Some(':')];
        let declared = matches!(after, (Some(':'), c) if c != Some(':'))
            || matches!(after, (Some('='), c) if c != Some('=') && c != Some('>'));
        if before[1] != Some('.') && !after_path && !declared {
            self.note(&name);
        }
    }

    /// A struct built as a syntax tree: its attributes (derives, `deserialize_with`) and its field types.
    fn item(&mut self, item: &syn::Item) {
        let syn::Item::Struct(s) = item else {
            self.tokens(&quote::ToTokens::to_token_stream(item));
            return;
        };
        let attrs = s.attrs.iter().chain(s.fields.iter().flat_map(|f| &f.attrs));
        for attr in attrs {
            match &attr.meta {
                syn::Meta::List(list) if list.path.is_ident("derive") => self.tokens(&list.tokens),
                syn::Meta::List(list)
                    if list.path.is_ident("serde")
                        && list.tokens.to_string().contains("\"nullable::deserialize\"") =>
                {
                    self.note("nullable");
                }
                _ => {}
            }
        }
        for f in &s.fields {
            self.ty(&f.ty);
        }
    }

    /// The names a type path uses unqualified: its first segment, and those of its generic arguments.
    fn ty(&mut self, ty: &syn::Type) {
        let syn::Type::Path(p) = ty else { return };
        if p.path.leading_colon.is_none()
            && let Some(first) = p.path.segments.first()
        {
            self.note(&first.ident.to_string());
        }
        for seg in &p.path.segments {
            if let syn::PathArguments::AngleBracketed(args) = &seg.arguments {
                for arg in &args.args {
                    if let syn::GenericArgument::Type(t) = arg {
                        self.ty(t);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_what_stands_alone() {
        let code = quote! {
            pub enum Kind { Form, Failure(ApiError<Pet>), #[doc = "x"] Style = 3 }
            pub async fn get(&self, req: Request) -> Result<Pet, Error> {
                let x = self.Validator.Form;
                other::Style::go(Serialize);
            }
        };
        let names: HashSet<String> = ["Pet".to_owned()].into_iter().collect();
        let scope = FileScope { depth: 1, types_glob: Some("types"), type_names: &names, own: &[] };
        let text = uses(&[Piece::Tokens(code)], &scope).to_string();
        assert_eq!(
            text,
            "use serde :: Serialize ; use super :: Error ; use super :: runtime :: errors :: ApiError ; \
             use super :: runtime :: request :: Request ; use super :: types :: * ;"
        );
    }
}

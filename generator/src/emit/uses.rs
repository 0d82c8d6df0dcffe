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

/// The `use` items for `code`, as tokens: external crates first, then the generated crate's own items.
pub fn uses(code: &[&TokenStream], scope: &FileScope) -> TokenStream {
    let mut seen = HashSet::default();
    for tokens in code {
        free_idents(tokens, &mut seen);
    }
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
        && seen.iter().any(|n| scope.type_names.contains(n))
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

/// Identifiers that stand on their own: not after `.` (fields, methods), not after `::` (paths' later parts), and
/// not before a lone `:` or `=` (field and argument declarations, macro arms). The serde path
/// `"nullable::deserialize"`, written in a string, counts as `nullable`.
fn free_idents(tokens: &TokenStream, out: &mut HashSet<String>) {
    let tokens: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let punct = |i: usize| match tokens.get(i) {
        Some(TokenTree::Punct(p)) => Some(p.as_char()),
        _ => None,
    };
    for (i, tt) in tokens.iter().enumerate() {
        match tt {
            TokenTree::Ident(ident) => {
                let before = (i.checked_sub(2).and_then(punct), i.checked_sub(1).and_then(punct));
                let after = (punct(i + 1), punct(i + 2));
                let after_path = before == (Some(':'), Some(':'));
                let declared = matches!(after, (Some(':'), c) if c != Some(':'))
                    || matches!(after, (Some('='), c) if c != Some('=') && c != Some('>'));
                if before.1 != Some('.') && !after_path && !declared {
                    out.insert(ident.to_string());
                }
            }
            TokenTree::Group(g) => free_idents(&g.stream(), out),
            TokenTree::Literal(l) if l.to_string() == "\"nullable::deserialize\"" => {
                out.insert("nullable".to_owned());
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_what_stands_alone() {
        let code = quote! {
            pub async fn get(&self, req: Request) -> Result<Pet, Error> {
                let x = self.Validator.Form;
                other::Style::go(Serialize);
            }
        };
        let names: HashSet<String> = ["Pet".to_owned()].into_iter().collect();
        let scope = FileScope { depth: 1, types_glob: Some("types"), type_names: &names, own: &[] };
        let text = uses(&[&code], &scope).to_string();
        assert_eq!(
            text,
            "use serde :: Serialize ; use super :: Error ; use super :: runtime :: request :: Request ; \
             use super :: types :: * ;"
        );
    }
}

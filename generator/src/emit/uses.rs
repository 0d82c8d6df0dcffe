//! The `use` lines of a generated file: what its code names from std, serde, the runtime, the crate root and
//! `types`, found by scanning the file's printed text for the names of [`IMPORTS`] (see [`scan`]).
//!
//! The scan is exact because no spec-derived name can equal one of these in a position the scan counts: type
//! names avoid them (`names::RESERVED_TYPES`), arguments avoid the lower-case ones (`lower/params.rs`), and field,
//! method and variant names are only ever written after `.` or `::`, or as definitions, which the scan skips.

mod scan;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;
use rustc_hash::FxHashSet as HashSet;

/// Names a generated file may use unqualified, with their paths; `@` stands for the generated module's root.
/// Sorted by name (bytewise), for a binary search.
const IMPORTS: &[(&str, &str)] = &[
    ("ApiError", "@runtime::errors::ApiError"),
    ("Arc", "std::sync::Arc"),
    ("BTreeMap", "std::collections::BTreeMap"),
    ("Client", "@Client"),
    ("ClientBuilder", "@ClientBuilder"),
    ("ConfigError", "@runtime::errors::ConfigError"),
    ("DEFAULT_BASE_URL", "@DEFAULT_BASE_URL"),
    ("DecodeError", "@runtime::errors::DecodeError"),
    ("DeletedError", "@runtime::errors::DeletedError"),
    ("Deserialize", "serde::Deserialize"),
    ("Download", "@runtime::download::Download"),
    ("Error", "@Error"),
    ("ErrorStatuses", "@runtime::response::ErrorStatuses"),
    ("Failure", "@runtime::http::Failure"),
    ("FilePart", "@runtime::multipart::FilePart"),
    ("Form", "@runtime::multipart::Form"),
    ("FromInner", "@runtime::http::FromInner"),
    ("Inner", "@runtime::http::Inner"),
    ("Request", "@runtime::request::Request"),
    ("Response", "@runtime::response::Response"),
    ("ResponseError", "@runtime::response::ResponseError"),
    ("SECURITY", "@SECURITY"),
    ("SECURITY_SCHEMES", "@SECURITY_SCHEMES"),
    ("Serialize", "serde::Serialize"),
    ("Style", "@runtime::encode::Style"),
    ("TimeoutError", "@runtime::errors::TimeoutError"),
    ("TransportError", "@runtime::errors::TransportError"),
    ("ValidationErrors", "@runtime::errors::ValidationErrors"),
    ("Validator", "@runtime::validate::Validator"),
    ("checked", "@runtime::checked"),
    ("download", "@runtime::download"),
    ("index", "@runtime::validate::index"),
    ("int_enum", "@runtime::enums::int_enum"),
    ("join", "@runtime::validate::join"),
    ("nullable", "@runtime::nullable"),
    ("paginate", "@runtime::paginate"),
    ("runtime", "@runtime"),
    ("string_enum", "@runtime::enums::string_enum"),
];

/// Where a file sits and what it may import.
pub struct FileScope<'a> {
    /// How many `super::` lead from the file to the generated module's root.
    pub depth: usize,
    /// The module holding the types (`types`), as seen from the root; `None` in the types files themselves.
    pub types_glob: Option<&'a str>,
    /// Every type name the spec's types module defines.
    pub type_names: &'a HashSet<&'a str>,
    /// Those the file defines itself (never imported).
    pub own_types: HashSet<&'a str>,
    /// Names the file defines itself (never imported).
    pub own: &'a [&'a str],
}

/// The `use` items for a file's printed items, as tokens: external crates first, then the generated crate's own
/// items.
pub fn for_text(text: &str, scope: &FileScope) -> TokenStream {
    let (seen, names_a_type) = scan::names(text, scope);
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

impl FileScope<'_> {
    /// Notes a name the code uses unqualified: the import it is, or whether it names a type of `types`.
    fn note(&self, name: &str, seen: &mut HashSet<&'static str>, names_a_type: &mut bool) {
        if let Ok(i) = IMPORTS.binary_search_by(|(n, _)| (*n).cmp(name)) {
            seen.insert(IMPORTS[i].0);
        } else if !*names_a_type && name.starts_with(|c: char| c.is_ascii_uppercase()) {
            *names_a_type = self.type_names.contains(name) && !self.own_types.contains(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_are_sorted_for_the_search() {
        assert!(IMPORTS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn imports_what_stands_alone() {
        let code = r##"
pub enum Kind {
    Form,
    Failure(ApiError<Pet>),
    #[doc = "x"]
    Style = 3,
}
/// Uses a Request, says the doc.
pub async fn get(&self, req: Request) -> Result<Pet, Error> {
    let x = self.Validator.Form;
    let s = "Style";
    other::Style::go(Serialize, 'a', '\'', b'x', r#"Form"#, 1u16);
}
"##;
        let names: HashSet<&str> = ["Pet"].into_iter().collect();
        let scope =
            FileScope { depth: 1, types_glob: Some("types"), type_names: &names, own_types: HashSet::default(), own: &[] };
        let text = for_text(code, &scope).to_string();
        assert_eq!(
            text,
            "use serde :: Serialize ; use super :: Error ; use super :: runtime :: errors :: ApiError ; \
             use super :: runtime :: request :: Request ; use super :: types :: * ;"
        );
    }
}

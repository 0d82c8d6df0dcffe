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
    ("json_object", "@runtime::object::json_object"),
    ("nullable", "@runtime::nullable"),
    ("object", "@runtime::object"),
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

/// A stretch of a file's printed text that only some features compile: `body[start..end]` holds whole items.
pub struct Segment {
    pub gate: Vec<String>,
    pub start: usize,
    pub end: usize,
}

/// The `use` items for a file's printed items, as tokens: external crates first, then the generated crate's own
/// items. An import only gated items use (`segments`) is gated by their features, so no build of a feature set
/// has an unused import.
pub fn for_text(text: &str, segments: &[Segment], scope: &FileScope) -> TokenStream {
    // Each import (and `*` for the types glob) -> the gate it needs (`None`: always).
    let mut needs: BTreeMap<&str, Option<BTreeSet<String>>> = BTreeMap::new();
    let mut note = |slice: &str, gate: Option<&[String]>| {
        let (mut seen, names_a_type) = scan::names(slice, scope);
        // `json_object!` names the module its helpers are in as `object`.
        if seen.contains("json_object") {
            seen.insert("object");
        }
        let names_a_type = (names_a_type && scope.types_glob.is_some()).then_some("*");
        for name in seen.into_iter().chain(names_a_type) {
            let need = needs.entry(name).or_insert_with(|| Some(BTreeSet::new()));
            match (need.as_mut(), gate) {
                (Some(set), Some(gate)) => set.extend(gate.iter().cloned()),
                _ => *need = None,
            }
        }
    };
    let mut at = 0;
    for segment in segments {
        note(&text[at..segment.start], None);
        note(&text[segment.start..segment.end], Some(&segment.gate));
        at = segment.end;
    }
    note(&text[at..], None);

    // Gate -> module path -> names imported from it, grouped like rustfmt does (external crates first); ungated
    // imports first.
    let mut groups: BTreeMap<Vec<String>, [BTreeMap<String, BTreeSet<&str>>; 2]> = BTreeMap::new();
    let root = "super::".repeat(scope.depth);
    for (name, need) in &needs {
        if scope.own.contains(name) {
            continue;
        }
        let gate: Vec<String> = need.iter().flatten().cloned().collect();
        let [external, local] = groups.entry(gate).or_default();
        let (group, path) = match IMPORTS.binary_search_by(|(n, _)| n.cmp(name)) {
            Ok(i) => match IMPORTS[i].1.strip_prefix('@') {
                Some(rest) => (local, format!("{root}{rest}")),
                None => (external, IMPORTS[i].1.to_owned()),
            },
            // The types glob.
            Err(_) => match scope.types_glob {
                Some(types) => (local, format!("{root}{types}::*")),
                None => continue,
            },
        };
        let module = path.rsplit_once("::").map_or("", |(module, _)| module);
        group.entry(module.to_owned()).or_default().insert(name);
    }
    let mut out = TokenStream::new();
    for (gate, [external, local]) in &groups {
        if gate.is_empty() {
            // A module imported beside items of its own is one line: `use a::b::{self, c};`.
            let mut itself: BTreeSet<String> = BTreeSet::new();
            for (module, names) in local.iter() {
                itself.extend(names.iter().map(|n| format!("{module}::{n}")).filter(|m| local.contains_key(m)));
            }
            for (module, names) in external.iter().chain(local) {
                let names: Vec<&str> = itself
                    .contains(module)
                    .then_some("self")
                    .into_iter()
                    .chain(names.iter().copied().filter(|n| !itself.contains(&format!("{module}::{n}"))))
                    .collect();
                if names.is_empty() {
                    continue;
                }
                let module: TokenStream = module.parse().unwrap_or_default();
                let names: Vec<TokenStream> = names.iter().map(|n| n.parse().unwrap_or_default()).collect();
                out.extend(if names.len() == 1 {
                    quote!(use #module::#(#names)*;)
                } else {
                    quote!(use #module::{#(#names),*};)
                });
            }
            continue;
        }
        // A gate's imports are one `use` per crate, as a tree, so the gate is written once for each.
        let cfg = super::gates::cfg(gate);
        let mut roots: BTreeMap<&str, Tree> = BTreeMap::new();
        for (module, names) in external.iter().chain(local) {
            let mut segments = module.split("::");
            let root = roots.entry(segments.next().unwrap_or_default()).or_default();
            let node = segments.fold(root, |node, s| node.children.entry(s.to_owned()).or_default());
            for name in names {
                node.children.entry((*name).to_owned()).or_default().leaf = true;
            }
        }
        for (root, tree) in &roots {
            let root: TokenStream = root.parse().unwrap_or_default();
            let tree = tree.tokens();
            out.extend(quote!(#cfg use #root::#tree;));
        }
    }
    out
}

/// A use tree: each segment and what follows it; `leaf` when the path so far is imported itself (`self`).
#[derive(Default)]
struct Tree {
    leaf: bool,
    children: BTreeMap<String, Tree>,
}

impl Tree {
    /// What follows a segment: `a`, `a::b`, `{a, b::c}` or `{self, a}`.
    fn tokens(&self) -> TokenStream {
        let mut parts: Vec<TokenStream> = Vec::new();
        if self.leaf {
            parts.push(quote!(self));
        }
        for (segment, rest) in &self.children {
            let segment: TokenStream = segment.parse().unwrap_or_default();
            if rest.children.is_empty() {
                parts.push(segment);
            } else {
                let rest = rest.tokens();
                parts.push(quote!(#segment::#rest));
            }
        }
        match parts.as_slice() {
            [one] => one.clone(),
            _ => quote!({#(#parts),*}),
        }
    }
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
    fn a_json_object_table_imports_the_macro_and_its_module_only() {
        let code = "json_object!(Pet { checked: \"checked\" nullable, index: \"i\" optional });\n";
        let names: HashSet<&str> = ["Pet"].into_iter().collect();
        let scope =
            FileScope { depth: 1, types_glob: None, type_names: &names, own_types: HashSet::default(), own: &[] };
        let text = for_text(code, &[], &scope).to_string();
        assert_eq!(text, "use super :: runtime :: object :: { self , json_object } ;");
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
        let text = for_text(code, &[], &scope).to_string();
        assert_eq!(
            text,
            "use serde :: Serialize ; use super :: Error ; use super :: runtime :: errors :: ApiError ; \
             use super :: runtime :: request :: Request ; use super :: types :: * ;"
        );
    }
}

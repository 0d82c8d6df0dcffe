//! Doc comments: spec text as `#[doc]` attributes, one per line, which prettyplease prints as `///` lines (render
//! then wraps them at 100 columns and puts the summary first, see `render/layout.rs`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// A doc comment, or nothing. Lines are unindented and code fences marked `text`, so no description from a spec
/// can become a doctest.
pub fn doc(text: Option<&str>) -> TokenStream {
    let lines = text.map(lines).unwrap_or_default();
    let lines = lines.iter().map(|l| literal(l));
    quote!(#(#[doc = #lines])*)
}

/// Like [`doc`], as attributes to put on an item built as a syntax tree.
pub fn doc_attrs(text: Option<&str>) -> Vec<syn::Attribute> {
    let lines = text.map(lines).unwrap_or_default();
    lines.iter().map(|l| super::ast::doc_literal(literal(l))).collect()
}

/// A doc line as a raw string literal (`r"text"`, or `r#"text"#` when it holds a quote): prettyplease prints a
/// doc attribute by its value, which a raw literal gives without escaping or unescaping it char by char (docs are
/// about half of a big spec's output). The printed text is the same as for `Literal::string`, see the tests.
pub fn literal(text: &str) -> Literal {
    // A raw string cannot hold a lone carriage return (`lines` replaces them anyway).
    if !text.contains('\r') {
        // One more `#` than the longest run that follows a quote in the text.
        let hashes = text
            .split('"')
            .skip(1)
            .map(|after| after.bytes().take_while(|&b| b == b'#').count() + 1)
            .max()
            .unwrap_or(0);
        let fence = "#".repeat(hashes);
        if let Ok(lit) = format!("r{fence}\"{text}\"{fence}").parse::<Literal>() {
            return lit;
        }
    }
    Literal::string(text)
}

/// Like [`doc`], as inner attributes (`//!`) for a module's own documentation.
pub fn inner_doc(text: Option<&str>) -> TokenStream {
    let lines = text.map(lines).unwrap_or_default();
    let lines = lines.iter().map(|l| literal(l));
    quote!(#(#![doc = #lines])*)
}

/// The attribute values of a doc block: each line trimmed and behind one space, fences marked `text` and closed
/// at the end. A lone carriage return (which would not lex in a comment) becomes a space, a tab four spaces, and a
/// line that lazily continues a block quote gets its `>` (so Markdown and clippy read it as the quote it is).
fn lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_fence = false;
    let mut in_quote = false;
    for l in text.lines() {
        let l = l.trim();
        if l.starts_with("```") || l.starts_with("~~~") {
            in_fence = !in_fence;
            in_quote = false;
            lines.push(if in_fence { " ```text" } else { " ```" }.to_owned());
            continue;
        }
        let quote = if in_fence || l.is_empty() {
            in_quote = false;
            ""
        } else if l.starts_with('>') {
            in_quote = true;
            ""
        } else if in_quote {
            "> "
        } else {
            ""
        };
        lines.push(format!(" {quote}{}", l.replace('\r', " ").replace('\t', "    ")));
    }
    if in_fence {
        lines.push(" ```".to_owned());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(text: &str) -> String {
        let tokens = doc(Some(text));
        prettyplease::unparse(&syn::parse_quote!(#tokens struct A;))
    }

    #[test]
    fn lines_are_trimmed_and_fences_become_text() {
        assert_eq!(
            printed("Title \n\n  Body\twith\rreturn\n> quoted\nlazily\n```json\n{}"),
            "/// Title\n///\n/// Body    with return\n/// > quoted\n/// > lazily\n/// ```text\n/// {}\n/// ```\nstruct A;\n"
        );
    }

    #[test]
    fn raw_literals_have_the_escaped_ones_value() {
        let texts = [" plain (b) {c} [d] 'e' `f` #h", " \"q\"# r\"##", " back\\slash \\n", " caf\u{e9} \u{200b}", "", " \r"];
        for text in texts {
            let syn::Lit::Str(raw) = syn::Lit::new(literal(text)) else { panic!("not a string: {text:?}") };
            assert_eq!(raw.value(), text);
        }
        assert!(literal(" a \"#b").to_string().starts_with("r##\""));
    }

    #[test]
    fn attributes_and_tokens_print_alike() {
        let text = "One.\n- item\n```\ncode\n```";
        let item = syn::Item::Struct(syn::ItemStruct {
            attrs: doc_attrs(Some(text)),
            ..syn::parse_quote!(
                struct A;
            )
        });
        let built = prettyplease::unparse(&syn::File {
            shebang: None,
            frontmatter: None,
            attrs: Vec::new(),
            items: vec![item],
        });
        assert_eq!(built, printed(text));
    }
}

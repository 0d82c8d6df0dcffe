//! Doc comments: spec text as `///` lines, deferred past `syn` and prettyplease for speed.
//!
//! Descriptions are a third of a large spec's output. As `#[doc = "..."]` tokens each line would be escaped by
//! `quote`, unescaped by `syn` and printed by prettyplease. Instead, while a file is emitted with
//! [`defer`] on, each doc block becomes one short marker attribute, and [`splice_into`] replaces the marker line that
//! prettyplease prints with the block's lines at the same indentation, exactly as prettyplease would print them.

use std::cell::RefCell;

use proc_macro2::TokenStream;
use quote::quote;

/// Starts a marker: spec lines are emitted with a leading space, so none can begin with it.
const MARK: char = '\u{E000}';

thread_local! {
    /// The doc blocks of the file being emitted on this thread, while deferral is on.
    static DEFERRED: RefCell<Option<Vec<Vec<String>>>> = const { RefCell::new(None) };
}

/// Defers the doc blocks emitted on this thread from now until [`take`].
pub fn defer() {
    DEFERRED.with_borrow_mut(|d| *d = Some(Vec::new()));
}

/// The deferred blocks (by marker number), ending deferral.
pub fn take() -> Vec<Vec<String>> {
    DEFERRED.with_borrow_mut(Option::take).unwrap_or_default()
}

/// A doc comment, or nothing. Lines are unindented and code fences marked `text`, so no description from a spec
/// can become a doctest.
pub fn doc(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    let mut lines = Some(lines(text));
    let marker = DEFERRED.with_borrow_mut(|d| {
        let blocks = d.as_mut()?;
        blocks.push(lines.take()?);
        Some(format!("{MARK}{}", blocks.len() - 1))
    });
    match (marker, lines) {
        (Some(marker), _) => quote!(#[doc = #marker]),
        (None, Some(lines)) => quote!(#(#[doc = #lines])*),
        (None, None) => TokenStream::new(),
    }
}

/// Like [`doc`], as inner attributes (`//!`) for a module's own documentation (never deferred).
pub fn inner_doc(text: Option<&str>) -> TokenStream {
    let lines = text.map(lines).unwrap_or_default();
    quote!(#(#![doc = #lines])*)
}

/// The attribute values of a doc block: each line trimmed behind one space, fences closed and marked `text`.
fn lines(text: &str) -> Vec<String> {
    let mut in_fence = false;
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| {
            let l = l.trim();
            if l.starts_with("```") || l.starts_with("~~~") {
                in_fence = !in_fence;
                return if in_fence { " ```text" } else { " ```" }.to_owned();
            }
            format!(" {l}")
        })
        .collect();
    if in_fence {
        lines.push(" ```".to_owned());
    }
    lines
}

/// Replaces each marker line of prettyplease's output with its block, as `///` lines at the marker's indentation.
/// Like prettyplease, trailing spaces are trimmed; a lone carriage return (which would not lex) becomes a space.
pub fn splice_into(text: String, blocks: &[Vec<String>]) -> String {
    if blocks.is_empty() {
        return text;
    }
    let mut out = String::with_capacity(
        text.len() + blocks.iter().flatten().map(|l| l.len() + 16).sum::<usize>(),
    );
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let block = line[indent..]
            .strip_prefix("///")
            .and_then(|rest| rest.strip_prefix(MARK))
            .and_then(|n| n.trim_end().parse::<usize>().ok())
            .and_then(|n| blocks.get(n));
        let Some(block) = block else {
            out.push_str(line);
            continue;
        };
        for l in block {
            out.push_str(&line[..indent]);
            out.push_str("///");
            let l = l.trim_end_matches(' ');
            if l.contains('\r') {
                out.push_str(&l.replace('\r', " "));
            } else {
                out.push_str(l);
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deferred_docs_print_as_prettyplease_prints_them() {
        let text = Some("Title \n\n  Body\twith\rreturn\n```json\n{}");
        let direct = doc(text);
        let direct = prettyplease::unparse(&syn::parse_quote!(#direct struct A;));
        defer();
        let marker = doc(text);
        let blocks = take();
        assert_eq!(blocks.len(), 1);
        let deferred = prettyplease::unparse(&syn::parse_quote!(mod m { #marker struct A; }));
        let spliced = splice_into(deferred, &blocks);
        let expected = direct.replace('\r', " ");
        let inner: String = spliced
            .lines()
            .skip(1)
            .take(expected.lines().count())
            .map(|l| format!("{}\n", l.trim_start()))
            .collect();
        assert_eq!(inner, expected);
        assert!(
            spliced.starts_with("mod m {\n    /// Title\n    ///\n    /// Body"),
            "{spliced}"
        );
        assert!(!spliced.contains(MARK));
    }

    #[test]
    fn spec_text_cannot_forge_a_marker() {
        defer();
        let _ = doc(Some("real"));
        let forged = format!("{MARK}0");
        let tokens = doc(Some(&forged));
        let blocks = take();
        let text = prettyplease::unparse(&syn::parse_quote!(#tokens struct A;));
        assert_eq!(
            splice_into(text, &blocks).lines().next(),
            Some(format!("/// {forged}").as_str())
        );
    }
}

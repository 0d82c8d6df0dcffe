//! Doc comments: spec text as `///` lines, deferred past `syn` and prettyplease for speed.
//!
//! Descriptions are a third of a large spec's output. As `#[doc = "..."]` tokens each line would be escaped by
//! `quote`, unescaped by `syn` and printed by prettyplease. Instead, while a file is emitted with
//! [`defer`] on, each doc block becomes one short marker attribute, and [`splice_into`] replaces the marker line that
//! prettyplease prints with the block's lines at the same indentation, exactly as prettyplease would print them.

use std::cell::RefCell;

use proc_macro2::TokenStream;
use quote::quote;

/// Starts a marker: spec lines are emitted with a leading space, so none can begin with it. Plain ASCII, so
/// neither `quote` nor `syn` has anything to escape.
const MARK: &str = "@doc:";

thread_local! {
    /// The doc texts of the file being emitted on this thread, while deferral is on.
    static DEFERRED: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Defers the doc blocks emitted on this thread from now until [`take`].
pub fn defer() {
    DEFERRED.with_borrow_mut(|d| *d = Some(Vec::new()));
}

/// The deferred doc texts (by marker number), ending deferral.
pub fn take() -> Vec<String> {
    DEFERRED.with_borrow_mut(Option::take).unwrap_or_default()
}

/// A doc comment, or nothing. Lines are unindented and code fences marked `text`, so no description from a spec
/// can become a doctest.
pub fn doc(text: Option<&str>) -> TokenStream {
    let values = text.map(values).unwrap_or_default();
    quote!(#(#[doc = #values])*)
}

/// Like [`doc`], as attributes to put on an item built as a syntax tree.
pub fn doc_attrs(text: Option<&str>) -> Vec<syn::Attribute> {
    let values = text.map(values).unwrap_or_default();
    values.iter().map(|v| super::ast::doc(v)).collect()
}

/// The `#[doc]` values of a block: its marker while deferral is on, else its lines.
fn values(text: &str) -> Vec<String> {
    let marker = DEFERRED.with_borrow_mut(|d| {
        let blocks = d.as_mut()?;
        blocks.push(text.to_owned());
        Some(format!("{MARK}{}", blocks.len() - 1))
    });
    match marker {
        Some(marker) => vec![marker],
        None => lines(text),
    }
}

/// Like [`doc`], as inner attributes (`//!`) for a module's own documentation (never deferred).
pub fn inner_doc(text: Option<&str>) -> TokenStream {
    let lines = text.map(lines).unwrap_or_default();
    quote!(#(#![doc = #lines])*)
}

/// The attribute values of a doc block: each line behind one space.
fn lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for_each_line(text, |l| lines.push(format!(" {l}")));
    lines
}

/// Calls `f` with each line of a doc block: trimmed, fences marked `text` and closed at the end, tabs as spaces.
/// A line that continues a list item is indented under the item's text, as Markdown (and clippy) expect.
fn for_each_line(text: &str, mut f: impl FnMut(&str)) {
    let mut in_fence = false;
    let mut item_indent: Option<usize> = None;
    let mut line = String::new();
    for l in text.lines() {
        let l = l.trim();
        if l.starts_with("```") || l.starts_with("~~~") {
            in_fence = !in_fence;
            item_indent = None;
            f(if in_fence { "```text" } else { "```" });
            continue;
        }
        if in_fence || l.is_empty() {
            item_indent = None;
            f(l);
            continue;
        }
        line.clear();
        match list_marker(l) {
            Some(width) => item_indent = Some(width),
            None => line.extend(std::iter::repeat_n(' ', item_indent.unwrap_or(0))),
        }
        if l.contains('\t') {
            line.push_str(&l.replace('\t', "    "));
        } else {
            line.push_str(l);
        }
        f(&line);
    }
    if in_fence {
        f("```");
    }
}

/// The width of a Markdown list marker opening `line` (`- `, `* `, `+ `, `1. `, `1) `), if it has one.
fn list_marker(line: &str) -> Option<usize> {
    let bullet = matches!(line.as_bytes(), [b'-' | b'*' | b'+', b' ', ..]);
    if bullet {
        return Some(2);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line.as_bytes()[digits..];
    (digits > 0 && digits < 10 && rest.len() > 1 && matches!(rest[0], b'.' | b')') && rest[1] == b' ')
        .then_some(digits + 2)
}

/// Replaces each marker line of prettyplease's output with its doc text, as `///` lines at the marker's indentation,
/// exactly as prettyplease prints ` line` attributes: `/// line`, or `///` for an empty one. A lone carriage return
/// (which would not lex in a comment) becomes a space.
pub fn splice_into(text: String, blocks: &[String]) -> String {
    if blocks.is_empty() {
        return text;
    }
    let mut out =
        String::with_capacity(text.len() + blocks.iter().map(|b| b.len() * 2).sum::<usize>());
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
        let indent = &line[..indent];
        for_each_line(block, |l| {
            out.push_str(indent);
            out.push_str("///");
            if !l.is_empty() {
                out.push(' ');
                if l.contains('\r') {
                    out.push_str(&l.replace('\r', " "));
                } else {
                    out.push_str(l);
                }
            }
            out.push('\n');
        });
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
    fn list_items_continue_indented() {
        let mut out = Vec::new();
        for_each_line("€ Intro:\n- one\ncontinued\n12. two\nmore\n\nafter\tall", |l| out.push(l.to_owned()));
        assert_eq!(out, ["€ Intro:", "- one", "  continued", "12. two", "    more", "", "after    all"]);
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

//! The generated code reads as a careful person writes it, for every fixture and the customer spec: each file
//! imports what it uses, no file silences lints wholesale, and no call passes magic values across the runtime
//! boundary (suffixed status lists, fully qualified `Clone::clone`).

#[path = "support/fixtures.rs"]
mod fixtures;

macro_rules! fixture_names {
    ($($name:ident),* $(,)?) => {
        /// Every fixture, by file stem.
        const FIXTURES: &[&str] = &[$(stringify!($name)),*];
    };
}
fixtures::with_fixtures!(fixture_names);

/// Every generated file but the runtime (copied verbatim), as (label, contents).
fn generated_files() -> Vec<(String, String)> {
    let config = generator::Config {
        command: "test".into(),
        spec_label: "spec".into(),
        shared_runtime: None,
    };
    let mut specs: Vec<(String, String)> = FIXTURES.iter().map(|n| ((*n).to_owned(), fixtures::read(n))).collect();
    let customer = std::fs::read_to_string(fixtures::CUSTOMER_SPEC).expect("the customer spec");
    specs.push(("stax-customer".to_owned(), customer));
    let mut out = Vec::new();
    for (name, text) in specs {
        let files = generator::generate_str(&text, &config).unwrap_or_else(|d| panic!("{name}:\n{d}"));
        for f in files.files.into_iter().filter(|f| !f.path.starts_with("runtime/")) {
            out.push((format!("{name}: {}", f.path), f.contents));
        }
    }
    assert!(out.len() > 4 * FIXTURES.len(), "only {} files", out.len());
    out
}

#[test]
fn every_file_imports_what_it_uses_and_allows_nothing_wholesale() {
    for (label, text) in generated_files() {
        let has_code = text.lines().any(|l| !l.is_empty() && !l.starts_with("//"));
        let has_use = text.lines().any(|l| l.starts_with("use ") || l.starts_with("pub use "));
        assert!(has_use || !has_code, "{label}: no `use` line");
        assert!(!text.contains("#![allow"), "{label}: a file-wide `#![allow]`");
        for line in text.lines().filter(|l| l.contains("#[allow(")) {
            assert!(
                line.contains("reason") || text.contains("reason = "),
                "{label}: an allowance without a reason: {line}"
            );
        }
    }
}

#[test]
fn nothing_magic_crosses_the_runtime_boundary() {
    for (label, text) in generated_files() {
        for banned in ["::std::clone::Clone::clone", "super::runtime::http::Request::"] {
            assert!(!text.contains(banned), "{label}: `{banned}`");
        }
        // Status literals go across unsuffixed (`&[400, 404]`), never as `400u16`; `status: u16` is a type.
        let suffixed = text.match_indices("u16").any(|(i, _)| text[..i].ends_with(|c: char| c.is_ascii_digit()));
        assert!(!suffixed, "{label}: a suffixed `u16` literal");
        assert!(!text.contains("Some(("), "{label}: a positional tuple argument");
    }
}

#[test]
fn doc_lines_fit_in_100_columns() {
    for (label, text) in generated_files() {
        for line in text.lines().filter(|l| l.trim_start().starts_with("///") || l.trim_start().starts_with("//!")) {
            // A line may only overflow when its first word or code span alone does (a URL, a long code span):
            // then no wrapping could help.
            let indent = line.len() - line.trim_start().len() + 4;
            let text = line.trim_start()[3..].trim_start();
            let first = match text.strip_prefix('`') {
                Some(rest) => rest.find('`').map_or(text.len(), |end| end + 2),
                None => text.find(' ').unwrap_or(text.len()),
            };
            let first = first + text[first..].find(' ').unwrap_or(text.len() - first);
            let unbreakable = indent + text[..first].chars().count() > 100;
            assert!(line.chars().count() <= 100 || unbreakable, "{label}: {line}");
        }
    }
}

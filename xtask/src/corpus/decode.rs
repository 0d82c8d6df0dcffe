//! The decode program written into each generated crate (`examples/decode_examples.rs`): it deserialises every
//! mapped example into its generated type and prints one line per example. Its output is read back here and each
//! failure is classified by validating the example against its own schema.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::validate::Verdict;

/// The program's source. `checks` are (index into the examples file, Rust type).
pub fn program(checks: &[(usize, String)]) -> String {
    let mut calls = String::new();
    for (i, ty) in checks {
        let _ = writeln!(calls, "    check::<{ty}>({i}, &all[{i}]);");
    }
    format!(
        r#"//! Written by `cargo xtask corpus`: decodes each example of the spec into its generated type and prints
//! `<index>\tok` or `<index>\terr\t<message>` per example.
#![allow(clippy::all)]

fn check<T: ::serde::de::DeserializeOwned>(index: usize, value: &::serde_json::Value) {{
    // From bytes, as the client decodes response bodies.
    match ::serde_json::from_slice::<T>(value.to_string().as_bytes()) {{
        Ok(_) => println!("{{index}}\tok"),
        Err(e) => println!("{{index}}\terr\t{{}}", e.to_string().replace(['\n', '\t'], " ")),
    }}
}}

fn main() {{
    let all: Vec<::serde_json::Value> =
        ::serde_json::from_str(include_str!("decode_examples.json")).expect("the examples file is JSON");
{calls}}}
"#
    )
}

/// Reads the program's output: index to `Ok` or the decode error.
pub fn parse_output(text: &str) -> BTreeMap<usize, Result<(), String>> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let mut parts = line.splitn(3, '\t');
        let (Some(i), Some(status)) = (parts.next(), parts.next()) else {
            continue;
        };
        let Ok(i) = i.parse() else { continue };
        let result = match status {
            "ok" => Ok(()),
            _ => Err(parts.next().unwrap_or_default().to_owned()),
        };
        out.insert(i, result);
    }
    out
}

/// What became of one example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Decoded into its type.
    Decoded,
    /// Did not decode, and is invalid against its own schema (the spec's fault; allowed).
    InvalidExample { decode: String, schema: String },
    /// Did not decode although valid against its schema (or its schema could not be checked, `unchecked` says
    /// why): the generated type is wrong (fails the run).
    WrongType { decode: String, unchecked: Option<String> },
    /// No generated type to decode into (binary, no body, form-encoded, or no type found); not checked.
    Unmapped(String),
}

/// Classifies a decode result with the schema check of the same example (only consulted on failure).
pub fn classify(decoded: Result<(), String>, schema_check: impl FnOnce() -> Verdict) -> Outcome {
    match decoded {
        Ok(()) => Outcome::Decoded,
        Err(decode) => match schema_check() {
            Verdict::Valid => Outcome::WrongType { decode, unchecked: None },
            Verdict::Unchecked(why) => Outcome::WrongType { decode, unchecked: Some(why) },
            Verdict::Invalid(schema) => Outcome::InvalidExample { decode, schema },
        },
    }
}

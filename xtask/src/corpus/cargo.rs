//! Runs cargo on a generated crate with the corpus's shared target directory (dependencies are built once for every
//! crate): `cargo clippy --message-format json` counts the crate's own warnings and errors precisely, and
//! `cargo run --example decode_examples` runs the decode program.

use std::path::Path;
use std::process::Command;

use crate::bench::{cargo, tail};

/// What clippy said about one crate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    /// Warnings of the crate's own code (rustc and clippy).
    pub warnings: usize,
    /// Errors.
    pub errors: usize,
    /// The first few messages, rendered.
    pub samples: Vec<String>,
}

/// `cargo clippy` on the library of the crate at `dir`.
pub fn clippy(dir: &Path, target: &Path) -> Result<Diagnostics, String> {
    let out = Command::new(cargo())
        .args(["clippy", "--lib", "--message-format", "json"])
        .env("CARGO_TARGET_DIR", target)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run cargo clippy: {e}"))?;
    let diags = count(&String::from_utf8_lossy(&out.stdout));
    if !out.status.success() && diags.errors == 0 {
        return Err(format!("cargo clippy failed:\n{}", tail(&out.stderr, 15)));
    }
    Ok(diags)
}

/// Counts the compiler messages in cargo's JSON output. Summaries ("N warnings emitted", "aborting due to ...")
/// are not counted.
pub fn count(json_lines: &str) -> Diagnostics {
    let mut d = Diagnostics::default();
    for line in json_lines.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if v["reason"] != "compiler-message" {
            continue;
        }
        let msg = &v["message"];
        let spans_empty = msg["spans"].as_array().is_none_or(Vec::is_empty);
        let text = msg["message"].as_str().unwrap_or_default();
        if spans_empty
            && (text.contains("warning emitted")
                || text.contains("warnings emitted")
                || text.starts_with("aborting due to"))
        {
            continue;
        }
        match msg["level"].as_str() {
            Some("warning") => d.warnings += 1,
            Some("error") => d.errors += 1,
            _ => continue,
        }
        if d.samples.len() < 5 {
            d.samples.push(msg["rendered"].as_str().unwrap_or(text).trim_end().to_owned());
        }
    }
    d
}

/// Builds and runs the decode program of the crate at `dir`; returns its stdout.
pub fn run_decoder(dir: &Path, target: &Path) -> Result<String, String> {
    let out = Command::new(cargo())
        .args(["run", "--quiet", "--example", "decode_examples"])
        .env("CARGO_TARGET_DIR", target)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run cargo run: {e}"))?;
    if !out.status.success() {
        return Err(format!("the decode program failed:\n{}", tail(&out.stderr, 20)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

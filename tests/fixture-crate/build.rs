//! Unpacks the fixture snapshots (`generator/tests/snapshots/fixtures_snapshot__<name>.snap`, the one committed copy
//! of the fixtures' output) into one module per fixture under `OUT_DIR`, so building this crate compiles, and
//! clippy checks, exactly the reviewed output.
//!
//! A snapshot is insta's header (between two `---` lines), then each generated file under a `==> path <==` line,
//! then `==> warnings <==` and the warnings, as `generator/tests/fixtures_snapshot.rs` writes it. `src/lib.rs`
//! includes `OUT_DIR/fixtures.rs`, which declares each module by its absolute `#[path]`.

use std::fs;
use std::path::{Path, PathBuf};

const SNAPSHOTS: &str = "../../generator/tests/snapshots";
const PREFIX: &str = "fixtures_snapshot__";
/// The pseudo-file of a snapshot holding the `[features]` table of a spec with tags.
const FEATURES: &str = "[features]";

fn main() {
    println!("cargo::rerun-if-changed={SNAPSHOTS}");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut names = Vec::new();
    let mut features = std::collections::BTreeSet::new();
    for entry in fs::read_dir(SNAPSHOTS).unwrap_or_else(|e| panic!("{SNAPSHOTS}: {e}")) {
        let path = entry.expect("a readable directory entry").path();
        let file = path.file_name().and_then(|f| f.to_str()).unwrap_or_default();
        let Some(name) = file.strip_prefix(PREFIX).and_then(|f| f.strip_suffix(".snap")) else { continue };
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (rel, contents) in files(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())) {
            if rel == FEATURES {
                features.extend(tag_features(&contents));
            } else {
                write(&out.join(name).join(rel), &contents);
            }
        }
        names.push(name.to_owned());
    }
    // The fixtures' tag features are all on here (each alone is checked by `cargo xtask features`): declared for
    // `check-cfg` and set, as Cargo would for a crate with them in its default features.
    for feature in &features {
        println!("cargo::rustc-check-cfg=cfg(feature, values({feature:?}))");
        println!("cargo::rustc-cfg=feature={feature:?}");
    }
    names.sort();
    let mut mods = String::new();
    for name in &names {
        let path = out.join(name).join("mod.rs");
        mods.push_str(&format!("#[path = {:?}]\npub mod {name};\n", path.display().to_string()));
    }
    write(&out.join("fixtures.rs"), &mods);
}

/// The tag features a `[features]` table declares: every `name = []` line (`default` and `mock` aside).
fn tag_features(table: &str) -> Vec<String> {
    table
        .lines()
        .filter_map(|line| line.strip_suffix(" = []"))
        .map(|name| name.trim_matches('"').to_owned())
        .collect()
}

/// The generated files of a snapshot, by path relative to the fixture's module.
fn files(snapshot: &str) -> Result<Vec<(String, String)>, String> {
    let mut lines = snapshot.lines();
    if lines.next() != Some("---") || !lines.any(|l| l == "---") {
        return Err("no insta header".into());
    }
    let mut files: Vec<(String, String)> = Vec::new();
    for line in lines {
        if let Some(rel) = line.strip_prefix("==> ").and_then(|l| l.strip_suffix(" <==")) {
            if rel == "warnings" {
                return Ok(files);
            }
            files.push((rel.to_owned(), String::new()));
        } else if let Some((_, contents)) = files.last_mut() {
            contents.push_str(line);
            contents.push('\n');
        } else {
            return Err(format!("text before the first `==> path <==` line: {line}"));
        }
    }
    Err("no `==> warnings <==` line".into())
}

/// Writes `contents` unless the file already holds them (so cargo sees no change).
fn write(path: &Path, contents: &str) {
    if fs::read_to_string(path).is_ok_and(|c| c == contents) {
        return;
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    fs::write(path, contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

//! `cargo xtask semver-agree`: checks `cargo xtask diff`'s verdicts against `cargo-semver-checks` on the crates
//! generated from each pair in `tests/changes/` (or the pairs named). Not in CI: it needs the tool
//! (`cargo install cargo-semver-checks --locked`) and builds rustdoc JSON for two crates per pair.
//!
//! The rule it checks: wherever the tool finds a major change, the diff says major too; where the diff says major
//! and the tool does not, the change must be one the tool cannot see (a changed type, a field or parameter made
//! required, a tightened check), which the table shows.

use std::fs;
use std::path::Path;
use std::process::Command;

use generator::surface::diff::Bump;

/// Runs every pair (or those named in `args`) and prints a table; fails when the two disagree the wrong way.
pub fn agree(root: &Path, args: &[String]) -> Result<(), String> {
    let pairs_dir = root.join("tests/changes");
    let work = root.join("target/semver-agree");
    let mut pairs: Vec<String> = fs::read_dir(&pairs_dir)
        .map_err(|e| format!("{}: {e}", pairs_dir.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| args.is_empty() || args.contains(n))
        .collect();
    pairs.sort();
    let mut misses = Vec::new();
    println!("| pair | diff | cargo-semver-checks | verdict |\n| --- | --- | --- | --- |");
    for pair in &pairs {
        let (old, new) = (pairs_dir.join(pair).join("old.yaml"), pairs_dir.join(pair).join("new.yaml"));
        let (report, _) = crate::changes::diff_specs(&old, &new)?;
        let dir = work.join(pair);
        let _ = fs::remove_dir_all(&dir);
        for (side, spec) in [("old", &old), ("new", &new)] {
            crate::standalone(spec, &dir.join(side), Some("pets-client"))?;
        }
        let out = Command::new("cargo")
            .args(["semver-checks", "check-release", "--release-type", "minor", "--color", "never"])
            .arg("--manifest-path")
            .arg(dir.join("new/Cargo.toml"))
            .arg("--baseline-root")
            .arg(dir.join("old"))
            .env("CARGO_TARGET_DIR", work.join("target"))
            .output()
            .map_err(|e| format!("cargo semver-checks: {e} (install it with `cargo install cargo-semver-checks --locked`)"))?;
        let log = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        fs::write(dir.join("semver-checks.log"), &log).map_err(|e| e.to_string())?;
        let tool_major = !out.status.success();
        if tool_major && !log.contains("requires new major version") {
            return Err(format!("{pair}: cargo semver-checks failed:\n{log}"));
        }
        let ours_major = report.bump == Bump::Major;
        let unseen = report.changes.iter().all(|c| c.severity != Bump::Major || c.beyond_item_shape());
        let verdict = match (ours_major, tool_major) {
            (true, true) | (false, false) => "agree".to_owned(),
            (true, false) if unseen => "major: a change the tool cannot see".to_owned(),
            (true, false) => {
                misses.push(pair.clone());
                "DISAGREE: major here only".to_owned()
            }
            (false, true) => {
                misses.push(pair.clone());
                "DISAGREE: the tool finds a major change".to_owned()
            }
        };
        let tool = if tool_major { "major" } else { "not major" };
        println!("| {pair} | {} | {tool} | {verdict} |", report.bump.as_str());
    }
    if misses.is_empty() {
        Ok(())
    } else {
        Err(format!("disagreements: {} (logs in {})", misses.join(", "), work.display()))
    }
}

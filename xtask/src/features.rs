//! `cargo xtask features --spec FILE`: generates a spec's crate and runs clippy (`-D warnings`) on it with no
//! feature, with each feature alone, with the default features and with all of them, so a gate that is too narrow
//! (an item missing what it names) or too wide (an unused import, dead code) fails.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::bench::{cargo, tail};

/// One build of the crate: its name in the report and its cargo arguments.
struct Build {
    name: String,
    args: Vec<String>,
}

/// Runs the check for `--spec FILE [--only F1,F2]` (`--only` limits the single-feature builds to those named).
pub fn features(root: &Path, args: &[String]) -> Result<(), String> {
    let mut spec = None;
    let mut only: Option<Vec<String>> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--spec" => spec = it.next().map(PathBuf::from),
            "--only" => only = it.next().map(|list| list.split(',').map(str::to_owned).collect()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let spec = spec.ok_or("usage: cargo xtask features --spec FILE [--only F1,F2]")?;
    let stem = spec.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let base = root.join("target/features");
    let dir = base.join(&stem);
    let package: String = stem.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    crate::standalone(&spec, &dir, Some(&format!("features-{package}")))?;
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        // The dependency versions the workspace tests with, and no registry look-up when they are cached.
        let _ = std::fs::copy(root.join("Cargo.lock"), &lock);
    }
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).map_err(|e| format!("{}: {e}", dir.display()))?;
    let declared = declared_features(&manifest);
    let mut builds = vec![Build { name: "no features".into(), args: vec!["--no-default-features".into()] }];
    for feature in declared.iter().filter(|f| only.as_ref().is_none_or(|o| o.contains(f))) {
        let args = vec!["--no-default-features".into(), "--features".into(), feature.clone()];
        builds.push(Build { name: format!("`{feature}` alone"), args });
    }
    builds.push(Build { name: "default features".into(), args: Vec::new() });
    builds.push(Build { name: "all features".into(), args: vec!["--all-features".into()] });

    let target = base.join("target");
    let mut failed = Vec::new();
    for build in &builds {
        let start = Instant::now();
        let out = Command::new(cargo())
            .args(["clippy", "--quiet", "--message-format", "short"])
            .args(&build.args)
            .args(["--", "-D", "warnings"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", &target)
            // Each feature set is a different crate to rustc: an incremental cache would only be thrown away.
            .env("CARGO_INCREMENTAL", "0")
            .output()
            .map_err(|e| format!("cannot run cargo clippy: {e}"))?;
        let secs = start.elapsed().as_secs_f64();
        if out.status.success() {
            eprintln!("features: {stem}: {}: ok ({secs:.1} s)", build.name);
        } else {
            eprintln!("features: {stem}: {}: FAILED ({secs:.1} s)\n{}", build.name, tail(&out.stderr, 30));
            failed.push(build.name.clone());
        }
    }
    match failed.is_empty() {
        true => Ok(()),
        false => Err(format!("{stem}: clippy -D warnings failed with {}", failed.join(", "))),
    }
}

/// The features a generated `Cargo.toml` declares besides `default` and `mock` (the tags' and
/// `standalone-types`), in order.
pub fn declared_features(manifest: &str) -> Vec<String> {
    let Some((_, table)) = manifest.split_once("\n[features]\n") else { return Vec::new() };
    table
        .lines()
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.strip_suffix(" = []"))
        .map(|name| name.trim_matches('"').to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::declared_features;

    #[test]
    fn the_tag_features_of_a_manifest() {
        let manifest = "[package]\nname = \"x\"\n\n[features]\ndefault = [\"a-b\", \"c\"]\n# Operations tagged `A b`.\n\
                        a-b = []\n\"über\" = []\nmock = [\"dep:wiremock\"]\n\n[workspace]\n";
        assert_eq!(declared_features(manifest), ["a-b", "über"]);
    }
}

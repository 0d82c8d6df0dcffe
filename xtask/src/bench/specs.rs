//! The benchmarked specs: the customer spec, the `openapiv3` crate's Stripe fixture and GitHub's description from npm.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{cargo, tail};

/// The npm package that holds GitHub's OpenAPI description, pinned so figures stay comparable.
pub const GITHUB_PACKAGE: &str = "@octokit/openapi@23.0.2";
/// The description inside that package.
const GITHUB_FILE: &str = "package/generated/api.github.com.json";

/// One benchmarked spec.
#[derive(Clone, Debug)]
pub struct SpecSource {
    /// Short name used in tables and crate names.
    pub name: String,
    /// The file, or why it is not available.
    pub path: Result<PathBuf, String>,
}

/// The specs to benchmark; with `quick`, GitHub's is left out.
pub fn locate(root: &Path, bench_dir: &Path, quick: bool) -> Vec<SpecSource> {
    let mut specs = vec![
        SpecSource { name: "stax-customer".into(), path: Ok(root.join(crate::SPEC)) },
        SpecSource { name: "stripe".into(), path: stripe(root) },
    ];
    if !quick {
        specs.push(SpecSource { name: "github".into(), path: github(bench_dir) });
    }
    specs
}

/// `fixtures/stripe.yaml` of the `openapiv3` package the generator depends on.
fn stripe(root: &Path) -> Result<PathBuf, String> {
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
    let path = Path::new(manifest).with_file_name("fixtures").join("stripe.yaml");
    if path.is_file() { Ok(path) } else { Err(format!("{} does not exist", path.display())) }
}

/// GitHub's description, fetched with `npm pack` into `bench_dir/github/` unless already there.
fn github(bench_dir: &Path) -> Result<PathBuf, String> {
    let dir = bench_dir.join("github");
    let path = dir.join(GITHUB_FILE);
    if path.is_file() {
        return Ok(path);
    }
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    eprintln!("bench: fetching {GITHUB_PACKAGE} with npm");
    let out = Command::new("npm")
        .args(["pack", GITHUB_PACKAGE, "--silent", "--pack-destination"])
        .arg(&dir)
        .current_dir(&dir)
        .output()
        .map_err(|e| format!("skipped: npm is not available ({e})"))?;
    if !out.status.success() {
        return Err(format!("skipped: `npm pack {GITHUB_PACKAGE}` failed:\n{}", tail(&out.stderr, 5)));
    }
    let tarball = String::from_utf8_lossy(&out.stdout).lines().last().unwrap_or_default().trim().to_owned();
    let tarball = dir.join(tarball);
    let status = Command::new("tar")
        .arg("-xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(&dir)
        .arg(GITHUB_FILE)
        .status()
        .map_err(|e| format!("skipped: cannot run tar: {e}"))?;
    if !status.success() || !path.is_file() {
        return Err(format!("skipped: cannot extract {GITHUB_FILE} from {}", tarball.display()));
    }
    let _ = fs::remove_file(&tarball);
    Ok(path)
}

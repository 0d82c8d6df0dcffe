//! The xtask's work as a library, so tests can run the same check as `cargo xtask codegen --check`.

pub mod bench;
pub mod changes;
pub mod corpus;
pub mod features;
pub mod semver;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The spec the repository's client is generated from, relative to the workspace root.
pub const SPEC: &str = "spec/stax-customer.yaml";
/// Where the generated modules go, relative to the workspace root.
pub const OUT: &str = "generated-client/src/generated";
/// The command that regenerates.
pub const COMMAND: &str = "cargo xtask codegen";

/// What a run did: lines for stdout and the generator's warnings.
#[derive(Debug, Default)]
pub struct Report {
    /// What was written, deleted or found current.
    pub lines: Vec<String>,
    /// Generator warnings (each names a JSON pointer).
    pub warnings: Vec<String>,
    /// How the crate's API changed, when it had a listing before.
    pub api: Option<generator::surface::diff::Report>,
    /// The crate's version (after `--bump`, the new one).
    pub version: Option<String>,
    /// Whether `--bump` changed the version.
    pub bumped: bool,
}

/// What `cargo xtask codegen` is asked to do.
#[derive(Clone, Copy, Debug, Default)]
pub struct Mode {
    /// Compare only, and fail on drift.
    pub check: bool,
    /// Apply the change report's bump: the crate's version and a `CHANGELOG.md` section.
    pub bump: bool,
}

/// The generated client crate, relative to the workspace root (its `api.txt`, `Cargo.toml`, `CHANGELOG.md`).
pub const CLIENT_CRATE: &str = "generated-client";

/// The workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Regenerates `generated-client/src/generated/` from `spec/`, or with `check` only compares and fails on drift.
/// (The fixtures' output is locked by insta snapshots instead: `generator/tests/fixtures_snapshot.rs`.)
pub fn codegen(root: &Path, check: bool) -> Result<Report, String> {
    codegen_with(root, Mode { check, bump: false })
}

/// [`codegen`], with `--bump`: prints (in the report) how the API changed and applies the version bump.
pub fn codegen_with(root: &Path, mode: Mode) -> Result<Report, String> {
    let check = mode.check;
    let crate_dir = root.join(CLIENT_CRATE);
    let listing_path = crate_dir.join("api.txt");
    let old_listing = fs::read_to_string(&listing_path).ok();
    let spec_path = root.join(SPEC);
    let text = fs::read_to_string(&spec_path).map_err(|e| format!("{}: {e}", spec_path.display()))?;
    let config = generator::Config { command: COMMAND.into(), spec_label: SPEC.into(), shared_runtime: None };
    let files = generator::generate_str(&text, &config).map_err(|d| format!("{SPEC}:\n{d}"))?;
    let warnings = files.warnings.iter().map(ToString::to_string).collect();
    let wanted: Vec<(String, String)> = files.files.into_iter().map(|f| (f.path, f.contents)).collect();
    let mut report = sync(&root.join(OUT), &wanted, check)?;
    report.warnings = warnings;
    let code_changed = !report.lines.is_empty();
    // The API listing is generated output too, kept current beside the code.
    if old_listing.as_deref() != Some(files.listing.as_str()) {
        let what = status(old_listing.is_some(), check);
        report.lines.push(format!("{what}: {}", listing_path.display()));
    }
    // The crate's manifest is written by hand, so it is only compared: it must declare the spec's features.
    let manifest_path = crate_dir.join("Cargo.toml");
    let manifest = fs::read_to_string(&manifest_path).map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let missing: Vec<&str> =
        files.features.lines().filter(|l| !l.starts_with('#') && !manifest.lines().any(|m| m == *l)).collect();
    if !missing.is_empty() {
        return Err(format!(
            "{} must declare the features of {SPEC} in `[features]`; missing:\n  {}",
            manifest_path.display(),
            missing.join("\n  ")
        ));
    }
    if check && !report.lines.is_empty() {
        return Err(format!(
            "generated code is stale relative to {SPEC}:\n  {}\nrun `{COMMAND}` and commit the result",
            report.lines.join("\n  ")
        ));
    }
    if !check {
        // The listing is the "before" of the next report: it is written only once the bump (if any) is applied.
        finish_report(&mut report, &crate_dir, old_listing.as_deref(), &files.listing, code_changed, mode.bump)?;
        if old_listing.as_deref() != Some(files.listing.as_str()) {
            fs::write(&listing_path, &files.listing).map_err(|e| format!("{}: {e}", listing_path.display()))?;
        }
    }
    Ok(report)
}

/// Adds the change report and the crate's version to `report`, and with `bump` applies the bump.
fn finish_report(
    report: &mut Report,
    crate_dir: &Path,
    old_listing: Option<&str>,
    listing: &str,
    code_changed: bool,
    bump: bool,
) -> Result<(), String> {
    report.version = fs::read_to_string(crate_dir.join("Cargo.toml")).ok().and_then(|m| changes::package_version(&m));
    report.api = changes::after_regeneration(old_listing, listing, code_changed);
    if bump && let Some(api) = &report.api && let Some(new) = changes::apply_bump(crate_dir, api)? {
        report.version = Some(new);
        report.bumped = true;
    }
    Ok(())
}

/// Generates a standalone crate from any spec into `out`.
pub fn standalone(spec: &Path, out: &Path, name: Option<&str>) -> Result<Report, String> {
    standalone_with(spec, out, name, false)
}

/// [`standalone`], with `--bump` (see [`codegen_with`]). A crate regenerated in place keeps its version.
pub fn standalone_with(spec: &Path, out: &Path, name: Option<&str>, bump: bool) -> Result<Report, String> {
    let old_listing = fs::read_to_string(out.join("api.txt")).ok();
    let old_version = fs::read_to_string(out.join("Cargo.toml")).ok().and_then(|m| changes::package_version(&m));
    let text = fs::read_to_string(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let label = spec.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let command = format!("{COMMAND} --spec {label}");
    let config = generator::Config { command, spec_label: label.clone(), shared_runtime: None };
    let files = generator::generate_crate_str(&text, &config, name).map_err(|d| format!("{label}:\n{d}"))?;
    let warnings = files.warnings.iter().map(ToString::to_string).collect();
    let wanted: Vec<(String, String)> = files
        .files
        .into_iter()
        .map(|f| match (f.path.as_str(), &old_version) {
            ("Cargo.toml", Some(v)) => (f.path, changes::with_version(&f.contents, v)),
            _ => (f.path, f.contents),
        })
        .collect();
    let mut report = sync(out, &wanted, false)?;
    report.warnings = warnings;
    let code_changed = report.lines.iter().any(|l| !l.ends_with("api.txt"));
    finish_report(&mut report, out, old_listing.as_deref(), &files.listing, code_changed, bump)?;
    Ok(report)
}

/// How a generated file that differs from what is wanted is reported: by whether it exists, and whether this is
/// a check (which writes nothing) or a write.
fn status(exists: bool, check: bool) -> &'static str {
    match (exists, check) {
        (true, true) => "differs",
        (false, true) => "missing",
        (true, false) => "updated",
        (false, false) => "created",
    }
}

/// Makes `dir` hold exactly `wanted`: writes changed files, deletes generated files no longer produced.
/// With `check`, writes nothing and reports what differs.
pub(crate) fn sync(dir: &Path, wanted: &[(String, String)], check: bool) -> Result<Report, String> {
    let mut report = Report::default();
    let mut keep = BTreeSet::new();
    for (rel, contents) in wanted {
        let path = dir.join(rel);
        keep.insert(path.clone());
        let current = fs::read_to_string(&path).ok();
        if current.as_deref() == Some(contents.as_str()) {
            continue;
        }
        let what = status(current.is_some(), check);
        report.lines.push(format!("{what}: {}", path.display()));
        if !check {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    for stale in generated_files(dir) {
        if !keep.contains(&stale) {
            report.lines.push(format!("{}: {}", if check { "stale" } else { "deleted" }, stale.display()));
            if !check {
                fs::remove_file(&stale).map_err(|e| format!("{}: {e}", stale.display()))?;
            }
        }
    }
    Ok(report)
}

/// Files under `dir` that carry this generator's `@generated` header (hand-written files are never touched, nor
/// files other tools mark as generated, such as `Cargo.lock`).
fn generated_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n == "target") {
                    continue;
                }
                stack.push(p);
            } else if fs::read_to_string(&p).is_ok_and(|t| {
                t.lines()
                    .next()
                    .is_some_and(|l| l.starts_with("// @generated by `") || l.starts_with("# @generated by `"))
            }) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

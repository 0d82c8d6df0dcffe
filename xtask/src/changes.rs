//! Spec changes seen from downstream: the change report printed when regenerating changes a crate's API, the
//! version bump and changelog section `--bump` writes, and `cargo xtask diff OLD NEW`.

use std::fs;
use std::path::Path;

use generator::surface::diff::{Bump, Change, Report, diff, next_version};
use generator::surface::parse_listing;

/// The report from the listing committed before (`old`, if there was one) to the one just generated.
/// A listing from a generator that wrote another format is not compared (every entry would look added).
pub fn after_regeneration(old: Option<&str>, new: &str, code_changed: bool) -> Option<Report> {
    let old = old.filter(|o| o.starts_with(generator::surface::LISTING_HEADER))?;
    Some(diff(&parse_listing(old), &parse_listing(new), code_changed))
}

/// The report as printed after `cargo xtask codegen`, with the version it suggests.
pub fn describe(report: &Report, version: Option<&str>) -> Vec<String> {
    let mut lines = vec!["API changes:".to_owned()];
    lines.extend(report.text().lines().map(|l| format!("  {l}")));
    if let Some(v) = version
        && let Some(next) = next_version(v, report.bump)
    {
        lines.push(format!("  suggested version: {v} -> {next} (`cargo xtask codegen --bump` applies it)"));
    }
    lines
}

/// The `version = "x.y.z"` of a manifest's `[package]` (not one inherited from the workspace).
pub fn package_version(manifest: &str) -> Option<String> {
    let line = manifest.lines().nth(package_version_line(manifest)?)?;
    let value = line.split_once('=')?.1.trim();
    let value = value.strip_prefix('"')?;
    Some(value[..value.find('"')?].to_owned())
}

/// The index of the `version = ..` line of `[package]`.
fn package_version_line(manifest: &str) -> Option<usize> {
    let mut in_package = false;
    for (i, line) in manifest.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            in_package = t == "[package]";
        } else if in_package && t.split_once('=').is_some_and(|(k, _)| k.trim() == "version") {
            return Some(i);
        }
    }
    None
}

/// `manifest` with its package version set to `version` (only that line changes).
pub fn with_version(manifest: &str, version: &str) -> String {
    let Some(at) = package_version_line(manifest) else { return manifest.to_owned() };
    let mut out: Vec<String> = manifest.lines().map(str::to_owned).collect();
    out[at] = format!("version = \"{version}\"");
    let mut text = out.join("\n");
    if manifest.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// Applies a report's bump to the crate in `dir`: its `Cargo.toml` version and a new section at the top of its
/// `CHANGELOG.md`. Returns the new version, or `None` when there is nothing to bump.
pub fn apply_bump(dir: &Path, report: &Report) -> Result<Option<String>, String> {
    if report.bump == Bump::None {
        return Ok(None);
    }
    let manifest_path = dir.join("Cargo.toml");
    let manifest = fs::read_to_string(&manifest_path).map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let old = package_version(&manifest).ok_or_else(|| format!("{}: no package version", manifest_path.display()))?;
    let new = next_version(&old, report.bump).ok_or_else(|| format!("{}: version {old} is not x.y.z", manifest_path.display()))?;
    fs::write(&manifest_path, with_version(&manifest, &new)).map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let log_path = dir.join("CHANGELOG.md");
    let log = fs::read_to_string(&log_path).unwrap_or_default();
    fs::write(&log_path, with_section(&log, &new, &today(), report)).map_err(|e| format!("{}: {e}", log_path.display()))?;
    Ok(Some(new))
}

/// `log` with a Keep a Changelog section for `version` first (after the title and its introduction).
pub fn with_section(log: &str, version: &str, date: &str, report: &Report) -> String {
    let mut section = format!("## [{version}] - {date}\n");
    for (heading, wanted) in [("Added", "added"), ("Changed", "changed"), ("Removed", "removed")] {
        let items: Vec<&Change> = report.changes.iter().filter(|c| group(c) == wanted).collect();
        if items.is_empty() {
            continue;
        }
        section.push_str(&format!("\n### {heading}\n\n"));
        for c in items {
            let breaking = if c.severity == Bump::Major { "**Breaking:** " } else { "" };
            section.push_str(&format!("- {breaking}`{}`: {} ({}; `{}`)\n", c.item, c.change, c.rule, c.pointer));
        }
    }
    const TITLE: &str = "# Changelog\n\nAll notable changes to this crate; each section is written by `cargo xtask codegen --bump` from the spec change.\n";
    if log.trim().is_empty() {
        return format!("{TITLE}\n{section}");
    }
    // The new release goes before the first release section (after the title, its introduction and an
    // `Unreleased` section, if any), whoever wrote the file.
    let lines: Vec<&str> = log.lines().collect();
    let first_release = lines
        .iter()
        .position(|l| l.starts_with("## ") && !l.to_ascii_lowercase().contains("unreleased"))
        .unwrap_or(lines.len());
    let (head, tail) = lines.split_at(first_release);
    let head = head.join("\n");
    let tail = tail.join("\n");
    format!("{}\n\n{section}\n{tail}", head.trim_end()).trim_end().to_owned() + "\n"
}

/// Keep a Changelog's group for a change.
fn group(c: &Change) -> &'static str {
    if c.change.starts_with("added ") {
        "added"
    } else if c.change.starts_with("removed ") {
        "removed"
    } else {
        "changed"
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`.
fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    // Days to civil date (Howard Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// How `cargo xtask diff` prints its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

/// Compares two specs without writing anything: both are generated in memory under one label, their API listings
/// compared, and their files compared to tell a documentation-only change (patch) from none.
pub fn diff_specs(old: &Path, new: &Path) -> Result<(Report, Vec<String>), String> {
    let generate = |path: &Path| {
        let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let config = generator::Config { command: "cargo xtask diff".into(), spec_label: "spec".into(), shared_runtime: None };
        generator::generate_str(&text, &config).map_err(|d| format!("{}:\n{d}", path.display()))
    };
    let (a, b) = (generate(old)?, generate(new)?);
    let warnings = b.warnings.iter().map(ToString::to_string).collect();
    let files = |f: &generator::GeneratedFiles| -> Vec<(String, String)> {
        f.files.iter().map(|f| (f.path.clone(), f.contents.clone())).collect()
    };
    let code_changed = files(&a) != files(&b);
    Ok((diff(&parse_listing(&a.listing), &parse_listing(&b.listing), code_changed), warnings))
}

/// The report in `format`.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Text => report.text(),
        Format::Markdown => report.markdown(),
        Format::Json => format!("{:#}\n", report.json()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_and_set_in_the_package_section() {
        let manifest = "[package]\nname = \"x\"\nversion = \"0.3.1\"\n\n[dependencies]\nserde = { version = \"1\" }\n";
        assert_eq!(package_version(manifest).as_deref(), Some("0.3.1"));
        assert_eq!(package_version(&with_version(manifest, "0.4.0")).as_deref(), Some("0.4.0"));
        assert!(with_version(manifest, "0.4.0").contains("serde = { version = \"1\" }"));
    }

    #[test]
    fn sections_go_on_top_with_breaking_changes_marked() {
        let change = |severity, change: &str| Change {
            severity,
            item: "A.b".into(),
            change: change.into(),
            pointer: "#/components/schemas/A".into(),
            rule: "why",
        };
        let report = Report { bump: Bump::Major, changes: vec![change(Bump::Major, "`String` -> `i64`"), change(Bump::Minor, "added `A.c`")] };
        let first = with_section("", "0.2.0", "2026-12-03", &report);
        assert!(first.starts_with("# Changelog\n"));
        assert!(first.contains("## [0.2.0] - 2026-12-03\n\n### Added\n\n- `A.b`: added `A.c`"));
        assert!(first.contains("### Changed\n\n- **Breaking:** `A.b`: `String` -> `i64`"));
        let second = with_section(&first, "0.3.0", "2026-12-04", &report);
        let (newer, older) = (second.find("[0.3.0]").unwrap_or(usize::MAX), second.find("[0.2.0]").unwrap_or(0));
        assert!(newer < older, "{second}");
        assert_eq!(second.matches("# Changelog").count(), 1);
        // A hand-written changelog keeps its own title and `Unreleased` section above the new release.
        let own = "# History\r\n\nOurs.\n\n## [Unreleased]\n\n- work\n\n## [0.1.0] - 2026-01-01\n\n- first\n";
        let third = with_section(own, "0.2.0", "2026-12-03", &report);
        assert!(third.starts_with("# History"), "{third}");
        let at = |s: &str| third.find(s).unwrap_or(usize::MAX);
        assert!(at("[Unreleased]") < at("[0.2.0]") && at("[0.2.0]") < at("[0.1.0]"), "{third}");
    }

    #[test]
    fn only_the_package_version_is_read_or_changed() {
        let manifest = "[workspace.package]\nversion = \"9.9.9\"\n\n[package]\nname = \"x\"\nversion = \"0.3.1\" # ours\n";
        assert_eq!(package_version(manifest).as_deref(), Some("0.3.1"));
        let bumped = with_version(manifest, "0.4.0");
        assert!(bumped.contains("version = \"9.9.9\"") && bumped.contains("version = \"0.4.0\""), "{bumped}");
        assert_eq!(package_version("[package]\nversion.workspace = true\n"), None);
    }
}

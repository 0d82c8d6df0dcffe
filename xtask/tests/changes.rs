//! Spec changes seen from downstream: every pair in `tests/changes/<kind>/` (old.yaml, new.yaml, expected) gets
//! its expected SemVer class from `cargo xtask diff`, every change names its item and spec pointer, and a
//! standalone crate regenerated with `--bump` gets its new version and changelog section.

use std::fs;
use std::path::{Path, PathBuf};

use generator::surface::diff::Bump;
use xtask::changes::{Format, diff_specs, render};

fn pairs() -> Vec<PathBuf> {
    let dir = xtask::workspace_root().join("tests/changes");
    let mut pairs: Vec<PathBuf> = fs::read_dir(&dir).expect("tests/changes").flatten().map(|e| e.path()).collect();
    pairs.sort();
    pairs
}

#[test]
fn every_kind_of_change_gets_its_class() {
    let pairs = pairs();
    assert!(pairs.len() >= 15, "only {} pairs", pairs.len());
    let mut wrong = Vec::new();
    for pair in &pairs {
        let expected = fs::read_to_string(pair.join("expected")).expect("expected");
        let expected = Bump::parse(expected.trim()).expect("a class");
        let (report, _) = diff_specs(&pair.join("old.yaml"), &pair.join("new.yaml")).expect("both generate");
        if report.bump != expected {
            wrong.push(format!("{}: {} (expected {})\n{}", name(pair), report.bump.as_str(), expected.as_str(), report.text()));
        }
        for c in &report.changes {
            assert!(!c.item.is_empty() && c.pointer.starts_with('#'), "{}: {c:?}", name(pair));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_json_report_names_item_change_and_pointer() {
    let pair = xtask::workspace_root().join("tests/changes/field_type_changed");
    let (report, _) = diff_specs(&pair.join("old.yaml"), &pair.join("new.yaml")).expect("both generate");
    let json: serde_json::Value = serde_json::from_str(&render(&report, Format::Json)).expect("json");
    assert_eq!(json["bump"], "major");
    let change = &json["changes"][0];
    assert_eq!(change["severity"], "major");
    assert_eq!(change["item"], "Pet.tag");
    assert_eq!(change["change"], "`Option<String>` -> `Option<i64>`");
    assert_eq!(change["pointer"], "#/components/schemas/Pet/properties/tag");
    assert!(render(&report, Format::Markdown).contains("| **major** | `Pet.tag` |"));
}

#[test]
fn a_standalone_crate_is_bumped_and_keeps_its_version_otherwise() {
    let dir = std::env::temp_dir().join(format!("xtask-bump-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let pair = xtask::workspace_root().join("tests/changes");
    let out = dir.join("pets");
    let spec = dir.join("pets.yaml");
    fs::create_dir_all(&dir).unwrap();
    let generate = |from: &Path, bump: bool| {
        fs::copy(from, &spec).unwrap();
        xtask::standalone_with(&spec, &out, None, bump).expect("generates")
    };
    let first = generate(&pair.join("field_type_changed/old.yaml"), false);
    assert!(first.api.is_none(), "a first generation has nothing to compare with");
    assert!(fs::read_to_string(out.join("api.txt")).unwrap().contains("Pet.tag: Option<String>  field  [max_length 10]"));

    let changed = generate(&pair.join("field_type_changed/new.yaml"), true);
    let api = changed.api.expect("a report");
    assert_eq!(api.bump, Bump::Major);
    assert!(changed.bumped);
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("version = \"0.2.0\""), "{manifest}");
    let log = fs::read_to_string(out.join("CHANGELOG.md")).unwrap();
    assert!(log.contains("## [0.2.0]") && log.contains("**Breaking:** `Pet.tag`"), "{log}");

    // Regenerating without a change keeps the bumped version and reports nothing.
    let again = generate(&pair.join("field_type_changed/new.yaml"), true);
    assert!(again.api.is_some_and(|a| a.bump == Bump::None));
    assert!(fs::read_to_string(out.join("Cargo.toml")).unwrap().contains("version = \"0.2.0\""));
    let _ = fs::remove_dir_all(&dir);
}

fn name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

#[test]
fn the_committed_listing_is_sorted_line_by_line() {
    let text = fs::read_to_string(xtask::workspace_root().join("generated-client/api.txt")).expect("api.txt");
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(lines.len() > 100, "{} lines", lines.len());
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "api.txt is not sorted");
    assert!(lines.iter().any(|l| l.starts_with("CustomerUpdate.phone: Option<String>  field")));
}

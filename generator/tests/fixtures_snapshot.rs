//! Insta snapshots of the generator's output for the one-feature fixture specs in `tests/fixtures/`, the warnings
//! each fixture is meant to produce, and determinism.
//!
//! The snapshots are the one committed copy of the fixtures' output. Each `snapshots/fixtures_snapshot__<name>.snap`
//! holds every file generated for the fixture (`mod.rs`, `types.rs`, `client.rs`, `error.rs`, or the module files of
//! a split spec) under a `==> path <==` line, then its warnings under `==> warnings <==`. The runtime is not shown:
//! the fixtures use a shared copy (`Config::shared_runtime`), the one in `generator/runtime/`.
//! `tests/fixture-crate/build.rs` unpacks these files into one module per fixture, which the workspace builds and
//! clippy checks, so every snapshot is known to be valid, warning-free Rust (and the end-to-end tests call the
//! fixtures' clients through that crate). These tests live in the generator's package, which does not depend on
//! the fixture crate, so output that does not compile can still be re-snapshotted once the generator is fixed.
//! The snapshots, not the fixture crate's sources, are the copy kept because insta locks and reviews them, and
//! unpacking them proves they compile as well as committed sources would (ARCHITECTURE.md, "Testing").
//!
//! After a generator change, update with `INSTA_UPDATE=always cargo test -p generator --test fixtures_snapshot
//! --test ir_snapshot` (or `cargo insta review`) and read the diff.

#[path = "support/fixtures.rs"]
mod fixtures;

use serde_json::Value;

/// The command that regenerates the snapshots (written into each file's `@generated` header).
const UPDATE: &str = "INSTA_UPDATE=always cargo test -p generator --test fixtures_snapshot";

macro_rules! fixture_names {
    ($($name:ident),* $(,)?) => {
        /// Every fixture, by file stem, sorted.
        const FIXTURES: &[&str] = &[$(stringify!($name)),*];
    };
}
fixtures::with_fixtures!(fixture_names);

/// Fixtures that are meant to produce warnings, with a fragment of each expected message.
const INTENDED_WARNINGS: &[(&str, &[&str])] = &[
    (
        "big_numbers_31",
        &[
            "#/paths/~1numbers/get/parameters/0/schema/maximum: maximum 9223372036854776000 cannot apply",
            "#/components/schemas/Numbers/properties/big/maximum: maximum 9223372036854776000 cannot apply",
            "#/components/schemas/Numbers/properties/huge/maximum: maximum 1e+30 cannot apply",
            "#/components/schemas/Numbers/properties/label/maxLength: maxLength 1.8446744073709552e+19 is not a length",
        ],
    ),
    ("method_shapes", &["x-pagination ignored: the operation takes a request body"]),
    ("naming", &["duplicate operationId getUser; named from method and path"]),
    ("nullable_31", &["prefixItems"]),
    (
        "required_self_ref",
        &["#/components/schemas/TreeNode/properties/parent: required property `parent` leads back to `TreeNode`", "#/components/schemas/Wife/properties/husband: required property `husband` leads back to `Wife`"],
    ),
    ("security_no_requirement", &["security schemes are declared but no requirement uses them"]),
    ("security_31", &["mutualTLS is not sent by the client", "unknown variant `carrierPigeon`"]),
    ("unions", &["`not` is not modelled"]),
];

/// The snapshot text of one fixture: each generated file under a `==> path <==` line (in path order), the
/// `[features]` table of a spec with tags, then the warnings. `tests/fixture-crate/build.rs` reads this format back.
fn rendered(name: &str) -> String {
    let config = generator::Config {
        command: UPDATE.into(),
        spec_label: format!("tests/fixtures/{name}.yaml"),
        shared_runtime: Some("crate::runtime".into()),
    };
    let out = generator::generate_str(&fixtures::read(name), &config).unwrap_or_else(|d| panic!("{name}:\n{d}"));
    let mut text = String::new();
    for file in &out.files {
        text.push_str(&format!("==> {} <==\n{}\n", file.path, file.contents));
    }
    // A spec with tags has cargo features: the `[features]` table its crate declares.
    if out.features.contains("default = ") {
        text.push_str(&format!("==> [features] <==\n{}\n", out.features));
    }
    text.push_str("==> warnings <==\n");
    for w in &out.warnings {
        text.push_str(&format!("{w}\n"));
    }
    text
}

macro_rules! fixture_snapshots {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let output = rendered(stringify!($name));
                insta::assert_snapshot!(stringify!($name), output);
            }
        )*
    };
}

fixtures::with_fixtures!(fixture_snapshots);

#[test]
fn every_fixture_is_listed() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures::dir())
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".yaml").map(str::to_owned))
        .collect();
    on_disk.sort();
    assert_eq!(on_disk, FIXTURES, "`with_fixtures!` in generator/tests/support/fixtures.rs must name every tests/fixtures/*.yaml");
}

#[test]
fn fixtures_lower_without_unintended_warnings() {
    for name in FIXTURES {
        let spec = generator::parse(&fixtures::read(name)).unwrap_or_else(|d| panic!("{name}:\n{d}"));
        let (_, lowered) = generator::lower(&spec).unwrap_or_else(|d| panic!("{name}:\n{d}"));
        let warnings: Vec<String> = spec.warnings.warnings().chain(lowered.warnings()).map(ToString::to_string).collect();
        let expected = INTENDED_WARNINGS.iter().find(|(n, _)| n == name).map(|(_, w)| *w).unwrap_or_default();
        assert_eq!(warnings.len(), expected.len(), "{name}: unexpected warnings:\n{}", warnings.join("\n"));
        for (got, want) in warnings.iter().zip(expected) {
            assert!(got.contains(want), "{name}: warning {got:?} does not mention {want:?}");
        }
    }
}

fn generate_all(text: &str) -> Vec<(String, String)> {
    let config = generator::Config::default();
    let out = generator::generate_str(text, &config).unwrap_or_else(|d| panic!("{d}"));
    out.files.into_iter().map(|f| (f.path, f.contents)).collect()
}

/// Reverses the entries of the object at `pointer`.
fn reverse_object(doc: &mut Value, pointer: &str) {
    let Some(Value::Object(map)) = doc.pointer_mut(pointer) else { panic!("no object at {pointer}") };
    let entries: Vec<(String, Value)> = std::mem::take(map).into_iter().rev().collect();
    map.extend(entries);
}

#[test]
fn output_is_deterministic() {
    let text = std::fs::read_to_string(fixtures::CUSTOMER_SPEC).expect("spec/stax-customer.yaml");
    let first = generate_all(&text);
    assert_eq!(first, generate_all(&text), "two runs on the same spec differ");

    let mut doc: Value = serde_yaml::from_str(&text).expect("the spec is YAML");
    let original_paths: Vec<String> = doc["paths"].as_object().expect("paths").keys().cloned().collect();
    reverse_object(&mut doc, "/paths");
    reverse_object(&mut doc, "/components/schemas");
    let reordered: Vec<String> = doc["paths"].as_object().expect("paths").keys().cloned().collect();
    assert_ne!(original_paths, reordered, "the spec should have several paths, so reversing changes the order");
    let json = serde_json::to_string_pretty(&doc).expect("serialises");
    let shuffled = generate_all(&json);
    assert_eq!(first.len(), shuffled.len());
    for ((path, a), (_, b)) in first.iter().zip(&shuffled) {
        assert!(a == b, "{path} differs when paths and schemas are listed in reverse order");
    }
}

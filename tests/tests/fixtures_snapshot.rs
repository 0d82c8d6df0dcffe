//! Snapshots of the generator's output for the one-feature fixture specs in `tests/fixtures/`, plus determinism.
//!
//! Each snapshot holds `mod.rs`, `types.rs`, `client.rs` and `error.rs` (not the runtime, which is copied verbatim)
//! and the warnings. The same fixtures are generated into `tests/fixture-crate/` by `cargo xtask codegen`,
//! which the workspace build compiles, so every snapshot here is known to be valid, warning-free Rust.
//! Update snapshots with `INSTA_UPDATE=always cargo test -p integration-tests --test fixtures_snapshot`
//! (or `cargo insta review`) and read the diff.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Every fixture, by file stem. A fixture missing from this list fails [`every_fixture_is_listed`].
const FIXTURES: &[&str] = &[
    "all_of",
    "all_of_annotations",
    "big_numbers_31",
    "checked_update",
    "checked_with_params",
    "collisions",
    "content_types",
    "deprecated",
    "discriminator",
    "enums",
    "enums_const_default",
    "error_bodies",
    "files",
    "files_31",
    "formats",
    "idempotency",
    "keywords",
    "maps_and_arrays",
    "method_shapes",
    "multi_status",
    "naming",
    "non_identifiers",
    "nullable",
    "nullable_31",
    "optional",
    "optional_nullable",
    "pagination",
    "param_styles",
    "path_query_params",
    "percent_encoded_refs",
    "read_write_only",
    "recursion",
    "refs",
    "required_self_ref",
    "responses_optional_31",
    "security_31",
    "security_no_requirement",
    "security_schemes",
    "servers_security",
    "split_modules",
    "unions",
    "validation",
];

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

/// The generated files a snapshot shows, in this order.
const SNAPSHOT_FILES: &[&str] = &["mod.rs", "types.rs", "client.rs", "error.rs"];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn read_fixture(name: &str) -> String {
    let path = fixtures_dir().join(format!("{name}.yaml"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn config(name: &str) -> generator::Config {
    generator::Config {
        command: "cargo xtask codegen".into(),
        spec_label: format!("tests/fixtures/{name}.yaml"),
        shared_runtime: None,
    }
}

/// The snapshot text of one fixture: each shown file under a `==> name <==` line, then the warnings.
fn rendered(name: &str) -> String {
    let out = generator::generate_str(&read_fixture(name), &config(name)).unwrap_or_else(|d| panic!("{name}:\n{d}"));
    let mut text = String::new();
    // A spec big enough to be split into modules shows every module file instead, in path order.
    let split = out.get("types.rs").is_none();
    let shown: Vec<&str> = if split {
        out.files.iter().map(|f| f.path.as_str()).filter(|p| !p.starts_with("runtime/")).collect()
    } else {
        SNAPSHOT_FILES.to_vec()
    };
    for file in shown {
        let contents = out.get(file).unwrap_or_else(|| panic!("{name}: no {file} generated"));
        text.push_str(&format!("==> {file} <==\n{contents}\n"));
    }
    text.push_str("==> warnings <==\n");
    for w in &out.warnings {
        text.push_str(&format!("{w}\n"));
    }
    text
}

fn check(name: &str) {
    insta::assert_snapshot!(name, rendered(name));
}

macro_rules! fixture_snapshots {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check(stringify!($name));
            }
        )*
    };
}

fixture_snapshots!(
    all_of,
    all_of_annotations,
    big_numbers_31,
    checked_update,
    checked_with_params,
    content_types,
    deprecated,
    discriminator,
    enums,
    // `default` values are only documented (`Default when absent`); fields stay `Option`s the server fills in.
    enums_const_default,
    // Knowingly wrong: `NotFoundBody` is an untagged union of `NotFoundError` and `Problem`, two structs whose
    // fields are all optional, so the first variant accepts any JSON object and a `Problem` body decodes as
    // `NotFoundBody::NotFoundError` with every field `None` (the raw text is kept). `get_widget` only ever declares
    // `Problem` for 404, but error bodies are decoded per API-wide status, not per operation.
    error_bodies,
    // Multipart file parts are `FilePart`s (list, optional, spec-fixed content type); binary responses are `Bytes`
    // with a streaming `_download` twin; a binary request body takes anything `Into<Bytes>`.
    files,
    // 3.1: `contentMediaType` of a non-text type marks a file part; with `contentEncoding` (base64) it stays text.
    files_31,
    formats,
    keywords,
    maps_and_arrays,
    // Degraded (warned): `x-pagination` on an operation with a request body gives no stream method.
    method_shapes,
    multi_status,
    naming,
    non_identifiers,
    nullable,
    // Degraded (warned): `prefixItems` tuples are `Vec<Value>`. `examples` are accepted but not shown anywhere.
    nullable_31,
    idempotency,
    optional,
    optional_nullable,
    pagination,
    percent_encoded_refs,
    param_styles,
    path_query_params,
    read_write_only,
    recursion,
    required_self_ref,
    responses_optional_31,
    // Degraded: response headers (here a `$ref` to `components.headers`) are not modelled, so they are not
    // in the output; they stay readable on error responses (`ApiError::headers`) only.
    refs,
    // Degraded (warned): `mutualTLS` is left to the TLS layer and an unknown scheme type is dropped, with the
    // requirements that need it.
    security_31,
    // Degraded (warned): no requirement names the schemes, so each configured one is sent.
    security_no_requirement,
    security_schemes,
    servers_security,
    split_modules,
    // Degraded (warned): `not` is untyped JSON.
    unions,
    validation,
);

#[test]
fn every_fixture_is_listed() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".yaml").map(str::to_owned))
        .collect();
    on_disk.sort();
    assert_eq!(on_disk, FIXTURES, "FIXTURES (and the fixture_snapshots! list) must name every tests/fixtures/*.yaml");
}

#[test]
fn fixtures_lower_without_unintended_warnings() {
    for name in FIXTURES {
        let spec = generator::parse(&read_fixture(name)).unwrap_or_else(|d| panic!("{name}:\n{d}"));
        let (_, lowered) = generator::lower(&spec).unwrap_or_else(|d| panic!("{name}:\n{d}"));
        let warnings: Vec<String> = spec.warnings.warnings().chain(lowered.warnings()).map(ToString::to_string).collect();
        let expected = INTENDED_WARNINGS.iter().find(|(n, _)| n == name).map(|(_, w)| *w).unwrap_or_default();
        assert_eq!(warnings.len(), expected.len(), "{name}: unexpected warnings:\n{}", warnings.join("\n"));
        for (got, want) in warnings.iter().zip(expected) {
            assert!(got.contains(want), "{name}: warning {got:?} does not mention {want:?}");
        }
    }
}

const STAX_SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/stax-customer.yaml");

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
    let text = std::fs::read_to_string(STAX_SPEC).expect("spec/stax-customer.yaml");
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

//! The speed shortcuts change nothing: the direct parse equals the value path, and output does not depend on them.

use std::path::PathBuf;

fn documents() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut docs = vec![(
        "spec/stax-customer.yaml".to_owned(),
        std::fs::read_to_string(root.join("spec/stax-customer.yaml")).expect("spec"),
    )];
    let mut fixtures: Vec<_> = std::fs::read_dir(root.join("tests/fixtures"))
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "json"))
        .collect();
    fixtures.sort();
    for p in fixtures {
        let text = std::fs::read_to_string(&p).expect("fixture");
        docs.push((p.display().to_string(), text));
    }
    docs
}

#[test]
fn the_direct_parse_equals_the_normalised_value_path() {
    let docs = documents();
    assert!(docs.len() > 20, "the fixtures were not found");
    for (name, text) in docs {
        let fast = generator::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let value = generator::parse::parse_value(&text).expect("value");
        let slow = generator::parse::from_value(value).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(fast.openapi, slow.openapi, "{name}");
        assert_eq!(fast.raw, slow.raw, "{name}");
        assert_eq!(fast.warnings, slow.warnings, "{name}");
    }
}

#[test]
fn a_31_document_is_read_from_the_normalised_value() {
    // `type: [string, "null"]` does not deserialise as 3.0; only the normalised value can supply it.
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: [string, 'null'], const: x}\n";
    let spec = generator::parse(text).expect("parses");
    let a = spec.openapi.components.as_ref().unwrap().schemas["A"].as_item().unwrap();
    assert!(a.schema_data.nullable, "nullable comes from the normalised value");
    assert_eq!(spec.declared_version, "3.1.0");
}

#[test]
fn borrowed_and_owned_generation_agree() {
    let config = generator::Config::default();
    for (name, text) in documents().into_iter().take(8) {
        let spec = generator::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let borrowed = generator::generate(&spec, &config).expect("borrowed");
        let owned = generator::generate_str(&text, &config).expect("owned");
        assert_eq!(borrowed, owned, "{name}");
    }
}

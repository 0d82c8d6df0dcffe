//! The spec's country code list is exactly ISO 3166-1 alpha-3, as listed by the `rust_iso3166` crate.

use std::collections::BTreeSet;

use serde_json::Value;

const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/stax-customer.yaml");

fn load_spec() -> Value {
    let text = std::fs::read_to_string(SPEC).unwrap_or_else(|e| panic!("read {SPEC}: {e}"));
    serde_yaml::from_str(&text).expect("the spec is valid YAML")
}

/// The 249 assigned ISO 3166-1 alpha-3 codes, sorted.
fn iso_alpha3() -> Vec<String> {
    let codes: BTreeSet<String> = rust_iso3166::ALL_ALPHA3
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        codes.len(),
        249,
        "rust_iso3166 no longer lists exactly 249 codes"
    );
    codes.into_iter().collect()
}

/// Follows `$ref`s to `#/components/schemas/..`.
fn resolve<'a>(spec: &'a Value, mut schema: &'a Value) -> &'a Value {
    while let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference
            .strip_prefix("#/components/schemas/")
            .expect("local schema $ref");
        schema = &spec["components"]["schemas"][name];
    }
    schema
}

fn enum_codes(schema: &Value) -> Vec<String> {
    schema["enum"]
        .as_array()
        .expect("an enum")
        .iter()
        .map(|c| c.as_str().expect("codes are strings").to_owned())
        .collect()
}

/// Fails with the codes that are missing or extra, not just "not equal".
fn assert_iso_list(location: &str, codes: &[String]) {
    let expected = iso_alpha3();
    let got: BTreeSet<&String> = codes.iter().collect();
    let want: BTreeSet<&String> = expected.iter().collect();
    let missing: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{location}: missing {missing:?}, extra {extra:?}"
    );
    assert_eq!(
        codes,
        expected.as_slice(),
        "{location}: codes must be sorted and unique"
    );
}

/// Every schema anywhere in the spec marked `x-enum-validate-only: true`, with its location.
fn validate_only_schemas<'a>(
    node: &'a Value,
    location: String,
    out: &mut Vec<(String, &'a Value)>,
) {
    match node {
        Value::Object(obj) => {
            if obj.get("x-enum-validate-only") == Some(&Value::Bool(true)) {
                out.push((location.clone(), node));
            }
            for (key, value) in obj {
                validate_only_schemas(value, format!("{location}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                validate_only_schemas(item, format!("{location}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn country_code_schema_is_iso_3166_alpha3() {
    let spec = load_spec();
    let country = &spec["components"]["schemas"]["CountryCode"];
    assert_eq!(country["type"], "string");
    assert_eq!(country["minLength"], 3);
    assert_eq!(country["maxLength"], 3);
    assert_eq!(country["x-enum-validate-only"], true);
    assert_iso_list("CountryCode", &enum_codes(country));
}

#[test]
fn request_bodies_check_countries_and_responses_do_not() {
    let spec = load_spec();
    for name in ["CustomerCreate", "CustomerUpdate"] {
        let field = &spec["components"]["schemas"][name]["properties"]["address_country"];
        let resolved = resolve(&spec, field);
        assert_eq!(
            resolved["x-enum-validate-only"], true,
            "{name}.address_country"
        );
        assert_iso_list(&format!("{name}.address_country"), &enum_codes(resolved));
    }
    let response = &spec["components"]["schemas"]["Customer"]["properties"]["address_country"];
    assert!(
        response.get("$ref").is_none() && response.get("enum").is_none(),
        "Customer.address_country must stay lenient"
    );
}

#[test]
fn every_validate_only_country_enum_uses_the_same_list() {
    let spec = load_spec();
    let mut found = Vec::new();
    validate_only_schemas(&spec, "#".to_owned(), &mut found);
    assert!(!found.is_empty(), "no schema has x-enum-validate-only");
    let countries: Vec<_> = found
        .into_iter()
        .filter(|(location, schema)| {
            location.to_lowercase().contains("country")
                || enum_codes(schema).iter().any(|c| c == "USA")
        })
        .collect();
    assert!(
        !countries.is_empty(),
        "no country schema has x-enum-validate-only"
    );
    for (location, schema) in countries {
        assert_iso_list(&location, &enum_codes(schema));
    }
}

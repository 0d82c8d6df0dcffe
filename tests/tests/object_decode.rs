//! `json_object!` (the runtime's shared struct decoder) accepts and refuses exactly what serde's derive does for
//! JSON: each input is decoded into a generated struct and into a twin with `#[derive(Deserialize)]` and the same
//! field attributes, and both outcomes (the value, or the error message) must be the same. Also: the `Serialize`
//! that `json_object!` gives received-only types under `mock` writes what decodes back to the same value.

use fixture_outputs::nullable_31::{Owner, Record, RecordId};
use serde::Deserialize;
use stax_customer_client::{CustomerPage, PaymentMethod};

/// `Record` with serde's derive: the attributes the generator wrote before `json_object!`.
#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "read through Debug")]
struct Twin {
    name: String,
    note: Option<String>,
    #[serde(default, deserialize_with = "tristate")]
    count: Option<Option<i32>>,
    #[serde(default, deserialize_with = "tristate")]
    tags: Option<Option<Vec<Option<String>>>>,
    #[serde(default, deserialize_with = "tristate")]
    owner: Option<Option<Owner>>,
    #[serde(default, deserialize_with = "tristate")]
    nothing: Option<Option<serde_json::Value>>,
    id: Option<RecordId>,
    point: Option<Vec<serde_json::Value>>,
    extra: Option<serde_json::Value>,
}

fn tristate<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// The outcome of decoding `text` as `T`, as text: `Debug` of the value (the struct's name left out) or the error.
fn outcome<T: for<'de> Deserialize<'de> + std::fmt::Debug>(text: &str, name: &str) -> String {
    match serde_json::from_str::<T>(text) {
        Ok(v) => format!("{v:?}").replacen(name, "_", 1),
        Err(e) => format!("error: {e}").replace(name, "_"),
    }
}

const INPUTS: &[&str] = &[
    r#"{"name":"a","note":"n","count":3,"tags":["x",null],"owner":{"email":"e"},"nothing":{"k":1},"id":"r1","point":[1,2],"extra":true}"#,
    r#"{"extra":null,"point":null,"id":7,"nothing":null,"owner":null,"tags":null,"count":null,"note":null,"name":"b"}"#,
    r#"{"name":"c"}"#,
    r#"{"name":"d","unknown":{"deep":[1,{"x":2}]},"note":"n","another":null}"#,
    r#"{"note":"n"}"#,
    r#"{"name":"e","name":"f"}"#,
    r#"{"name":"g","count":null,"count":1}"#,
    r#"{"name":1}"#,
    r#"{"name":"h","count":"three"}"#,
    r#"{"na\u006de":"escaped key"}"#,
    r#"{"name":"i","owner":{"email":5}}"#,
    r#""a string""#,
    "null",
    "12",
    "{}",
    r#"{"name":"j""#,
];

#[test]
fn json_object_decodes_what_the_serde_derive_decodes_and_fails_alike() {
    for input in INPUTS {
        assert_eq!(outcome::<Record>(input, "Record"), outcome::<Twin>(input, "Twin"), "input: {input}");
    }
}

#[test]
fn json_object_decodes_from_a_json_value_too() {
    // Tagged unions and untagged buffering hand a struct a `serde_json::Value` rather than text.
    for input in INPUTS.iter().filter(|i| serde_json::from_str::<serde_json::Value>(i).is_ok()) {
        let value: serde_json::Value = serde_json::from_str(input).expect("valid JSON");
        let ours = serde_json::from_value::<Record>(value.clone()).map(|v| format!("{v:?}").replacen("Record", "_", 1));
        let theirs = serde_json::from_value::<Twin>(value).map(|v| format!("{v:?}").replacen("Twin", "_", 1));
        let text = |r: Result<String, serde_json::Error>| r.unwrap_or_else(|e| e.to_string().replace("Record", "_").replace("Twin", "_"));
        assert_eq!(text(ours), text(theirs), "input: {input}");
    }
}

#[test]
fn an_array_is_not_read_as_a_struct() {
    // serde's derive reads a struct from an array of its fields in order, a shape no JSON API sends for an object.
    let err = serde_json::from_str::<Record>(r#"["a", null]"#).expect_err("an array");
    assert!(err.to_string().starts_with("invalid type: sequence, expected struct Record"), "{err}");
}

#[test]
fn a_missing_required_field_is_named() {
    let err = serde_json::from_str::<Record>(r#"{"note":"n"}"#).expect_err("name is required");
    assert!(err.to_string().starts_with("missing field `name`"), "{err}");
    let err = serde_json::from_str::<Record>(r#"{"name":"a","name":"b"}"#).expect_err("a duplicate key");
    assert!(err.to_string().starts_with("duplicate field `name`"), "{err}");
}

#[test]
fn received_only_types_serialize_under_mock_and_decode_back() {
    let page: CustomerPage = serde_json::from_str(
        r#"{"total":1,"per_page":25,"current_page":1,"last_page":1,"next_page_url":null,"from":1,"data":[]}"#,
    )
    .expect("a page");
    let written = serde_json::to_value(&page).expect("serializes under mock");
    // Optional fields that are `None` are left out, as the spec's responses leave them out.
    assert_eq!(
        written,
        serde_json::json!({"total": 1, "per_page": 25, "current_page": 1, "last_page": 1, "from": 1, "data": []})
    );
    assert_eq!(serde_json::from_value::<CustomerPage>(written).expect("decodes back"), page);
    let method: PaymentMethod =
        serde_json::from_str(r#"{"id":"pm1","customer_id":"c1","has_cvv":true}"#).expect("a payment method");
    let back: PaymentMethod = serde_json::from_value(serde_json::to_value(&method).expect("serializes")).expect("back");
    assert_eq!(back, method);
}

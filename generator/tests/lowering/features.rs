//! Cargo features: which features compile each operation and type.

use serde_json::json;

use super::{json_response, lower_clean, op, spec, type_named};

/// `GET /<path>` tagged `tags`, answering `schema`.
fn tagged_get(id: &str, tags: &[&str], schema: serde_json::Value) -> serde_json::Value {
    json!({"get": {"operationId": id, "tags": tags, "responses": {"200": json_response(schema)}}})
}

fn names(features: &[String]) -> Vec<&str> {
    features.iter().map(String::as_str).collect()
}

#[test]
fn operations_and_the_types_they_reach_are_gated_by_their_tags() {
    let text = spec(
        json!({
            "/a": tagged_get("getA", &["Code Scanning"], json!({"$ref": "#/components/schemas/A"})),
            "/b": tagged_get("getB", &["billing", "code-scanning"], json!({"$ref": "#/components/schemas/B"})),
            "/c": tagged_get("getC", &["billing"], json!({"$ref": "#/components/schemas/Shared"})),
            "/d": {"get": {"operationId": "getD", "responses": {"200": json_response(json!({"$ref": "#/components/schemas/D"}))}}},
        }),
        json!({
            "A": {"type": "object", "properties": {"s": {"$ref": "#/components/schemas/Shared"}}},
            "B": {"type": "object", "properties": {"x": {"type": "string"}}},
            "Shared": {"type": "object", "properties": {"x": {"type": "string"}}},
            "D": {"type": "object", "properties": {"s": {"$ref": "#/components/schemas/Shared"}}},
            "Hook": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}},
        }),
    );
    let api = lower_clean(&text);
    let features: Vec<&str> = api.features.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(features, ["billing", "code-scanning", "standalone-types"]);
    assert_eq!(api.features[1].tags, ["Code Scanning", "code-scanning"], "tags that kebab-case alike share one");
    assert_eq!(names(&op(&api, "getA").features), ["code-scanning"]);
    assert_eq!(names(&op(&api, "getB").features), ["billing", "code-scanning"], "any of its tags");
    assert!(op(&api, "getD").features.is_empty(), "an untagged operation is always compiled");
    assert_eq!(names(&type_named(&api, "A").features), ["code-scanning"]);
    assert!(type_named(&api, "Shared").features.is_empty(), "an untagged operation reaches it through D");
    assert_eq!(names(&type_named(&api, "Hook").features), ["standalone-types"], "no operation reaches it");
    assert_eq!(names(&type_named(&api, "B").features), ["billing", "code-scanning", "standalone-types"]);
}

#[test]
fn one_tag_on_every_operation_declares_its_feature_but_gates_nothing() {
    let text = spec(
        json!({
            "/a": tagged_get("getA", &["customers"], json!({"$ref": "#/components/schemas/A"})),
            "/b": tagged_get("getB", &["customers"], json!({"type": "string"})),
        }),
        json!({"A": {"type": "object", "properties": {"x": {"type": "string"}}}}),
    );
    let api = lower_clean(&text);
    assert_eq!(api.features.len(), 1);
    assert!(op(&api, "getA").features.is_empty() && type_named(&api, "A").features.is_empty());
}

#[test]
fn a_spec_without_tags_has_no_features() {
    let text = spec(
        json!({"/a": {"get": {"operationId": "getA", "responses": {"200": json_response(json!({"type": "string"}))}}}}),
        json!({"Unused": {"type": "object", "properties": {"x": {"type": "string"}}}}),
    );
    let api = lower_clean(&text);
    assert!(api.features.is_empty() && type_named(&api, "Unused").features.is_empty());
}

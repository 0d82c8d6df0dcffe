//! Rewrites an OpenAPI 3.1 document into the 3.0 shape that `openapiv3` reads (`type: [T, "null"]` -> `nullable`, ...).

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use crate::diag::{Diagnostics, child};

/// Keys whose value is a map from names to spec objects (not a spec object itself).
const NAME_MAPS: &[&str] = &[
    "paths",
    "webhooks",
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "schemas",
    "responses",
    "parameters",
    "headers",
    "content",
    "callbacks",
    "securitySchemes",
    "requestBodies",
    "links",
    "variables",
    "encoding",
    "dependentSchemas",
    "examples",
    "pathItems",
];

/// Keys holding literal data, never rewritten.
const LITERALS: &[&str] = &[
    "example", "default", "enum", "const", "value", "required", "mapping", "security",
];

/// Normalises in place; degraded constructs are reported as warnings.
pub fn to_30(doc: &mut Value, warnings: &mut Diagnostics) {
    let is_31 = doc
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("3.1"));
    if let Some(root) = doc.as_object_mut() {
        if is_31 {
            root.insert("openapi".into(), json!("3.0.3"));
        }
        root.entry("paths").or_insert_with(|| json!({}));
        root.remove("webhooks");
        root.remove("jsonSchemaDialect");
    }
    let mut pointer = String::from("#");
    visit(doc, false, &mut pointer, warnings);
}

/// Walks the document; `pointer` is one buffer extended and truncated on the way (no allocation per node).
fn visit(node: &mut Value, is_map: bool, pointer: &mut String, warnings: &mut Diagnostics) {
    let len = pointer.len();
    match node {
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let _ = write!(pointer, "/{i}");
                visit(item, false, pointer, warnings);
                pointer.truncate(len);
            }
        }
        Value::Object(map) if is_map => {
            for (k, v) in map.iter_mut() {
                push_token(pointer, k);
                visit(v, false, pointer, warnings);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            rewrite_schema_keywords(map, pointer, warnings);
            for (k, v) in map.iter_mut() {
                if LITERALS.contains(&k.as_str())
                    || k.starts_with("x-")
                    || !(v.is_object() || v.is_array())
                {
                    continue;
                }
                let name_map = NAME_MAPS.contains(&k.as_str()) && v.is_object();
                push_token(pointer, k);
                visit(v, name_map, pointer, warnings);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    if token.contains(['~', '/']) {
        pointer.push_str(&crate::diag::escape(token));
    } else {
        pointer.push_str(token);
    }
}

fn rewrite_schema_keywords(
    map: &mut Map<String, Value>,
    pointer: &str,
    warnings: &mut Diagnostics,
) {
    if let Some(Value::Array(types)) = map.get("type").cloned() {
        let nullable = types.iter().any(|t| t == "null");
        let rest: Vec<Value> = types.into_iter().filter(|t| t != "null").collect();
        map.remove("type");
        match rest.len() {
            0 => {}
            1 => {
                map.insert("type".into(), rest[0].clone());
            }
            _ => {
                let variants: Vec<Value> = rest.iter().map(|t| json!({ "type": t })).collect();
                map.insert("anyOf".into(), Value::Array(variants));
            }
        }
        if nullable {
            map.insert("nullable".into(), Value::Bool(true));
        }
    } else if map.get("type").is_some_and(|t| t == "null") {
        map.remove("type");
        map.insert("nullable".into(), Value::Bool(true));
    }
    if let Some(c) = map.remove("const") {
        map.insert("enum".into(), Value::Array(vec![c]));
    }
    if let Some(Value::Array(examples)) = map.get("examples") {
        let first = examples.first().cloned();
        map.remove("examples");
        if let Some(first) = first {
            map.entry("example").or_insert(first);
        }
    }
    for (key, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(n) = map.get(key).filter(|v| v.is_number()).cloned() {
            map.insert(bound.into(), n);
            map.insert(key.into(), Value::Bool(true));
        }
    }
    if map.remove("prefixItems").is_some() {
        warnings.warn(
            child(pointer, "prefixItems"),
            "tuple schemas (prefixItems) are not modelled; items are untyped JSON",
        );
        map.entry("items").or_insert_with(|| json!({}));
    }
    // `items: false` closes a tuple, whose items are untyped anyway.
    if map.get("items") == Some(&Value::Bool(false)) {
        map.insert("items".into(), json!({}));
    }
    for key in ["items", "not"] {
        if let Some(v) = map.get_mut(key) {
            boolean_schema(v);
        }
    }
    for key in [
        "properties",
        "patternProperties",
        "$defs",
        "dependentSchemas",
    ] {
        if let Some(Value::Object(schemas)) = map.get_mut(key) {
            schemas.values_mut().for_each(boolean_schema);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(schemas)) = map.get_mut(key) {
            schemas.iter_mut().for_each(boolean_schema);
        }
    }
    if map.contains_key("$ref") {
        map.retain(|k, _| k == "$ref");
    }
    for key in [
        "contentMediaType",
        "contentEncoding",
        "contentSchema",
        "unevaluatedProperties",
        "$schema",
        "$id",
    ] {
        map.remove(key);
    }
}

/// A 3.1 boolean schema as an object: `true` accepts anything (`{}`), `false` nothing (`{not: {}}`, which is not modelled).
fn boolean_schema(v: &mut Value) {
    if let Value::Bool(accepts) = v {
        *v = if *accepts {
            json!({})
        } else {
            json!({ "not": {} })
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_31_schema_keywords_but_not_property_names() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "components": { "schemas": { "A": {
                "type": ["string", "null"],
                "examples": ["x"],
                "properties": { "const": { "type": "integer", "exclusiveMinimum": 0 }, "type": { "const": 3 }, "any": true },
                "items": false
            }}}
        });
        let mut w = Diagnostics::default();
        to_30(&mut doc, &mut w);
        let a = &doc["components"]["schemas"]["A"];
        assert_eq!(a["type"], "string");
        assert_eq!(a["nullable"], true);
        assert_eq!(a["example"], "x");
        assert_eq!(a["properties"]["const"]["minimum"], 0);
        assert_eq!(a["properties"]["const"]["exclusiveMinimum"], true);
        assert_eq!(a["properties"]["type"]["enum"], json!([3]));
        assert_eq!(a["properties"]["any"], json!({}));
        assert_eq!(a["items"], json!({}));
        assert_eq!(doc["openapi"], "3.0.3");
    }
}

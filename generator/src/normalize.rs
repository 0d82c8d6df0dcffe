//! Rewrites an OpenAPI 3.1 document into the 3.0 shape that `openapiv3` reads (`type: [T, "null"]` -> `nullable`, ...).

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

mod numbers;

use crate::diag::Diagnostics;
use crate::pointer::{self, child};

mod security;

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

/// Normalises in place; degraded constructs are reported as warnings. Returns whether anything changed that
/// `openapiv3` would read differently (dropping the siblings of a `$ref`, which it ignores, does not count).
pub fn to_30(doc: &mut Value, warnings: &mut Diagnostics) -> bool {
    let is_31 = doc
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("3.1"));
    let mut changed = is_31;
    if let Some(root) = doc.as_object_mut() {
        if is_31 {
            root.insert("openapi".into(), json!("3.0.3"));
        }
        if !root.contains_key("paths") {
            root.insert("paths".into(), json!({}));
            changed = true;
        }
        changed |= root.remove("webhooks").is_some();
        changed |= root.remove("jsonSchemaDialect").is_some();
        changed |= default_responses(root);
    }
    changed |= security::drop_unreadable_schemes(doc, warnings);
    let mut pointer = String::from("#");
    visit(doc, false, &mut pointer, warnings, &mut changed);
    changed
}

/// HTTP methods a path item may hold.
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Gives every operation without `responses` (optional in 3.1) an empty map, which lowers to "`()` on any 2xx".
fn default_responses(root: &mut Map<String, Value>) -> bool {
    let Some(Value::Object(paths)) = root.get_mut("paths") else {
        return false;
    };
    let mut changed = false;
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        for (_, op) in item.iter_mut().filter(|(k, _)| METHODS.contains(&k.as_str())) {
            if let Value::Object(op) = op
                && !op.contains_key("responses")
            {
                op.insert("responses".into(), json!({}));
                changed = true;
            }
        }
    }
    changed
}

/// Walks the document; `pointer` is one buffer extended and truncated on the way (no allocation per node).
fn visit(
    node: &mut Value,
    is_map: bool,
    pointer: &mut String,
    warnings: &mut Diagnostics,
    changed: &mut bool,
) {
    let len = pointer.len();
    match node {
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let _ = write!(pointer, "/{i}");
                visit(item, false, pointer, warnings, changed);
                pointer.truncate(len);
            }
        }
        Value::Object(map) if is_map => {
            for (k, v) in map.iter_mut() {
                pointer::push(pointer, k);
                visit(v, false, pointer, warnings, changed);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            *changed |= rewrite_schema_keywords(map, pointer, warnings);
            for (k, v) in map.iter_mut() {
                if LITERALS.contains(&k.as_str())
                    || k.starts_with("x-")
                    || !(v.is_object() || v.is_array())
                {
                    continue;
                }
                let name_map = NAME_MAPS.contains(&k.as_str()) && v.is_object();
                pointer::push(pointer, k);
                visit(v, name_map, pointer, warnings, changed);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Rewrites one object's 3.1 keywords; returns whether a rewrite openapiv3 would notice happened.
fn rewrite_schema_keywords(
    map: &mut Map<String, Value>,
    pointer: &str,
    warnings: &mut Diagnostics,
) -> bool {
    if !map.iter().any(|(k, v)| needs_rewrite(map.len(), k, v)) {
        return false;
    }
    let mut changed = false;
    if let Some(Value::Array(types)) = map.get("type").cloned() {
        changed = true;
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
        changed = true;
        map.remove("type");
        map.insert("nullable".into(), Value::Bool(true));
    }
    if let Some(c) = map.remove("const") {
        changed = true;
        map.insert("enum".into(), Value::Array(vec![c]));
    }
    if let Some(Value::Array(examples)) = map.get("examples") {
        changed = true;
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
            changed = true;
            map.insert(bound.into(), n);
            map.insert(key.into(), Value::Bool(true));
        }
    }
    if map.remove("prefixItems").is_some() {
        changed = true;
        warnings.warn(
            child(pointer, "prefixItems"),
            "tuple schemas (prefixItems) are not modelled; items are untyped JSON",
        );
        map.entry("items").or_insert_with(|| json!({}));
    }
    // `items: false` closes a tuple, whose items are untyped anyway.
    if map.get("items") == Some(&Value::Bool(false)) {
        changed = true;
        map.insert("items".into(), json!({}));
    }
    for key in ["items", "not"] {
        if let Some(v) = map.get_mut(key) {
            changed |= boolean_schema(v);
        }
    }
    for key in [
        "properties",
        "patternProperties",
        "$defs",
        "dependentSchemas",
    ] {
        if let Some(Value::Object(schemas)) = map.get_mut(key) {
            changed |= schemas
                .values_mut()
                .fold(false, |c, v| boolean_schema(v) | c);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(schemas)) = map.get_mut(key) {
            changed |= schemas.iter_mut().fold(false, |c, v| boolean_schema(v) | c);
        }
    }
    changed |= numbers::fit(map, pointer, warnings);
    if map.contains_key("$ref") {
        map.retain(|k, _| k == "$ref");
        changed |= decode_ref(map);
    }
    // A string of a non-text media type, not encoded as text (no `contentEncoding`), is raw bytes: the 3.0
    // spelling is `format: binary` (file parts of multipart bodies, binary bodies).
    if let Some(media) = map.get("contentMediaType").and_then(Value::as_str)
        && is_binary_media(media)
        && !map.contains_key("contentEncoding")
        && !map.contains_key("format")
        && map.get("type").is_none_or(|t| t == "string")
    {
        map.insert("type".into(), json!("string"));
        map.insert("format".into(), json!("binary"));
    }
    for key in [
        "contentMediaType",
        "contentEncoding",
        "contentSchema",
        "unevaluatedProperties",
        "$schema",
        "$id",
    ] {
        changed |= map.remove(key).is_some();
    }
    changed
}

/// True for media types whose content is not text: not `text/*`, JSON, XML, YAML or form-encoded.
fn is_binary_media(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let textual = essence.starts_with("text/")
        || essence.is_empty()
        || ["json", "xml", "yaml", "x-www-form-urlencoded", "javascript"]
            .iter()
            .any(|t| essence.ends_with(&format!("/{t}")) || essence.ends_with(&format!("+{t}")));
    !textual
}

/// Decodes a percent-encoded `$ref` ([`pointer::decode_ref`]), so every later lookup reads it as the plain JSON
/// pointer it stands for. Returns whether it changed.
fn decode_ref(map: &mut Map<String, Value>) -> bool {
    let Some(Value::String(reference)) = map.get_mut("$ref") else {
        return false;
    };
    match pointer::decode_ref(reference) {
        Some(decoded) => {
            *reference = decoded;
            true
        }
        None => false,
    }
}

/// Whether key `k` with value `v` (in an object of `len` keys) is something [`rewrite_schema_keywords`] rewrites.
/// Checked first, key by key, because almost no object of a 3.0 document needs any rewrite.
fn needs_rewrite(len: usize, k: &str, v: &Value) -> bool {
    match k {
        "type" => v.is_array() || v == "null",
        "const"
        | "prefixItems"
        | "contentMediaType"
        | "contentEncoding"
        | "contentSchema"
        | "unevaluatedProperties"
        | "$schema"
        | "$id" => true,
        "examples" => v.is_array(),
        "exclusiveMinimum" | "exclusiveMaximum" => v.is_number(),
        "items" | "not" => v.is_boolean(),
        "properties" | "patternProperties" | "$defs" | "dependentSchemas" => v
            .as_object()
            .is_some_and(|m| m.values().any(Value::is_boolean)),
        "allOf" | "anyOf" | "oneOf" => v
            .as_array()
            .is_some_and(|a| a.iter().any(Value::is_boolean)),
        "$ref" => len > 1 || v.as_str().is_some_and(|r| r.contains('%')),
        _ => numbers::needs_fit(k, v),
    }
}

/// A 3.1 boolean schema as an object: `true` accepts anything (`{}`), `false` nothing (`{not: {}}`, which is not modelled).
/// Returns whether `v` was a boolean schema.
fn boolean_schema(v: &mut Value) -> bool {
    let Value::Bool(accepts) = v else {
        return false;
    };
    *v = if *accepts {
        json!({})
    } else {
        json!({ "not": {} })
    };
    true
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
        assert!(to_30(&mut doc, &mut w));
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

    #[test]
    fn binary_content_media_types_become_format_binary() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "components": { "schemas": {
                "Png": { "type": "string", "contentMediaType": "image/png" },
                "Base64": { "type": "string", "contentMediaType": "image/png", "contentEncoding": "base64" },
                "Json": { "type": "string", "contentMediaType": "application/vnd.api+json" },
                "Csv": { "type": "string", "contentMediaType": "text/csv" },
                "Pdf": { "type": ["string", "null"], "contentMediaType": "application/pdf; version=1.7" }
            }}
        });
        let mut w = Diagnostics::default();
        assert!(to_30(&mut doc, &mut w));
        let s = &doc["components"]["schemas"];
        assert_eq!(s["Png"], json!({ "type": "string", "format": "binary" }));
        assert_eq!(s["Base64"], json!({ "type": "string" }));
        assert_eq!(s["Json"], json!({ "type": "string" }));
        assert_eq!(s["Csv"], json!({ "type": "string" }));
        assert_eq!(s["Pdf"], json!({ "type": "string", "nullable": true, "format": "binary" }));
    }

    #[test]
    fn a_plain_30_document_is_unchanged() {
        let mut doc = json!({
            "openapi": "3.0.3",
            "paths": {},
            "components": { "schemas": { "A": { "$ref": "#/components/schemas/B", "description": "dropped" },
                "B": { "type": "string", "nullable": true, "example": "x", "minimum": 1, "exclusiveMinimum": true } } }
        });
        let mut w = Diagnostics::default();
        assert!(!to_30(&mut doc, &mut w));
        let mut doc = json!({ "openapi": "3.0.3", "paths": {}, "components": { "schemas": { "C": { "const": 1 } } } });
        assert!(to_30(&mut doc, &mut w));
    }
}

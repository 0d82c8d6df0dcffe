//! Collects every example a document gives: `example` (and 3.1 `examples` arrays) on schemas, and media-type
//! `example` and `examples` (their `value`s, `$ref`s to `components/examples` followed) on request bodies and
//! responses. Pure: works on the document's JSON value.

use generator::pointer::{self, ComponentKind, child, join};
use serde_json::Value;

/// Where an example belongs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A schema's own example: the schema's JSON pointer.
    Schema(String),
    /// The JSON request body of an operation.
    Body { path: String, method: String, schema: Option<String> },
    /// A response of an operation, by status key (`200`, `4XX`, `default`).
    Response { path: String, method: String, status: String, schema: Option<String> },
    /// A media type the generated client does not use (it picked another one of the same body or response).
    Unused { chosen: String, schema: Option<String> },
}

impl Target {
    /// The pointer of the schema the example must be valid against.
    pub fn schema(&self) -> Option<&str> {
        match self {
            Target::Schema(p) => Some(p),
            Target::Body { schema, .. } | Target::Response { schema, .. } | Target::Unused { schema, .. } => {
                schema.as_deref()
            }
        }
    }
}

/// One example value.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// JSON pointer of the example value itself.
    pub pointer: String,
    /// What it is an example of.
    pub target: Target,
    /// The value.
    pub value: Value,
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/// Schemas nest at most this deep before the walk stops (the generator lowers at most 64 levels).
const MAX_DEPTH: usize = 64;

/// Every example of `doc`, component schemas first, then operations in path order.
pub fn collect(doc: &Value) -> Vec<Example> {
    let mut out = Vec::new();
    if let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) {
        for (name, schema) in schemas {
            walk_schema(schema, &pointer::component(ComponentKind::Schemas, name), 0, &mut out);
        }
    }
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return out;
    };
    for (path, item) in paths {
        let item_ptr = child(pointer::PATHS, path);
        let (item, _) = resolve(doc, item, &item_ptr);
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let op_ptr = format!("{item_ptr}/{method}");
            if let Some(body) = op.get("requestBody") {
                let (body, body_ptr) = resolve(doc, body, &format!("{op_ptr}/requestBody"));
                media(doc, body, &body_ptr, &mut out, |schema| Target::Body {
                    path: path.clone(),
                    method: method.to_uppercase(),
                    schema,
                });
            }
            let Some(responses) = op.get("responses").and_then(Value::as_object) else {
                continue;
            };
            for (status, response) in responses {
                let (response, resp_ptr) = resolve(doc, response, &join(&op_ptr, ["responses", status]));
                media(doc, response, &resp_ptr, &mut out, |schema| Target::Response {
                    path: path.clone(),
                    method: method.to_uppercase(),
                    status: status.clone(),
                    schema,
                });
            }
        }
    }
    out
}

/// The examples of the JSON media types of a request body or response at `ptr`, and the examples inside their
/// schemas.
fn media(doc: &Value, owner: &Value, ptr: &str, out: &mut Vec<Example>, target: impl Fn(Option<String>) -> Target) {
    let Some(content) = owner.get("content").and_then(Value::as_object) else {
        return;
    };
    let chosen = pick_media(content);
    for (media_type, m) in content {
        if !is_json(media_type) {
            continue;
        }
        let target = |schema: Option<String>| match chosen {
            Some(c) if c != media_type => Target::Unused { chosen: c.clone(), schema },
            _ => target(schema),
        };
        let m_ptr = join(ptr, ["content", media_type]);
        let schema_ptr = m.get("schema").map(|_| format!("{m_ptr}/schema"));
        if let Some(v) = m.get("example") {
            push(out, format!("{m_ptr}/example"), target(schema_ptr.clone()), v);
        }
        if let Some(examples) = m.get("examples").and_then(Value::as_object) {
            for (name, ex) in examples {
                let (ex, ex_ptr) = resolve(doc, ex, &join(&m_ptr, ["examples", name]));
                if let Some(v) = ex.get("value") {
                    push(out, format!("{ex_ptr}/value"), target(schema_ptr.clone()), v);
                }
            }
        }
        if let (Some(schema), Some(sp)) = (m.get("schema"), &schema_ptr) {
            // The schema's own example belongs to the body or response, like the media type's.
            if schema.get("$ref").is_none() {
                schema_examples(schema, sp, out, || target(schema_ptr.clone()));
                // The schemas inside belong to the client's types only where it uses this media type.
                if chosen.is_none_or(|c| c == media_type) {
                    walk_children(schema, sp, 0, out);
                }
            }
        }
    }
}

/// A schema's examples, then those of the schemas inside it.
fn walk_schema(schema: &Value, ptr: &str, depth: usize, out: &mut Vec<Example>) {
    if depth > MAX_DEPTH || !schema.is_object() || schema.get("$ref").is_some() && schema.get("example").is_none() {
        return;
    }
    schema_examples(schema, ptr, out, || Target::Schema(ptr.to_owned()));
    walk_children(schema, ptr, depth, out);
}

fn schema_examples(schema: &Value, ptr: &str, out: &mut Vec<Example>, target: impl Fn() -> Target) {
    if let Some(v) = schema.get("example") {
        push(out, format!("{ptr}/example"), target(), v);
    }
    // 3.1 (JSON Schema) `examples` is an array of values.
    if let Some(list) = schema.get("examples").and_then(Value::as_array) {
        for (i, v) in list.iter().enumerate() {
            push(out, format!("{ptr}/examples/{i}"), target(), v);
        }
    }
}

fn walk_children(schema: &Value, ptr: &str, depth: usize, out: &mut Vec<Example>) {
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (name, s) in props {
            walk_schema(s, &join(ptr, ["properties", name]), depth + 1, out);
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(s) = schema.get(key) {
            walk_schema(s, &format!("{ptr}/{key}"), depth + 1, out);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(list) = schema.get(key).and_then(Value::as_array) {
            for (i, s) in list.iter().enumerate() {
                walk_schema(s, &format!("{ptr}/{key}/{i}"), depth + 1, out);
            }
        }
    }
}

fn push(out: &mut Vec<Example>, pointer: String, target: Target, value: &Value) {
    out.push(Example { pointer, target, value: value.clone() });
}

/// Follows local `$ref`s (at most 16 hops) from `value` at `ptr`; returns the target and its pointer.
pub fn resolve<'a>(doc: &'a Value, mut value: &'a Value, ptr: &str) -> (&'a Value, String) {
    let mut ptr = ptr.to_owned();
    for _ in 0..16 {
        let Some(r) = value.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let Some(target) = r.strip_prefix('#').and_then(|p| doc.pointer(p)) else {
            break;
        };
        value = target;
        ptr = r.to_owned();
    }
    (value, ptr)
}

/// The media type the generator uses among `content` (the same ranking as its lowering: `application/json`, other
/// JSON, form, multipart, octet-stream, text, anything else; the first on ties).
pub fn pick_media(content: &serde_json::Map<String, Value>) -> Option<&String> {
    let rank = |ct: &str| {
        let ct = ct.to_ascii_lowercase();
        match () {
            _ if ct == "application/json" => 0,
            _ if is_json(&ct) => 1,
            _ if ct == "application/x-www-form-urlencoded" => 2,
            _ if ct.starts_with("multipart/form-data") => 3,
            _ if ct == "application/octet-stream" => 4,
            _ if ct.starts_with("text/") => 5,
            _ => 6,
        }
    };
    content.keys().min_by_key(|ct| rank(ct))
}

/// `application/json`, `*/*+json`, `*/json` (with parameters), or `*/*`.
pub fn is_json(ct: &str) -> bool {
    let essence = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence.ends_with("/json") || essence.ends_with("+json") || essence == "*/*"
}


//! Checks an example against its own schema with a JSON Schema validator (draft 2020-12). OpenAPI 3.0 schema
//! keywords that JSON Schema reads differently are rewritten first: `nullable: true` becomes a `"null"` type (or an
//! `anyOf` with `{type: null}` when there is no `type`), and boolean `exclusiveMinimum`/`exclusiveMaximum` become
//! the numeric form.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Map, Value, json};

/// What a URI fragment may hold unescaped (RFC 3986 `pchar`, `/` and `?`); the rest of a JSON pointer (`{`, `}`,
/// spaces, non-ASCII) is percent-encoded.
const FRAGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b'?')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// A JSON pointer written as `#/...` turned into a URI reference (`#/paths/~1a~1{id}` -> `#/paths/~1a~1%7Bid%7D`).
pub fn fragment(pointer: &str) -> String {
    let p = pointer.strip_prefix('#').unwrap_or(pointer);
    format!("#{}", utf8_percent_encode(p, FRAGMENT))
}

/// The whole document with its 3.0 schema keywords in their JSON Schema form, ready to be a validation root.
pub fn to_json_schema(doc: &Value) -> Value {
    let mut doc = doc.clone();
    rewrite(&mut doc, 0);
    if let Some(obj) = doc.as_object_mut() {
        // The document is the root schema of every check; its own top-level keys are no schema keywords, except
        // that a 3.1 document may name a default dialect, which would be read as `$schema`-like. Drop it.
        obj.remove("jsonSchemaDialect");
    }
    doc
}

fn rewrite(value: &mut Value, depth: usize) {
    if depth > 256 {
        return;
    }
    match value {
        Value::Object(obj) => {
            if obj.get("nullable") == Some(&Value::Bool(true)) {
                nullable(obj);
            }
            for (key, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
                if let Some(Value::Bool(exclusive)) = obj.get(key).cloned() {
                    obj.remove(key);
                    if exclusive && let Some(b) = obj.remove(bound) {
                        obj.insert(key.to_owned(), b);
                    }
                }
            }
            for v in obj.values_mut() {
                rewrite(v, depth + 1);
            }
        }
        Value::Array(list) => list.iter_mut().for_each(|v| rewrite(v, depth + 1)),
        _ => {}
    }
}

/// `nullable: true` on one schema object.
fn nullable(obj: &mut Map<String, Value>) {
    obj.remove("nullable");
    if let Some(Value::Array(values)) = obj.get_mut("enum")
        && !values.contains(&Value::Null)
    {
        values.push(Value::Null);
    }
    match obj.get_mut("type") {
        Some(Value::String(t)) => {
            let t = std::mem::take(t);
            obj.insert("type".into(), json!([t, "null"]));
        }
        Some(Value::Array(types)) => {
            if !types.contains(&json!("null")) {
                types.push(json!("null"));
            }
        }
        _ => {
            // No type (a `$ref`, `allOf`, ...): null or whatever the rest allows.
            let rest = std::mem::take(obj);
            obj.insert("anyOf".into(), json!([Value::Object(rest), {"type": "null"}]));
        }
    }
}

/// What the validator said of one example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Valid against its schema.
    Valid,
    /// Invalid: the validator's first messages, each with the instance path.
    Invalid(String),
    /// The schema could not be compiled (or there is none), so nothing is known.
    Unchecked(String),
}

/// Checks `value` against the schema at `pointer` of `root` (a document from [`to_json_schema`]).
pub fn check(root: &Value, pointer: &str, value: &Value) -> Verdict {
    match try_check(root, pointer, value) {
        Ok(errors) if errors.is_empty() => Verdict::Valid,
        Ok(errors) => Verdict::Invalid(errors),
        Err(e) => Verdict::Unchecked(e),
    }
}

fn try_check(root: &Value, pointer: &str, value: &Value) -> Result<String, String> {
    let mut schema = root.clone();
    let Some(obj) = schema.as_object_mut() else {
        return Err("the document is not an object".into());
    };
    obj.insert("$ref".into(), Value::String(fragment(pointer)));
    obj.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&schema)
        .map_err(|e| format!("the schema does not compile: {e}"))?;
    let errors: Vec<String> =
        validator.iter_errors(value).take(3).map(|e| format!("at `{}`: {e}", e.instance_path())).collect();
    Ok(errors.join("; "))
}

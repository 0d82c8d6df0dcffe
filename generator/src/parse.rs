//! Parse: YAML or JSON text -> JSON value -> (3.1 normalised to the 3.0 shape) -> `openapiv3::OpenAPI`.

use openapiv3::OpenAPI;
use serde::Deserialize;
use serde_json::Value;

use crate::diag::Diagnostics;
use crate::normalize;
use crate::pointer;

/// A parsed spec, ready for lowering, plus the warnings parsing produced.
#[derive(Clone, Debug)]
pub struct Spec {
    /// The document in the 3.0 shape.
    pub openapi: OpenAPI,
    /// The same document as JSON (for `$ref` pointers and keywords openapiv3 does not keep).
    pub raw: Value,
    /// The `openapi` version string the document declared.
    pub declared_version: String,
    /// Warnings from normalisation (degraded 3.1 constructs).
    pub warnings: Diagnostics,
}

/// Parses YAML or JSON text; errors name the JSON pointer (or the line) of the problem.
///
/// Two parses run side by side: the text straight into `openapiv3::OpenAPI` (the cost of parsing at all) and the
/// text into a JSON value (for pointers and normalisation). The direct result is used when normalisation leaves
/// the document as it was, which is the case for any plain 3.0 document; otherwise the typed document is read
/// from the normalised value.
pub fn parse(text: &str) -> Result<Spec, Diagnostics> {
    let direct = |text: &str| -> Option<OpenAPI> {
        if is_json(text) {
            serde_json::from_str(text).ok()
        } else {
            serde_yaml::from_str(text).ok()
        }
    };
    let (direct, value) = std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("generator-parse".into())
            .stack_size(crate::STACK_SIZE)
            .spawn_scoped(scope, || direct(text));
        // Reading the value and normalising it run here, beside the direct parse.
        let value = parse_value(text).and_then(prepare);
        let direct = worker.ok().and_then(|w| w.join().ok()).flatten();
        (direct, value)
    });
    // The text parsers already refuse nesting past their recursion limit (128), so no depth walk is needed.
    crate::on_big_stack(move || finish(value?, direct))
}

fn is_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// Reads text as JSON when it starts with `{`, else as YAML.
pub fn parse_value(text: &str) -> Result<Value, Diagnostics> {
    if is_json(text) {
        serde_json::from_str(text).map_err(|e| {
            Diagnostics::single(
                "#",
                format!(
                    "invalid JSON at line {} column {}: {e}",
                    e.line(),
                    e.column()
                ),
            )
        })
    } else {
        crate::yaml::from_str(text).map_err(|e| {
            let at = e
                .location()
                .map(|l| format!(" at line {} column {}", l.line(), l.column()))
                .unwrap_or_default();
            Diagnostics::single("#", format!("invalid YAML{at}: {e}"))
        })
    }
}

/// How deeply a document may nest: the limit the JSON and YAML parsers already apply to text.
const MAX_DEPTH: usize = 128;

/// Checks the version, normalises 3.1 and deserialises into the openapiv3 model.
pub fn from_value(value: Value) -> Result<Spec, Diagnostics> {
    if depth(&value) > MAX_DEPTH
        && let Some(pointer) = too_deep(&value, MAX_DEPTH)
    {
        return Err(Diagnostics::single(
            pointer,
            format!("the document nests more than {MAX_DEPTH} levels deep"),
        ));
    }
    crate::on_big_stack(move || checked_from_value(value, None))
}

/// How deeply `value` nests (found without recursion or allocation per node).
fn depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 0)];
    while let Some((v, d)) = stack.pop() {
        deepest = deepest.max(d);
        match v {
            Value::Object(map) => stack.extend(map.values().map(|c| (c, d + 1))),
            Value::Array(items) => stack.extend(items.iter().map(|c| (c, d + 1))),
            _ => {}
        }
    }
    deepest
}

/// The pointer of the first value nested deeper than `limit` (found without recursion).
fn too_deep(value: &Value, limit: usize) -> Option<String> {
    let mut stack = vec![(value, String::from("#"), 0)];
    while let Some((v, at, depth)) = stack.pop() {
        if depth > limit {
            return Some(at);
        }
        match v {
            Value::Object(map) => {
                stack.extend(map.iter().map(|(k, c)| (c, pointer::child(&at, k), depth + 1)))
            }
            Value::Array(items) => stack.extend(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (c, pointer::index(&at, i), depth + 1)),
            ),
            _ => {}
        }
    }
    None
}

/// `direct` is the document as deserialised straight from the text, when that succeeded.
fn checked_from_value(value: Value, direct: Option<OpenAPI>) -> Result<Spec, Diagnostics> {
    finish(prepare(value)?, direct)
}

/// A document whose version was checked and which was normalised to the 3.0 shape.
struct Prepared {
    value: Value,
    version: String,
    warnings: Diagnostics,
    /// Whether normalising changed anything `openapiv3` reads.
    changed: bool,
}

/// Checks the version and normalises.
fn prepare(mut value: Value) -> Result<Prepared, Diagnostics> {
    let Some(root) = value.as_object() else {
        return Err(Diagnostics::single("#", "the document is not an object"));
    };
    if root.contains_key("swagger") {
        return Err(Diagnostics::single(
            "#/swagger",
            "Swagger 2.0 documents are not supported; convert to OpenAPI 3 first (for example with swagger2openapi)",
        ));
    }
    let version = match root.get("openapi") {
        Some(Value::String(v)) => v.clone(),
        Some(_) => {
            return Err(Diagnostics::single(
                "#/openapi",
                "`openapi` must be a version string",
            ));
        }
        None => {
            return Err(Diagnostics::single(
                "#",
                "missing `openapi` version field; is this an OpenAPI document?",
            ));
        }
    };
    if !(version.starts_with("3.0") || version.starts_with("3.1")) {
        return Err(Diagnostics::single(
            "#/openapi",
            format!("unsupported OpenAPI version {version}; 3.0.x and 3.1.x are"),
        ));
    }
    let mut warnings = Diagnostics::default();
    let changed = normalize::to_30(&mut value, &mut warnings);
    Ok(Prepared {
        value,
        version,
        warnings,
        changed,
    })
}

/// The typed document: `direct` (deserialised straight from the text) when normalising changed nothing,
/// else read from the normalised value.
fn finish(prepared: Prepared, direct: Option<OpenAPI>) -> Result<Spec, Diagnostics> {
    let Prepared {
        value,
        version,
        warnings,
        changed,
    } = prepared;
    // The fast paths first; path tracking only to explain a failure.
    let openapi = match direct
        .filter(|_| !changed)
        .map(Ok)
        .unwrap_or_else(|| OpenAPI::deserialize(&value))
    {
        Ok(o) => Ok(o),
        Err(_) => serde_path_to_error::deserialize::<_, OpenAPI>(&value),
    };
    let openapi: OpenAPI = openapi.map_err(|e| {
        let (pointer, message) =
            locate(&value).unwrap_or_else(|| (pointer_of(e.path()), e.inner().to_string()));
        Diagnostics::single(
            pointer,
            format!("does not match the OpenAPI schema: {message}"),
        )
    })?;
    Ok(Spec {
        openapi,
        raw: value,
        declared_version: version,
        warnings,
    })
}

/// openapiv3 buffers `$ref`-or-item values, which hides the path below them; deserialising path items and operations
/// one by one finds the innermost failing part.
fn locate(doc: &Value) -> Option<(String, String)> {
    let paths = doc.get("paths")?.as_object()?;
    for (path, item) in paths {
        let base = pointer::child(pointer::PATHS, path);
        let Some(obj) = item.as_object() else {
            continue;
        };
        for (method, op) in obj {
            let at = pointer::child(&base, method);
            let result = if matches!(
                method.as_str(),
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
            ) {
                serde_path_to_error::deserialize::<_, openapiv3::Operation>(op)
                    .err()
                    .map(|e| (pointer_of(e.path()), e.inner().to_string()))
            } else {
                None
            };
            if let Some((path, message)) = result {
                return Some((format!("{at}{}", path.trim_start_matches('#')), message));
            }
        }
        if let Err(e) = serde_path_to_error::deserialize::<_, openapiv3::PathItem>(item) {
            return Some((base, e.inner().to_string()));
        }
    }
    None
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut at = String::from("#");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer::push(&mut at, &index.to_string()),
            Segment::Map { key } => pointer::push(&mut at, key),
            Segment::Enum { variant } => pointer::push(&mut at, variant),
            Segment::Unknown => pointer::push(&mut at, "?"),
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swagger_2_is_refused_by_name() {
        let err = parse("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}").unwrap_err();
        assert!(err.to_string().contains("#/swagger") && err.to_string().contains("Swagger 2.0"));
    }

    #[test]
    fn bad_yaml_names_the_line() {
        let err = parse("openapi: 3.0.3\ninfo: [\n").unwrap_err();
        assert!(err.to_string().contains("line"), "{err}");
    }

    #[test]
    fn schema_errors_name_the_pointer() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 7\n";
        let err = parse(text).unwrap_err();
        assert!(
            err.to_string().contains("#/paths/~1a/get/responses"),
            "{err}"
        );
    }
}

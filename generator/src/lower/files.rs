//! Files: which multipart fields are file parts, which bodies are bytes, and what a binary response accepts.

use super::Lowerer;
use crate::ir::{FormPart, TypeKind, TypeRef};
use crate::pointer::{self, child};

/// How many `$ref` hops are followed to find out whether a schema is binary.
const MAX_HOPS: usize = 8;

impl Lowerer<'_> {
    /// The parts of a multipart body of object type `ty` (schema at `schema_pointer`): `format: binary` fields
    /// (or lists of them) become `TypeRef::File` fields sent as file parts; the others stay text or JSON parts.
    /// `encoding` is the media type's `encoding` map (for each part's content type).
    pub(super) fn form_parts(
        &mut self,
        ty: &TypeRef,
        schema_pointer: &str,
        encoding: &indexmap::IndexMap<String, openapiv3::Encoding>,
    ) -> Vec<FormPart> {
        let TypeRef::Named(name) = ty else {
            return Vec::new();
        };
        let binary = binary_properties(self.raw, schema_pointer);
        let Some(def) = self.types.get_mut(name) else {
            return Vec::new();
        };
        let TypeKind::Struct(s) = &mut def.kind else {
            return Vec::new();
        };
        let mut parts = Vec::with_capacity(s.fields.len());
        for f in &mut s.fields {
            let file = match binary.contains(&f.wire).then(|| to_file(&f.ty)).flatten() {
                Some(t) => {
                    f.ty = t;
                    true
                }
                None => contains_file(&f.ty),
            };
            parts.push(FormPart {
                field: f.name.clone(),
                wire: f.wire.clone(),
                file,
                content_type: encoding
                    .get(&f.wire)
                    .and_then(|e| e.content_type.clone()),
            });
        }
        if s.additional.is_some() {
            let pointer = child(schema_pointer, "additionalProperties");
            self.diags.warn(
                pointer,
                "additional properties of a multipart body are not sent",
            );
        }
        parts
    }
}

/// True when `ty` is (a list or option of) a file part.
fn contains_file(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::File => true,
        TypeRef::Vec(t) | TypeRef::Nullable(t) => contains_file(t),
        _ => false,
    }
}

/// The file type standing for a lowered binary string: `String` (or a named alias of it) becomes `File`, inside
/// lists and options; anything else is not a file.
fn to_file(ty: &TypeRef) -> Option<TypeRef> {
    match ty {
        TypeRef::String | TypeRef::Named(_) | TypeRef::File => Some(TypeRef::File),
        TypeRef::Vec(t) => to_file(t).map(|t| TypeRef::Vec(Box::new(t))),
        TypeRef::Nullable(t) => to_file(t).map(|t| TypeRef::Nullable(Box::new(t))),
        _ => None,
    }
}

/// The JSON value at `pointer` (a `#/...` pointer), following `$ref`s.
fn resolved<'a>(raw: &'a serde_json::Value, pointer: &str) -> Option<&'a serde_json::Value> {
    let mut schema = pointer::lookup(raw, pointer);
    for _ in 0..MAX_HOPS {
        match schema
            .and_then(|s| s.get("$ref"))
            .and_then(serde_json::Value::as_str)
        {
            Some(next) => schema = pointer::lookup(raw, next),
            None => break,
        }
    }
    schema
}

/// True when `schema` (after `$ref`s) is a `format: binary` string (3.1 `contentMediaType` is rewritten to that).
fn is_binary(raw: &serde_json::Value, schema: &serde_json::Value) -> bool {
    let schema = match schema.get("$ref").and_then(serde_json::Value::as_str) {
        Some(r) => match resolved(raw, r) {
            Some(s) => s,
            None => return false,
        },
        None => schema,
    };
    schema.get("format").is_some_and(|f| f == "binary")
}

/// True when the schema at `pointer` (after `$ref`s) is a `format: binary` string.
pub(super) fn binary_schema(raw: &serde_json::Value, pointer: &str) -> bool {
    resolved(raw, pointer).is_some_and(|s| is_binary(raw, s))
}

/// The wire names of the properties of the object schema at `pointer` (after `$ref`s, and through `allOf`
/// members) that are `format: binary` strings or arrays of them.
fn binary_properties(raw: &serde_json::Value, pointer: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(schema) = resolved(raw, pointer) {
        collect_binary(raw, schema, &mut out, 0);
    }
    out
}

fn collect_binary(raw: &serde_json::Value, schema: &serde_json::Value, out: &mut Vec<String>, depth: usize) {
    if depth > MAX_HOPS {
        return;
    }
    let schema = match schema.get("$ref").and_then(serde_json::Value::as_str) {
        Some(r) => match resolved(raw, r) {
            Some(s) => s,
            None => return,
        },
        None => schema,
    };
    if let Some(properties) = schema.get("properties").and_then(serde_json::Value::as_object) {
        out.extend(
            properties
                .iter()
                .filter(|(_, p)| is_binary(raw, p) || p.get("items").is_some_and(|i| is_binary(raw, i)))
                .map(|(name, _)| name.clone()),
        );
    }
    for member in schema.get("allOf").and_then(serde_json::Value::as_array).into_iter().flatten() {
        collect_binary(raw, member, out, depth + 1);
    }
}

/// The `Accept` header of an operation whose success media types are `types` (deduplicated, in status order), or
/// `None` when they are all JSON (the runtime's default). Error bodies are read as JSON, so JSON stays acceptable.
pub(super) fn accept(types: &[String]) -> Option<String> {
    let json = |t: &str| super::ops::is_json(t) && !t.starts_with("*/*");
    if types.iter().all(|t| json(t)) {
        return None;
    }
    let mut out: Vec<&str> = Vec::new();
    for t in types {
        if !out.contains(&t.as_str()) {
            out.push(t);
        }
    }
    if !out.iter().any(|t| json(t) || t.starts_with("*/*")) {
        out.push("application/json;q=0.9");
    }
    Some(out.join(", "))
}

/// The media type each success response of operation `method` under the path item at `path_pointer` is decoded
/// from (the one [`super::ops::pick_media`] picks), in status order.
pub(super) fn success_media(raw: &serde_json::Value, path_pointer: &str, method: &str) -> Vec<String> {
    let Some(responses) = resolved(raw, path_pointer)
        .and_then(|item| item.get(method))
        .and_then(|op| op.get("responses"))
        .and_then(serde_json::Value::as_object)
    else {
        return Vec::new();
    };
    let mut codes: Vec<(&String, &serde_json::Value)> = responses
        .iter()
        .filter(|(code, _)| code.starts_with('2'))
        .collect();
    codes.sort_by(|a, b| a.0.cmp(b.0));
    codes
        .into_iter()
        .filter_map(|(_, r)| {
            let r = match r.get("$ref").and_then(serde_json::Value::as_str) {
                Some(reference) => resolved(raw, reference)?,
                None => r,
            };
            let content = r.get("content")?.as_object()?;
            content
                .keys()
                .min_by_key(|ct| super::ops::media_rank(ct))
                .cloned()
        })
        .collect()
}

//! Operations: names, path templates, parameters, request bodies and responses of every path and method.

use std::collections::BTreeSet;

use openapiv3::{PathItem, ReferenceOr};

use super::Lowerer;
use crate::diag::child;
use crate::ir::{BodyEncoding, Direction, Operation, ParamLocation, RequestBody, TypeRef};
use crate::names::{self, Namespace};

/// Method names a generated client already uses.
const CLIENT_METHODS: &[&str] = &[
    "builder",
    "base_url",
    "new",
    "inner",
    "clone",
    "fmt",
    "from_inner",
];

impl Lowerer<'_> {
    /// Every operation, paths sorted, methods in the order GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE.
    pub fn operations(&mut self) -> Vec<Operation> {
        let spec = self.spec;
        let mut paths: Vec<(&String, &ReferenceOr<PathItem>)> = spec.paths.paths.iter().collect();
        paths.sort_by(|a, b| a.0.cmp(b.0));
        let mut methods = Namespace::with_reserved(CLIENT_METHODS);
        let mut ids = BTreeSet::new();
        let mut out = Vec::new();
        for (path, item) in paths {
            let pointer = child("#/paths", path);
            // A path that is a `$ref` to another path (`/v1/x: {$ref: '#/paths/~1x'}`) repeats that path's
            // operations, whose operationIds stay with the original; the copies are named from method and path.
            let alias = matches!(item, ReferenceOr::Reference { reference } if reference.starts_with("#/paths/"));
            let Some((item, _)) = self.resolve(item, &pointer) else {
                continue;
            };
            for (method, op) in item.iter() {
                let op_pointer = child(&pointer, method);
                let mut id = match &op.operation_id {
                    Some(id) if !alias => id.clone(),
                    _ => format!("{method} {path}"),
                };
                if !ids.insert(id.clone()) {
                    let warning = format!("duplicate operationId {id}; named from method and path");
                    self.diags.warn(child(&op_pointer, "operationId"), warning);
                    id = format!("{method} {path}");
                    if !ids.insert(id.clone()) {
                        id = (2..)
                            .map(|i| format!("{id}{i}"))
                            .find(|c| ids.insert(c.clone()))
                            .unwrap_or_default();
                    }
                }
                let method_name = methods.claim(&names::snake(&id));
                if let Some(o) =
                    self.operation(path, method, op, &item, &op_pointer, id, method_name)
                {
                    out.push(o);
                }
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        path: &str,
        method: &str,
        op: &openapiv3::Operation,
        item: &PathItem,
        pointer: &str,
        id: String,
        method_name: String,
    ) -> Option<Operation> {
        let type_hint = names::camel(&id);
        let (path_params, params) =
            self.parameters(path, &item.parameters, &op.parameters, pointer, &type_hint);
        let params_struct =
            (!params.is_empty()).then(|| self.type_names.claim(&format!("{type_hint}Params")));
        let body = op
            .request_body
            .as_ref()
            .and_then(|b| self.request_body(b, &child(pointer, "requestBody"), &type_hint));
        let (success, errors) =
            self.responses(&op.responses, &child(pointer, "responses"), &type_hint);
        let idempotency_header = params
            .iter()
            .find(|p| {
                p.location == ParamLocation::Header
                    && p.wire.to_ascii_lowercase().contains("idempotency")
            })
            .map(|p| p.wire.clone());
        Some(Operation {
            id,
            method_name,
            doc: super::doc(op.summary.as_deref(), op.description.as_deref()),
            http_method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            path_params,
            params_struct,
            params,
            body,
            success,
            errors,
            idempotency_header,
            pagination: None,
            checked: None,
            deprecated: op.deprecated,
            security: self.operation_security(op.security.as_ref(), pointer),
        })
    }

    fn request_body(
        &mut self,
        body: &ReferenceOr<openapiv3::RequestBody>,
        pointer: &str,
        hint: &str,
    ) -> Option<RequestBody> {
        let (body, at) = self.resolve(body, pointer)?;
        let (content_type, media) = pick_media(&body.content)?;
        let encoding = encoding_of(&content_type);
        let media_pointer = child(&child(&at, "content"), &content_type);
        let ty = match (&media.schema, encoding) {
            (_, BodyEncoding::Binary) => TypeRef::Bytes,
            (_, BodyEncoding::Text) => TypeRef::String,
            (Some(schema), _) => {
                let l = self.schema(
                    schema,
                    &child(&media_pointer, "schema"),
                    &format!("{hint}Body"),
                    Direction::Request,
                );
                l.ty
            }
            (None, _) => TypeRef::Json,
        };
        if encoding == BodyEncoding::Multipart && !matches!(ty, TypeRef::Named(_)) {
            self.diags.warn(
                &media_pointer,
                "multipart body without an object schema; sent as one JSON part",
            );
        } else if encoding == BodyEncoding::Multipart {
            for name in binary_properties(self.raw, &child(&media_pointer, "schema")) {
                let at = child(
                    &child(&child(&media_pointer, "schema"), "properties"),
                    &name,
                );
                self.diags.warn(at, "binary file parts are not modelled; the field is a `String` sent as a text part without a filename");
            }
        }
        Some(RequestBody {
            content_type,
            ty,
            encoding,
            required: body.required,
        })
    }
}

/// The properties of the object schema at `pointer` (after `$ref`s) that are `format: binary` strings.
fn binary_properties(raw: &serde_json::Value, pointer: &str) -> Vec<String> {
    let mut schema = pointer.strip_prefix('#').and_then(|p| raw.pointer(p));
    for _ in 0..8 {
        match schema
            .and_then(|s| s.get("$ref"))
            .and_then(serde_json::Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(next) => schema = raw.pointer(next),
            None => break,
        }
    }
    let Some(properties) = schema
        .and_then(|s| s.get("properties"))
        .and_then(serde_json::Value::as_object)
    else {
        return Vec::new();
    };
    let binary = |s: &serde_json::Value| s.get("format").is_some_and(|f| f == "binary");
    properties
        .iter()
        .filter(|(_, p)| binary(p) || p.get("items").is_some_and(binary))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Picks the media type to use: JSON first, then form, multipart, binary, text, then whatever comes first.
pub(crate) fn pick_media(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(String, openapiv3::MediaType)> {
    let rank = |ct: &str| {
        let ct = ct.to_ascii_lowercase();
        if ct == "application/json" {
            0
        } else if is_json(&ct) {
            1
        } else if ct == "application/x-www-form-urlencoded" {
            2
        } else if ct.starts_with("multipart/form-data") {
            3
        } else if ct == "application/octet-stream" {
            4
        } else if ct.starts_with("text/") {
            5
        } else {
            6
        }
    };
    content
        .iter()
        .min_by_key(|(ct, _)| rank(ct))
        .map(|(ct, m)| (ct.clone(), m.clone()))
}

/// True for `application/json`, `*/*+json` and `*/json` media types (with parameters).
pub(crate) fn is_json(ct: &str) -> bool {
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence.ends_with("/json") || essence.ends_with("+json") || essence == "*/*"
}

/// How a request body of this media type is encoded.
pub(crate) fn encoding_of(ct: &str) -> BodyEncoding {
    let ct = ct.to_ascii_lowercase();
    if is_json(&ct) {
        BodyEncoding::Json
    } else if ct.starts_with("application/x-www-form-urlencoded") {
        BodyEncoding::Form
    } else if ct.starts_with("multipart/") {
        BodyEncoding::Multipart
    } else if ct.starts_with("text/") {
        BodyEncoding::Text
    } else {
        BodyEncoding::Binary
    }
}

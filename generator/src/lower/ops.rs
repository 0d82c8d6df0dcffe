//! Operations: names, path templates, parameters, request bodies and responses of every path and method.

use std::collections::BTreeSet;

use openapiv3::{PathItem, ReferenceOr};

use super::Lowerer;
use crate::ir::{
    BodyEncoding, Direction, HttpMethod, Operation, ParamLocation, RequestBody, ResponseEncoding,
    Success, TypeRef,
};
use crate::names::{self, Namespace};
use crate::pointer::{self, child};

/// Method names a generated client already uses.
pub(crate) const CLIENT_METHODS: &[&str] = &[
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
        let mut methods = std::mem::replace(&mut self.method_names, Namespace::with_reserved(CLIENT_METHODS));
        let mut ids = BTreeSet::new();
        let mut out = Vec::new();
        for (path, item) in paths {
            let pointer = child(pointer::PATHS, path);
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
                if let Some(mut o) =
                    self.operation(path, method, op, &item, &op_pointer, id, method_name)
                {
                    let media = super::files::success_media(self.raw, &pointer, method);
                    o.accept = super::files::accept(&media);
                    if matches!(o.success, Success::Single(TypeRef::Bytes, ResponseEncoding::Binary)) {
                        let bare = &o.method_name;
                        o.download = Some(methods.claim(&format!("{bare}_download")));
                    }
                    out.push(o);
                }
            }
        }
        // Stream and checked forms are decided later; they claim their names from what is left.
        self.method_names = methods;
        // Each operation's declared error statuses are one constant beside its method, named after it.
        for op in out.iter_mut().filter(|o| !o.errors.is_empty()) {
            let bare = &op.method_name;
            op.errors_const = Some(self.module_names.claim(&format!("{}_ERRORS", bare.to_ascii_uppercase())));
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
        // The status a mock answers success with: the first 2xx code the spec declares.
        let success_status = op
            .responses
            .responses
            .keys()
            .filter_map(|k| match k {
                openapiv3::StatusCode::Code(c) if (200..300).contains(c) => Some(*c),
                _ => None,
            })
            .min()
            .unwrap_or(200);
        let idempotency_header = params
            .iter()
            .find(|p| {
                p.location == ParamLocation::Header
                    && p.wire.to_ascii_lowercase().contains("idempotency")
            })
            .map(|p| p.wire.clone());
        Some(Operation {
            id,
            tags: op.tags.clone(),
            features: Vec::new(),
            method_name,
            doc: super::doc(op.summary.as_deref(), op.description.as_deref()),
            http_method: HttpMethod::from_key(method).unwrap_or(HttpMethod::Get),
            path: path.to_owned(),
            path_params,
            params_struct,
            params,
            body,
            success,
            success_status,
            errors,
            idempotency_header,
            pagination: None,
            checked: None,
            deprecated: op.deprecated,
            security: self.operation_security(op.security.as_ref(), pointer),
            accept: None,
            download: None,
            errors_const: None,
            loggable_query: Vec::new(),
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
        let media_pointer = pointer::join(&at, ["content", &content_type]);
        let schema_pointer = child(&media_pointer, "schema");
        let mut encoding = encoding_of(&content_type);
        // A `format: binary` schema is raw bytes whatever the media type says (`*/*`, `text/csv`, ...).
        if matches!(encoding, BodyEncoding::Json | BodyEncoding::Text)
            && media.schema.is_some()
            && super::files::binary_schema(self.raw, &schema_pointer)
        {
            encoding = BodyEncoding::Binary;
        }
        let ty = match (&media.schema, encoding) {
            (_, BodyEncoding::Binary) => TypeRef::Bytes,
            (_, BodyEncoding::Text) => TypeRef::String,
            (Some(schema), _) => {
                let l = self.schema(
                    schema,
                    &schema_pointer,
                    &format!("{hint}Body"),
                    Direction::Request,
                );
                l.ty
            }
            (None, _) => TypeRef::Json,
        };
        let mut parts = Vec::new();
        if encoding == BodyEncoding::Multipart {
            parts = self.form_parts(&ty, &schema_pointer, &media.encoding);
            if parts.is_empty() {
                self.diags.warn(
                    &media_pointer,
                    "multipart body without an object schema; sent as one JSON part",
                );
            }
        }
        // A wildcard media type (`image/*`) cannot be sent as a `Content-Type`.
        let content_type = if encoding == BodyEncoding::Binary && content_type.contains('*') {
            "application/octet-stream".to_owned()
        } else {
            content_type
        };
        Some(RequestBody {
            content_type,
            ty,
            encoding,
            required: body.required,
            parts,
        })
    }
}

/// Picks the media type to use: JSON first, then form, multipart, binary, text, then whatever comes first.
pub(crate) fn pick_media(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(String, openapiv3::MediaType)> {
    content
        .iter()
        .min_by_key(|(ct, _)| media_rank(ct))
        .map(|(ct, m)| (ct.clone(), m.clone()))
}

/// The preference of a media type, lowest first: JSON, vendor JSON, form, multipart, octet-stream, text, the rest.
pub(crate) fn media_rank(ct: &str) -> u8 {
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

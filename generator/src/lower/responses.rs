//! Responses: the success type of each operation and the API-wide error variants, one per declared status.

use std::collections::BTreeMap;

use openapiv3::{ReferenceOr, Response, Responses, StatusCode};

use super::Lowerer;
use super::ops::{is_json, pick_media};
use crate::diag::child;
use crate::ir::{
    Direction, ErrorStatus, Operation, ResponseEncoding, StatusMatch, Success, SuccessEnum,
    SuccessVariant, TypeDef, TypeKind, TypeRef, Union, UnionVariant,
};
use crate::names::{self, Namespace};

impl Lowerer<'_> {
    /// The success side and the declared error keys of one operation.
    pub fn responses(
        &mut self,
        responses: &Responses,
        pointer: &str,
        hint: &str,
    ) -> (Success, Vec<StatusMatch>) {
        let mut success: Vec<(StatusMatch, TypeRef, ResponseEncoding)> = Vec::new();
        let mut errors = Vec::new();
        let mut entries: Vec<(Option<StatusCode>, ReferenceOr<Response>)> = responses
            .responses
            .iter()
            .map(|(k, v)| (Some(k.clone()), v.clone()))
            .collect();
        if let Some(d) = &responses.default {
            entries.push((None, d.clone()));
        }
        for (code, response) in entries {
            let token = code
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_else(|| "default".into());
            let at = child(pointer, &token);
            match code {
                Some(StatusCode::Code(c)) if (200..300).contains(&c) => {
                    let (ty, enc) = self.response_body(&response, &at, &format!("{hint}Response"));
                    success.push((StatusMatch::Code(c), ty, enc));
                }
                Some(StatusCode::Range(2)) => {
                    let (ty, enc) = self.response_body(&response, &at, &format!("{hint}Response"));
                    success.push((StatusMatch::Range(2), ty, enc));
                }
                Some(StatusCode::Code(c)) if c >= 300 => {
                    let (ty, _) = self.response_body(&response, &at, &format!("{hint}{c}Error"));
                    self.error_bodies
                        .entry(StatusMatch::Code(c))
                        .or_default()
                        .push(ty);
                    errors.push(StatusMatch::Code(c));
                }
                Some(StatusCode::Range(r @ 3..=5)) => {
                    let (ty, _) = self.response_body(&response, &at, &format!("{hint}{r}XXError"));
                    // `r` is 3, 4 or 5.
                    let range = StatusMatch::Range(r as u8);
                    self.error_bodies.entry(range).or_default().push(ty);
                    errors.push(range);
                }
                None => {
                    let (ty, _) =
                        self.response_body(&response, &at, &format!("{hint}DefaultError"));
                    self.error_bodies
                        .entry(StatusMatch::Default)
                        .or_default()
                        .push(ty);
                    errors.push(StatusMatch::Default);
                }
                Some(other) => self
                    .diags
                    .warn(at, format!("status {other} is not modelled")),
            }
        }
        errors.sort();
        (self.success(success, hint), errors)
    }

    fn success(&mut self, mut all: Vec<(StatusMatch, TypeRef, ResponseEncoding)>, hint: &str) -> Success {
        all.sort_by_key(|(c, _, _)| *c);
        all.dedup_by(|a, b| a.1 == b.1 && a.2 == b.2);
        match all.len() {
            0 => Success::Single(TypeRef::Unit, ResponseEncoding::Empty),
            1 => {
                let (_, ty, enc) = all.remove(0);
                Success::Single(ty, enc)
            }
            _ => {
                let name = self.type_names.claim(&format!("{hint}Response"));
                let mut ns = Namespace::default();
                let variants = all
                    .into_iter()
                    .map(|(status, ty, encoding)| {
                        let wanted = match status {
                            StatusMatch::Code(c) => status_name(c),
                            _ => "Success".to_owned(),
                        };
                        SuccessVariant { status, name: ns.claim(&wanted), ty, encoding }
                    })
                    .collect();
                Success::Several(SuccessEnum { name, variants })
            }
        }
    }

    fn response_body(
        &mut self,
        response: &ReferenceOr<Response>,
        pointer: &str,
        hint: &str,
    ) -> (TypeRef, ResponseEncoding) {
        let Some((response, at)) = self.resolve(response, pointer) else {
            return (TypeRef::Json, ResponseEncoding::Json);
        };
        let Some((ct, media)) = pick_media(&response.content) else {
            return (TypeRef::Unit, ResponseEncoding::Empty);
        };
        let lower = ct.to_ascii_lowercase();
        let schema_pointer = child(&child(&child(&at, "content"), &ct), "schema");
        if media.schema.is_some() && super::files::binary_schema(self.raw, &schema_pointer) {
            // `format: binary` is raw bytes whatever the media type says (`*/*`, `application/json`, ...).
            (TypeRef::Bytes, ResponseEncoding::Binary)
        } else if is_json(&lower) {
            let ty = match &media.schema {
                Some(s) => {
                    let l = self.schema(
                        s,
                        &child(&child(&child(&at, "content"), &ct), "schema"),
                        hint,
                        Direction::Response,
                    );
                    if l.nullable {
                        TypeRef::Nullable(Box::new(l.ty))
                    } else {
                        l.ty
                    }
                }
                None => TypeRef::Json,
            };
            (ty, ResponseEncoding::Json)
        } else if lower.starts_with("text/") {
            (TypeRef::String, ResponseEncoding::Text)
        } else {
            (TypeRef::Bytes, ResponseEncoding::Binary)
        }
    }

    /// One error variant per status (or range, or `default`) declared anywhere; differing bodies become a union.
    pub fn error_statuses(&mut self, _ops: &[Operation]) -> Vec<ErrorStatus> {
        let bodies: BTreeMap<StatusMatch, Vec<TypeRef>> = std::mem::take(&mut self.error_bodies);
        let mut out = Vec::new();
        for (key, mut types) in bodies {
            for t in &mut types {
                if matches!(t, TypeRef::Unit | TypeRef::Bytes | TypeRef::String) {
                    *t = TypeRef::Json;
                }
            }
            types.sort();
            types.dedup();
            let variant = match key {
                StatusMatch::Code(c) => status_name(c),
                StatusMatch::Range(4) => "ClientError".into(),
                StatusMatch::Range(5) => "ServerError".into(),
                StatusMatch::Range(r) => format!("Status{r}xx"),
                StatusMatch::Default => "DefaultResponse".into(),
            };
            let body = if types.len() == 1 {
                types.remove(0)
            } else {
                let name = self.type_names.claim(&format!("{variant}Body"));
                let mut ns = Namespace::default();
                let variants = types
                    .into_iter()
                    .map(|ty| UnionVariant {
                        name: ns.claim(&variant_of(&ty)),
                        tags: Vec::new(),
                        ty,
                    })
                    .collect();
                self.add_type(TypeDef {
                    name: name.clone(),
                    doc: Some(format!(
                        "The bodies that operations declare for {variant} responses."
                    )),
                    pointer: "#/paths".into(),
                    sent: false,
                    received: true,
                    kind: TypeKind::Union(Union {
                        tag: None,
                        variants,
                    }),
                    deprecated: false,
                });
                TypeRef::Named(name)
            };
            out.push(ErrorStatus { key, variant, body });
        }
        out
    }
}

fn variant_of(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(n) | TypeRef::Boxed(n) => n.clone(),
        TypeRef::Json => "Other".into(),
        TypeRef::Vec(_) => "List".into(),
        TypeRef::Map(_) => "Map".into(),
        _ => "Value".into(),
    }
}

/// The variant name of a status: its reason phrase in UpperCamelCase (`404` -> `NotFound`).
pub(crate) fn status_name(code: u16) -> String {
    let reason = match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        418 => "ImATeapot",
        421 => "MisdirectedRequest",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        507 => "InsufficientStorage",
        508 => "LoopDetected",
        511 => "NetworkAuthenticationRequired",
        _ => return format!("Status{code}"),
    };
    names::camel(reason)
}

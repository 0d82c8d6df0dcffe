//! Responses: the success type of each operation and the API-wide error variants, one per declared status.

use std::collections::BTreeMap;

use openapiv3::{ReferenceOr, Response, Responses, StatusCode};

use super::Lowerer;
use super::ops::{is_json, pick_media};
use crate::ir::{
    Direction, ErrorStatus, Operation, ResponseEncoding, StatusMatch, Success, SuccessEnum,
    SuccessVariant, TypeDef, TypeKind, TypeRef, Union, UnionVariant,
};
use crate::names::{self, Namespace};
use crate::pointer::{self, child};

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
                            StatusMatch::Code(c) => names::status_variant(c),
                            _ => names::range_variant(2),
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
        let schema_pointer = pointer::join(&at, ["content", &ct, "schema"]);
        if media.schema.is_some() && super::files::binary_schema(self.raw, &schema_pointer) {
            // `format: binary` is raw bytes whatever the media type says (`*/*`, `application/json`, ...).
            (TypeRef::Bytes, ResponseEncoding::Binary)
        } else if is_json(&lower) {
            let ty = match &media.schema {
                Some(s) => {
                    let l = self.schema(s, &schema_pointer, hint, Direction::Response);
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
        let mut variants = Namespace::with_reserved(names::ERROR_VARIANTS);
        for (key, mut types) in bodies {
            for t in &mut types {
                if matches!(t, TypeRef::Unit | TypeRef::Bytes | TypeRef::String) {
                    *t = TypeRef::Json;
                }
            }
            types.sort();
            types.dedup();
            let variant = variants.claim(&match key {
                StatusMatch::Code(c) => names::status_variant(c),
                StatusMatch::Range(r) => names::range_variant(u16::from(r)),
                StatusMatch::Default => names::DEFAULT_VARIANT.to_owned(),
            });
            let body = if types.len() == 1 {
                types.remove(0)
            } else {
                let name = self.type_names.claim(&format!("{variant}Body"));
                let mut ns = Namespace::default();
                let variants = types
                    .into_iter()
                    .map(|ty| UnionVariant {
                        name: ns.claim(&names::error_body_variant(&ty)),
                        tags: Vec::new(),
                        ty,
                    })
                    .collect();
                self.add_type(TypeDef {
                    name: name.clone(),
                    doc: Some(format!(
                        "The bodies that operations declare for {variant} responses."
                    )),
                    pointer: pointer::PATHS.into(),
                    sent: false,
                    received: true,
                    serialized: false,
                    kind: TypeKind::Union(Union {
                        tag: None,
                        variants,
                    }),
                    deprecated: false,
                    features: Vec::new(),
                });
                TypeRef::Named(name)
            };
            out.push(ErrorStatus { key, variant, body });
        }
        out
    }
}

//! Maps an example's target to the generated Rust type it decodes into, through the generator's IR: types by the
//! pointer of the schema they come from, struct fields by wire name, operations by path and method.

use std::collections::HashMap;

use generator::ir::{Api, StatusMatch, Success, TypeDef, TypeKind, TypeRef};

use super::examples::{Target, unescape};

/// Finds types by the schema pointer they come from.
pub struct TypeIndex<'a> {
    api: &'a Api,
    by_pointer: HashMap<&'a str, &'a TypeDef>,
}

impl<'a> TypeIndex<'a> {
    /// Indexes `api`'s types; where a schema gave two types (split by direction), the received one is kept.
    pub fn new(api: &'a Api) -> Self {
        let mut by_pointer: HashMap<&str, &TypeDef> = HashMap::new();
        for t in &api.types {
            let slot = by_pointer.entry(t.pointer.as_str()).or_insert(t);
            if t.received && !slot.received {
                *slot = t;
            }
        }
        TypeIndex { api, by_pointer }
    }

    /// The type an example of `target` decodes into, or why there is none.
    pub fn map(&self, target: &Target) -> Result<TypeRef, String> {
        match target {
            Target::Schema(p) => self.at(p, 0).ok_or_else(|| "no generated type for this schema".to_owned()),
            Target::Unused { chosen, .. } => Err(format!("the client uses the media type {chosen} here")),
            Target::Body { path, method, .. } => {
                let op = self.operation(path, method)?;
                let body = op.body.as_ref().ok_or("the operation has no generated body")?;
                if body.encoding != generator::ir::BodyEncoding::Json {
                    return Err(format!("the body is sent as {:?}", body.encoding));
                }
                // An optional body is `Option<&T>`: a `null` example is the absent body.
                Ok(if body.required { body.ty.clone() } else { TypeRef::Nullable(Box::new(body.ty.clone())) })
            }
            Target::Response { path, method, status, .. } => {
                let op = self.operation(path, method)?;
                let code: Option<u16> = status.parse().ok();
                if code.is_some_and(|c| (200..300).contains(&c)) || status.eq_ignore_ascii_case("2XX") {
                    return match &op.success {
                        Success::Single(ty, _) => Ok(ty.clone()),
                        Success::Several(e) => e
                            .variants
                            .iter()
                            .find(|v| match code {
                                Some(c) => v.status == StatusMatch::Code(c),
                                None => v.status == StatusMatch::Range(2),
                            })
                            .map(|v| v.ty.clone())
                            .ok_or_else(|| format!("no success variant for {status}")),
                    };
                }
                let key = match code {
                    Some(c) => StatusMatch::Code(c),
                    None if status == "default" => StatusMatch::Default,
                    None => StatusMatch::Range(status[..1].parse().map_err(|_| format!("status {status}"))?),
                };
                self.api
                    .errors
                    .iter()
                    .find(|e| e.key == key)
                    .map(|e| e.body.clone())
                    .ok_or_else(|| format!("no error variant for {status}"))
            }
        }
    }

    fn operation(&self, path: &str, method: &str) -> Result<&'a generator::ir::Operation, String> {
        self.api
            .operations
            .iter()
            .find(|o| o.path == path && o.http_method.as_str().eq_ignore_ascii_case(method))
            .ok_or_else(|| format!("no generated operation {method} {path}"))
    }

    /// The type of the schema at `pointer`: its own named type, the body or response type of the operation whose
    /// media type it is, or the field, item or map value type it is inside. Inline types that the generator merged
    /// with an identical one keep only one pointer, so the others are found through their container.
    fn at(&self, pointer: &str, depth: usize) -> Option<TypeRef> {
        if depth > 64 {
            return None;
        }
        if let Some(target) = media_target(pointer) {
            return self.map(&target).ok();
        }
        // Through the container first: a field knows whether it is optional or nullable, its own type does not.
        self.inside(pointer, depth).or_else(|| self.by_pointer.get(pointer).map(|t| TypeRef::Named(t.name.clone())))
    }

    /// The type of the schema at `pointer` as its container holds it (a field, an array item, a map value).
    fn inside(&self, pointer: &str, depth: usize) -> Option<TypeRef> {
        let (parent, last) = pointer.rsplit_once('/')?;
        if let Some((grand, "properties")) = parent.rsplit_once('/') {
            return self.field(grand, &unescape(last), depth);
        }
        if last != "items" && last != "additionalProperties" {
            return None;
        }
        match (last, self.resolved(self.at(parent, depth + 1)?)?) {
            ("items", TypeRef::Vec(t)) | ("additionalProperties", TypeRef::Map(t)) => Some(*t),
            _ => None,
        }
    }

    /// The type of property `wire` of the struct at `owner` (a struct built from `allOf` members keeps the
    /// members' properties, so `X/allOf/1/properties/p` is a field of `X`). Optional fields decode as `Option`.
    fn field(&self, owner: &str, wire: &str, depth: usize) -> Option<TypeRef> {
        let mut owner = owner;
        while let Some((parent, index)) = owner.rsplit_once('/')
            && index.parse::<usize>().is_ok()
            && parent.ends_with("/allOf")
            && !self.by_pointer.contains_key(owner)
        {
            owner = &parent[..parent.len() - "/allOf".len()];
        }
        let TypeRef::Named(name) = self.resolved(self.at(owner, depth + 1)?)? else { return None };
        let TypeKind::Struct(s) = &self.api.type_def(&name)?.kind else { return None };
        let f = s.fields.iter().find(|f| f.wire == wire)?;
        Some(match f.presence {
            generator::ir::Presence::Required => f.ty.clone(),
            _ => TypeRef::Nullable(Box::new(f.ty.clone())),
        })
    }

    /// Follows aliases to the container they name.
    fn resolved(&self, ty: TypeRef) -> Option<TypeRef> {
        let mut ty = ty;
        for _ in 0..16 {
            match &ty {
                TypeRef::Named(n) | TypeRef::Boxed(n) => match &self.api.type_def(n)?.kind {
                    TypeKind::Alias(inner) => ty = inner.clone(),
                    _ => return Some(TypeRef::Named(n.clone())),
                },
                TypeRef::Nullable(inner) => ty = (**inner).clone(),
                _ => return Some(ty),
            }
        }
        None
    }
}

/// The body or response a media type's schema pointer belongs to
/// (`#/paths/P/M/requestBody/content/T/schema` or `#/paths/P/M/responses/S/content/T/schema`).
pub fn media_target(pointer: &str) -> Option<Target> {
    let rest = pointer.strip_prefix("#/paths/")?;
    let parts: Vec<&str> = rest.split('/').collect();
    let path = unescape(parts.first()?);
    let method = parts.get(1)?.to_uppercase();
    match parts[2..] {
        ["requestBody", "content", _, "schema"] => Some(Target::Body { path, method, schema: None }),
        ["responses", status, "content", _, "schema"] => {
            Some(Target::Response { path, method, status: unescape(status), schema: None })
        }
        _ => None,
    }
}

/// `ty` as a Rust type path usable from outside the crate `krate`, or `None` for types examples cannot be
/// decoded into (bytes, file parts, no body).
pub fn rust_type(ty: &TypeRef, krate: &str) -> Option<String> {
    Some(match ty {
        TypeRef::String => "String".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::I32 => "i32".into(),
        TypeRef::I64 => "i64".into(),
        TypeRef::F32 => "f32".into(),
        TypeRef::F64 => "f64".into(),
        TypeRef::Json => "::serde_json::Value".into(),
        TypeRef::Bytes | TypeRef::File | TypeRef::Unit => return None,
        TypeRef::Named(n) | TypeRef::Boxed(n) => format!("{krate}::{n}"),
        TypeRef::Nullable(t) => format!("Option<{}>", rust_type(t, krate)?),
        TypeRef::Vec(t) => format!("Vec<{}>", rust_type(t, krate)?),
        TypeRef::Map(t) => format!("::std::collections::BTreeMap<String, {}>", rust_type(t, krate)?),
    })
}

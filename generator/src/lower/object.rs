//! Objects, `allOf` merging and `oneOf`/`anyOf` unions.

use std::borrow::Cow;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ObjectType, ReferenceOr, Schema, SchemaData, SchemaKind, Type,
};
use serde_json::Value;

use super::{Lowered, Lowerer};
use crate::ir::{
    Checks, Direction, Field, Presence, Struct, TypeKind, TypeRef, Union, UnionVariant,
};
use crate::names::{self, Namespace};
use crate::pointer::{self, child};

/// The parts of an object schema, whichever way openapiv3 parsed it.
/// Borrowed from the document, except when `allOf` members are merged.
#[derive(Clone, Debug, Default)]
pub(crate) struct ObjectParts<'s> {
    pub properties: Cow<'s, IndexMap<String, ReferenceOr<Box<Schema>>>>,
    pub required: Cow<'s, [String]>,
    pub additional: Option<Cow<'s, AdditionalProperties>>,
}

impl<'s> ObjectParts<'s> {
    pub fn from_object(o: &'s ObjectType) -> Self {
        ObjectParts {
            properties: Cow::Borrowed(&o.properties),
            required: Cow::Borrowed(&o.required),
            additional: o.additional_properties.as_ref().map(Cow::Borrowed),
        }
    }

    pub fn from_any(a: &'s AnySchema) -> Self {
        ObjectParts {
            properties: Cow::Borrowed(&a.properties),
            required: Cow::Borrowed(&a.required),
            additional: a.additional_properties.as_ref().map(Cow::Borrowed),
        }
    }
}

/// What a property's schema says about it beside its type (for a `$ref`, the target's flags; docs stay with the
/// target type).
#[derive(Clone, Debug, Default, PartialEq)]
struct PropertyMeta {
    read_only: bool,
    write_only: bool,
    deprecated: bool,
    doc: Option<String>,
}

impl Lowerer<'_> {
    /// An object: a struct when it has properties, else a map.
    pub fn object(
        &mut self,
        s: &Schema,
        obj: ObjectParts,
        pointer: &str,
        hint: &str,
        dir: Direction,
        fixed: Option<String>,
    ) -> Lowered {
        let additional = match obj.additional.as_deref() {
            Some(AdditionalProperties::Schema(schema)) => {
                let l = self.schema(
                    schema,
                    &child(pointer, "additionalProperties"),
                    &format!("{hint}Value"),
                    dir,
                );
                Some(if l.nullable {
                    TypeRef::Nullable(Box::new(l.ty))
                } else {
                    l.ty
                })
            }
            Some(AdditionalProperties::Any(false)) => None,
            _ if obj.properties.is_empty() => Some(TypeRef::Json),
            _ => None,
        };
        if obj.properties.is_empty() {
            let ty = TypeRef::Map(Box::new(additional.unwrap_or(TypeRef::Json)));
            return self.maybe_alias(ty, Checks::default(), pointer, fixed);
        }
        let name = fixed.unwrap_or_else(|| self.type_names.claim(&names::hinted_type_name(hint)));
        let mut fields = Vec::with_capacity(obj.properties.len());
        let mut ns = Namespace::default();
        let properties = child(pointer, "properties");
        for (wire, prop) in obj.properties.iter() {
            let prop_pointer = child(&properties, wire);
            let meta = self.property_meta(prop, &prop_pointer);
            if (meta.read_only && dir == Direction::Request)
                || (meta.write_only && dir == Direction::Response)
            {
                continue;
            }
            // Only an inline schema can make a named type; most properties are references or plain scalars.
            let hint = if makes_no_type(prop) {
                String::new()
            } else {
                format!("{name}{}", names::camel(wire))
            };
            let l = self.boxed(prop, &prop_pointer, &hint, dir);
            let ty = match l.ty {
                TypeRef::Named(n) if self.in_progress.contains(&n) || n == name => {
                    TypeRef::Boxed(n)
                }
                other => other,
            };
            let required = obj.required.iter().any(|r| r == wire);
            let presence = match (required, l.nullable) {
                (true, false) => Presence::Required,
                (true, true) => Presence::RequiredNullable,
                (false, true) if dir == Direction::Request => Presence::OptionalNullable,
                (false, _) => Presence::Optional,
            };
            fields.push(Field {
                name: ns.claim(&names::snake(wire)),
                wire: wire.clone(),
                doc: meta.doc,
                ty,
                presence,
                checks: l.checks,
                deprecated: meta.deprecated,
                write_only: meta.write_only,
            });
        }
        let additional_name = ns.claim("additional_properties");
        let any_present = pointer::lookup(self.raw, pointer)
            .map(|raw| any_present(raw, &fields))
            .unwrap_or_default();
        let soft_delete_field = s
            .schema_data
            .extensions
            .get("x-soft-delete-field")
            .and_then(Value::as_str)
            .map(str::to_owned);
        if let Some(f) = &soft_delete_field
            && !fields.iter().any(|x| &x.wire == f)
        {
            self.diags.warn(
                child(pointer, "x-soft-delete-field"),
                format!("no property named {f}; ignored"),
            );
        }
        self.add_schema_type(
            &name,
            s,
            pointer,
            TypeKind::Struct(Struct {
                fields,
                additional,
                additional_name,
                any_present,
                soft_delete_field,
            }),
        );
        Lowered {
            ty: TypeRef::Named(name),
            checks: Checks::default(),
            nullable: false,
        }
    }

    fn property_meta(
        &mut self,
        prop: &ReferenceOr<Box<Schema>>,
        pointer: &str,
    ) -> PropertyMeta {
        match prop {
            ReferenceOr::Item(s) => {
                // `allOf: [{$ref: X}, {description: .., readOnly: true}]` annotates the property like its own keywords.
                let mut meta = PropertyMeta::default();
                for d in annotations(s) {
                    meta.read_only |= d.read_only;
                    meta.write_only |= d.write_only;
                    meta.deprecated |= d.deprecated;
                    if meta.doc.is_none() {
                        let default = d
                            .default
                            .as_ref()
                            .map(|v| format!("Default when absent: `{v}`."));
                        let text = super::doc(d.title.as_deref(), d.description.as_deref());
                        meta.doc = super::doc(text.as_deref(), default.as_deref());
                    }
                }
                meta
            }
            ReferenceOr::Reference { reference } => {
                let item = ReferenceOr::<Schema>::Reference {
                    reference: reference.clone(),
                };
                match self.resolve_schema(&item, pointer) {
                    Some((s, _)) => PropertyMeta {
                        read_only: s.schema_data.read_only,
                        write_only: s.schema_data.write_only,
                        deprecated: s.schema_data.deprecated,
                        doc: None,
                    },
                    None => PropertyMeta::default(),
                }
            }
        }
    }

    /// `allOf`: one member is that member; several are merged into one object.
    pub fn all_of(
        &mut self,
        s: &Schema,
        all: &[ReferenceOr<Schema>],
        pointer: &str,
        hint: &str,
        dir: Direction,
        fixed: Option<String>,
    ) -> Lowered {
        // Members that only annotate (`{description: ..}`, `{nullable: true}`) add no constraint: the 3.0 way of
        // describing a `$ref` is `allOf: [{$ref: X}, {description: ..}]`, which is X.
        let typed: Vec<(usize, &ReferenceOr<Schema>)> = all
            .iter()
            .enumerate()
            .filter(|(_, m)| annotation_only(m).is_none())
            .collect();
        let nullable_member = all
            .iter()
            .filter_map(annotation_only)
            .any(|d| d.nullable);
        // Members that are all scalars or arrays (`allOf: [{type: string}, {minLength: 1, type: string}]`) are one
        // value of the first member's type, with every member's checks.
        let scalars = typed.len() > 1 && typed.iter().all(|(_, m)| self.scalar_member(m, pointer));
        if typed.len() <= 1 || scalars {
            let Some(&(i, first)) = typed.first() else {
                return Lowered {
                    nullable: nullable_member,
                    ..Lowered::default()
                };
            };
            let mut l = self.schema(first, &pointer::index(&child(pointer, "allOf"), i), hint, dir);
            for &(i, m) in &typed[1..] {
                let more = self.schema(m, &pointer::index(&child(pointer, "allOf"), i), hint, dir);
                merge_checks(&mut l.checks, more.checks);
                l.nullable &= more.nullable;
            }
            l.nullable |= nullable_member;
            return match fixed {
                Some(name) if super::schema::named(&l.ty).is_none_or(|n| n != name) => {
                    let nullable = l.nullable;
                    let mut a = self.maybe_alias(l.ty, l.checks, pointer, Some(name));
                    a.nullable = nullable;
                    a
                }
                _ => l,
            };
        }
        // The merged properties are lowered inline, under this schema's pointer, so nothing names this schema if
        // its members' properties lead back to it.
        // Content, not location, identifies the allOf (a copy met deeper inside itself has another pointer); member
        // `$ref`s stand for their targets, so the usual all-`$ref` allOf costs no serialisation.
        let mut key = format!("{dir:?}");
        for m in all {
            match m {
                ReferenceOr::Reference { reference } => key.push_str(reference),
                ReferenceOr::Item(_) => key.push_str(&serde_json::to_string(m).unwrap_or_default()),
            }
            key.push('|');
        }
        if !self.enter_unnamed(key, pointer, "this allOf") {
            return Lowered::default();
        }
        let mut merged = ObjectParts::default();
        for (i, member) in typed {
            let member_pointer = pointer::index(&child(pointer, "allOf"), i);
            self.merge_into(&mut merged, member, &member_pointer, &mut Vec::new());
        }
        let mut lowered = self.object(s, merged, pointer, hint, dir, fixed);
        lowered.nullable |= nullable_member;
        self.expanding.pop();
        lowered
    }

    /// Whether an `allOf` member (after `$ref`s) is a scalar or array schema, which has no properties to merge.
    fn scalar_member(&mut self, member: &ReferenceOr<Schema>, pointer: &str) -> bool {
        let Some((schema, _)) = self.resolve_schema(member, pointer) else {
            return false;
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(_)) => false,
            SchemaKind::Type(_) => true,
            SchemaKind::Any(a) => {
                matches!(a.typ.as_deref(), Some("string" | "integer" | "number" | "boolean" | "array"))
                    && a.properties.is_empty()
                    && a.all_of.is_empty()
                    && a.one_of.is_empty()
                    && a.any_of.is_empty()
            }
            _ => false,
        }
    }

    /// Adds a member's properties; `path` holds the members being merged around it, to refuse an allOf cycle.
    fn merge_into(
        &mut self,
        out: &mut ObjectParts,
        member: &ReferenceOr<Schema>,
        pointer: &str,
        path: &mut Vec<String>,
    ) {
        let Some((schema, target)) = self.resolve_schema(member, pointer) else {
            return;
        };
        if path.contains(&target) {
            self.diags.error(
                pointer,
                format!(
                    "allOf cycle with no base case: {} -> {target}",
                    path.join(" -> ")
                ),
            );
            return;
        }
        let parts = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => ObjectParts::from_object(o),
            SchemaKind::Any(a) if a.all_of.is_empty() => ObjectParts::from_any(a),
            SchemaKind::AllOf { all_of } | SchemaKind::Any(AnySchema { all_of, .. }) => {
                path.push(target);
                for (i, m) in all_of.iter().enumerate() {
                    self.merge_into(
                        out,
                        m,
                        &pointer::index(&child(pointer, "allOf"), i),
                        path,
                    );
                }
                path.pop();
                return;
            }
            _ => {
                self.diags.warn(
                    pointer,
                    "allOf member is not an object; its constraints are ignored",
                );
                return;
            }
        };
        for (k, v) in parts.properties.iter() {
            if !out.properties.contains_key(k) {
                out.properties.to_mut().insert(k.clone(), v.clone());
            }
        }
        for r in parts.required.iter() {
            if !out.required.contains(r) {
                out.required.to_mut().push(r.clone());
            }
        }
        if out.additional.is_none() {
            out.additional = parts.additional.map(|a| Cow::Owned(a.into_owned()));
        }
    }

    /// `oneOf` / `anyOf`: `null` members make it nullable; one remaining member is that member; else an enum.
    #[allow(clippy::too_many_arguments)]
    pub fn union(
        &mut self,
        s: &Schema,
        members: &[ReferenceOr<Schema>],
        key: &str,
        pointer: &str,
        hint: &str,
        dir: Direction,
        fixed: Option<String>,
    ) -> Lowered {
        let mut nullable = false;
        let mut kept = Vec::new();
        for (i, m) in members.iter().enumerate() {
            if is_null_only(m) {
                nullable = true;
            } else {
                kept.push((i, m));
            }
        }
        if let [(i, only)] = kept.as_slice() {
            let mut l = self.schema(
                only,
                &pointer::index(&child(pointer, key), *i),
                hint,
                dir,
            );
            l.nullable |= nullable;
            return l;
        }
        if kept.is_empty() {
            return Lowered {
                nullable,
                ..Lowered::default()
            };
        }
        let name = fixed.unwrap_or_else(|| self.type_names.claim(&names::hinted_type_name(hint)));
        self.in_progress.insert(name.clone());
        let discriminator = s.schema_data.discriminator.clone();
        let mut members = Vec::new();
        for (i, m) in kept {
            let member_pointer = pointer::index(&child(pointer, key), i);
            let l = self.schema(m, &member_pointer, &format!("{name}Variant{i}"), dir);
            let ty = match l.ty {
                TypeRef::Named(n) if self.in_progress.contains(&n) => TypeRef::Boxed(n),
                other => other,
            };
            let referenced = match m {
                ReferenceOr::Reference { reference } => Some(pointer::last_token(reference)),
                ReferenceOr::Item(_) => None,
            };
            let base = names::union_variant(referenced.as_deref(), &ty);
            let mut tags = Vec::new();
            if let (Some(d), ReferenceOr::Reference { reference }) = (&discriminator, m) {
                tags = d
                    .mapping
                    .iter()
                    .filter(|(_, r)| *r == reference || pointer::last_token(reference) == r.as_str())
                    .map(|(k, _)| k.clone())
                    .collect();
                if tags.is_empty() {
                    tags.push(pointer::last_token(reference).into_owned());
                }
            }
            let ty = if l.nullable { TypeRef::Nullable(Box::new(ty)) } else { ty };
            members.push((base, tags, ty));
        }
        self.in_progress.remove(&name);
        let tag = discriminator
            .map(|d| d.property_name)
            .filter(|_| members.iter().all(|(_, tags, _)| !tags.is_empty()));
        // A tagged union adds a variant for unknown tags.
        let mut ns = match tag {
            Some(_) => Namespace::with_reserved(&[names::FALLBACK_VARIANT]),
            None => Namespace::default(),
        };
        let variants = members
            .into_iter()
            .map(|(base, tags, ty)| UnionVariant { name: ns.claim(&base), tags, ty })
            .collect();
        self.add_schema_type(&name, s, pointer, TypeKind::Union(Union { tag, variants }));
        Lowered {
            ty: TypeRef::Named(name),
            checks: Checks::default(),
            nullable,
        }
    }
}

/// Adds the checks of another `allOf` member; where both constrain the same keyword, the first member's stays.
fn merge_checks(into: &mut Checks, from: Checks) {
    let Checks { min_length, max_length, pattern, email, one_of, minimum, maximum, min_items, max_items, items } = from;
    into.min_length = into.min_length.or(min_length);
    into.max_length = into.max_length.or(max_length);
    into.pattern = into.pattern.take().or(pattern);
    into.email |= email;
    into.one_of = into.one_of.take().or(one_of);
    into.minimum = into.minimum.or(minimum);
    into.maximum = into.maximum.or(maximum);
    into.min_items = into.min_items.or(min_items);
    into.max_items = into.max_items.or(max_items);
    into.items = into.items.take().or(items);
}

/// The annotations of an inline schema that constrains nothing (only `description`, `title`, `example`,
/// `nullable`, `readOnly` and the like), or `None` when the schema is a `$ref` or constrains the value.
pub(crate) fn annotation_only(m: &ReferenceOr<Schema>) -> Option<&SchemaData> {
    match m {
        ReferenceOr::Item(s) if matches!(&s.schema_kind, SchemaKind::Any(a) if *a == AnySchema::default()) => {
            Some(&s.schema_data)
        }
        _ => None,
    }
}

/// A schema's own annotations, then those of its `allOf` members that only annotate.
pub(crate) fn annotations(s: &Schema) -> impl Iterator<Item = &SchemaData> {
    let members: &[ReferenceOr<Schema>] = match &s.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        _ => &[],
    };
    std::iter::once(&s.schema_data).chain(members.iter().filter_map(annotation_only))
}

fn is_null_only(m: &ReferenceOr<Schema>) -> bool {
    match m {
        ReferenceOr::Item(s) => {
            s.schema_data.nullable
                && matches!(&s.schema_kind, SchemaKind::Any(a) if a.typ.is_none() && a.properties.is_empty() && a.items.is_none() && a.enumeration.iter().all(Value::is_null) && a.one_of.is_empty() && a.any_of.is_empty() && a.all_of.is_empty())
        }
        ReferenceOr::Reference { .. } => false,
    }
}

/// True for a `$ref` or an inline scalar schema without an enumeration: lowering them creates no named type.
fn makes_no_type(prop: &ReferenceOr<Box<openapiv3::Schema>>) -> bool {
    use openapiv3::{SchemaKind, Type};
    match prop {
        ReferenceOr::Reference { .. } => true,
        ReferenceOr::Item(s) => match &s.schema_kind {
            SchemaKind::Type(Type::String(t)) => t.enumeration.is_empty(),
            SchemaKind::Type(Type::Integer(t)) => t.enumeration.is_empty(),
            SchemaKind::Type(Type::Number(t)) => t.enumeration.is_empty(),
            SchemaKind::Type(Type::Boolean(t)) => t.enumeration.is_empty(),
            _ => false,
        },
    }
}

/// Reads `anyOf: [{required: [a]}, {required: [b, c]}]` (a constraint, not a type) from the raw schema:
/// the alternatives, each a list of wire names that must all be present.
fn any_present(raw: &Value, fields: &[Field]) -> Vec<Vec<String>> {
    let Some(members) = raw.get("anyOf").and_then(Value::as_array) else {
        return Vec::new();
    };
    let mut alternatives = Vec::new();
    for m in members {
        let Some(obj) = m.as_object() else {
            return Vec::new();
        };
        if obj.keys().any(|k| k != "required") {
            return Vec::new();
        }
        let names: Vec<String> = obj
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        if names.is_empty() || !names.iter().all(|n| fields.iter().any(|f| &f.wire == n)) {
            return Vec::new();
        }
        alternatives.push(names);
    }
    alternatives
}

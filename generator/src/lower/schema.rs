//! Schema lowering: a schema (or `$ref`) in one direction -> a `TypeRef`, its checks and nullability.

use openapiv3::{
    AnySchema, ArrayType, IntegerFormat, IntegerType, NumberFormat, NumberType, ReferenceOr,
    Schema, SchemaKind, StringFormat, StringType, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::{Lowered, Lowerer, graph};
use crate::ir::{Checks, Direction, Enum, EnumVariant, TypeDef, TypeKind, TypeRef};
use crate::names::{self, Namespace};
use crate::pointer::{self, ComponentKind, child};

/// How many schemas deep (properties, items, members, `$ref`s) lowering goes before degrading to untyped JSON.
pub(crate) const MAX_DEPTH: usize = 64;

impl Lowerer<'_> {
    /// Lowers a schema or reference found at `pointer`; `hint` names inline types created for it.
    pub fn schema(
        &mut self,
        s: &ReferenceOr<Schema>,
        pointer: &str,
        hint: &str,
        dir: Direction,
    ) -> Lowered {
        match s {
            ReferenceOr::Reference { reference } => self.schema_ref(reference, pointer, dir),
            ReferenceOr::Item(schema) => self.inline_memo(schema, pointer, hint, dir),
        }
    }

    /// Lowers an inline schema once per location and direction (shared component responses reuse one type).
    fn inline_memo(
        &mut self,
        schema: &Schema,
        pointer: &str,
        hint: &str,
        dir: Direction,
    ) -> Lowered {
        let key = (pointer.to_owned(), dir);
        if let Some(done) = self.memo.get(&key) {
            return done.clone();
        }
        let lowered = self.inline(schema, pointer, hint, dir, None);
        self.memo.insert(key, lowered.clone());
        lowered
    }

    /// Same as [`Self::schema`] for the boxed form used by properties and items. Their inline schemas are not
    /// memoised: the schema holding them is, so each is lowered once per direction already.
    pub fn boxed(
        &mut self,
        s: &ReferenceOr<Box<Schema>>,
        pointer: &str,
        hint: &str,
        dir: Direction,
    ) -> Lowered {
        match s {
            ReferenceOr::Reference { reference } => self.schema_ref(reference, pointer, dir),
            ReferenceOr::Item(schema) => self.inline(schema, pointer, hint, dir, None),
        }
    }

    /// Lowers the target of a `$ref`, once per direction; references to a type being lowered are left to be boxed.
    pub fn schema_ref(&mut self, reference: &str, pointer: &str, dir: Direction) -> Lowered {
        let component = pointer::component_name(reference, ComponentKind::Schemas);
        let dir = match &component {
            Some(name) => graph::effective(&self.graph, name, dir),
            None => dir,
        };
        let key = (reference.to_owned(), dir);
        if let Some(done) = self.memo.get(&key) {
            return done.clone();
        }
        let fixed = component
            .as_ref()
            .and_then(|n| self.graph.name(n, dir).cloned());
        if let Some(name) = &fixed
            && self.in_progress.contains(name)
        {
            return Lowered {
                ty: TypeRef::Named(name.clone()),
                ..Lowered::default()
            };
        }
        // A target without a component name cannot be boxed, so lowering it inside itself would never end.
        let unnamed = fixed.is_none();
        if unnamed && !self.enter_unnamed(format!("{dir:?} {reference}"), pointer, reference) {
            return Lowered::default();
        }
        let lowered = self.ref_target(reference, pointer, dir, fixed);
        if unnamed {
            self.expanding.pop();
        }
        lowered
    }

    /// Starts expanding an unnamed schema (`key`: direction and content). It may be met once more inside itself
    /// (a component on the way round ends that), but a third time means it contains itself: then it warns and is false.
    pub(crate) fn enter_unnamed(&mut self, key: String, pointer: &str, what: &str) -> bool {
        if self.expanding.iter().filter(|k| **k == key).count() >= 2 {
            let message = format!(
                "{what} contains itself with no component schema in between to name it; the value is untyped JSON"
            );
            self.diags.warn(pointer, message);
            return false;
        }
        self.expanding.push(key);
        true
    }

    /// Lowers the schema a `$ref` points to and memoises it.
    fn ref_target(
        &mut self,
        reference: &str,
        pointer: &str,
        dir: Direction,
        fixed: Option<String>,
    ) -> Lowered {
        let key = (reference.to_owned(), dir);
        let item = ReferenceOr::<Schema>::Reference {
            reference: reference.to_owned(),
        };
        let Some((schema, target)) = self.resolve_schema(&item, pointer) else {
            return Lowered::default();
        };
        // A chain from a pointer that names no component (`#/components/schemas/A/properties/b`, itself a `$ref`)
        // that ends at a component is that component, under its name.
        let ends_at_component = pointer::component_name(&target, ComponentKind::Schemas).is_some();
        if fixed.is_none() && target != reference && ends_at_component {
            let lowered = self.schema_ref(&target, pointer, dir);
            self.memo.insert(key, lowered.clone());
            return lowered;
        }
        if let Some(name) = &fixed
            && target.starts_with(ComponentKind::Schemas.prefix())
            && self.is_ref_only(reference)
        {
            let lowered = self.alias_of(name, &target, reference, dir);
            self.memo.insert(key, lowered.clone());
            return lowered;
        }
        let hint = pointer::last_token(&target).into_owned();
        if let Some(name) = &fixed {
            self.in_progress.insert(name.clone());
        }
        let lowered = self.inline(&schema, &target, &hint, dir, fixed.clone());
        if let Some(name) = &fixed {
            self.in_progress.remove(name);
        }
        self.memo.insert(key, lowered.clone());
        lowered
    }

    /// True when the schema at `reference` is nothing but a `$ref` (`Author: {$ref: Person}`).
    fn is_ref_only(&self, reference: &str) -> bool {
        pointer::lookup(self.raw, reference).and_then(|r| r.get("$ref")).is_some()
    }

    /// `name` as a type alias of `target`, the schema at the end of its reference chain (`resolve` found that end).
    fn alias_of(&mut self, name: &str, target: &str, pointer: &str, dir: Direction) -> Lowered {
        self.in_progress.insert(name.to_owned());
        let l = self.schema_ref(target, pointer, dir);
        self.in_progress.remove(name);
        let mut alias = self.maybe_alias(
            l.ty.clone(),
            l.checks.clone(),
            pointer,
            Some(name.to_owned()),
        );
        alias.nullable = l.nullable;
        // Reached from inside the target itself: use the target's name, which the referrer knows to box.
        if named(&l.ty).is_some_and(|n| self.in_progress.contains(&n)) {
            return l;
        }
        alias
    }

    /// Lowers an inline schema. `fixed` is the Rust name to use if it becomes a named type.
    /// Past [`MAX_DEPTH`] nested schemas (through `$ref`s too) the schema degrades to untyped JSON.
    pub fn inline(
        &mut self,
        s: &Schema,
        pointer: &str,
        hint: &str,
        dir: Direction,
        fixed: Option<String>,
    ) -> Lowered {
        if self.depth >= MAX_DEPTH {
            let message = format!(
                "schemas nest more than {MAX_DEPTH} deep here (counting $refs); the value is untyped JSON"
            );
            self.diags.warn(pointer, message);
            return Lowered::default();
        }
        self.depth += 1;
        let out = self.inline_at(s, pointer, hint, dir, fixed);
        self.depth -= 1;
        out
    }

    fn inline_at(
        &mut self,
        s: &Schema,
        pointer: &str,
        hint: &str,
        dir: Direction,
        fixed: Option<String>,
    ) -> Lowered {
        let nullable = s.schema_data.nullable;
        let mut out = match &s.schema_kind {
            SchemaKind::Type(Type::String(st)) => self.string(s, st, pointer, hint, fixed),
            SchemaKind::Type(Type::Integer(it)) => self.integer(s, it, pointer, hint, fixed),
            SchemaKind::Type(Type::Number(nt)) => number(nt),
            SchemaKind::Type(Type::Boolean(_)) => Lowered {
                ty: TypeRef::Bool,
                ..Lowered::default()
            },
            SchemaKind::Type(Type::Array(at)) => self.array(at, pointer, hint, dir, fixed),
            SchemaKind::Type(Type::Object(ot)) => {
                let obj = super::object::ObjectParts::from_object(ot);
                self.object(s, obj, pointer, hint, dir, fixed)
            }
            SchemaKind::AllOf { all_of } => self.all_of(s, all_of, pointer, hint, dir, fixed),
            SchemaKind::OneOf { one_of } => {
                self.union(s, one_of, "oneOf", pointer, hint, dir, fixed)
            }
            SchemaKind::AnyOf { any_of } => {
                self.union(s, any_of, "anyOf", pointer, hint, dir, fixed)
            }
            SchemaKind::Not { .. } => {
                self.diags
                    .warn(pointer, "`not` is not modelled; the value is untyped JSON");
                Lowered::default()
            }
            SchemaKind::Any(any) => self.any(s, any, pointer, hint, dir, fixed),
        };
        out.nullable |= nullable;
        if let Some(name) = named(&out.ty)
            && let Some(def) = self.types.get_mut(&name)
        {
            def.deprecated |= s.schema_data.deprecated;
        }
        out
    }

    fn string(
        &mut self,
        s: &Schema,
        st: &StringType,
        pointer: &str,
        hint: &str,
        fixed: Option<String>,
    ) -> Lowered {
        let mut checks = Checks {
            min_length: to_u64(st.min_length),
            max_length: to_u64(st.max_length),
            ..Checks::default()
        };
        if let Some(p) = &st.pattern {
            if regex_syntax::Parser::new().parse(p).is_ok() {
                checks.pattern = Some(p.clone());
            } else {
                self.diags.warn(
                    child(pointer, "pattern"),
                    "pattern is not supported by the regex crate; not checked",
                );
            }
        }
        let format = match &st.format {
            VariantOrUnknownOrEmpty::Unknown(f) => f.as_str(),
            VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => "binary",
            _ => "",
        };
        checks.email = format == "email";
        let nullable = st.enumeration.iter().any(Option::is_none);
        let values: Vec<String> = st.enumeration.iter().flatten().cloned().collect();
        if values.is_empty() {
            return Lowered {
                ty: TypeRef::String,
                checks,
                nullable,
            };
        }
        if ext_bool(&s.schema_data.extensions, "x-enum-validate-only") {
            checks.one_of = Some(values);
            return Lowered {
                ty: TypeRef::String,
                checks,
                nullable,
            };
        }
        let name = self.enum_type(s, pointer, hint, fixed, false, values);
        Lowered {
            ty: TypeRef::Named(name),
            checks: Checks::default(),
            nullable,
        }
    }

    fn integer(
        &mut self,
        s: &Schema,
        it: &IntegerType,
        pointer: &str,
        hint: &str,
        fixed: Option<String>,
    ) -> Lowered {
        let ty = match it.format {
            VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::I32,
            _ => TypeRef::I64,
        };
        let nullable = it.enumeration.iter().any(Option::is_none);
        let values: Vec<String> = it
            .enumeration
            .iter()
            .flatten()
            .map(i64::to_string)
            .collect();
        if !values.is_empty() {
            let name = self.enum_type(s, pointer, hint, fixed, true, values);
            return Lowered {
                ty: TypeRef::Named(name),
                checks: Checks::default(),
                nullable,
            };
        }
        let checks = Checks {
            minimum: it.minimum.map(|m| (m as f64, it.exclusive_minimum)),
            maximum: it.maximum.map(|m| (m as f64, it.exclusive_maximum)),
            ..Checks::default()
        };
        Lowered {
            ty,
            checks,
            nullable: false,
        }
    }

    fn array(
        &mut self,
        at: &ArrayType,
        pointer: &str,
        hint: &str,
        dir: Direction,
        fixed: Option<String>,
    ) -> Lowered {
        let item = match &at.items {
            Some(items) => self.boxed(items, &child(pointer, "items"), &format!("{hint}Item"), dir),
            None => Lowered::default(),
        };
        let item_ty = if item.nullable {
            TypeRef::Nullable(Box::new(item.ty))
        } else {
            item.ty
        };
        let checks = Checks {
            min_items: to_u64(at.min_items),
            max_items: to_u64(at.max_items),
            items: (!item.checks.is_empty()).then(|| Box::new(item.checks)),
            ..Checks::default()
        };
        let ty = TypeRef::Vec(Box::new(item_ty));
        self.maybe_alias(ty, checks, pointer, fixed)
    }

    /// A component that is an array or map becomes a type alias under its own name.
    pub fn maybe_alias(
        &mut self,
        ty: TypeRef,
        checks: Checks,
        pointer: &str,
        fixed: Option<String>,
    ) -> Lowered {
        let Some(name) = fixed else {
            return Lowered {
                ty,
                checks,
                nullable: false,
            };
        };
        self.add_type(TypeDef {
            name: name.clone(),
            doc: None,
            pointer: pointer.to_owned(),
            sent: false,
            received: false,
            serialized: false,
            kind: TypeKind::Alias(ty),
            deprecated: false,
            features: Vec::new(),
        });
        Lowered {
            ty: TypeRef::Named(name),
            checks,
            nullable: false,
        }
    }

    fn any(
        &mut self,
        s: &Schema,
        any: &AnySchema,
        pointer: &str,
        hint: &str,
        dir: Direction,
        fixed: Option<String>,
    ) -> Lowered {
        if !any.all_of.is_empty() {
            // Properties beside `allOf` (`allOf: [{$ref: Base}], properties: {..}`) are one more member to merge.
            let own = !any.properties.is_empty() || !any.required.is_empty() || any.additional_properties.is_some();
            if !own {
                return self.all_of(s, &any.all_of, pointer, hint, dir, fixed);
            }
            if any.all_of.iter().all(|m| super::object::annotation_only(m).is_some()) {
                let obj = super::object::ObjectParts::from_any(any);
                return self.object(s, obj, pointer, hint, dir, fixed);
            }
            let siblings = AnySchema {
                typ: Some("object".into()),
                properties: any.properties.clone(),
                required: any.required.clone(),
                additional_properties: any.additional_properties.clone(),
                ..AnySchema::default()
            };
            let mut members = any.all_of.clone();
            members.push(ReferenceOr::Item(Schema {
                schema_data: openapiv3::SchemaData::default(),
                schema_kind: SchemaKind::Any(siblings),
            }));
            return self.all_of(s, &members, pointer, hint, dir, fixed);
        }
        if !any.properties.is_empty() || any.typ.as_deref() == Some("object") {
            let obj = super::object::ObjectParts::from_any(any);
            return self.object(s, obj, pointer, hint, dir, fixed);
        }
        if !any.one_of.is_empty() {
            return self.union(s, &any.one_of, "oneOf", pointer, hint, dir, fixed);
        }
        if !any.any_of.is_empty() {
            return self.union(s, &any.any_of, "anyOf", pointer, hint, dir, fixed);
        }
        if any.items.is_some() || any.typ.as_deref() == Some("array") {
            let at = ArrayType {
                items: any.items.clone(),
                min_items: any.min_items,
                max_items: any.max_items,
                unique_items: false,
            };
            return self.array(&at, pointer, hint, dir, fixed);
        }
        let strings: Option<Vec<String>> = any
            .enumeration
            .iter()
            .filter(|v| !v.is_null())
            .map(|v| v.as_str().map(str::to_owned))
            .collect();
        match (any.typ.as_deref(), strings) {
            (Some("string") | None, Some(values)) if !values.is_empty() => {
                let name = self.enum_type(s, pointer, hint, fixed, false, values);
                Lowered {
                    ty: TypeRef::Named(name),
                    checks: Checks::default(),
                    nullable: any.enumeration.iter().any(Value::is_null),
                }
            }
            (Some("string"), _) => Lowered {
                ty: TypeRef::String,
                ..Lowered::default()
            },
            (Some("integer"), _) => Lowered {
                ty: TypeRef::I64,
                ..Lowered::default()
            },
            (Some("number"), _) => Lowered {
                ty: TypeRef::F64,
                ..Lowered::default()
            },
            (Some("boolean"), _) => Lowered {
                ty: TypeRef::Bool,
                ..Lowered::default()
            },
            _ => Lowered::default(),
        }
    }

    /// Creates a string or integer enum type with a fallback variant for values the spec does not list.
    fn enum_type(
        &mut self,
        s: &Schema,
        pointer: &str,
        hint: &str,
        fixed: Option<String>,
        integer: bool,
        values: Vec<String>,
    ) -> String {
        let name = fixed.unwrap_or_else(|| self.type_names.claim(&names::hinted_type_name(hint)));
        let mut ns = Namespace::default();
        let mut variants = Vec::new();
        for wire in values {
            if variants.iter().any(|v: &EnumVariant| v.wire == wire) {
                continue;
            }
            let base = if integer {
                names::integer_variant(&wire)
            } else {
                names::camel(&wire)
            };
            variants.push(EnumVariant {
                name: ns.claim(&base),
                wire,
            });
        }
        let fallback = ns.claim(names::FALLBACK_VARIANT);
        self.add_schema_type(
            &name,
            s,
            pointer,
            TypeKind::Enum(Enum {
                integer,
                variants,
                fallback,
            }),
        );
        name
    }
}

fn number(nt: &NumberType) -> Lowered {
    let ty = match nt.format {
        VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => TypeRef::F32,
        _ => TypeRef::F64,
    };
    let checks = Checks {
        minimum: nt.minimum.map(|m| (m, nt.exclusive_minimum)),
        maximum: nt.maximum.map(|m| (m, nt.exclusive_maximum)),
        ..Checks::default()
    };
    Lowered {
        ty,
        checks,
        nullable: nt.enumeration.iter().any(Option::is_none),
    }
}

/// The named type a reference lowers to, if any.
pub(crate) fn named(ty: &TypeRef) -> Option<String> {
    match ty {
        TypeRef::Named(n) | TypeRef::Boxed(n) => Some(n.clone()),
        _ => None,
    }
}

pub(crate) fn to_u64(n: Option<usize>) -> Option<u64> {
    n.map(|n| n as u64)
}

/// Reads a boolean vendor extension.
pub(crate) fn ext_bool(ext: &indexmap::IndexMap<String, Value>, key: &str) -> bool {
    ext.get(key).and_then(Value::as_bool).unwrap_or(false)
}

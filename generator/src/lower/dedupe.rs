//! Merges structurally identical inline types (the same enum or object repeated across a spec) into one type.
//!
//! Large specs repeat inline schemas: GitHub's has hundreds of copies of `enum: [read, write]` and of webhook
//! payload objects. Each copy would otherwise be its own Rust type, multiplying the code to compile. Two types merge
//! when their shapes (fields, types, checks, variants) are equal; component schemas are never renamed, and an inline
//! copy of a component merges into the component. Merging repeats until no more types become equal.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hasher};

use super::Lowerer;
use crate::ir::{ErrorStatus, Operation, Success, TypeKind, TypeRef};

const COMPONENT_PREFIX: &str = "#/components/schemas/";

impl Lowerer<'_> {
    /// Merges duplicates and rewrites every reference to a merged type.
    pub fn dedupe(&mut self, ops: &mut [Operation], errors: &mut [ErrorStatus]) {
        for _ in 0..16 {
            let renames = self.duplicates();
            if renames.is_empty() {
                return;
            }
            for name in renames.keys() {
                self.types.remove(name);
            }
            for def in self.types.values_mut() {
                rename_kind(&mut def.kind, &renames);
            }
            for op in ops.iter_mut() {
                rename_op(op, &renames);
            }
            for e in errors.iter_mut() {
                rename(&mut e.body, &renames);
            }
        }
    }

    /// Inline types whose shape equals an earlier (preferred) type's, mapped to that type's name.
    fn duplicates(&self) -> BTreeMap<String, String> {
        let mut order: Vec<(&String, bool)> = self.types.iter().map(|(n, d)| (n, is_component(&d.pointer, n))).collect();
        order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.len().cmp(&b.0.len())).then(a.0.cmp(b.0)));
        // Shapes are bucketed by a hash of their `Debug` form (no string is built), then compared for real.
        let mut canonical: HashMap<u64, Vec<&String>> = HashMap::new();
        let mut renames = BTreeMap::new();
        for (name, component) in order {
            let Some(def) = self.types.get(name) else { continue };
            let mut hasher = DefaultHasher::new();
            let _ = write!(HashWriter(&mut hasher), "{:?}", def.kind);
            let bucket = canonical.entry(hasher.finish()).or_default();
            let same = bucket.iter().find(|other| self.types.get(**other).is_some_and(|o| o.kind == def.kind));
            match same {
                Some(target) if !component => {
                    renames.insert(name.clone(), (*target).clone());
                }
                Some(_) => {}
                None => bucket.push(name),
            }
        }
        renames
    }
}

/// Feeds formatted text straight into a hasher.
struct HashWriter<'h>(&'h mut DefaultHasher);

impl std::fmt::Write for HashWriter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

fn is_component(pointer: &str, name: &str) -> bool {
    pointer.strip_prefix(COMPONENT_PREFIX).is_some_and(|rest| !rest.contains('/')) && !name.is_empty()
}

fn rename(ty: &mut TypeRef, renames: &BTreeMap<String, String>) {
    match ty {
        TypeRef::Named(n) | TypeRef::Boxed(n) => {
            if let Some(to) = renames.get(n) {
                *n = to.clone();
            }
        }
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => rename(inner, renames),
        _ => {}
    }
}

fn rename_kind(kind: &mut TypeKind, renames: &BTreeMap<String, String>) {
    match kind {
        TypeKind::Struct(s) => {
            s.fields.iter_mut().for_each(|f| rename(&mut f.ty, renames));
            if let Some(a) = &mut s.additional {
                rename(a, renames);
            }
        }
        TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| rename(&mut v.ty, renames)),
        TypeKind::Alias(t) => rename(t, renames),
        TypeKind::Enum(_) => {}
    }
}

fn rename_op(op: &mut Operation, renames: &BTreeMap<String, String>) {
    op.path_params.iter_mut().chain(op.params.iter_mut()).for_each(|p| rename(&mut p.ty, renames));
    if let Some(b) = &mut op.body {
        rename(&mut b.ty, renames);
    }
    match &mut op.success {
        Success::Single(t, _) => rename(t, renames),
        Success::Several { variants, .. } => variants.iter_mut().for_each(|v| rename(&mut v.2, renames)),
    }
    if let Some(p) = &mut op.pagination {
        rename(&mut p.item, renames);
    }
}

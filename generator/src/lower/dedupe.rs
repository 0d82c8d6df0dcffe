//! Merges structurally identical inline types (the same enum or object repeated across a spec) into one type.
//!
//! Large specs repeat inline schemas: GitHub's has hundreds of copies of `enum: [read, write]` and of webhook
//! payload objects. Each copy would otherwise be its own Rust type, multiplying the code to compile. Two types merge
//! when their shapes (fields, types, checks, variants) are equal; component schemas are never renamed, and an inline
//! copy of a component merges into the component. Merging repeats until no more types become equal.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap as HashMap, FxHasher};

use super::Lowerer;
use crate::ir::{ErrorStatus, Operation, Success, TypeKind, TypeRef};

const COMPONENT_PREFIX: &str = "#/components/schemas/";

impl Lowerer<'_> {
    /// Merges duplicates and rewrites every reference to a merged type.
    pub fn dedupe(&mut self, ops: &mut [Operation], errors: &mut [ErrorStatus]) {
        let mut hashes: HashMap<String, u64> = self
            .types
            .iter()
            .map(|(n, d)| (n.clone(), shape_hash(&d.kind)))
            .collect();
        // The preference order (components first, then shorter names) does not change between rounds.
        let mut order: Vec<(String, bool)> = self
            .types
            .iter()
            .map(|(n, d)| (n.clone(), is_component(&d.pointer, n)))
            .collect();
        order.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(a.0.len().cmp(&b.0.len()))
                .then(a.0.cmp(&b.0))
        });
        for _ in 0..16 {
            let renames = self.duplicates(&order, &hashes);
            if renames.is_empty() {
                return;
            }
            for name in renames.keys() {
                self.types.remove(name);
                hashes.remove(name);
            }
            order.retain(|(n, _)| !renames.contains_key(n));
            for (name, def) in self.types.iter_mut() {
                if rename_kind(&mut def.kind, &renames) {
                    hashes.insert(name.clone(), shape_hash(&def.kind));
                }
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
    fn duplicates(
        &self,
        order: &[(String, bool)],
        hashes: &HashMap<String, u64>,
    ) -> BTreeMap<String, String> {
        // Shapes are bucketed by a hash of their skeleton, then compared for real.
        let mut canonical: HashMap<u64, Vec<&String>> = HashMap::default();
        let mut renames = BTreeMap::new();
        for (name, component) in order {
            let component = *component;
            let (Some(def), Some(hash)) = (self.types.get(name), hashes.get(name)) else {
                continue;
            };
            let bucket = canonical.entry(*hash).or_default();
            let same = bucket
                .iter()
                .find(|other| self.types.get(**other).is_some_and(|o| o.kind == def.kind));
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

/// A hash of a type's skeleton: its kind, wire names and referenced types. Docs and checks are left out, so
/// types that differ only there share a bucket and are told apart by the full comparison.
fn shape_hash(kind: &TypeKind) -> u64 {
    let mut h = FxHasher::default();
    match kind {
        TypeKind::Struct(s) => {
            h.write_u8(0);
            for f in &s.fields {
                f.wire.hash(&mut h);
                f.ty.hash(&mut h);
            }
            s.additional.hash(&mut h);
        }
        TypeKind::Enum(e) => {
            h.write_u8(1);
            e.integer.hash(&mut h);
            e.variants.iter().for_each(|v| v.wire.hash(&mut h));
        }
        TypeKind::Union(u) => {
            h.write_u8(2);
            u.tag.hash(&mut h);
            for v in &u.variants {
                v.tags.hash(&mut h);
                v.ty.hash(&mut h);
            }
        }
        TypeKind::Alias(t) => {
            h.write_u8(3);
            t.hash(&mut h);
        }
    }
    h.finish()
}

fn is_component(pointer: &str, name: &str) -> bool {
    pointer
        .strip_prefix(COMPONENT_PREFIX)
        .is_some_and(|rest| !rest.contains('/'))
        && !name.is_empty()
}

/// Renames merged types in a reference; true when something changed.
fn rename(ty: &mut TypeRef, renames: &BTreeMap<String, String>) -> bool {
    match ty {
        TypeRef::Named(n) | TypeRef::Boxed(n) => match renames.get(n) {
            Some(to) => {
                *n = to.clone();
                true
            }
            None => false,
        },
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            rename(inner, renames)
        }
        _ => false,
    }
}

fn rename_kind(kind: &mut TypeKind, renames: &BTreeMap<String, String>) -> bool {
    match kind {
        TypeKind::Struct(s) => {
            let mut changed = s
                .fields
                .iter_mut()
                .fold(false, |c, f| rename(&mut f.ty, renames) | c);
            if let Some(a) = &mut s.additional {
                changed |= rename(a, renames);
            }
            changed
        }
        TypeKind::Union(u) => u
            .variants
            .iter_mut()
            .fold(false, |c, v| rename(&mut v.ty, renames) | c),
        TypeKind::Alias(t) => rename(t, renames),
        TypeKind::Enum(_) => false,
    }
}

fn rename_op(op: &mut Operation, renames: &BTreeMap<String, String>) {
    op.path_params
        .iter_mut()
        .chain(op.params.iter_mut())
        .for_each(|p| {
            rename(&mut p.ty, renames);
        });
    if let Some(b) = &mut op.body {
        rename(&mut b.ty, renames);
    }
    match &mut op.success {
        Success::Single(t, _) => {
            rename(t, renames);
        }
        Success::Several(e) => e.variants.iter_mut().for_each(|v| {
            rename(&mut v.ty, renames);
        }),
    }
    if let Some(p) = &mut op.pagination {
        rename(&mut p.item, renames);
    }
}

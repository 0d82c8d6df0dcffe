//! Types that could never hold a finite value: a required, non-nullable property that leads back to its own type
//! (`TreeNode.parent: TreeNode`, required) is made optional on the Rust side, with a warning.
//!
//! No JSON document satisfies such a schema, and in Rust the type can neither be built nor validated without
//! recursing forever. Making the boxed field of each such cycle an `Option` keeps the type finite; the cycle's other
//! fields keep their presence.

use std::collections::{BTreeMap, BTreeSet};

use super::Lowerer;
use crate::diag::child;
use crate::ir::{Presence, TypeDef, TypeKind, TypeRef};

impl Lowerer<'_> {
    /// Relaxes to `Optional` every required, boxed field that lies on a cycle of required references.
    pub fn make_types_finite(&mut self) {
        let edges = required_edges(&self.types);
        let mut relaxed = Vec::new();
        for (owner, def) in &self.types {
            let TypeKind::Struct(s) = &def.kind else {
                continue;
            };
            for (i, f) in s.fields.iter().enumerate() {
                if let (Presence::Required, TypeRef::Boxed(target)) = (f.presence, &f.ty)
                    && reaches(&edges, target, owner)
                {
                    relaxed.push((owner.clone(), i));
                }
            }
        }
        for (owner, i) in relaxed {
            let Some(def) = self.types.get_mut(&owner) else {
                continue;
            };
            let pointer = child(&child(&def.pointer, "properties"), &field_wire(def, i));
            if let TypeKind::Struct(s) = &mut def.kind {
                s.fields[i].presence = Presence::Optional;
                let message = format!(
                    "required property `{}` leads back to `{owner}` through required properties, so no value could \
                     be finite; it is optional in Rust",
                    s.fields[i].wire
                );
                self.diags.warn(pointer, message);
            }
        }
    }
}

fn field_wire(def: &TypeDef, i: usize) -> String {
    match &def.kind {
        TypeKind::Struct(s) => s.fields[i].wire.clone(),
        _ => String::new(),
    }
}

/// For each type, the types every value of it must contain: required, non-nullable fields and aliases, by name.
fn required_edges(types: &BTreeMap<String, TypeDef>) -> BTreeMap<&str, Vec<&str>> {
    types
        .iter()
        .map(|(name, def)| {
            let targets = match &def.kind {
                TypeKind::Struct(s) => s
                    .fields
                    .iter()
                    .filter(|f| f.presence == Presence::Required)
                    .filter_map(|f| direct(&f.ty))
                    .collect(),
                TypeKind::Alias(ty) => direct(ty).into_iter().collect(),
                TypeKind::Enum(_) | TypeKind::Union(_) => Vec::new(),
            };
            (name.as_str(), targets)
        })
        .collect()
}

/// The named type a value of `ty` always holds, if any (not through a container or an `Option`).
fn direct(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(n) | TypeRef::Boxed(n) => Some(n.as_str()),
        _ => None,
    }
}

/// Whether `from` leads to `to` along required edges.
fn reaches(edges: &BTreeMap<&str, Vec<&str>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(at) = stack.pop() {
        if at == to {
            return true;
        }
        if seen.insert(at) {
            stack.extend(edges.get(at).into_iter().flatten().copied());
        }
    }
    false
}

/// How deep the checks of a value of type `ty` go (arrays, maps, nullable wrappers and aliases; a named struct or
/// union is checked by its own method, so it ends the count), up to just past [`crate::ir::MAX_CHECK_DEPTH`].
fn check_depth(types: &BTreeMap<String, TypeDef>, ty: &TypeRef, depth: usize) -> usize {
    if depth > crate::ir::MAX_CHECK_DEPTH {
        return depth;
    }
    match ty {
        TypeRef::Vec(t) | TypeRef::Map(t) | TypeRef::Nullable(t) => check_depth(types, t, depth + 1),
        TypeRef::Named(n) => match types.get(n).map(|d| &d.kind) {
            Some(TypeKind::Alias(t)) => check_depth(types, t, depth + 1),
            _ => depth,
        },
        _ => depth,
    }
}

impl Lowerer<'_> {
    /// Warns about sent values nested deeper than [`crate::ir::MAX_CHECK_DEPTH`]: their inner checks are skipped.
    pub fn warn_unchecked_depths(&mut self) {
        let mut warnings = Vec::new();
        for def in self.types.values().filter(|d| d.sent) {
            let TypeKind::Struct(s) = &def.kind else { continue };
            for f in &s.fields {
                if check_depth(&self.types, &f.ty, 0) > crate::ir::MAX_CHECK_DEPTH {
                    let at = crate::diag::child(&crate::diag::child(&def.pointer, "properties"), &f.wire);
                    warnings.push(at);
                }
            }
        }
        for at in warnings {
            let why = format!("nested more than {} levels deep; the inner values are not checked", crate::ir::MAX_CHECK_DEPTH);
            self.diags.warn(at, why);
        }
    }
}

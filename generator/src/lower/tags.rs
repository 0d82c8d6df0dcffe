//! Splitting a big spec by tag: which module each type and operation goes to, from what each tag's operations reach.

use std::collections::BTreeSet;

use crate::ir::{Api, Module, ModuleKind, Operation, Success, TypeDef, TypeKind, TypeRef};
use crate::names;

/// A spec with more named types than this is split into modules.
const MAX_TYPES_UNSPLIT: usize = 300;
/// A spec with more operations than this is split into modules.
const MAX_OPS_UNSPLIT: usize = 100;

/// The modules of `api`, sorted by name; empty when the spec is small enough for one `types.rs` and one `client.rs`.
pub(crate) fn modules(api: &Api) -> Vec<Module> {
    if api.types.len() <= MAX_TYPES_UNSPLIT && api.operations.len() <= MAX_OPS_UNSPLIT {
        return Vec::new();
    }
    split(api)
}

/// Who reaches a named type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reach {
    /// No operation.
    Nobody,
    /// The operations of one tag only (an index in the sorted tags).
    Tag(usize),
    /// The operations of several tags, or an untagged operation.
    Shared,
}

/// One module per tag (operations go to their first tag's), one for shared types and one for untagged operations,
/// each kept only when it holds something.
fn split(api: &Api) -> Vec<Module> {
    // A spec without any tag is grouped by the first resource segment of each path instead, so it is still split
    // into modules named for what they hold (and rendered on every core).
    let by_path = api.operations.iter().all(|op| op.tags.is_empty());
    let group = |op: &'_ Operation| -> Option<String> {
        if by_path { path_group(&op.path) } else { op.tags.first().cloned() }
    };
    let groups: Vec<Option<String>> = api.operations.iter().map(group).collect();
    let tags: BTreeSet<&str> = groups.iter().flatten().map(String::as_str).collect();
    let tags: Vec<&str> = tags.into_iter().collect();
    // Each operation's group, as an index in `tags`.
    let tag_of: Vec<Option<usize>> =
        groups.iter().map(|g| g.as_deref().and_then(|g| tags.binary_search(&g).ok())).collect();
    // `shared` and `other` are claimed first, so a tag of that name is numbered instead.
    let mut namespace = names::module_names();
    let module = |name: String, kind| Module {
        name,
        kind,
        ..Module::default()
    };
    let shared_module = module(namespace.claim("shared"), ModuleKind::Shared);
    let untagged_module = module(namespace.claim("other"), ModuleKind::Untagged);
    // Tags already in snake_case claim their names first (`issues` before `Issues`, which becomes `issues2`).
    let mut order: Vec<usize> = (0..tags.len()).collect();
    order.sort_by_key(|&t| names::snake(tags[t]) != tags[t]);
    let mut claimed = vec![String::new(); tags.len()];
    for t in order {
        claimed[t] = namespace.claim(&names::snake(tags[t]));
    }
    let mut modules: Vec<Module> = tags
        .iter()
        .zip(claimed)
        .map(|(tag, name)| {
            let kind = if by_path { ModuleKind::PathGroup((*tag).to_owned()) } else { ModuleKind::Tag((*tag).to_owned()) };
            module(name, kind)
        })
        .collect();
    let (shared, untagged) = (modules.len(), modules.len() + 1);
    modules.extend([shared_module, untagged_module]);

    for (i, reach) in reach(api, &tag_of).into_iter().enumerate() {
        let m = match reach {
            Reach::Tag(tag) => tag,
            Reach::Nobody | Reach::Shared => shared,
        };
        modules[m].types.push(i);
    }
    for (i, op) in api.operations.iter().enumerate() {
        let (types, methods) = tag_of[i].map_or((shared, untagged), |tag| (tag, tag));
        if op.params_struct.is_some() || matches!(op.success, Success::Several(_)) {
            modules[types].op_types.push(i);
        }
        modules[methods].operations.push(i);
    }
    modules.retain(|m| !(m.types.is_empty() && m.op_types.is_empty() && m.operations.is_empty()));
    modules.sort_by(|a, b| a.file_stem().cmp(b.file_stem()));
    modules
}

/// The first segment of a path that names a resource: not empty, not a parameter and not a version or API
/// prefix (`/v1/charges/{id}` and `/api/charges` are `charges`).
fn path_group(path: &str) -> Option<String> {
    let version = |s: &str| s.strip_prefix(['v', 'V']).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
    path.split('/')
        .find(|s| !s.is_empty() && !s.starts_with('{') && !version(s) && !s.eq_ignore_ascii_case("api"))
        .map(str::to_owned)
}

/// Who reaches each named type (by index in `api.types`): operations reach the types of their parameters, bodies,
/// success and error responses and page items, and those reach the types they are made of.
fn reach(api: &Api, tag_of: &[Option<usize>]) -> Vec<Reach> {
    let mut reach = vec![Reach::Nobody; api.types.len()];
    let mut pending = Vec::new();
    for (op, tag) in api.operations.iter().zip(tag_of) {
        let from = tag.map_or(Reach::Shared, Reach::Tag);
        operation_refs(api, op, &mut pending);
        while let Some(name) = pending.pop() {
            let Ok(i) = api.types.binary_search_by(|d| d.name.as_str().cmp(name)) else {
                continue;
            };
            // A type's parts are visited again only when who reaches it changes (at most twice per type).
            reach[i] = match (reach[i], from) {
                (Reach::Nobody, from) => from,
                (Reach::Tag(a), Reach::Tag(b)) if a == b => continue,
                (Reach::Shared, _) => continue,
                _ => Reach::Shared,
            };
            type_refs(&api.types[i], &mut pending);
        }
    }
    reach
}

/// The named types an operation uses directly.
pub(super) fn operation_refs<'a>(api: &'a Api, op: &'a Operation, out: &mut Vec<&'a str>) {
    for p in op.path_params.iter().chain(&op.params) {
        named(&p.ty, out);
    }
    if let Some(body) = &op.body {
        named(&body.ty, out);
    }
    match &op.success {
        Success::Single(ty, _) => named(ty, out),
        Success::Several(e) => e.variants.iter().for_each(|v| named(&v.ty, out)),
    }
    for status in api.errors.iter().filter(|e| op.errors.contains(&e.key)) {
        named(&status.body, out);
    }
    if let Some(p) = &op.pagination {
        named(&p.item, out);
    }
}

/// The named types a type is made of.
pub(super) fn type_refs<'a>(def: &'a TypeDef, out: &mut Vec<&'a str>) {
    match &def.kind {
        TypeKind::Struct(s) => {
            s.fields.iter().for_each(|f| named(&f.ty, out));
            if let Some(additional) = &s.additional {
                named(additional, out);
            }
        }
        TypeKind::Union(u) => u.variants.iter().for_each(|v| named(&v.ty, out)),
        TypeKind::Alias(ty) => named(ty, out),
        TypeKind::Enum(_) => {}
    }
}

/// The named type inside `ty`, if any.
pub(super) fn named<'a>(ty: &'a TypeRef, out: &mut Vec<&'a str>) {
    match ty {
        TypeRef::Named(name) | TypeRef::Boxed(name) => out.push(name),
        TypeRef::Nullable(inner) | TypeRef::Vec(inner) | TypeRef::Map(inner) => named(inner, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module by names: its name, its types, the operations of its params structs and success enums, and the
    /// operations of its methods.
    struct Held {
        name: String,
        types: Vec<String>,
        op_types: Vec<String>,
        methods: Vec<String>,
    }

    /// The modules of a spec, split whatever its size.
    fn modules_of(yaml: &str) -> Vec<Held> {
        let spec = crate::parse::parse(yaml).expect("spec parses");
        let (api, _) = crate::lower(&spec).expect("spec lowers");
        let ids = |ops: &[usize]| ops.iter().map(|&i| api.operations[i].id.clone()).collect();
        split(&api)
            .iter()
            .map(|m| Held {
                name: m.name.clone(),
                types: m.types.iter().map(|&i| api.types[i].name.clone()).collect(),
                op_types: ids(&m.op_types),
                methods: ids(&m.operations),
            })
            .collect()
    }

    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    get:
      operationId: listA
      tags: [Beta, beta]
      parameters: [{name: q, in: query, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}}
  /b:
    get:
      operationId: getB
      tags: [beta]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/B'}}}}
        '404': {description: no, content: {application/json: {schema: {$ref: '#/components/schemas/Missing'}}}}
  /c:
    get:
      operationId: getC
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/C'}}}}}
  /d:
    get:
      operationId: getD
      tags: [type]
      responses: {'204': {description: done}}
  /e:
    get:
      operationId: getE
      tags: [Shared]
      responses: {'204': {description: done}}
components:
  schemas:
    A: {type: object, properties: {common: {$ref: '#/components/schemas/Common'}, only: {$ref: '#/components/schemas/OnlyA'}}}
    B: {type: object, properties: {common: {$ref: '#/components/schemas/Common'}, self: {$ref: '#/components/schemas/B'}}}
    C: {type: object, properties: {x: {type: string}}}
    Common: {type: object, properties: {x: {type: string}}}
    OnlyA: {type: object, properties: {x: {type: string}}}
    Missing: {type: object, properties: {x: {type: string}}}
    Unused: {type: object, properties: {x: {type: string}}}
"#;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn types_go_to_the_one_tag_that_reaches_them_else_to_shared() {
        let modules = modules_of(SPEC);
        let names: Vec<&str> = modules.iter().map(|m| m.name.as_str()).collect();
        // `beta` keeps its name and `Beta` collides with it after snake-casing; `Shared` cannot take `shared`;
        // `type` is escaped.
        assert_eq!(names, ["beta", "beta2", "other", "shared", "shared2", "type"]);
        let upper = &modules[1];
        assert_eq!(upper.types, strings(&["A", "OnlyA"]));
        assert_eq!(upper.op_types, strings(&["listA"]), "the params struct goes with its operation");
        assert_eq!(upper.methods, strings(&["listA"]), "an operation goes to its first tag");
        let beta = &modules[0];
        assert_eq!(beta.types, strings(&["B", "Missing"]), "error bodies and cycles are followed");
        assert_eq!(beta.methods, strings(&["getB"]));
        assert_eq!(modules[2].methods, strings(&["getC"]), "untagged methods go to `other`");
        assert!(modules[2].types.is_empty() && modules[2].op_types.is_empty());
        assert_eq!(modules[3].types, strings(&["C", "Common", "Unused"]));
        assert!(modules[3].methods.is_empty());
        assert!(modules[4].types.is_empty() && modules[4].methods == strings(&["getE"]));
    }

    #[test]
    fn small_specs_are_not_split() {
        let spec = crate::parse::parse(SPEC).expect("spec parses");
        let (api, _) = crate::lower(&spec).expect("spec lowers");
        assert!(api.modules.is_empty());
    }

    #[test]
    fn untagged_specs_are_grouped_by_resource_segment() {
        assert_eq!(path_group("/v1/charges/{id}").as_deref(), Some("charges"));
        assert_eq!(path_group("/api/v2.1/users").as_deref(), Some("users"));
        assert_eq!(path_group("/version/{v}").as_deref(), Some("version"));
        assert_eq!(path_group("/{id}"), None);
        assert_eq!(path_group("/"), None);
    }
}

//! Random mutations of a real document's JSON: deletions, replacements, copies, renamed `$ref` targets and cycles.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::shapes::{any_json, name};

/// One edit. Indices pick a node (pre-order over the whole document) or a `$ref` or a component modulo their count,
/// so every mutation applies to every document and shrinks towards the first node.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// Removes the node from its parent.
    Delete(usize),
    /// Replaces the node with a random value.
    Replace(usize, Value),
    /// Copies the subtree at the first node into the second (under a new key, appended, or replacing a scalar).
    Duplicate(usize, usize, String),
    /// Points a `$ref` at a target that was renamed (so it dangles) or at another component.
    Retarget(usize, String),
    /// Renames a component schema, leaving the references to it dangling.
    RenameComponent(usize, String),
    /// Makes two components refer to each other in one of several ways.
    Cycle(usize, usize, CycleKind),
}

/// How a [`Mutation::Cycle`] ties two components together.
#[derive(Clone, Copy, Debug)]
pub enum CycleKind {
    /// `A: {$ref: B}`, `B: {$ref: A}`: no base case.
    Alias,
    /// `A: {allOf: [{$ref: B}]}`, `B: {allOf: [{$ref: A}]}`.
    AllOf,
    /// `A.items = {$ref: B}`, `B.items = {$ref: A}`.
    Items,
    /// A property of A refers to B and one of B to A (a legitimate recursive type).
    Property,
    /// `A: {oneOf: [{$ref: B}, {type: string}]}`, `B: {anyOf: [{$ref: A}]}`.
    Union,
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    let index = any::<prop::sample::Index>().prop_map(|i| i.index(usize::MAX >> 1));
    let kind = prop::sample::select(vec![
        CycleKind::Alias,
        CycleKind::AllOf,
        CycleKind::Items,
        CycleKind::Property,
        CycleKind::Union,
    ]);
    prop_oneof![
        3 => index.clone().prop_map(Mutation::Delete),
        3 => (index.clone(), any_json()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        2 => (index.clone(), index.clone(), name()).prop_map(|(a, b, k)| Mutation::Duplicate(a, b, k)),
        2 => (index.clone(), name()).prop_map(|(i, n)| Mutation::Retarget(i, n)),
        1 => (index.clone(), name()).prop_map(|(i, n)| Mutation::RenameComponent(i, n)),
        2 => (index.clone(), index, kind).prop_map(|(a, b, k)| Mutation::Cycle(a, b, k)),
    ]
}

/// A JSON pointer as tokens.
type Path = Vec<Token>;

#[derive(Clone, Debug)]
enum Token {
    Key(String),
    Index(usize),
}

fn all_paths(v: &Value) -> Vec<Path> {
    let mut out = Vec::new();
    let mut stack = vec![(Vec::new(), v)];
    while let Some((path, v)) = stack.pop() {
        match v {
            Value::Object(map) => {
                for (k, child) in map.iter().rev() {
                    let mut p = path.clone();
                    p.push(Token::Key(k.clone()));
                    stack.push((p, child));
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate().rev() {
                    let mut p = path.clone();
                    p.push(Token::Index(i));
                    stack.push((p, child));
                }
            }
            _ => {}
        }
        out.push(path);
    }
    out
}

fn get_mut<'a>(v: &'a mut Value, path: &[Token]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, t| match t {
        Token::Key(k) => v.get_mut(k.as_str()),
        Token::Index(i) => v.get_mut(*i),
    })
}

fn get<'a>(v: &'a Value, path: &[Token]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, t| match t {
        Token::Key(k) => v.get(k.as_str()),
        Token::Index(i) => v.get(*i),
    })
}

fn pick<T>(items: &[T], i: usize) -> Option<&T> {
    if items.is_empty() {
        None
    } else {
        items.get(i % items.len())
    }
}

fn component_names(doc: &Value) -> Vec<String> {
    doc.pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn schema_ref(name: &str) -> String {
    format!(
        "#/components/schemas/{}",
        name.replace('~', "~0").replace('/', "~1")
    )
}

/// Applies one mutation in place.
pub fn apply(doc: &mut Value, m: &Mutation) {
    match m {
        Mutation::Delete(i) => {
            let paths = all_paths(doc);
            let Some(path) = pick(&paths, *i) else { return };
            match path.split_last() {
                None => *doc = Value::Null,
                Some((last, parent)) => match (get_mut(doc, parent), last) {
                    (Some(Value::Object(map)), Token::Key(k)) => {
                        map.shift_remove(k);
                    }
                    (Some(Value::Array(items)), Token::Index(i)) if *i < items.len() => {
                        items.remove(*i);
                    }
                    _ => {}
                },
            }
        }
        Mutation::Replace(i, value) => {
            let paths = all_paths(doc);
            if let Some(target) = pick(&paths, *i).and_then(|p| get_mut(doc, p)) {
                *target = value.clone();
            }
        }
        Mutation::Duplicate(a, b, key) => {
            let paths = all_paths(doc);
            let Some(copy) = pick(&paths, *a).and_then(|p| get(doc, p)).cloned() else {
                return;
            };
            let Some(target) = pick(&paths, *b).and_then(|p| get_mut(doc, p)) else {
                return;
            };
            match target {
                Value::Object(map) => {
                    map.insert(key.clone(), copy);
                }
                Value::Array(items) => items.push(copy),
                other => *other = copy,
            }
        }
        Mutation::Retarget(i, new_name) => {
            let paths: Vec<Path> = all_paths(doc)
                .into_iter()
                .filter(|p| matches!(p.last(), Some(Token::Key(k)) if k == "$ref"))
                .collect();
            let components = component_names(doc);
            let Some(target) = pick(&paths, *i).and_then(|p| get_mut(doc, p)) else {
                return;
            };
            let reference = match pick(&components, new_name.len()) {
                Some(existing) if new_name.len() % 2 == 0 => schema_ref(existing),
                _ => schema_ref(&format!("{new_name}Renamed")),
            };
            *target = Value::String(reference);
        }
        Mutation::RenameComponent(i, new_name) => {
            let components = component_names(doc);
            let Some(old) = pick(&components, *i).cloned() else {
                return;
            };
            if let Some(Value::Object(map)) = doc.pointer_mut("/components/schemas")
                && let Some(schema) = map.shift_remove(&old)
            {
                map.insert(new_name.clone(), schema);
            }
        }
        Mutation::Cycle(a, b, kind) => {
            let components = component_names(doc);
            let (Some(a), Some(b)) = (
                pick(&components, *a).cloned(),
                pick(&components, *b).cloned(),
            ) else {
                return;
            };
            let (ra, rb) = (schema_ref(&a), schema_ref(&b));
            let (sa, sb) = match kind {
                CycleKind::Alias => (json!({"$ref": rb}), json!({"$ref": ra})),
                CycleKind::AllOf => (
                    json!({"allOf": [{"$ref": rb}]}),
                    json!({"allOf": [{"$ref": ra}, {"type": "object"}]}),
                ),
                CycleKind::Items => (
                    json!({"type": "array", "items": {"$ref": rb}}),
                    json!({"type": "array", "items": {"$ref": ra}}),
                ),
                CycleKind::Property => (
                    json!({"type": "object", "required": ["next"], "properties": {"next": {"$ref": rb}}}),
                    json!({"type": "object", "properties": {"prev": {"$ref": ra}, "self": {"$ref": rb}}}),
                ),
                CycleKind::Union => (
                    json!({"oneOf": [{"$ref": rb}, {"type": "string"}]}),
                    json!({"anyOf": [{"$ref": ra}]}),
                ),
            };
            if let Some(Value::Object(map)) = doc.pointer_mut("/components/schemas") {
                map.insert(a, sa);
                map.insert(b, sb);
            }
        }
    }
}

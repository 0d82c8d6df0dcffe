//! Which component schemas are sent, which are received, and which must be split into a request and a response type.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use serde_json::Value;

use crate::ir::Direction;
use crate::pointer::{self, ComponentKind};

/// The reference graph of component schemas.
#[derive(Clone, Debug, Default)]
pub(crate) struct Graph {
    edges: BTreeMap<String, BTreeSet<String>>,
    sent: BTreeSet<String>,
    received: BTreeSet<String>,
    sensitive: BTreeSet<String>,
    names: HashMap<(String, Direction), String>,
}

impl Graph {
    /// Walks the raw document: references per component, roots per direction, `readOnly`/`writeOnly` use.
    pub fn build(raw: &Value) -> Self {
        let mut g = Graph::default();
        let schemas = raw
            .pointer("/components/schemas")
            .and_then(Value::as_object);
        if let Some(schemas) = schemas {
            for (name, schema) in schemas {
                let mut refs = BTreeSet::new();
                collect_refs(schema, raw, &mut refs, &mut BTreeSet::new());
                g.edges.insert(name.clone(), refs);
                if has_access_marker(schema) {
                    g.sensitive.insert(name.clone());
                }
            }
        }
        let mut sent = BTreeSet::new();
        let mut received = BTreeSet::new();
        if let Some(paths) = raw.get("paths").and_then(Value::as_object) {
            for item in paths.values() {
                let item = follow(item, raw);
                if let Some(p) = item.get("parameters") {
                    collect_refs(p, raw, &mut sent, &mut BTreeSet::new());
                }
                let Some(item) = item.as_object() else {
                    continue;
                };
                for (method, op) in item {
                    if !matches!(
                        method.as_str(),
                        "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
                    ) {
                        continue;
                    }
                    for key in ["parameters", "requestBody"] {
                        if let Some(v) = op.get(key) {
                            collect_refs(v, raw, &mut sent, &mut BTreeSet::new());
                        }
                    }
                    if let Some(v) = op.get("responses") {
                        collect_refs(v, raw, &mut received, &mut BTreeSet::new());
                    }
                }
            }
        }
        g.sent = g.closure(sent);
        g.received = g.closure(received);
        g.sensitive = g.reaching(&g.sensitive);
        g
    }

    /// The components from which one of `targets` can be reached (the targets included), in one pass over the
    /// reversed edges, so thousands of components stay linear.
    fn reaching(&self, targets: &BTreeSet<String>) -> BTreeSet<String> {
        let mut reverse: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (from, tos) in &self.edges {
            for to in tos {
                reverse.entry(to.as_str()).or_default().push(from.as_str());
            }
        }
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = targets.iter().map(String::as_str).collect();
        while let Some(n) = stack.pop() {
            if seen.insert(n.to_owned())
                && let Some(from) = reverse.get(n)
            {
                stack.extend(from.iter().copied());
            }
        }
        seen
    }

    fn closure(&self, roots: BTreeSet<String>) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<String> = roots.into_iter().collect();
        while let Some(n) = stack.pop() {
            if seen.insert(n.clone())
                && let Some(next) = self.edges.get(&n)
            {
                stack.extend(next.iter().cloned());
            }
        }
        seen
    }

    /// Component names, sorted.
    pub fn components(&self) -> impl Iterator<Item = &String> {
        self.edges.keys()
    }

    /// True when the component is sent and received and its two views differ.
    pub fn needs_split(&self, name: &str) -> bool {
        self.sensitive.contains(name) && self.sent.contains(name) && self.received.contains(name)
    }

    /// True when the component is reachable from a request.
    pub fn is_sent(&self, name: &str) -> bool {
        self.sent.contains(name)
    }

    /// Records the Rust name of a component in one direction.
    pub fn set_name(&mut self, name: &str, dir: Direction, rust: String) {
        self.names.insert((name.to_owned(), dir), rust);
    }

    /// The Rust name of a component in one direction.
    pub fn name(&self, name: &str, dir: Direction) -> Option<&String> {
        self.names.get(&(name.to_owned(), dir))
    }
}

/// The direction whose view a component is lowered in: its own when split, else `Request` if it is ever sent
/// (so optional + nullable fields get their tri-state), else `Response`.
pub(crate) fn effective(graph: &Graph, name: &str, dir: Direction) -> Direction {
    if graph.needs_split(name) {
        dir
    } else if graph.is_sent(name) {
        Direction::Request
    } else {
        Direction::Response
    }
}

/// Follows a `$ref` object to its target in the raw document (one level), or returns the value itself.
fn follow<'a>(v: &'a Value, raw: &'a Value) -> &'a Value {
    v.get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| pointer::lookup(raw, r))
        .unwrap_or(v)
}

/// Collects component schema names referenced anywhere below `v`, following non-schema refs (responses, ...).
fn collect_refs(
    v: &Value,
    raw: &Value,
    out: &mut BTreeSet<String>,
    followed: &mut BTreeSet<String>,
) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                match (k.as_str(), child) {
                    ("$ref", Value::String(r)) => {
                        if let Some(name) = pointer::component_name(r, ComponentKind::Schemas) {
                            if !out.contains(&*name) {
                                out.insert(name.into_owned());
                            }
                        } else if !followed.contains(r)
                            && let Some(target) = pointer::lookup(raw, r)
                        {
                            followed.insert(r.clone());
                            collect_refs(target, raw, out, followed);
                        }
                    }
                    ("example" | "examples" | "default" | "enum", _) => {}
                    _ => collect_refs(child, raw, out, followed),
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|i| collect_refs(i, raw, out, followed)),
        _ => {}
    }
}

/// True when a property below declares `readOnly` or `writeOnly`.
fn has_access_marker(v: &Value) -> bool {
    match v {
        Value::Object(map) => map.iter().any(|(k, child)| match k.as_str() {
            "readOnly" | "writeOnly" => child == &Value::Bool(true),
            "example" | "examples" | "default" | "enum" => false,
            _ => has_access_marker(child),
        }),
        Value::Array(items) => items.iter().any(has_access_marker),
        _ => false,
    }
}

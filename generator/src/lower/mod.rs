//! Lower: resolve `$ref`s, name every type, split types by direction, collect validations, decide every method.

mod dedupe;
mod extras;
mod features;
mod finite;
mod files;
pub(crate) mod graph;
mod lists;

pub(crate) use lists::sorted as sorted_values;
mod object;
mod ops;
mod params;
mod refs;
mod responses;
mod schema;
mod security;
#[cfg(test)]
mod names_tests;
mod tags;

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use openapiv3::OpenAPI;
use serde_json::Value;

use crate::diag::Diagnostics;
use crate::ir::{Api, Direction, TypeDef, TypeRef};
use crate::names::{self, Namespace};
use crate::pointer::{self, ComponentKind};

/// Lowers a parsed spec into the IR. Warnings are returned beside the IR; errors replace it.
pub fn lower(spec: &OpenAPI, raw: &Value) -> Result<(Api, Diagnostics), Diagnostics> {
    let mut cx = Lowerer::new(spec, raw, graph::Graph::build(raw));
    let api = cx.run();
    if cx.diags.has_errors() {
        Err(cx.diags)
    } else {
        Ok((api, cx.diags))
    }
}

/// The state of one lowering run.
pub(crate) struct Lowerer<'a> {
    pub spec: &'a OpenAPI,
    pub raw: &'a Value,
    pub diags: Diagnostics,
    /// Named types produced so far, by Rust name.
    pub types: BTreeMap<String, TypeDef>,
    /// Rust type names handed out.
    pub type_names: Namespace,
    /// Component schema (by `$ref`) and direction -> its lowered type.
    pub memo: HashMap<(String, Direction), Lowered>,
    /// Types whose lowering is under way (references to them are boxed).
    pub in_progress: BTreeSet<String>,
    /// Component schemas reachable from requests and from responses.
    pub graph: graph::Graph,
    /// Error body types declared per status, across operations.
    pub error_bodies: BTreeMap<crate::ir::StatusMatch, Vec<TypeRef>>,
    /// How many schemas (and `$ref`s) deep lowering is; past [`schema::MAX_DEPTH`] schemas degrade to JSON.
    pub depth: usize,
    /// Client method names handed out (operations, then their download, stream and checked forms).
    pub method_names: Namespace,
    /// Names of items beside the client (the per-operation error-status constants), and the runtime names the
    /// generated files import.
    pub module_names: Namespace,
    /// Unnamed schemas being expanded (non-component `$ref` targets, merged `allOf` lists), keyed with their
    /// direction, innermost last (see `enter_unnamed`).
    pub expanding: Vec<String>,
    /// The declared security schemes and which unknown ones were reported.
    pub security: security::SecurityState,
}

/// A lowered schema as used somewhere: its type, checks and whether it admits `null`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lowered {
    pub ty: TypeRef,
    pub checks: crate::ir::Checks,
    pub nullable: bool,
}

impl<'a> Lowerer<'a> {
    fn new(spec: &'a OpenAPI, raw: &'a Value, graph: graph::Graph) -> Self {
        Lowerer {
            spec,
            raw,
            diags: Diagnostics::default(),
            types: BTreeMap::new(),
            type_names: Namespace::with_reserved(names::RESERVED_TYPES),
            memo: HashMap::default(),
            in_progress: BTreeSet::new(),
            graph,
            error_bodies: BTreeMap::new(),
            depth: 0,
            expanding: Vec::new(),
            method_names: Namespace::with_reserved(ops::CLIENT_METHODS),
            module_names: Namespace::with_reserved(&[names::RESERVED_TYPES, ROOT_CONSTANTS].concat()),
            security: security::SecurityState::default(),
        }
    }

    fn run(&mut self) -> Api {
        self.claim_component_names();
        let (security_schemes, security) = self.security_schemes();
        let mut operations = self.operations();
        let mut errors = self.error_statuses(&operations);
        self.pagination(&mut operations);
        let has_checked_update = self.checked_updates(&mut operations);
        self.lower_unused_components();
        self.dedupe(&mut operations, &mut errors);
        self.make_types_finite();
        self.mark_directions(&operations, &errors);
        self.warn_unchecked_depths();
        params::decide_shapes(&mut operations, |name| self.types.get(name));
        let deprecated = deprecated_names(self.types.values(), &operations);
        let value_lists = self.value_lists(&operations);
        let mut api = Api {
            title: self.spec.info.title.clone(),
            description: self.spec.info.description.clone(),
            default_base_url: self.default_base_url(),
            security_schemes,
            security,
            types: std::mem::take(&mut self.types).into_values().collect(),
            operations,
            errors,
            has_checked_update,
            deprecated,
            value_lists,
            modules: Vec::new(),
            features: Vec::new(),
        };
        features::assign(&mut api);
        api.modules = tags::modules(&api);
        let gates: Vec<Vec<String>> = api.modules.iter().map(|m| features::of_module(&api, m)).collect();
        api.modules.iter_mut().zip(gates).for_each(|(m, f)| m.features = f);
        api
    }

    /// Gives every component schema its Rust name(s) first, so inline names never take them.
    fn claim_component_names(&mut self) {
        let names: Vec<String> = self.graph.components().cloned().collect();
        for name in names {
            let base = names::type_name(&name);
            let response = self.type_names.claim(&base);
            self.graph
                .set_name(&name, Direction::Response, response.clone());
            let request = if self.graph.needs_split(&name) {
                self.type_names.claim(&format!("{base}Request"))
            } else {
                response
            };
            self.graph.set_name(&name, Direction::Request, request);
        }
    }

    /// Components no operation uses are still generated (in their response form), so the crate models the whole spec.
    fn lower_unused_components(&mut self) {
        let names: Vec<String> = self.graph.components().cloned().collect();
        for name in names {
            let reference = pointer::component(ComponentKind::Schemas, &name);
            if !self
                .memo
                .contains_key(&(reference.clone(), Direction::Response))
                && !self
                    .memo
                    .contains_key(&(reference.clone(), Direction::Request))
            {
                self.schema_ref(&reference, &reference, Direction::Response);
            }
        }
    }

    fn default_base_url(&self) -> String {
        let Some(server) = self.spec.servers.first() else {
            return String::new();
        };
        let mut url = server.url.clone();
        if let Some(vars) = &server.variables {
            for (name, var) in vars {
                url = url.replace(&format!("{{{name}}}"), &var.default);
            }
        }
        url.trim_end_matches('/').to_owned()
    }

    /// Registers the named type made from schema `s` (its title and description become the doc comment).
    pub fn add_schema_type(
        &mut self,
        name: &str,
        s: &openapiv3::Schema,
        pointer: &str,
        kind: crate::ir::TypeKind,
    ) {
        self.add_type(TypeDef {
            name: name.to_owned(),
            doc: doc(
                s.schema_data.title.as_deref(),
                s.schema_data.description.as_deref(),
            ),
            pointer: pointer.to_owned(),
            sent: false,
            received: false,
            serialized: false,
            kind,
            deprecated: s.schema_data.deprecated,
            features: Vec::new(),
        });
    }

    /// Registers a named type.
    pub fn add_type(&mut self, def: TypeDef) {
        self.types.insert(def.name.clone(), def);
    }
}

/// The constants the generated module root defines.
const ROOT_CONSTANTS: &[&str] = &["DEFAULT_BASE_URL", "SECURITY", "SECURITY_SCHEMES"];

/// A doc comment from a summary and a description.
pub(crate) fn doc(summary: Option<&str>, description: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = [summary, description]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("\n\n"))
    }
}

/// The Rust names of everything deprecated: types, struct fields, parameters, and the methods of deprecated
/// operations (with their stream, checked and download forms).
fn deprecated_names<'a>(types: impl Iterator<Item = &'a TypeDef>, ops: &[crate::ir::Operation]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for t in types {
        if t.deprecated {
            out.insert(t.name.clone());
        }
        if let crate::ir::TypeKind::Struct(s) = &t.kind {
            out.extend(s.fields.iter().filter(|f| f.deprecated).map(|f| f.name.clone()));
        }
    }
    for op in ops {
        out.extend(op.path_params.iter().chain(&op.params).filter(|p| p.deprecated).map(|p| p.name.clone()));
        if op.deprecated {
            out.insert(op.method_name.clone());
        }
    }
    out
}

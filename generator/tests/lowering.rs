//! Unit tests of the decisions lowering makes (spec -> `ir::Api`), each through a small inline spec: names and
//! their collisions, presence and nullability, the choice of union, and status dispatch.
//!
//! The tests read the IR through the helpers below (a type by its schema pointer or name, a field by its wire
//! name, an operation by its operationId, success and error statuses as labels such as `201`, `2XX` and
//! `default`), so a change in how the IR spells a decision means changing a helper; a change in the decision
//! itself fails a test.

#[path = "lowering/features.rs"]
mod features;
#[path = "lowering/names.rs"]
mod names;
#[path = "lowering/presence.rs"]
mod presence;
#[path = "lowering/statuses.rs"]
mod statuses;
#[path = "lowering/unions.rs"]
mod unions;

use generator::ir::{Api, StatusMatch, Field, Operation, Success, TypeDef, TypeKind, TypeRef, Union};
use serde_json::{Value, json};

/// An OpenAPI 3.0 document with these `paths` and `components.schemas`.
fn spec(paths: Value, schemas: Value) -> String {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    })
    .to_string()
}

/// The same document declared as OpenAPI 3.1.
fn as_31(text: &str) -> String {
    let mut doc: Value = serde_json::from_str(text).expect("spec() writes JSON");
    doc["openapi"] = json!("3.1.0");
    doc.to_string()
}

/// A `GET /probe` that answers 200 with `schema`, so the schemas it reaches are received types.
fn get_returning(schema: Value) -> Value {
    json!({"/probe": {"get": {"operationId": "probe", "responses": {"200": json_response(schema)}}}})
}

/// A `POST /probe` that sends `schema`, so the schemas it reaches are sent types.
fn post_sending(schema: Value) -> Value {
    json!({"/probe": {"post": {
        "operationId": "probe",
        "requestBody": {"required": true, "content": {"application/json": {"schema": schema}}},
        "responses": {"204": {"description": "done"}},
    }}})
}

/// A response whose JSON body has `schema`.
fn json_response(schema: Value) -> Value {
    json!({"description": "a body", "content": {"application/json": {"schema": schema}}})
}

/// The IR of a document, and its warnings; panics when the document is refused.
fn lower(text: &str) -> (Api, Vec<String>) {
    let spec = generator::parse(text).unwrap_or_else(|d| panic!("{d}"));
    let (api, lowered) = generator::lower(&spec).unwrap_or_else(|d| panic!("{d}"));
    let warnings = spec.warnings.warnings().chain(lowered.warnings()).map(ToString::to_string).collect();
    (api, warnings)
}

/// The IR of a document that must lower without warnings.
fn lower_clean(text: &str) -> Api {
    let (api, warnings) = lower(text);
    assert!(warnings.is_empty(), "unexpected warnings: {warnings:#?}");
    api
}

/// The named type made from the schema at `pointer`.
fn type_at<'a>(api: &'a Api, pointer: &str) -> &'a TypeDef {
    let found = api.types.iter().find(|t| t.pointer == pointer);
    found.unwrap_or_else(|| panic!("no type from {pointer} in {:?}", names_of(api)))
}

/// The named type `name`.
fn type_named<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    let found = api.types.iter().find(|t| t.name == name);
    found.unwrap_or_else(|| panic!("no type {name} in {:?}", names_of(api)))
}

fn names_of(api: &Api) -> Vec<&str> {
    api.types.iter().map(|t| t.name.as_str()).collect()
}

/// The fields of a struct type.
fn fields(t: &TypeDef) -> &[Field] {
    match &t.kind {
        TypeKind::Struct(s) => &s.fields,
        other => panic!("{} is not a struct: {other:?}", t.name),
    }
}

/// The field of a struct type sent or received under `wire`.
fn field<'a>(t: &'a TypeDef, wire: &str) -> &'a Field {
    let found = fields(t).iter().find(|f| f.wire == wire);
    found.unwrap_or_else(|| panic!("{} has no field {wire}", t.name))
}

/// The union a type is.
fn union(t: &TypeDef) -> &Union {
    match &t.kind {
        TypeKind::Union(u) => u,
        other => panic!("{} is not a union: {other:?}", t.name),
    }
}

/// A Rust name as written without its raw-identifier prefix (`r#type` is `type`).
fn bare(name: &str) -> &str {
    name.trim_start_matches("r#")
}

/// The operation with this operationId.
fn op<'a>(api: &'a Api, id: &str) -> &'a Operation {
    let found = api.operations.iter().find(|o| o.id == id);
    found.unwrap_or_else(|| panic!("no operation {id}"))
}

/// The type every success status of an operation shares; panics when the statuses have different types.
fn single_success(op: &Operation) -> &TypeRef {
    match &op.success {
        Success::Single(ty, _) => ty,
        other => panic!("{}: several success types: {other:?}", op.id),
    }
}

/// The success enum of an operation: its name and, per status label (`201`, `2XX`), the variant and its type.
fn several_success(op: &Operation) -> (&str, Vec<(String, &str, &TypeRef)>) {
    match &op.success {
        Success::Several(e) => {
            let variants = e.variants.iter().map(|v| (key_label(&v.status), v.name.as_str(), &v.ty)).collect();
            (&e.name, variants)
        }
        other => panic!("{}: one success type: {other:?}", op.id),
    }
}

/// An error key as the spec writes it: `404`, `4XX` or `default`.
fn key_label(key: &StatusMatch) -> String {
    match key {
        StatusMatch::Code(c) => c.to_string(),
        StatusMatch::Range(r) => format!("{r}XX"),
        StatusMatch::Default => "default".into(),
    }
}

/// The error statuses an operation declares, as labels, in the order the IR keeps them.
fn op_errors(op: &Operation) -> Vec<String> {
    op.errors.iter().map(key_label).collect()
}

/// The API-wide error variants: (label, variant name, body type).
fn api_errors(api: &Api) -> Vec<(String, &str, &TypeRef)> {
    api.errors.iter().map(|e| (key_label(&e.key), e.variant.as_str(), &e.body)).collect()
}

fn named(name: &str) -> TypeRef {
    TypeRef::Named(name.into())
}

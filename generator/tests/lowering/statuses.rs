//! Status dispatch: which statuses are success (one type, or an enum per status), which are errors, and the
//! API-wide error variants (one per status, range or `default`, a union where operations declare different bodies).

use generator::ir::TypeRef;
use serde_json::{Value, json};

use super::{api_errors, json_response, lower_clean, named, op, op_errors, several_success, single_success, spec};

fn schemas() -> Value {
    let object = |p: &str| json!({"type": "object", "properties": {p: {"type": "string"}}});
    json!({"Pet": object("name"), "Ticket": object("ticket"), "Problem": object("title"), "Oops": object("oops")})
}

fn body(schema: &str) -> Value {
    json_response(json!({"$ref": format!("#/components/schemas/{schema}")}))
}

fn empty() -> Value {
    json!({"description": "no body"})
}

/// One operation `op` at `GET /probe` with these responses.
fn with_responses(responses: Value) -> String {
    spec(json!({"/probe": {"get": {"operationId": "op", "responses": responses}}}), schemas())
}

#[test]
fn one_success_status_is_the_success_type() {
    let api = lower_clean(&with_responses(json!({"200": body("Pet"), "404": body("Problem")})));
    assert_eq!(single_success(op(&api, "op")), &named("Pet"));
    assert_eq!(op_errors(op(&api, "op")), ["404"]);
}

#[test]
fn a_2xx_range_is_success() {
    let api = lower_clean(&with_responses(json!({"2XX": body("Pet")})));
    assert_eq!(single_success(op(&api, "op")), &named("Pet"));
    assert!(op_errors(op(&api, "op")).is_empty());
}

#[test]
fn no_success_body_is_unit() {
    let api = lower_clean(&with_responses(json!({"204": empty()})));
    assert_eq!(single_success(op(&api, "op")), &TypeRef::Unit);
}

#[test]
fn success_statuses_sharing_a_type_are_one_type() {
    let api = lower_clean(&with_responses(json!({"200": body("Pet"), "201": body("Pet")})));
    assert_eq!(single_success(op(&api, "op")), &named("Pet"));
}

#[test]
fn success_statuses_with_different_types_are_an_enum() {
    let api = lower_clean(&with_responses(json!({"200": body("Pet"), "202": body("Ticket"), "204": empty(), "2XX": body("Oops")})));
    let (name, variants) = several_success(op(&api, "op"));
    assert_eq!(name, "OpResponse");
    let unit = TypeRef::Unit;
    let (pet, ticket, oops) = (named("Pet"), named("Ticket"), named("Oops"));
    assert_eq!(
        variants,
        [
            ("200".to_owned(), "Ok", &pet),
            ("202".to_owned(), "Accepted", &ticket),
            ("204".to_owned(), "NoContent", &unit),
            ("2XX".to_owned(), "Success", &oops),
        ]
    );
}

#[test]
fn error_statuses_are_most_specific_first() {
    let responses = json!({"200": body("Pet"), "default": body("Problem"), "5XX": body("Problem"), "404": body("Problem"), "4XX": body("Problem")});
    let api = lower_clean(&with_responses(responses));
    assert_eq!(op_errors(op(&api, "op")), ["404", "4XX", "5XX", "default"]);
    let problem = named("Problem");
    assert_eq!(
        api_errors(&api),
        [
            ("404".to_owned(), "NotFound", &problem),
            ("4XX".to_owned(), "ClientError", &problem),
            ("5XX".to_owned(), "ServerError", &problem),
            ("default".to_owned(), "DefaultResponse", &problem),
        ]
    );
}

#[test]
fn error_bodies_that_differ_across_operations_become_a_union() {
    let paths = json!({
        "/a": {"get": {"operationId": "a", "responses": {"204": empty(), "404": body("Problem"), "409": empty()}}},
        "/b": {"get": {"operationId": "b", "responses": {"204": empty(), "404": body("Oops")}}},
    });
    let api = lower_clean(&spec(paths, schemas()));
    let errors = api_errors(&api);
    let (label, variant, body) = &errors[0];
    assert_eq!((label.as_str(), *variant), ("404", "NotFound"));
    let TypeRef::Named(union_name) = body else { panic!("a named union: {body:?}") };
    let variants: Vec<(String, TypeRef)> = super::union(super::type_named(&api, union_name))
        .variants
        .iter()
        .map(|v| (v.name.clone(), v.ty.clone()))
        .collect();
    assert_eq!(variants, [("Oops".to_owned(), named("Oops")), ("Problem".to_owned(), named("Problem"))]);
    // A status declared without a body keeps the raw JSON.
    assert_eq!(errors[1], ("409".to_owned(), "Conflict", &TypeRef::Json));
}

//! Names: schemas whose names meet in Rust, keywords as property names, prelude names, and method names that an
//! operationId and a generated `_stream`/`_checked` method both want.

use serde_json::json;

use super::{bare, field, fields, get_returning, lower_clean, op, spec, type_at};

#[test]
fn schemas_whose_names_meet_get_distinct_names() {
    let object = json!({"type": "object", "properties": {"id": {"type": "string"}}});
    let schemas = json!({"pet_owner": object, "PetOwner": object, "Pet-Owner": object});
    let paths = get_returning(json!({
        "type": "object",
        "properties": {
            "a": {"$ref": "#/components/schemas/pet_owner"},
            "b": {"$ref": "#/components/schemas/PetOwner"},
            "c": {"$ref": "#/components/schemas/Pet-Owner"},
        },
    }));
    let api = lower_clean(&spec(paths, schemas));
    let mut got: Vec<(&str, &str)> = ["PetOwner", "Pet-Owner", "pet_owner"]
        .iter()
        .map(|s| {
            let t = type_at(&api, &format!("#/components/schemas/{s}"));
            (*s, t.name.as_str())
        })
        .collect();
    got.sort();
    // Components are claimed in sorted order of their spec names: `Pet-Owner` < `PetOwner` < `pet_owner`.
    assert_eq!(got, [("Pet-Owner", "PetOwner"), ("PetOwner", "PetOwner2"), ("pet_owner", "PetOwner3")]);
}

#[test]
fn a_schema_named_like_a_prelude_type_is_renamed() {
    let object = json!({"type": "object", "properties": {"id": {"type": "string"}}});
    let paths = get_returning(json!({
        "type": "object",
        "properties": {"o": {"$ref": "#/components/schemas/Option"}, "r": {"$ref": "#/components/schemas/Result"}},
    }));
    let api = lower_clean(&spec(paths, json!({"Option": object, "Result": object})));
    assert_eq!(type_at(&api, "#/components/schemas/Option").name, "OptionType");
    assert_eq!(type_at(&api, "#/components/schemas/Result").name, "ResultType");
}

#[test]
fn inline_types_never_take_a_component_name() {
    // The inline enum of `Pet.status` would be `PetStatus`, which the component already holds.
    let schemas = json!({
        "Pet": {"type": "object", "properties": {
            "status": {"type": "string", "enum": ["a", "b"]},
            "kind": {"$ref": "#/components/schemas/PetStatus"},
        }},
        "PetStatus": {"type": "string", "enum": ["x", "y"]},
    });
    let api = lower_clean(&spec(get_returning(json!({"$ref": "#/components/schemas/Pet"})), schemas));
    assert_eq!(type_at(&api, "#/components/schemas/PetStatus").name, "PetStatus");
    let inline = type_at(&api, "#/components/schemas/Pet/properties/status");
    assert_ne!(inline.name, "PetStatus");
    assert!(inline.name.starts_with("PetStatus"), "{}", inline.name);
}

#[test]
fn keyword_properties_become_usable_field_names() {
    let object = json!({"type": "object", "properties": {
        "self": {"type": "string"},
        "type": {"type": "string"},
        "Type": {"type": "string"},
        "crate": {"type": "string"},
        "additional_properties": {"type": "string"},
    }});
    let api = lower_clean(&spec(get_returning(object), json!({})));
    let t = type_at(&api, "#/paths/~1probe/get/responses/200/content/application~1json/schema");
    // `self` and `crate` cannot be raw identifiers, so they take a trailing `_`; `type` stays `type` (raw).
    assert_eq!(field(t, "self").name, "self_");
    assert_eq!(field(t, "crate").name, "crate_");
    assert_eq!(bare(&field(t, "type").name), "type");
    // `Type` is `type` in snake case too: the second to claim it is numbered.
    assert_eq!(bare(&field(t, "Type").name), "type2");
    let names: Vec<&str> = fields(t).iter().map(|f| f.name.as_str()).collect();
    assert!(names.contains(&"additional_properties"), "{names:?}");
    let generator::ir::TypeKind::Struct(s) = &t.kind else { unreachable!("fields() checked it is a struct") };
    // The flattened map of unknown properties does not take a property's name.
    assert_eq!(s.additional_name, "additional_properties2");
}

/// A paginated `GET /pets` (`listPets`) and a plain `GET /pets/stream` (`listPetsStream`).
fn paginated_beside_stream_named_operation() -> String {
    let page = json!({"type": "object", "properties": {
        "data": {"type": "array", "items": {"type": "string"}},
        "last_page": {"type": "integer", "format": "int32"},
    }});
    let paths = json!({
        "/pets": {"get": {
            "operationId": "listPets",
            "x-pagination": {"page-parameter": "page", "items-field": "data", "last-page-field": "last_page"},
            "parameters": [{"name": "page", "in": "query", "schema": {"type": "integer", "format": "int32"}}],
            "responses": {"200": super::json_response(json!({"$ref": "#/components/schemas/Page"}))},
        }},
        "/pets/stream": {"get": {
            "operationId": "listPetsStream",
            "responses": {"200": super::json_response(json!({"$ref": "#/components/schemas/Page"}))},
        }},
    });
    spec(paths, json!({"Page": page}))
}

#[test]
fn a_stream_method_never_takes_an_operations_name() {
    let api = lower_clean(&paginated_beside_stream_named_operation());
    assert_eq!(op(&api, "listPets").method_name, "list_pets");
    assert_eq!(op(&api, "listPetsStream").method_name, "list_pets_stream");
    let pagination = op(&api, "listPets").pagination.as_ref().expect("listPets is paginated");
    assert_eq!(pagination.method_name, "list_pets_stream2");
}

#[test]
fn a_checked_method_never_takes_an_operations_name() {
    let pet = json!({"type": "object", "properties": {"name": {"type": "string"}}});
    let body = json!({"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}});
    let ok = super::json_response(json!({"$ref": "#/components/schemas/Pet"}));
    let paths = json!({
        "/pets/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "get": {"operationId": "getPet", "responses": {"200": ok}},
            "put": {"operationId": "updatePet", "requestBody": body, "responses": {"200": ok}},
        },
        "/pets/checked": {"post": {"operationId": "updatePetChecked", "responses": {"204": {"description": "done"}}}},
    });
    let api = lower_clean(&spec(paths, json!({"Pet": pet})));
    assert_eq!(op(&api, "updatePetChecked").method_name, "update_pet_checked");
    let checked = op(&api, "updatePet").checked.as_ref().expect("updatePet has a checked form");
    assert_eq!(checked.method_name, "update_pet_checked2");
    assert_eq!(checked.get_method, "get_pet");
}

#[test]
fn operation_ids_that_meet_the_clients_own_methods_are_numbered() {
    let done = json!({"204": {"description": "done"}});
    let paths = json!({
        "/a": {"get": {"operationId": "builder", "responses": done}},
        "/b": {"get": {"operationId": "baseUrl", "responses": done}},
        "/c": {"get": {"operationId": "get-thing", "responses": done}},
        "/d": {"get": {"operationId": "getThing", "responses": done}},
    });
    let api = lower_clean(&spec(paths, json!({})));
    assert_eq!(op(&api, "builder").method_name, "builder2");
    assert_eq!(op(&api, "baseUrl").method_name, "base_url2");
    // Operations are named in path order: `/c` claims `get_thing` first.
    assert_eq!(op(&api, "get-thing").method_name, "get_thing");
    assert_eq!(op(&api, "getThing").method_name, "get_thing2");
}

//! Unions: `oneOf` with a discriminator is tagged, without one (or with a member the discriminator cannot name)
//! untagged; `anyOf` is an untagged union; `null` members make the value nullable instead of adding a variant.

use generator::ir::TypeRef;
use serde_json::{Value, json};

use super::{get_returning, lower_clean, named, spec, type_at, union};

fn cat_and_dog() -> Value {
    json!({
        "Cat": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}, "meows": {"type": "boolean"}}},
        "Dog": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}, "barks": {"type": "boolean"}}},
    })
}

/// Lowers a spec whose `Pet` schema is `pet` (beside `Cat` and `Dog`), received by `GET /probe`.
fn lower_pet(pet: Value) -> generator::ir::Api {
    let mut schemas = cat_and_dog();
    schemas["Pet"] = pet;
    lower_clean(&spec(get_returning(json!({"$ref": "#/components/schemas/Pet"})), schemas))
}

fn refs() -> Value {
    json!([{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}])
}

/// (variant name, discriminator values, payload) of each variant of `Pet`.
fn variants(api: &generator::ir::Api) -> Vec<(String, Vec<String>, TypeRef)> {
    let u = union(type_at(api, "#/components/schemas/Pet"));
    u.variants.iter().map(|v| (v.name.clone(), v.tags.clone(), v.ty.clone())).collect()
}

#[test]
fn one_of_with_a_discriminator_is_tagged() {
    let api = lower_pet(json!({
        "oneOf": refs(),
        "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/Cat", "kitty": "#/components/schemas/Cat"}},
    }));
    assert_eq!(union(type_at(&api, "#/components/schemas/Pet")).tag.as_deref(), Some("kind"));
    // Mapped members take their mapping keys; an unmapped one its schema name.
    assert_eq!(
        variants(&api),
        [
            ("Cat".into(), vec!["cat".into(), "kitty".into()], named("Cat")),
            ("Dog".into(), vec!["Dog".into()], named("Dog")),
        ]
    );
}

#[test]
fn one_of_without_a_discriminator_is_untagged() {
    let api = lower_pet(json!({"oneOf": refs()}));
    assert_eq!(union(type_at(&api, "#/components/schemas/Pet")).tag, None);
    assert_eq!(variants(&api), [("Cat".into(), vec![], named("Cat")), ("Dog".into(), vec![], named("Dog"))]);
}

#[test]
fn a_discriminator_that_cannot_name_every_member_is_dropped() {
    // An inline member has no schema name to serve as its tag, so the union is decided by shape instead.
    let api = lower_pet(json!({
        "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"type": "string"}],
        "discriminator": {"propertyName": "kind"},
    }));
    assert_eq!(union(type_at(&api, "#/components/schemas/Pet")).tag, None);
    let names: Vec<String> = variants(&api).into_iter().map(|v| v.0).collect();
    assert_eq!(names, ["Cat", "String"]);
}

#[test]
fn any_of_is_an_untagged_union() {
    let api = lower_pet(json!({"anyOf": refs()}));
    let u = union(type_at(&api, "#/components/schemas/Pet"));
    assert_eq!(u.tag, None);
    assert_eq!(u.variants.len(), 2);
}

#[test]
fn a_null_member_makes_the_value_nullable_not_a_variant() {
    let thing = json!({"type": "object", "required": ["pet", "either"], "properties": {
        "pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"nullable": true, "enum": [null]}]},
        "either": {"anyOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}, {"nullable": true, "enum": [null]}]},
    }});
    let mut schemas = cat_and_dog();
    schemas["Thing"] = thing;
    let api = lower_clean(&spec(get_returning(json!({"$ref": "#/components/schemas/Thing"})), schemas));
    let t = type_at(&api, "#/components/schemas/Thing");
    let pet = super::field(t, "pet");
    assert_eq!((pet.presence, &pet.ty), (generator::ir::Presence::RequiredNullable, &named("Cat")));
    let either = super::field(t, "either");
    assert_eq!(either.presence, generator::ir::Presence::RequiredNullable);
    let TypeRef::Named(name) = &either.ty else { panic!("a named union: {:?}", either.ty) };
    assert_eq!(union(super::type_named(&api, name)).variants.len(), 2);
}

#[test]
fn an_openapi_31_null_type_member_makes_the_value_nullable() {
    let thing = json!({"type": "object", "required": ["pet"], "properties": {
        "pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"type": "null"}]},
    }});
    let mut schemas = cat_and_dog();
    schemas["Thing"] = thing;
    let text = super::as_31(&spec(get_returning(json!({"$ref": "#/components/schemas/Thing"})), schemas));
    let api = lower_clean(&text);
    let pet = super::field(type_at(&api, "#/components/schemas/Thing"), "pet");
    assert_eq!((pet.presence, &pet.ty), (generator::ir::Presence::RequiredNullable, &named("Cat")));
}

//! Lowering decisions about names and references: collisions inside one scope and `$ref`s to odd component names.

use crate::ir::{Api, StatusMatch, TypeKind, Union};

fn lower(body: &str) -> Api {
    let text = format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\n{body}");
    let spec = crate::parse::parse(&text).expect("parses");
    crate::lower(&spec).expect("lowers").0
}

fn union<'a>(api: &'a Api, name: &str) -> &'a Union {
    match &api.type_def(name).expect(name).kind {
        TypeKind::Union(u) => u,
        other => panic!("{name} is {other:?}"),
    }
}

fn variant_names(u: &Union) -> Vec<&str> {
    u.variants.iter().map(|v| v.name.as_str()).collect()
}

#[test]
fn a_tagged_union_member_never_takes_the_unknown_tag_variant() {
    let api = lower(
        "paths: {}\ncomponents:\n  schemas:\n    Pet:\n      oneOf: [{$ref: '#/components/schemas/Unknown'}, \
         {$ref: '#/components/schemas/Cat'}]\n      discriminator: {propertyName: kind}\n    \
         Unknown: {type: object, properties: {kind: {type: string}}}\n    \
         Cat: {type: object, properties: {kind: {type: string}}}\n    \
         Loose: {oneOf: [{$ref: '#/components/schemas/Unknown'}, {$ref: '#/components/schemas/Cat'}]}\n",
    );
    let pet = union(&api, "Pet");
    assert_eq!(pet.tag.as_deref(), Some("kind"));
    assert_eq!(variant_names(pet), ["Unknown2", "Cat"]);
    assert_eq!(pet.variants[0].tags, ["Unknown"]);
    // An untagged union adds no variant, so its members keep their names.
    assert_eq!(variant_names(union(&api, "Loose")), ["Unknown", "Cat"]);
}

#[test]
fn components_named_with_a_slash_are_found_named_and_tagged_unescaped() {
    let api = lower(
        "paths: {}\ncomponents:\n  schemas:\n    Pet:\n      oneOf: [{$ref: '#/components/schemas/pets~1cat'}, \
         {$ref: '#/components/schemas/pets~1d%6Fg'}]\n      discriminator: {propertyName: kind}\n    \
         pets/cat: {type: object, properties: {kind: {type: string}}}\n    \
         pets/dog: {type: object, properties: {kind: {type: string}}}\n",
    );
    let pet = union(&api, "Pet");
    assert_eq!(variant_names(pet), ["PetsCat", "PetsDog"]);
    assert_eq!(pet.variants[0].tags, ["pets/cat"]);
    assert_eq!(pet.variants[1].tags, ["pets/dog"]);
    assert!(api.type_def("PetsCat").is_some() && api.type_def("PetsDog").is_some());
}

#[test]
fn error_statuses_get_one_variant_each() {
    let api = lower(
        "paths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        \
         '404': {description: x}\n        '499': {description: x}\n        '4XX': {description: x}\n        \
         '5XX': {description: x}\n        default: {description: x}\n",
    );
    let variants: Vec<(StatusMatch, &str)> = api.errors.iter().map(|e| (e.key, e.variant.as_str())).collect();
    assert_eq!(
        variants,
        [
            (StatusMatch::Code(404), "NotFound"),
            (StatusMatch::Code(499), "Status499"),
            (StatusMatch::Range(4), "ClientError"),
            (StatusMatch::Range(5), "ServerError"),
            (StatusMatch::Default, "DefaultResponse"),
        ]
    );
}

#[test]
fn a_ref_below_a_component_is_followed_not_taken_for_a_component() {
    // The body is `Holder.properties.item`, which is a `$ref` to `Item`: the body is `Item` (split, as it has a
    // read-only property and is received too), not a copy of it.
    let api = lower(
        "paths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            \
         schema: {$ref: '#/components/schemas/Holder/properties/item'}\n      \
         responses:\n        '200':\n          description: ok\n          \
         content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}\n\
         components:\n  schemas:\n    \
         Holder: {type: object, properties: {item: {$ref: '#/components/schemas/Item'}}}\n    \
         Item: {type: object, properties: {id: {type: string, readOnly: true}, name: {type: string}}}\n",
    );
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Holder", "Item", "ItemRequest"]);
    let body = api.operations[0].body.as_ref().expect("a body");
    assert_eq!(body.ty, crate::ir::TypeRef::Named("ItemRequest".into()));
}

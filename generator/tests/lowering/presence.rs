//! Presence: required or optional, nullable or not, and which way the type travels, decide how a field is held.

use generator::ir::{Presence, TypeRef};
use serde_json::{Value, json};

use super::{field, get_returning, lower_clean, post_sending, spec, type_at};

/// An object with one property per combination of required and nullable (3.0 `nullable`).
fn four_ways() -> Value {
    json!({
        "type": "object",
        "required": ["req", "req_null"],
        "properties": {
            "req": {"type": "string"},
            "req_null": {"type": "string", "nullable": true},
            "opt": {"type": "string"},
            "opt_null": {"type": "string", "nullable": true},
        },
    })
}

fn presences(text: &str) -> Vec<(String, Presence)> {
    let api = lower_clean(text);
    let t = type_at(&api, "#/components/schemas/Thing");
    ["req", "req_null", "opt", "opt_null"].iter().map(|w| (w.to_string(), field(t, w).presence)).collect()
}

fn expect(rows: &[(&str, Presence)]) -> Vec<(String, Presence)> {
    rows.iter().map(|(w, p)| (w.to_string(), *p)).collect()
}

#[test]
fn a_sent_type_tells_absent_from_null() {
    let text = spec(post_sending(json!({"$ref": "#/components/schemas/Thing"})), json!({"Thing": four_ways()}));
    assert_eq!(
        presences(&text),
        expect(&[
            ("req", Presence::Required),
            ("req_null", Presence::RequiredNullable),
            ("opt", Presence::Optional),
            ("opt_null", Presence::OptionalNullable),
        ])
    );
}

#[test]
fn a_received_type_reads_absent_and_null_alike() {
    let text = spec(get_returning(json!({"$ref": "#/components/schemas/Thing"})), json!({"Thing": four_ways()}));
    assert_eq!(
        presences(&text),
        expect(&[
            ("req", Presence::Required),
            ("req_null", Presence::RequiredNullable),
            ("opt", Presence::Optional),
            ("opt_null", Presence::Optional),
        ])
    );
}

#[test]
fn openapi_31_null_types_mean_nullable() {
    let text = spec(
        post_sending(json!({"$ref": "#/components/schemas/Thing"})),
        json!({"Thing": {
            "type": "object",
            "required": ["req", "req_null"],
            "properties": {
                "req": {"type": "string"},
                "req_null": {"type": ["string", "null"]},
                "opt": {"type": "string"},
                "opt_null": {"type": ["string", "null"]},
            },
        }}),
    );
    let presence = presences(&super::as_31(&text));
    assert_eq!(presence[1], ("req_null".into(), Presence::RequiredNullable));
    assert_eq!(presence[3], ("opt_null".into(), Presence::OptionalNullable));
}

#[test]
fn a_nullable_reference_keeps_the_referenced_type() {
    // The 3.0 way to make a `$ref` nullable: `allOf: [{$ref}]` beside `nullable: true`, or an annotating member.
    let thing = json!({
        "type": "object",
        "required": ["a", "b"],
        "properties": {
            "a": {"allOf": [{"$ref": "#/components/schemas/Other"}], "nullable": true},
            "b": {"allOf": [{"$ref": "#/components/schemas/Other"}, {"nullable": true, "description": "B."}]},
        },
    });
    let other = json!({"type": "object", "properties": {"x": {"type": "string"}}});
    let text = spec(post_sending(json!({"$ref": "#/components/schemas/Thing"})), json!({"Thing": thing, "Other": other}));
    let api = lower_clean(&text);
    let t = type_at(&api, "#/components/schemas/Thing");
    for wire in ["a", "b"] {
        let f = field(t, wire);
        assert_eq!((f.presence, &f.ty), (Presence::RequiredNullable, &TypeRef::Named("Other".into())), "{wire}");
    }
    assert_eq!(field(t, "b").doc.as_deref(), Some("B."));
}

#[test]
fn read_only_and_write_only_fields_travel_one_way() {
    let thing = json!({"type": "object", "properties": {
        "id": {"type": "string", "readOnly": true},
        "secret": {"type": "string", "writeOnly": true},
        "name": {"type": "string"},
    }});
    let paths = json!({"/things": {
        "get": {"operationId": "getThing", "responses": {"200": super::json_response(json!({"$ref": "#/components/schemas/Thing"}))}},
        "post": {
            "operationId": "putThing",
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
            "responses": {"204": {"description": "done"}},
        },
    }});
    let api = lower_clean(&spec(paths, json!({"Thing": thing})));
    let wires = |name: &str| -> Vec<String> {
        super::fields(super::type_named(&api, name)).iter().map(|f| f.wire.clone()).collect()
    };
    assert_eq!(wires("Thing"), ["id", "name"]);
    assert_eq!(wires("ThingRequest"), ["secret", "name"]);
}

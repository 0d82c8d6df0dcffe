//! Proptest strategies for names and schemas: mostly valid, with tricky names and broken parts mixed in.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Names that have tripped (or could trip) identifier, pointer and collision handling.
const TRICKY: &[&str] = &[
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "gen",
    "async",
    "match",
    "r#x",
    "r#",
    "",
    "_",
    "__",
    "2fa",
    "@type",
    "-1",
    "+1",
    "Option",
    "Result",
    "Error",
    "Client",
    "Value",
    "Unknown",
    "Pet",
    "pet",
    "PET",
    "pet_id",
    "petId",
    "Ünïcødé",
    "日本",
    "🦀",
    "a/b",
    "a~b",
    "~1",
    "a b",
    "x-y",
    "$ref",
    "const",
    "default",
    "properties",
    "items",
    "123",
    "0",
    "PetRequest",
    "validate",
    "builder",
    "new",
    "additional_properties",
    "body",
    "params",
    "req",
    "a\rb",
    "two\nlines",
    "nul\0",
    "tab\t",
    "*/",
    "/*",
    "\"",
    "\\",
    "{}",
    "#[x]",
    "}{",
    "'",
    "\u{202e}rtl",
];

/// Component schema names; a document declares most of them, so `$ref`s to them usually resolve.
pub const COMPONENTS: &[&str] = &[
    "Pet",
    "Self",
    "type",
    "Option",
    "2fa",
    "a/b",
    "a~b",
    "Ünï",
    "PetRequest",
];

/// A name for a property, parameter, operation id or title.
pub fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(TRICKY).prop_map(str::to_owned),
        2 => "[a-zA-Z_][a-zA-Z0-9_]{0,8}",
        1 => "\\PC{0,6}",
        1 => (1usize..4).prop_map(|n| "very_long_name_".repeat(20 * n)),
    ]
}

/// A `$ref` string: mostly to a component, sometimes dangling, external or odd.
fn reference() -> impl Strategy<Value = String> {
    prop_oneof![
        40 => prop::sample::select(COMPONENTS).prop_map(|n| format!("#/components/schemas/{}", escape(n))),
        1 => Just("#/components/schemas/Missing".to_owned()),
        2 => prop::sample::select(vec!["#/components/schemas/Pet/properties/a", "#/components/schemas/Self/items"]).prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            "other.yaml#/components/schemas/Pet",
            "#/components/schemas/Pet/properties/name",
            "#/components/schemas/Pet/items",
            "#/paths",
            "#",
            "",
            "#/components/schemas/~2",
            "#/components/responses/Problem",
        ])
        .prop_map(str::to_owned),
    ]
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        prop::num::f64::NORMAL.prop_map(Value::from),
        name().prop_map(Value::String),
    ]
}

/// Any JSON value, small.
pub fn any_json() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(2, 12, 3, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..3).prop_map(Value::Array),
            vec((name(), inner), 0..3).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn leaf_schema() -> impl Strategy<Value = Value> {
    let string_format = prop::sample::select(vec![
        "",
        "date-time",
        "date",
        "email",
        "uuid",
        "binary",
        "byte",
        "password",
        "weird",
    ]);
    let int_format = prop::sample::select(vec!["", "int32", "int64", "uint8", "weird"]);
    let pattern = prop::sample::select(vec![
        "^[a-z]+$",
        "([a-z",
        "(?<=a)b",
        "\\p{Greek}",
        "",
        "\\d{2,1}",
        "a{99999}",
    ]);
    prop_oneof![
        12 => Just(json!({})),
        18 => (string_format, option::of(pattern), option::of(0i64..5), option::of(0i64..9)).prop_map(|(f, p, min, max)| {
            let mut s = json!({"type": "string"});
            if !f.is_empty() { s["format"] = json!(f); }
            if let Some(p) = p { s["pattern"] = json!(p); }
            if let Some(m) = min { s["minLength"] = json!(m); }
            if let Some(m) = max { s["maxLength"] = json!(m); }
            s
        }),
        12 => (int_format, option::of(any::<i64>()), option::of(-2.5f64..2.5), any::<bool>()).prop_map(|(f, min, max, excl)| {
            let mut s = json!({"type": "integer"});
            if !f.is_empty() { s["format"] = json!(f); }
            if let Some(m) = min { s["minimum"] = json!(m); }
            if let Some(m) = max { s["maximum"] = json!(m); }
            if excl { s["exclusiveMinimum"] = json!(true); }
            s
        }),
        6 => (option::of(prop::sample::select(vec!["float", "double"])), option::of(-1e300f64..1e300), any::<bool>())
            .prop_map(|(f, max, excl31)| {
                let mut s = json!({"type": "number"});
                if let Some(f) = f { s["format"] = json!(f); }
                if let Some(m) = max {
                    s[if excl31 { "exclusiveMaximum" } else { "maximum" }] = json!(m);
                }
                s
            }),
        6 => Just(json!({"type": "boolean"})),
        18 => vec(prop_oneof![4 => name().prop_map(Value::String), 1 => Just(Value::Null)], 0..5)
            .prop_map(|values| json!({"type": "string", "enum": values})),
        6 => vec(prop_oneof![any::<i64>().prop_map(Value::from), Just(Value::Null), Just(json!(1.5))], 0..5)
            .prop_map(|values| json!({"type": "integer", "enum": values})),
        6 => vec(scalar(), 0..4).prop_map(|values| json!({"enum": values})),
        6 => scalar().prop_map(|c| json!({"const": c})),
        30 => reference().prop_map(|r| json!({"$ref": r})),
        12 => prop::sample::select(vec![
            json!({"type": ["string", "null"]}),
            json!({"type": ["integer", "string"]}),
            json!({"type": ["null"]}),
            json!({"type": []}),
            json!({"type": "null"}),
            json!({"type": "object"}),
            json!({"type": "array"}),
            json!({"prefixItems": [{"type": "string"}]}),
            json!(true),
            json!(false),
        ]),
        1 => prop::sample::select(vec![
            json!({"type": 5}),
            json!({"type": "unknown"}),
            json!(42),
            json!("schema"),
            json!(null),
            json!([]),
        ]),
    ]
}

/// A schema built recursively from every keyword the generator reads.
pub fn schema() -> impl Strategy<Value = Value> {
    let tree = leaf_schema().prop_recursive(4, 40, 4, |inner| {
        let props = vec((name(), inner.clone()), 0..5);
        prop_oneof![
            3 => (props, vec(name(), 0..3), option::of(prop_oneof![any::<bool>().prop_map(Value::Bool), inner.clone()]), any::<bool>())
                .prop_map(|(props, required, additional, typed)| {
                    let mut s = json!({"properties": Value::Object(props.into_iter().collect())});
                    if typed { s["type"] = json!("object"); }
                    if !required.is_empty() { s["required"] = json!(required); }
                    if let Some(a) = additional { s["additionalProperties"] = a; }
                    s
                }),
            2 => (inner.clone(), any::<bool>(), option::of(0i64..3)).prop_map(|(items, typed, min)| {
                let mut s = json!({"items": items});
                if typed { s["type"] = json!("array"); }
                if let Some(m) = min { s["minItems"] = json!(m); }
                s
            }),
            1 => inner.clone().prop_map(|v| json!({"type": "object", "additionalProperties": v})),
            3 => (prop::sample::select(vec!["allOf", "oneOf", "anyOf"]), vec(inner.clone(), 0..4), option::of(discriminator()))
                .prop_map(|(key, members, d)| {
                    let mut s = json!({ key: members });
                    if let Some(d) = d { s["discriminator"] = d; }
                    s
                }),
            1 => inner.clone().prop_map(|v| json!({"not": v})),
            1 => vec(vec(name(), 1..3).prop_map(|r| json!({"required": r})), 1..3)
                .prop_map(|alts| json!({"type": "object", "properties": {"a": {}, "b": {}}, "anyOf": alts})),
        ]
    });
    (tree, modifiers()).prop_map(|(mut s, mods)| {
        if let Value::Object(map) = &mut s {
            for (k, v) in mods {
                map.insert(k, v);
            }
        }
        s
    })
}

fn discriminator() -> impl Strategy<Value = Value> {
    (name(), vec((name(), reference()), 0..3)).prop_map(|(prop, mapping)| {
        let mapping: Map<String, Value> = mapping
            .into_iter()
            .map(|(k, r)| (k, Value::String(r)))
            .collect();
        json!({"propertyName": prop, "mapping": mapping})
    })
}

/// Keywords that can sit beside any schema.
fn modifiers() -> impl Strategy<Value = Vec<(String, Value)>> {
    let one = prop_oneof![
        Just(("nullable".to_owned(), json!(true))),
        Just(("readOnly".to_owned(), json!(true))),
        Just(("writeOnly".to_owned(), json!(true))),
        Just(("deprecated".to_owned(), json!(true))),
        Just(("x-enum-validate-only".to_owned(), json!(true))),
        name().prop_map(|n| ("x-soft-delete-field".to_owned(), json!(n))),
        prop::sample::select(vec![
            "plain",
            "two\nlines",
            "```\nfn main() {}\n```",
            "```rust\nunclosed",
            "\"quotes\" */ /*",
            "\\"
        ])
        .prop_map(|d| ("description".to_owned(), json!(d))),
        name().prop_map(|t| ("title".to_owned(), json!(t))),
        any_json().prop_map(|v| ("default".to_owned(), v)),
        any_json().prop_map(|v| ("example".to_owned(), v)),
        vec(any_json(), 0..2).prop_map(|v| ("examples".to_owned(), json!(v))),
    ];
    vec(one, 0..3)
}

//! Every `example` in spec/stax-customer.yaml validates against its own schema.
//!
//! OpenAPI 3.0 schema objects are translated to JSON Schema 2020-12 (`nullable` becomes "or null",
//! `#/components/schemas/X` refs point at `$defs`, `example` and `x-` keys are dropped) and checked
//! with the `jsonschema` crate, format checks (e-mail) on.

use serde_json::{Map, Value, json};

const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/stax-customer.yaml");
const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

fn load_spec() -> Value {
    let text = std::fs::read_to_string(SPEC).unwrap_or_else(|e| panic!("read {SPEC}: {e}"));
    serde_yaml::from_str(&text).expect("the spec is valid YAML")
}

/// Translates one OpenAPI 3.0 schema object into a JSON Schema 2020-12 schema.
fn translate(schema: &Value) -> Value {
    let Value::Object(obj) = schema else {
        return schema.clone();
    };
    if let Some(reference) = obj.get("$ref").and_then(Value::as_str) {
        // In OpenAPI 3.0 the siblings of `$ref` are ignored.
        let name = reference
            .strip_prefix(SCHEMA_REF_PREFIX)
            .unwrap_or_else(|| panic!("unsupported $ref {reference}"));
        return json!({ "$ref": format!("#/$defs/{name}") });
    }
    let mut out = Map::new();
    for (key, value) in obj {
        let translated = match key.as_str() {
            "nullable" | "example" | "discriminator" | "xml" | "externalDocs" | "deprecated" => {
                continue;
            }
            k if k.starts_with("x-") => continue,
            "properties" => Value::Object(
                value
                    .as_object()
                    .expect("properties is a map")
                    .iter()
                    .map(|(name, s)| (name.clone(), translate(s)))
                    .collect(),
            ),
            "items" | "not" | "additionalProperties" => translate(value),
            "allOf" | "anyOf" | "oneOf" => Value::Array(
                value
                    .as_array()
                    .expect("a list of schemas")
                    .iter()
                    .map(translate)
                    .collect(),
            ),
            _ => value.clone(),
        };
        out.insert(key.clone(), translated);
    }
    if obj.get("nullable") == Some(&Value::Bool(true)) {
        return json!({ "anyOf": [{ "type": "null" }, out] });
    }
    Value::Object(out)
}

/// A validator for `schema` (an OpenAPI schema object of `spec`), with all component schemas
/// available as `$defs`.
fn validator(spec: &Value, schema: &Value) -> jsonschema::Validator {
    let defs: Map<String, Value> = spec["components"]["schemas"]
        .as_object()
        .expect("components.schemas")
        .iter()
        .map(|(name, s)| (name.clone(), translate(s)))
        .collect();
    let root = json!({ "$defs": defs, "allOf": [translate(schema)] });
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}\n{root:#}"))
}

fn errors(spec: &Value, schema: &Value, instance: &Value) -> Vec<String> {
    validator(spec, schema)
        .iter_errors(instance)
        .map(|e| format!("at '{}': {e}", e.instance_path()))
        .collect()
}

struct Case {
    location: String,
    schema: Value,
    example: Value,
}

/// Collects `example`s of a schema and of its subschemas.
fn collect_in_schema(schema: &Value, location: &str, out: &mut Vec<Case>) {
    let Some(obj) = schema.as_object() else {
        return;
    };
    if let Some(example) = obj.get("example") {
        out.push(Case {
            location: location.to_owned(),
            schema: schema.clone(),
            example: example.clone(),
        });
    }
    if let Some(props) = obj.get("properties").and_then(Value::as_object) {
        for (name, s) in props {
            collect_in_schema(s, &format!("{location}/properties/{name}"), out);
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(s) = obj.get(key) {
            collect_in_schema(s, &format!("{location}/{key}"), out);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for (i, s) in obj
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            collect_in_schema(s, &format!("{location}/{key}/{i}"), out);
        }
    }
}

/// Collects examples outside `components.schemas`: on parameters, headers and media types (the
/// objects that carry a `schema`), as `example` or `examples.*.value`.
fn collect_outside_schemas(node: &Value, location: &str, out: &mut Vec<Case>) {
    match node {
        Value::Object(obj) => {
            let has_examples = obj.contains_key("example") || obj.contains_key("examples");
            match obj.get("schema") {
                Some(schema) => {
                    let mut push = |loc: String, example: &Value| {
                        out.push(Case {
                            location: loc,
                            schema: schema.clone(),
                            example: example.clone(),
                        })
                    };
                    if let Some(example) = obj.get("example") {
                        push(format!("{location}/example"), example);
                    }
                    for (name, entry) in obj
                        .get("examples")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                    {
                        let value = entry.get("value").unwrap_or_else(|| {
                            panic!("{location}/examples/{name} has no inline `value`")
                        });
                        push(format!("{location}/examples/{name}"), value);
                    }
                    collect_in_schema(schema, &format!("{location}/schema"), out);
                }
                None => assert!(
                    !has_examples,
                    "{location} has an example but no schema to check it against"
                ),
            }
            for (key, value) in obj {
                if matches!(key.as_str(), "schema" | "example" | "examples") {
                    continue;
                }
                if location == "#/components" && key == "schemas" {
                    for (name, s) in value.as_object().expect("components.schemas") {
                        collect_in_schema(s, &format!("#/components/schemas/{name}"), out);
                    }
                    continue;
                }
                collect_outside_schemas(value, &format!("{location}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_outside_schemas(item, &format!("{location}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn schema<'a>(spec: &'a Value, name: &str) -> &'a Value {
    let s = &spec["components"]["schemas"][name];
    assert!(s.is_object(), "components.schemas.{name} is missing");
    s
}

#[test]
fn every_example_matches_its_schema() {
    let spec = load_spec();
    let mut cases = Vec::new();
    collect_outside_schemas(&spec, "#", &mut cases);
    assert!(
        cases.len() >= 20,
        "only {} examples found; is the walk broken?",
        cases.len()
    );

    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let errs = errors(&spec, &case.schema, &case.example);
            (!errs.is_empty()).then(|| format!("{}:\n  {}", case.location, errs.join("\n  ")))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "examples that do not match their schema:\n{}",
        failures.join("\n")
    );
}

#[test]
fn main_schemas_have_examples() {
    let spec = load_spec();
    for name in [
        "Customer",
        "CustomerCreate",
        "CustomerUpdate",
        "CustomerPage",
        "PaymentMethod",
        "ValidationError",
        "NotFoundError",
    ] {
        assert!(
            schema(&spec, name).get("example").is_some(),
            "{name} has no example"
        );
    }
}

/// The check above can fail: broken variants of the examples are rejected.
#[test]
fn validator_rejects_broken_examples() {
    let spec = load_spec();
    let update = schema(&spec, "CustomerUpdate");
    let create = schema(&spec, "CustomerCreate");
    let customer = schema(&spec, "Customer");
    let with = |base: &Value, field: &str, value: Value| {
        let mut changed = base["example"].clone();
        changed[field] = value;
        changed
    };
    let without = |base: &Value, field: &str| {
        let mut changed = base["example"].clone();
        changed.as_object_mut().expect("object").remove(field);
        changed
    };
    let unauthorized = schema(&spec, "UnauthorizedBody");

    let rejected = [
        (
            "update, bad e-mail",
            update,
            with(update, "email", json!("not-an-email")),
        ),
        (
            "update, 4-letter country",
            update,
            with(update, "address_country", json!("USAA")),
        ),
        (
            "update, unknown country",
            update,
            with(update, "address_country", json!("XXX")),
        ),
        (
            "update, null firstname",
            update,
            with(update, "firstname", json!(null)),
        ),
        (
            "update, phone with dashes",
            update,
            with(update, "phone", json!("407-555-1234")),
        ),
        (
            "create, none of the identity fields",
            create,
            json!({ "phone": "4075551234" }),
        ),
        (
            "customer, ISO 8601 timestamp",
            customer,
            with(customer, "created_at", json!("2017-05-08T19:22:51Z")),
        ),
        ("customer, no id", customer, json!({ "firstname": "John" })),
        (
            "customer, no created_at",
            customer,
            without(customer, "created_at"),
        ),
        (
            "customer, no firstname",
            customer,
            without(customer, "firstname"),
        ),
        (
            "customer, null updated_at",
            customer,
            with(customer, "updated_at", json!(null)),
        ),
        (
            "customer, id not a UUID",
            customer,
            with(customer, "id", json!("cus_1")),
        ),
        (
            "customer, bad e-mail",
            customer,
            with(customer, "email", json!("not-an-email")),
        ),
        (
            "customer, 3-letter state",
            customer,
            with(customer, "address_state", json!("FLA")),
        ),
        (
            "customer, 17-character zip",
            customer,
            with(customer, "address_zip", json!("12345678901234567")),
        ),
    ];
    for (what, schema, instance) in &rejected {
        assert!(
            !errors(&spec, schema, instance).is_empty(),
            "{what}: accepted {instance}"
        );
    }

    let accepted = [
        ("update, empty body", update, json!({})),
        (
            "update, null notes",
            update,
            with(update, "notes", json!(null)),
        ),
        (
            "customer, country not checked in responses",
            customer,
            with(customer, "address_country", json!("XXX")),
        ),
        (
            "customer, options as empty string",
            customer,
            with(customer, "options", json!("")),
        ),
        (
            "customer, null gravatar",
            customer,
            with(customer, "gravatar", json!(null)),
        ),
        (
            "customer, no has_address (a newer field)",
            customer,
            without(customer, "has_address"),
        ),
        (
            "update, null options",
            update,
            with(update, "options", json!(null)),
        ),
        ("401, bare array", unauthorized, json!(["not team admin"])),
        (
            "401, object",
            unauthorized,
            json!({ "error": "invalid_token" }),
        ),
    ];
    for (what, schema, instance) in &accepted {
        let errs = errors(&spec, schema, instance);
        assert!(errs.is_empty(), "{what}: rejected {instance}: {errs:?}");
    }
}

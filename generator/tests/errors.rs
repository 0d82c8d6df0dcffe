//! Invalid specs fail with errors that say what is wrong and where: a line and column for text that does not parse,
//! a JSON pointer for everything else.

use generator::{Config, Diagnostic, Diagnostics, Severity};

fn generate(text: &str) -> Result<generator::GeneratedFiles, Diagnostics> {
    generator::generate_str(text, &Config::default())
}

/// The first error of a spec that must fail.
fn first_error(text: &str) -> Diagnostic {
    let err = generate(text).expect_err("the spec is refused");
    err.items
        .iter()
        .find(|d| d.severity == Severity::Error)
        .cloned()
        .expect("an error, not only warnings")
}

/// A 3.0 document whose one operation answers 200 with `schema` (YAML, indented to fit).
fn with_response_schema(schema: &str, components: &str) -> String {
    format!(
        "openapi: 3.0.3
info: {{title: T, version: '1'}}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: The pets.
          content:
            application/json:
              schema: {schema}
components:
  schemas:
{components}"
    )
}

const RESPONSE_SCHEMA: &str = "#/paths/~1pets/get/responses/200/content/application~1json/schema";

#[test]
fn malformed_yaml_names_the_line() {
    let d = first_error("openapi: 3.0.3\ninfo:\n  title: T\n  version: [1\npaths: {}\n");
    assert_eq!(d.pointer, "#");
    assert!(d.message.starts_with("invalid YAML at line "), "{d}");
    assert!(d.message.contains("column"), "{d}");
}

#[test]
fn malformed_yaml_indentation_names_its_line() {
    let d = first_error("openapi: 3.0.3\ninfo:\n  title: T\n   version: '1'\npaths: {}\n");
    assert_eq!(d.pointer, "#");
    assert!(d.message.contains("line 4"), "{d}");
}

#[test]
fn malformed_json_names_line_and_column() {
    let d = first_error(
        "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"T\" \"version\": \"1\"},\n  \"paths\": {}\n}\n",
    );
    assert_eq!(d.pointer, "#");
    assert!(
        d.message.starts_with("invalid JSON at line 3 column 25"),
        "{d}"
    );
}

#[test]
fn dangling_ref_names_the_referencing_pointer_and_the_target() {
    let text = with_response_schema(
        "{$ref: '#/components/schemas/Missing'}",
        "    Pet: {type: object}\n",
    );
    let d = first_error(&text);
    assert_eq!(d.pointer, RESPONSE_SCHEMA);
    assert!(
        d.message.contains("dangling $ref") && d.message.contains("#/components/schemas/Missing"),
        "{d}"
    );
}

#[test]
fn dangling_ref_in_a_property_names_the_property() {
    let text = with_response_schema(
        "{$ref: '#/components/schemas/Pet'}",
        "    Pet:\n      type: object\n      properties:\n        owner: {$ref: '#/components/schemas/Owner'}\n",
    );
    let d = first_error(&text);
    assert_eq!(d.pointer, "#/components/schemas/Pet/properties/owner");
    assert!(d.message.contains("#/components/schemas/Owner"), "{d}");
}

#[test]
fn ref_cycle_without_base_case_names_the_cycle() {
    let text = with_response_schema(
        "{$ref: '#/components/schemas/A'}",
        "    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n",
    );
    let err = generate(&text).expect_err("refused");
    let d = &err.items[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.pointer, RESPONSE_SCHEMA);
    assert!(
        d.message.contains("$ref cycle with no base case")
            && d.message.contains(
                "#/components/schemas/A -> #/components/schemas/B -> #/components/schemas/A"
            ),
        "{d}"
    );
}

#[test]
fn self_ref_names_the_cycle() {
    let text = with_response_schema(
        "{$ref: '#/components/schemas/A'}",
        "    A: {$ref: '#/components/schemas/A'}\n",
    );
    let d = first_error(&text);
    assert_eq!(d.pointer, RESPONSE_SCHEMA);
    assert!(
        d.message
            .contains("#/components/schemas/A -> #/components/schemas/A"),
        "{d}"
    );
}

#[test]
fn all_of_cycle_names_the_members() {
    let text = with_response_schema(
        "{$ref: '#/components/schemas/A'}",
        "    A: {allOf: [{$ref: '#/components/schemas/B'}, {type: object}]}\n    B: {allOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/A'}]}\n",
    );
    let d = first_error(&text);
    assert!(
        d.pointer.starts_with("#/components/schemas/A/allOf/0"),
        "{d}"
    );
    assert!(d.message.contains("allOf cycle with no base case"), "{d}");
}

#[test]
fn recursion_through_a_property_is_fine() {
    let text = with_response_schema(
        "{$ref: '#/components/schemas/Node'}",
        "    Node:\n      type: object\n      properties:\n        next: {$ref: '#/components/schemas/Node'}\n        kids: {type: array, items: {$ref: '#/components/schemas/Node'}}\n",
    );
    let out = generate(&text).expect("a recursive type is valid");
    assert!(
        out.get("types.rs")
            .is_some_and(|t| t.contains("pub struct Node"))
    );
}

#[test]
fn swagger_2_is_refused_at_swagger() {
    let d = first_error("swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n");
    assert_eq!(d.pointer, "#/swagger");
    assert!(
        d.message.contains("Swagger 2.0") && d.message.contains("OpenAPI 3"),
        "{d}"
    );
}

#[test]
fn swagger_2_json_is_refused_at_swagger() {
    let d =
        first_error(r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {}}"#);
    assert_eq!(d.pointer, "#/swagger");
}

#[test]
fn unsupported_versions_are_refused_at_openapi() {
    for version in ["2.5", "4.0", "3.2.0", "3", "1.0.0"] {
        let d = first_error(&format!(
            "openapi: '{version}'\ninfo: {{title: T, version: '1'}}\npaths: {{}}\n"
        ));
        assert_eq!(d.pointer, "#/openapi", "{version}");
        assert!(
            d.message
                .contains(&format!("unsupported OpenAPI version {version}")),
            "{d}"
        );
    }
}

#[test]
fn a_version_that_is_not_a_string_is_refused_at_openapi() {
    let d = first_error("openapi: 3.0\ninfo: {title: T, version: '1'}\npaths: {}\n");
    assert_eq!(d.pointer, "#/openapi");
}

#[test]
fn missing_version_is_refused() {
    let d = first_error("info: {title: T, version: '1'}\npaths: {}\n");
    assert_eq!(d.pointer, "#");
    assert!(d.message.contains("missing `openapi`"), "{d}");
}

#[test]
fn external_ref_is_refused_where_it_is_used() {
    let text = with_response_schema(
        "{$ref: 'other.yaml#/components/schemas/X'}",
        "    Pet: {type: object}\n",
    );
    let d = first_error(&text);
    assert_eq!(d.pointer, RESPONSE_SCHEMA);
    assert!(
        d.message
            .contains("external reference other.yaml#/components/schemas/X"),
        "{d}"
    );
}

#[test]
fn external_ref_to_a_response_is_refused_where_it_is_used() {
    let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '404': {$ref: 'common.yaml#/responses/NotFound'}\n";
    let d = first_error(text);
    assert_eq!(d.pointer, "#/paths/~1a/get/responses/404");
    assert!(d.message.contains("common.yaml#/responses/NotFound"), "{d}");
}

#[test]
fn non_object_documents_are_refused() {
    for text in ["- a\n- b\n", "42", "\"openapi\"", "null", "[]"] {
        let d = first_error(text);
        assert_eq!(d.pointer, "#", "{text}");
        assert!(d.message.contains("not an object"), "{text}: {d}");
    }
}

#[test]
fn empty_text_is_refused() {
    let d = first_error("");
    assert_eq!(d.pointer, "#");
}

#[test]
fn schema_errors_name_the_innermost_pointer() {
    let d = first_error(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, schema: {type: string, minLength: many}}\n      responses: {'200': {description: ok}}\n",
    );
    assert!(d.pointer.starts_with("#/paths/~1a/get/parameters/0"), "{d}");
    assert!(
        d.message.contains("does not match the OpenAPI schema"),
        "{d}"
    );
}

#[test]
fn too_long_ref_chains_are_refused_where_they_start() {
    let mut components = String::new();
    for i in 0..100 {
        components.push_str(&format!(
            "    S{i}: {{$ref: '#/components/schemas/S{}'}}\n",
            i + 1
        ));
    }
    components.push_str("    S100: {type: string}\n");
    let d = first_error(&with_response_schema(
        "{$ref: '#/components/schemas/S0'}",
        &components,
    ));
    assert_eq!(d.pointer, RESPONSE_SCHEMA);
    assert!(d.message.contains("$refs in a row"), "{d}");
}

#[test]
fn a_schema_that_contains_itself_without_a_name_degrades_with_a_warning() {
    // `#/components/schemas/Pet/properties/child` is not a component, so no type can name the recursion.
    let text = with_response_schema(
        "{$ref: '#/components/schemas/Pet/properties/child'}",
        "    Pet:\n      type: object\n      properties:\n        child:\n          type: object\n          properties:\n            again: {$ref: '#/components/schemas/Pet/properties/child'}\n",
    );
    let out = generate(&text).expect("degrades");
    let w = out
        .warnings
        .iter()
        .find(|w| w.message.contains("contains itself"))
        .expect("a warning");
    assert!(w.pointer.ends_with("/properties/again"), "{w}");
}

#[test]
fn an_all_of_that_contains_itself_degrades_with_a_warning() {
    // Each `p` merges `A`, whose properties include `p` again, inline: an infinitely deep type.
    let text = with_response_schema(
        "{$ref: '#/components/schemas/A'}",
        "    A:\n      type: object\n      properties:\n        p: {allOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/A'}]}\n        q: {allOf: [{$ref: '#/components/schemas/A'}, {type: object}]}\n",
    );
    let out = generate(&text).expect("degrades");
    let w = out
        .warnings
        .iter()
        .find(|w| w.message.contains("contains itself"))
        .expect("a warning");
    assert!(
        w.pointer.starts_with("#/components/schemas/A/properties/"),
        "{w}"
    );
}

#[test]
fn yaml_alias_bombs_are_refused() {
    let mut text = String::from(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\nx-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let p = i - 1;
        text.push_str(&format!(
            "x-a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let d = first_error(&text);
    assert_eq!(d.pointer, "#");
    assert!(d.message.contains("repetition limit"), "{d}");
}

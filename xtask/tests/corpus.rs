//! The pure parts of `cargo xtask corpus`: example collection, mapping examples to generated types, the OpenAPI 3.0
//! to JSON Schema rewrite with validation, classification, and reading cargo's and the decode program's output.
//! No network: the corpus itself runs only under `cargo xtask corpus`.

use generator::ir::TypeRef;
use serde_json::{Value, json};
use xtask::corpus::cargo::count;
use xtask::corpus::decode::{Outcome, classify, parse_output, program};
use xtask::corpus::examples::{Target, collect};
use xtask::corpus::list::{CORPUS, Source};
use xtask::corpus::mapping::{TypeIndex, media_target, rust_type};
use xtask::corpus::nullable_schema;
use xtask::corpus::validate::{Verdict, check, fragment, to_json_schema};

const SPEC: &str = r##"
openapi: 3.0.3
info: {title: Shop, version: '1'}
paths:
  /items:
    get:
      operationId: listItems
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Item'}}
              examples:
                two: {value: [{id: 1, tags: [a]}, {id: 2}]}
                shared: {$ref: '#/components/examples/ItemList'}
                far: {externalValue: 'https://example.com/x.json'}
            application/vnd.shop.v2+json:
              schema: {type: object}
              example: {items: []}
        '404': {$ref: '#/components/responses/NotFound'}
    post:
      operationId: createItem
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Item'}
            example: {id: 3}
      responses:
        '201':
          description: created
          content:
            text/plain:
              schema: {type: string}
              example: not json
  /upload:
    post:
      operationId: upload
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {name: {type: string}}}
          application/json:
            schema: {type: object, properties: {name: {type: string}}}
            example: {name: x}
      responses:
        '204': {description: done}
components:
  examples:
    ItemList: {value: []}
  responses:
    NotFound:
      description: missing
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Problem'}
          example: {message: gone}
  schemas:
    Problem:
      type: object
      required: [message]
      properties: {message: {type: string}}
    Item:
      type: object
      required: [id]
      example: {id: 7, tags: [x]}
      properties:
        id: {type: integer, format: int64, example: 7}
        tags:
          type: array
          items: {type: string, example: red}
        label: {type: string, nullable: true, example: null}
        size:
          type: string
          enum: [s, m]
          example: m
    Tagged:
      allOf:
        - $ref: '#/components/schemas/Item'
        - type: object
          properties:
            colour: {type: string, example: blue}
"##;

fn doc() -> Value {
    generator::parse::parse_value(SPEC).expect("the test spec parses")
}

fn targets(doc: &Value) -> Vec<(String, Target)> {
    collect(doc).into_iter().map(|e| (e.pointer, e.target)).collect()
}

#[test]
fn every_example_is_collected_with_its_target() {
    let doc = doc();
    let all = targets(&doc);
    let pointers: Vec<&str> = all.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "#/components/schemas/Item/example",
            "#/components/schemas/Item/properties/id/example",
            "#/components/schemas/Item/properties/tags/items/example",
            "#/components/schemas/Item/properties/label/example",
            "#/components/schemas/Item/properties/size/example",
            "#/components/schemas/Tagged/allOf/1/properties/colour/example",
            "#/paths/~1items/get/responses/200/content/application~1json/examples/two/value",
            // A `$ref` to components/examples is followed; `externalValue` is not fetched.
            "#/components/examples/ItemList/value",
            // Another JSON media type of the same response: the client decodes application/json, so it has no type.
            "#/paths/~1items/get/responses/200/content/application~1vnd.shop.v2+json/example",
            // A response reached through `$ref` keeps its own pointer and the operation's target.
            "#/components/responses/NotFound/content/application~1json/example",
            "#/paths/~1items/post/requestBody/content/application~1json/example",
            // Non-JSON media types are skipped.
            "#/paths/~1upload/post/requestBody/content/application~1json/example",
        ]
    );
    assert_eq!(
        all[9].1,
        Target::Response {
            path: "/items".into(),
            method: "GET".into(),
            status: "404".into(),
            schema: Some("#/components/responses/NotFound/content/application~1json/schema".into()),
        }
    );
    assert_eq!(all[10].1.schema(), Some("#/paths/~1items/post/requestBody/content/application~1json/schema"));
}

#[test]
fn three_one_examples_arrays_are_collected() {
    let doc = json!({"openapi": "3.1.0", "components": {"schemas": {"N": {"type": "integer", "examples": [1, 2]}}}});
    let pointers: Vec<String> = collect(&doc).into_iter().map(|e| e.pointer).collect();
    assert_eq!(pointers, ["#/components/schemas/N/examples/0", "#/components/schemas/N/examples/1"]);
}

#[test]
fn examples_map_to_the_generated_types() {
    let doc = doc();
    let spec = generator::parse(SPEC).expect("parse");
    let (api, _) = generator::lower(&spec).expect("lower");
    let index = TypeIndex::new(&api);
    let ty = |t: &Target| index.map(t).map(|t| rust_type(&t, "shop").unwrap_or_else(|| "-".into()));
    let mapped: Vec<(String, Result<String, String>)> = targets(&doc).into_iter().map(|(p, t)| (p, ty(&t))).collect();
    let got = |suffix: &str| mapped.iter().find(|(p, _)| p.ends_with(suffix)).map(|(_, t)| t.clone()).expect(suffix);
    assert_eq!(got("schemas/Item/example"), Ok("shop::Item".into()));
    assert_eq!(got("Item/properties/id/example"), Ok("i64".into()));
    assert_eq!(got("tags/items/example"), Ok("String".into()));
    assert_eq!(got("label/example"), Ok("Option<String>".into()));
    // A property with a type of its own decodes as the field holds it (optional here).
    assert_eq!(got("size/example"), Ok("Option<shop::ItemSize>".into()));
    // A property of an allOf member is a field of the merged struct.
    assert_eq!(got("colour/example"), Ok("Option<String>".into()));
    assert_eq!(got("examples/two/value"), Ok("Vec<shop::Item>".into()));
    assert_eq!(got("NotFound/content/application~1json/example"), Ok("shop::Problem".into()));
    assert_eq!(got("vnd.shop.v2+json/example"), Err("the client uses the media type application/json here".into()));
    // An optional body (`requestBody.required` defaults to false) is `Option<&T>`.
    assert_eq!(got("post/requestBody/content/application~1json/example"), Ok("Option<shop::Item>".into()));
    // Where a body can be sent as form or JSON, JSON is generated, so the JSON example has its type.
    assert_eq!(got("upload/post/requestBody/content/application~1json/example"), Ok("Option<shop::UploadBody>".into()));
    assert_eq!(rust_type(&TypeRef::Bytes, "shop"), None);
    assert_eq!(
        rust_type(&TypeRef::Map(Box::new(TypeRef::Nullable(Box::new(TypeRef::Json)))), "shop").as_deref(),
        Some("::std::collections::BTreeMap<String, Option<::serde_json::Value>>")
    );
}

#[test]
fn nullable_and_boolean_exclusive_bounds_become_json_schema() {
    let doc = json!({"components": {"schemas": {
        "A": {"type": "string", "nullable": true, "enum": ["x"]},
        "B": {"$ref": "#/components/schemas/A", "nullable": true},
        "C": {"type": "integer", "minimum": 0, "exclusiveMinimum": true, "maximum": 9, "exclusiveMaximum": false},
        "D": {"type": "object", "properties": {"nullable": {"type": "boolean"}}}
    }}});
    let out = to_json_schema(&doc);
    let s = &out["components"]["schemas"];
    assert_eq!(s["A"], json!({"type": ["string", "null"], "enum": ["x", null]}));
    assert_eq!(s["B"], json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]}));
    assert_eq!(s["C"], json!({"type": "integer", "exclusiveMinimum": 0, "maximum": 9}));
    // A property named `nullable` is not the keyword.
    assert_eq!(s["D"], doc["components"]["schemas"]["D"]);
}

#[test]
fn examples_are_validated_against_their_own_schema() {
    let root = to_json_schema(&doc());
    let item = "#/components/schemas/Item";
    assert_eq!(check(&root, item, &json!({"id": 1, "label": null})), Verdict::Valid);
    assert!(matches!(check(&root, item, &json!({"id": "1"})), Verdict::Invalid(m) if m.contains("/id")));
    assert!(matches!(check(&root, item, &json!({"tags": []})), Verdict::Invalid(_)));
    // Through a media type's `$ref` schema, and an inline array of references.
    let list = "#/paths/~1items/get/responses/200/content/application~1json/schema";
    assert_eq!(check(&root, list, &json!([{"id": 1}])), Verdict::Valid);
    assert!(matches!(check(&root, list, &json!([{"id": 1, "size": "xl"}])), Verdict::Invalid(_)));
    assert!(matches!(check(&root, "#/nowhere", &json!(1)), Verdict::Unchecked(_)));
    // Pointers holding characters a URI may not (`{id}`, spaces) are percent-encoded into the `$ref`.
    let by_id = "#/paths/~1items~1{item id}/get/responses/200/content/application~1json/schema";
    let mut doc = doc();
    doc["paths"]["/items/{item id}"] = doc["paths"]["/items"].clone();
    let root = to_json_schema(&doc);
    assert_eq!(check(&root, by_id, &json!([{"id": 1}])), Verdict::Valid);
    assert!(matches!(check(&root, by_id, &json!([{"id": "x"}])), Verdict::Invalid(_)));
    assert_eq!(fragment("#/a~1{b c}/é"), "#/a~1%7Bb%20c%7D/%C3%A9");
}

#[test]
fn failures_are_classified_by_the_schema_check() {
    let never = || -> Verdict { panic!("a decoded example is not validated") };
    assert_eq!(classify(Ok(()), never), Outcome::Decoded);
    assert_eq!(
        classify(Err("bad".into()), || Verdict::Invalid("at `/id`".into())),
        Outcome::InvalidExample { decode: "bad".into(), schema: "at `/id`".into() }
    );
    assert_eq!(
        classify(Err("bad".into()), || Verdict::Valid),
        Outcome::WrongType { decode: "bad".into(), unchecked: None }
    );
    assert_eq!(
        classify(Err("bad".into()), || Verdict::Unchecked("no schema".into())),
        Outcome::WrongType { decode: "bad".into(), unchecked: Some("no schema".into()) }
    );
}

#[test]
fn the_decode_program_and_its_output() {
    let src = program(&[(0, "shop::Item".into()), (1, "Vec<i64>".into())]);
    assert!(
        src.contains("check::<shop::Item>(0, &all[0]);") && src.contains("check::<Vec<i64>>(1, &all[1]);"),
        "{src}"
    );
    let out = parse_output("0\tok\n1\terr\tinvalid type: string \"a\", expected i64 at line 1 column 4\nnoise\n");
    assert_eq!(out.get(&0), Some(&Ok(())));
    assert_eq!(out.get(&1), Some(&Err("invalid type: string \"a\", expected i64 at line 1 column 4".into())));
    assert_eq!(out.len(), 2);
}

#[test]
fn cargo_messages_are_counted_without_summaries() {
    let msg = |level: &str, text: &str, spans: bool| {
        let spans = if spans { json!([{"file_name": "src/lib.rs"}]) } else { json!([]) };
        json!({"reason": "compiler-message", "message": {"level": level, "message": text, "spans": spans, "rendered": text}})
            .to_string()
    };
    let lines = [
        msg("warning", "unused import: `X`", true),
        msg("warning", "function cannot return without recursing", true),
        msg("error", "this function takes 3 arguments but 2 arguments were supplied", true),
        msg("warning", "2 warnings emitted", false),
        msg("error", "aborting due to 1 previous error", false),
        json!({"reason": "compiler-artifact"}).to_string(),
        "not json".into(),
    ]
    .join("\n");
    let d = count(&lines);
    assert_eq!((d.warnings, d.errors, d.samples.len()), (2, 1, 3));
}

#[test]
fn the_corpus_is_pinned_and_varied() {
    let mut names: Vec<&str> = CORPUS.iter().map(|s| s.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), CORPUS.len(), "names are unique");
    let mut new_npm = 0;
    for s in CORPUS {
        if let Source::Npm { package, version, file } = s.source {
            assert!(
                version.split('.').count() == 3 && version.chars().all(|c| c.is_ascii_digit() || c == '.'),
                "{version}"
            );
            assert!(file.starts_with("package/"), "{file}");
            if package != "@octokit/openapi" {
                new_npm += 1;
            }
        }
    }
    assert!(new_npm >= 10, "{new_npm}");
    assert!(CORPUS.iter().any(|s| s.openapi.starts_with("3.0")) && CORPUS.iter().any(|s| s.openapi.starts_with("3.1")));
}

#[test]
fn properties_of_merged_inline_types_are_found_through_their_operation() {
    // Two identical inline response objects become one generated type, which keeps the first one's pointer.
    let spec = r#"
openapi: 3.0.3
info: {title: Twins, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {n: {type: integer, format: int32, example: 1}}}
  /b:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {n: {type: integer, format: int32, example: 2}}}
"#;
    let parsed = generator::parse(spec).expect("parse");
    let (api, _) = generator::lower(&parsed).expect("lower");
    let index = TypeIndex::new(&api);
    let doc = generator::parse::parse_value(spec).expect("value");
    let mapped: Vec<Result<String, String>> =
        collect(&doc).iter().map(|e| index.map(&e.target).map(|t| rust_type(&t, "t").unwrap_or_default())).collect();
    assert_eq!(mapped, [Ok("Option<i32>".to_owned()), Ok("Option<i32>".to_owned())]);
    assert_eq!(
        media_target("#/paths/~1b/get/responses/200/content/application~1json/schema"),
        Some(Target::Response { path: "/b".into(), method: "GET".into(), status: "200".into(), schema: None })
    );
    assert_eq!(media_target("#/paths/~1b/get/responses/200/content/application~1json/schema/items"), None);
}

#[test]
fn nullable_schemas_decode_their_examples_as_options() {
    let doc = json!({"components": {"schemas": {
        "A": {"type": "object", "nullable": true},
        "B": {"type": ["string", "null"]},
        "C": {"type": "string"}
    }}});
    let named = || TypeRef::Named("A".into());
    let option = |t: TypeRef| TypeRef::Nullable(Box::new(t));
    let schema = |p: &str| Target::Schema(format!("#/components/schemas/{p}"));
    assert_eq!(nullable_schema(&doc, &schema("A"), named()), option(named()));
    assert_eq!(nullable_schema(&doc, &schema("B"), TypeRef::String), option(TypeRef::String));
    assert_eq!(nullable_schema(&doc, &schema("B"), option(TypeRef::String)), option(TypeRef::String));
    assert_eq!(nullable_schema(&doc, &schema("C"), TypeRef::String), TypeRef::String);
    let body = Target::Body { path: "/".into(), method: "POST".into(), schema: Some("#/components/schemas/A".into()) };
    assert_eq!(nullable_schema(&doc, &body, named()), named());
}

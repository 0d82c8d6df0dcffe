//! Proptest strategies for whole OpenAPI documents: paths, operations, parameters, bodies and responses around
//! the schemas of `shapes`.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

use super::shapes::{COMPONENTS, name, schema};

fn media_type() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "application/json",
        "application/json; charset=utf-8",
        "application/problem+json",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "application/octet-stream",
        "text/plain",
        "*/*",
        "image/png",
        "garbage",
        "",
    ])
    .prop_map(str::to_owned)
}

fn content() -> impl Strategy<Value = Value> {
    vec((media_type(), option::of(schema())), 0..3).prop_map(|media| {
        let map: Map<String, Value> = media
            .into_iter()
            .map(|(ct, s)| {
                (
                    ct,
                    s.map(|s| json!({"schema": s})).unwrap_or_else(|| json!({})),
                )
            })
            .collect();
        Value::Object(map)
    })
}

fn parameter() -> impl Strategy<Value = Value> {
    // Mostly a style that fits the location; sometimes one that does not, or a Swagger 2.0 location.
    let located = prop_oneof![
        30 => prop::sample::select(vec![
            ("path", None), ("path", Some("simple")), ("path", Some("label")), ("path", Some("matrix")),
            ("query", None), ("query", Some("form")), ("query", Some("spaceDelimited")), ("query", Some("pipeDelimited")),
            ("query", Some("deepObject")), ("header", None), ("header", Some("simple")), ("cookie", None), ("cookie", Some("form")),
        ]),
        1 => prop::sample::select(vec![("query", Some("matrix")), ("path", Some("bogus")), ("body", None), ("formData", None)]),
    ];
    prop_oneof![
        30 => (name(), located, any::<bool>(), option::of(any::<bool>()), schema(), prop::bool::weighted(0.1)).prop_map(
            |(name, (location, style), required, explode, schema, use_content)| {
                let mut p = json!({"name": name, "in": location, "required": required});
                if use_content {
                    p["content"] = json!({"application/json": {"schema": schema}});
                } else {
                    p["schema"] = schema;
                }
                if let Some(s) = style { p["style"] = json!(s); }
                if let Some(e) = explode { p["explode"] = json!(e); }
                p
            }
        ),
        3 => Just(json!({"$ref": "#/components/parameters/Page"})),
        1 => Just(json!({"$ref": "#/components/parameters/Missing"})),
    ]
}

fn status() -> impl Strategy<Value = String> {
    prop_oneof![
        30 => prop::sample::select(vec![
            "200", "200", "201", "204", "2XX", "299", "default", "4XX", "5XX", "1XX", "3XX", "404", "400", "500", "302", "101",
        ]),
        1 => prop::sample::select(vec!["abc", "600", "0", "2xx", "99999"]),
    ]
    .prop_map(str::to_owned)
}

fn response() -> impl Strategy<Value = Value> {
    prop_oneof![
        30 => (option::of(content()), any::<bool>()).prop_map(|(content, headers)| {
            let mut r = json!({"description": "a response"});
            if let Some(c) = content { r["content"] = c; }
            if headers { r["headers"] = json!({"X-Rate": {"schema": {"type": "integer"}}}); }
            r
        }),
        3 => Just(json!({"$ref": "#/components/responses/Problem"})),
        1 => Just(json!({"$ref": "#/components/responses/Missing"})),
    ]
}

fn operation() -> impl Strategy<Value = Value> {
    (
        option::of(name()),
        vec(parameter(), 0..4),
        option::of((content(), any::<bool>())),
        vec((status(), response()), 0..4),
        any::<bool>(),
        option::of((name(), name(), option::of(name()))),
    )
        .prop_map(|(id, params, body, responses, deprecated, paging)| {
            let responses: Map<String, Value> = responses.into_iter().collect();
            let mut op = json!({"responses": responses, "summary": "An operation.", "deprecated": deprecated});
            if let Some(id) = id { op["operationId"] = json!(id); }
            if !params.is_empty() { op["parameters"] = json!(params); }
            if let Some((content, required)) = body {
                op["requestBody"] = json!({"content": content, "required": required});
            }
            if let Some((page, items, last)) = paging {
                op["x-pagination"] = json!({"page-parameter": page, "items-field": items, "last-page-field": last});
            }
            op
        })
}

fn path_template() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec!["/pets", "/pets/{id}", "/{type}/{self}", "/a/{}", "/{unclosed", "/a}b", "/é/{ü}", "", "pets", "/pets/{id}/{id}", "/{a}{b}"])
            .prop_map(str::to_owned),
        1 => name().prop_map(|n| format!("/x/{{{n}}}")),
    ]
}

fn path_item() -> impl Strategy<Value = Value> {
    let method = prop::sample::select(vec![
        "get", "put", "post", "delete", "patch", "head", "options", "trace", "GET", "foo",
    ]);
    prop_oneof![
        40 => (vec((method, operation()), 0..3), vec(parameter(), 0..2)).prop_map(|(ops, params)| {
            let mut item: Map<String, Value> = ops.into_iter().map(|(m, o)| (m.to_owned(), o)).collect();
            if !params.is_empty() { item.insert("parameters".into(), json!(params)); }
            Value::Object(item)
        }),
        1 => Just(json!({"$ref": "#/paths/~1pets"})),
        1 => Just(json!({"$ref": "#/components/pathItems/Missing"})),
    ]
}

fn version() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        30 => Just(Some(json!("3.0.3"))),
        30 => Just(Some(json!("3.1.0"))),
        1 => prop::sample::select(vec![json!("3.0.0"), json!("3.1.1"), json!("2.0"), json!("4.0"), json!(""), json!(3.0), json!(null)]).prop_map(Some),
        1 => Just(None),
    ]
}

/// A whole document.
pub fn document() -> impl Strategy<Value = Value> {
    (
        version(),
        name(),
        option::of(prop::sample::select(vec!["https://api.example.com/v1/", "https://{region}.example.com", "/relative", ""])),
        vec((path_template(), path_item()), 0..4),
        prop::sample::subsequence(COMPONENTS.to_vec(), COMPONENTS.len() - 2..=COMPONENTS.len()),
        vec(schema(), COMPONENTS.len()),
        any::<bool>(),
    )
        .prop_map(|(version, title, server, paths, present, schemas, swagger)| {
            let mut doc = json!({"info": {"title": title, "version": "1"}});
            if let Some(v) = version { doc["openapi"] = v; }
            if swagger && title.is_empty() { doc["swagger"] = json!("2.0"); }
            if let Some(url) = server {
                doc["servers"] = json!([{"url": url, "variables": {"region": {"default": "eu"}}}]);
            }
            doc["paths"] = Value::Object(paths.into_iter().collect());
            let schemas: Map<String, Value> = present.into_iter().map(str::to_owned).zip(schemas).collect();
            doc["components"] = json!({
                "schemas": schemas,
                "responses": {"Problem": {"description": "A problem.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}},
                "parameters": {"Page": {"name": "page", "in": "query", "schema": {"type": "integer"}}},
                "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
            });
            doc
        })
}

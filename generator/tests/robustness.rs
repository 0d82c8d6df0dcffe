//! Robustness: random OpenAPI-shaped documents and randomly mutated real specs never make the generator panic;
//! every run ends in files that parse as Rust or in errors that name a JSON pointer.
//!
//! Case counts are tuned for debug builds on two cores; set `PROPTEST_CASES` to run more (e.g. `PROPTEST_CASES=5000`).

#[path = "robustness/documents.rs"]
mod documents;
#[path = "robustness/mutate.rs"]
mod mutate;
#[path = "robustness/shapes.rs"]
mod shapes;

use std::path::Path;
use std::sync::LazyLock;

use generator::Config;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Value, json};

/// The configuration of every property: `cases` unless `PROPTEST_CASES` says otherwise, nothing written to disk.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Runs the generator on `text` (as a standalone crate, which covers `generate` too): `Ok` must give Rust files
/// that parse, `Err` must hold located errors.
fn check(text: &str) -> Result<(), TestCaseError> {
    match generator::parse(text)
        .and_then(|spec| generator::generate_crate(&spec, &Config::default(), None))
    {
        Ok(out) => {
            for file in out
                .files
                .iter()
                .filter(|f| f.path.ends_with(".rs") && !f.path.contains("/runtime/"))
            {
                if let Err(e) = syn::parse_file(&file.contents) {
                    return Err(TestCaseError::fail(format!(
                        "{} does not parse: {e}\n{}",
                        file.path, file.contents
                    )));
                }
            }
            for w in &out.warnings {
                prop_assert!(w.pointer.starts_with('#'), "warning without a pointer: {w}");
            }
        }
        Err(diags) => {
            prop_assert!(diags.has_errors(), "Err without an error: {diags}");
            for d in &diags.items {
                prop_assert!(
                    d.pointer.starts_with('#'),
                    "diagnostic without a pointer: {d}"
                );
                prop_assert!(!d.message.contains("internal error"), "generator bug: {d}");
            }
        }
    }
    Ok(())
}

/// One document of the corpus: where it is, its text and its JSON value.
struct Document {
    path: String,
    text: String,
    value: Value,
}

/// The real spec and every fixture.
static CORPUS: LazyLock<Vec<Document>> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = vec![root.join("spec/stax-customer.yaml")];
    let mut fixtures: Vec<_> = std::fs::read_dir(root.join("tests/fixtures"))
        .expect("tests/fixtures exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    fixtures.sort();
    files.extend(fixtures);
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable spec");
            let value = generator::parse::parse_value(&text).expect("the corpus parses");
            Document {
                path: p.display().to_string(),
                text,
                value,
            }
        })
        .collect()
});

#[test]
fn corpus_is_loaded_and_generates() {
    assert!(CORPUS.len() > 5, "spec and fixtures are found");
    for doc in CORPUS.iter() {
        let text = serde_json::to_string(&doc.value).expect("serialises");
        assert!(
            generator::generate_str(&text, &Config::default()).is_ok(),
            "{} generates",
            doc.path
        );
    }
}

proptest! {
    #![proptest_config(config(160))]

    /// Random documents built from every construct the generator reads, as JSON or YAML.
    #[test]
    fn random_documents_never_panic(doc in documents::document(), yaml in any::<bool>()) {
        let text = if yaml { serde_yaml::to_string(&doc).expect("serialises") } else { serde_json::to_string_pretty(&doc).expect("serialises") };
        check(&text)?;
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// The real spec and the fixtures with a few random edits.
    #[test]
    fn mutated_specs_never_panic(
        which in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(mutate::mutation(), 1..5),
    ) {
        let mut doc = CORPUS[which.index(CORPUS.len())].value.clone();
        for m in &mutations {
            mutate::apply(&mut doc, m);
        }
        check(&serde_json::to_string(&doc).expect("serialises"))?;
    }

    /// The YAML text of the spec and the fixtures with a few spans replaced by bits of YAML syntax.
    #[test]
    fn mutated_text_never_panics(
        which in any::<prop::sample::Index>(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..12, yaml_piece()), 1..4),
    ) {
        let mut text = CORPUS[which.index(CORPUS.len())].text.clone();
        for (at, len, piece) in &edits {
            let start = char_boundary(&text, at.index(text.len() + 1));
            let end = char_boundary(&text, (start + len).min(text.len()));
            text.replace_range(start..end, piece);
        }
        check(&text)?;
    }
}

fn yaml_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "", ":", ": ", "- ", "{", "}", "[", "]", "'", "\"", "\n", "\n  ", "  ", "&a ", "*a", "!!binary ", "<<: *a", "~",
            "null", "# ", "|\n", ">-\n", "\t", "? ", "---\n", "...\n", "$ref: '#/components/schemas/X'", "3.1.0", "\u{feff}",
            "é", "\r", "\0", "!!float .nan", ".inf", "0x1F", "1e999", "-", "{$ref: '#/components/schemas/Customer'}",
        ])
        .prop_map(str::to_owned),
        1 => shapes::name(),
    ]
}

/// The char boundary at or before `i`.
fn char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Text that is not a document at all: every prefix of a real spec, and noise.
#[test]
fn truncated_and_garbage_text_never_panics() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/enums.yaml"),
    )
    .expect("fixture");
    for end in (0..text.len())
        .filter(|&i| text.is_char_boundary(i))
        .step_by(7)
    {
        check(&text[..end]).expect("prefix");
    }
    for garbage in [
        "",
        "{",
        "}",
        "[",
        "null",
        "42",
        "\"x\"",
        "- a\n- b",
        "openapi: [",
        "\u{feff}openapi: 3.0.3",
        "{\"openapi\": \"3.0.3\"",
        ":\n:",
        "\t",
    ] {
        check(garbage).expect("garbage");
    }
}

/// Small documents the properties once failed on, kept as fixed cases.
#[test]
fn found_by_the_properties() {
    let head = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n";
    for (why, text) in [
        // A lone carriage return in a title became a `///` line that does not lex.
        (
            "title with CR",
            "openapi: 3.0.3\ninfo: {title: \"a\\rb\", version: '1'}\npaths: {}\n".to_owned(),
        ),
        // Unused components were looked up by their unescaped name, so `a/b` was reported as a dangling `$ref`.
        (
            "name with slash",
            format!(
                "{head}components:\n  schemas:\n    a/b: {{type: object, properties: {{x: {{type: string}}}}}}\n    c~d: {{type: string}}\n"
            ),
        ),
        // YAML's infinities and NaN are numbers JSON cannot hold.
        (
            "yaml infinity",
            format!(
                "{head}components:\n  schemas:\n    N: {{type: number, minimum: -.inf, maximum: .inf, multipleOf: .nan}}\n"
            ),
        ),
    ] {
        let out = generator::generate_str(&text, &Config::default())
            .unwrap_or_else(|e| panic!("{why}: {e}"));
        assert!(
            out.warnings.iter().all(|w| !w.message.contains("dangling")),
            "{why}"
        );
        check(&text).unwrap_or_else(|e| panic!("{why}: {e}"));
    }
    // An allOf whose members' properties lead back to it was expanded inline forever (a stack overflow).
    let text = format!(
        "{head}components:\n  schemas:\n    A:\n      properties:\n        p: {{allOf: [{{$ref: '#/components/schemas/A'}}, {{$ref: '#/components/schemas/A'}}]}}\n"
    );
    check(&text).expect("no overflow");
}

/// A schema nested far deeper than any parser limit.
fn nested_items(depth: usize) -> Value {
    let mut schema = json!({"type": "string"});
    for _ in 0..depth {
        // Moved in, not through `json!`, which would serialise the whole subtree again (recursively).
        let mut array = serde_json::Map::new();
        array.insert("type".into(), json!("array"));
        array.insert("items".into(), schema);
        schema = Value::Object(array);
    }
    schema
}

fn deep_doc(schema: Value) -> Value {
    let mut doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "Deep", "version": "1"},
        "paths": {"/deep": {"get": {"responses": {"200": {"description": "d", "content": {"application/json": {}}}}}}},
    });
    doc["paths"]["/deep"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] =
        schema;
    doc
}

#[test]
fn deeply_nested_schema_text_is_refused_not_overflowed() {
    // Written by hand: serialising a value this deep would overflow the test's own stack.
    let schema = format!(
        "{}{{\"type\": \"string\"}}{}",
        "{\"type\": \"array\", \"items\": ".repeat(5_000),
        "}".repeat(5_000)
    );
    let json = serde_json::to_string(&deep_doc(json!("SCHEMA")))
        .expect("serialises")
        .replace("\"SCHEMA\"", &schema);
    let err = generator::generate_str(&json, &Config::default())
        .expect_err("too deep for the JSON parser");
    assert!(err.items[0].message.contains("recursion limit"), "{err}");
    let yaml = json_to_flow_yaml(&json);
    let err = generator::generate_str(&yaml, &Config::default())
        .expect_err("too deep for the YAML parser");
    assert!(err.items[0].message.contains("recursion limit"), "{err}");
}

/// JSON is YAML; a leading comment makes the parser read it as YAML.
fn json_to_flow_yaml(json: &str) -> String {
    format!("# yaml\n{json}")
}

#[test]
fn deeply_nested_schema_value_is_refused_not_overflowed() {
    // A value built in memory skips the parsers' limits; `from_value` must still not recurse without bound.
    let doc = deep_doc(nested_items(5_000));
    let err = generator::parse::from_value(doc).expect_err("too deep");
    assert!(
        err.items[0].pointer.starts_with(
            "#/paths/~1deep/get/responses/200/content/application~1json/schema/items/items"
        ),
        "{err}"
    );
}

#[test]
fn long_ref_chains_do_not_overflow() {
    // Each schema is shallow, but lowering follows 5,000 references in a row.
    let n = 5_000;
    let mut schemas = serde_json::Map::new();
    for i in 0..n {
        let next = if i + 1 == n {
            json!({"type": "string"})
        } else {
            json!({"$ref": format!("#/components/schemas/S{}", i + 1)})
        };
        schemas.insert(format!("S{i}"), json!({"type": "array", "items": next}));
    }
    let mut doc = deep_doc(json!({"$ref": "#/components/schemas/S0"}));
    doc["components"] = json!({"schemas": schemas});
    let text = serde_json::to_string(&doc).expect("serialises");
    let out = generator::generate_str(&text, &Config::default()).expect("degrades");
    let deep = out
        .warnings
        .iter()
        .find(|w| w.message.contains("nest more than"))
        .expect("a warning says where");
    assert!(deep.pointer.starts_with("#/components/schemas/S"), "{deep}");
}

#[test]
fn long_alias_chains_are_refused() {
    // `S0: {$ref: S1}`, `S1: {$ref: S2}`, ...: resolving one is a loop, but not an endless one.
    let n = 5_000;
    let mut schemas = serde_json::Map::new();
    for i in 0..n {
        let next = if i + 1 == n {
            json!({"type": "string"})
        } else {
            json!({"$ref": format!("#/components/schemas/S{}", i + 1)})
        };
        schemas.insert(format!("S{i}"), next);
    }
    let mut doc = deep_doc(json!({"$ref": "#/components/schemas/S0"}));
    doc["components"] = json!({"schemas": schemas});
    let err = generator::generate_str(
        &serde_json::to_string(&doc).expect("serialises"),
        &Config::default(),
    )
    .expect_err("refused");
    let first = &err.items[0];
    assert_eq!(
        first.pointer,
        "#/paths/~1deep/get/responses/200/content/application~1json/schema"
    );
    assert!(first.message.contains("$refs in a row"), "{first}");
}

#[test]
fn long_property_chains_do_not_overflow() {
    // The same through properties and allOf members.
    let n = 3_000;
    let mut schemas = serde_json::Map::new();
    for i in 0..n {
        let next = json!({"$ref": format!("#/components/schemas/S{}", (i + 1) % n)});
        let schema = if i % 2 == 0 {
            json!({"type": "object", "properties": {"next": next}})
        } else {
            json!({"oneOf": [next, {"type": "string"}]})
        };
        schemas.insert(format!("S{i}"), schema);
    }
    let mut doc = deep_doc(json!({"$ref": "#/components/schemas/S0"}));
    doc["components"] = json!({"schemas": schemas});
    check(&serde_json::to_string(&doc).expect("serialises")).expect("no panic");
}

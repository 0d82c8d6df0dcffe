//! `cargo xtask corpus`: generates a crate from each public description of the corpus (`list.rs`), checks it with
//! clippy (zero warnings allowed), and decodes every example of the spec into its generated type; an example that
//! does not decode must be invalid against its own schema. Needs the network once (`npm pack`, cached in
//! `target/corpus/npm/`).

pub mod cargo;
pub mod decode;
pub mod examples;
pub mod fetch;
pub mod list;
pub mod mapping;
pub mod report;
pub mod validate;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use decode::Outcome;
use examples::Example;
use list::{CORPUS, CorpusSpec};

/// Everything learnt about one spec.
#[derive(Debug, Default)]
pub struct SpecResult {
    /// The row's name.
    pub name: &'static str,
    /// The declared version.
    pub openapi: String,
    /// Fetching or generating failed: why.
    pub failure: Option<String>,
    /// Generator warnings.
    pub gen_warnings: usize,
    /// The first generator warnings, for the report.
    pub gen_warning_samples: Vec<String>,
    /// Clippy's count of the generated crate's own messages (`None` when it did not run).
    pub diagnostics: Option<cargo::Diagnostics>,
    /// The decode program could not be built or run: why.
    pub decoder_failure: Option<String>,
    /// Each example (deduplicated by pointer and type) with the type it was decoded into and the outcome.
    pub examples: Vec<(Example, String, Outcome)>,
    /// Generation, clippy and decoding times.
    pub times: [Duration; 3],
}

impl SpecResult {
    /// True when the spec fails the run.
    pub fn failed(&self) -> bool {
        self.failure.is_some()
            || self.decoder_failure.is_some()
            || self.diagnostics.as_ref().is_none_or(|d| d.warnings + d.errors > 0)
            || self.examples.iter().any(|(_, _, o)| matches!(o, Outcome::WrongType { .. }))
    }
}

/// Runs the command; `args` are `[--only NAME] [--list]`.
pub fn corpus(root: &Path, args: &[String]) -> Result<(), String> {
    let mut only = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--only" => only = Some(it.next().ok_or("--only needs a name")?.clone()),
            "--list" => {
                for s in CORPUS {
                    println!("{:<16} {:<6} {:<60} {}", s.name, s.openapi, report::source_label(s), s.why);
                }
                return Ok(());
            }
            other => {
                return Err(format!("unknown argument {other}; usage: cargo xtask corpus [--only NAME] [--list]"));
            }
        }
    }
    let specs: Vec<&CorpusSpec> = CORPUS.iter().filter(|s| only.as_deref().is_none_or(|o| o == s.name)).collect();
    if specs.is_empty() {
        return Err(format!("no corpus spec is named {}; see `cargo xtask corpus --list`", only.unwrap_or_default()));
    }
    let dir = root.join("target/corpus");
    let mut results = Vec::new();
    for spec in specs {
        eprintln!("corpus: {}", spec.name);
        let r = run_one(root, &dir, spec);
        eprintln!("corpus: {}: {}", spec.name, report::summary(&r));
        results.push(r);
    }
    let text = report::render(&results);
    println!("{text}");
    let path = dir.join("report.md");
    fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    let failed: Vec<&str> = results.iter().filter(|r| r.failed()).map(|r| r.name).collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("corpus: failed: {} (report in {})", failed.join(", "), path.display()))
    }
}

fn run_one(root: &Path, dir: &Path, spec: &CorpusSpec) -> SpecResult {
    let mut r = SpecResult { name: spec.name, openapi: spec.openapi.to_owned(), ..SpecResult::default() };
    if let Err(e) = generate_and_check(root, dir, spec, &mut r) {
        r.failure = Some(e);
    }
    r
}

fn generate_and_check(root: &Path, dir: &Path, spec: &CorpusSpec, r: &mut SpecResult) -> Result<(), String> {
    let file = fetch::locate(root, &dir.join("npm"), spec)?;
    let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let start = Instant::now();
    let parsed = generator::parse(&text).map_err(|d| format!("not generated:\n{d}"))?;
    r.openapi = parsed.declared_version.clone();
    let (api, _) = generator::lower(&parsed).map_err(|d| format!("not generated:\n{d}"))?;
    let krate = format!("corpus-{}", spec.name);
    let config = generator::Config {
        command: "cargo xtask corpus".into(),
        spec_label: report::source_label(spec),
        shared_runtime: None,
    };
    let files =
        generator::generate_crate(&parsed, &config, Some(&krate)).map_err(|d| format!("not generated:\n{d}"))?;
    r.times[0] = start.elapsed();
    r.gen_warnings = files.warnings.len();
    r.gen_warning_samples = files.warnings.iter().map(ToString::to_string).collect();
    let crate_dir = dir.join("crates").join(spec.name);
    let wanted: Vec<(String, String)> = files.files.into_iter().map(|f| (f.path, f.contents)).collect();
    crate::sync(&crate_dir, &wanted, false)?;
    let lock = crate_dir.join("Cargo.lock");
    if !lock.exists() {
        // Start from the workspace's lock file, so the crates build the dependency versions already built.
        let _ = fs::copy(root.join("Cargo.lock"), &lock);
    }

    // Examples, mapped to the types they decode into.
    let original = generator::parse::parse_value(&text).map_err(|d| d.to_string())?;
    let index = mapping::TypeIndex::new(&api);
    let ident = krate.replace('-', "_");
    let mut seen = BTreeSet::new();
    let mut checks = Vec::new();
    let mut pending = Vec::new();
    for ex in examples::collect(&original) {
        let ty = index.map(&ex.target).map(|t| nullable_schema(&original, &ex.target, t)).and_then(|t| {
            mapping::rust_type(&t, &ident).ok_or_else(|| "bytes or no body: nothing to decode".to_owned())
        });
        match ty {
            Ok(ty) => {
                if seen.insert((ex.pointer.clone(), ty.clone())) {
                    checks.push((pending.len(), ty.clone()));
                    pending.push((ex, ty));
                }
            }
            Err(why) => {
                if seen.insert((ex.pointer.clone(), String::new())) {
                    r.examples.push((ex, String::new(), Outcome::Unmapped(why)));
                }
            }
        }
    }
    write_decoder(&crate_dir, &pending, &checks)?;

    let target = dir.join("target");
    let start = Instant::now();
    let diags = cargo::clippy(&crate_dir, &target)?;
    r.times[1] = start.elapsed();
    let compiled = diags.errors == 0;
    r.diagnostics = Some(diags);
    if !compiled || pending.is_empty() {
        return Ok(());
    }
    let start = Instant::now();
    let output = match cargo::run_decoder(&crate_dir, &target) {
        Ok(o) => o,
        Err(e) => {
            r.decoder_failure = Some(e);
            return Ok(());
        }
    };
    let results = decode::parse_output(&output);
    let mut schema_root = None;
    for (i, (ex, ty)) in pending.into_iter().enumerate() {
        let decoded = results.get(&i).cloned().unwrap_or_else(|| Err("the program printed no result".into()));
        let outcome = decode::classify(decoded, || match ex.target.schema() {
            Some(p) => {
                let root = schema_root.get_or_insert_with(|| validate::to_json_schema(&original));
                validate::check(root, p, &ex.value)
            }
            None => validate::Verdict::Unchecked("no schema".into()),
        });
        r.examples.push((ex, ty, outcome));
    }
    r.times[2] = start.elapsed();
    Ok(())
}

/// A schema's own example decodes into `Option<T>` when the schema is nullable: the generated type `T` is used
/// behind an `Option` wherever the schema is (a body or response keeps its type: the client decodes into it).
pub fn nullable_schema(
    doc: &serde_json::Value,
    target: &examples::Target,
    ty: generator::ir::TypeRef,
) -> generator::ir::TypeRef {
    use generator::ir::TypeRef;
    let examples::Target::Schema(p) = target else { return ty };
    let Some(schema) = p.strip_prefix('#').and_then(|p| doc.pointer(p)) else { return ty };
    let nullable = schema.get("nullable") == Some(&serde_json::Value::Bool(true))
        || schema.get("type").and_then(serde_json::Value::as_array).is_some_and(|t| t.contains(&"null".into()));
    if nullable && !matches!(ty, TypeRef::Nullable(_)) { TypeRef::Nullable(Box::new(ty)) } else { ty }
}

/// Writes `examples/decode_examples.{rs,json}` into the crate, or removes them when there is nothing to decode.
fn write_decoder(crate_dir: &Path, pending: &[(Example, String)], checks: &[(usize, String)]) -> Result<(), String> {
    let ex_dir = crate_dir.join("examples");
    if pending.is_empty() {
        let _ = fs::remove_dir_all(&ex_dir);
        return Ok(());
    }
    fs::create_dir_all(&ex_dir).map_err(|e| format!("{}: {e}", ex_dir.display()))?;
    let values: Vec<&serde_json::Value> = pending.iter().map(|(e, _)| &e.value).collect();
    let json = serde_json::to_string(&values).map_err(|e| e.to_string())?;
    write_if_changed(&ex_dir.join("decode_examples.json"), &json)?;
    write_if_changed(&ex_dir.join("decode_examples.rs"), &decode::program(checks))
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if fs::read_to_string(path).is_ok_and(|t| t == text) {
        return Ok(());
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

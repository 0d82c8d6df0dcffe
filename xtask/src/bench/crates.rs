//! Build times of the generated crates: `cargo check` and `cargo build` of each crate alone (dependencies warm),
//! then of a consumer binary that calls every operation, since a library build alone hides monomorphisation.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use super::{cargo, tail};

/// One timed cargo command.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Build {
    /// Wall time.
    pub time: Duration,
    /// Peak resident memory of cargo and the compilers it ran (from `/usr/bin/time`, when installed).
    pub peak_bytes: Option<u64>,
}

/// The four builds of one spec's crate.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CrateBuilds {
    /// Operations (each called once by the consumer).
    pub ops: usize,
    /// Lines of the crate's sources.
    pub lines: usize,
    /// `cargo check` of the crate after touching its `lib.rs`.
    pub check: Build,
    /// `cargo build` of the crate after touching its `lib.rs`.
    pub build: Build,
    /// `cargo check` of the consumer alone (the crate already checked) after touching its `main.rs`.
    pub consumer_check: Build,
    /// `cargo build` of the consumer alone (the crate already built) after touching its `main.rs`.
    pub consumer_build: Build,
    /// For a crate with tag features: the feature measured alone (`issues` when there is one), and `cargo check`
    /// of the crate in its own directory with all features (the default) and with that one alone, in one run.
    pub features: Option<FeatureChecks>,
}

/// `cargo check` with all features against one feature alone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FeatureChecks {
    /// The feature checked alone.
    pub feature: String,
    /// How many tag features the crate has.
    pub count: usize,
    /// Default features (every tag).
    pub all: Build,
    /// `--no-default-features --features <feature>`.
    pub one: Build,
}

/// Generates and times every spec's crate; each result is the figures or why there are none.
pub fn bench(bench_dir: &Path, specs: &[(String, PathBuf)]) -> Vec<(String, Result<CrateBuilds, String>)> {
    let target = bench_dir.join("target");
    specs
        .iter()
        .map(|(name, spec)| {
            eprintln!("bench: building the {name} crate (the first run also builds its dependencies)");
            (name.clone(), bench_one(bench_dir, &target, name, spec))
        })
        .collect()
}

fn bench_one(bench_dir: &Path, target: &Path, name: &str, spec: &Path) -> Result<CrateBuilds, String> {
    let crate_name = format!("bench-{name}");
    let dir = bench_dir.join("crates").join(&crate_name);
    let consumer = bench_dir.join("crates").join(format!("{crate_name}-consumer"));
    let (ops, lines) = write_crates(spec, &dir, &consumer, &crate_name)?;
    let lib = dir.join("src/lib.rs");
    let main = consumer.join("src/main.rs");
    // Every command runs in the consumer's workspace (`-p` picks the crate alone): cargo does not share a path
    // crate's artifacts between workspaces, even with one target directory.
    let krate = Some(crate_name.as_str());
    // Warm everything: dependencies in both profiles, the crate, the consumer.
    cargo_in(&consumer, target, "check", None)?;
    cargo_in(&consumer, target, "build", None)?;
    // A build does not reuse what a check produced, so one touch makes both compile the crate from scratch.
    touch(&lib)?;
    let check = cargo_in(&consumer, target, "check", krate)?;
    let build = cargo_in(&consumer, target, "build", krate)?;
    // Compile the consumer against the new crate, then time it alone.
    cargo_in(&consumer, target, "check", None)?;
    cargo_in(&consumer, target, "build", None)?;
    touch(&main)?;
    let consumer_check = cargo_in(&consumer, target, "check", None)?;
    let consumer_build = cargo_in(&consumer, target, "build", None)?;
    let features = feature_checks(&dir, target, &lib)?;
    Ok(CrateBuilds { ops, lines, check, build, consumer_check, consumer_build, features })
}

/// Checks the crate in its own directory with every feature and with one alone (each warmed first, then timed
/// after touching `lib.rs`), when it has tag features.
fn feature_checks(dir: &Path, target: &Path, lib: &Path) -> Result<Option<FeatureChecks>, String> {
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).map_err(|e| format!("{}: {e}", dir.display()))?;
    let declared = crate::features::declared_features(&manifest);
    let Some(feature) = declared.iter().find(|f| *f == "issues").or_else(|| declared.first()).cloned() else {
        return Ok(None);
    };
    let one = ["--no-default-features", "--features", feature.as_str()];
    cargo_with(dir, target, &[])?;
    cargo_with(dir, target, &one)?;
    touch(lib)?;
    let all = cargo_with(dir, target, &[])?;
    touch(lib)?;
    let one = cargo_with(dir, target, &one)?;
    Ok(Some(FeatureChecks { feature, count: declared.len(), all, one }))
}

/// `cargo check` in the crate's directory with extra arguments, timed like [`cargo_in`].
fn cargo_with(dir: &Path, target: &Path, args: &[&str]) -> Result<Build, String> {
    let mut extra: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    extra.insert(0, "check".to_owned());
    run_timed(dir, target, &extra, &format!("{} {}", dir.display(), args.join(" ")))
}

/// Writes the crate and its consumer; returns (operations, lines of the crate's sources).
fn write_crates(spec: &Path, dir: &Path, consumer: &Path, crate_name: &str) -> Result<(usize, usize), String> {
    let text = fs::read_to_string(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let label = spec.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let config =
        generator::Config { command: "cargo xtask bench".into(), spec_label: label.clone(), shared_runtime: None };
    let parsed = generator::parse(&text).map_err(|d| format!("{label}:\n{d}"))?;
    let files = generator::generate_crate(&parsed, &config, Some(crate_name)).map_err(|d| format!("{label}:\n{d}"))?;
    let (api, _) = generator::lower(&parsed).map_err(|d| format!("{label}:\n{d}"))?;
    let lines = files.files.iter().map(|f| f.contents.lines().count()).sum();
    let wanted: Vec<(String, String)> = files.files.into_iter().map(|f| (f.path, f.contents)).collect();
    crate::sync(dir, &wanted, false)?;
    let lib = crate_name.replace('-', "_");
    let consumer_files = vec![
        ("Cargo.toml".to_owned(), consumer_manifest(crate_name)),
        ("src/main.rs".to_owned(), consumer_main(&api, &lib)),
    ];
    for (rel, contents) in &consumer_files {
        let path = consumer.join(rel);
        if fs::read_to_string(&path).ok().as_deref() != Some(contents.as_str()) {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    // Start both lock files from the workspace's, so the crates build the dependency versions the repository
    // tests with (and need no registry look-up when those are cached).
    let workspace_lock = crate::workspace_root().join("Cargo.lock");
    for d in [dir, consumer] {
        let lock = d.join("Cargo.lock");
        if !lock.exists() {
            let _ = fs::copy(&workspace_lock, &lock);
        }
    }
    Ok((api.operations.len(), lines))
}

/// The consumer's manifest: the crate and `futures-util` (to poll streams and futures).
fn consumer_manifest(crate_name: &str) -> String {
    format!(
        "[package]\nname = \"{crate_name}-consumer\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n{crate_name} = {{ path = \"../{crate_name}\" }}\n\
         futures-util = {{ version = \"0.3\", default-features = false, features = [\"std\"] }}\n\n[workspace]\n"
    )
}

/// A binary that calls every method of the generated client (each operation, its `_stream`, `_checked` and
/// `_download` variants), so their generic code is instantiated here. The calls sit in async fns that never run.
pub fn consumer_main(api: &generator::ir::Api, lib: &str) -> String {
    let mut fns = String::new();
    let mut calls = String::new();
    let mut n = 0;
    let mut add = |body: String| {
        fns.push_str(&format!("async fn call_{n}(client: &{lib}::Client) {{\n    {body}\n}}\n"));
        calls.push_str(&format!("        let _ = futures_util::FutureExt::now_or_never(call_{n}(&client));\n"));
        n += 1;
    };
    for op in &api.operations {
        let args = op.path_params.len() + usize::from(op.params_struct.is_some());
        let mut list = vec!["any()"; args];
        match &op.body {
            // A required bytes body is `impl Into<Bytes>`: name a type for it.
            Some(b) if b.required && b.ty == generator::ir::TypeRef::Bytes => list.push("any::<Vec<u8>>()"),
            Some(_) => list.push("any()"),
            None => {}
        }
        let list = list.join(", ");
        let bare = op.method_name.trim_start_matches("r#");
        add(format!("let _ = client.{}({list}).await;", op.method_name));
        if op.pagination.is_some() && op.params_struct.is_some() {
            let list = vec!["any()"; op.path_params.len() + 1].join(", ");
            add(format!(
                "let mut s = client.{bare}_stream({list});\n    let _ = futures_util::StreamExt::next(&mut s).await;"
            ));
        }
        if op.checked.is_some() && op.body.is_some() {
            add(format!("let _ = client.{bare}_checked({list}).await;"));
        }
        if let Some(download) = &op.download {
            add(format!(
                "if let Ok(mut d) = client.{download}({list}).await {{\n        let _ = futures_util::StreamExt::next(&mut d).await;\n    }}"
            ));
        }
    }
    format!(
        "//! Calls every method of `{lib}`, so a build instantiates all of them. Written by `cargo xtask bench`.\n\
         #![allow(deprecated, clippy::all)]\n\n\
         /// A value of any type; never called at run time.\n\
         fn any<T>() -> T {{\n    unreachable!()\n}}\n\n{fns}\n\
         fn main() {{\n    // Never true at run time, but the compiler cannot know.\n\
         \x20   if std::env::args().len() > 1_000_000 {{\n        let client: {lib}::Client = any();\n{calls}    }}\n}}\n"
    )
}

/// Runs `cargo SUB [-p PACKAGE]` in `dir` with the shared target directory, timed (and measured by `/usr/bin/time`
/// if present).
fn cargo_in(dir: &Path, target: &Path, sub: &str, package: Option<&str>) -> Result<Build, String> {
    let mut args = vec![sub.to_owned()];
    if let Some(p) = package {
        args.extend(["--package".to_owned(), p.to_owned()]);
    }
    let name = package.map(str::to_owned).or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()));
    run_timed(dir, target, &args, &format!("{sub} of {}", name.unwrap_or_default()))
}

/// Runs `cargo ARGS --quiet` in `dir` with the shared target directory, timed and measured; `what` names it in the
/// progress line.
fn run_timed(dir: &Path, target: &Path, args: &[String], what: &str) -> Result<Build, String> {
    let gnu_time = Path::new("/usr/bin/time");
    let mem_file = target.join(format!("cargo-{}.maxrss", std::process::id()));
    let mut cmd = if gnu_time.is_file() {
        let mut c = Command::new(gnu_time);
        c.arg("-f").arg("%M").arg("-o").arg(&mem_file).arg(cargo());
        c
    } else {
        Command::new(cargo())
    };
    cmd.args(args).arg("--quiet").current_dir(dir).env("CARGO_TARGET_DIR", target);
    fs::create_dir_all(target).map_err(|e| format!("{}: {e}", target.display()))?;
    let start = Instant::now();
    let out = cmd.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    let time = start.elapsed();
    if !out.status.success() {
        return Err(format!("cargo {} in {} failed:\n{}", args.join(" "), dir.display(), tail(&out.stderr, 20)));
    }
    let peak_bytes = fs::read_to_string(&mem_file)
        .ok()
        .and_then(|t| t.lines().last().and_then(|l| l.trim().parse::<u64>().ok()))
        .map(|kb| kb * 1024);
    let _ = fs::remove_file(&mem_file);
    let peak = peak_bytes.map(|b| format!(", peak {} MB", b / 1_000_000)).unwrap_or_default();
    eprintln!("bench:   cargo {what}: {:.1} s{peak}", time.as_secs_f64());
    Ok(Build { time, peak_bytes })
}

/// Marks a file modified so cargo rebuilds its crate.
fn touch(path: &Path) -> Result<(), String> {
    let file = fs::File::options().append(true).open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    file.set_modified(std::time::SystemTime::now()).map_err(|e| format!("{}: {e}", path.display()))
}

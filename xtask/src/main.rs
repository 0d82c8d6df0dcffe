//! `cargo xtask`: repository automation. `codegen` regenerates the client; `--check` verifies
//! it is current. `bench` measures the generator, the generated crates and the client, and writes BENCHMARKS.md.
//! `corpus` generates, checks and decodes the examples of public descriptions (see `corpus/list.rs`). `features`
//! runs clippy on a spec's crate with each cargo feature alone, none and all.

use std::path::PathBuf;
use std::process::ExitCode;

/// Generation allocates many small strings and token trees; mimalloc makes that markedly cheaper than glibc malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => codegen(&args[1..]),
        Some("bench") => exit(xtask::bench::bench(&xtask::workspace_root(), &args[1..])),
        Some("bench-inner") => exit(xtask::bench::run(&xtask::workspace_root(), &args[1..])),
        Some("bench-gen") => exit(xtask::bench::generation::child_main(&args[1..])),
        Some("bench-fresh") => exit(xtask::bench::fresh::fresh_main(&xtask::workspace_root(), &args[1..])),
        Some("corpus") => exit(xtask::corpus::corpus(&xtask::workspace_root(), &args[1..])),
        Some("diff") => diff(&args[1..]),
        Some("features") => exit(xtask::features::features(&xtask::workspace_root(), &args[1..])),
        Some("semver-agree") => exit(xtask::semver::agree(&xtask::workspace_root(), &args[1..])),
        _ => {
            eprintln!(
                "usage: cargo xtask codegen [--check | --bump] | codegen --spec FILE --out DIR [--name CRATE] [--bump] | diff OLD NEW [--format text|markdown|json] [--fail-on major|minor|patch] | semver-agree [PAIR..] | bench [--quick] | bench-fresh --spec FILE [--rounds N] | corpus [--only NAME] [--list] | features --spec FILE [--only F1,F2]"
            );
            ExitCode::from(2)
        }
    }
}

fn codegen(args: &[String]) -> ExitCode {
    let mut check = false;
    let mut bump = false;
    let mut spec = None;
    let mut out = None;
    let mut name = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--check" => check = true,
            "--bump" => bump = true,
            "--spec" => spec = it.next().map(PathBuf::from),
            "--out" => out = it.next().map(PathBuf::from),
            "--name" => name = it.next().cloned(),
            other => {
                eprintln!("unknown argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    let result = match (spec, out) {
        (Some(spec), Some(out)) => xtask::standalone_with(&spec, &out, name.as_deref(), bump),
        (None, None) if check && bump => Err("--check writes nothing, so it cannot --bump".to_owned()),
        (None, None) => xtask::codegen_with(&xtask::workspace_root(), xtask::Mode { check, bump }),
        _ => Err("--spec and --out go together".to_owned()),
    };
    match result {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("{w}");
            }
            for line in &report.lines {
                println!("{line}");
            }
            if let Some(api) = report.api.as_ref().filter(|a| !a.changes.is_empty()) {
                let version = if report.bumped { None } else { report.version.as_deref() };
                for line in xtask::changes::describe(api, version) {
                    println!("{line}");
                }
                if report.bumped && let Some(v) = &report.version {
                    println!("  version bumped to {v}; CHANGELOG.md has its section");
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask diff OLD NEW [--format text|markdown|json] [--fail-on LEVEL]`: the report alone on stdout,
/// warnings on stderr; exit status 0 unless `--fail-on` names a class the change reaches (then 1), or 2 when a
/// spec cannot be read or generated.
fn diff(args: &[String]) -> ExitCode {
    use xtask::changes::Format;
    let (mut paths, mut format, mut fail_on) = (Vec::new(), Format::Text, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => {
                format = match it.next().map(String::as_str) {
                    Some("text") => Format::Text,
                    Some("markdown") => Format::Markdown,
                    Some("json") => Format::Json,
                    other => {
                        eprintln!("--format takes text, markdown or json, not {other:?}");
                        return ExitCode::from(2);
                    }
                }
            }
            "--fail-on" => match it.next().and_then(|l| generator::surface::diff::Bump::parse(l)) {
                Some(level) if level != generator::surface::diff::Bump::None => fail_on = Some(level),
                _ => {
                    eprintln!("--fail-on takes major, minor or patch");
                    return ExitCode::from(2);
                }
            },
            path => paths.push(PathBuf::from(path)),
        }
    }
    let [old, new] = paths.as_slice() else {
        eprintln!("usage: cargo xtask diff OLD NEW [--format text|markdown|json] [--fail-on major|minor|patch]");
        return ExitCode::from(2);
    };
    match xtask::changes::diff_specs(old, new) {
        Ok((report, warnings)) => {
            for w in warnings {
                eprintln!("{w}");
            }
            print!("{}", xtask::changes::render(&report, format));
            if fail_on.is_some_and(|level| report.bump >= level) {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        // A spec that cannot be read or generated is not a breaking change: 2, so CI gates can tell.
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn exit(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

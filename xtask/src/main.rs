//! `cargo xtask`: repository automation. `codegen` regenerates the client; `--check` verifies
//! it is current. `bench` measures the generator, the generated crates and the client, and writes BENCHMARKS.md.
//! `corpus` generates, checks and decodes the examples of public descriptions (see `corpus/list.rs`).

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
        Some("corpus") => exit(xtask::corpus::corpus(&xtask::workspace_root(), &args[1..])),
        _ => {
            eprintln!(
                "usage: cargo xtask codegen [--check] | codegen --spec FILE --out DIR [--name CRATE] | bench [--quick] | corpus [--only NAME] [--list]"
            );
            ExitCode::from(2)
        }
    }
}

fn codegen(args: &[String]) -> ExitCode {
    let mut check = false;
    let mut spec = None;
    let mut out = None;
    let mut name = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--check" => check = true,
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
        (Some(spec), Some(out)) => xtask::standalone(&spec, &out, name.as_deref()),
        (None, None) => xtask::codegen(&xtask::workspace_root(), check),
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
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
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

//! The parse floor as a plain program: deserialises one spec into `openapiv3::OpenAPI` and exits. It has the
//! default allocator, as any program that merely parses would; `cargo xtask bench-fresh` times it against
//! `xtask codegen --spec` (which runs on mimalloc), each in a fresh process.

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse-floor FILE");
        return std::process::ExitCode::from(2);
    };
    let parsed = std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|text| xtask::bench::generation::deserialize_floor(&text).map(drop));
    match parsed {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

//! Prints the stage timings of generating one spec: `cargo run --release -p generator --example timing -- FILE`.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: timing FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let floor = std::time::Instant::now();
    let parsed: Result<openapiv3::OpenAPI, String> = if text.trim_start().starts_with('{') {
        serde_json::from_str(&text).map_err(|e| e.to_string())
    } else {
        serde_yaml::from_str(&text).map_err(|e| e.to_string())
    };
    let floor = floor.elapsed();
    let wall = std::time::Instant::now();
    match generator::generate_str_timed(&text, &generator::Config::default()) {
        Ok((files, t)) => {
            let wall = wall.elapsed();
            let lines: usize = files.files.iter().map(|f| f.contents.lines().count()).sum();
            let ratio = wall.as_secs_f64() / floor.as_secs_f64();
            println!(
                "floor {floor:?} (ok: {}) total {wall:?} ratio {ratio:.2} {t:?} lines {lines}",
                parsed.is_ok()
            );
        }
        Err(e) => println!("error: {e}"),
    }
}

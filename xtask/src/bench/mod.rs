//! `cargo xtask bench`: generation time and memory per spec, build times of the generated crates and the client's
//! overhead against hand-written code; prints one markdown report and writes it to `BENCHMARKS.md`.

pub mod client;
pub mod crates;
pub mod fresh;
pub mod generation;
pub mod report;
pub mod specs;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where downloads, generated crates and their shared target directory go, relative to the workspace root.
pub const BENCH_DIR: &str = "target/bench";
/// The report, relative to the workspace root.
pub const REPORT: &str = "BENCHMARKS.md";
/// The report of a `--quick` run, which leaves the committed figures alone.
pub const QUICK_REPORT: &str = "target/bench/BENCHMARKS-quick.md";

/// What `cargo xtask bench` was asked for.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Skip GitHub's description and the crate builds (for development).
    pub quick: bool,
}

impl Options {
    /// Reads `[--quick]`.
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options::default();
        for a in args {
            match a.as_str() {
                "--quick" => options.quick = true,
                other => return Err(format!("unknown argument {other}; usage: cargo xtask bench [--quick]")),
            }
        }
        Ok(options)
    }
}

/// `cargo xtask bench`: runs [`run`] in a release build of the xtask, whatever profile this one was built with.
pub fn bench(root: &Path, args: &[String]) -> Result<(), String> {
    Options::parse(args)?;
    if !cfg!(debug_assertions) {
        return run(root, args);
    }
    eprintln!("bench: building the xtask in release mode");
    let status = Command::new(cargo())
        .args(["run", "--release", "--quiet", "--package", "xtask", "--", "bench-inner"])
        .args(args)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("the release benchmark run failed ({status})")) }
}

/// `bench-inner`: the benchmark run proper (expected in a release build).
pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let options = Options::parse(args)?;
    if cfg!(debug_assertions) {
        eprintln!("bench: warning: this is a debug build of the xtask; generation timings are not representative");
    }
    let bench_dir = root.join(BENCH_DIR);
    fs::create_dir_all(&bench_dir).map_err(|e| format!("{}: {e}", bench_dir.display()))?;
    let _running = RunGuard::acquire(&bench_dir)?;
    let machine = report::Machine::detect();
    let specs = specs::locate(root, &bench_dir, options.quick);
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the xtask binary: {e}"))?;

    let mut generation = Vec::new();
    for spec in &specs {
        let result = match &spec.path {
            Ok(path) => {
                eprintln!("bench: generating {} ({})", spec.name, path.display());
                generation::run_child(&exe, path)
            }
            Err(note) => Err(note.clone()),
        };
        generation.push((spec.name.clone(), result));
    }

    // Fresh processes, as the 2.5x target measures it (GitHub and Stripe; the customer spec is too small to tell).
    let mut fresh = Vec::new();
    for spec in specs.iter().filter(|s| s.name != "stax-customer") {
        if let Ok(path) = &spec.path {
            eprintln!("bench: generating {} in fresh processes", spec.name);
            let rounds = if options.quick { 5 } else { 11 };
            fresh.push((spec.name.clone(), fresh::measure(&exe, path, &bench_dir.join("fresh-out"), rounds)));
        }
    }

    let builds = if options.quick {
        Vec::new()
    } else {
        let available: Vec<(String, PathBuf)> =
            specs.iter().filter_map(|s| s.path.as_ref().ok().map(|p| (s.name.clone(), p.clone()))).collect();
        crates::bench(&bench_dir, &available)
    };

    eprintln!("bench: running the client benchmarks (cargo bench -p stax-customer-client --bench client)");
    let client = client::bench(root, options.quick);

    let text = report::render(&report::Report { machine, quick: options.quick, generation, fresh, builds, client });
    println!("{text}");
    let out = root.join(if options.quick { QUICK_REPORT } else { REPORT });
    fs::write(&out, &text).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("bench: wrote {}", out.display());
    Ok(())
}

/// Marks a benchmark run in progress (`target/bench/.running` holds its pid), so a second run refuses to start:
/// two runs at once share the build directories and the cores, and both get meaningless figures.
#[derive(Debug)]
pub struct RunGuard {
    path: PathBuf,
}

impl RunGuard {
    /// Claims `dir/.running`, taking over a file left by a run that no longer exists.
    pub fn acquire(dir: &Path) -> Result<RunGuard, String> {
        let path = dir.join(".running");
        for _ in 0..2 {
            match fs::File::create_new(&path) {
                Ok(mut file) => {
                    use std::io::Write as _;
                    write!(file, "{}", std::process::id()).map_err(|e| format!("{}: {e}", path.display()))?;
                    return Ok(RunGuard { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let pid = fs::read_to_string(&path).unwrap_or_default();
                    let pid = pid.trim();
                    if !pid.is_empty() && Path::new("/proc").join(pid).exists() {
                        return Err(format!(
                            "another `cargo xtask bench` (pid {pid}) is running; two runs at once skew each other's \
                             figures. Wait for it to finish, or delete {} if that process is not a benchmark run.",
                            path.display()
                        ));
                    }
                    let _ = fs::remove_file(&path);
                }
                Err(e) => return Err(format!("{}: {e}", path.display())),
            }
        }
        Err(format!("cannot claim {}", path.display()))
    }
}

impl Drop for RunGuard {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// The cargo that runs us (`$CARGO`), or `cargo` from `PATH`.
pub(crate) fn cargo() -> PathBuf {
    std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from)
}

/// The last lines of a failed command's stderr, for an error message.
pub(crate) fn tail(text: &[u8], lines: usize) -> String {
    let text = String::from_utf8_lossy(text);
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

//! Generation in fresh processes, as a user runs it: `xtask codegen --spec F --out D` against a plain program that
//! only deserialises F into `openapiv3::OpenAPI` (the `parse-floor` binary, default allocator), alternated round by
//! round so a machine that changes speed affects both alike. This is the measure of the "within 2.5x of the parse floor" target: in a fresh
//! process both sides pay for start-up and for memory the kernel must zero, which an in-process loop hides.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Wall times of both sides over the rounds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fresh {
    pub rounds: usize,
    pub floor: Vec<Duration>,
    pub generate: Vec<Duration>,
}

impl Fresh {
    /// Fastest generation over fastest floor.
    pub fn ratio_min(&self) -> f64 {
        ratio(min(&self.generate), min(&self.floor))
    }

    /// Median generation over median floor.
    pub fn ratio_median(&self) -> f64 {
        ratio(median(&self.generate), median(&self.floor))
    }

    pub fn floor_median(&self) -> Duration {
        median(&self.floor)
    }

    pub fn generate_median(&self) -> Duration {
        median(&self.generate)
    }
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

fn min(d: &[Duration]) -> Duration {
    d.iter().copied().min().unwrap_or_default()
}

fn median(d: &[Duration]) -> Duration {
    let mut d = d.to_vec();
    d.sort();
    d.get(d.len() / 2).copied().unwrap_or_default()
}

/// Runs `rounds` rounds of floor then generation, each a fresh process of `exe`, writing into `out`.
pub fn measure(exe: &Path, spec: &Path, out: &Path, rounds: usize) -> Result<Fresh, String> {
    let floor = floor_binary(exe)?;
    let rounds = rounds.max(1);
    let mut fresh = Fresh { rounds, ..Fresh::default() };
    for _ in 0..rounds {
        fresh.floor.push(time(Command::new(&floor).arg(spec))?);
        let _ = std::fs::remove_dir_all(out);
        let mut generate = Command::new(exe);
        generate.arg("codegen").arg("--spec").arg(spec).arg("--out").arg(out).args(["--name", "bench-client"]);
        fresh.generate.push(time(&mut generate)?);
    }
    let _ = std::fs::remove_dir_all(out);
    Ok(fresh)
}

fn time(cmd: &mut Command) -> Result<Duration, String> {
    let start = Instant::now();
    let status = cmd.stdout(Stdio::null()).stderr(Stdio::null()).status().map_err(|e| format!("{cmd:?}: {e}"))?;
    let elapsed = start.elapsed();
    if status.success() { Ok(elapsed) } else { Err(format!("{cmd:?} failed: {status}")) }
}

/// The `parse-floor` binary beside `exe`, built first (in the same profile) so it is current.
fn floor_binary(exe: &Path) -> Result<std::path::PathBuf, String> {
    let mut build = Command::new(super::cargo());
    build.args(["build", "--quiet", "--package", "xtask", "--bin", "parse-floor"]);
    if !cfg!(debug_assertions) {
        build.arg("--release");
    }
    let status = build.status().map_err(|e| format!("cargo build --bin parse-floor: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build --bin parse-floor failed: {status}"));
    }
    let floor = exe.with_file_name(format!("parse-floor{}", std::env::consts::EXE_SUFFIX));
    if floor.exists() { Ok(floor) } else { Err(format!("{} was not built", floor.display())) }
}

/// `bench-fresh --spec FILE [--rounds N]`: prints both sides' times and the ratios.
pub fn fresh_main(root: &Path, args: &[String]) -> Result<(), String> {
    let (mut spec, mut rounds) = (None, 11);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--spec" => spec = it.next(),
            "--rounds" => {
                rounds = it.next().and_then(|n| n.parse().ok()).ok_or("--rounds takes a number of rounds")?;
            }
            other => return Err(format!("unknown argument {other}; usage: bench-fresh --spec FILE [--rounds N]")),
        }
    }
    let spec = Path::new(spec.ok_or("bench-fresh needs --spec FILE")?);
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the xtask binary: {e}"))?;
    let f = measure(&exe, spec, &root.join(super::BENCH_DIR).join("fresh-out"), rounds)?;
    println!(
        "{} rounds: floor median {:.1} ms, generation median {:.1} ms; ratio {:.2}x (medians), {:.2}x (fastest of each)",
        f.rounds,
        f.floor_median().as_secs_f64() * 1e3,
        f.generate_median().as_secs_f64() * 1e3,
        f.ratio_median(),
        f.ratio_min()
    );
    Ok(())
}

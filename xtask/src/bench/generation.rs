//! Generation of one spec: each stage's time, the floor (deserialising the same text into `openapiv3::OpenAPI`),
//! peak memory and output size, measured in a child process per spec so peak memory is that spec's own.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::tail;

/// What generating one spec costs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GenStats {
    /// Runs measured (the best is reported).
    pub iterations: usize,
    /// Operations in the IR.
    pub ops: usize,
    /// Generator warnings (degraded constructs).
    pub warnings: usize,
    /// Best time to deserialise the text into `openapiv3::OpenAPI` alone.
    pub floor: Duration,
    /// Stage times of the fastest run; `emit` and `render` are CPU time summed over the worker threads.
    pub timings: generator::timing::Timings,
    /// Wall time of the fastest run, text to files.
    pub total: Duration,
    /// Peak resident memory of the process (`VmHWM`), including the floor's parse, if known.
    pub peak_bytes: Option<u64>,
    /// Lines of all generated files, runtime included.
    pub lines: usize,
    /// Bytes of all generated files, runtime included.
    pub bytes: usize,
    /// Lines of the spec-driven files (the copied runtime left out).
    pub spec_lines: usize,
}

impl GenStats {
    /// `total / floor`.
    pub fn ratio(&self) -> f64 {
        self.total.as_secs_f64() / self.floor.as_secs_f64().max(1e-9)
    }

    /// Spec-driven lines per operation.
    pub fn lines_per_op(&self) -> Option<f64> {
        (self.ops > 0).then(|| self.spec_lines as f64 / self.ops as f64)
    }
}

/// How many runs a spec of `len` bytes gets: best of 5, or of 3 for the big ones.
pub fn iterations_for(len: usize) -> usize {
    if len > 4 << 20 { 5 } else { 9 }
}

/// Measures one spec in this process: `iterations` rounds of the floor followed by a full generation.
pub fn measure(path: &Path, iterations: usize) -> Result<GenStats, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let iterations = iterations.max(1);
    let label = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let config =
        generator::Config { command: "cargo xtask bench".into(), spec_label: label.clone(), shared_runtime: None };
    // Floor and generation alternate, so a machine that changes speed during the runs affects both alike.
    let mut floor = Duration::MAX;
    let mut best: Option<(Duration, generator::timing::Timings, generator::GeneratedFiles)> = None;
    for _ in 0..iterations {
        let start = Instant::now();
        let doc = deserialize_floor(&text)?;
        floor = floor.min(start.elapsed());
        drop(doc);
        let start = Instant::now();
        let (files, timings) = generator::timing::generate_str(&text, &config).map_err(|d| format!("{label}:\n{d}"))?;
        let total = start.elapsed();
        if best.as_ref().is_none_or(|(t, ..)| total < *t) {
            best = Some((total, timings, files));
        }
    }
    let Some((total, timings, files)) = best else { return Err("no run".into()) };
    let spec = generator::parse(&text).map_err(|d| format!("{label}:\n{d}"))?;
    let (api, _) = generator::lower(&spec).map_err(|d| format!("{label}:\n{d}"))?;
    let lines = files.files.iter().map(|f| f.contents.lines().count()).sum();
    let bytes = files.files.iter().map(|f| f.contents.len()).sum();
    let spec_lines =
        // The runtime is copied, and the typed mocks compile only with the `mock` feature: neither is per operation.
        files.files.iter().filter(|f| !is_runtime_or_mock(&f.path)).map(|f| f.contents.lines().count()).sum();
    Ok(GenStats {
        iterations,
        ops: api.operations.len(),
        warnings: files.warnings.len(),
        floor,
        timings,
        total,
        peak_bytes: peak_memory(),
        lines,
        bytes,
        spec_lines,
    })
}

/// The floor: the same text straight into `openapiv3::OpenAPI` (JSON when it starts with `{`, as `parse` decides).
pub fn deserialize_floor(text: &str) -> Result<openapiv3::OpenAPI, String> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| format!("floor: {e}"))
    } else {
        serde_yaml::from_str(text).map_err(|e| format!("floor: {e}"))
    }
}

/// `VmHWM` of this process, in bytes (Linux only).
fn peak_memory() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// `bench-gen --spec FILE`: measures one spec and prints [`GenStats`] as `key value` lines.
pub fn child_main(args: &[String]) -> Result<(), String> {
    let mut spec = None;
    let mut iterations = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--spec" => spec = it.next(),
            "--iterations" => iterations = it.next().and_then(|n| n.parse().ok()),
            other => return Err(format!("unknown argument {other}; usage: bench-gen --spec FILE [--iterations N]")),
        }
    }
    let spec = Path::new(spec.ok_or("bench-gen needs --spec FILE")?);
    let len = fs::metadata(spec).map(|m| m.len() as usize).unwrap_or(0);
    let stats = measure(spec, iterations.unwrap_or_else(|| iterations_for(len)))?;
    print!("{}", to_lines(&stats));
    Ok(())
}

/// Runs `exe bench-gen --spec FILE` and reads its figures.
pub fn run_child(exe: &Path, spec: &Path) -> Result<GenStats, String> {
    let out = Command::new(exe)
        .arg("bench-gen")
        .arg("--spec")
        .arg(spec)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    if !out.status.success() {
        return Err(format!("generation failed ({}):\n{}", out.status, tail(&out.stderr, 10)));
    }
    from_lines(&String::from_utf8_lossy(&out.stdout))
}

/// The figures as `key value` lines (durations in nanoseconds).
pub fn to_lines(s: &GenStats) -> String {
    let t = &s.timings;
    let mut out = String::new();
    for (key, value) in [
        ("iterations", s.iterations as u128),
        ("ops", s.ops as u128),
        ("warnings", s.warnings as u128),
        ("floor", s.floor.as_nanos()),
        ("parse", t.parse.as_nanos()),
        ("lower", t.lower.as_nanos()),
        ("emit", t.emit.as_nanos()),
        ("render", t.render.as_nanos()),
        ("total", s.total.as_nanos()),
        ("lines", s.lines as u128),
        ("bytes", s.bytes as u128),
        ("spec_lines", s.spec_lines as u128),
    ] {
        out.push_str(&format!("{key} {value}\n"));
    }
    if let Some(peak) = s.peak_bytes {
        out.push_str(&format!("peak_bytes {peak}\n"));
    }
    out
}

/// Reads what [`to_lines`] wrote.
pub fn from_lines(text: &str) -> Result<GenStats, String> {
    let mut s = GenStats::default();
    let mut seen = 0;
    for line in text.lines() {
        let Some((key, value)) = line.split_once(' ') else { continue };
        let n: u64 = value.trim().parse().map_err(|_| format!("bench-gen printed a bad line: {line}"))?;
        let d = Duration::from_nanos(n);
        match key {
            "iterations" => s.iterations = n as usize,
            "ops" => s.ops = n as usize,
            "warnings" => s.warnings = n as usize,
            "floor" => s.floor = d,
            "parse" => s.timings.parse = d,
            "lower" => s.timings.lower = d,
            "emit" => s.timings.emit = d,
            "render" => s.timings.render = d,
            "total" => s.total = d,
            "lines" => s.lines = n as usize,
            "bytes" => s.bytes = n as usize,
            "spec_lines" => s.spec_lines = n as usize,
            "peak_bytes" => s.peak_bytes = Some(n),
            _ => continue,
        }
        seen += 1;
    }
    if seen < 12 { Err(format!("bench-gen printed incomplete figures:\n{text}")) } else { Ok(s) }
}

/// The copied runtime (`runtime/`) and the typed mocks (`mock.rs`, `mock/`), which `lines/op` leaves out.
fn is_runtime_or_mock(path: &str) -> bool {
    path.starts_with("runtime/") || path == "mock.rs" || path.starts_with("mock/")
}

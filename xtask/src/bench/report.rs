//! The markdown report: the machine, the generation, build and client tables, and the targets beside the results.

use std::fmt::Write as _;
use std::fs;
use std::process::Command;
use std::time::Duration;

use super::client::Comparison;
use super::crates::{Build, CrateBuilds};
use super::generation::GenStats;

/// What the figures were measured on.
#[derive(Clone, Debug, Default)]
pub struct Machine {
    /// Logical cores available.
    pub cores: usize,
    /// CPU model from `/proc/cpuinfo`.
    pub cpu: String,
    /// Total memory from `/proc/meminfo`, in bytes.
    pub memory: Option<u64>,
    /// `uname -sr`.
    pub os: String,
    /// `rustc --version`.
    pub rustc: String,
    /// UTC date of the run.
    pub date: String,
    /// The 1, 5 and 15 minute load averages when the run started (other work on the machine skews timings).
    pub load: String,
}

impl Machine {
    /// Reads the machine's description (unknown parts are left as "unknown").
    pub fn detect() -> Machine {
        let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split_once(':'))
            .map_or_else(|| "unknown".to_owned(), |(_, v)| v.trim().to_owned());
        let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory = meminfo
            .lines()
            .find(|l| l.starts_with("MemTotal:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map(|kb| kb * 1024);
        let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
        Machine {
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            cpu,
            memory,
            os: command_line(&["uname", "-sr"]),
            rustc: command_line(&[&rustc, "--version"]),
            date: command_line(&["date", "-u", "+%Y-%m-%d"]),
            load: fs::read_to_string("/proc/loadavg")
                .ok()
                .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| "unknown".into()),
        }
    }
}

/// The first line a command prints, or "unknown".
fn command_line(argv: &[&str]) -> String {
    let Some((program, args)) = argv.split_first() else { return "unknown".into() };
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8_lossy(&o.stdout).lines().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into())
}

/// Everything one run measured.
#[derive(Debug)]
pub struct Report {
    /// The machine.
    pub machine: Machine,
    /// A `--quick` run (no GitHub, no crate builds, short client benches).
    pub quick: bool,
    /// Generation figures per spec.
    pub generation: Vec<(String, Result<GenStats, String>)>,
    /// Generation in fresh processes against the floor in fresh processes, per spec.
    pub fresh: Vec<(String, Result<super::fresh::Fresh, String>)>,
    /// Build figures per spec (empty when skipped).
    pub builds: Vec<(String, Result<CrateBuilds, String>)>,
    /// The client comparisons.
    pub client: Result<Vec<Comparison>, String>,
}

/// The whole report as markdown.
pub fn render(r: &Report) -> String {
    let mut out = String::from("# Benchmarks\n\n");
    out.push_str(
        "Written by `cargo xtask bench` (see the README's \"Benchmarks\" section); rerun it to refresh every figure.\n",
    );
    if r.quick {
        out.push_str("\nThis is a `--quick` run: GitHub's description and the crate builds are left out.\n");
    }
    out.push_str(&machine_section(&r.machine));
    out.push_str(&generation_table(&r.generation));
    out.push_str(&fresh_table(&r.fresh));
    out.push_str(&build_table(&r.builds, r.quick));
    out.push_str(&feature_table(&r.builds, r.quick));
    out.push_str(&client_table(&r.client));
    out.push_str(&targets_table(r));
    out
}

fn machine_section(m: &Machine) -> String {
    let memory = m.memory.map_or_else(|| "unknown".into(), |b| format!("{:.1} GiB", b as f64 / (1u64 << 30) as f64));
    format!(
        "\n## Machine\n\n- CPU: {} ({} logical cores)\n- Memory: {memory}\n- OS: {}\n- Compiler: {}\n- Date: {} (UTC)\n\
         - Load average when the run started (1, 5, 15 min): {}\n",
        m.cpu, m.cores, m.os, m.rustc, m.date, m.load
    )
}

/// The generation table: one row per spec.
pub fn generation_table(rows: &[(String, Result<GenStats, String>)]) -> String {
    let mut out = String::from(
        "\n## Generation\n\n\
         | spec | ops | floor | parse | lower | emit | render | total | total/floor | peak MB | lines | bytes | lines/op |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    let mut notes = Vec::new();
    for (name, row) in rows {
        match row {
            Ok(s) => {
                let t = &s.timings;
                let _ = writeln!(
                    out,
                    "| {name} | {} | {} | {} | {} | {} | {} | {} | {:.2} | {} | {} | {} | {} |",
                    s.ops,
                    duration(s.floor),
                    duration(t.parse),
                    duration(t.lower),
                    duration(t.emit),
                    duration(t.render),
                    duration(s.total),
                    s.ratio(),
                    s.peak_bytes.map_or_else(|| "n/a".into(), |b| format!("{:.0}", b as f64 / 1e6)),
                    s.lines,
                    s.bytes,
                    s.lines_per_op().map_or_else(|| "n/a".into(), |l| format!("{l:.0}")),
                );
            }
            Err(e) => {
                let _ = writeln!(out, "| {name} | see below | | | | | | | | | | | |");
                notes.push(format!("- {name}: {}", e.replace('\n', " ")));
            }
        }
    }
    out.push_str(
        "\n- **floor**: deserialising the same text into `openapiv3::OpenAPI` alone (best run), measured in the same \
         process, each run just before a generation run, so both see the machine alike.\n\
         - **total**: wall time of the fastest full run, text to formatted files; its stages are shown beside it. \
         `emit` and `render` run on every core and show CPU time summed over the workers, so the stages can add up \
         to more than the total.\n\
         - **peak MB**: the highest resident memory of the measuring process (`VmHWM`), which includes the floor's parse.\n\
         - **lines**, **bytes**: every generated file, the copied runtime included; **lines/op** leaves out the runtime and the typed mocks (compiled only with the `mock` feature).\n\
         - Best of 9 rounds, or of 5 for descriptions over 4 MiB.\n",
    );
    append_notes(&mut out, &notes);
    out
}

/// `cargo check` of each crate with all its tag features against one alone.
fn feature_table(rows: &[(String, Result<CrateBuilds, String>)], quick: bool) -> String {
    let mut out = String::from("\n## Generated crates: cargo features\n\n");
    if quick || rows.is_empty() {
        out.push_str("Skipped in this run.\n");
        return out;
    }
    out.push_str(
        "| crate | tag features | check, all features | one feature | check, that feature alone | alone / all |\n\
         | --- | ---: | ---: | --- | ---: | ---: |\n",
    );
    for (name, row) in rows {
        match row.as_ref().ok().map(|b| &b.features) {
            Some(Some(f)) => {
                let ratio = f.one.time.as_secs_f64() / f.all.time.as_secs_f64().max(1e-9);
                let _ = writeln!(
                    out,
                    "| {name} | {} | {} | `{}` | {} | {ratio:.2} |",
                    f.count,
                    build(&f.all),
                    f.feature,
                    build(&f.one)
                );
            }
            Some(None) => {
                let _ = writeln!(out, "| {name} | 0 (no tags) | | | | |");
            }
            None => {}
        }
    }
    out.push_str(
        "\n- Both checks run in the crate's own directory in one run, each warmed once and timed after touching \
         `lib.rs` (incremental, dependencies built), like **check** above; a tag's feature compiles its operations \
         and the types they reach (`--no-default-features --features <tag>`).\n",
    );
    out
}

fn build_table(rows: &[(String, Result<CrateBuilds, String>)], quick: bool) -> String {
    let mut out = String::from("\n## Generated crates: build times\n\n");
    if quick || rows.is_empty() {
        out.push_str("Skipped in this run.\n");
        return out;
    }
    out.push_str(
        "| crate | ops | lines | check | build | consumer check | consumer build |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    let mut notes = Vec::new();
    for (name, row) in rows {
        match row {
            Ok(b) => {
                let _ = writeln!(
                    out,
                    "| {name} | {} | {} | {} | {} | {} | {} |",
                    b.ops,
                    b.lines,
                    build(&b.check),
                    build(&b.build),
                    build(&b.consumer_check),
                    build(&b.consumer_build)
                );
            }
            Err(e) => {
                let _ = writeln!(out, "| {name} | see below | | | | | |");
                notes.push(format!("- {name}: {}", e.replace('\n', " ")));
            }
        }
    }
    out.push_str(
        "\n- Each cell is wall time and, where `/usr/bin/time` is installed, the peak resident memory of cargo and the \
         compiler it ran.\n\
         - Dev profile, dependencies already built (one shared target directory, `target/bench/target`); **check** and \
         **build** touch the crate's `lib.rs` and build the crate alone.\n\
         - The **consumer** is a binary that calls every method of the client once (operations, `_stream` and \
         `_checked` variants); its columns time the consumer alone after touching its `main.rs`, with the crate \
         already compiled, so they show what instantiating the client's generic code costs a user.\n",
    );
    append_notes(&mut out, &notes);
    out
}

fn client_table(client: &Result<Vec<Comparison>, String>) -> String {
    let mut out = String::from("\n## Client overhead\n\n");
    match client {
        Ok(rows) => {
            out.push_str(
                "| comparison | generated | hand-written | ratio |\n\
                 | --- | ---: | ---: | ---: |\n",
            );
            for c in rows {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {:.3} |",
                    c.what,
                    nanos(c.generated_ns),
                    nanos(c.hand_ns),
                    c.ratio()
                );
            }
            out.push_str(
                "\n- Criterion medians from `generated-client/benches/client.rs`; each side runs twice, in the order \
                 generated, hand-written, hand-written, generated, and the faster median of each side is compared, so \
                 a machine that changes speed during the run favours neither. The hand-written side is a plain \
                 `#[derive(Serialize)]` struct of the same shape, and a plain `reqwest` PUT (a client with the same \
                 timeouts and user agent) with the same JSON body, bearer header and JSON decode into a plain struct.\n\
                 - The round trips go to an axum server on 127.0.0.1 in the same process, on one current-thread tokio \
                 runtime shared with the client, so the time is the CPU cost of both sides of the exchange.\n\
                 - The generated client also validates the body, keeps the response headers and writes audit events \
                 (`tracing`, no subscriber installed); all are part of its cost.\n",
            );
        }
        Err(e) => {
            let _ = writeln!(out, "Not measured: {}", e.replace('\n', " "));
        }
    }
    out
}

/// Generation as a user runs it: fresh processes of `xtask codegen --spec` against fresh processes that only parse.
fn fresh_table(rows: &[(String, Result<super::fresh::Fresh, String>)]) -> String {
    let mut out = String::from(
        "\n## Generation in fresh processes\n\n`xtask codegen --spec F --out D` against the `parse-floor` binary (a plain \
         program that deserialises into `openapiv3::OpenAPI` only), alternated round by round (`cargo xtask bench-fresh --spec F`).\n\n\
         | spec | rounds | floor (median) | generation (median) | ratio (medians) | ratio (fastest) |\n\
         |---|---|---|---|---|---|\n",
    );
    for (name, row) in rows {
        match row {
            Ok(f) => {
                let _ = writeln!(
                    out,
                    "| {name} | {} | {} | {} | {:.2}x | {:.2}x |",
                    f.rounds,
                    duration(f.floor_median()),
                    duration(f.generate_median()),
                    f.ratio_median(),
                    f.ratio_min()
                );
            }
            Err(e) => {
                let _ = writeln!(out, "| {name} | not measured: {} | | | | |", e.replace('\n', " "));
            }
        }
    }
    out
}

fn targets_table(r: &Report) -> String {
    let stats_of = |name: &str| r.generation.iter().find(|(n, _)| n == name).and_then(|(_, s)| s.as_ref().ok());
    let mut rows: Vec<(String, String, Option<bool>)> = Vec::new();
    for name in ["stripe", "github"] {
        let result = stats_of(name).map(|s| (format!("{:.2}x", s.ratio()), Some(s.ratio() <= 3.0)));
        let (text, met) = result.unwrap_or_else(|| ("not measured".into(), None));
        rows.push((format!("{name}: generation total <= 3x floor"), text, met));
    }
    for (name, row) in &r.fresh {
        let result = row.as_ref().ok().map(|f| (format!("{:.2}x", f.ratio_median()), Some(f.ratio_median() <= 2.5)));
        let (text, met) = result.unwrap_or_else(|| ("not measured".into(), None));
        rows.push((format!("{name}: generation <= 2.5x floor, fresh processes (medians)"), text, met));
    }
    let customer = stats_of("stax-customer").map(|s| (duration(s.total), Some(s.total < Duration::from_millis(10))));
    let (text, met) = customer.unwrap_or_else(|| ("not measured".into(), None));
    rows.push(("stax-customer: generation total < 10 ms".into(), text, met));
    for (name, row) in &r.generation {
        if let Some(lpo) = row.as_ref().ok().and_then(GenStats::lines_per_op) {
            rows.push((format!("{name}: lines per operation <= ~90"), format!("{lpo:.0}"), Some(lpo <= 90.0)));
        }
    }
    let github = r.builds.iter().find(|(n, _)| n == "github").and_then(|(_, b)| b.as_ref().ok());
    match github {
        Some(b) => {
            let secs = b.check.time.as_secs_f64();
            rows.push(("github crate: `cargo check` < 60 s".into(), format!("{secs:.1} s"), Some(secs < 60.0)));
            let mem = b.check.peak_bytes.map(|p| (megabytes(p), Some(p <= 1_500_000_000)));
            let (text, met) = mem.unwrap_or_else(|| ("not measured".into(), None));
            rows.push(("github crate: `cargo check` peak memory <= 1.5 GB".into(), text, met));
            if let Some(f) = &b.features {
                let ratio = f.one.time.as_secs_f64() / f.all.time.as_secs_f64().max(1e-9);
                let target = format!("github crate: `cargo check` of `{}` alone <= 1/4 of all features", f.feature);
                rows.push((target, format!("{ratio:.2}"), Some(ratio <= 0.25)));
            }
        }
        None => {
            rows.push(("github crate: `cargo check` < 60 s".into(), "not measured".into(), None));
            rows.push(("github crate: `cargo check` peak memory <= 1.5 GB".into(), "not measured".into(), None));
        }
    }
    match &r.client {
        Ok(cs) => {
            for c in cs {
                rows.push((
                    format!("{}: overhead <= 1.05x", c.what),
                    format!("{:.3}x", c.ratio()),
                    Some(c.ratio() <= 1.05),
                ));
            }
        }
        Err(_) => rows.push(("client overheads <= 1.05x".into(), "not measured".into(), None)),
    }
    let mut out = String::from("\n## Targets\n\n| target | result | met |\n| --- | ---: | --- |\n");
    for (target, result, met) in rows {
        let met = match met {
            Some(true) => "yes",
            Some(false) => "no",
            None => "n/a",
        };
        let _ = writeln!(out, "| {target} | {result} | {met} |");
    }
    out
}

fn append_notes(out: &mut String, notes: &[String]) {
    if !notes.is_empty() {
        out.push_str("\nNot measured:\n\n");
        for n in notes {
            out.push_str(n);
            out.push('\n');
        }
    }
}

/// A duration with a unit that keeps 2 to 3 significant digits.
pub fn duration(d: Duration) -> String {
    let s = d.as_secs_f64();
    let ms = s * 1e3;
    if s >= 10.0 {
        format!("{s:.1} s")
    } else if s >= 1.0 {
        format!("{s:.2} s")
    } else if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

/// Nanoseconds with a readable unit.
fn nanos(ns: f64) -> String {
    if ns < 1e3 {
        format!("{ns:.0} ns")
    } else if ns < 1e6 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        duration(Duration::from_secs_f64(ns / 1e9))
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

fn build(b: &Build) -> String {
    match b.peak_bytes {
        Some(p) => format!("{}, {}", duration(b.time), megabytes(p)),
        None => duration(b.time),
    }
}

//! The client's overhead: runs the criterion benches of `generated-client/benches/client.rs` and reads the medians
//! of the generated code and of its hand-written equivalent from `target/criterion/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{cargo, tail};

/// The criterion groups compared, each with a `generated` and a `hand_written` benchmark.
pub const GROUPS: [(&str, &str); 3] = [
    ("serialize_customer_update", "serialising a `CustomerUpdate` with `serde_json::to_vec`"),
    ("decode_customer_page", "decoding a page of 25 customers with `serde_json::from_str`"),
    ("update_customer_round_trip", "`update_customer` round trip to a loopback server"),
];

/// One comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Criterion group.
    pub group: String,
    /// What it measures.
    pub what: String,
    /// Median of the generated code, in nanoseconds.
    pub generated_ns: f64,
    /// Median of the hand-written code, in nanoseconds.
    pub hand_ns: f64,
}

impl Comparison {
    /// generated / hand-written.
    pub fn ratio(&self) -> f64 {
        self.generated_ns / self.hand_ns.max(1e-9)
    }
}

/// Runs the benches (shorter with `quick`) and reads the medians.
pub fn bench(root: &Path, quick: bool) -> Result<Vec<Comparison>, String> {
    let mut cmd = Command::new(cargo());
    cmd.args(["bench", "--package", "stax-customer-client", "--bench", "client", "--", "--noplot"]);
    if quick {
        cmd.args(["--warm-up-time", "1", "--measurement-time", "2"]);
    }
    let out = cmd.current_dir(root).output().map_err(|e| format!("cannot run cargo bench: {e}"))?;
    if !out.status.success() {
        return Err(format!("cargo bench failed ({}):\n{}", out.status, tail(&out.stderr, 20)));
    }
    let criterion = target_dir(root).join("criterion");
    GROUPS
        .iter()
        .map(|(group, what)| {
            Ok(Comparison {
                group: (*group).to_owned(),
                what: (*what).to_owned(),
                generated_ns: best_median(&criterion, group, &["generated", "generated_2"])?,
                hand_ns: best_median(&criterion, group, &["hand_written", "hand_written_2"])?,
            })
        })
        .collect()
}

/// The cargo target directory of the workspace.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |d| root.join(d))
}

/// The lowest of the medians recorded for `ids` (one side measured twice, in ABBA order with the other).
fn best_median(criterion: &Path, group: &str, ids: &[&str]) -> Result<f64, String> {
    let mut best = f64::INFINITY;
    for id in ids {
        best = best.min(median(criterion, group, id)?);
    }
    Ok(best)
}

/// The median point estimate (ns) criterion recorded for `group/id`.
fn median(criterion: &Path, group: &str, id: &str) -> Result<f64, String> {
    let path = criterion.join(group).join(id).join("new/estimates.json");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    v["median"]["point_estimate"].as_f64().ok_or_else(|| format!("{}: no median", path.display()))
}

//! The corpus report: one table row per spec, then the details of every failure (and of every invalid example).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use super::SpecResult;
use super::decode::Outcome;
use super::list::{CorpusSpec, Source};

/// Where a spec comes from, as one label (`package@version:file`).
pub fn source_label(spec: &CorpusSpec) -> String {
    match spec.source {
        Source::Npm { package, version, file } => format!("{package}@{version}:{file}"),
        Source::Openapiv3Fixture(file) => format!("openapiv3 crate fixtures/{file}"),
    }
}

/// Counts of example outcomes: decoded, invalid examples, wrong types, unmapped.
pub fn tally(r: &SpecResult) -> [usize; 4] {
    let mut t = [0; 4];
    for (_, _, o) in &r.examples {
        t[match o {
            Outcome::Decoded => 0,
            Outcome::InvalidExample { .. } => 1,
            Outcome::WrongType { .. } => 2,
            Outcome::Unmapped(_) => 3,
        }] += 1;
    }
    t
}

/// One line about a spec, for progress output.
pub fn summary(r: &SpecResult) -> String {
    let verdict = if r.failed() { "FAILED" } else { "ok" };
    let [ok, invalid, wrong, unmapped] = tally(r);
    let compiled = match &r.diagnostics {
        Some(d) => format!("{} errors, {} warnings", d.errors, d.warnings),
        None => "not compiled".into(),
    };
    format!(
        "{verdict}: {compiled}; {} generator warnings; examples: {ok} decoded, {invalid} invalid, {wrong} wrong type, {unmapped} not mapped",
        r.gen_warnings
    )
}

fn secs(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64())
}

/// The markdown report.
pub fn render(results: &[SpecResult]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Corpus\n");
    let _ = writeln!(
        s,
        "| spec | openapi | generated | generator warnings | compiled | rustc/clippy warnings | examples decoded | invalid examples | wrong types | not mapped | gen s | clippy s | decode s | result |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for r in results {
        let generated = if r.failure.is_some() && r.diagnostics.is_none() { "no" } else { "yes" };
        let (compiled, warnings) = match &r.diagnostics {
            Some(d) if d.errors == 0 => ("yes".to_owned(), d.warnings.to_string()),
            Some(d) => (format!("no ({} errors)", d.errors), d.warnings.to_string()),
            None => ("-".to_owned(), "-".to_owned()),
        };
        let [ok, invalid, wrong, unmapped] = tally(r);
        let decoded = if r.decoder_failure.is_some() { "program failed".to_owned() } else { ok.to_string() };
        let _ = writeln!(
            s,
            "| {} | {} | {generated} | {} | {compiled} | {warnings} | {decoded} | {invalid} | {wrong} | {unmapped} | {} | {} | {} | {} |",
            r.name,
            r.openapi,
            r.gen_warnings,
            secs(r.times[0]),
            secs(r.times[1]),
            secs(r.times[2]),
            if r.failed() { "FAIL" } else { "ok" }
        );
    }
    for r in results {
        details(&mut s, r);
    }
    s
}

fn details(s: &mut String, r: &SpecResult) {
    let mut lines = Vec::new();
    if let Some(f) = &r.failure {
        lines.push(format!("- failure: {}", f.trim_end()));
    }
    if let Some(d) = &r.diagnostics {
        for m in &d.samples {
            lines.push(format!("- compiler:\n```text\n{m}\n```"));
        }
    }
    if let Some(f) = &r.decoder_failure {
        lines.push(format!("- decode program:\n```text\n{f}\n```"));
    }
    for (ex, ty, o) in &r.examples {
        match o {
            Outcome::WrongType { decode, unchecked } => {
                let note = unchecked.as_ref().map(|u| format!(" (schema not checked: {u})")).unwrap_or_default();
                lines.push(format!("- WRONG TYPE `{}` as `{ty}`: {decode}{note}", ex.pointer));
            }
            Outcome::InvalidExample { decode, schema } => {
                lines.push(format!("- invalid example `{}` as `{ty}`: {decode}; schema: {schema}", ex.pointer));
            }
            _ => {}
        }
    }
    let mut unmapped: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for (ex, _, o) in &r.examples {
        if let Outcome::Unmapped(why) = o {
            unmapped.entry(why.as_str()).or_insert((0, ex.pointer.as_str())).0 += 1;
        }
    }
    for (why, (n, first)) in unmapped {
        lines.push(format!("- not mapped ({n}): {why}; first: `{first}`"));
    }
    if !r.gen_warning_samples.is_empty() {
        lines.push(format!("- generator warnings ({}), first ones:", r.gen_warning_samples.len()));
        for w in r.gen_warning_samples.iter().take(5) {
            lines.push(format!("  - {}", w.replace('\n', " ")));
        }
    }
    if !lines.is_empty() {
        let _ = writeln!(s, "\n## {}\n", r.name);
        for l in lines {
            let _ = writeln!(s, "{l}");
        }
    }
}

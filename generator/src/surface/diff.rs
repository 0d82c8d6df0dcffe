//! What a spec change does to the generated crate's API, in the terms a downstream crate sees: each change with
//! its SemVer class and the rule behind it (the Cargo book's SemVer chapter, for the shapes this generator emits).
//!
//! The shapes decide the rules. Structs have public fields and no `#[non_exhaustive]`, so downstream code (and its
//! tests and mocks) builds them with literals and `..Default::default()`: a struct that gains a field is a major
//! change. Enums are exhaustive (unknown values land in their fallback variant, but a `match` still lists every
//! variant): an enum that gains a variant is a major change too, except the crate's `Error`, which is
//! `#[non_exhaustive]`. Checks made before sending are part of what a
//! method accepts: tightening one is major, loosening one minor.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::{Entry, Kind};

/// A SemVer class, from no change to a breaking one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    pub fn parse(s: &str) -> Option<Bump> {
        [Bump::None, Bump::Patch, Bump::Minor, Bump::Major].into_iter().find(|b| b.as_str() == s)
    }
}

/// One change to the API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub severity: Bump,
    /// The item, as its key (`CustomerUpdate.phone`).
    pub item: String,
    /// What changed (`Option<String>` -> `Option<i64>`).
    pub change: String,
    /// The JSON pointer in the spec behind it (the new spec's, or the old one's for a removal).
    pub pointer: String,
    /// Why it has its class.
    pub rule: &'static str,
}

impl Change {
    /// A major change that leaves every item's name and shape in place (a changed type or signature, a tighter
    /// check, a removed credential): rustdoc-based tools such as `cargo-semver-checks` cannot see it.
    pub fn beyond_item_shape(&self) -> bool {
        self.severity == Bump::Major
            && [TYPE_CHANGED, SIGNATURE_CHANGED, TIGHTER, CREDENTIAL_REMOVED].contains(&self.rule)
    }
}

/// All changes between two APIs and the bump they add up to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub bump: Bump,
    pub changes: Vec<Change>,
}

const REMOVED: &str = "removed: code that names it stops compiling";
const CREDENTIAL_REMOVED: &str = "removed: the builder refuses this credential name at `build()`";
const ADDED: &str = "added: existing code compiles unchanged";
const FIELD_ADDED: &str = "a struct that gains a public field can no longer be built with a literal naming every \
field (Cargo SemVer: adding a public field to a struct with no private fields is major)";
const VARIANT_ADDED: &str = "an exhaustive enum that gains a variant breaks `match`es without a wildcard arm (Cargo \
SemVer: adding a variant to an enum without #[non_exhaustive] is major)";
const ERROR_VARIANT_ADDED: &str = "`Error` is #[non_exhaustive], so every `match` on it already has a wildcard arm";
const TYPE_CHANGED: &str = "type changed: code written for the old type stops compiling";
const SIGNATURE_CHANGED: &str = "signature changed: calls written for the old one stop compiling";
const BEHAVIOUR: &str = "behaviour changed: code compiles unchanged";
const TIGHTER: &str = "accepts less: values the old version sent are now refused before sending";
const LOOSER: &str = "accepts more: every value the old version sent is still sent";
const DOCS: &str = "the generated code changed (documentation or internals), the API did not";

/// The changes from `old` to `new`. `code_changed` says whether the generated files differ at all, which makes
/// an API-neutral change a patch rather than nothing.
pub fn diff(old: &[Entry], new: &[Entry], code_changed: bool) -> Report {
    let index = |entries: &[Entry]| -> BTreeMap<(String, Kind), Entry> {
        entries.iter().map(|e| ((e.key.clone(), e.kind), e.clone())).collect()
    };
    let (old, new) = (index(old), index(new));
    let is_type = |k: Kind| matches!(k, Kind::Struct | Kind::Enum | Kind::Alias);
    // Types that appear or disappear as a whole: their fields and variants are not listed one by one.
    let whole = |from: &BTreeMap<_, Entry>, to: &BTreeMap<_, Entry>| -> BTreeSet<String> {
        from.values().filter(|e| is_type(e.kind) && !to.contains_key(&(e.key.clone(), e.kind))).map(|e| e.key.clone()).collect()
    };
    let (gone, arrived) = (whole(&old, &new), whole(&new, &old));
    let mut changes = Vec::new();
    let mut push = |severity, e: &Entry, change: String, rule| {
        changes.push(Change { severity, item: e.key.clone(), change, pointer: e.pointer.clone(), rule });
    };
    for (id, e) in &old {
        if !new.contains_key(id) && (is_type(e.kind) || !gone.contains(e.parent())) {
            let rule = if e.kind == Kind::Scheme { CREDENTIAL_REMOVED } else { REMOVED };
            push(Bump::Major, e, format!("removed `{}`", e.decl), rule);
        }
    }
    for (id, e) in &new {
        let Some(before) = old.get(id) else {
            if is_type(e.kind) || !arrived.contains(e.parent()) {
                let (severity, rule) = match e.kind {
                    Kind::Field => (Bump::Major, FIELD_ADDED),
                    // The crate's `Error` is `#[non_exhaustive]` (`emit/error.rs`): matches on it have a wildcard.
                    Kind::Variant if e.parent() == "Error" => (Bump::Minor, ERROR_VARIANT_ADDED),
                    Kind::Variant => (Bump::Major, VARIANT_ADDED),
                    _ => (Bump::Minor, ADDED),
                };
                push(severity, e, format!("added `{}`", e.decl), rule);
            }
            continue;
        };
        if before.decl != e.decl {
            let (severity, rule) = match e.kind {
                Kind::Method => (Bump::Major, SIGNATURE_CHANGED),
                Kind::Const | Kind::Scheme => (Bump::Minor, BEHAVIOUR),
                _ => (Bump::Major, TYPE_CHANGED),
            };
            push(severity, e, format!("`{}` -> `{}`", declared(before), declared(e)), rule);
        }
        // A changed type says it all; its checks are compared only when the type stayed.
        if before.decl == e.decl && before.checks != e.checks {
            let (tighter, looser) = compare_checks(before.checks.as_deref(), e.checks.as_deref());
            let (severity, rule) = if tighter || !looser { (Bump::Major, TIGHTER) } else { (Bump::Minor, LOOSER) };
            let show = |c: &Option<String>| c.clone().unwrap_or_else(|| "none".to_owned());
            push(severity, e, format!("checks `{}` -> `{}`", show(&before.checks), show(&e.checks)), rule);
        }
    }
    if changes.is_empty() && code_changed {
        changes.push(Change {
            severity: Bump::Patch,
            item: "(crate)".to_owned(),
            change: "generated code changed".to_owned(),
            pointer: "#".to_owned(),
            rule: DOCS,
        });
    }
    changes.sort_by(|a, b| (b.severity, &a.item).cmp(&(a.severity, &b.item)));
    let bump = changes.iter().map(|c| c.severity).max().unwrap_or(Bump::None);
    Report { bump, changes }
}

/// What an entry declares after its key: a field's or alias's type, a variant's payload, a whole signature.
fn declared(e: &Entry) -> &str {
    match e.kind {
        Kind::Field | Kind::Const | Kind::Scheme => e.decl.split_once(": ").map_or(&e.decl, |(_, t)| t),
        Kind::Alias => e.decl.split_once(" = ").map_or(&e.decl, |(_, t)| t),
        _ => &e.decl,
    }
}

/// Whether going from `old` to `new` checks refuses something the old ones allowed (`tighter`) and allows
/// something they refused (`looser`); both can hold.
fn compare_checks(old: Option<&str>, new: Option<&str>) -> (bool, bool) {
    let (old, new) = (atoms(old), atoms(new));
    let (mut tighter, mut looser) = (false, false);
    for name in old.keys().chain(new.keys()).collect::<BTreeSet<_>>() {
        match (old.get(name), new.get(name)) {
            (None, Some(_)) => tighter = true,
            (Some(_), None) => looser = true,
            (Some(a), Some(b)) if a != b => {
                let field = name.rsplit('.').next().unwrap_or(name);
                match ordering(field, a, b) {
                    Some(std::cmp::Ordering::Greater) => tighter = true,
                    Some(std::cmp::Ordering::Less) => looser = true,
                    Some(std::cmp::Ordering::Equal) => {}
                    None => {
                        // Allowed values: a value dropped is tighter, a value added looser; a changed pattern
                        // cannot be compared, so it counts as tighter.
                        match (serde_json::from_str::<Vec<String>>(a), serde_json::from_str::<Vec<String>>(b)) {
                            (Ok(a), Ok(b)) if field == "one_of" => {
                                tighter |= a.iter().any(|v| !b.contains(v));
                                looser |= b.iter().any(|v| !a.contains(v));
                            }
                            _ => tighter = true,
                        }
                    }
                }
            }
            _ => {}
        }
    }
    (tighter, looser)
}

/// For a bound, whether `new` is tighter (`Greater`) or looser (`Less`) than `old`; `None` for other checks.
fn ordering(field: &str, old: &str, new: &str) -> Option<std::cmp::Ordering> {
    let lower = matches!(field, "min_length" | "min_items" | "minimum");
    let upper = matches!(field, "max_length" | "max_items" | "maximum");
    if !lower && !upper {
        return None;
    }
    // `5` or `5 exclusive`: an exclusive bound is tighter than an inclusive one at the same value.
    let read = |s: &str| -> Option<(f64, bool)> {
        let (v, x) = s.split_once(' ').map_or((s, false), |(v, x)| (v, x == "exclusive"));
        Some((v.parse().ok()?, x))
    };
    let ((a, ax), (b, bx)) = (read(old)?, read(new)?);
    let by_value = if lower { b.partial_cmp(&a)? } else { a.partial_cmp(&b)? };
    Some(by_value.then(bx.cmp(&ax)))
}

/// A checks text as its atoms, by name (`max_length` -> `64`, `items.pattern` -> `"^a$"`, `email` -> ``).
fn atoms(checks: Option<&str>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(text) = checks else { return out };
    for atom in split_atoms(text) {
        let (name, value) = atom.split_once(' ').unwrap_or((atom, ""));
        out.insert(name.to_owned(), value.to_owned());
    }
    out
}

/// Splits at `; ` outside quoted strings (patterns and allowed values may hold one).
fn split_atoms(text: &str) -> Vec<&str> {
    let (mut out, mut start, mut in_str, mut escaped) = (Vec::new(), 0, false, false);
    let b = text.as_bytes();
    for i in 0..b.len() {
        match b[i] {
            _ if escaped => escaped = false,
            b'\\' if in_str => escaped = true,
            b'"' => in_str = !in_str,
            b';' if !in_str && b.get(i + 1) == Some(&b' ') => {
                out.push(&text[start..i]);
                start = i + 2;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// The version after `bump`, by Cargo's rules: in `0.y.z` a breaking change bumps `y` and anything else `z`.
pub fn next_version(version: &str, bump: Bump) -> Option<String> {
    let mut parts = version.split('.').map(|p| p.parse::<u64>().ok());
    let (major, minor, patch) = (parts.next()??, parts.next()??, parts.next()??);
    Some(match (bump, major) {
        (Bump::None, _) => version.to_owned(),
        (Bump::Major, 0) => format!("0.{}.0", minor + 1),
        (Bump::Major, _) => format!("{}.0.0", major + 1),
        (Bump::Minor, m) if m > 0 => format!("{major}.{}.0", minor + 1),
        _ => format!("{major}.{minor}.{}", patch + 1),
    })
}

impl Report {
    /// The report for a terminal: a block per change, then the overall bump.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for c in &self.changes {
            let _ = writeln!(out, "{:<5}  {}: {}", c.severity.as_str(), c.item, c.change);
            let _ = writeln!(out, "       {}\n       at {}", c.rule, c.pointer);
        }
        let _ = writeln!(out, "overall: {}", self.bump.as_str());
        out
    }

    /// The report as Markdown, for a pull request.
    pub fn markdown(&self) -> String {
        let mut out = format!("**API change: {}**\n\n", self.bump.as_str());
        if self.changes.is_empty() {
            out.push_str("No change to the generated crate.\n");
            return out;
        }
        out.push_str("| class | item | change | spec | why |\n| --- | --- | --- | --- | --- |\n");
        for c in &self.changes {
            let cell = |s: &str| s.replace('|', "\\|");
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | `{}` | {} |",
                if c.severity == Bump::Major { "**major**" } else { c.severity.as_str() },
                cell(&c.item),
                cell(&c.change),
                cell(&c.pointer),
                cell(c.rule)
            );
        }
        out
    }

    /// `{"bump": .., "changes": [{"severity", "item", "change", "pointer", "rule"}, ..]}`.
    pub fn json(&self) -> serde_json::Value {
        let changes: Vec<serde_json::Value> = self
            .changes
            .iter()
            .map(|c| {
                serde_json::json!({
                    "severity": c.severity.as_str(),
                    "item": c.item,
                    "change": c.change,
                    "pointer": c.pointer,
                    "rule": c.rule,
                })
            })
            .collect();
        serde_json::json!({ "bump": self.bump.as_str(), "changes": changes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_compare_by_what_they_accept() {
        assert_eq!(compare_checks(Some("max_length 10"), Some("max_length 5")), (true, false));
        assert_eq!(compare_checks(Some("max_length 5"), Some("max_length 10")), (false, true));
        assert_eq!(compare_checks(Some("minimum 0"), Some("minimum 0 exclusive")), (true, false));
        assert_eq!(compare_checks(None, Some("email")), (true, false));
        assert_eq!(compare_checks(Some("email; min_length 1"), Some("min_length 1")), (false, true));
        assert_eq!(compare_checks(Some("one_of [\"a\", \"b\"]"), Some("one_of [\"a\"]")), (true, false));
        assert_eq!(compare_checks(Some("pattern \"a; b\""), Some("pattern \"c\"")), (true, false));
    }

    #[test]
    fn versions_follow_cargo() {
        assert_eq!(next_version("0.1.0", Bump::Major).as_deref(), Some("0.2.0"));
        assert_eq!(next_version("0.1.0", Bump::Minor).as_deref(), Some("0.1.1"));
        assert_eq!(next_version("1.2.3", Bump::Minor).as_deref(), Some("1.3.0"));
        assert_eq!(next_version("1.2.3", Bump::Patch).as_deref(), Some("1.2.4"));
        assert_eq!(next_version("1.2.3", Bump::Major).as_deref(), Some("2.0.0"));
    }
}

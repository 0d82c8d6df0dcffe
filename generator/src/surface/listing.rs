//! The API listing as text (`api.txt`): a line per entry, its declaration (which starts with its key), its kind,
//! `[<checks>]` when there are any and `@ <pointer>`, separated by two spaces. Lines start with their keys, so
//! the file is sorted line by line and each type's fields, variants and methods follow it. It is read back by
//! [`parse_listing`], so the listing committed with a crate is the "before" of the next regeneration's report.

use super::{Entry, Kind};

/// The first lines of every listing; a listing that does not start with them comes from a generator that wrote
/// another format, and is not compared.
pub const HEADER: &str = "# The public API of this generated crate: one line per item the spec decides, its checks in [..], and \
after @ the part of the spec it comes from.\n# Generated with the crate; review changes to it as API changes.\n";

/// The listing of `entries` (already sorted).
pub fn render_listing(entries: &[Entry]) -> String {
    let mut out = String::from(HEADER);
    for e in entries {
        out.push_str(&e.decl);
        out.push_str("  ");
        out.push_str(e.kind.word());
        if let Some(checks) = &e.checks {
            out.push_str("  [");
            out.push_str(checks);
            out.push(']');
        }
        out.push_str("  @ ");
        out.push_str(&e.pointer);
        out.push('\n');
    }
    out
}

/// The entries of a listing; lines it cannot read (comments, blank lines, or a listing from another version of
/// the generator) are skipped.
pub fn parse_listing(text: &str) -> Vec<Entry> {
    text.lines().filter_map(parse_line).collect()
}

fn parse_line(line: &str) -> Option<Entry> {
    if line.starts_with('#') {
        return None;
    }
    let (rest, pointer) = line.rsplit_once("  @ ")?;
    // A declaration never holds two spaces; checks may (in a pattern), so fields are found from the left.
    let (decl, rest) = rest.split_once("  ")?;
    let (word, checks) = match rest.split_once("  [") {
        Some((word, checks)) if checks.ends_with(']') => (word, Some(checks[..checks.len() - 1].to_owned())),
        _ => (rest, None),
    };
    let kind = Kind::from_word(word)?;
    let key = match kind {
        Kind::Struct | Kind::Enum => decl,
        Kind::Alias => decl.split_once(" = ")?.0,
        Kind::Field | Kind::Const => decl.split_once(": ")?.0,
        // `ClientBuilder::credential("name"): ...`, where the quoted name may hold anything.
        Kind::Scheme => &decl[..decl.find("): ")? + 1],
        Kind::Variant | Kind::Method => decl.split_once('(').map_or(decl, |(k, _)| k),
    };
    Some(Entry { kind, key: key.to_owned(), decl: decl.to_owned(), checks, pointer: pointer.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_back_as_their_entries() {
        let entry = |kind, key: &str, decl: &str, checks: Option<&str>| Entry {
            kind,
            key: key.to_owned(),
            decl: decl.to_owned(),
            checks: checks.map(str::to_owned),
            pointer: "#/components/schemas/A".to_owned(),
        };
        let entries = vec![
            entry(Kind::Struct, "A", "A", None),
            entry(Kind::Field, "A.b", "A.b: Option<Vec<String>>", Some("max_items 3; items.pattern \"^a  [b]$\"")),
            entry(Kind::Variant, "Error::NotFound", "Error::NotFound(ApiError<A>)", None),
            entry(Kind::Variant, "Kind::On", "Kind::On", None),
            entry(Kind::Method, "Client::get", "Client::get(&self, id: &str) -> Result<A, Error>", Some("id.min_length 1")),
            entry(Kind::Alias, "Ids", "Ids = Vec<i64>", None),
            entry(
                Kind::Scheme,
                "ClientBuilder::credential(\"api_key\")",
                "ClientBuilder::credential(\"api_key\"): api key in header \"X-Key\"",
                None,
            ),
            entry(Kind::Const, "DEFAULT_BASE_URL", "DEFAULT_BASE_URL: &str = \"https://x\"", None),
        ];
        assert_eq!(parse_listing(&render_listing(&entries)), entries);
    }

    #[test]
    fn lines_sort_as_their_keys() {
        let entry = |key: &str, decl: &str| Entry {
            kind: Kind::Field,
            key: key.to_owned(),
            decl: decl.to_owned(),
            checks: None,
            pointer: "#".to_owned(),
        };
        let mut entries = vec![
            entry("A", "A"),
            entry("A.b", "A.b: T"),
            entry("A.b_c", "A.b_c: T"),
            entry("A::validate", "A::validate(&self)"),
            entry("AB", "AB"),
            entry("Client::get", "Client::get(&self)"),
            entry("Client::get_all", "Client::get_all(&self)"),
            entry("E::V", "E::V(T)"),
            entry("E::V2", "E::V2"),
        ];
        entries.sort_by(|a, b| a.key.cmp(&b.key));
        let text = render_listing(&entries);
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        let mut sorted = lines.clone();
        sorted.sort_unstable();
        assert_eq!(lines, sorted);
    }
}

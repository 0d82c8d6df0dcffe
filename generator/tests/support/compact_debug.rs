//! A shorter form of `{:#?}` output for snapshots: empty values left out, one-line wrappers joined.
//!
//! - A field whose value is `None`, `false` or `[]` is left out, and so is a field holding a struct all of whose
//!   fields were left out: a field missing from the text holds its type's empty value.
//! - A bracket holding a single line is joined onto one line: `doc: Some(\n    "Text",\n),` becomes
//!   `doc: Some("Text"),` and `ty: Vec(\n    Named(\n        "Pet",\n    ),\n),` becomes `ty: Vec(Named("Pet")),`.
//!
//! It works on the text alone (any `Debug` output), so IR types need no `Serialize` and a renamed field changes
//! the snapshot, not this code. Strings in `Debug` output escape their line breaks, so every line is structure.

/// `pretty` (a `{:#?}` rendering) in the shorter form.
pub fn compact(pretty: &str) -> String {
    let mut lines: Vec<String> = pretty.lines().filter(|l| !is_empty_field(l)).map(str::to_owned).collect();
    loop {
        let before = lines.len();
        lines = fold(lines);
        if lines.len() == before {
            break;
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// `name: None,`, `name: false,` or `name: [],`.
fn is_empty_field(line: &str) -> bool {
    match line.trim_start().split_once(": ") {
        Some((key, value)) => is_ident(key) && matches!(value, "None," | "false," | "[],"),
        None => false,
    }
}

fn is_ident(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The closing bracket of a line's trailing opener.
fn closer(line: &str) -> Option<char> {
    match line.chars().last()? {
        '(' => Some(')'),
        '[' => Some(']'),
        '{' => Some('}'),
        _ => None,
    }
}

/// True when `line` closes, with `close`, a bracket opened at indentation `at`.
fn closes(line: &str, close: char, at: usize) -> bool {
    indent(line) == at && line.trim_start().starts_with(close)
}

/// One pass: drops emptied struct fields and joins brackets that hold at most one line.
fn fold(lines: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let Some(close) = closer(line) else {
            out.push(line.clone());
            i += 1;
            continue;
        };
        let at = indent(line);
        let named_field = line.trim_start().split_once(": ").is_some_and(|(key, _)| is_ident(key));
        if lines.get(i + 1).is_some_and(|next| closes(next, close, at)) {
            // An empty bracket: a struct field with every field left out goes too; anything else stays, on one line.
            if !(named_field && close == '}') {
                out.push(format!("{line}{}", lines[i + 1].trim_start()));
            }
            i += 2;
            continue;
        }
        let single = lines.get(i + 1).is_some_and(|inner| indent(inner) > at && closer(inner).is_none())
            && lines.get(i + 2).is_some_and(|end| closes(end, close, at));
        if single {
            let inner = lines[i + 1].trim().trim_end_matches(',');
            let pad = if close == '}' { " " } else { "" };
            out.push(format!("{line}{pad}{inner}{pad}{}", lines[i + 2].trim_start()));
            i += 3;
            continue;
        }
        out.push(line.clone());
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[derive(Debug, Default)]
    #[allow(dead_code, reason = "read only through Debug")]
    struct Checks {
        min: Option<u32>,
        strict: bool,
    }

    #[derive(Debug)]
    #[allow(dead_code, reason = "read only through Debug")]
    enum Ty {
        Named(String),
        Vec(Box<Ty>),
    }

    #[derive(Debug)]
    #[allow(dead_code, reason = "read only through Debug")]
    struct Field {
        name: String,
        doc: Option<String>,
        ty: Ty,
        checks: Checks,
        tags: Vec<String>,
        extra: Checks,
    }

    #[test]
    fn empty_values_go_and_single_lines_join() {
        let field = Field {
            name: "pets".into(),
            doc: Some("All: of them, None,".into()),
            ty: Ty::Vec(Box::new(Ty::Named("Pet".into()))),
            checks: Checks::default(),
            tags: vec![],
            extra: Checks { min: Some(1), strict: false },
        };
        let want = "Field {\n    name: \"pets\",\n    doc: Some(\"All: of them, None,\"),\n    ty: Vec(Named(\"Pet\")),\n    extra: Checks { min: Some(1) },\n}\n";
        assert_eq!(compact(&format!("{field:#?}")), want);
    }

    #[test]
    fn several_items_stay_on_their_lines() {
        let list = vec![Some(1), None, Some(3)];
        assert_eq!(compact(&format!("{list:#?}")), "[\n    Some(1),\n    None,\n    Some(3),\n]\n");
        let empty: Vec<Checks> = vec![Checks::default()];
        assert_eq!(compact(&format!("{empty:#?}")), "[Checks {}]\n");
    }
}

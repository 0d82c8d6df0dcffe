//! `json_object!` invocations laid out as a table: one `field: "wire"` per line (or one line when it fits).
//! prettyplease prints an unknown macro's tokens as running text (`id : "id", name : "name", ..`), which is hard
//! to read for a struct of fifty fields.

/// The macro whose invocations are laid out here.
const MACRO: &str = "json_object!(";

/// True when `line` (unindented) starts an invocation laid out here.
pub(super) fn starts(line: &str) -> bool {
    line.starts_with(MACRO)
}

/// Lays out the invocation that starts at `first`, taking further lines from `rest` until it closes; `None` (and
/// nothing taken beyond what was read) when it is not the expected shape.
pub(super) fn lay_out<'a>(first: &'a str, rest: &mut impl Iterator<Item = &'a str>) -> Option<String> {
    let mut text = first.to_owned();
    while !closed(&text) {
        text.push_str(rest.next()?);
    }
    let inner = text.trim_end().strip_prefix(MACRO)?.strip_suffix(");")?;
    let (name, body) = inner.split_once('{')?;
    let body = body.trim_end().strip_suffix('}')?;
    let entries: Vec<String> = split_entries(body).iter().map(|e| tidy_entry(e)).filter(|e| !e.is_empty()).collect();
    let name = name.trim();
    let one_line = format!("{MACRO}{name} {{ {} }});\n", entries.join(", "));
    if one_line.len() <= super::WIDTH + 1 {
        return Some(one_line);
    }
    let mut out = format!("{MACRO}{name} {{\n");
    for e in &entries {
        out.push_str(&format!("    {e},\n"));
    }
    out.push_str("});\n");
    Some(out)
}

/// True when the parentheses of the invocation in `text` are balanced (outside string literals).
fn closed(text: &str) -> bool {
    let mut depth = 0i32;
    for (c, in_string) in Chars::new(text) {
        match c {
            '(' | '{' if !in_string => depth += 1,
            ')' | '}' if !in_string => depth -= 1,
            _ => {}
        }
    }
    depth == 0 && text.trim_end().ends_with(");")
}

/// The entries of the body, split at commas outside string literals.
fn split_entries(body: &str) -> Vec<String> {
    let mut entries = vec![String::new()];
    for (c, in_string) in Chars::new(body) {
        if c == ',' && !in_string {
            entries.push(String::new());
        } else if let Some(last) = entries.last_mut() {
            last.push(c);
        }
    }
    entries
}

/// One entry with single spaces and `name: "wire"` (prettyplease writes `name : "wire"` across lines).
fn tidy_entry(entry: &str) -> String {
    let mut out = String::new();
    for (c, in_string) in Chars::new(entry.trim()) {
        match c {
            _ if in_string => out.push(c),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            ':' => {
                if out.ends_with(' ') {
                    out.pop();
                }
                out.push(':');
            }
            c => out.push(c),
        }
    }
    out
}

/// The characters of a text, each with whether it belongs to a string literal (`"..."` with `\` escapes, the
/// quotes included).
struct Chars<'a> {
    chars: std::str::Chars<'a>,
    in_string: bool,
    escaped: bool,
}

impl<'a> Chars<'a> {
    fn new(text: &'a str) -> Self {
        Chars { chars: text.chars(), in_string: false, escaped: false }
    }
}

impl Iterator for Chars<'_> {
    type Item = (char, bool);

    fn next(&mut self) -> Option<(char, bool)> {
        let c = self.chars.next()?;
        if !self.in_string {
            self.in_string = c == '"';
            return Some((c, self.in_string));
        }
        if self.escaped {
            self.escaped = false;
        } else if c == '\\' {
            self.escaped = true;
        } else if c == '"' {
            self.in_string = false;
        }
        Some((c, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laid(text: &str) -> String {
        let mut lines = text.split_inclusive('\n');
        let first = lines.next().unwrap_or_default();
        lay_out(first, &mut lines).unwrap_or_default()
    }

    #[test]
    fn short_invocations_stay_on_one_line() {
        assert_eq!(laid("json_object!(A { id : \"id\" });\n"), "json_object!(A { id: \"id\" });\n");
    }

    #[test]
    fn long_invocations_get_one_field_per_line_and_strings_are_kept() {
        let text = "json_object!(\n    Page { total : \"total\", next_page_url : \"next, page: url\" optional, from : \"from\"\n    \
                    optional, r#type : \"type\" tristate, a_rather_long_field_name : \"a-rather-long-field-name\" }\n);\n";
        assert_eq!(
            laid(text),
            "json_object!(Page {\n    total: \"total\",\n    next_page_url: \"next, page: url\" optional,\n    \
             from: \"from\" optional,\n    r#type: \"type\" tristate,\n    \
             a_rather_long_field_name: \"a-rather-long-field-name\",\n});\n"
        );
    }

    #[test]
    fn escaped_quotes_do_not_end_a_wire_name() {
        assert_eq!(laid("json_object!(A { q : \"a\\\"}, b\" });\n"), "json_object!(A { q: \"a\\\"}, b\" });\n");
    }
}

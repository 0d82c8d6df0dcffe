//! Lays out prettyplease's output as a person would: a blank line between items, and doc comments wrapped at
//! [`WIDTH`] columns with the summary in a paragraph of its own (prettyplease does neither).
//!
//! The text is read line by line with a small lexer that knows string and character literals and comments, so
//! nothing inside a literal ever changes. It relies on prettyplease's output shape: each item ends its own line
//! (with `;` or `}`), and a doc comment is a run of `///` (or `//!`) lines at one indentation.

mod lexer;
mod table;
mod wrap;

use lexer::Lexer;

/// The widest a doc comment line gets, indentation and `/// ` included.
pub const WIDTH: usize = 100;

/// Appends `text` to `out`, laid out.
pub fn tidy(text: &str, out: &mut String) {
    let mut lexer = Lexer::default();
    let mut ended: Option<Kind> = None;
    let mut lines = text.split_inclusive('\n').peekable();
    let mut run: Vec<&str> = Vec::new();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if !lexer.in_code() {
            ended = lexer.scan(line);
            out.push_str(line);
            continue;
        }
        if trimmed.trim_end().is_empty() {
            out.push_str(line);
            ended = None;
            continue;
        }
        if indent == 0 && table::starts(trimmed) {
            let mut ahead = lines.clone();
            if let Some(table) = table::lay_out(line, &mut ahead) {
                if ended.is_some() && lexer.in_container() {
                    out.push('\n');
                }
                out.push_str(&table);
                lines = ahead;
                ended = Some(Kind::Other);
                continue;
            }
        }
        let doc = doc_marker(trimmed);
        let kind = doc.map_or_else(
            // A gated `use` or `mod` line stays with its kind (`#[cfg(..)]` on a line of its own, then the item).
            || match trimmed.starts_with("#[cfg(") {
                true => gated_kind(trimmed, lines.clone()),
                false => Kind::of(trimmed),
            },
            |m| {
                if m == "//!" {
                    Kind::InnerDoc
                } else {
                    Kind::Other
                }
            },
        );
        if let Some(prev) = ended
            && lexer.in_container()
            && !trimmed.starts_with('}')
            && !(prev == kind && kind != Kind::Other)
        {
            out.push('\n');
        }
        match doc {
            Some(marker) => {
                let start = out.len();
                run.clear();
                run.push(doc_text(trimmed, marker));
                out.push_str(line);
                while let Some(next) = lines.peek() {
                    let t = next.trim_start_matches(' ');
                    if next.len() - t.len() != indent || doc_marker(t) != Some(marker) {
                        break;
                    }
                    run.push(doc_text(t, marker));
                    out.push_str(next);
                    lines.next();
                }
                let width = WIDTH
                    .saturating_sub(indent + marker.len() + 1)
                    .max(WIDTH / 2);
                if !wrap::settled(&run, width) {
                    out.truncate(start);
                    for l in wrap::wrap(&run, width) {
                        out.push_str(&line[..indent]);
                        out.push_str(marker);
                        if !l.is_empty() {
                            out.push(' ');
                            out.push_str(&l);
                        }
                        out.push('\n');
                    }
                }
                ended = (marker == "//!").then_some(Kind::InnerDoc);
            }
            None => {
                ended = lexer.scan(line);
                out.push_str(line);
            }
        }
    }
}

/// The kind of the item a `#[cfg(..)]` line gates: that of the first line after the attribute, which prettyplease
/// closes with a `)]` line of its own when it breaks it.
fn gated_kind<'a>(first: &str, mut rest: impl Iterator<Item = &'a str>) -> Kind {
    if !first.trim_end().ends_with(")]") {
        let indent = first.len() - first.trim_start_matches(' ').len();
        if !rest.any(|l| l.trim_end() == ")]" && l.len() - l.trim_start_matches(' ').len() == indent) {
            return Kind::Other;
        }
    }
    rest.next().map_or(Kind::Other, |next| Kind::of(next.trim_start_matches(' ')))
}

/// `///` or `//!` when the (unindented) line is a doc comment.
fn doc_marker(line: &str) -> Option<&'static str> {
    if line.starts_with("///") && !line.starts_with("////") {
        Some("///")
    } else if line.starts_with("//!") {
        Some("//!")
    } else {
        None
    }
}

/// The text of a doc comment line, without its marker, the space after it and the newline.
fn doc_text<'a>(line: &'a str, marker: &str) -> &'a str {
    let rest = line[marker.len()..].trim_end_matches(['\n', '\r']);
    rest.strip_prefix(' ').unwrap_or(rest)
}

/// What kind of item a line starts or ends: runs of `use` lines, `mod x;` lines, inner attributes and inner docs
/// stay together; every other item gets a blank line before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Use,
    ModDecl,
    InnerAttr,
    InnerDoc,
    Other,
}

impl Kind {
    /// The kind of the item a line of code starts.
    fn of(line: &str) -> Kind {
        if line.starts_with("#![") {
            return Kind::InnerAttr;
        }
        let rest = ["pub(crate) ", "pub(super) ", "pub "]
            .iter()
            .find_map(|p| line.strip_prefix(p))
            .unwrap_or(line);
        if rest.starts_with("use ") {
            Kind::Use
        } else if rest.starts_with("mod ") && rest.trim_end().ends_with(';') {
            Kind::ModDecl
        } else {
            Kind::Other
        }
    }
}

#[cfg(test)]
mod tests;

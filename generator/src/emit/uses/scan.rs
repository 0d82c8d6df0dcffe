//! Which names a file's printed code uses unqualified: a small lexer over prettyplease's output (comments,
//! string, character and number literals, raw identifiers) and the rules of [`super`] on the tokens it yields.
//!
//! An identifier counts when it stands on its own: not after `.` (fields, methods), not after `::` (paths' later
//! parts), not before a lone `:` or `=` (field and argument declarations, macro arms) and not a variant name in an
//! `enum` body; attributes on variants are skipped, and so is the table of a `json_object!` call (field names and
//! modes such as `nullable`). Tokens are compared with their neighbours inside the same bracket, as a token tree
//! would be.

use rustc_hash::FxHashSet as HashSet;

use super::FileScope;

/// The import names `text` uses, and whether it names a type of `types` it does not define itself.
pub(super) fn names(text: &str, scope: &FileScope) -> (HashSet<&'static str>, bool) {
    let mut found = Found { scope, seen: HashSet::default(), names_a_type: false };
    let mut frames = vec![Frame::new(Kind::Code)];
    for tok in (Lexer { text, at: 0 }) {
        if tok == Tok::Close {
            if let Some(mut done) = frames.pop() {
                done.settle(&mut found);
            }
            match frames.last_mut() {
                Some(outer) => outer.before = [None, None],
                // More closing than opening brackets: not Rust, but the scan goes on.
                None => frames.push(Frame::new(Kind::Code)),
            }
            continue;
        }
        let Some(frame) = frames.last_mut() else { break };
        let inner = match frame.kind {
            Kind::Code => frame.code(tok, &mut found),
            Kind::Variants => match tok {
                Tok::Punct(b',') => {
                    frame.at_start = true;
                    None
                }
                Tok::Ident(_) if frame.at_start => {
                    frame.at_start = false;
                    None
                }
                Tok::Open(b'[') => Some(Kind::Skip),
                Tok::Open(_) => Some(Kind::Code),
                _ => None,
            },
            Kind::Skip => matches!(tok, Tok::Open(_)).then_some(Kind::Skip),
        };
        if let Some(kind) = inner {
            frames.push(Frame::new(kind));
        }
    }
    for mut frame in frames {
        frame.settle(&mut found);
    }
    (found.seen, found.names_a_type)
}

/// What the scan has found so far.
struct Found<'s, 'a> {
    scope: &'s FileScope<'a>,
    seen: HashSet<&'static str>,
    names_a_type: bool,
}

impl Found<'_, '_> {
    fn note(&mut self, name: &str) {
        self.scope.note(name, &mut self.seen, &mut self.names_a_type);
    }
}

/// What the tokens inside a bracket are.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Code: identifiers are judged by their neighbours.
    Code,
    /// An `enum` body: variant names are definitions; payloads are code; attributes are skipped.
    Variants,
    /// An attribute on a variant: nothing counts.
    Skip,
}

/// The scan inside one bracket.
struct Frame<'t> {
    kind: Kind,
    /// The last two punctuation characters before the current token (since the last other token).
    before: [Option<u8>; 2],
    /// An identifier waiting for the two tokens after it, with its `before`.
    pending: Option<(&'t str, [Option<u8>; 2])>,
    /// The tokens after the pending identifier so far (`after_len` of them): a punctuation character, or `None`
    /// for anything else.
    after: [Option<u8>; 2],
    after_len: usize,
    /// 1 after `enum`, 2 after its name: the next brace holds variants.
    enum_state: u8,
    /// In [`Kind::Variants`]: the next identifier is a variant name.
    at_start: bool,
    /// 1 after `json_object`, 2 after its `!`: the next bracket is a table of field names and wire names.
    table_state: u8,
}

impl<'t> Frame<'t> {
    fn new(kind: Kind) -> Self {
        Frame {
            kind,
            before: [None, None],
            pending: None,
            after: [None, None],
            after_len: 0,
            enum_state: 0,
            at_start: true,
            table_state: 0,
        }
    }

    /// Takes one token of code; returns the kind of bracket it opens, if it opens one.
    fn code(&mut self, tok: Tok<'t>, found: &mut Found) -> Option<Kind> {
        self.enum_state = match (tok, self.enum_state) {
            (Tok::Ident("enum"), 0) => 1,
            (Tok::Ident(_), 1) => 2,
            (Tok::Open(b'{'), 2) => {
                self.settle(found);
                self.enum_state = 0;
                return Some(Kind::Variants);
            }
            _ => 0,
        };
        let table = self.table_state == 2 && matches!(tok, Tok::Open(_));
        self.table_state = match (tok, self.table_state) {
            (Tok::Ident("json_object"), _) => 1,
            (Tok::Punct(b'!'), 1) => 2,
            _ => 0,
        };
        if self.pending.is_some() {
            self.after[self.after_len] = match tok {
                Tok::Punct(c) => Some(c),
                _ => None,
            };
            self.after_len += 1;
            if self.after_len == 2 {
                self.settle(found);
            }
        }
        match tok {
            Tok::Ident(name) => {
                self.settle(found);
                self.pending = Some((name, self.before));
                self.before = [None, None];
            }
            // A `json_object!` table names fields and modes, never imports.
            Tok::Open(_) if table => {
                self.settle(found);
                return Some(Kind::Skip);
            }
            Tok::Open(_) => return Some(Kind::Code),
            Tok::Punct(c) => self.before = [self.before[1], Some(c)],
            Tok::Str(text) => {
                // A serde attribute naming a runtime function by path.
                if text == "nullable::deserialize" {
                    found.note("nullable");
                }
                self.before = [None, None];
            }
            Tok::Literal | Tok::Close => self.before = [None, None],
        }
        None
    }

    /// Decides on the pending identifier with the tokens seen after it.
    fn settle(&mut self, found: &mut Found) {
        if let Some((name, before)) = self.pending.take() {
            let after = (self.after[0], self.after[1]);
            let after_path = before == [Some(b':'), Some(b':')];
            let declared = matches!(after, (Some(b':'), c) if c != Some(b':'))
                || matches!(after, (Some(b'='), c) if c != Some(b'=') && c != Some(b'>'));
            // After `.` a name is a field or method; after `..` (struct update syntax) it is code again.
            let after_dot = before[1] == Some(b'.') && before[0] != Some(b'.');
            if !after_dot && !after_path && !declared {
                found.note(name);
            }
        }
        (self.after, self.after_len) = ([None, None], 0);
    }
}

/// A token of printed Rust, as far as the scan needs it.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Tok<'t> {
    Ident(&'t str),
    Punct(u8),
    /// `(`, `[` or `{`.
    Open(u8),
    /// `)`, `]` or `}`.
    Close,
    /// The contents of a plain string literal.
    Str(&'t str),
    /// Any other literal.
    Literal,
}

/// Splits printed Rust into [`Tok`]s, skipping whitespace and comments (doc comments included).
struct Lexer<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Iterator for Lexer<'t> {
    type Item = Tok<'t>;

    fn next(&mut self) -> Option<Tok<'t>> {
        let b = self.text.as_bytes();
        loop {
            match (*b.get(self.at)?, b.get(self.at + 1)) {
                (b' ' | b'\n' | b'\t' | b'\r', _) => self.at += 1,
                (b'/', Some(b'/')) => {
                    self.at = memchr::memchr(b'\n', &b[self.at..]).map_or(b.len(), |n| self.at + n + 1);
                }
                (b'/', Some(b'*')) => self.at = block_comment_end(b, self.at),
                _ => break,
            }
        }
        let start = self.at;
        let c = b[start];
        let tok = match c {
            b'"' => {
                let end = string_end(b, start + 1);
                self.at = end + 1;
                Tok::Str(self.text.get(start + 1..end).unwrap_or_default())
            }
            b'\'' => match char_literal_end(self.text, start) {
                Some(end) => {
                    self.at = end;
                    Tok::Literal
                }
                // A lifetime: its quote, then its name.
                None => {
                    self.at = start + 1;
                    Tok::Punct(b'\'')
                }
            },
            b'0'..=b'9' => {
                self.at = number_end(b, start);
                Tok::Literal
            }
            b'(' | b'[' | b'{' => {
                self.at = start + 1;
                Tok::Open(c)
            }
            b')' | b']' | b'}' => {
                self.at = start + 1;
                Tok::Close
            }
            c if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 => self.word(start),
            _ => {
                self.at = start + 1;
                Tok::Punct(c)
            }
        };
        Some(tok)
    }
}

impl<'t> Lexer<'t> {
    /// An identifier, or a literal that starts like one (`r"..."`, `r#"..."#`, `b"..."`, `b'x'`), or a raw
    /// identifier (`r#type`).
    fn word(&mut self, start: usize) -> Tok<'t> {
        let b = self.text.as_bytes();
        let end = ident_end(b, start);
        let word = &self.text[start..end];
        let next = b.get(end).copied();
        match (word, next) {
            ("r" | "br" | "cr", Some(b'"' | b'#')) => {
                let hashes = b[end..].iter().take_while(|&&c| c == b'#').count();
                if b.get(end + hashes) == Some(&b'"') {
                    self.at = raw_string_end(b, end + hashes + 1, hashes);
                    return Tok::Literal;
                }
                if word == "r" && hashes == 1 {
                    let raw_end = ident_end(b, end + 1);
                    self.at = raw_end;
                    return Tok::Ident(&self.text[start..raw_end]);
                }
            }
            ("b" | "c", Some(b'"')) => {
                self.at = string_end(b, end + 1) + 1;
                return Tok::Literal;
            }
            ("b", Some(b'\'')) => {
                self.at = char_literal_end(self.text, end).unwrap_or(end + 1);
                return Tok::Literal;
            }
            _ => {}
        }
        self.at = end;
        Tok::Ident(word)
    }
}

fn ident_end(b: &[u8], from: usize) -> usize {
    from + b[from..].iter().take_while(|&&c| c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80).count()
}

/// The index of the `"` closing a string whose contents start at `from`.
fn string_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    b.len()
}

/// The index after a raw string whose contents start at `from`, closed by `"` and `hashes` `#`s.
fn raw_string_end(b: &[u8], from: usize, hashes: usize) -> usize {
    let mut i = from;
    while i < b.len() {
        if b[i] == b'"' && b[i + 1..].iter().take(hashes).filter(|&&c| c == b'#').count() == hashes {
            return i + 1 + hashes;
        }
        i += 1;
    }
    b.len()
}

/// The index after the character literal whose `'` is at `start`, or `None` when that `'` begins a lifetime.
fn char_literal_end(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    if b.get(start + 1) == Some(&b'\\') {
        // The escaped character itself may be a quote (`'\''`), so the closing quote is searched after it.
        let close = b.get(start + 3..)?.iter().position(|&c| c == b'\'')?;
        return Some(start + 3 + close + 1);
    }
    let c = text.get(start + 1..)?.chars().next()?;
    let after = start + 1 + c.len_utf8();
    (b.get(after) == Some(&b'\'')).then_some(after + 1)
}

/// The index after a number literal starting at `from` (suffix and fraction included, not a `..` after it).
fn number_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            c if c == b'_' || c.is_ascii_alphanumeric() => i += 1,
            b'.' if b.get(i + 1).is_some_and(u8::is_ascii_digit) => i += 1,
            _ => break,
        }
    }
    i
}

/// The index after the (possibly nested) block comment starting at `from`.
fn block_comment_end(b: &[u8], from: usize) -> usize {
    let (mut depth, mut i) = (0usize, from);
    while i + 1 < b.len() {
        match (b[i], b[i + 1]) {
            (b'/', b'*') => (depth, i) = (depth + 1, i + 2),
            (b'*', b'/') => {
                (depth, i) = (depth - 1, i + 2);
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Tok<'_>> {
        Lexer { text, at: 0 }.collect()
    }

    #[test]
    fn literals_and_comments_are_single_tokens() {
        assert_eq!(
            toks("a /* b /* c */ */ 'x' '\\'' '\\n' 'é' r#\"q\"# \"s\\\"t\" b'y' 1.5f64 0..2 // d\n&'a r#type"),
            [
                Tok::Ident("a"),
                Tok::Literal,
                Tok::Literal,
                Tok::Literal,
                Tok::Literal,
                Tok::Literal,
                Tok::Str("s\\\"t"),
                Tok::Literal,
                Tok::Literal,
                Tok::Literal,
                Tok::Punct(b'.'),
                Tok::Punct(b'.'),
                Tok::Literal,
                Tok::Punct(b'&'),
                Tok::Punct(b'\''),
                Tok::Ident("a"),
                Tok::Ident("r#type"),
            ]
        );
    }

    #[test]
    fn struct_update_syntax_names_its_type() {
        let types: HashSet<&str> = ["Pet"].into_iter().collect();
        let scope = FileScope {
            depth: 1,
            types_glob: Some("types"),
            type_names: &types,
            own_types: HashSet::default(),
            own: &[],
        };
        assert!(names("let p = Q { a: 1, ..Pet::default() };", &scope).1);
        assert!(!names("let p = q.Pet;", &scope).1);
    }
}

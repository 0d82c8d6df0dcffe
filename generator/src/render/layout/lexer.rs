//! The lexer behind the layout: where string and character literals, comments and delimiters are, line by line,
//! and which blocks hold items (the file, `impl`, `trait`, `mod`) rather than fields, statements or tokens.

use super::Kind;

/// The first word of an item, as far as layout cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Word {
    /// `impl`, `trait`, `extern`: a block of items follows.
    Container,
    Mod,
    Use,
    Other,
}

/// One open delimiter.
#[derive(Clone, Copy, Debug)]
struct Frame {
    /// Whether items (rather than fields, statements or tokens) sit directly inside.
    container: bool,
    /// A brace (else a parenthesis or bracket).
    brace: bool,
    /// The bracket of an inner attribute (`#![..]`).
    inner_attr: bool,
    /// The first word of the item being read directly inside.
    word: Option<Word>,
}

/// Where the lexer is at a line break.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum State {
    #[default]
    Code,
    /// In a string literal; `Some(n)` for a raw string closed by `"` and `n` hashes.
    Str(Option<usize>),
    /// In a block comment, nested this deep.
    Comment(usize),
}

/// Tracks literals, comments and delimiters across lines.
#[derive(Debug)]
pub(super) struct Lexer {
    state: State,
    /// Open delimiters; the first frame is the file.
    frames: Vec<Frame>,
}

impl Default for Lexer {
    fn default() -> Self {
        Lexer {
            state: State::Code,
            frames: vec![Frame {
                container: true,
                brace: true,
                inner_attr: false,
                word: None,
            }],
        }
    }
}

impl Lexer {
    pub fn in_code(&self) -> bool {
        self.state == State::Code
    }

    pub fn in_container(&self) -> bool {
        self.frames.last().is_some_and(|f| f.container)
    }

    fn top(&mut self) -> &mut Frame {
        let last = self.frames.len() - 1;
        &mut self.frames[last]
    }

    /// Reads one line; returns the kind of item the line ends, if its last token ends one.
    pub fn scan(&mut self, line: &str) -> Option<Kind> {
        let b = line.as_bytes();
        let mut ended = None;
        // The two significant tokens before this one, for `#[` and `#![`.
        let (mut prev, mut prev2) = (0u8, 0u8);
        let mut i = 0;
        while i < b.len() {
            match self.state {
                State::Str(raw) => {
                    i = self.skip_string(b, i, raw);
                    continue;
                }
                State::Comment(depth) => {
                    if b[i..].starts_with(b"*/") {
                        self.state = if depth > 1 {
                            State::Comment(depth - 1)
                        } else {
                            State::Code
                        };
                        i += 2;
                    } else if b[i..].starts_with(b"/*") {
                        self.state = State::Comment(depth + 1);
                        i += 2;
                    } else {
                        i += 1;
                    }
                    continue;
                }
                State::Code => {}
            }
            let c = b[i];
            if c.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if b[i..].starts_with(b"//") {
                break;
            }
            if b[i..].starts_with(b"/*") {
                self.state = State::Comment(1);
                i += 2;
                continue;
            }
            let mut token = c;
            match c {
                b'"' => {
                    self.state = State::Str(None);
                    i += 1;
                }
                b'\'' => i = skip_quote(b, i),
                b'a'..=b'z' | b'A'..=b'Z' | b'_' | b'0'..=b'9' | 0x80.. => {
                    let start = i;
                    while i < b.len()
                        && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80)
                    {
                        i += 1;
                    }
                    let word = &line[start..i];
                    let next = b.get(i).copied();
                    if matches!(word, "r" | "br" | "cr") && matches!(next, Some(b'#' | b'"')) {
                        let hashes = b[i..].iter().take_while(|&&h| h == b'#').count();
                        if b.get(i + hashes) == Some(&b'"') {
                            self.state = State::Str(Some(hashes));
                            i += hashes + 1;
                            ended = None;
                            (prev2, prev) = (prev, b'"');
                            continue;
                        }
                    }
                    if matches!(word, "b" | "c") && next == Some(b'"') {
                        self.state = State::Str(None);
                        i += 1;
                        token = b'"';
                    } else if word == "b" && next == Some(b'\'') {
                        i = skip_quote(b, i);
                        token = b'\'';
                    } else {
                        self.word(word);
                        token = b'a';
                    }
                }
                b'{' => {
                    let top = *self.top();
                    let container =
                        top.brace && matches!(top.word, Some(Word::Container | Word::Mod));
                    self.frames.push(Frame {
                        container,
                        brace: true,
                        inner_attr: false,
                        word: None,
                    });
                    i += 1;
                }
                b'(' | b'[' => {
                    let inner_attr = c == b'[' && prev == b'!' && prev2 == b'#';
                    self.frames.push(Frame {
                        container: false,
                        brace: false,
                        inner_attr,
                        word: None,
                    });
                    i += 1;
                }
                b'}' | b')' | b']' => {
                    i += 1;
                    let closed = if self.frames.len() > 1 {
                        self.frames.pop()
                    } else {
                        None
                    };
                    // The braces of a use tree (`use a::{B, C};`) do not end the item; its `;` does.
                    if let Some(closed) = closed
                        && self.in_container()
                        && (closed.brace || closed.inner_attr)
                        && self.top().word != Some(Word::Use)
                    {
                        let kind = if closed.inner_attr {
                            Kind::InnerAttr
                        } else {
                            Kind::Other
                        };
                        self.top().word = None;
                        ended = Some(kind);
                        (prev2, prev) = (prev, c);
                        continue;
                    }
                }
                b';' => {
                    i += 1;
                    if self.in_container() {
                        let kind = match self.top().word {
                            Some(Word::Use) => Kind::Use,
                            Some(Word::Mod) => Kind::ModDecl,
                            _ => Kind::Other,
                        };
                        self.top().word = None;
                        ended = Some(kind);
                        (prev2, prev) = (prev, c);
                        continue;
                    }
                }
                _ => i += 1,
            }
            ended = None;
            (prev2, prev) = (prev, token);
        }
        ended
    }

    /// Notes a word read directly inside the innermost delimiter.
    fn word(&mut self, word: &str) {
        let top = self.top();
        if !top.brace || top.word.is_some() {
            return;
        }
        top.word = match word {
            "pub" | "unsafe" | "default" | "async" | "auto" => None,
            "impl" | "trait" | "extern" => Some(Word::Container),
            "mod" => Some(Word::Mod),
            "use" => Some(Word::Use),
            _ => Some(Word::Other),
        };
    }

    /// Skips string contents from `i`, leaving the string when it closes on this line.
    fn skip_string(&mut self, b: &[u8], mut i: usize, raw: Option<usize>) -> usize {
        while i < b.len() {
            match (b[i], raw) {
                (b'\\', None) => i += 2,
                (b'"', None) => {
                    self.state = State::Code;
                    return i + 1;
                }
                (b'"', Some(n))
                    if b[i + 1..].iter().take(n).filter(|&&h| h == b'#').count() == n =>
                {
                    self.state = State::Code;
                    return i + 1 + n;
                }
                _ => i += 1,
            }
        }
        i
    }
}

/// Skips a character literal (`'x'`, `'\n'`, `'\u{1F600}'`) or a lifetime's quote, from the quote at `i`.
fn skip_quote(b: &[u8], start: usize) -> usize {
    if b.get(start + 1) == Some(&b'\\') {
        let from = (start + 3).min(b.len());
        let close = b[from..].iter().position(|&c| c == b'\'');
        return close.map_or(b.len(), |p| from + p + 1);
    }
    // One character (of up to four UTF-8 bytes) and a closing quote make a literal; anything else is a lifetime.
    let len = match b.get(start + 1) {
        Some(&c) if c >= 0xF0 => 4,
        Some(&c) if c >= 0xE0 => 3,
        Some(&c) if c >= 0xC0 => 2,
        Some(_) => 1,
        None => return b.len(),
    };
    if b.get(start + 1 + len) == Some(&b'\'') {
        start + 2 + len
    } else {
        start + 1
    }
}

//! Wraps the lines of one doc comment (markdown) to a width: paragraphs and list items are refilled, code blocks,
//! headings, tables and quotes are kept as they are, and a long first paragraph gives up its first sentence as the
//! summary paragraph (rustdoc shows the first paragraph in item lists).
//!
//! Lines break only between words: never inside a word, a URL or a code span, and never where the next line would
//! start like a markdown block (`- `, `1. `, `#`, `>`), which would change what the text means.

/// A block of a doc comment.
enum Block<'a> {
    /// A line kept as it is (blank, fence, code, heading, table row, quote).
    Verbatim(&'a str),
    /// A paragraph or a list item: its first line's marker (`- `, `1. ` or nothing) and its words.
    Text {
        marker: &'a str,
        words: Vec<&'a str>,
    },
}

/// The lines of `lines` (one doc comment's text), wrapped to `width` characters.
pub fn wrap(lines: &[&str], width: usize) -> Vec<String> {
    let mut blocks = blocks(lines);
    split_summary(&mut blocks, width);
    let mut out = Vec::with_capacity(lines.len());
    for block in &blocks {
        match block {
            Block::Verbatim(line) => out.push((*line).to_owned()),
            Block::Text { marker, words } => fill(marker, words, &chunks(words), width, &mut out),
        }
    }
    out
}

/// Whether wrapping would leave the lines as they are (the common case, checked cheaply): every line fits and
/// has single spaces, and no two text lines follow each other, so there is nothing to join.
pub fn settled(lines: &[&str], width: usize) -> bool {
    let mut previous_blank = true;
    for line in lines {
        let blank = line.is_empty();
        if line.len() > width
            || line.contains("  ")
            || line.contains('\t')
            || !(blank || previous_blank)
        {
            return false;
        }
        previous_blank = blank;
    }
    true
}

/// Splits the lines into blocks: consecutive text lines join into one paragraph or list item.
fn blocks<'a>(lines: &[&'a str]) -> Vec<Block<'a>> {
    let mut blocks: Vec<Block<'a>> = Vec::new();
    let mut in_fence = false;
    // Whether the next text line continues the last block (no blank line, fence or hard break in between).
    let mut open = false;
    for &line in lines {
        let fence = line.starts_with("```") || line.starts_with("~~~");
        if in_fence || fence || verbatim(line) {
            in_fence ^= fence;
            blocks.push(Block::Verbatim(line));
            open = false;
            continue;
        }
        let marker = list_marker(line);
        let rest = &line[marker.len()..];
        let hard_break = rest.ends_with('\\') || rest.ends_with("<br>") || rest.ends_with("<br/>");
        match blocks.last_mut() {
            Some(Block::Text { words, .. }) if open && marker.is_empty() => {
                words.extend(rest.split_whitespace())
            }
            _ => blocks.push(Block::Text {
                marker,
                words: rest.split_whitespace().collect(),
            }),
        }
        open = !hard_break;
    }
    blocks
}

/// Lines that are not paragraph text: blank, indented (code or a continuation already laid out), headings, quotes,
/// table rows, HTML blocks, rules and setext underlines, link definitions.
fn verbatim(line: &str) -> bool {
    line.trim().is_empty()
        || line.starts_with([' ', '\t', '#', '>', '|', '<'])
        || (line.len() > 1
            && line
                .chars()
                .all(|c| matches!(c, '-' | '=' | '*' | '_' | ' ')))
        || (line.starts_with('[') && line.contains("]:"))
}

/// The list marker a line starts with (`- `, `* `, `+ `, `12. `, `3) `), or `""`.
fn list_marker(line: &str) -> &str {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return &line[..2];
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line.as_bytes()[digits..];
    if (1..=9).contains(&digits)
        && rest.len() >= 2
        && matches!(rest[0], b'.' | b')')
        && rest[1] == b' '
    {
        return &line[..digits + 2];
    }
    ""
}

/// Whether a word at the start of a line would make that line a markdown block of its own.
fn starts_block(word: &str) -> bool {
    matches!(word, "-" | "*" | "+")
        || word.starts_with(['#', '>', '|', '<', '='])
        || word.starts_with("```")
        || word.starts_with("~~~")
        || word.chars().all(|c| c == '-')
        || ordinal(word)
}

/// `1.` or `12)`: an ordered list marker.
fn ordinal(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    (1..=9).contains(&digits) && matches!(&word[digits..], "." | ")")
}

/// The unbreakable pieces of a paragraph, as ranges of its words: words, code spans with their spaces, and any
/// word that may not start a line glued to the one before it.
fn chunks(words: &[&str]) -> Vec<std::ops::Range<usize>> {
    let spans = code_spans(words);
    let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(words.len());
    let mut glue = false;
    for (i, (word, opens_or_inside)) in words.iter().zip(spans).enumerate() {
        match out.last_mut() {
            Some(last) if glue || starts_block(word) => last.end = i + 1,
            _ => out.push(i..i + 1),
        }
        glue = opens_or_inside;
    }
    out
}

/// For each word, whether a code span is open after it (so the next word belongs to the same span). Backtick
/// runs close only on a run of the same length; a span that never closes is plain text.
fn code_spans(words: &[&str]) -> Vec<bool> {
    let mut open_after = vec![false; words.len()];
    let mut open: Option<(usize, usize)> = None; // (run length, index of the opening word)
    for (i, word) in words.iter().enumerate() {
        let mut bytes = word.bytes().peekable();
        while let Some(b) = bytes.next() {
            if b != b'`' {
                continue;
            }
            let mut run = 1;
            while bytes.next_if_eq(&b'`').is_some() {
                run += 1;
            }
            open = match open {
                None => Some((run, i)),
                Some((n, _)) if n == run => None,
                still => still,
            };
        }
        open_after[i] = open.is_some();
    }
    if let Some((_, start)) = open {
        open_after[start..].fill(false);
    }
    open_after
}

/// Greedy fill: as many chunks per line as fit in `width` (a longer chunk gets a line of its own); lines after
/// the first are indented by the marker's width.
fn fill(
    marker: &str,
    words: &[&str],
    chunks: &[std::ops::Range<usize>],
    width: usize,
    out: &mut Vec<String>,
) {
    let indent = " ".repeat(marker.len());
    let mut line = String::with_capacity(width + 8);
    line.push_str(marker);
    let mut len = marker.len();
    let mut empty = true;
    for chunk in chunks {
        let words = &words[chunk.clone()];
        let n = words.iter().map(|w| w.chars().count()).sum::<usize>() + words.len() - 1;
        if !empty && len + 1 + n > width {
            out.push(std::mem::replace(
                &mut line,
                String::with_capacity(width + 8),
            ));
            line.push_str(&indent);
            len = indent.len();
            empty = true;
        }
        for word in words {
            if !empty {
                line.push(' ');
                len += 1;
            }
            line.push_str(word);
            empty = false;
        }
        len += n - (words.len() - 1);
    }
    line.truncate(line.trim_end().len());
    out.push(line);
}

/// When the first block is a paragraph too long for one line, its first sentence becomes a paragraph of its own.
fn split_summary(blocks: &mut Vec<Block<'_>>, width: usize) {
    let Some(Block::Text { marker: "", words }) = blocks.first() else {
        return;
    };
    let chars: usize = words.iter().map(|w| w.chars().count() + 1).sum();
    if chars <= width + 1 {
        return;
    }
    let spans = code_spans(words);
    let end = (0..words.len().saturating_sub(1))
        .find(|&i| !spans[i] && ends_sentence(words[i]) && starts_sentence(words[i + 1]));
    let Some(end) = end else { return };
    let Some(Block::Text { words, .. }) = blocks.first_mut() else {
        return;
    };
    let rest = words.split_off(end + 1);
    blocks.splice(
        1..1,
        [
            Block::Verbatim(""),
            Block::Text {
                marker: "",
                words: rest,
            },
        ],
    );
}

/// A word that ends a sentence: a full stop (or `!`, `?`) after a word that is not an abbreviation or an initial.
fn ends_sentence(word: &str) -> bool {
    let word = word.trim_end_matches(['"', '\'', ')', '*', '_']);
    let Some(stem) = word.strip_suffix(['.', '!', '?']) else {
        return false;
    };
    let bare = stem.trim_start_matches(['(', '"', '\'', '*', '_']);
    const ABBREVIATIONS: &[&str] = &[
        "e.g", "i.e", "etc", "vs", "cf", "approx", "incl", "resp", "no", "nr", "mr", "mrs", "ms",
        "dr", "st", "fig", "eg", "ie", "al", "min", "max", "ca",
    ];
    bare.chars().count() > 1
        && (stem.contains('`') || !bare.contains('.'))
        && !ABBREVIATIONS.contains(&bare.to_ascii_lowercase().as_str())
}

/// A word that can open a sentence: a capital letter or code.
fn starts_sentence(word: &str) -> bool {
    word.trim_start_matches(['"', '\'', '(', '*', '_'])
        .starts_with(|c: char| c.is_ascii_uppercase() || c == '`')
}

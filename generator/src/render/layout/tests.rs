//! Layout on prettyplease-shaped text: blank lines between items only, docs wrapped, literals untouched.

use super::{WIDTH, tidy};

fn laid_out(text: &str) -> String {
    let mut out = String::new();
    tidy(text, &mut out);
    out
}

#[test]
fn items_and_impl_members_get_a_blank_line_fields_and_statements_do_not() {
    let text = "#![allow(dead_code)]\n#![allow(unused)]\nuse a::b;\nuse c::{d, e};\nmod x;\nmod y;\n\
        /// A.\n#[derive(Debug)]\npub struct A {\n    /// Field.\n    pub a: u8,\n    pub b: u8,\n}\n\
        impl A {\n    const N: u8 = 1;\n    /// New.\n    pub fn new() -> Self {\n        let a = 1;\n        \
        let b = 2;\n        A { a, b }\n    }\n    fn f(\n        &self,\n    ) -> u8 {\n        1\n    }\n}\n\
        string_enum! {\n    X = \"x\";\n    Y = \"y\";\n}\npub enum E {\n    A { x: u8 },\n    B,\n}\n\
        pub type T = u8;\n";
    let expected = "#![allow(dead_code)]\n#![allow(unused)]\n\nuse a::b;\nuse c::{d, e};\n\nmod x;\nmod y;\n\n\
        /// A.\n#[derive(Debug)]\npub struct A {\n    /// Field.\n    pub a: u8,\n    pub b: u8,\n}\n\n\
        impl A {\n    const N: u8 = 1;\n\n    /// New.\n    pub fn new() -> Self {\n        let a = 1;\n        \
        let b = 2;\n        A { a, b }\n    }\n\n    fn f(\n        &self,\n    ) -> u8 {\n        1\n    }\n}\n\n\
        string_enum! {\n    X = \"x\";\n    Y = \"y\";\n}\n\npub enum E {\n    A { x: u8 },\n    B,\n}\n\n\
        pub type T = u8;\n";
    assert_eq!(laid_out(text), expected);
}

#[test]
fn literals_and_comments_are_never_touched() {
    let long = "word ".repeat(40);
    let text = format!(
        "const A: &str = \"{{\n/// {long}\n}}\";\nconst B: &str = r#\"\"{{\n/// x\"#;\nconst C: char = '{{';\n\
         const D: char = '\\'';\nfn f<'a>(x: &'a str) {{}}\n/* {{ */\nconst E: &str = \"\\\"{{\";\nconst F: u8 = 1;\n"
    );
    let out = laid_out(&text);
    assert!(out.contains(&format!("/// {long}\n")), "{out}");
    assert!(out.contains("/// x\"#;\n\nconst C"), "{out}");
    assert!(out.contains("'{';\n\nconst D"), "{out}");
    assert!(out.contains("'\\'';\n\nfn f"), "{out}");
    assert!(out.contains("{}\n\n/* { */\nconst E"), "{out}");
    assert!(out.ends_with("\"\\\"{\";\n\nconst F: u8 = 1;\n"), "{out}");
}

#[test]
fn docs_wrap_at_the_width_with_their_indentation() {
    let text = format!(
        "impl A {{\n    /// {}\n    fn f() {{}}\n}}\n",
        "Streams every item of `list_customers`, page by page. Each page is fetched only when the previous one is \
         consumed, with every other parameter kept; see https://example.com/a/very/long/url/that/is/kept/whole \
         and `a code span with spaces` too."
    );
    let out = laid_out(&text);
    let docs: Vec<&str> = out.lines().filter(|l| l.contains("///")).collect();
    assert_eq!(
        docs[0],
        "    /// Streams every item of `list_customers`, page by page."
    );
    assert_eq!(docs[1], "    ///");
    assert!(docs.iter().all(|l| l.len() <= WIDTH), "{out}");
    assert!(docs.len() > 4, "{out}");
    assert!(
        docs.iter().any(
            |l| l.ends_with("https://example.com/a/very/long/url/that/is/kept/whole")
                || l.contains(" https://example.com/a/very/long/url/that/is/kept/whole ")
        ),
        "{out}"
    );
    assert!(out.contains("`a code span with spaces`"), "{out}");
}

#[test]
fn lists_fences_and_tables_keep_their_shape() {
    let item = "an item that is long enough to need a second line once it is put behind its marker, really";
    let text = format!(
        "/// Short summary.\n///\n/// - {item}\n/// lazily continued\n/// 2. second\n///\n/// ```text\n/// {long}\n\
         /// ```\n/// | a | b |\n/// a value - b value that must not start a line with a dash, so the dash \
         stays - here\nstruct A;\n",
        long = "x ".repeat(60).trim_end()
    );
    let out = laid_out(&text);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "/// Short summary.");
    assert!(lines[2].starts_with("/// - an item"), "{out}");
    assert!(lines[3].starts_with("///   "), "{out}");
    assert!(out.contains("lazily continued\n/// 2. second\n"), "{out}");
    assert!(
        out.contains(&format!("/// {}\n", "x ".repeat(60).trim_end())),
        "{out}"
    );
    assert!(out.contains("/// | a | b |\n"), "{out}");
    assert!(
        !out.lines()
            .any(|l| l.starts_with("/// -") && l.contains("stays")),
        "{out}"
    );
}

#[test]
fn summaries_split_at_sentences_not_abbreviations() {
    let tail = "and then a second sentence that makes the paragraph longer than one line of the doc comment.";
    let split = laid_out(&format!(
        "/// First sentence (default 1). Then {tail}\nstruct A;\n"
    ));
    assert!(
        split.starts_with("/// First sentence (default 1).\n///\n/// Then"),
        "{split}"
    );
    let kept = laid_out(&format!(
        "/// Options, e.g. `x`. Also the value 1.5 is {tail}\nstruct A;\n"
    ));
    assert!(
        kept.starts_with("/// Options, e.g. `x`.\n///\n/// Also"),
        "{kept}"
    );
    let short = laid_out("/// One. Two.\nstruct A;\n");
    assert_eq!(short, "/// One. Two.\nstruct A;\n");
}

#[test]
fn gated_use_and_mod_lines_stay_together_and_gated_items_get_their_blank_line() {
    let text = "use a::b;\n#[cfg(feature = \"x\")]\nuse c::d;\n#[cfg(\n    any(\n        feature = \"x\",\n        \
        feature = \"y\"\n    )\n)]\nuse e::f;\nmod m;\n#[cfg(feature = \"x\")]\nmod n;\n#[cfg(feature = \"x\")]\n\
        pub struct S;\njson_object!(\n    S { a : \"a\" optional }\n);\n";
    let expected = "use a::b;\n#[cfg(feature = \"x\")]\nuse c::d;\n#[cfg(\n    any(\n        feature = \"x\",\n        \
        feature = \"y\"\n    )\n)]\nuse e::f;\n\nmod m;\n#[cfg(feature = \"x\")]\nmod n;\n\n#[cfg(feature = \"x\")]\n\
        pub struct S;\n\njson_object!(S { a: \"a\" optional });\n";
    assert_eq!(laid_out(text), expected);
}

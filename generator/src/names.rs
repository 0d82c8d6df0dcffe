//! Every identifier decision: case conversion, keywords, non-identifiers, prelude clashes and collisions.

use rustc_hash::FxHashSet as HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

mod variants;

pub use variants::{
    DEFAULT_VARIANT, ERROR_VARIANTS, FALLBACK_VARIANT, error_body_variant, integer_variant,
    range_variant, status_variant, union_variant,
};

/// Rust keywords of the 2024 edition, strict and reserved (including `gen`).
pub const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Type names that would shadow std prelude items or the generated crate's own items.
pub const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "Extend",
    "ToString",
    "ToOwned",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "AsRef",
    "AsMut",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "Debug",
    "Hash",
    "Client",
    "ClientBuilder",
    "Error",
    "Self",
    "ApiError",
    "ConfigError",
    "DecodeError",
    "DeletedError",
    "FieldError",
    "TimeoutError",
    "TransportError",
    "ValidationErrors",
    // Re-exported at the crate root beside the types when the spec moves files.
    "Download",
    "FilePart",
];

/// A snake_case field, parameter or method name. Names are bare in the IR: a keyword stays `type` (printed as
/// `r#type`, see [`is_raw`]); the few keywords that cannot be raw (`self`, `crate`, ...) get `_`.
pub fn snake(wire: &str) -> String {
    memoised(&SNAKE, wire, snake_uncached)
}

fn snake_uncached(wire: &str) -> String {
    let mut s = clean(wire).to_snake_case();
    if s.is_empty() {
        s = "field".to_owned();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    escape_keyword(s)
}

/// An UpperCamelCase type or variant name.
pub fn camel(wire: &str) -> String {
    let s = upper_camel(wire);
    if s == "Self" { "Self_".to_owned() } else { s }
}

/// A type name: UpperCamelCase, never a prelude or crate item name (nor `Self`).
pub fn type_name(wire: &str) -> String {
    let s = upper_camel(wire);
    if RESERVED_TYPES.contains(&s.as_str()) {
        format!("{s}Type")
    } else {
        s
    }
}

/// The type name for an inline type from its hint. Hints are joined from names this module already cased
/// (`Order` + `LineItems`), so one that is plain ASCII UpperCamelCase is used as it is instead of being re-cased.
pub fn hinted_type_name(hint: &str) -> String {
    let plain = hint.starts_with(|c: char| c.is_ascii_uppercase())
        && hint.bytes().all(|b| b.is_ascii_alphanumeric())
        && !RESERVED_TYPES.contains(&hint);
    if plain {
        hint.to_owned()
    } else {
        type_name(hint)
    }
}

fn upper_camel(wire: &str) -> String {
    memoised(&UPPER_CAMEL, wire, upper_camel_uncached)
}

type Memo = std::cell::RefCell<rustc_hash::FxHashMap<String, String>>;

thread_local! {
    /// Casing results, by input: large specs repeat the same property names thousands of times.
    static SNAKE: Memo = Memo::default();
    static UPPER_CAMEL: Memo = Memo::default();
}

/// `f(wire)`, computed once per thread and input (the memo is emptied when it grows past a bound).
fn memoised(
    memo: &'static std::thread::LocalKey<Memo>,
    wire: &str,
    f: fn(&str) -> String,
) -> String {
    const BOUND: usize = 1 << 16;
    memo.with_borrow_mut(|m| {
        if let Some(done) = m.get(wire) {
            return done.clone();
        }
        if m.len() >= BOUND {
            m.clear();
        }
        let s = f(wire);
        m.insert(wire.to_owned(), s.clone());
        s
    })
}

fn upper_camel_uncached(wire: &str) -> String {
    let mut s = clean(wire).to_upper_camel_case();
    if s.is_empty() {
        s = "Value".to_owned();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    s
}

/// Turns a word that is a keyword into a usable identifier.
fn escape_keyword(s: String) -> String {
    if NOT_RAW.contains(&s.as_str()) || s == "_" {
        format!("{s}_")
    } else {
        s
    }
}

/// Whether a bare name must be printed as a raw identifier (`r#type`).
pub fn is_raw(name: &str) -> bool {
    KEYWORDS.contains(&name) && !NOT_RAW.contains(&name)
}

/// Keeps ASCII letters and digits, turning every other character into a word break (`@type` -> `type`).
/// A leading sign is spelled out (`-1` -> `minus 1`); names made only of symbols are spelled out entirely.
fn clean(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len());
    for c in wire.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if matches!(c, '+' | '-') && !out.chars().any(|c| c.is_ascii_alphanumeric()) {
            out.push_str(symbol_word(c));
            out.push(' ');
        } else {
            out.push(' ');
        }
    }
    if !out.chars().any(|c| c.is_ascii_digit()) && !wire.chars().any(|c| c.is_ascii_alphanumeric())
    {
        return wire
            .chars()
            .map(symbol_word)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    out
}

fn symbol_word(c: char) -> &'static str {
    match c {
        '+' => "plus",
        '-' => "minus",
        '*' => "star",
        '=' => "eq",
        '<' => "lt",
        '>' => "gt",
        '!' => "not",
        '.' => "dot",
        '/' => "slash",
        '@' => "at",
        '#' => "hash",
        '$' => "dollar",
        '%' => "percent",
        '&' => "and",
        '|' => "or",
        '~' => "tilde",
        _ => "",
    }
}

/// The namespace of a split crate's module names (`types/<name>.rs`, `client/<name>.rs`), with the names a module
/// cannot take already claimed: the crate's own modules, which the split modules import, and the crates the
/// generated code names (a module glob-imported beside `serde` would make `serde::..` ambiguous).
pub fn module_names() -> Namespace {
    let mut taken: Vec<String> = ["std", "core", "alloc", "runtime", "types", "client", "error", "mock"]
        .map(str::to_owned)
        .to_vec();
    taken.extend(
        crate::runtime::DEPENDENCIES
            .lines()
            .filter_map(|line| line.split_once(" = "))
            .map(|(name, _)| name.trim().replace('-', "_")),
    );
    Namespace {
        taken: taken.into_iter().collect(),
    }
}

/// Hands out unique names within one namespace, suffixing `2`, `3`, ... on collision.
#[derive(Clone, Debug, Default)]
pub struct Namespace {
    taken: HashSet<String>,
}

impl Namespace {
    /// A namespace in which `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Namespace {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Claims `wanted`, or the first free `wanted2`, `wanted3`, ...
    pub fn claim(&mut self, wanted: &str) -> String {
        if self.taken.insert(wanted.to_owned()) {
            return wanted.to_owned();
        }
        // `type` -> `type2`, `Self_` -> `Self2` (an underscore before a digit breaks camel case).
        let base = wanted.trim_end_matches('_');
        (2..)
            .map(|i| format!("{base}{i}"))
            .find(|c| self.taken.insert(c.clone()))
            .unwrap_or_else(|| wanted.to_owned())
    }

    /// True when the name is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_already_cased_are_kept_and_others_are_cased() {
        assert_eq!(hinted_type_name("OrderLineItems"), "OrderLineItems");
        assert_eq!(hinted_type_name("Order2Items"), "Order2Items");
        assert_eq!(hinted_type_name("Option"), "OptionType");
        assert_eq!(hinted_type_name("order line_items"), "OrderLineItems");
        assert_eq!(hinted_type_name("OrderSelf_"), type_name("OrderSelf_"));
        // Memoised casing gives the same answer the second time.
        assert_eq!(snake("HTTPServer"), snake("HTTPServer"));
        assert_eq!(snake("HTTPServer"), "http_server");
    }

    #[test]
    fn every_keyword_is_escaped() {
        for kw in KEYWORDS {
            let s = snake(kw);
            assert!(is_raw(&s) || s.ends_with('_'), "{kw} -> {s}");
            let printed = if is_raw(&s) { format!("r#{s}") } else { s.clone() };
            assert!(syn::parse_str::<syn::Ident>(&printed).is_ok(), "{kw} -> {printed}");
            let t = type_name(kw);
            assert!(syn::parse_str::<syn::Ident>(&t).is_ok(), "{kw} -> {t}");
        }
    }

    #[test]
    fn non_identifiers() {
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(snake("x-rate-limit"), "x_rate_limit");
        assert_eq!(snake("@type"), "type");
        assert_eq!(snake("keywords[]"), "keywords");
        assert_eq!(camel("+1"), "Plus1");
        assert_eq!(camel("-1"), "Minus1");
        assert_eq!(camel("application/json"), "ApplicationJson");
        assert_eq!(type_name("Option"), "OptionType");
        assert_eq!(type_name("Self"), "SelfType");
        assert_eq!(camel("Self"), "Self_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(camel(""), "Value");
    }

    #[test]
    fn collisions_get_suffixes() {
        let mut ns = Namespace::default();
        assert_eq!(ns.claim("Foo"), "Foo");
        assert_eq!(ns.claim("Foo"), "Foo2");
        assert_eq!(ns.claim("Foo"), "Foo3");
        assert_eq!(ns.claim("type"), "type");
        assert_eq!(ns.claim("type"), "type2");
        assert_eq!(ns.claim("Self_"), "Self_");
        assert_eq!(ns.claim("Self_"), "Self2");
    }
    /// Claims each wire name's Rust form in one namespace, as lowering does for one scope.
    fn claim_all(ns: &mut Namespace, make: fn(&str) -> String, wires: &[&str]) -> Vec<String> {
        wires.iter().map(|w| ns.claim(&make(w))).collect()
    }

    #[test]
    fn fields_that_case_alike_stay_apart() {
        let mut ns = Namespace::default();
        let wires = ["userId", "user_id", "user-id", "UserID", "2fa", "_2fa", "", "_", "self", "type", "@type"];
        let fields = claim_all(&mut ns, snake, &wires);
        assert_eq!(
            fields,
            [
                "user_id", "user_id2", "user_id3", "user_id4", "_2fa", "_2fa2", "field", "field2", "self_",
                "type", "type2"
            ]
        );
        // The struct's own extra field is claimed after the properties, so a property keeps its name.
        assert_eq!(ns.claim("additional_properties"), "additional_properties");
        for f in &fields {
            let printed = if is_raw(f) { format!("r#{f}") } else { f.clone() };
            assert!(syn::parse_str::<syn::Ident>(&printed).is_ok(), "{f}");
        }
    }

    #[test]
    fn variants_and_types_that_case_alike_stay_apart() {
        let mut ns = Namespace::with_reserved(&[FALLBACK_VARIANT]);
        let wires = ["active", "ACTIVE", "Active", "unknown", "Self", "self", "1", "", "+", "-"];
        let variants = claim_all(&mut ns, camel, &wires);
        assert_eq!(
            variants,
            ["Active", "Active2", "Active3", "Unknown2", "Self_", "Self2", "V1", "Value", "Plus", "Minus"]
        );
        let mut types = Namespace::with_reserved(RESERVED_TYPES);
        let names = claim_all(&mut types, type_name, &["Error", "error", "Self", "Option", "OptionType", "404", ""]);
        assert_eq!(names, ["ErrorType", "ErrorType2", "SelfType", "OptionType", "OptionType2", "V404", "Value"]);
    }

    #[test]
    fn two_statuses_never_share_a_variant() {
        let mut ns = Namespace::default();
        // An unknown code is spelled with its number, so it cannot meet a reason phrase or another code.
        let names: Vec<String> = [200, 299, 404, 499, 599].into_iter().map(|c| ns.claim(&status_variant(c))).collect();
        assert_eq!(names, ["Ok", "Status299", "NotFound", "Status499", "Status599"]);
    }

    #[test]
    fn methods_never_take_a_reserved_name() {
        let mut ns = Namespace::with_reserved(&["builder", "new"]);
        let methods = claim_all(&mut ns, snake, &["builder", "new", "New", "getUser", "get_user", "fn"]);
        assert_eq!(methods, ["builder2", "new2", "new3", "get_user", "get_user2", "fn"]);
        assert!(ns.contains("builder") && ns.contains("fn"));
    }
}

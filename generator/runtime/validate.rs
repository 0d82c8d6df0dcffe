//! Client-side checks of the spec's constraints; generated `validate()` methods call these and report every violation.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use regex::Regex;

use super::errors::{FieldError, ValidationErrors};

/// Collects violations while a request is checked.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

/// Joins a parent path and a field name (`address` + `zip` = `address.zip`).
pub fn join(parent: &str, field: &str) -> String {
    if parent.is_empty() { field.to_owned() } else { format!("{parent}.{field}") }
}

/// The path of an array item (`cc_emails[1]`).
pub fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

impl Validator {
    /// An empty validator.
    pub fn new() -> Self {
        Validator::default()
    }

    /// Records a violation.
    pub fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError { field: field.to_owned(), message: message.into() });
    }

    /// Ok when nothing was recorded.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.errors.is_empty() { Ok(()) } else { Err(ValidationErrors { errors: self.errors }) }
    }

    /// `minLength` / `maxLength`, counted in characters as JSON Schema does.
    pub fn length(&mut self, field: &str, value: &str, min: Option<u64>, max: Option<u64>) {
        let n = value.chars().count() as u64;
        if let Some(min) = min.filter(|m| n < *m) {
            self.fail(field, format!("must be at least {min} characters long"));
        }
        if let Some(max) = max.filter(|m| n > *m) {
            self.fail(field, format!("must be at most {max} characters long"));
        }
    }

    /// `minItems` / `maxItems`.
    pub fn items(&mut self, field: &str, len: usize, min: Option<u64>, max: Option<u64>) {
        let n = len as u64;
        if let Some(min) = min.filter(|m| n < *m) {
            self.fail(field, format!("must have at least {min} items"));
        }
        if let Some(max) = max.filter(|m| n > *m) {
            self.fail(field, format!("must have at most {max} items"));
        }
    }

    /// `minimum` / `maximum` (inclusive or exclusive).
    pub fn range(&mut self, field: &str, value: f64, min: Option<(f64, bool)>, max: Option<(f64, bool)>) {
        if let Some((m, exclusive)) = min
            && (value < m || (exclusive && value == m))
        {
            self.fail(field, format!("must be {} {m}", if exclusive { "greater than" } else { "at least" }));
        }
        if let Some((m, exclusive)) = max
            && (value > m || (exclusive && value == m))
        {
            self.fail(field, format!("must be {} {m}", if exclusive { "less than" } else { "at most" }));
        }
    }

    /// `pattern` (ECMA-262 patterns that the `regex` crate accepts; the generator drops the others with a warning).
    pub fn pattern(&mut self, field: &str, value: &str, pattern: &'static str) {
        if !matches_pattern(value, pattern) {
            self.fail(field, format!("must match the pattern {pattern}"));
        }
    }

    /// `format: email`: one `@`, a non-empty local part, a dotted domain, no spaces.
    pub fn email(&mut self, field: &str, value: &str) {
        if !is_email(value) {
            self.fail(field, "must be a valid email address");
        }
    }

    /// An enum value the spec does not list (kept by the fallback variant) is refused.
    pub fn known(&mut self, field: &str, known: bool) {
        if !known {
            self.fail(field, "is not one of the allowed values");
        }
    }

    /// `enum` on a field kept as a plain string.
    /// `allowed` is sorted (the generator sorts it), so membership is a binary search.
    pub fn one_of(&mut self, field: &str, value: &str, allowed: &[&str]) {
        if allowed.binary_search(&value).is_err() {
            self.fail(field, "is not one of the allowed values");
        }
    }

    /// `anyOf` of `required` lists: at least one of the named fields must be present.
    pub fn any_present(&mut self, parent: &str, present: &[(&str, bool)]) {
        if !present.iter().any(|(_, p)| *p) {
            let names = present.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
            self.fail(if parent.is_empty() { "(body)" } else { parent }, format!("at least one of {names} is required"));
        }
    }
}

/// True for a plausible email address (the same rule as HTML's `input type=email`, without IP literals).
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else { return false };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local.chars().all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

fn matches_pattern(value: &str, pattern: &'static str) -> bool {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Option<Regex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    match cache.entry(pattern).or_insert_with(|| Regex::new(pattern).ok()) {
        Some(re) => re.is_match(value),
        None => true,
    }
}

/// The `validate()` method of a generated type, from its `validate_at`: at the root path for a body or value
/// type, or without a path for a parameters struct (`validate_method!(params)`). Keeps generated code small.
#[allow(unused_macros)]
macro_rules! validate_method {
    () => {
        /// Checks every constraint of the spec; all violations are reported, named by field.
        pub fn validate(&self) -> Result<(), super::runtime::errors::ValidationErrors> {
            let mut v = super::runtime::validate::Validator::new();
            self.validate_at(&mut v, "");
            v.finish()
        }
    };
    (params) => {
        /// Checks every constraint of the spec; all violations are reported, named by parameter.
        pub fn validate(&self) -> Result<(), super::runtime::errors::ValidationErrors> {
            let mut v = super::runtime::validate::Validator::new();
            self.validate_at(&mut v);
            v.finish()
        }
    };
}

#[allow(unused_imports)]
pub(crate) use validate_method;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_violation() {
        let mut v = Validator::new();
        v.email("email", "not-an-email");
        v.length("address_state", "FLA", None, Some(2));
        v.pattern("phone", "12", "^[0-9]{10,15}$");
        v.one_of("address_country", "XYZ", &["GBR", "USA"]);
        let errs = v.finish().unwrap_err();
        let fields: Vec<_> = errs.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["email", "address_state", "phone", "address_country"]);
    }

    #[test]
    fn emails() {
        assert!(is_email("demo@abc.com") && is_email("a.b+c@x-y.example.org"));
        for bad in ["", "a@", "@b.com", "a b@c.com", "a@b", "a@-b.com", "a@@b.com"] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}

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
    pub fn finish(&mut self) -> Result<(), ValidationErrors> {
        let errors = std::mem::take(&mut self.errors);
        if errors.is_empty() { Ok(()) } else { Err(ValidationErrors { errors }) }
    }

    /// `minLength`, counted in characters as JSON Schema does.
    pub fn min_length(&mut self, field: &str, value: &str, min: u64) {
        if (value.chars().count() as u64) < min {
            self.fail(field, format!("must be at least {min} characters long"));
        }
    }

    /// `maxLength`, counted in characters as JSON Schema does.
    pub fn max_length(&mut self, field: &str, value: &str, max: u64) {
        if value.chars().count() as u64 > max {
            self.fail(field, format!("must be at most {max} characters long"));
        }
    }

    /// `minItems`.
    pub fn min_items(&mut self, field: &str, len: usize, min: u64) {
        if (len as u64) < min {
            self.fail(field, format!("must have at least {min} items"));
        }
    }

    /// `maxItems`.
    pub fn max_items(&mut self, field: &str, len: usize, max: u64) {
        if len as u64 > max {
            self.fail(field, format!("must have at most {max} items"));
        }
    }

    /// `minimum` (inclusive).
    pub fn minimum(&mut self, field: &str, value: impl Number, min: f64) {
        if value.as_f64() < min {
            self.fail(field, format!("must be at least {min}"));
        }
    }

    /// `exclusiveMinimum`.
    pub fn exclusive_minimum(&mut self, field: &str, value: impl Number, min: f64) {
        if value.as_f64() <= min {
            self.fail(field, format!("must be greater than {min}"));
        }
    }

    /// `maximum` (inclusive).
    pub fn maximum(&mut self, field: &str, value: impl Number, max: f64) {
        if value.as_f64() > max {
            self.fail(field, format!("must be at most {max}"));
        }
    }

    /// `exclusiveMaximum`.
    pub fn exclusive_maximum(&mut self, field: &str, value: impl Number, max: f64) {
        if value.as_f64() >= max {
            self.fail(field, format!("must be less than {max}"));
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

/// A number a bound is checked on, by value or by reference.
pub trait Number {
    /// The value as an `f64` (64-bit integers beyond 2^53 round, as JSON Schema bounds do).
    fn as_f64(&self) -> f64;
}

impl Number for i32 {
    fn as_f64(&self) -> f64 {
        f64::from(*self)
    }
}

impl Number for i64 {
    fn as_f64(&self) -> f64 {
        *self as f64
    }
}

impl Number for f32 {
    fn as_f64(&self) -> f64 {
        f64::from(*self)
    }
}

impl Number for f64 {
    fn as_f64(&self) -> f64 {
        *self
    }
}

impl<T: Number> Number for &T {
    fn as_f64(&self) -> f64 {
        (**self).as_f64()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_violation() {
        let mut v = Validator::new();
        v.email("email", "not-an-email");
        v.max_length("address_state", "FLA", 2);
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

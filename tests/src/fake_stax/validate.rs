//! Laravel-style validation of customer create/update bodies for the fake Stax server.
//!
//! Produces the real API's 422 body shape: a JSON object mapping each failing field (or
//! `field.N` for array elements) to an array of messages, in rule order. Messages use the
//! legacy Laravel wording ("may not be greater than") that matches the era of the docs.
//! Like Laravel, every field is nullable and non-implicit rules are skipped for `""`.

use super::store::IDENTITY_FIELDS;
use serde_json::{Map, Value};

/// How a string field is checked beyond its maximum length.
#[derive(Clone, Copy)]
enum Format {
    Plain,
    Email,
    Phone,
    Country,
}

/// String fields with their maximum length (in characters) and format rule, in rule order.
const STRING_RULES: &[(&str, usize, Format)] = &[
    ("firstname", 255, Format::Plain),
    ("lastname", 255, Format::Plain),
    ("email", 255, Format::Email),
    ("company", 255, Format::Plain),
    ("phone", 15, Format::Phone),
    ("address_1", 255, Format::Plain),
    ("address_2", 255, Format::Plain),
    ("address_city", 255, Format::Plain),
    ("address_state", 2, Format::Plain),
    ("address_zip", 16, Format::Plain),
    ("address_country", 3, Format::Country),
    ("notes", 21_844, Format::Plain),
    ("reference", 255, Format::Plain),
];

type Errors = Map<String, Value>;

fn push(errors: &mut Errors, key: &str, message: String) {
    let entry = errors
        .entry(key.to_owned())
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(messages) = entry {
        messages.push(Value::String(message));
    }
}

/// True when `value` counts as "present" for Laravel's `required_*` rules.
pub(crate) fn is_filled(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => true,
    }
}

/// Validates the keys present in `input`. When `identity_missing` is true the four
/// "required when none of ... are present" messages are added (the caller decides, since
/// for updates it depends on the merged record). Returns the 422 body, or `None` if valid.
pub(crate) fn validate(input: &Map<String, Value>, identity_missing: bool) -> Option<Value> {
    let mut errors = Errors::new();
    for &(field, max, format) in STRING_RULES {
        if identity_missing && IDENTITY_FIELDS.contains(&field) {
            let others: Vec<&str> = IDENTITY_FIELDS
                .iter()
                .copied()
                .filter(|other| *other != field)
                .collect();
            let message = format!(
                "The {field} field is required when none of {} are present.",
                others.join(" / ")
            );
            push(&mut errors, field, message);
            continue;
        }
        if let Some(value) = input.get(field) {
            check_string(&mut errors, field, value, max, format);
        }
    }
    check_array(&mut errors, input, "files", |key, item| match item {
        // There is no file store in the fake, so no file id can exist.
        Value::String(_) => Some(format!("The selected {key} is invalid.")),
        _ => Some(format!("The {key} must be a string.")),
    });
    check_array(&mut errors, input, "cc_emails", |key, item| {
        element_error(key, item, 255, Format::Email)
    });
    check_array(&mut errors, input, "cc_sms", |key, item| {
        element_error(key, item, 15, Format::Phone)
    });
    match input.get("allow_invoice_credit_card_payments") {
        None | Some(Value::Null | Value::Bool(_)) => {}
        Some(_) => push(
            &mut errors,
            "allow_invoice_credit_card_payments",
            "The allow_invoice_credit_card_payments field must be true or false.".into(),
        ),
    }
    // `options` is an object in current docs and a string in legacy examples.
    if let Some(Value::Number(_) | Value::Bool(_)) = input.get("options") {
        push(
            &mut errors,
            "options",
            "The options must be an array.".into(),
        );
    }
    (!errors.is_empty()).then_some(Value::Object(errors))
}

fn check_string(errors: &mut Errors, key: &str, value: &Value, max: usize, format: Format) {
    match value {
        Value::Null => {}
        Value::String(s) if s.is_empty() => {}
        Value::String(s) => {
            if let Some(message) = string_error(key, s, max, format) {
                push(errors, key, message);
            }
        }
        _ => push(errors, key, format!("The {key} must be a string.")),
    }
}

/// The first failing rule for a non-empty string, if any.
fn string_error(key: &str, s: &str, max: usize, format: Format) -> Option<String> {
    match format {
        Format::Email if !is_email(s) => Some(format!("The {key} must be a valid email address.")),
        Format::Phone if !is_phone(s) => Some(format!("The {key} format is invalid.")),
        Format::Country if !is_country(s) => Some(format!("The {key} format is invalid.")),
        _ if s.chars().count() > max => Some(format!(
            "The {key} may not be greater than {max} characters."
        )),
        _ => None,
    }
}

fn element_error(key: &str, item: &Value, max: usize, format: Format) -> Option<String> {
    match item {
        Value::String(s) => string_error(key, s, max, format),
        _ => Some(format!("The {key} must be a string.")),
    }
}

/// Checks an optional nullable array field and each of its elements (`field.N` keys).
fn check_array(
    errors: &mut Errors,
    input: &Map<String, Value>,
    field: &str,
    element: impl Fn(&str, &Value) -> Option<String>,
) {
    match input.get(field) {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                let key = format!("{field}.{index}");
                if let Some(message) = element(&key, item) {
                    push(errors, &key, message);
                }
            }
        }
        Some(_) => push(errors, field, format!("The {field} must be an array.")),
    }
}

/// A deliberately simple email check: `local@domain.tld`, no whitespace.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !s.chars().any(char::is_whitespace)
}

/// 10 to 15 ASCII digits (the documented `/[0-9]{10,15}/`, applied to the whole value).
fn is_phone(s: &str) -> bool {
    (10..=15).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// An ISO 3166-1 alpha-3 shaped code: exactly three uppercase ASCII letters.
fn is_country(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

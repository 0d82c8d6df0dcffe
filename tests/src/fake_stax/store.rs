//! In-memory state of the fake Stax server: customers, payment methods, ids and a fake clock.
//!
//! Customers are kept in creation order in a `Vec` (linear lookups are fine for tests). Ids look
//! like UUID v4 values but come from a counter (`00000000-0000-4000-8000-000000000001`, ...).
//! Timestamps come from a fake clock that starts at `2024-01-01 00:00:00` (UTC, like the real
//! API) and advances one second per write, so `updated_at` always changes on a write.

use serde_json::{Map, Value};
use std::collections::HashMap;

/// Request fields that are stored on the customer record, in response key order.
/// (`files` is accepted and validated but is write-only, so it is not listed here.)
pub(crate) const WRITABLE_FIELDS: &[&str] = &[
    "firstname",
    "lastname",
    "company",
    "email",
    "cc_emails",
    "cc_sms",
    "phone",
    "address_1",
    "address_2",
    "address_city",
    "address_state",
    "address_zip",
    "address_country",
    "notes",
    "reference",
    "options",
    "allow_invoice_credit_card_payments",
];

/// At least one of these must be non-empty on every customer.
pub(crate) const IDENTITY_FIELDS: [&str; 4] = ["firstname", "lastname", "email", "company"];

/// Fields that make up an address, used for `has_address`.
const ADDRESS_FIELDS: &[&str] = &[
    "address_1",
    "address_2",
    "address_city",
    "address_state",
    "address_zip",
    "address_country",
];

/// The mutable state behind the fake server's mutex.
#[derive(Default)]
pub(crate) struct Store {
    customers: Vec<Value>,
    payment_methods: HashMap<String, Vec<Value>>,
    next_id: u64,
    clock: u64,
}

impl Store {
    /// A fresh UUID-looking id not used by any stored customer.
    fn new_id(&mut self) -> String {
        loop {
            self.next_id += 1;
            let id = format!("00000000-0000-4000-8000-{:012x}", self.next_id);
            if self.get(&id).is_none() {
                return id;
            }
        }
    }

    /// Advances the fake clock by one second and returns the new time.
    fn tick(&mut self) -> Value {
        self.clock += 1;
        Value::String(timestamp(self.clock))
    }

    /// All customers (including soft-deleted ones) in creation order.
    pub(crate) fn customers(&self) -> &[Value] {
        &self.customers
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Value> {
        self.customers.iter().find(|c| c["id"].as_str() == Some(id))
    }

    fn get_mut(&mut self, id: &str) -> Option<&mut Map<String, Value>> {
        self.customers
            .iter_mut()
            .find(|c| c["id"].as_str() == Some(id))
            .and_then(Value::as_object_mut)
    }

    /// Creates a customer from already validated input and returns the stored record.
    pub(crate) fn create(&mut self, input: &Map<String, Value>) -> Value {
        let mut record = Map::new();
        record.insert("id".into(), Value::String(self.new_id()));
        for &field in WRITABLE_FIELDS {
            let value = input.get(field).cloned().unwrap_or(Value::Null);
            record.insert(field.into(), normalize(field, value));
        }
        let now = self.tick();
        record.insert("created_at".into(), now.clone());
        record.insert("updated_at".into(), now);
        record.insert("deleted_at".into(), Value::Null);
        refresh_derived(&mut record);
        let record = Value::Object(record);
        self.customers.push(record.clone());
        record
    }

    /// Applies the writable keys present in `input` to customer `id`, bumping `updated_at`.
    pub(crate) fn update(&mut self, id: &str, input: &Map<String, Value>) -> Option<Value> {
        let now = self.tick();
        let record = self.get_mut(id)?;
        for &field in WRITABLE_FIELDS {
            if let Some(value) = input.get(field) {
                record.insert(field.into(), normalize(field, value.clone()));
            }
        }
        record.insert("updated_at".into(), now);
        refresh_derived(record);
        Some(Value::Object(record.clone()))
    }

    /// Soft-deletes customer `id` (no-op when already deleted) and returns the record.
    pub(crate) fn soft_delete(&mut self, id: &str) -> Option<Value> {
        let already_deleted = !self.get(id)?["deleted_at"].is_null();
        if already_deleted {
            return self.get(id).cloned();
        }
        let now = self.tick();
        let record = self.get_mut(id)?;
        // Laravel's SoftDeletes also touches updated_at.
        record.insert("deleted_at".into(), now.clone());
        record.insert("updated_at".into(), now);
        Some(Value::Object(record.clone()))
    }

    /// Stores a record as given, filling in whatever a real record would have.
    pub(crate) fn seed(&mut self, record: Value) -> String {
        let Value::Object(mut record) = record else {
            panic!("FakeStax::insert_customer expects a JSON object, got {record}");
        };
        let id = match record.get("id").and_then(Value::as_str) {
            Some(id) => id.to_owned(),
            None => self.new_id(),
        };
        assert!(
            self.get(&id).is_none(),
            "FakeStax: customer {id} already exists"
        );
        record.insert("id".into(), Value::String(id.clone()));
        for &field in WRITABLE_FIELDS {
            if !record.contains_key(field) {
                record.insert(field.into(), normalize(field, Value::Null));
            }
        }
        let now = self.tick();
        for key in ["created_at", "updated_at"] {
            record.entry(key).or_insert_with(|| now.clone());
        }
        record.entry("deleted_at").or_insert(Value::Null);
        if !record.contains_key("gravatar") || !record.contains_key("has_address") {
            refresh_derived(&mut record);
        }
        record
            .entry("missing_address_components")
            .or_insert_with(|| Value::Array(vec![]));
        self.customers.push(Value::Object(record));
        id
    }

    pub(crate) fn add_payment_method(&mut self, customer_id: &str, mut pm: Value) {
        if let Value::Object(map) = &mut pm {
            map.entry("customer_id")
                .or_insert_with(|| Value::String(customer_id.to_owned()));
        }
        self.payment_methods
            .entry(customer_id.to_owned())
            .or_default()
            .push(pm);
    }

    /// Non-deleted payment methods of a customer, newest (last seeded) first, mirroring the
    /// documented `created_at DESC` order.
    pub(crate) fn payment_methods(&self, customer_id: &str) -> Vec<Value> {
        let Some(list) = self.payment_methods.get(customer_id) else {
            return Vec::new();
        };
        list.iter()
            .rev()
            .filter(|pm| pm.get("deleted_at").is_none_or(Value::is_null))
            .cloned()
            .collect()
    }
}

/// `allow_invoice_credit_card_payments` is a non-nullable boolean in the real API; absent or
/// null becomes `false`. Everything else is stored as given (missing -> null).
fn normalize(field: &str, value: Value) -> Value {
    if field == "allow_invoice_credit_card_payments" && value.is_null() {
        Value::Bool(false)
    } else {
        value
    }
}

/// Recomputes the server-computed fields `gravatar`, `has_address` and
/// `missing_address_components` (the latter's real semantics are unknown; always `[]`).
fn refresh_derived(record: &mut Map<String, Value>) {
    let email = record.get("email").and_then(Value::as_str).unwrap_or("");
    let gravatar = format!("//www.gravatar.com/avatar/{}", fake_md5(email));
    let has_address = ADDRESS_FIELDS.iter().any(|f| {
        record
            .get(*f)
            .and_then(Value::as_str)
            .is_some_and(|s| !s.is_empty())
    });
    record.insert("gravatar".into(), Value::String(gravatar));
    record.insert("has_address".into(), Value::Bool(has_address));
    record.insert("missing_address_components".into(), Value::Array(vec![]));
}

/// 32 hex digits derived from the normalised email. The real API uses md5; any stable
/// hash is good enough for a fake (two FNV-1a passes with different seeds).
fn fake_md5(email: &str) -> String {
    let normalized = email.trim().to_lowercase();
    let fnv = |seed: u64| {
        normalized.bytes().fold(seed, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    format!(
        "{:016x}{:016x}",
        fnv(0xcbf2_9ce4_8422_2325),
        fnv(0x8422_2325_cbf2_9ce4)
    )
}

/// Formats `seconds` after `2024-01-01 00:00:00` as `YYYY-MM-DD HH:MM:SS`. To stay
/// dependency-free the fake calendar uses 28-day months (always valid dates).
pub(crate) fn timestamp(seconds: u64) -> String {
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (months, day) = (days / 28, days % 28 + 1);
    let (year, month) = (2024 + months / 12, months % 12 + 1);
    let (hour, minute, second) = (rest / 3600, rest % 3600 / 60, rest % 60);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}")
}

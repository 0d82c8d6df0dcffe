//! Response bodies taken from the official examples listed in spec/SOURCES.md (customer record, delete, page,
//! payment methods).

use serde_json::{Value, json};

/// The id used by the official examples.
pub const CUSTOMER_ID: &str = "d45ee88c-8b27-4be8-8d81-77dda1b81826";

/// Fields the client does not model; they must be ignored when decoding.
pub const UNKNOWN_FIELDS: &[&str] = &["loyalty_tier", "merchant_flags"];

/// The current docs' `GET /customer/{id}` example (`options: null`) plus two fields the client does not know.
pub fn customer() -> Value {
    json!({
        "id": CUSTOMER_ID,
        "firstname": "John", "lastname": "Smith", "company": "ABC INC",
        "email": "contact@example.com", "cc_emails": ["demo@abc.com"],
        "phone": "1234567898",
        "address_1": "123 Rite Way", "address_2": "Unit 12", "address_city": "Orlando",
        "address_state": "FL", "address_zip": "32801", "address_country": "USA",
        "notes": null, "reference": "BARTLE", "options": null,
        "created_at": "2017-05-08 19:22:51", "updated_at": "2017-05-08 19:22:51", "deleted_at": null,
        "gravatar": "//www.gravatar.com/avatar/45357c125af15b6df8864a71a653bea2",
        "has_address": true, "missing_address_components": [],
        "loyalty_tier": "gold",
        "merchant_flags": {"beta": [1, 2]}
    })
}

/// A legacy-era customer: `options` is `""`, empty `notes` and `reference`, no newer fields, no country.
pub fn legacy_customer() -> Value {
    json!({
        "id": "3d5b5d96-3c4f-4b3a-9d5b-2b1e0c4f5a11",
        "firstname": "Bob", "lastname": "Smithers", "company": "",
        "email": "bob@example.com", "cc_emails": null,
        "phone": "3215551234",
        "address_1": "", "address_2": "", "address_city": "", "address_state": "", "address_zip": "",
        "notes": "", "reference": "", "options": "",
        "created_at": "2016-11-01 14:02:10", "updated_at": "2016-11-01 14:02:10", "deleted_at": null,
        "gravatar": "//www.gravatar.com/avatar/0c2bd30a5c53a4a3a7c1c4b1d3b9a6d2"
    })
}

/// The custom fields of the current docs' create example.
pub fn custom_fields() -> Value {
    json!({"customer_custom_fields": [{
        "id": "95b5-fce4-08e6-e60b-c26e", "name": "Intenal ID", "placeholder": "Add an internal tracking ID",
        "required": false, "visible": true, "type": "text", "value": "0123456"
    }]})
}

/// A created customer whose `options` is an object, with `cc_sms: null` and the invoice flag.
pub fn created_customer() -> Value {
    let mut c = customer();
    let obj = c.as_object_mut().expect("object");
    obj.insert("options".into(), custom_fields());
    obj.insert("cc_sms".into(), Value::Null);
    obj.insert("allow_invoice_credit_card_payments".into(), json!(true));
    c
}

/// The customer after `DELETE`: `deleted_at` is set.
pub fn deleted_customer() -> Value {
    let mut c = customer();
    c["deleted_at"] = json!("2020-03-29 15:46:00");
    c["updated_at"] = json!("2020-03-29 15:46:00");
    c
}

/// A flat Laravel page holding `data`.
pub fn page(data: Vec<Value>) -> Value {
    let n = data.len();
    json!({
        "total": n, "per_page": 50, "current_page": 1, "last_page": 1,
        "next_page_url": null, "prev_page_url": null,
        "from": if n == 0 { Value::Null } else { json!(1) },
        "to": if n == 0 { Value::Null } else { json!(n) },
        "data": data
    })
}

/// Three payment methods: a card (`is_default: 1`, embedded customer), a bank account (`is_default: true`)
/// and one whose `method` is a value the spec does not list.
pub fn payment_methods() -> Value {
    json!([
        {
            "id": "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "customer_id": CUSTOMER_ID,
            "merchant_id": "dd36b936-1eb7-4ece-bebc-b514c6a36ebd", "user_id": "b58d7eee-e68d-4d12-a1f8-62f5e71382ae",
            "nickname": "VISA: Bob Smithers (ending in: 1111)", "method": "card", "is_default": 1,
            "has_cvv": false, "person_name": "Bob Smithers", "card_type": "visa", "card_last_four": "1111",
            "card_exp": "0427", "bank_name": null, "bank_type": null, "bank_holder_type": null,
            "bin_type": "CREDIT", "address_1": null, "address_2": null, "address_city": null,
            "address_state": null, "address_zip": "32801", "address_country": "USA", "meta": null,
            "created_at": "2017-05-10 19:54:04", "updated_at": "2017-05-10 19:54:04",
            "deleted_at": null, "purged_at": null,
            "customer": customer()
        },
        {
            "id": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "customer_id": CUSTOMER_ID,
            "nickname": "Checking (ending in: 6789)", "method": "bank", "is_default": true,
            "person_name": "John Smith", "bank_name": "Bank INC", "bank_type": "checking",
            "bank_holder_type": "personal", "meta": {"source": "import", "batch": 7},
            "created_at": "2017-04-01 10:00:00", "updated_at": "2017-04-01 10:00:00"
        },
        {
            "id": "f47ac10b-58cc-4372-a567-0e02b2c3d479", "customer_id": CUSTOMER_ID,
            "method": "crypto", "is_default": 0, "created_at": "2017-03-01 09:30:00"
        }
    ])
}

/// What a decoded value re-serialises to: top-level `null`s and the `unknown` fields removed.
pub fn known_non_null(value: &Value, unknown: &[&str]) -> Value {
    let obj = value.as_object().expect("object");
    Value::Object(
        obj.iter()
            .filter(|(k, v)| !v.is_null() && !unknown.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

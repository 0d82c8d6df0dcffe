//! Every operation decodes a realistic body: `options` in all three shapes, unknown fields ignored,
//! unknown enum values kept.

use serde_json::{Value, json};
use stax_customer_client::{
    CustomerCreate, CustomerUpdate, Error, ListCustomersParams, PaymentMethodMethod,
};

use crate::fixtures::{self, CUSTOMER_ID, UNKNOWN_FIELDS};
use crate::support;

/// Asserts that `decoded` re-serialises to `sent` minus unknown fields, `null`s aside (so every field was read).
/// Required nullable fields re-serialise as `null`, optional ones are left out, so `null`s are compared apart.
fn assert_all_fields_read<T: serde::Serialize>(decoded: &T, sent: &Value) {
    let again = serde_json::to_value(decoded).expect("serialises");
    assert_eq!(
        fixtures::known_non_null(&again, &[]),
        fixtures::known_non_null(sent, UNKNOWN_FIELDS)
    );
}

#[tokio::test]
async fn get_customer_decodes_the_current_docs_example() {
    let (server, client) = support::json_server(200, fixtures::customer()).await;
    let customer = client.get_customer(CUSTOMER_ID).await.expect("decodes");
    assert_eq!(customer.id, CUSTOMER_ID);
    assert_eq!(customer.firstname.as_deref(), Some("John"));
    assert_eq!(customer.cc_emails, Some(vec!["demo@abc.com".to_owned()]));
    assert_eq!(customer.address_country.as_deref(), Some("USA"));
    assert_eq!(customer.notes, None);
    assert_eq!(customer.options, None, "options: null");
    assert_eq!(customer.deleted_at, None);
    assert_eq!(customer.has_address, Some(true));
    assert_eq!(customer.missing_address_components, Some(vec![]));
    assert_eq!(customer.created_at, "2017-05-08 19:22:51");
    assert_all_fields_read(&customer, &fixtures::customer());
    assert_eq!(
        support::single_request(&server).await.url.path(),
        format!("/customer/{CUSTOMER_ID}")
    );
}

/// `fixtures::customer()` with `field` removed (`None`) or replaced.
fn customer_with(field: &str, value: Option<Value>) -> Value {
    let mut body = fixtures::customer();
    let obj = body.as_object_mut().expect("object");
    match value {
        Some(v) => obj.insert(field.to_owned(), v),
        None => obj.remove(field),
    };
    body
}

#[tokio::test]
async fn a_record_without_id_or_timestamps_is_a_decode_error() {
    // The spec requires them and they are never null, so they are plain `String`s: a body without one is not a
    // customer record, and the caller gets `Decode` with the raw body rather than a record with holes.
    for field in ["id", "created_at", "updated_at"] {
        for value in [None, Some(Value::Null)] {
            let body = customer_with(field, value.clone());
            let (_server, client) = support::json_server(200, body.clone()).await;
            let err = client.get_customer(CUSTOMER_ID).await.expect_err(field);
            let Error::Decode(e) = err else {
                panic!("{field} = {value:?}: expected Decode, got {err:?}")
            };
            let cause = std::error::Error::source(&e)
                .expect("serde cause")
                .to_string();
            assert!(cause.contains(field) || value.is_some(), "{cause}");
            assert_eq!(serde_json::from_str::<Value>(&e.raw).ok(), Some(body));
        }
    }
}

#[tokio::test]
async fn required_nullable_fields_accept_null_and_absence_alike() {
    // Required and nullable (`Option<T>`, always present when serialised): null gives `None`, and so does a
    // missing key, so a record from an era that lacks one of these fields still decodes.
    for field in [
        "firstname",
        "email",
        "address_zip",
        "notes",
        "options",
        "deleted_at",
        "gravatar",
    ] {
        for value in [None, Some(Value::Null)] {
            let (_server, client) = support::json_server(200, customer_with(field, value)).await;
            let customer = client.get_customer(CUSTOMER_ID).await.expect(field);
            let again = serde_json::to_value(&customer).expect("serialises");
            assert_eq!(
                again.get(field),
                Some(&Value::Null),
                "{field} is serialised as null"
            );
        }
    }
    // Optional fields (newer than the oldest examples) are left out when absent.
    let (_server, client) = support::json_server(200, customer_with("has_address", None)).await;
    let customer = client.get_customer(CUSTOMER_ID).await.expect("decodes");
    assert_eq!(customer.has_address, None);
    let again = serde_json::to_value(&customer).expect("serialises");
    assert_eq!(again.get("has_address"), None);
}

#[tokio::test]
async fn list_customers_decodes_a_page_with_legacy_and_current_records() {
    let body = fixtures::page(vec![fixtures::legacy_customer(), fixtures::customer()]);
    let (_server, client) = support::json_server(200, body.clone()).await;
    let page = client
        .list_customers(&ListCustomersParams::default())
        .await
        .expect("decodes");
    assert_eq!(
        (page.total, page.per_page, page.current_page, page.last_page),
        (2, 50, 1, 1)
    );
    assert_eq!((page.next_page_url, page.prev_page_url), (None, None));
    assert_eq!((page.from, page.to), (Some(1), Some(2)));
    assert_eq!(page.data.len(), 2);
    let legacy = &page.data[0];
    assert_eq!(
        legacy.options,
        Some(json!("")),
        "options: \"\" is kept as an empty string"
    );
    assert_eq!(legacy.notes.as_deref(), Some(""));
    assert_eq!(legacy.reference.as_deref(), Some(""));
    assert_eq!(legacy.cc_emails, None);
    assert_eq!(
        (legacy.address_country.as_ref(), legacy.has_address),
        (None, None)
    );
    assert_all_fields_read(legacy, &fixtures::legacy_customer());
    assert_all_fields_read(&page.data[1], &fixtures::customer());
}

#[tokio::test]
async fn list_customers_decodes_an_empty_page() {
    let (_server, client) = support::json_server(200, fixtures::page(vec![])).await;
    let page = client
        .list_customers(&ListCustomersParams::default())
        .await
        .expect("decodes");
    assert_eq!((page.total, page.from, page.to), (0, None, None));
    assert!(page.data.is_empty());
}

#[tokio::test]
async fn create_customer_decodes_options_as_an_object() {
    let (_server, client) = support::json_server(200, fixtures::created_customer()).await;
    let create = CustomerCreate {
        email: Some("contact@example.com".to_owned()),
        ..Default::default()
    };
    let customer = client.create_customer(&create).await.expect("decodes");
    assert_eq!(customer.options, Some(fixtures::custom_fields()));
    assert_eq!(
        customer
            .options
            .as_ref()
            .and_then(|o| o["customer_custom_fields"][0]["value"].as_str()),
        Some("0123456")
    );
    assert_eq!(customer.allow_invoice_credit_card_payments, Some(true));
    assert_eq!(customer.cc_sms, None);
    assert_all_fields_read(&customer, &fixtures::created_customer());
}

#[tokio::test]
async fn update_customer_decodes_the_updated_record() {
    let mut body = fixtures::customer();
    body["email"] = json!("new@example.com");
    body["updated_at"] = json!("2024-01-02 03:04:05");
    let (_server, client) = support::json_server(200, body.clone()).await;
    let update = CustomerUpdate {
        email: Some("new@example.com".to_owned()),
        ..Default::default()
    };
    let customer = client
        .update_customer(CUSTOMER_ID, &update)
        .await
        .expect("decodes");
    assert_eq!(customer.email.as_deref(), Some("new@example.com"));
    assert_eq!(customer.updated_at, "2024-01-02 03:04:05");
    assert_all_fields_read(&customer, &body);
}

#[tokio::test]
async fn delete_customer_decodes_the_soft_deleted_record() {
    let (server, client) = support::json_server(200, fixtures::deleted_customer()).await;
    let customer = client.delete_customer(CUSTOMER_ID).await.expect("decodes");
    assert_eq!(customer.id, CUSTOMER_ID);
    assert_eq!(customer.deleted_at.as_deref(), Some("2020-03-29 15:46:00"));
    assert_all_fields_read(&customer, &fixtures::deleted_customer());
    assert_eq!(
        support::single_request(&server).await.method.as_str(),
        "DELETE"
    );
}

#[tokio::test]
async fn payment_methods_decode_with_lenient_types_and_unknown_methods() {
    let (server, client) = support::json_server(200, fixtures::payment_methods()).await;
    let methods = client
        .list_customer_payment_methods(CUSTOMER_ID)
        .await
        .expect("decodes");
    assert_eq!(methods.len(), 3);
    let kinds: Vec<_> = methods.iter().map(|m| m.method.clone()).collect();
    assert_eq!(
        kinds,
        [
            Some(PaymentMethodMethod::Card),
            Some(PaymentMethodMethod::Bank),
            Some(PaymentMethodMethod::Unknown("crypto".to_owned())),
        ]
    );
    assert_eq!(
        methods[2].method.as_ref().map(PaymentMethodMethod::as_str),
        Some("crypto")
    );
    let defaults: Vec<_> = methods.iter().map(|m| m.is_default.clone()).collect();
    assert_eq!(
        defaults,
        [Some(json!(1)), Some(json!(true)), Some(json!(0))]
    );
    assert_eq!(methods[0].card_last_four.as_deref(), Some("1111"));
    assert_eq!(methods[0].has_cvv, Some(false));
    assert_eq!(methods[0].meta, None);
    assert_eq!(methods[1].bank_type.as_deref(), Some("checking"));
    assert_eq!(
        methods[1].meta.as_ref().and_then(|m| m.get("batch")),
        Some(&json!(7))
    );
    let sent = fixtures::payment_methods();
    for (decoded, raw) in methods.iter().zip(sent.as_array().expect("array")) {
        let again = serde_json::to_value(decoded).expect("serialises");
        assert_eq!(
            again,
            fixtures::known_non_null(raw, &["customer"]),
            "embedded customer is ignored"
        );
        assert_eq!(decoded.customer_id, CUSTOMER_ID);
    }
    let path = support::single_request(&server).await.url.path().to_owned();
    assert_eq!(path, format!("/customer/{CUSTOMER_ID}/payment-method"));
}

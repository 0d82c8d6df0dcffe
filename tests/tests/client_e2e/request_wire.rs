//! What goes in a request: the exact JSON of update and create bodies, the auth and content headers.

use std::collections::BTreeMap;

use serde_json::json;
use stax_customer_client::{CustomerCreate, CustomerUpdate, ListCustomersParams};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fixtures::{self, CUSTOMER_ID};
use crate::support::{self, TOKEN};

#[tokio::test]
async fn update_sends_only_the_fields_that_are_set() {
    let (server, client) = support::json_server(200, fixtures::customer()).await;
    let update = CustomerUpdate {
        email: Some("a@b.com".to_owned()),
        firstname: Some("Jo".to_owned()),
        ..Default::default()
    };
    client
        .update_customer(CUSTOMER_ID, &update)
        .await
        .expect("update succeeds");
    let req = support::single_request(&server).await;
    assert_eq!(req.method.as_str(), "PUT");
    assert_eq!(req.url.path(), format!("/customer/{CUSTOMER_ID}"));
    assert_eq!(
        support::body_json(&req),
        json!({"email": "a@b.com", "firstname": "Jo"})
    );
}

#[tokio::test]
async fn empty_update_sends_exactly_an_empty_object() {
    let (server, client) = support::json_server(200, fixtures::customer()).await;
    client
        .update_customer(CUSTOMER_ID, &CustomerUpdate::default())
        .await
        .expect("update succeeds");
    let req = support::single_request(&server).await;
    assert_eq!(String::from_utf8_lossy(&req.body), "{}");
}

#[tokio::test]
async fn nullable_fields_tell_absent_null_and_value_apart() {
    let (server, client) = support::json_server(200, fixtures::customer()).await;
    let updates = [
        CustomerUpdate {
            notes: Some(None),
            ..Default::default()
        },
        CustomerUpdate {
            notes: Some(Some("Prefers email".to_owned())),
            ..Default::default()
        },
        CustomerUpdate {
            cc_emails: Some(None),
            ..Default::default()
        },
        CustomerUpdate {
            cc_emails: Some(Some(vec![
                "demo1@abc.com".to_owned(),
                "demo2@abc.com".to_owned(),
            ])),
            ..Default::default()
        },
        CustomerUpdate {
            cc_sms: Some(Some(Vec::new())),
            ..Default::default()
        },
        CustomerUpdate {
            options: Some(None),
            ..Default::default()
        },
        CustomerUpdate {
            options: Some(Some(
                serde_json::from_value(fixtures::custom_fields()).expect("a map"),
            )),
            ..Default::default()
        },
    ];
    for update in &updates {
        client
            .update_customer(CUSTOMER_ID, update)
            .await
            .expect("update succeeds");
    }
    let bodies: Vec<_> = support::requests(&server)
        .await
        .iter()
        .map(support::body_json)
        .collect();
    assert_eq!(
        bodies,
        [
            json!({"notes": null}),
            json!({"notes": "Prefers email"}),
            json!({"cc_emails": null}),
            json!({"cc_emails": ["demo1@abc.com", "demo2@abc.com"]}),
            json!({"cc_sms": []}),
            json!({"options": null}),
            json!({"options": fixtures::custom_fields()}),
        ]
    );
}

#[tokio::test]
async fn create_sends_exactly_the_fields_given() {
    let (server, client) = support::json_server(200, fixtures::created_customer()).await;
    let options: BTreeMap<String, serde_json::Value> =
        serde_json::from_value(fixtures::custom_fields()).expect("a map");
    let create = CustomerCreate {
        firstname: Some("John".to_owned()),
        lastname: Some("Smith".to_owned()),
        email: Some("contact@example.com".to_owned()),
        phone: Some("1234567898".to_owned()),
        address_state: Some("FL".to_owned()),
        address_country: Some("USA".to_owned()),
        notes: Some(None),
        cc_emails: Some(Some(vec!["demo@abc.com".to_owned()])),
        allow_invoice_credit_card_payments: Some(true),
        options: Some(options),
        ..Default::default()
    };
    client
        .create_customer(&create)
        .await
        .expect("create succeeds");
    let req = support::single_request(&server).await;
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url.path(), "/customer");
    assert_eq!(req.url.query(), None);
    assert_eq!(
        support::body_json(&req),
        json!({
            "firstname": "John", "lastname": "Smith", "email": "contact@example.com",
            "phone": "1234567898", "address_state": "FL", "address_country": "USA",
            "notes": null, "cc_emails": ["demo@abc.com"],
            "allow_invoice_credit_card_payments": true,
            "options": fixtures::custom_fields()
        })
    );
}

#[tokio::test]
async fn every_operation_sends_the_bearer_token_and_json_headers() {
    let server = MockServer::start().await;
    let ok = |body| ResponseTemplate::new(200).set_body_json(body);
    let item = format!("/customer/{CUSTOMER_ID}");
    Mock::given(path("/customer"))
        .and(method("GET"))
        .respond_with(ok(fixtures::page(vec![])))
        .mount(&server)
        .await;
    Mock::given(path("/customer"))
        .and(method("POST"))
        .respond_with(ok(fixtures::customer()))
        .mount(&server)
        .await;
    Mock::given(path(format!("{item}/payment-method")))
        .respond_with(ok(fixtures::payment_methods()))
        .mount(&server)
        .await;
    Mock::given(path(item.as_str()))
        .respond_with(ok(fixtures::customer()))
        .mount(&server)
        .await;
    let client = support::client_for(&server);

    client
        .list_customers(&ListCustomersParams::default())
        .await
        .expect("list");
    let create = CustomerCreate {
        firstname: Some("John".to_owned()),
        ..Default::default()
    };
    client.create_customer(&create).await.expect("create");
    client.get_customer(CUSTOMER_ID).await.expect("get");
    let update = CustomerUpdate {
        lastname: Some("Smith".to_owned()),
        ..Default::default()
    };
    client
        .update_customer(CUSTOMER_ID, &update)
        .await
        .expect("update");
    client.delete_customer(CUSTOMER_ID).await.expect("delete");
    client
        .list_customer_payment_methods(CUSTOMER_ID)
        .await
        .expect("payment methods");

    let reqs = support::requests(&server).await;
    let seen: Vec<(String, String)> = reqs
        .iter()
        .map(|r| (r.method.to_string(), r.url.path().to_owned()))
        .collect();
    let expected = [
        ("GET", "/customer".to_owned()),
        ("POST", "/customer".to_owned()),
        ("GET", item.clone()),
        ("PUT", item.clone()),
        ("DELETE", item.clone()),
        ("GET", format!("{item}/payment-method")),
    ];
    assert_eq!(seen, expected.map(|(m, p)| (m.to_owned(), p)));
    for r in &reqs {
        let what = format!("{} {}", r.method, r.url.path());
        assert_eq!(
            support::header_values(r, "authorization"),
            [format!("Bearer {TOKEN}")],
            "{what}"
        );
        assert_eq!(
            support::header_values(r, "accept"),
            ["application/json"],
            "{what}"
        );
        let content_type = support::header_values(r, "content-type");
        if matches!(r.method.as_str(), "POST" | "PUT") {
            assert_eq!(content_type, ["application/json"], "{what}");
        } else {
            assert!(
                content_type.is_empty() && r.body.is_empty(),
                "{what} has a body: {content_type:?}"
            );
        }
    }
}

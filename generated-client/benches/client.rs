//! The generated client against hand-written code doing the same work: serialising a `CustomerUpdate`, decoding a
//! page of customers (the generated types decode through `json_object!`, the hand-written ones through serde's
//! derive), and a full `update_customer` round trip to a loopback server. `cargo xtask bench` reports the ratios of the medians
//! (the faster of two runs per side, taken in ABBA order).
//!
//! Run alone: `cargo bench -p stax-customer-client --bench client`.

use std::hint::black_box;
use std::net::SocketAddr;

use axum::Router;
use axum::body::Bytes;
use axum::http::header;
use axum::routing::put;
use criterion::{Criterion, criterion_group, criterion_main};
use serde::{Deserialize, Serialize};
use stax_customer_client::{Client, CustomerPage, CustomerUpdate};

/// Each side is measured twice, in the order generated, hand-written, hand-written, generated; `cargo xtask bench`
/// compares the faster median of each side.
const ABBA: [(&str, bool); 4] = [
    ("generated", true),
    ("hand_written", false),
    ("hand_written_2", false),
    ("generated_2", true),
];

const CUSTOMER_ID: &str = "d45ee88c-8b27-4be8-8d81-77dda1b81826";

/// The answer of the loopback server: the official docs' customer example.
const CUSTOMER_JSON: &str = r#"{"id":"d45ee88c-8b27-4be8-8d81-77dda1b81826","firstname":"John","lastname":"Smith","company":"ABC INC","email":"contact@example.com","cc_emails":["demo@abc.com"],"cc_sms":null,"phone":"1234567898","address_1":"123 Rite Way","address_2":"Unit 12","address_city":"Orlando","address_state":"FL","address_zip":"32801","address_country":"USA","notes":null,"reference":"BARTLE","options":null,"allow_invoice_credit_card_payments":true,"created_at":"2017-05-08 19:22:51","updated_at":"2017-05-08 19:22:51","deleted_at":null,"gravatar":"//www.gravatar.com/avatar/45357c125af15b6df8864a71a653bea2","has_address":true,"missing_address_components":[],"parent_merge":null,"child_merges":[]}"#;

/// The hand-written counterpart of `CustomerUpdate`: the same fields, types and skipping.
#[derive(Serialize)]
struct HandUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    firstname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lastname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    company: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_1: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_zip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    files: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cc_emails: Option<Option<Vec<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cc_sms: Option<Option<Vec<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allow_invoice_credit_card_payments: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Option<std::collections::BTreeMap<String, serde_json::Value>>>,
}

/// The hand-written counterpart of `CustomerPage`.
#[derive(Deserialize)]
#[allow(dead_code)]
struct HandPage {
    total: i64,
    per_page: i64,
    current_page: i64,
    last_page: i64,
    next_page_url: Option<String>,
    prev_page_url: Option<String>,
    from: Option<i64>,
    to: Option<i64>,
    data: Vec<HandCustomer>,
}

/// A page of 25 customers (the docs' example, repeated).
fn page_json() -> String {
    let data = vec![CUSTOMER_JSON; 25].join(",");
    format!(
        r#"{{"total":100,"per_page":25,"current_page":1,"last_page":4,"next_page_url":"https://apiprod.fattlabs.com/customer?page=2","prev_page_url":null,"from":1,"to":25,"data":[{data}]}}"#
    )
}

fn decode(c: &mut Criterion) {
    let text = page_json();
    let page: CustomerPage = serde_json::from_str(&text).expect("the generated type decodes the page");
    let hand: HandPage = serde_json::from_str(&text).expect("the hand-written type decodes the page");
    assert_eq!((page.data.len(), hand.data.len()), (25, 25));
    let mut group = c.benchmark_group("decode_customer_page");
    for (id, generated_side) in ABBA {
        if generated_side {
            group.bench_function(id, |b| b.iter(|| serde_json::from_str::<CustomerPage>(black_box(&text))));
        } else {
            group.bench_function(id, |b| b.iter(|| serde_json::from_str::<HandPage>(black_box(&text))));
        }
    }
    group.finish();
}

/// The hand-written counterpart of the `Customer` answer.
#[derive(Deserialize)]
#[allow(dead_code)]
struct HandCustomer {
    id: String,
    firstname: Option<String>,
    lastname: Option<String>,
    company: Option<String>,
    email: Option<String>,
    cc_emails: Option<Vec<String>>,
    cc_sms: Option<Vec<String>>,
    phone: Option<String>,
    address_1: Option<String>,
    address_2: Option<String>,
    address_city: Option<String>,
    address_state: Option<String>,
    address_zip: Option<String>,
    address_country: Option<String>,
    notes: Option<String>,
    reference: Option<String>,
    options: Option<serde_json::Value>,
    allow_invoice_credit_card_payments: Option<bool>,
    created_at: String,
    updated_at: String,
    deleted_at: Option<String>,
    gravatar: Option<String>,
    has_address: Option<bool>,
    missing_address_components: Option<Vec<String>>,
    parent_merge: Option<String>,
    child_merges: Option<Vec<String>>,
}

fn generated_update() -> CustomerUpdate {
    CustomerUpdate {
        firstname: Some("Jane".into()),
        lastname: Some("Doe".into()),
        email: Some("jane.doe@example.com".into()),
        phone: Some("4075551234".into()),
        address_1: Some("123 Rite Way".into()),
        address_city: Some("Orlando".into()),
        address_state: Some("FL".into()),
        address_zip: Some("32801".into()),
        address_country: Some("USA".into()),
        notes: Some(None),
        cc_emails: Some(Some(vec!["billing@example.com".into()])),
        allow_invoice_credit_card_payments: Some(true),
        ..Default::default()
    }
}

fn hand_update() -> HandUpdate {
    HandUpdate {
        firstname: Some("Jane".into()),
        lastname: Some("Doe".into()),
        email: Some("jane.doe@example.com".into()),
        company: None,
        phone: Some("4075551234".into()),
        address_1: Some("123 Rite Way".into()),
        address_2: None,
        address_city: Some("Orlando".into()),
        address_state: Some("FL".into()),
        address_zip: Some("32801".into()),
        address_country: Some("USA".into()),
        notes: Some(None),
        reference: None,
        files: None,
        cc_emails: Some(Some(vec!["billing@example.com".into()])),
        cc_sms: None,
        allow_invoice_credit_card_payments: Some(true),
        options: None,
    }
}

fn serialize(c: &mut Criterion) {
    let generated = generated_update();
    let hand = hand_update();
    assert_eq!(
        serde_json::to_vec(&generated).expect("serialises"),
        serde_json::to_vec(&hand).expect("serialises"),
        "both sides must produce the same JSON"
    );
    let mut group = c.benchmark_group("serialize_customer_update");
    // ABBA order: a machine that speeds up or slows down during the run favours neither side.
    for (id, generated_side) in ABBA {
        if generated_side {
            group.bench_function(id, |b| b.iter(|| serde_json::to_vec(black_box(&generated))));
        } else {
            group.bench_function(id, |b| b.iter(|| serde_json::to_vec(black_box(&hand))));
        }
    }
    group.finish();
}

/// Starts a server on 127.0.0.1 that reads each `PUT /customer/{id}` body and answers [`CUSTOMER_JSON`].
async fn loopback_server() -> SocketAddr {
    async fn answer(body: Bytes) -> impl axum::response::IntoResponse {
        black_box(body);
        ([(header::CONTENT_TYPE, "application/json")], CUSTOMER_JSON)
    }
    let app = Router::new().route("/customer/{id}", put(answer));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("binds a loopback port");
    let addr = listener.local_addr().expect("has an address");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serves") });
    addr
}

fn round_trip(c: &mut Criterion) {
    // One thread runs the server, the connection tasks and both clients: no cross-thread wake-ups to add noise,
    // and the figures are the CPU cost of a round trip on both sides.
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("starts a runtime");
    let addr = rt.block_on(loopback_server());
    let base = format!("http://{addr}");
    let client = Client::builder().base_url(&base).bearer_token("test-api-key").build().expect("builds");
    // Configured like the generated client's defaults (request and connect timeouts, user agent).
    let http = reqwest::Client::builder()
        .timeout(stax_customer_client::runtime::builder::DEFAULT_TIMEOUT)
        .connect_timeout(stax_customer_client::runtime::builder::DEFAULT_CONNECT_TIMEOUT)
        .user_agent("stax-customer-client/0.1.0")
        .build()
        .expect("builds");
    let url = format!("{base}/customer/{CUSTOMER_ID}");
    let generated = generated_update();
    let hand = hand_update();

    let hand_call = || async {
        let resp = http
            .put(&url)
            .bearer_auth("test-api-key")
            .header(header::ACCEPT, "application/json")
            .json(&hand)
            .send()
            .await
            .expect("sends");
        assert!(resp.status().is_success());
        resp.json::<HandCustomer>().await.expect("decodes")
    };
    let generated_call = || async { client.update_customer(CUSTOMER_ID, &generated).await.expect("updates") };
    // Both sides work before measuring (and open their pooled connection).
    assert_eq!(rt.block_on(generated_call()).id, rt.block_on(hand_call()).id);

    let mut group = c.benchmark_group("update_customer_round_trip");
    for (id, generated_side) in ABBA {
        if generated_side {
            group.bench_function(id, |b| b.to_async(&rt).iter(generated_call));
        } else {
            group.bench_function(id, |b| b.to_async(&rt).iter(hand_call));
        }
    }
    group.finish();
}

criterion_group!(benches, serialize, decode, round_trip);
criterion_main!(benches);

//! POST is retried only when its operation declares an idempotency-key header; the key is made once and reused.
//! Uses the generated client of `tests/fixtures/idempotency.yaml` (in the fixture crate) against wiremock.

use std::time::Duration;

use fixture_outputs::idempotency::{Client, CreateOrderParams, Error, Order};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(&server.uri())
        .initial_backoff(Duration::from_millis(1))
        .build()
        .expect("client")
}

fn order() -> Order {
    Order { item: Some("tea".into()) }
}

async fn unavailable_then_created(server: &MockServer, route: &str) {
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"item": "tea"})))
        .mount(server)
        .await;
}

fn keys(requests: &[Request]) -> Vec<Option<String>> {
    requests
        .iter()
        .map(|r| r.headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn post_with_an_idempotency_key_is_retried_with_the_same_generated_key() {
    let server = MockServer::start().await;
    unavailable_then_created(&server, "/orders").await;
    let created = client(&server).create_order(&CreateOrderParams::default(), &order()).await.expect("retried");
    assert_eq!(created.item.as_deref(), Some("tea"));
    let requests = server.received_requests().await.unwrap_or_default();
    let keys = keys(&requests);
    assert_eq!(keys.len(), 2, "one retry after the 503");
    let first = keys[0].clone().expect("a generated key");
    assert!(first.len() >= 16, "key {first:?} is not random enough");
    assert_eq!(keys[1].as_deref(), Some(first.as_str()), "the same key on every attempt");
}

#[tokio::test]
async fn a_callers_key_is_sent_as_is_on_every_attempt() {
    let server = MockServer::start().await;
    unavailable_then_created(&server, "/orders").await;
    let params = CreateOrderParams { idempotency_key: Some("order-42".into()) };
    client(&server).create_order(&params, &order()).await.expect("retried");
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(keys(&requests), vec![Some("order-42".to_owned()), Some("order-42".to_owned())]);
}

#[tokio::test]
async fn post_without_an_idempotency_key_is_not_retried() {
    let server = MockServer::start().await;
    unavailable_then_created(&server, "/notes").await;
    let err = client(&server).create_note(&order()).await.expect_err("no retry");
    assert_eq!(err.status(), Some(503));
    assert!(matches!(err, Error::UnexpectedStatus(_)));
    assert_eq!(server.received_requests().await.unwrap_or_default().len(), 1);
}

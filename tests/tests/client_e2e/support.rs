//! Shared helpers: a wiremock server, a client pointed at it, and access to the requests it recorded.

use std::fmt::{Debug, Display};

use serde_json::Value;
use stax_customer_client::Client;
use wiremock::matchers::any;
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

/// The bearer token every test client uses; it must never appear in any `Debug` or `Display` output.
pub const TOKEN: &str = "sk_test_secret";

/// A client for `server` with the test token and retries disabled (exactly one request per call).
pub fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(&server.uri())
        .bearer_token(TOKEN)
        .max_retries(0)
        .build()
        .expect("the client builds")
}

/// A fresh server whose every request is answered with `template`, and a client for it.
pub async fn server_answering(template: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(template)
        .mount(&server)
        .await;
    let client = client_for(&server);
    (server, client)
}

/// A server answering every request with `status` and the JSON `body`.
pub async fn json_server(status: u16, body: Value) -> (MockServer, Client) {
    server_answering(ResponseTemplate::new(status).set_body_json(body)).await
}

/// A server answering every request with `status` and `body` verbatim, labelled `application/json`.
pub async fn raw_server(status: u16, body: &str) -> (MockServer, Client) {
    server_answering(
        ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json"),
    )
    .await
}

/// Every request the server received, in order.
pub async fn requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
}

/// The one request the server received; fails if there were more or none.
pub async fn single_request(server: &MockServer) -> Request {
    let mut all = requests(server).await;
    assert_eq!(
        all.len(),
        1,
        "expected exactly one request, got {}",
        all.len()
    );
    all.remove(0)
}

/// The request body parsed as JSON.
pub fn body_json(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap_or_else(|e| {
        panic!(
            "body is not JSON ({e}): {:?}",
            String::from_utf8_lossy(&request.body)
        )
    })
}

/// Every value of header `name`, as text.
pub fn header_values(request: &Request, name: &str) -> Vec<String> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().expect("header is ASCII").to_owned())
        .collect()
}

/// Matches the request path exactly as it was sent (still percent-encoded), without any normalisation.
pub struct RawPath(pub String);

impl Match for RawPath {
    fn matches(&self, request: &Request) -> bool {
        request.url.path() == self.0
    }
}

/// Fails if the token shows up in the value's `Debug` or `Display` output.
pub fn assert_secret_free<E: Debug + Display>(value: &E) {
    let debug = format!("{value:?}");
    let display = value.to_string();
    assert!(!debug.contains(TOKEN), "token in Debug output: {debug}");
    assert!(
        !display.contains(TOKEN),
        "token in Display output: {display}"
    );
}

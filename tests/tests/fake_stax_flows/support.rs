//! Shared helpers of the flow tests: a client for the fake server and views of the requests it recorded.

use integration_tests::fake_stax::{FakeStax, RecordedRequest};
use serde_json::Value;
use stax_customer_client::Client;

pub const TOKEN: &str = "flow-token";

pub fn client(base: &str) -> Client {
    Client::builder()
        .base_url(base)
        .bearer_token(TOKEN)
        .build()
        .unwrap()
}

/// The JSON body a recorded request carried.
pub fn body(req: &RecordedRequest) -> Value {
    serde_json::from_str(&req.body).unwrap_or_else(|e| panic!("body {:?}: {e}", req.body))
}

/// The decoded query pairs of a recorded request, in order.
pub fn query(req: &RecordedRequest) -> Vec<(String, String)> {
    serde_urlencoded::from_str(req.query.as_deref().unwrap_or("")).unwrap()
}

pub fn has(pairs: &[(String, String)], name: &str, value: &str) -> bool {
    pairs.iter().any(|(k, v)| k == name && v == value)
}

/// Method and path of every request from index `from` on.
pub fn calls_since(fake: &FakeStax, from: usize) -> Vec<(String, String)> {
    fake.requests()[from..]
        .iter()
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect()
}

pub fn call(verb: &str, id: &str) -> (String, String) {
    (verb.to_owned(), format!("/customer/{id}"))
}

//! Shared helpers of the fault tests: a scripted wiremock responder that timestamps requests, and client builders.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use stax_customer_client::{Client, ClientBuilder, CustomerCreate};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const ID: &str = "cus_1";
/// The smallest body that decodes as a `Customer`: `id` and the two timestamps are required and never null.
pub const CUSTOMER: &str = r#"{"id":"cus_1","firstname":"Ada","created_at":"2017-05-08 19:22:51","updated_at":"2017-05-08 19:22:51"}"#;
pub const HTML: &str =
    "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>";

pub type Reply = dyn Fn(usize) -> ResponseTemplate + Send + Sync;

/// A wiremock responder that answers request `n` (from 0) with `reply(n)` and records when each request arrived.
#[derive(Clone)]
pub struct Script {
    arrivals: Arc<Mutex<Vec<Instant>>>,
    reply: Arc<Reply>,
}

impl Script {
    pub fn new(reply: impl Fn(usize) -> ResponseTemplate + Send + Sync + 'static) -> Self {
        Script {
            arrivals: Arc::default(),
            reply: Arc::new(reply),
        }
    }

    pub fn arrivals(&self) -> Vec<Instant> {
        self.arrivals.lock().unwrap().clone()
    }
}

impl Respond for Script {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = {
            let mut arrivals = self.arrivals.lock().unwrap();
            arrivals.push(Instant::now());
            arrivals.len() - 1
        };
        (self.reply)(n)
    }
}

/// A wiremock server answering `verb path` with the script.
pub async fn serve(verb: &str, route: &str, script: &Script) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(script.clone())
        .mount(&server)
        .await;
    server
}

/// A builder for `base` with a 1 ms backoff, so retries without `Retry-After` are fast.
pub fn builder(base: &str) -> ClientBuilder {
    Client::builder()
        .base_url(base)
        .bearer_token("test-token")
        .initial_backoff(Duration::from_millis(1))
}

pub fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

pub fn new_customer() -> CustomerCreate {
    CustomerCreate {
        firstname: Some("Ada".into()),
        ..Default::default()
    }
}

//! Bring your own HTTP stack: token providers asked before every attempt, a caller's `reqwest::Client`, default
//! headers and `reqwest-middleware` middleware, each seen on the wire.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use fixture_outputs::security_schemes::{Client, Error};
use reqwest_middleware::{Middleware, Next};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{self, expected, sent, single_request};

#[tokio::test]
async fn a_token_provider_is_asked_before_every_attempt() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(&server).await;
    Mock::given(any()).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let asked = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&asked);
    let client = Client::builder()
        .base_url(&server.uri())
        .initial_backoff(Duration::from_millis(1))
        .token_provider("bearer", move || {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            async move { Ok::<_, std::io::Error>(format!("token-{n}")) }
        })
        .build()
        .expect("builds");
    client.search().await.expect("the retry succeeds");
    let requests = server.received_requests().await.expect("recording");
    let auth: Vec<Vec<(String, String)>> = requests.iter().map(sent).collect();
    assert_eq!(
        auth,
        [expected(&[("authorization", "Bearer token-1")]), expected(&[("authorization", "Bearer token-2")])],
        "the retry after 503 must carry the new token"
    );
    assert_eq!(asked.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_failing_token_provider_fails_the_call_without_sending() {
    let server = support::server().await;
    let client = Client::builder()
        .base_url(&server.uri())
        .token_provider("oidc", || async { Err::<String, _>(std::io::Error::other("identity provider down")) })
        .build()
        .expect("builds");
    let err = client.get_identity().await.expect_err("no token");
    assert!(matches!(err, Error::Config(_)) && err.to_string().contains("identity provider down"), "{err:?}");
    assert!(server.received_requests().await.expect("recording").is_empty());
}

#[tokio::test]
async fn a_callers_reqwest_client_and_default_headers_are_used() {
    let server = support::server().await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-from-callers-client", "yes".parse().expect("value"));
    let http = reqwest::Client::builder().default_headers(headers).build().expect("reqwest client");
    let client = support::builder(&server, &["bearer"])
        .http_client(http)
        .default_header("X-Tenant", "acme")
        .build()
        .expect("builds");
    client.search().await.expect("204");
    let request = single_request(&server).await;
    assert_eq!(request.headers.get("x-from-callers-client").map(|v| v.as_bytes()), Some(&b"yes"[..]));
    assert_eq!(request.headers.get("x-tenant").map(|v| v.as_bytes()), Some(&b"acme"[..]));
    assert_eq!(sent(&request), expected(&[("authorization", "Bearer bearer-token-e0f")]));

    let err = Client::builder().default_header("bad header", "x").build().expect_err("invalid header name");
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

#[tokio::test]
async fn the_attempt_timeout_applies_to_a_callers_client() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(&server.uri())
        .http_client(reqwest::Client::new())
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .build()
        .expect("builds");
    let err = client.health().await.expect_err("times out");
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
}

/// A middleware error whose message is safe but whose cause is not.
#[derive(Debug)]
struct Outer(std::io::Error);

impl std::fmt::Display for Outer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("signing key unavailable")
    }
}

impl std::error::Error for Outer {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// Adds `x-signed-by: middleware` to every request, or fails every request.
struct Signer {
    fail: bool,
}

#[async_trait::async_trait]
impl Middleware for Signer {
    async fn handle(
        &self,
        mut req: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        if self.fail {
            // The wrapped cause stands for what a retry middleware wraps: an error that shows the URL and its key.
            let cause = std::io::Error::other("GET http://host/health?api_key=query-secret-77 failed");
            return Err(reqwest_middleware::Error::middleware(std::io::Error::other(Outer(cause))));
        }
        req.headers_mut().insert("x-signed-by", "middleware".parse().expect("value"));
        next.run(req, extensions).await
    }
}

#[tokio::test]
async fn middleware_sees_every_request_and_its_errors_are_transport_errors() {
    let server = support::server().await;
    let client = support::builder(&server, &[]).with(Signer { fail: false }).build().expect("builds");
    client.health().await.expect("204");
    let request = single_request(&server).await;
    assert_eq!(request.headers.get("x-signed-by").map(|v| v.as_bytes()), Some(&b"middleware"[..]));

    let failing = support::builder(&server, &[]).with(Signer { fail: true }).build().expect("builds");
    let err = failing.health().await.expect_err("the middleware fails");
    assert!(matches!(&err, Error::Transport(t) if t.is_middleware()), "{err:?}");
    assert!(err.to_string().contains("signing key unavailable"), "{err}");
    // Only the middleware error's own message is kept, not the errors it wraps.
    assert!(!format!("{err:?} {err}").contains("query-secret-77"), "{err:?}");
}

//! Shared helpers: a wiremock server answering 204, the credentials of every scheme, and what a request carried.

use fixture_outputs::security_schemes::{Client, ClientBuilder};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// One credential per scheme of `security_schemes.yaml`: (scheme name, value). No value may ever show in output.
pub const CREDENTIALS: &[(&str, &str)] = &[
    ("clientId", "id-3f1a"),
    ("clientSecret", "secret-9c2e"),
    ("apiVersion", "version-2024-01"),
    ("queryKey", "query-key-77b"),
    ("cookieKey", "cookie-key-51d"),
    ("bearer", "bearer-token-e0f"),
    ("basic", "ada:password-8a4"),
    ("signature", "HMAC-SHA256 sig-c6d"),
    ("oauth", "oauth-token-2b7"),
    ("oidc", "oidc-token-94e"),
];

/// The value configured for `scheme`.
pub fn value(scheme: &str) -> &'static str {
    CREDENTIALS.iter().find(|(s, _)| *s == scheme).map(|(_, v)| *v).expect("a scheme of the fixture")
}

/// A builder for `server` with retries off and the credentials of `schemes` set through `credential`.
pub fn builder(server: &MockServer, schemes: &[&str]) -> ClientBuilder {
    schemes.iter().fold(Client::builder().base_url(&server.uri()).max_retries(0), |b, s| b.credential(s, value(s)))
}

/// A client for `server` with the credentials of `schemes`.
pub fn client(server: &MockServer, schemes: &[&str]) -> Client {
    builder(server, schemes).build().expect("the client builds")
}

/// A server answering every request with 204.
pub async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    server
}

/// The one request the server received since the last reset, which it then forgets.
pub async fn single_request(server: &MockServer) -> Request {
    let mut all = server.received_requests().await.expect("recording is on");
    assert_eq!(all.len(), 1, "expected one request, got {}", all.len());
    server.reset().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(204)).mount(server).await;
    all.remove(0)
}

/// Every credential-carrying part of a request, as `(where, value)`, sorted: the `Authorization`, `Cookie` and
/// API-key headers and the `api_key` query parameter.
pub fn sent(request: &Request) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for name in ["authorization", "cookie", "x-client-id", "x-client-secret", "x-api-version"] {
        for v in request.headers.get_all(name) {
            out.push((name.to_owned(), v.to_str().expect("text").to_owned()));
        }
    }
    for (k, v) in request.url.query_pairs() {
        if k == "api_key" {
            out.push(("query api_key".to_owned(), v.into_owned()));
        }
    }
    out.sort();
    out
}

/// `(where, value)` pairs, sorted, for comparing with [`sent`].
pub fn expected(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    out.sort();
    out
}

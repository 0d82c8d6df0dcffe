//! Credential values that cannot be sent are refused when the client is built, naming the scheme and never the value;
//! a spec without any requirement sends each configured credential.

use fixture_outputs::security_no_requirement;
use fixture_outputs::security_schemes::Client;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn a_value_with_a_line_break_fails_build_without_showing_it() {
    let err = Client::builder().credential("clientSecret", "secret-9c1\n").build().expect_err("refused");
    let text = format!("{err} {err:?}");
    assert!(text.contains("clientSecret") && !text.contains("secret-9c1"), "{text}");
}

#[test]
fn an_undeclared_name_is_not_echoed_in_case_it_is_the_secret() {
    let err = Client::builder().credential("sk_live_swapped", "clientSecret").build().expect_err("refused");
    let text = format!("{err} {err:?}");
    assert!(!text.contains("sk_live_swapped") && text.contains("clientSecret"), "{text}");
}

#[tokio::test]
async fn without_requirements_each_configured_credential_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/accounts")).and(header("x-api-version", "2024-01"))
        .and(header("x-client-id", "client-1")).and(header("cookie", "sid=s-1"))
        .respond_with(ResponseTemplate::new(204)).expect(1).mount(&server).await;
    let client = security_no_requirement::Client::builder().base_url(&server.uri())
        .credential("apiVersion", "2024-01").credential("clientId", "client-1").credential("session", "s-1")
        .build().expect("client");
    client.list_accounts().await.expect("all three sent");
    let none = security_no_requirement::Client::builder().base_url(&server.uri()).build().expect("client");
    Mock::given(method("GET")).and(path("/accounts")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    none.list_accounts().await.expect("none configured, none sent");
    let requests = server.received_requests().await.unwrap_or_default();
    assert!(requests[1].headers.get("x-client-id").is_none() && requests[1].headers.get("cookie").is_none());
}

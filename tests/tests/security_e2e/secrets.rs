//! No credential shows in the `Debug` of the builder or the client, nor in any error's `Debug` or `Display`.

use std::time::Duration;

use fixture_outputs::security_schemes::Client;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{self, CREDENTIALS};

fn all() -> Vec<&'static str> {
    CREDENTIALS.iter().map(|(s, _)| *s).collect()
}

/// Fails when `text` contains any credential value (or the password alone).
fn assert_secret_free(text: &str) {
    for (scheme, value) in CREDENTIALS {
        assert!(!text.contains(value), "the {scheme} credential leaked: {text}");
    }
    assert!(!text.contains("password-8a4"), "the basic password leaked: {text}");
}

#[tokio::test]
async fn builder_and_client_debug_show_no_credentials() {
    let server = support::server().await;
    let builder = support::builder(&server, &all())
        .default_header("X-Tenant-Secret", "tenant-secret-1f3")
        .token_provider("oidc", || async { Ok::<_, std::io::Error>("provided-token-5aa".to_owned()) });
    let debug = format!("{builder:?}");
    assert_secret_free(&debug);
    assert!(!debug.contains("tenant-secret-1f3") && debug.contains("clientSecret"), "{debug}");
    let client = builder.build().expect("builds");
    let debug = format!("{client:?}");
    assert_secret_free(&debug);
    assert!(!debug.contains("tenant-secret-1f3") && debug.contains(&server.uri()), "{debug}");
}

#[tokio::test]
async fn errors_show_no_credentials() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(401).set_body_string("denied")).mount(&server).await;
    let client = support::client(&server, &all());
    let mut errors = vec![
        client.list_accounts().await.expect_err("401"),
        client.search().await.expect_err("401"),
        support::client(&server, &["clientSecret"]).list_accounts().await.expect_err("missing credentials"),
        support::builder(&server, &all()).credential("nope", "nope-secret-0b1").build().expect_err("undeclared"),
        support::builder(&server, &[]).credential("basic", "no-colon-secret").build().expect_err("not user:password"),
    ];
    let slow = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204).set_delay(Duration::from_secs(30)))
        .mount(&slow)
        .await;
    let impatient = Client::builder()
        .base_url(&slow.uri())
        .credential("bearer", "bearer-token-e0f")
        .timeout(Duration::from_millis(100))
        .max_retries(0)
        .build()
        .expect("builds");
    errors.push(impatient.search().await.expect_err("times out"));
    for err in &errors {
        let text = format!("{err:?} {err}");
        assert_secret_free(&text);
        assert!(!text.contains("nope-secret-0b1") && !text.contains("no-colon-secret"), "{text}");
    }
}

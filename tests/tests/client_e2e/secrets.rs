//! The bearer token never shows up in the client's or builder's `Debug`, nor in any error's `Debug` or `Display`.

use std::time::Duration;

use serde_json::json;
use stax_customer_client::{Client, CustomerCreate, Error, ListCustomersParams};
use wiremock::ResponseTemplate;

use crate::fixtures::CUSTOMER_ID;
use crate::support::{self, TOKEN, assert_secret_free};

#[tokio::test]
async fn client_and_builder_debug_hide_the_token() {
    let (server, client) = support::json_server(200, json!({})).await;
    let debug = format!("{client:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(
        debug.contains(&server.uri()),
        "Debug should still show the base URL: {debug}"
    );
    let builder = Client::builder()
        .base_url(&server.uri())
        .bearer_token(TOKEN);
    let debug = format!("{builder:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
}

#[tokio::test]
async fn base_url_is_kept_without_a_trailing_slash() {
    let (server, _client) = support::json_server(200, json!({})).await;
    let client = Client::builder()
        .base_url(&format!("{}/", server.uri()))
        .bearer_token(TOKEN)
        .build()
        .expect("builds");
    assert_eq!(client.base_url(), server.uri());
}

/// The name of an error's variant.
fn kind(err: &Error) -> &'static str {
    match err {
        Error::BadRequest(_) => "BadRequest",
        Error::Unauthorized(_) => "Unauthorized",
        Error::NotFound(_) => "NotFound",
        Error::UnprocessableEntity(_) => "UnprocessableEntity",
        Error::TooManyRequests(_) => "TooManyRequests",
        Error::InternalServerError(_) => "InternalServerError",
        Error::UnexpectedStatus(_) => "UnexpectedStatus",
        Error::Transport(_) => "Transport",
        Error::Timeout(_) => "Timeout",
        Error::Decode(_) => "Decode",
        Error::InvalidRequest(_) => "InvalidRequest",
        Error::Deleted(_) => "Deleted",
        Error::Config(_) => "Config",
        _ => "other",
    }
}

/// `get_customer` against a server answering `status` with `body`.
async fn get_with(status: u16, body: &str) -> Error {
    let (_server, client) = support::raw_server(status, body).await;
    client.get_customer(CUSTOMER_ID).await.expect_err("fails")
}

#[tokio::test]
async fn no_error_shows_the_token() {
    let mut errors = Vec::new();
    for (status, body) in [
        (400, r#"{"error":"bad"}"#),
        (401, r#"{"error":"invalid_token"}"#),
        (404, r#"{"id":"customer not found"}"#),
        (429, "{}"),
        (500, "<html>oops</html>"),
        (418, "teapot"),
        (200, r#"{"id": 5"#),
    ] {
        errors.push(get_with(status, body).await);
    }
    let (_s, client) = support::raw_server(
        422,
        r#"{"email":["The email must be a valid email address."]}"#,
    )
    .await;
    let create = CustomerCreate {
        firstname: Some("John".to_owned()),
        ..Default::default()
    };
    errors.push(client.create_customer(&create).await.expect_err("422"));
    errors.push(
        client
            .create_customer(&CustomerCreate::default())
            .await
            .expect_err("invalid"),
    );

    // Nothing listens on a port that was just released: the connection is refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let refused = Client::builder()
        .base_url(&format!("http://127.0.0.1:{port}"))
        .bearer_token(TOKEN)
        .max_retries(0)
        .build()
        .expect("builds");
    let err = refused
        .list_customers(&ListCustomersParams::default())
        .await
        .expect_err("refused");
    assert!(
        matches!(&err, Error::Transport(t) if t.is_connect()),
        "{err:?}"
    );
    errors.push(err);

    // The server answers far later than the client waits.
    let (slow, _) =
        support::server_answering(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
            .await;
    let impatient = Client::builder()
        .base_url(&slow.uri())
        .bearer_token(TOKEN)
        .max_retries(0)
        .timeout(Duration::from_millis(200))
        .build()
        .expect("builds");
    errors.push(
        impatient
            .get_customer(CUSTOMER_ID)
            .await
            .expect_err("times out"),
    );

    let config = Client::builder()
        .base_url("not a url")
        .bearer_token(TOKEN)
        .build()
        .expect_err("bad URL");
    errors.push(config);

    let kinds: Vec<&str> = errors.iter().map(kind).collect();
    assert_eq!(
        kinds,
        [
            "BadRequest",
            "Unauthorized",
            "NotFound",
            "TooManyRequests",
            "InternalServerError",
            "UnexpectedStatus",
            "Decode",
            "UnprocessableEntity",
            "InvalidRequest",
            "Transport",
            "Timeout",
            "Config",
        ]
    );
    for err in &errors {
        assert_secret_free(err);
    }
}

//! Status handling: each declared error status gives its variant with the decoded body, undeclared statuses give
//! `UnexpectedStatus`, and success bodies that do not decode give `Decode` with the raw text.

use serde_json::json;
use stax_customer_client::{
    CustomerCreate, CustomerUpdate, Error, ListCustomersParams, NotFoundError, ValidationErrorValue,
};
use wiremock::ResponseTemplate;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer};

use crate::fixtures::CUSTOMER_ID;
use crate::support::{self, assert_secret_free};

/// `get_customer` against a server that answers once with `template`; returns the error.
async fn get_error(template: ResponseTemplate) -> Error {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(template)
        .expect(1)
        .mount(&server)
        .await;
    let err = support::client_for(&server)
        .get_customer(CUSTOMER_ID)
        .await
        .expect_err("must fail");
    assert_secret_free(&err);
    err
}

fn json_response(status: u16, body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

#[tokio::test]
async fn status_400_is_bad_request_with_its_body() {
    let msg = "The per page must be an integer.";
    let err = get_error(json_response(400, json!({"per_page": [msg]}))).await;
    assert_eq!(err.status(), Some(400));
    assert!(err.to_string().contains(msg), "{err}");
    let Error::BadRequest(e) = err else {
        panic!("expected BadRequest, got {err:?}")
    };
    assert_eq!(
        e.body().and_then(|b| b.get("per_page")),
        Some(&json!([msg]))
    );
}

#[tokio::test]
async fn status_401_is_unauthorized_with_its_body() {
    let err = get_error(json_response(401, json!({"error": "invalid_token"}))).await;
    assert_eq!(err.status(), Some(401));
    assert!(err.to_string().contains("invalid_token"), "{err}");
    let Error::Unauthorized(e) = err else {
        panic!("expected Unauthorized, got {err:?}")
    };
    assert_eq!(
        e.body().and_then(|b| b.get("error")),
        Some(&json!("invalid_token"))
    );
    assert_eq!(e.raw_body(), r#"{"error":"invalid_token"}"#);
}

#[tokio::test]
async fn status_404_is_not_found_with_the_id_message_on_every_id_operation() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(json_response(404, json!({"id": "customer not found"})))
        .expect(4)
        .mount(&server)
        .await;
    let client = support::client_for(&server);
    let errors = [
        client.get_customer(CUSTOMER_ID).await.map(drop),
        client
            .update_customer(CUSTOMER_ID, &CustomerUpdate::default())
            .await
            .map(drop),
        client.delete_customer(CUSTOMER_ID).await.map(drop),
        client
            .list_customer_payment_methods(CUSTOMER_ID)
            .await
            .map(drop),
    ];
    for result in errors {
        let err = result.expect_err("404 is an error");
        assert_eq!(err.status(), Some(404));
        assert!(err.to_string().contains("customer not found"), "{err}");
        let Error::NotFound(e) = err else {
            panic!("expected NotFound, got {err:?}")
        };
        assert_eq!(
            e.body(),
            Some(&NotFoundError {
                id: "customer not found".to_owned()
            })
        );
        assert_eq!(e.message(), "id: customer not found");
    }
}

#[tokio::test]
async fn status_422_is_unprocessable_entity_with_the_laravel_body() {
    let msg = "The email must be a valid email address.";
    let (server, client) = support::json_server(422, json!({"email": [msg]})).await;
    let create = CustomerCreate {
        email: Some("x@example.com".to_owned()),
        ..Default::default()
    };
    let err = client
        .create_customer(&create)
        .await
        .expect_err("422 is an error");
    assert_secret_free(&err);
    assert_eq!(err.status(), Some(422));
    assert!(err.to_string().contains(msg), "{err}");
    let Error::UnprocessableEntity(e) = err else {
        panic!("expected UnprocessableEntity, got {err:?}")
    };
    let body = e.body().expect("decoded as a map");
    assert_eq!(body.len(), 1);
    assert_eq!(
        body.get("email"),
        Some(&ValidationErrorValue::Array(vec![msg.to_owned()]))
    );
    assert_eq!(e.message(), format!("email: {msg}"));
    assert_eq!(support::requests(&server).await.len(), 1);
}

#[tokio::test]
async fn status_422_bodies_with_string_or_list_messages_decode() {
    let (_s, client) = support::json_server(422, json!({"id": "customer not found"})).await;
    let err = client.delete_customer(CUSTOMER_ID).await.expect_err("422");
    let Error::UnprocessableEntity(e) = err else {
        panic!("expected UnprocessableEntity, got {err:?}")
    };
    let want = ValidationErrorValue::String("customer not found".to_owned());
    assert_eq!(e.body().and_then(|b| b.get("id")), Some(&want));

    let (_s, client) =
        support::json_server(422, json!({"id": ["The selected id is invalid."]})).await;
    let err = client
        .list_customer_payment_methods(CUSTOMER_ID)
        .await
        .expect_err("422");
    assert!(
        err.to_string().contains("The selected id is invalid."),
        "{err}"
    );
    let Error::UnprocessableEntity(e) = err else {
        panic!("expected UnprocessableEntity, got {err:?}")
    };
    let want = ValidationErrorValue::Array(vec!["The selected id is invalid.".to_owned()]);
    assert_eq!(e.body().and_then(|b| b.get("id")), Some(&want));
}

#[tokio::test]
async fn status_429_is_too_many_requests_with_headers_and_one_attempt() {
    let template = json_response(429, json!({"message": "Too Many Attempts."}))
        .insert_header("Retry-After", "30");
    let err = get_error(template).await;
    assert_eq!(err.status(), Some(429));
    assert!(err.to_string().contains("Too Many Attempts."), "{err}");
    let Error::TooManyRequests(e) = err else {
        panic!("expected TooManyRequests, got {err:?}")
    };
    assert_eq!(e.body(), Some(&json!({"message": "Too Many Attempts."})));
    assert_eq!(
        e.headers().get("retry-after").and_then(|v| v.to_str().ok()),
        Some("30")
    );
}

#[tokio::test]
async fn status_500_is_internal_server_error_with_its_body() {
    let err = get_error(json_response(500, json!({"error": "Server Error"}))).await;
    assert_eq!(err.status(), Some(500));
    let Error::InternalServerError(e) = err else {
        panic!("expected InternalServerError, got {err:?}")
    };
    assert_eq!(
        e.body().and_then(|b| b.get("error")),
        Some(&json!("Server Error"))
    );
}

#[tokio::test]
async fn error_body_that_does_not_decode_keeps_the_raw_text() {
    let html = "<html><body><h1>500 Internal Server Error</h1></body></html>";
    let err = get_error(ResponseTemplate::new(500).set_body_raw(html, "text/html")).await;
    assert_eq!(err.status(), Some(500));
    assert!(
        err.to_string().contains("500 Internal Server Error"),
        "{err}"
    );
    let Error::InternalServerError(e) = err else {
        panic!("expected InternalServerError, got {err:?}")
    };
    assert_eq!(e.body(), None);
    assert_eq!(e.raw_body(), html);
}

#[tokio::test]
async fn status_401_with_a_bare_array_body_decodes_as_json() {
    // The spec types 401 bodies as any JSON value, because some are bare arrays rather than objects.
    let err = get_error(json_response(401, json!(["not team admin"]))).await;
    let Error::Unauthorized(e) = err else {
        panic!("expected Unauthorized, got {err:?}")
    };
    assert_eq!(
        (e.body(), e.raw_body()),
        (Some(&json!(["not team admin"])), r#"["not team admin"]"#)
    );
    assert_eq!(e.message(), "not team admin");
}

#[tokio::test]
async fn undeclared_statuses_are_unexpected_status() {
    let err = get_error(json_response(418, json!({"error": "teapot"}))).await;
    assert_eq!(err.status(), Some(418));
    let Error::UnexpectedStatus(e) = err else {
        panic!("expected UnexpectedStatus, got {err:?}")
    };
    assert_eq!(
        (e.status(), e.body()),
        (418, Some(&json!({"error": "teapot"})))
    );

    // 503 is retryable, but retries are off: one request, then the status is reported as is.
    let err = get_error(ResponseTemplate::new(503).set_body_string("maintenance")).await;
    let Error::UnexpectedStatus(e) = err else {
        panic!("expected UnexpectedStatus, got {err:?}")
    };
    assert_eq!(
        (e.status(), e.body(), e.raw_body()),
        (503, None, "maintenance")
    );

    // 404 is not declared for the list operation.
    let (_s, client) = support::json_server(404, json!({"error": "nope"})).await;
    let err = client
        .list_customers(&ListCustomersParams::default())
        .await
        .expect_err("404");
    assert!(matches!(err, Error::UnexpectedStatus(_)), "{err:?}");
    assert_eq!(err.status(), Some(404));
}

/// Asserts `err` is a `Decode` error for a 200 response whose raw body is `raw`.
fn assert_decode(err: Error, raw: &str) {
    assert_secret_free(&err);
    assert_eq!(err.status(), Some(200), "{err:?}");
    let Error::Decode(e) = err else {
        panic!("expected Decode, got {err:?}")
    };
    assert_eq!((e.status, e.raw.as_str()), (200, raw));
}

#[tokio::test]
async fn malformed_success_bodies_are_decode_errors_keeping_the_raw_body() {
    for raw in [
        r#"{"id": 5"#,
        "[]",
        r#"{"id": 5}"#,
        r#"{"firstname": "John"}"#,
        "",
    ] {
        let (_s, client) = support::raw_server(200, raw).await;
        assert_decode(client.get_customer(CUSTOMER_ID).await.expect_err(raw), raw);
    }
    let raw = r#"{"data": []}"#;
    let (_s, client) = support::raw_server(200, raw).await;
    assert_decode(
        client
            .list_customers(&ListCustomersParams::default())
            .await
            .expect_err(raw),
        raw,
    );
    let raw = r#"{"id": "pm"}"#;
    let (_s, client) = support::raw_server(200, raw).await;
    assert_decode(
        client
            .list_customer_payment_methods(CUSTOMER_ID)
            .await
            .expect_err(raw),
        raw,
    );
    let raw = "<html>OK</html>";
    let (_s, client) = support::raw_server(200, raw).await;
    assert_decode(
        client.delete_customer(CUSTOMER_ID).await.expect_err(raw),
        raw,
    );
}

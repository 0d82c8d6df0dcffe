//! The generated typed mocks (feature `mock`): matching by typed values, typed and raw answers, sequences, delays,
//! call counts, and the messages a test gets when the client's request is not the expected one.

use std::time::Duration;

use fixture_outputs::path_query_params as pq;
use serde_json::json;
use stax_customer_client::mock::{MockServer, UNMATCHED_STATUS};
use stax_customer_client::{Customer, CustomerUpdate, Error, NotFoundError};

fn customer(id: &str) -> Customer {
    let at = "2017-05-08 19:22:51";
    serde_json::from_value(json!({ "id": id, "email": "jane@example.com", "created_at": at, "updated_at": at }))
        .expect("a customer")
}

fn email_update() -> CustomerUpdate {
    CustomerUpdate { email: Some("jane@example.com".into()), ..Default::default() }
}

/// Runs `scenario` (which owns its mock server) as a task and returns its panic message; fails if it did not panic.
async fn panic_message<F: Future<Output = ()> + Send + 'static>(scenario: F) -> String {
    let err = tokio::spawn(scenario).await.expect_err("the scenario should fail");
    let payload = err.into_panic();
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

#[tokio::test]
async fn a_typed_expectation_matches_what_the_client_sends_and_counts_calls() {
    let server = MockServer::start().await;
    let mounted = server
        .update_customer()
        .id("c-42")
        .body(&email_update())
        .respond_ok(&customer("c-42"))
        .expect(1)
        .mount()
        .await;
    let got = server.client().update_customer("c-42", &email_update()).await.unwrap();
    assert_eq!(got, customer("c-42"));
    assert_eq!(mounted.calls(), 1);
    assert!(mounted.name().contains("update_customer (PUT /customer/{id})"), "{}", mounted.name());
    server.verify().await;
}

#[tokio::test]
async fn a_body_field_the_expectation_lacks_is_named_in_the_answer_and_when_the_server_is_dropped() {
    let message = panic_message(async {
        let server = MockServer::start().await;
        server.update_customer().id("c-42").body(&email_update()).respond_ok(&customer("c-42")).mount().await;
        let changed = CustomerUpdate { phone: Some("4075551234".into()), ..email_update() };
        let err = server.client().update_customer("c-42", &changed).await.unwrap_err();
        let Error::UnexpectedStatus(e) = &err else { panic!("wrong error: {err:?}") };
        assert_eq!(e.status(), UNMATCHED_STATUS);
        let text = err.to_string();
        assert!(text.contains("no expectation matched PUT /customer/c-42"), "{text}");
        assert!(text.contains("update_customer (PUT /customer/{id}): body:"), "{text}");
        assert!(text.contains(".phone"), "{text}");
        // The code under test might swallow the error: dropping the server still fails the test.
    })
    .await;
    assert!(message.contains("the client sent 1 request(s) that no expectation matched"), "{message}");
    assert!(message.contains("update_customer") && message.contains(".phone"), "{message}");
}

#[tokio::test]
async fn a_different_path_parameter_is_named_with_both_values() {
    let message = panic_message(async {
        let server = MockServer::start().await;
        server.get_customer().id("c-42").respond_ok(&customer("c-42")).mount().await;
        let err = server.client().get_customer("c-43").await.unwrap_err();
        assert_eq!(err.status(), Some(UNMATCHED_STATUS));
        server.verify().await;
    })
    .await;
    assert!(message.contains("path parameter `id`: expected `c-42`, got `c-43`"), "{message}");
}

#[tokio::test]
async fn a_request_for_an_operation_without_expectations_lists_what_is_mounted() {
    let server = MockServer::start().await;
    server.get_customer().respond_ok(&customer("c-1")).mount().await;
    let err = server.client().delete_customer("c-1").await.unwrap_err();
    let text = err.to_string();
    assert!(text.contains("no expectation for this operation (mounted: get_customer (GET /customer/{id}))"), "{text}");
    // Taking the miss keeps the drop check from failing this test: the miss was the point.
    assert_eq!(server.take_unmatched().len(), 1);
}

#[tokio::test]
async fn an_unmet_call_count_fails_verification_naming_the_operation() {
    let message = panic_message(async {
        let server = MockServer::start().await;
        server.get_customer().id("c-42").respond_ok(&customer("c-42")).expect(2).mount().await;
        server.client().get_customer("c-42").await.unwrap();
        server.verify().await;
    })
    .await;
    assert!(message.contains("get_customer (GET /customer/{id}) where path parameter `id` = `c-42`"), "{message}");
    assert!(message.contains("Number of matched incoming requests: 1"), "{message}");
}

#[tokio::test]
async fn typed_error_answers_come_back_as_their_variants() {
    let server = MockServer::start().await;
    let missing = NotFoundError { id: "customer not found".into() };
    server.get_customer().id("gone").respond_not_found(&missing).mount().await;
    match server.client().get_customer("gone").await {
        Err(Error::NotFound(e)) => assert_eq!(e.body(), Some(&missing)),
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[tokio::test]
async fn a_sequence_gives_each_answer_once_and_repeats_the_last() {
    let server = MockServer::start().await;
    let mounted = server
        .get_customer()
        .respond_raw(503, "busy")
        .retry_after(0)
        .respond_ok(&customer("c-1"))
        .mount()
        .await;
    let client = server.client();
    let first = client.get_customer("c-1").await.unwrap_err();
    assert_eq!(first.status(), Some(503), "the mock's client does not retry");
    let Error::UnexpectedStatus(e) = &first else { panic!("{first:?}") };
    assert_eq!(e.headers().get("retry-after").unwrap(), "0");
    assert_eq!(client.get_customer("c-1").await.unwrap(), customer("c-1"));
    assert_eq!(client.get_customer("c-1").await.unwrap(), customer("c-1"));
    assert_eq!(mounted.calls(), 3);
}

#[tokio::test]
async fn a_delayed_answer_runs_into_the_client_timeout() {
    let server = MockServer::start().await;
    server.get_customer().respond_ok(&customer("c-1")).delay(Duration::from_secs(5)).mount().await;
    let client = server.client_builder().timeout(Duration::from_millis(100)).build().unwrap();
    let err = client.get_customer("c-1").await.unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
}

#[tokio::test]
async fn params_match_the_whole_query_and_single_setters_one_parameter() {
    let server = pq::mock::MockServer::start().await;
    let params = pq::GetPostParams {
        format: Some("md".into()),
        keywords: Some(vec!["a b".into(), "c&d".into()]),
        x_request_id: Some("r-1".into()),
        session: Some("s-1".into()),
    };
    let post = pq::Post { title: "t".into() };
    let exact = server.get_post().user_id("u/1").post_number(7).params(&params).respond_ok(&post).mount().await;
    let client = server.client();
    assert_eq!(client.get_post("u/1", 7, &params).await.unwrap(), post);
    assert_eq!(exact.calls(), 1);

    // `params` matches the whole query: a parameter the expectation has must be sent, one it lacks must be absent.
    let fewer = pq::GetPostParams { format: None, ..params.clone() };
    let err = client.get_post("u/1", 7, &fewer).await.unwrap_err();
    assert!(err.to_string().contains("query parameter `format`: expected `md`, got none"), "{err}");

    let header = server.get_post().x_request_id("r-2").respond_ok(&post).mount().await;
    let other = pq::GetPostParams { x_request_id: Some("r-2".into()), ..Default::default() };
    client.get_post("u/2", 8, &other).await.unwrap();
    assert_eq!(header.calls(), 1);
    let err = client.get_post("u/2", 8, &pq::GetPostParams::default()).await.unwrap_err();
    assert!(err.to_string().contains("header `X-Request-Id`: expected `r-2`, got none"), "{err}");
    assert_eq!(server.take_unmatched().len(), 2);
}

#[tokio::test]
async fn an_expectation_without_an_answer_is_refused_at_mount() {
    let message = panic_message(async {
        let server = MockServer::start().await;
        let _ = server.get_customer().id("c-1").mount().await;
    })
    .await;
    assert!(message.contains("the `get_customer` expectation has no answer"), "{message}");
}

#[tokio::test]
async fn names_that_clash_get_their_location_and_the_success_status_is_the_specs() {
    use fixture_outputs::collisions as c;
    let server = c::mock::MockServer::start().await;
    let mounted = server
        .start_call()
        .id("j 1")
        .query_id("q")
        .query_expect("x")
        .header_respond_ok("h")
        .respond_ok()
        .expect(2)
        .mount()
        .await;
    let params = c::StartParams { id: Some("q".into()), expect: Some("x".into()), respond_ok: Some("h".into()) };
    server.client().start("j 1", &params).await.unwrap();
    assert_eq!(mounted.calls(), 1);
    let sent = &server.received_requests().await[0];
    assert_eq!(sent.url.path(), "/start/j%201");
    // `respond_ok` answers the status the spec declares for success (204 here), not a fixed 200.
    let answered = reqwest::Client::new().post(format!("{}/start/j%201?id=q&expect=x", server.base_url()))
        .header("respond_ok", "h")
        .send()
        .await
        .unwrap();
    assert_eq!(answered.status(), 204);
    assert_eq!(mounted.calls(), 2);
}

//! Retries by status: which requests are repeated, how often, and how long the client waits (`Retry-After`);
//! and error responses whose body is not the declared JSON.

use std::time::{Duration, Instant, SystemTime};

use stax_customer_client::Error;
use wiremock::ResponseTemplate;

use super::support::{CUSTOMER, HTML, ID, Script, builder, json, new_customer, serve};

#[tokio::test]
async fn get_503_then_200_is_retried() {
    let script = Script::new(|n| {
        if n == 0 {
            json(503, "")
        } else {
            json(200, CUSTOMER)
        }
    });
    let server = serve("GET", "/customer/cus_1", &script).await;
    let client = builder(&server.uri()).build().unwrap();
    let customer = client.get_customer(ID).await.unwrap();
    assert_eq!(customer.id, ID);
    assert_eq!(customer.firstname.as_deref(), Some("Ada"));
    assert_eq!(script.arrivals().len(), 2);
}

#[tokio::test]
async fn post_503_is_not_retried() {
    let script = Script::new(|_| json(503, r#"{"error":"busy"}"#));
    let server = serve("POST", "/customer", &script).await;
    let client = builder(&server.uri()).build().unwrap();
    let err = client.create_customer(&new_customer()).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert!(matches!(err, Error::UnexpectedStatus(_)), "{err:?}");
    assert_eq!(script.arrivals().len(), 1);
}

#[tokio::test]
async fn retry_after_seconds_is_honoured() {
    let script = Script::new(|n| match n {
        0 => json(429, r#"{"error":"Too Many Attempts."}"#).insert_header("Retry-After", "1"),
        _ => json(200, CUSTOMER),
    });
    let server = serve("GET", "/customer/cus_1", &script).await;
    let client = builder(&server.uri()).build().unwrap();
    client.get_customer(ID).await.unwrap();
    let arrivals = script.arrivals();
    assert_eq!(arrivals.len(), 2);
    let gap = arrivals[1] - arrivals[0];
    assert!(
        gap >= Duration::from_millis(1000),
        "retried after {gap:?}, before Retry-After: 1"
    );
    assert!(gap < Duration::from_secs(10), "waited {gap:?}");
}

#[tokio::test]
async fn retry_after_http_date_is_honoured() {
    // The date has whole seconds, so "now + 2 s" lies between 1 and 2 s ahead when it is sent.
    let script = Script::new(|n| match n {
        0 => {
            let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
            json(503, "").insert_header("Retry-After", date.as_str())
        }
        _ => json(200, CUSTOMER),
    });
    let server = serve("GET", "/customer/cus_1", &script).await;
    let client = builder(&server.uri()).build().unwrap();
    client.get_customer(ID).await.unwrap();
    let arrivals = script.arrivals();
    assert_eq!(arrivals.len(), 2);
    let gap = arrivals[1] - arrivals[0];
    assert!(
        gap >= Duration::from_millis(900),
        "retried after {gap:?}, before the Retry-After date"
    );
    assert!(gap < Duration::from_secs(10), "waited {gap:?}");
}

#[tokio::test]
async fn retry_after_is_capped_by_max_retry_after() {
    let script = Script::new(|n| match n {
        0 => json(429, "{}").insert_header("Retry-After", "3600"),
        _ => json(200, CUSTOMER),
    });
    let server = serve("GET", "/customer/cus_1", &script).await;
    let client = builder(&server.uri())
        .max_retry_after(Duration::from_millis(20))
        .build()
        .unwrap();
    let started = Instant::now();
    client.get_customer(ID).await.unwrap();
    assert_eq!(script.arrivals().len(), 2);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn max_retries_limits_the_attempts() {
    for (retries, expected) in [(2, 3), (0, 1)] {
        let script = Script::new(|_| json(503, r#"{"error":"busy"}"#));
        let server = serve("GET", "/customer/cus_1", &script).await;
        let client = builder(&server.uri()).max_retries(retries).build().unwrap();
        let err = client.get_customer(ID).await.unwrap_err();
        assert_eq!(err.status(), Some(503), "{err:?}");
        assert!(matches!(err, Error::UnexpectedStatus(_)), "{err:?}");
        assert_eq!(script.arrivals().len(), expected, "max_retries({retries})");
    }
}

#[tokio::test]
async fn status_500_is_never_retried() {
    let script = Script::new(|_| json(500, r#"{"error":"boom"}"#));
    let server = serve("GET", "/customer/cus_1", &script).await;
    let client = builder(&server.uri()).max_retries(5).build().unwrap();
    let err = client.get_customer(ID).await.unwrap_err();
    let Error::InternalServerError(api) = &err else {
        panic!("expected InternalServerError, got {err:?}")
    };
    assert_eq!(api.status(), 500);
    assert_eq!(
        api.body().and_then(|b| b.get("error")),
        Some(&serde_json::json!("boom"))
    );
    assert_eq!(script.arrivals().len(), 1);
}

#[tokio::test]
async fn html_error_page_keeps_the_raw_body() {
    let script = Script::new(|_| {
        ResponseTemplate::new(500).set_body_raw(HTML.as_bytes().to_vec(), "text/html")
    });
    let server = serve("GET", "/customer/cus_1", &script).await;
    let client = builder(&server.uri()).build().unwrap();
    let err = client.get_customer(ID).await.unwrap_err();
    let Error::InternalServerError(api) = &err else {
        panic!("expected InternalServerError, got {err:?}")
    };
    assert_eq!(api.raw_body(), HTML);
    assert!(api.body().is_none());
    assert!(err.to_string().contains("502 Bad Gateway"), "{err}");
}

#[tokio::test]
async fn html_on_200_is_a_decode_error_with_the_raw_body() {
    let script = Script::new(|_| {
        ResponseTemplate::new(200).set_body_raw(HTML.as_bytes().to_vec(), "text/html")
    });
    let server = serve("GET", "/customer/cus_1", &script).await;
    let client = builder(&server.uri()).build().unwrap();
    let err = client.get_customer(ID).await.unwrap_err();
    assert_eq!(err.status(), Some(200));
    let Error::Decode(decode) = &err else {
        panic!("expected Decode, got {err:?}")
    };
    assert_eq!(decode.status, 200);
    assert_eq!(decode.raw, HTML);
    assert_eq!(script.arrivals().len(), 1);
}

//! Self-tests of the in-process fake Stax server, using plain `reqwest`.

use integration_tests::fake_stax::FakeStax;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

const TOKEN: &str = "test-token";

/// Sends a request with the right bearer token and returns status and JSON body.
async fn call(
    fake: &FakeStax,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let url = format!("{}{}", fake.base_url(), path);
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = Client::new().request(method, url).bearer_auth(TOKEN);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn rejects_missing_or_wrong_token_and_records_requests() {
    let fake = FakeStax::start(TOKEN).await;
    let url = format!("{}/customer?page=1", fake.base_url());
    let response = Client::new().get(&url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"error": "invalid_token"})
    );
    let response = Client::new()
        .get(&url)
        .bearer_auth("nope")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    let requests = fake.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].path, "/customer");
    assert_eq!(requests[0].query.as_deref(), Some("page=1"));
    assert_eq!(requests[0].authorization, None);
    assert_eq!(requests[1].authorization.as_deref(), Some("Bearer nope"));
}

#[tokio::test]
async fn customer_lifecycle() {
    let fake = FakeStax::start(TOKEN).await;
    let body = json!({"firstname": "John", "lastname": "Smith", "email": "john@example.com",
        "address_state": "FL", "id": "ignored", "created_at": "ignored"});
    let (status, created) = call(&fake, "POST", "/customer", Some(body.clone())).await;
    assert_eq!(status, StatusCode::OK);
    let id = created["id"].as_str().unwrap().to_owned();
    assert_ne!(id, "ignored");
    assert_eq!(created["firstname"], "John");
    assert_eq!(created["options"], Value::Null);
    assert_eq!(created["cc_emails"], Value::Null);
    assert_eq!(created["deleted_at"], Value::Null);
    assert_eq!(created["has_address"], true);
    assert_eq!(created["missing_address_components"], json!([]));
    assert!(
        created["gravatar"]
            .as_str()
            .unwrap()
            .starts_with("//www.gravatar.com/avatar/")
    );
    assert_eq!(created["created_at"].as_str().unwrap().len(), 19);
    assert_eq!(fake.requests()[0].body, body.to_string());

    let (status, got) = call(&fake, "GET", &format!("/customer/{id}"), None).await;
    assert_eq!((status, &got), (StatusCode::OK, &created));

    let patch = json!({"lastname": "Jones", "email": null});
    let (status, updated) = call(&fake, "PUT", &format!("/customer/{id}"), Some(patch)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(updated["firstname"], "John");
    assert_eq!(updated["lastname"], "Jones");
    assert_eq!(updated["email"], Value::Null);
    assert_eq!(updated["created_at"], created["created_at"]);
    assert_ne!(updated["updated_at"], created["updated_at"]);

    let (status, deleted) = call(&fake, "DELETE", &format!("/customer/{id}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(deleted["deleted_at"].is_string());
    let (status, again) = call(&fake, "DELETE", &format!("/customer/{id}"), None).await;
    assert_eq!((status, &again), (StatusCode::OK, &deleted));

    let (status, page) = call(&fake, "GET", "/customer", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["total"], 0);
    assert_eq!(page["last_page"], 1);
    assert_eq!((&page["from"], &page["to"]), (&Value::Null, &Value::Null));
    assert_eq!(page["data"], json!([]));

    // Still retrievable, but no longer updatable.
    let (status, got) = call(&fake, "GET", &format!("/customer/{id}"), None).await;
    assert_eq!((status, &got), (StatusCode::OK, &deleted));
    assert_eq!(fake.customer(&id).unwrap(), deleted);
    let (status, err) = call(&fake, "PUT", &format!("/customer/{id}"), Some(json!({}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err, json!({"id": ["Cannot update a deleted customer."]}));
}

#[tokio::test]
async fn pagination_drops_filters_from_page_urls() {
    let fake = FakeStax::start(TOKEN).await;
    for n in 1..=5 {
        fake.insert_customer(json!({"firstname": format!("Ann{n}"), "company": "Acme"}));
    }
    fake.insert_customer(json!({"firstname": "Bob", "company": "Other"}));
    let (status, page) = call(&fake, "GET", "/customer?company=acme&per_page=2", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["total"], 5);
    assert_eq!(page["per_page"], 2);
    assert_eq!(page["current_page"], 1);
    assert_eq!(page["last_page"], 3);
    let base = fake.base_url();
    assert_eq!(page["next_page_url"], format!("{base}/customer?page=2"));
    assert_eq!(page["prev_page_url"], Value::Null);
    assert_eq!(
        (page["from"].clone(), page["to"].clone()),
        (json!(1), json!(2))
    );

    let (_, last) = call(
        &fake,
        "GET",
        "/customer?company=acme&per_page=2&page=3",
        None,
    )
    .await;
    assert_eq!(last["data"].as_array().unwrap().len(), 1);
    assert_eq!(last["data"][0]["firstname"], "Ann5");
    assert_eq!(last["next_page_url"], Value::Null);
    assert_eq!(last["prev_page_url"], format!("{base}/customer?page=2"));
    assert_eq!(
        (last["from"].clone(), last["to"].clone()),
        (json!(5), json!(5))
    );

    let (_, sorted) = call(&fake, "GET", "/customer?sort=firstname&order=DESC", None).await;
    let names: Vec<&str> = sorted["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["firstname"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Bob", "Ann5", "Ann4", "Ann3", "Ann2", "Ann1"]);
}

#[tokio::test]
async fn keywords_must_all_match() {
    let fake = FakeStax::start(TOKEN).await;
    fake.insert_customer(json!({"firstname": "Alice", "notes": "VIP customer"}));
    fake.insert_customer(json!({"firstname": "Alan", "reference": "vip-2"}));
    fake.insert_customer(json!({"firstname": "Bob", "notes": "vip"}));
    let (_, one) = call(&fake, "GET", "/customer?keywords[]=AL&keywords[]=vip", None).await;
    assert_eq!(one["total"], 2);
    let (_, two) = call(
        &fake,
        "GET",
        "/customer?keywords%5B%5D=al&keywords%5B%5D=ice",
        None,
    )
    .await;
    assert_eq!(two["total"], 1);
    assert_eq!(two["data"][0]["firstname"], "Alice");
}

#[tokio::test]
async fn error_shapes() {
    let fake = FakeStax::start(TOKEN).await;
    let (status, err) = call(&fake, "POST", "/customer", Some(json!({"phone": "123"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        err["firstname"],
        json!([
            "The firstname field is required when none of lastname / email / company are present."
        ])
    );
    assert_eq!(
        err["company"],
        json!([
            "The company field is required when none of firstname / lastname / email are present."
        ])
    );
    assert_eq!(err["phone"], json!(["The phone format is invalid."]));

    let bad = json!({"email": "nope", "address_state": "FLA", "address_country": "us", "cc_emails": ["x"]});
    let (status, err) = call(&fake, "POST", "/customer", Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let keys: Vec<&String> = err.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["email", "address_state", "address_country", "cc_emails.0"]
    );
    assert_eq!(
        err["address_state"],
        json!(["The address_state may not be greater than 2 characters."])
    );

    let id = fake.insert_customer(json!({"email": "a@b.co"}));
    let (status, err) = call(
        &fake,
        "PUT",
        &format!("/customer/{id}"),
        Some(json!({"email": ""})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err.as_object().unwrap().len(), 4);

    let missing = "/customer/00000000-0000-4000-8000-ffffffffffff";
    for method in ["GET", "PUT", "DELETE"] {
        let (status, err) = call(&fake, method, missing, None).await;
        assert_eq!(
            (status, err),
            (StatusCode::NOT_FOUND, json!({"id": "customer not found"}))
        );
    }
    let (status, err) = call(&fake, "GET", &format!("{missing}/payment-method"), None).await;
    assert_eq!(
        (status, err),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"id": ["The selected id is invalid."]})
        )
    );
    fake.insert_payment_method(&id, json!({"id": "pm1", "method": "card"}));
    let (status, pms) = call(
        &fake,
        "GET",
        &format!("/customer/{id}/payment-method"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        pms,
        json!([{"id": "pm1", "method": "card", "customer_id": id}])
    );

    let (status, err) = call(&fake, "GET", "/customer?sort=phone&order=up", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        err,
        json!({"sort": ["The selected sort is invalid."], "order": ["The selected order is invalid."]})
    );
}

#[tokio::test]
async fn decoded_ids_bad_json_and_unknown_routes() {
    let fake = FakeStax::start(TOKEN).await;
    let id = fake.insert_customer(json!({"id": "a b/c", "company": "Acme"}));
    let (status, got) = call(&fake, "GET", "/customer/a%20b%2Fc", None).await;
    assert_eq!((status, &got["id"]), (StatusCode::OK, &json!(id)));
    assert_eq!(fake.requests()[0].path, "/customer/a%20b%2Fc");

    let url = format!("{}/customer", fake.base_url());
    let response = Client::new()
        .post(&url)
        .bearer_auth(TOKEN)
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (status, _) = call(&fake, "GET", "/nope", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

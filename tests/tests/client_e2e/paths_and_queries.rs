//! Where requests go: ids percent-encoded as one path segment, list parameters form-encoded in the query.

use serde_json::json;
use stax_customer_client::{
    CustomerUpdate, Error, ListCustomersOrder, ListCustomersParams, ListCustomersSort,
};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fixtures;
use crate::support::{self, RawPath};

#[tokio::test]
async fn ids_are_percent_encoded_as_one_path_segment() {
    let server = MockServer::start().await;
    let customer = ResponseTemplate::new(200).set_body_json(fixtures::customer());
    Mock::given(RawPath("/customer/a%2Fb%20c".to_owned()))
        .respond_with(customer)
        .expect(3)
        .mount(&server)
        .await;
    Mock::given(RawPath("/customer/a%2Fb%20c/payment-method".to_owned()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let client = support::client_for(&server);
    let id = "a/b c";
    client.get_customer(id).await.expect("get");
    client
        .update_customer(id, &CustomerUpdate::default())
        .await
        .expect("update");
    client.delete_customer(id).await.expect("delete");
    assert_eq!(
        client
            .list_customer_payment_methods(id)
            .await
            .expect("payment methods"),
        []
    );
    server.verify().await;
    let methods: Vec<String> = support::requests(&server)
        .await
        .iter()
        .map(|r| r.method.to_string())
        .collect();
    assert_eq!(methods, ["GET", "PUT", "DELETE", "GET"]);
}

#[tokio::test]
async fn reserved_characters_in_ids_stay_in_the_path() {
    let (server, client) = support::json_server(200, fixtures::customer()).await;
    client.get_customer("x?y#z%").await.expect("get");
    let req = support::single_request(&server).await;
    assert_eq!(req.url.path(), "/customer/x%3Fy%23z%25");
    assert_eq!(req.url.query(), None);
}

/// Calls `list_customers` with `params` and returns the raw query string the server saw.
async fn query_of(params: &ListCustomersParams) -> Option<String> {
    let (server, client) = support::json_server(200, fixtures::page(vec![])).await;
    client.list_customers(params).await.expect("list succeeds");
    let req = support::single_request(&server).await;
    assert_eq!((req.method.as_str(), req.url.path()), ("GET", "/customer"));
    req.url.query().map(str::to_owned)
}

#[tokio::test]
async fn default_list_params_send_no_query_string() {
    assert_eq!(query_of(&ListCustomersParams::default()).await, None);
}

#[tokio::test]
async fn keywords_are_sent_once_per_keyword_in_order() {
    let params = ListCustomersParams {
        keywords: Some(vec!["a".into(), "b".into()]),
        ..Default::default()
    };
    assert_eq!(
        query_of(&params).await.as_deref(),
        Some("keywords%5B%5D=a&keywords%5B%5D=b")
    );
}

#[tokio::test]
async fn filters_and_paging_are_form_encoded_in_parameter_order() {
    let params = ListCustomersParams {
        firstname: Some("Jo Ann".into()),
        email: Some("a@b.com".into()),
        keywords: Some(vec!["x&y".into()]),
        page: Some(2),
        per_page: Some(25),
        ..Default::default()
    };
    assert_eq!(
        query_of(&params).await.as_deref(),
        Some("firstname=Jo+Ann&email=a%40b.com&keywords%5B%5D=x%26y&page=2&per_page=25")
    );
}

#[tokio::test]
async fn sort_and_order_are_sent_as_plain_values() {
    let params = ListCustomersParams {
        page: Some(1),
        sort: Some(ListCustomersSort::CreatedAt),
        order: Some(ListCustomersOrder::Desc),
        ..Default::default()
    };
    assert_eq!(
        query_of(&params).await.as_deref(),
        Some("page=1&sort=created_at&order=DESC")
    );
}

/// `""`, `"."` and `".."` cannot be one path segment: URL parsing drops dot segments (even `%2E`), so
/// `delete_customer("..")` would become `DELETE /`. Such ids must be refused before anything is sent.
#[tokio::test]
async fn empty_and_dot_ids_are_refused_without_sending() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(fixtures::customer()))
        .expect(0)
        .mount(&server)
        .await;
    let client = support::client_for(&server);
    let refused = |what: &str, result: Result<(), Error>| {
        let err = result.expect_err(what);
        let Error::InvalidRequest(v) = &err else {
            panic!("{what}: expected InvalidRequest, got {err:?}")
        };
        let fields: Vec<&str> = v.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["id"], "{what}");
    };
    for id in ["", ".", ".."] {
        refused(
            &format!("get {id:?}"),
            client.get_customer(id).await.map(drop),
        );
        let update = client.update_customer(id, &CustomerUpdate::default()).await;
        refused(&format!("update {id:?}"), update.map(drop));
        refused(
            &format!("delete {id:?}"),
            client.delete_customer(id).await.map(drop),
        );
        let methods = client.list_customer_payment_methods(id).await;
        refused(&format!("payment methods {id:?}"), methods.map(drop));
    }
    let sent: Vec<String> = support::requests(&server)
        .await
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    assert_eq!(sent, Vec::<String>::new());
}

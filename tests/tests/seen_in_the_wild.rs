//! Constructs seen in public API descriptions that used to break the generated client (issue 10, "What was seen"),
//! each exercised through its fixture's generated client (`tests/fixtures/<name>.yaml`, in the fixture crate).
//!
//! The fixture crate compiling without warnings is the proof for what is a compile error or warning (items 4, 5, 6);
//! these tests check the behaviour at run time against wiremock on 127.0.0.1.

use fixture_outputs::{all_of_annotations, checked_with_params, method_shapes, required_self_ref, responses_optional_31};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Item 1: an operation without `responses` returns `()` on any 2xx and keeps the raw body of any other status.
#[tokio::test]
async fn an_operation_without_responses_returns_unit_and_keeps_error_bodies() {
    use responses_optional_31::{Client, Error};
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path("/ping")).respond_with(ResponseTemplate::new(202).set_body_string("queued"))
        .mount(&server).await;
    Mock::given(method("DELETE")).and(path("/things/t1"))
        .respond_with(ResponseTemplate::new(409).set_body_string("{\"why\":\"in use\"}"))
        .mount(&server).await;
    let client = Client::builder().base_url(&server.uri()).build().expect("client");
    client.ping().await.expect("any 2xx is success");
    match client.delete_thing("t1").await {
        Err(Error::UnexpectedStatus(e)) => {
            assert_eq!(e.status(), 409);
            assert_eq!(e.raw_body(), "{\"why\":\"in use\"}");
        }
        other => panic!("expected UnexpectedStatus(409), got {other:?}"),
    }
}

/// Item 5: a required self reference is optional in Rust, so a finite JSON value decodes and validates.
#[test]
fn a_required_self_reference_decodes_finite_values() {
    use required_self_ref::{Husband, TreeNode};
    let node: TreeNode = serde_json::from_value(json!({"name": "leaf", "parent": {"name": "root"}})).expect("decodes");
    let parent = node.parent.as_deref().expect("parent kept");
    assert_eq!((node.name.as_str(), parent.name.as_str(), parent.parent.is_none()), ("leaf", "root", true));
    assert!(node.validate().is_ok());
    let bad = TreeNode { name: String::new(), parent: Some(Box::new(node.clone())), children: None };
    let errors = bad.validate().expect_err("empty name");
    assert_eq!(errors.errors.len(), 1, "{errors}");
    let pair: Husband = serde_json::from_value(json!({"wife": {"name": "Ann"}})).expect("mutual cycle decodes");
    assert_eq!(pair.wife.name, "Ann");
    assert!(pair.wife.husband.is_none());
}

/// Item 6: the checked update passes the write's own query and header parameters on to the PUT.
#[tokio::test]
async fn a_checked_update_sends_the_query_and_header_parameters() {
    use checked_with_params::{Client, ItemUpdate, UpdateItemParams};
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/items/i1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "i1", "name": "old", "size": 3})))
        .mount(&server).await;
    Mock::given(method("PUT")).and(path("/items/i1")).and(query_param("dry_run", "true"))
        .and(header("x-request-id", "r-1")).and(body_json(json!({"name": "new"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "i1", "name": "new", "size": 3})))
        .expect(1).mount(&server).await;
    let client = Client::builder().base_url(&server.uri()).build().expect("client");
    let params = UpdateItemParams { dry_run: Some(true), x_request_id: Some("r-1".into()) };
    let update = ItemUpdate { name: Some("new".into()), size: Some(3) };
    let item = client.update_item_checked("i1", &params, &update).await.expect("updated");
    assert_eq!(item.name.as_deref(), Some("new"));
    // The parameters are checked before anything is sent (maxLength 8).
    let long = UpdateItemParams { dry_run: None, x_request_id: Some("much-too-long".into()) };
    let err = client.update_item_checked("i1", &long, &update).await.expect_err("invalid header");
    assert!(err.to_string().contains("X-Request-Id"), "{err}");
}

/// Item 7: `allOf: [{$ref: EventType}, {description: ..}]` decodes as the typed member, not as a JSON map.
#[tokio::test]
async fn annotated_references_decode_as_their_type() {
    use all_of_annotations::{Client, EventRequest, EventType};
    let server = MockServer::start().await;
    let events = json!([{"type": "created", "at": "2020-01-01T00:00:00Z", "count": null, "id": "e1"}, {"type": "deleted", "count": 2}]);
    Mock::given(method("GET")).and(path("/events")).respond_with(ResponseTemplate::new(200).set_body_json(events))
        .mount(&server).await;
    Mock::given(method("POST")).and(path("/events")).and(body_json(json!({"type": "deleted", "count": null})))
        .respond_with(ResponseTemplate::new(204)).expect(1).mount(&server).await;
    let client = Client::builder().base_url(&server.uri()).build().expect("client");
    let got = client.list_events().await.expect("decodes");
    assert_eq!(got[0].r#type, EventType::Created);
    assert_eq!((got[0].count, got[1].count), (None, Some(2)));
    assert_eq!(got[0].at.as_deref(), Some("2020-01-01T00:00:00Z"));
    // The annotation's readOnly keeps `id` out of the sent type; its `nullable` lets the request clear `count`.
    let sent = EventRequest { r#type: EventType::Deleted, at: None, count: Some(None) };
    client.create_event(&sent).await.expect("sent");
    // Properties beside the `allOf` are merged with its member, not dropped.
    let labelled: all_of_annotations::Labelled = serde_json::from_value(json!({"id": "b1", "label": "x"})).expect("merged");
    assert_eq!((labelled.id.as_deref(), labelled.label.as_str()), (Some("b1"), "x"));
    // An allOf of scalars is that scalar (it was a JSON object map, and a string failed to decode).
    let page: all_of_annotations::Page = serde_json::from_value(json!({"slug": "intro", "tags": ["a"]})).expect("scalars");
    assert_eq!((page.slug.as_deref(), page.tags.as_deref()), (Some("intro"), Some(&["a".to_owned()][..])));
}

/// Item 6, more shapes: a page stream over an integer path parameter and a required header, and a checked PATCH
/// whose only parameter is a header, both send every argument they are given.
#[tokio::test]
async fn streams_and_checked_updates_send_all_their_arguments() {
    use futures_util::TryStreamExt;
    use method_shapes::{Client, ItemPatch, ListItemsParams, PatchItemParams};
    let server = MockServer::start().await;
    for (page, last) in [("1", 2), ("2", 2)] {
        Mock::given(method("GET")).and(path("/lists/7/items")).and(query_param("page", page)).and(header("x-trace", "t"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": [{"id": format!("p{page}")}], "last_page": last})))
            .expect(1).mount(&server).await;
    }
    Mock::given(method("GET")).and(path("/lists/7/items/a"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "a", "name": "old"}))).mount(&server).await;
    Mock::given(method("PATCH")).and(path("/lists/7/items/a")).and(header("if-match", "v1"))
        .and(body_json(json!({"name": "new"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "a", "name": "new"}))).expect(1).mount(&server).await;
    let client = Client::builder().base_url(&server.uri()).build().expect("client");
    let params = ListItemsParams { page: None, x_trace: "t".into() };
    let ids: Vec<String> = client.list_items_stream(7, &params).map_ok(|i| i.id).try_collect().await.expect("pages");
    assert_eq!(ids, ["p1", "p2"]);
    let patch = ItemPatch { name: Some("new".into()) };
    let item = client.patch_item_checked(7, "a", &PatchItemParams { if_match: "v1".into() }, &patch).await.expect("patched");
    assert_eq!(item.name.as_deref(), Some("new"));
}

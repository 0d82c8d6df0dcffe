//! `list_customers_stream` over several pages of the fake server (filters kept on every page, lazy fetching, stop
//! at the last page), sort parameters, and an error in the middle of a stream (wiremock).

use futures_util::{StreamExt, TryStreamExt};
use integration_tests::fake_stax::FakeStax;
use serde_json::{Value, json};
use stax_customer_client::{
    Customer, Error, ListCustomersOrder, ListCustomersParams, ListCustomersSort,
};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::support::{TOKEN, client, has, query};

/// Seeds `n` customers matching the filters below and a few that do not; returns the matching ids in order.
fn seed(fake: &FakeStax, n: usize) -> Vec<String> {
    let ids = (0..n)
        .map(|i| {
            fake.insert_customer(
                json!({"firstname": format!("Ada{i}"), "company": format!("ACME Corp {i}")}),
            )
        })
        .collect();
    for i in 0..3 {
        fake.insert_customer(json!({"firstname": format!("Bob{i}"), "company": "Globex Corp"}));
    }
    ids
}

fn filtered(per_page: i64) -> ListCustomersParams {
    ListCustomersParams {
        company: Some("acme".into()),
        keywords: Some(vec!["corp".into()]),
        per_page: Some(per_page),
        ..Default::default()
    }
}

#[tokio::test]
async fn stream_walks_every_page_keeping_the_filters() {
    let fake = FakeStax::start(TOKEN).await;
    let ids = seed(&fake, 7);
    let client = client(&fake.base_url());

    // The server's next_page_url drops the filters; the stream must not rely on it.
    let first = client.list_customers(&filtered(3)).await.unwrap();
    assert_eq!((first.total, first.last_page), (7, 3));
    assert_eq!(
        first.next_page_url,
        Some(format!("{}/customer?page=2", fake.base_url()))
    );

    let n = fake.requests().len();
    let items: Vec<Customer> = client
        .list_customers_stream(&filtered(3))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.iter().map(|c| c.id.clone()).collect::<Vec<_>>(), ids);
    let requests = &fake.requests()[n..];
    assert_eq!(
        requests.len(),
        3,
        "pages 1 to 3, nothing after the last page"
    );
    for (i, req) in requests.iter().enumerate() {
        let q = query(req);
        assert_eq!(
            (req.method.as_str(), req.path.as_str()),
            ("GET", "/customer")
        );
        assert!(has(&q, "page", &(i + 1).to_string()), "{q:?}");
        assert!(
            has(&q, "company", "acme") && has(&q, "keywords[]", "corp") && has(&q, "per_page", "3"),
            "{q:?}"
        );
    }
}

#[tokio::test]
async fn stream_is_lazy_and_stops_at_an_exact_last_page() {
    let fake = FakeStax::start(TOKEN).await;
    let ids = seed(&fake, 6);
    let client = client(&fake.base_url());
    let mut stream = client.list_customers_stream(&filtered(3));
    for id in &ids[..3] {
        assert_eq!(&stream.next().await.unwrap().unwrap().id, id);
    }
    assert_eq!(
        fake.requests().len(),
        1,
        "page 2 is fetched only when needed"
    );
    for id in &ids[3..] {
        assert_eq!(&stream.next().await.unwrap().unwrap().id, id);
    }
    assert!(stream.next().await.is_none());
    assert_eq!(fake.requests().len(), 2, "no request for an empty page 3");
}

#[tokio::test]
async fn stream_starts_at_the_given_page_and_handles_no_match() {
    let fake = FakeStax::start(TOKEN).await;
    let ids = seed(&fake, 5);
    let client = client(&fake.base_url());
    let params = ListCustomersParams {
        page: Some(2),
        ..filtered(2)
    };
    let items: Vec<Customer> = client
        .list_customers_stream(&params)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        items.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
        ids[2..]
    );
    let pages: Vec<_> = fake
        .requests()
        .iter()
        .map(|r| query(r).into_iter().find(|(k, _)| k == "page"))
        .collect();
    assert_eq!(
        pages,
        [
            Some(("page".into(), "2".into())),
            Some(("page".into(), "3".into()))
        ]
    );

    let n = fake.requests().len();
    let none = ListCustomersParams {
        company: Some("initech".into()),
        ..Default::default()
    };
    let items: Vec<Customer> = client
        .list_customers_stream(&none)
        .try_collect()
        .await
        .unwrap();
    assert!(items.is_empty());
    assert_eq!(fake.requests().len(), n + 1);
}

#[tokio::test]
async fn list_sends_sort_and_order() {
    let fake = FakeStax::start(TOKEN).await;
    for name in ["Bea", "Cy", "Al"] {
        fake.insert_customer(json!({"firstname": name}));
    }
    let client = client(&fake.base_url());
    let params = ListCustomersParams {
        sort: Some(ListCustomersSort::Firstname),
        order: Some(ListCustomersOrder::Desc),
        ..Default::default()
    };
    let page = client.list_customers(&params).await.unwrap();
    let q = query(&fake.requests()[0]);
    assert!(
        has(&q, "sort", "firstname") && has(&q, "order", "DESC"),
        "sort/order not sent: {q:?}"
    );
    let names: Vec<_> = page
        .data
        .iter()
        .map(|c| c.firstname.clone().unwrap())
        .collect();
    assert_eq!(names, ["Cy", "Bea", "Al"]);
}

fn page(current: i64, last: i64, ids: &[&str]) -> ResponseTemplate {
    let stamp = "2017-05-08 19:22:51";
    let data: Vec<Value> = ids
        .iter()
        .map(|id| json!({"id": id, "created_at": stamp, "updated_at": stamp}))
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "total": 6, "per_page": 2, "current_page": current, "last_page": last, "data": data,
    }))
}

#[tokio::test]
async fn stream_error_mid_way_is_yielded_once_then_ends() {
    let server = MockServer::start().await;
    let list = || Mock::given(method("GET")).and(path("/customer"));
    list()
        .and(query_param("page", "1"))
        .respond_with(page(1, 3, &["a", "b"]))
        .mount(&server)
        .await;
    let boom = ResponseTemplate::new(500).set_body_json(json!({"error": "boom"}));
    list()
        .and(query_param("page", "2"))
        .respond_with(boom)
        .mount(&server)
        .await;
    list()
        .and(query_param("page", "3"))
        .respond_with(page(3, 3, &["e", "f"]))
        .mount(&server)
        .await;

    let client = client(&server.uri());
    let mut stream = client.list_customers_stream(&ListCustomersParams {
        per_page: Some(2),
        ..Default::default()
    });
    assert_eq!(stream.next().await.unwrap().unwrap().id, "a");
    assert_eq!(stream.next().await.unwrap().unwrap().id, "b");
    let err = stream.next().await.unwrap().unwrap_err();
    assert!(matches!(err, Error::InternalServerError(_)), "{err:?}");
    assert!(stream.next().await.is_none());
    let pages: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "page")
                .unwrap()
                .1
                .into_owned()
        })
        .collect();
    assert_eq!(pages, ["1", "2"], "page 3 is never fetched");
}

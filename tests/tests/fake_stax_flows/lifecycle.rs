//! Create, get, partial update, checked update (changed fields only, no write when nothing changed), soft delete,
//! and a checked update refused on the deleted record.

use integration_tests::fake_stax::FakeStax;
use serde_json::json;
use stax_customer_client::{Customer, CustomerCreate, CustomerUpdate, Error};

use super::support::{TOKEN, body, call, calls_since, client};

#[tokio::test]
async fn customer_lifecycle() {
    let fake = FakeStax::start(TOKEN).await;
    let client = client(&fake.base_url());

    let created = client
        .create_customer(&CustomerCreate {
            firstname: Some("Ada".into()),
            lastname: Some("Lovelace".into()),
            email: Some("ada@example.com".into()),
            company: Some("Analytical Engines".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let id = created.id.clone();
    assert_eq!(created.firstname.as_deref(), Some("Ada"));
    assert_eq!(created.deleted_at, None);
    assert_eq!(client.get_customer(&id).await.unwrap(), created);

    // Partial update: only the fields set are sent, and only they change.
    let before = fake.customer(&id).unwrap();
    let update = CustomerUpdate {
        phone: Some("5551234567".into()),
        notes: Some(Some("prefers email".into())),
        ..Default::default()
    };
    let updated = client.update_customer(&id, &update).await.unwrap();
    let put = fake.requests().last().cloned().unwrap();
    assert_eq!(
        (put.method.as_str(), put.path.as_str()),
        ("PUT", format!("/customer/{id}").as_str())
    );
    assert_eq!(
        body(&put),
        json!({"phone": "5551234567", "notes": "prefers email"})
    );
    assert_eq!(updated.phone.as_deref(), Some("5551234567"));
    assert_eq!(updated.notes.as_deref(), Some("prefers email"));
    let after = fake.customer(&id).unwrap();
    for (key, value) in before.as_object().unwrap() {
        if !["phone", "notes", "updated_at"].contains(&key.as_str()) {
            assert_eq!(&after[key], value, "{key} changed");
        }
    }

    // Checked update: fields equal to the current values are dropped from the PUT.
    let n = fake.requests().len();
    let checked = CustomerUpdate {
        firstname: Some("Ada".into()),
        lastname: Some("Byron".into()),
        phone: Some("5551234567".into()),
        ..Default::default()
    };
    let updated = client.update_customer_checked(&id, &checked).await.unwrap();
    assert_eq!(calls_since(&fake, n), [call("GET", &id), call("PUT", &id)]);
    assert_eq!(
        body(fake.requests().last().unwrap()),
        json!({"lastname": "Byron"})
    );
    assert_eq!(updated.lastname.as_deref(), Some("Byron"));

    // Nothing differs (an explicit null equals an absent or null field): no PUT, the current record comes back.
    let n = fake.requests().len();
    let same = CustomerUpdate {
        firstname: Some("Ada".into()),
        lastname: Some("Byron".into()),
        notes: Some(Some("prefers email".into())),
        cc_emails: Some(None),
        ..Default::default()
    };
    let current = client.update_customer_checked(&id, &same).await.unwrap();
    assert_eq!(calls_since(&fake, n), [call("GET", &id)]);
    let stored: Customer = serde_json::from_value(fake.customer(&id).unwrap()).unwrap();
    assert_eq!(current, stored);

    // Soft delete, then a checked update is refused before anything is written.
    let deleted = client.delete_customer(&id).await.unwrap();
    assert!(deleted.deleted_at.is_some());
    let n = fake.requests().len();
    let err = client
        .update_customer_checked(
            &id,
            &CustomerUpdate {
                firstname: Some("Eve".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    let Error::Deleted(d) = &err else {
        panic!("expected Deleted, got {err:?}")
    };
    assert_eq!(d.field, "deleted_at");
    assert_eq!(calls_since(&fake, n), [call("GET", &id)]);
    assert_eq!(fake.customer(&id).unwrap()["firstname"], "Ada");
    assert!(client.get_customer(&id).await.unwrap().deleted_at.is_some());
}

#[tokio::test]
async fn checked_update_of_an_unknown_customer_sends_no_put() {
    let fake = FakeStax::start(TOKEN).await;
    let client = client(&fake.base_url());
    let err = client
        .update_customer_checked(
            "missing",
            &CustomerUpdate {
                firstname: Some("X".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
    assert_eq!(calls_since(&fake, 0), [call("GET", "missing")]);
}

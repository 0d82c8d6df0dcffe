//! Client-side validation: every violation is reported at once, named by field, and nothing is sent.

use stax_customer_client::{
    Client, CustomerCreate, CustomerUpdate, Error, ListCustomersParams, ValidationErrors,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{self, assert_secret_free};

/// A server that must receive nothing (checked by `verify`) and a client for it.
async fn silent_server() -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let client = support::client_for(&server);
    (server, client)
}

/// The validation errors inside `err`, which must be `InvalidRequest`.
fn invalid(err: Error) -> ValidationErrors {
    assert_secret_free(&err);
    assert_eq!(err.status(), None);
    assert!(err.to_string().starts_with("invalid request"), "{err}");
    let Error::InvalidRequest(v) = err else {
        panic!("expected InvalidRequest, got {err:?}")
    };
    v
}

/// (field, message) pairs, for exact comparison.
fn pairs(errors: &ValidationErrors) -> Vec<(&str, &str)> {
    errors
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.message.as_str()))
        .collect()
}

/// Asserts the fields named, in order, and that each message mentions its key word.
fn assert_fields(errors: &ValidationErrors, expected: &[(&str, &str)]) {
    let got = pairs(errors);
    let fields: Vec<&str> = got.iter().map(|(f, _)| *f).collect();
    let want: Vec<&str> = expected.iter().map(|(f, _)| *f).collect();
    assert_eq!(fields, want, "{got:?}");
    for ((field, message), (_, key)) in got.iter().zip(expected) {
        assert!(
            message.contains(key),
            "{field}: {message:?} should mention {key:?}"
        );
    }
}

/// The violations both the create and the update test use: bad email, phone with letters, 3-letter state,
/// 4-letter country (too long and not a known code).
const EXPECTED: &[(&str, &str)] = &[
    ("email", "email"),
    ("phone", "^[0-9]{10,15}$"),
    ("address_state", "2"),
    ("address_country", "3"),
    ("address_country", "allowed"),
];

#[tokio::test]
async fn invalid_create_reports_every_field_and_sends_nothing() {
    let (server, client) = silent_server().await;
    let create = CustomerCreate {
        firstname: Some("John".to_owned()),
        email: Some("not-an-email".to_owned()),
        phone: Some("555CALLNOW12".to_owned()),
        address_state: Some("FLA".to_owned()),
        address_country: Some("USAA".to_owned()),
        ..Default::default()
    };
    let errors = invalid(client.create_customer(&create).await.expect_err("invalid"));
    assert_fields(&errors, EXPECTED);
    let text = errors.to_string();
    for field in ["email", "phone", "address_state", "address_country"] {
        assert!(text.contains(field), "{text}");
    }
    assert_eq!(create.validate(), Err(errors));
    server.verify().await;
}

#[tokio::test]
async fn invalid_update_reports_every_field_and_matches_validate() {
    let (server, client) = silent_server().await;
    let update = CustomerUpdate {
        email: Some("a b@example.com".to_owned()),
        phone: Some("12345abcde".to_owned()),
        address_state: Some("ABC".to_owned()),
        address_country: Some("ABCD".to_owned()),
        ..Default::default()
    };
    let errors = invalid(
        client
            .update_customer("c1", &update)
            .await
            .expect_err("invalid"),
    );
    assert_fields(&errors, EXPECTED);
    let offline = update.validate().expect_err("validate() without a client");
    assert_eq!(offline, errors);
    server.verify().await;
}

#[tokio::test]
async fn unknown_country_code_is_refused() {
    let (server, client) = silent_server().await;
    let update = CustomerUpdate {
        address_country: Some("XYZ".to_owned()),
        ..Default::default()
    };
    let errors = invalid(
        client
            .update_customer("c1", &update)
            .await
            .expect_err("invalid"),
    );
    assert_fields(&errors, &[("address_country", "allowed")]);
    assert_eq!(errors.field("address_country").count(), 1);
    server.verify().await;
}

#[tokio::test]
async fn create_without_a_name_email_or_company_is_refused() {
    let (server, client) = silent_server().await;
    for create in [
        CustomerCreate::default(),
        CustomerCreate {
            phone: Some("1234567898".to_owned()),
            reference: Some("BARTLE".to_owned()),
            ..Default::default()
        },
    ] {
        let errors = invalid(client.create_customer(&create).await.expect_err("refused"));
        assert_eq!(errors.errors.len(), 1, "{errors}");
        let message = &errors.errors[0].message;
        for name in ["firstname", "lastname", "email", "company"] {
            assert!(message.contains(name), "{message}");
        }
        assert_eq!(create.validate(), Err(errors));
    }
    server.verify().await;
}

#[tokio::test]
async fn any_one_of_the_required_fields_is_enough() {
    let only = |f: fn(&mut CustomerCreate)| {
        let mut c = CustomerCreate::default();
        f(&mut c);
        c
    };
    let creates = [
        only(|c| c.firstname = Some("John".to_owned())),
        only(|c| c.lastname = Some("Smith".to_owned())),
        only(|c| c.email = Some("contact@example.com".to_owned())),
        only(|c| c.company = Some("ABC INC".to_owned())),
    ];
    for create in &creates {
        assert_eq!(create.validate(), Ok(()), "{create:?}");
    }
}

#[test]
fn valid_updates_pass_validate() {
    assert_eq!(CustomerUpdate::default().validate(), Ok(()));
    let update = CustomerUpdate {
        email: Some("contact@example.com".to_owned()),
        phone: Some("1234567898".to_owned()),
        address_state: Some("FL".to_owned()),
        address_country: Some("USA".to_owned()),
        notes: Some(None),
        ..Default::default()
    };
    assert_eq!(update.validate(), Ok(()));
}

#[tokio::test]
async fn invalid_list_params_are_refused_before_sending() {
    let (server, client) = silent_server().await;
    let params = ListCustomersParams {
        address_state: Some("FLA".to_owned()),
        page: Some(0),
        per_page: Some(0),
        ..Default::default()
    };
    let errors = invalid(client.list_customers(&params).await.expect_err("invalid"));
    assert_fields(
        &errors,
        &[("address_state", "2"), ("page", "1"), ("per_page", "1")],
    );
    assert_eq!(params.validate(), Err(errors));
    server.verify().await;
}

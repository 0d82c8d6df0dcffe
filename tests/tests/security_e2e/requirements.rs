//! Which credentials each operation sends: AND within a requirement, the first configured alternative, none for
//! `security: []`, and an error before sending when a required credential is missing.

use fixture_outputs::{security_31, security_schemes::Error};

use crate::support::{self, CREDENTIALS, expected, sent, single_request, value};

/// Every scheme of the fixture.
fn all() -> Vec<&'static str> {
    CREDENTIALS.iter().map(|(s, _)| *s).collect()
}

#[tokio::test]
async fn the_api_wide_requirement_sends_all_its_schemes_together() {
    let server = support::server().await;
    let client = support::client(&server, &all());
    client.list_accounts().await.expect("204");
    assert_eq!(
        sent(&single_request(&server).await),
        expected(&[
            ("x-client-id", value("clientId")),
            ("x-client-secret", value("clientSecret")),
            ("x-api-version", value("apiVersion")),
        ])
    );
}

#[tokio::test]
async fn an_operations_own_requirement_replaces_the_api_wide_one() {
    let server = support::server().await;
    let client = support::client(&server, &all());
    client.create_session().await.expect("204");
    // base64("ada:password-8a4")
    assert_eq!(
        sent(&single_request(&server).await),
        expected(&[("authorization", "Basic YWRhOnBhc3N3b3JkLThhNA==")])
    );
    client.get_signed().await.expect("204");
    assert_eq!(
        sent(&single_request(&server).await),
        expected(&[("authorization", value("signature")), ("x-api-version", value("apiVersion"))])
    );
    client.get_identity().await.expect("204");
    let bearer = format!("Bearer {}", value("oidc"));
    assert_eq!(sent(&single_request(&server).await), expected(&[("authorization", &bearer)]));
}

#[tokio::test]
async fn the_first_configured_alternative_is_sent_and_only_it() {
    let server = support::server().await;
    let cookie = format!("session={}", value("cookieKey"));
    let bearer = format!("Bearer {}", value("bearer"));
    for (configured, wanted) in [
        (all(), vec![("query api_key", value("queryKey"))]),
        (vec!["cookieKey", "bearer"], vec![("cookie", cookie.as_str())]),
        (vec!["bearer", "clientId"], vec![("authorization", bearer.as_str())]),
    ] {
        support::client(&server, &configured).search().await.expect("204");
        assert_eq!(sent(&single_request(&server).await), expected(&wanted), "configured: {configured:?}");
    }
}

#[tokio::test]
async fn security_empty_sends_no_credentials() {
    let server = support::server().await;
    support::client(&server, &all()).health().await.expect("204");
    assert_eq!(sent(&single_request(&server).await), expected(&[]));
}

#[tokio::test]
async fn an_anonymous_alternative_sends_credentials_only_when_configured() {
    let server = support::server().await;
    support::client(&server, &["clientId"]).get_profile().await.expect("anonymous is allowed");
    assert_eq!(sent(&single_request(&server).await), expected(&[]));
    support::client(&server, &["oauth"]).get_profile().await.expect("204");
    let bearer = format!("Bearer {}", value("oauth"));
    assert_eq!(sent(&single_request(&server).await), expected(&[("authorization", &bearer)]));
}

#[tokio::test]
async fn a_missing_credential_fails_before_sending_and_names_the_schemes() {
    let server = support::server().await;
    // Two of the three schemes the API-wide requirement needs together.
    let client = support::client(&server, &["clientId", "clientSecret", "bearer"]);
    let err = client.list_accounts().await.expect_err("the version header is missing");
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("clientId + clientSecret + apiVersion"), "{message}");
    let err = client.create_session().await.expect_err("no basic credential");
    assert!(err.to_string().contains("basic"), "{err}");
    assert!(server.received_requests().await.expect("recording").is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn an_undeclared_scheme_name_fails_build() {
    let server = support::server().await;
    let err = support::builder(&server, &["clientId"]).credential("clientID", "x").build().expect_err("undeclared");
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("did you mean `clientId`?"), "{message}");
    for (scheme, _) in CREDENTIALS {
        assert!(message.contains(scheme), "the error should list the declared scheme {scheme}: {message}");
    }
}

#[tokio::test]
async fn convenience_setters_set_the_first_scheme_of_their_kind() {
    let server = support::server().await;
    let client = fixture_outputs::security_schemes::Client::builder()
        .base_url(&server.uri())
        .bearer_token("tok")
        .basic_auth("ada", "pw")
        .build()
        .expect("builds");
    client.search().await.expect("204");
    assert_eq!(sent(&single_request(&server).await), expected(&[("authorization", "Bearer tok")]));
    client.create_session().await.expect("204");
    assert_eq!(sent(&single_request(&server).await), expected(&[("authorization", "Basic YWRhOnB3")]));
    // The 3.1 fixture declares no API key scheme.
    let err = security_31::Client::builder().api_key("k").build().expect_err("no API key scheme");
    assert!(err.to_string().contains("no API key security scheme"), "{err}");
}

#[tokio::test]
async fn mutual_tls_needs_only_the_other_schemes_and_unknown_schemes_are_skipped() {
    let server = support::server().await;
    let client =
        security_31::Client::builder().base_url(&server.uri()).credential("token", "t-1").build().expect("builds");
    client.list_payments().await.expect("204");
    assert_eq!(sent(&single_request(&server).await), expected(&[("authorization", "Bearer t-1")]));
    client.get_legacy().await.expect("204");
    assert_eq!(sent(&single_request(&server).await), expected(&[("authorization", "Bearer t-1")]));
    client.get_status().await.expect("204");
    assert_eq!(sent(&single_request(&server).await), expected(&[]));
    let err = security_31::Client::builder().credential("mtls", "x").build().expect_err("dropped scheme");
    assert!(err.to_string().contains("does not declare; the spec declares: token"), "{err}");
}

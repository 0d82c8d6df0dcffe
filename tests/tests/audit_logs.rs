//! Audit logs of the generated Stax client: every call is recorded with `tracing` under the crate's target,
//! naming the operation, method, path template, record id, status, attempts, body field names and page, but never
//! a credential, a body value or a filter value. Uses current-thread runtimes because `set_default` is per thread.

use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use integration_tests::fake_stax::FakeStax;
use stax_customer_client::{Client, CustomerCreate, CustomerUpdate, ListCustomersParams};
use tracing_subscriber::fmt::MakeWriter;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TARGET: &str = "stax_customer_client";
const TOKEN: &str = "sk_live_AUDIT_TOKEN_9f8e7d";
/// Values that are sent but must never be logged.
const SECRETS: [&str; 7] = [
    TOKEN,
    "Adelheid",
    "adelheid.private@example.org",
    "new.secret@example.net",
    "5559876543",
    "allergic to peanuts",
    "secret@x.com",
];

/// A `MakeWriter` appending every log line to a shared buffer.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Buffer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl io::Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Buffer {
    type Writer = Buffer;

    fn make_writer(&'a self) -> Buffer {
        self.clone()
    }
}

/// Installs a TRACE-level subscriber writing plain text into the returned buffer, for the current thread.
fn capture() -> (Buffer, tracing::subscriber::DefaultGuard) {
    let buffer = Buffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(buffer.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_target(true)
        .without_time()
        .finish();
    (buffer, tracing::subscriber::set_default(subscriber))
}

/// The audit lines (target `stax_customer_client`) whose message is `message` and that contain every `part`.
fn lines<'a>(log: &'a str, message: &str, parts: &[&str]) -> Vec<&'a str> {
    log.lines()
        .filter(|l| {
            l.contains(&format!(" {TARGET}: {message}")) && parts.iter().all(|p| l.contains(p))
        })
        .collect()
}

fn assert_no_secrets(log: &str) {
    for secret in SECRETS {
        assert!(!log.contains(secret), "the log leaks {secret:?}:\n{log}");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn calls_are_audited_without_values() {
    let (buffer, _guard) = capture();
    let fake = FakeStax::start(TOKEN).await;
    let client = Client::builder()
        .base_url(&fake.base_url())
        .bearer_token(TOKEN)
        .build()
        .unwrap();

    let created = client
        .create_customer(&CustomerCreate {
            firstname: Some("Adelheid".into()),
            email: Some("adelheid.private@example.org".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let id = created.id.as_str();
    let update = CustomerUpdate {
        email: Some("new.secret@example.net".into()),
        phone: Some("5559876543".into()),
        notes: Some(Some("allergic to peanuts".into())),
        ..Default::default()
    };
    client.update_customer(id, &update).await.unwrap();
    let filters = ListCustomersParams {
        email: Some("secret@x.com".into()),
        page: Some(2),
        ..Default::default()
    };
    client.list_customers(&filters).await.unwrap();
    let log = buffer.text();

    let create = lines(
        &log,
        "request finished",
        &["createCustomer", "POST", "status=200", "attempts=1"],
    );
    assert_eq!(create.len(), 1, "{log}");
    assert!(
        create[0].contains("fields=firstname,email"),
        "{}",
        create[0]
    );
    assert!(create[0].starts_with(" INFO "), "{}", create[0]);

    let sending = lines(
        &log,
        "sending request",
        &["updateCustomer", "PUT", "/customer/{id}", id],
    );
    assert_eq!(sending.len(), 1, "{log}");
    assert!(sending[0].starts_with("DEBUG "), "{}", sending[0]);
    let update = lines(
        &log,
        "request finished",
        &["updateCustomer", "PUT", "\"/customer/{id}\"", id],
    );
    assert_eq!(update.len(), 1, "{log}");
    for part in [
        "status=200",
        "attempts=1",
        "duration_ms=",
        "fields=email,phone,notes",
        &format!("path_params=id={id}"),
    ] {
        assert!(
            update[0].contains(part),
            "{part} missing from {}",
            update[0]
        );
    }

    let list = lines(
        &log,
        "request finished",
        &["listCustomers", "GET", "\"/customer\"", "status=200"],
    );
    assert_eq!(list.len(), 1, "{log}");
    assert!(
        list[0].contains("query=email,page=2"),
        "the filter name and the page are logged: {}",
        list[0]
    );

    assert_no_secrets(&log);
    for line in log
        .lines()
        .filter(|l| l.contains("updateCustomer") || l.contains("listCustomers"))
    {
        assert!(
            line.contains(&format!(" {TARGET}: ")),
            "event with another target: {line}"
        );
    }
}

#[tokio::test(flavor = "current_thread")]
async fn retries_are_audited() {
    let (buffer, _guard) = capture();
    let server = MockServer::start().await;
    let customer = serde_json::json!({
        "id": "cus_42", "email": "adelheid.private@example.org",
        "created_at": "2017-05-08 19:22:51", "updated_at": "2017-05-08 19:22:51"
    });
    Mock::given(method("GET"))
        .and(path("/customer/cus_42"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/customer/cus_42"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(&server.uri())
        .bearer_token(TOKEN)
        .initial_backoff(Duration::from_millis(1))
        .build()
        .unwrap();
    client.get_customer("cus_42").await.unwrap();
    let log = buffer.text();

    let retry = lines(
        &log,
        "retrying request",
        &[
            "getCustomer",
            "GET",
            "\"/customer/{id}\"",
            "path_params=id=cus_42",
        ],
    );
    assert_eq!(retry.len(), 1, "{log}");
    assert!(retry[0].starts_with(" WARN "), "{}", retry[0]);
    assert!(
        retry[0].contains("status=503")
            && retry[0].contains("attempt=1")
            && retry[0].contains("delay_ms=")
    );
    let finished = lines(
        &log,
        "request finished",
        &["getCustomer", "path_params=id=cus_42"],
    );
    assert_eq!(finished.len(), 1, "{log}");
    assert!(
        finished[0].contains("status=200") && finished[0].contains("attempts=2"),
        "{}",
        finished[0]
    );
    assert_no_secrets(&log);
}

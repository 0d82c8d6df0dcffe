//! An in-process fake of the Stax Payments customer API, for tests.
//!
//! [`FakeStax::start`] binds `127.0.0.1:0`, serves the documented customer routes from an
//! in-memory, mutex-protected store and records every request it sees. The server task is
//! aborted when the [`FakeStax`] value is dropped.
//!
//! Routes (all require `Authorization: Bearer <token>`, else 401 `{"error":"invalid_token"}`):
//!
//! | Route | Behaviour |
//! |---|---|
//! | `POST /customer` | validate (422 Laravel shape) and create; 200 + record |
//! | `GET /customer` | paginated list of non-deleted customers (filters, `keywords[]`, sort) |
//! | `GET /customer/{id}` | 200 + record (also soft-deleted), 404 `{"id":"customer not found"}` |
//! | `PUT /customer/{id}` | partial update; 404 unknown, 422 when soft-deleted |
//! | `DELETE /customer/{id}` | soft delete; 200 + record; 404 unknown |
//! | `GET /customer/{id}/payment-method` | bare array; 422 `{"id":["The selected id is invalid."]}` |
//!
//! Any other path answers 404 `{"error":"not_found"}` (after the auth check).

mod handlers;
mod list;
mod store;
mod validate;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{StatusCode, header::AUTHORIZATION};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex, MutexGuard};
use store::Store;
use tokio::task::JoinHandle;

/// One HTTP request as received by the fake (recorded before the auth check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// HTTP method, e.g. `"GET"`.
    pub method: String,
    /// Raw (still percent-encoded) request path, e.g. `"/customer/abc"`.
    pub path: String,
    /// Raw query string without the `?`, if the URL had one.
    pub query: Option<String>,
    /// Request body, lossily decoded as UTF-8 (empty when there was none).
    pub body: String,
    /// The `Authorization` header value, if sent.
    pub authorization: Option<String>,
}

/// State shared between the handle and the server task.
pub(crate) struct Shared {
    token: String,
    base_url: String,
    store: Mutex<Store>,
    requests: Mutex<Vec<RecordedRequest>>,
}

impl Shared {
    /// Locks the store, ignoring poisoning (a panicking test must not break other calls).
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }
}

/// A running fake Stax server. Dropping it stops the server.
pub struct FakeStax {
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl FakeStax {
    /// Starts on 127.0.0.1:0 in a tokio task; `token` is the only accepted bearer token.
    pub async fn start(token: &str) -> FakeStax {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("FakeStax: bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("FakeStax: local address");
        let shared = Arc::new(Shared {
            token: token.to_owned(),
            base_url: format!("http://{addr}"),
            store: Mutex::new(Store::default()),
            requests: Mutex::new(Vec::new()),
        });
        let app = router(shared.clone());
        let task = tokio::spawn(async move {
            if let Err(err) = axum::serve(listener, app).await {
                eprintln!("FakeStax: server error: {err}");
            }
        });
        FakeStax { shared, task }
    }

    /// The server's base URL, `"http://127.0.0.1:PORT"` (no trailing slash).
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// Every request seen so far, in arrival order (including rejected ones).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared
            .requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The raw stored record of customer `id`, including soft-deleted customers.
    pub fn customer(&self, id: &str) -> Option<Value> {
        self.shared.store().get(id).cloned()
    }

    /// Seeds a customer record directly (no validation) and returns its id.
    ///
    /// The record must be a JSON object. A missing `id` is generated; missing customer
    /// fields become `null`, and missing `created_at`/`updated_at`/`deleted_at`, `gravatar`,
    /// `has_address` and `missing_address_components` are filled in. Seeded customers
    /// count as created now, i.e. they come after earlier customers in the default order.
    pub fn insert_customer(&self, record: Value) -> String {
        self.shared.store().seed(record)
    }

    /// Seeds a payment method for `customer_id` (sets `customer_id` if absent).
    /// `GET /customer/{id}/payment-method` returns the seeded methods newest (last inserted)
    /// first, leaving out those with a non-null `deleted_at`.
    pub fn insert_payment_method(&self, customer_id: &str, pm: Value) {
        self.shared.store().add_payment_method(customer_id, pm);
    }
}

impl Drop for FakeStax {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl std::fmt::Debug for FakeStax {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeStax")
            .field("base_url", &self.shared.base_url)
            .finish_non_exhaustive()
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/customer", get(list::list).post(handlers::create))
        .route(
            "/customer/{id}",
            get(handlers::show)
                .put(handlers::update)
                .delete(handlers::destroy),
        )
        .route(
            "/customer/{id}/payment-method",
            get(handlers::payment_methods),
        )
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            shared.clone(),
            record_and_auth,
        ))
        .with_state(shared)
}

async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        axum::Json(json!({"error": "not_found"})),
    )
        .into_response()
}

/// Records the request, then rejects it with 401 unless it carries the right bearer token.
async fn record_and_auth(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let bytes: Bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let authorization = parts
        .headers
        .get(AUTHORIZATION)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let recorded = RecordedRequest {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        body: String::from_utf8_lossy(&bytes).into_owned(),
        authorization: authorization.clone(),
    };
    shared
        .requests
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(recorded);
    if authorization.as_deref() != Some(format!("Bearer {}", shared.token).as_str()) {
        let body = json!({"error": "invalid_token"});
        return (StatusCode::UNAUTHORIZED, axum::Json(body)).into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

//! Handlers for the single-customer routes of the fake Stax server (create, get, update,
//! delete, payment methods) plus the shared JSON response helpers.
//!
//! Request bodies are parsed by hand rather than with `axum::Json`, so a missing or wrong
//! `Content-Type` is tolerated (like Laravel) and an empty body counts as `{}`. A body that
//! is not JSON, or not a JSON object, gets 400 `{"error":"invalid_json"}` (the real API's
//! answer is undocumented).

use super::Shared;
use super::store::{IDENTITY_FIELDS, WRITABLE_FIELDS};
use super::validate::{is_filled, validate};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use std::sync::Arc;

/// Shorthand for a JSON response with a status.
pub(crate) fn reply(status: StatusCode, body: Value) -> Response {
    (status, Json(body)).into_response()
}

/// 404 `{"id":"customer not found"}` (a plain string, as in the docs).
fn customer_not_found() -> Response {
    reply(StatusCode::NOT_FOUND, json!({"id": "customer not found"}))
}

/// Parses a request body into a JSON object; empty bodies are `{}`. Errors become 400.
fn parse_object(body: &Bytes) -> Result<Map<String, Value>, Box<Response>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    let message = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => return Ok(map),
        Ok(_) => "The request body must be a JSON object.".to_owned(),
        Err(err) => err.to_string(),
    };
    let body = json!({"error": "invalid_json", "message": message});
    Err(Box::new(reply(StatusCode::BAD_REQUEST, body)))
}

/// Keeps only client-writable keys (plus write-only `files`, which is validated but not
/// stored); `id` and server-set fields such as `created_at` or `gravatar` are ignored.
fn writable_only(mut input: Map<String, Value>) -> Map<String, Value> {
    input.retain(|key, _| key == "files" || WRITABLE_FIELDS.contains(&key.as_str()));
    input
}

/// `POST /customer`
pub(crate) async fn create(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let input = match parse_object(&body) {
        Ok(input) => writable_only(input),
        Err(response) => return *response,
    };
    let identity_missing = !IDENTITY_FIELDS.iter().any(|f| is_filled(input.get(*f)));
    if let Some(errors) = validate(&input, identity_missing) {
        return reply(StatusCode::UNPROCESSABLE_ENTITY, errors);
    }
    let record = shared.store().create(&input);
    reply(StatusCode::OK, record)
}

/// `GET /customer/{id}` — also returns soft-deleted customers.
pub(crate) async fn show(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    match shared.store().get(&id) {
        Some(record) => reply(StatusCode::OK, record.clone()),
        None => customer_not_found(),
    }
}

/// `PUT /customer/{id}` — partial update: only keys present in the body change, and an
/// explicit `null` clears a field (the real API's handling of `null` is undocumented).
pub(crate) async fn update(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let input = match parse_object(&body) {
        Ok(input) => writable_only(input),
        Err(response) => return *response,
    };
    let mut store = shared.store();
    let Some(existing) = store.get(&id) else {
        return customer_not_found();
    };
    if !existing["deleted_at"].is_null() {
        // The docs only say soft-deleted customers cannot be updated; the real status code
        // and body are unknown. This fake answers 422 in the Laravel validation shape.
        return reply(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"id": ["Cannot update a deleted customer."]}),
        );
    }
    // The identity rule only fires if the update would leave all four fields empty.
    let identity_missing = !IDENTITY_FIELDS.iter().any(|f| {
        let merged = input.get(*f).or_else(|| existing.get(*f));
        is_filled(merged)
    });
    if let Some(errors) = validate(&input, identity_missing) {
        return reply(StatusCode::UNPROCESSABLE_ENTITY, errors);
    }
    match store.update(&id, &input) {
        Some(record) => reply(StatusCode::OK, record),
        None => customer_not_found(),
    }
}

/// `DELETE /customer/{id}` — soft delete. Unknown ids get 404 `{"id":"customer not found"}`
/// (the docs' status table says 404 while their examples show 422 with the same body).
/// Deleting an already deleted customer (undocumented) returns the unchanged record.
pub(crate) async fn destroy(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    match shared.store().soft_delete(&id) {
        Some(record) => reply(StatusCode::OK, record),
        None => customer_not_found(),
    }
}

/// `GET /customer/{id}/payment-method` — bare (non-paginated) array of the customer's
/// non-deleted payment methods; works for soft-deleted customers too.
pub(crate) async fn payment_methods(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Response {
    let store = shared.store();
    if store.get(&id).is_none() {
        return reply(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"id": ["The selected id is invalid."]}),
        );
    }
    reply(StatusCode::OK, Value::Array(store.payment_methods(&id)))
}

//! The test server: records what uploads carry, serves fixed bytes, and streams a body chunk by chunk on demand.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use fixture_outputs::files::Client;
use tokio::sync::mpsc;

/// One part of a received multipart body, as the parser saw it.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// What the server saw and what it will stream.
#[derive(Default)]
pub struct Seen {
    /// Parts of the last multipart upload.
    pub parts: Mutex<Vec<Part>>,
    /// `Content-Type` of the last multipart upload.
    pub upload_type: Mutex<Option<String>>,
    /// `Content-Type` and body of the last raw upload.
    pub raw: Mutex<Option<(String, Vec<u8>)>>,
    /// `Accept` headers of download requests, in order.
    pub accept: Mutex<Vec<String>>,
    /// Requests for `/documents/flaky/pdf` so far.
    pub flaky_attempts: AtomicU32,
    /// The chunks the next PDF response streams; the body ends when the sender is dropped.
    pub stream: Mutex<Option<mpsc::Receiver<Bytes>>>,
}

/// The bytes `/documents/{id}/content` serves: every byte value, with CRLFs and `--` inside, 256 KiB in all.
pub fn content() -> Vec<u8> {
    (0..256 * 1024).map(|i| (i * 7 % 256) as u8).chain(*b"\r\n--end\r\n").collect()
}

/// A server on 127.0.0.1 and a client for it (`timeout` per attempt, `max_retries` retries, 1 ms backoff).
pub async fn start(timeout: std::time::Duration, max_retries: u32) -> (Arc<Seen>, Client) {
    let seen = Arc::new(Seen::default());
    let app = Router::new()
        .route("/documents", post(upload))
        .route("/documents/{id}/content", get(content_of).put(put_content))
        .route("/documents/{id}/pdf", get(pdf))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port on 127.0.0.1");
    let url = format!("http://{}", listener.local_addr().expect("bound"));
    tokio::spawn(async move { axum::serve(listener, app).await.expect("the server runs") });
    let client = Client::builder()
        .base_url(&url)
        .timeout(timeout)
        .max_retries(max_retries)
        .initial_backoff(std::time::Duration::from_millis(1))
        .build()
        .expect("the client builds");
    (seen, client)
}

fn not_found() -> Response {
    let body = r#"{"message":"no such document"}"#;
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn accept_of(headers: &HeaderMap) -> String {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned()
}

async fn upload(State(seen): State<Arc<Seen>>, headers: HeaderMap, mut form: Multipart) -> Response {
    let upload_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    *seen.upload_type.lock().unwrap() = upload_type;
    let mut parts = Vec::new();
    while let Some(field) = form.next_field().await.expect("a well-formed multipart body") {
        parts.push(Part {
            name: field.name().unwrap_or_default().to_owned(),
            file_name: field.file_name().map(str::to_owned),
            content_type: field.content_type().map(str::to_owned),
            bytes: field.bytes().await.expect("the part's bytes").to_vec(),
        });
    }
    *seen.parts.lock().unwrap() = parts;
    let body = r#"{"id":"d1","size":3}"#;
    (StatusCode::CREATED, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn put_content(State(seen): State<Arc<Seen>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    *seen.raw.lock().unwrap() = Some((ct, body.to_vec()));
    StatusCode::NO_CONTENT
}

async fn content_of(State(seen): State<Arc<Seen>>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    seen.accept.lock().unwrap().push(accept_of(&headers));
    if id == "missing" {
        return not_found();
    }
    ([(header::CONTENT_TYPE, "application/octet-stream")], content()).into_response()
}

async fn pdf(State(seen): State<Arc<Seen>>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    seen.accept.lock().unwrap().push(accept_of(&headers));
    if id == "missing" {
        return not_found();
    }
    if id == "hang" {
        // Never answers: the client's attempt timeout must end the wait for headers.
        std::future::pending::<()>().await;
    }
    if id == "flaky" && seen.flaky_attempts.fetch_add(1, Ordering::SeqCst) == 0 {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let Some(rx) = seen.stream.lock().unwrap().take() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let chunks = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (Ok::<_, Infallible>(chunk), rx))
    });
    ([(header::CONTENT_TYPE, "application/pdf")], Body::from_stream(chunks)).into_response()
}

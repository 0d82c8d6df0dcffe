//! The transport: builds each attempt, authenticates, retries what is safe to repeat, returns the final response.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::HeaderMap;

use super::audit::Audit;
use super::auth::{Credentials, SchemeKind};
use super::errors::{ConfigError, DeletedError, FieldError, TimeoutError, TransportError, ValidationErrors};
use super::request::Request;
use super::response::{Response, Unread};
use super::retry::{RETRY_STATUSES, RetryPolicy, is_idempotent};
use super::secret::Secret;

/// Why a request produced no response; every generated `Error` converts from it.
#[derive(Debug)]
pub enum Failure {
    /// The connection failed or broke.
    Transport(TransportError),
    /// The attempt ran out of time.
    Timeout(TimeoutError),
    /// The request broke the spec's constraints; nothing was sent.
    Invalid(ValidationErrors),
    /// A checked update found the record soft-deleted; nothing was sent.
    Deleted(DeletedError),
    /// The client or request could not be configured.
    Config(ConfigError),
}

impl Failure {
    /// A value could not be converted to or from JSON on the client side.
    pub fn serde(e: serde_json::Error) -> Self {
        Failure::Config(ConfigError(format!("JSON conversion: {e}")))
    }
}

/// A generated client type: built from the shared transport state.
pub trait FromInner: Sized {
    /// The error `build()` returns.
    type Error: From<Failure>;
    /// Wraps the transport state.
    fn from_inner(inner: Arc<Inner>) -> Self;
}

/// The shared state of a client: HTTP stack, base URL, credentials, retry policy.
pub struct Inner {
    transport: Transport,
    base_url: String,
    auth: Credentials,
    retry: RetryPolicy,
}

/// How requests are sent: the reqwest client with its middleware, headers for every request, the attempt timeout.
pub struct Transport {
    /// The client and its middleware.
    pub http: reqwest_middleware::ClientWithMiddleware,
    /// Headers sent with every request.
    pub default_headers: HeaderMap,
    /// Time allowed for one attempt.
    pub timeout: std::time::Duration,
}

impl fmt::Debug for Inner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("credentials", &self.auth)
            .field("default_headers", &self.transport.default_headers.keys().collect::<Vec<_>>())
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Inner {
    /// Wraps a configured reqwest client.
    pub(crate) fn new(transport: Transport, base_url: String, auth: Credentials, retry: RetryPolicy) -> Self {
        Inner { transport, base_url, auth, retry }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends the request, repeating it when that is safe and useful; returns the last response or failure.
    pub async fn execute(&self, req: Request) -> Result<Response, Failure> {
        // URL parsing drops `.`/`..` segments (even percent-encoded) and an empty value leaves no segment, so such a
        // path parameter would send the request to another resource (`DELETE /customer/..` is `DELETE /`).
        let errors: Vec<FieldError> = req
            .path_params
            .iter()
            .filter(|(_, v)| matches!(v.as_str(), "" | "." | ".."))
            .map(|(name, _)| FieldError {
                field: (*name).to_owned(),
                message: "must not be empty, \".\" or \"..\"".to_owned(),
            })
            .collect();
        if !errors.is_empty() {
            return Err(Failure::Invalid(ValidationErrors { errors }));
        }
        let idempotency_key = req.idempotency_header.and_then(|name| {
            let given = req.headers.iter().any(|(h, _)| h.eq_ignore_ascii_case(name));
            (!given).then(|| (name, new_idempotency_key()))
        });
        let alternative = self.auth.select(req.operation_id, &req.security).map_err(Failure::Config)?;
        let retryable = is_idempotent(&req.method) || req.idempotency_header.is_some();
        let audit = Audit::start(&req);
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let started = Instant::now();
            let outcome = self.attempt(&req, idempotency_key.as_ref(), alternative).await;
            let can_retry = retryable && attempt <= self.retry.max_retries;
            match outcome {
                Ok(resp) if can_retry && RETRY_STATUSES.contains(&resp.status) => {
                    let delay = self.retry.delay(attempt, Some(&resp.headers));
                    audit.retrying(attempt, Some(resp.status), delay);
                    tokio::time::sleep(delay).await;
                }
                Ok(resp) => {
                    audit.finish(attempt, Some(resp.status));
                    return Ok(resp);
                }
                Err(Attempt::Failed(failure)) => {
                    audit.finish(attempt, None);
                    return Err(failure);
                }
                Err(Attempt::Http(e)) if e.is_timeout() => {
                    audit.finish(attempt, None);
                    let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
                    return Err(Failure::Timeout(TimeoutError { elapsed_ms }));
                }
                Err(Attempt::Http(e)) if can_retry && is_connection_error(&e) => {
                    let delay = self.retry.delay(attempt, None);
                    audit.retrying(attempt, None, delay);
                    tokio::time::sleep(delay).await;
                }
                Err(Attempt::Http(e)) => {
                    audit.finish(attempt, None);
                    return Err(Failure::Transport(TransportError::new(e)));
                }
            }
        }
    }

    async fn attempt(
        &self,
        req: &Request,
        key: Option<&(&str, String)>,
        alternative: Option<&[&str]>,
    ) -> Result<Response, Attempt> {
        let credentials = match alternative {
            // A token provider that hangs must not hang the call: it counts against the attempt's time.
            Some(schemes) => match tokio::time::timeout(self.transport.timeout, self.auth.resolve(schemes)).await {
                Ok(resolved) => resolved.map_err(|e| Attempt::Failed(Failure::Config(e)))?,
                Err(_) => {
                    let elapsed_ms = u64::try_from(self.transport.timeout.as_millis()).unwrap_or(u64::MAX);
                    return Err(Attempt::Failed(Failure::Timeout(TimeoutError { elapsed_ms })));
                }
            },
            None => Vec::new(),
        };
        let mut request = self.build(req, key, &credentials)?;
        if req.stream_body {
            // reqwest's timeout would also cover the streamed body: lift it; this attempt is bounded below instead.
            *request.timeout_mut() = Some(STREAM_TOTAL_LIMIT);
        }
        let started = Instant::now();
        let run = async {
            let resp = self.transport.http.execute(request).await.map_err(Attempt::from)?;
            let status = resp.status().as_u16();
            let headers = resp.headers().clone();
            if req.stream_body && resp.status().is_success() {
                let unread = Unread { response: resp, idle_timeout: self.transport.timeout };
                return Ok(Response { status, headers, body: Bytes::new(), unread: Some(unread) });
            }
            let body = resp.bytes().await?;
            Ok(Response { status, headers, body, unread: None })
        };
        if !req.stream_body {
            return run.await;
        }
        tokio::time::timeout(self.transport.timeout, run).await.unwrap_or_else(|_| {
            let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            Err(Attempt::Failed(Failure::Timeout(TimeoutError { elapsed_ms })))
        })
    }

    fn build(
        &self,
        req: &Request,
        key: Option<&(&str, String)>,
        credentials: &[(SchemeKind, Secret)],
    ) -> Result<reqwest::Request, reqwest::Error> {
        let mut url = String::with_capacity(self.base_url.len() + req.path.len());
        url.push_str(&self.base_url);
        url.push_str(&req.path);
        let mut builder = self.transport.http.as_ref().request(req.method.clone(), url).timeout(self.transport.timeout);
        if !self.transport.default_headers.is_empty() {
            builder = builder.headers(self.transport.default_headers.clone());
        }
        let mut query: Vec<(String, String)> = Vec::new();
        let mut cookies: Vec<String> = req.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
        builder = super::auth::apply(credentials, builder, &mut query, &mut cookies);
        let query: Vec<(&str, &str)> = req.query.pairs().iter().chain(&query).map(|(k, v)| (k.as_str(), v.as_str())).collect();
        if !query.is_empty() {
            builder = builder.query(&query);
        }
        for (name, value) in &req.headers {
            builder = builder.header(*name, value.as_str());
        }
        if let Some((name, value)) = key {
            builder = builder.header(*name, value.as_str());
        }
        if !cookies.is_empty() {
            builder = builder.header(reqwest::header::COOKIE, super::auth::sensitive(&cookies.join("; ")));
        }
        builder = builder.header(reqwest::header::ACCEPT, req.accept);
        if let Some(body) = &req.body {
            builder = builder.header(reqwest::header::CONTENT_TYPE, body.content_type.as_str()).body(body.bytes.clone());
        }
        builder.build()
    }
}

/// Why one attempt got no response: an HTTP failure (maybe worth retrying) or a final one.
enum Attempt {
    Http(reqwest::Error),
    Failed(Failure),
}

impl From<reqwest::Error> for Attempt {
    fn from(e: reqwest::Error) -> Self {
        Attempt::Http(e)
    }
}

impl From<reqwest_middleware::Error> for Attempt {
    fn from(e: reqwest_middleware::Error) -> Self {
        match e {
            reqwest_middleware::Error::Reqwest(e) => Attempt::Http(e),
            other => Attempt::Failed(Failure::Transport(TransportError::from_middleware(other))),
        }
    }
}

/// The total time a download may take (its chunks are bounded one by one instead).
const STREAM_TOTAL_LIMIT: Duration = Duration::from_secs(60 * 60 * 24 * 365);

/// Connection-level failures where repeating a safe request is useful (refused, reset, broken body).
/// A response body that breaks off is reported by reqwest as a decode error wrapping a body error.
fn is_connection_error(e: &reqwest::Error) -> bool {
    let broken_body = std::iter::successors(Some(e as &dyn std::error::Error), |e| e.source())
        .any(|e| e.downcast_ref::<reqwest::Error>().is_some_and(reqwest::Error::is_body));
    e.is_connect() || e.is_request() || broken_body
}

fn new_idempotency_key() -> String {
    format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..))
}

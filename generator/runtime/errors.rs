//! Error payloads shared by every generated `Error` enum: HTTP error responses, transport, timeout, decode, validation.

use std::fmt;

use reqwest::header::HeaderMap;

/// An HTTP response with an error status: the status, headers, the body decoded as the type the spec declares
/// for that status (when it decodes) and always the raw body text.
pub struct ApiError<B> {
    inner: Box<Parts<B>>,
}

struct Parts<B> {
    status: u16,
    headers: HeaderMap,
    body: Option<B>,
    raw: String,
}

impl<B> ApiError<B> {
    /// Builds an error response; `body` is `None` when the raw text did not decode.
    pub(crate) fn new(status: u16, headers: HeaderMap, body: Option<B>, raw: String) -> Self {
        ApiError { inner: Box::new(Parts { status, headers, body, raw }) }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.inner.status
    }

    /// The decoded body, if it matched the declared type.
    pub fn body(&self) -> Option<&B> {
        self.inner.body.as_ref()
    }

    /// Takes the decoded body.
    pub fn into_body(self) -> Option<B> {
        self.inner.body
    }

    /// The body exactly as received (lossily decoded as UTF-8).
    pub fn raw_body(&self) -> &str {
        &self.inner.raw
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.inner.headers
    }

    /// The server's messages, flattened to one line (`field: message; field: message`).
    pub fn message(&self) -> String {
        summarize_body(&self.inner.raw)
    }
}

impl<B: fmt::Debug> fmt::Debug for ApiError<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.inner.status)
            .field("body", &self.inner.body)
            .field("raw", &self.inner.raw)
            .finish_non_exhaustive()
    }
}

impl<B> fmt::Display for ApiError<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.message();
        if message.is_empty() {
            write!(f, "HTTP {}", self.inner.status)
        } else {
            write!(f, "HTTP {}: {}", self.inner.status, message)
        }
    }
}

const MAX_SUMMARY: usize = 500;

/// Flattens an error body into one line: JSON objects become `key: message` pairs (arrays of messages are joined),
/// other text is kept, truncated to a few hundred characters.
pub(crate) fn summarize_body(raw: &str) -> String {
    let text = match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(value) => flatten(&value),
        Err(_) => raw.split_whitespace().collect::<Vec<_>>().join(" "),
    };
    truncate(text, MAX_SUMMARY)
}

fn flatten(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{k}: {}", flatten(v)))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Array(items) => items.iter().map(flatten).collect::<Vec<_>>().join(", "),
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn truncate(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut cut = max;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text.push_str("...");
    }
    text
}

/// The connection failed or broke (refused, reset, TLS, truncated body), or a middleware failed. The URL is never
/// included.
#[derive(Debug, thiserror::Error)]
#[error("transport error: {source}")]
pub struct TransportError {
    #[source]
    source: reqwest_middleware::Error,
}

impl TransportError {
    /// Wraps a reqwest error, dropping its URL (which may hold identifiers or query values).
    pub(crate) fn new(source: reqwest::Error) -> Self {
        TransportError { source: reqwest_middleware::Error::Reqwest(source.without_url()) }
    }

    /// Wraps an error a middleware returned. Only its outermost message is kept: the errors it wraps (a
    /// `reqwest::Error` inside a retry middleware's error, say) may carry the URL, and with it a query-string key.
    pub(crate) fn from_middleware(source: reqwest_middleware::Error) -> Self {
        let source = match source {
            reqwest_middleware::Error::Middleware(e) => {
                reqwest_middleware::Error::middleware(MiddlewareFailure(e.to_string()))
            }
            other => other.without_url(),
        };
        TransportError { source }
    }

    /// True when a middleware, not the connection, failed.
    pub fn is_middleware(&self) -> bool {
        self.source.is_middleware()
    }

    /// True when no connection could be made (nothing reached the server).
    pub fn is_connect(&self) -> bool {
        self.source.is_connect()
    }
}

/// A middleware's failure, reduced to its outermost message.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct MiddlewareFailure(String);

/// The request did not complete within the configured timeout.
#[derive(Debug, thiserror::Error)]
#[error("request timed out after {elapsed_ms} ms")]
pub struct TimeoutError {
    /// Time spent on the attempt that timed out.
    pub elapsed_ms: u64,
}

/// A success response whose body did not match the declared type. The raw body is kept.
#[derive(Debug, thiserror::Error)]
#[error("could not decode the HTTP {status} response body (line {line}, column {column})")]
pub struct DecodeError {
    /// The HTTP status of the response.
    pub status: u16,
    /// The body as received.
    pub raw: String,
    line: usize,
    column: usize,
    #[source]
    source: serde_json::Error,
}

impl DecodeError {
    /// Wraps a serde error for a response body.
    pub(crate) fn new(status: u16, raw: String, source: serde_json::Error) -> Self {
        DecodeError { status, raw, line: source.line(), column: source.column(), source }
    }
}

/// One violated constraint of a request, named by its field path (`cc_emails[1]`, `address.zip`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The wire name path of the field.
    pub field: String,
    /// What is wrong, without the value itself.
    pub message: String,
}

/// Every constraint a request violated; nothing was sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationErrors {
    /// The violations, in field order.
    pub errors: Vec<FieldError>,
}

impl ValidationErrors {
    /// True when the request is valid.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The violations for one field path.
    pub fn field(&self, field: &str) -> impl Iterator<Item = &FieldError> {
        self.errors.iter().filter(move |e| e.field == field)
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid request: ")?;
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", e.field, e.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// A checked update found the record soft-deleted; nothing was sent.
#[derive(Debug, thiserror::Error)]
#[error("the record was deleted ({field} is set); update refused")]
pub struct DeletedError {
    /// The soft-delete field that was set.
    pub field: &'static str,
}

/// The client could not be built (bad base URL, invalid header value, TLS setup).
#[derive(Debug, thiserror::Error)]
#[error("invalid client configuration: {0}")]
pub struct ConfigError(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laravel_bodies_are_flattened() {
        let raw = r#"{"email":["The email must be a valid email address."],"id":"customer not found"}"#;
        assert_eq!(
            summarize_body(raw),
            "email: The email must be a valid email address.; id: customer not found"
        );
    }

    #[test]
    fn html_is_collapsed_and_truncated() {
        let raw = format!("<html>\n  <body>{}</body></html>", "x".repeat(1000));
        let s = summarize_body(&raw);
        assert!(s.starts_with("<html> <body>xx") && s.ends_with("...") && s.len() <= MAX_SUMMARY + 3);
    }
}

//! A response as generated methods read it: success bodies decoded, error statuses turned into the crate's `Error`.

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::errors::{ApiError, DecodeError};
use super::http::Failure;

/// A response whose body has been read completely (or, for a download's success, is left to be streamed).
#[derive(Debug)]
pub struct Response {
    pub(super) status: u16,
    pub(super) headers: HeaderMap,
    pub(super) body: Bytes,
    pub(super) unread: Option<Unread>,
}

/// A success body left unread for a download, with the time each chunk may take.
#[derive(Debug)]
pub struct Unread {
    pub response: reqwest::Response,
    pub idle_timeout: Duration,
}

/// The error statuses an operation declares: codes, classes (`4XX`) and whether a `default` response covers the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorStatuses {
    codes: &'static [u16],
    classes: &'static [u16],
    default: bool,
}

impl ErrorStatuses {
    /// No declared error status: every error response is `UnexpectedStatus`.
    pub const NONE: &'static ErrorStatuses = &ErrorStatuses::codes(&[]);

    /// These status codes.
    pub const fn codes(codes: &'static [u16]) -> Self {
        ErrorStatuses { codes, classes: &[], default: false }
    }

    /// Also whole classes of statuses: `4` for `4XX`, `5` for `5XX`.
    pub const fn with_classes(self, classes: &'static [u16]) -> Self {
        ErrorStatuses { classes, ..self }
    }

    /// Also every other status, through the `default` response.
    pub const fn with_default(self) -> Self {
        ErrorStatuses { default: true, ..self }
    }

    /// Whether `status` is declared by its own code.
    pub fn has_code(&self, status: u16) -> bool {
        self.codes.contains(&status)
    }

    /// Whether `status` is in `class` (`4` for `4XX`) and that class is declared.
    pub fn covers(&self, class: u16, status: u16) -> bool {
        status / 100 == class && self.classes.contains(&class)
    }

    /// Whether a `default` response is declared.
    pub fn has_default(&self) -> bool {
        self.default
    }
}

/// A generated crate's `Error`: what an error response, a failed request and an undecodable body become.
pub trait ResponseError: From<Failure> + From<DecodeError> {
    /// The variant for an error response, given what the operation declares.
    fn from_response(resp: Response, declared: &ErrorStatuses) -> Self;
}

impl Response {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body bytes.
    pub fn into_bytes(self) -> Bytes {
        self.body
    }

    /// The body as text (lossy UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Decodes a success body as JSON; a mismatch keeps the raw body.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, DecodeError> {
        serde_json::from_slice(&self.body).map_err(|e| DecodeError::new(self.status, self.text(), e))
    }

    /// A JSON body on success (any 2XX), else the error for the response.
    pub fn json_or_error<T: DeserializeOwned, E: ResponseError>(self, declared: &ErrorStatuses) -> Result<T, E> {
        if self.is_success() { Ok(self.json()?) } else { Err(self.error(declared)) }
    }

    /// `()` on success (any body ignored), else the error for the response.
    pub fn unit_or_error<E: ResponseError>(self, declared: &ErrorStatuses) -> Result<(), E> {
        if self.is_success() { Ok(()) } else { Err(self.error(declared)) }
    }

    /// The response itself on success, else the error for the response.
    pub fn success_or_error<E: ResponseError>(self, declared: &ErrorStatuses) -> Result<Self, E> {
        if self.is_success() { Ok(self) } else { Err(self.error(declared)) }
    }

    /// The error for a response that is not a success the operation handles.
    pub fn error<E: ResponseError>(self, declared: &ErrorStatuses) -> E {
        E::from_response(self, declared)
    }

    /// Whether the status is 2XX.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The unread body of a download's success response, if any.
    pub fn take_unread(&mut self) -> Option<Unread> {
        self.unread.take()
    }

    /// Turns an error response into its typed payload, decoding the body as `B` when it matches.
    pub fn api_error<B: DeserializeOwned>(self) -> ApiError<B> {
        let decoded = serde_json::from_slice(&self.body).ok();
        let raw = String::from_utf8_lossy(&self.body).into_owned();
        ApiError::new(self.status, self.headers, decoded, raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_statuses() {
        let d = ErrorStatuses::codes(&[404, 422]).with_classes(&[5]);
        assert!(d.has_code(404) && !d.has_code(400));
        assert!(d.covers(5, 503) && !d.covers(4, 404) && !d.covers(5, 404));
        assert!(!d.has_default() && d.with_default().has_default());
        assert!(!ErrorStatuses::NONE.has_code(404));
    }
}

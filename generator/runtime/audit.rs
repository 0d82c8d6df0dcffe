//! Audit logging with `tracing`: what was called, on which record, which fields, with what outcome; never a value.
//!
//! Events use the generated crate's name as target. They carry the operationId, method, path template, path
//! parameters (record identifiers), query parameter *names* (values only for paging parameters), the *names* of the
//! body fields being sent, the status, the attempt count and the duration. Body values, other query values and
//! credentials are never recorded, at any level.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use super::request::Request;

const TARGET: &str = env!("CARGO_CRATE_NAME");

/// The audit record of one operation call, across its attempts.
pub struct Audit {
    started: Instant,
    operation: &'static str,
    method: String,
    path: &'static str,
    path_params: String,
    query: String,
    fields: String,
    enabled: bool,
}

impl Audit {
    /// Records that a request is about to be sent.
    pub fn start(req: &Request) -> Self {
        // Nothing is formatted unless a subscriber listens (the events' most severe level is WARN).
        if !tracing::enabled!(target: TARGET, tracing::Level::WARN) {
            return Audit {
                started: Instant::now(),
                operation: req.operation_id,
                method: String::new(),
                path: req.path_template,
                path_params: String::new(),
                query: String::new(),
                fields: String::new(),
                enabled: false,
            };
        }
        let path_params = req.path_params.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",");
        let mut query = String::new();
        for (name, value) in req.query.pairs() {
            if !query.is_empty() {
                query.push(',');
            }
            query.push_str(name);
            if req.loggable_query.contains(&name.as_str()) {
                let _ = write!(query, "={value}");
            }
        }
        let audit = Audit {
            started: Instant::now(),
            operation: req.operation_id,
            method: req.method.to_string(),
            path: req.path_template,
            path_params,
            query,
            fields: req.body_fields.join(","),
            enabled: true,
        };
        tracing::debug!(
            target: TARGET,
            operation = audit.operation,
            method = %audit.method,
            path = audit.path,
            path_params = %audit.path_params,
            query = %audit.query,
            fields = %audit.fields,
            "sending request"
        );
        audit
    }

    /// Records a retry and the wait before it.
    pub fn retrying(&self, attempt: u32, status: Option<u16>, delay: Duration) {
        if !self.enabled {
            return;
        }
        tracing::warn!(
            target: TARGET,
            operation = self.operation,
            method = %self.method,
            path = self.path,
            path_params = %self.path_params,
            status = status.map(u64::from),
            attempt,
            delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
            "retrying request"
        );
    }

    /// Records the outcome: the final status (none on a transport failure or timeout) and the attempts made.
    pub fn finish(&self, attempts: u32, status: Option<u16>) {
        if !self.enabled {
            return;
        }
        tracing::info!(
            target: TARGET,
            operation = self.operation,
            method = %self.method,
            path = self.path,
            path_params = %self.path_params,
            query = %self.query,
            fields = %self.fields,
            status = status.map(u64::from),
            attempts,
            duration_ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX),
            "request finished"
        );
    }
}

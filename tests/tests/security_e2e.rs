//! End-to-end tests of security requirements as the spec states them, against wiremock on 127.0.0.1.
//!
//! Uses the clients generated from `tests/fixtures/security_schemes.yaml` and `security_31.yaml` (in the fixture
//! crate). Each test checks on the wire exactly which credentials a request carried: all schemes of one requirement
//! (AND), the first configured alternative (OR), none for `security: []`. Also: credentials by scheme name and the
//! errors for undeclared names and missing credentials, token providers asked on every attempt, a caller's own
//! `reqwest::Client`, default headers and middleware, and that no secret shows in `Debug` or `Display`.

#[path = "security_e2e/http_stack.rs"]
mod http_stack;
#[path = "security_e2e/requirements.rs"]
mod requirements;
#[path = "security_e2e/secrets.rs"]
mod secrets;
#[path = "security_e2e/support.rs"]
mod support;
#[path = "security_e2e/values.rs"]
mod values;

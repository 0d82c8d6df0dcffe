//! Typed mocks for tests of code that uses a generated client (feature `mock`), on [wiremock].
//!
//! [`MockServer`] wraps a wiremock server; the generated `mock` module adds one method per operation that starts
//! an [`Expectation`] named after the client method, with setters for that operation's parameters and body and
//! answers typed by its responses. wiremock does the serving, the priorities, the delays, the call counting and
//! the verification; this file adds the typed layer and a last-resort answer that explains, for a request no
//! expectation matched, what differed.

use std::marker::PhantomData;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

pub use wiremock;
use wiremock::{Mock, ResponseTemplate, Times};

use super::auth::{Scheme, SchemeKind};
use super::builder::ClientBuilder;
use super::http::FromInner;
use super::mock_match::{Expected, shown};
use super::request::Request;

/// The status of the answer to a request no expectation matched: one a client never retries and specs rarely
/// declare, so the test sees `UnexpectedStatus` with the explanation as its message.
pub const UNMATCHED_STATUS: u16 = 501;

/// A mock of the API on `127.0.0.1`, with typed expectations per operation (see the generated `mock` module).
///
/// Dropping it checks every expectation's call count (`expect`) and that every request matched one; a failure
/// panics with the operation, what was expected and what was received.
pub struct MockServer<C> {
    shared: Shared,
    schemes: &'static [Scheme],
    client: PhantomData<fn() -> C>,
}

/// What the server and its expectations share: the wiremock server, the mounted expectations, the misses.
struct Shared {
    server: wiremock::MockServer,
    mounted: Arc<Mutex<Vec<Arc<Expected>>>>,
    unmatched: Arc<Mutex<Vec<String>>>,
}

impl<C: FromInner> MockServer<C> {
    /// Starts a server for a client of `schemes` (the generated `MockServer::start` passes the spec's).
    pub(crate) async fn start_with(schemes: &'static [Scheme]) -> Self {
        let server = wiremock::MockServer::start().await;
        let mounted = Arc::new(Mutex::new(Vec::new()));
        let unmatched = Arc::new(Mutex::new(Vec::new()));
        let fallback = Unmatched { mounted: Arc::clone(&mounted), unmatched: Arc::clone(&unmatched) };
        Mock::given(wiremock::matchers::any())
            .respond_with(fallback)
            .with_priority(u8::MAX)
            .named("requests no expectation matched")
            .mount(&server)
            .await;
        MockServer { shared: Shared { server, mounted, unmatched }, schemes, client: PhantomData }
    }

    /// The server's base URL (`http://127.0.0.1:<port>`), as `Client::base_url` gives a client's.
    pub fn base_url(&self) -> String {
        self.shared.server.uri()
    }

    /// A client of this server: placeholder credentials for every scheme, no retries.
    pub fn client(&self) -> C {
        match self.client_builder().build() {
            Ok(client) => client,
            Err(_) => panic!("the mock server's client could not be built from {}", self.base_url()),
        }
    }

    /// A builder for a client of this server (placeholder credentials, no retries), to set retries or timeouts.
    pub fn client_builder(&self) -> ClientBuilder<C> {
        let builder = ClientBuilder::new(&self.base_url(), self.schemes).max_retries(0);
        self.schemes.iter().fold(builder, |b, s| {
            let value = if s.kind == SchemeKind::Basic { "mock-user:mock-password" } else { "mock-credential" };
            b.credential(s.name, value)
        })
    }

    /// Checks now what dropping the server checks: every call count, and that every request matched.
    pub async fn verify(&self) {
        self.shared.check_unmatched();
        self.shared.server.verify().await;
    }

    /// Why each request no expectation matched did not match, in arrival order. Taken: a test that expects a miss
    /// takes it, and dropping the server no longer fails on it.
    pub fn take_unmatched(&self) -> Vec<String> {
        std::mem::take(&mut *self.shared.unmatched.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Every request received so far.
    pub async fn received_requests(&self) -> Vec<wiremock::Request> {
        self.shared.server.received_requests().await.unwrap_or_default()
    }

    /// The wiremock server underneath, to mount hand-written mocks beside the typed ones.
    pub fn wiremock(&self) -> &wiremock::MockServer {
        &self.shared.server
    }

    /// A new expectation for `operation` (the client method's name), from the request it starts as.
    pub(crate) fn expectation<Op>(&self, operation: &'static str, request: Request) -> Expectation<'_, Op> {
        Expectation {
            shared: &self.shared,
            expected: Expected::new(operation, request),
            answers: Vec::new(),
            times: None,
            op: PhantomData,
        }
    }

}

impl Shared {
    /// Panics, listing why, when some request matched no expectation (unless the test is already panicking).
    fn check_unmatched(&self) {
        let unmatched = self.unmatched.lock().unwrap_or_else(PoisonError::into_inner).clone();
        if !unmatched.is_empty() && !std::thread::panicking() {
            panic!(
                "the client sent {} request(s) that no expectation matched:\n- {}",
                unmatched.len(),
                unmatched.join("\n- ")
            );
        }
    }
}

impl<C> Drop for MockServer<C> {
    fn drop(&mut self) {
        self.shared.check_unmatched();
    }
}

/// One operation's expected call and its answers, built by the generated methods and mounted with
/// [`Expectation::mount`]. `Op` names the operation, so only its own setters and answers can be called.
#[must_use = "an expectation does nothing until it is mounted"]
pub struct Expectation<'a, Op> {
    shared: &'a Shared,
    expected: Expected,
    answers: Vec<ResponseTemplate>,
    times: Option<Times>,
    op: PhantomData<fn() -> Op>,
}

impl<Op> Expectation<'_, Op> {
    /// Answers `status` with `body` as it is (text or JSON text); the next answer in the sequence (see
    /// [`Expectation::mount`]).
    pub fn respond_raw(self, status: u16, body: impl Into<String>) -> Self {
        self.respond_with(ResponseTemplate::new(status).set_body_string(body.into()))
    }

    /// Answers with any wiremock response (the next answer in the sequence).
    pub fn respond_with(mut self, answer: ResponseTemplate) -> Self {
        self.answers.push(answer);
        self
    }

    /// Delays the last answer added by `delay` (to test timeouts).
    pub fn delay(self, delay: Duration) -> Self {
        self.edit_last("delay", |a| a.set_delay(delay))
    }

    /// Adds `Retry-After: <seconds>` to the last answer added.
    pub fn retry_after(self, seconds: u64) -> Self {
        self.edit_last("retry_after", |a| a.insert_header("Retry-After", seconds.to_string()))
    }

    /// Adds a header to the last answer added.
    pub fn response_header(self, name: &str, value: &str) -> Self {
        let (name, value) = (name.to_owned(), value.to_owned());
        self.edit_last("response_header", move |a| a.insert_header(name.as_str(), value.as_str()))
    }

    /// How many matching calls the server must get (`1`, `2..`, `..=3`); checked when the server is dropped or
    /// verified. Without it, any number is accepted.
    pub fn expect(mut self, times: impl Into<Times>) -> Self {
        self.times = Some(times.into());
        self
    }

    /// Mounts the expectation. Its answers are given in order, one per matching call; the last one repeats.
    ///
    /// # Panics
    /// When no answer was added (`respond_ok`, `respond_raw`, ...).
    pub async fn mount(self) -> Mounted {
        assert!(
            !self.answers.is_empty(),
            "the `{}` expectation has no answer: add one with `respond_ok` or another `respond_` method",
            self.expected.operation
        );
        let name = self.describe();
        let expected = Arc::new(self.expected);
        let calls = Arc::new(AtomicUsize::new(0));
        let answers = Answers { answers: self.answers, calls: Arc::clone(&calls) };
        let mut mock = Mock::given(Matcher(Arc::clone(&expected))).respond_with(answers).named(name.clone());
        if let Some(times) = self.times {
            mock = mock.expect(times);
        }
        mock.mount(&self.shared.server).await;
        self.shared.mounted.lock().unwrap_or_else(PoisonError::into_inner).push(expected);
        Mounted { name, calls }
    }

    /// The request the client would build, for the generated setters to fill in with the client's own statements.
    pub(crate) fn request_mut(&mut self) -> &mut Request {
        &mut self.expected.request
    }

    /// [`Expectation::request_mut`] for one statement, such as `req.path("id", id)`.
    pub(crate) fn with(mut self, fill: impl FnOnce(&mut Request)) -> Self {
        fill(&mut self.expected.request);
        self
    }

    /// Matches the body the client sends for `body`: exactly its JSON.
    pub(crate) fn match_json<T: serde::Serialize + ?Sized>(mut self, content_type: &str, body: &T) -> Self {
        if let Err(e) = self.expected.request.json_as(content_type, body) {
            panic!("`{}`: the expected body cannot be encoded: {e:?}", self.expected.operation);
        }
        self
    }

    /// Compares these query and header parameters even when unset (they must then be absent).
    pub(crate) fn match_exactly(mut self, query: &[&'static str], headers: &[&'static str]) -> Self {
        self.expected.exact_query.extend_from_slice(query);
        self.expected.exact_headers.extend_from_slice(headers);
        self
    }

    /// Answers `status` with `body` as JSON.
    pub(crate) fn answer_json<T: serde::Serialize + ?Sized>(self, status: u16, body: &T) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.respond_with(ResponseTemplate::new(status).set_body_raw(bytes, "application/json")),
            Err(e) => panic!("`{}`: the answer cannot be encoded: {e}", self.expected.operation),
        }
    }

    /// Answers `status` with `body` as `content_type`.
    pub(crate) fn answer_bytes(self, status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        self.respond_with(ResponseTemplate::new(status).set_body_raw(body.into(), content_type))
    }

    /// Answers `status` without a body.
    pub(crate) fn answer_empty(self, status: u16) -> Self {
        self.respond_with(ResponseTemplate::new(status))
    }

    fn edit_last(mut self, what: &str, edit: impl FnOnce(ResponseTemplate) -> ResponseTemplate) -> Self {
        match self.answers.pop() {
            Some(last) => self.answers.push(edit(last)),
            None => panic!("`{}`: `{what}` changes the last answer, but none was added yet", self.expected.operation),
        }
        self
    }

    /// `update_customer (PUT /customer/{id}) where path parameter ..., body ...`, the name verification shows.
    fn describe(&self) -> String {
        let r = &self.expected.request;
        let mut parts: Vec<String> = r.path_params.iter().map(|(k, v)| format!("path parameter `{k}` = `{v}`")).collect();
        parts.extend(r.query.pairs().iter().map(|(k, v)| format!("query parameter `{k}` = `{v}`")));
        parts.extend(r.headers.iter().map(|(k, v)| format!("header `{k}` = `{v}`")));
        if let Some(body) = &r.body {
            parts.push(format!("body {}", shown(&body.bytes)));
        }
        if parts.is_empty() {
            self.expected.title()
        } else {
            format!("{} where {}", self.expected.title(), parts.join(", "))
        }
    }
}

/// A mounted expectation: how often it answered.
#[derive(Clone, Debug)]
pub struct Mounted {
    name: String,
    calls: Arc<AtomicUsize>,
}

impl Mounted {
    /// The number of calls this expectation answered so far.
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    /// The operation and the values it matches, as verification failures name it.
    pub fn name(&self) -> &str {
        &self.name
    }
}

struct Matcher(Arc<Expected>);

impl wiremock::Match for Matcher {
    fn matches(&self, request: &wiremock::Request) -> bool {
        self.0.mismatches(request).is_empty()
    }
}

/// An expectation's answers in order; the last one repeats.
struct Answers {
    answers: Vec<ResponseTemplate>,
    calls: Arc<AtomicUsize>,
}

impl wiremock::Respond for Answers {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        let i = self.calls.fetch_add(1, Ordering::SeqCst);
        self.answers[i.min(self.answers.len() - 1)].clone()
    }
}

/// The last-resort answer: records the miss and explains it, against the expectations of the same operation.
struct Unmatched {
    mounted: Arc<Mutex<Vec<Arc<Expected>>>>,
    unmatched: Arc<Mutex<Vec<String>>>,
}

impl wiremock::Respond for Unmatched {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let mounted = self.mounted.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let query = request.url.query().map(|q| format!("?{q}")).unwrap_or_default();
        let sent = format!("{} {}{query}", request.method, request.url.path());
        let same: Vec<&Arc<Expected>> = mounted.iter().filter(|e| e.same_operation(request)).collect();
        let why = if same.is_empty() {
            let titles: Vec<String> = mounted.iter().map(|e| e.title()).collect();
            let titles = if titles.is_empty() { "none".to_owned() } else { titles.join(", ") };
            format!("no expectation matched {sent}: no expectation for this operation (mounted: {titles})")
        } else {
            // The closest expectation first: the client's error message keeps only its first few hundred characters.
            let mut reasons: Vec<(usize, String)> = same
                .iter()
                .map(|e| {
                    let m = e.mismatches(request);
                    (m.len(), format!("{}: {}", e.title(), m.join("; ")))
                })
                .collect();
            reasons.sort_by_key(|(n, _)| *n);
            let reasons: Vec<String> = reasons.into_iter().map(|(_, r)| r).collect();
            format!("no expectation matched {sent}: {}", reasons.join(" | "))
        };
        // The answer is one line (a JSON difference is printed over several), as an error message shows it.
        let line = why.split_whitespace().collect::<Vec<_>>().join(" ");
        self.unmatched.lock().unwrap_or_else(PoisonError::into_inner).push(why);
        ResponseTemplate::new(UNMATCHED_STATUS).set_body_raw(line.into_bytes(), "text/plain")
    }
}

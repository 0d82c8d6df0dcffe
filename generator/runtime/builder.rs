//! `ClientBuilder`: base URL, credentials, retries and timeouts of a generated `Client`.

use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use super::errors::ConfigError;
use super::http::{Failure, Inner};
use super::retry::RetryPolicy;
use super::secret::{Auth, KeyLocation, Secret};

/// Default time allowed for one attempt of a request, from sending to the end of the body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A generated client type: built from the shared transport state.
pub trait FromInner: Sized {
    /// The error `build()` returns.
    type Error: From<Failure>;
    /// Wraps the transport state.
    fn from_inner(inner: Arc<Inner>) -> Self;
}

/// Configures and builds a client `C`. Every setting has a default; `build()` checks them.
pub struct ClientBuilder<C> {
    base_url: String,
    auth: Auth,
    api_key: Option<(KeyLocation, &'static str)>,
    retry: RetryPolicy,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    client: PhantomData<fn() -> C>,
}

impl<C> Clone for ClientBuilder<C> {
    fn clone(&self) -> Self {
        ClientBuilder {
            base_url: self.base_url.clone(),
            auth: self.auth.clone(),
            api_key: self.api_key,
            retry: self.retry.clone(),
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
            user_agent: self.user_agent.clone(),
            client: PhantomData,
        }
    }
}

impl<C> std::fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .finish_non_exhaustive()
    }
}

impl<C: FromInner> ClientBuilder<C> {
    /// A builder with the spec's first server as base URL. `api_key` is where the spec's API key scheme puts the key.
    pub fn new(default_base_url: &str, api_key: Option<(KeyLocation, &'static str)>) -> Self {
        ClientBuilder {
            base_url: default_base_url.to_owned(),
            auth: Auth::None,
            api_key,
            retry: RetryPolicy::default(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_owned(),
            client: PhantomData,
        }
    }

    /// The API's base URL, e.g. `http://127.0.0.1:8080` (a trailing `/` is ignored).
    pub fn base_url(mut self, url: &str) -> Self {
        self.base_url = url.trim_end_matches('/').to_owned();
        self
    }

    /// Authenticates with `Authorization: Bearer <token>`.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.auth = Auth::Bearer(Secret::new(token));
        self
    }

    /// Authenticates with HTTP basic auth.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.auth = Auth::Basic { user: user.into(), password: Secret::new(password) };
        self
    }

    /// Authenticates with the API key scheme the spec declares (header, query or cookie).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        let (location, name) = self.api_key.unwrap_or((KeyLocation::Header, "X-API-Key"));
        self.auth = Auth::ApiKey { location, name, key: Secret::new(key) };
        self
    }

    /// Repeats of a failed safe request after the first attempt (default 2; 0 disables retries).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// The first backoff ceiling (default 200 ms); it doubles per attempt up to 8 s, with full jitter.
    pub fn initial_backoff(mut self, delay: Duration) -> Self {
        self.retry.initial_backoff = delay;
        self
    }

    /// The longest `Retry-After` wait honoured (default 60 s); longer requests are shortened to this.
    pub fn max_retry_after(mut self, delay: Duration) -> Self {
        self.retry.max_retry_after = delay;
        self
    }

    /// Time allowed for each attempt, from sending to the end of the body (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed to open a connection (default 10 s, never more than the request timeout).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header (default: crate name and version).
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = agent.into();
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<C, C::Error> {
        self.build_inner().map(|inner| C::from_inner(Arc::new(inner))).map_err(C::Error::from)
    }

    fn build_inner(self) -> Result<Inner, Failure> {
        let config = |m: String| Failure::Config(ConfigError(m));
        let parsed = reqwest::Url::parse(&self.base_url).map_err(|e| config(format!("base URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.cannot_be_a_base() {
            return Err(config("base URL must be an absolute http(s) URL".to_owned()));
        }
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout.min(self.timeout))
            .user_agent(self.user_agent)
            .build()
            .map_err(|e| config(format!("HTTP client: {}", e.without_url())))?;
        Ok(Inner::new(http, self.base_url, self.auth, self.retry).with_attempt_timeout(self.timeout))
    }
}

//! `ClientBuilder`: base URL, credentials, HTTP stack, retries and timeouts of a generated `Client`.

use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::auth::{Credential, Credentials, Scheme, SchemeKind, TokenProvider};
use super::errors::ConfigError;
use super::http::{Failure, FromInner, Inner, Transport};
use super::retry::RetryPolicy;
use super::secret::Secret;

/// Default time allowed for one attempt of a request, from sending to the end of the body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Configures and builds a client `C`. Every setting has a default; `build()` checks them.
pub struct ClientBuilder<C> {
    base_url: String,
    schemes: &'static [Scheme],
    credentials: Vec<(String, Credential)>,
    http_client: Option<reqwest::Client>,
    default_headers: HeaderMap,
    middleware: Vec<Arc<dyn reqwest_middleware::Middleware>>,
    /// Settings that were refused when given; `build()` reports the first.
    errors: Vec<String>,
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
            schemes: self.schemes,
            credentials: self.credentials.clone(),
            http_client: self.http_client.clone(),
            default_headers: self.default_headers.clone(),
            middleware: self.middleware.clone(),
            errors: self.errors.clone(),
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
            .field("credentials", &self.credentials)
            .field("default_headers", &self.default_headers.keys().collect::<Vec<_>>())
            .field("middleware", &self.middleware.len())
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .finish_non_exhaustive()
    }
}

impl<C: FromInner> ClientBuilder<C> {
    /// A builder with the spec's first server as base URL; `schemes` are the spec's security schemes.
    pub(crate) fn new(default_base_url: &str, schemes: &'static [Scheme]) -> Self {
        ClientBuilder {
            base_url: default_base_url.to_owned(),
            schemes,
            credentials: Vec::new(),
            http_client: None,
            default_headers: HeaderMap::new(),
            middleware: Vec::new(),
            errors: Vec::new(),
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

    /// The credential of security scheme `scheme` (its name in the spec's `components.securitySchemes`): an API
    /// key, a bearer token, `user:password` for HTTP basic, or the whole `Authorization` value for other HTTP
    /// schemes. `build()` fails on a name the spec does not declare.
    pub fn credential(mut self, scheme: &str, value: impl Into<String>) -> Self {
        self.credentials.push((scheme.to_owned(), Credential::Fixed(Secret::new(value))));
        self
    }

    /// Asks `provider` for the credential of `scheme` before every attempt (for tokens that expire).
    pub fn token_provider(mut self, scheme: &str, provider: impl TokenProvider + 'static) -> Self {
        self.credentials.push((scheme.to_owned(), Credential::Provider(Arc::new(provider))));
        self
    }

    /// The token of the spec's first bearer scheme (HTTP bearer, OAuth 2.0 or OpenID Connect).
    pub fn bearer_token(self, token: impl Into<String>) -> Self {
        self.first_of("bearer_token", "bearer", |k| *k == SchemeKind::Bearer, token.into())
    }

    /// The user and password of the spec's first HTTP basic scheme.
    pub fn basic_auth(self, user: impl Into<String>, password: impl Into<String>) -> Self {
        let value = format!("{}:{}", user.into(), password.into());
        self.first_of("basic_auth", "HTTP basic", |k| *k == SchemeKind::Basic, value)
    }

    /// The key of the spec's first API key scheme (header, query or cookie).
    pub fn api_key(self, key: impl Into<String>) -> Self {
        self.first_of("api_key", "API key", |k| matches!(k, SchemeKind::ApiKey { .. }), key.into())
    }

    fn first_of(mut self, setter: &str, kind: &str, matches: impl Fn(&SchemeKind) -> bool, value: String) -> Self {
        match Credentials::first_of(self.schemes, matches) {
            Some(scheme) => self.credential(scheme, value),
            None => {
                self.errors.push(format!("`{setter}`: the spec declares no {kind} security scheme"));
                self
            }
        }
    }

    /// Sends requests through this `reqwest::Client` (proxies, TLS roots, connection pool). Its own settings
    /// apply; `timeout` still limits every attempt, `connect_timeout` and `user_agent` are then the client's.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// A header sent with every request (before the operation's own headers). Its value is hidden from `Debug`.
    pub fn default_header(mut self, name: &str, value: &str) -> Self {
        match (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
            (Ok(name), Ok(mut value)) => {
                value.set_sensitive(true);
                self.default_headers.append(name, value);
            }
            _ => self.errors.push(format!("default header `{name}` is not a valid header")),
        }
        self
    }

    /// Headers sent with every request (see [`Self::default_header`]).
    pub fn default_headers(mut self, headers: HeaderMap) -> Self {
        // Repeated values of a name come with `None` after the first.
        let mut current = None;
        for (name, mut value) in headers {
            current = name.or(current);
            if let Some(name) = &current {
                value.set_sensitive(true);
                self.default_headers.append(name.clone(), value);
            }
        }
        self
    }

    /// Adds a `reqwest-middleware` middleware (tracing, metrics, caching, signing); it sees every attempt.
    pub fn with<M: reqwest_middleware::Middleware>(self, middleware: M) -> Self {
        self.with_arc(Arc::new(middleware))
    }

    /// Adds a shared middleware (see [`Self::with`]).
    pub fn with_arc(mut self, middleware: Arc<dyn reqwest_middleware::Middleware>) -> Self {
        self.middleware.push(middleware);
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
        if let Some(error) = self.errors.into_iter().next() {
            return Err(config(error));
        }
        let parsed = reqwest::Url::parse(&self.base_url).map_err(|e| config(format!("base URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.cannot_be_a_base() {
            return Err(config("base URL must be an absolute http(s) URL".to_owned()));
        }
        let credentials = Credentials::new(self.schemes, self.credentials).map_err(Failure::Config)?;
        let http = match self.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout.min(self.timeout))
                .user_agent(self.user_agent)
                .build()
                .map_err(|e| config(format!("HTTP client: {}", e.without_url())))?,
        };
        let http = self
            .middleware
            .into_iter()
            .fold(reqwest_middleware::ClientBuilder::new(http), reqwest_middleware::ClientBuilder::with_arc)
            .build();
        let transport = Transport { http, default_headers: self.default_headers, timeout: self.timeout };
        Ok(Inner::new(transport, self.base_url, credentials, self.retry))
    }
}

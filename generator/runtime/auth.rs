//! Security schemes, requirements and credentials: which credentials each request sends, chosen by scheme name.
//!
//! The generated crate declares its schemes (`SECURITY_SCHEMES`) and each operation's requirement (`Security`).
//! A requirement lists alternatives (OR); each alternative names schemes that are all sent together (AND). A request
//! sends the first alternative whose credentials are all configured; when none is and the operation does not
//! allow anonymous calls, it fails before anything is sent.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use reqwest::header::HeaderValue;

use super::errors::ConfigError;
use super::secret::Secret;

/// Where an API key goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// How a scheme's credential is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeKind {
    /// An API key under `name` in a header, the query or a cookie.
    ApiKey {
        /// Where the key goes.
        location: KeyLocation,
        /// The header, query parameter or cookie name.
        name: &'static str,
    },
    /// `Authorization: Basic base64(user:password)`; the credential is `user:password`.
    Basic,
    /// `Authorization: Bearer <token>` (HTTP bearer, OAuth 2.0 and OpenID Connect).
    Bearer,
    /// Another HTTP scheme: the credential is the whole `Authorization` value.
    Authorization,
}

/// A security scheme the spec declares (`components.securitySchemes`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scheme {
    /// The scheme's name in the spec.
    pub name: &'static str,
    /// How its credential is sent.
    pub kind: SchemeKind,
}

impl Scheme {
    /// An API key scheme.
    pub(crate) const fn api_key(name: &'static str, location: KeyLocation, key_name: &'static str) -> Self {
        Scheme { name, kind: SchemeKind::ApiKey { location, name: key_name } }
    }

    /// An HTTP basic scheme.
    pub(crate) const fn basic(name: &'static str) -> Self {
        Scheme { name, kind: SchemeKind::Basic }
    }

    /// A bearer token scheme (HTTP bearer, OAuth 2.0, OpenID Connect).
    pub(crate) const fn bearer(name: &'static str) -> Self {
        Scheme { name, kind: SchemeKind::Bearer }
    }

    /// Another HTTP scheme, sent as a raw `Authorization` value.
    pub(crate) const fn authorization(name: &'static str) -> Self {
        Scheme { name, kind: SchemeKind::Authorization }
    }
}

/// An operation's security requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Security {
    /// Alternatives in the spec's order; each lists the schemes sent together.
    pub any_of: &'static [&'static [&'static str]],
    /// True when the operation may be called without credentials (none configured, or `{}` in the spec).
    pub anonymous: bool,
    /// Every configured scheme of the one alternative is sent (the spec declares schemes but no requirement).
    pub each_configured: bool,
}

impl Security {
    /// No credentials are sent (`security: []`, or no requirement at all).
    pub const NONE: Security = Security { any_of: &[], anonymous: true, each_configured: false };

    /// One of `any_of` must be configured.
    pub const fn required(any_of: &'static [&'static [&'static str]]) -> Self {
        Security { any_of, anonymous: false, each_configured: false }
    }

    /// The first configured alternative of `any_of` is sent; with none configured, nothing is.
    pub const fn optional(any_of: &'static [&'static [&'static str]]) -> Self {
        Security { any_of, anonymous: true, each_configured: false }
    }

    /// Each configured scheme of `any_of`'s one alternative is sent, and none when none is (the spec declares
    /// schemes but never says which an operation needs).
    pub const fn each_configured(any_of: &'static [&'static [&'static str]]) -> Self {
        Security { any_of, anonymous: true, each_configured: true }
    }
}

/// The error a [`TokenProvider`] returns.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The future a [`TokenProvider`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + 'a>>;

/// Supplies the current token of a scheme; asked before every attempt, so a refreshed token is used at once.
///
/// Implemented for closures `Fn() -> impl Future<Output = Result<String, E>>`.
pub trait TokenProvider: Send + Sync {
    /// The token to send now.
    fn token(&self) -> TokenFuture<'_>;
}

impl<F, Fut, E> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<String, E>> + Send + 'static,
    E: Into<BoxError>,
{
    fn token(&self) -> TokenFuture<'_> {
        let fut = self();
        Box::pin(async move { fut.await.map_err(Into::into) })
    }
}

/// Where a scheme's credential comes from.
#[derive(Clone)]
pub(crate) enum Credential {
    /// A fixed value.
    Fixed(Secret),
    /// Asked for before every attempt.
    Provider(Arc<dyn TokenProvider>),
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credential::Fixed(s) => write!(f, "Fixed({s:?})"),
            Credential::Provider(_) => f.write_str("Provider"),
        }
    }
}

/// The credentials of a client, by declared scheme.
#[derive(Clone, Debug, Default)]
pub(crate) struct Credentials {
    configured: Vec<(Scheme, Credential)>,
}

impl Credentials {
    /// Matches the given credentials with the declared `schemes`; an undeclared name is an error naming the schemes.
    pub fn new(schemes: &[Scheme], given: Vec<(String, Credential)>) -> Result<Self, ConfigError> {
        let mut configured: Vec<(Scheme, Credential)> = Vec::with_capacity(given.len());
        for (name, credential) in given {
            let Some(scheme) = schemes.iter().find(|s| s.name == name) else {
                let declared: Vec<&str> = schemes.iter().map(|s| s.name).collect();
                let declared = if declared.is_empty() { "none".to_owned() } else { declared.join(", ") };
                // The name is not echoed (with the arguments swapped it would be the secret), unless it is a declared
                // name spelled in another case.
                let hint = schemes
                    .iter()
                    .find(|s| s.name.eq_ignore_ascii_case(&name))
                    .map(|s| format!(" (did you mean `{}`?)", s.name))
                    .unwrap_or_default();
                return Err(ConfigError(format!(
                    "credential for a security scheme the spec does not declare{hint}; the spec declares: {declared}"
                )));
            };
            if let Credential::Fixed(value) = &credential {
                check_value(scheme, value.expose())?;
            }
            if let (SchemeKind::Basic, Credential::Fixed(value)) = (scheme.kind, &credential)
                && !value.expose().contains(':')
            {
                return Err(ConfigError(format!("the credential of basic scheme `{name}` must be `user:password`")));
            }
            configured.retain(|(s, _)| s.name != scheme.name);
            configured.push((*scheme, credential));
        }
        Ok(Credentials { configured })
    }

    /// The alternative that operation `operation_id` with `security` sends (`None`: no credentials), or an error
    /// naming the schemes it needs.
    pub fn select(
        &self,
        operation_id: &str,
        security: &Security,
    ) -> Result<Option<&'static [&'static str]>, ConfigError> {
        if security.each_configured {
            // `resolve` skips the schemes that are not configured.
            return Ok(security.any_of.first().copied());
        }
        let configured = |name: &&str| self.configured.iter().any(|(s, _)| s.name == *name);
        if let Some(alternative) = security.any_of.iter().find(|alt| alt.iter().all(configured)) {
            return Ok(Some(alternative));
        }
        if security.anonymous {
            return Ok(None);
        }
        let wanted: Vec<String> = security.any_of.iter().map(|alt| alt.join(" + ")).collect();
        Err(ConfigError(format!(
            "`{operation_id}` needs the credentials of {}; set them with `credential(scheme, value)`",
            wanted.join(", or ")
        )))
    }

    /// The current values of `alternative`'s credentials (token providers are asked now).
    pub async fn resolve(&self, alternative: &[&str]) -> Result<Vec<(SchemeKind, Secret)>, ConfigError> {
        let mut out = Vec::with_capacity(alternative.len());
        for name in alternative {
            let Some((scheme, credential)) = self.configured.iter().find(|(s, _)| s.name == *name) else {
                continue;
            };
            let value = match credential {
                Credential::Fixed(s) => s.clone(),
                Credential::Provider(p) => {
                    let token = p
                        .token()
                        .await
                        .map_err(|e| ConfigError(format!("token provider of `{name}` failed: {e}")))?;
                    check_value(scheme, &token)?;
                    Secret::new(token)
                }
            };
            out.push((scheme.kind, value));
        }
        Ok(out)
    }

    /// The first configured scheme of a kind matching `kind` (for the convenience setters).
    pub fn first_of(schemes: &[Scheme], kind: impl Fn(&SchemeKind) -> bool) -> Option<&'static str> {
        schemes.iter().find(|s| kind(&s.kind)).map(|s| s.name)
    }
}

/// Adds resolved credentials to a request being built: headers on `builder`, query pairs and cookies to the lists.
pub(crate) fn apply(
    credentials: &[(SchemeKind, Secret)],
    mut builder: reqwest::RequestBuilder,
    query: &mut Vec<(String, String)>,
    cookies: &mut Vec<String>,
) -> reqwest::RequestBuilder {
    for (kind, secret) in credentials {
        let value = secret.expose();
        builder = match *kind {
            SchemeKind::ApiKey { location: KeyLocation::Header, name } => builder.header(name, sensitive(value)),
            SchemeKind::ApiKey { location: KeyLocation::Query, name } => {
                query.push((name.to_owned(), value.to_owned()));
                builder
            }
            SchemeKind::ApiKey { location: KeyLocation::Cookie, name } => {
                cookies.push(format!("{name}={value}"));
                builder
            }
            SchemeKind::Basic => {
                let (user, password) = value.split_once(':').unwrap_or((value, ""));
                builder.basic_auth(user, Some(password))
            }
            SchemeKind::Bearer => builder.bearer_auth(value),
            SchemeKind::Authorization => builder.header(reqwest::header::AUTHORIZATION, sensitive(value)),
        };
    }
    builder
}

/// Refuses a credential value that cannot be sent as its scheme sends it (a header value with a line break, a
/// cookie value with `;`), instead of sending it empty. The error names the scheme, never the value.
fn check_value(scheme: &Scheme, value: &str) -> Result<(), ConfigError> {
    let header_ok = |v: &str| HeaderValue::from_str(v).is_ok();
    let ok = match scheme.kind {
        SchemeKind::ApiKey { location: KeyLocation::Query, .. } => true,
        SchemeKind::ApiKey { location: KeyLocation::Cookie, .. } => header_ok(value) && !value.contains([';', ',']),
        SchemeKind::Bearer => header_ok(&format!("Bearer {value}")),
        _ => header_ok(value),
    };
    if ok {
        Ok(())
    } else {
        Err(ConfigError(format!(
            "the credential of `{}` cannot be sent: it holds characters its place does not allow (a line break, a \
             control character{})",
            scheme.name,
            if matches!(scheme.kind, SchemeKind::ApiKey { location: KeyLocation::Cookie, .. }) { ", `;` or `,`" } else { "" }
        )))
    }
}

/// A header value hidden from `Debug` (an invalid value becomes empty rather than leaking into an error).
pub(crate) fn sensitive(value: &str) -> HeaderValue {
    let mut v = HeaderValue::from_str(value).unwrap_or_else(|_| HeaderValue::from_static(""));
    v.set_sensitive(true);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMES: &[Scheme] = &[
        Scheme::api_key("id", KeyLocation::Header, "X-Id"),
        Scheme::api_key("secret", KeyLocation::Header, "X-Secret"),
        Scheme::bearer("oauth"),
        Scheme::basic("basic"),
    ];

    fn creds(names: &[&str]) -> Credentials {
        let given = names.iter().map(|n| ((*n).to_owned(), Credential::Fixed(Secret::new("u:p")))).collect();
        Credentials::new(SCHEMES, given).expect("declared")
    }

    #[test]
    fn the_first_fully_configured_alternative_is_chosen() {
        let security = Security::required(&[&["id", "secret"], &["oauth"]]);
        assert_eq!(creds(&["id", "oauth"]).select("op", &security).unwrap(), Some(&["oauth"][..]));
        assert_eq!(creds(&["id", "secret", "oauth"]).select("op", &security).unwrap(), Some(&["id", "secret"][..]));
        let err = creds(&["id"]).select("op", &security).unwrap_err().to_string();
        assert!(err.contains("`op` needs the credentials of id + secret, or oauth"), "{err}");
        assert_eq!(creds(&["id"]).select("op", &Security::optional(&[&["oauth"]])).unwrap(), None);
    }

    #[test]
    fn undeclared_names_and_malformed_basic_values_are_refused() {
        let err = Credentials::new(SCHEMES, vec![("nope".into(), Credential::Fixed(Secret::new("x")))]).unwrap_err();
        assert!(!err.to_string().contains("nope") && err.to_string().contains("id, secret, oauth, basic"), "{err}");
        let err = Credentials::new(SCHEMES, vec![("Secret".into(), Credential::Fixed(Secret::new("x")))]).unwrap_err();
        assert!(err.to_string().contains("did you mean `secret`?"), "{err}");
        let err = Credentials::new(SCHEMES, vec![("id".into(), Credential::Fixed(Secret::new("k\r\n")))]).unwrap_err();
        assert!(err.to_string().contains("`id`") && err.to_string().contains("line break"), "{err}");
        let err = Credentials::new(SCHEMES, vec![("basic".into(), Credential::Fixed(Secret::new("xyz")))]).unwrap_err();
        assert!(err.to_string().contains("`user:password`") && !err.to_string().contains("xyz"), "{err}");
    }
}

//! One operation call as generated methods describe it: method, path, parameters, body, credentials.

use std::fmt::Display;

use bytes::Bytes;
use reqwest::Method;

use super::auth::Security;
use super::encode::{Encoding, Query, Style};
use super::errors::ConfigError;
use super::http::Failure;

/// A request body, already encoded, so each attempt can resend it.
#[derive(Clone, Debug)]
pub struct Body {
    /// The `Content-Type` header.
    pub content_type: String,
    /// The encoded bytes.
    pub bytes: Bytes,
}

/// One operation call, described so that it can be sent (and resent) and audited without its values.
#[derive(Debug)]
pub struct Request {
    /// The spec's operationId.
    pub operation_id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path as the spec writes it, e.g. `/customer/{id}`.
    pub path_template: &'static str,
    /// The path with encoded parameters.
    pub path: String,
    /// Path parameters (identifiers), logged.
    pub path_params: Vec<(&'static str, String)>,
    /// Query parameters, in order.
    pub query: Query,
    /// Query parameters whose values may be logged (paging).
    pub loggable_query: &'static [&'static str],
    /// Header parameters.
    pub headers: Vec<(&'static str, String)>,
    /// Cookie parameters.
    pub cookies: Vec<(&'static str, String)>,
    /// The body.
    pub body: Option<Body>,
    /// Names of the body fields being sent (logged instead of values).
    pub body_fields: Vec<String>,
    /// A header parameter that makes a POST/PATCH safe to repeat; a key is generated once if the caller set none.
    pub idempotency_header: Option<&'static str>,
    /// The credentials the operation needs (the spec's security requirement).
    pub(crate) security: Security,
    /// The `Accept` header: the media types of the operation's success responses.
    pub accept: &'static str,
    /// Leave a success body unread, to be streamed (`download.rs`); error bodies are still read.
    pub stream_body: bool,
}

impl Request {
    /// A request with no parameters and no body; the path is the template until path parameters fill it in.
    pub fn new(operation_id: &'static str, method: Method, path_template: &'static str) -> Self {
        Request {
            operation_id,
            method,
            path_template,
            path: path_template.to_owned(),
            path_params: Vec::new(),
            query: Query::new(),
            loggable_query: &[],
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            body_fields: Vec::new(),
            idempotency_header: None,
            security: Security::NONE,
            accept: "application/json",
            stream_body: false,
        }
    }

    /// A `GET` request (see [`Request::new`]).
    pub fn get(operation_id: &'static str, path_template: &'static str) -> Self {
        Self::new(operation_id, Method::GET, path_template)
    }

    /// A `PUT` request.
    pub fn put(operation_id: &'static str, path_template: &'static str) -> Self {
        Self::new(operation_id, Method::PUT, path_template)
    }

    /// A `POST` request.
    pub fn post(operation_id: &'static str, path_template: &'static str) -> Self {
        Self::new(operation_id, Method::POST, path_template)
    }

    /// A `DELETE` request.
    pub fn delete(operation_id: &'static str, path_template: &'static str) -> Self {
        Self::new(operation_id, Method::DELETE, path_template)
    }

    /// A `PATCH` request.
    pub fn patch(operation_id: &'static str, path_template: &'static str) -> Self {
        Self::new(operation_id, Method::PATCH, path_template)
    }

    /// Fills in path parameter `name`, a scalar in the default style (`simple`, not exploded).
    pub fn path(&mut self, name: &'static str, value: impl Display) {
        self.path_param(name, Style::Simple.unexploded(), vec![value.to_string()]);
    }

    /// Fills in path parameter `name` (a scalar) in the spec's style.
    pub fn path_styled(&mut self, name: &'static str, encoding: Encoding, value: impl Display) {
        self.path_param(name, encoding, vec![value.to_string()]);
    }

    /// Fills in path parameter `name` (a list of scalars).
    pub fn path_list<T: Display>(&mut self, name: &'static str, encoding: Encoding, values: &[T]) {
        self.path_param(name, encoding, values.iter().map(ToString::to_string).collect());
    }

    /// Fills in path parameter `name` (an object or other value, through its JSON form).
    pub fn path_serialized<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, encoding: Encoding, value: &T) {
        self.path_param(name, encoding, super::encode::param_strings(value));
    }

    fn path_param(&mut self, name: &'static str, encoding: Encoding, values: Vec<String>) {
        let encoded = super::encode::path_param(encoding, name, &values);
        self.path = self.path.replace(&format!("{{{name}}}"), &encoded);
        self.path_params.push((name, values.join(",")));
    }

    /// Sends header `name` (a scalar).
    pub fn header(&mut self, name: &'static str, value: impl Display) {
        self.headers.push((name, value.to_string()));
    }

    /// Sends header `name` (a list, `simple` style: values joined by commas).
    pub fn header_list<T: Display>(&mut self, name: &'static str, values: &[T]) {
        self.headers.push((name, super::encode::simple_list(values)));
    }

    /// Sends header `name` (an object or other value, through its JSON form, `simple` style).
    pub fn header_serialized<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.headers.push((name, super::encode::param_strings(value).join(",")));
    }

    /// Sends cookie `name` (a scalar).
    pub fn cookie(&mut self, name: &'static str, value: impl Display) {
        self.cookies.push((name, value.to_string()));
    }

    /// Sends cookie `name` (a list: values joined by commas).
    pub fn cookie_list<T: Display>(&mut self, name: &'static str, values: &[T]) {
        self.cookies.push((name, super::encode::simple_list(values)));
    }

    /// Sends cookie `name` (an object or other value, through its JSON form).
    pub fn cookie_serialized<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.cookies.push((name, super::encode::param_strings(value).join(",")));
    }

    /// Sets an `application/json` body; the names of its top-level fields are kept for the audit log.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Failure> {
        self.json_as("application/json", value)
    }

    /// Sets a JSON body sent as `content_type` (a `+json` type, merge-patch, ...).
    pub fn json_as<T: serde::Serialize + ?Sized>(&mut self, content_type: &str, value: &T) -> Result<(), Failure> {
        let bytes = serde_json::to_vec(value).map_err(|e| Failure::Config(ConfigError(format!("body: {e}"))))?;
        self.body_fields = top_level_keys(&bytes);
        self.raw(content_type, Bytes::from(bytes));
        Ok(())
    }

    /// Sets an `application/x-www-form-urlencoded` body from an object.
    pub fn form<T: serde::Serialize + ?Sized>(&mut self, content_type: &str, value: &T) {
        self.raw(content_type, Bytes::from(super::encode::form_body(value)));
    }

    /// Sets a `multipart/form-data` body: one part per top-level field (strings as text, others as JSON).
    pub fn multipart<T: serde::Serialize + ?Sized>(&mut self, value: &T) {
        let boundary = format!("----rust-client-{:016x}", fastrand::u64(..));
        let mut body = Vec::new();
        for (name, text) in super::encode::object_fields(value) {
            body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes());
            body.extend_from_slice(text.as_bytes());
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.raw(&format!("multipart/form-data; boundary={boundary}"), Bytes::from(body));
    }

    /// Sets a plain-text body.
    pub fn text(&mut self, content_type: &str, text: &str) {
        self.raw(content_type, Bytes::copy_from_slice(text.as_bytes()));
    }

    /// Sets a body of raw bytes.
    pub fn raw(&mut self, content_type: &str, bytes: impl Into<Bytes>) {
        self.body = Some(Body { content_type: content_type.to_owned(), bytes: bytes.into() });
    }
}

/// The keys of a JSON object, in order (empty for any other JSON value); values are skipped unread.
fn top_level_keys(json: &[u8]) -> Vec<String> {
    serde_json::from_slice::<Keys>(json).map(|k| k.0).unwrap_or_default()
}

/// The keys of a JSON object, read without building its values.
struct Keys(Vec<String>);

impl<'de> serde::Deserialize<'de> for Keys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Keys;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    keys.push(key);
                }
                Ok(Keys(keys))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Keys, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Keys(Vec::new()))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Keys, E> { Ok(Keys(Vec::new())) }
            fn visit_i64<E>(self, _: i64) -> Result<Keys, E> { Ok(Keys(Vec::new())) }
            fn visit_u64<E>(self, _: u64) -> Result<Keys, E> { Ok(Keys(Vec::new())) }
            fn visit_f64<E>(self, _: f64) -> Result<Keys, E> { Ok(Keys(Vec::new())) }
            fn visit_str<E>(self, _: &str) -> Result<Keys, E> { Ok(Keys(Vec::new())) }
            fn visit_unit<E>(self) -> Result<Keys, E> { Ok(Keys(Vec::new())) }
        }
        deserializer.deserialize_any(Visit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_fields_are_the_top_level_keys_in_order() {
        assert_eq!(top_level_keys(br#"{"b":{"x":1},"a":[1,2],"c":null}"#), ["b", "a", "c"]);
        assert!(top_level_keys(b"[1,2]").is_empty());
        assert!(top_level_keys(b"\"text\"").is_empty());
    }
}

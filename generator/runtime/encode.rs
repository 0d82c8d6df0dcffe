//! Encoding of path, query, header and cookie parameters (RFC 6570 styles as OpenAPI uses them).

use std::fmt::Display;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986 unreserved characters is encoded, so a value stays exactly one path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes a value for use as one path segment (`/`, `?`, `#`, `%` and spaces are escaped).
pub fn path_segment(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// A parameter's `style` (RFC 6570 as OpenAPI names it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `simple`: comma-separated (path and header default).
    Simple,
    /// `label`: `.`-prefixed.
    Label,
    /// `matrix`: `;name=`-prefixed.
    Matrix,
    /// `form`: `name=value` (query and cookie default).
    Form,
    /// `spaceDelimited` arrays.
    SpaceDelimited,
    /// `pipeDelimited` arrays.
    PipeDelimited,
    /// `deepObject`: `name[key]=value`.
    DeepObject,
}

/// A style with its `explode` setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encoding {
    /// The style.
    pub style: Style,
    /// Whether lists and objects are exploded into several values.
    pub explode: bool,
}

impl Style {
    /// This style with `explode: true`.
    pub const fn exploded(self) -> Encoding {
        Encoding { style: self, explode: true }
    }

    /// This style with `explode: false`.
    pub const fn unexploded(self) -> Encoding {
        Encoding { style: self, explode: false }
    }
}

/// Renders a path parameter in `style: simple | label | matrix`, for a scalar or a list of scalars.
pub fn path_param(encoding: Encoding, name: &str, values: &[String]) -> String {
    let encoded: Vec<String> = values.iter().map(|v| path_segment(v)).collect();
    let explode = encoding.explode;
    match encoding.style {
        Style::Label => {
            let sep = if explode { "." } else { "," };
            format!(".{}", encoded.join(sep))
        }
        Style::Matrix => {
            if explode {
                encoded.iter().map(|v| format!(";{name}={v}")).collect()
            } else {
                format!(";{name}={}", encoded.join(","))
            }
        }
        _ => encoded.join(","),
    }
}

/// The `simple` style of a list: values joined by commas.
pub fn simple_list<T: Display>(values: &[T]) -> String {
    values.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
}

/// The fields of an object parameter as (name, text) pairs: strings as they are, other values as JSON.
pub fn object_fields<T: serde::Serialize + ?Sized>(value: &T) -> Vec<(String, String)> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Object(map)) => map
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => (k, s),
                other => (k, other.to_string()),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The textual parts of any serialisable value: a string as is, array items one by one, an object as key, value
/// pairs, other scalars as JSON; `null` gives nothing.
pub fn param_strings<T: serde::Serialize + ?Sized>(value: &T) -> Vec<String> {
    fn text(v: serde_json::Value) -> String {
        match v {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        }
    }
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Null) | Err(_) => Vec::new(),
        Ok(serde_json::Value::Array(items)) => items.into_iter().map(text).collect(),
        Ok(serde_json::Value::Object(map)) => map.into_iter().flat_map(|(k, v)| [k, text(v)]).collect(),
        Ok(other) => vec![text(other)],
    }
}

/// An `application/x-www-form-urlencoded` body from a serialisable object.
pub fn form_body<T: serde::Serialize + ?Sized>(value: &T) -> String {
    object_fields(value)
        .iter()
        .map(|(k, v)| format!("{}={}", form_escape(k), form_escape(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn form_escape(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string().replace("%20", "+")
}

/// Query pairs in the order they are sent; names are kept beside values so logs can print names only.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// An empty query.
    pub fn new() -> Self {
        Query::default()
    }

    /// The pairs, in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// Adds one scalar (`style: form`).
    pub fn scalar(&mut self, name: &str, value: &dyn Display) {
        self.pairs.push((name.to_owned(), value.to_string()));
    }

    /// [`Query::scalar`] for an optional parameter: nothing when it is unset.
    pub fn scalar_opt<T: Display>(&mut self, name: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.scalar(name, v);
        }
    }

    /// [`Query::array`] for an optional parameter.
    pub fn array_opt<T: Display>(&mut self, name: &str, encoding: Encoding, values: &Option<Vec<T>>) {
        if let Some(v) = values {
            self.array(name, encoding, v);
        }
    }

    /// [`Query::serialized`] for an optional parameter.
    pub fn serialized_opt<T: serde::Serialize>(&mut self, name: &str, encoding: Encoding, value: &Option<T>) {
        if let Some(v) = value {
            self.serialized(name, encoding, v);
        }
    }

    /// Adds an array: `form` + explode repeats the name; otherwise values are joined by the style's delimiter.
    pub fn array<T: Display>(&mut self, name: &str, encoding: Encoding, values: &[T]) {
        if values.is_empty() {
            return;
        }
        if encoding == Style::Form.exploded() {
            for v in values {
                self.pairs.push((name.to_owned(), v.to_string()));
            }
            return;
        }
        let sep = match encoding.style {
            Style::SpaceDelimited => " ",
            Style::PipeDelimited => "|",
            _ => ",",
        };
        let joined = values.iter().map(ToString::to_string).collect::<Vec<_>>().join(sep);
        self.pairs.push((name.to_owned(), joined));
    }

    /// Adds any serialisable value by its JSON shape: objects as [`Query::object`], arrays as [`Query::array`],
    /// scalars as one pair (`null` adds nothing).
    pub fn serialized<T: serde::Serialize + ?Sized>(&mut self, name: &str, encoding: Encoding, value: &T) {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Object(_)) => self.object(name, encoding, &object_fields(value)),
            Ok(serde_json::Value::Array(_)) => self.array(name, encoding, &param_strings(value)),
            Ok(serde_json::Value::Null) | Err(_) => {}
            Ok(_) => self.pairs.extend(param_strings(value).into_iter().map(|v| (name.to_owned(), v))),
        }
    }

    /// Adds an object: `deepObject` gives `name[key]=v`; `form` + explode gives `key=v`; otherwise `name=k,v,k,v`.
    pub fn object(&mut self, name: &str, encoding: Encoding, fields: &[(String, String)]) {
        match (encoding.style, encoding.explode) {
            (Style::DeepObject, _) => {
                for (k, v) in fields {
                    self.pairs.push((format!("{name}[{k}]"), v.clone()));
                }
            }
            (_, true) => self.pairs.extend(fields.iter().cloned()),
            _ => {
                let joined = fields.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]).collect::<Vec<_>>();
                self.pairs.push((name.to_owned(), joined.join(",")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_escaped() {
        assert_eq!(path_segment("a/b c?d%"), "a%2Fb%20c%3Fd%25");
        assert_eq!(path_segment("d45e-88c_~."), "d45e-88c_~.");
    }

    #[test]
    fn styles() {
        let v = vec!["a".to_string(), "b".to_string()];
        assert_eq!(path_param(Style::Label.unexploded(), "x", &v), ".a,b");
        assert_eq!(path_param(Style::Matrix.exploded(), "x", &v), ";x=a;x=b");
        let mut q = Query::new();
        q.array("k[]", Style::Form.exploded(), &["a", "b"]);
        q.array("p", Style::PipeDelimited.unexploded(), &[1, 2]);
        q.object("f", Style::DeepObject.exploded(), &[("n".into(), "1".into())]);
        assert_eq!(
            q.pairs(),
            &[
                ("k[]".into(), "a".into()),
                ("k[]".into(), "b".into()),
                ("p".into(), "1|2".into()),
                ("f[n]".into(), "1".into())
            ]
        );
    }
}

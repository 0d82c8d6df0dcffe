//! Encoding of path, query, header and cookie parameters (RFC 6570 styles as OpenAPI uses them).

use std::fmt::Display;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986 unreserved characters is encoded, so a value stays exactly one path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes a value for use as one path segment (`/`, `?`, `#`, `%` and spaces are escaped).
pub fn path_segment(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// Renders a path parameter in `style: simple | label | matrix`, for a scalar or a list of scalars.
pub fn path_param(style: &str, explode: bool, name: &str, values: &[String]) -> String {
    let encoded: Vec<String> = values.iter().map(|v| path_segment(v)).collect();
    match style {
        "label" => {
            let sep = if explode { "." } else { "," };
            format!(".{}", encoded.join(sep))
        }
        "matrix" => {
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
    pub fn array_opt<T: Display>(&mut self, name: &str, style: &str, explode: bool, values: &Option<Vec<T>>) {
        if let Some(v) = values {
            self.array(name, style, explode, v);
        }
    }

    /// [`Query::serialized`] for an optional parameter.
    pub fn serialized_opt<T: serde::Serialize>(&mut self, name: &str, style: &str, explode: bool, value: &Option<T>) {
        if let Some(v) = value {
            self.serialized(name, style, explode, v);
        }
    }

    /// Adds an array: `form` + explode repeats the name; otherwise values are joined by the style's delimiter.
    pub fn array<T: Display>(&mut self, name: &str, style: &str, explode: bool, values: &[T]) {
        if values.is_empty() {
            return;
        }
        if explode && style == "form" {
            for v in values {
                self.pairs.push((name.to_owned(), v.to_string()));
            }
            return;
        }
        let sep = match style {
            "spaceDelimited" => " ",
            "pipeDelimited" => "|",
            _ => ",",
        };
        let joined = values.iter().map(ToString::to_string).collect::<Vec<_>>().join(sep);
        self.pairs.push((name.to_owned(), joined));
    }

    /// Adds any serialisable value by its JSON shape: objects as [`Query::object`], arrays as [`Query::array`],
    /// scalars as one pair (`null` adds nothing).
    pub fn serialized<T: serde::Serialize + ?Sized>(&mut self, name: &str, style: &str, explode: bool, value: &T) {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Object(_)) => self.object(name, style, explode, &object_fields(value)),
            Ok(serde_json::Value::Array(_)) => self.array(name, style, explode, &param_strings(value)),
            Ok(serde_json::Value::Null) | Err(_) => {}
            Ok(_) => self.pairs.extend(param_strings(value).into_iter().map(|v| (name.to_owned(), v))),
        }
    }

    /// Adds an object: `deepObject` gives `name[key]=v`; `form` + explode gives `key=v`; otherwise `name=k,v,k,v`.
    pub fn object(&mut self, name: &str, style: &str, explode: bool, fields: &[(String, String)]) {
        match (style, explode) {
            ("deepObject", _) => {
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
        assert_eq!(path_param("label", false, "x", &v), ".a,b");
        assert_eq!(path_param("matrix", true, "x", &v), ";x=a;x=b");
        let mut q = Query::new();
        q.array("k[]", "form", true, &["a", "b"]);
        q.array("p", "pipeDelimited", false, &[1, 2]);
        q.object("f", "deepObject", true, &[("n".into(), "1".into())]);
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

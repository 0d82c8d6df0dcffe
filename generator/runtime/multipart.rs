//! `multipart/form-data` bodies: file parts (bytes, file name, content type) beside text and JSON parts.
//!
//! A form is encoded once into one buffer, so every retry resends the same bytes without re-reading anything; the
//! price is one copy of each file's bytes into that buffer. Names and file names are escaped in
//! `Content-Disposition` as browsers do (WHATWG HTML): `"` becomes `%22`, CR `%0D` and LF `%0A`; other characters,
//! UTF-8 included, are sent as they are.

use std::fmt;

use bytes::Bytes;

use super::http::Failure;
use super::request::Request;

/// A file sent as one part of a `multipart/form-data` body: its bytes, a file name and a content type, as in
/// `FilePart::new(std::fs::read("report.pdf")?).file_name("report.pdf").content_type("application/pdf")`.
///
/// The part's `Content-Type` is the one the spec's `encoding` object gives for the field when it names exactly one
/// media type, else [`FilePart::content_type`], else `application/octet-stream`. `Debug` shows the length, the file
/// name and the content type, never the bytes.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct FilePart {
    /// The file's contents.
    pub bytes: Bytes,
    /// The file name sent in `Content-Disposition` (none: the part has no `filename`).
    pub file_name: Option<String>,
    /// The part's media type, when the spec does not fix it.
    pub content_type: Option<String>,
}

impl FilePart {
    /// A part holding `bytes` (a `Vec<u8>`, `&'static [u8]`, `String` or `Bytes`; `Bytes` is not copied).
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        FilePart { bytes: bytes.into(), file_name: None, content_type: None }
    }

    /// Sets the file name.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the content type (`image/png`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// Reads the file at `path`; the file name is the path's last component.
    pub async fn from_path(path: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let bytes = tokio::fs::read(path).await?;
        let part = FilePart::new(bytes);
        Ok(match path.file_name() {
            Some(name) => part.file_name(name.to_string_lossy()),
            None => part,
        })
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("len", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// Outside a multipart body (a type that is also sent as JSON), a file is its bytes as a (lossy UTF-8) string,
/// as `type: string, format: binary` describes it there.
impl serde::Serialize for FilePart {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&String::from_utf8_lossy(&self.bytes))
    }
}

impl<'de> serde::Deserialize<'de> for FilePart {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(FilePart::new)
    }
}

/// The value of a file field: one file, a list of files (one part each, under the same name), or an optional one.
pub(crate) trait Files {
    /// Calls `f` with every file, in order.
    fn each_file(&self, f: &mut dyn FnMut(&FilePart));
}

impl Files for FilePart {
    fn each_file(&self, f: &mut dyn FnMut(&FilePart)) {
        f(self);
    }
}

impl<T: Files> Files for Option<T> {
    fn each_file(&self, f: &mut dyn FnMut(&FilePart)) {
        if let Some(v) = self {
            v.each_file(f);
        }
    }
}

impl<T: Files> Files for Vec<T> {
    fn each_file(&self, f: &mut dyn FnMut(&FilePart)) {
        for v in self {
            v.each_file(f);
        }
    }
}

/// A `multipart/form-data` body being built, part by part, in field order.
pub(crate) struct Form {
    boundary: String,
    body: Vec<u8>,
    fields: Vec<String>,
}

impl Default for Form {
    fn default() -> Self {
        Form::new()
    }
}

impl Form {
    /// An empty form with a random boundary (128 bits: it cannot plausibly occur in the content).
    pub fn new() -> Self {
        let boundary = format!("rust-client-{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..));
        Form { boundary, body: Vec::new(), fields: Vec::new() }
    }

    /// Adds field `name` as a text part: a string as it is, a number or boolean as its JSON text, an object or array
    /// as JSON (`Content-Type: application/json`); `None` and `null` add nothing.
    pub fn text<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), Failure> {
        let (text, content_type) = match serde_json::to_value(value).map_err(Failure::serde)? {
            serde_json::Value::Null => return Ok(()),
            // An array of plain values is one text part per item (OpenAPI's default, and what form servers expect).
            serde_json::Value::Array(items) if items.iter().all(|i| !(i.is_array() || i.is_object())) => {
                for item in items.iter().filter(|i| !i.is_null()) {
                    let text = item.as_str().map_or_else(|| item.to_string(), str::to_owned);
                    self.part(name, None, None, text.as_bytes());
                }
                self.fields.push(name.to_owned());
                return Ok(());
            }
            serde_json::Value::String(s) => (s, None),
            v @ (serde_json::Value::Array(_) | serde_json::Value::Object(_)) => (v.to_string(), Some("application/json")),
            v => (v.to_string(), None),
        };
        self.part(name, None, content_type, text.as_bytes());
        self.fields.push(name.to_owned());
        Ok(())
    }

    /// Adds field `name` as file parts, one per file. `spec_type` is the content type the spec's `encoding` gives
    /// the field (used when it names exactly one media type).
    pub fn files<F: Files + ?Sized>(&mut self, name: &'static str, spec_type: Option<&str>, value: &F) {
        let fixed = spec_type.filter(|t| !t.contains(',') && !t.contains('*'));
        let mut any = false;
        value.each_file(&mut |file| {
            any = true;
            let content_type = fixed.or(file.content_type.as_deref()).unwrap_or("application/octet-stream");
            // A file part always carries a `filename` (servers tell files from fields by it); empty when unnamed.
            self.part(name, Some(file.file_name.as_deref().unwrap_or("")), Some(content_type), &file.bytes);
        });
        if any {
            self.fields.push(name.to_owned());
        }
    }

    fn part(&mut self, name: &str, file_name: Option<&str>, content_type: Option<&str>, bytes: &[u8]) {
        let b = &mut self.body;
        b.extend_from_slice(b"--");
        b.extend_from_slice(self.boundary.as_bytes());
        b.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
        b.extend_from_slice(escape(name).as_bytes());
        b.push(b'"');
        if let Some(file_name) = file_name {
            b.extend_from_slice(b"; filename=\"");
            b.extend_from_slice(escape(file_name).as_bytes());
            b.push(b'"');
        }
        if let Some(ct) = content_type {
            b.extend_from_slice(b"\r\nContent-Type: ");
            // A header value cannot hold line breaks.
            b.extend_from_slice(ct.replace(['\r', '\n'], "").as_bytes());
        }
        b.extend_from_slice(b"\r\n\r\n");
        b.extend_from_slice(bytes);
        b.extend_from_slice(b"\r\n");
    }

    /// Closes the form and makes it the body of `req` (with the names of the fields sent, for the audit log).
    pub fn finish(mut self, req: &mut Request) {
        self.body.extend_from_slice(format!("--{}--\r\n", self.boundary).as_bytes());
        req.raw(&format!("multipart/form-data; boundary={}", self.boundary), Bytes::from(self.body));
        req.body_fields = self.fields;
    }
}

/// Escapes a name or file name for a quoted `Content-Disposition` parameter, as browsers do.
fn escape(s: &str) -> String {
    s.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_like_browsers_do() {
        assert_eq!(escape("a\"b\r\nc é"), "a%22b%0D%0Ac é");
    }
}

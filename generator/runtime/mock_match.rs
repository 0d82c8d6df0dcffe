//! What a typed mock expectation matches, and why a request does not match it (feature `mock`).
//!
//! An expectation holds the [`Request`] the client would build for the values a test gave, filled by the same
//! calls the generated client makes; only the parts the test set are compared. [`Expected::mismatches`] both
//! decides a match and explains a miss, so the two cannot disagree.

use std::fmt::Write as _;

use percent_encoding::percent_decode_str;
use regex::Regex;

use super::request::Request;

/// One expectation's request: the operation, what must match, and the pattern of its path template.
#[derive(Debug)]
pub(crate) struct Expected {
    /// The client method's name (`update_customer`).
    pub operation: &'static str,
    /// The request as the client would build it from the values set so far.
    pub request: Request,
    /// Query parameters compared even when unset (then they must be absent), by wire name.
    pub exact_query: Vec<&'static str>,
    /// Header parameters compared even when unset.
    pub exact_headers: Vec<&'static str>,
    /// The path template as a pattern, one capture per parameter.
    template: Regex,
}

impl Expected {
    pub(crate) fn new(operation: &'static str, request: Request) -> Self {
        let template = template_pattern(request.path_template);
        Expected { operation, request, exact_query: Vec::new(), exact_headers: Vec::new(), template }
    }

    /// `update_customer (PUT /customer/{id})`.
    pub(crate) fn title(&self) -> String {
        format!("{} ({} {})", self.operation, self.request.method, self.request.path_template)
    }

    /// True when `r` has this operation's method and path shape, whatever its values.
    pub(crate) fn same_operation(&self, r: &wiremock::Request) -> bool {
        r.method.as_str() == self.request.method.as_str() && self.template.is_match(r.url.path())
    }

    /// Every way `r` differs from what this expectation wants; empty when it matches.
    pub(crate) fn mismatches(&self, r: &wiremock::Request) -> Vec<String> {
        let mut out = Vec::new();
        if r.method.as_str() != self.request.method.as_str() {
            out.push(format!("method: expected {}, got {}", self.request.method, r.method));
        }
        self.path_mismatches(r.url.path(), &mut out);
        let received: Vec<(String, String)> = r.url.query_pairs().into_owned().collect();
        let expected = self.request.query.pairs();
        for name in names(expected.iter().map(|(k, _)| k.as_str()), &self.exact_query) {
            let want: Vec<&str> = expected.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect();
            let got: Vec<&str> = received.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect();
            if want != got {
                out.push(format!("query parameter `{name}`: expected {}, got {}", values(&want), values(&got)));
            }
        }
        let headers = &self.request.headers;
        for name in names(headers.iter().map(|(k, _)| *k), &self.exact_headers) {
            let want = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
            let all: Vec<&str> = r.headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).collect();
            let got = (!all.is_empty()).then(|| all.join(", "));
            if want != got.as_deref() {
                out.push(format!("header `{name}`: expected {}, got {}", value(want), value(got.as_deref())));
            }
        }
        if !self.request.cookies.is_empty() {
            let sent: Vec<String> = r.headers.get_all("cookie").iter().filter_map(|v| v.to_str().ok()).map(str::to_owned).collect();
            let sent: Vec<(&str, &str)> =
                sent.iter().flat_map(|c| c.split(';')).filter_map(|c| c.trim().split_once('=')).collect();
            for (name, want) in &self.request.cookies {
                let got = sent.iter().find(|(k, _)| k == name).map(|(_, v)| *v);
                if got != Some(want.as_str()) {
                    out.push(format!("cookie `{name}`: expected {}, got {}", value(Some(want)), value(got)));
                }
            }
        }
        if let Some(body) = &self.request.body {
            body_mismatch(&body.content_type, &body.bytes, &r.body, &mut out);
        }
        out
    }

    fn path_mismatches(&self, got: &str, out: &mut Vec<String>) {
        let Some(sent) = self.template.captures(got) else {
            out.push(format!("path: expected {}, got {got}", self.request.path_template));
            return;
        };
        // The expected path is the template with the values set so far; unset parameters are still `{name}`.
        let Some(want) = self.template.captures(&self.request.path) else { return };
        for (i, name) in self.template.capture_names().enumerate().skip(1) {
            let (Some(w), Some(s)) = (want.get(i), sent.get(i)) else { continue };
            if w.as_str().starts_with('{') || w.as_str() == s.as_str() {
                continue;
            }
            let name = name.and_then(|n| template_param(self.request.path_template, n)).unwrap_or("?");
            out.push(format!(
                "path parameter `{name}`: expected {}, got {}",
                value(Some(&decoded(w.as_str()))),
                value(Some(&decoded(s.as_str())))
            ));
        }
    }
}

/// The names to compare: those set, then those compared even when unset, each once.
fn names<'a>(set: impl Iterator<Item = &'a str>, exact: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for name in set.chain(exact.iter().copied()) {
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

fn body_mismatch(content_type: &str, want: &[u8], got: &[u8], out: &mut Vec<String>) {
    let json = content_type.contains("json");
    if json {
        let sent = serde_json::from_slice::<serde_json::Value>(got);
        let wanted = serde_json::from_slice::<serde_json::Value>(want);
        match (sent, wanted) {
            (Ok(sent), Ok(wanted)) => {
                let config = assert_json_diff::Config::new(assert_json_diff::CompareMode::Strict);
                if let Err(diff) = assert_json_diff::assert_json_matches_no_panic(&sent, &wanted, config) {
                    let diff = diff.replace("lhs", "what was sent").replace("rhs", "the expectation");
                    out.push(format!("body: {}", diff.trim_end()));
                }
            }
            _ => out.push(format!("body: expected JSON {}, got {}", shown(want), shown(got))),
        }
    } else if want != got {
        out.push(format!("body: expected {}, got {}", shown(want), shown(got)));
    }
}

/// A body for a message: its text, cut short.
pub(crate) fn shown(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "no body".to_owned();
    }
    let text = String::from_utf8_lossy(bytes);
    let mut s: String = text.chars().take(300).collect();
    if s.len() < text.len() {
        s.push_str("...");
    }
    format!("`{s}`")
}

fn value(v: Option<&str>) -> String {
    v.map_or_else(|| "none".to_owned(), |v| format!("`{v}`"))
}

fn values(v: &[&str]) -> String {
    match v {
        [] => "none".to_owned(),
        [one] => format!("`{one}`"),
        many => many.iter().fold(String::new(), |mut s, v| {
            let _ = write!(s, "{}`{v}`", if s.is_empty() { "" } else { ", " });
            s
        }),
    }
}

fn decoded(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// `^/customer/(?P<p0>[^/]+)$` for `/customer/{id}`.
fn template_pattern(template: &str) -> Regex {
    let mut pattern = String::from("^");
    let mut rest = template;
    let mut i = 0;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        pattern.push_str(&regex::escape(&rest[..open]));
        let _ = write!(pattern, "(?P<p{i}>[^/]+)");
        i += 1;
        rest = &rest[open + close + 1..];
    }
    pattern.push_str(&regex::escape(rest));
    pattern.push('$');
    // Only literal text is escaped into the pattern, so it always compiles; a pattern matching nothing is the
    // fallback should that ever fail.
    Regex::new(&pattern).unwrap_or_else(|_| Regex::new("[^\\s\\S]").expect("a valid pattern"))
}

/// The name of the parameter captured as `p<i>`.
fn template_param<'a>(template: &'a str, capture: &str) -> Option<&'a str> {
    let i: usize = capture.strip_prefix('p')?.parse().ok()?;
    template.split('{').skip(1).nth(i).and_then(|s| s.split_once('}')).map(|(name, _)| name)
}

//! `GET /customer` for the fake Stax server: filtering, keyword search, sorting and the
//! legacy (flat) Laravel length-aware paginator.
//!
//! Semantics implemented (see the fact sheet, §2.4 and §5):
//! - soft-deleted customers are never listed;
//! - `firstname`, `lastname`, `company`, `phone`, `email`, `address_1`, `address_2`,
//!   `address_city`, `address_state`, `address_zip`, `reference` are case-insensitive
//!   substring filters (`LIKE %v%`); `phone=` (empty) selects customers without a phone,
//!   other empty filters are ignored, and a null field never matches a non-empty filter;
//! - every `keywords[]` value (repeatable; plain `keywords` is accepted too) must match,
//!   case-insensitively as a substring, at least one of id, firstname, lastname, email,
//!   company, notes, reference, phone;
//! - `sort` must be one of [`SORT_FIELDS`] and `order` `ASC`/`DESC` (case-insensitive),
//!   else 422 `{"sort":["The selected sort is invalid."],"order":[...]}`; sorting compares
//!   case-insensitively with nulls first in ascending order (like MySQL), ties keep
//!   creation order;
//! - without `sort` the order is creation order, ascending (`order=DESC` reverses it). The
//!   real default is reportedly `created_at DESC`; this fake deliberately keeps it simple;
//! - `page` (default 1) and `per_page` (default 50); values that are not positive integers
//!   fall back to the defaults;
//! - `next_page_url`/`prev_page_url` are `"{base}/customer?page=N"` (filters are dropped, as
//!   in the real API) or null; `last_page` is at least 1; `from`/`to` are null on an empty page.

use super::Shared;
use super::handlers::reply;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};
use std::cmp::Ordering;
use std::sync::Arc;

/// Fields accepted by `sort`.
pub const SORT_FIELDS: &[&str] = &[
    "firstname",
    "lastname",
    "email",
    "company",
    "address_1",
    "address_city",
    "address_state",
    "reference",
    "created_at",
    "updated_at",
];

/// Query parameters that act as `LIKE %v%` filters.
const FILTER_FIELDS: &[&str] = &[
    "firstname",
    "lastname",
    "company",
    "phone",
    "email",
    "address_1",
    "address_2",
    "address_city",
    "address_state",
    "address_zip",
    "reference",
];

/// Fields searched by `keywords[]`.
const KEYWORD_FIELDS: &[&str] = &[
    "id",
    "firstname",
    "lastname",
    "email",
    "company",
    "notes",
    "reference",
    "phone",
];

const DEFAULT_PER_PAGE: usize = 50;

/// Case-insensitive substring test against a string field; null/missing never matches.
fn contains(record: &Value, field: &str, needle: &str) -> bool {
    record[field]
        .as_str()
        .is_some_and(|s| s.to_lowercase().contains(needle))
}

fn parse_positive(value: Option<&str>, default: usize) -> usize {
    value
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(default)
}

/// Orders two records by `field`: case-insensitive, nulls first.
fn compare(a: &Value, b: &Value, field: &str) -> Ordering {
    let key = |v: &Value| v[field].as_str().map(str::to_lowercase);
    key(a).cmp(&key(b))
}

/// `GET /customer`
pub(crate) async fn list(State(shared): State<Arc<Shared>>, RawQuery(query): RawQuery) -> Response {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.as_deref().unwrap_or("")).unwrap_or_default();
    let param = |name: &str| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };

    let sort = param("sort");
    let order = param("order");
    let mut errors = Map::new();
    if sort.is_some_and(|s| !SORT_FIELDS.contains(&s)) {
        errors.insert("sort".into(), json!(["The selected sort is invalid."]));
    }
    let descending = match order.map(str::to_ascii_uppercase).as_deref() {
        None | Some("ASC") => false,
        Some("DESC") => true,
        Some(_) => {
            errors.insert("order".into(), json!(["The selected order is invalid."]));
            false
        }
    };
    if !errors.is_empty() {
        return reply(StatusCode::UNPROCESSABLE_ENTITY, Value::Object(errors));
    }

    let keywords: Vec<String> = pairs
        .iter()
        .filter(|(k, v)| (k == "keywords[]" || k == "keywords") && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_lowercase())
        .collect();
    let filters: Vec<(&str, String)> = FILTER_FIELDS
        .iter()
        .filter_map(|field| param(field).map(|v| (*field, v.to_lowercase())))
        .collect();

    let store = shared.store();
    let mut matches: Vec<&Value> = store
        .customers()
        .iter()
        .filter(|c| c["deleted_at"].is_null())
        .filter(|c| {
            filters
                .iter()
                .all(|(field, value)| match (*field, value.is_empty()) {
                    ("phone", true) => c["phone"].as_str().is_none_or(str::is_empty),
                    (_, true) => true,
                    (field, false) => contains(c, field, value),
                })
        })
        .filter(|c| {
            keywords
                .iter()
                .all(|kw| KEYWORD_FIELDS.iter().any(|field| contains(c, field, kw)))
        })
        .collect();
    // Stable sorts, so ties keep creation order in both directions.
    match (sort, descending) {
        (Some(field), false) => matches.sort_by(|a, b| compare(a, b, field)),
        (Some(field), true) => matches.sort_by(|a, b| compare(b, a, field)),
        (None, false) => {}
        (None, true) => matches.reverse(),
    }

    let total = matches.len();
    let page = parse_positive(param("page"), 1);
    let per_page = parse_positive(param("per_page"), DEFAULT_PER_PAGE);
    let last_page = total.div_ceil(per_page).max(1);
    let start = (page - 1).saturating_mul(per_page).min(total);
    let data: Vec<Value> = matches
        .into_iter()
        .skip(start)
        .take(per_page)
        .cloned()
        .collect();
    let (from, to) = match data.len() {
        0 => (Value::Null, Value::Null),
        n => (json!(start + 1), json!(start + n)),
    };
    let page_url = |n: usize| json!(format!("{}/customer?page={n}", shared.base_url()));
    let next_page_url = if page < last_page {
        page_url(page + 1)
    } else {
        Value::Null
    };
    let prev_page_url = if page > 1 {
        page_url(page - 1)
    } else {
        Value::Null
    };
    reply(
        StatusCode::OK,
        json!({
            "total": total,
            "per_page": per_page,
            "current_page": page,
            "last_page": last_page,
            "next_page_url": next_page_url,
            "prev_page_url": prev_page_url,
            "from": from,
            "to": to,
            "data": data,
        }),
    )
}

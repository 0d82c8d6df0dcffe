//! Read-before-write updates: compare the wanted fields with the current record and keep only real changes.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// True when the record's soft-delete field holds a value.
pub fn is_deleted(record: &Value, field: &str) -> bool {
    record.get(field).is_some_and(|v| !v.is_null())
}

/// The update minus every field whose value equals the record's (an absent field on the record counts as `null`).
/// Returns `None` when nothing would change.
pub fn changes<U: Serialize + DeserializeOwned>(update: &U, record: &Value) -> Result<Option<U>, serde_json::Error> {
    let Value::Object(wanted) = serde_json::to_value(update)? else { return Ok(None) };
    let diff: Map<String, Value> = wanted
        .into_iter()
        .filter(|(k, v)| record.get(k).unwrap_or(&Value::Null) != v)
        .collect();
    if diff.is_empty() {
        return Ok(None);
    }
    serde_json::from_value(Value::Object(diff)).map(Some)
}

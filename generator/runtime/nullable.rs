//! Serde helpers for optional + nullable fields, represented as `Option<Option<T>>`.
//!
//! `None` = absent (not sent), `Some(None)` = explicit `null`, `Some(Some(v))` = a value.
//! Use with `#[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "...::deserialize")]`.

use serde::{Deserialize, Deserializer};

/// Deserializes a present field (value or `null`) as `Some(..)`; an absent field falls back to `Default` (`None`).
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

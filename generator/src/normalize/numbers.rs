//! Numeric keywords `openapiv3` reads as integers (`minLength`, an integer schema's `minimum`, ...), made to fit.
//!
//! Public specs write bounds such as `minimum: -9223372036854776000` (an `i64` limit printed through a float), or
//! `maxLength: 1.8e19`. `openapiv3` would refuse the whole document; instead each keyword is converted to the integer
//! it means, or dropped with a warning when no integer can express it.

use serde_json::{Map, Value};

use crate::diag::Diagnostics;
use crate::pointer::child;

/// Keywords `openapiv3` reads as unsigned integers wherever they appear in a schema.
const LENGTHS: &[&str] = &[
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
];

/// Keywords `openapiv3` reads as `i64` in an integer schema.
const INTEGER_BOUNDS: &[&str] = &["minimum", "maximum", "multipleOf"];

/// Whether key `k` with value `v` may need [`fit`]: a length that is not a `u64`, or a bound that is not an `i64`.
pub fn needs_fit(k: &str, v: &Value) -> bool {
    if LENGTHS.contains(&k) {
        return v.is_number() && !v.is_u64();
    }
    INTEGER_BOUNDS.contains(&k) && v.is_number() && !v.is_i64()
}

/// Makes the numeric keywords of one schema object fit what `openapiv3` reads; returns whether anything changed.
pub fn fit(map: &mut Map<String, Value>, pointer: &str, warnings: &mut Diagnostics) -> bool {
    let mut changed = false;
    for key in LENGTHS {
        let Some(value) = map.get(*key).filter(|v| v.is_number() && !v.is_u64()) else {
            continue;
        };
        let (n, shown) = (value.as_f64().unwrap_or(f64::NAN), value.to_string());
        changed = true;
        if n.fract() == 0.0 && (0.0..=u64::MAX as f64).contains(&n) && n < u64::MAX as f64 {
            map.insert((*key).into(), Value::from(n as u64));
        } else {
            map.remove(*key);
            warnings.warn(
                child(pointer, key),
                format!("{key} {shown} is not a length a 64-bit unsigned integer can hold; it is ignored"),
            );
        }
    }
    if map.get("type").and_then(Value::as_str) == Some("integer") {
        for key in INTEGER_BOUNDS {
            let Some(value) = map.get(*key).filter(|v| v.is_number() && !v.is_i64()) else {
                continue;
            };
            let (n, shown) = (value.as_f64().unwrap_or(f64::NAN), value.to_string());
            changed = true;
            match integer_bound(key, n) {
                // Every `i64` satisfies `minimum: i64::MIN`: there is nothing to check.
                Some(i64::MIN) if *key == "minimum" => {
                    map.remove(*key);
                }
                Some(i) => {
                    map.insert((*key).into(), Value::from(i));
                }
                None => {
                    map.remove(*key);
                    warnings.warn(
                        child(pointer, key),
                        format!("{key} {shown} cannot apply to a 64-bit integer; it is ignored"),
                    );
                }
            }
        }
    }
    changed
}

/// The `i64` that keyword `key` with value `n` means for an integer, if one does: an integral value in range, or a
/// fractional bound rounded inward (`minimum: 1.5` admits the same integers as `minimum: 2`).
fn integer_bound(key: &str, n: f64) -> Option<i64> {
    let rounded = match key {
        "minimum" => n.ceil(),
        "maximum" => n.floor(),
        _ if n.fract() == 0.0 => n,
        _ => return None,
    };
    // `i64::MAX as f64` rounds up to 2^63, which is out of range; `i64::MIN as f64` is exact.
    let in_range = rounded >= i64::MIN as f64 && rounded < i64::MAX as f64;
    (in_range && (key != "multipleOf" || rounded > 0.0)).then_some(rounded as i64)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn fitted(mut schema: Value) -> (Value, Vec<String>) {
        let mut w = Diagnostics::default();
        fit(schema.as_object_mut().unwrap(), "#/s", &mut w);
        (schema, w.items.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn bounds_beyond_i64_are_dropped_with_a_warning() {
        let (s, w) = fitted(json!({"type": "integer", "minimum": -9.223372036854776e18, "maximum": 9.223372036854776e18}));
        assert!(s.get("minimum").is_none(), "i64::MIN bounds nothing: {s}");
        assert!(s.get("maximum").is_none(), "{s}");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("#/s/maximum"), "{w:?}");
    }

    #[test]
    fn fractional_and_float_bounds_become_the_integers_they_mean() {
        let (s, w) = fitted(json!({"type": "integer", "minimum": 1.5, "maximum": 10.0, "multipleOf": 2.0}));
        assert_eq!((s["minimum"].as_i64(), s["maximum"].as_i64(), s["multipleOf"].as_i64()), (Some(2), Some(10), Some(2)));
        assert!(w.is_empty());
        let (s, w) = fitted(json!({"type": "integer", "multipleOf": 0.5}));
        assert!(s.get("multipleOf").is_none() && w.len() == 1);
    }

    #[test]
    fn lengths_must_fit_u64_and_number_schemas_keep_float_bounds() {
        let (s, w) = fitted(json!({"type": "number", "maxLength": 1.8446744073709552e19, "minLength": 3.0, "minimum": 0.5}));
        assert!(s.get("maxLength").is_none());
        assert_eq!(s["minLength"], json!(3));
        assert_eq!(s["minimum"], json!(0.5));
        assert_eq!(w.len(), 1);
        assert!(!needs_fit("minimum", &json!(3)) && needs_fit("maxItems", &json!(-1)));
    }
}

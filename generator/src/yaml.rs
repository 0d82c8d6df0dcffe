//! YAML text to a JSON value, reading integers beyond 64 bits as `f64` instead of refusing the document.
//!
//! `serde_json::Value` refuses an integer outside `i64`/`u64` ("JSON number out of range"), and serde_yaml hands such
//! literals over as `i128`/`u128`. Public specs write `minimum: -9223372036854776000` (an `i64` bound rounded by a
//! float printer), so the value is read as the nearest `f64`, as a JSON parser reads it; `normalize` then decides
//! whether the keyword can still apply.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Parses YAML into a JSON value.
pub fn from_str(text: &str) -> Result<Value, serde_yaml::Error> {
    serde_yaml::from_str::<Lenient>(text).map(|l| l.0)
}

/// A JSON value whose numbers never fail to convert.
struct Lenient(Value);

impl<'de> Deserialize<'de> for Lenient {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LenientVisitor).map(Lenient)
    }
}

struct LenientVisitor;

impl<'de> Visitor<'de> for LenientVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| float(v as f64), |i| Value::Number(i.into())))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(u64::try_from(v).map_or_else(|_| float(v as f64), |u| Value::Number(u.into())))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Lenient::deserialize(d).map(|l| l.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Lenient(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some((key, Lenient(value))) = map.next_entry::<String, Lenient>()? {
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// A float as JSON; NaN and infinities (YAML's `.nan`, `.inf`) have no JSON form and become `null`.
fn float(v: f64) -> Value {
    Number::from_f64(v).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_beyond_64_bits_are_read_as_floats() {
        let v = from_str("min: -9223372036854776000\nmax: 18446744073709551616\nsmall: -3\nbig: 18446744073709551615\n")
            .unwrap();
        assert_eq!(v["min"].as_f64(), Some(-9.223372036854776e18));
        assert!(v["min"].as_i64().is_none());
        assert_eq!(v["max"].as_f64(), Some(1.8446744073709552e19));
        assert_eq!(v["small"].as_i64(), Some(-3));
        assert_eq!(v["big"].as_u64(), Some(u64::MAX));
    }

    #[test]
    fn keys_order_and_nesting_are_kept() {
        let v = from_str("b: [1, {x: null}]\na: 'text'\n").unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"b":[1,{"x":null}],"a":"text"}"#);
    }
}

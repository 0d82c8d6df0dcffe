//! Resolving `$ref`s to schemas, parameters, bodies, responses, headers and path items, with cycle detection.

use openapiv3::ReferenceOr;
use serde::de::DeserializeOwned;

use super::Lowerer;

/// How many `$ref`s to `$ref`s are followed before giving up (also bounds the aliases built from such chains).
const MAX_HOPS: usize = 64;

impl Lowerer<'_> {
    /// Resolves a reference (or returns the inline item) and the pointer of the target.
    /// Dangling, external and cyclic references are reported at `pointer` and give `None`.
    pub fn resolve<T: DeserializeOwned + Clone>(&mut self, item: &ReferenceOr<T>, pointer: &str) -> Option<(T, String)> {
        let mut reference = match item {
            ReferenceOr::Item(t) => return Some((t.clone(), pointer.to_owned())),
            ReferenceOr::Reference { reference } => reference.clone(),
        };
        let mut seen = Vec::new();
        loop {
            if seen.contains(&reference) {
                self.diags.error(pointer, format!("$ref cycle with no base case: {} -> {reference}", seen.join(" -> ")));
                return None;
            }
            if seen.len() == MAX_HOPS {
                self.diags.error(pointer, format!("more than {MAX_HOPS} $refs in a row, starting {}", seen[0]));
                return None;
            }
            seen.push(reference.clone());
            let target = self.lookup(&reference, pointer)?;
            match target.get("$ref").and_then(serde_json::Value::as_str) {
                Some(next) => reference = next.to_owned(),
                None => {
                    return match serde_json::from_value::<T>(target.clone()) {
                        Ok(t) => Some((t, reference)),
                        Err(e) => {
                            self.diags.error(reference.clone(), format!("invalid object: {e}"));
                            None
                        }
                    };
                }
            }
        }
    }

    /// The raw JSON value a local reference points to.
    pub fn lookup(&mut self, reference: &str, pointer: &str) -> Option<&'_ serde_json::Value> {
        let Some(local) = reference.strip_prefix('#') else {
            self.diags.error(pointer, format!("external reference {reference} is not supported; bundle the spec first"));
            return None;
        };
        let raw = self.raw;
        match raw.pointer(local) {
            Some(v) => Some(v),
            None => {
                self.diags.error(pointer, format!("dangling $ref: {reference} does not exist"));
                None
            }
        }
    }
}

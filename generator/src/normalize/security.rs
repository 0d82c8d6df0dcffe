//! Security schemes `openapiv3` cannot read (`mutualTLS`, unknown types, malformed ones) are dropped with a warning,
//! so the document is never refused for them, and the requirements naming them are adjusted.
//!
//! `mutualTLS` travels in the TLS handshake, not in the request: it is removed from every requirement, which then
//! needs only its other schemes (the certificate is configured on the `reqwest::Client` given to the builder). A
//! requirement that needs any other dropped scheme can never be met by the client, so it is removed.

use serde::Deserialize;
use serde_json::Value;

use crate::diag::Diagnostics;
use crate::pointer::{self, ComponentKind};

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Drops the unreadable schemes and adjusts requirements; returns whether anything changed.
pub(super) fn drop_unreadable_schemes(doc: &mut Value, warnings: &mut Diagnostics) -> bool {
    let Some(Value::Object(schemes)) = doc.pointer_mut("/components/securitySchemes") else {
        return false;
    };
    let mut mutual_tls = Vec::new();
    let mut unusable = Vec::new();
    schemes.retain(|name, scheme| {
        let pointer = pointer::component(ComponentKind::SecuritySchemes, name);
        if scheme.get("$ref").is_some() {
            return true;
        }
        if scheme.get("type").and_then(Value::as_str) == Some("mutualTLS") {
            warnings.warn(
                pointer,
                "mutualTLS is not sent by the client: configure the client certificate on the reqwest::Client given \
                 to `ClientBuilder::http_client`; requirements naming it need only their other schemes",
            );
            mutual_tls.push(name.clone());
            return false;
        }
        match openapiv3::SecurityScheme::deserialize(&*scheme) {
            Ok(_) => true,
            Err(e) => {
                warnings.warn(
                    pointer,
                    format!("security scheme not supported ({e}); requirements that need it are skipped"),
                );
                unusable.push(name.clone());
                false
            }
        }
    });
    if mutual_tls.is_empty() && unusable.is_empty() {
        return false;
    }
    let adjust = |list: &mut Value| {
        let Value::Array(requirements) = list else { return };
        requirements.retain_mut(|requirement| {
            let Value::Object(names) = requirement else { return true };
            names.retain(|name, _| !mutual_tls.contains(name));
            !names.keys().any(|name| unusable.contains(name))
        });
    };
    if let Some(list) = doc.get_mut("security") {
        adjust(list);
    }
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for (method, op) in item.iter_mut() {
                if METHODS.contains(&method.as_str())
                    && let Some(list) = op.get_mut("security")
                {
                    adjust(list);
                }
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn mutual_tls_leaves_requirements_and_unknown_types_remove_them() {
        let mut doc = json!({
            "security": [{"mtls": [], "key": []}, {"weird": []}],
            "paths": {"/a": {"get": {"security": [{"mtls": []}, {"weird": [], "key": []}]}}},
            "components": {"securitySchemes": {
                "mtls": {"type": "mutualTLS"},
                "weird": {"type": "pigeon"},
                "key": {"type": "apiKey", "in": "header", "name": "X-Key"}
            }}
        });
        let mut w = Diagnostics::default();
        assert!(drop_unreadable_schemes(&mut doc, &mut w));
        assert_eq!(doc["components"]["securitySchemes"], json!({"key": {"type": "apiKey", "in": "header", "name": "X-Key"}}));
        assert_eq!(doc["security"], json!([{"key": []}]));
        assert_eq!(doc["paths"]["/a"]["get"]["security"], json!([{}]));
        let pointers: Vec<&str> = w.warnings().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, ["#/components/securitySchemes/mtls", "#/components/securitySchemes/weird"]);
    }
}

//! Security: the declared schemes (`components.securitySchemes`) and each operation's requirement, a list of
//! alternatives (OR) whose schemes are sent together (AND).

use std::collections::BTreeSet;

use openapiv3::{APIKeyLocation, SecurityRequirement, SecurityScheme as Spec};

use super::Lowerer;
use crate::ir::{ApiKeyLocation, SchemeKind, Security, SecurityScheme};
use crate::pointer::{self, ComponentKind, child};

/// What lowering remembers about security while it lowers operations.
#[derive(Default)]
pub(crate) struct SecurityState {
    /// Names of the schemes the client can send.
    declared: BTreeSet<String>,
    /// Names already reported as unknown (each is reported once).
    reported: BTreeSet<String>,
}

impl Lowerer<'_> {
    /// The declared schemes, sorted by name, and the API-wide requirement.
    pub(crate) fn security_schemes(&mut self) -> (Vec<SecurityScheme>, Security) {
        let mut schemes = Vec::new();
        let declared = self.spec.components.as_ref().map(|c| &c.security_schemes);
        let mut names: Vec<&String> = declared.into_iter().flat_map(|m| m.keys()).collect();
        names.sort();
        for name in names {
            let pointer = pointer::component(ComponentKind::SecuritySchemes, name);
            let Some(item) = declared.and_then(|m| m.get(name)) else { continue };
            let Some((scheme, _)) = self.resolve(item, &pointer) else { continue };
            let (kind, description) = match scheme.as_ref() {
                Spec::APIKey { location, name, description, .. } => {
                    let location = match location {
                        APIKeyLocation::Header => ApiKeyLocation::Header,
                        APIKeyLocation::Query => ApiKeyLocation::Query,
                        APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
                    };
                    (SchemeKind::ApiKey { location, name: name.clone() }, description)
                }
                Spec::HTTP { scheme, description, .. } => {
                    let kind = match scheme.to_ascii_lowercase().as_str() {
                        "basic" => SchemeKind::HttpBasic,
                        "bearer" => SchemeKind::HttpBearer,
                        _ => SchemeKind::HttpOther { scheme: scheme.clone() },
                    };
                    (kind, description)
                }
                Spec::OAuth2 { description, .. } => (SchemeKind::OAuth2, description),
                Spec::OpenIDConnect { description, .. } => (SchemeKind::OpenIdConnect, description),
            };
            self.security.declared.insert(name.clone());
            schemes.push(SecurityScheme {
                name: name.clone(),
                kind,
                doc: description.as_deref().map(str::trim).filter(|d| !d.is_empty()).map(str::to_owned),
            });
        }
        let global = match &self.spec.security {
            Some(list) => self.requirement(list, "#/security"),
            None if !schemes.is_empty() && !self.any_operation_has_security() => {
                self.diags.warn(
                    "#/security",
                    "security schemes are declared but no requirement uses them; every operation sends each \
                     configured one, and none when none is",
                );
                Security {
                    any_of: vec![schemes.iter().map(|s| s.name.clone()).collect()],
                    anonymous: true,
                    each_configured: true,
                }
            }
            None => Security::default(),
        };
        (schemes, global)
    }

    /// An operation's own requirement (`None`: the API-wide one applies).
    pub(crate) fn operation_security(
        &mut self,
        security: Option<&Vec<SecurityRequirement>>,
        pointer: &str,
    ) -> Option<Security> {
        security.map(|list| self.requirement(list, &child(pointer, "security")))
    }

    /// A requirement list: alternatives naming an unknown scheme can never be met and are dropped (warned once per
    /// name); an empty alternative allows anonymous calls. When every alternative is dropped, nothing is sent.
    fn requirement(&mut self, list: &[SecurityRequirement], pointer: &str) -> Security {
        let mut security = Security { any_of: Vec::new(), anonymous: list.is_empty(), each_configured: false };
        for (i, requirement) in list.iter().enumerate() {
            if requirement.is_empty() {
                security.anonymous = true;
                continue;
            }
            let unknown: Vec<&String> =
                requirement.keys().filter(|name| !self.security.declared.contains(*name)).collect();
            if unknown.is_empty() {
                let alternative: Vec<String> = requirement.keys().cloned().collect();
                if !security.any_of.contains(&alternative) {
                    security.any_of.push(alternative);
                }
                continue;
            }
            for name in unknown {
                if self.security.reported.insert(name.clone()) {
                    self.diags.warn(
                        child(&pointer::index(pointer, i), name),
                        format!(
                            "security scheme `{name}` is not declared or not supported; requirements that need it \
                             can never be met by the client and are skipped"
                        ),
                    );
                }
            }
        }
        if security.any_of.is_empty() {
            security.anonymous = true;
        }
        security
    }

    fn any_operation_has_security(&self) -> bool {
        self.spec.paths.paths.values().filter_map(|item| item.as_item()).any(|item| {
            item.iter().any(|(_, op)| op.security.is_some())
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{Api, Security};

    fn lower(text: &str) -> (Api, Vec<String>) {
        let spec = crate::parse::parse(text).expect("parses");
        let (api, diags) = crate::lower(&spec).expect("lowers");
        (api, diags.warnings().map(ToString::to_string).collect())
    }

    const SCHEMES: &str = "components:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n    \
                           tok: {type: http, scheme: Bearer}\n";

    #[test]
    fn undeclared_schemes_drop_their_alternatives_and_are_reported_once() {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\nsecurity: [{{ghost: []}}, {{key: [], tok: []}}]\n\
             paths:\n  /a:\n    get:\n      security: [{{ghost: []}}]\n      responses: {{'204': {{description: x}}}}\n\
             {SCHEMES}"
        );
        let (api, warnings) = lower(&text);
        let any_of = vec![vec!["key".into(), "tok".into()]];
        assert_eq!(api.security, Security { any_of, anonymous: false, each_configured: false });
        assert_eq!(api.operations[0].security, Some(Security::default()), "nothing can be sent");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("#/security/0/ghost"), "{warnings:?}");
    }

    #[test]
    fn schemes_without_any_requirement_send_each_configured_one() {
        let text = format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\n{SCHEMES}");
        let (api, warnings) = lower(&text);
        let any_of = vec![vec!["key".to_owned(), "tok".to_owned()]];
        assert_eq!(api.security, Security { any_of, anonymous: true, each_configured: true });
        assert!(warnings.len() == 1 && warnings[0].contains("#/security"), "{warnings:?}");
        assert_eq!(api.security_schemes[1].kind, crate::ir::SchemeKind::HttpBearer, "`Bearer` in any case");
    }
}

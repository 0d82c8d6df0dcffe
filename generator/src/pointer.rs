//! JSON pointers into the spec (RFC 6901, as `#`-fragments): token escaping, child pointers, component prefixes
//! and reading a `$ref` as (component kind, name). Every pointer the generator builds or reads goes through here.

use std::borrow::Cow;

/// The `components` maps a `$ref` can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ComponentKind {
    /// `#/components/schemas/`.
    Schemas,
    /// `#/components/parameters/`.
    Parameters,
    /// `#/components/securitySchemes/`.
    SecuritySchemes,
    /// `#/components/requestBodies/`.
    RequestBodies,
    /// `#/components/responses/`.
    Responses,
    /// `#/components/headers/`.
    Headers,
    /// `#/components/pathItems/` (OpenAPI 3.1).
    PathItems,
}

impl ComponentKind {
    /// Every kind.
    pub const ALL: [ComponentKind; 7] = [
        ComponentKind::Schemas,
        ComponentKind::Parameters,
        ComponentKind::SecuritySchemes,
        ComponentKind::RequestBodies,
        ComponentKind::Responses,
        ComponentKind::Headers,
        ComponentKind::PathItems,
    ];

    /// The pointer of the map (`#/components/schemas`).
    pub const fn map(self) -> &'static str {
        match self {
            ComponentKind::Schemas => "#/components/schemas",
            ComponentKind::Parameters => "#/components/parameters",
            ComponentKind::SecuritySchemes => "#/components/securitySchemes",
            ComponentKind::RequestBodies => "#/components/requestBodies",
            ComponentKind::Responses => "#/components/responses",
            ComponentKind::Headers => "#/components/headers",
            ComponentKind::PathItems => "#/components/pathItems",
        }
    }

    /// The prefix of a `$ref` to one of the map's entries (`#/components/schemas/`).
    pub const fn prefix(self) -> &'static str {
        match self {
            ComponentKind::Schemas => "#/components/schemas/",
            ComponentKind::Parameters => "#/components/parameters/",
            ComponentKind::SecuritySchemes => "#/components/securitySchemes/",
            ComponentKind::RequestBodies => "#/components/requestBodies/",
            ComponentKind::Responses => "#/components/responses/",
            ComponentKind::Headers => "#/components/headers/",
            ComponentKind::PathItems => "#/components/pathItems/",
        }
    }
}

/// The pointer of the `paths` object.
pub const PATHS: &str = "#/paths";

/// The value a local pointer or `$ref` (`#/...`) points to in `doc`; `None` for an external reference or a
/// missing target.
pub fn lookup<'v>(doc: &'v serde_json::Value, pointer: &str) -> Option<&'v serde_json::Value> {
    doc.pointer(pointer.strip_prefix('#')?)
}

/// Escapes one token (`~` -> `~0`, `/` -> `~1`); borrowed when there is nothing to escape.
pub fn escape(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

/// Unescapes one token (`~1` -> `/`, then `~0` -> `~`, so `~01` is `~1`); borrowed when there is nothing to unescape.
pub fn unescape(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// Appends one escaped token to a pointer in place (for walks that push and truncate).
pub fn push(pointer: &mut String, token: &str) {
    pointer.push('/');
    pointer.push_str(&escape(token));
}

/// The pointer of a child: `pointer` plus one escaped token.
pub fn child(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + 1 + token.len());
    out.push_str(pointer);
    push(&mut out, token);
    out
}

/// The pointer of an array item: `pointer` plus its index.
pub fn index(pointer: &str, i: usize) -> String {
    format!("{pointer}/{i}")
}

/// The pointer of the parent (`#/paths/~1a/get` -> `#/paths/~1a`); the root `#` is its own parent.
pub fn parent(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or(pointer, |(p, _)| p)
}

/// The pointer below `pointer` through several tokens (`join(at, ["content", media, "schema"])`).
pub fn join<'t>(pointer: &str, tokens: impl IntoIterator<Item = &'t str>) -> String {
    let mut out = pointer.to_owned();
    for token in tokens {
        push(&mut out, token);
    }
    out
}

/// The pointer of a component (`#/components/schemas/<name>`, the name escaped).
pub fn component(kind: ComponentKind, name: &str) -> String {
    child(kind.map(), name)
}

/// The component name a `$ref` names in the map of `kind` (unescaped), or `None` when it points elsewhere,
/// including below a component (`#/components/schemas/A/properties/b`).
pub fn component_name(reference: &str, kind: ComponentKind) -> Option<Cow<'_, str>> {
    let token = reference.strip_prefix(kind.prefix())?;
    (!token.contains('/')).then(|| unescape(token))
}

/// Reads a `$ref` as the component it names: its kind and (unescaped) name.
pub fn parse_component(reference: &str) -> Option<(ComponentKind, Cow<'_, str>)> {
    ComponentKind::ALL
        .into_iter()
        .find_map(|kind| component_name(reference, kind).map(|name| (kind, name)))
}

/// The last token of a pointer, unescaped (`#/components/schemas/a~1b` -> `a/b`).
pub fn last_token(pointer: &str) -> Cow<'_, str> {
    unescape(pointer.rsplit('/').next().unwrap_or_default())
}

/// A `$ref` is a URI: its fragment may be percent-encoded (`#/paths/~1companies~1%7Bid%7D`). The plain JSON
/// pointer it stands for, when decoding changes it (and the result is UTF-8).
pub fn decode_ref(reference: &str) -> Option<String> {
    if !reference.contains('%') {
        return None;
    }
    match percent_encoding::percent_decode_str(reference).decode_utf8() {
        Ok(decoded) if decoded != reference => Some(decoded.into_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ODD: &[&str] = &["plain", "a/b", "a~b", "~1", "~0", "/~", "~/", "", "a~01b", "{id}", "ü/ß"];

    #[test]
    fn tokens_round_trip() {
        for token in ODD {
            let escaped = escape(token);
            assert!(!escaped.contains('/'), "{token} -> {escaped}");
            assert_eq!(unescape(&escaped), *token, "{token} -> {escaped}");
        }
        assert_eq!(escape("a~b/c"), "a~0b~1c");
        assert_eq!(unescape("~01"), "~1");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert!(matches!(unescape("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn children_are_escaped() {
        assert_eq!(child("#/paths", "/customer/{id}"), "#/paths/~1customer~1{id}");
        assert_eq!(index("#/allOf", 3), "#/allOf/3");
        assert_eq!(parent("#/paths/~1a~1b/get"), "#/paths/~1a~1b");
        assert_eq!(parent("#"), "#");
        assert_eq!(join("#/r", ["content", "application/json", "schema"]), "#/r/content/application~1json/schema");
        let mut p = String::from("#");
        push(&mut p, "a~b");
        assert_eq!(p, "#/a~0b");
        // What `serde_json` reads back is the token itself.
        let doc = serde_json::json!({ "paths": { "/a/{b}": { "x~y": 1 } } });
        let pointer = join("#/paths", ["/a/{b}", "x~y"]);
        assert_eq!(lookup(&doc, &pointer), Some(&serde_json::json!(1)));
        assert_eq!(lookup(&doc, "#"), Some(&doc));
        assert_eq!(lookup(&doc, "other.yaml#/paths"), None);
        assert_eq!(lookup(&doc, "#/nothing"), None);
    }

    #[test]
    fn components_round_trip() {
        for kind in ComponentKind::ALL {
            assert_eq!(kind.prefix(), format!("{}/", kind.map()));
            for name in ODD {
                let reference = component(kind, name);
                assert_eq!(component_name(&reference, kind).as_deref(), Some(*name), "{reference}");
                let (k, n) = parse_component(&reference).unwrap();
                assert_eq!((k, &*n), (kind, *name));
            }
        }
        // Below a component, another kind's map, or no component at all.
        assert_eq!(component_name("#/components/schemas/A/properties/b", ComponentKind::Schemas), None);
        assert_eq!(component_name("#/components/responses/A", ComponentKind::Schemas), None);
        assert_eq!(parse_component("#/paths/~1a"), None);
        assert_eq!(parse_component("other.yaml#/components/schemas/A"), None);
        assert_eq!(last_token("#/components/schemas/a~1b"), "a/b");
    }
    #[test]
    fn percent_encoded_refs_are_decoded() {
        assert_eq!(
            decode_ref("#/paths/~1companies~1%7BcompanyId%7D").as_deref(),
            Some("#/paths/~1companies~1{companyId}")
        );
        assert_eq!(decode_ref("#/components/schemas/A%20B").as_deref(), Some("#/components/schemas/A B"));
        // Decoding happens before unescaping: `%7E1` is a literal `~1`, so an escaped `/`.
        let decoded = decode_ref("#/components/schemas/a%7E1b").unwrap();
        assert_eq!(component_name(&decoded, ComponentKind::Schemas).as_deref(), Some("a/b"));
        assert_eq!(decode_ref("#/components/schemas/A"), None);
        assert_eq!(decode_ref("#/components/schemas/100%"), None);
        assert_eq!(decode_ref("#/components/schemas/%FF"), None);
    }
}

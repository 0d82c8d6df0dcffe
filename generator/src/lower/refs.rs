//! Resolving `$ref`s to schemas, parameters, bodies, responses, headers and path items, with cycle detection.

use std::borrow::Cow;

use openapiv3::ReferenceOr;
use serde::de::DeserializeOwned;

use super::Lowerer;
use crate::pointer::{self, ComponentKind};

/// How many `$ref`s to `$ref`s are followed before giving up (also bounds the aliases built from such chains).
const MAX_HOPS: usize = 64;

/// Objects that live in `components` maps and can be looked up there without deserialising.
pub(crate) trait Component: DeserializeOwned + Clone + 'static {
    /// The map a `$ref` to one names.
    const KIND: ComponentKind;
    /// The map in `components`, if this kind has one.
    fn map(c: &openapiv3::Components) -> Option<&indexmap::IndexMap<String, ReferenceOr<Self>>>;
}

macro_rules! component {
    ($t:ty, $kind:ident, $field:ident) => {
        impl Component for $t {
            const KIND: ComponentKind = ComponentKind::$kind;
            fn map(
                c: &openapiv3::Components,
            ) -> Option<&indexmap::IndexMap<String, ReferenceOr<Self>>> {
                Some(&c.$field)
            }
        }
    };
}

component!(openapiv3::Schema, Schemas, schemas);
component!(openapiv3::Parameter, Parameters, parameters);
component!(openapiv3::SecurityScheme, SecuritySchemes, security_schemes);
component!(openapiv3::RequestBody, RequestBodies, request_bodies);
component!(openapiv3::Response, Responses, responses);
component!(openapiv3::Header, Headers, headers);

impl Component for openapiv3::PathItem {
    const KIND: ComponentKind = ComponentKind::PathItems;
    fn map(_: &openapiv3::Components) -> Option<&indexmap::IndexMap<String, ReferenceOr<Self>>> {
        None
    }
}

impl<'a> Lowerer<'a> {
    /// Follows a chain of references within one `components` map through the typed document.
    fn typed_component<T: Component>(&self, reference: &str) -> Option<(Cow<'a, T>, String)> {
        let spec: &'a openapiv3::OpenAPI = self.spec;
        let map = T::map(spec.components.as_ref()?)?;
        let mut current = reference;
        for _ in 0..MAX_HOPS {
            let name = pointer::component_name(current, T::KIND)?;
            match map.get(&*name)? {
                ReferenceOr::Item(t) => return Some((Cow::Borrowed(t), current.to_owned())),
                ReferenceOr::Reference { reference } => current = reference,
            }
        }
        None
    }

    /// Resolves a schema reference; `#/components/schemas/..` targets are borrowed from the typed document (no
    /// deserialisation), other targets go through [`Self::resolve`].
    pub fn resolve_schema<'x>(
        &mut self,
        item: &'x ReferenceOr<openapiv3::Schema>,
        pointer: &str,
    ) -> Option<(Cow<'x, openapiv3::Schema>, String)>
    where
        'a: 'x,
    {
        let ReferenceOr::Reference { reference } = item else {
            return self.resolve(item, pointer);
        };
        if let Some(found) = self.typed_component(reference) {
            return Some(found);
        }
        self.resolve(item, pointer)
    }

    /// Resolves a reference (or returns the inline item) and the pointer of the target.
    /// Dangling, external and cyclic references are reported at `pointer` and give `None`.
    pub fn resolve<'x, T: Component>(
        &mut self,
        item: &'x ReferenceOr<T>,
        pointer: &str,
    ) -> Option<(Cow<'x, T>, String)>
    where
        'a: 'x,
    {
        let mut reference = match item {
            ReferenceOr::Item(t) => return Some((Cow::Borrowed(t), pointer.to_owned())),
            ReferenceOr::Reference { reference } => reference.clone(),
        };
        if let Some(found) = self.typed_component::<T>(&reference) {
            return Some(found);
        }
        let mut seen = Vec::new();
        loop {
            if seen.contains(&reference) {
                self.diags.error(
                    pointer,
                    format!(
                        "$ref cycle with no base case: {} -> {reference}",
                        seen.join(" -> ")
                    ),
                );
                return None;
            }
            if seen.len() == MAX_HOPS {
                self.diags.error(
                    pointer,
                    format!("more than {MAX_HOPS} $refs in a row, starting {}", seen[0]),
                );
                return None;
            }
            seen.push(reference.clone());
            let target = self.lookup(&reference, pointer)?;
            match target.get("$ref").and_then(serde_json::Value::as_str) {
                Some(next) => reference = next.to_owned(),
                None => {
                    return match T::deserialize(target) {
                        Ok(t) => Some((Cow::Owned(t), reference)),
                        Err(e) => {
                            self.diags
                                .error(reference.clone(), format!("invalid object: {e}"));
                            None
                        }
                    };
                }
            }
        }
    }

    /// The raw JSON value a local reference points to.
    pub fn lookup(&mut self, reference: &str, pointer: &str) -> Option<&'_ serde_json::Value> {
        if !reference.starts_with('#') {
            self.diags.error(
                pointer,
                format!("external reference {reference} is not supported; bundle the spec first"),
            );
            return None;
        }
        match pointer::lookup(self.raw, reference) {
            Some(v) => Some(v),
            None => {
                self.diags.error(
                    pointer,
                    format!("dangling $ref: {reference} does not exist"),
                );
                None
            }
        }
    }
}

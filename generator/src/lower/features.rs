//! Cargo features per tag: which operations, types and value lists each feature compiles.
//!
//! An operation compiles when any of its tags' features is on; a type when any feature of an operation that reaches
//! it is on. What an untagged operation or the `Error` enum reaches is always compiled. The types no operation
//! reaches (webhook payloads, say) have a feature of their own, [`STANDALONE`], so a build of one tag does not
//! compile them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use heck::ToKebabCase;

use super::tags::{operation_refs, type_refs};
use crate::ir::{Api, Checks, Feature, Module, TypeKind};

/// The feature of the types no operation reaches.
pub(crate) const STANDALONE: &str = "standalone-types";

/// Feature names the crate declares itself.
const RESERVED: &[&str] = &["default", "mock", STANDALONE];

/// Who needs an item compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Need {
    /// Nothing yet.
    Nobody,
    /// Any of these features (indices in `Api::features`).
    Any(BTreeSet<usize>),
    /// Every build.
    Always,
}

impl Need {
    /// This need and `other`'s together.
    fn or(&self, other: &Need) -> Need {
        match (self, other) {
            (Need::Always, _) | (_, Need::Always) => Need::Always,
            (Need::Nobody, n) | (n, Need::Nobody) => n.clone(),
            (Need::Any(a), Need::Any(b)) => Need::Any(a.union(b).copied().collect()),
        }
    }

    /// The feature names of the gate, sorted (empty: always compiled).
    fn names(&self, features: &[Feature]) -> Vec<String> {
        let Need::Any(set) = self else { return Vec::new() };
        let mut names: Vec<String> = set.iter().map(|&i| features[i].name.clone()).collect();
        names.sort();
        names
    }
}

/// The feature named for `tag`: kebab-case, letters, digits and `-` only (Cargo allows Unicode letters).
pub(crate) fn feature_name(tag: &str) -> String {
    let kebab: String = tag.to_kebab_case().chars().filter(|c| c.is_alphanumeric() || *c == '-').collect();
    let name = kebab.trim_matches('-').to_owned();
    match name.as_str() {
        "" => "tag".to_owned(),
        n if RESERVED.contains(&n) => format!("{n}-api"),
        _ => name,
    }
}

/// Fills `api.features` and the `features` of every operation, type and value list.
pub(crate) fn assign(api: &mut Api) {
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let tags: BTreeSet<&str> = api.operations.iter().flat_map(|op| op.tags.iter().map(String::as_str)).collect();
    for tag in tags {
        by_name.entry(feature_name(tag)).or_default().push(tag.to_owned());
    }
    if by_name.is_empty() {
        return;
    }
    api.features = by_name.into_iter().map(|(name, tags)| Feature { name, tags }).collect();
    let index: HashMap<&str, usize> = api
        .features
        .iter()
        .enumerate()
        .flat_map(|(i, f)| f.tags.iter().map(move |t| (t.as_str(), i)))
        .collect();

    let mut ops: Vec<Need> = api
        .operations
        .iter()
        .map(|op| match op.tags.is_empty() {
            true => Need::Always,
            false => Need::Any(op.tags.iter().map(|t| index[t.as_str()]).collect()),
        })
        .collect();
    // A checked update calls its get method, which must then compile too.
    for (i, op) in api.operations.iter().enumerate() {
        let Some(checked) = &op.checked else { continue };
        if let Some(get) = api.operations.iter().position(|o| o.method_name == checked.get_method) {
            ops[get] = ops[get].or(&ops[i]);
        }
    }

    let mut types = type_needs(api, &ops);
    let unreached = types.contains(&Need::Nobody);
    // When every operation has the same tags and every type is reached, a feature would be the whole API: the
    // crate declares it (so dependents can name it) but it gates nothing.
    if ops.windows(2).all(|w| w[0] == w[1]) && !unreached {
        return;
    }
    if unreached {
        standalone(api, &mut types);
    }
    let lists = list_needs(api, &ops, &types);
    // Needs hold indices in `api.features` as it is now; it is sorted once they are names.
    let features = &api.features;
    let names = |needs: &[Need]| needs.iter().map(|n| n.names(features)).collect::<Vec<_>>();
    let (ops, types, lists) = (names(&ops), names(&types), names(&lists));
    api.operations.iter_mut().zip(ops).for_each(|(op, f)| op.features = f);
    api.types.iter_mut().zip(types).for_each(|(def, f)| def.features = f);
    api.value_lists.iter_mut().zip(lists).for_each(|(list, f)| list.features = f);
    api.features.sort_by(|a, b| a.name.cmp(&b.name));
}

/// What each named type needs, from the operations that reach it (and the `Error` enum, always compiled);
/// `Nobody` for the types nothing reaches.
fn type_needs(api: &Api, ops: &[Need]) -> Vec<Need> {
    let mut needs = vec![Need::Nobody; api.types.len()];
    let mut roots: Vec<(String, &Need)> = Vec::new();
    let mut refs = Vec::new();
    for (op, need) in api.operations.iter().zip(ops) {
        operation_refs(api, op, &mut refs);
        roots.extend(refs.drain(..).map(|name| (name.to_owned(), need)));
    }
    for status in &api.errors {
        super::tags::named(&status.body, &mut refs);
        roots.extend(refs.drain(..).map(|name| (name.to_owned(), &Need::Always)));
    }
    for (root, need) in roots {
        reach(api, &root, need, &mut needs);
    }
    needs
}

/// Adds the [`STANDALONE`] feature to `api.features` (last, until they are sorted) and to the needs of the types
/// nothing else reaches, and of what they are made of.
fn standalone(api: &mut Api, needs: &mut [Need]) {
    let standalone = Need::Any(BTreeSet::from([api.features.len()]));
    let unreached: Vec<usize> = (0..needs.len()).filter(|&i| needs[i] == Need::Nobody).collect();
    for i in unreached {
        reach(api, &api.types[i].name, &standalone, needs);
    }
    api.features.push(Feature { name: STANDALONE.to_owned(), tags: Vec::new() });
}

/// Adds `need` to the named type `root` and to every type it is made of.
fn reach(api: &Api, root: &str, need: &Need, needs: &mut [Need]) {
    let mut pending = vec![root];
    while let Some(name) = pending.pop() {
        let Ok(i) = api.types.binary_search_by(|d| d.name.as_str().cmp(name)) else { continue };
        let merged = needs[i].or(need);
        if merged == needs[i] {
            continue;
        }
        needs[i] = merged;
        type_refs(&api.types[i], &mut pending);
    }
}

/// What each shared value list needs: the checks that use it (sent types' fields and operations' parameters).
fn list_needs(api: &Api, ops: &[Need], types: &[Need]) -> Vec<Need> {
    let mut needs = vec![Need::Nobody; api.value_lists.len()];
    let mut note = |checks: &Checks, need: &Need| {
        let mut c = Some(checks);
        while let Some(checks) = c {
            if let Some(values) = &checks.one_of {
                let values = super::lists::sorted(values);
                if let Some(i) = api.value_lists.iter().position(|l| l.values == values) {
                    needs[i] = needs[i].or(need);
                }
            }
            c = checks.items.as_deref();
        }
    };
    for (def, need) in api.types.iter().zip(types).filter(|(def, _)| def.sent) {
        if let TypeKind::Struct(s) = &def.kind {
            s.fields.iter().for_each(|f| note(&f.checks, need));
        }
    }
    for (op, need) in api.operations.iter().zip(ops) {
        op.path_params.iter().chain(&op.params).for_each(|p| note(&p.checks, need));
    }
    needs
}

/// The features of a whole module: every feature of what it holds, or none when something in it is always
/// compiled.
pub(crate) fn of_module(api: &Api, module: &Module) -> Vec<String> {
    let type_features = module.types.iter().map(|&i| &api.types[i].features);
    let op_features = module.op_types.iter().chain(&module.operations).map(|&i| &api.operations[i].features);
    let mut all = BTreeSet::new();
    for features in type_features.chain(op_features) {
        if features.is_empty() {
            return Vec::new();
        }
        all.extend(features.iter().cloned());
    }
    all.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::feature_name;

    #[test]
    fn features_are_kebab_case_and_avoid_the_crates_own() {
        assert_eq!(feature_name("code-scanning"), "code-scanning");
        assert_eq!(feature_name("Customer Accounts (beta)"), "customer-accounts-beta");
        assert_eq!(feature_name("issues"), "issues");
        assert_eq!(feature_name("Mock"), "mock-api");
        assert_eq!(feature_name("default"), "default-api");
        assert_eq!(feature_name("Über"), "über");
        assert_eq!(feature_name("🙂"), "tag");
    }
}

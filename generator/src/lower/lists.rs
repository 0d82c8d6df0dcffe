//! Shared value lists: an allowed-values list that several checks use is one constant, not a copy per check.

use std::collections::BTreeMap;

use super::Lowerer;
use crate::ir::{Checks, Operation, TypeKind, ValueList};

impl Lowerer<'_> {
    /// Names a constant for each `one_of` list used by more than one check (after the first field using it).
    pub fn value_lists(&mut self, ops: &[Operation]) -> Vec<ValueList> {
        // Sorted values -> (uses, wire name of the first field that uses them).
        let mut uses: BTreeMap<Vec<String>, (usize, String)> = BTreeMap::new();
        let mut note = |checks: &Checks, wire: &str| {
            let mut c = Some(checks);
            while let Some(checks) = c {
                if let Some(values) = &checks.one_of {
                    let entry = uses.entry(sorted(values)).or_insert_with(|| (0, wire.to_owned()));
                    entry.0 += 1;
                }
                c = checks.items.as_deref();
            }
        };
        for def in self.types.values() {
            if let TypeKind::Struct(s) = &def.kind {
                s.fields.iter().for_each(|f| note(&f.checks, &f.wire));
            }
        }
        for op in ops {
            op.path_params.iter().chain(&op.params).for_each(|p| note(&p.checks, &p.wire));
        }
        let mut shared: Vec<(String, Vec<String>)> =
            uses.into_iter().filter(|(_, (n, _))| *n > 1).map(|(values, (_, wire))| (wire, values)).collect();
        shared.sort();
        shared
            .into_iter()
            .map(|(wire, values)| {
                let wanted = format!("{}_VALUES", crate::names::snake(&wire).to_ascii_uppercase());
                ValueList { name: self.module_names.claim(&wanted), values, features: Vec::new() }
            })
            .collect()
    }
}

/// The values as the runtime searches them: sorted, without duplicates.
pub(crate) fn sorted(values: &[String]) -> Vec<String> {
    let mut v = values.to_vec();
    v.sort();
    v.dedup();
    v
}

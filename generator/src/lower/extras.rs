//! Spec-driven client features: `x-pagination` streams, read-before-write (checked) updates, direction flags.

use std::collections::BTreeSet;

use serde_json::Value;

use super::Lowerer;
use crate::ir::{
    HttpMethod,
    CheckedUpdate, Operation, Pagination, ParamLocation, Presence, ResponseEncoding, Struct,
    Success, TypeKind, TypeRef,
};
use crate::pointer;

impl Lowerer<'_> {
    /// Reads `x-pagination: {page-parameter, items-field, last-page-field}` of each operation.
    pub fn pagination(&mut self, ops: &mut [Operation]) {
        for op in ops.iter_mut() {
            let Some(item) = self
                .spec
                .paths
                .paths
                .get(&op.path)
                .and_then(|i| i.as_item())
            else {
                continue;
            };
            let Some((_, spec_op)) = item
                .iter()
                .find(|(m, _)| m.eq_ignore_ascii_case(op.http_method.as_str()))
            else {
                continue;
            };
            let Some(ext) = spec_op.extensions.get("x-pagination") else {
                continue;
            };
            let method = op.http_method.as_str().to_ascii_lowercase();
            let pointer = pointer::join(pointer::PATHS, [op.path.as_str(), &method, "x-pagination"]);
            match self.paging(op, ext) {
                Ok(mut p) => {
                    p.method_name = self.method_names.claim(&format!("{}_stream", op.method_name));
                    op.loggable_query = loggable_query(op, &p.page_param);
                    op.pagination = Some(p);
                }
                Err(why) => self
                    .diags
                    .warn(pointer, format!("x-pagination ignored: {why}")),
            }
        }
    }

    fn paging(&self, op: &Operation, ext: &Value) -> Result<Pagination, String> {
        if op.body.is_some() {
            return Err("the operation takes a request body; only lists without one are streamed".into());
        }
        let get = |k: &str| ext.get(k).and_then(Value::as_str);
        let page = get("page-parameter").ok_or("page-parameter is missing")?;
        let items = get("items-field").ok_or("items-field is missing")?;
        let param = op
            .params
            .iter()
            .find(|p| p.wire == page && p.location == ParamLocation::Query)
            .ok_or_else(|| format!("no query parameter {page}"))?;
        if !matches!(param.ty, TypeRef::I32 | TypeRef::I64) || param.required {
            return Err(format!("{page} must be an optional integer parameter"));
        }
        let Success::Single(TypeRef::Named(resp), ResponseEncoding::Json) = &op.success else {
            return Err("the response is not one JSON object type".into());
        };
        let s = self
            .struct_of(resp)
            .ok_or("the response is not an object")?;
        let items_field = s
            .fields
            .iter()
            .find(|f| f.wire == items)
            .ok_or_else(|| format!("no field {items}"))?;
        let TypeRef::Vec(item) = &items_field.ty else {
            return Err(format!("{items} is not an array"));
        };
        let last = match get("last-page-field") {
            Some(w) => {
                let f = s
                    .fields
                    .iter()
                    .find(|f| f.wire == w)
                    .ok_or_else(|| format!("no field {w}"))?;
                if !matches!(f.ty, TypeRef::I32 | TypeRef::I64) {
                    return Err(format!("{w} is not an integer"));
                }
                Some(f)
            }
            None => None,
        };
        Ok(Pagination {
            method_name: String::new(),
            page_param: param.name.clone(),
            items_field: items_field.name.clone(),
            item: (**item).clone(),
            last_page_field: last.map(|f| f.name.clone()),
            last_page_optional: last.is_some_and(|f| f.presence != Presence::Required),
            items_optional: items_field.presence != Presence::Required,
            page_is_i32: param.ty == TypeRef::I32,
            last_page_is_i32: last.is_some_and(|f| f.ty == TypeRef::I32),
        })
    }

    /// A PUT or PATCH whose JSON body's fields all exist on what the GET of the same path returns gets a checked form.
    pub fn checked_updates(&mut self, ops: &mut [Operation]) -> bool {
        let mut any = false;
        for i in 0..ops.len() {
            let op = &ops[i];
            if !matches!(op.http_method, HttpMethod::Put | HttpMethod::Patch) {
                continue;
            }
            let Some(body) = op
                .body
                .as_ref()
                .filter(|b| b.required && b.encoding == crate::ir::BodyEncoding::Json)
            else {
                continue;
            };
            let TypeRef::Named(update) = &body.ty else {
                continue;
            };
            let Some(get) = ops
                .iter()
                .find(|g| g.http_method == HttpMethod::Get && g.path == op.path && g.params_struct.is_none())
            else {
                continue;
            };
            let (
                Success::Single(TypeRef::Named(record), _),
                Success::Single(TypeRef::Named(returned), _),
            ) = (&get.success, &op.success)
            else {
                continue;
            };
            if record != returned {
                continue;
            }
            let (Some(u), Some(r)) = (self.struct_of(update), self.struct_of(record)) else {
                continue;
            };
            let comparable = u.fields.iter().filter(|f| !f.write_only);
            if !comparable
                .clone()
                .all(|f| r.fields.iter().any(|g| g.wire == f.wire))
                || u.fields.is_empty()
            {
                continue;
            }
            let wanted = format!("{}_checked", op.method_name);
            let get_method = get.method_name.clone();
            let soft_delete_field = r.soft_delete_field.clone();
            let checked = CheckedUpdate { method_name: self.method_names.claim(&wanted), get_method, soft_delete_field };
            ops[i].checked = Some(checked);
            any = true;
        }
        any
    }

    fn struct_of(&self, name: &str) -> Option<&Struct> {
        match &self.types.get(name)?.kind {
            TypeKind::Struct(s) => Some(s),
            _ => None,
        }
    }

    /// Marks every type reachable from a request as sent and from a response as received, and those written as
    /// JSON (sent, or a record a checked update reads back into JSON) as serialized. A checked update's body is
    /// also decoded (rebuilt from the fields that differ), so it counts as received.
    pub fn mark_directions(&mut self, ops: &[Operation], errors: &[crate::ir::ErrorStatus]) {
        let mut sent = Vec::new();
        let mut received: Vec<TypeRef> = errors.iter().map(|e| e.body.clone()).collect();
        let mut read_back = Vec::new();
        for op in ops {
            sent.extend(
                op.path_params
                    .iter()
                    .chain(&op.params)
                    .map(|p| p.ty.clone()),
            );
            sent.extend(op.body.iter().map(|b| b.ty.clone()));
            match &op.success {
                Success::Single(t, _) => received.push(t.clone()),
                Success::Several(e) => {
                    received.extend(e.variants.iter().map(|v| v.ty.clone()))
                }
            }
            if let Some(ck) = &op.checked {
                let get = ops.iter().find(|o| o.method_name == ck.get_method);
                if let Some(Success::Single(t, _)) = get.map(|g| &g.success) {
                    read_back.push(t.clone());
                }
                received.extend(op.body.iter().map(|b| b.ty.clone()));
            }
        }
        let serialized: Vec<TypeRef> = sent.iter().cloned().chain(read_back).collect();
        self.mark(sent, Mark::Sent);
        self.mark(received, Mark::Received);
        self.mark(serialized, Mark::Serialized);
        // A type no operation uses (a webhook payload, say) is for decoding what arrives some other way.
        let unused: Vec<TypeRef> = self
            .types
            .values()
            .filter(|d| !d.sent && !d.received && !d.serialized)
            .map(|d| TypeRef::Named(d.name.clone()))
            .collect();
        self.mark(unused, Mark::Received);
    }

    /// Sets `mark` on every named type reachable from `roots`.
    fn mark(&mut self, roots: Vec<TypeRef>, mark: Mark) {
        let mut stack = roots;
        let mut seen = BTreeSet::new();
        while let Some(t) = stack.pop() {
            match t {
                TypeRef::Named(n) | TypeRef::Boxed(n) => {
                    if !seen.insert(n.clone()) {
                        continue;
                    }
                    let Some(def) = self.types.get_mut(&n) else {
                        continue;
                    };
                    match mark {
                        Mark::Sent => def.sent = true,
                        Mark::Received => def.received = true,
                        Mark::Serialized => def.serialized = true,
                    }
                    match &def.kind {
                        TypeKind::Struct(s) => {
                            stack.extend(s.fields.iter().map(|f| f.ty.clone()));
                            stack.extend(s.additional.clone());
                        }
                        TypeKind::Union(u) => {
                            stack.extend(u.variants.iter().map(|v| v.ty.clone()))
                        }
                        TypeKind::Alias(a) => stack.push(a.clone()),
                        TypeKind::Enum(_) => {}
                    }
                }
                TypeRef::Vec(i) | TypeRef::Map(i) | TypeRef::Nullable(i) => stack.push(*i),
                _ => {}
            }
        }
    }
}

/// Which direction flag a walk sets.
#[derive(Clone, Copy)]
enum Mark {
    Sent,
    Received,
    Serialized,
}

/// The query parameters of a paged operation whose values audit logs show: the page number, and a page size
/// (named like `per_page`, `page_size` or `limit`). Other values may be personal data and are never logged.
fn loggable_query(op: &Operation, page_param: &str) -> Vec<String> {
    let paging = |p: &&crate::ir::Param| {
        p.name == page_param || p.wire.contains("per_page") || p.wire.contains("page_size") || p.wire == "limit"
    };
    op.params
        .iter()
        .filter(|p| p.location == crate::ir::ParamLocation::Query)
        .filter(paging)
        .map(|p| p.wire.clone())
        .collect()
}

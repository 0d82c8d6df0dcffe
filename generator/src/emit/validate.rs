//! Emits `validate()` for sent types and parameter structs: every spec constraint, checked before sending.

use proc_macro2::TokenStream;
use quote::quote;

use super::tyref::ident;
use crate::ir::{Api, Checks, Operation, Presence, Struct, TypeDef, TypeKind, TypeRef, Union};

/// `validate` and `validate_at` of one named type, if it is sent.
pub fn emit_type(api: &Api, def: &TypeDef) -> TokenStream {
    if !def.sent {
        return TokenStream::new();
    }
    let body = match &def.kind {
        TypeKind::Struct(s) => struct_checks(api, s),
        TypeKind::Union(u) => union_checks(api, u),
        _ => return TokenStream::new(),
    };
    let deprecated = match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| f.deprecated || super::lints::type_is_deprecated(api, &f.ty)),
        TypeKind::Union(u) => u.variants.iter().any(|v| super::lints::type_is_deprecated(api, &v.ty)),
        _ => false,
    };
    validate_impl(&ident(&def.name), body, def.deprecated || deprecated)
}

/// `impl name { validate(), validate_at() }` around the checks `body` (which read `self`, `checks` and `path`).
pub fn validate_impl(name: &proc_macro2::Ident, body: TokenStream, uses_deprecated: bool) -> TokenStream {
    let unused = if body.is_empty() {
        quote!(#[allow(unused_variables, reason = "nothing of this type is constrained")])
    } else {
        TokenStream::new()
    };
    let allow = super::lints::deprecated_if(uses_deprecated);
    quote! {
        #allow
        impl #name {
            /// Checks every constraint of the spec; all violations are reported, named by field.
            pub fn validate(&self) -> Result<(), ValidationErrors> {
                let checks = &mut Validator::new();
                self.validate_at(checks, "");
                checks.finish()
            }

            /// Records violations in `checks`, under the field path `path` (empty at the top).
            #unused
            pub(crate) fn validate_at(&self, checks: &mut Validator, path: &str) {
                #body
            }
        }
    }
}

/// The checks a method runs before sending: of its path parameters, its params struct and its body.
pub fn before_sending(api: &Api, op: &Operation) -> TokenStream {
    let mut inline = TokenStream::new();
    for p in &op.path_params {
        let n = ident(&p.name);
        let wire = &p.wire;
        inline.extend(value_checks(api, quote!(#n), &p.ty, &p.checks, quote!(#wire)));
    }
    let params = op.params_struct.as_ref().filter(|_| op.params.iter().any(|p| has_checks(api, &p.ty, &p.checks)));
    let body = op.body.as_ref().filter(|b| has_checks(api, &b.ty, &Checks::default()));
    let body_is_checked_type = body.is_some_and(|b| checked_type(api, &b.ty));
    // One checked value alone is checked by its own `validate()`.
    match (inline.is_empty(), params.is_some(), body) {
        (true, false, None) => return TokenStream::new(),
        (true, true, None) => return quote!(params.validate()?;),
        (true, false, Some(b)) if body_is_checked_type => {
            return if b.required {
                quote!(body.validate()?;)
            } else {
                quote!(if let Some(body) = body { body.validate()?; })
            };
        }
        _ => {}
    }
    if params.is_some() {
        inline.extend(quote!(params.validate_at(checks, "");));
    }
    if let Some(b) = body {
        let c = value_checks(api, quote!(body), &b.ty, &Checks::default(), quote!(""));
        inline.extend(if b.required { c } else { quote!(if let Some(body) = body { #c }) });
    }
    quote! {
        let checks = &mut Validator::new();
        #inline
        checks.finish()?;
    }
}

/// Whether a value of this type has anything to check.
fn has_checks(api: &Api, ty: &TypeRef, c: &Checks) -> bool {
    !value_checks(api, quote!(x), ty, c, quote!("")).is_empty()
}

/// A named struct or union: checked by its `validate_at`.
fn checked_type(api: &Api, ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named(n) if matches!(api.type_def(n).map(|d| &d.kind), Some(TypeKind::Struct(_) | TypeKind::Union(_))))
}

fn struct_checks(api: &Api, s: &Struct) -> TokenStream {
    let fields = s.fields.iter().map(|f| {
        let name = ident(&f.name);
        let wire = &f.wire;
        let check = value_checks(api, quote!(x), &f.ty, &f.checks, quote!(&field));
        if check.is_empty() {
            return TokenStream::new();
        }
        let body = quote! {
            let field = join(path, #wire);
            #check
        };
        match f.presence {
            Presence::Required => quote!({ let x = &self.#name; #body }),
            Presence::RequiredNullable | Presence::Optional => {
                quote!(if let Some(x) = &self.#name { #body })
            }
            Presence::OptionalNullable => quote!(if let Some(Some(x)) = &self.#name { #body }),
        }
    });
    let any = s.any_present.iter().map(|_| ()).next().map(|_| {
        let alternatives = s.any_present.iter().map(|alt| {
            let label = alt.join(" and ");
            let present = alt.iter().map(|w| {
                let f = s.fields.iter().find(|f| &f.wire == w);
                match f {
                    Some(f) => {
                        let n = ident(&f.name);
                        match f.presence {
                            Presence::Required | Presence::RequiredNullable => quote!(true),
                            _ => quote!(self.#n.is_some()),
                        }
                    }
                    None => quote!(false),
                }
            });
            quote!((#label, #(#present)&&*))
        });
        quote!(checks.any_present(path, &[#(#alternatives),*]);)
    });
    quote!(#(#fields)* #any)
}

fn union_checks(api: &Api, u: &Union) -> TokenStream {
    let checked: Vec<(proc_macro2::Ident, TokenStream)> = u
        .variants
        .iter()
        .map(|var| (ident(&var.name), value_checks(api, quote!(x), &var.ty, &Checks::default(), quote!(path))))
        .filter(|(_, check)| !check.is_empty())
        .collect();
    if checked.is_empty() && u.tag.is_none() {
        return TokenStream::new();
    }
    if let [(vn, check)] = checked.as_slice()
        && u.tag.is_none()
        && u.variants.len() > 1
    {
        return quote!(if let Self::#vn(x) = self { #check });
    }
    let arms = checked.iter().map(|(vn, check)| quote!(Self::#vn(x) => { #check }));
    let unknown = u.tag.as_ref().map(|_| {
        quote!(Self::Unknown(_) => checks.fail(if path.is_empty() { "(body)" } else { path }, "has an unknown tag"),)
    });
    let rest = (checked.len() + usize::from(unknown.is_some()) < u.variants.len() + usize::from(u.tag.is_some()))
        .then(|| quote!(_ => {}));
    quote! {
        match self {
            #(#arms)*
            #unknown
            #rest
        }
    }
}

/// Checks of one value `x` of type `ty` at field path `at` (an expression of type `&str`). Empty when none apply.
pub fn value_checks(
    api: &Api,
    x: TokenStream,
    ty: &TypeRef,
    c: &Checks,
    at: TokenStream,
) -> TokenStream {
    checks_at_depth(api, x, ty, c, at, 0)
}

fn checks_at_depth(
    api: &Api,
    x: TokenStream,
    ty: &TypeRef,
    c: &Checks,
    at: TokenStream,
    depth: usize,
) -> TokenStream {
    let mut out = TokenStream::new();
    // Lowering warned about values nested this deep (`lower/finite.rs`).
    if depth > crate::ir::MAX_CHECK_DEPTH {
        return out;
    }
    let value_checks = |x, ty, c, at| checks_at_depth(api, x, ty, c, at, depth + 1);
    match ty {
        TypeRef::String => {
            if let Some(n) = c.min_length {
                let n = proc_macro2::Literal::u64_unsuffixed(n);
                out.extend(quote!(checks.min_length(#at, #x, #n);));
            }
            if let Some(n) = c.max_length {
                let n = proc_macro2::Literal::u64_unsuffixed(n);
                out.extend(quote!(checks.max_length(#at, #x, #n);));
            }
            if let Some(p) = &c.pattern {
                out.extend(quote!(checks.pattern(#at, #x, #p);));
            }
            if c.email {
                out.extend(quote!(checks.email(#at, #x);));
            }
            if let Some(values) = &c.one_of {
                // Sorted for the runtime's binary search; a list several checks use is a shared constant.
                let values = crate::lower::sorted_values(values);
                match api.value_lists.iter().find(|l| l.values == values) {
                    Some(list) => {
                        let name = ident(&list.name);
                        out.extend(quote!(checks.one_of(#at, #x, #name);));
                    }
                    None => out.extend(quote!(checks.one_of(#at, #x, &[#(#values),*]);)),
                }
            }
        }
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64
            if (c.minimum.is_some() || c.maximum.is_some()) =>
        {
            let value = &x;
            if let Some((n, exclusive)) = c.minimum {
                let f = ident(if exclusive { "exclusive_minimum" } else { "minimum" });
                let n = float_literal(n);
                out.extend(quote!(checks.#f(#at, #value, #n);));
            }
            if let Some((n, exclusive)) = c.maximum {
                let f = ident(if exclusive { "exclusive_maximum" } else { "maximum" });
                let n = float_literal(n);
                out.extend(quote!(checks.#f(#at, #value, #n);));
            }
        }
        TypeRef::Vec(item) => {
            if let Some(n) = c.min_items {
                let n = proc_macro2::Literal::u64_unsuffixed(n);
                out.extend(quote!(checks.min_items(#at, #x.len(), #n);));
            }
            if let Some(n) = c.max_items {
                let n = proc_macro2::Literal::u64_unsuffixed(n);
                out.extend(quote!(checks.max_items(#at, #x.len(), #n);));
            }
            let empty = Checks::default();
            let item_checks = c.items.as_deref().unwrap_or(&empty);
            let inner = value_checks(quote!(item), item, item_checks, quote!(&item_at));
            if !inner.is_empty() {
                out.extend(quote! {
                    for (i, item) in #x.iter().enumerate() {
                        let item_at = index(#at, i);
                        #inner
                    }
                });
            }
        }
        TypeRef::Map(value) => {
            let inner = value_checks(quote!(item), value, &Checks::default(), quote!(&item_at));
            if !inner.is_empty() {
                out.extend(quote! {
                    for (key, item) in #x.iter() {
                        let item_at = join(#at, key);
                        #inner
                    }
                });
            }
        }
        TypeRef::Nullable(inner) => {
            let inner = value_checks(quote!(y), inner, c, at);
            if !inner.is_empty() {
                out.extend(quote!(if let Some(y) = #x { #inner }));
            }
        }
        TypeRef::Named(n) | TypeRef::Boxed(n) => match api.type_def(n).map(|d| &d.kind) {
            Some(TypeKind::Enum(_)) => out.extend(quote!(checks.known(#at, #x.is_known());)),
            Some(TypeKind::Struct(_) | TypeKind::Union(_)) => {
                out.extend(quote!(#x.validate_at(checks, #at);))
            }
            Some(TypeKind::Alias(t)) => out.extend(value_checks(x, t, c, at)),
            None => {}
        },
        _ => {}
    }
    out
}

/// An `f64` literal as a person writes it: `0.5`, `1e300` (not three hundred digits), `-3.0`.
fn float_literal(n: f64) -> TokenStream {
    let plain = n.abs().to_string();
    let text = if plain.len() > 20 {
        format!("{:e}", n.abs())
    } else if plain.contains('.') {
        plain
    } else {
        format!("{plain}.0")
    };
    let lit: proc_macro2::Literal = text.parse().unwrap_or_else(|_| proc_macro2::Literal::f64_unsuffixed(n.abs()));
    if n.is_sign_negative() { quote!(-#lit) } else { quote!(#lit) }
}

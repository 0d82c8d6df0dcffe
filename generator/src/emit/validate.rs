//! Emits `validate()` for sent types and parameter structs: every spec constraint, checked before sending.

use proc_macro2::TokenStream;
use quote::quote;

use super::tyref::ident;
use crate::ir::{Api, Checks, Presence, Struct, TypeDef, TypeKind, TypeRef, Union};

/// `validate`/`validate_at` (and `sent_fields` for bodies) of one named type, if it is sent.
pub fn emit_type(api: &Api, def: &TypeDef) -> TokenStream {
    if !def.sent {
        return TokenStream::new();
    }
    let body = match &def.kind {
        TypeKind::Struct(s) => struct_checks(api, s),
        TypeKind::Union(u) => union_checks(api, u),
        _ => return TokenStream::new(),
    };
    let name = ident(&def.name);
    let sent_fields = match &def.kind {
        TypeKind::Struct(s) if is_body(api, &def.name) => sent_fields(s),
        _ => TokenStream::new(),
    };
    quote! {
        impl #name {
            super::runtime::validate::validate_method!();

            /// Records violations under the field path `path` (used when this value is nested in another).
            #[allow(unused_variables)]
            pub fn validate_at(&self, v: &mut super::runtime::validate::Validator, path: &str) {
                #body
            }

            #sent_fields
        }
    }
}

fn is_body(api: &Api, name: &str) -> bool {
    api.operations
        .iter()
        .any(|op| matches!(&op.body, Some(b) if b.ty == TypeRef::Named(name.to_owned())))
}

fn sent_fields(s: &Struct) -> TokenStream {
    let entries = s.fields.iter().map(|f| {
        let name = ident(&f.name);
        let wire = &f.wire;
        match f.presence {
            Presence::Required | Presence::RequiredNullable => quote!((#wire, true)),
            Presence::Optional | Presence::OptionalNullable => {
                quote!((#wire, self.#name.is_some()))
            }
        }
    });
    let count = proc_macro2::Literal::usize_unsuffixed(s.fields.len());
    quote! {
        /// The wire names of the fields this value sends (for audit logs; values are never logged).
        pub fn sent_fields(&self) -> Vec<&'static str> {
            let fields: [(&'static str, bool); #count] = [#(#entries),*];
            fields.into_iter().filter_map(|(wire, sent)| sent.then_some(wire)).collect()
        }
    }
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
            let field = super::runtime::validate::join(path, #wire);
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
        quote!(v.any_present(path, &[#(#alternatives),*]);)
    });
    quote!(#(#fields)* #any)
}

fn union_checks(api: &Api, u: &Union) -> TokenStream {
    let arms = u.variants.iter().map(|var| {
        let vn = ident(&var.name);
        let check = value_checks(api, quote!(x), &var.ty, &Checks::default(), quote!(path));
        quote!(Self::#vn(x) => { #check })
    });
    let fallback = u.tag.as_ref().map(|_| quote!(Self::Unknown(_) => v.fail(if path.is_empty() { "(body)" } else { path }, "has an unknown tag"),));
    quote! {
        #[allow(clippy::match_single_binding, unused_variables)]
        match self {
            #(#arms)*
            #fallback
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
    depth: u8,
) -> TokenStream {
    let mut out = TokenStream::new();
    if depth > 8 {
        return out;
    }
    let value_checks = |x, ty, c, at| checks_at_depth(api, x, ty, c, at, depth + 1);
    match ty {
        TypeRef::String => {
            if c.min_length.is_some() || c.max_length.is_some() {
                let min = opt_u64(c.min_length);
                let max = opt_u64(c.max_length);
                out.extend(quote!(v.length(#at, #x, #min, #max);));
            }
            if let Some(p) = &c.pattern {
                out.extend(quote!(v.pattern(#at, #x, #p);));
            }
            if c.email {
                out.extend(quote!(v.email(#at, #x);));
            }
            if let Some(values) = &c.one_of {
                // Sorted for the runtime's binary search.
                let mut values: Vec<&String> = values.iter().collect();
                values.sort();
                values.dedup();
                out.extend(quote!(v.one_of(#at, #x, &[#(#values),*]);));
            }
        }
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64
            if (c.minimum.is_some() || c.maximum.is_some()) =>
        {
            let bound = |b: Option<(f64, bool)>| match b {
                Some((n, e)) => {
                    let n = float_literal(n);
                    quote!(Some((#n, #e)))
                }
                None => quote!(None),
            };
            let (min, max) = (bound(c.minimum), bound(c.maximum));
            let value = if *ty == TypeRef::F64 {
                quote!(*#x)
            } else {
                quote!(*#x as f64)
            };
            out.extend(quote!(v.range(#at, #value, #min, #max);));
        }
        TypeRef::Vec(item) => {
            if c.min_items.is_some() || c.max_items.is_some() {
                let (min, max) = (opt_u64(c.min_items), opt_u64(c.max_items));
                out.extend(quote!(v.items(#at, #x.len(), #min, #max);));
            }
            let empty = Checks::default();
            let item_checks = c.items.as_deref().unwrap_or(&empty);
            let inner = value_checks(quote!(item), item, item_checks, quote!(&item_at));
            if !inner.is_empty() {
                out.extend(quote! {
                    for (i, item) in #x.iter().enumerate() {
                        let item_at = super::runtime::validate::index(#at, i);
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
                        let item_at = super::runtime::validate::join(#at, key);
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
            Some(TypeKind::Enum(_)) => out.extend(quote!(v.known(#at, #x.is_known());)),
            Some(TypeKind::Struct(_) | TypeKind::Union(_)) => {
                out.extend(quote!(#x.validate_at(v, #at);))
            }
            Some(TypeKind::Alias(t)) => out.extend(value_checks(x, t, c, at)),
            None => {}
        },
        _ => {}
    }
    out
}

fn opt_u64(n: Option<u64>) -> TokenStream {
    match n {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    }
}

/// An `f64` literal as a person writes it: `0.5f64`, `1e300f64` (not three hundred digits), `-3f64`.
fn float_literal(n: f64) -> TokenStream {
    let plain = n.abs().to_string();
    let text = if plain.len() > 20 { format!("{:e}f64", n.abs()) } else { format!("{plain}f64") };
    let lit: proc_macro2::Literal = text.parse().unwrap_or_else(|_| proc_macro2::Literal::f64_suffixed(n.abs()));
    if n.is_sign_negative() { quote!(-#lit) } else { quote!(#lit) }
}

//! The public API a generated crate offers, as data: one [`Entry`] per item the spec decides (types, fields,
//! variants, methods, credentials, the default base URL), computed from the IR. It is written beside the crate as
//! `api.txt` ([`listing`]), so reviewers see API changes in diffs, and two of them are compared by [`diff`].
//!
//! The runtime's own items (the builder's generic setters, the fixed `Error` variants, the error and download
//! types) are the same for every spec, so they are not listed; the builder settings a spec decides (the
//! credentials it accepts) are.

pub mod diff;
mod listing;

pub use listing::{HEADER as LISTING_HEADER, parse_listing, render_listing};

use crate::emit::signature;
use crate::ir::{Api, Checks, Operation, StatusMatch, Success, TypeKind};
use crate::pointer;

/// What kind of item an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `pub struct X`.
    Struct,
    /// `pub enum X`.
    Enum,
    /// `pub type X = T`.
    Alias,
    /// A field of a struct: `X.f: T`.
    Field,
    /// A variant of an enum: `X::V` or `X::V(T)`.
    Variant,
    /// A method of the client: `Client::m(..) -> T`.
    Method,
    /// A builder setting the spec decides: a credential `ClientBuilder::credential` accepts, by scheme name.
    Scheme,
    /// A public constant.
    Const,
}

impl Kind {
    /// The word that starts the entry's line.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Struct => "struct",
            Kind::Enum => "enum",
            Kind::Alias => "type",
            Kind::Field => "field",
            Kind::Variant => "variant",
            Kind::Method => "fn",
            Kind::Scheme => "builder",
            Kind::Const => "const",
        }
    }

    /// The kind a line's first word names.
    pub fn from_word(word: &str) -> Option<Kind> {
        [
            Kind::Struct,
            Kind::Enum,
            Kind::Alias,
            Kind::Field,
            Kind::Variant,
            Kind::Method,
            Kind::Scheme,
            Kind::Const,
        ]
        .into_iter()
        .find(|k| k.word() == word)
    }
}

/// One public item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    /// The item's path: `Customer`, `Customer.email`, `Error::NotFound`, `Client::update_customer`.
    pub key: String,
    /// The item as Rust declares it, from its key on: `Customer.email: Option<String>`,
    /// `Client::get(&self, id: &str) -> Result<Customer, Error>`.
    pub decl: String,
    /// The checks made before sending, when there are any: `max_length 64; email`.
    pub checks: Option<String>,
    /// The part of the spec the item comes from.
    pub pointer: String,
}

impl Entry {
    /// The type or enum an entry belongs to (`Customer` for `Customer.email`), or the entry itself.
    pub fn parent(&self) -> &str {
        match self.kind {
            Kind::Field => self.key.split_once('.').map_or(&self.key, |(p, _)| p),
            Kind::Variant | Kind::Method => self.key.split_once("::").map_or(&self.key, |(p, _)| p),
            _ => &self.key,
        }
    }
}

/// Every public item of the crate generated from `api`, sorted by key (then kind).
pub fn entries(api: &Api) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut push = |kind, key: String, decl: String, checks: Option<String>, pointer: String| {
        out.push(Entry { kind, key, decl, checks, pointer });
    };
    for t in &api.types {
        let name = &t.name;
        // Sent structs and unions check themselves (`emit/validate.rs`).
        if t.sent && matches!(t.kind, TypeKind::Struct(_) | TypeKind::Union(_)) {
            let (key, decl) = validate_method(name);
            push(Kind::Method, key, decl, None, t.pointer.clone());
        }
        match &t.kind {
            TypeKind::Struct(s) => {
                push(Kind::Struct, name.clone(), name.clone(), None, t.pointer.clone());
                for f in &s.fields {
                    let key = format!("{name}.{}", f.name);
                    let decl = format!("{key}: {}", signature::field_type(f));
                    let at = pointer::join(&t.pointer, ["properties", f.wire.as_str()]);
                    // Only what is sent is checked: a received type's constraints are not part of what the client
                    // accepts.
                    let checks = if t.sent { checks_text(&f.checks) } else { None };
                    push(Kind::Field, key, decl, checks, at);
                }
                if let Some(ty) = &s.additional {
                    let key = format!("{name}.{}", s.additional_name);
                    let decl = format!("{key}: {}", signature::map_type(ty));
                    push(Kind::Field, key, decl, None, pointer::child(&t.pointer, "additionalProperties"));
                }
            }
            TypeKind::Enum(e) => {
                push(Kind::Enum, name.clone(), name.clone(), None, t.pointer.clone());
                for v in &e.variants {
                    let key = format!("{name}::{}", v.name);
                    push(Kind::Variant, key.clone(), key, None, pointer::child(&t.pointer, "enum"));
                }
                let key = format!("{name}::{}", e.fallback);
                let payload = if e.integer { "i64" } else { "String" };
                push(Kind::Variant, key.clone(), format!("{key}({payload})"), None, t.pointer.clone());
            }
            TypeKind::Union(u) => {
                push(Kind::Enum, name.clone(), name.clone(), None, t.pointer.clone());
                for v in &u.variants {
                    let key = format!("{name}::{}", v.name);
                    let decl = format!("{key}({})", signature::type_text(&v.ty));
                    push(Kind::Variant, key, decl, None, t.pointer.clone());
                }
            }
            TypeKind::Alias(ty) => {
                let decl = format!("{name} = {}", signature::type_text(ty));
                push(Kind::Alias, name.clone(), decl, None, t.pointer.clone());
            }
        }
    }
    for op in &api.operations {
        operation(op, &mut push);
    }
    for e in &api.errors {
        let key = format!("Error::{}", e.variant);
        let decl = format!("{key}(ApiError<{}>)", signature::type_text(&e.body));
        let status = status_token(e.key);
        let at = api
            .operations
            .iter()
            .find(|op| op.errors.contains(&e.key))
            .map_or_else(|| "#/paths".to_owned(), |op| pointer::join(&op_pointer(op), ["responses", &status]));
        push(Kind::Variant, key, decl, None, at);
    }
    if api.has_checked_update {
        let key = "Error::Deleted".to_owned();
        push(Kind::Variant, key.clone(), format!("{key}(DeletedError)"), None, "#/paths".to_owned());
    }
    for s in &api.security_schemes {
        let what = crate::emit::security::describe(&s.kind);
        let at = pointer::join("#/components/securitySchemes", [s.name.as_str()]);
        let key = format!("ClientBuilder::credential({:?})", s.name);
        push(Kind::Scheme, key.clone(), format!("{key}: {what}"), None, at);
    }
    let key = "DEFAULT_BASE_URL".to_owned();
    let decl = format!("{key}: &str = {:?}", api.default_base_url);
    push(Kind::Const, key, decl, None, "#/servers".to_owned());
    for e in &mut out {
        e.pointer = fragment(&e.pointer);
    }
    out.sort_by(|a, b| (&a.key, a.kind).cmp(&(&b.key, b.kind)));
    out
}

/// A JSON pointer in its URI-fragment form (RFC 6901, section 6): spaces, `%`, control and non-ASCII characters
/// percent-encoded, so a pointer is one word on one line of the listing whatever the spec's names hold.
fn fragment(pointer: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS.add(b' ').add(b'%');
    percent_encoding::utf8_percent_encode(pointer, SET).to_string()
}

/// The entries an operation adds: its methods, its params struct and its success enum.
fn operation(op: &Operation, push: &mut impl FnMut(Kind, String, String, Option<String>, String)) {
    let at = op_pointer(op);
    // The checks of path parameters belong to the methods that take them (`id.max_length 64`).
    let mut atoms = Vec::new();
    for p in &op.path_params {
        atoms_of(&p.checks, &format!("{}.", p.name), &mut atoms);
    }
    let checks = (!atoms.is_empty()).then(|| atoms.join("; "));
    for (name, decl) in signature::methods(op) {
        push(Kind::Method, format!("Client::{name}"), format!("Client::{decl}"), checks.clone(), at.clone());
    }
    if let Some(ps) = &op.params_struct {
        push(Kind::Struct, ps.clone(), ps.clone(), None, pointer::child(&at, "parameters"));
        let (key, decl) = validate_method(ps);
        push(Kind::Method, key, decl, None, pointer::child(&at, "parameters"));
        for p in &op.params {
            let key = format!("{ps}.{}", p.name);
            let ty = signature::type_text(&p.ty);
            let ty = if p.required { ty } else { format!("Option<{ty}>") };
            let decl = format!("{key}: {ty}");
            push(Kind::Field, key, decl, checks_text(&p.checks), p.pointer.clone());
        }
    }
    if let Success::Several(e) = &op.success {
        push(Kind::Enum, e.name.clone(), e.name.clone(), None, pointer::child(&at, "responses"));
        for v in &e.variants {
            let key = format!("{}::{}", e.name, v.name);
            let decl = match v.ty {
                crate::ir::TypeRef::Unit => key.clone(),
                ref ty => format!("{key}({})", signature::type_text(ty)),
            };
            push(Kind::Variant, key, decl, None, pointer::join(&at, ["responses", &status_token(v.status)]));
        }
    }
}

/// The `validate` method a sent type or params struct has (`emit/validate.rs`): its key and declaration.
fn validate_method(name: &str) -> (String, String) {
    let key = format!("{name}::validate");
    let decl = format!("{key}(&self) -> Result<(), ValidationErrors>");
    (key, decl)
}

/// `#/paths/<path>/<method>`.
fn op_pointer(op: &Operation) -> String {
    pointer::join("#/paths", [op.path.as_str(), &op.http_method.as_str().to_ascii_lowercase()])
}

/// The spec's key for a status: `404`, `4XX`, `default`.
fn status_token(s: StatusMatch) -> String {
    match s {
        StatusMatch::Code(c) => c.to_string(),
        StatusMatch::Range(r) => format!("{r}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}

/// A field's checks as `; `-separated atoms (`min_length 1; max_length 64; email`), nested item checks prefixed
/// `items.`; `None` when there are none.
pub fn checks_text(c: &Checks) -> Option<String> {
    let mut atoms = Vec::new();
    atoms_of(c, "", &mut atoms);
    (!atoms.is_empty()).then(|| atoms.join("; "))
}

fn atoms_of(c: &Checks, prefix: &str, out: &mut Vec<String>) {
    let bound = |name: &str, v: f64, exclusive: bool| {
        format!("{prefix}{name} {v}{}", if exclusive { " exclusive" } else { "" })
    };
    if let Some(n) = c.min_length {
        out.push(format!("{prefix}min_length {n}"));
    }
    if let Some(n) = c.max_length {
        out.push(format!("{prefix}max_length {n}"));
    }
    if let Some(p) = &c.pattern {
        out.push(format!("{prefix}pattern {p:?}"));
    }
    if c.email {
        out.push(format!("{prefix}email"));
    }
    if let Some(values) = &c.one_of {
        let values = serde_json::to_string(values).unwrap_or_default();
        out.push(format!("{prefix}one_of {values}"));
    }
    if let Some((v, x)) = c.minimum {
        out.push(bound("minimum", v, x));
    }
    if let Some((v, x)) = c.maximum {
        out.push(bound("maximum", v, x));
    }
    if let Some(n) = c.min_items {
        out.push(format!("{prefix}min_items {n}"));
    }
    if let Some(n) = c.max_items {
        out.push(format!("{prefix}max_items {n}"));
    }
    if let Some(items) = &c.items {
        atoms_of(items, &format!("{prefix}items."), out);
    }
}

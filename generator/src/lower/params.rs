//! Parameters: path parameters become method arguments; query, header and cookie parameters a `Params` struct.

use openapiv3::{Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr};

use super::Lowerer;
use crate::ir::{Direction, Operation, Param, ParamLocation, ParamShape, ParamStyle, TypeDef, TypeKind, TypeRef};
use crate::names::{self, Namespace};
use crate::pointer::{self, child};

/// Names a generated method's body uses (its locals, and the modules and crates it names), so no argument takes
/// one: a path parameter named `req` or `checked` must not shadow them.
const LOCALS: &[&str] = &[
    "self", "params", "body", "req", "resp", "path", "query", "client", "checks", "value", "first",
    "current", "record", "changed", "page", "item", "item_at", "key", "i", "x", "y", "paginate",
    "checked", "download", "serde_json", "bytes", "futures_core", "std", "reqwest", "serde", "form",
    "r", "runtime", "nullable", "join", "index", "field",
];

/// Headers OpenAPI says to ignore as parameters.
const IGNORED_HEADERS: &[&str] = &["accept", "content-type", "authorization"];

impl Lowerer<'_> {
    /// Merges path-item and operation parameters (the operation's win) and lowers them.
    pub fn parameters(
        &mut self,
        path: &str,
        item_params: &[ReferenceOr<Parameter>],
        op_params: &[ReferenceOr<Parameter>],
        pointer: &str,
        hint: &str,
    ) -> (Vec<Param>, Vec<Param>) {
        let mut resolved: Vec<(Parameter, String)> = Vec::new();
        let item_pointer = child(pointer::parent(pointer), "parameters");
        for (i, p) in item_params.iter().enumerate() {
            if let Some((param, at)) = self.resolve(p, &pointer::index(&item_pointer, i)) {
                resolved.push((param.into_owned(), at));
            }
        }
        for (i, p) in op_params.iter().enumerate() {
            if let Some((param, at)) =
                self.resolve(p, &pointer::index(&child(pointer, "parameters"), i))
            {
                let key = (param.parameter_data_ref().name.clone(), location(&param));
                resolved.retain(|(q, _)| (q.parameter_data_ref().name.clone(), location(q)) != key);
                resolved.push((param.into_owned(), at));
            }
        }
        let mut args = Namespace::with_reserved(LOCALS);
        let mut fields = Namespace::default();
        let mut path_params = Vec::new();
        let mut params = Vec::new();
        for (param, at) in resolved {
            let loc = location(&param);
            let data = param.parameter_data_ref();
            if loc == ParamLocation::Header
                && IGNORED_HEADERS.contains(&data.name.to_ascii_lowercase().as_str())
            {
                continue;
            }
            let (style, default_explode) = style_of(&param);
            let hint = format!("{hint}{}", names::camel(&data.name));
            let (ty, checks) = match &data.format {
                ParameterSchemaOrContent::Schema(s) => {
                    let l = self.schema(s, &child(&at, "schema"), &hint, Direction::Request);
                    (l.ty, l.checks)
                }
                ParameterSchemaOrContent::Content(_) => {
                    self.diags.warn(
                        child(&at, "content"),
                        "content-encoded parameter is passed as a string",
                    );
                    (TypeRef::String, Default::default())
                }
            };
            let name = if loc == ParamLocation::Path {
                args.claim(&names::snake(&data.name))
            } else {
                fields.claim(&names::snake(&data.name))
            };
            let p = Param {
                name,
                wire: data.name.clone(),
                location: loc,
                doc: data.description.clone(),
                ty,
                required: data.required || loc == ParamLocation::Path,
                style,
                explode: data.explode.unwrap_or(default_explode),
                checks,
                deprecated: data.deprecated.unwrap_or(false),
                shape: ParamShape::Scalar,
                pointer: at.clone(),
            };
            if loc == ParamLocation::Path {
                path_params.push(p);
            } else {
                params.push(p);
            }
        }
        let order = template_names(path);
        for wire in &order {
            if !path_params.iter().any(|p| &p.wire == wire) {
                self.diags.warn(
                    pointer,
                    format!("path parameter {wire} is not declared; taken as a string"),
                );
                path_params.push(Param {
                    name: args.claim(&names::snake(wire)),
                    wire: wire.clone(),
                    location: ParamLocation::Path,
                    doc: None,
                    ty: TypeRef::String,
                    required: true,
                    style: ParamStyle::Simple,
                    explode: false,
                    checks: Default::default(),
                    deprecated: false,
                    shape: ParamShape::Scalar,
                    pointer: pointer.to_owned(),
                });
            }
        }
        path_params.retain(|p| order.contains(&p.wire));
        path_params.sort_by_key(|p| order.iter().position(|w| w == &p.wire));
        (path_params, params)
    }
}

/// The `{name}`s of a path template, in order.
pub(crate) fn template_names(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_owned()))
        .collect()
}

fn location(p: &Parameter) -> ParamLocation {
    match p {
        Parameter::Query { .. } => ParamLocation::Query,
        Parameter::Header { .. } => ParamLocation::Header,
        Parameter::Path { .. } => ParamLocation::Path,
        Parameter::Cookie { .. } => ParamLocation::Cookie,
    }
}

/// The style and its default `explode`.
fn style_of(p: &Parameter) -> (ParamStyle, bool) {
    match p {
        Parameter::Query { style, .. } => match style {
            QueryStyle::Form => (ParamStyle::Form, true),
            QueryStyle::SpaceDelimited => (ParamStyle::SpaceDelimited, false),
            QueryStyle::PipeDelimited => (ParamStyle::PipeDelimited, false),
            QueryStyle::DeepObject => (ParamStyle::DeepObject, true),
        },
        Parameter::Path { style, .. } => match style {
            PathStyle::Simple => (ParamStyle::Simple, false),
            PathStyle::Label => (ParamStyle::Label, false),
            PathStyle::Matrix => (ParamStyle::Matrix, false),
        },
        Parameter::Header { .. } => (ParamStyle::Simple, false),
        Parameter::Cookie { .. } => (ParamStyle::Form, true),
    }
}

/// Decides how each parameter is written, once every type is final (a named enum is a scalar).
pub(super) fn decide_shapes<'a>(ops: &mut [Operation], type_def: impl Fn(&str) -> Option<&'a TypeDef>) {
    fn shape<'a>(ty: &TypeRef, type_def: &impl Fn(&str) -> Option<&'a TypeDef>) -> ParamShape {
        match ty {
            TypeRef::String | TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 | TypeRef::Bool => {
                ParamShape::Scalar
            }
            TypeRef::Vec(inner) if shape(inner, type_def) == ParamShape::Scalar => ParamShape::List,
            TypeRef::Named(n) => match type_def(n).map(|d| &d.kind) {
                Some(TypeKind::Enum(_)) => ParamShape::Scalar,
                _ => ParamShape::Serialized,
            },
            _ => ParamShape::Serialized,
        }
    }
    for op in ops {
        for p in op.path_params.iter_mut().chain(op.params.iter_mut()) {
            p.shape = shape(&p.ty, &type_def);
        }
    }
}

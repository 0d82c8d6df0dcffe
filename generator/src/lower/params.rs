//! Parameters: path parameters become method arguments; query, header and cookie parameters a `Params` struct.

use openapiv3::{Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr};

use super::Lowerer;
use crate::ir::{Direction, Param, ParamLocation, TypeRef};
use crate::names::{self, Namespace};
use crate::pointer::{self, child};

/// Argument names a generated method already uses.
const LOCALS: &[&str] = &[
    "self", "params", "body", "req", "resp", "path", "query", "client",
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
                style: style.to_owned(),
                explode: data.explode.unwrap_or(default_explode),
                checks,
                deprecated: data.deprecated.unwrap_or(false),
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
                    style: "simple".into(),
                    explode: false,
                    checks: Default::default(),
                    deprecated: false,
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

/// The style name and its default `explode`.
fn style_of(p: &Parameter) -> (&'static str, bool) {
    match p {
        Parameter::Query { style, .. } => match style {
            QueryStyle::Form => ("form", true),
            QueryStyle::SpaceDelimited => ("spaceDelimited", false),
            QueryStyle::PipeDelimited => ("pipeDelimited", false),
            QueryStyle::DeepObject => ("deepObject", true),
        },
        Parameter::Path { style, .. } => match style {
            PathStyle::Simple => ("simple", false),
            PathStyle::Label => ("label", false),
            PathStyle::Matrix => ("matrix", false),
        },
        Parameter::Header { .. } => ("simple", false),
        Parameter::Cookie { .. } => ("form", true),
    }
}

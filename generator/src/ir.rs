//! The intermediate representation: plain data, fully decided, in output order. No `syn` or `proc_macro2` in here.

/// Everything the emitters need to print a client.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Api {
    /// The spec's title.
    pub title: String,
    /// The spec's description.
    pub description: Option<String>,
    /// The first server URL, variables substituted with their defaults.
    pub default_base_url: String,
    /// The security schemes the spec declares, sorted by name.
    pub security_schemes: Vec<SecurityScheme>,
    /// The API-wide security requirement (operations without their own `security` use it).
    pub security: Security,
    /// Named types, sorted by Rust name.
    pub types: Vec<TypeDef>,
    /// Operations, in path order then method order.
    pub operations: Vec<Operation>,
    /// One variant per error status declared anywhere, sorted by status.
    pub errors: Vec<ErrorStatus>,
    /// True when some operation has a checked update (the `Deleted` error variant is needed).
    pub has_checked_update: bool,
    /// Rust names of what the spec deprecates (types, fields, parameters, methods): code that names one of them
    /// carries `#[allow(deprecated)]`.
    pub deprecated: std::collections::BTreeSet<String>,
    /// The modules a big spec is split into, sorted by name; empty when one `types.rs` and one `client.rs` do.
    pub modules: Vec<Module>,
    /// Lists of allowed values (`x-enum-validate-only`) that more than one check uses, each one constant in `types`.
    pub value_lists: Vec<ValueList>,
    /// The crate's cargo features, one per tag (tags that kebab-case alike share one), sorted by name; empty when
    /// no operation has a tag. `default` enables them all.
    pub features: Vec<Feature>,
}

/// A cargo feature of the generated crate: it compiles the operations of its tags and the types they reach.
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    /// The feature's name: the tag in kebab-case (`code-scanning`).
    pub name: String,
    /// The tags it stands for, as the spec spells them.
    pub tags: Vec<String>,
}

/// A list of allowed string values shared by several checks.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueList {
    /// Rust name of the constant (`ADDRESS_COUNTRY_VALUES`).
    pub name: String,
    /// The values, sorted and without duplicates (the runtime searches them).
    pub values: Vec<String>,
    /// The features that compile it: those of the checks that use it (empty: always compiled).
    pub features: Vec<String>,
}

impl Api {
    /// The named type `name` (types are sorted by name, so this is a binary search).
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|d| d.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }
}

/// One module of a split crate: `types/<name>.rs` and `client/<name>.rs`, each only when it holds something.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Module {
    /// The module's name (snake_case, claimed in the one namespace of module names).
    pub name: String,
    /// What it holds: a tag's operations, the types shared by several tags, or the untagged operations.
    pub kind: ModuleKind,
    /// Indices in `Api::types` of the named types in `types/<name>.rs`, in order.
    pub types: Vec<usize>,
    /// Indices in `Api::operations` of the operations whose params struct or success enum is in `types/<name>.rs`.
    pub op_types: Vec<usize>,
    /// Indices in `Api::operations` of the operations whose methods are in `client/<name>.rs`.
    pub operations: Vec<usize>,
    /// The features that compile the whole module: any feature of what it holds, when all of it is gated (empty:
    /// always compiled). Items inside repeat a gate only when theirs is narrower.
    pub features: Vec<String>,
}

impl Module {
    /// The file name without `.rs` (names are bare, so a keyword tag `type` is `type.rs`).
    pub fn file_stem(&self) -> &str {
        &self.name
    }
}

/// What a module of a split crate holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ModuleKind {
    /// The operations whose first tag is this one, and the types only they reach.
    Tag(String),
    /// In a spec without tags: the operations whose path starts with this resource segment (`/v1/charges/{id}`
    /// is `charges`), and the types only they reach.
    PathGroup(String),
    /// The types reached from several tags, from untagged operations or from no operation, and the params
    /// structs and success enums of untagged operations.
    #[default]
    Shared,
    /// The methods of untagged operations.
    Untagged,
}

/// A security scheme from `components.securitySchemes`.
#[derive(Clone, Debug, PartialEq)]
pub struct SecurityScheme {
    /// The scheme's name in the spec (credentials are set by this name).
    pub name: String,
    /// What the credential is and where it goes.
    pub kind: SchemeKind,
    /// The scheme's description.
    pub doc: Option<String>,
}

/// The type of a security scheme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemeKind {
    /// `apiKey`: a key under `name` in a header, the query or a cookie.
    ApiKey { location: ApiKeyLocation, name: String },
    /// `http` with scheme `basic`.
    HttpBasic,
    /// `http` with scheme `bearer`.
    HttpBearer,
    /// Another `http` scheme: the caller supplies the whole `Authorization` value.
    HttpOther { scheme: String },
    /// `oauth2`: the caller supplies the access token, sent as a bearer token.
    OAuth2,
    /// `openIdConnect`: the caller supplies the token, sent as a bearer token.
    OpenIdConnect,
}

/// Where an API key goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// A header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// A security requirement: alternatives (OR), each naming schemes sent together (AND).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Security {
    /// The non-empty alternatives, in spec order, each listing scheme names in spec order.
    pub any_of: Vec<Vec<String>>,
    /// True when calling without credentials is allowed: `security: []`, an empty `{}` alternative, no requirement.
    pub anonymous: bool,
    /// The spec declares schemes but no requirement: every configured scheme of the one alternative is sent.
    pub each_configured: bool,
}

impl Default for Security {
    /// No credentials (no requirement).
    fn default() -> Self {
        Security { any_of: Vec::new(), anonymous: true, each_configured: false }
    }
}

/// Which way a type travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    /// Sent to the server: validated, `readOnly` fields dropped.
    Request,
    /// Received: lenient, `writeOnly` fields dropped.
    Response,
}

/// A named Rust type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// Rust name.
    pub name: String,
    /// Doc comment.
    pub doc: Option<String>,
    /// JSON pointer of the schema it comes from.
    pub pointer: String,
    /// True when the type is sent (gets `validate()`).
    pub sent: bool,
    /// True when the type is decoded from JSON: received, or a checked update's body, which is rebuilt from the
    /// fields that differ. Only such types derive `Deserialize`.
    pub received: bool,
    /// True when the type is written as JSON: sent, or read back into JSON by a checked update. Only such types
    /// derive `Serialize` outside the `mock` feature.
    pub serialized: bool,
    /// The shape.
    pub kind: TypeKind,
    /// `deprecated: true` in the spec.
    pub deprecated: bool,
    /// The cargo features that compile it, any one of them enough: those of the operations that reach it. Empty:
    /// always compiled (an untagged operation or the `Error` enum reaches it, or the spec has no features).
    pub features: Vec<String>,
}

/// The shape of a named type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Struct),
    /// A string or integer enum, with a fallback variant for unknown values.
    Enum(Enum),
    /// `oneOf` / `anyOf`: untagged, or tagged by a discriminator property.
    Union(Union),
    /// Another type under this name (maps, arrays, scalars).
    Alias(TypeRef),
}

/// An object type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Struct {
    /// Properties, in spec order.
    pub fields: Vec<Field>,
    /// `additionalProperties` with a schema: kept in a flattened map.
    pub additional: Option<TypeRef>,
    /// Rust name of the flattened map (`additional_properties`, unless a property already has that name).
    pub additional_name: String,
    /// Alternatives of which at least one must be fully present (`anyOf` of `required` lists), by wire name.
    pub any_present: Vec<Vec<String>>,
    /// The property whose non-null value marks the record soft-deleted (`x-soft-delete-field`).
    pub soft_delete_field: Option<String>,
}

/// One property.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Rust name.
    pub name: String,
    /// Name on the wire.
    pub wire: String,
    /// Doc comment.
    pub doc: Option<String>,
    /// The value type (without the `Option` wrappers, which `presence` decides).
    pub ty: TypeRef,
    /// How absence and null are represented.
    pub presence: Presence,
    /// Constraints to check before sending.
    pub checks: Checks,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// `writeOnly: true` (never returned, so never compared with a record).
    pub write_only: bool,
}

/// How a field's absence and `null` map to Rust.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Required, not nullable: `T`.
    Required,
    /// Required and nullable: `Option<T>`, always sent (`null` for `None`).
    RequiredNullable,
    /// Optional: `Option<T>`, skipped when `None`.
    Optional,
    /// Optional and nullable in a sent type: `Option<Option<T>>` (absent, null, value).
    OptionalNullable,
}

/// A type as used in a field, parameter or response.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// Any JSON value.
    #[default]
    Json,
    /// Raw bytes (`format: binary`, octet-stream bodies).
    Bytes,
    /// A file part of a multipart body (`format: binary` there): bytes, file name and content type.
    File,
    /// `()`, for responses without a body.
    Unit,
    /// A named type.
    Named(String),
    /// A boxed named type (breaks a recursive cycle).
    Boxed(String),
    /// `Option<T>` inside a container (a nullable array item or map value).
    Nullable(Box<TypeRef>),
    /// `Vec<T>`.
    Vec(Box<TypeRef>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
}

/// How many arrays, maps, nullable wrappers and aliases deep the checks of one value go; deeper ones are not
/// checked (lowering warns where that happens).
pub const MAX_CHECK_DEPTH: usize = 8;

/// Constraints of a value, checked by `validate()` on sent types.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checks {
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `pattern`, when the regex crate accepts it.
    pub pattern: Option<String>,
    /// `format: email`.
    pub email: bool,
    /// `enum` kept as a plain string (`x-enum-validate-only`).
    pub one_of: Option<Vec<String>>,
    /// `minimum` (value, exclusive).
    pub minimum: Option<(f64, bool)>,
    /// `maximum` (value, exclusive).
    pub maximum: Option<(f64, bool)>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// Checks of each array item.
    pub items: Option<Box<Checks>>,
}

impl Checks {
    /// True when nothing is to be checked.
    pub fn is_empty(&self) -> bool {
        self == &Checks::default()
    }
}

/// A string or integer enum.
#[derive(Clone, Debug, PartialEq)]
pub struct Enum {
    /// True for integer enums.
    pub integer: bool,
    /// Known values.
    pub variants: Vec<EnumVariant>,
    /// Name of the fallback variant holding unknown values.
    pub fallback: String,
}

/// One enum value.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumVariant {
    /// Rust name.
    pub name: String,
    /// The value on the wire (a string, or an integer's decimal form).
    pub wire: String,
}

/// `oneOf` / `anyOf`.
#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    /// The discriminator property, when the spec gives one.
    pub tag: Option<String>,
    /// Variants, in spec order.
    pub variants: Vec<UnionVariant>,
}

/// One alternative of a union.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionVariant {
    /// Rust name.
    pub name: String,
    /// Discriminator values mapping to this variant.
    pub tags: Vec<String>,
    /// The payload.
    pub ty: TypeRef,
}

/// One API operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The operationId (or a name derived from method and path).
    pub id: String,
    /// The operation's tags, in spec order (the first decides its module when the output is split).
    pub tags: Vec<String>,
    /// The cargo features that compile it, any one of them enough: its tags' (empty for an untagged operation).
    pub features: Vec<String>,
    /// Rust method name.
    pub method_name: String,
    /// Doc comment (summary and description).
    pub doc: Option<String>,
    /// The HTTP method.
    pub http_method: HttpMethod,
    /// Path template as written in the spec.
    pub path: String,
    /// Path parameters, in template order.
    pub path_params: Vec<Param>,
    /// Name of the parameters struct (query, header and cookie parameters), if any.
    pub params_struct: Option<String>,
    /// Query, header and cookie parameters.
    pub params: Vec<Param>,
    /// The request body.
    pub body: Option<RequestBody>,
    /// Success responses (2xx), sorted by status.
    pub success: Success,
    /// The first 2xx status code the spec declares (200 when it declares only `2XX` or none): the status typed
    /// mocks answer success with.
    pub success_status: u16,
    /// Declared error statuses (codes, ranges, `default`), most specific first.
    pub errors: Vec<StatusMatch>,
    /// The header parameter that makes retries safe (an idempotency key), by wire name.
    pub idempotency_header: Option<String>,
    /// Pagination, from `x-pagination`.
    pub pagination: Option<Pagination>,
    /// Read-before-write variant of this update, if the path has a matching GET.
    pub checked: Option<CheckedUpdate>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// The operation's own security requirement; `None` when the API-wide one (`Api::security`) applies.
    pub security: Option<Security>,
    /// The `Accept` header, when the success responses are not JSON (their media types).
    pub accept: Option<String>,
    /// Rust name of the streaming variant (`<op>_download`), when the success body is binary.
    pub download: Option<String>,
    /// Name of the constant listing the declared error statuses (`<METHOD>_ERRORS`); `None` when none is declared.
    pub errors_const: Option<String>,
    /// Wire names of the query parameters whose values audit logs may show (the page number and page size).
    pub loggable_query: Vec<String>,
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
    /// `PATCH`.
    Patch,
    /// `TRACE`.
    Trace,
}

impl HttpMethod {
    /// Every method, in the order OpenAPI's path item lists them.
    pub const ALL: [HttpMethod; 8] = [
        HttpMethod::Get,
        HttpMethod::Put,
        HttpMethod::Post,
        HttpMethod::Delete,
        HttpMethod::Options,
        HttpMethod::Head,
        HttpMethod::Patch,
        HttpMethod::Trace,
    ];

    /// The method as HTTP writes it (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }

    /// The method from its spec key (`get`, case-insensitive).
    pub fn from_key(key: &str) -> Option<HttpMethod> {
        HttpMethod::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(key))
    }
}

/// A parameter's `style`, as OpenAPI names them: `simple`, `label`, `matrix`, `form`, `spaceDelimited`,
/// `pipeDelimited`, `deepObject`. Path and header parameters default to `simple`, query and cookie ones to `form`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamStyle { Simple, Label, Matrix, Form, SpaceDelimited, PipeDelimited, DeepObject }

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the path.
    Path,
    /// In the query string.
    Query,
    /// A header.
    Header,
    /// A cookie.
    Cookie,
}

/// One parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Rust name.
    pub name: String,
    /// Wire name.
    pub wire: String,
    /// Location.
    pub location: ParamLocation,
    /// Doc comment.
    pub doc: Option<String>,
    /// The value type.
    pub ty: TypeRef,
    /// Required parameters are plain values; others are `Option`.
    pub required: bool,
    /// `style`.
    pub style: ParamStyle,
    /// `explode`.
    pub explode: bool,
    /// Constraints checked before sending.
    pub checks: Checks,
    /// `deprecated: true` (marks the params struct field; path parameters are plain arguments).
    pub deprecated: bool,
    /// How the value is written: by `Display`, as a list, or through its JSON form.
    pub shape: ParamShape,
    /// Where the parameter is declared (after its `$ref`, if any).
    pub pointer: String,
}

/// How a parameter's value becomes text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamShape {
    /// A string, number, boolean or string enum, written with `Display`.
    Scalar,
    /// An array of scalars.
    List,
    /// Anything else (objects, arrays of objects, unions), through its JSON form.
    Serialized,
}

/// A request body.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestBody {
    /// The media type sent.
    pub content_type: String,
    /// The body type.
    pub ty: TypeRef,
    /// How it is encoded.
    pub encoding: BodyEncoding,
    /// Whether the body must be given.
    pub required: bool,
    /// A multipart body of an object type: how each field is sent, in field order (empty otherwise).
    pub parts: Vec<FormPart>,
}

/// One field of a multipart body.
#[derive(Clone, Debug, PartialEq)]
pub struct FormPart {
    /// Rust name of the field.
    pub field: String,
    /// Wire name (the part's name).
    pub wire: String,
    /// True for file parts (`TypeRef::File` fields); others are text or JSON parts.
    pub file: bool,
    /// The content type the spec's `encoding` object gives the part.
    pub content_type: Option<String>,
}

/// How a request body is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyEncoding {
    /// JSON (`application/json`, `+json`, merge-patch).
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`, one part per field.
    Multipart,
    /// Raw bytes.
    Binary,
    /// Plain text.
    Text,
}

/// The success side of an operation.
#[derive(Clone, Debug, PartialEq)]
pub enum Success {
    /// One type for every 2xx status (or `()` when none has a body).
    Single(TypeRef, ResponseEncoding),
    /// Different types per status: an enum of its own.
    Several(SuccessEnum),
}

/// The enum of an operation whose success statuses have different types.
#[derive(Clone, Debug, PartialEq)]
pub struct SuccessEnum {
    /// Rust name of the enum.
    pub name: String,
    /// One variant per success status, sorted by status (a `2XX` range last).
    pub variants: Vec<SuccessVariant>,
}

/// One success status and what its body decodes to.
#[derive(Clone, Debug, PartialEq)]
pub struct SuccessVariant {
    /// The status (a code, or the `2XX` range).
    pub status: StatusMatch,
    /// Rust name of the variant.
    pub name: String,
    /// The body type.
    pub ty: TypeRef,
    /// How the body is decoded.
    pub encoding: ResponseEncoding,
}

/// How a response body is decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseEncoding {
    /// JSON.
    Json,
    /// Text.
    Text,
    /// Bytes.
    Binary,
    /// No body.
    Empty,
}

/// Which statuses a response covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusMatch {
    /// One status code.
    Code(u16),
    /// A range: `2` for `2XX`, `4` for `4XX`, `5` for `5XX`.
    Range(u8),
    /// The `default` response: any status not declared otherwise.
    Default,
}

/// An error status of the API.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorStatus {
    /// The statuses covered.
    pub key: StatusMatch,
    /// Variant name (`NotFound`).
    pub variant: String,
    /// The body type held by the variant.
    pub body: TypeRef,
}

/// `x-pagination`: page-numbered lists.
#[derive(Clone, Debug, PartialEq)]
pub struct Pagination {
    /// Rust name of the stream method (`<op>_stream`, numbered if an operation already has that name).
    pub method_name: String,
    /// Rust name of the page parameter in the params struct.
    pub page_param: String,
    /// Rust name of the items field of the response.
    pub items_field: String,
    /// Item type.
    pub item: TypeRef,
    /// Rust name of the last-page field of the response, if any.
    pub last_page_field: Option<String>,
    /// Whether the last-page field is an `Option`.
    pub last_page_optional: bool,
    /// Whether the items field is an `Option`.
    pub items_optional: bool,
    /// Whether the page parameter is an i32 (else i64).
    pub page_is_i32: bool,
    /// Whether the last-page field is an i32 (else i64).
    pub last_page_is_i32: bool,
}

/// A read-before-write update.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedUpdate {
    /// Rust name of the checked method (`<update>_checked`, numbered if an operation already has that name).
    pub method_name: String,
    /// Rust name of the GET method.
    pub get_method: String,
    /// Wire name of the soft-delete field, if the record type declares one.
    pub soft_delete_field: Option<String>,
}

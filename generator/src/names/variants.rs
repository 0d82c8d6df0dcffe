//! Enum variant names: statuses (`NotFound`), status ranges, integer enum values (`V1`), union members, error
//! bodies, and the variants the emitted code adds itself, which every namespace of variants reserves.

use super::camel;
use crate::ir::TypeRef;

/// The variant a string or integer enum, or a tagged union, adds for values the spec does not list.
pub const FALLBACK_VARIANT: &str = "Unknown";

/// The variants of the crate's `Error` that are not statuses (emitted by `emit/error.rs`).
pub const ERROR_VARIANTS: &[&str] = &[
    "UnexpectedStatus",
    "Transport",
    "Timeout",
    "Decode",
    "InvalidRequest",
    "Deleted",
    "Config",
];

/// The `Error` variant of a `default` response.
pub const DEFAULT_VARIANT: &str = "DefaultResponse";

/// The variant of a status: its reason phrase (`404` -> `NotFound`); `Status{code}` for codes without one.
pub fn status_variant(code: u16) -> String {
    let reason = match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        418 => "ImATeapot",
        421 => "MisdirectedRequest",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        507 => "InsufficientStorage",
        508 => "LoopDetected",
        511 => "NetworkAuthenticationRequired",
        _ => return format!("Status{code}"),
    };
    reason.to_owned()
}

/// The variant of a status range (`2XX`, `4XX`, ...), by its first digit.
pub fn range_variant(class: u16) -> String {
    match class {
        2 => "Success".to_owned(),
        4 => "ClientError".to_owned(),
        5 => "ServerError".to_owned(),
        _ => format!("Status{class}xx"),
    }
}

/// The variant of an integer enum value (`1` -> `V1`, `-1` -> `VMinus1`).
pub fn integer_variant(value: &str) -> String {
    format!("V{}", value.replace('-', "Minus"))
}

/// The variant of a `oneOf`/`anyOf` member: the component it references (`Cat`), else what its type is.
pub fn union_variant(component: Option<&str>, ty: &TypeRef) -> String {
    if let Some(name) = component {
        return camel(name);
    }
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Bool => "Boolean".into(),
        TypeRef::I32 | TypeRef::I64 => "Integer".into(),
        TypeRef::F32 | TypeRef::F64 => "Number".into(),
        TypeRef::Vec(_) => "Array".into(),
        TypeRef::Map(_) => "Object".into(),
        TypeRef::Named(n) | TypeRef::Boxed(n) => n.clone(),
        _ => "Value".into(),
    }
}

/// The variant of one of the bodies operations declare for the same error status.
pub fn error_body_variant(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(n) | TypeRef::Boxed(n) => n.clone(),
        TypeRef::Json => "Other".into(),
        TypeRef::Vec(_) => "List".into(),
        TypeRef::Map(_) => "Map".into(),
        _ => "Value".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::Namespace;

    fn is_ident(s: &str) -> bool {
        syn::parse_str::<syn::Ident>(s).is_ok()
    }

    #[test]
    fn statuses_are_reason_phrases_already_cased() {
        for code in 100..1000 {
            let v = status_variant(code);
            assert_eq!(camel(&v), v, "{code}");
            assert!(is_ident(&v), "{code} -> {v}");
        }
        assert_eq!(status_variant(404), "NotFound");
        assert_eq!(status_variant(418), "ImATeapot");
        assert_eq!(status_variant(299), "Status299");
        assert_eq!(range_variant(2), "Success");
        assert_eq!(range_variant(3), "Status3xx");
    }

    #[test]
    fn every_status_code_and_range_has_its_own_error_variant() {
        let mut ns = Namespace::with_reserved(ERROR_VARIANTS);
        let mut all: Vec<String> = (100..1000).map(status_variant).collect();
        all.extend((1..10).map(range_variant));
        all.push(DEFAULT_VARIANT.to_owned());
        for v in &all {
            // Claimed as is: no status, range or `default` takes another's name or a fixed variant's.
            assert_eq!(&ns.claim(v), v);
        }
    }

    #[test]
    fn integer_values() {
        assert_eq!(integer_variant("1"), "V1");
        assert_eq!(integer_variant("-1"), "VMinus1");
        assert!(is_ident(&integer_variant(&i64::MIN.to_string())));
        // Distinct values never share a name, so no value is renamed to look like another (`V1` -> `V12`).
        let mut ns = Namespace::with_reserved(&[FALLBACK_VARIANT]);
        for value in -1000_i64..1000 {
            let v = integer_variant(&value.to_string());
            assert_eq!(ns.claim(&v), v);
        }
    }

    #[test]
    fn union_members() {
        assert_eq!(union_variant(Some("pet-cat"), &TypeRef::Json), "PetCat");
        assert_eq!(union_variant(Some("a/b"), &TypeRef::Json), "AB");
        assert_eq!(union_variant(Some("Self"), &TypeRef::Json), "Self_");
        assert_eq!(union_variant(Some(""), &TypeRef::Json), "Value");
        assert_eq!(union_variant(None, &TypeRef::I32), "Integer");
        assert_eq!(union_variant(None, &TypeRef::Named("Cat".into())), "Cat");
        assert_eq!(error_body_variant(&TypeRef::Json), "Other");
        // Two members of one type (`oneOf: [{type: string, format: date}, {type: string}]`) stay two variants,
        // and a tagged union's members never take the fallback.
        let mut ns = Namespace::with_reserved(&[FALLBACK_VARIANT]);
        assert_eq!(ns.claim(&union_variant(None, &TypeRef::String)), "String");
        assert_eq!(ns.claim(&union_variant(None, &TypeRef::String)), "String2");
        assert_eq!(ns.claim(&union_variant(Some("unknown"), &TypeRef::Json)), "Unknown2");
    }
}

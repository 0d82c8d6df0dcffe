//! The one-feature fixture specs of `tests/fixtures/` (at the workspace root): one list, shared by the output and
//! IR snapshot tests.

use std::path::{Path, PathBuf};

/// Calls `$m! { name, ... }` with the file stem of every fixture, so a test file can define one `#[test]` per
/// fixture (`fixtures::with_fixtures!(my_tests);`). A fixture missing here fails `every_fixture_is_listed` in
/// `fixtures_snapshot.rs`. Notes on a fixture's output (what is knowingly degraded) sit beside its name.
macro_rules! with_fixtures {
    ($m:ident) => {
        $m! {
            all_of,
            all_of_annotations,
            big_numbers_31,
            checked_update,
            checked_with_params,
            // Names a spec could make collide: a paginated `listPets` beside `listPetsStream` (the stream form is
            // `list_pets_stream2`), a checked form beside `updatePetChecked`, a path parameter `v`, a property `self`.
            collisions,
            content_types,
            deprecated,
            discriminator,
            enums,
            // `default` values are only documented (`Default when absent`); fields stay `Option`s the server fills
            // in.
            enums_const_default,
            // Knowingly wrong: `NotFoundBody` is an untagged union of `NotFoundError` and `Problem`, two structs
            // whose fields are all optional, so the first variant accepts any JSON object and a `Problem` body
            // decodes as `NotFoundBody::NotFoundError` with every field `None` (the raw text is kept). `get_widget`
            // only ever declares `Problem` for 404, but error bodies are decoded per API-wide status, not per
            // operation.
            error_bodies,
            // Multipart file parts are `FilePart`s (list, optional, spec-fixed content type); binary responses are
            // `Bytes` with a streaming `_download` twin; a binary request body takes anything `Into<Bytes>`.
            files,
            // 3.1: `contentMediaType` of a non-text type marks a file part; with `contentEncoding` (base64) it
            // stays text.
            files_31,
            formats,
            idempotency,
            keywords,
            maps_and_arrays,
            // Degraded (warned): `x-pagination` on an operation with a request body gives no stream method.
            method_shapes,
            multi_status,
            naming,
            non_identifiers,
            nullable,
            // Degraded (warned): `prefixItems` tuples are `Vec<Value>`. `examples` are accepted but not shown
            // anywhere.
            nullable_31,
            optional,
            optional_nullable,
            pagination,
            param_styles,
            path_query_params,
            percent_encoded_refs,
            read_write_only,
            recursion,
            // Degraded: response headers (here a `$ref` to `components.headers`) are not modelled, so they are not
            // in the output; they stay readable on error responses (`ApiError::headers`) only.
            refs,
            required_self_ref,
            responses_optional_31,
            // Degraded (warned): `mutualTLS` is left to the TLS layer and an unknown scheme type is dropped, with
            // the requirements that need it.
            security_31,
            // Degraded (warned): no requirement names the schemes, so each configured one is sent.
            security_no_requirement,
            security_schemes,
            servers_security,
            split_modules,
            tag_features,
            tags_everywhere,
            // Degraded (warned): `not` is untyped JSON.
            unions,
            validation,
        }
    };
}

pub(crate) use with_fixtures;

/// The customer spec, which the repository's client is generated from.
pub const CUSTOMER_SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/stax-customer.yaml");

/// `tests/fixtures/`.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// The text of `tests/fixtures/<name>.yaml`.
pub fn read(name: &str) -> String {
    let path = dir().join(format!("{name}.yaml"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

//! The hand-written runtime (`generator/runtime/`), embedded so every generated crate gets a verbatim copy.

/// (file name under `runtime/`, contents).
pub const FILES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../runtime/mod.rs")),
    ("audit.rs", include_str!("../runtime/audit.rs")),
    ("auth.rs", include_str!("../runtime/auth.rs")),
    ("builder.rs", include_str!("../runtime/builder.rs")),
    ("checked.rs", include_str!("../runtime/checked.rs")),
    ("download.rs", include_str!("../runtime/download.rs")),
    ("encode.rs", include_str!("../runtime/encode.rs")),
    ("enums.rs", include_str!("../runtime/enums.rs")),
    ("errors.rs", include_str!("../runtime/errors.rs")),
    ("http.rs", include_str!("../runtime/http.rs")),
    ("mock.rs", include_str!("../runtime/mock.rs")),
    ("mock_match.rs", include_str!("../runtime/mock_match.rs")),
    ("multipart.rs", include_str!("../runtime/multipart.rs")),
    ("nullable.rs", include_str!("../runtime/nullable.rs")),
    ("object.rs", include_str!("../runtime/object.rs")),
    ("paginate.rs", include_str!("../runtime/paginate.rs")),
    ("request.rs", include_str!("../runtime/request.rs")),
    ("response.rs", include_str!("../runtime/response.rs")),
    ("retry.rs", include_str!("../runtime/retry.rs")),
    ("secret.rs", include_str!("../runtime/secret.rs")),
    ("validate.rs", include_str!("../runtime/validate.rs")),
];

/// The dependencies the generated code and the runtime use, as Cargo.toml lines.
pub const DEPENDENCIES: &str = r#"bytes = "1"
fastrand = "2"
futures-core = "0.3"
futures-util = { version = "0.3", default-features = false, features = ["std"] }
httpdate = "1"
percent-encoding = "2"
regex = { version = "1", default-features = false, features = ["std", "unicode-perl", "perf"] }
reqwest = { version = "0.13", default-features = false, features = ["rustls", "json", "query", "stream"] }
reqwest-middleware = { version = "0.5", default-features = false }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
thiserror = "2"
tokio = { version = "1", features = ["time", "fs"] }
tracing = "0.1"
wiremock = { version = "0.6", optional = true }
assert-json-diff = { version = "2", optional = true }
"#;

/// The `[features]` of a generated crate: `mock` adds the typed mocks (`mock.rs`) and what they are built on.
pub const FEATURES: &str = r#"mock = ["dep:wiremock", "dep:assert-json-diff"]
"#;

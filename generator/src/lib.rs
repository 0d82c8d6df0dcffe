//! OpenAPI 3.0/3.1 -> Rust async client generator: parse -> lower -> IR -> emit -> render. Pure: no I/O.
//!
//! ```
//! let spec = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths: {}\n";
//! let files = generator::generate_str(spec, &generator::Config::default()).unwrap();
//! assert!(files.get("mod.rs").unwrap().starts_with("// @generated"));
//! ```

pub mod diag;
mod emit;
pub mod ir;
mod lower;
pub mod names;
pub mod pointer;
mod normalize;
pub mod parse;
mod render;
pub mod runtime;
pub mod surface;
mod workers;
mod yaml;

use std::borrow::Cow;
use std::time::Instant;

pub use diag::{Diagnostic, Diagnostics, Severity};
pub use parse::{Spec, parse};

/// What to write into the `@generated` header.
#[derive(Clone, Debug)]
pub struct Config {
    /// The command that regenerates the output.
    pub command: String,
    /// How the spec is named in the header (a repository-relative path).
    pub spec_label: String,
    /// Use an existing copy of the runtime at this path (e.g. `crate::runtime`) instead of emitting one.
    /// For crates that hold several generated clients; `None` (the default) makes the output stand alone.
    pub shared_runtime: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            command: "cargo xtask codegen".into(),
            spec_label: "the OpenAPI spec".into(),
            shared_runtime: None,
        }
    }
}

/// One output file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the output root, with `/` separators.
    pub path: String,
    /// Full contents.
    pub contents: String,
}

/// The generated files, sorted by path, plus the warnings generation produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GeneratedFiles {
    /// The files.
    pub files: Vec<GeneratedFile>,
    /// Degraded constructs, each naming its JSON pointer.
    pub warnings: Vec<Diagnostic>,
    /// The public API listing (`api.txt`, see [`surface`]); a standalone crate also has it among its files.
    pub listing: String,
    /// The lines of the crate's `[features]` table: one feature per tag (`default` enables them all) and `mock`.
    /// A standalone crate's `Cargo.toml` has them; a hand-written one must declare the same.
    pub features: String,
}

impl GeneratedFiles {
    /// The contents of one file.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.contents.as_str())
    }
}

/// Lowers a spec to the IR (for tests and tools that inspect decisions).
pub fn lower(spec: &Spec) -> Result<(ir::Api, Diagnostics), Diagnostics> {
    on_big_stack(|| lower::lower(&spec.openapi, &spec.raw))
}

/// The stack the recursive stages run on. Their recursion follows the spec's nesting, which `parse` and `lower`
/// bound; debug builds of the derived deserialisers need tens of KiB per level, more than a 2 MiB thread has.
const STACK_SIZE: usize = 64 << 20;

/// Runs `f` on a scoped thread with a [`STACK_SIZE`] stack, so deep (but bounded) specs never overflow the caller's.
pub(crate) fn on_big_stack<T: Send>(
    f: impl FnOnce() -> Result<T, Diagnostics> + Send,
) -> Result<T, Diagnostics> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("generator".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, f)
            .map_err(|e| {
                Diagnostics::single("#", format!("cannot start the generator thread: {e}"))
            })?;
        worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Generates the module tree that goes into `src/generated/`: `mod.rs`, `types.rs`, `client.rs`, `error.rs`, `runtime/`.
pub fn generate(spec: &Spec, config: &Config) -> Result<GeneratedFiles, Diagnostics> {
    on_big_stack(|| pipeline(Cow::Borrowed(spec), config, &mut timing::Timings::default()))
}

/// Parses and generates in one step. The parsed spec is freed once lowered, so emitting reuses its memory.
pub fn generate_str(text: &str, config: &Config) -> Result<GeneratedFiles, Diagnostics> {
    let spec = parse(text)?;
    on_big_stack(|| pipeline(Cow::Owned(spec), config, &mut timing::Timings::default()))
}

/// Generates a standalone crate: `Cargo.toml` (with its own `[workspace]`), `src/lib.rs` and `src/generated/`.
/// Without `crate_name`, the name comes from the spec's title.
pub fn generate_crate(
    spec: &Spec,
    config: &Config,
    crate_name: Option<&str>,
) -> Result<GeneratedFiles, Diagnostics> {
    let title = &spec.openapi.info.title;
    crate_files(generate(spec, config)?, title, config, crate_name)
}

/// Parses and generates a standalone crate in one step, freeing the parsed spec once lowered like [`generate_str`].
pub fn generate_crate_str(
    text: &str,
    config: &Config,
    crate_name: Option<&str>,
) -> Result<GeneratedFiles, Diagnostics> {
    let spec = parse(text)?;
    let title = spec.openapi.info.title.clone();
    let files = on_big_stack(|| pipeline(Cow::Owned(spec), config, &mut timing::Timings::default()))?;
    crate_files(files, &title, config, crate_name)
}

/// Stage timings, for `cargo xtask bench`; not part of the API.
#[doc(hidden)]
pub mod timing {
    use std::borrow::Cow;
    use std::time::{Duration, Instant};

    use crate::{Config, Diagnostics, GeneratedFiles};

    /// How long each pipeline stage took.
    #[derive(Clone, Copy, Debug, Default, PartialEq)]
    pub struct Timings {
        /// Text to the typed document.
        pub parse: Duration,
        /// Document to IR.
        pub lower: Duration,
        /// IR to token streams (CPU time summed over the workers).
        pub emit: Duration,
        /// Token streams to formatted source (CPU time summed over the workers).
        pub render: Duration,
    }

    /// [`crate::generate_str`], recording the time of each stage.
    pub fn generate_str(
        text: &str,
        config: &Config,
    ) -> Result<(GeneratedFiles, Timings), Diagnostics> {
        let mut t = Timings::default();
        let start = Instant::now();
        let spec = crate::parse(text)?;
        t.parse = start.elapsed();
        let files = crate::on_big_stack(|| crate::pipeline(Cow::Owned(spec), config, &mut t))?;
        Ok((files, t))
    }
}

/// Lowers, emits and renders; `t` gets the time of each stage after parsing.
fn pipeline(
    spec: Cow<'_, Spec>,
    config: &Config,
    t: &mut timing::Timings,
) -> Result<GeneratedFiles, Diagnostics> {
    let start = Instant::now();
    let (api, mut warnings) = lower::lower(&spec.openapi, &spec.raw)?;
    let mut all = spec.warnings.clone();
    all.items.append(&mut warnings.items);
    // An owned document is freed before emitting, whose allocations then reuse its memory (freeing it on another
    // thread, beside emitting, measured slower).
    drop(spec);
    t.lower = start.elapsed();
    let header = render::header(&config.command, &config.spec_label);
    let shared = match &config.shared_runtime {
        Some(path) => Some(
            syn::parse_str::<syn::Path>(path)
                .map_err(|e| Diagnostics::single("#", format!("shared_runtime {path}: {e}")))?,
        ),
        None => None,
    };
    // The API listing is made beside emitting and rendering, which leave a core idle at times.
    let (rendered, listing) = std::thread::scope(|scope| {
        let make_listing = || surface::render_listing(&surface::entries(&api));
        let listing = std::thread::Builder::new().stack_size(STACK_SIZE).spawn_scoped(scope, make_listing);
        let rendered = workers::emit_and_render(&api, shared.as_ref(), &header);
        let listing = match listing {
            Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => make_listing(),
        };
        (rendered, listing)
    });
    let rendered = rendered?;
    (t.emit, t.render) = (rendered.emit_time, rendered.render_time);
    let mut files: Vec<GeneratedFile> = rendered
        .files
        .into_iter()
        .map(|(path, contents)| GeneratedFile { path, contents })
        .collect();
    if shared.is_none() {
        for (name, text) in runtime::FILES {
            files.push(GeneratedFile {
                path: format!("runtime/{name}"),
                contents: format!("{header}\n{text}"),
            });
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(GeneratedFiles {
        files,
        warnings: all.items,
        listing,
        features: features_table(&api),
    })
}

/// The `[features]` lines of `api`: `default` with every tag's feature, each of them, then `mock`.
fn features_table(api: &ir::Api) -> String {
    let mut out = String::new();
    if !api.features.is_empty() {
        let names: Vec<String> = api.features.iter().map(|f| format!("\"{}\"", f.name)).collect();
        out.push_str(&format!("default = [{}]\n", names.join(", ")));
        for f in &api.features {
            let what = match f.tags.as_slice() {
                [] => "The types no operation uses (webhook payloads, say).".to_owned(),
                [tag] if *tag == f.name => String::new(),
                tags => format!("Operations tagged {}.", tags.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")),
            };
            if !what.is_empty() {
                out.push_str(&format!("# {}\n", what.replace(['\n', '\r'], " ")));
            }
            // A TOML bare key is ASCII; a tag's feature may hold other letters.
            let bare = f.name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            match bare {
                true => out.push_str(&format!("{} = []\n", f.name)),
                false => out.push_str(&format!("\"{}\" = []\n", f.name)),
            }
        }
    }
    out.push_str(runtime::FEATURES);
    out
}

/// The module tree moved under `src/generated/`, plus `Cargo.toml` and `src/lib.rs`.
fn crate_files(
    mut out: GeneratedFiles,
    title: &str,
    config: &Config,
    crate_name: Option<&str>,
) -> Result<GeneratedFiles, Diagnostics> {
    for f in &mut out.files {
        f.path = format!("src/generated/{}", f.path);
    }
    let name = crate_name
        .map(str::to_owned)
        .unwrap_or_else(|| crate_name_from(title));
    let header = render::header(&config.command, &config.spec_label).replacen("//", "#", 1);
    let cargo = format!(
        "{header}\n[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{}\n[features]\n{}\n[workspace]\n",
        runtime::DEPENDENCIES,
        out.features
    );
    let lib = format!(
        "{}\n//! Client for {}, generated from an OpenAPI document.\n\nmod generated;\npub use generated::*;\n",
        render::header(&config.command, &config.spec_label),
        title.replace(['\n', '\r'], " ")
    );
    out.files.push(GeneratedFile {
        path: "Cargo.toml".into(),
        contents: cargo,
    });
    out.files.push(GeneratedFile {
        path: "src/lib.rs".into(),
        contents: lib,
    });
    out.files.push(GeneratedFile {
        path: "api.txt".into(),
        contents: out.listing.clone(),
    });
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// A crate name from a spec title: kebab-case ASCII, starting with a letter.
pub fn crate_name_from(title: &str) -> String {
    // Words are kept whole (`GitHub` stays `github`); apostrophes join (`GitHub's` -> `githubs`).
    let words: String = title
        .chars()
        .filter(|c| *c != '\'' && *c != '\u{2019}')
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let mut name = words.split_whitespace().collect::<Vec<_>>().join("-");
    if name.is_empty() {
        name = "api".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "api-");
    }
    if !name.ends_with("client") {
        name.push_str("-client");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::crate_name_from;

    #[test]
    fn crate_names_from_titles() {
        assert_eq!(
            crate_name_from("GitHub's official OpenAPI spec"),
            "githubs-official-openapi-spec-client"
        );
        assert_eq!(
            crate_name_from("Stax Customer API"),
            "stax-customer-api-client"
        );
        assert_eq!(crate_name_from("Pets client"), "pets-client");
        assert_eq!(crate_name_from("3D Printing"), "api-3d-printing-client");
        assert_eq!(crate_name_from("  ✨ "), "api-client");
    }
}

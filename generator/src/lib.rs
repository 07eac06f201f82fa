//! armgen: Rust bindings for Azure Resource Manager APIs from their OpenAPI
//! 2.0 specs (with Azure's `x-ms-*` extensions).
//!
//! The stages are separate modules: [`load`] reads YAML or JSON files and
//! follows `$ref`s, [`resolve`](Config::generate) builds the [`ir`], the
//! emitters turn the IR into tokens, and prettyplease formats them. Problems in
//! a spec are collected and reported together, each with file, line:column
//! and JSON pointer ([`Diagnostic`]); armgen never panics on a spec.
//!
//! ```no_run
//! let output = armgen::Config::new(".")
//!     .spec("spec/relay.yaml", "relay")
//!     .generate()?;
//! output.write_to("generated".as_ref())?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod diagnostics;
mod emit;
pub mod ir;
pub mod load;
pub mod naming;
mod output;
mod project;
mod resolve;
pub mod secrets;
pub mod upstream;

use std::path::{Path, PathBuf};
use std::time::Instant;

pub use diagnostics::{Diagnostic, Diagnostics, Error, Location};
pub use output::{Output, Stale, Timings};
pub use project::{PROJECT_FILE, Project};
pub use secrets::SecretPolicy;

/// What to generate and how: a builder in the style of prost-build.
#[derive(Clone, Debug)]
pub struct Config {
    root: PathBuf,
    specs: Vec<(PathBuf, String)>,
    runtime_path: String,
    secrets: SecretPolicy,
    refresh_command: String,
    ref_aliases: Vec<load::RefAlias>,
    dynamic_feature: Option<String>,
}

impl Config {
    /// A configuration whose spec paths are relative to `root` (the project
    /// directory). Generated headers name spec files relative to it, so output
    /// does not depend on where the project is checked out.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            specs: Vec::new(),
            runtime_path: "crate::runtime".to_owned(),
            secrets: SecretPolicy::default(),
            refresh_command: "cargo run -p armgen -- generate".to_owned(),
            ref_aliases: Vec::new(),
            dynamic_feature: None,
        }
    }

    /// Adds a root spec file (one resource provider at one api-version),
    /// generated as module `module`.
    pub fn spec(mut self, path: impl Into<PathBuf>, module: impl Into<String>) -> Self {
        self.specs.push((path.into(), module.into()));
        self
    }

    /// Adds every `*.yaml`, `*.yml` and `*.json` file directly inside `dir`
    /// (relative to the root) as a root spec, named after its file stem.
    /// Subfolders hold shared definitions and examples and are not roots.
    pub fn spec_dir(mut self, dir: impl AsRef<Path>) -> Result<Self, Error> {
        let dir = dir.as_ref();
        let full = self.root.join(dir);
        let entries = std::fs::read_dir(&full).map_err(|e| Error::io(&full, e))?;
        let mut found = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| Error::io(&full, e))?.path();
            let is_spec = matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            );
            if path.is_file()
                && is_spec
                && let (Some(name), Some(stem)) = (path.file_name(), path.file_stem())
            {
                let module = naming::value_name(&stem.to_string_lossy());
                found.push((dir.join(name), naming::unraw(&module).to_owned()));
            }
        }
        found.sort();
        self.specs.extend(found);
        Ok(self)
    }

    /// The path generated code uses to reach the hand-written runtime
    /// (default `crate::runtime`).
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime_path = path.into();
        self
    }

    /// Which string fields are secret (default: [`SecretPolicy::default`]).
    pub fn secret_policy(mut self, policy: SecretPolicy) -> Self {
        self.secrets = policy;
        self
    }

    /// The command named in generated headers as the way to refresh them.
    pub fn refresh_command(mut self, command: impl Into<String>) -> Self {
        self.refresh_command = command.into();
        self
    }

    /// Redirects a `$ref` that points at nothing to another pointer of the same
    /// file, for upstream specs one cannot edit. `alias` is
    /// `FILE#/missing=#/existing`, FILE being the end of the target file's
    /// path. Returns `None` when `alias` is not of that form.
    ///
    /// ```
    /// let config = armgen::Config::new(".").ref_alias(
    ///     "common-types/resource-management/v5/types.json#/definitions/systemData=#/definitions/SystemData",
    /// );
    /// assert!(config.is_some());
    /// ```
    pub fn ref_alias(mut self, alias: &str) -> Option<Self> {
        self.ref_aliases.push(load::RefAlias::parse(alias)?);
        Some(self)
    }

    /// Puts each service's `dynamic` module (every operation callable by
    /// `operationId` with JSON parameters, and the `SERVICES` table) in a file
    /// of its own, compiled only with the cargo feature `feature`: crates that
    /// do not drive operations by name then do not compile it.
    pub fn dynamic_feature(mut self, feature: impl Into<String>) -> Self {
        self.dynamic_feature = Some(feature.into());
        self
    }

    /// The root spec files and their module names.
    pub fn specs(&self) -> &[(PathBuf, String)] {
        &self.specs
    }

    /// Resolves every spec into the IR, or returns all problems found.
    pub fn resolve(&self) -> Result<(ir::Api, Vec<PathBuf>), Error> {
        let mut docs = load::DocumentSet::new(&self.root).with_aliases(&self.ref_aliases);
        let mut diagnostics = Diagnostics::default();
        let mut services = Vec::new();
        let mut modules = naming::Scope::with_reserved(&["runtime"]);
        for (path, module) in &self.specs {
            let unique = modules.claim(module);
            if unique != *module {
                diagnostics.push(
                    Diagnostic::new(
                        Location {
                            file: path.clone(),
                            line: 1,
                            column: 1,
                            pointer: String::new(),
                        },
                        format!("module name `{module}` is used by two specs"),
                    )
                    .with_help("give the specs distinct file names or module names"),
                );
                continue;
            }
            let full = self.root.join(path);
            if let Some(mut service) =
                resolve::service(&mut docs, &mut diagnostics, &self.secrets, &full, module)
            {
                service.source = path.clone();
                services.push(service);
            }
        }
        services.sort_by(|a, b| a.module.cmp(&b.module));
        let inputs = docs.paths();
        let api = ir::Api { services };
        diagnostics.into_result(api).map(|api| (api, inputs))
    }

    /// Generates the code of every spec.
    pub fn generate(&self) -> Result<Output, Error> {
        let started = Instant::now();
        let (api, inputs) = self.resolve()?;
        let resolved = started.elapsed();
        let runtime: syn::Path = syn::parse_str(&self.runtime_path).map_err(|e| {
            Error::Spec(vec![Diagnostic::new(
                Location {
                    file: PathBuf::from("(config)"),
                    line: 1,
                    column: 1,
                    pointer: String::new(),
                },
                format!(
                    "runtime path `{}` is not a Rust path: {e}",
                    self.runtime_path
                ),
            )])
        })?;
        let mut files = std::collections::BTreeMap::new();
        let mut emit_time = std::time::Duration::ZERO;
        let mut format_time = std::time::Duration::ZERO;
        let mut wrappers = Vec::new();
        for service in &api.services {
            let t = Instant::now();
            let emitted = emit::service_files(service, &runtime, self.dynamic_feature.as_deref())
                .map_err(|e| internal(service, e))?;
            emit_time += t.elapsed();
            let t = Instant::now();
            let source = service.source.display().to_string().replace('\\', "/");
            let header = emit::header(&source, &self.refresh_command);
            for (path, file) in &emitted.files {
                files.insert(
                    path.clone(),
                    format!("{header}{}", prettyplease::unparse(file)),
                );
            }
            wrappers.push(emitted.wrapper);
            format_time += t.elapsed();
        }
        let modules: Vec<String> = api.services.iter().map(|s| s.module.clone()).collect();
        let index_code = emit::index(
            &modules,
            &wrappers,
            &runtime,
            self.dynamic_feature.as_deref(),
        )
        .map_err(internal_index)?;
        let index = format!(
            "{}{index_code}",
            emit::header("every spec", &self.refresh_command)
        );
        files.insert("mod.rs".to_owned(), index);
        Ok(Output {
            files,
            inputs,
            api,
            timings: Timings {
                resolve: resolved,
                emit: emit_time,
                format: format_time,
                total: started.elapsed(),
            },
        })
    }
}

fn internal_index(error: syn::Error) -> Error {
    Error::Spec(vec![Diagnostic::new(
        Location {
            file: PathBuf::from("mod.rs"),
            line: 1,
            column: 1,
            pointer: String::new(),
        },
        format!("internal error: armgen emitted an index that does not parse ({error})"),
    )])
}

/// Emitted tokens that do not parse are a bug in armgen, not in the spec;
/// still reported as an error rather than a panic.
fn internal(service: &ir::Service, error: syn::Error) -> Error {
    Error::Spec(vec![Diagnostic::new(
        Location {
            file: service.source.clone(),
            line: 1,
            column: 1,
            pointer: String::new(),
        },
        format!(
            "internal error: armgen emitted code that does not parse ({error}); please report it with this spec"
        ),
    )])
}

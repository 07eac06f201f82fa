//! armgen: Rust bindings for Azure Resource Manager APIs from their OpenAPI
//! 2.0 specs (with Azure's `x-ms-*` extensions).
//!
//! The stages are separate modules: [`load`] reads YAML or JSON files and
//! follows `$ref`s, [`resolve`](Config::resolve) builds the [`ir`] (and
//! [`versions`] marks what the api-versions of a provider share), an
//! analysis stage computes once the facts that span several models (boxing,
//! nested constraints, read-only stripping, patterns), the emitters turn the
//! IR into tokens, one layout module decides the files, and prettyplease
//! formats them. Problems in
//! a spec are collected and reported together, each with file, line:column
//! and JSON pointer ([`Diagnostic`]); armgen never panics on a spec.
//!
//! # What your crate needs
//!
//! Two dependencies, and a build script of one call, as with prost-build:
//!
//! ```toml
//! [dependencies]
//! armgen-runtime = "0.1"
//!
//! [build-dependencies]
//! armgen = "0.1"
//! ```
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     armgen::Config::new(".").spec("spec/widgets.yaml", "widgets").compile()?;
//!     Ok(())
//! }
//! ```
//!
//! and in `src/lib.rs`, `armgen_runtime::include_bindings!();`. The generated
//! code names the runtime as `::armgen_runtime` and reaches serde, serde_json,
//! regex and azure_core through it, so nothing else is needed. A spec error
//! fails the build with every problem, located by file, line:column and JSON
//! pointer.
//!
//! To check the generated code in instead (readable in the repository,
//! reviewed in diffs), run the `armgen generate` command into a source
//! folder and `armgen check` in CI; [`Config::generate`] and
//! [`Output::write_to`] are the same from Rust:
//!
//! ```no_run
//! let output = armgen::Config::new(".")
//!     .spec("spec/relay.yaml", "relay")
//!     .generate()?;
//! output.write_to("src/generated".as_ref())?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

mod analyse;
pub mod diagnostics;
pub mod diff;
mod emit;
pub mod ir;
pub mod load;
pub mod naming;
pub mod nulls;
mod output;
mod parallel;
mod project;
mod resolve;
pub mod secrets;
pub mod versions;

use std::path::{Path, PathBuf};

/// The path generated code uses for the runtime crate unless
/// [`Config::runtime_path`] says otherwise.
pub const DEFAULT_RUNTIME_PATH: &str = "::armgen_runtime";
use std::time::Instant;

pub use diagnostics::{Diagnostic, Diagnostics, Error, Location};
pub use nulls::Nulls;
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
    nulls: Nulls,
    refresh_command: Option<String>,
    out_subdir: String,
    project_file: Option<PathBuf>,
    ref_aliases: Vec<load::RefAlias>,
    max_alias_expansion: u64,
    dynamic_feature: Option<String>,
    accepted_extensions: Vec<String>,
    from_build_script: bool,
    root_env: Option<String>,
    spec_dirs: Vec<PathBuf>,
    providers: Vec<(String, Vec<PathBuf>)>,
    jobs: Option<usize>,
}

impl Config {
    /// A configuration whose spec paths are relative to `root` (the project
    /// directory). Generated headers name spec files relative to it, so output
    /// does not depend on where the project is checked out.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            specs: Vec::new(),
            runtime_path: DEFAULT_RUNTIME_PATH.to_owned(),
            secrets: SecretPolicy::default(),
            nulls: Nulls::default(),
            refresh_command: None,
            out_subdir: "armgen".to_owned(),
            project_file: None,
            from_build_script: false,
            root_env: None,
            spec_dirs: Vec::new(),
            providers: Vec::new(),
            ref_aliases: Vec::new(),
            max_alias_expansion: load::DEFAULT_MAX_ALIAS_EXPANSION,
            dynamic_feature: None,
            accepted_extensions: Vec::new(),
            jobs: None,
        }
    }

    /// Emits and formats a service's modules on at most `jobs` threads (at
    /// least one). The output is the same whatever the number. Default:
    /// cargo's `NUM_JOBS` in a build script (its `-j`), else the machine's
    /// available parallelism. `--jobs` on the command line.
    pub fn jobs(mut self, jobs: usize) -> Self {
        self.jobs = Some(jobs.max(1));
        self
    }

    /// Adds a root spec file (one resource provider at one api-version),
    /// generated as module `module`: a snake_case identifier, escaped when it
    /// is a keyword (`type` becomes `r#type`, `self` becomes `self_`) or a
    /// primitive type or standard crate (`str` becomes `str_`). Any other
    /// name is reported by [`generate`](Config::generate) with the name to
    /// use instead.
    pub fn spec(mut self, path: impl Into<PathBuf>, module: impl Into<String>) -> Self {
        self.specs.push((path.into(), module.into()));
        self
    }

    /// Adds a provider at several api-versions side by side, generated as
    /// module `module` with a module per version (`relay::v2024_01_01`, named
    /// after each spec's `info.version`). Each version compiles only with the
    /// cargo feature `{module}-{api-version}` (`relay-2024-01-01`), which the
    /// crate declares; the newest stable version is re-exported at
    /// `module`'s root when its feature is on (make it a default feature).
    /// What is identical in every version (models, request and response
    /// functions, options types, sub-clients, `dynamic` arms) is emitted
    /// once, in `module::shared`, and re-exported by each version; each
    /// version's client still sends its own api-version. To that end, an
    /// extensible enum gets the values of every version, and a polymorphic
    /// type the kinds of every version (with their models): either already
    /// takes any value on the wire, in its catch-all variant, and what a
    /// version's spec lacks says so in its docs ("Not in api-version …").
    ///
    /// ```
    /// let config = armgen::Config::new("../shared/upstream-specs").versions(
    ///     "relay",
    ///     [
    ///         "specification/relay/resource-manager/Microsoft.Relay/stable/2021-11-01/authorizationRules.json",
    ///         "specification/relay/resource-manager/Microsoft.Relay/stable/2024-01-01/relay.json",
    ///     ],
    /// );
    /// # let _ = config;
    /// ```
    pub fn versions<P: Into<PathBuf>>(
        mut self,
        module: impl Into<String>,
        files: impl IntoIterator<Item = P>,
    ) -> Self {
        self.providers
            .push((module.into(), files.into_iter().map(Into::into).collect()));
        self
    }

    /// Adds every `*.yaml`, `*.yml` and `*.json` file directly inside `dir`
    /// (relative to the root) as a root spec, named after its file stem in
    /// snake_case (`Web-Apps.json` becomes `web_apps`).
    /// Subfolders hold shared definitions and examples and are not roots.
    ///
    /// # Rebuilds
    ///
    /// So that a spec file added to `dir` is generated at the next build,
    /// [`compile`](Config::compile) lists `dir` itself in
    /// `cargo:rerun-if-changed`. Cargo scans a listed folder recursively (the
    /// newest modification time of anything below it), so then *any* change
    /// below `dir` reruns the build script and recompiles the crate: an
    /// edited README, a new example. Cargo has no way to watch only a
    /// folder's own entries, and a precise list of files cannot see a file
    /// that does not exist yet, so discovery costs precision. Name the specs
    /// instead ([`spec`](Config::spec), or `specs:` in `armgen.yaml`) for
    /// rebuilds that follow exactly the files armgen read.
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
                // Stored as a user would write it (`type`, `str_`): the
                // escaping happens where every module name is checked.
                let module = naming::module_name(&stem.to_string_lossy());
                found.push((dir.join(name), naming::unraw(&module).to_owned()));
            }
        }
        found.sort();
        self.specs.extend(found);
        self.spec_dirs.push(full);
        Ok(self)
    }

    /// The path generated code uses to reach the runtime crate (default
    /// `::armgen_runtime`). An escape hatch: for a crate that renames the
    /// dependency, or re-exports the runtime from another crate.
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime_path = path.into();
        self
    }

    /// Which string fields are secret (default: [`SecretPolicy::default`]).
    pub fn secret_policy(mut self, policy: SecretPolicy) -> Self {
        self.secrets = policy;
        self
    }

    /// Where a `null` or an empty success body is read as no value (default
    /// [`Nulls::Declared`]: where the spec says `x-nullable: true`). See
    /// [`Nulls::Tolerated`] for services that send nulls their spec does
    /// not declare.
    pub fn nulls(mut self, nulls: Nulls) -> Self {
        self.nulls = nulls;
        self
    }

    /// The command named in generated headers as the way to refresh them
    /// (default: `armgen generate` for [`generate`](Config::generate), the
    /// crate's build script for [`compile`](Config::compile)).
    pub fn refresh_command(mut self, command: impl Into<String>) -> Self {
        self.refresh_command = Some(command.into());
        self
    }

    /// The folder below `OUT_DIR` that [`compile`](Config::compile) writes
    /// (default `armgen`; `armgen_runtime::include_bindings!("name")` includes
    /// another). For a build script that generates two sets of bindings.
    pub fn out_subdir(mut self, name: impl Into<String>) -> Self {
        self.out_subdir = name.into();
        self
    }

    /// Generates the bindings from a build script: writes them to
    /// `OUT_DIR/armgen` (only the files whose text changed, so cargo does
    /// not recompile for nothing), and prints `cargo:rerun-if-changed` for
    /// exactly the files read: every spec, every file a `$ref` reached, and
    /// `armgen.yaml` when the configuration came from it. A change to one of
    /// them regenerates; nothing else does: not a no-op build, not a README
    /// or a new example beside the specs, not the examples `x-ms-examples`
    /// names (armgen records their paths, it does not read them). The one
    /// folder listed is that of [`spec_dir`](Config::spec_dir), whose
    /// section on rebuilds says why. Include the result with
    /// `armgen_runtime::include_bindings!()`.
    ///
    /// ```no_run
    /// // build.rs
    /// fn main() -> Result<(), Box<dyn std::error::Error>> {
    ///     armgen::Config::new(".").spec("spec/widgets.yaml", "widgets").compile()?;
    ///     Ok(())
    /// }
    /// ```
    ///
    /// # Errors
    ///
    /// Every problem of every spec, located ([`Error::Spec`]); `Error::Usage`
    /// when `OUT_DIR` is not set (not run by cargo); `Error::Io` when a file
    /// cannot be read or written. The `Debug` of the error is its readable
    /// text, so returning it from `main` prints the diagnostics.
    pub fn compile(&self) -> Result<Output, Error> {
        let out_dir = std::env::var_os("OUT_DIR").ok_or_else(|| {
            Error::Usage(
                "OUT_DIR is not set: Config::compile is for build scripts run by cargo; use Config::generate elsewhere".to_owned(),
            )
        })?;
        let mut config = self.clone();
        config.from_build_script = true;
        if let Some(file) = &self.project_file {
            println!("cargo:rerun-if-changed={}", file.display());
        }
        // A folder of specs: listed so that a spec added to it is generated
        // too. Cargo scans it recursively, so anything below it reruns us:
        // the price of discovery that `spec_dir` documents.
        for dir in &self.spec_dirs {
            println!("cargo:rerun-if-changed={}", dir.display());
        }
        if let Some(var) = &self.root_env {
            println!("cargo:rerun-if-env-changed={var}");
        }
        let output = config.generate()?;
        for input in &output.inputs {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        // Cargo shows these (one line each) whenever the build script runs.
        for warning in &output.warnings {
            println!("cargo:warning={}", warning.one_line());
        }
        output.write_to(&PathBuf::from(out_dir).join(&self.out_subdir))?;
        Ok(output)
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

    /// How many bytes YAML aliases may add to one spec file once expanded
    /// (default [`load::DEFAULT_MAX_ALIAS_EXPANSION`], 4 MiB). An alias
    /// copies its anchor, so aliases of aliases can stand for gigabytes; a
    /// file past the bound fails with a diagnostic at the alias that crossed
    /// it, before anything is expanded.
    pub fn max_alias_expansion(mut self, bytes: u64) -> Self {
        self.max_alias_expansion = bytes;
        self
    }

    /// Puts each service's `dynamic` module (every operation callable by
    /// `operationId` with JSON parameters, and the `SERVICES` table) in a file
    /// of its own, compiled only with the cargo feature `feature`: crates that
    /// do not drive operations by name then do not compile it.
    pub fn dynamic_feature(mut self, feature: impl Into<String>) -> Self {
        self.dynamic_feature = Some(feature.into());
        self
    }

    /// Stops warning that the `x-ms-*` extension `name` is ignored: for a
    /// project that has looked at what armgen does without it (each warning
    /// says) and accepts it. A use armgen cannot honour stays an
    /// error. `accepted_extensions` in `armgen.yaml`.
    ///
    /// ```
    /// let config = armgen::Config::new(".").accept_extension("x-ms-client-flatten");
    /// # let _ = config;
    /// ```
    pub fn accept_extension(mut self, name: impl Into<String>) -> Self {
        self.accepted_extensions.push(name.into());
        self
    }

    /// The folder spec paths are relative to.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The root spec files and their module names.
    pub fn specs(&self) -> &[(PathBuf, String)] {
        &self.specs
    }

    /// Resolves every spec into the IR, or returns all problems found. The
    /// warnings [`generate`](Config::generate) reports are not returned.
    pub fn resolve(&self) -> Result<(ir::Api, Vec<PathBuf>), Error> {
        self.resolve_with_warnings()
            .map(|(api, inputs, _)| (api, inputs))
    }

    /// What resolving a spec needs of this configuration.
    fn resolve_settings(&self) -> resolve::Settings<'_> {
        resolve::Settings {
            accepted_extensions: &self.accepted_extensions,
            secrets: &self.secrets,
            nulls: self.nulls,
        }
    }

    /// [`resolve`](Config::resolve), and the warnings, sorted by location.
    fn resolve_with_warnings(&self) -> Result<(ir::Api, Vec<PathBuf>, Vec<Diagnostic>), Error> {
        let mut warnings = Vec::new();
        let mut trail = load::Trail::default();
        let mut docs = load::DocumentSet::new(&self.root)
            .with_aliases(&self.ref_aliases)
            .with_max_alias_expansion(self.max_alias_expansion);
        let mut diagnostics = Diagnostics::default();
        let mut services = Vec::new();
        let mut modules = naming::Scope::with_reserved(&[]);
        for (path, given) in &self.specs {
            let spec_location = Location::file_start(path.clone());
            let module = match naming::check_module_name(given) {
                Ok(module) => module,
                Err(suggestion) => {
                    diagnostics.push(module_name_error(path, given, &suggestion));
                    continue;
                }
            };
            let unique = modules.claim(&module);
            if unique != module {
                diagnostics.push(
                    Diagnostic::new(
                        spec_location,
                        format!("module name `{given}` is used by two specs"),
                    )
                    .with_help("give the specs distinct file names or module names"),
                );
                continue;
            }
            let full = self.root.join(path);
            if let Some(mut service) = resolve::service(
                &mut docs,
                &mut trail,
                &mut diagnostics,
                &mut warnings,
                &self.resolve_settings(),
                &full,
                &module,
            ) {
                service.source = path.clone();
                analyse::service(&mut service);
                services.push(service);
            }
        }
        services.sort_by(|a, b| naming::unraw(&a.module).cmp(naming::unraw(&b.module)));
        let mut providers = Vec::new();
        for (module, files) in &self.providers {
            let at = |file: &PathBuf| Location::file_start(file.clone());
            let first = files.first().cloned().unwrap_or_default();
            let module = match naming::check_module_name(module) {
                Ok(checked) => checked,
                Err(suggestion) => {
                    diagnostics.push(module_name_error(&first, module, &suggestion));
                    continue;
                }
            };
            if modules.claim(&module) != module {
                diagnostics.push(Diagnostic::new(
                    at(&first),
                    format!("module name `{module}` is used twice"),
                ));
                continue;
            }
            let mut versions: Vec<ir::Service> = Vec::new();
            for path in files {
                let full = self.root.join(path);
                let Some(mut service) = resolve::service(
                    &mut docs,
                    &mut trail,
                    &mut diagnostics,
                    &mut warnings,
                    &self.resolve_settings(),
                    &full,
                    &module,
                ) else {
                    continue;
                };
                service.source = path.clone();
                service.module = versions::version_module(&service.api_version);
                if let Some(twin) = versions.iter().find(|v| v.module == service.module) {
                    diagnostics.push(
                        Diagnostic::new(
                            at(path),
                            format!(
                                "`{module}` has api-version `{}` twice: here and in `{}`",
                                service.api_version,
                                twin.source.display()
                            ),
                        )
                        .with_help("list each api-version of a provider once"),
                    );
                    continue;
                }
                versions.push(service);
            }
            // Open types are made the same in every version first, so that
            // the analysis sees what each version will emit.
            versions::merge_open_types(&mut versions);
            versions.iter_mut().for_each(analyse::service);
            let mut provider = versions::provider(module.clone(), versions);
            analyse::provider(&mut provider);
            providers.push(provider);
        }
        providers.sort_by(|a, b| naming::unraw(&a.module).cmp(naming::unraw(&b.module)));
        let inputs = trail.paths();
        let api = ir::Api {
            services,
            providers,
        };
        warnings.sort();
        warnings.dedup();
        diagnostics
            .into_result(api)
            .map(|api| (api, inputs, warnings))
    }

    /// Generates the code of every spec.
    pub fn generate(&self) -> Result<Output, Error> {
        let started = Instant::now();
        let (api, inputs, warnings) = self.resolve_with_warnings()?;
        let resolved = started.elapsed();
        let runtime: syn::Path = syn::parse_str(&self.runtime_path).map_err(|e| {
            Error::Spec(vec![Diagnostic::new(
                Location::file_start("(config)"),
                format!(
                    "runtime path `{}` is not a Rust path: {e}",
                    self.runtime_path
                ),
            )])
        })?;
        let mut files = std::collections::BTreeMap::new();
        let mut spent = emit::Spent::default();
        let jobs = self.jobs.unwrap_or_else(parallel::default_jobs);
        let mut wrappers = Vec::new();
        for service in &api.services {
            let emitted =
                emit::service_files(service, &runtime, self.dynamic_feature.as_deref(), jobs)
                    .map_err(|e| {
                        internal(
                            &service.source,
                            format!("emitted code that does not parse ({e})"),
                        )
                    })?;
            spent += emitted.spent;
            let source = service.source.display().to_string().replace('\\', "/");
            let header = emit::header(&source, &self.refresh());
            for (path, text) in emitted.files {
                insert_file(
                    &mut files,
                    &path,
                    format!("{header}{text}"),
                    &service.source,
                )?;
            }
            wrappers.push(emitted.wrapper);
        }
        for provider in &api.providers {
            let emitted =
                emit::provider_files(provider, &runtime, self.dynamic_feature.as_deref(), jobs)
                    .map_err(|e| internal_provider(provider, e))?;
            spent += emitted.spent;
            for (path, text) in emitted.files {
                // A version's files name its spec; the shared module and the
                // provider's index name every version's.
                let source = provider
                    .versions
                    .iter()
                    .find(|v| {
                        let dir = naming::unraw(&provider.module);
                        path.starts_with(&format!("{dir}/{}/", v.module))
                    })
                    .map(|v| v.source.display().to_string().replace('\\', "/"))
                    .unwrap_or_else(|| {
                        provider
                            .versions
                            .iter()
                            .map(|v| v.source.display().to_string().replace('\\', "/"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    });
                let header = emit::header(&source, &self.refresh());
                insert_file(
                    &mut files,
                    &path,
                    format!("{header}{text}"),
                    Path::new(&source),
                )?;
            }
            wrappers.push(emitted.wrapper);
        }
        let entries: Vec<emit::IndexEntry> = api
            .services
            .iter()
            .map(|s| emit::IndexEntry {
                path: s.module.clone(),
                feature: None,
            })
            .chain(api.providers.iter().flat_map(|p| {
                p.versions.iter().map(move |v| emit::IndexEntry {
                    path: format!("{}::{}", p.module, v.module),
                    feature: Some(p.feature(v)),
                })
            }))
            .collect();
        let index_code = emit::index(
            &entries,
            &wrappers,
            &runtime,
            self.dynamic_feature.as_deref(),
        )
        .map_err(internal_index)?;
        let index = format!(
            "{}{index_code}",
            emit::header("every spec", &self.refresh())
        );
        files.insert("mod.rs".to_owned(), index);
        Ok(Output {
            files,
            inputs,
            warnings,
            api,
            timings: Timings {
                resolve: resolved,
                emit: spent.emit,
                format: spent.format,
                total: started.elapsed(),
            },
        })
    }
}

impl Config {
    /// The second line of every generated header: how to refresh the file.
    fn refresh(&self) -> String {
        match (&self.refresh_command, self.from_build_script) {
            (Some(command), _) => format!("refresh with `{command}`"),
            (None, true) => "regenerated by this crate's build script at `cargo build`".to_owned(),
            (None, false) => "refresh with `armgen generate`".to_owned(),
        }
    }
}

fn internal_provider(provider: &ir::Provider, error: syn::Error) -> Error {
    match provider.versions.first() {
        Some(first) => internal(
            &first.source,
            format!("emitted code that does not parse ({error})"),
        ),
        None => internal_index(error),
    }
}

fn internal_index(error: syn::Error) -> Error {
    Error::Spec(vec![Diagnostic::new(
        Location::file_start("mod.rs"),
        format!("internal error: armgen emitted an index that does not parse ({error})"),
    )])
}

/// Adds a generated file. Module names are unique, so file names are: a
/// clash would silently lose a module (or make one include itself).
fn insert_file(
    files: &mut std::collections::BTreeMap<String, String>,
    path: &str,
    text: String,
    spec: &Path,
) -> Result<(), Error> {
    if files.insert(path.to_owned(), text).is_some() {
        return Err(internal(
            spec,
            format!("generated two files named `{path}`"),
        ));
    }
    Ok(())
}

/// A module name given for `spec` that is not one, with the one to use.
fn module_name_error(spec: &Path, given: &str, suggestion: &str) -> Diagnostic {
    let suggestion = naming::unraw(suggestion);
    Diagnostic::new(
        Location::file_start(spec),
        format!("module name `{given}` is not a Rust module name (a snake_case identifier)"),
    )
    .with_help(format!(
        "name the module `{suggestion}`, e.g. `--spec {}={suggestion}`",
        spec.display()
    ))
}

/// Emitted tokens that do not parse, or files that clash, are a bug in
/// armgen, not in the spec; still reported as an error rather than a panic.
fn internal(spec: &Path, what: String) -> Error {
    Error::Spec(vec![Diagnostic::new(
        Location::file_start(spec),
        format!("internal error: armgen {what}; please report it with this spec"),
    )])
}

//! `armgen.yaml`: a project's generation settings, read by its build script
//! and by the CLI alike so both produce the same code.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Error, Location};
use crate::load::Document;
use crate::{Config, Nulls, SecretPolicy};

/// The file name looked for in a project's root.
pub const PROJECT_FILE: &str = "armgen.yaml";

/// The settings a project file may hold; every one is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct ProjectFile {
    /// Every spec directly in this folder is generated (default `spec`). A
    /// build script then reruns on any change below the folder (see
    /// [`Config::spec_dir`]).
    spec_dir: Option<PathBuf>,
    /// Explicit specs instead of `spec_dir`: a build script reruns only when
    /// a file armgen read changes.
    #[serde(default)]
    specs: Vec<SpecEntry>,
    /// Where `armgen generate` writes (default `generated`).
    out: Option<PathBuf>,
    /// See [`Config::dynamic_feature`].
    dynamic_feature: Option<String>,
    /// See [`Config::runtime_path`].
    runtime_path: Option<String>,
    /// See [`Config::ref_alias`].
    #[serde(default)]
    ref_aliases: Vec<String>,
    /// A regex of property names that are secret besides `x-ms-secret`;
    /// `""` means `x-ms-secret` only.
    secret_names: Option<String>,
    /// The folder spec paths are relative to, relative to the settings
    /// file's folder (default: that folder).
    spec_root: Option<PathBuf>,
    /// An environment variable that, when set and not empty, replaces
    /// `spec_root` (e.g. a checkout of azure-rest-api-specs elsewhere).
    spec_root_env: Option<String>,
    /// The command generated headers name as the way to refresh them.
    refresh_command: Option<String>,
    /// See [`Config::max_alias_expansion`].
    max_alias_expansion: Option<u64>,
    /// See [`Config::accept_extension`].
    #[serde(default)]
    accepted_extensions: Vec<String>,
    /// `declared` or `tolerated`: see [`Config::nulls`].
    nulls: Option<String>,
}

/// One spec (`file`), or one provider at several api-versions side by side
/// (`versions`, see [`Config::versions`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpecEntry {
    file: Option<PathBuf>,
    #[serde(default)]
    versions: Vec<PathBuf>,
    module: String,
}

/// A project: its configuration and where generated files go.
#[derive(Debug)]
#[non_exhaustive]
pub struct Project {
    /// The generator configuration.
    pub config: Config,
    /// The output directory of `armgen generate`, relative to the folder of
    /// the settings file.
    pub out: PathBuf,
    /// The folder the spec paths are relative to (`spec_root`, or the
    /// variable `spec_root_env` names, or the settings file's folder).
    pub spec_root: PathBuf,
    /// The variable that overrides `spec_root`, if the settings name one.
    pub spec_root_env: Option<String>,
}

impl Config {
    /// The configuration of the project at `root`: its `armgen.yaml` if there
    /// is one, else every spec in `spec/`, output to `generated/`.
    pub fn from_project(root: impl Into<PathBuf>) -> Result<Project, Error> {
        let root = root.into();
        let path = root.join(PROJECT_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => project(&root, Some(&Settings::parse(&text, &path)?)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => project(&root, None),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// The configuration in the settings file `file` (any name; the format
    /// of `armgen.yaml`), for a crate that keeps more than one set of
    /// settings or keeps them elsewhere than its root.
    pub fn from_project_file(file: impl AsRef<Path>) -> Result<Project, Error> {
        let file = file.as_ref();
        let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
        let dir = file.parent().unwrap_or(Path::new(""));
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        project(dir, Some(&Settings::parse(&text, file)?))
    }
}

/// A settings file read: its settings, and where each is written, so that a
/// setting armgen cannot use is reported at its line and column.
struct Settings {
    values: ProjectFile,
    document: Document,
}

impl Settings {
    fn parse(text: &str, file: &Path) -> Result<Self, Error> {
        let values = serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            Error::Spec(vec![Diagnostic::new(
                Location {
                    file: file.to_path_buf(),
                    line,
                    column,
                    pointer: String::new(),
                },
                format!("invalid project settings: {e}"),
            )])
        })?;
        let document = Document::parse(file, file, text).map_err(|d| Error::Spec(vec![d]))?;
        Ok(Settings { values, document })
    }

    /// An error about the setting at `pointer` (`/specs/1`).
    fn error(&self, pointer: &str, message: String, help: &str) -> Error {
        Error::Spec(vec![
            Diagnostic::new(self.document.location(pointer), message).with_help(help),
        ])
    }
}

fn project(dir: &Path, settings: Option<&Settings>) -> Result<Project, Error> {
    let file = settings.map(|s| s.document.path.as_path());
    let default = ProjectFile::default();
    let values = settings.map_or(&default, |s| &s.values);
    let error = |pointer: &str, message: String, help: &str| match settings {
        Some(settings) => settings.error(pointer, message, help),
        // Without a settings file every setting is a default: none is wrong.
        None => Error::Spec(vec![Diagnostic::new(Location::default(), message)]),
    };
    let from_env = values
        .spec_root_env
        .as_deref()
        .and_then(std::env::var_os)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let root = match (from_env, &values.spec_root) {
        (Some(root), _) => root,
        (None, Some(root)) => dir.join(root),
        (None, None) => dir.to_path_buf(),
    };
    let mut config = Config::new(&root);
    config.project_file = file.map(Path::to_path_buf);
    config.root_env = values.spec_root_env.clone();
    if let Some(command) = &values.refresh_command {
        config = config.refresh_command(command);
    }
    match (&values.spec_dir, values.specs.is_empty()) {
        (Some(_), false) => {
            return Err(error(
                "/spec_dir",
                "`spec_dir` and `specs` are both given: `specs` lists every spec, so the folder would be ignored".to_owned(),
                "keep `specs` (a build script then reruns only for the files armgen read) or `spec_dir` (every spec in the folder)",
            ));
        }
        (dir, true) => {
            config = config.spec_dir(dir.as_deref().unwrap_or(Path::new("spec")))?;
        }
        (None, false) => {}
    }
    for (i, spec) in values.specs.iter().enumerate() {
        config = match (&spec.file, spec.versions.is_empty()) {
            (Some(file), true) => config.spec(file, &spec.module),
            (None, false) => config.versions(&spec.module, &spec.versions),
            (file, _) => {
                let what = if file.is_some() {
                    "not both"
                } else {
                    "it has neither"
                };
                return Err(error(
                    &format!("/specs/{i}"),
                    format!(
                        "specs: `{}` needs either `file` or `versions`, {what}",
                        spec.module
                    ),
                    "`file: path.json` for one api-version, `versions: [old.json, new.json]` for several side by side",
                ));
            }
        };
    }
    if let Some(feature) = &values.dynamic_feature {
        config = config.dynamic_feature(feature);
    }
    for name in &values.accepted_extensions {
        config = config.accept_extension(name);
    }
    if let Some(bytes) = values.max_alias_expansion {
        config = config.max_alias_expansion(bytes);
    }
    if let Some(runtime) = &values.runtime_path {
        config = config.runtime_path(runtime);
    }
    for (i, alias) in values.ref_aliases.iter().enumerate() {
        config = config.ref_alias(alias).ok_or_else(|| {
            error(
                &format!("/ref_aliases/{i}"),
                format!("ref_aliases: `{alias}` is not of the form FILE#/missing=#/existing"),
                "e.g. `common-types/resource-management/v5/types.json#/definitions/systemData=#/definitions/SystemData`",
            )
        })?;
    }
    if let Some(name) = &values.nulls {
        let nulls = Nulls::from_name(name).ok_or_else(|| {
            error(
                "/nulls",
                format!("nulls: `{name}` is neither `declared` nor `tolerated`"),
                "`declared` reads `null` only where the spec says `x-nullable: true`; `tolerated` also where it says nothing",
            )
        })?;
        config = config.nulls(nulls);
    }
    match values.secret_names.as_deref() {
        None => {}
        Some("") => config = config.secret_policy(SecretPolicy::explicit_only()),
        Some(pattern) => {
            let policy = SecretPolicy::by_name(pattern).map_err(|e| {
                error(
                    "/secret_names",
                    format!("secret_names is not a valid regex: {e}"),
                    "`\"\"` marks only `x-ms-secret` properties secret",
                )
            })?;
            config = config.secret_policy(policy);
        }
    }
    Ok(Project {
        config,
        out: values
            .out
            .clone()
            .unwrap_or_else(|| PathBuf::from("generated")),
        spec_root: root,
        spec_root_env: values.spec_root_env.clone(),
    })
}

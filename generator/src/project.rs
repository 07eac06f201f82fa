//! `armgen.yaml`: a project's generation settings, read by its build script
//! and by the CLI alike so both produce the same code.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Error, Location};
use crate::{Config, SecretPolicy};

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
            Ok(text) => project(&root, Some(&path), parse(&text, &path)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                project(&root, None, ProjectFile::default())
            }
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
        project(dir, Some(file), parse(&text, file)?)
    }
}

fn project(dir: &Path, file: Option<&Path>, settings: ProjectFile) -> Result<Project, Error> {
    let from_env = settings
        .spec_root_env
        .as_deref()
        .and_then(std::env::var_os)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let root = match (from_env, &settings.spec_root) {
        (Some(root), _) => root,
        (None, Some(root)) => dir.join(root),
        (None, None) => dir.to_path_buf(),
    };
    let mut config = Config::new(&root);
    config.project_file = file.map(Path::to_path_buf);
    config.root_env = settings.spec_root_env.clone();
    if let Some(command) = settings.refresh_command {
        config = config.refresh_command(command);
    }
    if settings.specs.is_empty() {
        config = config.spec_dir(settings.spec_dir.as_deref().unwrap_or(Path::new("spec")))?;
    }
    for spec in settings.specs {
        config = match (spec.file, spec.versions.is_empty()) {
            (Some(file), true) => config.spec(file, spec.module),
            (None, false) => config.versions(spec.module, spec.versions),
            _ => {
                return Err(setting_error(format!(
                    "specs: `{}` needs either `file` or `versions`, not both",
                    spec.module
                )));
            }
        };
    }
    if let Some(feature) = settings.dynamic_feature {
        config = config.dynamic_feature(feature);
    }
    for name in settings.accepted_extensions {
        config = config.accept_extension(name);
    }
    if let Some(bytes) = settings.max_alias_expansion {
        config = config.max_alias_expansion(bytes);
    }
    if let Some(runtime) = settings.runtime_path {
        config = config.runtime_path(runtime);
    }
    for alias in &settings.ref_aliases {
        config = config.ref_alias(alias).ok_or_else(|| {
            setting_error(format!(
                "ref_aliases: `{alias}` is not of the form FILE#/missing=#/existing"
            ))
        })?;
    }
    match settings.secret_names.as_deref() {
        None => {}
        Some("") => config = config.secret_policy(SecretPolicy::explicit_only()),
        Some(pattern) => {
            let policy = SecretPolicy::by_name(pattern)
                .map_err(|e| setting_error(format!("secret_names is not a valid regex: {e}")))?;
            config = config.secret_policy(policy);
        }
    }
    Ok(Project {
        config,
        out: settings.out.unwrap_or_else(|| PathBuf::from("generated")),
        spec_root: root,
        spec_root_env: settings.spec_root_env,
    })
}

fn parse(text: &str, file: &Path) -> Result<ProjectFile, Error> {
    serde_yaml::from_str(text).map_err(|e| {
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
    })
}

fn setting_error(message: String) -> Error {
    Error::Spec(vec![Diagnostic::new(
        Location {
            file: PathBuf::from(PROJECT_FILE),
            line: 1,
            column: 1,
            pointer: String::new(),
        },
        message,
    )])
}

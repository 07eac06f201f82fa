//! Which changes make cargo rerun a build script that calls
//! `Config::compile`, measured with real `cargo build`s of small crates in a
//! temporary folder outside this workspace: the build script counts its runs
//! in a file, and cargo's own output says whether the crate was recompiled.
//!
//! - With named specs (`armgen.yaml` listing them), exactly the files armgen
//!   read count: the spec, the file it `$ref`s and `armgen.yaml`. A no-op
//!   build, a README or a new example in the specs folder, and even an
//!   example the spec names in `x-ms-examples` (armgen records its path but
//!   never reads it) rerun nothing.
//! - With a folder of specs (`spec_dir`), a spec file added to the folder is
//!   generated at the next build: the folder itself is listed, so cargo
//!   scans it (the trade-off `Config::spec_dir` documents).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator lives in the workspace")
        .to_path_buf()
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// Sets a file's modification time to now, as an editor saving it would.
/// Cargo compares modification times with the start of the build script's
/// last run, so the clock first moves past that on any file system.
fn touch(path: &Path) {
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::File::options()
        .append(true)
        .open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .set_modified(SystemTime::now())
        .unwrap();
}

/// A root spec whose model `$ref`s `common/types.yaml` and whose operation
/// names an example file.
const WIDGETS: &str = r##"swagger: "2.0"
info:
  title: Widgets
  version: "2026-01-01"
paths:
  /widgets/{name}:
    get:
      operationId: Widgets_Get
      parameters:
        - {name: name, in: path, required: true, type: string}
        - {name: api-version, in: query, required: true, type: string}
      responses:
        "200":
          description: The widget.
          schema: {$ref: "./common/types.yaml#/definitions/Widget"}
      x-ms-examples:
        Get a widget: {$ref: "./examples/Widgets_Get.json"}
"##;

const TYPES: &str = r#"definitions:
  Widget:
    type: object
    properties:
      color: {type: string}
      properties:
        x-ms-client-flatten: true
        type: object
"#;

const GADGETS: &str = r#"swagger: "2.0"
info:
  title: Gadgets
  version: "2026-01-01"
paths:
  /gadgets:
    get:
      operationId: Gadgets_List
      parameters:
        - {name: api-version, in: query, required: true, type: string}
      responses:
        "204": {description: None.}
"#;

/// The build script: one call, and a line added to `runs.log` per run.
const BUILD_RS: &str = r#"fn main() -> Result<(), armgen::Error> {
    let runs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runs.log");
    let before = std::fs::read_to_string(&runs).unwrap_or_default();
    std::fs::write(&runs, format!("{before}run\n")).unwrap();
    armgen::Config::from_project(".")?.config.compile()?;
    Ok(())
}
"#;

/// A crate named `name` in `dir` whose `armgen.yaml` says `settings`.
fn make_crate(dir: &Path, name: &str, settings: &str) {
    let runtime = repo().join("runtime");
    let armgen = repo().join("generator");
    let version = env!("CARGO_PKG_VERSION");
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\narmgen-runtime = {{ version = \"{version}\", path = \"{}\", default-features = false }}\n\n\
             [build-dependencies]\narmgen = {{ version = \"{version}\", path = \"{}\" }}\n",
            runtime.display(),
            armgen.display()
        ),
    );
    write(&dir.join("build.rs"), BUILD_RS);
    write(
        &dir.join("src/lib.rs"),
        "//! Bindings made by the build script.\n\narmgen_runtime::include_bindings!();\n",
    );
    write(&dir.join("armgen.yaml"), settings);
    write(&dir.join("spec/widgets.yaml"), WIDGETS);
    write(&dir.join("spec/common/types.yaml"), TYPES);
    write(
        &dir.join("spec/examples/Widgets_Get.json"),
        "{\"parameters\": {}, \"responses\": {}}\n",
    );
    write(&dir.join("spec/README.md"), "The specs of this crate.\n");
}

/// What one `cargo build` of the workspace in `dir` did to package `name`.
#[derive(Debug, PartialEq)]
struct Build {
    /// How many times the build script has run, in all.
    runs: usize,
    /// Whether rustc compiled the crate in this build.
    compiled: bool,
}

fn build(dir: &Path, name: &str) -> Build {
    build_and_say(dir, name).0
}

/// [`build`], and what cargo printed.
fn build_and_say(dir: &Path, name: &str) -> (Build, String) {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"));
    let run = Command::new(env!("CARGO"))
        .args(["build", "--offline", "-p", name])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        // Cargo's own messages, not a terminal's progress bar.
        .env("CARGO_TERM_PROGRESS_WHEN", "never")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let runs = std::fs::read_to_string(dir.join(name).join("runs.log"))
        .unwrap_or_default()
        .lines()
        .count();
    let build = Build {
        runs,
        compiled: stderr.contains(&format!("Compiling {name} ")),
    };
    (build, stderr.into_owned())
}

fn workspace(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("armgen-rebuilds-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    write(
        &dir.join("Cargo.toml"),
        &format!("[workspace]\nmembers = [\"{name}\"]\nresolver = \"3\"\n"),
    );
    // This workspace's versions, so that built dependencies are reused.
    std::fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    dir
}

const fn fresh(runs: usize) -> Build {
    Build {
        runs,
        compiled: false,
    }
}

const fn rerun(runs: usize) -> Build {
    Build {
        runs,
        compiled: true,
    }
}

#[test]
fn only_the_files_armgen_read_rerun_the_build_script() {
    let dir = workspace("precise");
    let krate = dir.join("precise");
    make_crate(
        &krate,
        "precise",
        "specs:\n  - file: spec/widgets.yaml\n    module: widgets\n",
    );
    let (first, said) = build_and_say(&dir, "precise");
    assert_eq!(first, rerun(1), "the first build");
    // What armgen ignored reaches the user as a cargo warning.
    assert!(
        said.contains("warning: precise@0.1.0: ")
            && said.contains("`x-ms-client-flatten` is ignored"),
        "{said}"
    );
    assert_eq!(build(&dir, "precise"), fresh(1), "a no-op build");

    touch(&krate.join("spec/README.md"));
    assert_eq!(build(&dir, "precise"), fresh(1), "a README in the folder");
    write(&krate.join("spec/examples/Widgets_Delete.json"), "{}\n");
    assert_eq!(build(&dir, "precise"), fresh(1), "a new example");
    touch(&krate.join("spec/examples/Widgets_Get.json"));
    assert_eq!(
        build(&dir, "precise"),
        fresh(1),
        "an example the spec names but armgen does not read"
    );

    touch(&krate.join("spec/common/types.yaml"));
    assert_eq!(build(&dir, "precise"), rerun(2), "a `$ref`'d file");
    touch(&krate.join("spec/widgets.yaml"));
    assert_eq!(build(&dir, "precise"), rerun(3), "the spec");
    touch(&krate.join("armgen.yaml"));
    assert_eq!(build(&dir, "precise"), rerun(4), "the project file");
    assert_eq!(build(&dir, "precise"), fresh(4), "a no-op build again");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_spec_added_to_a_spec_folder_is_generated() {
    let dir = workspace("discovering");
    let krate = dir.join("discovering");
    make_crate(&krate, "discovering", "spec_dir: spec\n");
    assert_eq!(build(&dir, "discovering"), rerun(1), "the first build");
    assert_eq!(build(&dir, "discovering"), fresh(1), "a no-op build");

    std::thread::sleep(Duration::from_millis(1100));
    write(&krate.join("spec/gadgets.yaml"), GADGETS);
    // The new module is used, so the crate compiles only if it was generated.
    write(
        &krate.join("src/lib.rs"),
        "//! Bindings made by the build script.\n\narmgen_runtime::include_bindings!();\n\n\
         /// A function of the added spec.\npub use gadgets::gadgets::list_request;\n",
    );
    assert_eq!(build(&dir, "discovering"), rerun(2), "a spec added");
    assert_eq!(build(&dir, "discovering"), fresh(2), "a no-op build again");
    std::fs::remove_dir_all(&dir).unwrap();
}

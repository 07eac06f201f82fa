//! A project's settings file (`armgen.yaml`, or any file given to
//! `Config::from_project_file`): a setting armgen cannot use is an error that
//! names that file, the setting's line and column and its pointer, never one
//! silently ignored.

use std::path::{Path, PathBuf};

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("armgen-settings-{name}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    dir
}

/// The error of reading `settings` as `file` in a fresh folder.
fn error_of(name: &str, file: &str, settings: &str) -> String {
    let dir = folder(name);
    let path = dir.join(file);
    std::fs::write(&path, settings).unwrap();
    let error = armgen::Config::from_project_file(&path)
        .expect_err("the settings are refused")
        .to_string();
    std::fs::remove_dir_all(&dir).unwrap();
    error
}

/// The error names `file` (the settings file given, whatever its name), the
/// setting's `line` and its pointer.
fn assert_at(error: &str, file: &str, line: u32, pointer: &str) {
    let place = format!("{file}:{line}:");
    assert!(error.contains(&place), "expected `{place}` in:\n{error}");
    let pointer = format!("(at #{pointer})");
    assert!(
        error.contains(&pointer),
        "expected `{pointer}` in:\n{error}"
    );
}

#[test]
fn a_folder_and_a_list_of_specs_together_are_refused_at_the_folder() {
    let error = error_of(
        "both",
        "bench.yaml",
        "spec_dir: spec\nspecs:\n  - {file: a.json, module: a}\n",
    );
    assert!(
        error.contains("`spec_dir` and `specs` are both given"),
        "{error}"
    );
    assert_at(&error, "bench.yaml", 1, "/spec_dir");
}

#[test]
fn a_spec_entry_without_file_or_versions_is_located() {
    let error = error_of(
        "entry",
        "armgen.yaml",
        "specs:\n  - {file: a.json, module: a}\n  - module: b\n",
    );
    assert!(
        error.contains("`b` needs either `file` or `versions`, it has neither"),
        "{error}"
    );
    assert_at(&error, "armgen.yaml", 3, "/specs/1");
}

#[test]
fn a_bad_ref_alias_and_a_bad_secret_regex_are_located() {
    let error = error_of(
        "alias",
        "settings.yaml",
        "specs:\n  - {file: a.json, module: a}\nref_aliases:\n  - 'not an alias'\n",
    );
    assert!(error.contains("is not of the form"), "{error}");
    assert_at(&error, "settings.yaml", 4, "/ref_aliases/0");
    let error = error_of(
        "secret",
        "armgen.yaml",
        "specs:\n  - {file: a.json, module: a}\nsecret_names: '(unclosed'\n",
    );
    assert!(
        error.contains("secret_names is not a valid regex"),
        "{error}"
    );
    assert_at(&error, "armgen.yaml", 3, "/secret_names");
    let error = error_of(
        "nulls",
        "armgen.yaml",
        "specs:\n  - {file: a.json, module: a}\nnulls: sometimes\n",
    );
    assert!(
        error.contains("nulls: `sometimes` is neither `declared` nor `tolerated`"),
        "{error}"
    );
    assert_at(&error, "armgen.yaml", 3, "/nulls");
}

#[test]
fn settings_that_fit_are_read() {
    let dir = folder("fit");
    std::fs::write(
        dir.join("armgen.yaml"),
        "specs:\n  - {file: a.json, module: a}\nout: src/generated\nnulls: tolerated\n",
    )
    .unwrap();
    let project = armgen::Config::from_project(&dir).expect("settings read");
    assert_eq!(project.out, Path::new("src/generated"));
    let config = format!("{:?}", project.config);
    assert!(config.contains("nulls: Tolerated"), "{config}");
    std::fs::remove_dir_all(&dir).unwrap();
}

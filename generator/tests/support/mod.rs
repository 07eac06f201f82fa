// Each test binary uses part of these helpers.
#![allow(dead_code)]

//! Golden-file helpers: compare with a checked-in file or, when
//! `ARMGEN_BLESS=1` is set, rewrite it and fail. A blessing run is never
//! green, so CI cannot pass by blessing and every rewrite is looked at
//! before the next run.

use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// Whether this run rewrites golden files instead of comparing with them.
pub fn blessing() -> bool {
    std::env::var_os("ARMGEN_BLESS").is_some()
}

/// Ends a blessing run of `what`, always as a failure, naming the files
/// `rewritten`.
pub fn fail_blessed(what: &str, rewritten: &[String]) -> ! {
    if rewritten.is_empty() {
        panic!("ARMGEN_BLESS is set: {what} already matched; rerun without ARMGEN_BLESS");
    }
    panic!(
        "ARMGEN_BLESS is set: rewrote {}; review the change, then rerun without ARMGEN_BLESS",
        rewritten.join(", ")
    );
}

/// Asserts that `actual` equals the file at `path` (relative to tests/),
/// showing a diff when it does not.
pub fn assert_golden(path: &str, actual: &str) {
    let full = fixtures().join(path);
    let expected = std::fs::read_to_string(&full).unwrap_or_default();
    if blessing() {
        let mut rewritten = Vec::new();
        if expected != actual {
            std::fs::write(&full, actual).unwrap();
            rewritten.push(path.to_owned());
        }
        fail_blessed(path, &rewritten);
    }
    if expected != actual {
        let diff = similar::TextDiff::from_lines(expected.as_str(), actual)
            .unified_diff()
            .header(path, "actual")
            .to_string();
        panic!("{path} differs (rerun with ARMGEN_BLESS=1 to rewrite it):\n{diff}");
    }
}

/// The folder holding the upstream specs' `specification/`:
/// `$ARMGEN_UPSTREAM_SPECS`, else the curated copy beside the repository.
/// Missing specs fail the test unless `ARMGEN_SKIP_UPSTREAM=1` asks for the
/// skip.
pub fn upstream() -> Option<PathBuf> {
    let dir = std::env::var_os("ARMGEN_UPSTREAM_SPECS")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/upstream-specs")
        });
    if dir.join("specification").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("ARMGEN_SKIP_UPSTREAM").is_ok_and(|v| v == "1"),
        "the upstream specs are missing at {} (set ARMGEN_UPSTREAM_SPECS, or ARMGEN_SKIP_UPSTREAM=1 to skip)",
        dir.display()
    );
    eprintln!("SKIPPED: no upstream specs at {}", dir.display());
    None
}

/// The generated file of `spec` (in `fixtures/<dir>`, generated as module
/// `module`) whose path ends with `file`, with all whitespace collapsed to
/// single spaces, so that a test can look for a piece of code regardless
/// of how it is wrapped.
pub fn collapsed(dir: &str, spec: &str, module: &str, file: &str) -> String {
    let output = armgen::Config::new(fixtures().join("fixtures").join(dir))
        .spec(spec, module)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = output
        .files
        .iter()
        .find(|(path, _)| path.ends_with(file))
        .map(|(_, text)| text)
        .unwrap_or_else(|| panic!("no file ending with {file}"));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The one warning of `output` that names `what` (an operation id in
/// backticks, say), as the CLI prints it; panics with every warning when
/// none does.
#[track_caller]
pub fn warning_naming(output: &armgen::Output, what: &str) -> String {
    let warnings: Vec<String> = output.warnings.iter().map(|w| w.as_warning()).collect();
    warnings
        .iter()
        .find(|w| w.contains(what))
        .unwrap_or_else(|| panic!("no warning names {what}: {warnings:?}"))
        .clone()
}

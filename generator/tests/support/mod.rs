// Each test binary uses part of these helpers.
#![allow(dead_code)]

//! Golden-file helpers: compare with a checked-in file, or rewrite it when
//! `ARMGEN_BLESS=1` is set.

use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// Asserts that `actual` equals the file at `path` (relative to tests/),
/// showing a diff when it does not.
pub fn assert_golden(path: &str, actual: &str) {
    let full = fixtures().join(path);
    if std::env::var_os("ARMGEN_BLESS").is_some() {
        std::fs::write(&full, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&full).unwrap_or_default();
    if expected != actual {
        let diff = similar::TextDiff::from_lines(expected.as_str(), actual)
            .unified_diff()
            .header(path, "actual")
            .to_string();
        panic!("{path} differs (rerun with ARMGEN_BLESS=1 to accept):\n{diff}");
    }
}

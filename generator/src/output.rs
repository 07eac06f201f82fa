//! Generated files: writing them only when they changed, and checking that a
//! checked-in copy is fresh.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::diagnostics::Error;
use crate::ir::Api;

/// The result of a generation.
#[derive(Debug)]
pub struct Output {
    /// File name (`relay.rs`, `mod.rs`) to content.
    pub files: BTreeMap<String, String>,
    /// Every spec file read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// The resolved API the code was generated from.
    pub api: Api,
    /// Where the time went.
    pub timings: Timings,
}

/// Time spent in each stage of one generation.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Loading and resolving the specs into the IR.
    pub resolve: Duration,
    /// Emitting tokens.
    pub emit: Duration,
    /// Formatting with prettyplease.
    pub format: Duration,
    /// The whole generation.
    pub total: Duration,
}

/// A checked-in file that differs from what generation produces.
#[derive(Debug, PartialEq, Eq)]
pub struct Stale {
    /// The file name.
    pub name: String,
    /// A unified diff from the checked-in file to the fresh one.
    pub diff: String,
}

impl Output {
    /// Lines of generated code, all files together.
    pub fn lines(&self) -> usize {
        self.files.values().map(|f| f.lines().count()).sum()
    }

    /// Bytes of generated code, all files together.
    pub fn bytes(&self) -> usize {
        self.files.values().map(String::len).sum()
    }

    /// Writes every file whose content changed (so cargo and editors do not
    /// see spurious changes), removes `.rs` files no spec produces any more,
    /// and returns the names written.
    pub fn write_to(&self, dir: &Path) -> Result<Vec<String>, Error> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut written = Vec::new();
        for (name, text) in &self.files {
            let path = dir.join(name);
            if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
                written.push(name.clone());
            }
        }
        for name in self.extra_files(dir)? {
            let path = dir.join(&name);
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            written.push(name);
        }
        Ok(written)
    }

    /// The files in `dir` that differ from this output, with diffs; a file
    /// that should not exist counts too.
    pub fn stale_files(&self, dir: &Path) -> Result<Vec<Stale>, Error> {
        let mut stale = Vec::new();
        for (name, fresh) in &self.files {
            let current = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
            if current != *fresh {
                let diff = similar::TextDiff::from_lines(current.as_str(), fresh.as_str())
                    .unified_diff()
                    .context_radius(3)
                    .header(
                        &format!("{name} (checked in)"),
                        &format!("{name} (generated)"),
                    )
                    .to_string();
                stale.push(Stale {
                    name: name.clone(),
                    diff,
                });
            }
        }
        for name in self.extra_files(dir)? {
            stale.push(Stale {
                diff: format!("{name} is not generated from any spec any more\n"),
                name,
            });
        }
        Ok(stale)
    }

    fn extra_files(&self, dir: &Path) -> Result<Vec<String>, Error> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Ok(Vec::new());
        };
        let mut extra = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".rs") && !self.files.contains_key(&name) && entry.path().is_file() {
                extra.push(name);
            }
        }
        extra.sort();
        Ok(extra)
    }
}

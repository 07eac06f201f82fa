//! Generated files: writing them only when they changed, and checking that a
//! checked-in copy is fresh.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::diagnostics::{Diagnostic, Error};
use crate::ir::Api;

/// The result of a generation.
#[derive(Debug)]
pub struct Output {
    /// File name (`relay.rs`, `mod.rs`) to content.
    pub files: BTreeMap<String, String>,
    /// Every spec file read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// What armgen ignored in the specs (extensions it does not use), each
    /// at its place: printed as warnings by the CLI and build scripts.
    pub warnings: Vec<Diagnostic>,
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
    /// Emitting tokens (and parsing them for the formatter), summed over
    /// the threads that did it ([`Config::jobs`](crate::Config::jobs)): with
    /// several, it can exceed the time it took.
    pub emit: Duration,
    /// Formatting with prettyplease, summed over the threads likewise.
    pub format: Duration,
    /// The whole generation, as time that passed.
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
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
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

    /// armgen's `.rs` files below `dir` (relative paths with `/`) that this
    /// output does not produce: left over from a spec or module that went
    /// away.
    fn extra_files(&self, dir: &Path) -> Result<Vec<String>, Error> {
        let mut extra = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(current) = pending.pop() {
            let Ok(entries) = std::fs::read_dir(&current) else {
                continue;
            };
            for entry in entries {
                let path = entry.map_err(|e| Error::io(&current, e))?.path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let Ok(relative) = path.strip_prefix(dir) else {
                    continue;
                };
                let name = relative.to_string_lossy().replace('\\', "/");
                // Only files armgen wrote: an `--out` pointed at a source
                // folder by mistake must never lose hand-written code.
                if name.ends_with(".rs") && !self.files.contains_key(&name) && is_generated(&path) {
                    extra.push(name);
                }
            }
        }
        extra.sort();
        Ok(extra)
    }
}

fn is_generated(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.starts_with("// @generated by armgen"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(files: &[(&str, &str)]) -> Output {
        Output {
            files: files
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            inputs: Vec::new(),
            warnings: Vec::new(),
            api: Api::default(),
            timings: Timings::default(),
        }
    }

    #[test]
    fn stale_generated_files_are_removed_but_hand_written_ones_kept() {
        let dir = std::env::temp_dir().join(format!("armgen-output-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("old")).unwrap();
        std::fs::write(dir.join("old/gone.rs"), "// @generated by armgen from x\n").unwrap();
        std::fs::write(dir.join("mine.rs"), "fn main() {}\n").unwrap();
        let out = output(&[("a/mod.rs", "// @generated by armgen from y\n")]);
        assert_eq!(
            out.stale_files(&dir).unwrap().len(),
            2,
            "a/mod.rs missing, old/gone.rs extra"
        );
        out.write_to(&dir).unwrap();
        assert!(dir.join("a/mod.rs").exists());
        assert!(!dir.join("old/gone.rs").exists());
        assert!(dir.join("mine.rs").exists());
        assert!(out.stale_files(&dir).unwrap().is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! One parsed spec file.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::positions::Positions;
use crate::diagnostics::{Diagnostic, Location};

/// A parsed spec or example file with the positions of its nodes.
#[derive(Debug)]
pub struct Document {
    /// The file's path as the generator names it in messages.
    pub path: PathBuf,
    /// The content.
    pub value: Value,
    positions: Positions,
}

impl Document {
    /// Parses `text` read from `path`; a syntax error becomes a diagnostic with
    /// the parser's position.
    pub fn parse(path: &Path, text: &str) -> Result<Self, Diagnostic> {
        let value: Value = serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e
                .location()
                .map_or((1, 1), |l| (l.line(), l.column()));
            let message = e.to_string();
            // serde_yaml appends " at line L column C"; the location says it.
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_owned();
            Diagnostic::new(
                Location {
                    file: path.to_path_buf(),
                    line,
                    column,
                    pointer: String::new(),
                },
                format!("the file is not valid YAML or JSON: {message}"),
            )
        })?;
        Ok(Self {
            path: path.to_path_buf(),
            value,
            positions: Positions::of(text),
        })
    }

    /// The location of the node at `pointer` (or its nearest ancestor).
    pub fn location(&self, pointer: &str) -> Location {
        let (line, column) = self.positions.find(pointer);
        Location {
            file: self.path.clone(),
            line,
            column,
            pointer: pointer.to_owned(),
        }
    }
}

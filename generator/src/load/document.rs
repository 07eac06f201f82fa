//! One parsed spec file.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::positions::Positions;
use crate::diagnostics::{Diagnostic, Location};

/// A parsed spec or example file with the positions of its nodes.
#[derive(Debug)]
pub struct Document {
    /// The file's path, for reading it and resolving relative `$ref`s.
    pub path: PathBuf,
    /// The path shown in messages: relative to the project root, so messages
    /// (and golden files of them) do not depend on the checkout's location.
    pub display: PathBuf,
    /// The content.
    pub value: Value,
    positions: Positions,
}

impl Document {
    /// Parses `text` read from `path`; a syntax error becomes a diagnostic with
    /// the parser's position.
    pub fn parse(path: &Path, display: &Path, text: &str) -> Result<Self, Diagnostic> {
        let value: Value = serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            let message = e.to_string();
            // serde_yaml appends " at line L column C"; the location says it.
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_owned();
            Diagnostic::new(
                Location {
                    file: display.to_path_buf(),
                    line,
                    column,
                    pointer: String::new(),
                },
                format!("the file is not valid YAML or JSON: {message}"),
            )
        })?;
        let positions = Positions::of(text);
        if let Some((pointer, (line, column), (first_line, first_column))) =
            positions.duplicates.first()
        {
            return Err(Diagnostic::new(
                Location {
                    file: display.to_path_buf(),
                    line: *line,
                    column: *column,
                    pointer: pointer.clone(),
                },
                format!(
                    "duplicate key: `{}` is already defined at line {first_line} column {first_column}",
                    pointer
                        .rsplit('/')
                        .next()
                        .unwrap_or("")
                        .replace("~1", "/")
                        .replace("~0", "~")
                ),
            ));
        }
        Ok(Self {
            path: path.to_path_buf(),
            display: display.to_path_buf(),
            value,
            positions,
        })
    }

    /// The location of the node at `pointer` (or its nearest ancestor).
    pub fn location(&self, pointer: &str) -> Location {
        let (line, column) = self.positions.find(pointer);
        Location {
            file: self.display.clone(),
            line,
            column,
            pointer: pointer.to_owned(),
        }
    }
}

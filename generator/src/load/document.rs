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

/// The byte-order mark some editors write at the start of UTF-8 files.
const BOM: char = '\u{feff}';

impl Document {
    /// Parses the bytes of the file at `path`: UTF-8, with or without a
    /// byte-order mark. A byte that is not UTF-8 is reported where it is.
    pub fn parse_bytes(path: &Path, display: &Path, bytes: &[u8]) -> Result<Self, Diagnostic> {
        Self::parse(path, display, decode(display, bytes)?)
    }

    /// Parses `text` read from `path`; a syntax error becomes a diagnostic with
    /// the parser's position. A leading byte-order mark is skipped, so that
    /// columns on the first line count from the first character after it.
    pub fn parse(path: &Path, display: &Path, text: &str) -> Result<Self, Diagnostic> {
        let text = text.strip_prefix(BOM).unwrap_or(text);
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

/// The text of a spec file, or a diagnostic at the first byte that is not
/// UTF-8: its line and column, and the node being read when it came.
fn decode<'a>(display: &Path, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(error) => error,
    };
    let valid = &bytes[..error.valid_up_to()];
    let before = std::str::from_utf8(valid).unwrap_or_default();
    let before = before.strip_prefix(BOM).unwrap_or(before);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let message = match (error.error_len(), bytes.get(error.valid_up_to())) {
        (Some(_), Some(byte)) => format!(
            "the file is not UTF-8: byte 0x{byte:02X} does not belong in a UTF-8 character here"
        ),
        _ => "the file is not UTF-8: it ends inside a character".to_owned(),
    };
    Err(Diagnostic::new(
        Location {
            file: display.to_path_buf(),
            line,
            column,
            pointer: Positions::last_pointer(before),
        },
        message,
    )
    .with_help("save the file as UTF-8 (armgen reads spec files as UTF-8, with or without a byte-order mark)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(bytes: &[u8]) -> Location {
        decode(Path::new("x.yaml"), bytes).unwrap_err().location
    }

    #[test]
    fn the_offending_byte_is_located_by_character_column() {
        let at = error(b"a:\n  b: \xc3\xa9t\xc3\xa9 \xff\n");
        assert_eq!((at.line, at.column, at.pointer.as_str()), (2, 10, "/a/b"));
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let at = error(b"\xef\xbb\xbfkey: \xe9\n");
        assert_eq!((at.line, at.column, at.pointer.as_str()), (1, 6, "/key"));
        let doc = Document::parse_bytes(
            Path::new("x.yaml"),
            Path::new("x.yaml"),
            b"\xef\xbb\xbfa: 1\nb: 2\n",
        )
        .unwrap();
        assert_eq!(doc.value["b"], 2);
        assert_eq!((doc.location("/a").line, doc.location("/a").column), (1, 1));
    }

    #[test]
    fn a_truncated_character_at_the_end_is_reported() {
        let e = decode(Path::new("x.yaml"), b"a: \xe2\x82").unwrap_err();
        assert_eq!((e.location.line, e.location.column), (1, 4));
        assert!(
            e.message.contains("ends inside a character"),
            "{}",
            e.message
        );
    }
}

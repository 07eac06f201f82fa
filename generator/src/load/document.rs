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
        let value: Value =
            serde_yaml::from_str(text).map_err(|e| syntax_error(display, text, &e))?;
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

/// A syntax error as a diagnostic, placed where the problem is.
///
/// The parser reports where it gave up. When that is the end of the file, the
/// problem is the construct still open there (an unclosed `[`, `{` or quote),
/// so the diagnostic points at where that construct starts, which serde_yaml
/// only gives in its message: `did not find expected ',' or ']' at line 8
/// column 1, while parsing a flow sequence at line 7 column 10`.
fn syntax_error(display: &Path, text: &str, error: &serde_yaml::Error) -> Diagnostic {
    let message = error.to_string();
    let (problem, context) = match message.split_once(", while ") {
        Some((problem, context)) => (problem, Some(context)),
        None => (message.as_str(), None),
    };
    // The location says where; the text need not repeat it.
    let problem = split_position(problem).0;
    let location = error.location();
    let at_end = location.as_ref().is_none_or(|l| {
        text.get(l.index()..)
            .is_none_or(|rest| rest.trim().is_empty())
    });
    let (message, (line, column)) = match context.map(split_position) {
        Some((context, Some(start))) if at_end => (
            format!("{problem} before the end of the file, while {context} that starts here"),
            start,
        ),
        _ => (
            problem.to_owned(),
            location.map_or((1, 1), |l| (l.line(), l.column())),
        ),
    };
    Diagnostic::new(
        Location {
            file: display.to_path_buf(),
            line,
            column,
            pointer: String::new(),
        },
        format!("the file is not valid YAML or JSON: {message}"),
    )
}

/// Splits the ` at line L column C` that serde_yaml appends to each part of
/// its message off that part.
fn split_position(text: &str) -> (&str, Option<(usize, usize)>) {
    let parsed = text.rsplit_once(" at line ").and_then(|(head, position)| {
        let (line, column) = position.split_once(" column ")?;
        Some((head, (line.parse().ok()?, column.parse().ok()?)))
    });
    match parsed {
        Some((head, position)) => (head, Some(position)),
        None => (text, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Line, column and message of the syntax error of `text`.
    fn error_of(text: &str) -> (usize, usize, String) {
        let path = Path::new("spec.yaml");
        let error = Document::parse(path, path, text).unwrap_err();
        (error.location.line, error.location.column, error.message)
    }

    #[test]
    fn an_unclosed_bracket_is_reported_where_it_opens() {
        let (line, column, message) = error_of("a: 1\nb: [x, y\n\n");
        assert_eq!((line, column), (2, 4), "{message}");
        assert!(
            message.ends_with(
                "did not find expected ',' or ']' before the end of the file, while parsing a flow sequence that starts here"
            ),
            "{message}"
        );
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let (line, column, message) = error_of("a: 1\nb: \"text\nc: 2\n");
        assert_eq!((line, column), (2, 4), "{message}");
    }

    #[test]
    fn an_error_inside_the_file_is_reported_where_the_parser_stops() {
        // The bad indentation, not the mapping that starts on line 1.
        let (line, column, message) = error_of("a:\n  b: 1\n c: 2\nd: 3\n");
        assert_eq!((line, column), (3, 2), "{message}");
        assert!(!message.contains(" at line "), "{message}");
    }
}

//! One parsed spec file.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::Value;

use super::json::{self, Locator};
use super::pointer;
use super::positions::{AliasOverflow, Positions};
use super::yaml;
use crate::diagnostics::{Diagnostic, Location};

/// How many bytes YAML aliases may add to one document once expanded, unless
/// [`Config::max_alias_expansion`](crate::Config::max_alias_expansion) says
/// otherwise: 4 MiB, about the bytes of the copies as JSON text.
///
/// An alias copies its anchor's content, so a few hundred kilobytes of
/// aliases of aliases can stand for gigabytes (a "billion laughs"), which
/// serde_yaml would build in memory. Real specs rarely use aliases, and when
/// they do the copies are small: the bound is far above them and far below
/// what exhausts a build machine (the parsed value takes ten to fifty times
/// the bytes of its text: some 200 MB for copies just under the bound).
pub const DEFAULT_MAX_ALIAS_EXPANSION: u64 = 4 << 20;

/// A parsed spec or example file, and how to find where its nodes are.
#[derive(Debug)]
pub struct Document {
    /// The file's path, for reading it and resolving relative `$ref`s.
    pub path: PathBuf,
    /// The path shown in messages: relative to the project root, so messages
    /// (and golden files of them) do not depend on the checkout's location.
    pub display: PathBuf,
    /// The content.
    pub value: Value,
    positions: Located,
}

/// How a document's positions are found: recorded by the YAML pass that
/// built the value, or looked up in the JSON text when first asked for.
enum Located {
    Yaml(Positions),
    Json {
        text: String,
        /// Behind a lock rather than a `RefCell` so that documents stay
        /// `Sync`, as they were; it is never contended.
        locator: Mutex<Locator>,
    },
}

impl std::fmt::Debug for Located {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Yaml(positions) => f.debug_tuple("Yaml").field(positions).finish(),
            Self::Json { text, .. } => write!(f, "Json({} bytes)", text.len()),
        }
    }
}

/// The byte-order mark some editors write at the start of UTF-8 files.
const BOM: char = '\u{feff}';

impl Document {
    /// Parses the bytes of the file at `path`: UTF-8, with or without a
    /// byte-order mark. A byte that is not UTF-8 is reported where it is, and
    /// so is the alias that takes what aliases add to the document past
    /// `max_alias_expansion` bytes (see [`DEFAULT_MAX_ALIAS_EXPANSION`]).
    pub fn parse_bytes(
        path: &Path,
        display: &Path,
        bytes: &[u8],
        max_alias_expansion: u64,
    ) -> Result<Self, Diagnostic> {
        Self::parse_bounded(path, display, decode(display, bytes)?, max_alias_expansion)
    }

    /// Parses `text` read from `path`; a syntax error becomes a diagnostic with
    /// the parser's position. A leading byte-order mark is skipped, so that
    /// columns on the first line count from the first character after it.
    /// Aliases may add [`DEFAULT_MAX_ALIAS_EXPANSION`] bytes.
    pub fn parse(path: &Path, display: &Path, text: &str) -> Result<Self, Diagnostic> {
        Self::parse_bounded(path, display, text, DEFAULT_MAX_ALIAS_EXPANSION)
    }

    fn parse_bounded(
        path: &Path,
        display: &Path,
        text: &str,
        max_alias_expansion: u64,
    ) -> Result<Self, Diagnostic> {
        let text = text.strip_prefix(BOM).unwrap_or(text);
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if is_json && let Some(value) = json::parse(text) {
            return Ok(Self {
                path: path.to_path_buf(),
                display: display.to_path_buf(),
                value,
                positions: Located::Json {
                    text: text.to_owned(),
                    locator: Mutex::default(),
                },
            });
        }
        // YAML, and JSON that serde_json refused (its problem is then worded
        // as it always was). The pass sizes aliases as it goes and stops
        // expanding at the bound, so a bomb is never built.
        let loaded = yaml::load(text, max_alias_expansion);
        let positions = loaded.positions;
        if let Some(overflow) = &positions.alias_overflow {
            return Err(alias_bomb(display, text, overflow, max_alias_expansion));
        }
        let value: Value = match loaded.value {
            Some(value) => value,
            // The rare text the pass leaves to serde_yaml (a syntax error, a
            // tag, ...): see `yaml`. Aliases were measured above.
            None => serde_yaml::from_str(text).map_err(|e| syntax_error(display, text, &e))?,
        };
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
                    pointer::unescape(pointer.rsplit('/').next().unwrap_or(""))
                ),
            ));
        }
        Ok(Self {
            path: path.to_path_buf(),
            display: display.to_path_buf(),
            value,
            positions: Located::Yaml(positions),
        })
    }

    /// The location of the node at `pointer` (or its nearest ancestor).
    pub fn location(&self, pointer: &str) -> Location {
        let (line, column) = match &self.positions {
            Located::Yaml(positions) => positions.find(pointer),
            Located::Json { text, locator } => locator
                .lock()
                // A panic elsewhere cannot leave the index wrong, only
                // incomplete: it is still usable.
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .find(text, pointer),
        };
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
            // The node being read there: the text before it still parses
            // far enough to say which.
            pointer: Positions::last_pointer(before(text, line, column)),
        },
        format!("the file is not valid YAML or JSON: {message}"),
    )
}

/// The text before 1-based `line` and `column` (in characters).
fn before(text: &str, line: usize, column: usize) -> &str {
    let line_start = text
        .match_indices('\n')
        .nth(line.saturating_sub(2))
        .map_or(0, |(i, _)| i + 1);
    let line_start = if line <= 1 { 0 } else { line_start };
    let rest = text.get(line_start..).unwrap_or("");
    let end = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    &text[..line_start + end]
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

fn alias_bomb(
    display: &Path,
    text: &str,
    overflow: &AliasOverflow,
    max_alias_expansion: u64,
) -> Diagnostic {
    let (line, column) = overflow.at;
    // The alias event does not carry its name: read it at the alias.
    let name: String = text
        .lines()
        .nth(line - 1)
        .unwrap_or("")
        .chars()
        .skip(column - 1)
        .skip_while(|c| *c == '*')
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '{' | '}'))
        .collect();
    Diagnostic::new(
        Location {
            file: display.to_path_buf(),
            line,
            column,
            pointer: overflow.pointer.clone(),
        },
        format!(
            "YAML aliases expand too far: with alias `*{name}` they add {} bytes to the document, more than the {max_alias_expansion} allowed",
            overflow.added
        ),
    )
    .with_help("an alias copies its anchor's whole content, so aliases of aliases grow exponentially (a \"billion laughs\"); write the content out, or raise the bound with `Config::max_alias_expansion` (`max_alias_expansion` in armgen.yaml) if the document really is this large")
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

    #[test]
    fn documents_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Document>();
    }

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
            DEFAULT_MAX_ALIAS_EXPANSION,
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
    fn a_syntax_error_names_the_node_being_read() {
        let path = Path::new("spec.json");
        let text = "{\n  \"paths\": {\"/a\": {\"get\": {\"x\": 1 \"y\": 2}}}\n}\n";
        let error = Document::parse(path, path, text).unwrap_err();
        assert_eq!(
            (error.location.line, error.location.column),
            (2, 38),
            "{}",
            error.message
        );
        assert_eq!(error.location.pointer, "/paths/~1a/get/x");
        assert_eq!(before("ab\ncé\nd", 2, 3), "ab\ncé");
        assert_eq!(before("ab", 1, 1), "");
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

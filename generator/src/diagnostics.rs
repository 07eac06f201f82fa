//! Spec problems, each tied to a file, a line and column, and a JSON pointer.
//!
//! Stages collect every problem they find instead of stopping at the first, so
//! one run shows a spec author all there is to fix.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in a spec file something is.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file, as it was named to the generator (or reached by `$ref`).
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The JSON pointer of the node (`/paths/~1subscriptions…/post`), empty
    /// for the document root.
    pub pointer: String,
}

impl Location {
    /// The start of `file`: for a problem with a whole file (it cannot be
    /// read, its module name is taken), not with a node in it.
    pub fn file_start(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            line: 1,
            column: 1,
            pointer: String::new(),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(
            f,
            "{}:{}:{} (at #{})",
            self.file.display(),
            self.line,
            self.column,
            pointer
        )
    }
}

/// One problem found in a spec.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong, phrased for the spec's author.
    pub message: String,
    /// How to fix it, when there is a known remedy.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at `location`.
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Self {
            location,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a remedy.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl Diagnostic {
    /// The diagnostic as a warning (`warning: …` instead of `error: …`).
    pub fn as_warning(&self) -> String {
        let text = self.to_string();
        match text.strip_prefix("error: ") {
            Some(rest) => format!("warning: {rest}"),
            None => text,
        }
    }

    /// The diagnostic on one line (`file:line:col (at #/ptr): message`), as
    /// `cargo:warning` needs.
    pub fn one_line(&self) -> String {
        let mut line = format!("{}: {}", self.location, self.message);
        if let Some(help) = &self.help {
            line.push_str(&format!(" (help: {help})"));
        }
        line.replace(['\n', '\r'], " ")
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}\n  --> {}", self.message, self.location)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem a stage found, sorted by file and position when reported.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems, sorted by file, line, column, then message, without
    /// repeats (a shared definition reached twice is reported once).
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort();
        self.0.dedup();
        self.0
    }

    /// `Ok(value)` when nothing was recorded, the sorted problems otherwise.
    pub fn into_result<T>(self, value: T) -> Result<T, Error> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(Error::Spec(self.into_sorted()))
        }
    }
}

/// Why generation failed.
///
/// `Debug` prints the same readable text as `Display`, so that a build script
/// whose `main` returns `Result<(), Box<dyn std::error::Error>>` fails with
/// the located diagnostics rather than a struct dump.
#[non_exhaustive]
pub enum Error {
    /// The spec has problems; all of them are listed.
    Spec(Vec<Diagnostic>),
    /// The generator was called wrongly (a malformed option).
    Usage(String),
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(diagnostics) => {
                for diagnostic in diagnostics {
                    writeln!(f, "{diagnostic}")?;
                }
                let n = diagnostics.len();
                write!(
                    f,
                    "{n} problem{} in the spec",
                    if n == 1 { "" } else { "s" }
                )
            }
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Spec(_) | Error::Usage(_) => None,
        }
    }
}

//! The set of loaded documents and `$ref` resolution across them.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use super::document::{DEFAULT_MAX_ALIAS_EXPANSION, Document};
use super::pointer;
use crate::diagnostics::{Diagnostic, Location};

/// Index of a loaded document in its [`DocumentSet`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(usize);

/// A node inside a document: which document, and where.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Node {
    /// The document.
    pub doc: DocId,
    /// The node's JSON pointer.
    pub pointer: String,
}

impl Node {
    /// The pointer of a child by key or index.
    pub fn child(&self, token: impl AsRef<str>) -> Node {
        Node {
            doc: self.doc,
            pointer: pointer::child(&self.pointer, token.as_ref()),
        }
    }

    /// The last pointer token, unescaped (a definition's name).
    pub fn last_token(&self) -> String {
        let token = self.pointer.rsplit('/').next().unwrap_or("");
        pointer::unescape(token).into_owned()
    }
}

/// Every document read so far, each loaded once.
#[derive(Debug)]
pub struct DocumentSet {
    root: PathBuf,
    aliases: Vec<RefAlias>,
    max_alias_expansion: u64,
    docs: Vec<Document>,
    by_path: HashMap<PathBuf, Result<DocId, Diagnostic>>,
    followed: Vec<Node>,
}

impl Default for DocumentSet {
    fn default() -> Self {
        Self {
            root: PathBuf::new(),
            aliases: Vec::new(),
            max_alias_expansion: DEFAULT_MAX_ALIAS_EXPANSION,
            docs: Vec::new(),
            by_path: HashMap::new(),
            followed: Vec::new(),
        }
    }
}

impl DocumentSet {
    /// An empty set whose messages name files relative to `root`.
    pub fn new(root: &Path) -> Self {
        Self {
            root: normalize(root),
            ..Self::default()
        }
    }

    /// How many bytes YAML aliases may add to each document once expanded
    /// (default [`DEFAULT_MAX_ALIAS_EXPANSION`]).
    pub fn with_max_alias_expansion(mut self, bytes: u64) -> Self {
        self.max_alias_expansion = bytes;
        self
    }

    /// Redirects references that point at nothing (see [`RefAlias`]).
    pub fn with_aliases(mut self, aliases: &[RefAlias]) -> Self {
        self.aliases = aliases.to_vec();
        self
    }

    /// `path` as messages show it: relative to the root when below it.
    pub fn display_path(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root)
            .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
    }

    /// Loads `path` (once), reporting a read or syntax error at `referrer`.
    pub fn load(&mut self, path: &Path, referrer: Option<&Location>) -> Result<DocId, Diagnostic> {
        let path = normalize(path);
        if let Some(result) = self.by_path.get(&path) {
            return result.clone();
        }
        let display = self.display_path(&path);
        let result = match std::fs::read(&path) {
            Ok(bytes) => Document::parse_bytes(&path, &display, &bytes, self.max_alias_expansion)
                .map(|doc| {
                    self.docs.push(doc);
                    DocId(self.docs.len() - 1)
                }),
            Err(e) => {
                let location = referrer
                    .cloned()
                    .unwrap_or_else(|| Location::file_start(&display));
                Err(Diagnostic::new(
                    location,
                    format!("cannot read `{}`: {e}", display.display()),
                ))
            }
        };
        self.by_path.insert(path, result.clone());
        result
    }

    /// Every file that was read or tried, for `cargo:rerun-if-changed`.
    pub fn paths(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self.by_path.keys().cloned().collect();
        paths.sort();
        paths
    }

    /// The target of every `$ref` followed so far, in order (repeats
    /// included): what a stage reached beyond the root documents.
    pub fn followed(&self) -> &[Node] {
        &self.followed
    }

    /// The document behind an id.
    pub fn doc(&self, id: DocId) -> &Document {
        &self.docs[id.0]
    }

    /// The value at a node, if the pointer exists.
    pub fn get(&self, node: &Node) -> Option<&Value> {
        pointer::lookup(&self.doc(node.doc).value, &node.pointer)
    }

    /// The value at a node as a handle of its own, which holds no borrow of
    /// the set: `Value::Null` where the pointer leads nowhere.
    pub fn shared(&self, node: &Node) -> Shared {
        Shared {
            root: std::sync::Arc::clone(&self.doc(node.doc).value),
            pointer: node.pointer.clone(),
        }
    }

    /// Where a node is.
    pub fn location(&self, node: &Node) -> Location {
        self.doc(node.doc).location(&node.pointer)
    }

    /// Follows a `$ref` string found at `at` (`#/definitions/X`,
    /// `../other.json#/parameters/P`, `./examples/x.json`): loads the target
    /// file and checks that the pointer exists.
    pub fn resolve(&mut self, at: &Node, reference: &str) -> Result<Node, Diagnostic> {
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let doc = if file.is_empty() {
            at.doc
        } else {
            let base = self.doc(at.doc).path.parent().unwrap_or(Path::new(""));
            let path = normalize(&base.join(file));
            // The referrer's location only for a file not tried yet: finding
            // it costs a walk of the referring document, and specs `$ref`
            // the same few files from hundreds of places.
            match self.by_path.get(&path) {
                Some(tried) => tried.clone()?,
                None => {
                    let location = self.location(at);
                    self.load(&path, Some(&location))?
                }
            }
        };
        let pointer = percent_decode(fragment);
        let target = Node { doc, pointer };
        if self.get(&target).is_some() {
            self.followed.push(target.clone());
            return Ok(target);
        }
        let path = self.doc(doc).path.clone();
        let alias = self
            .aliases
            .iter()
            .find(|a| a.matches(&path, &target.pointer))
            .cloned();
        if let Some(alias) = alias {
            let redirected = Node {
                doc,
                pointer: alias.to_pointer.clone(),
            };
            if self.get(&redirected).is_some() {
                self.followed.push(redirected.clone());
                return Ok(redirected);
            }
        }
        let diagnostic = Diagnostic::new(
            self.location(at),
            format!(
                "`$ref: {reference}` points at nothing: `{}` has no `#{}`",
                self.doc(doc).display.display(),
                target.pointer
            ),
        );
        Err(match self.case_insensitive_match(&target) {
            Some(found) => {
                let file = self
                    .doc(doc)
                    .display
                    .display()
                    .to_string()
                    .replace('\\', "/");
                let file = file.trim_start_matches("../");
                diagnostic.with_help(format!(
                    "`#{found}` exists with other letter case: fix the `$ref`, or redirect it without editing the spec with `armgen generate --ref-alias '{file}#{}=#{found}'` (`Config::ref_alias` in build scripts)",
                    target.pointer
                ))
            }
            None => diagnostic,
        })
    }

    /// A sibling of `target` whose name differs only in letter case.
    fn case_insensitive_match(&self, target: &Node) -> Option<String> {
        let (parent, name) = target.pointer.rsplit_once('/')?;
        let siblings = pointer::lookup(&self.doc(target.doc).value, parent)?.as_object()?;
        siblings
            .keys()
            .find(|k| k.eq_ignore_ascii_case(name))
            .map(|k| format!("{parent}/{k}"))
    }

    /// Follows `$ref` chains starting at `node` until a node without `$ref`.
    /// Cycles of pure references are reported instead of looping.
    pub fn deref(&mut self, node: &Node) -> Result<Node, Diagnostic> {
        let mut current = node.clone();
        for _ in 0..32 {
            let reference = match self.get(&current).and_then(|v| v.get("$ref")) {
                Some(Value::String(r)) => r.clone(),
                Some(_) => {
                    return Err(Diagnostic::new(
                        self.location(&current.child("$ref")),
                        "`$ref` must be a string",
                    ));
                }
                None => return Ok(current),
            };
            current = self.resolve(&current.child("$ref"), &reference)?;
        }
        Err(Diagnostic::new(
            self.location(node),
            "`$ref` chain does not end (a reference cycle with no schema in it)",
        ))
    }
}

/// Redirects a `$ref` whose target does not exist to another pointer of the
/// same file: the remedy for upstream specs with broken references that one
/// cannot edit (EventGrid 2025-02-15 refers to common-types v5
/// `#/definitions/systemData`, which is spelled `SystemData` there).
/// An alias only applies when the original target is missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefAlias {
    /// The end of the target file's path (`common-types/resource-management/v5/types.json`).
    pub file_suffix: String,
    /// The missing pointer (`/definitions/systemData`).
    pub from_pointer: String,
    /// The pointer used instead (`/definitions/SystemData`).
    pub to_pointer: String,
}

impl RefAlias {
    /// Parses `FILE#/from=#/to`, as given on the command line.
    pub fn parse(text: &str) -> Option<Self> {
        let (from, to) = text.split_once('=')?;
        let (file, from_pointer) = from.split_once('#')?;
        let to_pointer = to.strip_prefix('#').unwrap_or(to);
        Some(Self {
            file_suffix: file.to_owned(),
            from_pointer: from_pointer.to_owned(),
            to_pointer: to_pointer.to_owned(),
        })
    }

    fn matches(&self, path: &Path, pointer: &str) -> bool {
        pointer == self.from_pointer && path.ends_with(&self.file_suffix)
    }
}

/// Lexically normalizes `a/b/../c` to `a/c` so one file has one identity
/// however it was reached.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            // `..` cancels a preceding name, never a preceding `..` (nor the
            // root): `../../x` stays two levels up.
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `$ref` fragments may percent-encode characters (`%7B` for `{`).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A node's value, held without borrowing the [`DocumentSet`]: its
/// document's root, shared, and the pointer. Cloning one is cheap; the
/// subtree itself is never copied.
#[derive(Clone, Debug)]
pub struct Shared {
    root: std::sync::Arc<Value>,
    pointer: String,
}

impl Shared {
    /// The value (`Value::Null` where the pointer leads nowhere).
    pub fn value(&self) -> &Value {
        static NULL: Value = Value::Null;
        pointer::lookup(&self.root, &self.pointer).unwrap_or(&NULL)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_removes_dot_segments() {
        assert_eq!(
            normalize(Path::new("spec/./a/../b.yaml")),
            PathBuf::from("spec/b.yaml")
        );
        assert_eq!(
            normalize(Path::new("../../shared/x/../y.json")),
            PathBuf::from("../../shared/y.json")
        );
        assert_eq!(
            normalize(Path::new("../x/y.json")),
            PathBuf::from("../x/y.json")
        );
    }

    #[test]
    fn percent_decoding_of_fragments() {
        assert_eq!(percent_decode("/paths/~1a~1%7Bb%7D"), "/paths/~1a~1{b}");
        assert_eq!(percent_decode("/x%"), "/x%");
    }
}

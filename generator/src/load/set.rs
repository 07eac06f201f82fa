//! The set of loaded documents and `$ref` resolution across them.
//!
//! A root spec is [loaded](DocumentSet::load), then every file its `$ref`s
//! name, and theirs, is [loaded up front](DocumentSet::preload): resolution
//! then reads the set through a shared borrow and copies no subtree. What
//! following a `$ref` must remember (the nodes reached, the files a build
//! depends on, the first error of a file that cannot be loaded) goes to the
//! follower's [`Trail`].

use std::collections::{BTreeSet, HashMap};
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
    /// The documents loaded, by normalized path. A file that cannot be read
    /// or parsed is not here: its error is made where a `$ref` to it is
    /// followed, at that `$ref`.
    by_path: HashMap<PathBuf, DocId>,
}

impl Default for DocumentSet {
    fn default() -> Self {
        Self {
            root: PathBuf::new(),
            aliases: Vec::new(),
            max_alias_expansion: DEFAULT_MAX_ALIAS_EXPANSION,
            docs: Vec::new(),
            by_path: HashMap::new(),
        }
    }
}

/// What following `$ref`s through a [`DocumentSet`] leaves behind, kept by
/// whoever follows them.
#[derive(Debug, Default)]
pub struct Trail {
    followed: Vec<Node>,
    tried: BTreeSet<PathBuf>,
    failed: HashMap<PathBuf, Diagnostic>,
}

impl Trail {
    /// The target of every `$ref` followed so far, in order (repeats
    /// included): what a stage reached beyond the root documents.
    pub fn followed(&self) -> &[Node] {
        &self.followed
    }

    /// Every file read or tried for a root spec or a followed `$ref`, for
    /// `cargo:rerun-if-changed`: not the files loaded up front that no
    /// followed `$ref` led into, which cannot change what was generated.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.tried.iter().cloned().collect()
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

    /// Loads the root spec `path` (once), a file `trail` depends on.
    pub fn load(&mut self, trail: &mut Trail, path: &Path) -> Result<DocId, Diagnostic> {
        let path = normalize(path);
        trail.tried.insert(path.clone());
        if let Some(&id) = self.by_path.get(&path) {
            return Ok(id);
        }
        let display = self.display_path(&path);
        let doc = self.read(&path, || Location::file_start(&display))?;
        Ok(self.insert(path, doc))
    }

    /// Loads every file the `$ref`s of `from` name, and every file theirs
    /// name, so that resolution finds them loaded. `$ref`s under
    /// `x-ms-examples` are not followed (resolution never reads examples), and
    /// a file that cannot be read or parsed is left for resolution to report
    /// where it follows a `$ref` to it.
    pub fn preload(&mut self, from: DocId) {
        let mut pending = vec![from];
        let mut refs = Vec::new();
        while let Some(id) = pending.pop() {
            file_refs(&self.doc(id).value, &mut refs);
            for file in refs.drain(..) {
                let path = self.referenced_path(id, &file);
                if self.by_path.contains_key(&path) {
                    continue;
                }
                if let Ok(doc) = self.read(&path, || Location::file_start(&path)) {
                    pending.push(self.insert(path, doc));
                }
            }
        }
    }

    /// Reads and parses `path`, a read error placed at `referrer`.
    fn read(
        &self,
        path: &Path,
        referrer: impl FnOnce() -> Location,
    ) -> Result<Document, Diagnostic> {
        let display = self.display_path(path);
        match std::fs::read(path) {
            Ok(bytes) => Document::parse_bytes(path, &display, &bytes, self.max_alias_expansion),
            Err(e) => Err(Diagnostic::new(
                referrer(),
                format!("cannot read `{}`: {e}", display.display()),
            )),
        }
    }

    /// The file `file` names in a `$ref` of the document `from`, relative to
    /// it: one identity for preloading it and for following the `$ref`.
    fn referenced_path(&self, from: DocId, file: &str) -> PathBuf {
        let base = self.doc(from).path.parent().unwrap_or(Path::new(""));
        normalize(&base.join(file))
    }

    fn insert(&mut self, path: PathBuf, doc: Document) -> DocId {
        self.docs.push(doc);
        let id = DocId(self.docs.len() - 1);
        self.by_path.insert(path, id);
        id
    }

    /// The document behind an id.
    pub fn doc(&self, id: DocId) -> &Document {
        &self.docs[id.0]
    }

    /// The value at a node, if the pointer exists.
    pub fn get(&self, node: &Node) -> Option<&Value> {
        pointer::lookup(&self.doc(node.doc).value, &node.pointer)
    }

    /// Where a node is.
    pub fn location(&self, node: &Node) -> Location {
        self.doc(node.doc).location(&node.pointer)
    }

    /// Follows a `$ref` string found at `at` (`#/definitions/X`,
    /// `../other.json#/parameters/P`, `./examples/x.json`): finds the target
    /// file among those [loaded up front](DocumentSet::preload) and checks
    /// that the pointer exists.
    pub fn resolve(
        &self,
        trail: &mut Trail,
        at: &Node,
        reference: &str,
    ) -> Result<Node, Diagnostic> {
        let (file, fragment) = split_ref(reference);
        let doc = if file.is_empty() {
            at.doc
        } else {
            let path = self.referenced_path(at.doc, file);
            match self.by_path.get(&path) {
                Some(&id) => {
                    trail.tried.insert(path);
                    id
                }
                None => return Err(self.load_error(trail, path, at)),
            }
        };
        let pointer = percent_decode(fragment);
        let target = Node { doc, pointer };
        if self.get(&target).is_some() {
            trail.followed.push(target.clone());
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
                trail.followed.push(redirected.clone());
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

    /// Why the file at `path`, `$ref`'d at `at`, is not loaded: the error of
    /// the first `$ref` to it that was followed, so a file is reported once.
    fn load_error(&self, trail: &mut Trail, path: PathBuf, at: &Node) -> Diagnostic {
        trail.tried.insert(path.clone());
        trail
            .failed
            .entry(path)
            .or_insert_with_key(|path| match self.read(path, || self.location(at)) {
                Err(diagnostic) => diagnostic,
                // Readable now, so it appeared after the preload.
                Ok(_) => Diagnostic::new(
                    self.location(at),
                    format!(
                        "`{}` was not there when the specs were loaded",
                        self.display_path(path).display()
                    ),
                ),
            })
            .clone()
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
    pub fn deref(&self, trail: &mut Trail, node: &Node) -> Result<Node, Diagnostic> {
        self.deref_with(trail, node, |node| self.get(node))
    }

    /// [`deref`](Self::deref), reading each node of the chain with `get`:
    /// a caller that keeps a value it has found already (the resolver keeps
    /// the path item of the operation it resolves) need not look it up again.
    pub fn deref_with<'v>(
        &'v self,
        trail: &mut Trail,
        node: &Node,
        get: impl Fn(&Node) -> Option<&'v Value>,
    ) -> Result<Node, Diagnostic> {
        let mut current = node.clone();
        for _ in 0..32 {
            let reference = match get(&current).and_then(|v| v.get("$ref")) {
                Some(Value::String(r)) => r,
                Some(_) => {
                    return Err(Diagnostic::new(
                        self.location(&current.child("$ref")),
                        "`$ref` must be a string",
                    ));
                }
                None => return Ok(current),
            };
            current = self.resolve(trail, &current.child("$ref"), reference)?;
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

/// A `$ref` as its file part (empty within the same file) and its fragment:
/// `other.json#/definitions/X` → (`other.json`, `/definitions/X`).
fn split_ref(reference: &str) -> (&str, &str) {
    reference.split_once('#').unwrap_or((reference, ""))
}

/// The file part of every `$ref` in `value` (`./other.json` of
/// `./other.json#/definitions/X`), but under `x-ms-examples`.
fn file_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    ("x-ms-examples", _) => {}
                    ("$ref", Value::String(reference)) => {
                        let (file, _) = split_ref(reference);
                        if !file.is_empty() {
                            out.push(file.to_owned());
                        }
                    }
                    _ => file_refs(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| file_refs(item, out)),
        _ => {}
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

    /// A spec folder under the system's temporary directory.
    fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("armgen-set-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn referenced_files_are_loaded_up_front_but_depend_only_where_followed() {
        let dir = folder(
            "preload",
            &[
                (
                    "root.json",
                    r#"{"definitions": {
                        "A": {"$ref": "./used.json#/definitions/U"},
                        "B": {"$ref": "./unused.json#/definitions/V"},
                        "C": {"$ref": "./missing.json#/definitions/W"}},
                      "paths": {"/x": {"get": {"x-ms-examples": {"e": {"$ref": "./examples/e.json"}}}}}}"#,
                ),
                (
                    "used.json",
                    r#"{"definitions": {"U": {"$ref": "sub/deeper.json#/definitions/D"}}}"#,
                ),
                (
                    "sub/deeper.json",
                    r#"{"definitions": {"D": {"type": "string"}}}"#,
                ),
                ("unused.json", r#"{"definitions": {"V": {}}}"#),
                ("examples/e.json", "{}"),
            ],
        );
        let mut docs = DocumentSet::new(&dir);
        let mut trail = Trail::default();
        let root = docs.load(&mut trail, &dir.join("root.json")).unwrap();
        docs.preload(root);
        let mut loaded: Vec<PathBuf> = docs
            .by_path
            .keys()
            .map(|p| p.strip_prefix(&dir).unwrap().to_path_buf())
            .collect();
        loaded.sort();
        let names = |paths: &[&str]| paths.iter().map(PathBuf::from).collect::<Vec<_>>();
        // The transitive `$ref`s, not the example.
        assert_eq!(
            loaded,
            names(&["root.json", "sub/deeper.json", "unused.json", "used.json"])
        );

        // Resolution reads the set through a shared borrow.
        let docs = &docs;
        let a = Node {
            doc: root,
            pointer: "/definitions/A".to_owned(),
        };
        let target = docs.deref(&mut trail, &a).unwrap();
        assert_eq!(target.pointer, "/definitions/D");
        assert_eq!(trail.followed().len(), 2);
        let relative = |trail: &Trail| -> Vec<PathBuf> {
            trail
                .paths()
                .iter()
                .map(|p| p.strip_prefix(&dir).unwrap().to_path_buf())
                .collect()
        };
        // `unused.json` was read, but no followed `$ref` led into it.
        assert_eq!(
            relative(&trail),
            names(&["root.json", "sub/deeper.json", "used.json"])
        );

        // A missing file is an error at the `$ref` followed to it, and the
        // build depends on it (creating it must rerun the build).
        let c = Node {
            doc: root,
            pointer: "/definitions/C".to_owned(),
        };
        let error = docs.deref(&mut trail, &c).unwrap_err();
        assert!(
            error.to_string().contains("cannot read `missing.json`"),
            "{error}"
        );
        assert!(relative(&trail).contains(&PathBuf::from("missing.json")));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn percent_decoding_of_fragments() {
        assert_eq!(percent_decode("/paths/~1a~1%7Bb%7D"), "/paths/~1a~1{b}");
        assert_eq!(percent_decode("/x%"), "/x%");
    }
}

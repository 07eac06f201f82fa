//! Turning loaded spec documents into the [`crate::ir`]: following `$ref`s,
//! naming everything, and checking what the emitters rely on.

mod extensions;
mod host;
mod operations;
mod schema;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::Path;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Model, ModelId, Service, TypeRef};
use crate::load::{DocId, DocumentSet, Node, Trail};
use crate::naming::Scope;
use crate::nulls::Nulls;
use crate::secrets::SecretPolicy;

/// What resolving a spec takes from the project's configuration.
pub(crate) struct Settings<'a> {
    /// `x-ms-*` extensions the project accepts armgen ignoring, unwarned.
    pub(crate) accepted_extensions: &'a [String],
    /// Which strings are secret.
    pub(crate) secrets: &'a SecretPolicy,
    /// Where `null` is read as no value.
    pub(crate) nulls: Nulls,
}

/// Resolves one root spec file into a [`Service`]. Problems go to
/// `diagnostics`; what armgen ignores (extensions) to `warnings`, but for
/// the extensions the project accepts.
pub(crate) fn service(
    docs: &mut DocumentSet,
    trail: &mut Trail,
    diagnostics: &mut Diagnostics,
    warnings: &mut Vec<Diagnostic>,
    settings: &Settings<'_>,
    root_file: &Path,
    module: &str,
) -> Option<Service> {
    let doc = match docs.load(trail, root_file) {
        Ok(doc) => doc,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return None;
        }
    };
    docs.preload(doc);
    let docs = &*docs;
    let root = Node {
        doc,
        pointer: String::new(),
    };
    let followed_before = trail.followed().len();
    let resolver = Resolver::new(docs, trail, diagnostics, warnings, settings);
    let service = resolve_service(resolver, &root, root_file, module);
    // The whole root spec, and what its `$ref`s reached in other files.
    let mut reached = vec![root.clone()];
    reached.extend(
        trail.followed()[followed_before..]
            .iter()
            .filter(|node| node.doc != root.doc)
            .cloned(),
    );
    extensions::check(
        docs,
        &reached,
        settings.accepted_extensions,
        diagnostics,
        warnings,
    );
    service
}

fn resolve_service(
    mut resolver: Resolver<'_>,
    root: &Node,
    root_file: &Path,
    module: &str,
) -> Option<Service> {
    let root = root.clone();
    resolver.check_swagger_version(&root);
    let info = resolver.at(&root.child("info"));
    let text = |key: &str| info.get(key).and_then(Value::as_str).map(str::to_owned);
    let api_version = text("version").unwrap_or_else(|| {
        let location = resolver.docs.location(&root.child("info"));
        resolver.diagnostics.push(Diagnostic::new(
            location,
            "`info.version` (the api-version) is missing",
        ));
        String::new()
    });
    let parameterized_host = resolver.parameterized_host(&root);
    let mut groups = resolver.operations(&root);
    resolver.drain_pending();
    resolver.resolve_pages(&mut groups);
    resolver.resolve_next_operations(&mut groups);
    let models = resolver.finish_models();
    let root_value = resolver.at(&root);
    let mut scopes = root_value
        .get("securityDefinitions")
        .and_then(Value::as_object)
        .map(|defs| {
            defs.values()
                .filter_map(|d| d.get("scopes").and_then(Value::as_object))
                .flat_map(|s| s.keys().cloned())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    // And those the top-level `security` requirements name, which an OAuth2
    // definition may leave out of its `scopes`.
    let required = root_value
        .get("security")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .flat_map(|requirement| requirement.values())
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_str);
    for scope in required {
        if !scopes.iter().any(|s| s == scope) {
            scopes.push(scope.to_owned());
        }
    }
    let client_name = extensions::client_type_name(info)
        .map(crate::naming::type_name)
        .unwrap_or_else(|| {
            let service = crate::naming::type_name(crate::naming::unraw(module));
            crate::naming::join(&[&service, "Client"])
        });
    Some(Service {
        client_name,
        module: module.to_owned(),
        source: root_file.to_path_buf(),
        title: text("title").unwrap_or_else(|| module.to_owned()),
        description: text("description"),
        api_version,
        host: root_value
            .get("host")
            .and_then(Value::as_str)
            .unwrap_or("management.azure.com")
            .to_owned(),
        parameterized_host,
        scopes,
        protocols: crate::ir::Protocols::read(root_value),
        models,
        groups,
        patterns: Vec::new(),
    })
}

/// State shared by schema and operation resolution for one service.
pub(crate) struct Resolver<'a> {
    /// Every file the root spec's `$ref`s name, loaded up front.
    pub(crate) docs: &'a DocumentSet,
    /// What following `$ref`s leaves behind.
    pub(crate) trail: &'a mut Trail,
    pub(crate) diagnostics: &'a mut Diagnostics,
    /// What armgen leaves out of the code without failing: an operation it
    /// cannot send, which the rest of the spec does not need.
    pub(crate) warnings: &'a mut Vec<Diagnostic>,
    pub(crate) secrets: &'a SecretPolicy,
    pub(crate) nulls: Nulls,
    /// Type names handed out so far in this service.
    pub(crate) model_names: Scope,
    /// A definition reached twice is one model.
    pub(crate) models_by_node: HashMap<Node, ModelId>,
    /// `x-ms-enum` names are shared across the spec: one enum per name.
    pub(crate) enums_by_name: HashMap<String, ModelId>,
    pub(crate) models: BTreeMap<ModelId, Model>,
    /// Definitions named but not built yet (breadth-first, so recursion through
    /// `$ref` cycles terminates).
    pub(crate) pending: VecDeque<(Node, String)>,
    /// Each distinct `pattern` is compiled once, to check it, with the
    /// reason it fails if it does: ARM specs repeat the same few patterns
    /// (`resourceGroupName`'s on every operation), and compiling one with
    /// Unicode classes such as `\w` costs far more than the rest of the
    /// operation's resolution.
    pub(crate) checked_patterns: HashMap<String, Option<String>>,
    /// What the secret policy said of each wire name: specs repeat the same
    /// names (`name`, `id`, `type`) on every model, and the policy's pattern
    /// runs on regex's slowest engine (its performance features are off,
    /// to keep build scripts quick to compile).
    pub(crate) secret_names: HashMap<String, bool>,
    /// The path item read last, which [`Resolver::value`] reads an
    /// operation's nodes from.
    path_item: PathItemMemo<'a>,
    /// Names made of the spec's words so far.
    pub(crate) names: NameMemo,
}

/// [`naming`](crate::naming)'s names of the spec's words, by word. Specs
/// repeat the same parameter and property names on every operation and
/// model (`subscriptionId`, `name`, `properties`), and heck's case
/// conversion of one costs thousands of instructions: made again each
/// time, they were about an eighth of the resolve stage.
#[derive(Default)]
pub(crate) struct NameMemo {
    types: HashMap<String, String>,
    values: HashMap<String, String>,
}

impl NameMemo {
    /// [`naming::type_name`](crate::naming::type_name) of `word`.
    pub(crate) fn type_name(&mut self, word: &str) -> String {
        Self::memo(&mut self.types, word, crate::naming::type_name)
    }

    /// [`naming::value_name`](crate::naming::value_name) of `word`.
    pub(crate) fn value_name(&mut self, word: &str) -> String {
        Self::memo(&mut self.values, word, crate::naming::value_name)
    }

    fn memo(names: &mut HashMap<String, String>, word: &str, make: fn(&str) -> String) -> String {
        if let Some(name) = names.get(word) {
            return name.clone();
        }
        let name = make(word);
        names.insert(word.to_owned(), name.clone());
        name
    }
}

/// The path item (`/paths/<template>`) read last. Resolution reads an
/// operation's nodes one by one, each by its pointer from the document's
/// root, and the path item's key (a whole URL template, escaped) is the
/// costliest token on the way: unescaped and hashed again for every node,
/// it made looking nodes up more than twice as costly (callgrind, EventGrid:
/// 79 M instructions of lookups before, 34 M after).
#[derive(Default)]
struct PathItemMemo<'a>(RefCell<Option<(DocId, String, &'a Value)>>);

impl<'a> PathItemMemo<'a> {
    /// The value at `node` in `docs`, from the path item it is below when
    /// it is below one.
    fn value(&self, docs: &'a DocumentSet, node: &Node) -> Option<&'a Value> {
        let pointer = node.pointer.as_str();
        let Some(rest) = pointer.strip_prefix("/paths/") else {
            return docs.get(node);
        };
        let end = rest
            .find('/')
            .map_or(pointer.len(), |at| "/paths/".len() + at);
        let (item_pointer, below) = pointer.split_at(end);
        let mut memo = self.0.borrow_mut();
        let item = match &*memo {
            Some((doc, at, value)) if *doc == node.doc && at == item_pointer => *value,
            _ => {
                let item = Node {
                    doc: node.doc,
                    pointer: item_pointer.to_owned(),
                };
                let value = docs.get(&item)?;
                *memo = Some((item.doc, item.pointer, value));
                value
            }
        };
        crate::load::pointer::lookup(item, below)
    }
}

impl<'a> Resolver<'a> {
    fn new(
        docs: &'a DocumentSet,
        trail: &'a mut Trail,
        diagnostics: &'a mut Diagnostics,
        warnings: &'a mut Vec<Diagnostic>,
        settings: &Settings<'a>,
    ) -> Self {
        Resolver {
            docs,
            trail,
            diagnostics,
            warnings,
            secrets: settings.secrets,
            nulls: settings.nulls,
            // Generated code names the prelude's types plainly, so a model
            // called `Option` would hide it (and `async_trait` writes `Box`
            // unqualified in the page impls of the models module).
            model_names: Scope::with_reserved(&crate::naming::PRELUDE_TYPES),
            models_by_node: HashMap::new(),
            enums_by_name: HashMap::new(),
            models: BTreeMap::new(),
            pending: VecDeque::new(),
            checked_patterns: HashMap::new(),
            secret_names: HashMap::new(),
            path_item: PathItemMemo::default(),
            names: NameMemo::default(),
        }
    }

    /// The value at `node`, if the pointer exists. It borrows the documents,
    /// not the resolver, so it can be read while the resolver reports
    /// problems or builds models: no subtree is copied.
    pub(crate) fn value(&self, node: &Node) -> Option<&'a Value> {
        self.path_item.value(self.docs, node)
    }

    /// The value at `node`, `Null` where there is none.
    pub(crate) fn at(&self, node: &Node) -> &'a Value {
        static NULL: Value = Value::Null;
        self.value(node).unwrap_or(&NULL)
    }

    /// Follows the `$ref`s at `node` to the node they lead to, recording
    /// them on the trail.
    pub(crate) fn deref(&mut self, node: &Node) -> Result<Node, Diagnostic> {
        let (docs, path_item) = (self.docs, &self.path_item);
        docs.deref_with(self.trail, node, |node| path_item.value(docs, node))
    }

    /// `ty`, `Nullable` where the schema `value` (as written, beside a
    /// `$ref`) may be null: `x-nullable: true`, or no `x-nullable` at all
    /// when the project tolerates undeclared nulls.
    pub(crate) fn nullable_if(&self, ty: TypeRef, value: Option<&Value>) -> TypeRef {
        nullable_as(ty, value, self.nulls)
    }

    /// Whether a string called `wire_name` is secret ([`SecretPolicy::is_secret`]).
    pub(crate) fn is_secret(&mut self, wire_name: &str, marked: bool) -> bool {
        if marked {
            return true;
        }
        if let Some(&secret) = self.secret_names.get(wire_name) {
            return secret;
        }
        let secret = self.secrets.is_secret(wire_name, false);
        self.secret_names.insert(wire_name.to_owned(), secret);
        secret
    }

    pub(crate) fn error(&mut self, node: &Node, message: impl Into<String>) {
        let location = self.docs.location(node);
        self.diagnostics.push(Diagnostic::new(location, message));
    }

    pub(crate) fn warning(&mut self, node: &Node, message: impl Into<String>) {
        let location = self.docs.location(node);
        self.warnings.push(Diagnostic::new(location, message));
    }

    fn check_swagger_version(&mut self, root: &Node) {
        match self.value(&root.child("swagger")).and_then(Value::as_str) {
            Some("2.0") => {}
            Some(other) => {
                let message =
                    format!("only OpenAPI 2.0 (`swagger: \"2.0\"`) is supported, found `{other}`");
                self.error(&root.child("swagger"), message);
            }
            None => self.error(
                root,
                "`swagger: \"2.0\"` is missing: only OpenAPI 2.0 specs are supported",
            ),
        }
    }

    /// The models, in name order.
    fn finish_models(&mut self) -> Vec<Model> {
        std::mem::take(&mut self.models).into_values().collect()
    }
}

/// `ty`, `Nullable` where the schema `value` may be null under `nulls`:
/// `x-nullable: true`, or no `x-nullable` at all when undeclared nulls are
/// tolerated.
pub(crate) fn nullable_as(ty: TypeRef, value: Option<&Value>, nulls: Nulls) -> TypeRef {
    let declared = value
        .and_then(|v| v.get("x-nullable"))
        .and_then(Value::as_bool);
    if declared.unwrap_or(nulls.by_default()) && !matches!(ty, TypeRef::Nullable(_)) {
        TypeRef::Nullable(Box::new(ty))
    } else {
        ty
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nodes read through the memo are those `DocumentSet::get` finds,
    /// whichever path item and document the read before was in: the memo is
    /// keyed by both, and by the whole (escaped) key, not a prefix of it.
    #[test]
    fn path_item_memo_reads_what_the_documents_hold() {
        let dir = std::env::temp_dir().join(format!("armgen-memo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let spec = |tag: &str| {
            format!(
                r#"{{"paths": {{
                    "/a": {{"get": {{"operationId": "{tag}_a"}}}},
                    "/a/{{b}}": {{"get": {{"operationId": "{tag}_ab", "parameters": [{{"name": "b"}}]}}}},
                    "/a~b": {{"put": {{"operationId": "{tag}_tilde"}}}}}},
                  "definitions": {{"D": {{"type": "string"}}}}}}"#
            )
        };
        std::fs::write(dir.join("one.json"), spec("one")).unwrap();
        std::fs::write(dir.join("two.json"), spec("two")).unwrap();
        let mut docs = DocumentSet::new(&dir);
        let mut trail = Trail::default();
        let one = docs.load(&mut trail, &dir.join("one.json")).unwrap();
        let two = docs.load(&mut trail, &dir.join("two.json")).unwrap();
        let memo = PathItemMemo::default();
        let pointers = [
            "/paths/~1a/get/operationId",
            "/paths/~1a~1{b}/get/operationId",
            "/paths/~1a~1{b}/get/parameters/0/name",
            "/paths/~1a",
            "/paths/~1a/get",
            "/paths/~1a~0b/put/operationId",
            "/paths/~1a~1{b}",
            "/paths/~1a~1{b}/get/parameters/1",
            "/paths/~1nowhere/get",
            "/paths/",
            "/paths",
            "/definitions/D/type",
            "/paths/~1a~1{b}/get/operationId",
        ];
        // Alternating documents at each pointer, then each document in turn.
        let order = pointers
            .iter()
            .flat_map(|&p| [one, two, one, two].map(|doc| (doc, p)))
            .chain(
                [one, two]
                    .into_iter()
                    .flat_map(|doc| pointers.map(|p| (doc, p))),
            );
        for (doc, pointer) in order {
            let node = Node {
                doc,
                pointer: pointer.to_owned(),
            };
            assert_eq!(
                memo.value(&docs, &node),
                docs.get(&node),
                "{pointer} in {doc:?}"
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

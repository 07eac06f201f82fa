//! Every Azure `x-ms-*` extension armgen knows, and what it does with each:
//! reads it, or ignores it (a warning says what that means for the
//! generated code). An extension armgen does not know is ignored with a
//! warning too: none vanishes silently. A use armgen cannot honour, where
//! the generated code would silently do the opposite of what the spec says,
//! is a located error ([`refusal`]).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::pointer;
use crate::load::{DocumentSet, Node};
use crate::naming;

/// What armgen does with one extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Support {
    /// Read by the resolver: it changes the generated code.
    Read,
    /// Known and not read: what that means for the generated code.
    Ignored(&'static str),
}

/// Every extension armgen knows, by name.
const KNOWN: &[(&str, Support)] = &[
    ("x-ms-client-name", Support::Read),
    ("x-ms-client-request-id", Support::Read),
    ("x-ms-code-generation-settings", Support::Read),
    ("x-ms-discriminator-value", Support::Read),
    ("x-ms-enum", Support::Read),
    ("x-ms-examples", Support::Read),
    ("x-ms-long-running-operation", Support::Read),
    ("x-ms-long-running-operation-options", Support::Read),
    ("x-ms-mutability", Support::Read),
    ("x-ms-pageable", Support::Read),
    ("x-ms-parameter-grouping", Support::Read),
    ("x-ms-parameter-location", Support::Read),
    ("x-ms-secret", Support::Read),
    ("x-ms-skip-url-encoding", Support::Read),
    ("x-ms-api-version", Support::Read),
    (PARAMETERIZED_HOST, Support::Read),
    (X_MS_PATHS, Support::Read),
    (
        "x-ms-client-flatten",
        Support::Ignored("models stay nested as on the wire (`properties` remains a field)"),
    ),
    (
        "x-ms-flatten",
        Support::Ignored("models stay nested as on the wire (`properties` remains a field)"),
    ),
    (
        "x-ms-azure-resource",
        Support::Ignored("it marks ARM resource models, which need no special code"),
    ),
    (
        "x-ms-identifiers",
        Support::Ignored("it names the properties that identify array items, for diffing tools"),
    ),
    (
        "x-ms-arm-id-details",
        Support::Ignored(
            "it documents which resource types an ARM id may name; the id stays a string",
        ),
    ),
    (
        "x-ms-external",
        Support::Ignored("the model is generated from its schema like any other"),
    ),
    (
        "x-ms-odata",
        Support::Ignored("the OData `$filter` it describes stays a string parameter"),
    ),
    (
        "x-ms-error-response",
        Support::Ignored("every status outside 2xx is decoded as an error already"),
    ),
    (
        "x-ms-request-id",
        Support::Ignored("azure_core reads the request id header itself"),
    ),
    (
        "x-ms-header-collection-prefix",
        Support::Ignored(
            "a header collection is neither sent nor read (such a parameter is refused where it is)",
        ),
    ),
];

// One reader per extension the resolver reads: the only place its name and
// shape are spelled out.

/// `x-ms-parameterized-host` (read by `host.rs`): a host template and its
/// parameters.
pub(crate) const PARAMETERIZED_HOST: &str = "x-ms-parameterized-host";

/// `x-ms-paths` (read by `operations.rs`): more path items, whose keys may
/// end in a query string.
pub(crate) const X_MS_PATHS: &str = "x-ms-paths";

/// `x-ms-client-name`: the name generated code uses instead of the wire
/// name.
pub(crate) fn client_name(value: &Value) -> Option<&str> {
    value.get("x-ms-client-name").and_then(Value::as_str)
}

/// `x-ms-code-generation-settings.name`: the client's type name.
pub(crate) fn client_type_name(info: &Value) -> Option<&str> {
    info.pointer("/x-ms-code-generation-settings/name")
        .and_then(Value::as_str)
}

/// `x-ms-discriminator-value`: the value that names a derived model in its
/// base's discriminator.
pub(crate) fn discriminator_value(value: &Value) -> Option<&str> {
    value
        .get("x-ms-discriminator-value")
        .and_then(Value::as_str)
}

/// `x-ms-enum`, for a schema with `enum` values.
pub(crate) struct Enum<'a> {
    /// The enum's type name, shared by every schema giving the same one.
    pub(crate) name: Option<&'a str>,
    /// `modelAsString`: values other than those listed are accepted.
    pub(crate) extensible: bool,
    /// `values`: each value's description and name.
    pub(crate) values: Option<&'a Vec<Value>>,
}

/// `x-ms-enum`.
pub(crate) fn enumeration(value: &Value) -> Enum<'_> {
    let field = |name: &str| value.get("x-ms-enum").and_then(|e| e.get(name));
    Enum {
        name: field("name").and_then(Value::as_str),
        extensible: field("modelAsString")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        values: field("values").and_then(Value::as_array),
    }
}

/// `x-ms-examples`: example names and their `{$ref: file}` entries.
pub(crate) fn examples(value: &Value) -> Option<&serde_json::Map<String, Value>> {
    value.get("x-ms-examples").and_then(Value::as_object)
}

/// The field of `x-ms-examples` (for locating its entries).
pub(crate) const EXAMPLES: &str = "x-ms-examples";

/// `x-ms-long-running-operation: true`.
pub(crate) fn long_running(value: &Value) -> bool {
    value
        .get("x-ms-long-running-operation")
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// `x-ms-long-running-operation-options.final-state-via`, as written, and
/// the path to it (for locating it).
pub(crate) fn final_state_via(value: &Value) -> (Option<&str>, [&'static str; 2]) {
    let path = ["x-ms-long-running-operation-options", "final-state-via"];
    let found = value
        .get(path[0])
        .and_then(|options| options.get(path[1]))
        .and_then(Value::as_str);
    (found, path)
}

/// `x-ms-mutability`: when a field may be sent (`create`, `update`,
/// `read`).
pub(crate) fn mutability(value: &Value) -> Option<Vec<String>> {
    value
        .get("x-ms-mutability")
        .and_then(Value::as_array)
        .map(|values| {
            values
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
}

/// `x-ms-pageable`.
pub(crate) struct Pageable<'a> {
    /// `nextLinkName`: the field holding the next page's URL, if any.
    pub(crate) next_link_name: Option<&'a str>,
    /// `itemName`: the field holding the items (default `value`).
    pub(crate) item_name: &'a str,
    /// `operationName`: the operation that fetches the next pages.
    pub(crate) operation_name: Option<&'a str>,
}

/// `x-ms-pageable`.
pub(crate) fn pageable(value: &Value) -> Option<Pageable<'_>> {
    let pageable = value.get("x-ms-pageable")?;
    Some(Pageable {
        next_link_name: pageable.get("nextLinkName").and_then(Value::as_str),
        item_name: pageable
            .get("itemName")
            .and_then(Value::as_str)
            .unwrap_or("value"),
        operation_name: pageable.get("operationName").and_then(Value::as_str),
    })
}

/// `x-ms-parameter-location`: `Some(true)` for `client`, `Some(false)` for
/// `method`, `None` when absent (or anything else).
pub(crate) fn client_parameter(value: &Value) -> Option<bool> {
    match value.get("x-ms-parameter-location").and_then(Value::as_str) {
        Some("client") => Some(true),
        Some("method") => Some(false),
        _ => None,
    }
}

/// The field of `x-ms-parameter-grouping` (for locating it).
pub(crate) const PARAMETER_GROUPING: &str = "x-ms-parameter-grouping";

/// `x-ms-parameter-grouping` of a parameter: the type name of the struct it
/// is a field of. `name` gives it; else it is the operationId followed by
/// `postfix`, `Parameters` unless given, as AutoRest names it (the
/// operation group then renames one called as a prelude type: see
/// `name_param_groups`). `None` when the parameter is not grouped, or the
/// value is not a mapping.
pub(crate) fn parameter_group(value: &Value, operation_id: &str) -> Option<String> {
    let grouping = value.get(PARAMETER_GROUPING)?.as_object()?;
    let text = |field: &str| grouping.get(field).and_then(Value::as_str);
    Some(match text("name") {
        Some(name) => naming::type_name(name),
        None => naming::join(&[
            &naming::type_name(operation_id),
            &naming::type_name(text("postfix").unwrap_or("Parameters")),
        ]),
    })
}

/// `x-ms-client-request-id: true`: the header that carries the client
/// request id.
pub(crate) fn client_request_id(value: &Value) -> bool {
    value
        .get("x-ms-client-request-id")
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// `x-ms-secret: true`.
pub(crate) fn secret(value: &Value) -> bool {
    value
        .get("x-ms-secret")
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// Whether an `api-version` query parameter is the client's (the default),
/// not the operation's own: `x-ms-api-version: false` makes it an argument
/// like any other, and the client's version is then not sent.
pub(crate) fn client_api_version(value: &Value) -> bool {
    value
        .get("x-ms-api-version")
        .and_then(Value::as_bool)
        .unwrap_or(true)
}

/// `x-ms-skip-url-encoding: true`: a path parameter that spans segments.
pub(crate) fn skip_url_encoding(value: &Value) -> bool {
    value
        .get("x-ms-skip-url-encoding")
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// What armgen does with extension `name`; `None` for one it does not know.
pub(crate) fn support(name: &str) -> Option<Support> {
    KNOWN
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, support)| *support)
}

/// Why armgen cannot honour this use of extension `name` (with `value`,
/// at `pointer`), and what to do: generated code would silently do the
/// opposite of what the spec says.
fn refusal(name: &str, pointer: &str, value: &Value) -> Option<(&'static str, &'static str)> {
    // `x-ms-error-response: true` on a success status: armgen decodes every
    // 2xx response as a success.
    let status = pointer.rsplit('/').nth(1)?;
    let success = status.parse::<u16>().is_ok_and(|s| (200..300).contains(&s));
    let in_responses = pointer.rsplit('/').nth(2) == Some("responses");
    (name == "x-ms-error-response" && *value == Value::Bool(true) && success && in_responses)
        .then_some((
            "a 2xx response marked as an error would be decoded as a success",
            "give the error a status outside 2xx, or remove the 2xx response",
        ))
}

/// Maps whose keys are names chosen by the spec's author (a property, a
/// definition, a path, a status code), not fields of the OpenAPI object
/// they sit in: a property called `x-ms-foo` is no extension.
const NAME_MAPS: &[&str] = &[
    "properties",
    "definitions",
    "parameters",
    "responses",
    "paths",
    "headers",
    "securityDefinitions",
    "scopes",
];

/// Fields whose values are data, not OpenAPI objects.
const DATA: &[&str] = &["example", "examples", "default", "enum", "x-example"];

/// Checks the extensions of `nodes` (each with everything below it): a use
/// armgen cannot honour is an error where it is; ignored and unknown ones are a
/// warning each, at their first use, with how many uses there are, unless
/// the project `accepted` them. Nodes below another one of `nodes` are
/// looked at once.
pub(crate) fn check(
    docs: &DocumentSet,
    nodes: &[Node],
    accepted: &[String],
    diagnostics: &mut Diagnostics,
    warnings: &mut Vec<Diagnostic>,
) {
    let mut nodes = nodes.to_vec();
    nodes.sort();
    nodes.dedup();
    let mut found = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for node in &nodes {
        let covered = seen.iter().any(|done: &Node| {
            done.doc == node.doc
                && (node.pointer == done.pointer
                    || node.pointer.starts_with(&format!("{}/", done.pointer)))
        });
        if covered {
            continue;
        }
        seen.insert(node.clone());
        if let Some(value) = docs.get(node) {
            let mut pointers = Vec::new();
            walk(value, &node.pointer, false, &mut pointers);
            found.extend(pointers.into_iter().map(|(name, pointer)| {
                let at = Node {
                    doc: node.doc,
                    pointer,
                };
                (name, at)
            }));
        }
    }
    // Ignored and unknown extensions: one warning per name, at the first use.
    let mut uses: BTreeMap<&str, (usize, &Node)> = BTreeMap::new();
    for (name, at) in &found {
        let refused = docs
            .get(at)
            .and_then(|value| refusal(name, &at.pointer, value));
        if let Some((why, remedy)) = refused {
            diagnostics.push(
                Diagnostic::new(
                    docs.location(at),
                    format!("`{name}` is not supported here: {why}"),
                )
                .with_help(remedy),
            );
            continue;
        }
        match support(name) {
            Some(Support::Read) => {}
            Some(Support::Ignored(_)) | None => {
                if !accepted.iter().any(|a| a == name) {
                    uses.entry(name).or_insert((0, at)).0 += 1;
                }
            }
        }
    }
    for (name, (count, first)) in uses {
        let how_many = match count {
            1 => String::new(),
            n => format!(" ({n} uses, the first here)"),
        };
        let message = match support(name) {
            Some(Support::Ignored(why)) => format!("`{name}` is ignored{how_many}: {why}"),
            _ => format!("`{name}` is not an extension armgen knows; it is ignored{how_many}"),
        };
        warnings.push(Diagnostic::new(docs.location(first), message));
    }
}

/// Collects the name and pointer of every `x-ms-*` field below `value` (at
/// `pointer`), in document order. `names` says that `value`'s keys are
/// names, not fields.
fn walk(value: &Value, pointer: &str, names: bool, found: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_pointer = pointer::child(pointer, key);
                if !names && pointer.is_empty() && key == X_MS_PATHS {
                    // Path items like `paths`' (keys are names): their
                    // extensions are checked like any operation's.
                    found.push((key.clone(), child_pointer.clone()));
                    walk(child, &child_pointer, true, found);
                } else if !names && key.starts_with("x-ms-") {
                    // An extension's own content is its reader's business.
                    found.push((key.clone(), child_pointer));
                } else if names || !DATA.contains(&key.as_str()) {
                    let child_names = !names && NAME_MAPS.contains(&key.as_str());
                    walk(child, &child_pointer, child_names, found);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{pointer}/{i}"), false, found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(value: Value) -> Vec<(String, String)> {
        let mut found = Vec::new();
        walk(&value, "", false, &mut found);
        found
    }

    #[test]
    fn extensions_are_fields_not_names_nor_data_and_x_ms_paths_items_are_walked() {
        let spec = serde_json::json!({
            "x-ms-paths": {"/a?b": {"x-ms-inner": 1}},
            "definitions": {
                "x-ms-named-model": {
                    "properties": {"x-ms-property": {"type": "string", "x-ms-client-flatten": true}},
                    "example": {"x-ms-data": 1},
                    "x-ms-azure-resource": true
                }
            },
            "paths": {"/p": {"get": {"responses": {"404": {"x-ms-error-response": true}}}}}
        });
        assert_eq!(
            found(spec),
            [
                ("x-ms-paths", "/x-ms-paths"),
                ("x-ms-inner", "/x-ms-paths/~1a?b/x-ms-inner"),
                (
                    "x-ms-client-flatten",
                    "/definitions/x-ms-named-model/properties/x-ms-property/x-ms-client-flatten"
                ),
                (
                    "x-ms-azure-resource",
                    "/definitions/x-ms-named-model/x-ms-azure-resource"
                ),
                (
                    "x-ms-error-response",
                    "/paths/~1p/get/responses/404/x-ms-error-response"
                ),
            ]
            .map(|(n, p)| (n.to_owned(), p.to_owned()))
        );
    }

    #[test]
    fn every_extension_the_resolver_reads_is_listed_as_read() {
        // The readers above, and any read that slipped back into the
        // resolver.
        let readers = include_str!("extensions.rs")
            .split_once("// One reader per extension")
            .and_then(|(_, rest)| rest.split_once("/// What armgen does with extension `name`"))
            .map(|(readers, _)| readers)
            .unwrap_or_default();
        assert!(readers.contains("fn client_name"), "the readers are found");
        for (name, support) in KNOWN {
            if *support == Support::Read {
                assert!(
                    readers.contains(&format!("{name}\"")) || readers.contains(&format!("{name}/")),
                    "{name} has no reader"
                );
            }
        }
        let sources = [
            readers,
            include_str!("mod.rs"),
            include_str!("host.rs"),
            include_str!("operations.rs"),
            include_str!("schema.rs"),
        ];
        for source in sources {
            for (i, _) in source.match_indices("\"x-ms-") {
                let rest = &source[i + 1..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                assert_eq!(support(&name), Some(Support::Read), "{name}");
            }
            for (i, _) in source.match_indices("\"/x-ms-") {
                let rest = &source[i + 2..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                assert_eq!(support(&name), Some(Support::Read), "{name}");
            }
        }
    }
}

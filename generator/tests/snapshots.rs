//! Golden snapshots of emitted code. The snapshot (an index and a folder per
//! module under `snapshots/`) is also compiled and exercised by the bindings
//! crate (`tests/odd_names.rs`), under `clippy -D warnings` in CI.
//!
//! Besides the odd-names fixture it holds a provider at two api-versions
//! (`fixtures/versions`: what they share, a sub-client generic over the
//! version) and the `names` fixture, which this
//! test writes: every Rust keyword, prelude name, runtime item and name of
//! the generated code itself at every naming position, so that generated
//! code can be seen not to depend on the names a spec happens to use.

mod support;

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

/// Specs whose bindings have no parameters at all, or no operations: the
/// shapes that leave generated variables and fields unused.
const PARAMLESS: &[&str] = &["bare", "empty"];

/// Modules named after keywords (strict, reserved, edition 2018/2024 ones,
/// and those that cannot be raw) and a primitive type.
const KEYWORD_MODULES: &[&str] = &["type", "match", "async", "gen", "mod", "self", "str"];

fn snapshot() -> armgen::Output {
    let mut config = armgen::Config::new(support::fixtures().join("fixtures"))
        .spec("odd/odd.yaml", "odd")
        .spec("names/names.json", "names")
        // Success bodies by status, `Option` results, `x-nullable` items and
        // `additionalProperties` maps, polymorphic children: compiled (with
        // the `dynamic` feature) by the root crate's tests.
        .spec("responses/responses.yaml", "responses")
        .spec("nullable/nullable.yaml", "nullable")
        .spec("additional/additional.yaml", "additional")
        .spec("polymorphic/polymorphic.yaml", "polymorphic")
        .spec("formats/formats.yaml", "formats")
        // `x-ms-parameter-grouping` structs, called over HTTPS by
        // `tests/parameter_groups.rs`.
        .spec("groups/groups.yaml", "groups")
        // A provider at two api-versions: `shared`, a generic sub-client,
        // each version behind its feature (the root crate's tests turn both on).
        .versions("parts", ["versions/old.yaml", "versions/new.yaml"])
        .refresh_command("ARMGEN_BLESS=1 cargo test -p armgen --test snapshots");
    for spec in PARAMLESS {
        config = config.spec(format!("names/{spec}.yaml"), *spec);
    }
    for module in KEYWORD_MODULES {
        config = config.spec("names/empty.yaml", *module);
    }
    config.generate().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn snapshot_is_fresh() {
    let output = snapshot();
    let dir = support::fixtures().join("snapshots");
    if support::blessing() {
        let rewritten = output.write_to(&dir).unwrap();
        support::fail_blessed("snapshots/", &rewritten);
    }
    let stale = output.stale_files(&dir).unwrap();
    let diffs: String = stale.iter().map(|s| s.diff.as_str()).collect();
    assert!(
        stale.is_empty(),
        "snapshots/ differs (rerun with ARMGEN_BLESS=1 to rewrite it):\n{diffs}"
    );
}

#[test]
fn snapshot_generates_deterministically() {
    assert_eq!(snapshot().files, snapshot().files);
}

/// Rust's keywords, as armgen's naming knows them.
fn keywords() -> Vec<String> {
    armgen::naming::KEYWORDS
        .iter()
        .map(|k| k.to_string())
        .chain(["_".to_owned()])
        .collect()
}

/// What the 2024 edition's prelude and the extern prelude put in scope
/// everywhere: types, traits, derives, functions, macros, primitive types
/// and crates.
const PRELUDE: &[&str] = &[
    "Copy",
    "Send",
    "Sized",
    "Sync",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "AsyncFn",
    "AsyncFnMut",
    "AsyncFnOnce",
    "drop",
    "size_of",
    "size_of_val",
    "align_of",
    "align_of_val",
    "Box",
    "ToOwned",
    "Clone",
    "PartialEq",
    "PartialOrd",
    "Eq",
    "Ord",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "Default",
    "Iterator",
    "Extend",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "ToString",
    "Vec",
    "TryFrom",
    "TryInto",
    "FromIterator",
    "Future",
    "IntoFuture",
    "Debug",
    "Hash",
    "assert",
    "assert_eq",
    "cfg",
    "concat",
    "env",
    "format",
    "format_args",
    "include",
    "include_str",
    "matches",
    "option_env",
    "panic",
    "stringify",
    "todo",
    "unreachable",
    "vec",
    "write",
    "bool",
    "char",
    "str",
    "i32",
    "i64",
    "u8",
    "u64",
    "usize",
    "f32",
    "f64",
    "std",
    "core",
    "alloc",
];

/// Names generated code defines or uses itself: arguments and locals,
/// helper items and modules, and what derives bind.
const GENERATED: &[&str] = &[
    "endpoint",
    "api_version",
    "options",
    "url",
    "request",
    "validator",
    "value",
    "params",
    "path",
    "at",
    "json",
    "members",
    "page",
    "pipeline",
    "response",
    "operation_id",
    "credential",
    "subscription_id",
    "inner",
    "tag",
    "method_options",
    "f",
    "new",
    "API_VERSION",
    "DEFAULT_ENDPOINT",
    "SERVICES",
    "OPERATIONS",
    "build_request",
    "decode_response",
    "models",
    "clients",
    "dynamic",
    "patterns",
    "Other",
    "Unknown",
    "Arc",
    "LazyLock",
    "BTreeMap",
    "Cow",
    "Value",
    "Map",
    "Serialize",
    "Deserialize",
    "Serializer",
    "Deserializer",
    // What the runtime's `json_struct!` expands to: its generic parameters,
    // locals and the traits it implements.
    "A",
    "D",
    "S",
    "Visitor",
    "MapAccess",
    "map",
    "key",
    "state",
    "len",
    "serializer",
    "deserializer",
    "formatter",
    "TokenCredential",
    "SafeDebug",
    "ClientMethodOptions",
    "NoFormat",
    "Pager",
    "Response",
    "Context",
    "azure_core",
    "serde",
    "serde_json",
    "regex",
    "url",
    "armgen_runtime",
    "__private",
];

/// Every item the runtime exports, read from its `lib.rs`, so that an item
/// added there is thrown at the generator too.
fn runtime_items() -> Vec<String> {
    let lib = std::fs::read_to_string(support::fixtures().join("../../runtime/src/lib.rs"))
        .expect("runtime/src/lib.rs");
    let mut items = Vec::new();
    for statement in lib.split(';') {
        let Some(start) = statement.find("pub use ") else {
            continue;
        };
        let used = &statement[start + "pub use ".len()..];
        let names = match (used.find('{'), used.rfind('}')) {
            (Some(open), Some(close)) => used[open + 1..close].to_owned(),
            _ => used.rsplit("::").next().unwrap_or("").to_owned(),
        };
        for name in names.split(',') {
            // `a as b` exports `b`.
            if let Some(name) = name.split_whitespace().last() {
                items.push(name.to_owned());
            }
        }
    }
    assert!(
        items.iter().any(|i| i == "UrlBuilder") && items.iter().any(|i| i == "string_enum"),
        "reading runtime/src/lib.rs failed: {items:?}"
    );
    items
}

/// Every name thrown at the generator, each once.
fn names() -> Vec<String> {
    let mut seen = BTreeSet::new();
    keywords()
        .into_iter()
        .chain(PRELUDE.iter().map(|n| n.to_string()))
        .chain(runtime_items())
        .chain(GENERATED.iter().map(|n| n.to_string()))
        .filter(|n| seen.insert(n.clone()))
        .collect()
}

fn string_param(name: &str, location: &str, required: bool) -> Value {
    json!({"name": name, "in": location, "required": required, "type": "string", "minLength": 1})
}

/// Parameters of each kind the generator emits differently: a string, a
/// number and a string enum, in turn.
fn param(i: usize, name: &str, location: &str, required: bool) -> Value {
    match i % 3 {
        0 => string_param(name, location, required),
        1 => json!({
            "name": name, "in": location, "required": required,
            "type": "integer", "format": "int32", "minimum": 1
        }),
        _ => json!({
            "name": name, "in": location, "required": required, "type": "string",
            "enum": ["a", "b"], "x-ms-enum": {"name": "Choice", "modelAsString": false}
        }),
    }
}

fn api_version() -> Value {
    json!({"name": "api-version", "in": "query", "required": true, "type": "string"})
}

fn ok(schema: Value) -> Value {
    json!({"200": {"description": "OK", "schema": schema}, "default": {"description": "Error"}})
}

fn reference(definition: &str) -> Value {
    json!({"$ref": format!("#/definitions/{}", definition.replace('~', "~0").replace('/', "~1"))})
}

/// The `names` spec: every name as a model (with a field of its own name
/// and a child of a polymorphic type tagged with it), a field, a value of a
/// closed and of an extensible enum, a parameter of every location (required
/// and optional), an operation group with an operation and a required body
/// of the name, and a long-running operation with an optional body.
fn names_spec() -> Value {
    let names = names();
    let mut paths = Map::new();
    let mut definitions = Map::new();

    // Parameters: one operation per location and requiredness, holding every
    // name; path ones in a few operations, as YAML (and so armgen) reads no
    // mapping key, and so no path template, longer than 1024 characters.
    let kinds: [(&str, &str, bool); 4] = [
        ("QueryRequired", "query", true),
        ("QueryOptional", "query", false),
        ("HeaderRequired", "header", true),
        ("HeaderOptional", "header", false),
    ];
    for (op, location, required) in kinds {
        let mut parameters = vec![api_version()];
        parameters.extend(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| param(i, n, location, required)),
        );
        paths.insert(
            format!("/parameters/{op}"),
            json!({"put": {
                "operationId": format!("Parameters_{op}"),
                "parameters": parameters,
                "responses": ok(reference("Fields")),
            }}),
        );
    }
    for (chunk, names) in names.chunks(50).enumerate() {
        let template: String = names.iter().map(|n| format!("/{{{n}}}")).collect();
        let mut parameters = vec![api_version()];
        parameters.extend(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| param(i, n, "path", true)),
        );
        paths.insert(
            format!("/path{chunk}{template}"),
            json!({"put": {
                "operationId": format!("Parameters_Path{chunk}"),
                "parameters": parameters,
                "responses": ok(reference("Fields")),
            }}),
        );
    }
    // Fields, with enums of every value, read-only members and nested models
    // to strip them from, sent and received.
    let mut fields = Map::new();
    for (i, n) in names.iter().enumerate() {
        let field = match i % 4 {
            0 => json!({"type": "string", "maxLength": 10}),
            1 => json!({"type": "string", "readOnly": true}),
            2 => reference("Fields"),
            _ => json!({"type": "array", "items": reference(n), "maxItems": 3}),
        };
        fields.insert(n.clone(), field);
    }
    for (name, extensible) in [("closed", false), ("extensible", true)] {
        fields.insert(
            format!("{name} enum"),
            json!({
                "type": "string", "enum": names,
                "x-ms-enum": {"name": format!("{name} values"), "modelAsString": extensible}
            }),
        );
    }
    let required: Vec<&String> = names.iter().step_by(4).collect();
    definitions.insert(
        "Fields".to_owned(),
        json!({"type": "object", "required": required, "properties": fields}),
    );
    paths.insert(
        "/fields".to_owned(),
        json!({"patch": {
            "operationId": "Fields_Update",
            "parameters": [api_version(), {"name": "fields", "in": "body", "required": true, "schema": reference("Fields")}],
            "responses": ok(reference("Fields")),
        }}),
    );
    // Bodies that are plain strings, required and optional.
    for (op, required) in [("String", true), ("OptionalString", false)] {
        paths.insert(
            format!("/bodies/{op}"),
            json!({"put": {
                "operationId": format!("Bodies_{op}"),
                "parameters": [{"name": "body", "in": "body", "required": required, "schema": {"type": "string"}}],
                "responses": {"204": {"description": "Stored"}},
            }}),
        );
    }
    // A parameter group of every name: its struct is a type of the group's
    // module, where a plain `Option` or `String` must still mean the
    // prelude's.
    let mut grouped = vec![api_version()];
    grouped.extend(names.iter().enumerate().map(|(i, n)| {
        let mut p = param(i, &format!("p{i}"), "query", i % 2 == 0);
        p["x-ms-parameter-grouping"] = json!({"name": n});
        p
    }));
    paths.insert(
        "/parameter-groups".to_owned(),
        json!({"get": {
            "operationId": "ParameterGroups_Every",
            "parameters": grouped,
            "responses": ok(reference("Fields")),
        }}),
    );
    // A polymorphic type whose children are tagged with every name.
    definitions.insert(
        "Polymorphic".to_owned(),
        json!({"type": "object", "discriminator": "kind", "required": ["kind"],
               "properties": {"kind": {"type": "string"}}}),
    );
    // Models, groups, operations and bodies. Names that make one function
    // name (`Box` and `box`) would be two operations of one name, which the
    // generator rightly refuses: each function name once.
    let mut functions = BTreeSet::new();
    for (i, n) in names.iter().enumerate() {
        definitions.insert(
            n.clone(),
            json!({
                "type": "object",
                "x-ms-discriminator-value": n,
                "allOf": [reference("Polymorphic")],
                "properties": {
                    n.clone(): {"type": "string", "readOnly": true},
                    "next": reference(n),
                },
            }),
        );
        if !functions.insert(armgen::naming::value_name(n)) {
            continue;
        }
        paths.insert(
            format!("/groups/{i}"),
            json!({"post": {
                "operationId": format!("{n}_{n}"),
                "parameters": [api_version(), {"name": n, "in": "body", "required": true, "schema": reference(n)}],
                "responses": ok(reference(n)),
            }}),
        );
        paths.insert(
            format!("/optional-bodies/{i}"),
            json!({"post": {
                "operationId": format!("OptionalBodies_{n}"),
                "x-ms-long-running-operation": true,
                "parameters": [{"name": n, "in": "body", "required": false, "schema": reference(n)}],
                "responses": ok(reference("Polymorphic")),
            }}),
        );
    }
    json!({
        "swagger": "2.0",
        "info": {"title": "Every name at every position", "version": "2020-01-01"},
        "host": "management.azure.com",
        "paths": paths,
        "definitions": definitions,
    })
}

#[test]
fn names_fixture_is_fresh() {
    let text = serde_json::to_string_pretty(&names_spec()).unwrap() + "\n";
    support::assert_golden("fixtures/names/names.json", &text);
}

/// Every name as a module, given explicitly (`--spec FILE=MODULE`) or as a
/// spec file's name: generated with the name escaped, or refused with a
/// located diagnostic naming a valid module name; never a panic or an
/// internal error.
#[test]
fn every_name_as_a_module_generates_or_is_refused_with_a_diagnostic() {
    let fixtures = support::fixtures().join("fixtures");
    let dir = std::env::temp_dir().join(format!("armgen-module-names-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let empty = std::fs::read_to_string(fixtures.join("names/empty.yaml")).unwrap();
    let mut odd = names();
    odd.extend(["1abc", "a-b", "", "Relay", "foo__bar", "_x", "x_"].map(str::to_owned));
    let mut generated = 0;
    let mut files = BTreeSet::new();
    for name in &odd {
        match armgen::Config::new(&fixtures)
            .spec("names/empty.yaml", name)
            .generate()
        {
            Ok(output) => {
                let module = &output.api.services[0].module;
                let file = format!("{}/mod.rs", armgen::naming::unraw(module));
                assert!(output.files.contains_key(&file), "{name}: {file}");
                generated += 1;
            }
            Err(armgen::Error::Spec(diagnostics)) => {
                let d = &diagnostics[0];
                assert!(!d.message.contains("internal error"), "{name}: {d}");
                assert!(d.message.contains("module name"), "{name}: {d}");
                assert!(d.help.as_deref().unwrap_or("").contains('`'), "{name}: {d}");
            }
            Err(other) => panic!("{name}: {other}"),
        }
        // Two files that make one module are refused: one of each.
        if !name.is_empty() && files.insert(armgen::naming::module_name(name)) {
            std::fs::write(dir.join(format!("{name}.yaml")), &empty).unwrap();
        }
    }
    assert!(generated >= KEYWORD_MODULES.len(), "{generated}");
    // From file names, modules are always made valid.
    let output = armgen::Config::new(&dir)
        .spec_dir(".")
        .unwrap()
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(output.api.services.len() > 100);
}

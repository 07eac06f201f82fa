//! `x-ms-parameter-grouping`: the parameters an operation groups are the
//! fields of one struct per group (named by the grouping's `name`, else the
//! operationId and its `postfix`, `Parameters` by default), in the operation
//! group's module, shared by every operation naming it. An operation takes a
//! group as an argument when it requires one of its parameters, else as a
//! field of its options. The snapshot compiles `fixtures/groups`, and the
//! root crate's `tests/parameter_groups.rs` calls it over HTTPS; the AutoRest
//! suite's `azure-parameter-grouping` scenarios run it against that server.

mod support;

use armgen::ir::{GroupArg, OperationGroup, ParamGroup};

fn output() -> armgen::Output {
    armgen::Config::new(support::fixtures().join("fixtures/groups"))
        .spec("groups.yaml", "groups")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn things(output: &armgen::Output) -> OperationGroup {
    output.api.services[0].groups[0].clone()
}

fn group<'a>(things: &'a OperationGroup, name: &str) -> &'a ParamGroup {
    things
        .param_groups
        .iter()
        .find(|g| g.name == name)
        .unwrap_or_else(|| panic!("no group {name} in {:?}", things.param_groups))
}

/// The names of the groups of `things`, in order.
fn group_names(things: &OperationGroup) -> Vec<&str> {
    things
        .param_groups
        .iter()
        .map(|g| g.name.as_str())
        .collect()
}

/// `(field, plain)` of a group.
fn fields(group: &ParamGroup) -> Vec<(&str, bool)> {
    group
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect()
}

/// `(argument, group, required)` of an operation.
fn args(things: &OperationGroup, id: &str) -> Vec<(String, String, bool)> {
    let op = things
        .operations
        .iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("no {id}"));
    op.param_groups
        .iter()
        .map(
            |GroupArg {
                 name,
                 group,
                 required,
             }| (name.clone(), group.clone(), *required),
        )
        .collect()
}

#[test]
fn groups_are_named_as_autorest_names_them_and_hold_each_parameter_once() {
    let output = output();
    let things = things(&output);
    let names = group_names(&things);
    assert_eq!(
        names,
        [
            "FirstGroup",
            "ListOptions",
            "Mixed",
            "ThingsGetSecond",
            "ThingsPutParameters"
        ]
    );
    // Declared once in `parameters`, named by two operations: one struct.
    let first = group(&things, "FirstGroup");
    assert_eq!(fields(first), [("query_one", false), ("header_one", false)]);
    assert_eq!(
        first.operations,
        ["Things_Get", "Things_List", "Things_ListNext"]
    );
    // Required by `Things_Put`, optional for `Things_Get`: a plain field.
    assert_eq!(
        fields(group(&things, "Mixed")),
        [("level", true), ("note", false)]
    );
    assert_eq!(
        fields(group(&things, "ThingsPutParameters")),
        [
            ("thing", true),
            ("body", true),
            ("count", false),
            ("custom", false),
            ("x_ms_encryption_key", false)
        ]
    );
    // A secret stays a `Secret` inside its group.
    let key = &group(&things, "ThingsPutParameters").fields[4];
    assert_eq!(key.ty, armgen::ir::TypeRef::Secret);
}

#[test]
fn an_operation_takes_a_group_as_an_argument_only_when_it_requires_one_of_its_parameters() {
    let output = output();
    let things = things(&output);
    let arg = |name: &str, group: &str, required| (name.to_owned(), group.to_owned(), required);
    assert_eq!(
        args(&things, "Things_Put"),
        [
            arg("things_put_parameters", "ThingsPutParameters", true),
            arg("mixed", "Mixed", true)
        ]
    );
    assert_eq!(
        args(&things, "Things_Get"),
        [
            arg("things_get_second", "ThingsGetSecond", false),
            arg("mixed", "Mixed", false),
            arg("first_group", "FirstGroup", false)
        ]
    );
    // The subscription, which the client holds, and the ungrouped `tag` stay
    // out of every group.
    let put = things
        .operations
        .iter()
        .find(|o| o.id == "Things_Put")
        .unwrap();
    for name in ["subscription_id", "tag"] {
        let p = put.params.iter().find(|p| p.name == name).unwrap();
        assert_eq!(p.group, None, "{name}");
    }
}

#[test]
fn the_client_takes_the_structs_and_the_request_functions_each_value() {
    let output = output();
    let clients = support::collapsed("groups", "groups.yaml", "groups", "clients.rs");
    assert!(
        clients.contains("pub async fn put( &self, tag: &str, things_put_parameters: super::things::ThingsPutParameters, mixed: super::things::Mixed, options:"),
        "{clients}"
    );
    assert!(
        clients.contains("pub mixed: Option<super::things::Mixed>,"),
        "{clients}"
    );
    // The request functions stay flat: `dynamic` and the emulator call them
    // with each value.
    let module = &output.files["groups/things.rs"];
    assert!(module.contains("pub fn put_request("), "{module}");
    assert!(!module.contains("put_request(\n    endpoint: &::armgen_runtime::Url,\n    api_version: &str,\n    subscription_id: &str,\n    things_put_parameters"));
    // No warning that the extension is ignored any more.
    assert!(
        !output
            .warnings
            .iter()
            .any(|w| w.to_string().contains("x-ms-parameter-grouping")),
        "{:?}",
        output.warnings
    );
}

/// At two api-versions, an operation that takes a group stays in each
/// version (the struct is the version's), while the rest is shared as
/// before.
#[test]
fn operations_that_take_a_group_are_never_shared_between_versions() {
    let tmp = std::env::temp_dir().join(format!("armgen-groups-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let text = std::fs::read_to_string(support::fixtures().join("fixtures/groups/groups.yaml"))
        .unwrap()
        // An operation without groups, the same in both versions.
        .replacen(
            "paths:\n",
            "paths:\n  /plain:\n    get:\n      operationId: Things_Plain\n      responses:\n        \"200\": {description: OK}\n",
            1,
        );
    std::fs::write(tmp.join("old.yaml"), &text).unwrap();
    std::fs::write(
        tmp.join("new.yaml"),
        text.replace("version: \"2024-01-01\"", "version: \"2025-01-01\""),
    )
    .unwrap();
    let output = armgen::Config::new(&tmp)
        .versions("groups", ["old.yaml", "new.yaml"])
        .generate();
    std::fs::remove_dir_all(&tmp).unwrap();
    let output = output.unwrap_or_else(|e| panic!("{e}"));
    let provider = &output.api.providers[0];
    let shared_ops: Vec<&str> = provider
        .shared_groups
        .iter()
        .flat_map(|g| &g.operations)
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(shared_ops, ["Things_Plain"]);
    for version in &provider.versions {
        let things = &version.groups[0];
        assert_eq!(things.param_groups.len(), 5);
        for op in &things.operations {
            let grouped = !op.param_groups.is_empty();
            assert_eq!(op.shared.request, !grouped, "{}", op.id);
            assert_eq!(op.shared.method, !grouped, "{}", op.id);
        }
    }
    let file = output
        .files
        .iter()
        .find(|(path, _)| path.ends_with("v2025_01_01/things.rs"))
        .map(|(_, text)| text.clone())
        .unwrap_or_else(|| panic!("{:?}", output.files.keys().collect::<Vec<_>>()));
    assert!(file.contains("pub struct ThingsPutParameters"), "{file}");
}

/// `x-ms-client-request-id: true` marks the header that carries the client
/// request id: an optional one is filled with a fresh UUID by the method
/// when the caller leaves it unset, grouped or not.
#[test]
fn a_header_marked_as_the_client_request_id_is_filled_when_left_unset() {
    let output = output();
    let things = things(&output);
    let get = things
        .operations
        .iter()
        .find(|o| o.id == "Things_Get")
        .unwrap();
    let id = get
        .params
        .iter()
        .find(|p| p.wire_name == "x-request-id")
        .unwrap();
    assert_eq!(id.role, armgen::ir::ParamRole::ClientRequestId);
    assert!(!id.required && id.is_argument());
    let clients = support::collapsed("groups", "groups.yaml", "groups", "clients.rs");
    for filled in [
        "Some(&*::armgen_runtime::client_request_id(options.x_request_id.as_deref())),",
        "Some(&*::armgen_runtime::client_request_id(x_request_id.as_deref())),",
    ] {
        assert!(clients.contains(filled), "missing `{filled}` in {clients}");
    }
    assert!(
        clients.contains(
            "/// The client request id (`x-request-id`): left unset, a fresh UUID is sent."
        ),
        "{clients}"
    );
}

/// A group renamed off a prelude type (`Option`, which generated code writes
/// plainly) takes the next name no group of the spec has: a group really
/// called `Option2` keeps that name and its own fields. Before, both were
/// `Option2`, one struct whose fields were both groups'.
#[test]
fn a_group_renamed_off_the_prelude_never_lands_on_another_groups_name() {
    let output = armgen::Config::new(support::fixtures().join("fixtures/groups"))
        .spec("renamed.yaml", "renamed")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let things = things(&output);
    let names = group_names(&things);
    assert_eq!(names, ["Option2", "Option3"]);
    assert_eq!(fields(group(&things, "Option2")), [("second", false)]);
    // `Option` and `option` are one group: the same struct name either way.
    assert_eq!(
        fields(group(&things, "Option3")),
        [("first", false), ("third", false)]
    );
    assert_eq!(
        args(&things, "Things_Put"),
        [("option2".to_owned(), "Option2".to_owned(), false)]
    );
    for id in ["Things_Get", "Things_Delete"] {
        assert_eq!(
            args(&things, id),
            [("option".to_owned(), "Option3".to_owned(), false)],
            "{id}"
        );
    }
    let module = &output.files["renamed/things.rs"];
    assert!(module.contains("pub struct Option2 {"), "{module}");
    assert!(module.contains("pub struct Option3 {"), "{module}");
}

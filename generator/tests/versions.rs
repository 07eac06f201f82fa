//! Several api-versions of one provider side by side: a module per version
//! behind its feature, the newest stable one re-exported, and the models the
//! same in every version emitted once. (The real pairs are compiled side by
//! side by the `arm-upstream` crate, with every version's feature on in the
//! workspace's tests.)

mod support;

/// The fixtures of `folder` generated as `module`, one version per file.
fn side_by_side(folder: &str, module: &str, files: [&str; 2]) -> armgen::Output {
    armgen::Config::new(support::fixtures().join("fixtures").join(folder))
        .versions(module, files)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn pair() -> armgen::Output {
    side_by_side("diff", "things", ["changed.yaml", "base.yaml"])
}

#[test]
fn each_version_is_a_module_behind_its_feature_and_the_newest_stable_is_re_exported() {
    let output = pair();
    let provider = &output.api.providers[0];
    let versions: Vec<&str> = provider
        .versions
        .iter()
        .map(|v| v.module.as_str())
        .collect();
    assert_eq!(versions, ["v2025_01_01", "v2025_06_01"], "oldest first");
    assert_eq!(provider.default, Some(1));
    assert_eq!(provider.feature(&provider.versions[1]), "things-2025-06-01");
    let index = &output.files["things/mod.rs"];
    let gate = index
        .find("#[cfg(feature = \"things-2025-01-01\")]")
        .expect("the old version is gated");
    assert!(index[gate..].contains("pub mod v2025_01_01"), "{index}");
    assert!(index.contains("#[cfg(feature = \"things-2025-06-01\")]\npub use v2025_06_01::*;"));
    // The shared module is compiled with some version only.
    let gate = index
        .find("#[cfg(any(feature = \"things-2025-01-01\", feature = \"things-2025-06-01\"))]")
        .expect("the shared module is gated");
    let shared = index.find("pub mod shared").expect("a shared module");
    let first_version = index.find("pub mod v2025_01_01").expect("a version");
    assert!(gate < shared && shared < first_version, "{index}");
    let root = &output.files["mod.rs"];
    assert!(
        root.contains("#[cfg(feature = \"things-2025-06-01\")]"),
        "{root}"
    );
    assert!(root.contains("module: \"things::v2025_06_01\""), "{root}");
}

#[test]
fn models_identical_in_every_version_are_emitted_once() {
    let output = pair();
    let provider = &output.api.providers[0];
    let shared: Vec<&str> = provider
        .shared
        .iter()
        .map(|m| m.wire_name.as_str())
        .collect();
    // `Result` and `Dog` are unchanged; `Thing`, `Color`, `Animal` changed,
    // and a model naming a changed one cannot be shared either.
    assert!(shared.contains(&"Result"), "{shared:?}");
    assert!(!shared.contains(&"Thing"), "{shared:?}");
    assert!(!shared.contains(&"Color"), "{shared:?}");
    assert!(!shared.contains(&"ThingList"), "it names Thing: {shared:?}");
    let result = &provider
        .shared
        .iter()
        .find(|m| m.wire_name == "Result")
        .expect("shared")
        .name;
    let shared_models = &output.files["things/shared/models.rs"];
    assert!(shared_models.contains(&format!("pub struct {result} ")));
    for version in ["v2025_01_01", "v2025_06_01"] {
        let models = &output.files[&format!("things/{version}/models.rs")];
        assert!(models.contains(&format!("pub use super::super::shared::models::{result};")));
        assert!(
            !models.contains(&format!("pub struct {result} ")),
            "{version}"
        );
        assert!(models.contains("pub struct Thing"), "{version}");
    }
}

#[test]
fn a_preview_is_never_the_default() {
    let dir = std::env::temp_dir().join(format!("armgen-versions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let base =
        std::fs::read_to_string(support::fixtures().join("fixtures/diff/base.yaml")).unwrap();
    std::fs::write(dir.join("stable.yaml"), &base).unwrap();
    std::fs::write(
        dir.join("preview.yaml"),
        base.replace("version: \"2025-01-01\"", "version: \"2026-01-01-preview\""),
    )
    .unwrap();
    let output = armgen::Config::new(&dir)
        .versions("things", ["stable.yaml", "preview.yaml"])
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let provider = &output.api.providers[0];
    assert_eq!(provider.versions[1].api_version, "2026-01-01-preview");
    assert_eq!(provider.default, Some(0), "the stable one, though older");
    // Identical specs: every model is shared.
    assert_eq!(provider.shared.len(), provider.versions[0].models.len());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_same_api_version_twice_is_a_located_error() {
    let error = armgen::Config::new(support::fixtures().join("fixtures/diff"))
        .versions("things", ["base.yaml", "base.yaml"])
        .generate()
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("`things` has api-version `2025-01-01` twice"),
        "{error}"
    );
    assert!(error.contains("base.yaml:1:1"), "{error}");
}

fn parts() -> armgen::Output {
    side_by_side("versions", "parts", ["old.yaml", "new.yaml"])
}

#[test]
fn a_definition_renamed_but_the_same_type_is_shared() {
    let output = parts();
    let shared: Vec<&str> = output.api.providers[0]
        .shared
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert!(shared.contains(&"SystemData"), "{shared:?}");
    assert!(
        shared.contains(&"Widget"),
        "it names SystemData: {shared:?}"
    );
    assert!(!shared.contains(&"Gizmo"), "{shared:?}");
}

#[test]
fn a_definition_with_its_members_reordered_is_shared() {
    let output = parts();
    let provider = &output.api.providers[0];
    let orders: Vec<Vec<&str>> = provider
        .versions
        .iter()
        .map(|v| {
            let widget = v.models.iter().find(|m| m.name == "Widget").unwrap();
            match &widget.kind {
                armgen::ir::ModelKind::Struct(s) => {
                    s.fields.iter().map(|f| f.wire_name.as_str()).collect()
                }
                other => panic!("{other:?}"),
            }
        })
        .collect();
    assert_ne!(orders[0], orders[1], "the fixture reorders Widget");
    assert!(
        provider.shared.iter().any(|m| m.name == "Widget"),
        "JSON objects are unordered and Rust names the fields"
    );
    assert!(output.files["parts/shared/models.rs"].contains("pub struct Widget {"));
}

#[test]
fn operations_identical_in_every_version_are_emitted_once() {
    let output = parts();
    let shared = &output.files["parts/shared/widgets.rs"];
    assert!(shared.contains("pub fn get_request("), "{shared}");
    assert!(shared.contains("pub fn list_response("), "{shared}");
    let gadgets = &output.files["parts/shared/gadgets.rs"];
    assert!(gadgets.contains("pub fn get_request("), "{gadgets}");
    assert!(
        !gadgets.contains("pub fn put_request("),
        "a constraint changed"
    );
    // `Gizmo` changed: the response function is each version's, the request
    // function, which does not name it, is shared.
    let gizmos = &output.files["parts/shared/gizmos.rs"];
    assert!(gizmos.contains("pub fn get_request("), "{gizmos}");
    assert!(!gizmos.contains("pub fn get_response("), "{gizmos}");
    for version in ["v2025_01_01", "v2025_06_01"] {
        let widgets = &output.files[&format!("parts/{version}/widgets.rs")];
        assert!(
            widgets.contains("pub use super::super::shared::widgets::{"),
            "{widgets}"
        );
        assert!(!widgets.contains("pub fn "), "{version}: {widgets}");
        let gadgets = &output.files[&format!("parts/{version}/gadgets.rs")];
        assert!(
            // `Gadgets_Put`'s responses did not change.
            gadgets.contains(
                "pub use super::super::shared::gadgets::{get_request, get_response, put_response};"
            ),
            "{gadgets}"
        );
        assert!(gadgets.contains("pub fn put_request("), "{version}");
        let gizmos = &output.files[&format!("parts/{version}/gizmos.rs")];
        assert!(
            gizmos.contains("pub use super::super::shared::gizmos::{get_request};")
                || gizmos.contains("pub use super::super::shared::gizmos::get_request;"),
            "{gizmos}"
        );
        assert!(gizmos.contains("pub fn get_response("), "{version}");
    }
}

#[test]
fn operations_by_id_fall_back_to_the_shared_functions_with_their_own_api_version() {
    let output = parts();
    let shared = &output.files["parts/shared/dynamic.rs"];
    assert!(shared.contains("\"Widgets_Get\" =>"), "{shared}");
    // `Gadgets_Put` is built by each version, decoded by `shared`.
    assert!(!shared.contains("super::gadgets::put_request("), "{shared}");
    assert!(shared.contains("super::gadgets::put_response(response)"));
    assert!(shared.contains("let api_version = __params.api_version(api_version)?;"));
    for version in ["v2025_01_01", "v2025_06_01"] {
        let dynamic = &output.files[&format!("parts/{version}/dynamic.rs")];
        assert!(
            dynamic.contains("id: \"Widgets_Get\""),
            "each version lists all"
        );
        assert!(!dynamic.contains("\"Widgets_Get\" =>"), "{dynamic}");
        // `call` sends through the version's own paths, which re-export the shared functions.
        let calls = &output.files[&format!("parts/{version}/dynamic_calls.rs")];
        assert!(calls.contains("\"Widgets_Get\" => {"), "{calls}");
        assert!(dynamic.contains(
            "super::super::shared::dynamic::build_request(\n                operation_id,\n                endpoint,\n                params,\n                super::API_VERSION,"
        ), "{dynamic}");
    }
}

#[test]
fn a_group_the_same_in_every_version_has_one_sub_client() {
    let output = parts();
    let shared = &output.files["parts/shared/clients.rs"];
    assert!(
        shared.contains("pub struct PartsWidgetsClient {"),
        "{shared}"
    );
    // Each version's client makes it, so the fields are the provider's to see.
    assert!(
        shared.contains("pub(in super::super) api_version: String"),
        "{shared}"
    );
    assert!(shared.contains("pub struct PartsWidgetsClientListOptions<'a>"));
    // `Gadgets` gains an operation: its sub-client is generic over the
    // api-version, with the method of the shared operation written once.
    let generic = shared
        .find("pub struct PartsGadgetsClient<V> {")
        .expect("a generic sub-client");
    let methods = &shared[generic..];
    let methods = &methods[..methods.find("\n}\n").unwrap()];
    assert!(
        shared.contains("impl<V> PartsGadgetsClient<V> {"),
        "{shared}"
    );
    let generic_impl = &shared[shared.find("impl<V> PartsGadgetsClient<V> {").unwrap()..];
    let generic_impl = &generic_impl[..generic_impl.find("\n}\n").unwrap()];
    assert!(generic_impl.contains("pub async fn get("), "{generic_impl}");
    assert!(
        !generic_impl.contains("pub async fn put("),
        "{generic_impl}"
    );
    assert!(
        methods.contains("pub(in super::super) version: ::core::marker::PhantomData<V>"),
        "{methods}"
    );
    assert!(shared.contains("pub type PartsGadgetsClientGetOptions<'a>"));
    for version in ["v2025_01_01", "v2025_06_01"] {
        let clients = &output.files[&format!("parts/{version}/clients.rs")];
        assert!(
            clients.contains("pub use super::super::shared::clients::{\n    PartsWidgetsClient,"),
            "{clients}"
        );
        // The version names the generic sub-client with its marker and adds
        // the method that differs; the shared one is not repeated.
        assert!(
            clients.contains(
                "pub type PartsGadgetsClient = super::super::shared::clients::PartsGadgetsClient<\n    ApiVersion,\n>;"
            ),
            "{clients}"
        );
        assert!(clients.contains("pub enum ApiVersion {}"), "{version}");
        let own = &clients[clients
            .find("impl PartsGadgetsClient {")
            .expect("own methods")..];
        let own = &own[..own.find("\n}\n").unwrap()];
        assert!(own.contains("pub async fn put("), "{own}");
        assert!(!own.contains("pub async fn get("), "{own}");
        assert!(
            clients
                .contains("pub use super::super::shared::clients::PartsGadgetsClientGetOptions;"),
            "{clients}"
        );
        // Each version's client still sends its own api-version.
        assert!(clients.contains("super::API_VERSION"), "{version}");
    }
}

#[test]
fn sharing_is_deterministic() {
    assert_eq!(parts().files, parts().files);
}

#[test]
fn a_client_named_like_the_version_marker_gets_another_marker() {
    // A spec may name its client anything (`x-ms-code-generation-settings`).
    let dir = std::env::temp_dir().join(format!("armgen-marker-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fixtures = support::fixtures().join("fixtures/versions");
    for file in ["old.yaml", "new.yaml"] {
        let text = std::fs::read_to_string(fixtures.join(file)).unwrap();
        let named = text.replacen(
            "info: {title: Parts,",
            "info: {x-ms-code-generation-settings: {name: ApiVersion}, title: Parts,",
            1,
        );
        assert_ne!(named, text, "the fixture's info line");
        std::fs::write(dir.join(file), named).unwrap();
    }
    let output = armgen::Config::new(&dir)
        .versions("parts", ["old.yaml", "new.yaml"])
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let clients = &output.files["parts/v2025_06_01/clients.rs"];
    assert!(clients.contains("pub struct ApiVersion {"), "{clients}");
    assert!(
        clients.contains("pub enum ApiVersionMarker {}"),
        "{clients}"
    );
    assert!(
        clients.contains(
            "super::super::shared::clients::ApiVersionGadgetsClient<\n    ApiVersionMarker,\n>"
        ) || clients
            .contains("super::super::shared::clients::ApiVersionGadgetsClient<ApiVersionMarker>"),
        "{clients}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_method_whose_next_page_operation_differs_is_not_written_in_shared() {
    // `Things_List` is the same in both versions, but the operation that
    // fetches its next pages (`operationName`) moves to another path: a
    // method in `shared` would call a request function `shared` does not
    // have (its arguments, which `Things_List` records, are the same).
    let dir = std::env::temp_dir().join(format!("armgen-next-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let old =
        std::fs::read_to_string(support::fixtures().join("fixtures/paging/next_operation.yaml"))
            .unwrap();
    let new = old
        .replacen("version: \"2024-01-01\"", "version: \"2025-01-01\"", 1)
        .replacen(
            "/things/{tenant}/{nextLink}?next:",
            "/things/{tenant}/pages/{nextLink}?next:",
            1,
        );
    assert!(new.contains("/pages/"), "the fixture changed");
    std::fs::write(dir.join("old.yaml"), &old).unwrap();
    std::fs::write(dir.join("new.yaml"), &new).unwrap();
    let output = armgen::Config::new(&dir)
        .versions("next", ["old.yaml", "new.yaml"])
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let provider = &output.api.providers[0];
    for version in &provider.versions {
        let group = version.groups.iter().find(|g| g.name == "things").unwrap();
        let list = group.operations.iter().find(|o| o.name == "list").unwrap();
        let next = group
            .operations
            .iter()
            .find(|o| o.name == "list_next")
            .unwrap();
        assert!(!next.shared.request, "its path changed");
        assert!(list.shared.request && list.shared.response, "the same");
        assert!(!list.shared.method && !group.shared, "{}", version.module);
    }
    let shared_clients = output
        .files
        .get("next/shared/clients.rs")
        .map_or("", String::as_str);
    assert!(
        !shared_clients.contains("list_next_request"),
        "{shared_clients}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn levels() -> armgen::Output {
    side_by_side("versions", "levels", ["levels_old.yaml", "levels_new.yaml"])
}

/// An extensible enum takes any value, so one version's values are no news
/// on the wire to another: every version gets them all, and the enum, and
/// what names it, is shared. A closed enum that gains a value is not.
#[test]
fn an_extensible_enum_that_gains_values_is_shared_with_all_of_them() {
    let output = levels();
    let provider = &output.api.providers[0];
    let shared: Vec<&str> = provider.shared.iter().map(|m| m.name.as_str()).collect();
    assert!(shared.contains(&"Level"), "{shared:?}");
    assert!(
        shared.contains(&"Setting"),
        "it names only Level: {shared:?}"
    );
    assert!(!shared.contains(&"Mode"), "closed: {shared:?}");
    assert!(
        !shared.contains(&"Tier"),
        "`basic` and `Basic` would be one variant: {shared:?}"
    );
    assert!(!shared.contains(&"Switch"), "{shared:?}");
    let level = provider.shared.iter().find(|m| m.name == "Level").unwrap();
    let armgen::ir::ModelKind::Enum(e) = &level.kind else {
        panic!("{level:?}")
    };
    let values: Vec<&str> = e.values.iter().map(|v| v.wire_value.as_str()).collect();
    assert_eq!(values, ["low", "high", "critical"]);
    assert_eq!(
        e.values[2].docs.as_deref(),
        Some(
            "Very loud.\n\nNot in api-version 2025-01-01: a service of that version may refuse it."
        )
    );
    assert_eq!(e.values[0].docs.as_deref(), Some("Quiet."));
    // The older version's module re-exports it, and the operation reading
    // `Setting` is shared whole.
    let old_models = &output.files["levels/v2025_01_01/models.rs"];
    assert!(
        old_models.contains("pub use super::super::shared::models::Level;"),
        "{old_models}"
    );
    assert!(
        old_models.contains("pub use super::super::shared::models::Setting;"),
        "{old_models}"
    );
    let shared_models = &output.files["levels/shared/models.rs"];
    assert!(
        shared_models.contains("Critical") && shared_models.contains("\"critical\""),
        "{shared_models}"
    );
    assert!(output.files["levels/shared/settings.rs"].contains("pub fn get_response("));
}

/// A polymorphic type keeps undocumented kinds in `Unknown`, so a kind one
/// version adds is no news on the wire to another either: every version
/// gets the kind, its model (and what that names) copied where its spec
/// lacks it, and the union and what names it are shared.
#[test]
fn a_union_that_gains_a_kind_is_shared_with_all_of_them() {
    let output = levels();
    let provider = &output.api.providers[0];
    let shared: Vec<&str> = provider.shared.iter().map(|m| m.name.as_str()).collect();
    for name in ["Shape", "Circle", "Square", "SquareSize", "Setting"] {
        assert!(shared.contains(&name), "{name}: {shared:?}");
    }
    let old = &provider.versions[0];
    assert_eq!(old.api_version, "2025-01-01");
    let shape = old.models.iter().find(|m| m.name == "Shape").unwrap();
    let armgen::ir::ModelKind::Union(u) = &shape.kind else {
        panic!("{shape:?}")
    };
    let kinds: Vec<&str> = u.variants.iter().map(|v| v.tag_value.as_str()).collect();
    assert_eq!(kinds, ["circle", "square"]);
    // The copy in the older version is analysed with it: `SquareSize`'s
    // bound makes the union constrained there too.
    assert!(u.has_constraints, "{u:?}");
    let square = provider.shared.iter().find(|m| m.name == "Square").unwrap();
    assert_eq!(
        square.docs.as_deref(),
        Some(
            "The `Square` object.\n\nNot in api-version 2025-01-01: a service of that version may refuse it."
        )
    );
    let old_models = &output.files["levels/v2025_01_01/models.rs"];
    assert!(
        old_models.contains("pub use super::super::shared::models::Square;"),
        "{old_models}"
    );
}

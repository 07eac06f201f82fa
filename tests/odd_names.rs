//! The snapshot (`generator/tests/snapshots/`) compiles and behaves: the
//! odd-names fixture (keywords, invalid identifiers, collisions, recursion,
//! enums), the `names` fixture (every keyword, prelude name and runtime item
//! at every naming position), specs without parameters or operations, and
//! modules named after keywords.

include!("../generator/tests/snapshots/mod.rs");

use arm_bindings::runtime::{DynamicError, HttpResponse, Secret, Url};
use odd::models::{IdentityKind, Mode, Option2, Self_};

fn item(json: serde_json::Value) -> Self_ {
    serde_json::from_value(json).expect("decodes")
}

#[test]
fn odd_wire_names_round_trip() {
    let json = serde_json::json!({
        "type": "t", "gen": "g", "async": true, "@odata.type": "#x", "$": "dollar", "1st": 1,
        "keyName": "camel", "key_name": "snake", "naïve": 0.5,
        "tags": {"a": "b"}, "attributes": {"any": [1, {"x": null}]},
        "parent": {"type": "p"}, "children": [{"type": "c"}],
        "identity": {"kind": "1.0", "state": "On"}, "nested": {"password": "pw", "value": 3.0}
    });
    let decoded = item(json.clone());
    assert_eq!(decoded.r#type, "t");
    assert_eq!(decoded.key_name.as_deref(), Some("camel"));
    assert_eq!(decoded.key_name_2.as_deref(), Some("snake"));
    assert_eq!(decoded.odata_type.as_deref(), Some("#x"));
    assert_eq!(decoded.parent.as_ref().unwrap().r#type, "p");
    assert_eq!(
        decoded.identity.as_ref().unwrap().kind,
        Some(IdentityKind::N10)
    );
    assert_eq!(serde_json::to_value(&decoded).unwrap(), json);
}

#[test]
fn extensible_enums_keep_unknown_values_and_closed_ones_reject_them() {
    let identity: Option2 =
        serde_json::from_value(serde_json::json!({"kind": "SomethingNew"})).unwrap();
    assert_eq!(
        identity.kind,
        Some(IdentityKind::Other("SomethingNew".into()))
    );
    assert_eq!(
        serde_json::to_value(&identity).unwrap()["kind"],
        "SomethingNew"
    );
    assert_eq!(
        IdentityKind::SystemAssignedUserAssigned.as_str(),
        "SystemAssigned, UserAssigned"
    );
    assert!(serde_json::from_value::<Option2>(serde_json::json!({"state": "Maybe"})).is_err());
    assert_eq!(Mode::Fast.to_string(), "fast");
}

#[test]
fn nested_constraints_report_field_paths() {
    use arm_bindings::runtime::Validate;
    let bad = item(serde_json::json!({
        "type": "", "naïve": 0.0,
        "children": [{"type": "ok"}, {"type": ""}],
        "nested": {"value": 11.0}
    }));
    let errors = bad.validate_as("item").unwrap_err();
    let targets: Vec<&str> = errors.errors().iter().map(|e| e.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "item.type",
            "item.naïve",
            "item.children[1].type",
            "item.nested.value"
        ]
    );
}

#[test]
fn secret_named_fields_are_redacted_by_the_default_policy() {
    let decoded = item(serde_json::json!({"type": "t", "nested": {"password": "hunter2"}}));
    assert!(!format!("{decoded:?}").contains("hunter2"));
}

#[test]
fn keyword_path_parameters_and_optional_query_and_headers() {
    let endpoint = Url::parse("https://management.azure.com").unwrap();
    let body = item(serde_json::json!({"type": "t"}));
    let request = odd::items::put_request(
        &endpoint,
        odd::API_VERSION,
        "a/b",
        "me",
        &body,
        &Mode::Slow,
        &Secret::new("sas"),
        &Secret::new("key"),
        Some("x eq 'y'"),
        Some(5),
        None,
        Some("*"),
        None,
        None,
    )
    .unwrap();
    assert_eq!(
        request.url.as_str(),
        "https://management.azure.com/items/a%2Fb/me?api-version=2020-01-01&mode=slow&sharedAccessSignature=sas&%24filter=x+eq+%27y%27&%24top=5"
    );
    assert_eq!(request.header("If-Match"), Some("*"));
    let errors = odd::items::put_request(
        &endpoint,
        odd::API_VERSION,
        "t",
        "m",
        &body,
        &Mode::Slow,
        &Secret::new("sas"),
        &Secret::new("key"),
        None,
        Some(0),
        None,
        None,
        None,
        None,
    )
    .unwrap_err();
    assert_eq!(
        errors.to_string(),
        "`self` must be at least 2 characters long (minLength: 2); `$top` must be at least 1 (minimum: 1)"
    );
}

/// `multipleOf` (on an argument and a nested model's number) and
/// `maxProperties` (on a map) are checked before sending, in the
/// runtime's words.
#[test]
fn multiples_and_map_sizes_are_checked_before_sending() {
    let endpoint = Url::parse("https://management.azure.com").unwrap();
    let put = |body: &Self_, top: Option<i32>| {
        odd::items::put_request(
            &endpoint,
            odd::API_VERSION,
            "t",
            "me",
            body,
            &Mode::Slow,
            &Secret::new("sas"),
            &Secret::new("key"),
            None,
            top,
            None,
            None,
            None,
            None,
        )
    };
    let fine = item(serde_json::json!({
        "type": "t", "tags": {"a": "1", "b": "2"}, "nested": {"value": 2.5}
    }));
    assert!(put(&fine, Some(95)).is_ok());
    let odd = item(serde_json::json!({
        "type": "t", "tags": {"a": "1", "b": "2", "c": "3"}, "nested": {"value": 2.2}
    }));
    assert_eq!(
        put(&odd, Some(7)).unwrap_err().to_string(),
        "`item.tags` must have at most 2 entries (maxProperties: 2); `item.nested.value` must be a multiple of 0.5 (multipleOf: 0.5); `$top` must be a multiple of 5 (multipleOf: 5)"
    );
}

#[test]
fn bodiless_and_optional_success_responses() {
    assert_eq!(
        odd::items::delete_response(&HttpResponse::new(204, "")),
        Ok(())
    );
    assert_eq!(
        odd::operations::get_history_response(&HttpResponse::new(202, "")).unwrap(),
        None
    );
    let listed =
        odd::operations::get_history_response(&HttpResponse::new(200, r#"[{"kind": "None"}]"#))
            .unwrap();
    assert_eq!(listed.unwrap()[0].kind, Some(IdentityKind::None));
}

#[test]
fn an_empty_path_parameter_is_refused_though_the_spec_sets_no_min_length() {
    let endpoint = Url::parse("https://management.azure.com").unwrap();
    let errors = odd::items::delete_request(&endpoint, "", "me").unwrap_err();
    assert_eq!(
        errors.to_string(),
        "`type` must not be empty (path segment)"
    );
}

/// The `names` fixture's operation `id`: its parameters as wire names with a
/// value of their type.
fn names_operation(id: &str) -> (serde_json::Map<String, serde_json::Value>, Vec<String>) {
    let spec: serde_json::Value =
        serde_json::from_str(include_str!("../generator/tests/fixtures/names/names.json")).unwrap();
    let operation = spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| &item["put"])
        .find(|op| op["operationId"] == id)
        .unwrap();
    let mut params = serde_json::Map::new();
    let mut names = Vec::new();
    for p in operation["parameters"].as_array().unwrap() {
        let name = p["name"].as_str().unwrap().to_owned();
        let value = match (p["type"].as_str(), p.get("enum")) {
            (Some("integer"), _) => serde_json::json!(7),
            (_, Some(_)) => serde_json::json!("b"),
            _ => serde_json::json!(format!("v-{name}")),
        };
        if name != "api-version" {
            names.push(name.clone());
        }
        params.insert(name, value);
    }
    (params, names)
}

fn text(value: &serde_json::Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned)
}

#[test]
fn every_name_reaches_the_wire_as_itself_from_every_location() {
    let endpoint = Url::parse("https://management.azure.com").unwrap();
    for id in ["Parameters_QueryRequired", "Parameters_QueryOptional"] {
        let (params, names) = names_operation(id);
        let request = names::dynamic::build_request(id, &endpoint, &params).unwrap();
        let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        assert_eq!(query.len(), names.len() + 1, "{id}");
        for name in &names {
            assert!(
                query.contains(&(name.clone(), text(&params[name]))),
                "{id}: {name}"
            );
        }
    }
    for id in ["Parameters_HeaderRequired", "Parameters_HeaderOptional"] {
        let (params, names) = names_operation(id);
        let request = names::dynamic::build_request(id, &endpoint, &params).unwrap();
        // Exact names: HTTP compares them without case, and `Fn` and `fn` are
        // both among them.
        for name in &names {
            assert!(
                request
                    .headers
                    .contains(&(name.clone(), text(&params[name]))),
                "{id}: {name}"
            );
        }
    }
    let (params, names) = names_operation("Parameters_Path0");
    let request = names::dynamic::build_request("Parameters_Path0", &endpoint, &params).unwrap();
    let segments: Vec<&str> = request.url.path_segments().unwrap().skip(1).collect();
    let expected: Vec<String> = names.iter().map(|n| text(&params[n])).collect();
    assert_eq!(segments, expected);
}

#[test]
fn specs_without_parameters_or_operations_work() {
    let endpoint = Url::parse("https://management.azure.com").unwrap();
    let request = bare::operations::ping_request(&endpoint).unwrap();
    assert_eq!(request.url.as_str(), "https://management.azure.com/ping");
    assert_eq!(
        bare::operations::ping_response(&HttpResponse::new(204, "")),
        Ok(())
    );
    let _: Option<bare::clients::SelfOptions> = None;
    assert!(empty::dynamic::OPERATIONS.is_empty());
    assert!(matches!(
        empty::dynamic::build_request("Any", &endpoint, &serde_json::Map::new()),
        Err(DynamicError::UnknownOperation(_))
    ));
}

#[test]
fn modules_named_after_keywords_are_escaped() {
    let modules: Vec<&str> = SERVICES.iter().map(|s| s.module).collect();
    for module in ["type", "match", "async", "gen", "mod", "self_", "str_"] {
        assert!(modules.contains(&module), "{module} in {modules:?}");
    }
    assert_eq!(r#type::API_VERSION, r#mod::API_VERSION);
    assert_eq!(self_::API_VERSION, str_::API_VERSION);
    assert!(r#match::dynamic::OPERATIONS.is_empty() && r#async::dynamic::OPERATIONS.is_empty());
    assert!(r#gen::dynamic::OPERATIONS.is_empty());
}

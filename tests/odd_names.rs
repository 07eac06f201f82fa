//! The odd-names snapshot (`generator/tests/snapshots/odd.rs`) compiles and
//! behaves: keywords, invalid identifiers, collisions, recursion, enums.

include!("../generator/tests/snapshots/mod.rs");

use arm_bindings::runtime::{HttpResponse, Secret, Url};
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

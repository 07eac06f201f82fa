//! Constraints are checked before anything is sent, and no path parameter can
//! address another resource.

mod support;

use arm_bindings::relay::{self, namespaces};
use arm_bindings::runtime::{Constraint, DynamicError, ValidationErrors};
use serde_json::{Map, Value, json};

fn list_keys(resource_group: &str, namespace: &str) -> Result<(), ValidationErrors> {
    namespaces::list_keys_request(
        &support::public_endpoint(),
        relay::API_VERSION,
        "sub",
        resource_group,
        namespace,
        "rule",
    )
    .map(|_| ())
}

fn only_error(result: Result<(), ValidationErrors>) -> (String, Constraint) {
    let errors = result.expect_err("the call should be refused");
    assert_eq!(errors.errors().len(), 1, "{errors}");
    let e = &errors.errors()[0];
    (e.target.clone(), e.constraint.clone())
}

#[test]
fn namespace_name_length_boundaries() {
    assert_eq!(
        only_error(list_keys("rg", &"n".repeat(5))),
        ("namespaceName".into(), Constraint::MinLength(6))
    );
    assert!(list_keys("rg", &"n".repeat(6)).is_ok());
    assert!(list_keys("rg", &"n".repeat(50)).is_ok());
    assert_eq!(
        only_error(list_keys("rg", &"n".repeat(51))),
        ("namespaceName".into(), Constraint::MaxLength(50))
    );
}

#[test]
fn resource_group_length_and_pattern() {
    assert!(list_keys(&"g".repeat(90), "namespace").is_ok());
    assert_eq!(
        only_error(list_keys(&"g".repeat(91), "namespace")).1,
        Constraint::MaxLength(90)
    );
    let empty = list_keys("", "namespace").unwrap_err();
    assert_eq!(empty.errors()[0].target, "resourceGroupName");
    assert_eq!(empty.errors()[0].constraint, Constraint::MinLength(1));
    assert!(list_keys("my-rg_(1).x", "namespace").is_ok());
    let (target, constraint) = only_error(list_keys("rg with space", "namespace"));
    assert_eq!(target, "resourceGroupName");
    assert!(matches!(constraint, Constraint::Pattern(p) if p == r"^[-\w\._\(\)]+$"));
}

#[test]
fn every_broken_constraint_is_reported_at_once() {
    let errors = list_keys("bad/rg", "tiny").unwrap_err();
    let targets: Vec<&str> = errors.errors().iter().map(|e| e.target.as_str()).collect();
    assert_eq!(targets, ["resourceGroupName", "namespaceName"]);
    assert_eq!(
        errors.to_string(),
        "`resourceGroupName` must match the pattern `^[-\\w\\._\\(\\)]+$` (pattern); `namespaceName` must be at least 6 characters long (minLength: 6)"
    );
}

#[test]
fn empty_api_version_is_refused() {
    let errors = namespaces::list_keys_request(
        &support::public_endpoint(),
        "",
        "sub",
        "rg",
        "namespace",
        "rule",
    )
    .unwrap_err();
    assert_eq!(errors.errors()[0].target, "api-version");
}

#[test]
fn a_missing_body_field_names_the_field() {
    let service = support::service("eventgrid");
    let params = json!({
        "subscriptionId": "sub", "resourceGroupName": "rg", "partnerNamespaceName": "pn",
        "regenerateKeyRequest": {}
    });
    let error = (service.build_request)(
        "PartnerNamespaces_RegenerateKey",
        &support::public_endpoint(),
        params.as_object().unwrap(),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "`regenerateKeyRequest.keyName` is required (required)"
    );
}

#[test]
fn a_missing_body_names_the_body_parameter() {
    let service = support::service("eventgrid");
    let params =
        json!({"subscriptionId": "sub", "resourceGroupName": "rg", "partnerNamespaceName": "pn"});
    let error = (service.build_request)(
        "PartnerNamespaces_RegenerateKey",
        &support::public_endpoint(),
        params.as_object().unwrap(),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "`regenerateKeyRequest` is required (required)"
    );
}

#[test]
fn an_empty_path_parameter_is_refused_whatever_the_spec_says() {
    // `//` in a path addresses another URL than the template means, so every
    // path parameter of every generated `*_request` function refuses "",
    // including those the spec gives no `minLength`.
    let api = support::api();
    let mut without_min_length = 0;
    for service in &api.services {
        let generated = support::service(&service.module);
        for op in service.groups.iter().flat_map(|g| &g.operations) {
            let doc = support::read_json(&op.examples[0].file).unwrap();
            let base: Map<String, Value> = doc["parameters"].as_object().unwrap().clone();
            for param in op
                .params
                .iter()
                .filter(|p| p.location == armgen::ir::ParamLocation::Path)
            {
                let mut params = base.clone();
                params.insert(param.wire_name.clone(), Value::String(String::new()));
                let result =
                    (generated.build_request)(&op.id, &support::public_endpoint(), &params);
                let Err(DynamicError::Invalid(errors)) = result else {
                    panic!(
                        "{} {}=\"\" was not refused: {result:?}",
                        op.id, param.wire_name
                    );
                };
                let expected = match param.constraints.min_length {
                    Some(n) if n > 0 => Constraint::MinLength(n),
                    _ => {
                        without_min_length += 1;
                        Constraint::EmptySegment
                    }
                };
                assert!(
                    errors.errors().iter().all(|e| e.target == param.wire_name)
                        && errors.errors().iter().any(|e| e.constraint == expected),
                    "{} {}: {errors}",
                    op.id,
                    param.wire_name
                );
            }
        }
    }
    assert!(
        without_min_length > 0,
        "some path parameter has no minLength, or this test proves nothing"
    );
    // EventGrid's `partnerNamespaceName` has no `minLength`.
    let body = arm_bindings::eventgrid::models::PartnerNamespaceRegenerateKeyRequest {
        key_name: "key1".into(),
    };
    let errors = arm_bindings::eventgrid::partner_namespaces::regenerate_key_request(
        &support::public_endpoint(),
        arm_bindings::eventgrid::API_VERSION,
        "sub",
        "rg",
        "",
        &body,
    )
    .unwrap_err();
    assert_eq!(
        errors.to_string(),
        "`partnerNamespaceName` must not be empty (path segment)"
    );
}

/// Values that try to leave their path segment.
const INJECTIONS: &[&str] = &[
    "a/b",
    "../other",
    "a?x=1",
    "a#frag",
    "a%2Fb",
    "name/../../subscriptions/other",
    "a\\b",
    "a b",
    "😀/x",
];

#[test]
fn no_path_parameter_can_address_another_resource() {
    let api = support::api();
    let mut checked = 0;
    // Counted from the path templates, not from the parameters the loop
    // visits, so a parameter the loop skips is noticed.
    let mut placeholders = 0;
    for service in &api.services {
        let generated = support::service(&service.module);
        for op in service.groups.iter().flat_map(|g| &g.operations) {
            let example = &op.examples[0];
            let doc = support::read_json(&example.file).unwrap();
            let base: Map<String, Value> = doc["parameters"].as_object().unwrap().clone();
            placeholders += op.path_template.matches('{').count();
            for param in op
                .params
                .iter()
                .filter(|p| p.location == armgen::ir::ParamLocation::Path)
            {
                for attack in INJECTIONS {
                    let mut params = base.clone();
                    // Keep length constraints satisfiable for short names.
                    let value = format!("{attack}-padding");
                    params.insert(param.wire_name.clone(), Value::String(value.clone()));
                    // Either a constraint refuses the value, or it stays inside its segment.
                    let request = match (generated.build_request)(
                        &op.id,
                        &support::public_endpoint(),
                        &params,
                    ) {
                        Ok(request) => request,
                        Err(DynamicError::Invalid(errors)) => {
                            assert!(
                                errors.errors().iter().all(|e| e.target == param.wire_name),
                                "{errors}"
                            );
                            checked += 1;
                            continue;
                        }
                        Err(other) => panic!("{} {}={value:?}: {other}", op.id, param.wire_name),
                    };
                    let expected = support::expected_url(&op.path_template, &params, &[], &[]);
                    assert_eq!(
                        request.url.as_str(),
                        expected,
                        "{} {}",
                        op.id,
                        param.wire_name
                    );
                    assert_eq!(request.url.host_str(), Some("management.azure.com"));
                    assert_eq!(request.url.fragment(), None);
                    assert_eq!(
                        request.url.query_pairs().count(),
                        1,
                        "only api-version is in the query"
                    );
                    assert_eq!(
                        request.url.path_segments().unwrap().count(),
                        op.path_template.trim_start_matches('/').split('/').count(),
                        "{} {}={value:?} changed the number of segments",
                        op.id,
                        param.wire_name
                    );
                    checked += 1;
                }
                for dots in [".", ".."] {
                    let mut params = base.clone();
                    params.insert(param.wire_name.clone(), Value::String(dots.to_owned()));
                    match (generated.build_request)(&op.id, &support::public_endpoint(), &params) {
                        Err(DynamicError::Invalid(errors)) => assert!(
                            errors.errors().iter().any(|e| e.target == param.wire_name),
                            "{errors}"
                        ),
                        other => panic!(
                            "{} {}={dots:?} was not refused: {other:?}",
                            op.id, param.wire_name
                        ),
                    }
                }
            }
        }
    }
    assert_eq!(
        checked,
        placeholders * INJECTIONS.len(),
        "every injection ran on every `{{…}}` of every path template"
    );
    assert!(
        checked >= 10 * INJECTIONS.len(),
        "the seed operations' ten path parameters are among them"
    );
}

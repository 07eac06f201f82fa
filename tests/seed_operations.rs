//! The two seed operations, byte for byte as the Azure reference pages show
//! them, through the typed functions a user calls.

mod support;

use arm_bindings::eventgrid::{
    self, models::PartnerNamespaceRegenerateKeyRequest, partner_namespaces,
};
use arm_bindings::relay::{self, namespaces};
use arm_bindings::runtime::{HttpResponse, Method, ResponseError};

#[test]
fn relay_list_keys_request_is_the_reference_sample() {
    let request = namespaces::list_keys_request(
        &support::public_endpoint(),
        relay::API_VERSION,
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "resourcegroup",
        "example-RelayNamespace-01",
        "example-RelayAuthRules-01",
    )
    .unwrap();
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        request.url.as_str(),
        "https://management.azure.com/subscriptions/ffffffff-ffff-ffff-ffff-ffffffffffff/resourceGroups/resourcegroup/providers/Microsoft.Relay/namespaces/example-RelayNamespace-01/authorizationRules/example-RelayAuthRules-01/listKeys?api-version=2024-01-01"
    );
    assert_eq!(request.body, None);
    assert_eq!(request.header("accept"), Some("application/json"));
}

#[test]
fn eventgrid_regenerate_key_request_is_the_reference_sample() {
    let body = PartnerNamespaceRegenerateKeyRequest {
        key_name: "key1".into(),
    };
    let request = partner_namespaces::regenerate_key_request(
        &support::public_endpoint(),
        eventgrid::API_VERSION,
        "5b4b650e-28b9-4790-b3ab-ddbd88d727c4",
        "examplerg",
        "examplePartnerNamespaceName1",
        &body,
    )
    .unwrap();
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        request.url.as_str(),
        "https://management.azure.com/subscriptions/5b4b650e-28b9-4790-b3ab-ddbd88d727c4/resourceGroups/examplerg/providers/Microsoft.EventGrid/partnerNamespaces/examplePartnerNamespaceName1/regenerateKey?api-version=2025-02-15"
    );
    assert_eq!(
        request.body.as_deref(),
        Some(br#"{"keyName":"key1"}"#.as_slice())
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
}

#[test]
fn regenerate_key_response_decodes_into_secret_keys() {
    let response = HttpResponse::new(
        200,
        r#"{"key1": "testKey1Value", "key2": "testKey2Value", "unknownField": 1}"#,
    );
    let keys = partner_namespaces::regenerate_key_response(&response).unwrap();
    assert_eq!(
        keys.key1.as_ref().map(|k| k.secret()),
        Some("testKey1Value")
    );
    assert_eq!(
        keys.key2.as_ref().map(|k| k.secret()),
        Some("testKey2Value")
    );
}

#[test]
fn list_keys_response_decodes_all_five_fields() {
    let response = HttpResponse::new(
        200,
        r#"{"keyName": "rule", "primaryConnectionString": "Endpoint=sb://n/;SharedAccessKeyName=rule;SharedAccessKey=p",
            "primaryKey": "p", "secondaryConnectionString": "Endpoint=sb://n/;SharedAccessKeyName=rule;SharedAccessKey=s", "secondaryKey": "s"}"#,
    );
    let keys = namespaces::list_keys_response(&response).unwrap();
    assert_eq!(keys.key_name.as_deref(), Some("rule"));
    assert_eq!(keys.primary_key.unwrap().secret(), "p");
    assert_eq!(keys.secondary_key.unwrap().secret(), "s");
    assert_eq!(
        keys.primary_connection_string.unwrap().secret(),
        "Endpoint=sb://n/;SharedAccessKeyName=rule;SharedAccessKey=p"
    );
    assert_eq!(
        keys.secondary_connection_string.unwrap().secret(),
        "Endpoint=sb://n/;SharedAccessKeyName=rule;SharedAccessKey=s"
    );
}

#[test]
fn arm_error_bodies_become_typed_service_errors() {
    let response = HttpResponse::new(
        404,
        r#"{"error": {"code": "ResourceNotFound", "message": "The namespace was not found.", "target": "namespaceName",
            "details": [{"code": "Inner", "message": "inner", "details": [{"code": "Deeper"}]}],
            "additionalInfo": [{"type": "PolicyViolation", "info": {"policy": "p"}}]}}"#,
    )
    .with_header("x-ms-request-id", "req-1");
    let error = namespaces::list_keys_response(&response).unwrap_err();
    assert_eq!(error.status(), 404);
    assert_eq!(error.request_id(), Some("req-1"));
    assert_eq!(error.error_code().as_deref(), Some("ResourceNotFound"));
    let detail = error
        .service_error()
        .and_then(|e| e.error.as_ref())
        .unwrap();
    assert_eq!(
        detail.message.as_deref(),
        Some("The namespace was not found.")
    );
    assert_eq!(detail.target.as_deref(), Some("namespaceName"));
    let inner = &detail.details.as_ref().unwrap()[0];
    assert_eq!(
        inner.details.as_ref().unwrap()[0].code.as_deref(),
        Some("Deeper")
    );
    let info = &detail.additional_info.as_ref().unwrap()[0];
    assert_eq!(info.r#type.as_deref(), Some("PolicyViolation"));
    assert_eq!(
        error.to_string(),
        "the service answered 404: ResourceNotFound: The namespace was not found. (x-ms-request-id: req-1)"
    );
}

#[test]
fn non_json_error_bodies_keep_the_raw_text() {
    let response = HttpResponse::new(502, "<html>Bad Gateway</html>");
    match partner_namespaces::regenerate_key_response(&response) {
        Err(error @ ResponseError::Unrecognized { status: 502, .. }) => {
            assert_eq!(error.raw_body(), Some("<html>Bad Gateway</html>"))
        }
        other => panic!("expected an unrecognized error, got {other:?}"),
    }
}

#[test]
fn malformed_success_bodies_are_decode_errors() {
    let response = HttpResponse::new(200, r#"{"key1": "abc""#);
    match partner_namespaces::regenerate_key_response(&response) {
        Err(ResponseError::Decode {
            status: 200,
            reason,
            ..
        }) => assert!(reason.contains("line 1"), "{reason}"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn endpoint_override_keeps_its_host_port_and_path() {
    let endpoint = arm_bindings::runtime::Url::parse("https://127.0.0.1:8443/arm/").unwrap();
    let request =
        namespaces::list_keys_request(&endpoint, "2024-01-01", "s", "rg", "namespace", "rule")
            .unwrap();
    assert_eq!(
        request.url.as_str(),
        "https://127.0.0.1:8443/arm/subscriptions/s/resourceGroups/rg/providers/Microsoft.Relay/namespaces/namespace/authorizationRules/rule/listKeys?api-version=2024-01-01"
    );
}

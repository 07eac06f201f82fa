//! Routing comes from the generated operation tables: every operation is served, and one the
//! emulator has no handler for answers 501.

use arm_bindings::runtime::{Method as OpMethod, OperationInfo, ServiceInfo};
use armgen_emulator::EmulatorConfig;
use reqwest::{Method, StatusCode};

use crate::common::*;

/// Every operationId of `spec/` today; a new one must get a handler (or fail here).
const SPEC_OPERATIONS: [&str; 7] = [
    "Namespaces_CreateOrUpdate",
    "Namespaces_Delete",
    "Namespaces_Get",
    "Namespaces_ListAuthorizationRules",
    "Namespaces_ListKeys",
    "PartnerNamespaces_ListSharedAccessKeys",
    "PartnerNamespaces_RegenerateKey",
];

#[tokio::test]
async fn every_generated_operation_is_routed_and_implemented() {
    let f = Fixture::start().await;
    let mut generated: Vec<&str> = arm_bindings::SERVICES
        .iter()
        .flat_map(|s| s.operations.iter().map(|op| op.id))
        .collect();
    generated.sort_unstable();
    assert_eq!(generated, SPEC_OPERATIONS);

    let routes = f.emulator.routes();
    for id in SPEC_OPERATIONS {
        let route = routes
            .iter()
            .find(|r| r.operation_id == id)
            .unwrap_or_else(|| panic!("{id} is not routed"));
        assert!(route.is_implemented(), "{id} has no handler");
        assert!(route.service.is_some());
    }
    assert!(routes.iter().all(|r| r.is_implemented()));

    // And over the wire: each answers something other than 501 and 404 NotFound (no route).
    for service in arm_bindings::SERVICES {
        for op in service.operations {
            let path = fill(op.path);
            let url = format!("{path}?api-version={}", service.api_version);
            let method = Method::from_bytes(op.method.as_str().as_bytes()).unwrap();
            let response = f.send(method, &url, Some("{}")).await;
            assert_ne!(response.status(), StatusCode::NOT_IMPLEMENTED, "{}", op.id);
            let body = response.text().await.unwrap();
            assert!(!body.contains("\"NotFound\""), "{}: {body}", op.id);
        }
    }
}

/// A path template with the sample resources' names as parameters.
fn fill(template: &str) -> String {
    template
        .replace("{subscriptionId}", SUB)
        .replace("{resourceGroupName}", RG)
        .replace("{namespaceName}", RELAY_NS)
        .replace("{authorizationRuleName}", RELAY_RULE)
        .replace("{partnerNamespaceName}", PARTNER_NS)
}

const FROBNICATE: &[OperationInfo] = &[OperationInfo {
    id: "Namespaces_Frobnicate",
    method: OpMethod::Post,
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Relay/namespaces/{namespaceName}/frobnicate",
    body: None,
    statuses: &[200],
}];

#[tokio::test]
async fn an_operation_without_a_handler_is_501() {
    let relay = arm_bindings::SERVICES
        .iter()
        .find(|s| s.module == "relay")
        .expect("relay service");
    let extra = ServiceInfo {
        module: "relay_preview",
        operations: FROBNICATE,
        ..*relay
    };
    let services: &'static [ServiceInfo] = Vec::leak(vec![*relay, extra]);
    let f = Fixture::start_with(EmulatorConfig::new().with_services(services)).await;
    let route = f
        .emulator
        .routes()
        .iter()
        .find(|r| r.operation_id == "Namespaces_Frobnicate")
        .expect("routed");
    assert!(!route.is_implemented());
    assert_eq!(route.provider, "Microsoft.Relay");

    let path = format!(
        "/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Relay/namespaces/{RELAY_NS}/frobnicate?api-version={RELAY_VERSION}"
    );
    let response = f.post(&path, None).await.unwrap();
    let error = expect_arm_error(response, StatusCode::NOT_IMPLEMENTED, "NotImplemented").await;
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("Namespaces_Frobnicate")
    );
    // Routing still checks credentials and the api-version first.
    let response = f
        .post(&path.replace(RELAY_VERSION, "1999-01-01"), None)
        .await
        .unwrap();
    expect_arm_error(
        response,
        StatusCode::BAD_REQUEST,
        "InvalidApiVersionParameter",
    )
    .await;
    // EventGrid is not among these services: its operations are not routed.
    let response = f.partner_list_keys().await;
    expect_arm_error(response, StatusCode::NOT_FOUND, "NotFound").await;
}

/// Each provider accepts, over the wire, the api-version its bindings were
/// generated for and refuses any other. (`RELAY_API_VERSION` and its kin are
/// defined as the generated constants, so there is nothing to compare them to.)
#[tokio::test]
async fn every_operation_accepts_its_generated_api_version_and_no_other() {
    let f = Fixture::start().await;
    for service in arm_bindings::SERVICES {
        for op in service.operations {
            let method = Method::from_bytes(op.method.as_str().as_bytes()).unwrap();
            // The refused version first: a refused request changes nothing.
            for (version, accepted) in [("1999-01-01", false), (service.api_version, true)] {
                let url = format!("{}?api-version={version}", fill(op.path));
                let response = f.send(method.clone(), &url, Some("{}")).await;
                let status = response.status();
                let body = response.text().await.unwrap();
                assert_eq!(
                    !body.contains("\"InvalidApiVersionParameter\""),
                    accepted,
                    "{} with api-version {version}: {status} {body}",
                    op.id
                );
            }
        }
    }
}

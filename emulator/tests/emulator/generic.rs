//! The generic resource behaviour, for operations of any spec without a built-in handler:
//! PUT, GET, PATCH, DELETE of `…/type/{name}` and GET of collections, derived from method and
//! path template; actions answer 501.

use std::sync::LazyLock;

use arm_bindings::relay::clients::{RelayClient, RelayClientOptions};
use arm_bindings::relay::models::{RelayNamespace, Sku, SkuName};
use arm_bindings::runtime::{
    DynamicError, HttpRequest, Method as OpMethod, OperationInfo, ResponseError, ServiceInfo, Url,
};
use armgen_emulator::{Emulator, EmulatorConfig};
use reqwest::{Method, StatusCode};
use serde_json::{Map, Value, json};

use crate::common::*;

fn relay() -> &'static ServiceInfo {
    arm_bindings::SERVICES
        .iter()
        .find(|s| s.module == "relay")
        .expect("relay service")
}

/// Relay's generated `build_request`, reached under the renamed operation ids.
fn relay_build(
    id: &str,
    endpoint: &Url,
    params: &Map<String, Value>,
) -> Result<HttpRequest, DynamicError> {
    (relay().build_request)(id.strip_prefix("Generic_").unwrap_or(id), endpoint, params)
}

/// A widget service written by hand, as a crate's generated table would list it. Its
/// `build_request` accepts everything.
fn widgets_build(
    _: &str,
    endpoint: &Url,
    _: &Map<String, Value>,
) -> Result<HttpRequest, DynamicError> {
    Ok(HttpRequest::new(OpMethod::Get, endpoint.clone()))
}

const WIDGET: &str = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Widgets/widgets/{widgetName}";

const WIDGETS: &[OperationInfo] = &[
    OperationInfo {
        id: "Widgets_CreateOrUpdate",
        method: OpMethod::Put,
        path: WIDGET,
        body: Some("widget"),
        statuses: &[200, 201],
    },
    OperationInfo {
        id: "Widgets_Get",
        method: OpMethod::Get,
        path: WIDGET,
        body: None,
        statuses: &[200],
    },
    OperationInfo {
        id: "Widgets_Update",
        method: OpMethod::Patch,
        path: WIDGET,
        body: Some("widget"),
        statuses: &[200],
    },
    OperationInfo {
        id: "Widgets_Delete",
        method: OpMethod::Delete,
        path: WIDGET,
        body: None,
        statuses: &[200, 204],
    },
    OperationInfo {
        id: "Widgets_ListByResourceGroup",
        method: OpMethod::Get,
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Widgets/widgets",
        body: None,
        statuses: &[200],
    },
    OperationInfo {
        id: "Widgets_ListBySubscription",
        method: OpMethod::Get,
        path: "/subscriptions/{subscriptionId}/providers/Microsoft.Widgets/widgets",
        body: None,
        statuses: &[200],
    },
    OperationInfo {
        id: "Widgets_Restart",
        method: OpMethod::Post,
        path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Widgets/widgets/{widgetName}/restart",
        body: None,
        statuses: &[200],
    },
];

const WIDGETS_VERSION: &str = "2024-05-01";

/// Relay's operations under other operationIds, so that no built-in handler claims them and
/// the generated Relay client meets the generic behaviour (validated by Relay's own
/// `build_request`); and the widget service.
static SERVICES: LazyLock<&'static [ServiceInfo]> = LazyLock::new(|| {
    let relay = relay();
    let renamed: Vec<OperationInfo> = relay
        .operations
        .iter()
        .map(|op| OperationInfo {
            id: String::leak(format!("Generic_{}", op.id)),
            ..*op
        })
        .collect();
    let generic_relay = ServiceInfo {
        module: "relay_generic",
        operations: Vec::leak(renamed),
        build_request: relay_build,
        ..*relay
    };
    let widgets = ServiceInfo {
        module: "widgets",
        api_version: WIDGETS_VERSION,
        operations: WIDGETS,
        build_request: widgets_build,
        decode_response: relay.decode_response,
    };
    Vec::leak(vec![generic_relay, widgets])
});

async fn generic() -> Fixture {
    Fixture::start_with(EmulatorConfig::new().with_services(*SERVICES)).await
}

fn relay_client(emulator: &Emulator) -> RelayClient {
    RelayClient::new(
        SUB,
        emulator.credential(),
        Some(RelayClientOptions {
            client_options: emulator.client_options(),
            endpoint: Some(emulator.endpoint_url()),
            ..Default::default()
        }),
    )
    .expect("client")
}

#[tokio::test]
async fn a_generated_client_puts_gets_and_deletes_through_the_generic_behaviour() {
    let f = generic().await;
    let namespaces = relay_client(&f.emulator).namespaces();
    let body = RelayNamespace {
        location: "westus".into(),
        tags: Some([("team".to_owned(), "a".to_owned())].into()),
        sku: Some(Sku {
            name: SkuName::Standard,
            tier: None,
        }),
        id: None,
        name: None,
        r#type: None,
        properties: None,
    };

    // A long-running PUT completes at once: no polling headers, the 201 is the result.
    let response = namespaces
        .begin_create_or_update(RG, "generic-namespace", &body, None)
        .unwrap()
        .await
        .unwrap();
    assert_eq!(u16::from(response.status()), 201);
    assert!(
        response
            .headers()
            .get_optional_str(&azure_core::http::headers::HeaderName::from_static(
                "location"
            ))
            .is_none()
    );
    let created = response.into_model().unwrap();
    let id = format!(
        "/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Relay/namespaces/generic-namespace"
    );
    assert_eq!(created.id.as_deref(), Some(id.as_str()));
    assert_eq!(created.name.as_deref(), Some("generic-namespace"));
    assert_eq!(
        created.r#type.as_deref(),
        Some("Microsoft.Relay/namespaces")
    );
    assert_eq!(created.location, "westus");

    let read = namespaces
        .get(RG, "generic-namespace", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(read.id, created.id);
    assert_eq!(read.tags, body.tags);
    assert_eq!(f.emulator.resource(&id).unwrap()["location"], "westus");

    // Replacing is 200.
    let response = namespaces
        .begin_create_or_update(RG, "generic-namespace", &body, None)
        .unwrap()
        .await
        .unwrap();
    assert_eq!(u16::from(response.status()), 200);

    namespaces
        .begin_delete(RG, "generic-namespace", None)
        .unwrap()
        .await
        .unwrap();
    assert!(f.emulator.resource(&id).is_none());
    let error = namespaces
        .get(RG, "generic-namespace", None)
        .await
        .unwrap_err();
    assert_eq!(error.http_status().map(u16::from), Some(404));
    let typed = error
        .downcast_ref::<ResponseError<arm_bindings::relay::models::ErrorResponse>>()
        .expect("a typed error");
    assert_eq!(typed.error_code().as_deref(), Some("ResourceNotFound"));

    // The collection GET lists nothing now; the POST action has no handler.
    let response = f.get(&rules_path("generic-namespace")).await;
    assert_eq!(body_json(response).await, json!({"value": []}));
    let error = namespaces
        .list_keys(RG, "generic-namespace", "rule", None)
        .await
        .unwrap_err();
    assert_eq!(error.http_status().map(u16::from), Some(501));
}

#[tokio::test]
async fn bodies_and_parameters_are_checked_by_the_served_spec() {
    let f = generic().await;
    let response = f
        .send(
            Method::PUT,
            &namespace_path("generic-namespace"),
            Some(r#"{"tags":{"t":"do-not-echo"}}"#),
        )
        .await;
    let error = expect_arm_error(response, StatusCode::BAD_REQUEST, "InvalidRequestContent").await;
    assert_eq!(error["target"], "location");
    assert_eq!(error["details"][0]["code"], "InvalidRequestProperty");
    assert!(!error.to_string().contains("do-not-echo"), "{error}");

    // The spec's minLength of namespaceName (6): a parameter, not a body field.
    let response = f
        .send(
            Method::PUT,
            &namespace_path("tiny"),
            Some(r#"{"location":"westus"}"#),
        )
        .await;
    let error = expect_arm_error(response, StatusCode::BAD_REQUEST, "InvalidRequestContent").await;
    assert_eq!(error["target"], "namespaceName");
    assert_eq!(error["details"][0]["code"], "InvalidParameter");
    assert_eq!(error["details"][0]["target"], "namespaceName");
    assert!(
        error["details"][0]["message"]
            .as_str()
            .unwrap()
            .contains("minLength: 6"),
        "{error}"
    );
    assert!(
        f.emulator
            .resource(&format!(
                "/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Relay/namespaces/tiny"
            ))
            .is_none()
    );
}

fn widget_path(rg: &str, name: &str) -> String {
    format!(
        "/subscriptions/{SUB}/resourceGroups/{rg}/providers/Microsoft.Widgets/widgets/{name}?api-version={WIDGETS_VERSION}"
    )
}

async fn put(f: &Fixture, rg: &str, name: &str, body: &str) -> reqwest::Response {
    f.send(Method::PUT, &widget_path(rg, name), Some(body))
        .await
}

#[tokio::test]
async fn widgets_over_https_put_get_patch_list_delete() {
    let f = generic().await;
    let response = put(
        &f,
        "rg-a",
        "w1",
        r#"{"location":"westus","properties":{"size":3}}"#,
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert!(response.headers().contains_key("x-ms-request-id"));
    let w1 = body_json(response).await;
    assert_eq!(
        w1,
        json!({
            "id": format!("/subscriptions/{SUB}/resourceGroups/rg-a/providers/Microsoft.Widgets/widgets/w1"),
            "name": "w1",
            "type": "Microsoft.Widgets/widgets",
            "location": "westus",
            "properties": {"size": 3},
        })
    );
    assert_eq!(
        put(&f, "rg-a", "w0", "{}").await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        put(&f, "rg-b", "w2", "{}").await.status(),
        StatusCode::CREATED
    );
    // Names compare case-insensitively; a replace keeps the first id and answers 200.
    let response = put(&f, "RG-A", "W1", r#"{"location":"eastus"}"#).await;
    assert_eq!(response.status(), StatusCode::OK);
    let replaced = body_json(response).await;
    assert_eq!(replaced["id"], w1["id"]);
    assert!(replaced.get("properties").is_none());

    let response = f
        .send(
            Method::PATCH,
            &widget_path("rg-a", "w1"),
            Some(r#"{"tags":{"a":"b"},"location":null}"#),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let patched = body_json(response).await;
    assert_eq!(patched["tags"], json!({"a": "b"}));
    assert!(patched.get("location").is_none());
    assert_eq!(json(f.get(&widget_path("rg-a", "w1")).await).await, patched);

    let names = |list: Value| -> Vec<String> {
        list["value"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let in_group = format!(
        "/subscriptions/{SUB}/resourceGroups/rg-a/providers/Microsoft.Widgets/widgets?api-version={WIDGETS_VERSION}"
    );
    assert_eq!(names(json(f.get(&in_group).await).await), ["w0", "w1"]);
    let in_subscription = format!(
        "/subscriptions/{SUB}/providers/Microsoft.Widgets/widgets?api-version={WIDGETS_VERSION}"
    );
    assert_eq!(
        names(json(f.get(&in_subscription).await).await),
        ["w0", "w1", "w2"]
    );

    let response = f
        .send(Method::DELETE, &widget_path("rg-a", "w1"), None)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = f.get(&widget_path("rg-a", "w1")).await;
    let error = expect_arm_error(response, StatusCode::NOT_FOUND, "ResourceNotFound").await;
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("'Microsoft.Widgets/widgets/w1' under resource group 'rg-a'"),
        "{error}"
    );
    let response = f
        .send(Method::DELETE, &widget_path("rg-a", "w1"), None)
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = f
        .send(Method::PATCH, &widget_path("rg-a", "w1"), Some("{}"))
        .await;
    expect_arm_error(response, StatusCode::NOT_FOUND, "ResourceNotFound").await;

    // A resource body is a JSON object.
    let response = f
        .send(Method::PUT, &widget_path("rg-a", "w3"), Some("[1]"))
        .await;
    let error = expect_arm_error(response, StatusCode::BAD_REQUEST, "InvalidRequestContent").await;
    assert_eq!(error["target"], "widget");
}

#[tokio::test]
async fn actions_without_a_handler_are_501_and_routes_say_so() {
    let f = generic().await;
    let implemented = |id: &str| {
        f.emulator
            .routes()
            .iter()
            .find(|r| r.operation_id == id)
            .unwrap_or_else(|| panic!("{id} is routed"))
            .is_implemented()
    };
    for id in [
        "Widgets_CreateOrUpdate",
        "Widgets_Get",
        "Widgets_Update",
        "Widgets_Delete",
        "Widgets_ListByResourceGroup",
        "Widgets_ListBySubscription",
    ] {
        assert!(implemented(id), "{id}");
    }
    assert!(!implemented("Widgets_Restart"));
    let path = format!(
        "/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Widgets/widgets/w/restart?api-version={WIDGETS_VERSION}"
    );
    let response = f.post(&path, None).await.unwrap();
    let error = expect_arm_error(response, StatusCode::NOT_IMPLEMENTED, "NotImplemented").await;
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("Widgets_Restart")
    );
    // The built-in Relay polling URLs are routed only when Relay is served.
    assert!(
        f.emulator
            .routes()
            .iter()
            .any(|r| r.operation_id == "OperationStatuses_Get")
    );
}

#[tokio::test]
async fn seeded_resources_are_served_and_inspectable() {
    let f = generic().await;
    let id = format!(
        "/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Widgets/widgets/seeded"
    );
    let stored = f
        .emulator
        .add_resource(&id, json!({"location": "westus"}))
        .unwrap();
    assert_eq!(stored["type"], "Microsoft.Widgets/widgets");
    assert_eq!(json(f.get(&widget_path(RG, "SEEDED")).await).await, stored);
    assert_eq!(f.emulator.resource(&id.to_uppercase()), Some(stored));
    assert!(f.emulator.add_resource(&id, json!([])).is_err());
    assert!(f.emulator.add_resource("/a//b", json!({})).is_err());
    assert!(f.emulator.resource("/subscriptions/none").is_none());
}

#[tokio::test]
async fn without_services_nothing_is_routed() {
    let f = Fixture::start_with(EmulatorConfig::new()).await;
    assert!(f.emulator.routes().is_empty());
    let response = f.get(&widget_path(RG, "w1")).await;
    expect_arm_error(response, StatusCode::NOT_FOUND, "NotFound").await;
    let response = f.relay_list_keys().await;
    expect_arm_error(response, StatusCode::NOT_FOUND, "NotFound").await;
}

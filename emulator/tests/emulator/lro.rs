//! Long-running Relay namespace writes: ARM's asynchronous pattern, polled to completion.

use armgen_emulator::{Fault, ProvisioningState};
use reqwest::{Method, Response, StatusCode};
use serde_json::Value;

use crate::common::*;

const NEW_NS: &str = "new-namespace-01";
const BODY: &str = r#"{"location": "eastus", "tags": {"team": "a"}, "sku": {"name": "Standard"}}"#;

/// The status and result URLs a write handed out, after checking all three headers.
fn polling_urls(f: &Fixture, response: &Response, retry_after: &str) -> (String, String) {
    let status = header(response, "azure-asyncoperation");
    let result = header(response, "location");
    let base = format!(
        "{}/subscriptions/{SUB}/providers/Microsoft.Relay/locations/eastus/",
        f.emulator.endpoint()
    );
    assert!(
        status.starts_with(&format!("{base}operationStatuses/")),
        "{status}"
    );
    assert!(
        result.starts_with(&format!("{base}operationResults/")),
        "{result}"
    );
    assert!(status.ends_with("?api-version=2024-01-01"), "{status}");
    assert!(result.ends_with("?api-version=2024-01-01"), "{result}");
    // Both name the same operation.
    let id = |url: &str| url.rsplit('/').next().unwrap().to_owned();
    assert_eq!(id(&status), id(&result));
    assert_eq!(header(response, "retry-after"), retry_after);
    (status, result)
}

async fn put(f: &Fixture, ns: &str, body: &str) -> Response {
    f.send(Method::PUT, &namespace_path(ns), Some(body)).await
}

async fn state(f: &Fixture, ns: &str) -> Option<ProvisioningState> {
    f.emulator
        .relay_namespace(SUB, RG, ns)
        .map(|s| s.provisioning_state)
}

#[tokio::test]
async fn create_is_201_accepted_and_succeeds_after_the_configured_polls() {
    let f = Fixture::start_with(config().with_lro_polls(3)).await;
    let response = put(&f, NEW_NS, BODY).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let (status_url, result_url) = polling_urls(&f, &response, "0");
    let body = body_json(response).await;
    assert_eq!(
        body["id"],
        format!(
            "/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Relay/namespaces/{NEW_NS}"
        )
    );
    assert_eq!(body["name"], NEW_NS);
    assert_eq!(body["type"], "Microsoft.Relay/Namespaces");
    assert_eq!(body["location"], "eastus");
    assert_eq!(body["tags"]["team"], "a");
    assert_eq!(
        body["sku"],
        serde_json::json!({"name": "Standard", "tier": "Standard"})
    );
    let properties = &body["properties"];
    assert_eq!(properties["provisioningState"], "Accepted");
    assert_eq!(
        properties["serviceBusEndpoint"],
        format!("https://{NEW_NS}.servicebus.windows.net:443/")
    );
    assert_eq!(properties["metricId"], format!("{SUB}:{NEW_NS}"));
    assert_eq!(properties["status"], "Active");
    assert!(properties["createdAt"].as_str().unwrap().ends_with('Z'));
    // The namespace exists at once.
    assert_eq!(state(&f, NEW_NS).await, Some(ProvisioningState::Accepted));
    let get = json(f.get(&namespace_path(NEW_NS)).await).await;
    assert_eq!(get["properties"]["provisioningState"], "Accepted");

    // Polls 1 and 2 of 3: in progress, on either URL.
    let response = f.get(&status_url).await;
    assert_eq!(header(&response, "retry-after"), "0");
    let status = json(response).await;
    assert_eq!(status["status"], "InProgress");
    let path = status_url.trim_start_matches(&f.emulator.endpoint());
    assert_eq!(status["id"], path.split('?').next().unwrap());
    assert_eq!(
        status["name"],
        status_url
            .rsplit('/')
            .next()
            .unwrap()
            .split('?')
            .next()
            .unwrap()
    );
    assert!(status["startTime"].is_string());
    assert!(status.get("endTime").is_none() && status.get("error").is_none());

    let response = f.get(&result_url).await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    assert_eq!(header(&response, "location"), result_url);
    assert_eq!(header(&response, "retry-after"), "0");
    assert_eq!(state(&f, NEW_NS).await, Some(ProvisioningState::Accepted));

    // Poll 3 completes it.
    let response = f.get(&status_url).await;
    assert!(response.headers().get("retry-after").is_none());
    let status = json(response).await;
    assert_eq!(status["status"], "Succeeded");
    assert!(status["endTime"].is_string());
    assert_eq!(state(&f, NEW_NS).await, Some(ProvisioningState::Succeeded));

    let result = json(f.get(&result_url).await).await;
    assert_eq!(result["properties"]["provisioningState"], "Succeeded");
    assert_eq!(result["name"], NEW_NS);
    assert_eq!(result["tags"]["team"], "a");
    let get = json(f.get(&namespace_path(NEW_NS)).await).await;
    assert_eq!(get, result);
}

#[tokio::test]
async fn result_url_is_202_then_200_with_the_final_resource() {
    let f = Fixture::start().await;
    let response = put(&f, NEW_NS, BODY).await;
    let (_, result_url) = polling_urls(&f, &response, "0");
    let first = f.get(&result_url).await;
    assert_eq!(first.status(), StatusCode::ACCEPTED);
    assert!(first.bytes().await.unwrap().is_empty());
    let second = json(f.get(&result_url).await).await;
    assert_eq!(second["properties"]["provisioningState"], "Succeeded");
    // Done stays done.
    assert_eq!(json(f.get(&result_url).await).await, second);
}

#[tokio::test]
async fn put_on_an_existing_namespace_is_200_and_replaces_location_tags_and_sku() {
    let f = Fixture::start_with(config().with_lro_retry_after(3)).await;
    let response = put(&f, RELAY_NS, r#"{"location":"westus","tags":{"k":"v"}}"#).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, "retry-after"), "3");
    let body = body_json(response).await;
    assert_eq!(body["properties"]["provisioningState"], "Accepted");
    let seen = f.emulator.relay_namespace(SUB, RG, RELAY_NS).unwrap();
    assert_eq!(seen.location, "westus");
    assert_eq!(seen.tags.unwrap()["k"], "v");
    assert_eq!(
        seen.authorization_rules,
        [RELAY_RULE],
        "rules survive an update"
    );

    // A second PUT without tags removes them: PUT replaces.
    let response = put(&f, RELAY_NS, r#"{"location":"westus"}"#).await;
    let body = body_json(response).await;
    assert!(body.get("tags").is_none(), "{body}");
}

#[tokio::test]
async fn read_only_members_are_ignored_but_logged() {
    let f = Fixture::start().await;
    let sent = r#"{"id":"/elsewhere","name":"other","type":"X","location":"eastus",
        "properties":{"provisioningState":"Succeeded","createdAt":"2000-01-01T00:00:00Z","metricId":"m"}}"#;
    let body = body_json(put(&f, NEW_NS, sent).await).await;
    assert_eq!(body["name"], NEW_NS);
    assert_eq!(body["properties"]["provisioningState"], "Accepted");
    assert_ne!(body["properties"]["createdAt"], "2000-01-01T00:00:00Z");
    assert_eq!(f.emulator.requests()[0].body_str(), Some(sent));
}

#[tokio::test]
async fn delete_is_202_then_the_namespace_is_gone_and_a_second_delete_is_204() {
    let f = Fixture::start().await;
    let response = f
        .send(Method::DELETE, &namespace_path(RELAY_NS), None)
        .await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    let status_url = header(&response, "azure-asyncoperation");
    let result_url = header(&response, "location");
    // Seeded namespaces are in westus.
    assert!(
        result_url.contains("/locations/westus/operationResults/"),
        "{result_url}"
    );
    assert!(response.bytes().await.unwrap().is_empty());
    assert_eq!(state(&f, RELAY_NS).await, Some(ProvisioningState::Deleting));

    assert_eq!(f.get(&result_url).await.status(), StatusCode::ACCEPTED);
    let done = f.get(&result_url).await;
    assert_eq!(done.status(), StatusCode::NO_CONTENT);
    assert_eq!(json(f.get(&status_url).await).await["status"], "Succeeded");

    assert_eq!(state(&f, RELAY_NS).await, None);
    let response = f.get(&namespace_path(RELAY_NS)).await;
    expect_arm_error(response, StatusCode::NOT_FOUND, "ResourceNotFound").await;
    let response = f
        .send(Method::DELETE, &namespace_path(RELAY_NS), None)
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(response.headers().get("location").is_none());
}

#[tokio::test]
async fn a_failed_operation_reports_failed_and_409() {
    let f = Fixture::start().await;
    f.emulator.fail_next_operation();
    let response = put(&f, NEW_NS, BODY).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let (status_url, result_url) = polling_urls(&f, &response, "0");
    assert_eq!(json(f.get(&status_url).await).await["status"], "InProgress");
    let status = json(f.get(&status_url).await).await;
    assert_eq!(status["status"], "Failed");
    assert_eq!(status["error"]["code"], "ProvisioningFailed");
    assert!(
        status["error"]["message"]
            .as_str()
            .unwrap()
            .contains(NEW_NS)
    );
    let response = f.get(&result_url).await;
    expect_arm_error(response, StatusCode::CONFLICT, "ProvisioningFailed").await;
    assert_eq!(state(&f, NEW_NS).await, Some(ProvisioningState::Failed));

    // Only the next operation fails.
    let response = put(&f, NEW_NS, BODY).await;
    assert_eq!(response.status(), StatusCode::OK);
    let (status_url, _) = polling_urls(&f, &response, "0");
    f.get(&status_url).await;
    assert_eq!(json(f.get(&status_url).await).await["status"], "Succeeded");
}

#[tokio::test]
async fn a_later_write_cancels_the_running_one() {
    let f = Fixture::start().await;
    let first = put(&f, NEW_NS, BODY).await;
    let (first_status, first_result) = polling_urls(&f, &first, "0");
    let second = f.send(Method::DELETE, &namespace_path(NEW_NS), None).await;
    assert_eq!(second.status(), StatusCode::ACCEPTED);
    let status = json(f.get(&first_status).await).await;
    assert_eq!(status["status"], "Canceled");
    let response = f.get(&first_result).await;
    expect_arm_error(response, StatusCode::CONFLICT, "OperationCanceled").await;
    assert_eq!(state(&f, NEW_NS).await, Some(ProvisioningState::Deleting));
}

#[tokio::test]
async fn polling_urls_are_authenticated_logged_faulted_and_checked() {
    // Three polls to complete, so that one miscounted request below turns an
    // `InProgress` answer into `Succeeded`.
    let f = Fixture::start_with(config().with_lro_polls(3)).await;
    let response = put(&f, NEW_NS, BODY).await;
    let (status_url, result_url) = polling_urls(&f, &response, "0");

    let anonymous = f.client.get(&status_url).send().await.unwrap();
    expect_arm_error(anonymous, StatusCode::UNAUTHORIZED, "AuthenticationFailed").await;
    // A faulted poll is not served, so it does not count.
    f.emulator.inject_fault(Fault::ServiceUnavailable);
    assert_eq!(
        f.get(&status_url).await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(json(f.get(&status_url).await).await["status"], "InProgress");
    assert_eq!(f.emulator.request_count(), 4);

    let unknown = result_url
        .replace("/operationResults/", "/operationResults/0")
        .replace("?", "x?");
    let response = f.get(&unknown).await;
    expect_arm_error(response, StatusCode::NOT_FOUND, "OperationNotFound").await;
    let elsewhere = status_url.replace("/locations/eastus/", "/locations/westus/");
    let response = f.get(&elsewhere).await;
    expect_arm_error(response, StatusCode::NOT_FOUND, "OperationNotFound").await;
    let without_version = status_url.split('?').next().unwrap().to_owned();
    let response = f.get(&without_version).await;
    expect_arm_error(
        response,
        StatusCode::BAD_REQUEST,
        "MissingApiVersionParameter",
    )
    .await;
    // Still in progress on the second poll: none of those counted as a poll.
    assert_eq!(json(f.get(&status_url).await).await["status"], "InProgress");
    assert_eq!(json(f.get(&status_url).await).await["status"], "Succeeded");
}

#[tokio::test]
async fn zero_polls_completes_on_the_first() {
    let f = Fixture::start_with(config().with_lro_polls(0)).await;
    let response = put(&f, NEW_NS, BODY).await;
    let (_, result_url) = polling_urls(&f, &response, "0");
    let result: Value = json(f.get(&result_url).await).await;
    assert_eq!(result["properties"]["provisioningState"], "Succeeded");
}

#[tokio::test]
async fn writes_need_an_existing_resource_group() {
    let f = Fixture::start().await;
    let path = format!(
        "/subscriptions/{SUB}/resourceGroups/new-rg/providers/Microsoft.Relay/namespaces/{NEW_NS}?api-version={RELAY_VERSION}"
    );
    let response = f.send(Method::PUT, &path, Some(BODY)).await;
    expect_arm_error(response, StatusCode::NOT_FOUND, "ResourceGroupNotFound").await;
    f.emulator.add_resource_group(SUB, "new-rg");
    let response = f.send(Method::PUT, &path, Some(BODY)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert!(f.emulator.relay_namespace(SUB, "NEW-RG", NEW_NS).is_some());
}

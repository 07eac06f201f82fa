//! Pagers and pollers of the generated clients, over HTTPS against the
//! emulator.

mod support;

use std::time::{Duration, Instant};

use arm_bindings::relay::clients::{RelayClient, RelayClientOptions};
use arm_bindings::relay::models::{
    ErrorResponse, ProvisioningStateEnum, RelayNamespace, Sku, SkuName,
};
use arm_bindings::runtime::ResponseError;
use armgen_emulator::{Emulator, EmulatorConfig};
use futures::TryStreamExt as _;
use support::emulated::*;

async fn start(config: EmulatorConfig) -> Emulator {
    let emulator = Emulator::start(config.with_token(TOKEN))
        .await
        .expect("emulator starts");
    let rules = ["rule-a", "rule-b", "rule-c", "rule-d", "rule-e"];
    emulator
        .add_relay_namespace(RELAY_SUB, RELAY_RG, RELAY_NS, &rules)
        .unwrap();
    emulator
}

fn relay(emulator: &Emulator) -> RelayClient {
    let options = RelayClientOptions {
        client_options: emulator.client_options(),
        endpoint: Some(emulator.endpoint_url()),
        ..Default::default()
    };
    RelayClient::new(RELAY_SUB, emulator.credential(), Some(options)).unwrap()
}

fn new_namespace() -> RelayNamespace {
    RelayNamespace {
        location: "westus".into(),
        tags: Some([("team".to_owned(), "relay".to_owned())].into()),
        sku: Some(Sku {
            name: SkuName::Standard,
            tier: None,
        }),
        id: None,
        name: None,
        r#type: None,
        properties: None,
    }
}

#[tokio::test]
async fn a_pager_follows_next_links_across_pages() {
    let emulator = start(
        EmulatorConfig::new()
            .with_services(arm_bindings::SERVICES)
            .with_page_size(2),
    )
    .await;
    let rules: Vec<_> = relay(&emulator)
        .namespaces()
        .list_authorization_rules(RELAY_RG, RELAY_NS, None)
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    let names: Vec<_> = rules.iter().map(|r| r.name.clone().unwrap()).collect();
    assert_eq!(names, ["rule-a", "rule-b", "rule-c", "rule-d", "rule-e"]);
    let requests = emulator.requests();
    assert_eq!(requests.len(), 3, "three pages of at most two");
    assert!(
        requests
            .iter()
            .all(|r| r.method == "GET" && r.header("authorization").is_some())
    );
    assert!(
        requests[1]
            .query
            .as_deref()
            .is_some_and(|q| q.contains("$skipToken"))
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused() {
    let emulator = start(
        EmulatorConfig::new()
            .with_services(arm_bindings::SERVICES)
            .with_page_size(2)
            .with_next_link_base("https://attacker.invalid"),
    )
    .await;
    let mut pager = relay(&emulator)
        .namespaces()
        .list_authorization_rules(RELAY_RG, RELAY_NS, None)
        .unwrap();
    let first = pager.try_next().await.unwrap();
    assert!(first.is_some());
    pager.try_next().await.unwrap();
    let error = pager.try_next().await.unwrap_err();
    assert!(
        error.to_string().contains("refusing to follow a next link"),
        "{error}"
    );
    assert_eq!(
        emulator.request_count(),
        1,
        "the token never left for the other host"
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn create_or_update_polls_to_the_final_resource() {
    let emulator = start(
        EmulatorConfig::new()
            .with_services(arm_bindings::SERVICES)
            .with_lro_polls(3),
    )
    .await;
    let mut poller = relay(&emulator)
        .namespaces()
        .begin_create_or_update(RELAY_RG, "namespace-created", &new_namespace(), None)
        .unwrap();
    // The first item of the stream is the initial response.
    let initial = poller
        .try_next()
        .await
        .unwrap()
        .expect("the initial response");
    assert_eq!(u16::from(initial.status()), 201);
    let path_of = |header: &'static str| {
        let name = azure_core::http::headers::HeaderName::from_static(header);
        let url = initial.headers().get_str(&name).expect(header);
        azure_core::http::Url::parse(url).unwrap().path().to_owned()
    };
    let (status_path, result_path) = (path_of("azure-asyncoperation"), path_of("location"));
    let created = poller.await.unwrap().into_model().unwrap();
    assert_eq!(created.name.as_deref(), Some("namespace-created"));
    assert_eq!(
        created.properties.unwrap().provisioning_state,
        Some(ProvisioningStateEnum::Succeeded)
    );
    let state = emulator
        .relay_namespace(RELAY_SUB, RELAY_RG, "namespace-created")
        .unwrap();
    assert_eq!(
        state.provisioning_state,
        armgen_emulator::ProvisioningState::Succeeded
    );
    let requests: Vec<String> = emulator
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    let namespace = format!(
        "/subscriptions/{RELAY_SUB}/resourceGroups/{RELAY_RG}/providers/Microsoft.Relay/namespaces/namespace-created"
    );
    let poll = format!("GET {status_path}");
    // The operation completes on the third poll; the resource is then read
    // from the `Location` URL (the spec's `final-state-via: location`).
    assert_eq!(
        requests,
        [
            format!("PUT {namespace}"),
            poll.clone(),
            poll.clone(),
            poll,
            format!("GET {result_path}"),
        ]
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn polling_honours_retry_after() {
    let emulator = start(
        EmulatorConfig::new()
            .with_services(arm_bindings::SERVICES)
            .with_lro_polls(2)
            .with_lro_retry_after(1),
    )
    .await;
    let started = Instant::now();
    relay(&emulator)
        .namespaces()
        .begin_delete(RELAY_RG, RELAY_NS, None)
        .unwrap()
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_secs(2),
        "two polls one second apart: {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(15), "{elapsed:?}");
    assert!(
        emulator
            .relay_namespace(RELAY_SUB, RELAY_RG, RELAY_NS)
            .is_none(),
        "the namespace is gone"
    );
    // A delete reads nothing once its status monitor says Succeeded.
    let requests = emulator.requests();
    assert!(
        requests[1..]
            .iter()
            .all(|r| r.method == "GET" && r.path.contains("/operationStatuses/")),
        "{requests:?}"
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_failed_operation_is_a_typed_error() {
    let emulator = start(EmulatorConfig::new().with_services(arm_bindings::SERVICES)).await;
    emulator.fail_next_operation();
    let error = relay(&emulator)
        .namespaces()
        .begin_create_or_update(RELAY_RG, "namespace-failing", &new_namespace(), None)
        .unwrap()
        .await
        .unwrap_err();
    let typed = error
        .downcast_ref::<ResponseError<ErrorResponse>>()
        .expect("typed");
    assert!(
        matches!(typed, ResponseError::OperationFailed { .. }),
        "{typed:?}"
    );
    assert_eq!(typed.error_code().as_deref(), Some("ProvisioningFailed"));
    assert_eq!(error.http_status(), None, "the polls themselves succeeded");
    emulator.shutdown().await;
}

#[tokio::test]
async fn deleting_a_missing_namespace_needs_no_polling() {
    let emulator = start(EmulatorConfig::new().with_services(arm_bindings::SERVICES)).await;
    let response = relay(&emulator)
        .namespaces()
        .begin_delete(RELAY_RG, "never-existed", None)
        .unwrap()
        .await
        .unwrap();
    assert_eq!(u16::from(response.status()), 204);
    assert_eq!(emulator.request_count(), 1);
    emulator.shutdown().await;
}

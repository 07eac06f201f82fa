//! What users' own offline tests use: a generated client wired up with `client_options`,
//! `endpoint_url` and `credential`, and secrets kept out of `Debug`.

use arm_bindings::relay::clients::{RelayClient, RelayClientOptions};
use arm_bindings::relay::models::ProvisioningStateEnum;

use crate::common::*;

fn relay_client(f: &Fixture) -> RelayClient {
    RelayClient::new(
        SUB,
        f.emulator.credential(),
        Some(RelayClientOptions {
            client_options: f.emulator.client_options(),
            endpoint: Some(f.emulator.endpoint_url()),
            ..Default::default()
        }),
    )
    .expect("client")
}

#[tokio::test]
async fn a_generated_client_works_with_the_emulators_options() {
    let f = Fixture::start().await;
    assert_eq!(
        f.emulator.endpoint_url().as_str(),
        format!("{}/", f.emulator.endpoint())
    );
    let namespaces = relay_client(&f).namespaces();

    let keys = namespaces
        .list_keys(RG, RELAY_NS, RELAY_RULE, None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    let current = f
        .emulator
        .relay_keys(SUB, RG, RELAY_NS, RELAY_RULE)
        .unwrap();
    assert_eq!(keys.primary_key.unwrap().secret(), current.primary_key);

    let namespace = namespaces
        .get(RG, RELAY_NS, None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(namespace.location, "westus");
    assert_eq!(
        namespace.properties.unwrap().provisioning_state,
        Some(ProvisioningStateEnum::Succeeded)
    );
    assert_eq!(f.emulator.request_count(), 2);
}

#[tokio::test]
async fn the_client_trusts_only_this_emulators_certificate() {
    let f = Fixture::start().await;
    let other = Fixture::start_with(config().with_token(f.emulator.token())).await;
    // Options of one emulator against the other's endpoint: its certificate is not trusted.
    let mut options = f.emulator.client_options();
    options.retry = azure_core::http::RetryOptions::none();
    let client = RelayClient::new(
        SUB,
        f.emulator.credential(),
        Some(RelayClientOptions {
            client_options: options,
            endpoint: Some(other.emulator.endpoint_url()),
            ..Default::default()
        }),
    )
    .unwrap();
    let error = client
        .namespaces()
        .list_keys(RG, RELAY_NS, RELAY_RULE, None)
        .await
        .unwrap_err();
    assert!(error.http_status().is_none(), "{error}");
    assert_eq!(other.emulator.request_count(), 0);
}

#[tokio::test]
async fn debug_output_shows_no_token_or_keys() {
    let f = Fixture::start().await;
    let token = f.emulator.token().to_owned();
    let keys = f
        .emulator
        .relay_keys(SUB, RG, RELAY_NS, RELAY_RULE)
        .unwrap();
    let shown = format!(
        "{:?} {:?} {:?} {:?} {:?}",
        f.emulator,
        f.emulator.credential(),
        f.emulator.client_options(),
        f.emulator.relay_namespace(SUB, RG, RELAY_NS).unwrap(),
        config().with_token(token.clone()),
    );
    assert!(!shown.contains(&token), "{shown}");
    assert!(!shown.contains(&keys.primary_key) && !shown.contains(&keys.secondary_key));
    assert!(shown.contains(RELAY_RULE), "rule names are shown: {shown}");
}

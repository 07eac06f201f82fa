//! Opt-in check against real Azure. It runs only when these are set, and is
//! skipped (passing, with a message) otherwise, so it never reaches the
//! network in CI:
//!
//! - `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`: a service
//!   principal (azure_identity's `ClientSecretCredential`);
//! - `AZURE_SUBSCRIPTION_ID`;
//! - `ARMGEN_LIVE_RELAY=resourceGroup/namespace/authorizationRule`: an existing
//!   Relay authorization rule the principal may list keys of.
//!
//! It only reads (Namespaces_ListKeys) and never prints a key.

use arm_bindings::relay::clients::RelayClient;
use azure_core::credentials::Secret;

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

#[tokio::test]
async fn list_keys_against_real_azure() {
    let (Some(tenant), Some(client), Some(secret), Some(subscription), Some(target)) = (
        var("AZURE_TENANT_ID"),
        var("AZURE_CLIENT_ID"),
        var("AZURE_CLIENT_SECRET"),
        var("AZURE_SUBSCRIPTION_ID"),
        var("ARMGEN_LIVE_RELAY"),
    ) else {
        println!(
            "skipped: set AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_SUBSCRIPTION_ID and ARMGEN_LIVE_RELAY to run"
        );
        return;
    };
    let parts: Vec<&str> = target.split('/').collect();
    let [resource_group, namespace, rule] = parts[..] else {
        panic!("ARMGEN_LIVE_RELAY must be resourceGroup/namespace/authorizationRule");
    };
    let credential =
        azure_identity::ClientSecretCredential::new(&tenant, client, Secret::new(secret), None)
            .unwrap();
    let relay = RelayClient::new(&subscription, credential, None).unwrap();
    let keys = relay
        .namespaces()
        .list_keys(resource_group, namespace, rule, None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    let primary = keys.primary_key.as_ref().expect("a primary key").secret();
    assert!(!primary.is_empty());
    assert!(!format!("{keys:?}").contains(primary));
}

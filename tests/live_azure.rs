//! Opt-in check against real Azure, ignored unless asked for, so it never
//! reaches the network in CI. Run it with
//! `cargo test --test live_azure -- --ignored` once these are set (it fails,
//! naming them, when any is missing):
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

const VARS: [&str; 5] = [
    "AZURE_TENANT_ID",
    "AZURE_CLIENT_ID",
    "AZURE_CLIENT_SECRET",
    "AZURE_SUBSCRIPTION_ID",
    "ARMGEN_LIVE_RELAY",
];

#[tokio::test]
#[ignore = "needs real Azure: set AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_SUBSCRIPTION_ID and ARMGEN_LIVE_RELAY, then run with --ignored"]
async fn list_keys_against_real_azure() {
    // Asked for explicitly, so a missing setting is a failure, not a skip.
    let missing: Vec<&str> = VARS.into_iter().filter(|v| var(v).is_none()).collect();
    assert!(missing.is_empty(), "not set: {}", missing.join(", "));
    let [tenant, client, secret, subscription, target] = VARS.map(|v| var(v).unwrap_or_default());
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

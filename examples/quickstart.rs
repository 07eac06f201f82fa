//! Quickstart: the generated clients against a local ARM emulator over HTTPS.
//!
//! Starts the emulator in-process (self-signed certificate, random bearer
//! token), lists a Relay authorization rule's keys, regenerates an EventGrid
//! partner namespace's `key1` and shows that it changed. Secrets print as
//! `Secret`. Against real Azure, only the credential and the options change:
//! see the README.

use std::error::Error;

use arm_bindings::eventgrid::clients::{EventGridClient, EventGridClientOptions};
use arm_bindings::eventgrid::models::PartnerNamespaceRegenerateKeyRequest;
use arm_bindings::relay::clients::{RelayClient, RelayClientOptions};
use arm_bindings::runtime::ValidationErrors;
use armgen_emulator::{Emulator, EmulatorConfig};

const RELAY_SUBSCRIPTION: &str = "ffffffff-ffff-ffff-ffff-ffffffffffff";
const EVENTGRID_SUBSCRIPTION: &str = "5b4b650e-28b9-4790-b3ab-ddbd88d727c4";

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let emulator =
        Emulator::start(EmulatorConfig::new().with_services(arm_bindings::SERVICES)).await?;
    emulator.add_relay_namespace(
        RELAY_SUBSCRIPTION,
        "resourcegroup",
        "example-RelayNamespace-01",
        &["example-RelayAuthRules-01"],
    )?;
    emulator.add_partner_namespace(
        EVENTGRID_SUBSCRIPTION,
        "examplerg",
        "examplePartnerNamespaceName1",
    )?;
    println!("ARM emulator listening on {}", emulator.endpoint());

    // The emulator's options trust its self-signed certificate; its
    // credential holds the bearer token it accepts.
    let client_options = emulator.client_options();
    let endpoint = emulator.endpoint_url();
    let credential = emulator.credential();

    let relay = RelayClient::new(
        RELAY_SUBSCRIPTION,
        credential.clone(),
        Some(RelayClientOptions {
            client_options: client_options.clone(),
            endpoint: Some(endpoint.clone()),
            ..Default::default()
        }),
    )?;
    let keys = relay
        .namespaces()
        .list_keys(
            "resourcegroup",
            "example-RelayNamespace-01",
            "example-RelayAuthRules-01",
            None,
        )
        .await?
        .into_model()?;
    println!(
        "\nRelay Namespaces_ListKeys (api-version {}):\n{keys:#?}",
        arm_bindings::relay::API_VERSION
    );

    let eventgrid = EventGridClient::new(
        EVENTGRID_SUBSCRIPTION,
        credential,
        Some(EventGridClientOptions {
            client_options,
            endpoint: Some(endpoint),
            ..Default::default()
        }),
    )?;
    let partner_namespaces = eventgrid.partner_namespaces();
    let before = partner_namespaces
        .list_shared_access_keys("examplerg", "examplePartnerNamespaceName1", None)
        .await?
        .into_model()?;
    let request = PartnerNamespaceRegenerateKeyRequest {
        key_name: "key1".into(),
    };
    let after = partner_namespaces
        .regenerate_key("examplerg", "examplePartnerNamespaceName1", &request, None)
        .await?
        .into_model()?;
    println!(
        "\nEventGrid PartnerNamespaces_RegenerateKey key1 (api-version {}):\n{after:#?}",
        arm_bindings::eventgrid::API_VERSION
    );
    println!("key1 changed: {}", before.key1 != after.key1);
    println!("key2 unchanged: {}", before.key2 == after.key2);

    // Constraints are checked before anything is sent.
    let error = relay
        .namespaces()
        .list_keys("resourcegroup", "tiny", "rule", None)
        .await
        .unwrap_err();
    if let Some(errors) = error.downcast_ref::<ValidationErrors>() {
        println!("\nrefused before sending: {errors}");
    }
    // ARM errors arrive typed, with the request id.
    let error = relay
        .namespaces()
        .list_keys(
            "resourcegroup",
            "example-RelayNamespace-01",
            "missing-rule",
            None,
        )
        .await
        .unwrap_err();
    println!("service error: {error}");

    emulator.shutdown().await;
    Ok(())
}

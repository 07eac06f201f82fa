//! Clients wired to an in-process emulator over HTTPS on 127.0.0.1.

use arm_bindings::eventgrid::clients::{EventGridClient, EventGridClientOptions};
use arm_bindings::relay::clients::{RelayClient, RelayClientOptions};
use arm_bindings::runtime::StaticTokenCredential;
use armgen_emulator::{Emulator, EmulatorConfig};
use azure_core::http::{ClientOptions, FixedRetryOptions, RetryOptions, Url};

pub const TOKEN: &str = "emulator-test-token-5f0c1a";
pub const RELAY_SUB: &str = "ffffffff-ffff-ffff-ffff-ffffffffffff";
pub const RELAY_RG: &str = "resourcegroup";
pub const RELAY_NS: &str = "example-RelayNamespace-01";
pub const RELAY_RULE: &str = "example-RelayAuthRules-01";
pub const EG_SUB: &str = "5b4b650e-28b9-4790-b3ab-ddbd88d727c4";
pub const EG_RG: &str = "examplerg";
pub const EG_NS: &str = "examplePartnerNamespaceName1";

/// An emulator seeded with the two seed resources.
pub async fn emulator() -> Emulator {
    let emulator = Emulator::start(
        EmulatorConfig::new()
            .with_services(arm_bindings::SERVICES)
            .with_token(TOKEN),
    )
    .await
    .expect("emulator starts");
    emulator
        .add_relay_namespace(RELAY_SUB, RELAY_RG, RELAY_NS, &[RELAY_RULE])
        .unwrap();
    emulator
        .add_partner_namespace(EG_SUB, EG_RG, EG_NS)
        .unwrap();
    emulator
}

/// The emulator's client options (its certificate trusted), retrying fast.
pub fn client_options(emulator: &Emulator, max_retries: u32) -> ClientOptions {
    ClientOptions {
        retry: RetryOptions::fixed(FixedRetryOptions {
            delay: azure_core::time::Duration::milliseconds(20),
            max_retries,
            ..Default::default()
        }),
        ..emulator.client_options()
    }
}

pub fn endpoint(emulator: &Emulator) -> Url {
    emulator.endpoint_url()
}

pub fn relay_client_with(emulator: &Emulator, token: &str, max_retries: u32) -> RelayClient {
    let options = RelayClientOptions {
        client_options: client_options(emulator, max_retries),
        endpoint: Some(endpoint(emulator)),
        ..Default::default()
    };
    RelayClient::new(
        RELAY_SUB,
        StaticTokenCredential::new(token.to_owned()),
        Some(options),
    )
    .unwrap()
}

pub fn relay_client(emulator: &Emulator) -> RelayClient {
    relay_client_with(emulator, TOKEN, 3)
}

pub fn eventgrid_client_with(emulator: &Emulator, max_retries: u32) -> EventGridClient {
    let options = EventGridClientOptions {
        client_options: client_options(emulator, max_retries),
        endpoint: Some(endpoint(emulator)),
        ..Default::default()
    };
    EventGridClient::new(EG_SUB, StaticTokenCredential::new(TOKEN), Some(options)).unwrap()
}

pub fn eventgrid_client(emulator: &Emulator) -> EventGridClient {
    eventgrid_client_with(emulator, 3)
}

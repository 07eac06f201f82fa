//! Per-call latency of the generated clients over loopback HTTPS, against the
//! in-process emulator: `cargo run --release --example latency [CALLS]`.
//!
//! Prints the median, 90th and 99th percentile of each operation over CALLS
//! sequential calls (default 500) after a warm-up, one connection reused as
//! in normal use. A benchmark, not a test: nothing is asserted.

use std::error::Error;
use std::time::{Duration, Instant};

use arm_bindings::eventgrid::clients::{EventGridClient, EventGridClientOptions};
use arm_bindings::eventgrid::models::PartnerNamespaceRegenerateKeyRequest;
use arm_bindings::relay::clients::{RelayClient, RelayClientOptions};
use armgen_emulator::{Emulator, EmulatorConfig};

const RELAY_SUBSCRIPTION: &str = "ffffffff-ffff-ffff-ffff-ffffffffffff";
const EVENTGRID_SUBSCRIPTION: &str = "5b4b650e-28b9-4790-b3ab-ddbd88d727c4";
const WARM_UP: usize = 20;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let calls: usize = match std::env::args().nth(1) {
        Some(n) => n
            .parse()
            .map_err(|_| format!("CALLS must be a number, not `{n}`"))?,
        None => 500,
    };
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
    )?
    .namespaces();
    let eventgrid = EventGridClient::new(
        EVENTGRID_SUBSCRIPTION,
        credential,
        Some(EventGridClientOptions {
            client_options,
            endpoint: Some(endpoint),
            ..Default::default()
        }),
    )?
    .partner_namespaces();
    let key1 = PartnerNamespaceRegenerateKeyRequest {
        key_name: "key1".into(),
    };

    let mut list_keys = Vec::with_capacity(calls);
    let mut regenerate = Vec::with_capacity(calls);
    for i in 0..WARM_UP + calls {
        let started = Instant::now();
        relay
            .list_keys(
                "resourcegroup",
                "example-RelayNamespace-01",
                "example-RelayAuthRules-01",
                None,
            )
            .await?
            .into_model()?;
        let listed = started.elapsed();
        let started = Instant::now();
        eventgrid
            .regenerate_key("examplerg", "examplePartnerNamespaceName1", &key1, None)
            .await?
            .into_model()?;
        let regenerated = started.elapsed();
        if i >= WARM_UP {
            list_keys.push(listed);
            regenerate.push(regenerated);
        }
    }
    emulator.shutdown().await;

    println!(
        "per-call latency over loopback HTTPS, {calls} sequential calls each (after {WARM_UP} warm-up calls):"
    );
    println!(
        "{:<40} {:>10} {:>10} {:>10}",
        "operation", "median", "p90", "p99"
    );
    report("Relay Namespaces_ListKeys", &mut list_keys);
    report("EventGrid PartnerNamespaces_RegenerateKey", &mut regenerate);
    Ok(())
}

fn report(name: &str, samples: &mut [Duration]) {
    samples.sort();
    let at = |q: f64| {
        let index = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples[index].as_secs_f64() * 1000.0
    };
    println!(
        "{name:<40} {:>8.3}ms {:>8.3}ms {:>8.3}ms",
        at(0.5),
        at(0.9),
        at(0.99)
    );
}

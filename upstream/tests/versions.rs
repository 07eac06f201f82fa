//! EventGrid 2024-06-01-preview and 2025-02-15 side by side, through their typed async
//! clients against the emulator serving both specs: the `Topics` sub-client differs between
//! the two (its `Topic` model does), so each version has its own `get` and
//! `begin_create_or_update`, while `list_shared_access_keys`, the same whole in both, is
//! written once on the sub-client that `eventgrid::shared` defines generic over the
//! api-version. Each version's client must still send its own api-version and decode its
//! own models.
//!
//! Compiled only when the upstream specs were found at build time (`arm-upstream`'s build
//! script; CI requires them). The crate's dev-dependency on itself turns both versions on.
#![cfg(upstream_specs)]

use std::sync::Arc;

use arm_upstream::eventgrid::{v2024_06_01_preview as preview, v2025_02_15 as stable};
use armgen_emulator::{Emulator, EmulatorConfig, SpecSet};
use armgen_runtime::{ArmClientOptions, StaticTokenCredential};

const TOKEN: &str = "upstream-versions-token";
const SUB: &str = "00000000-0000-0000-0000-00000000abcd";
const RG: &str = "versions-rg";

async fn start() -> (Emulator, ArmClientOptions) {
    let settings = concat!(env!("CARGO_MANIFEST_DIR"), "/armgen.yaml");
    let project = armgen::Config::from_project_file(settings).expect("armgen.yaml reads");
    let specs = SpecSet::from_config(&project.config).expect("the upstream specs resolve");
    let emulator = Emulator::start(
        EmulatorConfig::new()
            .with_specs(specs)
            .with_token(TOKEN)
            .with_lro_polls(1),
    )
    .await
    .expect("emulator starts");
    let options = ArmClientOptions {
        client_options: emulator.client_options(),
        endpoint: Some(emulator.endpoint_url()),
        ..Default::default()
    };
    (emulator, options)
}

fn credential() -> Arc<dyn azure_core::credentials::TokenCredential> {
    StaticTokenCredential::new(TOKEN)
}

/// The api-versions the emulator received, after its first `since` requests, for requests
/// whose path ends in `suffix`.
fn api_versions_of(emulator: &Emulator, since: usize, suffix: &str) -> Vec<String> {
    emulator
        .requests()
        .into_iter()
        .skip(since)
        .filter(|r| r.path.ends_with(suffix))
        .filter_map(|r| {
            r.query?
                .split('&')
                .find_map(|pair| pair.strip_prefix("api-version=").map(str::to_owned))
        })
        .collect()
}

#[tokio::test]
async fn a_sub_client_shared_in_part_sends_each_versions_api_version() {
    let (emulator, options) = start().await;
    let stable_client =
        stable::clients::EventgridClient::new(SUB, credential(), Some(options.clone()))
            .expect("client");
    let preview_client =
        preview::clients::EventgridClient::new(SUB, credential(), Some(options)).expect("client");

    // Created through 2025-02-15's own method, with its own model.
    let topic: stable::models::Topic =
        serde_json::from_value(serde_json::json!({ "location": "westus2" })).unwrap();
    let created = stable_client
        .topics()
        .begin_create_or_update(RG, "versions-topic", &topic, None)
        .expect("request builds")
        .await
        .expect("created")
        .into_model()
        .expect("decodes");
    assert_eq!(created.name.as_deref(), Some("versions-topic"));
    assert!(
        api_versions_of(&emulator, 0, "/topics/versions-topic")
            .iter()
            .all(|v| v == "2025-02-15"),
        "the create and its polls"
    );
    let created_after = emulator.requests().len();

    // Read back through each version's own `get`, decoding each version's `Topic`.
    let read_stable: stable::models::Topic = stable_client
        .topics()
        .get(RG, "versions-topic", None)
        .await
        .expect("read through 2025-02-15")
        .into_model()
        .unwrap();
    let read_preview: preview::models::Topic = preview_client
        .topics()
        .get(RG, "versions-topic", None)
        .await
        .expect("read through the preview")
        .into_model()
        .unwrap();
    assert_eq!(read_stable.location, "westus2");
    assert_eq!(read_preview.location, "westus2");
    assert_eq!(
        api_versions_of(&emulator, created_after, "/topics/versions-topic"),
        ["2025-02-15", "2024-06-01-preview"],
        "get (stable), get (preview)"
    );

    // The shared method: one definition, each version's api-version and keys.
    let stable_keys = stable_client
        .topics()
        .list_shared_access_keys(RG, "versions-topic", None)
        .await
        .expect("keys through 2025-02-15")
        .into_model()
        .unwrap();
    let preview_keys = preview_client
        .topics()
        .list_shared_access_keys(RG, "versions-topic", None)
        .await
        .expect("keys through the preview")
        .into_model()
        .unwrap();
    assert!(stable_keys.key1.is_some(), "the emulator answers with keys");
    // The same resource's keys, whichever version reads them.
    assert_eq!(
        stable_keys.key1.as_ref().map(|k| k.secret().to_owned()),
        preview_keys.key1.as_ref().map(|k| k.secret().to_owned())
    );
    assert_eq!(
        api_versions_of(&emulator, 0, "/topics/versions-topic/listKeys"),
        ["2025-02-15", "2024-06-01-preview"]
    );
    // Both versions' sub-clients are one generic type, not two copies.
    let stable_topics: stable::clients::EventgridTopicsClient = stable_client.topics();
    let _: &arm_upstream::eventgrid::shared::clients::EventgridTopicsClient<
        stable::clients::ApiVersion,
    > = &stable_topics;
    emulator.shutdown().await;
}

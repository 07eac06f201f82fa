//! Concurrent regenerate calls: no update may be lost, and every response is a true snapshot.

use armgen_emulator::{PartnerKeyName, PartnerNamespaceKeys, Regeneration, check_regenerations};
use serde_json::Value;

use crate::common::*;

const CALLS: usize = 200;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_regenerations_lose_no_update() {
    let f = Fixture::start().await;
    let initial = f
        .emulator
        .partner_namespace_keys(EG_SUB, EG_RG, PARTNER_NS)
        .unwrap();

    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..CALLS {
        let (key_name, wire_name) = if i % 2 == 0 {
            (PartnerKeyName::Key1, "key1")
        } else {
            (PartnerKeyName::Key2, "key2")
        };
        let client = f.client.clone();
        let url = f.url(&partner_path(PARTNER_NS, "regenerateKey", EG_VERSION));
        let token = f.emulator.token().to_owned();
        tasks.spawn(async move {
            let response = client
                .post(url)
                .bearer_auth(token)
                .header("content-type", "application/json")
                .body(format!(r#"{{"keyName":"{wire_name}"}}"#))
                .send()
                .await
                .expect("request completes");
            let body: Value = json(response).await;
            Regeneration {
                key_name,
                keys: PartnerNamespaceKeys {
                    key1: body["key1"].as_str().expect("key1").to_owned(),
                    key2: body["key2"].as_str().expect("key2").to_owned(),
                },
            }
        });
    }
    let mut responses = Vec::with_capacity(CALLS);
    while let Some(done) = tasks.join_next().await {
        responses.push(done.expect("task completes"));
    }
    assert_eq!(responses.len(), CALLS);
    let last = f
        .emulator
        .partner_namespace_keys(EG_SUB, EG_RG, PARTNER_NS)
        .unwrap();
    assert_eq!(f.emulator.request_count(), CALLS);
    if let Err(e) = check_regenerations(&initial, &responses, &last) {
        panic!("{e}");
    }
}

//! The three emulated operations on their success paths, and the request log.

use armgen_emulator::Emulator;
use base64::Engine as _;
use reqwest::StatusCode;

use crate::common::*;

fn assert_key(key: &str) {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(key)
        .expect("standard padded base64");
    assert_eq!(bytes.len(), 32, "256-bit key");
}

#[tokio::test]
async fn relay_list_keys_returns_the_rules_keys() {
    let f = Fixture::start().await;
    let body = json(f.relay_list_keys().await).await;
    let keys = f
        .emulator
        .relay_keys(SUB, RG, RELAY_NS, RELAY_RULE)
        .expect("seeded");
    assert_eq!(body["keyName"], RELAY_RULE);
    assert_eq!(body["primaryKey"], keys.primary_key.as_str());
    assert_eq!(body["secondaryKey"], keys.secondary_key.as_str());
    assert_eq!(
        body["primaryConnectionString"],
        format!(
            "Endpoint=sb://{RELAY_NS}.servicebus.windows.net/;SharedAccessKeyName={RELAY_RULE};SharedAccessKey={}",
            keys.primary_key
        )
    );
    assert_eq!(
        body["secondaryConnectionString"],
        format!(
            "Endpoint=sb://{RELAY_NS}.servicebus.windows.net/;SharedAccessKeyName={RELAY_RULE};SharedAccessKey={}",
            keys.secondary_key
        )
    );
    assert_key(&keys.primary_key);
    assert_key(&keys.secondary_key);
    assert_ne!(keys.primary_key, keys.secondary_key);
}

#[tokio::test]
async fn partner_list_keys_returns_both_keys() {
    let f = Fixture::start().await;
    let response = f.partner_list_keys().await;
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let body = json(response).await;
    let keys = f
        .emulator
        .partner_namespace_keys(EG_SUB, EG_RG, PARTNER_NS)
        .expect("seeded");
    assert_eq!(
        body,
        serde_json::json!({"key1": keys.key1, "key2": keys.key2})
    );
    assert_key(&keys.key1);
    assert_key(&keys.key2);
}

#[tokio::test]
async fn regenerate_replaces_only_the_named_key() {
    let f = Fixture::start().await;
    let before = f
        .emulator
        .partner_namespace_keys(EG_SUB, EG_RG, PARTNER_NS)
        .unwrap();

    let after1 = json(f.regenerate("key1").await).await;
    assert_ne!(after1["key1"], before.key1.as_str());
    assert_eq!(after1["key2"], before.key2.as_str());
    let state = f
        .emulator
        .partner_namespace_keys(EG_SUB, EG_RG, PARTNER_NS)
        .unwrap();
    assert_eq!(after1["key1"], state.key1.as_str());
    assert_key(&state.key1);

    let after2 = json(f.regenerate("key2").await).await;
    assert_eq!(after2["key1"], after1["key1"]);
    assert_ne!(after2["key2"], after1["key2"]);
    // listKeys reports what regenerate left behind.
    assert_eq!(json(f.partner_list_keys().await).await, after2);
}

#[tokio::test]
async fn request_log_keeps_requests_exactly_as_received() {
    let f = Fixture::start().await;
    let path = format!(
        "/subscriptions/{EG_SUB}/resourceGroups/{EG_RG}/providers/Microsoft.EventGrid/partnerNamespaces/{PARTNER_NS}/regenerateKey"
    );
    let response = f
        .client
        .post(f.url(&format!("{path}?api-version={EG_VERSION}&x=a%20b")))
        .bearer_auth(f.emulator.token())
        .header("content-type", "application/json")
        .header("x-ms-client-request-id", "client-id-1")
        .body(r#"{"keyName":"key1"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["x-ms-client-request-id"], "client-id-1");

    let requests = f.emulator.take_requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, path);
    assert_eq!(r.query.as_deref(), Some("api-version=2025-02-15&x=a%20b"));
    assert_eq!(r.query_param("api-version"), Some(EG_VERSION));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        r.header("authorization"),
        Some(format!("Bearer {}", f.emulator.token()).as_str())
    );
    assert_eq!(r.body, br#"{"keyName":"key1"}"#);
    assert_eq!(r.body_json().unwrap()["keyName"], "key1");
    assert_eq!(
        f.emulator.request_count(),
        0,
        "take_requests empties the log"
    );

    // Secrets stay out of Debug output.
    let shown = format!("{r:?} {:?}", f.emulator);
    assert!(!shown.contains(f.emulator.token()), "{shown}");
}

#[tokio::test]
async fn configured_token_and_versions_are_used() {
    let config = config()
        .with_token("fixed-token")
        .with_api_versions("microsoft.relay", ["2021-11-01", RELAY_VERSION]);
    let f = Fixture::start_with(config).await;
    assert_eq!(f.emulator.token(), "fixed-token");
    let path = relay_path(SUB, RG, RELAY_NS, RELAY_RULE, "2021-11-01");
    let response = f.post(&path, None).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn shutdown_stops_serving_and_drop_does_too() {
    let emulator = Emulator::start(config()).await.unwrap();
    let client = client_for(&emulator, REQUEST_TIMEOUT);
    let url = format!("{}/", emulator.endpoint());
    // Any response proves it is up; 401 is expected without a token.
    assert_eq!(
        client.get(&url).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    // A fresh client, so no pooled connection can mask the listener being gone,
    // that trusts the emulator's certificate, so its error can only mean that
    // nothing answers any more.
    let fresh = client_for(&emulator, REQUEST_TIMEOUT);
    emulator.shutdown().await;
    let after = fresh.get(&url).send().await;
    assert!(after.is_err(), "still served after shutdown: {after:?}");

    let emulator = Emulator::start(config()).await.unwrap();
    let addr = emulator.local_addr();
    drop(emulator);
    // The accept loop ends asynchronously after Drop; poll briefly for the port to close.
    let mut closed = false;
    for _ in 0..50 {
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            closed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(closed, "listener still accepting after drop");
}

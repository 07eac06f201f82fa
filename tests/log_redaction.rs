//! Nothing logged, displayed or debug-printed while calling the service holds
//! a key or the bearer token.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use arm_bindings::eventgrid::models::PartnerNamespaceRegenerateKeyRequest;
use support::emulated::*;

/// A `MakeWriter` that keeps everything written.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

// One thread, so the thread-local subscriber sees the client's and the
// emulator's events alike.
#[tokio::test(flavor = "current_thread")]
async fn logs_debug_and_errors_never_contain_keys_or_tokens() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let emulator = emulator().await;
    let mut printed = String::new();
    let relay = relay_client(&emulator);
    let response = relay
        .namespaces()
        .list_keys(RELAY_RG, RELAY_NS, RELAY_RULE, None)
        .await
        .unwrap();
    printed += &format!("{response:?}");
    let keys = response.into_model().unwrap();
    printed += &format!("{keys:?} {keys:#?}");
    let eventgrid = eventgrid_client(&emulator);
    let request = PartnerNamespaceRegenerateKeyRequest {
        key_name: "key2".into(),
    };
    let regenerated = eventgrid
        .partner_namespaces()
        .regenerate_key(EG_RG, EG_NS, &request, None)
        .await
        .unwrap();
    printed += &format!("{regenerated:?}");
    printed += &format!("{:?}", regenerated.into_model().unwrap());
    printed += &format!("{relay:?} {eventgrid:?}");
    emulator.inject_fault(armgen_emulator::Fault::MalformedJson);
    let error = relay
        .namespaces()
        .list_keys(RELAY_RG, RELAY_NS, RELAY_RULE, None)
        .await
        .unwrap_err();
    printed += &format!("{error} {error:?}");

    let relay_keys = emulator
        .relay_keys(RELAY_SUB, RELAY_RG, RELAY_NS, RELAY_RULE)
        .unwrap();
    let eg_keys = emulator
        .partner_namespace_keys(EG_SUB, EG_RG, EG_NS)
        .unwrap();
    emulator.shutdown().await;

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("listKeys"),
        "the pipeline logged nothing: is logging captured?\n{logs}"
    );
    let secrets = [
        TOKEN,
        &relay_keys.primary_key,
        &relay_keys.secondary_key,
        &eg_keys.key1,
        &eg_keys.key2,
    ];
    for secret in secrets {
        assert!(!logs.contains(secret), "a secret was logged:\n{logs}");
        assert!(
            !printed.contains(secret),
            "a secret was printed:\n{printed}"
        );
    }
}

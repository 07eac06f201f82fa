//! Nothing logged, displayed or debug-printed while calling the service holds
//! a key or the bearer token: not on success, and not when an error body
//! quotes them.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use arm_bindings::eventgrid::models::PartnerNamespaceRegenerateKeyRequest;
use arm_bindings::relay::models::ErrorResponse;
use arm_bindings::runtime::ResponseError;
use armgen_emulator::{Emulator, Fault};
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

impl Captured {
    /// Captures every event of this thread at every level until the guard
    /// is dropped. The tests run on one thread, so the thread-local
    /// subscriber sees the client's and the emulator's events alike.
    fn start() -> (Self, tracing::subscriber::DefaultGuard) {
        let captured = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(captured.clone())
            .with_ansi(false)
            .finish();
        let guard = tracing::subscriber::set_default(subscriber);
        (captured, guard)
    }

    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

/// The bearer token and every key the emulator holds now.
fn secrets(emulator: &Emulator) -> Vec<String> {
    let relay = emulator
        .relay_keys(RELAY_SUB, RELAY_RG, RELAY_NS, RELAY_RULE)
        .unwrap();
    let eventgrid = emulator
        .partner_namespace_keys(EG_SUB, EG_RG, EG_NS)
        .unwrap();
    vec![
        TOKEN.to_owned(),
        relay.primary_key,
        relay.secondary_key,
        eventgrid.key1,
        eventgrid.key2,
    ]
}

fn assert_hidden(secrets: &[String], logs: &str, printed: &str) {
    assert!(
        logs.contains("listKeys"),
        "the pipeline logged nothing: is logging captured?\n{logs}"
    );
    for secret in secrets {
        assert!(!logs.contains(secret), "a secret was logged:\n{logs}");
        assert!(
            !printed.contains(secret),
            "a secret was printed:\n{printed}"
        );
    }
}

#[tokio::test(flavor = "current_thread")]
async fn logs_debug_and_errors_never_contain_keys_or_tokens() {
    let (captured, _guard) = Captured::start();
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
    emulator.inject_fault(Fault::MalformedJson);
    let error = relay
        .namespaces()
        .list_keys(RELAY_RG, RELAY_NS, RELAY_RULE, None)
        .await
        .unwrap_err();
    printed += &format!("{error} {error:?}");

    let secrets = secrets(&emulator);
    emulator.shutdown().await;
    assert_hidden(&secrets, &captured.text(), &printed);
}

/// Error answers (status, content type, body) that quote the keys and the
/// token: the documented error shape, JSON of another shape, plain text and
/// HTML. None of the statuses is retried.
fn hostile_answers(secrets: &[String]) -> Vec<(u16, &'static str, String)> {
    let [token, primary, secondary, key1, key2] = secrets else {
        panic!("five secrets");
    };
    let connection_string = format!(
        "Endpoint=sb://{RELAY_NS}.servicebus.windows.net/;SharedAccessKeyName={RELAY_RULE};SharedAccessKey={primary}"
    );
    vec![
        (
            400,
            "application/json",
            serde_json::json!({"error": {
                "code": "BadRequest",
                "message": format!("could not use {connection_string}"),
                "details": [{"code": "Echo", "message": format!("Authorization: Bearer {token}")}],
                "additionalInfo": [{"type": "Keys", "info": {"primaryKey": primary, "key1": key1}}],
            }})
            .to_string(),
        ),
        (
            409,
            "application/json",
            serde_json::json!({"error": "Conflict", "secondaryKey": secondary, "key2": key2})
                .to_string(),
        ),
        (
            403,
            "text/plain",
            format!(
                "denied: Authorization: Bearer {token}; AccountKey={secondary}; https://x.blob.core.windows.net/c?sv=1&sig={key2}&se=2"
            ),
        ),
        (
            404,
            "text/html",
            format!("<html><body><p>{connection_string}</p></body></html>"),
        ),
    ]
}

#[tokio::test(flavor = "current_thread")]
async fn error_bodies_that_quote_keys_or_tokens_never_show_them() {
    let (captured, _guard) = Captured::start();
    let emulator = emulator().await;
    let relay = relay_client(&emulator);
    let secrets = secrets(&emulator);
    let mut printed = String::new();
    for (status, content_type, body) in hostile_answers(&secrets) {
        emulator.inject_fault(Fault::Respond {
            status,
            content_type: content_type.to_owned(),
            body: body.clone(),
        });
        let error = relay
            .namespaces()
            .list_keys(RELAY_RG, RELAY_NS, RELAY_RULE, None)
            .await
            .unwrap_err();
        assert_eq!(error.http_status().map(u16::from), Some(status));
        let typed = error
            .downcast_ref::<ResponseError<ErrorResponse>>()
            .expect("a typed response error");
        printed += &format!("{error}\n{error:?}\n{typed}\n{typed:?}\n{typed:#?}\n");
        // Asked for explicitly, the body is still there as it came.
        match typed.raw_body() {
            Some(raw) => assert_eq!(raw, body),
            None => assert!(typed.service_error().is_some(), "{typed:?}"),
        }
    }
    emulator.shutdown().await;
    assert_hidden(&secrets, &captured.text(), &printed);
}

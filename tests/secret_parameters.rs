//! Header and query parameters that are secret (`x-ms-secret`, or secret by
//! name: `x-ms-encryption-key`, `sharedAccessSignature`, `adminPassword`) are
//! `Secret`s end to end: they reach the wire, and no `Debug`, log line or
//! error shows them (issue 8, item 11). Uses the odd-names snapshot, whose
//! `Items_Put` takes one of each.

include!("../generator/tests/snapshots/mod.rs");

use std::io::Write;
use std::sync::{Arc, Mutex};

use arm_bindings::runtime::{Secret, StaticTokenCredential, Url};
use armgen_emulator::scripted::{Reply, ScriptedServer};
use azure_core::http::{ClientOptions, RetryOptions};
use odd::clients::{OddClient, OddClientOptions, OddItemsClientPutOptions};
use odd::models::{Mode, Self_};

const KEY: &str = "encryption-key-5ecret-0001";
const SAS: &str = "sv=2024-01-01&sig=5ecret/Sig+0002";
const PASSWORD: &str = "admin-Pa55word-0003";
const COOKIE: &str = "blob-cookie-5ecret-0004";
const SHA: &str = "not-a-secret-sha256";

/// A secret argument as the generated functions take it.
fn arg(value: &str) -> Secret {
    Secret::new(value)
}

/// An optional secret parameter as the options structs hold it.
fn field(value: &str) -> Secret {
    Secret::new(value)
}

/// Every form a secret could take in text: as is, and encoded in a URL.
fn forms() -> Vec<String> {
    let mut forms = Vec::new();
    for secret in [KEY, SAS, PASSWORD, COOKIE] {
        forms.push(secret.to_owned());
        let encoded: String =
            arm_bindings::runtime::__private::url::form_urlencoded::byte_serialize(
                secret.as_bytes(),
            )
            .collect();
        forms.push(encoded);
    }
    // Distinctive parts, in case a value is split or re-encoded.
    forms.push("5ecret".to_owned());
    forms.push("Pa55word".to_owned());
    forms
}

fn assert_no_secret(text: &str, what: &str) {
    for form in forms() {
        assert!(!text.contains(&form), "{what} shows `{form}`:\n{text}");
    }
}

fn item() -> Self_ {
    serde_json::from_value(serde_json::json!({"type": "t"})).unwrap()
}

#[test]
fn debug_of_a_request_redacts_secret_headers_and_query_parameters() {
    let endpoint = Url::parse("https://management.azure.com").unwrap();
    let request = odd::items::put_request(
        &endpoint,
        odd::API_VERSION,
        "t",
        "me",
        &item(),
        &Mode::Fast,
        &arg(SAS),
        &arg(KEY),
        None,
        None,
        Some(&arg(PASSWORD)),
        Some("*"),
        Some(&arg(COOKIE)),
        Some(SHA),
    )
    .unwrap();
    assert_no_secret(&format!("{request:?} {request:#?}"), "Debug");
    let debug = format!("{request:?}");
    for visible in [SHA, "If-Match", "sharedAccessSignature", "mode=fast"] {
        assert!(debug.contains(visible), "{visible} is hidden: {debug}");
    }
    // The request itself carries every value.
    assert_eq!(request.header("x-ms-encryption-key"), Some(KEY));
    assert_eq!(request.header("x-ms-blob-cookie"), Some(COOKIE));
    let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert!(query.contains(&("sharedAccessSignature".to_owned(), SAS.to_owned())));
    assert!(query.contains(&("adminPassword".to_owned(), PASSWORD.to_owned())));
}

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

fn put_options() -> OddItemsClientPutOptions<'static> {
    OddItemsClientPutOptions {
        admin_password: Some(field(PASSWORD)),
        x_ms_blob_cookie: Some(field(COOKIE)),
        x_ms_encryption_key_sha256: Some(SHA.to_owned()),
        ..Default::default()
    }
}

// One thread, so the thread-local subscriber sees every event.
#[tokio::test(flavor = "current_thread")]
async fn secret_parameters_reach_the_wire_but_no_log_debug_or_error() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = ScriptedServer::start().await.unwrap();
    let client = OddClient::new(
        StaticTokenCredential::new("token"),
        Some(OddClientOptions {
            client_options: ClientOptions {
                retry: RetryOptions::none(),
                ..server.client_options()
            },
            endpoint: Some(server.endpoint_url()),
            ..Default::default()
        }),
    )
    .unwrap();
    let mut printed = format!("{client:?} {:?}", put_options());

    // An error answer.
    server.reply(Reply::new(400).json(r#"{"error": {"code": "BadRequest", "message": "no"}}"#));
    let error = client
        .items()
        .put(
            "t",
            "me",
            &item(),
            &Mode::Fast,
            &arg(SAS),
            &arg(KEY),
            Some(put_options()),
        )
        .await
        .unwrap_err();
    printed += &format!("{error} {error:?}");

    // Every value went on the wire.
    let seen = &server.requests()[0];
    assert_eq!(seen.header("x-ms-encryption-key"), Some(KEY));
    assert_eq!(seen.header("x-ms-blob-cookie"), Some(COOKIE));
    let query = Url::parse(&format!("https://h{}", seen.target)).unwrap();
    let query: Vec<(String, String)> = query.query_pairs().into_owned().collect();
    assert!(query.contains(&("sharedAccessSignature".to_owned(), SAS.to_owned())));
    assert!(query.contains(&("adminPassword".to_owned(), PASSWORD.to_owned())));

    // A transport failure: the server is gone.
    server.shutdown().await;
    let error = client
        .items()
        .put(
            "t",
            "me",
            &item(),
            &Mode::Fast,
            &arg(SAS),
            &arg(KEY),
            Some(put_options()),
        )
        .await
        .unwrap_err();
    printed += &format!("{error} {error:?}");

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("/items/t/me"),
        "the pipeline logged nothing: is logging captured?\n{logs}"
    );
    assert_no_secret(&logs, "the log");
    assert_no_secret(&printed, "Debug or Display");
}

//! Every call is bounded (issue 8): waits a `Retry-After` asks for, the time a
//! call or a long-running operation takes, the pages a pager follows and the
//! bytes read of a response. Each test scripts a misbehaving server over real
//! HTTPS on 127.0.0.1 and configures small limits, so nothing waits long.
//!
//! Without the bounds these tests hang; `bounded` turns a hang into a failure.

use std::future::{Future, IntoFuture};
use std::time::Duration;

use arm_bindings::relay::clients::{RelayClient, RelayClientOptions};
use arm_bindings::relay::models::{ErrorResponse, RelayNamespace};
use arm_bindings::runtime::{
    OperationStatus, PollerMethodOptions, PollerOptions, ResponseError, ResponseTooLarge,
    StaticTokenCredential,
};
use armgen_emulator::scripted::{Reply, ScriptedServer};
use azure_core::http::{ClientOptions, FixedRetryOptions, Poller, RetryOptions};
use futures::TryStreamExt as _;

const SUB: &str = "00000000-0000-0000-0000-000000000000";
const RG: &str = "rg";
const NS: &str = "namespace-01";
const RULE: &str = "rule";

/// Far longer than any bounded test takes, far shorter than an unbounded one.
const HANG: Duration = Duration::from_secs(30);

/// Awaits `future`, failing the test if it has not finished after [`HANG`].
async fn bounded<T>(what: &str, future: impl Future<Output = T>) -> T {
    tokio::time::timeout(HANG, future)
        .await
        .unwrap_or_else(|_| panic!("{what}: still waiting after {HANG:?}, i.e. unbounded"))
}

fn options(server: &ScriptedServer, max_retries: u32) -> RelayClientOptions {
    RelayClientOptions {
        client_options: ClientOptions {
            retry: RetryOptions::fixed(FixedRetryOptions {
                delay: azure_core::time::Duration::milliseconds(10),
                max_retries,
                ..Default::default()
            }),
            ..server.client_options()
        },
        endpoint: Some(server.endpoint_url()),
        ..Default::default()
    }
}

fn client(options: RelayClientOptions) -> RelayClient {
    RelayClient::new(SUB, StaticTokenCredential::new("token"), Some(options)).unwrap()
}

fn keys_json() -> &'static str {
    r#"{"keyName": "rule", "primaryKey": "k1", "secondaryKey": "k2"}"#
}

async fn list_keys(client: &RelayClient) -> azure_core::Result<()> {
    client
        .namespaces()
        .list_keys(RG, NS, RULE, None)
        .await
        .map(|_| ())
}

// Item 6: a huge Retry-After, in any of its forms, waits no longer than
// `max_retry_delay`.
#[tokio::test]
async fn huge_retry_afters_are_capped_by_max_retry_delay() {
    let server = ScriptedServer::start().await.unwrap();
    let client = client(RelayClientOptions {
        max_retry_delay: Duration::from_millis(100),
        ..options(&server, 3)
    });
    let huge = [
        ("Retry-After", "1000000000"),
        ("Retry-After", "9223372036854775807"),
        ("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT"),
        ("retry-after-ms", "9223372036854775807"),
        ("x-ms-retry-after-ms", "1000000000000"),
    ];
    for (name, value) in huge {
        for status in [429, 503] {
            server.reply(Reply::new(status).header(name, value));
            server.reply(Reply::new(200).json(keys_json()));
            bounded(
                &format!("{status} with {name}: {value}"),
                list_keys(&client),
            )
            .await
            .unwrap();
        }
    }
    assert_eq!(server.request_count(), huge.len() * 4);
    server.shutdown().await;
}

fn namespace_json() -> &'static str {
    r#"{"location": "westus", "name": "namespace-01"}"#
}

fn namespace() -> RelayNamespace {
    serde_json::from_str(namespace_json()).unwrap()
}

/// Starts a create whose status monitor is `/operations/1` on `server`,
/// polled as `options` say.
fn begin_create(
    server: &ScriptedServer,
    client: &RelayClient,
    options: PollerOptions<'static>,
) -> Poller<OperationStatus<RelayNamespace>> {
    let monitor = format!("{}/operations/1", server.endpoint());
    server.reply(
        Reply::new(201)
            .header("Azure-AsyncOperation", monitor)
            .json(namespace_json()),
    );
    let options = PollerMethodOptions {
        method_options: options,
    };
    client
        .namespaces()
        .begin_create_or_update(RG, NS, &namespace(), Some(options))
        .unwrap()
}

// Item 6, long-running operations: a throttled poll (429 with a huge
// Retry-After, retried by the pipeline) waits no longer than the poller's
// `max_delay`, even though the client's cap is the default minute.
#[tokio::test]
async fn a_throttled_poll_waits_no_longer_than_the_pollers_max_delay() {
    let server = ScriptedServer::start().await.unwrap();
    let client = client(options(&server, 3));
    let options = PollerOptions {
        max_delay: Duration::from_millis(100),
        ..Default::default()
    };
    let poller = begin_create(&server, &client, options);
    server.reply(Reply::new(429).header("Retry-After", "1000000000"));
    server.reply(Reply::new(200).json(r#"{"status": "Succeeded"}"#));
    server.reply(Reply::new(200).json(namespace_json()));
    let created = bounded("throttled poll", poller.into_future())
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(created.location, "westus");
    assert_eq!(server.request_count(), 4);
    server.shutdown().await;
}

// Item 6: the poller's own waits between polls are bounded by the client's
// `max_retry_delay` as well as by its `max_delay`, whatever form the
// Retry-After takes.
#[tokio::test]
async fn the_pollers_own_waits_are_capped_by_max_retry_delay() {
    let server = ScriptedServer::start().await.unwrap();
    let client = client(RelayClientOptions {
        max_retry_delay: Duration::from_millis(100),
        ..options(&server, 0)
    });
    let poller = begin_create(&server, &client, PollerOptions::default());
    let in_progress = r#"{"status": "InProgress"}"#;
    server.reply(
        Reply::new(200)
            .header("Retry-After", "1000000000")
            .json(in_progress),
    );
    server.reply(
        Reply::new(200)
            .header("retry-after-ms", "9223372036854775807")
            .json(in_progress),
    );
    server.reply(Reply::new(200).json(r#"{"status": "Succeeded"}"#));
    server.reply(Reply::new(200).json(namespace_json()));
    bounded("polling", poller.into_future()).await.unwrap();
    assert_eq!(server.request_count(), 5);
    server.shutdown().await;
}

fn is_timeout(error: &azure_core::Error) -> bool {
    error
        .downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::TimedOut)
}

// Item 7: a body dripped one byte every 45 s ends at the call's deadline.
#[tokio::test]
async fn a_dripped_body_ends_at_the_call_deadline() {
    let server = ScriptedServer::start().await.unwrap();
    let client = client(RelayClientOptions {
        timeout: Some(Duration::from_secs(1)),
        ..options(&server, 0)
    });
    server.reply(Reply::new(200).drip(keys_json(), Duration::from_secs(45)));
    let error = bounded("dripped body", list_keys(&client))
        .await
        .unwrap_err();
    assert!(is_timeout(&error), "{error:?}");
    assert!(
        error.to_string().contains("ArmClientOptions::timeout"),
        "{error}"
    );
    server.shutdown().await;
}

// Item 7: the deadline covers retries too: a server that answers 503 to
// every try ends at the deadline, not after the retry policy's minute.
#[tokio::test]
async fn the_call_deadline_covers_every_retry() {
    let server = ScriptedServer::start().await.unwrap();
    let client = client(RelayClientOptions {
        timeout: Some(Duration::from_secs(1)),
        ..options(&server, u32::MAX)
    });
    server.reply_always(Reply::new(503).header("Retry-After", "1"));
    let error = bounded("retrying", list_keys(&client)).await.unwrap_err();
    assert!(is_timeout(&error), "{error:?}");
    server.shutdown().await;
}

// Item 7: a long-running operation that never ends stops at its deadline.
#[tokio::test]
async fn an_endless_operation_ends_at_the_poller_deadline() {
    let server = ScriptedServer::start().await.unwrap();
    let client = client(options(&server, 0));
    let options = PollerOptions {
        frequency: Duration::from_millis(20),
        max_polls: u32::MAX,
        timeout: Some(Duration::from_secs(1)),
        ..Default::default()
    };
    let poller = begin_create(&server, &client, options);
    server.reply_always(Reply::new(200).json(r#"{"status": "InProgress"}"#));
    let error = bounded("endless operation", poller.into_future())
        .await
        .unwrap_err();
    assert!(is_timeout(&error), "{error:?}");
    assert!(
        error.to_string().contains("PollerOptions::timeout"),
        "{error}"
    );
    server.shutdown().await;
}

fn page(next: Option<String>) -> Reply {
    let rule = r#"{"name": "rule", "properties": {"rights": ["Listen"]}}"#;
    let body = match next {
        Some(next) => format!(r#"{{"value": [{rule}], "nextLink": "{next}"}}"#),
        None => format!(r#"{{"value": [{rule}]}}"#),
    };
    Reply::new(200).json(body)
}

async fn list_all(client: &RelayClient) -> azure_core::Result<usize> {
    let mut pager = client.namespaces().list_authorization_rules(RG, NS, None)?;
    let mut items = 0;
    while pager.try_next().await?.is_some() {
        items += 1;
    }
    Ok(items)
}

// Item 8: a next link to the page itself is followed once, not forever.
#[tokio::test]
async fn a_page_linking_to_itself_is_an_error() {
    let server = ScriptedServer::start().await.unwrap();
    let client = client(options(&server, 0));
    let itself = format!("{}/same?api-version=2024-01-01", server.endpoint());
    server.reply_always(page(Some(itself)));
    let error = bounded("self-link", list_all(&client)).await.unwrap_err();
    assert!(error.to_string().contains("already fetched"), "{error}");
    // The first page, then the linked one, which links to itself.
    assert_eq!(server.request_count(), 2);
    server.shutdown().await;
}

// Item 8: so is a cycle through several pages, including back to the first.
#[tokio::test]
async fn a_cycle_of_next_links_is_an_error() {
    let server = ScriptedServer::start().await.unwrap();
    let client = client(options(&server, 0));
    let base = server.endpoint();
    let first = format!(
        "{base}/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Relay/namespaces/{NS}/authorizationRules"
    );
    server.reply(page(Some(format!("{base}/a"))));
    server.reply(page(Some(format!("{base}/b"))));
    server.reply(page(Some(format!("{base}/a"))));
    let error = bounded("cycle", list_all(&client)).await.unwrap_err();
    assert!(error.to_string().contains("already fetched"), "{error}");
    assert_eq!(server.request_count(), 3);

    // Back to the first page, by a link without the api-version the first
    // request had: still the same page.
    server.reply(page(Some(format!("{base}/c"))));
    server.reply(page(Some(first)));
    let error = bounded("cycle to the start", list_all(&client))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("already fetched"), "{error}");
    assert_eq!(server.request_count(), 5);
    server.shutdown().await;
}

// Item 8: a list longer than `max_pages` ends there.
#[tokio::test]
async fn pagers_stop_after_max_pages() {
    let server = ScriptedServer::start().await.unwrap();
    let client = client(RelayClientOptions {
        max_pages: 3,
        ..options(&server, 0)
    });
    for n in 1..=5 {
        server.reply(page(Some(format!("{}/page/{n}", server.endpoint()))));
    }
    server.reply_always(page(None));
    let error = bounded("long list", list_all(&client)).await.unwrap_err();
    assert!(error.to_string().contains("max_pages"), "{error}");
    assert_eq!(server.request_count(), 3);

    // Within the limit, every item arrives.
    let client = client_with_pages(&server, 10);
    assert_eq!(list_all(&client).await.unwrap(), 3);
    server.shutdown().await;
}

fn client_with_pages(server: &ScriptedServer, max_pages: u32) -> RelayClient {
    client(RelayClientOptions {
        max_pages,
        ..options(server, 0)
    })
}

fn too_large(error: &azure_core::Error) -> &ResponseTooLarge {
    error.downcast_ref::<ResponseTooLarge>().unwrap_or_else(|| {
        panic!(
            "not ResponseTooLarge: {} bytes of text",
            error.to_string().len()
        )
    })
}

// Item 9: an 8 MiB error body is not read past `max_response_body`, whether
// its length is announced or not, and the error says so in a line.
#[tokio::test]
async fn huge_error_bodies_are_not_read_past_the_limit() {
    let server = ScriptedServer::start().await.unwrap();
    let client = client(RelayClientOptions {
        max_response_body: 1 << 20,
        ..options(&server, 0)
    });
    for chunked in [false, true] {
        server.reply(Reply::new(500).header("x-ms-request-id", "req-1").repeat(
            b'x',
            8 << 20,
            chunked,
        ));
        let error = bounded("huge error body", list_keys(&client))
            .await
            .unwrap_err();
        assert_eq!(error.http_status().map(u16::from), Some(500));
        let typed = too_large(&error);
        assert_eq!((typed.status, typed.limit), (500, 1 << 20));
        assert_eq!(typed.request_id.as_deref(), Some("req-1"));
        let text = format!("{error} {typed}");
        assert!(text.len() < 1024, "{} bytes", text.len());
    }
    // A success body is bounded just the same.
    server.reply(Reply::new(200).repeat(b' ', 2 << 20, true));
    let error = list_keys(&client).await.unwrap_err();
    assert_eq!(too_large(&error).status, 200);
    assert_eq!(error.http_status(), None);
    server.shutdown().await;
}

// Item 9: an error body within the limit is kept whole, but its text in
// `Display` is a bounded prefix.
#[tokio::test]
async fn error_text_is_a_bounded_prefix_of_the_body() {
    let server = ScriptedServer::start().await.unwrap();
    let client = client(options(&server, 0));
    let page = "<html>".to_owned() + &"gateway trouble ".repeat(20_000) + "</html>";
    server.reply(Reply::new(502).body(page.clone()));
    let message = "m".repeat(300_000);
    server.reply(Reply::new(400).json(format!(
        r#"{{"error": {{"code": "BadRequest", "message": "{message}"}}}}"#
    )));

    let error = list_keys(&client).await.unwrap_err();
    let typed = error
        .downcast_ref::<ResponseError<ErrorResponse>>()
        .unwrap();
    assert_eq!(typed.raw_body(), Some(page.as_str()));
    for text in [error.to_string(), typed.to_string()] {
        assert!(text.len() < 2 * 1024, "{} bytes", text.len());
        assert!(text.contains("bytes in all"), "{} bytes", text.len());
    }

    let error = list_keys(&client).await.unwrap_err();
    let typed = error
        .downcast_ref::<ResponseError<ErrorResponse>>()
        .unwrap();
    assert_eq!(typed.error_code().as_deref(), Some("BadRequest"));
    let text = typed.to_string();
    assert!(text.len() < 2 * 1024, "{} bytes", text.len());
    assert!(text.starts_with("the service answered 400: BadRequest: mmm"));
    server.shutdown().await;
}

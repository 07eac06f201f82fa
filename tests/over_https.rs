//! The generated async clients end to end over HTTPS against the emulator.

mod support;

use std::time::{Duration, Instant};

use arm_bindings::eventgrid::models::{
    ErrorResponse as EgErrorResponse, PartnerNamespaceRegenerateKeyRequest,
};
use arm_bindings::relay::models::ErrorResponse;
use arm_bindings::runtime::{ResponseError, ValidationErrors};
use armgen_emulator::{
    Fault, PartnerKeyName, PartnerNamespaceKeys, Regeneration, check_regenerations,
};
use support::emulated::*;

fn key1() -> PartnerNamespaceRegenerateKeyRequest {
    PartnerNamespaceRegenerateKeyRequest {
        key_name: "key1".into(),
    }
}

fn service_error<E: std::fmt::Debug + serde::Serialize + Send + Sync + 'static>(
    error: &azure_core::Error,
) -> &ResponseError<E> {
    error
        .downcast_ref::<ResponseError<E>>()
        .unwrap_or_else(|| panic!("not a typed response error: {error:?}"))
}

#[tokio::test]
async fn list_keys_returns_the_current_keys_and_sends_exactly_the_spec_request() {
    let emulator = emulator().await;
    let keys = relay_client(&emulator)
        .namespaces()
        .list_keys(RELAY_RG, RELAY_NS, RELAY_RULE, None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    let current = emulator
        .relay_keys(RELAY_SUB, RELAY_RG, RELAY_NS, RELAY_RULE)
        .unwrap();
    assert_eq!(keys.primary_key.unwrap().secret(), current.primary_key);
    assert_eq!(keys.secondary_key.unwrap().secret(), current.secondary_key);
    assert_eq!(keys.key_name.as_deref(), Some(RELAY_RULE));
    let primary = keys.primary_connection_string.unwrap();
    assert_eq!(
        primary.secret(),
        format!(
            "Endpoint=sb://{RELAY_NS}.servicebus.windows.net/;SharedAccessKeyName={RELAY_RULE};SharedAccessKey={}",
            current.primary_key
        )
    );

    let requests = emulator.requests();
    assert_eq!(requests.len(), 1);
    let seen = &requests[0];
    assert_eq!(seen.method, "POST");
    assert_eq!(
        seen.path,
        format!(
            "/subscriptions/{RELAY_SUB}/resourceGroups/{RELAY_RG}/providers/Microsoft.Relay/namespaces/{RELAY_NS}/authorizationRules/{RELAY_RULE}/listKeys"
        )
    );
    assert_eq!(seen.query.as_deref(), Some("api-version=2024-01-01"));
    assert_eq!(
        seen.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(seen.header("accept"), Some("application/json"));
    assert!(
        seen.header("user-agent")
            .is_some_and(|ua| ua.contains("arm-bindings"))
    );
    assert!(seen.body.is_empty());
    emulator.shutdown().await;
}

#[tokio::test]
async fn regenerate_key_replaces_only_the_named_key() {
    let emulator = emulator().await;
    let before = emulator
        .partner_namespace_keys(EG_SUB, EG_RG, EG_NS)
        .unwrap();
    let keys = eventgrid_client(&emulator)
        .partner_namespaces()
        .regenerate_key(EG_RG, EG_NS, &key1(), None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    let after = emulator
        .partner_namespace_keys(EG_SUB, EG_RG, EG_NS)
        .unwrap();
    assert_ne!(after.key1, before.key1);
    assert_eq!(after.key2, before.key2);
    assert_eq!(keys.key1.unwrap().secret(), after.key1);
    assert_eq!(keys.key2.unwrap().secret(), after.key2);

    let seen = &emulator.requests()[0];
    assert_eq!(seen.method, "POST");
    assert!(seen.path.ends_with(&format!(
        "/providers/Microsoft.EventGrid/partnerNamespaces/{EG_NS}/regenerateKey"
    )));
    assert_eq!(seen.query.as_deref(), Some("api-version=2025-02-15"));
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_eq!(seen.body_str(), Some(r#"{"keyName":"key1"}"#));
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_wrong_token_is_a_typed_authentication_error() {
    let emulator = emulator().await;
    for token in ["not-the-token", ""] {
        let error = relay_client_with(&emulator, token, 0)
            .namespaces()
            .list_keys(RELAY_RG, RELAY_NS, RELAY_RULE, None)
            .await
            .unwrap_err();
        assert_eq!(error.http_status().map(u16::from), Some(401));
        let typed = service_error::<ErrorResponse>(&error);
        assert!(
            matches!(
                typed.error_code().as_deref(),
                Some("InvalidAuthenticationToken" | "AuthenticationFailed")
            ),
            "{typed}"
        );
        assert!(typed.request_id().is_some());
        // The token this client sent (the empty one is in every text).
        if !token.is_empty() {
            let shown = format!("{error} {error:?}");
            assert!(!shown.contains(token), "the token sent is shown: {shown}");
        }
    }
    emulator.shutdown().await;
}

#[tokio::test]
async fn arm_error_bodies_become_typed_errors() {
    let emulator = emulator().await;
    let client = relay_client(&emulator);
    let error = client
        .namespaces()
        .list_keys(RELAY_RG, RELAY_NS, "no-such-rule", None)
        .await
        .unwrap_err();
    let typed = service_error::<ErrorResponse>(&error);
    assert_eq!(typed.status(), 404);
    assert_eq!(typed.error_code().as_deref(), Some("ResourceNotFound"));
    let detail = typed
        .service_error()
        .and_then(|e| e.error.as_ref())
        .unwrap();
    assert!(
        detail
            .message
            .as_deref()
            .is_some_and(|m| m.contains("no-such-rule")),
        "{detail:?}"
    );
    let error = client
        .namespaces()
        .list_keys(RELAY_RG, "unknown-namespace", RELAY_RULE, None)
        .await
        .unwrap_err();
    let code = service_error::<ErrorResponse>(&error).error_code();
    assert!(
        matches!(
            code.as_deref(),
            Some("ParentResourceNotFound" | "ResourceGroupNotFound")
        ),
        "{code:?}"
    );

    let bad = PartnerNamespaceRegenerateKeyRequest {
        key_name: "key3".into(),
    };
    let error = eventgrid_client(&emulator)
        .partner_namespaces()
        .regenerate_key(EG_RG, EG_NS, &bad, None)
        .await
        .unwrap_err();
    let typed = service_error::<EgErrorResponse>(&error);
    assert_eq!(typed.status(), 400);
    assert!(typed.to_string().contains("keyName"), "{typed}");
    let detail = typed
        .service_error()
        .and_then(|e| e.error.as_ref())
        .unwrap();
    assert_eq!(detail.target.as_deref(), Some("keyName"));
    assert!(
        detail.details.as_ref().is_some_and(|d| !d.is_empty()),
        "{detail:?}"
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_non_json_error_body_keeps_the_raw_text() {
    let emulator = emulator().await;
    emulator.inject_fault(Fault::BadGatewayHtml);
    let error = relay_client_with(&emulator, TOKEN, 0)
        .namespaces()
        .list_keys(RELAY_RG, RELAY_NS, RELAY_RULE, None)
        .await
        .unwrap_err();
    assert_eq!(error.http_status().map(u16::from), Some(502));
    let typed = service_error::<ErrorResponse>(&error);
    match typed {
        ResponseError::Unrecognized {
            status: 502,
            request_id,
            ..
        } => assert!(request_id.is_some()),
        other => panic!("expected the raw body, got {other:?}"),
    }
    assert_eq!(
        typed.raw_body(),
        Some("<html><body><h1>502 Bad Gateway</h1></body></html>")
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn invalid_arguments_are_refused_before_sending() {
    let emulator = emulator().await;
    let error = relay_client(&emulator)
        .namespaces()
        .list_keys(RELAY_RG, "short", RELAY_RULE, None)
        .await
        .unwrap_err();
    let errors = error
        .downcast_ref::<ValidationErrors>()
        .expect("validation errors");
    assert_eq!(errors.errors()[0].target, "namespaceName");
    assert_eq!(emulator.request_count(), 0);
    emulator.shutdown().await;
}

#[tokio::test]
async fn throttling_is_retried_after_the_retry_after_delay() {
    let emulator = emulator().await;
    emulator.inject_faults(
        Fault::TooManyRequests {
            retry_after_secs: 1,
        },
        2,
    );
    let started = Instant::now();
    let keys = relay_client_with(&emulator, TOKEN, 3)
        .namespaces()
        .list_keys(RELAY_RG, RELAY_NS, RELAY_RULE, None)
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert_eq!(keys.status(), azure_core::http::StatusCode::Ok);
    assert_eq!(
        emulator.request_count(),
        3,
        "two throttled tries, then success"
    );
    assert!(
        elapsed >= Duration::from_secs(2),
        "Retry-After was not honoured: {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    emulator.shutdown().await;
}

#[tokio::test]
async fn persistent_unavailability_gives_up_with_the_last_status() {
    let emulator = emulator().await;
    emulator.inject_faults(Fault::ServiceUnavailable, 10);
    let error = relay_client_with(&emulator, TOKEN, 2)
        .namespaces()
        .list_keys(RELAY_RG, RELAY_NS, RELAY_RULE, None)
        .await
        .unwrap_err();
    assert_eq!(error.http_status().map(u16::from), Some(503));
    assert_eq!(emulator.request_count(), 3, "first try and two retries");
    assert!(error.to_string().contains("503"), "{error}");
    emulator.shutdown().await;
}

#[tokio::test]
async fn server_errors_then_success_recover() {
    let emulator = emulator().await;
    emulator.inject_fault(Fault::InternalServerError);
    emulator.inject_fault(Fault::DropConnection);
    let result = relay_client_with(&emulator, TOKEN, 3)
        .namespaces()
        .list_keys(RELAY_RG, RELAY_NS, RELAY_RULE, None)
        .await;
    assert!(result.is_ok(), "{result:?}");
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_malformed_success_body_is_a_decode_error() {
    let emulator = emulator().await;
    emulator.inject_fault(Fault::MalformedJson);
    let error = relay_client(&emulator)
        .namespaces()
        .list_keys(RELAY_RG, RELAY_NS, RELAY_RULE, None)
        .await
        .unwrap_err();
    let typed = service_error::<ErrorResponse>(&error);
    assert!(
        matches!(typed, ResponseError::Decode { status: 200, .. }),
        "{typed:?}"
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_slow_response_still_arrives() {
    let emulator = emulator().await;
    emulator.inject_fault(Fault::Delay(Duration::from_millis(300)));
    let started = Instant::now();
    relay_client(&emulator)
        .namespaces()
        .list_keys(RELAY_RG, RELAY_NS, RELAY_RULE, None)
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    emulator.shutdown().await;
}

/// Half the calls regenerate `key1` or `key2` of one partner namespace, half
/// list the keys of a Relay rule, all at once through the generated clients:
/// every regeneration's answer must fit one serial history that ends in the
/// final keys (regenerating one key only could not show a lost update), and
/// every listing must see the Relay keys, which nothing changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_calls_lose_no_update() {
    let emulator = emulator().await;
    let initial = emulator
        .partner_namespace_keys(EG_SUB, EG_RG, EG_NS)
        .unwrap();
    let eventgrid = eventgrid_client(&emulator);
    let relay = relay_client(&emulator);
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..200 {
        let (eventgrid, relay) = (eventgrid.clone(), relay.clone());
        tasks.spawn(async move {
            let (key_name, wire_name) = match i % 4 {
                0 => (PartnerKeyName::Key1, "key1"),
                2 => (PartnerKeyName::Key2, "key2"),
                _ => {
                    let keys = relay
                        .namespaces()
                        .list_keys(RELAY_RG, RELAY_NS, RELAY_RULE, None)
                        .await?
                        .into_model()?;
                    let primary = keys.primary_key.map(|k| k.secret().to_owned());
                    return Ok::<_, azure_core::Error>(Call::Listed(primary));
                }
            };
            let request = PartnerNamespaceRegenerateKeyRequest {
                key_name: wire_name.into(),
            };
            let keys = eventgrid
                .partner_namespaces()
                .regenerate_key(EG_RG, EG_NS, &request, None)
                .await?
                .into_model()?;
            let secret = |key: Option<arm_bindings::runtime::Secret>| {
                key.map(|k| k.secret().to_owned()).unwrap_or_default()
            };
            Ok(Call::Regenerated(Regeneration {
                key_name,
                keys: PartnerNamespaceKeys {
                    key1: secret(keys.key1),
                    key2: secret(keys.key2),
                },
            }))
        });
    }
    let relay_keys = emulator
        .relay_keys(RELAY_SUB, RELAY_RG, RELAY_NS, RELAY_RULE)
        .unwrap();
    let mut regenerations = Vec::new();
    while let Some(result) = tasks.join_next().await {
        match result.expect("task").expect("call succeeds") {
            Call::Regenerated(regeneration) => regenerations.push(regeneration),
            Call::Listed(primary) => assert_eq!(primary, Some(relay_keys.primary_key.clone())),
        }
    }
    assert_eq!(regenerations.len(), 100);
    assert_eq!(emulator.request_count(), 200, "no call was retried");
    let last = emulator
        .partner_namespace_keys(EG_SUB, EG_RG, EG_NS)
        .unwrap();
    if let Err(e) = check_regenerations(&initial, &regenerations, &last) {
        panic!("{e}");
    }
    emulator.shutdown().await;
}

/// What one of the concurrent calls returned.
enum Call {
    Regenerated(Regeneration),
    Listed(Option<String>),
}

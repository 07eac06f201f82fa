//! Fault injection, each kind on its own and in FIFO order; faulted requests are still logged.

use std::time::{Duration, Instant};

use armgen_emulator::Fault;
use reqwest::StatusCode;

use crate::common::*;

#[tokio::test]
async fn throttling_sends_429_with_retry_after_then_recovers() {
    let f = Fixture::start().await;
    f.emulator.inject_faults(
        Fault::TooManyRequests {
            retry_after_secs: 7,
        },
        2,
    );
    assert_eq!(f.emulator.pending_faults(), 2);
    for _ in 0..2 {
        let response = f.partner_list_keys().await;
        assert_eq!(response.headers()["retry-after"], "7");
        expect_arm_error(response, StatusCode::TOO_MANY_REQUESTS, "TooManyRequests").await;
    }
    assert_eq!(f.emulator.pending_faults(), 0);
    json(f.partner_list_keys().await).await;
    assert_eq!(f.emulator.request_count(), 3, "faulted requests are logged");
}

#[tokio::test]
async fn server_errors_are_500_and_503() {
    let f = Fixture::start().await;
    f.emulator.inject_fault(Fault::InternalServerError);
    f.emulator.inject_fault(Fault::ServiceUnavailable);
    let response = f.partner_list_keys().await;
    expect_arm_error(
        response,
        StatusCode::INTERNAL_SERVER_ERROR,
        "InternalServerError",
    )
    .await;
    let response = f.partner_list_keys().await;
    expect_arm_error(
        response,
        StatusCode::SERVICE_UNAVAILABLE,
        "ServiceUnavailable",
    )
    .await;
    json(f.partner_list_keys().await).await;
}

#[tokio::test]
async fn malformed_json_is_a_200_that_does_not_parse_and_changes_nothing() {
    let f = Fixture::start().await;
    let before = f.emulator.partner_namespace_keys(EG_SUB, EG_RG, PARTNER_NS);
    f.emulator.inject_fault(Fault::MalformedJson);
    let response = f.regenerate("key1").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().contains_key("x-ms-request-id"));
    let text = response.text().await.unwrap();
    assert!(
        serde_json::from_str::<serde_json::Value>(&text).is_err(),
        "{text}"
    );
    assert_eq!(
        f.emulator.partner_namespace_keys(EG_SUB, EG_RG, PARTNER_NS),
        before
    );
}

#[tokio::test]
async fn delay_slows_the_response_and_trips_client_timeouts() {
    let f = Fixture::start().await;
    f.emulator
        .inject_fault(Fault::Delay(Duration::from_millis(300)));
    let started = Instant::now();
    json(f.partner_list_keys().await).await;
    assert!(started.elapsed() >= Duration::from_millis(300));

    f.emulator
        .inject_fault(Fault::Delay(Duration::from_secs(2)));
    let impatient = client_for(&f.emulator, Duration::from_millis(200));
    let error = impatient
        .post(f.url(&partner_path(PARTNER_NS, "listKeys", EG_VERSION)))
        .bearer_auth(f.emulator.token())
        .send()
        .await
        .expect_err("the client gives up first");
    assert!(error.is_timeout(), "{error}");
}

#[tokio::test]
async fn dropped_connection_sends_no_response() {
    let f = Fixture::start().await;
    f.emulator.inject_fault(Fault::DropConnection);
    let error = f
        .post(&partner_path(PARTNER_NS, "listKeys", EG_VERSION), None)
        .await
        .expect_err("no HTTP response");
    assert!(!error.is_timeout(), "closed, not stalled: {error}");
    assert!(error.status().is_none());
    assert_eq!(
        f.emulator.request_count(),
        1,
        "the dropped request was logged"
    );
    // The client recovers on a new connection.
    json(f.partner_list_keys().await).await;
}

#[tokio::test]
async fn a_scripted_response_is_sent_as_is_and_serves_nothing() {
    let f = Fixture::start().await;
    let before = f.emulator.partner_namespace_keys(EG_SUB, EG_RG, PARTNER_NS);
    f.emulator.inject_fault(Fault::Respond {
        status: 409,
        content_type: "text/plain".into(),
        body: "no, not today".into(),
    });
    let response = f.regenerate("key1").await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(header(&response, "content-type"), "text/plain");
    assert!(response.headers().contains_key("x-ms-request-id"));
    assert_eq!(response.text().await.unwrap(), "no, not today");
    assert_eq!(
        f.emulator.partner_namespace_keys(EG_SUB, EG_RG, PARTNER_NS),
        before
    );

    // What cannot be sent is replaced, not a panic.
    f.emulator.inject_fault(Fault::Respond {
        status: 42,
        content_type: "bad\nvalue".into(),
        body: String::new(),
    });
    let response = f.partner_list_keys().await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!response.headers().contains_key("content-type"));
}

#[tokio::test]
async fn faults_apply_in_fifo_order_to_any_request() {
    let f = Fixture::start().await;
    f.emulator.inject_fault(Fault::ServiceUnavailable);
    f.emulator.inject_faults(
        Fault::TooManyRequests {
            retry_after_secs: 1,
        },
        2,
    );
    f.emulator.inject_fault(Fault::InternalServerError);
    f.emulator.inject_fault(Fault::DropConnection);
    assert_eq!(f.emulator.pending_faults(), 5);

    let mut statuses = Vec::new();
    for _ in 0..4 {
        // Faults apply before authentication and routing, as a failing gateway's would.
        let response = f.client.post(f.url("/anything")).send().await.unwrap();
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses, [503, 429, 429, 500]);
    assert_eq!(f.emulator.pending_faults(), 1);
    f.emulator.clear_faults();
    assert_eq!(f.emulator.pending_faults(), 0);
    json(f.relay_list_keys().await).await;
    assert_eq!(f.emulator.request_count(), 5);
}

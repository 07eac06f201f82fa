//! ARM's error responses: authentication, api-version, bodies and missing resources.

use reqwest::StatusCode;

use crate::common::*;

#[tokio::test]
async fn missing_authorization_is_authentication_failed() {
    let f = Fixture::start().await;
    let response = f
        .client
        .post(f.url(&relay_path(SUB, RG, RELAY_NS, RELAY_RULE, RELAY_VERSION)))
        .send()
        .await
        .unwrap();
    let challenge = response.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(challenge.starts_with("Bearer "), "{challenge}");
    expect_arm_error(response, StatusCode::UNAUTHORIZED, "AuthenticationFailed").await;
}

#[tokio::test]
async fn wrong_token_is_invalid_authentication_token() {
    let f = Fixture::start().await;
    let response = f
        .client
        .post(f.url(&relay_path(SUB, RG, RELAY_NS, RELAY_RULE, RELAY_VERSION)))
        .bearer_auth("not-the-token")
        .send()
        .await
        .unwrap();
    assert!(response.headers().contains_key("www-authenticate"));
    let error = expect_arm_error(
        response,
        StatusCode::UNAUTHORIZED,
        "InvalidAuthenticationToken",
    )
    .await;
    assert!(!error.to_string().contains(f.emulator.token()));
}

#[tokio::test]
async fn api_version_is_required_and_checked_per_provider() {
    let f = Fixture::start().await;
    let without = relay_path(SUB, RG, RELAY_NS, RELAY_RULE, "");
    let without = without.trim_end_matches("?api-version=");
    let response = f.post(without, None).await.unwrap();
    expect_arm_error(
        response,
        StatusCode::BAD_REQUEST,
        "MissingApiVersionParameter",
    )
    .await;

    let response = f
        .post(
            &relay_path(SUB, RG, RELAY_NS, RELAY_RULE, "2017-04-01"),
            None,
        )
        .await
        .unwrap();
    let error = expect_arm_error(
        response,
        StatusCode::BAD_REQUEST,
        "InvalidApiVersionParameter",
    )
    .await;
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("2017-04-01") && message.contains(RELAY_VERSION),
        "{message}"
    );

    // Each provider has its own versions: Relay's is not EventGrid's.
    let response = f
        .post(&partner_path(PARTNER_NS, "listKeys", RELAY_VERSION), None)
        .await
        .unwrap();
    let error = expect_arm_error(
        response,
        StatusCode::BAD_REQUEST,
        "InvalidApiVersionParameter",
    )
    .await;
    assert!(error["message"].as_str().unwrap().contains(EG_VERSION));
}

#[tokio::test]
async fn bad_key_name_is_rejected_without_changing_keys() {
    let f = Fixture::start().await;
    let before = f.emulator.partner_namespace_keys(EG_SUB, EG_RG, PARTNER_NS);
    let error = expect_arm_error(
        f.regenerate("key3").await,
        StatusCode::BAD_REQUEST,
        "InvalidRequestContent",
    )
    .await;
    assert_eq!(error["target"], "keyName");
    assert!(error["message"].as_str().unwrap().contains("keyName"));
    assert!(error["message"].as_str().unwrap().contains("key3"));
    assert_eq!(error["details"][0]["target"], "keyName");
    assert_eq!(
        f.emulator.partner_namespace_keys(EG_SUB, EG_RG, PARTNER_NS),
        before
    );
}

#[tokio::test]
async fn missing_or_malformed_body_is_invalid_request_content() {
    let f = Fixture::start().await;
    let path = partner_path(PARTNER_NS, "regenerateKey", EG_VERSION);
    for body in [None, Some("{\"keyName\": "), Some("[1]"), Some("{}")] {
        let response = f.post(&path, body).await.unwrap();
        expect_arm_error(response, StatusCode::BAD_REQUEST, "InvalidRequestContent").await;
    }
    let response = f
        .client
        .post(f.url(&path))
        .bearer_auth(f.emulator.token())
        .header("content-type", "text/plain")
        .body(r#"{"keyName":"key1"}"#)
        .send()
        .await
        .unwrap();
    expect_arm_error(
        response,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "UnsupportedMediaType",
    )
    .await;
}

#[tokio::test]
async fn missing_resources_get_arms_not_found_codes() {
    let f = Fixture::start().await;
    let cases = [
        (
            relay_path(SUB, "other-rg", RELAY_NS, RELAY_RULE, RELAY_VERSION),
            "ResourceGroupNotFound",
        ),
        (
            relay_path(SUB, RG, "no-such-ns", RELAY_RULE, RELAY_VERSION),
            "ParentResourceNotFound",
        ),
        (
            relay_path(SUB, RG, RELAY_NS, "no-such-rule", RELAY_VERSION),
            "ResourceNotFound",
        ),
        (
            relay_path(
                "00000000-0000-0000-0000-000000000000",
                RG,
                RELAY_NS,
                RELAY_RULE,
                RELAY_VERSION,
            ),
            "SubscriptionNotFound",
        ),
        (
            partner_path("no-such-partner-ns", "listKeys", EG_VERSION),
            "ResourceNotFound",
        ),
    ];
    for (path, code) in cases {
        let response = f.post(&path, None).await.unwrap();
        let error = expect_arm_error(response, StatusCode::NOT_FOUND, code).await;
        if code == "ParentResourceNotFound" {
            assert!(error["message"].as_str().unwrap().contains("no-such-ns"));
        }
    }
    let response = f
        .post(
            &partner_path("no-such-partner-ns", "regenerateKey", EG_VERSION),
            Some(r#"{"keyName":"key1"}"#),
        )
        .await
        .unwrap();
    expect_arm_error(response, StatusCode::NOT_FOUND, "ResourceNotFound").await;
}

#[tokio::test]
async fn every_response_carries_a_fresh_request_id() {
    let f = Fixture::start().await;
    let mut ids = std::collections::HashSet::new();
    let responses = [
        f.relay_list_keys().await,
        f.regenerate("bad").await,
        f.post("/nowhere?api-version=x", None).await.unwrap(),
        f.client.post(f.url("/")).send().await.unwrap(),
    ];
    for response in responses {
        let id = response.headers()["x-ms-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(id.len(), 36, "{id}");
        assert_eq!(id.as_bytes()[14], b'4', "version 4 UUID: {id}");
        assert!(
            response
                .headers()
                .contains_key("x-ms-correlation-request-id")
        );
        assert!(ids.insert(id), "request ids must differ");
    }
}

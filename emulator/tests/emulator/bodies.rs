//! Request bodies are decoded and validated with the generated models; errors name the field.

use reqwest::{Method, StatusCode};

use crate::common::*;

#[tokio::test]
async fn a_namespace_without_location_is_rejected_naming_location() {
    let f = Fixture::start().await;
    let response = f
        .send(
            Method::PUT,
            &namespace_path("new-namespace-01"),
            Some(r#"{"tags":{}}"#),
        )
        .await;
    let error = expect_arm_error(response, StatusCode::BAD_REQUEST, "InvalidRequestContent").await;
    assert_eq!(error["target"], "location");
    assert!(
        error["message"].as_str().unwrap().contains("location"),
        "{error}"
    );
    assert_eq!(error["details"][0]["target"], "location");
    assert!(
        f.emulator
            .relay_namespace(SUB, RG, "new-namespace-01")
            .is_none()
    );
}

#[tokio::test]
async fn a_regenerate_body_without_key_name_is_rejected_naming_key_name() {
    let f = Fixture::start().await;
    let before = f.emulator.partner_namespace_keys(EG_SUB, EG_RG, PARTNER_NS);
    let path = partner_path(PARTNER_NS, "regenerateKey", EG_VERSION);
    let response = f.post(&path, Some(r#"{"keyname":"key1"}"#)).await.unwrap();
    let error = expect_arm_error(response, StatusCode::BAD_REQUEST, "InvalidRequestContent").await;
    assert_eq!(error["target"], "keyName");
    assert!(error["message"].as_str().unwrap().contains("keyName"));
    assert_eq!(
        f.emulator.partner_namespace_keys(EG_SUB, EG_RG, PARTNER_NS),
        before
    );
}

#[tokio::test]
async fn mistyped_fields_are_named_without_echoing_the_value() {
    let f = Fixture::start().await;
    let cases = [
        (
            r#"{"location":"eastus","sku":{"name":"do-not-echo-1","tier":7}}"#,
            "sku.tier",
        ),
        (r#"{"location":["do-not-echo-2"]}"#, "location"),
        (
            r#"{"location":"eastus","tags":{"t":"do-not-echo-3","u":false}}"#,
            "tags.u",
        ),
        (r#""do-not-echo-4""#, "parameters"),
    ];
    for (body, target) in cases {
        let response = f
            .send(Method::PUT, &namespace_path("new-namespace-01"), Some(body))
            .await;
        let error =
            expect_arm_error(response, StatusCode::BAD_REQUEST, "InvalidRequestContent").await;
        assert_eq!(error["target"], target, "{body}: {error}");
        assert!(!error.to_string().contains("do-not-echo"), "{error}");
    }
    let response = f
        .post(
            &partner_path(PARTNER_NS, "regenerateKey", EG_VERSION),
            Some(r#"{"keyName":{"k":"do-not-echo"}}"#),
        )
        .await
        .unwrap();
    let error = expect_arm_error(response, StatusCode::BAD_REQUEST, "InvalidRequestContent").await;
    assert_eq!(error["target"], "keyName");
    assert!(!error.to_string().contains("do-not-echo"), "{error}");
}

#[tokio::test]
async fn a_namespace_put_needs_a_json_body() {
    let f = Fixture::start().await;
    let response = f
        .send(Method::PUT, &namespace_path("new-namespace-01"), None)
        .await;
    let error = expect_arm_error(response, StatusCode::BAD_REQUEST, "InvalidRequestContent").await;
    assert_eq!(error["target"], "parameters");
    let response = f
        .client
        .put(f.url(&namespace_path("new-namespace-01")))
        .bearer_auth(f.emulator.token())
        .header("content-type", "application/xml")
        .body("<location/>")
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

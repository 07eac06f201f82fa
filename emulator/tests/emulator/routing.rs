//! Routing: unknown paths, wrong methods, case-insensitive literals, percent-decoding.

use reqwest::StatusCode;

use crate::common::*;

#[tokio::test]
async fn unknown_route_is_404_and_wrong_method_is_405() {
    let f = Fixture::start().await;
    let response = f
        .post(&format!("/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Relay/namespaces/{RELAY_NS}/unknownAction?api-version={RELAY_VERSION}"), None)
        .await
        .unwrap();
    expect_arm_error(response, StatusCode::NOT_FOUND, "NotFound").await;

    let response = f
        .client
        .get(f.url(&relay_path(SUB, RG, RELAY_NS, RELAY_RULE, RELAY_VERSION)))
        .bearer_auth(f.emulator.token())
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["allow"], "POST");
    expect_arm_error(response, StatusCode::METHOD_NOT_ALLOWED, "MethodNotAllowed").await;
}

#[tokio::test]
async fn literal_segments_and_names_match_case_insensitively() {
    let f = Fixture::start().await;
    let path = format!(
        "/SUBSCRIPTIONS/{SUB}/RESOURCEGROUPS/{}/PROVIDERS/microsoft.relay/NAMESPACES/{}/authorizationrules/{RELAY_RULE}/LISTKEYS?api-version={RELAY_VERSION}",
        RG.to_uppercase(),
        RELAY_NS.to_lowercase()
    );
    let body = json(f.post(&path, None).await.unwrap()).await;
    assert_eq!(
        body["keyName"], RELAY_RULE,
        "the rule keeps its seeded spelling"
    );
    let connection_string = body["primaryConnectionString"].as_str().unwrap();
    assert!(
        connection_string.starts_with(&format!("Endpoint=sb://{RELAY_NS}.servicebus")),
        "so does the namespace: {connection_string}"
    );

    let path = format!(
        "/subscriptions/{EG_SUB}/resourcegroups/{EG_RG}/providers/MICROSOFT.EVENTGRID/PartnerNamespaces/{PARTNER_NS}/RegenerateKey?api-version={EG_VERSION}"
    );
    json(f.post(&path, Some(r#"{"keyName":"key2"}"#)).await.unwrap()).await;
}

#[tokio::test]
async fn percent_encoded_names_are_decoded_before_lookup() {
    let f = Fixture::start().await;
    f.emulator
        .add_relay_namespace(SUB, "rg (test)", "ns.with space", &["rule one"])
        .unwrap();
    let path = relay_path(
        SUB,
        "rg%20%28test%29",
        "ns.with%20space",
        "rule%20one",
        RELAY_VERSION,
    );
    let body = json(f.post(&path, None).await.unwrap()).await;
    assert_eq!(body["keyName"], "rule one");
    // The log keeps the path as sent, still encoded.
    let logged = f.emulator.requests().pop().unwrap();
    assert!(logged.path.contains("ns.with%20space"), "{}", logged.path);

    // Encoded literal segments are decoded too.
    let path = format!(
        "/subscriptions/{EG_SUB}/resourceGroups/{EG_RG}/providers/Microsoft.EventGrid/partner%4Eamespaces/{PARTNER_NS}/listKeys?api-version={EG_VERSION}"
    );
    json(f.post(&path, None).await.unwrap()).await;

    let path = relay_path(SUB, RG, "%FF%FE", RELAY_RULE, RELAY_VERSION);
    let response = f.post(&path, None).await.unwrap();
    expect_arm_error(response, StatusCode::BAD_REQUEST, "InvalidRequestUri").await;
}

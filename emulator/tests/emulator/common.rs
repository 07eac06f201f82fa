//! Shared fixtures: a seeded emulator, a client that trusts it, and request helpers.

use std::time::Duration;

use armgen_emulator::{Emulator, EmulatorConfig};
use reqwest::{Client, Method, Response, StatusCode};
use serde_json::Value;

pub const SUB: &str = "ffffffff-ffff-ffff-ffff-ffffffffffff";
pub const RG: &str = "resourcegroup";
pub const RELAY_NS: &str = "example-RelayNamespace-01";
pub const RELAY_RULE: &str = "example-RelayAuthRules-01";
pub const EG_SUB: &str = "5b4b650e-28b9-4790-b3ab-ddbd88d727c4";
pub const EG_RG: &str = "examplerg";
pub const PARTNER_NS: &str = "examplePartnerNamespaceName1";
pub const RELAY_VERSION: &str = "2024-01-01";
pub const EG_VERSION: &str = "2025-02-15";

/// Upper bound on any single request, so a hung server fails a test instead of stalling it.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// The configuration every test starts from: this repository's services (Relay, EventGrid).
pub fn config() -> EmulatorConfig {
    EmulatorConfig::new().with_services(arm_bindings::SERVICES)
}

/// A running emulator with the sample resources, plus a client configured for it.
pub struct Fixture {
    pub emulator: Emulator,
    pub client: Client,
}

impl Fixture {
    pub async fn start() -> Fixture {
        Self::start_with(config()).await
    }

    pub async fn start_with(config: EmulatorConfig) -> Fixture {
        let emulator = Emulator::start(config).await.expect("emulator starts");
        emulator
            .add_relay_namespace(SUB, RG, RELAY_NS, &[RELAY_RULE])
            .expect("seed relay");
        emulator
            .add_partner_namespace(EG_SUB, EG_RG, PARTNER_NS)
            .expect("seed partner namespace");
        let client = client_for(&emulator, REQUEST_TIMEOUT);
        Fixture { emulator, client }
    }

    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.emulator.endpoint())
    }

    /// POSTs with the right token and an optional JSON body.
    pub async fn post(
        &self,
        path_and_query: &str,
        body: Option<&str>,
    ) -> reqwest::Result<Response> {
        let mut request = self
            .client
            .post(self.url(path_and_query))
            .bearer_auth(self.emulator.token());
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_owned());
        }
        request.send().await
    }

    /// Sends `method` with the right token and an optional JSON body to a path (and query) of
    /// the emulator, or to an absolute URL it handed out.
    pub async fn send(&self, method: Method, path_or_url: &str, body: Option<&str>) -> Response {
        let url = if path_or_url.starts_with("https://") {
            path_or_url.to_owned()
        } else {
            self.url(path_or_url)
        };
        let mut request = self
            .client
            .request(method, url)
            .bearer_auth(self.emulator.token());
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_owned());
        }
        request.send().await.expect("request completes")
    }

    pub async fn get(&self, path_or_url: &str) -> Response {
        self.send(Method::GET, path_or_url, None).await
    }

    pub async fn relay_list_keys(&self) -> Response {
        self.post(
            &relay_path(SUB, RG, RELAY_NS, RELAY_RULE, RELAY_VERSION),
            None,
        )
        .await
        .expect("request completes")
    }

    pub async fn partner_list_keys(&self) -> Response {
        self.post(&partner_path(PARTNER_NS, "listKeys", EG_VERSION), None)
            .await
            .expect("request completes")
    }

    pub async fn regenerate(&self, key_name: &str) -> Response {
        let body = format!(r#"{{"keyName":"{key_name}"}}"#);
        self.post(
            &partner_path(PARTNER_NS, "regenerateKey", EG_VERSION),
            Some(&body),
        )
        .await
        .expect("request completes")
    }
}

/// A client that trusts only the emulator's certificate.
pub fn client_for(emulator: &Emulator, timeout: Duration) -> Client {
    let cert = reqwest::Certificate::from_der(emulator.certificate_der()).expect("valid DER");
    Client::builder()
        .tls_certs_only([cert])
        .timeout(timeout)
        .build()
        .expect("client builds")
}

pub fn relay_path(sub: &str, rg: &str, ns: &str, rule: &str, version: &str) -> String {
    format!(
        "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Relay/namespaces/{ns}/authorizationRules/{rule}/listKeys?api-version={version}"
    )
}

pub fn partner_path(name: &str, action: &str, version: &str) -> String {
    format!(
        "/subscriptions/{EG_SUB}/resourceGroups/{EG_RG}/providers/Microsoft.EventGrid/partnerNamespaces/{name}/{action}?api-version={version}"
    )
}

/// Asserts an ARM error response and returns its `error` object.
pub async fn expect_arm_error(response: Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(response.status(), status, "status for expected {code}");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    assert!(response.headers().contains_key("x-ms-request-id"));
    let body = body_json(response).await;
    let error = body["error"].clone();
    assert_eq!(error["code"], code, "{body}");
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    error
}

pub async fn json(response: Response) -> Value {
    assert_eq!(response.status(), StatusCode::OK);
    body_json(response).await
}

/// The body parsed as JSON; reqwest's own `json()` needs a feature this crate does not enable.
pub async fn body_json(response: Response) -> Value {
    let bytes = response.bytes().await.expect("body arrives");
    serde_json::from_slice(&bytes).expect("JSON body")
}

/// The path (and api-version query) of a Relay namespace.
pub fn namespace_path(ns: &str) -> String {
    format!(
        "/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Relay/namespaces/{ns}?api-version={RELAY_VERSION}"
    )
}

/// The path (and api-version query) of a Relay namespace's authorization rules.
pub fn rules_path(ns: &str) -> String {
    format!(
        "/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Relay/namespaces/{ns}/authorizationRules?api-version={RELAY_VERSION}"
    )
}

/// A response header as text.
pub fn header(response: &Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .expect("text header")
        .to_owned()
}

//! The emulated operations, selected by a route's provider and operation id.

use std::sync::Mutex;

use hyper::StatusCode;
use serde_json::{Value, json};

use crate::config::{EVENT_GRID_PROVIDER, RELAY_PROVIDER};
use crate::error::ArmError;
use crate::response::{self, HttpResponse};
use crate::routes::{Params, Route};
use crate::server::lock;
use crate::state::{PartnerKeyName, PartnerNamespaceKeys, RelayKeys, Store};

/// The parts of a request an operation may look at besides its path parameters.
pub(crate) struct Input<'a> {
    /// The `Content-Type` header, if present and valid UTF-8.
    pub(crate) content_type: Option<&'a str>,
    /// The complete body.
    pub(crate) body: &'a [u8],
}

/// Runs the operation `route` names. Every state change happens under one lock, so each
/// response shows the state right after that request's own write.
pub(crate) fn invoke(
    route: &Route,
    params: &Params,
    input: &Input<'_>,
    store: &Mutex<Store>,
) -> Result<HttpResponse, ArmError> {
    let sub = params.get("subscriptionId")?;
    let rg = params.get("resourceGroupName")?;
    match (route.provider, route.operation_id) {
        (RELAY_PROVIDER, "Namespaces_ListKeys") => {
            let namespace = params.get("namespaceName")?;
            let rule = params.get("authorizationRuleName")?;
            let store = lock(store);
            let (namespace, keys) = store.relay_rule(sub, rg, namespace, rule)?;
            Ok(response::json(StatusCode::OK, &relay_body(namespace, keys)))
        }
        (EVENT_GRID_PROVIDER, "PartnerNamespaces_ListSharedAccessKeys") => {
            let name = params.get("partnerNamespaceName")?;
            let keys = lock(store).partner_namespace_keys(sub, rg, name)?;
            Ok(response::json(StatusCode::OK, &partner_body(&keys)))
        }
        (EVENT_GRID_PROVIDER, "PartnerNamespaces_RegenerateKey") => {
            let name = params.get("partnerNamespaceName")?;
            let which = parse_regenerate_request(input)?;
            let keys = lock(store).regenerate_partner_key(sub, rg, name, which)?;
            Ok(response::json(StatusCode::OK, &partner_body(&keys)))
        }
        (_, operation_id) => Err(ArmError::not_implemented(operation_id)),
    }
}

/// `AuthorizationRuleKeys` of Microsoft.Relay.
fn relay_body(namespace: &str, keys: &RelayKeys) -> Value {
    let connection_string = |key: &str| {
        format!(
            "Endpoint=sb://{namespace}.servicebus.windows.net/;SharedAccessKeyName={};SharedAccessKey={key}",
            keys.key_name
        )
    };
    json!({
        "keyName": keys.key_name,
        "primaryConnectionString": connection_string(&keys.primary_key),
        "primaryKey": keys.primary_key,
        "secondaryConnectionString": connection_string(&keys.secondary_key),
        "secondaryKey": keys.secondary_key,
    })
}

/// `PartnerNamespaceSharedAccessKeys` of Microsoft.EventGrid.
fn partner_body(keys: &PartnerNamespaceKeys) -> Value {
    json!({ "key1": keys.key1, "key2": keys.key2 })
}

/// Validates a `PartnerNamespaceRegenerateKeyRequest` body: `{"keyName": "key1" | "key2"}`.
fn parse_regenerate_request(input: &Input<'_>) -> Result<PartnerKeyName, ArmError> {
    if input.body.is_empty() {
        return Err(
            ArmError::invalid_request_content("the request body is required.").with_target("body"),
        );
    }
    if let Some(content_type) = input.content_type {
        let media_type = content_type.split(';').next().unwrap_or("").trim();
        if !media_type.eq_ignore_ascii_case("application/json") {
            return Err(ArmError::unsupported_media_type(media_type));
        }
    }
    let value: Value = serde_json::from_slice(input.body)
        .map_err(|e| ArmError::invalid_request_content(format!("{e}.")))?;
    let Some(object) = value.as_object() else {
        return Err(ArmError::invalid_request_content(
            "expected a JSON object with property 'keyName'.",
        ));
    };
    let key_name = match object.get("keyName") {
        Some(Value::String(name)) => name,
        Some(_) => {
            return Err(
                ArmError::invalid_request_content("property 'keyName' must be a string.")
                    .with_target("keyName"),
            );
        }
        None => {
            return Err(ArmError::invalid_request_content(
                "required property 'keyName' is missing.",
            )
            .with_target("keyName"));
        }
    };
    match key_name.as_str() {
        "key1" => Ok(PartnerKeyName::Key1),
        "key2" => Ok(PartnerKeyName::Key2),
        other => {
            let reason = format!(
                "the value '{other}' of property 'keyName' is invalid; allowed values are 'key1' \
                 and 'key2'."
            );
            // ARM nests field-level validation failures under `details`.
            let detail = ArmError::new(StatusCode::BAD_REQUEST, "InvalidKeyName", reason.clone())
                .with_target("keyName");
            Err(ArmError::invalid_request_content(reason)
                .with_target("keyName")
                .with_detail(detail))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(content_type: Option<&str>, body: &[u8]) -> Result<PartnerKeyName, String> {
        parse_regenerate_request(&Input { content_type, body }).map_err(|e| e.code().to_owned())
    }

    #[test]
    fn regenerate_body_validation() {
        let json = Some("application/json; charset=utf-8");
        assert_eq!(
            parse(json, br#"{"keyName":"key2"}"#),
            Ok(PartnerKeyName::Key2)
        );
        assert_eq!(
            parse(None, br#"{"keyName":"key1"}"#),
            Ok(PartnerKeyName::Key1)
        );
        for bad in [
            &b""[..],
            b"{",
            b"[]",
            br#"{"keyName":1}"#,
            br#"{"other":"key1"}"#,
            br#"{"keyName":"KEY1"}"#,
        ] {
            assert_eq!(parse(json, bad), Err("InvalidRequestContent".to_owned()));
        }
        assert_eq!(
            parse(Some("text/plain"), br#"{"keyName":"key1"}"#),
            Err("UnsupportedMediaType".to_owned())
        );
    }
}

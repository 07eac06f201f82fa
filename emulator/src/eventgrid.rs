//! Microsoft.EventGrid partner namespaces: listing and regenerating their shared access keys.

use hyper::StatusCode;
use serde_json::{Value, json};

use crate::error::ArmError;
use crate::handlers::Call;
use crate::response::{self, HttpResponse};
use crate::server::{Shared, lock};
use crate::state::{PartnerKeyName, PartnerNamespaceKeys};

/// `PartnerNamespaces_ListSharedAccessKeys`.
pub(crate) fn list_keys(shared: &Shared, call: &Call<'_>) -> Result<HttpResponse, ArmError> {
    let (sub, rg) = (
        call.param("subscriptionId")?,
        call.param("resourceGroupName")?,
    );
    let name = call.param("partnerNamespaceName")?;
    let keys = lock(&shared.store).partner_namespace_keys(sub, rg, name)?;
    Ok(response::json(StatusCode::OK, &keys_body(&keys)))
}

/// `PartnerNamespaces_RegenerateKey`: the body is decoded before the lock is taken, so a bad
/// body changes nothing.
pub(crate) fn regenerate_key(shared: &Shared, call: &Call<'_>) -> Result<HttpResponse, ArmError> {
    let (sub, rg) = (
        call.param("subscriptionId")?,
        call.param("resourceGroupName")?,
    );
    let name = call.param("partnerNamespaceName")?;
    let request = call.json("regenerateKeyRequest")?;
    // Validated against the spec before: a string.
    let which = key_name(
        request
            .get("keyName")
            .and_then(Value::as_str)
            .unwrap_or_default(),
    )?;
    let keys = lock(&shared.store).regenerate_partner_key(sub, rg, name, which)?;
    Ok(response::json(StatusCode::OK, &keys_body(&keys)))
}

/// `PartnerNamespaceSharedAccessKeys`.
fn keys_body(keys: &PartnerNamespaceKeys) -> Value {
    json!({ "key1": keys.key1, "key2": keys.key2 })
}

/// The spec types `keyName` as a free string; the service accepts only `key1` and `key2`.
fn key_name(name: &str) -> Result<PartnerKeyName, ArmError> {
    match name {
        "key1" => Ok(PartnerKeyName::Key1),
        "key2" => Ok(PartnerKeyName::Key2),
        other => {
            // A key *name*, not a key: echoing it helps and reveals nothing.
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

    #[test]
    fn only_key1_and_key2_are_names() {
        assert_eq!(key_name("key1").unwrap(), PartnerKeyName::Key1);
        assert_eq!(key_name("key2").unwrap(), PartnerKeyName::Key2);
        for bad in ["KEY1", "key3", ""] {
            assert_eq!(key_name(bad).unwrap_err().code(), "InvalidRequestContent");
        }
    }
}

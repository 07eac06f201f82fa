//! Microsoft.Relay namespaces: get, create or update and delete (long-running), and their
//! authorization rules (paged list, keys).

use azure_core::time::{OffsetDateTime, to_rfc3339};
use hyper::StatusCode;
use serde_json::{Map, Value, json};

use crate::error::ArmError;
use crate::handlers::Call;
use crate::lro::Operation;
use crate::paging;
use crate::polling;
use crate::random;
use crate::response::{self, HttpResponse};
use crate::server::{Shared, lock};
use crate::state::{NamespaceResource, NamespaceSpec, RelayKeys};

/// The rights every emulated authorization rule has.
const RULE_RIGHTS: [&str; 2] = ["Listen", "Send"];

/// The (subscription, resource group, namespace) path parameters.
fn namespace_params<'c>(call: &'c Call<'_>) -> Result<(&'c str, &'c str, &'c str), ArmError> {
    Ok((
        call.param("subscriptionId")?,
        call.param("resourceGroupName")?,
        call.param("namespaceName")?,
    ))
}

/// `Namespaces_Get`.
pub(crate) fn get_namespace(shared: &Shared, call: &Call<'_>) -> Result<HttpResponse, ArmError> {
    let (sub, rg, ns) = namespace_params(call)?;
    let store = lock(&shared.store);
    let resource = store.relay_namespace(sub, rg, ns)?;
    Ok(response::json(StatusCode::OK, &namespace_body(resource)))
}

/// `Namespaces_CreateOrUpdate`: 201 for a new namespace, 200 for an existing one, both
/// `Accepted` with the URLs to poll.
pub(crate) fn create_or_update_namespace(
    shared: &Shared,
    call: &Call<'_>,
) -> Result<HttpResponse, ArmError> {
    let (sub, rg, ns) = namespace_params(call)?;
    // Read-only members (id, provisioningState, ...) are ignored, as ARM ignores them.
    let spec = NamespaceSpec::from_body(call.json("parameters")?)?;
    let (created, resource, operation) = lock(&shared.store).put_relay_namespace(
        sub,
        rg,
        ns,
        spec,
        operation_id()?,
        OffsetDateTime::now_utc(),
    )?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let mut response = response::json(status, &namespace_body(&resource));
    polling::add_accepted_headers(&mut response, shared, &operation, call.api_version)?;
    Ok(response)
}

/// `Namespaces_Delete`: 202 with the URLs to poll, or 204 if there is nothing to delete.
pub(crate) fn delete_namespace(shared: &Shared, call: &Call<'_>) -> Result<HttpResponse, ArmError> {
    let (sub, rg, ns) = namespace_params(call)?;
    let started: Option<Operation> = lock(&shared.store).delete_relay_namespace(
        sub,
        rg,
        ns,
        operation_id()?,
        OffsetDateTime::now_utc(),
    )?;
    Ok(match started {
        Some(operation) => {
            let mut response = response::empty(StatusCode::ACCEPTED);
            polling::add_accepted_headers(&mut response, shared, &operation, call.api_version)?;
            response
        }
        None => response::empty(StatusCode::NO_CONTENT),
    })
}

/// `Namespaces_ListAuthorizationRules`, paged by `$skipToken`.
pub(crate) fn list_authorization_rules(
    shared: &Shared,
    call: &Call<'_>,
) -> Result<HttpResponse, ArmError> {
    let (sub, rg, ns) = namespace_params(call)?;
    let store = lock(&shared.store);
    let (resource, rules) = store.relay_rules(sub, rg, ns)?;
    let page = paging::page(call.query, rules.len(), shared.settings.page_size)?;
    let namespace_id = namespace_id(resource);
    let value: Vec<Value> = rules[page.items]
        .iter()
        .map(|rule| rule_body(&namespace_id, rule))
        .collect();
    let mut body = Map::new();
    body.insert("value".into(), Value::Array(value));
    if let Some(next) = page.next {
        let link = paging::next_link(
            &shared.settings.next_link_base,
            call.raw_path,
            call.api_version,
            next,
        );
        body.insert("nextLink".into(), Value::String(link));
    }
    Ok(response::json(StatusCode::OK, &Value::Object(body)))
}

/// `Namespaces_ListKeys`.
pub(crate) fn list_keys(shared: &Shared, call: &Call<'_>) -> Result<HttpResponse, ArmError> {
    let (sub, rg, ns) = namespace_params(call)?;
    let rule = call.param("authorizationRuleName")?;
    let store = lock(&shared.store);
    let (namespace, keys) = store.relay_rule(sub, rg, ns, rule)?;
    Ok(response::json(StatusCode::OK, &keys_body(namespace, keys)))
}

/// A fresh id for a long-running operation.
fn operation_id() -> Result<String, ArmError> {
    random::uuid_v4().map_err(|e| ArmError::internal(&e.to_string()))
}

/// The namespace's ARM resource id.
fn namespace_id(resource: &NamespaceResource) -> String {
    format!(
        "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Relay/namespaces/{}",
        resource.subscription, resource.resource_group, resource.name
    )
}

/// The `RelayNamespace` resource.
pub(crate) fn namespace_body(resource: &NamespaceResource) -> Value {
    let mut body = json!({
        "id": namespace_id(resource),
        "name": resource.name,
        "type": "Microsoft.Relay/Namespaces",
        "location": resource.location,
        "sku": {
            "name": resource.sku.name,
            "tier": resource.sku.tier,
        },
        "properties": {
            "provisioningState": resource.provisioning_state.as_str(),
            "createdAt": timestamp(&resource.created_at),
            "updatedAt": timestamp(&resource.updated_at),
            "serviceBusEndpoint": format!("https://{}.servicebus.windows.net:443/", resource.name),
            "metricId": format!("{}:{}", resource.subscription, resource.name.to_lowercase()),
            "status": "Active",
        },
    });
    // Present only when set, as ARM omits absent tags.
    if let (Some(tags), Some(object)) = (&resource.tags, body.as_object_mut()) {
        let tags = tags
            .iter()
            .map(|(name, value)| (name.clone(), Value::String(value.clone())))
            .collect();
        object.insert("tags".into(), Value::Object(tags));
    }
    body
}

/// RFC 3339 in UTC, as ARM writes `date-time` values.
pub(crate) fn timestamp(time: &OffsetDateTime) -> String {
    // Every time is taken with `now_utc`, so formatting needs no conversion.
    to_rfc3339(time)
}

/// An `AuthorizationRule` of the namespace with id `namespace_id`.
fn rule_body(namespace_id: &str, rule: &RelayKeys) -> Value {
    json!({
        "id": format!("{namespace_id}/authorizationRules/{}", rule.key_name),
        "name": rule.key_name,
        "type": "Microsoft.Relay/namespaces/authorizationRules",
        "properties": { "rights": RULE_RIGHTS },
    })
}

/// `AccessKeys` of an authorization rule.
fn keys_body(namespace: &str, keys: &RelayKeys) -> Value {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn resource() -> NamespaceResource {
        NamespaceResource::seeded("Sub", "RG", "My-Namespace", OffsetDateTime::UNIX_EPOCH)
    }

    #[test]
    fn namespace_body_has_the_relay_namespace_shape() {
        let mut resource = resource();
        let body = namespace_body(&resource);
        assert!(body.get("tags").is_none());
        assert_eq!(
            body["id"],
            "/subscriptions/Sub/resourceGroups/RG/providers/Microsoft.Relay/namespaces/My-Namespace"
        );
        assert_eq!(body["name"], "My-Namespace");
        assert_eq!(body["sku"], json!({"name": "Standard", "tier": "Standard"}));
        assert_eq!(body["properties"]["provisioningState"], "Succeeded");
        assert_eq!(body["properties"]["createdAt"], "1970-01-01T00:00:00Z");
        assert_eq!(body["properties"]["metricId"], "Sub:my-namespace");

        resource.tags = Some([("a".to_owned(), "b".to_owned())].into());
        assert_eq!(namespace_body(&resource)["tags"], json!({"a": "b"}));
    }

    #[test]
    fn rule_and_keys_bodies_have_the_relay_shapes() {
        let keys = RelayKeys {
            key_name: "rule".into(),
            primary_key: "p".into(),
            secondary_key: "s".into(),
        };
        let rule = rule_body("/ns", &keys);
        assert_eq!(rule["id"], "/ns/authorizationRules/rule");
        assert_eq!(rule["properties"]["rights"], json!(["Listen", "Send"]));
        let access = keys_body("ns", &keys);
        assert_eq!(access["keyName"], "rule");
        assert_eq!(access["primaryKey"], "p");
        assert!(
            access["secondaryConnectionString"]
                .as_str()
                .unwrap()
                .ends_with("SharedAccessKeyName=rule;SharedAccessKey=s")
        );
    }
}

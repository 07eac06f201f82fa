//! Members the spec marks `readOnly` are the service's: a resource read from
//! the service can be sent back, and those members stay behind.

mod support;

use arm_bindings::relay::{self, models::RelayNamespace, namespaces};
use serde_json::json;

#[test]
fn read_only_members_are_not_sent() {
    // As a Get returns it: with id, name, type and the read-only properties.
    let read: RelayNamespace = serde_json::from_value(json!({
        "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Relay/namespaces/namespace1",
        "name": "namespace1",
        "type": "Microsoft.Relay/Namespaces",
        "location": "westus",
        "tags": {"team": "relay"},
        "sku": {"name": "Standard", "tier": "Standard"},
        "properties": {
            "provisioningState": "Succeeded",
            "createdAt": "2024-02-01T10:00:00Z",
            "serviceBusEndpoint": "https://namespace1.servicebus.windows.net:443/",
            "metricId": "s:namespace1",
            "status": "Active"
        }
    }))
    .unwrap();
    let request = namespaces::create_or_update_request(
        &support::public_endpoint(),
        relay::API_VERSION,
        "s",
        "rg",
        "namespace1",
        &read,
    )
    .unwrap();
    let sent = request.json_body().unwrap().unwrap();
    assert_eq!(
        sent,
        json!({
            "location": "westus",
            "tags": {"team": "relay"},
            "sku": {"name": "Standard", "tier": "Standard"},
            "properties": {}
        })
    );
    // The model itself still holds them: only the request leaves them out.
    assert_eq!(
        serde_json::to_value(&read).unwrap()["properties"]["status"],
        "Active"
    );
}

//! `subscriptionId-apiVersion.json`: `legacy/routes/azureUrl.js`.

use arm_autorest::subscription_id_api_version::clients::SubscriptionIdApiVersionClient;

use crate::support::{Gap, model, scenarios};

scenarios! {
    ["SubscriptionIdAndApiVersion"] async fn get_sample_resource_group(ctx) {
        let client = SubscriptionIdApiVersionClient::new(
            "1234-5678-9012-3456",
            ctx.credential(),
            Some(ctx.options()),
        )
        .unwrap();
        let group = model(client.group().get_sample_resource_group("testgroup101", None).await);
        assert_eq!(group.name.as_deref(), Some("testgroup101"));
        assert_eq!(group.location.as_deref(), Some("West US"));
    }
}

/// Nothing left out.
pub const GAPS: &[Gap] = &[];

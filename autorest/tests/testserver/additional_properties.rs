//! `additionalProperties.json` (`dist/test-routes/additional-properties.js`)
//! and `body-time.json` (`legacy/routes/time.js`). Each pet is built from
//! the JSON the server expects, sent, and the echo compared.

use arm_autorest::additional_properties::clients::{AdditionalPropertiesClient, AdditionalPropertiesPetsClient};
use arm_autorest::body_time::clients::BodyTimeClient;
use serde_json::json;

use crate::support::{Ctx, Gap, model, scenarios, status};

fn pets(ctx: &Ctx) -> AdditionalPropertiesPetsClient {
    AdditionalPropertiesClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .pets()
}

/// The request body as the model, from the JSON the server expects.
fn body<T: armgen_runtime::__private::serde::de::DeserializeOwned>(value: &serde_json::Value) -> T {
    serde_json::from_value(value.clone()).expect("a valid body")
}

scenarios! {
    ["additionalPropertiesInProperties"] async fn create_ap_in_properties(ctx) {
        let expected = json!({"id":4,"name":"Bunny","additionalProperties":{"height":5.61,"weight":599,"footsize":11.5}});
        let reply = model(pets(&ctx).create_ap_in_properties(&body(&expected), None).await);
        // The map's values are `number`s: 599 comes back as 599.0.
        let reply: serde_json::Value = serde_json::to_value(&reply).unwrap();
        assert_eq!(reply["additionalProperties"]["weight"].as_f64(), Some(599.0));
        assert_eq!(reply["additionalProperties"]["height"].as_f64(), Some(5.61));
        assert_eq!(reply["additionalProperties"]["footsize"].as_f64(), Some(11.5));
        assert_eq!((&reply["id"], &reply["name"], &reply["status"]), (&expected["id"], &expected["name"], &json!(true)));
    }
    ["BodyTimeGet"] async fn time_get(ctx) {
        let client = BodyTimeClient::new(ctx.credential(), Some(ctx.options())).unwrap();
        assert_eq!(model(client.time().get(None).await), "11:34:56");
    }
    ["BodyTimePut"] async fn time_put(ctx) {
        let client = BodyTimeClient::new(ctx.credential(), Some(ctx.options())).unwrap();
        let response = client.time().put("08:07:56", None).await;
        assert_eq!(status(response), 200);
    }
}

/// Not called: armgen drops what these scenarios send.
pub const GAPS: &[Gap] = &[Gap {
    scenarios: &[
        "additionalPropertiesTrue",
        "additionalPropertiesSubclass",
        "additionalPropertiesTypeObject",
        "additionalPropertiesTypeString",
        "additionalPropertiesInPropertiesWithAPTypeString",
    ],
    reason: "`additionalProperties` beside declared properties: armgen's model has only the declared fields (no map for the rest), so the extra properties are dropped and the server answers 400",
}];

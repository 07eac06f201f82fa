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
    // `additionalProperties` beside declared properties: the undeclared
    // members are the model's `additional_properties` map (flattened), sent
    // and read back with the declared ones.
    ["additionalPropertiesTrue"] async fn create_ap_true(ctx) {
        let sent = json!({"id": 1, "name": "Puppy", "birthdate": "2017-12-13T02:29:51Z", "complexProperty": {"color": "Red"}});
        let body: arm_autorest::additional_properties::models::PetApTrue = body(&sent);
        assert_eq!(body.additional_properties["complexProperty"], json!({"color": "Red"}));
        let reply = model(pets(&ctx).create_ap_true(&body, None).await);
        assert_eq!(reply.status, Some(true));
        let mut expected = sent.clone();
        expected["status"] = json!(true);
        assert_eq!(serde_json::to_value(&reply).unwrap(), expected);
    }
    ["additionalPropertiesSubclass"] async fn create_cat_ap_true(ctx) {
        // The base's `additionalProperties: true` holds for the subclass.
        let sent = json!({"id": 1, "name": "Lisa", "friendly": true, "birthdate": "2017-12-13T02:29:51Z", "complexProperty": {"color": "Red"}});
        let body: arm_autorest::additional_properties::models::CatApTrue = body(&sent);
        assert_eq!(body.friendly, Some(true));
        let reply = model(pets(&ctx).create_cat_ap_true(&body, None).await);
        let mut expected = sent.clone();
        expected["status"] = json!(true);
        assert_eq!(serde_json::to_value(&reply).unwrap(), expected);
    }
    ["additionalPropertiesTypeObject"] async fn create_ap_object(ctx) {
        let sent = json!({
            "id": 2, "name": "Hira",
            "siblings": [{"id": 1, "name": "Puppy", "birthdate": "2017-12-13T02:29:51Z", "complexProperty": {"color": "Red"}}],
            "picture": "//////4="
        });
        let body: arm_autorest::additional_properties::models::PetApObject = body(&sent);
        let reply = model(pets(&ctx).create_ap_object(&body, None).await);
        let mut expected = sent.clone();
        expected["status"] = json!(true);
        assert_eq!(serde_json::to_value(&reply).unwrap(), expected);
    }
    ["additionalPropertiesTypeString"] async fn create_ap_string(ctx) {
        let sent = json!({"id": 3, "name": "Tommy", "color": "red", "weight": "10 kg", "city": "Bombay"});
        let body: arm_autorest::additional_properties::models::PetApString = body(&sent);
        assert_eq!(body.additional_properties.get("weight").map(String::as_str), Some("10 kg"));
        let reply = model(pets(&ctx).create_ap_string(&body, None).await);
        let mut expected = sent.clone();
        expected["status"] = json!(true);
        assert_eq!(serde_json::to_value(&reply).unwrap(), expected);
    }
    ["additionalPropertiesInPropertiesWithAPTypeString"] async fn create_ap_in_properties_with_ap_string(ctx) {
        // A declared property named `additionalProperties` beside the map of
        // undeclared ones (`additional_properties_2`).
        let sent = json!({
            "id": 5, "name": "Funny", "@odata.location": "westus",
            "additionalProperties": {"height": 5.61, "weight": 599, "footsize": 11.5},
            "color": "red", "city": "Seattle", "food": "tikka masala"
        });
        let body: arm_autorest::additional_properties::models::PetApInPropertiesWithApString = body(&sent);
        assert_eq!(body.additional_properties_2.get("food").map(String::as_str), Some("tikka masala"));
        let reply = model(pets(&ctx).create_ap_in_properties_with_ap_string(&body, None).await);
        let reply = serde_json::to_value(&reply).unwrap();
        assert_eq!(reply["additionalProperties"]["weight"].as_f64(), Some(599.0));
        for key in ["id", "name", "@odata.location", "color", "city", "food"] {
            assert_eq!(reply[key], sent[key], "{key}");
        }
        assert_eq!(reply["status"], json!(true));
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

/// Everything is called.
pub const GAPS: &[Gap] = &[];

//! `model-flattening.json`: `legacy/routes/model-flatten.js`. armgen does
//! not apply `x-ms-client-flatten` (models keep the wire's nesting, so they
//! round-trip): each body is compared with, or built from, the JSON the
//! server sends or expects.

use arm_autorest::model_flattening::clients::*;
use serde_json::json;

use crate::support::{body, Ctx, Gap, assert_model, scenarios, status};

fn client(ctx: &Ctx) -> ModelFlatteningOperationsClient {
    ModelFlatteningClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .operations()
}

/// The server's full product `n` (`Resource{n}`, `Product{n}`).
fn product(n: u32) -> serde_json::Value {
    json!({
        "id": n.to_string(),
        "location": "Building 44",
        "name": format!("Resource{n}"),
        "properties": {
            "provisioningState": "Succeeded",
            "provisioningStateValues": "OK",
            "p.name": format!("Product{n}"),
            "type": "Flat"
        },
        "tags": {"tag1": "value1", "tag2": "value3"},
        "type": "Microsoft.Web/sites"
    })
}

fn product1() -> serde_json::Value {
    product(1)
}

fn custom_product() -> serde_json::Value {
    json!({
        "base_product_id": "123",
        "base_product_description": "product description",
        "details": {
            "max_product_display_name": "max name",
            "max_product_capacity": "Large",
            "max_product_image": {"@odata.value": "http://foo"}
        }
    })
}

fn dictionary_body() -> serde_json::Value {
    json!({
        "Resource1": {"location": "West US", "tags": {"tag1": "value1", "tag2": "value3"}, "properties": {"p.name": "Product1", "type": "Flat"}},
        "Resource2": {"location": "Building 44", "properties": {"p.name": "Product2", "type": "Flat"}}
    })
}

scenarios! {
    ["getModelFlattenArray"] async fn get_array(ctx) {
        let expected = json!([
            product1(),
            {"id": "2", "name": "Resource2", "location": "Building 44"},
            {"id": "3", "name": "Resource3"}
        ]);
        assert_model(client(&ctx).get_array(None).await, expected);
    }
    ["getModelFlattenDictionary"] async fn get_dictionary(ctx) {
        let expected = json!({
            "Product1": product1(),
            "Product2": {"id": "2", "name": "Resource2", "location": "Building 44"},
            "Product3": {"id": "3", "name": "Resource3"}
        });
        assert_model(client(&ctx).get_dictionary(None).await, expected);
    }
    ["getModelFlattenResourceCollection"] async fn get_resource_collection(ctx) {
        let expected = json!({
            "dictionaryofresources": {
                "Product1": product1(),
                "Product2": {"id": "2", "name": "Resource2", "location": "Building 44"},
                "Product3": {"id": "3", "name": "Resource3"}
            },
            "arrayofresources": [
                product(4),
                {"id": "5", "name": "Resource5", "location": "Building 44"},
                {"id": "6", "name": "Resource6"}
            ],
            "productresource": {"id": "7", "name": "Resource7", "location": "Building 44"}
        });
        assert_model(client(&ctx).get_resource_collection(None).await, expected);
    }
    // A base model's property (`generic_value`) beside the derived one's.
    ["putModelFlattenCustomBase"] async fn put_custom_base(ctx) {
        let mut product = custom_product();
        product["details"]["max_product_image"]["generic_value"] = json!("https://generic");
        let options = ModelFlatteningOperationsClientPutSimpleProductOptions {
            simple_body_product: Some(body(product.clone())),
            ..Default::default()
        };
        assert_model(client(&ctx).put_simple_product(Some(options)).await, product);
    }
    ["putModelFlattenArray"] async fn put_array(ctx) {
        let options = ModelFlatteningOperationsClientPutArrayOptions {
            resource_array: Some(body(json!([
                {"location": "West US", "tags": {"tag1": "value1", "tag2": "value3"}},
                {"location": "Building 44"}
            ]))),
            ..Default::default()
        };
        assert_eq!(status(client(&ctx).put_array(Some(options)).await), 200);
    }
    ["putModelFlattenDictionary"] async fn put_dictionary(ctx) {
        let options = ModelFlatteningOperationsClientPutDictionaryOptions {
            resource_dictionary: Some(body(dictionary_body())),
            ..Default::default()
        };
        assert_eq!(status(client(&ctx).put_dictionary(Some(options)).await), 200);
    }
    ["putModelFlattenResourceCollection"] async fn put_resource_collection(ctx) {
        let options = ModelFlatteningOperationsClientPutResourceCollectionOptions {
            resource_complex_object: Some(body(json!({
                "arrayofresources": [
                    {"location": "West US", "tags": {"tag1": "value1", "tag2": "value3"}, "properties": {"p.name": "Product1", "type": "Flat"}},
                    {"location": "East US", "properties": {"p.name": "Product2", "type": "Flat"}}
                ],
                "dictionaryofresources": dictionary_body(),
                "productresource": {"location": "India", "properties": {"p.name": "Azure", "type": "Flat"}}
            }))),
            ..Default::default()
        };
        assert_eq!(status(client(&ctx).put_resource_collection(Some(options)).await), 200);
    }
    ["postModelFlattenCustomParameter"] async fn post_custom_parameter(ctx) {
        let options = ModelFlatteningOperationsClientPostFlattenedSimpleProductOptions {
            simple_body_product: Some(body(custom_product())),
            ..Default::default()
        };
        assert_model(client(&ctx).post_flattened_simple_product(Some(options)).await, custom_product());
    }
    ["putModelFlattenCustomGroupedParameter"] async fn put_custom_grouped_parameter(ctx) {
        // The path parameter and the body, one `flatten-parameter-group`.
        let group = arm_autorest::model_flattening::operations::FlattenParameterGroup {
            name: "groupproduct".to_owned(),
            simple_body_product: Some(body(custom_product())),
        };
        let result = client(&ctx).put_simple_product_with_grouping(group, None).await;
        assert_model(result, custom_product());
    }
}

/// Not called: what armgen does differs from what the scenarios expect.
pub const GAPS: &[Gap] = &[];

//! `validation.json`: `legacy/routes/validation.js` (constants), and the
//! constraints AutoRest's validation tests check on the client before
//! anything is sent (no server scenario: the request never leaves).

use arm_autorest::validation::clients::{
    ValidationClient, ValidationOperationsClient,
    ValidationOperationsClientPostWithConstantInBodyOptions,
};
use arm_autorest::validation::models::{ChildProduct, ConstantProduct, Product};

use crate::support::{Ctx, Gap, assert_validation_error, model, scenarios, status};

fn client(ctx: &Ctx) -> ValidationOperationsClient {
    ValidationClient::new("abc123", ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .operations()
}

scenarios! {
    ["ConstantsInPath"] async fn get_with_constant_in_path(ctx) {
        assert_eq!(status(client(&ctx).get_with_constant_in_path(None).await), 200);
    }
    ["ConstantsInBody"] async fn post_with_constant_in_body(ctx) {
        // The constants are the caller's to set: armgen has no constant
        // parameters or properties yet.
        let body = Product {
            display_names: None,
            capacity: None,
            image: None,
            child: ChildProduct { const_property: "constant".to_owned(), count: None },
            const_child: ConstantProduct {
                const_property: "constant".to_owned(),
                const_property2: "constant2".to_owned(),
            },
            const_int: 0,
            const_string: "constant".to_owned(),
            const_string_as_enum: None,
        };
        let options = ValidationOperationsClientPostWithConstantInBodyOptions {
            body: Some(body.clone()),
            ..Default::default()
        };
        let echoed = model(client(&ctx).post_with_constant_in_body(Some(options)).await);
        assert_eq!(echoed, body);
    }
    [] async fn resource_group_name_too_short(ctx) {
        let result = client(&ctx).validation_of_method_parameters("1", 100, "12.34.5", None).await;
        assert_validation_error(result, "resourceGroupName");
    }
    [] async fn id_above_maximum(ctx) {
        let result = client(&ctx).validation_of_method_parameters("123", 1001, "12.34.5", None).await;
        assert_validation_error(result, "id");
    }
    [] async fn id_not_a_multiple_of_ten(ctx) {
        let result = client(&ctx).validation_of_method_parameters("123", 105, "12.34.5", None).await;
        assert_validation_error(result, "id");
    }
    [] async fn api_version_pattern(ctx) {
        let result = client(&ctx).validation_of_method_parameters("123", 150, "1.2", None).await;
        assert_validation_error(result, "apiVersion");
    }
}

/// Nothing left out.
pub const GAPS: &[Gap] = &[];

//! `body-boolean.json`: `dist/test-routes/bool.js`.

use arm_autorest::body_boolean::clients::{BodyBooleanBoolClient, BodyBooleanClient};

use crate::support::{Ctx, Gap, assert_decode_error, model, scenarios, status};

fn client(ctx: &Ctx) -> BodyBooleanBoolClient {
    BodyBooleanClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        // The group `bool` is the module `bool_`: a module `bool` would hide
        // the primitive type where it is declared.
        .bool_()
}

scenarios! {
    ["getBoolTrue"] async fn get_true(ctx) {
        assert!(model(client(&ctx).get_true(None).await));
    }
    ["getBoolFalse"] async fn get_false(ctx) {
        assert!(!model(client(&ctx).get_false(None).await));
    }
    ["putBoolTrue"] async fn put_true(ctx) {
        assert_eq!(status(client(&ctx).put_true(&true, None).await), 200);
    }
    ["putBoolFalse"] async fn put_false(ctx) {
        assert_eq!(status(client(&ctx).put_false(&false, None).await), 200);
    }
    ["getBoolInvalid"] async fn get_invalid(ctx) {
        assert_decode_error(client(&ctx).get_invalid(None).await);
    }
    ["getBoolNull"] async fn get_null(ctx) {
        // `x-nullable: true`: the empty body is `None`.
        assert_eq!(model(client(&ctx).get_null(None).await), None);
    }
}

/// Everything is called.
pub const GAPS: &[Gap] = &[];

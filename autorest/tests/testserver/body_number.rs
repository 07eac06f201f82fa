//! `body-number.json`: `legacy/routes/number.js` (the decimal scenarios are
//! in `report-optional.json`).

use arm_autorest::body_number::clients::{BodyNumberClient, BodyNumberNumberClient};

use crate::support::{Ctx, Gap, assert_decode_error, model, scenarios, status};

fn client(ctx: &Ctx) -> BodyNumberNumberClient {
    BodyNumberClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .number()
}

scenarios! {
    ["putFloatBigScientificNotation"] async fn put_big_float(ctx) {
        assert_eq!(status(client(&ctx).put_big_float(&3.402823e20, None).await), 200);
    }
    ["getFloatBigScientificNotation"] async fn get_big_float(ctx) {
        assert_eq!(model(client(&ctx).get_big_float(None).await), 3.402823e20);
    }
    ["putDoubleBigScientificNotation"] async fn put_big_double(ctx) {
        assert_eq!(status(client(&ctx).put_big_double(&2.5976931e101, None).await), 200);
    }
    ["getDoubleBigScientificNotation"] async fn get_big_double(ctx) {
        assert_eq!(model(client(&ctx).get_big_double(None).await), 2.5976931e101);
    }
    ["putDoubleBigPositiveDecimal"] async fn put_big_double_positive_decimal(ctx) {
        assert_eq!(status(client(&ctx).put_big_double_positive_decimal(&99999999.99, None).await), 200);
    }
    ["getDoubleBigPositiveDecimal"] async fn get_big_double_positive_decimal(ctx) {
        assert_eq!(model(client(&ctx).get_big_double_positive_decimal(None).await), 99999999.99);
    }
    ["putDoubleBigNegativeDecimal"] async fn put_big_double_negative_decimal(ctx) {
        assert_eq!(status(client(&ctx).put_big_double_negative_decimal(&-99999999.99, None).await), 200);
    }
    ["getDoubleBigNegativeDecimal"] async fn get_big_double_negative_decimal(ctx) {
        assert_eq!(model(client(&ctx).get_big_double_negative_decimal(None).await), -99999999.99);
    }
    ["putFloatSmallScientificNotation"] async fn put_small_float(ctx) {
        assert_eq!(status(client(&ctx).put_small_float(&3.402823e-20, None).await), 200);
    }
    ["getFloatSmallScientificNotation"] async fn get_small_float(ctx) {
        assert_eq!(model(client(&ctx).get_small_float(None).await), 3.402823e-20);
    }
    ["putDoubleSmallScientificNotation"] async fn put_small_double(ctx) {
        assert_eq!(status(client(&ctx).put_small_double(&2.5976931e-101, None).await), 200);
    }
    ["getFloatInvalid"] async fn get_invalid_float(ctx) {
        assert_decode_error(client(&ctx).get_invalid_float(None).await);
    }
    ["getDoubleInvalid"] async fn get_invalid_double(ctx) {
        assert_decode_error(client(&ctx).get_invalid_double(None).await);
    }
    ["getDecimalInvalid"] async fn get_invalid_decimal(ctx) {
        assert_decode_error(client(&ctx).get_invalid_decimal(None).await);
    }
    ["putDecimalBig"] async fn put_big_decimal(ctx) {
        assert_eq!(status(client(&ctx).put_big_decimal(&2.5976931e101, None).await), 200);
    }
    ["getDecimalBig"] async fn get_big_decimal(ctx) {
        assert_eq!(model(client(&ctx).get_big_decimal(None).await), 2.5976931e101);
    }
    ["putDecimalBigPositiveDecimal"] async fn put_big_decimal_positive_decimal(ctx) {
        assert_eq!(status(client(&ctx).put_big_decimal_positive_decimal(&99999999.99, None).await), 200);
    }
    ["getDecimalBigPositiveDecimal"] async fn get_big_decimal_positive_decimal(ctx) {
        assert_eq!(model(client(&ctx).get_big_decimal_positive_decimal(None).await), 99999999.99);
    }
    ["putDecimalBigNegativeDecimal"] async fn put_big_decimal_negative_decimal(ctx) {
        assert_eq!(status(client(&ctx).put_big_decimal_negative_decimal(&-99999999.99, None).await), 200);
    }
    ["getDecimalBigNegativeDecimal"] async fn get_big_decimal_negative_decimal(ctx) {
        assert_eq!(model(client(&ctx).get_big_decimal_negative_decimal(None).await), -99999999.99);
    }
    // Exact only with serde_json's `float_roundtrip` (the runtime turns it on).
    ["getDoubleSmallScientificNotation"] async fn get_small_double(ctx) {
        assert_eq!(model(client(&ctx).get_small_double(None).await), 2.5976931e-101);
    }
    ["getDecimalSmall"] async fn get_small_decimal(ctx) {
        assert_eq!(model(client(&ctx).get_small_decimal(None).await), 2.5976931e-101);
    }
    ["putDecimalSmall"] async fn put_small_decimal(ctx) {
        assert_eq!(status(client(&ctx).put_small_decimal(&2.5976931e-101, None).await), 200);
    }
    ["getNumberNull"] async fn get_null(ctx) {
        // `x-nullable: true`: the empty body is `None`.
        assert_eq!(model(client(&ctx).get_null(None).await), None);
    }
}

/// Everything is called.
pub const GAPS: &[Gap] = &[];

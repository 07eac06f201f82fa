//! `header.json`: `legacy/routes/header.js`, the request-header scenarios:
//! typed values sent as header text. (The response-header scenarios need
//! typed response headers, which armgen does not generate yet.)

use arm_autorest::header::clients::{
    HeaderClient, HeaderHeaderClient, HeaderHeaderClientParamDatetimeRfc1123Options,
    HeaderHeaderClientParamEnumOptions, HeaderHeaderClientParamStringOptions,
};
use arm_autorest::header::models::GreyscaleColors;

use crate::support::{Ctx, Gap, scenarios, status};

fn client(ctx: &Ctx) -> HeaderHeaderClient {
    HeaderClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .header()
}

scenarios! {
    ["HeaderParameterIntegerPositive"] async fn param_integer_positive(ctx) {
        assert_eq!(status(client(&ctx).param_integer("positive", 1, None).await), 200);
    }
    ["HeaderParameterIntegerNegative"] async fn param_integer_negative(ctx) {
        assert_eq!(status(client(&ctx).param_integer("negative", -2, None).await), 200);
    }
    ["HeaderParameterLongPositive"] async fn param_long_positive(ctx) {
        assert_eq!(status(client(&ctx).param_long("positive", 105, None).await), 200);
    }
    ["HeaderParameterLongNegative"] async fn param_long_negative(ctx) {
        assert_eq!(status(client(&ctx).param_long("negative", -2, None).await), 200);
    }
    ["HeaderParameterFloatPositive"] async fn param_float_positive(ctx) {
        assert_eq!(status(client(&ctx).param_float("positive", 0.07, None).await), 200);
    }
    ["HeaderParameterFloatNegative"] async fn param_float_negative(ctx) {
        assert_eq!(status(client(&ctx).param_float("negative", -3.0, None).await), 200);
    }
    ["HeaderParameterDoublePositive"] async fn param_double_positive(ctx) {
        assert_eq!(status(client(&ctx).param_double("positive", 7e120, None).await), 200);
    }
    ["HeaderParameterDoubleNegative"] async fn param_double_negative(ctx) {
        assert_eq!(status(client(&ctx).param_double("negative", -3.0, None).await), 200);
    }
    ["HeaderParameterBoolTrue"] async fn param_bool_true(ctx) {
        assert_eq!(status(client(&ctx).param_bool("true", true, None).await), 200);
    }
    ["HeaderParameterBoolFalse"] async fn param_bool_false(ctx) {
        assert_eq!(status(client(&ctx).param_bool("false", false, None).await), 200);
    }
    ["HeaderParameterStringValid"] async fn param_string_valid(ctx) {
        let options = HeaderHeaderClientParamStringOptions {
            value: Some("The quick brown fox jumps over the lazy dog".to_owned()),
            ..Default::default()
        };
        assert_eq!(status(client(&ctx).param_string("valid", Some(options)).await), 200);
    }
    ["HeaderParameterStringNull"] async fn param_string_null(ctx) {
        assert_eq!(status(client(&ctx).param_string("null", None).await), 200);
    }
    ["HeaderParameterStringEmpty"] async fn param_string_empty(ctx) {
        let options = HeaderHeaderClientParamStringOptions {
            value: Some(String::new()),
            ..Default::default()
        };
        assert_eq!(status(client(&ctx).param_string("empty", Some(options)).await), 200);
    }
    ["HeaderParameterEnumValid"] async fn param_enum_valid(ctx) {
        let options = HeaderHeaderClientParamEnumOptions {
            value: Some(GreyscaleColors::Grey),
            ..Default::default()
        };
        assert_eq!(status(client(&ctx).param_enum("valid", Some(options)).await), 200);
    }
    ["HeaderParameterEnumNull"] async fn param_enum_null(ctx) {
        assert_eq!(status(client(&ctx).param_enum("null", None).await), 200);
    }
    ["HeaderParameterDateValid"] async fn param_date_valid(ctx) {
        assert_eq!(status(client(&ctx).param_date("valid", "2010-01-01", None).await), 200);
    }
    ["HeaderParameterDateMin"] async fn param_date_min(ctx) {
        assert_eq!(status(client(&ctx).param_date("min", "0001-01-01", None).await), 200);
    }
    ["HeaderParameterDateTimeValid"] async fn param_datetime_valid(ctx) {
        assert_eq!(status(client(&ctx).param_datetime("valid", "2010-01-01T12:34:56Z", None).await), 200);
    }
    ["HeaderParameterDateTimeMin"] async fn param_datetime_min(ctx) {
        assert_eq!(status(client(&ctx).param_datetime("min", "0001-01-01T00:00:00Z", None).await), 200);
    }
    ["HeaderParameterDateTimeRfc1123Valid"] async fn param_datetime_rfc1123_valid(ctx) {
        let options = HeaderHeaderClientParamDatetimeRfc1123Options {
            value: Some("Fri, 01 Jan 2010 12:34:56 GMT".to_owned()),
            ..Default::default()
        };
        assert_eq!(status(client(&ctx).param_datetime_rfc1123("valid", Some(options)).await), 200);
    }
    ["HeaderParameterDateTimeRfc1123Min"] async fn param_datetime_rfc1123_min(ctx) {
        let options = HeaderHeaderClientParamDatetimeRfc1123Options {
            value: Some("Mon, 01 Jan 0001 00:00:00 GMT".to_owned()),
            ..Default::default()
        };
        assert_eq!(status(client(&ctx).param_datetime_rfc1123("min", Some(options)).await), 200);
    }
    ["HeaderParameterDurationValid"] async fn param_duration_valid(ctx) {
        assert_eq!(status(client(&ctx).param_duration("valid", "P123DT22H14M12.011S", None).await), 200);
    }
    ["HeaderParameterBytesValid"] async fn param_byte_valid(ctx) {
        let value = "5ZWK6b2E5LiC54ub54uc76ex76Ss76ex76iM76ip";
        assert_eq!(status(client(&ctx).param_byte("valid", value, None).await), 200);
    }
}

/// Not called yet.
pub const GAPS: &[Gap] = &[
    Gap {
        scenarios: &["HeaderParameterExistingKey"],
        reason: "a `User-Agent` header parameter: azure_core's user-agent policy replaces the value the caller passed",
    },
    Gap {
    scenarios: &[
        "HeaderResponseExistingKey",
        "HeaderResponseProtectedKey",
        "HeaderResponseIntegerPositive",
        "HeaderResponseIntegerNegative",
        "HeaderResponseLongPositive",
        "HeaderResponseLongNegative",
        "HeaderResponseFloatPositive",
        "HeaderResponseFloatNegative",
        "HeaderResponseDoublePositive",
        "HeaderResponseDoubleNegative",
        "HeaderResponseBoolTrue",
        "HeaderResponseBoolFalse",
        "HeaderResponseStringValid",
        "HeaderResponseStringNull",
        "HeaderResponseStringEmpty",
        "HeaderResponseEnumValid",
        "HeaderResponseEnumNull",
        "HeaderResponseDateValid",
        "HeaderResponseDateMin",
        "HeaderResponseDateTimeValid",
        "HeaderResponseDateTimeMin",
        "HeaderResponseDateTimeRfc1123Valid",
        "HeaderResponseDateTimeRfc1123Min",
        "HeaderResponseDurationValid",
        "HeaderResponseBytesValid",
    ],
    reason: "typed response headers: armgen's responses expose only the raw headers, so AutoRest's typed header values cannot be asserted",
    },
];

//! `body-integer.json`: `legacy/routes/int.js`.

use arm_autorest::body_integer::clients::BodyIntegerClient;

use crate::support::{Ctx, Gap, assert_decode_error, model, scenarios, status};

fn client(ctx: &Ctx) -> BodyIntegerClient {
    BodyIntegerClient::new(ctx.credential(), Some(ctx.options())).expect("a client")
}

scenarios! {
    ["putIntegerMax"] async fn put_max32(ctx) {
        assert_eq!(status(client(&ctx).int().put_max32(&i32::MAX, None).await), 200);
    }
    ["putLongMax"] async fn put_max64(ctx) {
        assert_eq!(status(client(&ctx).int().put_max64(&i64::MAX, None).await), 200);
    }
    ["putIntegerMin"] async fn put_min32(ctx) {
        assert_eq!(status(client(&ctx).int().put_min32(&i32::MIN, None).await), 200);
    }
    ["putLongMin"] async fn put_min64(ctx) {
        assert_eq!(status(client(&ctx).int().put_min64(&i64::MIN, None).await), 200);
    }
    ["getIntegerInvalid"] async fn get_invalid(ctx) {
        assert_decode_error(client(&ctx).int().get_invalid(None).await);
    }
    ["getIntegerOverflow"] async fn get_overflow_int32(ctx) {
        assert_decode_error(client(&ctx).int().get_overflow_int32(None).await);
    }
    ["getIntegerUnderflow"] async fn get_underflow_int32(ctx) {
        assert_decode_error(client(&ctx).int().get_underflow_int32(None).await);
    }
    ["getLongOverflow"] async fn get_overflow_int64(ctx) {
        assert_decode_error(client(&ctx).int().get_overflow_int64(None).await);
    }
    ["getLongUnderflow"] async fn get_underflow_int64(ctx) {
        assert_decode_error(client(&ctx).int().get_underflow_int64(None).await);
    }
    ["getUnixTime"] async fn get_unix_time(ctx) {
        // `format: unixtime` is kept as the seconds the wire carries:
        // 2016-04-13T00:00:00Z.
        assert_eq!(model(client(&ctx).int().get_unix_time(None).await), armgen_runtime::UnixTime(1_460_505_600));
    }
    ["putUnixTime"] async fn put_unix_time(ctx) {
        assert_eq!(status(client(&ctx).int().put_unix_time_date(&armgen_runtime::UnixTime(1_460_505_600), None).await), 200);
    }
    ["getInvalidUnixTime"] async fn get_invalid_unix_time(ctx) {
        assert_decode_error(client(&ctx).int().get_invalid_unix_time(None).await);
    }
    // `x-nullable: true` results: an empty body is `None`.
    ["getIntegerNull"] async fn get_null(ctx) {
        assert_eq!(model(client(&ctx).int().get_null(None).await), None);
    }
    ["getNullUnixTime"] async fn get_null_unix_time(ctx) {
        assert_eq!(model(client(&ctx).int().get_null_unix_time(None).await), None);
    }
}

/// Everything is called.
pub const GAPS: &[Gap] = &[];

//! `body-date.json` (`legacy/routes/date.js`), `body-duration.json`
//! (`legacy/routes/duration.js`) and `body-byte.json`
//! (`dist/test-routes/byte.js`). armgen keeps these formats as the text the
//! wire carries, in checked types (`armgen_runtime::Date`, `Duration`,
//! `Base64`): the exact text is the value asserted, and what is not of the
//! format is a decoding error, as AutoRest's suites expect.

use arm_autorest::body_byte::clients::BodyByteClient;
use arm_autorest::body_date::clients::BodyDateClient;
use arm_autorest::body_duration::clients::BodyDurationClient;

use crate::support::{Ctx, Gap, assert_decode_error, model, scenarios, status};

fn date(ctx: &Ctx) -> arm_autorest::body_date::clients::BodyDateDateClient {
    BodyDateClient::new(ctx.credential(), Some(ctx.options())).unwrap().date()
}

fn duration(ctx: &Ctx) -> arm_autorest::body_duration::clients::BodyDurationDurationClient {
    BodyDurationClient::new(ctx.credential(), Some(ctx.options())).unwrap().duration()
}

fn byte(ctx: &Ctx) -> arm_autorest::body_byte::clients::BodyByteByteClient {
    BodyByteClient::new(ctx.credential(), Some(ctx.options())).unwrap().byte()
}

/// The bytes 255 down to 246, base64-encoded, as the server sends them.
const NON_ASCII: &str = "//79/Pv6+fj39g==";

scenarios! {
    // `x-nullable: true` results: an empty body is `None`.
    ["getDateNull"] async fn get_null_date(ctx) {
        assert_eq!(model(date(&ctx).get_null(None).await), None);
    }
    ["getDurationNull"] async fn get_null_duration(ctx) {
        assert_eq!(model(duration(&ctx).get_null(None).await), None);
    }
    ["getDateMax"] async fn get_max_date(ctx) {
        assert_eq!(model(date(&ctx).get_max_date(None).await), "9999-12-31");
    }
    ["putDateMax"] async fn put_max_date(ctx) {
        assert_eq!(status(date(&ctx).put_max_date(&"9999-12-31".parse().unwrap(), None).await), 200);
    }
    ["getDateMin"] async fn get_min_date(ctx) {
        assert_eq!(model(date(&ctx).get_min_date(None).await), "0001-01-01");
    }
    ["putDateMin"] async fn put_min_date(ctx) {
        assert_eq!(status(date(&ctx).put_min_date(&"0001-01-01".parse().unwrap(), None).await), 200);
    }
    ["getDurationPositive"] async fn get_positive_duration(ctx) {
        assert_eq!(model(duration(&ctx).get_positive_duration(None).await), "P3Y6M4DT12H30M5S");
    }
    ["putDurationPositive"] async fn put_positive_duration(ctx) {
        let body = "P123DT22H14M12.011S".parse().unwrap();
        assert_eq!(status(duration(&ctx).put_positive_duration(&body, None).await), 200);
    }
    // Not of the format (a five-digit year overflows, year 0000
    // underflows): a decoding error, as AutoRest's suites expect.
    ["getDateInvalid"] async fn get_invalid_date(ctx) {
        assert_decode_error(date(&ctx).get_invalid_date(None).await);
    }
    ["getDateOverflow"] async fn get_overflow_date(ctx) {
        assert_decode_error(date(&ctx).get_overflow_date(None).await);
    }
    ["getDateUnderflow"] async fn get_underflow_date(ctx) {
        assert_decode_error(date(&ctx).get_underflow_date(None).await);
    }
    ["getDurationInvalid"] async fn get_invalid_duration(ctx) {
        assert_decode_error(duration(&ctx).get_invalid(None).await);
    }
    ["getByteInvalid"] async fn get_invalid_byte(ctx) {
        assert_decode_error(byte(&ctx).get_invalid(None).await);
    }
    ["getByteEmpty"] async fn get_byte_empty(ctx) {
        assert_eq!(model(byte(&ctx).get_empty(None).await).as_deref(), Some(""));
    }
    ["getByteNonAscii"] async fn get_byte_non_ascii(ctx) {
        assert_eq!(model(byte(&ctx).get_non_ascii(None).await).as_deref(), Some(NON_ASCII));
    }
    ["putByteNonAscii"] async fn put_byte_non_ascii(ctx) {
        assert_eq!(status(byte(&ctx).put_non_ascii(&NON_ASCII.parse().unwrap(), None).await), 200);
    }
    // Generated with `nulls: tolerated` (autorest/build.rs): the server
    // sends nulls the spec does not declare, which AutoRest's clients read
    // as null.
    ["getByteNull"] async fn byte_null(ctx) {
        assert_eq!(model(byte(&ctx).get_null(None).await), None);
    }
}

/// Every scenario of this swagger is called and asserted.
pub const GAPS: &[Gap] = &[];

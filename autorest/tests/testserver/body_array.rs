//! `body-array.json`: `dist/test-routes/array.js`. Values are compared as
//! the JSON the server sent; `format`s other than numbers (date, date-time,
//! duration, byte, base64url, uuid) are strings in armgen's models, so
//! their exact wire text is the value.

use arm_autorest::body_array::clients::{BodyArrayArrayClient, BodyArrayClient};
use arm_autorest::body_array::models::{FooEnum, Product};
use serde_json::json;

use crate::support::{Ctx, Gap, assert_decode_error, assert_model, body, model, scenarios, status};

fn client(ctx: &Ctx) -> BodyArrayArrayClient {
    BodyArrayClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .array()
}

scenarios! {
    ["getArrayEmpty"] async fn get_empty(ctx) {
        assert_model(client(&ctx).get_empty(None).await, json!([]));
    }
    ["putArrayEmpty"] async fn put_empty(ctx) {
        assert_eq!(status(client(&ctx).put_empty(&body(json!([])), None).await), 200);
    }
    ["getArrayInvalid"] async fn get_invalid(ctx) {
        assert_decode_error(client(&ctx).get_invalid(None).await);
    }
    ["getArrayBooleanValid"] async fn get_boolean_tfft(ctx) {
        assert_model(client(&ctx).get_boolean_tfft(None).await, json!([true, false, false, true]));
    }
    ["putArrayBooleanValid"] async fn put_boolean_tfft(ctx) {
        assert_eq!(status(client(&ctx).put_boolean_tfft(&body(json!([true, false, false, true])), None).await), 200);
    }
    ["getArrayBooleanWithString"] async fn get_boolean_invalid_string(ctx) {
        assert_decode_error(client(&ctx).get_boolean_invalid_string(None).await);
    }
    ["getArrayIntegerValid"] async fn get_integer_valid(ctx) {
        assert_model(client(&ctx).get_integer_valid(None).await, json!([1, -1, 3, 300]));
    }
    ["putArrayIntegerValid"] async fn put_integer_valid(ctx) {
        assert_eq!(status(client(&ctx).put_integer_valid(&body(json!([1, -1, 3, 300])), None).await), 200);
    }
    ["getArrayIntegerWithString"] async fn get_int_invalid_string(ctx) {
        assert_decode_error(client(&ctx).get_int_invalid_string(None).await);
    }
    ["getArrayLongValid"] async fn get_long_valid(ctx) {
        assert_model(client(&ctx).get_long_valid(None).await, json!([1, -1, 3, 300]));
    }
    ["putArrayLongValid"] async fn put_long_valid(ctx) {
        assert_eq!(status(client(&ctx).put_long_valid(&body(json!([1, -1, 3, 300])), None).await), 200);
    }
    ["getArrayLongWithString"] async fn get_long_invalid_string(ctx) {
        assert_decode_error(client(&ctx).get_long_invalid_string(None).await);
    }
    ["getArrayFloatValid"] async fn get_float_valid(ctx) {
        let value = model(client(&ctx).get_float_valid(None).await);
        assert_eq!(value, Some(vec![Some(0.0), Some(-0.01), Some(-1.2e20)]));
    }
    ["putArrayFloatValid"] async fn put_float_valid(ctx) {
        assert_eq!(status(client(&ctx).put_float_valid(&body(json!([0.0, -0.01, -1.2e20])), None).await), 200);
    }
    ["getArrayFloatWithString"] async fn get_float_invalid_string(ctx) {
        assert_decode_error(client(&ctx).get_float_invalid_string(None).await);
    }
    ["getArrayDoubleValid"] async fn get_double_valid(ctx) {
        let value = model(client(&ctx).get_double_valid(None).await);
        assert_eq!(value, Some(vec![Some(0.0), Some(-0.01), Some(-1.2e20)]));
    }
    ["putArrayDoubleValid"] async fn put_double_valid(ctx) {
        assert_eq!(status(client(&ctx).put_double_valid(&body(json!([0.0, -0.01, -1.2e20])), None).await), 200);
    }
    ["getArrayDoubleWithString"] async fn get_double_invalid_string(ctx) {
        assert_decode_error(client(&ctx).get_double_invalid_string(None).await);
    }
    ["getArrayStringValid"] async fn get_string_valid(ctx) {
        assert_model(client(&ctx).get_string_valid(None).await, json!(["foo1", "foo2", "foo3"]));
    }
    ["putArrayStringValid"] async fn put_string_valid(ctx) {
        assert_eq!(status(client(&ctx).put_string_valid(&body(json!(["foo1", "foo2", "foo3"])), None).await), 200);
    }
    ["getArrayStringWithNumber"] async fn get_string_with_invalid(ctx) {
        assert_decode_error(client(&ctx).get_string_with_invalid(None).await);
    }
    ["getArrayEnumValid"] async fn get_enum_valid(ctx) {
        let value = model(client(&ctx).get_enum_valid(None).await);
        assert_eq!(value, Some(vec![Some(FooEnum::Foo1), Some(FooEnum::Foo2), Some(FooEnum::Foo3)]));
    }
    ["putArrayEnumValid"] async fn put_enum_valid(ctx) {
        let body = vec![Some(FooEnum::Foo1), Some(FooEnum::Foo2), Some(FooEnum::Foo3)];
        assert_eq!(status(client(&ctx).put_enum_valid(&body, None).await), 200);
    }
    ["getArrayStringEnumValid"] async fn get_string_enum_valid(ctx) {
        assert_model(client(&ctx).get_string_enum_valid(None).await, json!(["foo1", "foo2", "foo3"]));
    }
    ["putArrayStringEnumValid"] async fn put_string_enum_valid(ctx) {
        assert_eq!(status(client(&ctx).put_string_enum_valid(&body(json!(["foo1", "foo2", "foo3"])), None).await), 200);
    }
    ["getArrayUuidValid"] async fn get_uuid_valid(ctx) {
        assert_model(
            client(&ctx).get_uuid_valid(None).await,
            json!(["6dcc7237-45fe-45c4-8a6b-3a8a3f625652", "d1399005-30f7-40d6-8da6-dd7c89ad34db", "f42f6aa1-a5bc-4ddf-907e-5f915de43205"]),
        );
    }
    ["putArrayUuidValid"] async fn put_uuid_valid(ctx) {
        let body = body(json!(["6dcc7237-45fe-45c4-8a6b-3a8a3f625652", "d1399005-30f7-40d6-8da6-dd7c89ad34db", "f42f6aa1-a5bc-4ddf-907e-5f915de43205"]));
        assert_eq!(status(client(&ctx).put_uuid_valid(&body, None).await), 200);
    }
    ["getArrayDateValid"] async fn get_date_valid(ctx) {
        assert_model(client(&ctx).get_date_valid(None).await, json!(["2000-12-01", "1980-01-02", "1492-10-12"]));
    }
    ["putArrayDateValid"] async fn put_date_valid(ctx) {
        assert_eq!(status(client(&ctx).put_date_valid(&body(json!(["2000-12-01", "1980-01-02", "1492-10-12"])), None).await), 200);
    }
    ["getArrayDateTimeValid"] async fn get_date_time_valid(ctx) {
        assert_model(
            client(&ctx).get_date_time_valid(None).await,
            json!(["2000-12-01t00:00:01z", "1980-01-02T00:11:35+01:00", "1492-10-12T10:15:01-08:00"]),
        );
    }
    ["putArrayDateTimeValid"] async fn put_date_time_valid(ctx) {
        let body = body(json!(["2000-12-01T00:00:01Z", "1980-01-02T00:11:35Z", "1492-10-12T10:15:01Z"]));
        assert_eq!(status(client(&ctx).put_date_time_valid(&body, None).await), 200);
    }
    ["getArrayDateTimeRfc1123Valid"] async fn get_date_time_rfc1123_valid(ctx) {
        assert_model(
            client(&ctx).get_date_time_rfc1123_valid(None).await,
            json!(["Fri, 01 Dec 2000 00:00:01 GMT", "Wed, 02 Jan 1980 00:11:35 GMT", "Wed, 12 Oct 1492 10:15:01 GMT"]),
        );
    }
    ["putArrayDateTimeRfc1123Valid"] async fn put_date_time_rfc1123_valid(ctx) {
        let body = body(json!(["Fri, 01 Dec 2000 00:00:01 GMT", "Wed, 02 Jan 1980 00:11:35 GMT", "Wed, 12 Oct 1492 10:15:01 GMT"]));
        assert_eq!(status(client(&ctx).put_date_time_rfc1123_valid(&body, None).await), 200);
    }
    ["getArrayDurationValid"] async fn get_duration_valid(ctx) {
        assert_model(client(&ctx).get_duration_valid(None).await, json!(["P123DT22H14M12.011S", "P5DT1H0M0S"]));
    }
    ["putArrayDurationValid"] async fn put_duration_valid(ctx) {
        assert_eq!(status(client(&ctx).put_duration_valid(&body(json!(["P123DT22H14M12.011S", "P5DT1H"])), None).await), 200);
    }
    ["getArrayByteValid"] async fn get_byte_valid(ctx) {
        assert_model(client(&ctx).get_byte_valid(None).await, json!(["////+g==", "AQID", "JSlD"]));
    }
    ["putArrayByteValid"] async fn put_byte_valid(ctx) {
        assert_eq!(status(client(&ctx).put_byte_valid(&body(json!(["////+g==", "AQID", "JSlD"])), None).await), 200);
    }
    ["getArrayBase64Url"] async fn get_base64_url(ctx) {
        assert_model(
            client(&ctx).get_base64_url(None).await,
            json!(["YSBzdHJpbmcgdGhhdCBnZXRzIGVuY29kZWQgd2l0aCBiYXNlNjR1cmw", "dGVzdCBzdHJpbmc", "TG9yZW0gaXBzdW0"]),
        );
    }
    ["getArrayComplexEmpty"] async fn get_complex_empty(ctx) {
        assert_model(client(&ctx).get_complex_empty(None).await, json!([]));
    }
    ["getArrayComplexItemEmpty"] async fn get_complex_item_empty(ctx) {
        assert_model(
            client(&ctx).get_complex_item_empty(None).await,
            json!([{"integer": 1, "string": "2"}, {}, {"integer": 5, "string": "6"}]),
        );
    }
    ["getArrayComplexValid"] async fn get_complex_valid(ctx) {
        assert_model(
            client(&ctx).get_complex_valid(None).await,
            json!([{"integer": 1, "string": "2"}, {"integer": 3, "string": "4"}, {"integer": 5, "string": "6"}]),
        );
    }
    ["putArrayComplexValid"] async fn put_complex_valid(ctx) {
        let body: Vec<Product> = serde_json::from_value(json!([
            {"integer": 1, "string": "2"}, {"integer": 3, "string": "4"}, {"integer": 5, "string": "6"}
        ])).unwrap();
        let body: Vec<Option<Product>> = body.into_iter().map(Some).collect();
        assert_eq!(status(client(&ctx).put_complex_valid(&body, None).await), 200);
    }
    ["getArrayArrayEmpty"] async fn get_array_empty(ctx) {
        assert_model(client(&ctx).get_array_empty(None).await, json!([]));
    }
    ["getArrayArrayItemEmpty"] async fn get_array_item_empty(ctx) {
        assert_model(client(&ctx).get_array_item_empty(None).await, json!([["1", "2", "3"], [], ["7", "8", "9"]]));
    }
    ["getArrayArrayValid"] async fn get_array_valid(ctx) {
        assert_model(client(&ctx).get_array_valid(None).await, json!([["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]]));
    }
    ["putArrayArrayValid"] async fn put_array_valid(ctx) {
        let body = body(json!([["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]]));
        assert_eq!(status(client(&ctx).put_array_valid(&body, None).await), 200);
    }
    ["getArrayDictionaryEmpty"] async fn get_dictionary_empty(ctx) {
        assert_model(client(&ctx).get_dictionary_empty(None).await, json!([]));
    }
    ["getArrayDictionaryItemEmpty"] async fn get_dictionary_item_empty(ctx) {
        assert_model(
            client(&ctx).get_dictionary_item_empty(None).await,
            json!([{"1": "one", "2": "two", "3": "three"}, {}, {"7": "seven", "8": "eight", "9": "nine"}]),
        );
    }
    ["getArrayDictionaryValid"] async fn get_dictionary_valid(ctx) {
        assert_model(
            client(&ctx).get_dictionary_valid(None).await,
            json!([{"1": "one", "2": "two", "3": "three"}, {"4": "four", "5": "five", "6": "six"}, {"7": "seven", "8": "eight", "9": "nine"}]),
        );
    }
    // `x-nullable: true` items: `Vec<Option<T>>`, the nulls are `None`.
    ["getArrayStringWithNull"] async fn get_string_with_null(ctx) {
        let value = model(client(&ctx).get_string_with_null(None).await);
        assert_eq!(value, Some(vec![Some("foo".to_owned()), None, Some("foo2".to_owned())]));
    }
    ["getArrayComplexItemNull"] async fn get_complex_item_null(ctx) {
        assert_model(
            client(&ctx).get_complex_item_null(None).await,
            json!([{"integer": 1, "string": "2"}, null, {"integer": 5, "string": "6"}]),
        );
    }
    ["getArrayArrayItemNull"] async fn get_array_item_null(ctx) {
        assert_model(client(&ctx).get_array_item_null(None).await, json!([["1", "2", "3"], null, ["7", "8", "9"]]));
    }
    ["getArrayDictionaryItemNull"] async fn get_dictionary_item_null(ctx) {
        assert_model(
            client(&ctx).get_dictionary_item_null(None).await,
            json!([{"1": "one", "2": "two", "3": "three"}, null, {"7": "seven", "8": "eight", "9": "nine"}]),
        );
    }
    // An item that is not of the items' format: a decoding error, as
    // AutoRest's suites expect.
    ["getArrayUuidWithInvalidChars"] async fn get_uuid_invalid_chars(ctx) {
        assert_decode_error(client(&ctx).get_uuid_invalid_chars(None).await);
    }
    ["getArrayDateWithInvalidChars"] async fn get_date_invalid_chars(ctx) {
        assert_decode_error(client(&ctx).get_date_invalid_chars(None).await);
    }
    ["getArrayDateTimeWithInvalidChars"] async fn get_date_time_invalid_chars(ctx) {
        assert_decode_error(client(&ctx).get_date_time_invalid_chars(None).await);
    }
    ["putArrayDictionaryValid"] async fn put_dictionary_valid(ctx) {
        let body = serde_json::from_value(json!([
            {"1": "one", "2": "two", "3": "three"}, {"4": "four", "5": "five", "6": "six"}, {"7": "seven", "8": "eight", "9": "nine"}
        ])).unwrap();
        assert_eq!(status(client(&ctx).put_dictionary_valid(&body, None).await), 200);
    }
    // Generated with `nulls: tolerated` (autorest/build.rs): the server
    // sends nulls the spec does not declare, which AutoRest's clients read
    // as null.
    ["getArrayNull"] async fn get_null(ctx) {
        assert_eq!(model(client(&ctx).get_null(None).await), None);
    }
    ["getArrayComplexNull"] async fn get_complex_null(ctx) {
        assert_eq!(model(client(&ctx).get_complex_null(None).await), None);
    }
    ["getArrayArrayNull"] async fn get_array_null(ctx) {
        assert_eq!(model(client(&ctx).get_array_null(None).await), None);
    }
    ["getArrayDictionaryNull"] async fn get_dictionary_null(ctx) {
        assert_eq!(model(client(&ctx).get_dictionary_null(None).await), None);
    }
    ["getArrayBooleanWithNull"] async fn get_boolean_invalid_null(ctx) {
        assert_eq!(model(client(&ctx).get_boolean_invalid_null(None).await), Some(vec![Some(true), None, Some(false)]));
    }
    ["getArrayIntegerWithNull"] async fn get_int_invalid_null(ctx) {
        assert_eq!(model(client(&ctx).get_int_invalid_null(None).await), Some(vec![Some(1), None, Some(0)]));
    }
    ["getArrayLongWithNull"] async fn get_long_invalid_null(ctx) {
        assert_eq!(model(client(&ctx).get_long_invalid_null(None).await), Some(vec![Some(1), None, Some(0)]));
    }
    ["getArrayFloatWithNull"] async fn get_float_invalid_null(ctx) {
        assert_eq!(model(client(&ctx).get_float_invalid_null(None).await), Some(vec![Some(0.0), None, Some(-1.2e20)]));
    }
    ["getArrayDoubleWithNull"] async fn get_double_invalid_null(ctx) {
        assert_eq!(model(client(&ctx).get_double_invalid_null(None).await), Some(vec![Some(0.0), None, Some(-1.2e20)]));
    }
    ["getArrayDateWithNull"] async fn get_date_invalid_null(ctx) {
        assert_model(client(&ctx).get_date_invalid_null(None).await, json!(["2012-01-01", null, "1776-07-04"]));
    }
    ["getArrayDateTimeWithNull"] async fn get_date_time_invalid_null(ctx) {
        assert_model(client(&ctx).get_date_time_invalid_null(None).await, json!(["2000-12-01T00:00:01.000Z", null]));
    }
    ["getArrayByteWithNull"] async fn get_byte_invalid_null(ctx) {
        assert_model(client(&ctx).get_byte_invalid_null(None).await, json!(["q6yt", null]));
    }
}

/// Every scenario of this swagger is called and asserted.
pub const GAPS: &[Gap] = &[];

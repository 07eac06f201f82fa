//! `body-dictionary.json`: `legacy/routes/dictionary.js`. Values are
//! compared as the JSON the server sent (formats other than numbers are
//! strings in armgen's models).

use arm_autorest::body_dictionary::clients::{BodyDictionaryClient, BodyDictionaryDictionaryClient};
use serde_json::json;

use crate::support::{Gap, assert_decode_error, assert_model, body, model, scenarios, status};

fn client(ctx: &crate::support::Ctx) -> BodyDictionaryDictionaryClient {
    BodyDictionaryClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .dictionary()
}

scenarios! {
    // `float` values are `f32`s: compared as such (their JSON text would be
    // the widened double).
    ["getDictionaryFloatValid"] async fn get_float_valid(ctx) {
        let map = model(client(&ctx).get_float_valid(None).await).expect("a body");
        let values: Vec<(&str, Option<f32>)> = map.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(values, [("0", Some(0.0)), ("1", Some(-0.01)), ("2", Some(-1.2e20))]);
    }
    ["getDictionaryDateTimeRfc1123Valid"] async fn get_date_time_rfc1123_valid(ctx) {
        assert_model(client(&ctx).get_date_time_rfc1123_valid(None).await, json!({"0": "Fri, 01 Dec 2000 00:00:01 GMT", "1": "Wed, 02 Jan 1980 00:11:35 GMT", "2": "Wed, 12 Oct 1492 10:15:01 GMT"}));
    }
    ["putDictionaryDateTimeRfc1123Valid"] async fn put_date_time_rfc1123_valid(ctx) {
        let value = json!({"0": "Fri, 01 Dec 2000 00:00:01 GMT", "1": "Wed, 02 Jan 1980 00:11:35 GMT", "2": "Wed, 12 Oct 1492 10:15:01 GMT"});
        assert_eq!(status(client(&ctx).put_date_time_rfc1123_valid(&body(value), None).await), 200);
    }
    ["putDictionaryDateTimeValid"] async fn put_date_time_valid(ctx) {
        let value = json!({"0": "2000-12-01T00:00:01Z", "1": "1980-01-01T23:11:35Z", "2": "1492-10-12T18:15:01Z"});
        assert_eq!(status(client(&ctx).put_date_time_valid(&body(value), None).await), 200);
    }
    // `byte` and `base64url` values are their base64 text.
    ["getDictionaryByteValid"] async fn get_byte_valid(ctx) {
        assert_model(client(&ctx).get_byte_valid(None).await, json!({"0": "////+g==", "1": "AQID", "2": "JSlD"}));
    }
    ["putDictionaryByteValid"] async fn put_byte_valid(ctx) {
        let value = json!({"0": "////+g==", "1": "AQID", "2": "JSlD"});
        assert_eq!(status(client(&ctx).put_byte_valid(&body(value), None).await), 200);
    }
    ["getDictionaryBase64Url"] async fn get_base64_url(ctx) {
        let expected = json!({"0": "YSBzdHJpbmcgdGhhdCBnZXRzIGVuY29kZWQgd2l0aCBiYXNlNjR1cmw", "1": "dGVzdCBzdHJpbmc", "2": "TG9yZW0gaXBzdW0"});
        assert_model(client(&ctx).get_base64_url(None).await, expected);
    }
    ["getDictionaryComplexValid"] async fn get_complex_valid(ctx) {
        let expected = json!({"0": {"integer": 1, "string": "2"}, "1": {"integer": 3, "string": "4"}, "2": {"integer": 5, "string": "6"}});
        assert_model(client(&ctx).get_complex_valid(None).await, expected);
    }
    ["putDictionaryComplexValid"] async fn put_complex_valid(ctx) {
        let value = json!({"0": {"integer": 1, "string": "2"}, "1": {"integer": 3, "string": "4"}, "2": {"integer": 5, "string": "6"}});
        assert_eq!(status(client(&ctx).put_complex_valid(&body(value), None).await), 200);
    }
    ["getDictionaryDictionaryItemEmpty"] async fn get_dictionary_item_empty(ctx) {
        let expected = json!({"0": {"1": "one", "2": "two", "3": "three"}, "1": {}, "2": {"7": "seven", "8": "eight", "9": "nine"}});
        assert_model(client(&ctx).get_dictionary_item_empty(None).await, expected);
    }
    ["getDictionaryDictionaryValid"] async fn get_dictionary_valid(ctx) {
        let expected = json!({"0": {"1": "one", "2": "two", "3": "three"}, "1": {"4": "four", "5": "five", "6": "six"}, "2": {"7": "seven", "8": "eight", "9": "nine"}});
        assert_model(client(&ctx).get_dictionary_valid(None).await, expected);
    }
    ["putDictionaryDictionaryValid"] async fn put_dictionary_valid(ctx) {
        let value = json!({"0": {"1": "one", "2": "two", "3": "three"}, "1": {"4": "four", "5": "five", "6": "six"}, "2": {"7": "seven", "8": "eight", "9": "nine"}});
        assert_eq!(status(client(&ctx).put_dictionary_valid(&body(value), None).await), 200);
    }
    ["getDictionaryEmpty"] async fn get_empty(ctx) {
        assert_model(client(&ctx).get_empty(None).await, json!({}));
    }
    ["getDictionaryKeyEmptyString"] async fn get_empty_string_key(ctx) {
        assert_model(client(&ctx).get_empty_string_key(None).await, json!({"": "val1"}));
    }
    ["getDictionaryBooleanValid"] async fn get_boolean_tfft(ctx) {
        assert_model(client(&ctx).get_boolean_tfft(None).await, json!({"0": true, "1": false, "2": false, "3": true}));
    }
    ["getDictionaryIntegerValid"] async fn get_integer_valid(ctx) {
        assert_model(client(&ctx).get_integer_valid(None).await, json!({"0": 1, "1": -1, "2": 3, "3": 300}));
    }
    ["getDictionaryLongValid"] async fn get_long_valid(ctx) {
        assert_model(client(&ctx).get_long_valid(None).await, json!({"0": 1, "1": -1, "2": 3, "3": 300}));
    }
    ["getDictionaryDoubleValid"] async fn get_double_valid(ctx) {
        assert_model(client(&ctx).get_double_valid(None).await, json!({"0": 0.0, "1": -0.01, "2": -1.2e20}));
    }
    ["getDictionaryStringValid"] async fn get_string_valid(ctx) {
        assert_model(client(&ctx).get_string_valid(None).await, json!({"0": "foo1", "1": "foo2", "2": "foo3"}));
    }
    ["getDictionaryDateValid"] async fn get_date_valid(ctx) {
        assert_model(client(&ctx).get_date_valid(None).await, json!({"0": "2000-12-01", "1": "1980-01-02", "2": "1492-10-12"}));
    }
    ["getDictionaryDateTimeValid"] async fn get_date_time_valid(ctx) {
        assert_model(client(&ctx).get_date_time_valid(None).await, json!({"0": "2000-12-01t00:00:01z", "1": "1980-01-02T00:11:35+01:00", "2": "1492-10-12T10:15:01-08:00"}));
    }
    ["getDictionaryDurationValid"] async fn get_duration_valid(ctx) {
        assert_model(client(&ctx).get_duration_valid(None).await, json!({"0": "P123DT22H14M12.011S", "1": "P5DT1H"}));
    }
    ["getDictionaryComplexEmpty"] async fn get_complex_empty(ctx) {
        assert_model(client(&ctx).get_complex_empty(None).await, json!({}));
    }
    ["getDictionaryComplexItemEmpty"] async fn get_complex_item_empty(ctx) {
        assert_model(client(&ctx).get_complex_item_empty(None).await, json!({"0": {"integer": 1, "string": "2"}, "1": {}, "2": {"integer": 5, "string": "6"}}));
    }
    ["getDictionaryArrayEmpty"] async fn get_array_empty(ctx) {
        assert_model(client(&ctx).get_array_empty(None).await, json!({}));
    }
    ["getDictionaryArrayItemEmpty"] async fn get_array_item_empty(ctx) {
        assert_model(client(&ctx).get_array_item_empty(None).await, json!({"0": ["1", "2", "3"], "1": [], "2": ["7", "8", "9"]}));
    }
    ["getDictionaryArrayValid"] async fn get_array_valid(ctx) {
        assert_model(client(&ctx).get_array_valid(None).await, json!({"0": ["1", "2", "3"], "1": ["4", "5", "6"], "2": ["7", "8", "9"]}));
    }
    ["getDictionaryDictionaryEmpty"] async fn get_dictionary_empty(ctx) {
        assert_model(client(&ctx).get_dictionary_empty(None).await, json!({}));
    }
    ["putDictionaryEmpty"] async fn put_empty(ctx) {
        assert_eq!(status(client(&ctx).put_empty(&body(json!({})), None).await), 200);
    }
    ["putDictionaryBooleanValid"] async fn put_boolean_tfft(ctx) {
        assert_eq!(status(client(&ctx).put_boolean_tfft(&body(json!({"0": true, "1": false, "2": false, "3": true})), None).await), 200);
    }
    ["putDictionaryIntegerValid"] async fn put_integer_valid(ctx) {
        assert_eq!(status(client(&ctx).put_integer_valid(&body(json!({"0": 1, "1": -1, "2": 3, "3": 300})), None).await), 200);
    }
    ["putDictionaryLongValid"] async fn put_long_valid(ctx) {
        assert_eq!(status(client(&ctx).put_long_valid(&body(json!({"0": 1, "1": -1, "2": 3, "3": 300})), None).await), 200);
    }
    ["putDictionaryFloatValid"] async fn put_float_valid(ctx) {
        assert_eq!(status(client(&ctx).put_float_valid(&body(json!({"0": 0.0, "1": -0.01, "2": -1.2e20})), None).await), 200);
    }
    ["putDictionaryDoubleValid"] async fn put_double_valid(ctx) {
        assert_eq!(status(client(&ctx).put_double_valid(&body(json!({"0": 0.0, "1": -0.01, "2": -1.2e20})), None).await), 200);
    }
    ["putDictionaryStringValid"] async fn put_string_valid(ctx) {
        assert_eq!(status(client(&ctx).put_string_valid(&body(json!({"0": "foo1", "1": "foo2", "2": "foo3"})), None).await), 200);
    }
    ["putDictionaryDateValid"] async fn put_date_valid(ctx) {
        assert_eq!(status(client(&ctx).put_date_valid(&body(json!({"0": "2000-12-01", "1": "1980-01-02", "2": "1492-10-12"})), None).await), 200);
    }
    ["putDictionaryDurationValid"] async fn put_duration_valid(ctx) {
        assert_eq!(status(client(&ctx).put_duration_valid(&body(json!({"0": "P123DT22H14M12.011S", "1": "P5DT1H"})), None).await), 200);
    }
    ["putDictionaryArrayValid"] async fn put_array_valid(ctx) {
        assert_eq!(status(client(&ctx).put_array_valid(&body(json!({"0": ["1", "2", "3"], "1": ["4", "5", "6"], "2": ["7", "8", "9"]})), None).await), 200);
    }
    ["getDictionaryInvalid"] async fn get_invalid(ctx) {
        assert_decode_error(client(&ctx).get_invalid(None).await);
    }
    ["getDictionaryNullkey"] async fn get_null_key(ctx) {
        assert_decode_error(client(&ctx).get_null_key(None).await);
    }
    ["getDictionaryBooleanWithString"] async fn get_boolean_invalid_string(ctx) {
        assert_decode_error(client(&ctx).get_boolean_invalid_string(None).await);
    }
    ["getDictionaryIntegerWithString"] async fn get_int_invalid_string(ctx) {
        assert_decode_error(client(&ctx).get_int_invalid_string(None).await);
    }
    ["getDictionaryLongWithString"] async fn get_long_invalid_string(ctx) {
        assert_decode_error(client(&ctx).get_long_invalid_string(None).await);
    }
    ["getDictionaryFloatWithString"] async fn get_float_invalid_string(ctx) {
        assert_decode_error(client(&ctx).get_float_invalid_string(None).await);
    }
    ["getDictionaryDoubleWithString"] async fn get_double_invalid_string(ctx) {
        assert_decode_error(client(&ctx).get_double_invalid_string(None).await);
    }
    ["getDictionaryStringWithNumber"] async fn get_string_with_invalid(ctx) {
        assert_decode_error(client(&ctx).get_string_with_invalid(None).await);
    }
    // `x-nullable: true` results: an empty body is `None`.
    ["getDictionaryComplexNull"] async fn get_complex_null(ctx) {
        assert_eq!(model(client(&ctx).get_complex_null(None).await), None);
    }
    ["getDictionaryArrayNull"] async fn get_array_null(ctx) {
        assert_eq!(model(client(&ctx).get_array_null(None).await), None);
    }
    // `x-nullable: true` values: `BTreeMap<String, Option<T>>`.
    ["getDictionaryComplexItemNull"] async fn get_complex_item_null(ctx) {
        let expected = json!({"0": {"integer": 1, "string": "2"}, "1": null, "2": {"integer": 5, "string": "6"}});
        assert_model(client(&ctx).get_complex_item_null(None).await, expected);
    }
    ["getDictionaryArrayItemNull"] async fn get_array_item_null(ctx) {
        let expected = json!({"0": ["1", "2", "3"], "1": null, "2": ["7", "8", "9"]});
        assert_model(client(&ctx).get_array_item_null(None).await, expected);
    }
    // A value that is not of the values' format: a decoding error, as
    // AutoRest's suites expect.
    ["getDictionaryDateWithInvalidChars"] async fn get_date_invalid_chars(ctx) {
        assert_decode_error(client(&ctx).get_date_invalid_chars(None).await);
    }
    ["getDictionaryDateTimeWithInvalidChars"] async fn get_date_time_invalid_chars(ctx) {
        assert_decode_error(client(&ctx).get_date_time_invalid_chars(None).await);
    }
    ["getDictionaryDictionaryItemNull"] async fn get_dictionary_item_null(ctx) {
        let expected = json!({"0": {"1": "one", "2": "two", "3": "three"}, "1": null, "2": {"7": "seven", "8": "eight", "9": "nine"}});
        assert_model(client(&ctx).get_dictionary_item_null(None).await, expected);
    }
    // Generated with `nulls: tolerated` (autorest/build.rs): the server
    // sends nulls the spec does not declare, which AutoRest's clients read
    // as null.
    ["getDictionaryNull"] async fn get_null(ctx) {
        assert_eq!(model(client(&ctx).get_null(None).await), None);
    }
    ["getDictionaryDictionaryNull"] async fn get_dictionary_null(ctx) {
        assert_eq!(model(client(&ctx).get_dictionary_null(None).await), None);
    }
    ["getDictionaryNullValue"] async fn get_null_value(ctx) {
        assert_model(client(&ctx).get_null_value(None).await, json!({"key1": null}));
    }
    ["getDictionaryBooleanWithNull"] async fn get_boolean_invalid_null(ctx) {
        assert_model(client(&ctx).get_boolean_invalid_null(None).await, json!({"0": true, "1": null, "2": false}));
    }
    ["getDictionaryIntegerWithNull"] async fn get_int_invalid_null(ctx) {
        assert_model(client(&ctx).get_int_invalid_null(None).await, json!({"0": 1, "1": null, "2": 0}));
    }
    ["getDictionaryLongWithNull"] async fn get_long_invalid_null(ctx) {
        assert_model(client(&ctx).get_long_invalid_null(None).await, json!({"0": 1, "1": null, "2": 0}));
    }
    ["getDictionaryFloatWithNull"] async fn get_float_invalid_null(ctx) {
        let map = model(client(&ctx).get_float_invalid_null(None).await).expect("a body");
        let values: Vec<(&str, Option<f32>)> = map.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(values, [("0", Some(0.0)), ("1", None), ("2", Some(-1.2e20))]);
    }
    ["getDictionaryDoubleWithNull"] async fn get_double_invalid_null(ctx) {
        assert_model(client(&ctx).get_double_invalid_null(None).await, json!({"0": 0.0, "1": null, "2": -1.2e20}));
    }
    ["getDictionaryStringWithNull"] async fn get_string_with_null(ctx) {
        assert_model(client(&ctx).get_string_with_null(None).await, json!({"0": "foo", "1": null, "2": "foo2"}));
    }
    ["getDictionaryDateWithNull"] async fn get_date_invalid_null(ctx) {
        assert_model(client(&ctx).get_date_invalid_null(None).await, json!({"0": "2012-01-01", "1": null, "2": "1776-07-04"}));
    }
    ["getDictionaryDateTimeWithNull"] async fn get_date_time_invalid_null(ctx) {
        assert_model(client(&ctx).get_date_time_invalid_null(None).await, json!({"0": "2000-12-01t00:00:01z", "1": null}));
    }
    ["getDictionaryByteWithNull"] async fn get_byte_invalid_null(ctx) {
        assert_model(client(&ctx).get_byte_invalid_null(None).await, json!({"0": "q6yt", "1": null}));
    }
}

/// Every scenario of this swagger is called and asserted.
pub const GAPS: &[Gap] = &[];

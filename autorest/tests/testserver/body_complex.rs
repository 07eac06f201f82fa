//! `body-complex.json`: `legacy/routes/complex.js`. Most scenarios are a
//! pair: the GET's model is asserted, then sent back with the PUT, which the
//! server accepts only when it equals what it expects (a round trip through
//! the generated models: read-only properties stripped, discriminators kept).

use arm_autorest::body_complex::clients::BodyComplexClient;
use serde_json::json;

use crate::support::{Ctx, Gap, assert_decode_error, model, scenarios, status};

fn client(ctx: &Ctx) -> BodyComplexClient {
    BodyComplexClient::new(ctx.credential(), Some(ctx.options())).expect("a client")
}

/// The model of a success that has a body (`nulls: tolerated` makes every
/// result an `Option`: `None` is an empty or `null` body).
#[track_caller]
fn present<T: armgen_runtime::__private::serde::de::DeserializeOwned>(
    result: azure_core::Result<azure_core::http::Response<Option<T>>>,
) -> T {
    model(result).expect("a body, not null")
}

/// The JSON a model serializes to.
fn json_of<T: armgen_runtime::__private::serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect("the model serializes")
}

scenarios! {
    ["getComplexPrimitiveInteger", "putComplexPrimitiveInteger"] async fn primitive_int(ctx) {
        let client = client(&ctx).primitive();
        let value = present(client.get_int(None).await);
        assert_eq!(json_of(&value), json!({"field1": -1, "field2": 2}));
        assert_eq!(status(client.put_int(&value, None).await), 200);
    }
    ["getComplexPrimitiveLong", "putComplexPrimitiveLong"] async fn primitive_long(ctx) {
        let client = client(&ctx).primitive();
        let value = present(client.get_long(None).await);
        assert_eq!(json_of(&value), json!({"field1": 1099511627775_i64, "field2": -999511627788_i64}));
        assert_eq!(status(client.put_long(&value, None).await), 200);
    }
    ["getComplexPrimitiveFloat", "putComplexPrimitiveFloat"] async fn primitive_float(ctx) {
        let client = client(&ctx).primitive();
        let value = present(client.get_float(None).await);
        assert_eq!(status(client.put_float(&value, None).await), 200);
    }
    ["getComplexPrimitiveDouble", "putComplexPrimitiveDouble"] async fn primitive_double(ctx) {
        let client = client(&ctx).primitive();
        let value = present(client.get_double(None).await);
        // Sent back exactly as received: the server checks every digit.
        assert_eq!(status(client.put_double(&value, None).await), 200);
    }
    ["getComplexPrimitiveBool", "putComplexPrimitiveBool"] async fn primitive_bool(ctx) {
        let client = client(&ctx).primitive();
        let value = present(client.get_bool(None).await);
        assert_eq!(json_of(&value), json!({"field_true": true, "field_false": false}));
        assert_eq!(status(client.put_bool(&value, None).await), 200);
    }
    ["getComplexPrimitiveString", "putComplexPrimitiveString"] async fn primitive_string(ctx) {
        let client = client(&ctx).primitive();
        let value = present(client.get_string(None).await);
        assert_eq!(json_of(&value), json!({"field": "goodrequest", "empty": ""}));
        assert_eq!(status(client.put_string(&value, None).await), 200);
    }
    ["getComplexPrimitiveDate", "putComplexPrimitiveDate"] async fn primitive_date(ctx) {
        let client = client(&ctx).primitive();
        let value = present(client.get_date(None).await);
        assert_eq!(json_of(&value), json!({"field": "0001-01-01", "leap": "2016-02-29"}));
        assert_eq!(status(client.put_date(&value, None).await), 200);
    }
    ["getComplexPrimitiveDateTime", "putComplexPrimitiveDateTime"] async fn primitive_date_time(ctx) {
        let client = client(&ctx).primitive();
        let value = present(client.get_date_time(None).await);
        assert_eq!(json_of(&value), json!({"field": "0001-01-01T00:00:00Z", "now": "2015-05-18T18:38:00Z"}));
        assert_eq!(status(client.put_date_time(&value, None).await), 200);
    }
    ["getComplexPrimitiveDateTimeRfc1123", "putComplexPrimitiveDateTimeRfc1123"] async fn primitive_date_time_rfc1123(ctx) {
        let client = client(&ctx).primitive();
        let value = present(client.get_date_time_rfc1123(None).await);
        assert_eq!(json_of(&value), json!({"field": "Mon, 01 Jan 0001 00:00:00 GMT", "now": "Mon, 18 May 2015 11:38:00 GMT"}));
        assert_eq!(status(client.put_date_time_rfc1123(&value, None).await), 200);
    }
    ["getComplexPrimitiveDuration", "putComplexPrimitiveDuration"] async fn primitive_duration(ctx) {
        let client = client(&ctx).primitive();
        let value = present(client.get_duration(None).await);
        assert_eq!(json_of(&value), json!({"field": "P123DT22H14M12.011S"}));
        assert_eq!(status(client.put_duration(&value, None).await), 200);
    }
    ["getComplexPrimitiveByte", "putComplexPrimitiveByte"] async fn primitive_byte(ctx) {
        let client = client(&ctx).primitive();
        let value = present(client.get_byte(None).await);
        assert_eq!(status(client.put_byte(&value, None).await), 200);
    }
    ["getComplexBasicValid"] async fn basic_get_valid(ctx) {
        let value = present(client(&ctx).basic().get_valid(None).await);
        assert_eq!(json_of(&value), json!({"id": 2, "name": "abc", "color": "YELLOW"}));
    }
    ["putComplexBasicValid"] async fn basic_put_valid(ctx) {
        let body = serde_json::from_value(json!({"id": 2, "name": "abc", "color": "Magenta"})).unwrap();
        assert_eq!(status(client(&ctx).basic().put_valid(&body, None).await), 200);
    }
    ["getComplexBasicEmpty"] async fn basic_get_empty(ctx) {
        assert_eq!(json_of(&model(client(&ctx).basic().get_empty(None).await)), json!({}));
    }
    ["getComplexBasicNull"] async fn basic_get_null(ctx) {
        assert_eq!(json_of(&model(client(&ctx).basic().get_null(None).await)), json!({}));
    }
    ["getComplexBasicInvalid"] async fn basic_get_invalid(ctx) {
        assert_decode_error(client(&ctx).basic().get_invalid(None).await);
    }
    ["getComplexArrayEmpty", "putComplexArrayEmpty"] async fn array_empty(ctx) {
        let client = client(&ctx).array();
        let value = present(client.get_empty(None).await);
        assert_eq!(json_of(&value), json!({"array": []}));
        assert_eq!(status(client.put_empty(&value, None).await), 200);
    }
    ["getComplexArrayNotProvided"] async fn array_not_provided(ctx) {
        assert_eq!(json_of(&model(client(&ctx).array().get_not_provided(None).await)), json!({}));
    }
    ["getComplexDictionaryEmpty", "putComplexDictionaryEmpty"] async fn dictionary_empty(ctx) {
        let client = client(&ctx).dictionary();
        let value = present(client.get_empty(None).await);
        assert_eq!(json_of(&value), json!({"defaultProgram": {}}));
        assert_eq!(status(client.put_empty(&value, None).await), 200);
    }
    ["getComplexDictionaryNull"] async fn dictionary_null(ctx) {
        assert_eq!(json_of(&model(client(&ctx).dictionary().get_null(None).await)), json!({}));
    }
    ["getComplexInheritanceValid", "putComplexInheritanceValid"] async fn inheritance(ctx) {
        let client = client(&ctx).inheritance();
        let value = present(client.get_valid(None).await);
        assert_eq!(json_of(&value)["breed"], json!("persian"));
        assert_eq!(status(client.put_valid(&value, None).await), 200);
    }
    ["getComplexPolymorphismValid", "putComplexPolymorphismValid"] async fn polymorphism(ctx) {
        let client = client(&ctx).polymorphism();
        let value = present(client.get_valid(None).await);
        assert_eq!(json_of(&value)["fishtype"], json!("salmon"));
        assert_eq!(status(client.put_valid(&value, None).await), 200);
    }
    ["getComplexPolymorphicRecursiveValid", "putComplexPolymorphicRecursiveValid"] async fn polymorphic_recursive(ctx) {
        let client = client(&ctx).polymorphicrecursive();
        let value = present(client.get_valid(None).await);
        assert_eq!(json_of(&value)["fishtype"], json!("salmon"));
        assert_eq!(status(client.put_valid(&value, None).await), 200);
    }
    ["getComplexPolymorphismDotSyntax"] async fn polymorphism_dot_syntax(ctx) {
        let value = present(client(&ctx).polymorphism().get_dot_syntax(None).await);
        assert_eq!(json_of(&value)["fish.type"], json!("DotSalmon"));
    }
    ["getComposedWithDiscriminator"] async fn composed_with_discriminator(ctx) {
        // Polymorphic fields and items decode by their `fish.type`; the
        // `DotSalmon` fields (a concrete type) read the same objects.
        let value = json_of(&model(client(&ctx).polymorphism().get_composed_with_discriminator(None).await));
        assert_eq!(value["sampleFish"], json!({"fish.type": "DotSalmon", "location": "australia", "iswild": false, "species": "king"}));
        assert_eq!(value["fishes"][1], json!({"fish.type": "DotSalmon", "location": "canada", "iswild": true, "species": "king"}));
        assert_eq!(value["sampleSalmon"]["location"], json!("sweden"));
        assert_eq!(value["salmons"][1]["location"], json!("atlantic"));
    }
    ["putComplexPolymorphismNoDiscriminator"] async fn polymorphism_child_body(ctx) {
        // A body declared as `Salmon`, a child of `Fish`: it writes its own
        // `fishtype`; the answer leaves it out, and decodes all the same.
        let sent = json!({
            "fishtype": "salmon", "location": "alaska", "iswild": true, "species": "king", "length": 1.0,
            "siblings": [
                {"fishtype": "shark", "age": 6, "birthday": "2012-01-05T01:00:00Z", "length": 20.0, "species": "predator"},
                {"fishtype": "sawshark", "age": 105, "birthday": "1900-01-05T01:00:00Z", "length": 10.0, "picture": "//////4=", "species": "dangerous"},
                {"fishtype": "goblin", "age": 1, "birthday": "2015-08-08T00:00:00Z", "length": 30.0, "species": "scary", "jawsize": 5, "color": "pinkish-gray"}
            ]
        });
        let body: arm_autorest::body_complex::models::Salmon = serde_json::from_value(sent.clone()).unwrap();
        assert_eq!(json_of(&body), sent);
        let reply = json_of(&model(client(&ctx).polymorphism().put_missing_discriminator(&body, None).await));
        assert_eq!(reply["location"], json!("alaska"));
        assert_eq!(reply["siblings"][2]["fishtype"], json!("goblin"));
    }
    ["getComplexReadOnlyPropertyValid", "putComplexReadOnlyPropertyValid"] async fn readonly_property(ctx) {
        let client = client(&ctx).readonlyproperty();
        let value = present(client.get_valid(None).await);
        assert_eq!(json_of(&value)["size"], json!(2));
        // The read-only `id` is kept in the model and never sent back.
        assert_eq!(status(client.put_valid(&value, None).await), 200);
    }
    // Generated with `nulls: tolerated` (autorest/build.rs): the server
    // sends nulls the spec does not declare, which AutoRest's clients read
    // as null.
    ["getComplexBasicNotProvided"] async fn basic_not_provided(ctx) {
        assert!(model(client(&ctx).basic().get_not_provided(None).await).is_none());
    }
    ["getComplexDictionaryNotProvided"] async fn dictionary_not_provided(ctx) {
        // `{}`: the model, without its dictionary (the route's name is all
        // that is "not provided").
        assert_eq!(json_of(&model(client(&ctx).dictionary().get_not_provided(None).await)), json!({}));
    }
    ["getComplexArrayValid", "putComplexArrayValid"] async fn array_valid(ctx) {
        let client = client(&ctx).array();
        let value = present(client.get_valid(None).await);
        let expected = json!({"array": ["1, 2, 3, 4", "", null, "&S#$(*Y", "The quick brown fox jumps over the lazy dog"]});
        assert_eq!(json_of(&value), expected);
        assert_eq!(status(client.put_valid(&value, None).await), 200);
    }
    ["getComplexDictionaryValid", "putComplexDictionaryValid"] async fn dictionary_valid(ctx) {
        let client = client(&ctx).dictionary();
        let value = present(client.get_valid(None).await);
        let expected = json!({"defaultProgram": {"txt": "notepad", "bmp": "mspaint", "xls": "excel", "exe": "", "": null}});
        assert_eq!(json_of(&value), expected);
        assert_eq!(status(client.put_valid(&value, None).await), 200);
    }
}

/// Not called: AutoRest expects what armgen's types cannot give.
pub const GAPS: &[Gap] = &[
    Gap {
        scenarios: &["getComplexPolymorphismComplicated", "putComplexPolymorphismComplicated"],
        reason: "a response declared as a concrete type (`Salmon`) that carries a more derived kind (`smart_salmon`): armgen decodes the plain struct, dropping the discriminator and the derived properties, so the PUT back is not what the server sent",
    },
    Gap {
        scenarios: &["getComposedWithoutDiscriminator"],
        reason: "polymorphic fields (`DotFish`) without their `fish.type`: armgen's union decodes by the discriminator only, so the body is a decoding error; AutoRest falls back to the declared base type",
    },
];

//! Free-form JSON and other value shapes: `any-type.json`
//! (`dist/test-routes/any-type.js`), `object-type.json`
//! (`legacy/routes/objectType.js`), `non-string-enum.json`
//! (`legacy/routes/nonStringEnums.js`) and `multiple-inheritance.json`
//! (`legacy/routes/multipleInheritance.js`). A schema with no properties is
//! `serde_json::Value` (whatever JSON the service sends, kept whole); an
//! integer or number enum is the number; a model with several `allOf`
//! parents has every parent's properties.

use arm_autorest::any_type::clients::{AnyTypeClient, AnyTypeOperationsClient};
use arm_autorest::multiple_inheritance::clients::{
    MultipleInheritanceClient, MultipleInheritanceOperationsClient,
};
use arm_autorest::multiple_inheritance::models::{Cat, Feline, Horse, Kitten, Pet};
use arm_autorest::non_string_enum::clients::{
    NonStringEnumClient, NonStringEnumFloatClientPutOptions, NonStringEnumIntClientPutOptions,
};
use arm_autorest::object_type::clients::{ObjectTypeClient, ObjectTypeOperationsClient};
use serde_json::json;

use crate::support::{Ctx, Gap, assert_status_error, body, model, scenarios, status};

fn any(ctx: &Ctx) -> AnyTypeOperationsClient {
    AnyTypeClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .operations()
}

fn object(ctx: &Ctx) -> ObjectTypeOperationsClient {
    ObjectTypeClient::new(ctx.credential(), Some(ctx.options_without_retries()))
        .expect("a client")
        .operations()
}

fn enums(ctx: &Ctx) -> NonStringEnumClient {
    NonStringEnumClient::new(ctx.credential(), Some(ctx.options())).expect("a client")
}

fn inheritance(ctx: &Ctx) -> MultipleInheritanceOperationsClient {
    MultipleInheritanceClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .operations()
}

scenarios! {
    ["GetStringAsAnything"] async fn get_string_as_anything(ctx) {
        assert_eq!(model(any(&ctx).get_string(None).await), json!("anything"));
    }
    ["PutStringAsAnything"] async fn put_string_as_anything(ctx) {
        assert_eq!(status(any(&ctx).put_string(&json!("anything"), None).await), 200);
    }
    ["GetObjectAsAnything"] async fn get_object_as_anything(ctx) {
        let value = model(any(&ctx).get_object(None).await);
        assert_eq!(value, json!({"message": "An object was successfully returned"}));
    }
    ["PutObjectAsAnything"] async fn put_object_as_anything(ctx) {
        assert_eq!(status(any(&ctx).put_object(&json!({"foo": "bar"}), None).await), 200);
    }
    ["GetArrayAsAnything"] async fn get_array_as_anything(ctx) {
        assert_eq!(model(any(&ctx).get_array(None).await), json!(["foo", "bar"]));
    }
    ["PutArrayAsAnything"] async fn put_array_as_anything(ctx) {
        assert_eq!(status(any(&ctx).put_array(&json!(["foo", "bar"]), None).await), 200);
    }

    // `Object` is `type: object, properties: {}`: free-form, its members kept.
    ["ObjectTypeResponse"] async fn object_type_response(ctx) {
        let value = model(object(&ctx).get(None).await);
        assert_eq!(value, json!({"message": "An object was successfully returned"}));
    }
    ["ObjectTypePut"] async fn object_type_put(ctx) {
        assert_eq!(status(object(&ctx).put(&json!({"foo": "bar"}), None).await), 200);
    }
    ["ObjectTypeErrorResponse"] async fn object_type_error_response(ctx) {
        let error = assert_status_error(object(&ctx).put(&json!({"should": "fail"}), None).await, 400);
        assert!(format!("{error:?}").contains("The object you passed was incorrect"), "{error:?}");
    }

    ["NonStringEnumsGetInt"] async fn non_string_enum_get_int(ctx) {
        assert_eq!(model(enums(&ctx).int().get(None).await), 429);
    }
    ["NonStringEnumsPostInt"] async fn non_string_enum_put_int(ctx) {
        let options = NonStringEnumIntClientPutOptions { input: Some(200), ..Default::default() };
        let reply = model(enums(&ctx).int().put(Some(options)).await);
        assert_eq!(reply, "Nice job posting an int enum");
    }
    ["NonStringEnumsGetFloat"] async fn non_string_enum_get_float(ctx) {
        assert_eq!(model(enums(&ctx).float().get(None).await), 429.1);
    }
    ["NonStringEnumsPostFloat"] async fn non_string_enum_put_float(ctx) {
        let options = NonStringEnumFloatClientPutOptions { input: Some(200.4), ..Default::default() };
        let reply = model(enums(&ctx).float().put(Some(options)).await);
        assert_eq!(reply, "Nice job posting a float enum");
    }

    ["MultipleInheritancePetGet"] async fn pet_get(ctx) {
        assert_eq!(model(inheritance(&ctx).get_pet(None).await), body::<Pet>(json!({"name": "Peanut"})));
    }
    ["MultipleInheritancePetPut"] async fn pet_put(ctx) {
        let pet: Pet = body(json!({"name": "Butter"}));
        assert_eq!(model(inheritance(&ctx).put_pet(&pet, None).await), "Pet was correct!");
    }
    ["MultipleInheritanceHorseGet"] async fn horse_get(ctx) {
        let expected: Horse = body(json!({"name": "Fred", "isAShowHorse": true}));
        assert_eq!(model(inheritance(&ctx).get_horse(None).await), expected);
    }
    ["MultipleInheritanceHorsePut"] async fn horse_put(ctx) {
        let horse: Horse = body(json!({"name": "General", "isAShowHorse": false}));
        assert_eq!(model(inheritance(&ctx).put_horse(&horse, None).await), "Horse was correct!");
    }
    ["MultipleInheritanceFelineGet"] async fn feline_get(ctx) {
        let expected: Feline = body(json!({"meows": true, "hisses": true}));
        assert_eq!(model(inheritance(&ctx).get_feline(None).await), expected);
    }
    ["MultipleInheritanceFelinePut"] async fn feline_put(ctx) {
        let feline: Feline = body(json!({"meows": false, "hisses": true}));
        assert_eq!(model(inheritance(&ctx).put_feline(&feline, None).await), "Feline was correct!");
    }
    // `Cat` is a `Pet` and a `Feline`: both parents' properties.
    ["MultipleInheritanceCatGet"] async fn cat_get(ctx) {
        let cat = model(inheritance(&ctx).get_cat(None).await);
        assert_eq!((cat.name.as_str(), cat.likes_milk, cat.meows, cat.hisses), ("Whiskers", Some(true), Some(true), Some(true)));
    }
    ["MultipleInheritanceCatPut"] async fn cat_put(ctx) {
        let cat: Cat = body(json!({"name": "Boots", "likesMilk": false, "meows": true, "hisses": false}));
        assert_eq!(model(inheritance(&ctx).put_cat(&cat, None).await), "Cat was correct!");
    }
    ["MultipleInheritanceKittenGet"] async fn kitten_get(ctx) {
        let kitten = model(inheritance(&ctx).get_kitten(None).await);
        let expected: Kitten = body(json!({"name": "Gatito", "likesMilk": true, "meows": true, "hisses": true, "eatsMiceYet": false}));
        assert_eq!(kitten, expected);
        assert_eq!(kitten.eats_mice_yet, Some(false));
    }
    ["MultipleInheritanceKittenPut"] async fn kitten_put(ctx) {
        let kitten: Kitten = body(json!({"name": "Kitty", "likesMilk": false, "meows": true, "hisses": false, "eatsMiceYet": true}));
        assert_eq!(model(inheritance(&ctx).put_kitten(&kitten, None).await), "Kitten was correct!");
    }
}

/// Every scenario of these swaggers is called.
pub const GAPS: &[Gap] = &[];

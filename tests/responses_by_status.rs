//! The snapshot's `responses` and `nullable` services (generator/tests/
//! fixtures/responses, fixtures/nullable), compiled and decoding: success
//! bodies of different types per status as the enum's variants, `Option`
//! results reading `None` from a missing body, `x-nullable` items, and the
//! dynamic decoder serializing the enum as the body alone; and the
//! `additional` service's maps of undeclared members; the `polymorphic`
//! service's children writing their discriminator.

include!("../generator/tests/snapshots/mod.rs");

use arm_bindings::runtime::{HttpResponse, ResponseError};
use responses::models::{Created, Thing};
use responses::things::GetResponse;

#[test]
fn each_success_status_decodes_as_its_own_variant() {
    let ok = responses::things::get_response(&HttpResponse::new(200, r#"{"name":"a"}"#));
    assert_eq!(
        ok,
        Ok(GetResponse::Status200(Thing {
            name: Some("a".to_owned())
        }))
    );
    let created = responses::things::get_response(&HttpResponse::new(201, r#"{"id":"b"}"#));
    assert_eq!(
        created,
        Ok(GetResponse::Status201(Created {
            id: Some("b".to_owned())
        }))
    );
    let empty = responses::things::get_response(&HttpResponse::new(204, ""));
    assert_eq!(empty, Ok(GetResponse::Status204));
}

#[test]
fn other_statuses_and_bodies_of_the_wrong_type_are_errors() {
    let error = responses::things::get_response(&HttpResponse::new(400, r#"{"message":"no"}"#))
        .unwrap_err();
    assert_eq!(
        error.service_error().and_then(|e| e.message.as_deref()),
        Some("no")
    );
    let error = responses::things::get_response(&HttpResponse::new(201, "[1]")).unwrap_err();
    assert!(
        matches!(error, ResponseError::Decode { status: 201, .. }),
        "{error:?}"
    );
}

#[test]
fn the_dynamic_decoder_gives_the_body_of_the_variant() {
    let value =
        responses::dynamic::decode_response("Things_Get", &HttpResponse::new(201, r#"{"id":"b"}"#))
            .unwrap();
    assert_eq!(value, serde_json::json!({"id": "b"}));
    let value =
        responses::dynamic::decode_response("Things_Get", &HttpResponse::new(204, "")).unwrap();
    assert_eq!(value, serde_json::Value::Null);
}

#[test]
fn an_optional_result_is_none_without_a_body() {
    let none = responses::things::put_response(&HttpResponse::new(204, ""));
    assert_eq!(none, Ok(None));
    let some = responses::things::put_response(&HttpResponse::new(200, r#"{"name":"a"}"#));
    assert_eq!(
        some,
        Ok(Some(Thing {
            name: Some("a".to_owned())
        }))
    );
}

#[test]
fn a_nullable_body_is_none_when_null_or_empty_and_nullable_items_keep_their_nulls() {
    for body in ["", "null"] {
        let count = nullable::things::get_count_response(&HttpResponse::new(200, body));
        assert_eq!(count, Ok(None), "{body:?}");
    }
    let count = nullable::things::get_count_response(&HttpResponse::new(200, "3"));
    assert_eq!(count, Ok(Some(3)));
    let names = nullable::things::list_names_response(&HttpResponse::new(200, r#"["a",null,"b"]"#));
    assert_eq!(
        names,
        Ok(vec![Some("a".to_owned()), None, Some("b".to_owned())])
    );
    // Items that are not `x-nullable` stay required.
    let thing: Result<nullable::models::Thing, _> = serde_json::from_str(r#"{"plain":["a",null]}"#);
    assert!(thing.is_err());
    let thing: nullable::models::Thing =
        serde_json::from_str(r#"{"parts":[{"name":"p"},null],"labels":{"k":null}}"#).unwrap();
    assert_eq!(thing.parts.as_ref().map(Vec::len), Some(2));
    assert_eq!(thing.labels.unwrap().get("k"), Some(&None));
}

#[test]
fn undeclared_members_round_trip_through_the_additional_properties_map() {
    let json =
        serde_json::json!({"id": 1, "friendly": true, "birthdate": "2017", "nested": {"a": [1]}});
    let cat: additional::models::Cat = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(cat.id, 1);
    assert_eq!(cat.friendly, Some(true));
    assert_eq!(cat.additional_properties.len(), 2);
    assert_eq!(
        cat.additional_properties["nested"],
        serde_json::json!({"a": [1]})
    );
    assert_eq!(serde_json::to_value(&cat).unwrap(), json);
}

#[test]
fn constrained_values_of_the_additional_properties_map_are_checked() {
    use arm_bindings::runtime::Validate as _;
    let json = serde_json::json!({"additionalProperties": "own", "x": {"text": "long"}});
    let labelled: additional::models::Labelled = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(labelled.additional_properties.as_deref(), Some("own"));
    let errors = labelled.validate_as("labelled").unwrap_err().to_string();
    assert!(errors.contains("labelled.x.text"), "{errors}");
    assert_eq!(serde_json::to_value(&labelled).unwrap(), json);
}

#[test]
fn a_polymorphic_child_writes_its_discriminator_and_decodes_without_it() {
    let salmon: polymorphic::models::Salmon =
        serde_json::from_value(serde_json::json!({"location": "alaska", "length": 1.5})).unwrap();
    assert_eq!(
        serde_json::to_value(&salmon).unwrap(),
        serde_json::json!({"fishtype": "salmon", "location": "alaska", "length": 1.5})
    );
    // Through the parent: the same JSON, the tag once.
    let fish = polymorphic::models::Fish::Salmon(salmon);
    assert_eq!(
        serde_json::to_value(&fish).unwrap(),
        serde_json::json!({"fishtype": "salmon", "location": "alaska", "length": 1.5})
    );
    let back: polymorphic::models::Fish =
        serde_json::from_value(serde_json::json!({"fishtype": "Shark", "age": 3})).unwrap();
    assert_eq!(back.tag(), "Shark");
}

/// A `HEAD` that declares 404 answers whether the thing exists (ARM's
/// `CheckExistence`): `true` for its success, `false` for the 404, any other
/// status its error; one that does not declare 404 keeps reading it as an
/// error.
#[test]
fn a_head_that_declares_404_answers_whether_the_thing_exists() {
    assert_eq!(
        responses::things::exists_response(&HttpResponse::new(204, "")),
        Ok(true)
    );
    assert_eq!(
        responses::things::exists_response(&HttpResponse::new(404, "")),
        Ok(false)
    );
    let error =
        responses::things::exists_response(&HttpResponse::new(500, r#"{"message":"down"}"#))
            .unwrap_err();
    assert_eq!(error.status(), 500);
    assert_eq!(
        error.service_error().and_then(|e| e.message.as_deref()),
        Some("down")
    );
    let error = responses::things::touch_response(&HttpResponse::new(404, "")).unwrap_err();
    assert_eq!(error.status(), 404);
}

/// The client's method returns the answer as the response's model, over
/// HTTPS; the dynamic decoder gives it as a JSON boolean.
#[tokio::test]
async fn the_exists_method_reads_true_or_false() {
    use armgen_emulator::scripted::{Reply, ScriptedServer};
    let server = ScriptedServer::start().await.unwrap();
    server.reply(Reply::new(204));
    server.reply(Reply::new(404));
    let client = responses::clients::ResponsesClient::new(
        arm_bindings::runtime::StaticTokenCredential::new("token"),
        Some(responses::clients::ResponsesClientOptions {
            client_options: server.client_options(),
            endpoint: Some(server.endpoint_url()),
            ..Default::default()
        }),
    )
    .unwrap();
    let things = client.things();
    let found = things.exists("a", None).await.unwrap();
    assert_eq!(u16::from(found.status()), 204);
    assert!(found.into_model().unwrap());
    let missing = things.exists("b", None).await.unwrap();
    assert_eq!(u16::from(missing.status()), 404);
    assert!(!missing.into_model().unwrap());
    let requests = server.requests();
    assert_eq!(requests[0].method, "HEAD");
    assert_eq!(requests[1].target, "/things/b");
    let value =
        responses::dynamic::decode_response("Things_Exists", &HttpResponse::new(404, "")).unwrap();
    assert_eq!(value, serde_json::Value::Bool(false));
}

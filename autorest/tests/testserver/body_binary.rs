//! `body-binary.json`, `body-file.json`, `body-formdata*.json` and
//! `reserved-words.json`: `dist/test-routes/binary-files.js`,
//! `legacy/routes/files.js`, `dist/test-routes/formdata.js` and others.
//! Bodies of bytes (`format: binary`, `format: file`, `type: file`) are sent
//! and read as they are; an error status of such an operation still decodes
//! as its declared error model. Form parameters (`in: formData`) make a
//! URL-encoded body, or a `multipart/form-data` one when a field is a file.

use arm_autorest::body_binary::clients::BodyBinaryClient;
use arm_autorest::body_binary::models::Error as BinaryError;
use arm_autorest::body_file::clients::{BodyFileClient, BodyFileFilesClient};
use arm_autorest::body_formdata::clients::BodyFormdataClient;
use arm_autorest::body_formdata_urlencoded::clients::{
    BodyFormdataUrlencodedClient, BodyFormdataUrlencodedFormdataurlencodedClient,
    BodyFormdataUrlencodedFormdataurlencodedClientUpdatePetWithFormOptions as PetOptions,
};
use arm_autorest::body_formdata_urlencoded::models::{PetFood, PetType};
use armgen_runtime::ResponseError;

use crate::support::{Ctx, Gap, assert_status_error, success_body, scenarios, status};

fn urlencoded(ctx: &Ctx) -> BodyFormdataUrlencodedFormdataurlencodedClient {
    BodyFormdataUrlencodedClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .formdataurlencoded()
}

fn files(ctx: &Ctx) -> BodyFileFilesClient {
    BodyFileClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .files()
}

scenarios! {
    ["BodyBinaryFile"] async fn upload_json_file(ctx) {
        // `format: file` sent as `application/json`: the bytes are the JSON
        // text, as the caller gives it; the server checks the content type
        // and `{"more": "cowbell"}`.
        let client = BodyBinaryClient::new(ctx.credential(), Some(ctx.options())).expect("a client");
        assert_eq!(status(client.upload().file(br#"{"more": "cowbell"}"#, None).await), 200);
    }
    ["BodyBinaryOctet"] async fn upload_octet_stream(ctx) {
        // The server checks `application/octet-stream` and a body.
        let client = BodyBinaryClient::new(ctx.credential(), Some(ctx.options())).expect("a client");
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(status(client.upload().binary(&bytes, None).await), 200);
    }
    ["BodyBinaryError"] async fn download_error_decodes_the_error_model(ctx) {
        // A `type: file` success, but a 400 with `{status, message}`: the
        // declared `Error` model, reachable from the error.
        let client = BodyBinaryClient::new(ctx.credential(), Some(ctx.options_without_retries())).expect("a client");
        let error = assert_status_error(client.download().error_stream(None).await, 400);
        let typed = error
            .downcast_ref::<ResponseError<BinaryError>>()
            .and_then(ResponseError::service_error)
            .unwrap_or_else(|| panic!("expected the typed error, got: {error:?}"));
        assert_eq!(typed.status, Some(400));
        assert_eq!(typed.message.as_deref(), Some("I failed on purpose"));
    }
    ["FileStreamNonempty"] async fn get_file_is_the_sample_png(ctx) {
        // The server sends `legacy/routes/sample.png`: the bytes must be it.
        let expected = std::fs::read(
            std::path::Path::new(arm_autorest::TESTSERVER_DIR).join("legacy/routes/sample.png"),
        )
        .expect("the package's sample.png");
        let bytes = success_body(files(&ctx).get_file(None).await);
        assert!(!bytes.is_empty());
        assert_eq!(bytes, expected);
    }
    ["FileStreamEmpty"] async fn get_empty_file_is_no_bytes(ctx) {
        assert_eq!(success_body(files(&ctx).get_empty_file(None).await), Vec::<u8>::new());
    }
    ["StreamUploadFile"] async fn upload_file_via_body_echoes_it(ctx) {
        // `PUT` of bytes as `application/octet-stream`; the server answers
        // with them as a file.
        let client = BodyFormdataClient::new(ctx.credential(), Some(ctx.options())).expect("a client");
        let sent = b"Test file content \x00\xff".to_vec();
        let text = String::from_utf8_lossy(&sent).into_owned();
        let echoed = success_body(client.formdata().upload_file_via_body(&sent, None).await);
        assert_eq!(echoed, text.as_bytes());
    }
    ["FormdataStreamUploadFile"] async fn upload_file_as_multipart_echoes_it(ctx) {
        // A file and a text field as `multipart/form-data`; the server
        // (busboy) parses the parts and answers with the file's bytes.
        let client = BodyFormdataClient::new(ctx.credential(), Some(ctx.options())).expect("a client");
        let sent = b"Test file content\r\n--not-a-boundary\r\n".to_vec();
        let echoed = success_body(client.formdata().upload_file(&sent, "UploadFile.txt", None).await);
        assert_eq!(echoed, sent);
    }
    // `application/x-www-form-urlencoded`: the server checks every field
    // (`pet_age` as text) and the content type.
    ["UpdatePetWithForm"] async fn update_pet_with_form(ctx) {
        let options = PetOptions { name: Some("Fido".to_owned()), ..Default::default() };
        let result = urlencoded(&ctx).update_pet_with_form(1, 42, &PetFood::Meat, &PetType::Dog, Some(options)).await;
        assert_eq!(status(result), 200);
    }
    ["UrlEncodedDataWithPartialConstantBody"] async fn partial_constant_body(ctx) {
        // `grant_type` has one allowed value: the request sends it itself.
        let result = urlencoded(&ctx).partial_constant_body("foo", "bar", None).await;
        assert_eq!(status(result), 200);
    }
}

/// Not called, with the reason.
pub const GAPS: &[Gap] = &[
    Gap {
        scenarios: &["FileStreamVeryLarge"],
        reason: "a 3000 MiB file: armgen reads a body whole, under `ArmClientOptions::max_response_body` (64 MiB by default), and has no streaming download yet, so the call would fail with `ResponseTooLarge`; AutoRest's suites stream it and count the bytes. Not called (the server writes the whole file at once)",
    },
];

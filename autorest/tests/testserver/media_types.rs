//! `media_types.json`: `legacy/routes/mediatypes.js` and
//! `dist/test-routes/media-types.js`. A body of bytes is sent as it is in
//! any of the operation's media types, a string body as `text/plain` or
//! JSON; when an operation consumes several, the caller chooses with the
//! operation's `*ContentType` enum. `text/plain` success bodies read as
//! text.

use arm_autorest::media_types::clients::{
    MediaTypesClient, MediaTypesOperationsClient, MediaTypesOperationsClientAnalyzeBodyNoAcceptHeaderOptions,
    MediaTypesOperationsClientAnalyzeBodyOptions,
};
use arm_autorest::media_types::clients::MediaTypesOperationsClientContentTypeWithEncodingOptions;
use arm_autorest::media_types::models::SourcePath;
use arm_autorest::media_types::operations::{
    BinaryBodyWithThreeContentTypesContentType as Three,
    BinaryBodyWithTwoContentTypesContentType as Two,
};
use serde_json::json;

use crate::support::{Ctx, Gap, success_body, model, scenarios, status};

fn client(ctx: &Ctx) -> MediaTypesOperationsClient {
    MediaTypesClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .operations()
}

fn source() -> Option<SourcePath> {
    Some(SourcePath { source: Some("https://example.org/document.pdf".to_owned()) })
}

scenarios! {
    ["MediaTypeJson"] async fn analyze_body_json(ctx) {
        let options = MediaTypesOperationsClientAnalyzeBodyOptions { input: source(), ..Default::default() };
        assert_eq!(model(client(&ctx).analyze_body(Some(options)).await), "Nice job with JSON");
    }
    ["MediaTypesAnalyzeBodyNoAcceptHeader"] async fn analyze_body_no_accept_header_json(ctx) {
        let options = MediaTypesOperationsClientAnalyzeBodyNoAcceptHeaderOptions { input: source(), ..Default::default() };
        assert_eq!(status(client(&ctx).analyze_body_no_accept_header(Some(options)).await), 202);
    }
    // The server checks `Content-Type: text/plain; charset=UTF-8` exactly,
    // as the spec writes it, and answers a JSON string.
    ["MediaTypeWithEncoding"] async fn content_type_with_encoding(ctx) {
        let options = MediaTypesOperationsClientContentTypeWithEncodingOptions {
            input: Some("input".to_owned()),
            ..Default::default()
        };
        assert_eq!(
            model(client(&ctx).content_type_with_encoding(Some(options)).await),
            "Nice job sending content type with encoding"
        );
    }
    // Bytes as JSON (the server checks `{"hello": "world"}`) and as
    // `application/octet-stream` (a body); the `text/plain` answer is empty.
    ["MediaTypesTwoContentTypes"] async fn binary_body_with_two_content_types(ctx) {
        let json = success_body(client(&ctx).binary_body_with_two_content_types(br#"{"hello": "world"}"#, Two::ApplicationJson, None).await);
        assert_eq!(json, "");
        let octets = client(&ctx).binary_body_with_two_content_types(b"hello, world", Two::ApplicationOctetStream, None).await;
        assert_eq!(status(octets), 200);
    }
    ["MediaTypesThreeContentTypes"] async fn binary_body_with_three_content_types(ctx) {
        let c = client(&ctx);
        assert_eq!(status(c.binary_body_with_three_content_types(br#"{"hello": "world"}"#, Three::ApplicationJson, None).await), 200);
        assert_eq!(status(c.binary_body_with_three_content_types(b"\x00\x01hello", Three::ApplicationOctetStream, None).await), 200);
        // The server checks the text `hello, world` as sent.
        assert_eq!(success_body(c.binary_body_with_three_content_types(b"hello, world", Three::TextPlain, None).await), "");
    }
    // A body of any JSON: sent as JSON (the server checks
    // `{"hello": "world"}`).
    ["MediaTypesThreeBodyTypes"] async fn body_three_types_json(ctx) {
        assert_eq!(success_body(client(&ctx).body_three_types(&json!({"hello": "world"}), None).await), "");
    }
}

/// Not called, with the reason.
pub const GAPS: &[Gap] = &[Gap {
    scenarios: &["MediaTypePdf"],
    reason: "a body that is a model (`SourcePath`) in JSON or bytes (`application/pdf`, images): armgen sends a model as JSON only, and offers no second method that takes bytes for the other media types",
}];

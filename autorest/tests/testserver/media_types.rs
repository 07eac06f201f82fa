//! `media_types.json`: `legacy/routes/mediatypes.js` and
//! `dist/test-routes/media-types.js`. armgen sends JSON bodies only: the
//! operations whose scenarios expect another content type (a PDF, bytes,
//! `text/plain`) are not called.

use arm_autorest::media_types::clients::{
    MediaTypesClient, MediaTypesOperationsClient, MediaTypesOperationsClientAnalyzeBodyNoAcceptHeaderOptions,
    MediaTypesOperationsClientAnalyzeBodyOptions,
};
use arm_autorest::media_types::models::SourcePath;

use crate::support::{Ctx, Gap, model, scenarios, status};

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
}

/// Not called, with the reason.
pub const GAPS: &[Gap] = &[Gap {
    scenarios: &[
        "MediaTypePdf",
        "MediaTypeWithEncoding",
        "MediaTypesTwoContentTypes",
        "MediaTypesThreeContentTypes",
        "MediaTypesThreeBodyTypes",
    ],
    reason: "bodies that are not JSON (`application/pdf`, `application/octet-stream`, `text/plain`): armgen sends and reads only JSON bodies; an operation whose body or success response allows no JSON type is left out with a located warning, and one that also allows JSON is sent JSON",
}];

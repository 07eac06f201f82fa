//! `head.json` and `head-exceptions.json`: `dist/test-routes/http-responses.js`.

use arm_autorest::head::clients::HeadClient;
use arm_autorest::head_exceptions::clients::HeadExceptionsClient;

use crate::support::{Gap, assert_status_error, scenarios, status};

/// `head.json` declares 404 beside each success: its `HEAD`s answer whether
/// the resource exists (`true`, or `false` for the 404), as AutoRest's
/// clients return a boolean.
async fn exists(
    call: impl std::future::Future<Output = azure_core::Result<azure_core::http::Response<bool>>>,
    status: u16,
) -> bool {
    let response = call.await.expect("a success or a 404");
    assert_eq!(u16::from(response.status()), status);
    response.into_model().expect("true or false")
}

scenarios! {
    ["HttpSuccess200Head"] async fn head200(ctx) {
        let client = HeadClient::new(ctx.credential(), Some(ctx.options())).unwrap();
        assert!(exists(client.http_success().head200(None), 200).await);
    }
    ["HttpSuccess204Head"] async fn head204(ctx) {
        let client = HeadClient::new(ctx.credential(), Some(ctx.options())).unwrap();
        assert!(exists(client.http_success().head204(None), 204).await);
    }
    ["HttpSuccess404Head"] async fn head404(ctx) {
        let client = HeadClient::new(ctx.credential(), Some(ctx.options())).unwrap();
        assert!(!exists(client.http_success().head404(None), 404).await);
    }
    ["HttpSuccess200Head"] async fn head_exceptions200(ctx) {
        let client = HeadExceptionsClient::new(ctx.credential(), Some(ctx.options())).unwrap();
        assert_eq!(status(client.head_exception().head200(None).await), 200);
    }
    ["HttpSuccess204Head"] async fn head_exceptions204(ctx) {
        let client = HeadExceptionsClient::new(ctx.credential(), Some(ctx.options())).unwrap();
        assert_eq!(status(client.head_exception().head204(None).await), 204);
    }
    ["HttpSuccess404Head"] async fn head_exceptions404(ctx) {
        // head-exceptions.json declares only 200 and 204: a 404 is an error.
        let client = HeadExceptionsClient::new(ctx.credential(), Some(ctx.options())).unwrap();
        assert_status_error(client.head_exception().head404(None).await, 404);
    }
}

/// Every scenario of these swaggers is called.
pub const GAPS: &[Gap] = &[];

//! `lro.json`: `legacy/routes/lros.js`. Each operation is started and
//! polled to its end; the final value, or the error of a failed, canceled
//! or malformed operation, is asserted as AutoRest's LRO tests do.

use arm_autorest::lro::clients::LroClient;
use arm_autorest::lro::models::Product;

use crate::support::{Ctx, Gap, finish, scenarios};

fn client(ctx: &Ctx) -> LroClient {
    LroClient::new(ctx.credential(), Some(ctx.options())).expect("a client")
}

fn state(product: &Product) -> Option<&str> {
    product.properties.as_ref()?.provisioning_state.as_deref()
}

#[track_caller]
fn succeeded(product: &Product) {
    assert_eq!(state(product), Some("Succeeded"), "{product:?}");
}

/// A failed, canceled or broken operation: an error, whatever its kind.
#[track_caller]
fn failed<T: std::fmt::Debug>(result: azure_core::Result<T>) -> azure_core::Error {
    match result {
        Ok(value) => panic!("expected the operation to fail, got {value:?}"),
        Err(error) => error,
    }
}

scenarios! {
    ["LROPutInlineComplete"] async fn put200_succeeded(ctx) {
        let product = finish(client(&ctx).lr_os().put200_succeeded(None)).await.unwrap();
        succeeded(&product.expect("a product"));
    }
    ["LROPutInlineComplete201"] async fn put201_succeeded(ctx) {
        succeeded(&finish(client(&ctx).lr_os().put201_succeeded(None)).await.unwrap());
    }
    ["LROPut200InlineCompleteNoState"] async fn put200_succeeded_no_state(ctx) {
        let product = finish(client(&ctx).lr_os().put200_succeeded_no_state(None)).await.unwrap();
        assert_eq!(product.id.as_deref(), Some("100"));
        assert_eq!(state(&product), None);
    }
    ["LROPutAsyncRetrySucceeded"] async fn put_async_retry_succeeded(ctx) {
        succeeded(&finish(client(&ctx).lr_os().put_async_retry_succeeded(None)).await.unwrap());
    }
    ["LROPutAsyncNoRetrySucceeded"] async fn put_async_no_retry_succeeded(ctx) {
        succeeded(&finish(client(&ctx).lr_os().put_async_no_retry_succeeded(None)).await.unwrap());
    }
    ["LROPutAsyncRetryFailed"] async fn put_async_retry_failed(ctx) {
        failed(finish(client(&ctx).lr_os().put_async_retry_failed(None)).await);
    }
    ["LROPutAsyncNoRetryCanceled"] async fn put_async_no_retrycanceled(ctx) {
        failed(finish(client(&ctx).lr_os().put_async_no_retrycanceled(None)).await);
    }
    // Polled through `Location`: the 200 ends the operation and its body,
    // whatever its provisioning state, is the result (as AutoRest asserts).
    ["LRODeleteProvisioningFailed"] async fn delete_provisioning202_deleting_failed200(ctx) {
        let product = finish(client(&ctx).lr_os().delete_provisioning202_deleting_failed200(None)).await.unwrap();
        assert_eq!(state(&product), Some("Failed"));
    }
    ["LRODeleteProvisioningCanceled"] async fn delete_provisioning202_deletingcanceled200(ctx) {
        let product = finish(client(&ctx).lr_os().delete_provisioning202_deletingcanceled200(None)).await.unwrap();
        assert_eq!(state(&product), Some("Canceled"));
    }
    ["LRODeleteProvisioningSucceededWithBody"] async fn delete_provisioning202_accepted200_succeeded(ctx) {
        succeeded(&finish(client(&ctx).lr_os().delete_provisioning202_accepted200_succeeded(None)).await.unwrap());
    }
    ["LRODeleteInlineComplete"] async fn delete204_succeeded(ctx) {
        finish(client(&ctx).lr_os().delete204_succeeded(None)).await.unwrap();
    }
    ["LRODeleteNoHeaderInRetry"] async fn delete_no_header_in_retry(ctx) {
        finish(client(&ctx).lr_os().delete_no_header_in_retry(None)).await.unwrap();
    }
    ["LRODeleteAsyncRetryFailed"] async fn delete_async_retry_failed(ctx) {
        failed(finish(client(&ctx).lr_os().delete_async_retry_failed(None)).await);
    }
    ["LRODeleteAsyncRetryCanceled"] async fn delete_async_retrycanceled(ctx) {
        failed(finish(client(&ctx).lr_os().delete_async_retrycanceled(None)).await);
    }
    ["LROPost200"] async fn post200_with_payload(ctx) {
        let sku = finish(client(&ctx).lr_os().post200_with_payload(None)).await.unwrap();
        assert_eq!(sku.id.as_deref(), Some("1"));
    }
    ["LROPostAsyncRetrySucceeded"] async fn post_async_retry_succeeded(ctx) {
        let product = finish(client(&ctx).lr_os().post_async_retry_succeeded(None)).await.unwrap();
        succeeded(&product.expect("a product"));
    }
    ["LROPostAsyncNoRetrySucceeded"] async fn post_async_no_retry_succeeded(ctx) {
        let product = finish(client(&ctx).lr_os().post_async_no_retry_succeeded(None)).await.unwrap();
        succeeded(&product.expect("a product"));
    }
    ["LROPostAsyncRetryFailed"] async fn post_async_retry_failed(ctx) {
        failed(finish(client(&ctx).lr_os().post_async_retry_failed(None)).await);
    }
    ["LROPostAsyncRetryCanceled"] async fn post_async_retrycanceled(ctx) {
        failed(finish(client(&ctx).lr_os().post_async_retrycanceled(None)).await);
    }
    ["LROPostAndGetList"] async fn post202_list(ctx) {
        let list = finish(client(&ctx).lr_os().post202_list(None)).await.unwrap().expect("a list");
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].id.as_deref(), Some("100"));
    }
    ["LROPatch201WithAsyncHeader"] async fn patch201_retry_with_async_header(ctx) {
        succeeded(&finish(client(&ctx).lr_os().patch201_retry_with_async_header(None)).await.unwrap());
    }
    ["LROPatch202WithAsyncAndLocationHeader"] async fn patch202_retry_with_async_and_location_header(ctx) {
        succeeded(&finish(client(&ctx).lr_os().patch202_retry_with_async_and_location_header(None)).await.unwrap());
    }
    // Retries: the server answers 500 once, then the scenario goes on.
    ["LRORetryErrorPutAsyncSucceeded", "LRORetryErrorPutAsyncSucceededPolling"] async fn retry_put_async_relative_retry_succeeded(ctx) {
        succeeded(&finish(client(&ctx).lro_retrys().put_async_relative_retry_succeeded(None)).await.unwrap());
    }
    ["LRORetryErrorDelete202Accepted200Succeeded"] async fn retry_delete_provisioning202_accepted200_succeeded(ctx) {
        succeeded(&finish(client(&ctx).lro_retrys().delete_provisioning202_accepted200_succeeded(None)).await.unwrap());
    }
    // Errors: the initial request or a poll fails, or the server's answer
    // is malformed; the client must report an error, not a result.
    ["LRONonRetryPut400"] async fn sad_put_non_retry400(ctx) {
        failed(finish(client(&ctx).lrosa_ds().put_non_retry400(None)).await);
    }
    ["LRONonRetryPutAsyncRetry400"] async fn sad_put_async_relative_retry400(ctx) {
        failed(finish(client(&ctx).lrosa_ds().put_async_relative_retry400(None)).await);
    }
    ["LRONonRetryDelete400"] async fn sad_delete_non_retry400(ctx) {
        failed(finish(client(&ctx).lrosa_ds().delete_non_retry400(None)).await);
    }
    ["LRONonRetryDelete202Retry400"] async fn sad_delete202_non_retry400(ctx) {
        failed(finish(client(&ctx).lrosa_ds().delete202_non_retry400(None)).await);
    }
    ["LRONonRetryDeleteAsyncRetry400"] async fn sad_delete_async_relative_retry400(ctx) {
        failed(finish(client(&ctx).lrosa_ds().delete_async_relative_retry400(None)).await);
    }
    ["LRONonRetryPost400"] async fn sad_post_non_retry400(ctx) {
        failed(finish(client(&ctx).lrosa_ds().post_non_retry400(None)).await);
    }
    ["LRONonRetryPost202Retry400"] async fn sad_post202_non_retry400(ctx) {
        failed(finish(client(&ctx).lrosa_ds().post202_non_retry400(None)).await);
    }
    ["LRONonRetryPostAsyncRetry400"] async fn sad_post_async_relative_retry400(ctx) {
        failed(finish(client(&ctx).lrosa_ds().post_async_relative_retry400(None)).await);
    }
    ["LROErrorPut201NoProvisioningStatePayload"] async fn sad_put_error201_no_provisioning_state_payload(ctx) {
        failed(finish(client(&ctx).lrosa_ds().put_error201_no_provisioning_state_payload(None)).await);
    }
    ["LROErrorPutAsyncNoPollingStatus"] async fn sad_put_async_relative_retry_no_status(ctx) {
        failed(finish(client(&ctx).lrosa_ds().put_async_relative_retry_no_status(None)).await);
    }
    ["LROErrorPutAsyncNoPollingStatusPayload"] async fn sad_put_async_relative_retry_no_status_payload(ctx) {
        failed(finish(client(&ctx).lrosa_ds().put_async_relative_retry_no_status_payload(None)).await);
    }
    ["LROErrorPut200InvalidJson"] async fn sad_put200_invalid_json(ctx) {
        failed(finish(client(&ctx).lrosa_ds().put200_invalid_json(None)).await);
    }
    ["LROErrorPutAsyncInvalidHeader"] async fn sad_put_async_relative_retry_invalid_header(ctx) {
        failed(finish(client(&ctx).lrosa_ds().put_async_relative_retry_invalid_header(None)).await);
    }
    ["LROErrorPutAsyncInvalidJsonPolling"] async fn sad_put_async_relative_retry_invalid_json_polling(ctx) {
        failed(finish(client(&ctx).lrosa_ds().put_async_relative_retry_invalid_json_polling(None)).await);
    }
    ["LROErrorDelete202RetryInvalidHeader"] async fn sad_delete202_retry_invalid_header(ctx) {
        failed(finish(client(&ctx).lrosa_ds().delete202_retry_invalid_header(None)).await);
    }
    ["LROErrorDeleteAsyncInvalidHeader"] async fn sad_delete_async_relative_retry_invalid_header(ctx) {
        failed(finish(client(&ctx).lrosa_ds().delete_async_relative_retry_invalid_header(None)).await);
    }
    ["LROErrorDeleteAsyncInvalidJsonPolling"] async fn sad_delete_async_relative_retry_invalid_json_polling(ctx) {
        failed(finish(client(&ctx).lrosa_ds().delete_async_relative_retry_invalid_json_polling(None)).await);
    }
    ["LROErrorDeleteAsyncNoPollingStatus"] async fn sad_delete_async_relative_retry_no_status(ctx) {
        failed(finish(client(&ctx).lrosa_ds().delete_async_relative_retry_no_status(None)).await);
    }
    ["LROErrorDeleteNoLocation"] async fn sad_delete204_succeeded(ctx) {
        // The swagger names it `delete204Succeeded`: a 204 needs no polling.
        finish(client(&ctx).lrosa_ds().delete204_succeeded(None)).await.unwrap();
    }
    ["LROErrorPost202RetryInvalidHeader"] async fn sad_post202_retry_invalid_header(ctx) {
        failed(finish(client(&ctx).lrosa_ds().post202_retry_invalid_header(None)).await);
    }
    ["LROErrorPostAsyncInvalidHeader"] async fn sad_post_async_relative_retry_invalid_header(ctx) {
        failed(finish(client(&ctx).lrosa_ds().post_async_relative_retry_invalid_header(None)).await);
    }
    ["LROErrorPostAsyncInvalidJsonPolling"] async fn sad_post_async_relative_retry_invalid_json_polling(ctx) {
        failed(finish(client(&ctx).lrosa_ds().post_async_relative_retry_invalid_json_polling(None)).await);
    }
    ["LROErrorPostAsyncNoPollingPayload"] async fn sad_post_async_relative_retry_no_payload(ctx) {
        failed(finish(client(&ctx).lrosa_ds().post_async_relative_retry_no_payload(None)).await);
    }
}

/// Not called: armgen's poller does not do what these scenarios (and
/// AutoRest) expect yet. Found by running them; each reason is what armgen
/// did.
pub const GAPS: &[Gap] = &[
    Gap {
        scenarios: &[
            "LROPutSucceededWithBody",
            "LROPutSucceededNoBody",
            "LROPutFailed",
            "LROPutCanceled",
            "LRORetryPutSucceededWithBody",
            "LRONonRetryPut201Creating400",
            "LRONonRetryPut201Creating400InvalidJson",
        ],
        reason: "a PUT answered 200/201 with a non-terminal provisioningState and no polling header: armgen returns that body at once; ARM and AutoRest poll the resource URL until the state is terminal (and fail on Failed/Canceled or an error)",
    },
    Gap {
        scenarios: &[
            "LROPut202Retry200",
            "LROPutNoHeaderInRetry",
            "LROPutNonResourceInRetry",
            "LROPutSubResourceInRetry",
            "LRODeleteAsyncNoHeaderInRetry",
        ],
        reason: "polled through Location: armgen ends with a GET of the original URL (or of a URL the server does not serve) and gets 404; AutoRest takes the result from the polling URL",
    },
    Gap {
        scenarios: &[
            "LROPutAsyncNoHeaderInRetry",
            "LROPutNonResourceAsyncInRetry",
            "LROPutSubResourceAsyncInRetry",
            "LRODeleteAsyncRetrySucceeded",
            "LRODeleteAsyncNoRetrySucceeded",
            "LRODelete200",
            "LRODelete204",
            "LROPostSuccededWithBody",
            "LROPostSuccededNoBody",
            "LROPostDoubleHeadersFinalLocationGet",
            "LROPostDoubleHeadersFinalAzureHeaderGet",
            "LROPostDoubleHeadersFinalAzureHeaderGetDefault",
            "LRORetryErrorDelete202Retry200Succeeded",
            "LRORetryErrorDeleteAsyncRetrySucceeded",
            "LRORetryErrorPost202Retry200Succeeded",
            "LRORetryErrorPostAsyncRetrySucceeded",
        ],
        reason: "the operation's last response (a 200 or 204 of the polling or final URL, or an empty 200) is decoded against the initial request's declared statuses and model and refused (unrecognized status or empty body)",
    },
    Gap {
        scenarios: &["LROPatchInlineCompleteIgnoreHeaders"],
        reason: "a 200 ends the operation, but armgen follows its Azure-AsyncOperation header anyway (and refuses its other origin)",
    },
    Gap {
        scenarios: &["LROErrorPostNoLocation"],
        reason: "a 202 without any polling header: armgen ends the operation with success and no result; AutoRest reports an error",
    },
    Gap {
        scenarios: &[
            "CustomHeaderPutAsyncSucceded",
            "CustomHeaderPostAsyncSucceded",
            "CustomHeaderPutSucceeded",
            "CustomHeaderPostSucceeded",
        ],
        reason: "need a custom `x-ms-client-request-id` sent on every request of the operation, polls included: no test yet",
    },
];

//! `lro.json`: `legacy/routes/lros.js`. Each operation is started and
//! polled to its end; the final value, or the error of a failed, canceled
//! or malformed operation, is asserted as AutoRest's LRO tests do.

use arm_autorest::lro::clients::LroClient;
use arm_autorest::lro::models::Product;

use arm_autorest::lro::clients::*;
use armgen_runtime::PollerMethodOptions;

use crate::support::{Ctx, Gap, fast_polling, finish, finish_empty, scenarios};

/// Options that poll without waiting: the server's scenarios send no
/// `Retry-After`, and the default 5 s between polls would make the run slow.
trait Fast {
    fn fast() -> Self;
}

impl Fast for PollerMethodOptions<'static> {
    fn fast() -> Self {
        Self {
            method_options: fast_polling(),
        }
    }
}

/// `Fast` for the options structs of operations with optional parameters.
macro_rules! fast {
    ($($options:ident),* $(,)?) => {
        $(impl Fast for $options<'static> {
            fn fast() -> Self {
                Self { method_options: fast_polling(), ..Default::default() }
            }
        })*
    };
}

fast!(
    LroLrosaDsClientPutAsyncRelativeRetryInvalidJsonPollingOptions,
    LroLrosaDsClientPostAsyncRelativeRetryInvalidJsonPollingOptions,
    LroLrOsClientPatch200SucceededIgnoreHeadersOptions,
    LroLrOsClientPatch201RetryWithAsyncHeaderOptions,
    LroLrOsClientPatch202RetryWithAsyncAndLocationHeaderOptions,
    LroLrOsClientPost202NoRetry204Options,
    LroLrOsClientPost202Retry200Options,
    LroLrOsClientPostAsyncNoRetrySucceededOptions,
    LroLrOsClientPostAsyncRetryFailedOptions,
    LroLrOsClientPostAsyncRetrySucceededOptions,
    LroLrOsClientPostAsyncRetrycanceledOptions,
    LroLrOsClientPut200Acceptedcanceled200Options,
    LroLrOsClientPut200SucceededNoStateOptions,
    LroLrOsClientPut200SucceededOptions,
    LroLrOsClientPut200UpdatingSucceeded204Options,
    LroLrOsClientPut201CreatingFailed200Options,
    LroLrOsClientPut201CreatingSucceeded200Options,
    LroLrOsClientPut201SucceededOptions,
    LroLrOsClientPut202Retry200Options,
    LroLrOsClientPutAsyncNoHeaderInRetryOptions,
    LroLrOsClientPutAsyncNoRetrySucceededOptions,
    LroLrOsClientPutAsyncNoRetrycanceledOptions,
    LroLrOsClientPutAsyncNonResourceOptions,
    LroLrOsClientPutAsyncRetryFailedOptions,
    LroLrOsClientPutAsyncRetrySucceededOptions,
    LroLrOsClientPutAsyncSubResourceOptions,
    LroLrOsClientPutNoHeaderInRetryOptions,
    LroLrOsClientPutNonResourceOptions,
    LroLrOsClientPutSubResourceOptions,
    LroLrOsCustomHeaderClientPost202Retry200Options,
    LroLrOsCustomHeaderClientPostAsyncRetrySucceededOptions,
    LroLrOsCustomHeaderClientPut201CreatingSucceeded200Options,
    LroLrOsCustomHeaderClientPutAsyncRetrySucceededOptions,
    LroLroRetrysClientPost202Retry200Options,
    LroLroRetrysClientPostAsyncRelativeRetrySucceededOptions,
    LroLroRetrysClientPut201CreatingSucceeded200Options,
    LroLroRetrysClientPutAsyncRelativeRetrySucceededOptions,
    LroLrosaDsClientPost202NoLocationOptions,
    LroLrosaDsClientPost202NonRetry400Options,
    LroLrosaDsClientPost202RetryInvalidHeaderOptions,
    LroLrosaDsClientPostAsyncRelativeRetry400Options,
    LroLrosaDsClientPostAsyncRelativeRetryInvalidHeaderOptions,
    LroLrosaDsClientPostAsyncRelativeRetryNoPayloadOptions,
    LroLrosaDsClientPostNonRetry400Options,
    LroLrosaDsClientPut200InvalidJsonOptions,
    LroLrosaDsClientPutAsyncRelativeRetry400Options,
    LroLrosaDsClientPutAsyncRelativeRetryInvalidHeaderOptions,
    LroLrosaDsClientPutAsyncRelativeRetryNoStatusOptions,
    LroLrosaDsClientPutAsyncRelativeRetryNoStatusPayloadOptions,
    LroLrosaDsClientPutError201NoProvisioningStatePayloadOptions,
    LroLrosaDsClientPutNonRetry201Creating400InvalidJsonOptions,
    LroLrosaDsClientPutNonRetry201Creating400Options,
    LroLrosaDsClientPutNonRetry400Options,
);


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
        let product = finish(client(&ctx).lr_os().begin_put200_succeeded(Some(Fast::fast()))).await.unwrap();
        succeeded(&product);
    }
    ["LROPutInlineComplete201"] async fn put201_succeeded(ctx) {
        succeeded(&finish(client(&ctx).lr_os().begin_put201_succeeded(Some(Fast::fast()))).await.unwrap());
    }
    ["LROPut200InlineCompleteNoState"] async fn put200_succeeded_no_state(ctx) {
        let product = finish(client(&ctx).lr_os().begin_put200_succeeded_no_state(Some(Fast::fast()))).await.unwrap();
        assert_eq!(product.id.as_deref(), Some("100"));
        assert_eq!(state(&product), None);
    }
    ["LROPutAsyncRetrySucceeded"] async fn put_async_retry_succeeded(ctx) {
        succeeded(&finish(client(&ctx).lr_os().begin_put_async_retry_succeeded(Some(Fast::fast()))).await.unwrap());
    }
    ["LROPutAsyncNoRetrySucceeded"] async fn put_async_no_retry_succeeded(ctx) {
        succeeded(&finish(client(&ctx).lr_os().begin_put_async_no_retry_succeeded(Some(Fast::fast()))).await.unwrap());
    }
    ["LROPutAsyncRetryFailed"] async fn put_async_retry_failed(ctx) {
        failed(finish(client(&ctx).lr_os().begin_put_async_retry_failed(Some(Fast::fast()))).await);
    }
    ["LROPutAsyncNoRetryCanceled"] async fn put_async_no_retrycanceled(ctx) {
        failed(finish(client(&ctx).lr_os().begin_put_async_no_retrycanceled(Some(Fast::fast()))).await);
    }
    // Polled through `Location`: the 200 ends the operation and its body,
    // whatever its provisioning state, is the result (as AutoRest asserts).
    ["LRODeleteProvisioningFailed"] async fn delete_provisioning202_deleting_failed200(ctx) {
        let product = finish(client(&ctx).lr_os().begin_delete_provisioning202_deleting_failed200(Some(Fast::fast()))).await.unwrap();
        assert_eq!(state(&product), Some("Failed"));
    }
    ["LRODeleteProvisioningCanceled"] async fn delete_provisioning202_deletingcanceled200(ctx) {
        let product = finish(client(&ctx).lr_os().begin_delete_provisioning202_deletingcanceled200(Some(Fast::fast()))).await.unwrap();
        assert_eq!(state(&product), Some("Canceled"));
    }
    ["LRODeleteProvisioningSucceededWithBody"] async fn delete_provisioning202_accepted200_succeeded(ctx) {
        succeeded(&finish(client(&ctx).lr_os().begin_delete_provisioning202_accepted200_succeeded(Some(Fast::fast()))).await.unwrap());
    }
    ["LRODeleteInlineComplete"] async fn delete204_succeeded(ctx) {
        finish_empty(client(&ctx).lr_os().begin_delete204_succeeded(Some(Fast::fast()))).await.unwrap();
    }
    ["LRODeleteNoHeaderInRetry"] async fn delete_no_header_in_retry(ctx) {
        finish_empty(client(&ctx).lr_os().begin_delete_no_header_in_retry(Some(Fast::fast()))).await.unwrap();
    }
    ["LRODeleteAsyncRetryFailed"] async fn delete_async_retry_failed(ctx) {
        failed(finish_empty(client(&ctx).lr_os().begin_delete_async_retry_failed(Some(Fast::fast()))).await);
    }
    ["LRODeleteAsyncRetryCanceled"] async fn delete_async_retrycanceled(ctx) {
        failed(finish_empty(client(&ctx).lr_os().begin_delete_async_retrycanceled(Some(Fast::fast()))).await);
    }
    ["LROPost200"] async fn post200_with_payload(ctx) {
        let sku = finish(client(&ctx).lr_os().begin_post200_with_payload(Some(Fast::fast()))).await.unwrap();
        assert_eq!(sku.id.as_deref(), Some("1"));
    }
    ["LROPostAsyncRetrySucceeded"] async fn post_async_retry_succeeded(ctx) {
        let product = finish(client(&ctx).lr_os().begin_post_async_retry_succeeded(Some(Fast::fast()))).await.unwrap();
        succeeded(&product);
    }
    ["LROPostAsyncNoRetrySucceeded"] async fn post_async_no_retry_succeeded(ctx) {
        let product = finish(client(&ctx).lr_os().begin_post_async_no_retry_succeeded(Some(Fast::fast()))).await.unwrap();
        succeeded(&product);
    }
    ["LROPostAsyncRetryFailed"] async fn post_async_retry_failed(ctx) {
        failed(finish_empty(client(&ctx).lr_os().begin_post_async_retry_failed(Some(Fast::fast()))).await);
    }
    ["LROPostAsyncRetryCanceled"] async fn post_async_retrycanceled(ctx) {
        failed(finish_empty(client(&ctx).lr_os().begin_post_async_retrycanceled(Some(Fast::fast()))).await);
    }
    ["LROPostAndGetList"] async fn post202_list(ctx) {
        let list = finish(client(&ctx).lr_os().begin_post202_list(Some(Fast::fast()))).await.unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].id.as_deref(), Some("100"));
    }
    ["LROPatch201WithAsyncHeader"] async fn patch201_retry_with_async_header(ctx) {
        succeeded(&finish(client(&ctx).lr_os().begin_patch201_retry_with_async_header(Some(Fast::fast()))).await.unwrap());
    }
    ["LROPatch202WithAsyncAndLocationHeader"] async fn patch202_retry_with_async_and_location_header(ctx) {
        succeeded(&finish(client(&ctx).lr_os().begin_patch202_retry_with_async_and_location_header(Some(Fast::fast()))).await.unwrap());
    }
    // Retries: the server answers 500 once, then the scenario goes on.
    ["LRORetryErrorPutAsyncSucceeded", "LRORetryErrorPutAsyncSucceededPolling"] async fn retry_put_async_relative_retry_succeeded(ctx) {
        succeeded(&finish(client(&ctx).lro_retrys().begin_put_async_relative_retry_succeeded(Some(Fast::fast()))).await.unwrap());
    }
    ["LRORetryErrorDelete202Accepted200Succeeded"] async fn retry_delete_provisioning202_accepted200_succeeded(ctx) {
        succeeded(&finish(client(&ctx).lro_retrys().begin_delete_provisioning202_accepted200_succeeded(Some(Fast::fast()))).await.unwrap());
    }
    // Errors: the initial request or a poll fails, or the server's answer
    // is malformed; the client must report an error, not a result.
    ["LRONonRetryPut400"] async fn sad_put_non_retry400(ctx) {
        failed(finish(client(&ctx).lrosa_ds().begin_put_non_retry400(Some(Fast::fast()))).await);
    }
    ["LRONonRetryPutAsyncRetry400"] async fn sad_put_async_relative_retry400(ctx) {
        failed(finish(client(&ctx).lrosa_ds().begin_put_async_relative_retry400(Some(Fast::fast()))).await);
    }
    ["LRONonRetryDelete400"] async fn sad_delete_non_retry400(ctx) {
        failed(finish_empty(client(&ctx).lrosa_ds().begin_delete_non_retry400(Some(Fast::fast()))).await);
    }
    ["LRONonRetryDelete202Retry400"] async fn sad_delete202_non_retry400(ctx) {
        failed(finish_empty(client(&ctx).lrosa_ds().begin_delete202_non_retry400(Some(Fast::fast()))).await);
    }
    ["LRONonRetryDeleteAsyncRetry400"] async fn sad_delete_async_relative_retry400(ctx) {
        failed(finish_empty(client(&ctx).lrosa_ds().begin_delete_async_relative_retry400(Some(Fast::fast()))).await);
    }
    ["LRONonRetryPost400"] async fn sad_post_non_retry400(ctx) {
        failed(finish_empty(client(&ctx).lrosa_ds().begin_post_non_retry400(Some(Fast::fast()))).await);
    }
    ["LRONonRetryPost202Retry400"] async fn sad_post202_non_retry400(ctx) {
        failed(finish_empty(client(&ctx).lrosa_ds().begin_post202_non_retry400(Some(Fast::fast()))).await);
    }
    ["LRONonRetryPostAsyncRetry400"] async fn sad_post_async_relative_retry400(ctx) {
        failed(finish_empty(client(&ctx).lrosa_ds().begin_post_async_relative_retry400(Some(Fast::fast()))).await);
    }
    ["LROErrorPut201NoProvisioningStatePayload"] async fn sad_put_error201_no_provisioning_state_payload(ctx) {
        failed(finish(client(&ctx).lrosa_ds().begin_put_error201_no_provisioning_state_payload(Some(Fast::fast()))).await);
    }
    ["LROErrorPutAsyncNoPollingStatus"] async fn sad_put_async_relative_retry_no_status(ctx) {
        failed(finish(client(&ctx).lrosa_ds().begin_put_async_relative_retry_no_status(Some(Fast::fast()))).await);
    }
    ["LROErrorPutAsyncNoPollingStatusPayload"] async fn sad_put_async_relative_retry_no_status_payload(ctx) {
        failed(finish(client(&ctx).lrosa_ds().begin_put_async_relative_retry_no_status_payload(Some(Fast::fast()))).await);
    }
    ["LROErrorPut200InvalidJson"] async fn sad_put200_invalid_json(ctx) {
        failed(finish(client(&ctx).lrosa_ds().begin_put200_invalid_json(Some(Fast::fast()))).await);
    }
    ["LROErrorPutAsyncInvalidHeader"] async fn sad_put_async_relative_retry_invalid_header(ctx) {
        failed(finish(client(&ctx).lrosa_ds().begin_put_async_relative_retry_invalid_header(Some(Fast::fast()))).await);
    }
    ["LROErrorPutAsyncInvalidJsonPolling"] async fn sad_put_async_relative_retry_invalid_json_polling(ctx) {
        failed(finish(client(&ctx).lrosa_ds().begin_put_async_relative_retry_invalid_json_polling(Some(Fast::fast()))).await);
    }
    ["LROErrorDelete202RetryInvalidHeader"] async fn sad_delete202_retry_invalid_header(ctx) {
        failed(finish_empty(client(&ctx).lrosa_ds().begin_delete202_retry_invalid_header(Some(Fast::fast()))).await);
    }
    ["LROErrorDeleteAsyncInvalidHeader"] async fn sad_delete_async_relative_retry_invalid_header(ctx) {
        failed(finish_empty(client(&ctx).lrosa_ds().begin_delete_async_relative_retry_invalid_header(Some(Fast::fast()))).await);
    }
    ["LROErrorDeleteAsyncInvalidJsonPolling"] async fn sad_delete_async_relative_retry_invalid_json_polling(ctx) {
        failed(finish_empty(client(&ctx).lrosa_ds().begin_delete_async_relative_retry_invalid_json_polling(Some(Fast::fast()))).await);
    }
    ["LROErrorDeleteAsyncNoPollingStatus"] async fn sad_delete_async_relative_retry_no_status(ctx) {
        failed(finish_empty(client(&ctx).lrosa_ds().begin_delete_async_relative_retry_no_status(Some(Fast::fast()))).await);
    }
    ["LROErrorDeleteNoLocation"] async fn sad_delete204_succeeded(ctx) {
        // The swagger names it `delete204Succeeded`: a 204 needs no polling.
        finish_empty(client(&ctx).lrosa_ds().begin_delete204_succeeded(Some(Fast::fast()))).await.unwrap();
    }
    ["LROErrorPost202RetryInvalidHeader"] async fn sad_post202_retry_invalid_header(ctx) {
        failed(finish_empty(client(&ctx).lrosa_ds().begin_post202_retry_invalid_header(Some(Fast::fast()))).await);
    }
    ["LROErrorPostAsyncInvalidHeader"] async fn sad_post_async_relative_retry_invalid_header(ctx) {
        failed(finish_empty(client(&ctx).lrosa_ds().begin_post_async_relative_retry_invalid_header(Some(Fast::fast()))).await);
    }
    ["LROErrorPostAsyncInvalidJsonPolling"] async fn sad_post_async_relative_retry_invalid_json_polling(ctx) {
        failed(finish_empty(client(&ctx).lrosa_ds().begin_post_async_relative_retry_invalid_json_polling(Some(Fast::fast()))).await);
    }
    ["LROErrorPostAsyncNoPollingPayload"] async fn sad_post_async_relative_retry_no_payload(ctx) {
        failed(finish_empty(client(&ctx).lrosa_ds().begin_post_async_relative_retry_no_payload(Some(Fast::fast()))).await);
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

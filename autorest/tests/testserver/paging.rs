//! `paging.json`: `legacy/routes/paging.js`. Each pager is drained; the
//! items (count and ids) or the error are asserted as AutoRest's paging
//! tests do.

use arm_autorest::paging::clients::{PagingClient, PagingPagingClient};
use arm_autorest::paging::models::Product;
use futures::TryStreamExt as _;

use crate::support::{Ctx, Gap, scenarios};

fn client(ctx: &Ctx) -> PagingPagingClient {
    PagingClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .paging()
}

/// Every item of every page (a macro: the pager's page types differ).
macro_rules! all {
    ($pager:expr) => {
        async {
            let items: Vec<Product> = $pager?.try_collect().await?;
            azure_core::Result::Ok(items)
        }
    };
}

fn ids(items: &[Product]) -> Vec<i64> {
    items
        .iter()
        .map(|p| p.properties.as_ref().and_then(|p| p.id).unwrap_or(-1))
        .collect()
}

scenarios! {
    // The first page is empty and links to the next with an absolute path.
    ["PagingFirstResponseEmpty"] async fn first_response_empty(ctx) {
        assert_eq!(ids(&all!(client(&ctx).first_response_empty(None)).await.unwrap()), [1]);
    }
    ["PagingNoItemName"] async fn get_no_item_name_pages(ctx) {
        assert_eq!(ids(&all!(client(&ctx).get_no_item_name_pages(None)).await.unwrap()), [1]);
    }
    ["PagingNextLinkNameNull"] async fn get_null_next_link_name_pages(ctx) {
        assert_eq!(ids(&all!(client(&ctx).get_null_next_link_name_pages(None)).await.unwrap()), [1]);
    }
    ["PagingSingle"] async fn get_single_pages(ctx) {
        assert_eq!(ids(&all!(client(&ctx).get_single_pages(None)).await.unwrap()), [1]);
    }
    ["PagingMultiple"] async fn get_multiple_pages(ctx) {
        assert_eq!(all!(client(&ctx).get_multiple_pages(None)).await.unwrap().len(), 10);
    }
    ["PagingOdataMultiple"] async fn get_odata_multiple_pages(ctx) {
        assert_eq!(all!(client(&ctx).get_odata_multiple_pages(None)).await.unwrap().len(), 10);
    }
    ["PagingMultiplePath"] async fn get_multiple_pages_with_offset(ctx) {
        // A required group (`offset`) is an argument of its own type.
        let group = arm_autorest::paging::paging::PagingGetMultiplePagesWithOffsetOptions {
            offset: 100,
            maxresults: None,
            timeout: None,
        };
        let items = all!(client(&ctx).get_multiple_pages_with_offset(group, None)).await.unwrap();
        assert_eq!(items.len(), 10);
        assert_eq!(ids(&items).last(), Some(&110));
    }
    ["PagingMultipleRetryFirst"] async fn get_multiple_pages_retry_first(ctx) {
        assert_eq!(all!(client(&ctx).get_multiple_pages_retry_first(None)).await.unwrap().len(), 10);
    }
    ["PagingMultipleRetrySecond"] async fn get_multiple_pages_retry_second(ctx) {
        assert_eq!(all!(client(&ctx).get_multiple_pages_retry_second(None)).await.unwrap().len(), 10);
    }
    ["PagingSingleFailure"] async fn get_single_pages_failure(ctx) {
        let error = all!(client(&ctx).get_single_pages_failure(None)).await.unwrap_err();
        assert_eq!(error.http_status().map(u16::from), Some(400), "{error}");
    }
    ["PagingMultipleFailure"] async fn get_multiple_pages_failure(ctx) {
        let error = all!(client(&ctx).get_multiple_pages_failure(None)).await.unwrap_err();
        assert_eq!(error.http_status().map(u16::from), Some(400), "{error}");
    }
    ["PagingMultipleFailureUri"] async fn get_multiple_pages_failure_uri(ctx) {
        // The next link is `*&*#&$`: resolved against the endpoint, it names
        // no page, and the server's 404 is the error (as AutoRest's Python
        // test expects an HTTP error).
        let error = all!(client(&ctx).get_multiple_pages_failure_uri(None)).await.unwrap_err();
        assert!(
            matches!(error.kind(), azure_core::error::ErrorKind::HttpResponse { status, .. } if u16::from(*status) == 404),
            "{error:?}"
        );
    }
    ["PagingEmptyNextLink"] async fn get_empty_next_link_name_pages(ctx) {
        assert_eq!(ids(&all!(client(&ctx).get_empty_next_link_name_pages(None)).await.unwrap()), [1]);
    }
    ["PagingSingleWithBodyParams"] async fn get_single_pages_with_body_params(ctx) {
        let body = arm_autorest::paging::models::BodyParam { name: Some("body".to_owned()) };
        let pager = client(&ctx).get_single_pages_with_body_params(&body, None);
        assert_eq!(ids(&all!(pager).await.unwrap()), [1]);
    }
    ["PagingWithApiVersionAppend"] async fn append_api_version(ctx) {
        assert_eq!(ids(&all!(client(&ctx).append_api_version(None)).await.unwrap()), [1]);
    }
    ["PagingWithApiVersionReplace"] async fn replace_api_version(ctx) {
        assert_eq!(ids(&all!(client(&ctx).replace_api_version(None)).await.unwrap()), [1]);
    }
    // An operation under `x-ms-paths`, whose list model names its items
    // `indexes` (`x-ms-client-name`) while the wire says `values`.
    ["PagingReturnModelWithXMSClientName"] async fn item_name_with_x_ms_client_name(ctx) {
        let pager = client(&ctx).get_paging_model_with_item_name_with_xms_client_name(None);
        assert_eq!(ids(&all!(pager).await.unwrap()), [1]);
        let page = arm_autorest::paging::models::ProductResultValueWithXmsClientName::default();
        assert!(page.indexes.is_none());
    }
    // `x-ms-pageable.operationName`: the second page is asked for with
    // `nextOperationWithQueryParams` and the first call's `queryConstant`,
    // not by following the next link.
    ["PagingMultipleWithQueryParameters"] async fn next_operation_with_query_params(ctx) {
        let pager = client(&ctx).get_with_query_params(100, None);
        assert_eq!(ids(&all!(pager).await.unwrap()), [1, 2]);
    }
    // The next link (`next?page=2`) is the `{nextLink}` path parameter of
    // `Paging_nextFragment` (`x-ms-skip-url-encoding`): the link's path
    // joins the URL's path and its `?page=2` the query, beside the
    // operation's own `api_version`; ten pages, ids 1 to 10.
    ["PagingFragment"] async fn fragment_next_link(ctx) {
        let pager = client(&ctx).get_multiple_pages_fragment_next_link("test_user", "1.6", None);
        assert_eq!(ids(&all!(pager).await.unwrap()), (1..=10).collect::<Vec<_>>());
    }
    [] async fn fragment_next_link_with_grouping(ctx) {
        // The group's fields go to the next-page operation too.
        let group = arm_autorest::paging::paging::CustomParameterGroup {
            tenant: "test_user".to_owned(),
            api_version_2: "1.6".to_owned(),
        };
        let pager = client(&ctx).get_multiple_pages_fragment_with_grouping_next_link(group, None);
        assert_eq!(ids(&all!(pager).await.unwrap()), (1..=10).collect::<Vec<_>>());
    }
    // A long-running operation whose result is a list: the pager's first
    // page is the operation's result (polled for), then it follows next links.
    ["PagingMultipleLRO"] async fn multiple_pages_lro(ctx) {
        let options = arm_autorest::paging::clients::PagingPagingClientGetMultiplePagesLroOptions {
            method_options: crate::support::fast_polling(),
            ..Default::default()
        };
        let items = all!(client(&ctx).begin_get_multiple_pages_lro(Some(options))).await.unwrap();
        assert_eq!(items.len(), 10);
    }
    // `$maxpagesize` left out of the options is not sent.
    ["PagingDontSendMaxPageSize"] async fn page_with_max_page_size(ctx) {
        assert!(all!(client(&ctx).page_with_max_page_size(None)).await.unwrap().is_empty());
    }
    ["PagingDuplicateParameters"] async fn duplicate_params(ctx) {
        let options = arm_autorest::paging::clients::PagingPagingClientDuplicateParamsOptions {
            filter: Some("foo".to_owned()),
            ..Default::default()
        };
        assert_eq!(ids(&all!(client(&ctx).duplicate_params(Some(options))).await.unwrap()), [1]);
    }
}

/// Every scenario of these swaggers is called.
pub const GAPS: &[Gap] = &[];

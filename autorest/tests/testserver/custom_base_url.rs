//! `x-ms-parameterized-host`: `custom-baseUrl.json`,
//! `custom-baseUrl-more-options.json` (`legacy/routes/customUri.js`),
//! `custom-baseUrl-paging.json` (`legacy/routes/paging.js`) and
//! `lro-parameterized-endpoints.json` (`legacy/routes/lroParameterizedEndpoints.js`,
//! `dist/test-routes/lro/lro-parameterized-endpoints.js`). The clients take
//! the host parameters and build their endpoint from the template: the
//! options' endpoint (127.0.0.1) is replaced, and the requests reach the
//! server as `localhost:PORT`, as AutoRest's tests reach it (`"local"` and
//! `"host:3000"`).

use arm_autorest::custom_base_url::clients::CustomBaseUrlClient;
use arm_autorest::custom_base_url_more_options::clients::{
    CustomBaseUrlMoreOptionsClient, CustomBaseUrlMoreOptionsPathsClientGetEmptyOptions,
};
use arm_autorest::custom_base_url_paging::clients::CustomBaseUrlPagingClient;
use arm_autorest::custom_base_url_paging::models::Product;
use arm_autorest::lro_parameterized_endpoints::clients::LroParameterizedEndpointsClient;
use armgen_runtime::PollerMethodOptions;
use futures::TryStreamExt as _;

use crate::support::{Ctx, Gap, fast_polling, finish, scenarios, status};

fn lro(ctx: &Ctx) -> LroParameterizedEndpointsClient {
    LroParameterizedEndpointsClient::new("local", &ctx.host_parameter(), ctx.credential(), Some(ctx.options()))
        .expect("a client")
}

fn fast() -> Option<PollerMethodOptions<'static>> {
    Some(PollerMethodOptions { method_options: fast_polling() })
}

fn ids(items: &[Product]) -> Vec<i64> {
    items
        .iter()
        .map(|p| p.properties.as_ref().and_then(|p| p.id).unwrap_or(-1))
        .collect()
}

scenarios! {
    ["CustomBaseUri"] async fn custom_base_uri(ctx) {
        let client = CustomBaseUrlClient::new("local", &ctx.host_parameter(), ctx.credential(), Some(ctx.options()))
            .expect("a client");
        // The template, not the options' 127.0.0.1, names the endpoint.
        assert_eq!(client.endpoint().host_str(), Some("localhost"));
        assert_eq!(status(client.paths().get_empty(None).await), 200);
    }
    // `useSchemePrefix: false`: the first parameter brings the scheme.
    ["CustomBaseUriMoreOptions"] async fn custom_base_uri_more_options(ctx) {
        let client = CustomBaseUrlMoreOptionsClient::new(
            "https://lo",
            "cal",
            &ctx.host_parameter(),
            "test12",
            ctx.credential(),
            Some(ctx.options()),
        )
        .expect("a client");
        let options = CustomBaseUrlMoreOptionsPathsClientGetEmptyOptions {
            key_version: Some("v1".to_owned()),
            ..Default::default()
        };
        assert_eq!(status(client.paths().get_empty("key1", Some(options)).await), 200);
    }
    // The next link, an absolute path, is resolved against the endpoint the
    // template built.
    ["PagingCustomUrlPartialNextLink"] async fn paging_partial_next_link(ctx) {
        let client = CustomBaseUrlPagingClient::new("local", &ctx.host_parameter(), ctx.credential(), Some(ctx.options()))
            .expect("a client");
        let items: Vec<Product> = client.paging().get_pages_partial_url(None).unwrap().try_collect().await.unwrap();
        assert_eq!(ids(&items), [1, 2]);
    }
    // `x-ms-pageable.operationName`: the next link (`partialnextlinkop/page/2`)
    // is the `{nextLink}` of `Paging_getPagesPartialUrlOperationNext` (under
    // `x-ms-paths`), on the endpoint the template built.
    ["PagingCustomUrlPartialOperationNextLink"] async fn paging_partial_operation_next_link(ctx) {
        let client = CustomBaseUrlPagingClient::new("local", &ctx.host_parameter(), ctx.credential(), Some(ctx.options()))
            .expect("a client");
        let items: Vec<Product> = client.paging().get_pages_partial_url_operation(None).unwrap().try_collect().await.unwrap();
        assert_eq!(ids(&items), [1, 2]);
    }
    ["LROParameterizedEndpoint"] async fn lro_parameterized_endpoint(ctx) {
        let result = finish(lro(&ctx).operations().begin_poll_with_parameterized_endpoints(fast())).await.unwrap();
        assert_eq!(result, "success");
    }
    ["LROConstantParameterizedPost", "LROConstantParameterizedGet"] async fn lro_constant_parameterized(ctx) {
        let begin = lro(&ctx).operations().begin_poll_with_constant_parameterized_endpoints(fast());
        assert_eq!(finish(begin).await.unwrap(), "success");
    }
    // A template that does not make an https URL is the client's error,
    // before any request.
    [] async fn a_host_template_without_https_is_refused(ctx) {
        let error = CustomBaseUrlMoreOptionsClient::new("http://lo", "cal", &ctx.host_parameter(), "test12", ctx.credential(), Some(ctx.options()))
            .unwrap_err();
        assert!(error.to_string().contains("scheme is `http`"), "{error}");
    }
}

/// Not called: none at the moment.
pub const GAPS: &[Gap] = &[];

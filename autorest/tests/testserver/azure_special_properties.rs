//! `azure-special-properties.json`: `legacy/routes/azureSpecials.js`:
//! subscription ids and api-versions from the client, the method or the
//! swagger; `x-ms-skip-url-encoding`; OData query options; request-id
//! headers.

use arm_autorest::azure_special_properties::clients::{
    AzureSpecialPropertiesClient, AzureSpecialPropertiesOdataClientGetWithFilterOptions,
    AzureSpecialPropertiesXMsClientRequestIdClientGetOptions,
};
use azure_core::error::ErrorKind;
use azure_core::http::request::options::ClientRequestId;

use crate::support::{Ctx, Gap, assert_status_error, scenarios, status};

/// The subscription AutoRest's tests use.
const SUBSCRIPTION: &str = "1234-5678-9012-3456";
/// The request id the server expects.
const REQUEST_ID: &str = "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0";

/// The value of `q1` the `*QueryUrlEncoding` scenarios send unencoded.
const UNENCODED_QUERY: &str = "value1&q2=value2&q3=value3";

fn client(ctx: &Ctx) -> AzureSpecialPropertiesClient {
    AzureSpecialPropertiesClient::new(SUBSCRIPTION, ctx.credential(), Some(ctx.options()))
        .expect("a client")
}

scenarios! {
    ["AzureSubscriptionMethodGlobalValid"] async fn subscription_method_global_valid(ctx) {
        assert_eq!(status(client(&ctx).subscription_in_credentials().post_method_global_valid(None).await), 200);
    }
    ["AzureSubscriptionMethodGlobalNotProvidedValid"] async fn subscription_method_global_not_provided_valid(ctx) {
        assert_eq!(status(client(&ctx).subscription_in_credentials().post_method_global_not_provided_valid(None).await), 200);
    }
    ["AzureSubscriptionPathGlobalValid"] async fn subscription_path_global_valid(ctx) {
        assert_eq!(status(client(&ctx).subscription_in_credentials().post_path_global_valid(None).await), 200);
    }
    ["AzureSubscriptionSwaggerGlobalValid"] async fn subscription_swagger_global_valid(ctx) {
        assert_eq!(status(client(&ctx).subscription_in_credentials().post_swagger_global_valid(None).await), 200);
    }
    ["AzureSubscriptionMethodLocalValid"] async fn subscription_method_local_valid(ctx) {
        assert_eq!(status(client(&ctx).subscription_in_method().post_method_local_valid(SUBSCRIPTION, None).await), 200);
    }
    ["AzureSubscriptionPathLocalValid"] async fn subscription_path_local_valid(ctx) {
        assert_eq!(status(client(&ctx).subscription_in_method().post_path_local_valid(SUBSCRIPTION, None).await), 200);
    }
    ["AzureSubscriptionSwaggerLocalValid"] async fn subscription_swagger_local_valid(ctx) {
        assert_eq!(status(client(&ctx).subscription_in_method().post_swagger_local_valid(SUBSCRIPTION, None).await), 200);
    }
    ["AzureApiVersionMethodGlobalValid"] async fn api_version_method_global_valid(ctx) {
        assert_eq!(status(client(&ctx).api_version_default().get_method_global_valid(None).await), 200);
    }
    ["AzureApiVersionMethodGlobalNotProvidedValid"] async fn api_version_method_global_not_provided_valid(ctx) {
        assert_eq!(status(client(&ctx).api_version_default().get_method_global_not_provided_valid(None).await), 200);
    }
    ["AzureApiVersionPathGlobalValid"] async fn api_version_path_global_valid(ctx) {
        assert_eq!(status(client(&ctx).api_version_default().get_path_global_valid(None).await), 200);
    }
    ["AzureApiVersionSwaggerGlobalValid"] async fn api_version_swagger_global_valid(ctx) {
        assert_eq!(status(client(&ctx).api_version_default().get_swagger_global_valid(None).await), 200);
    }
    ["AzureMethodPathUrlEncoding"] async fn skip_url_encoding_method_path(ctx) {
        assert_eq!(status(client(&ctx).skip_url_encoding().get_method_path_valid("path1/path2/path3", None).await), 200);
    }
    ["AzurePathPathUrlEncoding"] async fn skip_url_encoding_path_path(ctx) {
        assert_eq!(status(client(&ctx).skip_url_encoding().get_path_path_valid("path1/path2/path3", None).await), 200);
    }
    ["AzureSwaggerPathUrlEncoding"] async fn skip_url_encoding_swagger_path(ctx) {
        assert_eq!(status(client(&ctx).skip_url_encoding().get_swagger_path_valid(None).await), 200);
    }
    // `x-ms-skip-url-encoding` in the query: the value's `&` and `=` reach
    // the server as written, so it sees three parameters.
    ["AzureMethodQueryUrlEncoding"] async fn skip_url_encoding_method_query(ctx) {
        assert_eq!(status(client(&ctx).skip_url_encoding().get_method_query_valid(UNENCODED_QUERY, None).await), 200);
    }
    ["AzurePathQueryUrlEncoding"] async fn skip_url_encoding_path_query(ctx) {
        assert_eq!(status(client(&ctx).skip_url_encoding().get_path_query_valid(UNENCODED_QUERY, None).await), 200);
    }
    ["AzureSwaggerQueryUrlEncoding"] async fn skip_url_encoding_swagger_query(ctx) {
        assert_eq!(status(client(&ctx).skip_url_encoding().get_swagger_query_valid(None).await), 200);
    }
    // `x-ms-api-version: false`: the operation's own `api-version`, sent as
    // given (or not at all) instead of the client's.
    ["AzureApiVersionMethodLocalValid"] async fn api_version_method_local_valid(ctx) {
        assert_eq!(status(client(&ctx).api_version_local().get_method_local_valid(None).await), 200);
    }
    ["AzureApiVersionMethodLocalNull"] async fn api_version_method_local_null(ctx) {
        assert_eq!(status(client(&ctx).api_version_local().get_method_local_null(None).await), 200);
    }
    ["AzureApiVersionPathLocalValid"] async fn api_version_path_local_valid(ctx) {
        assert_eq!(status(client(&ctx).api_version_local().get_path_local_valid(None).await), 200);
    }
    ["AzureApiVersionSwaggerLocalValid"] async fn api_version_swagger_local_valid(ctx) {
        assert_eq!(status(client(&ctx).api_version_local().get_swagger_local_valid(None).await), 200);
    }
    ["AzureMethodQueryUrlEncodingNull"] async fn skip_url_encoding_method_query_null(ctx) {
        assert_eq!(status(client(&ctx).skip_url_encoding().get_method_query_null(None).await), 200);
    }
    ["AzureODataFilter"] async fn odata_filter(ctx) {
        let options = AzureSpecialPropertiesOdataClientGetWithFilterOptions {
            filter: Some("id gt 5 and name eq 'foo'".to_owned()),
            top: Some(10),
            orderby: Some("id".to_owned()),
            ..Default::default()
        };
        assert_eq!(status(client(&ctx).odata().get_with_filter(Some(options)).await), 200);
    }
    // The id set in the call's context replaces the one azure_core makes up.
    ["AzureXmsRequestClientOverwrite"] async fn client_request_id_from_the_context(ctx) {
        let mut options = AzureSpecialPropertiesXMsClientRequestIdClientGetOptions::default();
        options.method_options.context.insert(ClientRequestId::new(REQUEST_ID.to_owned()));
        assert_eq!(status(client(&ctx).x_ms_client_request_id().get(Some(options)).await), 200);
    }
    // Without one, azure_core sends a fresh UUID, which the server refuses;
    // the error keeps the response's `x-ms-request-id`.
    ["AzureRequestClientIdInError"] async fn generated_client_request_id_in_an_error(ctx) {
        let error = assert_status_error(client(&ctx).x_ms_client_request_id().get(None).await, 400);
        let ErrorKind::HttpResponse { raw_response: Some(response), .. } = error.kind() else {
            panic!("expected the response in the error: {error:?}");
        };
        assert_eq!(response.headers().get_optional_str(&"x-ms-request-id".into()), Some("123"));
    }
    // The caller opts out of a client request id: azure_core's policy always
    // sets the header, so an empty id in the context is the way to send
    // none; the server (`!req.headers[...]`) reads an empty value as absent,
    // as AutoRest's Python test removes the header.
    ["AzureXmsRequestClientIdNull"] async fn no_client_request_id(ctx) {
        let mut options = AzureSpecialPropertiesXMsClientRequestIdClientGetOptions::default();
        options.method_options.context.insert(ClientRequestId::new(String::new()));
        let response = client(&ctx).x_ms_client_request_id().get(Some(options)).await.unwrap();
        assert_eq!(u16::from(response.status()), 200);
        assert_eq!(response.headers().get_optional_str(&"x-ms-request-id".into()), Some("123"));
    }
    ["AzureXmsRequestClientOverwriteViaParameter"] async fn client_request_id_via_parameter(ctx) {
        assert_eq!(status(client(&ctx).x_ms_client_request_id().param_get(REQUEST_ID, None).await), 200);
    }
    ["AzureXmsCustomNamedRequestId"] async fn custom_named_request_id(ctx) {
        let response = client(&ctx).header().custom_named_request_id(REQUEST_ID, None).await.unwrap();
        assert_eq!(u16::from(response.status()), 200);
        assert_eq!(response.headers().get_optional_str(&"foo-request-id".into()), Some("123"));
    }
    ["AzureXmsCustomNamedRequestIdParameterGroup"] async fn custom_named_request_id_param_grouping(ctx) {
        let group = arm_autorest::azure_special_properties::header::HeaderCustomNamedRequestIdParamGroupingParameters {
            foo_client_request_id: REQUEST_ID.to_owned(),
        };
        assert_eq!(status(client(&ctx).header().custom_named_request_id_param_grouping(group, None).await), 200);
    }
}

/// Not called: none at the moment.
pub const GAPS: &[Gap] = &[];

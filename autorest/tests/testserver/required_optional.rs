//! `required-optional.json` (`dist/test-routes/required-optional-params/`)
//! and `url-multi-collectionFormat.json` (`legacy/routes/queries.js`).
//! Optional parameters left out are not sent at all, which each scenario
//! checks; a `multi` list repeats its query parameter per item. (The
//! scenarios that pass `null` for a required parameter expect a client-side
//! error: a Rust caller cannot leave out a required argument, so they have
//! no counterpart.)

use arm_autorest::required_optional::clients::{
    RequiredOptionalClient, RequiredOptionalExplicitClient, RequiredOptionalImplicitClient,
};
use arm_autorest::url_multi_collection_format::clients::{
    UrlMultiCollectionFormatClient, UrlMultiCollectionFormatQueriesClient,
    UrlMultiCollectionFormatQueriesClientArrayStringMultiEmptyOptions,
    UrlMultiCollectionFormatQueriesClientArrayStringMultiValidOptions,
};

use crate::support::{Ctx, Gap, scenarios, status};

fn implicit(ctx: &Ctx) -> RequiredOptionalImplicitClient {
    RequiredOptionalClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .implicit()
}

fn explicit(ctx: &Ctx) -> RequiredOptionalExplicitClient {
    RequiredOptionalClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .explicit()
}

fn multi(ctx: &Ctx) -> UrlMultiCollectionFormatQueriesClient {
    UrlMultiCollectionFormatClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .queries()
}

scenarios! {
    ["OptionalImplicitQuery"] async fn implicit_query_left_out(ctx) {
        assert_eq!(status(implicit(&ctx).put_optional_query(None).await), 200);
    }
    ["OptionalImplicitHeader"] async fn implicit_header_left_out(ctx) {
        assert_eq!(status(implicit(&ctx).put_optional_header(None).await), 200);
    }
    ["OptionalImplicitBody"] async fn implicit_body_left_out(ctx) {
        assert_eq!(status(implicit(&ctx).put_optional_body(None).await), 200);
    }
    ["OptionalGlobalQuery"] async fn global_query_left_out(ctx) {
        assert_eq!(status(implicit(&ctx).get_optional_global_query(None).await), 200);
    }
    // `/reqopt/optional/{type}/{scenario}`: the route counts as
    // `GeneralOptional`, and the server adds `Optional<Type><Scenario>` to
    // its report when it first sees each.
    ["GeneralOptional", "OptionalIntegerParameter"] async fn explicit_optional_integer_parameter_left_out(ctx) {
        assert_eq!(status(explicit(&ctx).post_optional_integer_parameter(None).await), 200);
    }
    ["GeneralOptional", "OptionalIntegerProperty"] async fn explicit_optional_integer_property_left_out(ctx) {
        assert_eq!(status(explicit(&ctx).post_optional_integer_property(None).await), 200);
    }
    ["GeneralOptional", "OptionalIntegerHeader"] async fn explicit_optional_integer_header_left_out(ctx) {
        assert_eq!(status(explicit(&ctx).post_optional_integer_header(None).await), 200);
    }
    ["GeneralOptional", "OptionalStringParameter"] async fn explicit_optional_string_parameter_left_out(ctx) {
        assert_eq!(status(explicit(&ctx).post_optional_string_parameter(None).await), 200);
    }
    ["GeneralOptional", "OptionalStringProperty"] async fn explicit_optional_string_property_left_out(ctx) {
        assert_eq!(status(explicit(&ctx).post_optional_string_property(None).await), 200);
    }
    ["GeneralOptional", "OptionalStringHeader"] async fn explicit_optional_string_header_left_out(ctx) {
        assert_eq!(status(explicit(&ctx).post_optional_string_header(None).await), 200);
    }
    ["GeneralOptional", "OptionalClassParameter"] async fn explicit_optional_class_parameter_left_out(ctx) {
        assert_eq!(status(explicit(&ctx).post_optional_class_parameter(None).await), 200);
    }
    ["GeneralOptional", "OptionalClassProperty"] async fn explicit_optional_class_property_left_out(ctx) {
        assert_eq!(status(explicit(&ctx).post_optional_class_property(None).await), 200);
    }
    ["GeneralOptional", "OptionalArrayParameter"] async fn explicit_optional_array_parameter_left_out(ctx) {
        assert_eq!(status(explicit(&ctx).post_optional_array_parameter(None).await), 200);
    }
    ["GeneralOptional", "OptionalArrayProperty"] async fn explicit_optional_array_property_left_out(ctx) {
        assert_eq!(status(explicit(&ctx).post_optional_array_property(None).await), 200);
    }
    ["GeneralOptional", "OptionalArrayHeader"] async fn explicit_optional_array_header_left_out(ctx) {
        assert_eq!(status(explicit(&ctx).post_optional_array_header(None).await), 200);
    }
    // `application/octet-stream` bodies: an optional one left out is not
    // sent at all; a required one is sent as it is.
    ["ImplicitOptionalBinaryBody"] async fn implicit_binary_body_left_out(ctx) {
        assert_eq!(status(implicit(&ctx).put_optional_binary_body(None).await), 200);
    }
    ["ExplicitOptionalBinaryBody"] async fn explicit_binary_body_left_out(ctx) {
        assert_eq!(status(explicit(&ctx).put_optional_binary_body(None).await), 200);
    }
    ["ExplicitRequiredBinaryBody"] async fn explicit_required_binary_body(ctx) {
        assert_eq!(status(explicit(&ctx).put_required_binary_body(&[1, 2, 3, 4], None).await), 200);
    }
    ["UrlQueriesArrayMultiNull"] async fn multi_null(ctx) {
        assert_eq!(status(multi(&ctx).array_string_multi_null(None).await), 200);
    }
    // No item: the parameter is not sent at all.
    ["UrlQueriesArrayMultiEmpty"] async fn multi_empty(ctx) {
        let options = UrlMultiCollectionFormatQueriesClientArrayStringMultiEmptyOptions {
            array_query: Some(Vec::new()),
            ..Default::default()
        };
        assert_eq!(status(multi(&ctx).array_string_multi_empty(Some(options)).await), 200);
    }
    ["UrlQueriesArrayMultiValid"] async fn multi_valid(ctx) {
        let options = UrlMultiCollectionFormatQueriesClientArrayStringMultiValidOptions {
            array_query: Some(vec![
                "ArrayQuery1".to_owned(),
                "begin!*'();:@ &=+$,/?#[]end".to_owned(),
                String::new(),
                String::new(),
            ]),
            ..Default::default()
        };
        assert_eq!(status(multi(&ctx).array_string_multi_valid(Some(options)).await), 200);
    }
}

/// Not called, with the reason: none.
pub const GAPS: &[Gap] = &[];

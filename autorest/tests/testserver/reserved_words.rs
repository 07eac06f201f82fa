//! `reserved-words.json`: `dist/test-routes/reserved-words.js`. Names that
//! are keywords or collide with generated ones (`import`, `json`, `url`,
//! `headerParameters`, `enum`) become arguments of their own. The
//! operations declare an `object` result but answer 200 with no body, so
//! the swagger is generated with `nulls: tolerated` (autorest/build.rs): an
//! empty body is `None`, as AutoRest's clients return null. The bodies named
//! `content`, `data` and `files` are bytes, a url-encoded form and a
//! multipart form.

use arm_autorest::reserved_words::clients::ReservedWordsClient;
use arm_autorest::reserved_words::clients::ReservedWordsOperationsClientOperationWithUrlOptions;
use arm_autorest::reserved_words::models::MyEnum;
use serde_json::json;

use crate::support::{Ctx, Gap, model, scenarios};

fn client(ctx: &Ctx) -> ReservedWordsClient {
    ReservedWordsClient::new(ctx.credential(), Some(ctx.options())).expect("a client")
}

scenarios! {
    ["reservedWordsOperationGroupImport"] async fn operation_group_import(ctx) {
        // The server answers 400 unless `parameter1=foo`.
        assert_eq!(model(client(&ctx).import().operation_one("foo", None).await), None);
    }
    ["reservedWordsBodyNamedJson"] async fn body_named_json(ctx) {
        let body = json!({"hello": "world"});
        assert_eq!(model(client(&ctx).operations().operation_with_json_param(&body, None).await), None);
    }
    ["reservedWordsBodyNamedContent"] async fn body_named_content(ctx) {
        // Bytes as `application/octet-stream`; the server compares them.
        let result = client(&ctx).operations().operation_with_content_param(b"hello, world", None).await;
        assert_eq!(model(result), None);
    }
    ["reservedWordsBodyNamedData"] async fn body_named_data(ctx) {
        // Form fields `data` and `world`, url-encoded; the server compares them.
        let result = client(&ctx).operations().operation_with_data_param("hello", "world", None).await;
        assert_eq!(model(result), None);
    }
    ["reservedWordsBodyNamedFiles"] async fn body_named_files(ctx) {
        // A file part and a `fileName` part, as `multipart/form-data`.
        let result = client(&ctx).operations().operation_with_files_param("my.txt", b"hello, files", None).await;
        assert_eq!(model(result), None);
    }
    ["reservedWordsUrlHeaderQuery"] async fn url_header_query(ctx) {
        let options = ReservedWordsOperationsClientOperationWithUrlOptions {
            query_parameters: Some(vec!["one".to_owned(), "two".to_owned()]),
            ..Default::default()
        };
        let result = client(&ctx).operations().operation_with_url("foo", "x-ms-header", Some(options)).await;
        assert_eq!(model(result), None);
    }
    ["reservedWordsHeaderEnum"] async fn header_enum(ctx) {
        assert_eq!(model(client(&ctx).operations().reserved_enum(&MyEnum::Import, None).await), None);
    }
}

/// Every scenario of these operations is called.
pub const GAPS: &[Gap] = &[];

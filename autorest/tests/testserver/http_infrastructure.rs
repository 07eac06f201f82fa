//! `httpInfrastructure.json`: `dist/test-routes/http-responses.js`. Success
//! statuses, redirects, client and server failures, retries, and operations
//! whose success statuses have bodies of different types.
//!
//! armgen's clients never follow a redirect (neither does `azure_core`'s
//! default transport): a 3xx reaches the caller as an `HttpResponse` error
//! with its status and `Location`, where AutoRest's clients follow it. Every
//! status outside 2xx is an error, also one the spec describes with a model
//! of its own (`404: D`). Retried statuses (408, 500, 502, 503, 504) are
//! retried by `azure_core`'s policy: the server answers the second try 200.

use arm_autorest::http_infrastructure::clients::*;
use arm_autorest::http_infrastructure::models::{A, B, C};
use arm_autorest::http_infrastructure::multiple_responses::{
    Get200Model201ModelDefaultError200ValidResponse, Get200Model201ModelDefaultError201ValidResponse,
    Get200ModelA201ModelC404ModelDDefaultError200ValidResponse,
    Get200ModelA201ModelC404ModelDDefaultError201ValidResponse,
};
use armgen_runtime::IntoVariant as _;
use azure_core::error::ErrorKind;
use azure_core::http::Response;

use crate::support::{Ctx, Gap, assert_status_error, model, scenarios, status};

fn client(ctx: &Ctx) -> HttpInfrastructureClient {
    HttpInfrastructureClient::new(ctx.credential(), Some(ctx.options())).expect("a client")
}

/// Without retries: each failure status must reach the caller as sent.
fn no_retries(ctx: &Ctx) -> HttpInfrastructureClient {
    HttpInfrastructureClient::new(ctx.credential(), Some(ctx.options_without_retries()))
        .expect("a client")
}

/// The options of a method whose optional body is `booleanValue`, sending
/// `true` as AutoRest's suites do.
macro_rules! send_true {
    ($options:ident) => {
        Some($options {
            boolean_value: Some(true),
            ..Default::default()
        })
    };
}

/// Asserts a 3xx that reached the caller as an error with its status and
/// the `Location` the server sent.
#[track_caller]
fn assert_redirect<T, F>(
    result: azure_core::Result<Response<T, F>>,
    expected: u16,
    location: &str,
) {
    let error = assert_status_error(result, expected);
    let ErrorKind::HttpResponse {
        raw_response: Some(raw),
        ..
    } = error.kind()
    else {
        panic!("expected the raw response in the error: {error:?}");
    };
    assert_eq!(
        raw.headers().get_optional_str(&"location".into()),
        Some(location),
        "{error:?}"
    );
}

/// The variant of a successful response of an operation whose success
/// statuses have different body types.
#[track_caller]
fn variant<T: armgen_runtime::FromStatus>(
    result: azure_core::Result<Response<T, azure_core::http::NoFormat>>,
) -> T {
    match result {
        Ok(response) => response
            .into_variant()
            .unwrap_or_else(|e| panic!("the success body does not decode: {e:?}")),
        Err(error) => panic!("expected a success, got: {error:?}"),
    }
}

fn a(code: &str) -> A {
    A {
        status_code: Some(code.to_owned()),
    }
}

scenarios! {
    // Success statuses.
    ["HttpSuccess200Head"] async fn head200(ctx) {
        assert_eq!(status(client(&ctx).http_success().head200(None).await), 200);
    }
    ["HttpSuccess200Get"] async fn get200(ctx) {
        assert_eq!(model(client(&ctx).http_success().get200(None).await), Some(true));
    }
    ["HttpSuccess200Put"] async fn put200(ctx) {
        let options = send_true!(HttpInfrastructureHttpSuccessClientPut200Options);
        assert_eq!(status(client(&ctx).http_success().put200(options).await), 200);
    }
    ["HttpSuccess200Patch"] async fn patch200(ctx) {
        let options = send_true!(HttpInfrastructureHttpSuccessClientPatch200Options);
        assert_eq!(status(client(&ctx).http_success().patch200(options).await), 200);
    }
    ["HttpSuccess200Post"] async fn post200(ctx) {
        let options = send_true!(HttpInfrastructureHttpSuccessClientPost200Options);
        assert_eq!(status(client(&ctx).http_success().post200(options).await), 200);
    }
    ["HttpSuccess200Delete"] async fn delete200(ctx) {
        let options = send_true!(HttpInfrastructureHttpSuccessClientDelete200Options);
        assert_eq!(status(client(&ctx).http_success().delete200(options).await), 200);
    }
    ["HttpSuccess201Put"] async fn put201(ctx) {
        let options = send_true!(HttpInfrastructureHttpSuccessClientPut201Options);
        assert_eq!(status(client(&ctx).http_success().put201(options).await), 201);
    }
    ["HttpSuccess201Post"] async fn post201(ctx) {
        let options = send_true!(HttpInfrastructureHttpSuccessClientPost201Options);
        assert_eq!(status(client(&ctx).http_success().post201(options).await), 201);
    }
    ["HttpSuccess202Put"] async fn put202(ctx) {
        let options = send_true!(HttpInfrastructureHttpSuccessClientPut202Options);
        assert_eq!(status(client(&ctx).http_success().put202(options).await), 202);
    }
    ["HttpSuccess202Patch"] async fn patch202(ctx) {
        let options = send_true!(HttpInfrastructureHttpSuccessClientPatch202Options);
        assert_eq!(status(client(&ctx).http_success().patch202(options).await), 202);
    }
    ["HttpSuccess202Post"] async fn post202(ctx) {
        let options = send_true!(HttpInfrastructureHttpSuccessClientPost202Options);
        assert_eq!(status(client(&ctx).http_success().post202(options).await), 202);
    }
    ["HttpSuccess202Delete"] async fn delete202(ctx) {
        let options = send_true!(HttpInfrastructureHttpSuccessClientDelete202Options);
        assert_eq!(status(client(&ctx).http_success().delete202(options).await), 202);
    }
    ["HttpSuccess204Head"] async fn head204(ctx) {
        assert_eq!(status(client(&ctx).http_success().head204(None).await), 204);
    }
    ["HttpSuccess204Put"] async fn put204(ctx) {
        let options = send_true!(HttpInfrastructureHttpSuccessClientPut204Options);
        assert_eq!(status(client(&ctx).http_success().put204(options).await), 204);
    }
    ["HttpSuccess204Patch"] async fn patch204(ctx) {
        let options = send_true!(HttpInfrastructureHttpSuccessClientPatch204Options);
        assert_eq!(status(client(&ctx).http_success().patch204(options).await), 204);
    }
    ["HttpSuccess204Post"] async fn post204(ctx) {
        let options = send_true!(HttpInfrastructureHttpSuccessClientPost204Options);
        assert_eq!(status(client(&ctx).http_success().post204(options).await), 204);
    }
    ["HttpSuccess204Delete"] async fn delete204(ctx) {
        let options = send_true!(HttpInfrastructureHttpSuccessClientDelete204Options);
        assert_eq!(status(client(&ctx).http_success().delete204(options).await), 204);
    }

    // Redirects reach the caller.
    ["HttpRedirect300Head"] async fn head300(ctx) {
        assert_redirect(client(&ctx).http_redirects().head300(None).await, 300, "/http/success/head/200");
    }
    ["HttpRedirect300Get"] async fn get300(ctx) {
        assert_redirect(client(&ctx).http_redirects().get300(None).await, 300, "/http/success/get/200");
    }
    ["HttpRedirect301Head"] async fn head301(ctx) {
        assert_redirect(client(&ctx).http_redirects().head301(None).await, 301, "/http/success/head/200");
    }
    ["HttpRedirect301Get"] async fn get301(ctx) {
        assert_redirect(client(&ctx).http_redirects().get301(None).await, 301, "/http/success/get/200");
    }
    ["HttpRedirect301Put"] async fn put301(ctx) {
        let options = send_true!(HttpInfrastructureHttpRedirectsClientPut301Options);
        assert_redirect(client(&ctx).http_redirects().put301(options).await, 301, "/http/failure/500");
    }
    ["HttpRedirect302Head"] async fn head302(ctx) {
        assert_redirect(client(&ctx).http_redirects().head302(None).await, 302, "/http/success/head/200");
    }
    ["HttpRedirect302Get"] async fn get302(ctx) {
        assert_redirect(client(&ctx).http_redirects().get302(None).await, 302, "/http/success/get/200");
    }
    ["HttpRedirect302Patch"] async fn patch302(ctx) {
        let options = send_true!(HttpInfrastructureHttpRedirectsClientPatch302Options);
        assert_redirect(client(&ctx).http_redirects().patch302(options).await, 302, "/http/failure/500");
    }
    ["HttpRedirect303Post"] async fn post303(ctx) {
        let options = send_true!(HttpInfrastructureHttpRedirectsClientPost303Options);
        assert_redirect(client(&ctx).http_redirects().post303(options).await, 303, "/http/success/get/200");
    }
    ["HttpRedirect307Head"] async fn head307(ctx) {
        assert_redirect(client(&ctx).http_redirects().head307(None).await, 307, "/http/success/head/200");
    }
    ["HttpRedirect307Get"] async fn get307(ctx) {
        assert_redirect(client(&ctx).http_redirects().get307(None).await, 307, "/http/success/get/200");
    }
    ["HttpRedirect307Put"] async fn put307(ctx) {
        let options = send_true!(HttpInfrastructureHttpRedirectsClientPut307Options);
        assert_redirect(client(&ctx).http_redirects().put307(options).await, 307, "/http/success/put/200");
    }
    ["HttpRedirect307Patch"] async fn patch307(ctx) {
        let options = send_true!(HttpInfrastructureHttpRedirectsClientPatch307Options);
        assert_redirect(client(&ctx).http_redirects().patch307(options).await, 307, "/http/success/patch/200");
    }
    ["HttpRedirect307Post"] async fn post307(ctx) {
        let options = send_true!(HttpInfrastructureHttpRedirectsClientPost307Options);
        assert_redirect(client(&ctx).http_redirects().post307(options).await, 307, "/http/success/post/200");
    }
    ["HttpRedirect307Delete"] async fn delete307(ctx) {
        let options = send_true!(HttpInfrastructureHttpRedirectsClientDelete307Options);
        assert_redirect(client(&ctx).http_redirects().delete307(options).await, 307, "/http/success/delete/200");
    }

    // Client failures.
    ["HttpClientFailure400Head"] async fn head400(ctx) {
        assert_status_error(no_retries(&ctx).http_client_failure().head400(None).await, 400);
    }
    ["HttpClientFailure400Get"] async fn get400(ctx) {
        assert_status_error(no_retries(&ctx).http_client_failure().get400(None).await, 400);
    }
    ["HttpClientFailure400Put"] async fn put400(ctx) {
        let options = send_true!(HttpInfrastructureHttpClientFailureClientPut400Options);
        assert_status_error(no_retries(&ctx).http_client_failure().put400(options).await, 400);
    }
    ["HttpClientFailure400Patch"] async fn patch400(ctx) {
        let options = send_true!(HttpInfrastructureHttpClientFailureClientPatch400Options);
        assert_status_error(no_retries(&ctx).http_client_failure().patch400(options).await, 400);
    }
    ["HttpClientFailure400Post"] async fn post400(ctx) {
        let options = send_true!(HttpInfrastructureHttpClientFailureClientPost400Options);
        assert_status_error(no_retries(&ctx).http_client_failure().post400(options).await, 400);
    }
    ["HttpClientFailure400Delete"] async fn delete400(ctx) {
        let options = send_true!(HttpInfrastructureHttpClientFailureClientDelete400Options);
        assert_status_error(no_retries(&ctx).http_client_failure().delete400(options).await, 400);
    }
    ["HttpClientFailure401Head"] async fn head401(ctx) {
        assert_status_error(no_retries(&ctx).http_client_failure().head401(None).await, 401);
    }
    ["HttpClientFailure402Get"] async fn get402(ctx) {
        assert_status_error(no_retries(&ctx).http_client_failure().get402(None).await, 402);
    }
    ["HttpClientFailure403Get"] async fn get403(ctx) {
        assert_status_error(no_retries(&ctx).http_client_failure().get403(None).await, 403);
    }
    ["HttpClientFailure404Put"] async fn put404(ctx) {
        let options = send_true!(HttpInfrastructureHttpClientFailureClientPut404Options);
        assert_status_error(no_retries(&ctx).http_client_failure().put404(options).await, 404);
    }
    ["HttpClientFailure405Patch"] async fn patch405(ctx) {
        let options = send_true!(HttpInfrastructureHttpClientFailureClientPatch405Options);
        assert_status_error(no_retries(&ctx).http_client_failure().patch405(options).await, 405);
    }
    ["HttpClientFailure406Post"] async fn post406(ctx) {
        let options = send_true!(HttpInfrastructureHttpClientFailureClientPost406Options);
        assert_status_error(no_retries(&ctx).http_client_failure().post406(options).await, 406);
    }
    ["HttpClientFailure407Delete"] async fn delete407(ctx) {
        let options = send_true!(HttpInfrastructureHttpClientFailureClientDelete407Options);
        assert_status_error(no_retries(&ctx).http_client_failure().delete407(options).await, 407);
    }
    ["HttpClientFailure409Put"] async fn put409(ctx) {
        let options = send_true!(HttpInfrastructureHttpClientFailureClientPut409Options);
        assert_status_error(no_retries(&ctx).http_client_failure().put409(options).await, 409);
    }
    ["HttpClientFailure410Head"] async fn head410(ctx) {
        assert_status_error(no_retries(&ctx).http_client_failure().head410(None).await, 410);
    }
    ["HttpClientFailure411Get"] async fn get411(ctx) {
        assert_status_error(no_retries(&ctx).http_client_failure().get411(None).await, 411);
    }
    ["HttpClientFailure412Get"] async fn get412(ctx) {
        assert_status_error(no_retries(&ctx).http_client_failure().get412(None).await, 412);
    }
    ["HttpClientFailure413Put"] async fn put413(ctx) {
        let options = send_true!(HttpInfrastructureHttpClientFailureClientPut413Options);
        assert_status_error(no_retries(&ctx).http_client_failure().put413(options).await, 413);
    }
    ["HttpClientFailure414Patch"] async fn patch414(ctx) {
        let options = send_true!(HttpInfrastructureHttpClientFailureClientPatch414Options);
        assert_status_error(no_retries(&ctx).http_client_failure().patch414(options).await, 414);
    }
    ["HttpClientFailure415Post"] async fn post415(ctx) {
        let options = send_true!(HttpInfrastructureHttpClientFailureClientPost415Options);
        assert_status_error(no_retries(&ctx).http_client_failure().post415(options).await, 415);
    }
    ["HttpClientFailure416Get"] async fn get416(ctx) {
        assert_status_error(no_retries(&ctx).http_client_failure().get416(None).await, 416);
    }
    ["HttpClientFailure417Delete"] async fn delete417(ctx) {
        let options = send_true!(HttpInfrastructureHttpClientFailureClientDelete417Options);
        assert_status_error(no_retries(&ctx).http_client_failure().delete417(options).await, 417);
    }
    ["HttpClientFailure429Head"] async fn head429(ctx) {
        assert_status_error(no_retries(&ctx).http_client_failure().head429(None).await, 429);
    }

    // Server failures.
    ["HttpServerFailure501Head"] async fn head501(ctx) {
        assert_status_error(no_retries(&ctx).http_server_failure().head501(None).await, 501);
    }
    ["HttpServerFailure501Get"] async fn get501(ctx) {
        assert_status_error(no_retries(&ctx).http_server_failure().get501(None).await, 501);
    }
    ["HttpServerFailure505Post"] async fn post505(ctx) {
        let options = send_true!(HttpInfrastructureHttpServerFailureClientPost505Options);
        assert_status_error(no_retries(&ctx).http_server_failure().post505(options).await, 505);
    }
    ["HttpServerFailure505Delete"] async fn delete505(ctx) {
        let options = send_true!(HttpInfrastructureHttpServerFailureClientDelete505Options);
        assert_status_error(no_retries(&ctx).http_server_failure().delete505(options).await, 505);
    }

    // Retried: the first answer is the failure, the retry's is 200.
    ["HttpRetry408Head"] async fn head408(ctx) {
        assert_eq!(status(client(&ctx).http_retry().head408(None).await), 200);
    }
    ["HttpRetry500Put"] async fn put500(ctx) {
        let options = send_true!(HttpInfrastructureHttpRetryClientPut500Options);
        assert_eq!(status(client(&ctx).http_retry().put500(options).await), 200);
    }
    ["HttpRetry500Patch"] async fn patch500(ctx) {
        let options = send_true!(HttpInfrastructureHttpRetryClientPatch500Options);
        assert_eq!(status(client(&ctx).http_retry().patch500(options).await), 200);
    }
    ["HttpRetry502Get"] async fn get502(ctx) {
        assert_eq!(status(client(&ctx).http_retry().get502(None).await), 200);
    }
    ["HttpRetry503Post"] async fn post503(ctx) {
        let options = send_true!(HttpInfrastructureHttpRetryClientPost503Options);
        assert_eq!(status(client(&ctx).http_retry().post503(options).await), 200);
    }
    ["HttpRetry503Delete"] async fn delete503(ctx) {
        let options = send_true!(HttpInfrastructureHttpRetryClientDelete503Options);
        assert_eq!(status(client(&ctx).http_retry().delete503(options).await), 200);
    }
    ["HttpRetry504Put"] async fn put504(ctx) {
        let options = send_true!(HttpInfrastructureHttpRetryClientPut504Options);
        assert_eq!(status(client(&ctx).http_retry().put504(options).await), 200);
    }
    ["HttpRetry504Patch"] async fn patch504(ctx) {
        let options = send_true!(HttpInfrastructureHttpRetryClientPatch504Options);
        assert_eq!(status(client(&ctx).http_retry().patch504(options).await), 200);
    }

    // Error bodies.
    ["ResponsesScenarioEmptyErrorBody"] async fn empty_error_body(ctx) {
        let error = assert_status_error(no_retries(&ctx).http_failure().get_empty_error(None).await, 400);
        assert!(format!("{error:?}").contains(r#""message":"""#), "{error:?}");
    }
    ["ResponsesScenarioNoModelErrorBody"] async fn no_model_error_body(ctx) {
        // No error model declared: the body is kept as JSON.
        let error = assert_status_error(no_retries(&ctx).http_failure().get_no_model_error(None).await, 400);
        assert!(format!("{error:?}").contains("NoErrorModel"), "{error:?}");
    }
    ["ResponsesScenarioNoModelEmptyBody"] async fn no_model_empty_body(ctx) {
        assert_status_error(no_retries(&ctx).http_failure().get_no_model_empty(None).await, 400);
    }

    // 200: A, 204: none.
    ["ResponsesScenarioA200MatchingModel"] async fn a200_matching_model(ctx) {
        let result = client(&ctx).multiple_responses().get200_model204_no_model_default_error200_valid(None).await;
        assert_eq!(model(result), Some(a("200")));
    }
    ["ResponsesScenarioA204MatchingNoModel"] async fn a204_matching_no_model(ctx) {
        let result = client(&ctx).multiple_responses().get200_model204_no_model_default_error204_valid(None).await;
        assert_eq!(result.as_ref().map(|r| u16::from(r.status())).ok(), Some(204));
        assert_eq!(model(result), None);
    }
    ["ResponsesScenarioA201DefaultNoModel"] async fn a201_default_no_model(ctx) {
        // 201 is not declared: an error.
        assert_status_error(no_retries(&ctx).multiple_responses().get200_model204_no_model_default_error201_invalid(None).await, 201);
    }
    ["ResponsesScenarioA202DefaultNoModel"] async fn a202_default_no_model(ctx) {
        assert_status_error(no_retries(&ctx).multiple_responses().get200_model204_no_model_default_error202_none(None).await, 202);
    }
    ["ResponsesScenarioA400DefaultModel"] async fn a400_default_model(ctx) {
        let error = assert_status_error(no_retries(&ctx).multiple_responses().get200_model204_no_model_default_error400_valid(None).await, 400);
        assert!(format!("{error:?}").contains("client error"), "{error:?}");
    }

    // 200: A, 201: B: an enum by status.
    ["ResponsesScenarioB200MatchingModel"] async fn b200_matching_model(ctx) {
        let result = client(&ctx).multiple_responses().get200_model201_model_default_error200_valid(None).await;
        assert_eq!(variant(result), Get200Model201ModelDefaultError200ValidResponse::Status200(Some(a("200"))));
    }
    ["ResponsesScenarioB201MatchingModel"] async fn b201_matching_model(ctx) {
        let result = client(&ctx).multiple_responses().get200_model201_model_default_error201_valid(None).await;
        let expected = B { status_code: Some("201".to_owned()), text_status_code: Some("Created".to_owned()) };
        assert_eq!(variant(result), Get200Model201ModelDefaultError201ValidResponse::Status201(Some(expected)));
    }
    ["ResponsesScenarioB400DefaultModel"] async fn b400_default_model(ctx) {
        let error = assert_status_error(no_retries(&ctx).multiple_responses().get200_model201_model_default_error400_valid(None).await, 400);
        assert!(format!("{error:?}").contains("client error"), "{error:?}");
    }

    // 200: A, 201: C, 404: D.
    ["ResponsesScenarioC200MatchingModel"] async fn c200_matching_model(ctx) {
        let result = client(&ctx).multiple_responses().get200_model_a201_model_c404_model_d_default_error200_valid(None).await;
        assert_eq!(variant(result), Get200ModelA201ModelC404ModelDDefaultError200ValidResponse::Status200(Some(a("200"))));
    }
    ["ResponsesScenarioC201MatchingModel"] async fn c201_matching_model(ctx) {
        let result = client(&ctx).multiple_responses().get200_model_a201_model_c404_model_d_default_error201_valid(None).await;
        let expected = C { http_code: Some("201".to_owned()) };
        assert_eq!(variant(result), Get200ModelA201ModelC404ModelDDefaultError201ValidResponse::Status201(Some(expected)));
    }
    ["ResponsesScenarioC404MatchingModel"] async fn c404_matching_model(ctx) {
        // armgen: a status outside 2xx is an error, its body kept.
        let error = assert_status_error(no_retries(&ctx).multiple_responses().get200_model_a201_model_c404_model_d_default_error404_valid(None).await, 404);
        assert!(format!("{error:?}").contains("404"), "{error:?}");
    }
    ["ResponsesScenarioC400DefaultModel"] async fn c400_default_model(ctx) {
        let error = assert_status_error(no_retries(&ctx).multiple_responses().get200_model_a201_model_c404_model_d_default_error400_valid(None).await, 400);
        assert!(format!("{error:?}").contains("client error"), "{error:?}");
    }

    // 202, 204 without bodies, default: Error.
    ["ResponsesScenarioD202MatchingNoModel"] async fn d202_matching_no_model(ctx) {
        assert_eq!(status(client(&ctx).multiple_responses().get202_none204_none_default_error202_none(None).await), 202);
    }
    ["ResponsesScenarioD204MatchingNoModel"] async fn d204_matching_no_model(ctx) {
        assert_eq!(status(client(&ctx).multiple_responses().get202_none204_none_default_error204_none(None).await), 204);
    }
    ["ResponsesScenarioD400DefaultModel"] async fn d400_default_model(ctx) {
        let error = assert_status_error(no_retries(&ctx).multiple_responses().get202_none204_none_default_error400_valid(None).await, 400);
        assert!(format!("{error:?}").contains("client error"), "{error:?}");
    }

    // 202, 204 without bodies, default without a model.
    ["ResponsesScenarioE202MatchingInvalid"] async fn e202_matching_invalid(ctx) {
        // A body the spec does not declare is not read.
        assert_eq!(status(client(&ctx).multiple_responses().get202_none204_none_default_none202_invalid(None).await), 202);
    }
    ["ResponsesScenarioE204MatchingNoModel"] async fn e204_matching_no_model(ctx) {
        assert_eq!(status(client(&ctx).multiple_responses().get202_none204_none_default_none204_none(None).await), 204);
    }
    ["ResponsesScenarioE400DefaultNoModel"] async fn e400_default_no_model(ctx) {
        assert_status_error(no_retries(&ctx).multiple_responses().get202_none204_none_default_none400_none(None).await, 400);
    }
    ["ResponsesScenarioE400DefaultInvalid"] async fn e400_default_invalid(ctx) {
        let error = assert_status_error(no_retries(&ctx).multiple_responses().get202_none204_none_default_none400_invalid(None).await, 400);
        assert!(format!("{error:?}").contains("property"), "{error:?}");
    }

    // 200: A, default: A.
    ["ResponsesScenarioF200DefaultModel"] async fn f200_default_model(ctx) {
        assert_eq!(model(client(&ctx).multiple_responses().get_default_model_a200_valid(None).await), Some(a("200")));
    }
    ["ResponsesScenarioF400DefaultModel"] async fn f400_default_model(ctx) {
        assert_status_error(no_retries(&ctx).multiple_responses().get_default_model_a400_valid(None).await, 400);
    }
    ["ResponsesScenarioF400DefaultNone"] async fn f400_default_none(ctx) {
        assert_status_error(no_retries(&ctx).multiple_responses().get_default_model_a400_none(None).await, 400);
    }

    // 200 without a body, default without a model.
    ["ResponsesScenarioG200DefaultInvalid"] async fn g200_default_invalid(ctx) {
        assert_eq!(status(client(&ctx).multiple_responses().get_default_none200_invalid(None).await), 200);
    }
    ["ResponsesScenarioG200DefaultNoModel"] async fn g200_default_no_model(ctx) {
        assert_eq!(status(client(&ctx).multiple_responses().get_default_none200_none(None).await), 200);
    }
    ["ResponsesScenarioG400DefaultInvalid"] async fn g400_default_invalid(ctx) {
        assert_status_error(no_retries(&ctx).multiple_responses().get_default_none400_invalid(None).await, 400);
    }
    ["ResponsesScenarioG400DefaultNoModel"] async fn g400_default_no_model(ctx) {
        assert_status_error(no_retries(&ctx).multiple_responses().get_default_none400_none(None).await, 400);
    }

    // 200: A only.
    ["ResponsesScenarioH200MatchingModel"] async fn h200_matching_model(ctx) {
        assert_eq!(model(client(&ctx).multiple_responses().get200_model_a200_valid(None).await), Some(a("200")));
    }
    ["ResponsesScenarioH200MatchingInvalid"] async fn h200_matching_invalid(ctx) {
        // `statusCodeInvalid` is not a property of `A`: ignored, as AutoRest
        // does (its `statusCode` is then absent).
        let value = model(client(&ctx).multiple_responses().get200_model_a200_invalid(None).await).expect("a body");
        assert_eq!(value.status_code, None);
    }
    ["ResponsesScenarioH400NonMatchingNone"] async fn h400_non_matching_none(ctx) {
        assert_status_error(no_retries(&ctx).multiple_responses().get200_model_a400_none(None).await, 400);
    }
    ["ResponsesScenarioH400NonMatchingModel"] async fn h400_non_matching_model(ctx) {
        assert_status_error(no_retries(&ctx).multiple_responses().get200_model_a400_valid(None).await, 400);
    }
    ["ResponsesScenarioH400NonMatchingInvalid"] async fn h400_non_matching_invalid(ctx) {
        assert_status_error(no_retries(&ctx).multiple_responses().get200_model_a400_invalid(None).await, 400);
    }
    ["ResponsesScenarioH202NonMatchingModel"] async fn h202_non_matching_model(ctx) {
        assert_status_error(no_retries(&ctx).multiple_responses().get200_model_a202_valid(None).await, 202);
    }
    // Generated with `nulls: tolerated` (autorest/build.rs): the server
    // sends nulls the spec does not declare, which AutoRest's clients read
    // as null.
    ["ResponsesScenarioF200DefaultNone"] async fn f200_default_none(ctx) {
        assert_eq!(model(client(&ctx).multiple_responses().get_default_model_a200_none(None).await), None);
    }
    ["ResponsesScenarioH200MatchingNone"] async fn h200_matching_none(ctx) {
        assert_eq!(model(client(&ctx).multiple_responses().get200_model_a200_none(None).await), None);
    }
}

/// Not called, with the reason.
pub const GAPS: &[Gap] = &[
    Gap {
        scenarios: &[
            "HttpSuccess200Options",
            "HttpRedirect307Options",
            "HttpClientFailure400Options",
            "HttpClientFailure403Options",
            "HttpClientFailure412Options",
            "HttpRetry502Options",
        ],
        reason: "`OPTIONS` operations: azure_core 1.x's `Method` has no OPTIONS, so armgen leaves each out with a located warning naming it",
    },
];

//! Keys and connection strings never appear in `Debug`, `Display` or error
//! text.

use arm_bindings::eventgrid::partner_namespaces;
use arm_bindings::relay::namespaces;
use arm_bindings::runtime::HttpResponse;

const KEY: &str = "c2VjcmV0LWtleS1tYXRlcmlhbC1kby1ub3QtbGVhaw==";

fn keys_body() -> String {
    format!(
        r#"{{"keyName": "rule", "primaryKey": "{KEY}", "secondaryKey": "{KEY}",
            "primaryConnectionString": "Endpoint=sb://n/;SharedAccessKeyName=rule;SharedAccessKey={KEY}",
            "secondaryConnectionString": "Endpoint=sb://n/;SharedAccessKeyName=rule;SharedAccessKey={KEY}"}}"#
    )
}

#[test]
fn debug_of_key_models_hides_every_secret_field() {
    let keys = namespaces::list_keys_response(&HttpResponse::new(200, keys_body())).unwrap();
    let debug = format!("{keys:?} {keys:#?}");
    assert!(!debug.contains(KEY), "{debug}");
    assert!(!debug.contains("SharedAccessKey="), "{debug}");
    assert!(
        debug.contains("rule"),
        "non-secret fields stay visible: {debug}"
    );

    let eg = partner_namespaces::regenerate_key_response(&HttpResponse::new(
        200,
        format!(r#"{{"key1":"{KEY}","key2":"{KEY}"}}"#),
    ))
    .unwrap();
    assert!(!format!("{eg:?}").contains(KEY));
}

#[test]
fn debug_of_raw_responses_hides_the_body() {
    let response = HttpResponse::new(200, keys_body());
    assert!(!format!("{response:?}").contains(KEY));
}

#[test]
fn decode_errors_do_not_quote_the_body() {
    // Truncated and mistyped bodies make serde_json quote values in its own
    // messages; the typed error must not carry them.
    for body in [
        format!(r#"{{"primaryKey": "{KEY}", "keyName": 5"#),
        format!(r#"{{"primaryKey": "{KEY}", "secondaryKey": ["{KEY}"]}}"#),
    ] {
        let error = namespaces::list_keys_response(&HttpResponse::new(200, body)).unwrap_err();
        let text = format!("{error} {error:?}");
        assert!(!text.contains(KEY), "{text}");
    }
}

#[test]
fn validation_errors_never_echo_the_value() {
    let secretish = format!("{KEY}-but-far-too-long-for-a-namespace-name-of-fifty");
    let errors = namespaces::list_keys_request(
        &arm_bindings::runtime::Url::parse("https://management.azure.com").unwrap(),
        "2024-01-01",
        "sub",
        "rg",
        &secretish,
        "rule",
    )
    .unwrap_err();
    let text = format!("{errors} {errors:?}");
    assert!(!text.contains(KEY), "{text}");
}

#[test]
fn round_trip_keeps_the_secret_value() {
    let keys = namespaces::list_keys_response(&HttpResponse::new(200, keys_body())).unwrap();
    let json = serde_json::to_value(&keys).unwrap();
    assert_eq!(json["primaryKey"], KEY);
}

/// Error bodies that quote a key or a token: the documented shape (in its
/// message, details and free-form additional info), JSON of another shape,
/// and plain text.
fn hostile_error_bodies() -> Vec<(u16, String)> {
    vec![
        (
            400,
            format!(
                r#"{{"error": {{"code": "Leak", "message": "SharedAccessKey={KEY}",
                    "details": [{{"code": "Echo", "message": "Bearer {KEY}"}}],
                    "additionalInfo": [{{"type": "t", "info": {{"primaryKey": "{KEY}", "nested": {{"key1": "{KEY}"}}}}}}]}}}}"#
            ),
        ),
        (
            409,
            format!(r#"{{"error": "Conflict", "secondaryConnectionString": "{KEY}"}}"#),
        ),
        (
            403,
            format!("Authorization: Bearer {KEY}\nAccountKey={KEY};sig={KEY}"),
        ),
    ]
}

#[test]
fn error_bodies_are_masked_in_display_and_debug_but_kept_raw() {
    for (status, body) in hostile_error_bodies() {
        let error =
            namespaces::list_keys_response(&HttpResponse::new(status, body.clone())).unwrap_err();
        let text = format!("{error} {error:?} {error:#?}");
        assert!(!text.contains(KEY), "{text}");
        assert!(text.contains("<redacted>"), "{text}");
        // Asked for, the body is as it came.
        let raw = match error.raw_body() {
            Some(raw) => raw.to_owned(),
            None => serde_json::to_string(error.service_error().unwrap()).unwrap(),
        };
        assert!(raw.contains(KEY), "{raw}");
    }
}

#[test]
fn failed_operations_and_dynamic_calls_mask_the_body_too() {
    for (status, body) in hostile_error_bodies() {
        let failed = arm_bindings::runtime::ResponseError::<
            arm_bindings::relay::models::ErrorResponse,
        >::operation_failed(200, "Failed", body.as_bytes(), None);
        let text = format!("{failed} {failed:?}");
        assert!(!text.contains(KEY), "{text}");

        let service = arm_bindings::SERVICES
            .iter()
            .find(|s| s.module == "relay")
            .unwrap();
        let dynamic = (service.decode_response)(
            "Namespaces_ListKeys",
            &HttpResponse::new(status, body.clone()),
        )
        .unwrap_err();
        let text = format!("{dynamic} {dynamic:?}");
        assert!(!text.contains(KEY), "{text}");
    }
}

#[test]
fn display_shows_a_bounded_prefix_of_a_long_body() {
    let page = format!("<html>{}</html>", "<p>Bad Gateway</p>".repeat(1000));
    let error = namespaces::list_keys_response(&HttpResponse::new(502, page.clone())).unwrap_err();
    let shown = error.to_string();
    assert!(shown.len() < 500, "{} bytes: {shown}", shown.len());
    assert!(shown.contains("…"), "{shown}");
    assert_eq!(error.raw_body(), Some(page.as_str()));
}

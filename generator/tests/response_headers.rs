//! Typed response headers: each operation whose success responses declare
//! scalar headers gets a `*Headers` struct and a reader over a response's
//! `(name, value)` pairs. The AutoRest test server's `HeaderResponse*`
//! scenarios read them from a server.

mod support;

/// The `things` module, whitespace-collapsed.
fn things() -> String {
    let output = armgen::Config::new(support::fixtures().join("fixtures/headers"))
        .spec("headers.yaml", "headers")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = output
        .files
        .iter()
        .find(|(name, _)| name.ends_with("things.rs"))
        .map(|(_, text)| text)
        .expect("the things module");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `CreateHeaders` struct's fields.
fn fields() -> String {
    let text = things();
    text.split("pub struct CreateHeaders {")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .expect("CreateHeaders")
        .to_owned()
}

#[test]
fn each_scalar_header_is_a_typed_optional_field() {
    let fields = fields();
    for expected in [
        "pub e_tag: Option<String>,",
        "pub retry_after: Option<i32>,",
        "pub x_ms_count: Option<i64>,",
        "pub x_ms_ratio: Option<f32>,",
        "pub x_ms_score: Option<f64>,",
        "pub x_ms_done: Option<bool>,",
        // Enum values as their text: no model is made for a header.
        "pub x_ms_kind: Option<String>,",
    ] {
        assert!(
            fields.contains(expected),
            "missing `{expected}` in {fields}"
        );
    }
}

#[test]
fn a_header_declared_by_two_responses_is_one_field_and_arrays_are_left_raw() {
    let fields = fields();
    assert_eq!(fields.matches("pub e_tag:").count(), 1, "{fields}");
    assert!(!fields.contains("x_ms_tags"), "{fields}");
}

#[test]
fn a_secret_header_is_a_secret() {
    let fields = fields();
    assert!(
        fields.contains("pub x_ms_access_token: Option<::armgen_runtime::Secret>,"),
        "{fields}"
    );
}

#[test]
fn headers_are_matched_in_any_case_and_a_bad_value_is_an_error_naming_it() {
    let text = things();
    assert!(
        text.contains(r#"if __name.eq_ignore_ascii_case("Retry-After") {"#),
        "{text}"
    );
    assert!(
        text.contains(r#"::armgen_runtime::ValidationError::new( "Retry-After", ::armgen_runtime::Constraint::Type("an int32".to_owned()), )"#),
        "{text}"
    );
}

#[test]
fn an_operation_without_declared_headers_has_no_struct() {
    let text = things();
    assert!(!text.contains("GetHeaders"), "{text}");
}

//! Broken specs give every problem at once, each with file, line:column and
//! JSON pointer, and never a panic.

mod support;

fn errors_of(fixture: &str) -> String {
    let result = armgen::Config::new(support::fixtures().join("fixtures/broken"))
        .spec(fixture, "broken")
        .generate();
    match result {
        Ok(_) => panic!("{fixture} generated without errors"),
        Err(error) => error.to_string(),
    }
}

fn check(fixture: &str) {
    check_file(fixture, "yaml");
}

fn check_file(fixture: &str, extension: &str) {
    let text = errors_of(&format!("{fixture}.{extension}"));
    support::assert_golden(
        &format!("fixtures/broken/{fixture}.expected"),
        &format!("{text}\n"),
    );
}

#[test]
fn invalid_yaml_names_line_and_column() {
    check("bad_yaml");
}

#[test]
fn dangling_refs_name_the_ref_and_the_missing_target() {
    check("dangling_ref");
}

#[test]
fn all_problems_of_a_spec_are_reported_together() {
    check("many_problems");
    let text = errors_of("many_problems.yaml");
    for expected in [
        "`operationId` is missing",
        "duplicate operationId `Things_Put`",
        "not a valid regular expression",
        "polymorphic schema",
        "`{id}`",
    ] {
        assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
    }
}

/// `multipleOf` must be a number above zero: anything else would make
/// every value (or none) pass.
#[test]
fn a_multiple_of_zero_negative_or_not_a_number_is_located() {
    check("multiple_of");
}

#[test]
fn duplicate_mapping_keys_are_errors() {
    check("duplicate_key");
}

/// JSON specs are parsed by serde_json and located only when a problem is
/// reported: the problems still name line:column and pointer.
#[test]
fn problems_of_a_json_spec_are_located() {
    check_file("json_problems", "json");
}

#[test]
fn invalid_json_names_line_and_column() {
    check_file("bad_json", "json");
}

#[test]
fn duplicate_keys_in_json_are_errors() {
    check_file("duplicate_key_json", "json");
}

#[test]
fn only_openapi_2_is_accepted() {
    check("openapi3");
}

#[test]
fn a_file_that_is_not_utf8_is_reported_at_the_offending_byte() {
    check("not_utf8");
}

#[test]
fn a_byte_order_mark_is_accepted_and_positions_after_it_are_right() {
    check("bom");
}

#[test]
fn a_missing_spec_file_is_an_error_not_a_panic() {
    let text = errors_of("no-such-file.yaml");
    assert!(
        text.contains("cannot read") && text.contains("no-such-file.yaml"),
        "{text}"
    );
}

#[test]
fn every_diagnostic_has_a_location_with_a_pointer() {
    let result = armgen::Config::new(support::fixtures().join("fixtures/broken"))
        .spec("many_problems.yaml", "broken")
        .resolve();
    let Err(armgen::Error::Spec(diagnostics)) = result else {
        panic!("expected spec errors");
    };
    assert!(diagnostics.len() >= 5);
    for d in &diagnostics {
        assert!(d.location.line >= 1 && d.location.column >= 1, "{d}");
        assert_eq!(d.location.file, std::path::Path::new("many_problems.yaml"));
        assert!(d.location.pointer.starts_with('/'), "{d}");
    }
}

/// A parameter group is one struct: a field that means two different
/// parameters, or a group named like a type of its module, is located at the
/// parameter's `x-ms-parameter-grouping`.
#[test]
fn parameter_groups_that_cannot_be_one_struct_are_located() {
    check("parameter_groups");
}

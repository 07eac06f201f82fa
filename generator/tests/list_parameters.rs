//! Array-valued path, query and header parameters: taken as slices, their
//! items joined by the `collectionFormat`'s separator (or the parameter
//! repeated for `multi`), the joined value then encoded as any other; and
//! operations that declare only error responses. The AutoRest test
//! server's `UrlQueriesArray*` and `UrlPathsArrayCSVInPath` scenarios run
//! them against a server.

mod support;

fn generate(fixture: &str) -> Result<armgen::Output, armgen::Error> {
    armgen::Config::new(support::fixtures().join("fixtures/query"))
        .spec(fixture, "lists")
        .generate()
}

/// The `things` module, whitespace-collapsed and without the breaks the
/// formatter puts in method chains and argument lists.
fn things() -> String {
    let output = generate("lists.yaml").unwrap_or_else(|e| panic!("{e}"));
    let text = output
        .files
        .iter()
        .find(|(name, _)| name.ends_with("things.rs"))
        .map(|(_, text)| text)
        .expect("the things module");
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" .", ".")
        .replace("( ", "(")
        .replace(", )", ")")
}

fn joined(name: &str, item: &str, separator: &str) -> String {
    format!("{name}.iter().map(|__item| {item}).collect::<Vec<_>>().join(\"{separator}\")")
}

#[test]
fn list_parameters_are_taken_as_slices() {
    let text = things();
    assert!(text.contains("names: &[String],"), "{text}");
    assert!(text.contains("ids: &[i32],"), "{text}");
    assert!(text.contains("tags: Option<&[String]>,"), "{text}");
    assert!(
        text.contains("x_ms_colors: Option<&[super::models::Color]>)"),
        "{text}"
    );
}

#[test]
fn a_path_list_is_one_segment_of_its_items_joined_by_commas() {
    let text = things();
    let expected = format!(
        ".path(\"/things/{{names}}\", &[&{}])",
        joined("names", "__item.as_str()", ",")
    );
    assert!(text.contains(&expected), "missing {expected} in {text}");
}

#[test]
fn query_lists_are_joined_by_their_collection_format() {
    let text = things();
    for (wire, name, separator) in [
        ("ids", "ids", ","),
        ("spaced", "spaced", " "),
        ("tabbed", "tabbed", "\\t"),
        ("piped", "piped", "|"),
    ] {
        let item = if name == "ids" {
            "__item.to_string()"
        } else {
            "__item.as_str()"
        };
        let expected = format!(".query(\"{wire}\", &{})", joined(name, item, separator));
        assert!(text.contains(&expected), "missing {expected} in {text}");
    }
}

#[test]
fn a_multi_query_list_repeats_the_parameter_per_item() {
    let text = things();
    assert!(
        text.contains(r#"if let Some(tags) = tags { for __item in tags { __url = __url.query("tags", __item.as_str()); } }"#),
        "{text}"
    );
}

#[test]
fn a_header_list_is_its_items_joined_by_commas() {
    let text = things();
    let expected = format!(
        "__request.headers.push((\"x-ms-colors\".to_owned(), {}));",
        joined("x_ms_colors", "__item.as_str()", ",")
    );
    assert!(text.contains(&expected), "missing {expected} in {text}");
}

#[test]
fn an_operation_declaring_only_errors_is_generated_and_every_answer_is_an_error() {
    let text = things();
    assert!(text.contains("pub fn refused_request("), "{text}");
    assert!(
        text.contains("::armgen_runtime::decode_empty(response, &[])"),
        "{text}"
    );
}

#[test]
fn list_parameters_armgen_cannot_send_are_located_errors() {
    let errors = match generate("lists_broken.yaml") {
        Ok(_) => panic!("generated without errors"),
        Err(e) => e.to_string(),
    };
    for expected in [
        "error: parameter `multiHeader`: `collectionFormat: multi` is not supported here (csv, ssv, tsv and pipes are, and multi in the query)\n  --> lists_broken.yaml:11:96 (at #/paths/~1things/get/parameters/0/collectionFormat)",
        "error: parameter `odd`: `collectionFormat: semicolons` is not supported here",
        "error: parameter `nested`: only string, number, boolean and enum values, and arrays of them, are supported outside the body\n  --> lists_broken.yaml:13:11 (at #/paths/~1things/get/parameters/2)",
        "error: the operation has no success (2xx) response\n  --> lists_broken.yaml:19:7 (at #/paths/~1nothing/get/responses)",
    ] {
        assert!(
            errors.contains(expected),
            "missing `{expected}` in:\n{errors}"
        );
    }
}

//! How query parameters are added to a request's URL: encoded, unless the
//! spec says `x-ms-skip-url-encoding`. The runtime's encoding of each is
//! tested in `armgen-runtime` (`UrlBuilder`).

mod support;

fn operations_text() -> String {
    let output = armgen::Config::new(support::fixtures().join("fixtures/query"))
        .spec("skip.yaml", "query")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = output
        .files
        .iter()
        .find(|(name, text)| name.ends_with(".rs") && text.contains("fn list_request"))
        .map(|(_, text)| text)
        .expect("a module with the request function");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_query_parameter_that_skips_url_encoding_is_added_unencoded() {
    let text = operations_text();
    assert!(text.contains(r#".query_unencoded("raw", raw)"#), "{text}");
    assert!(
        text.contains(r#"__url = __url.query_unencoded("rawOptional", raw_optional);"#),
        "{text}"
    );
}

#[test]
fn other_query_parameters_stay_encoded() {
    let text = operations_text();
    assert!(text.contains(r#".query("plain", plain)"#), "{text}");
    assert!(!text.contains(r#"query_unencoded("plain""#), "{text}");
}

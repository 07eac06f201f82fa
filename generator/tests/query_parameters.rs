//! How query parameters are added to a request's URL: encoded, unless the
//! spec says `x-ms-skip-url-encoding`; `api-version` the client's, unless
//! the spec says `x-ms-api-version: false`. The runtime's encoding of each
//! is tested in `armgen-runtime` (`UrlBuilder`).

mod support;

/// The generated module of `spec` that has `function`, whitespace-collapsed.
fn module_with(spec: &str, function: &str) -> String {
    let output = armgen::Config::new(support::fixtures().join("fixtures/query"))
        .spec(spec, "query")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = output
        .files
        .iter()
        .find(|(name, text)| name.ends_with(".rs") && text.contains(function))
        .map(|(_, text)| text)
        .expect("a module with the request function");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn operations_text() -> String {
    module_with("skip.yaml", "fn list_request")
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

#[test]
fn an_api_version_marked_x_ms_api_version_false_is_the_operations_own_argument() {
    let text = module_with("api_version.yaml", "fn own_request");
    let own = text
        .split("pub fn own_request(")
        .nth(1)
        .and_then(|rest| rest.split("pub fn ").next())
        .expect("own_request");
    // Not the client's `api_version`: an argument of its own, sent as given.
    assert!(!own.contains("api_version: &str,"), "{own}");
    assert!(
        own.contains(r#".query("api-version", api_version"#),
        "{own}"
    );
    let client = text
        .split("pub fn client_request(")
        .nth(1)
        .expect("client_request");
    assert!(
        client
            .trim_start()
            .starts_with("endpoint: &::armgen_runtime::Url, api_version: &str"),
        "{client}"
    );
}

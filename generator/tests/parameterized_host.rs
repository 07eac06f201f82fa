//! `x-ms-parameterized-host`: the client takes the host template's
//! parameters in `new` and builds its endpoint from them; a template armgen
//! cannot fill is a located error. The runtime's filling in is tested in
//! `armgen-runtime` (`parameterized_host`); the AutoRest test server's
//! `custom-baseUrl*` scenarios run it against a server.

mod support;

/// The `clients` module generated from `fixture`, whitespace-collapsed.
fn clients_of(fixture: &str) -> String {
    let output = armgen::Config::new(support::fixtures().join("fixtures/host"))
        .spec(fixture, "host")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = output
        .files
        .iter()
        .find(|(name, _)| name.ends_with("clients.rs"))
        .map(|(_, text)| text)
        .expect("a clients module");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn errors_of(fixture: &str) -> String {
    match armgen::Config::new(support::fixtures().join("fixtures/host"))
        .spec(fixture, "host")
        .generate()
    {
        Ok(_) => panic!("{fixture} generated without errors"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn the_client_takes_the_host_parameters_before_the_subscription_by_default() {
    let text = clients_of("first.yaml");
    assert!(
        text.contains(
            "pub fn new( account_name: &str, zone: &str, subscription_id: &str, credential:"
        ),
        "{text}"
    );
}

#[test]
fn position_in_operation_last_puts_them_after_the_subscription() {
    let text = clients_of("last.yaml");
    assert!(
        text.contains("pub fn new( subscription_id: &str, endpoint: &str, credential:"),
        "{text}"
    );
}

#[test]
fn the_endpoint_is_the_template_filled_in_and_encoded_unless_skipped() {
    let text = clients_of("first.yaml");
    assert!(
        text.contains(
            r#"::armgen_runtime::parameterized_host( "{accountName}.{zone}/api", true, &[ ::armgen_runtime::HostPart::Encoded(account_name), ::armgen_runtime::HostPart::Literal("."), ::armgen_runtime::HostPart::Raw(zone), ::armgen_runtime::HostPart::Literal("/api"), ], )"#
        ),
        "{text}"
    );
    // It replaces the `endpoint` option.
    assert!(
        text.contains("let mut options = options.unwrap_or_default(); options.endpoint = Some("),
        "{text}"
    );
}

#[test]
fn use_scheme_prefix_false_leaves_the_scheme_to_the_template() {
    let text = clients_of("last.yaml");
    assert!(
        text.contains(r#"parameterized_host( "{endpoint}", false,"#),
        "{text}"
    );
}

#[test]
fn the_spec_default_and_description_document_the_argument() {
    let text = clients_of("first.yaml");
    assert!(
        text.contains("* `account_name` - `{accountName}` of the host template `{accountName}.{zone}/api`: The account."),
        "{text}"
    );
    assert!(
        text.contains("(the spec's default: `example.net`)"),
        "{text}"
    );
}

#[test]
fn a_template_armgen_cannot_fill_is_a_located_error() {
    let errors = errors_of("broken.yaml");
    for expected in [
        "error: `positionInOperation` must be `first` or `last`\n  --> broken.yaml:7:3 (at #/x-ms-parameterized-host/positionInOperation)",
        "error: host parameter `account` must be `in: path`\n  --> broken.yaml:9:23 (at #/x-ms-parameterized-host/parameters/0/in)",
        "error: host parameter `unused` does not appear in `{account}{missing}`\n  --> broken.yaml:10:7 (at #/x-ms-parameterized-host/parameters/1)",
        "error: the host template uses `{account}`, but no host parameter is called `account`\n  --> broken.yaml:6:3 (at #/x-ms-parameterized-host/hostTemplate)",
        "error: the host template uses `{missing}`, but no host parameter is called `missing`\n  --> broken.yaml:6:3 (at #/x-ms-parameterized-host/hostTemplate)",
    ] {
        assert!(
            errors.contains(expected),
            "missing `{expected}` in:\n{errors}"
        );
    }
}

#[test]
fn a_spec_without_the_extension_keeps_the_endpoint_option() {
    let output = armgen::Config::new(support::fixtures().join("fixtures/query"))
        .spec("skip.yaml", "query")
        .generate()
        .unwrap();
    let (_, clients) = output
        .files
        .iter()
        .find(|(name, _)| name.ends_with("clients.rs"))
        .expect("a clients module");
    assert!(!clients.contains("parameterized_host"));
    assert!(clients.contains("let options = options.unwrap_or_default();"));
}

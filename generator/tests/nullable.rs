//! `x-nullable: true`: a success body that may be `null` (or absent) is an
//! `Option`, and so are array items and map values marked so; a query
//! parameter's items cannot be null on the wire and stay plain. The
//! AutoRest test server's `get…Null` and `…ItemNull` scenarios read them
//! from a server.

mod support;

/// A generated file, whitespace-collapsed.
fn file(name: &str) -> String {
    let output = armgen::Config::new(support::fixtures().join("fixtures/nullable"))
        .spec("nullable.yaml", "nullable")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = output
        .files
        .iter()
        .find(|(path, _)| path.ends_with(name))
        .map(|(_, text)| text)
        .unwrap_or_else(|| panic!("no {name}"));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a client method, from its name to the next method.
fn method<'a>(clients: &'a str, name: &str) -> &'a str {
    let rest = clients
        .split(&format!("pub async fn {name}("))
        .nth(1)
        .unwrap_or_else(|| panic!("no method {name}"));
    rest.split("pub async fn").next().unwrap_or(rest)
}

#[test]
fn a_nullable_success_body_is_an_option_and_an_empty_body_is_none() {
    let things = file("things.rs");
    assert!(
        things.contains("pub fn get_count_response( response: &::armgen_runtime::HttpResponse, ) -> ::core::result::Result< ::core::option::Option<i32>,"),
        "{things}"
    );
    assert!(
        things.contains("::armgen_runtime::decode_nullable(response, &[200], &[])"),
        "{things}"
    );
    let clients = file("clients.rs");
    let get_count = method(&clients, "get_count");
    assert!(
        get_count.contains("Response< ::core::option::Option<i32>, >"),
        "{get_count}"
    );
    // An empty body reaches `into_model` as `null`.
    assert!(get_count.contains(".execute_optional( "), "{get_count}");
    let get = method(&clients, "get");
    assert!(get.contains(".execute( "), "{get}");
}

#[test]
fn nullable_items_and_values_are_options() {
    let models = file("models.rs");
    for field in [
        "pub parts: ::core::option::Option<::std::vec::Vec<::core::option::Option<Part>>>,",
        "pub labels: ::core::option::Option< ::std::collections::BTreeMap< ::std::string::String, ::core::option::Option<::std::string::String>, >, >,",
        "pub plain: ::core::option::Option<::std::vec::Vec<::std::string::String>>,",
    ] {
        assert!(models.contains(field), "missing `{field}` in {models}");
    }
    let things = file("things.rs");
    assert!(
        things.contains("-> ::core::result::Result< ::std::vec::Vec<::core::option::Option<::std::string::String>>,"),
        "{things}"
    );
}

#[test]
fn a_query_parameter_with_nullable_items_takes_plain_items() {
    let things = file("things.rs");
    assert!(
        things.contains("tags: ::core::option::Option<&[::std::string::String]>"),
        "{things}"
    );
}

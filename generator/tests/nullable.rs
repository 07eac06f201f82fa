//! `x-nullable: true`: a success body that may be `null` (or absent) is an
//! `Option`, and so are array items and map values marked so; a query
//! parameter's items cannot be null on the wire and stay plain. With
//! `nulls: tolerated` the same holds where the spec says nothing, but not
//! where it says `x-nullable: false`, nor for a paged list or an error
//! body. The AutoRest test server's `get…Null`, `…ItemNull`, `…WithNull`
//! and `…NotProvided` scenarios read them from a server.

mod support;

/// A generated file, whitespace-collapsed.
fn file(name: &str) -> String {
    file_with(name, armgen::Nulls::Declared)
}

/// A generated file with the `nulls` setting given, whitespace-collapsed.
fn file_with(name: &str, nulls: armgen::Nulls) -> String {
    let output = armgen::Config::new(support::fixtures().join("fixtures/nullable"))
        .spec("nullable.yaml", "nullable")
        .nulls(nulls)
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
        things.contains("pub fn get_count_response( response: &::armgen_runtime::HttpResponse, ) -> Result< Option<i32>,"),
        "{things}"
    );
    assert!(
        things.contains("::armgen_runtime::decode_nullable(response, &[200], &[])"),
        "{things}"
    );
    let clients = file("clients.rs");
    let get_count = method(&clients, "get_count");
    assert!(get_count.contains("Response<Option<i32>>"), "{get_count}");
    // An empty body reaches `into_model` as `null`.
    assert!(get_count.contains(".execute_optional( "), "{get_count}");
    let get = method(&clients, "get");
    assert!(get.contains(".execute( "), "{get}");
}

#[test]
fn nullable_items_and_values_are_options() {
    let models = file("models.rs");
    for field in [
        "pub parts: Option<Vec<Option<Part>>>,",
        "pub labels: Option<::std::collections::BTreeMap<String, Option<String>>>,",
        "pub plain: Option<Vec<String>>,",
    ] {
        assert!(models.contains(field), "missing `{field}` in {models}");
    }
    let things = file("things.rs");
    assert!(
        things.contains("-> Result< Vec<Option<String>>,"),
        "{things}"
    );
}

#[test]
fn a_query_parameter_with_nullable_items_takes_plain_items() {
    let things = file("things.rs");
    assert!(things.contains("tags: Option<&[String]>"), "{things}");
}

#[test]
fn by_default_undeclared_nulls_are_not_options() {
    let models = file("models.rs");
    assert!(
        models.contains("pub strict: Option<Vec<String>>,"),
        "{models}"
    );
    let things = file("things.rs");
    assert!(
        things.contains("-> Result< super::models::Thing, ::armgen_runtime::ResponseError<super::models::Failure>, >"),
        "{things}"
    );
}

#[test]
fn tolerated_nulls_make_undeclared_items_values_and_bodies_options() {
    let tolerated = armgen::Nulls::Tolerated;
    let models = file_with("models.rs", tolerated);
    for field in [
        // Undeclared: tolerated.
        "pub plain: Option<Vec<Option<String>>>,",
        // `x-nullable: false`: never.
        "pub strict: Option<Vec<String>>,",
        "pub parts: Option<Vec<Option<Part>>>,",
    ] {
        assert!(models.contains(field), "missing `{field}` in {models}");
    }
    let things = file_with("things.rs", tolerated);
    // The success body may be empty; the error body stays the model.
    assert!(
        things.contains("-> Result< Option<super::models::Thing>, ::armgen_runtime::ResponseError<super::models::Failure>, >"),
        "{things}"
    );
    assert!(
        things.contains("::armgen_runtime::decode_nullable(response, &[200], &[])"),
        "{things}"
    );
    // A pager needs a body: the page type stays plain.
    assert!(
        things.contains("pub fn list_pages_response( response: &::armgen_runtime::HttpResponse, ) -> Result< super::models::PartList,"),
        "{things}"
    );
}

#[test]
fn tolerated_nulls_change_nothing_where_the_spec_is_explicit() {
    // `x-nullable: true` is an `Option` either way.
    let declared = file("things.rs");
    let tolerated = file_with("things.rs", armgen::Nulls::Tolerated);
    for text in [&declared, &tolerated] {
        assert!(
            text.contains("pub fn get_count_response( response: &::armgen_runtime::HttpResponse, ) -> Result< Option<i32>,"),
            "{text}"
        );
    }
}

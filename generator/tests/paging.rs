//! `x-ms-pageable.operationName`: a list's next pages are asked for with
//! the operation it names (here one under `x-ms-paths`), given the next link
//! and the first call's arguments; one armgen cannot call is a located error.
//! The link goes into the named operation's `{nextLink}` with its query
//! (`next?page=2`). The AutoRest test server's
//! `PagingMultipleWithQueryParameters`, `PagingFragment` and
//! `PagingCustomUrlPartialOperationNextLink` run it against a server.

mod support;

fn generate(fixture: &str) -> Result<armgen::Output, armgen::Error> {
    armgen::Config::new(support::fixtures().join("fixtures/paging"))
        .spec(fixture, "paging")
        .generate()
}

/// The generated file whose name ends with `suffix`, whitespace-collapsed.
fn file(fixture: &str, suffix: &str) -> String {
    let output = generate(fixture).unwrap_or_else(|e| panic!("{e}"));
    let text = output
        .files
        .iter()
        .find(|(name, _)| name.ends_with(suffix))
        .map(|(_, text)| text)
        .unwrap_or_else(|| panic!("no {suffix}"));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn operations_under_x_ms_paths_are_generated_without_the_keys_query() {
    let text = file("next_operation.yaml", "things.rs");
    assert!(text.contains("pub fn list_next_request("), "{text}");
    assert!(text.contains(r#".literal("/things/")"#), "{text}");
    // The key's `?next` is not sent: only declared parameters are.
    assert!(!text.contains("?next"), "{text}");
    assert!(!text.contains(r#"query("next""#), "{text}");
}

#[test]
fn the_next_link_path_parameter_keeps_its_query_other_path_values_do_not() {
    let text = file("next_operation.yaml", "things.rs");
    let next = text
        .split("pub fn list_next_request(")
        .nth(1)
        .expect("the next operation");
    // `next?page=2` as the service wrote it: path, then query.
    assert!(next.contains(r#".link("nextLink", next_link)"#), "{next}");
    assert!(next.contains(r#".segment("tenant", tenant)"#), "{next}");
}

#[test]
fn the_pager_asks_for_next_pages_with_the_named_operation() {
    let text = file("next_operation.yaml", "clients.rs");
    let list = text
        .split("pub fn list<'a>(")
        .nth(1)
        .and_then(|rest| rest.split("pub fn list_next<'a>(").next())
        .expect("the list method");
    for expected in [
        // The first call's arguments, copied for every next page: required
        // ones and optional ones alike.
        "let __arg0 = self.subscription_id.clone();",
        "let __arg1 = tenant.to_owned();",
        "let __arg3 = options.filter.clone();",
        "move |__link: &str| super::things::list_next_request( &__endpoint, &__api_version, &__arg0, &__arg1, __link, __arg3.as_deref(), None, )",
        ".pager_with(",
    ] {
        assert!(list.contains(expected), "missing `{expected}` in {list}");
    }
}

#[test]
fn without_operation_name_the_next_link_is_followed() {
    let text = file("next_operation.yaml", "clients.rs");
    let next = text
        .split("pub fn list_next<'a>(")
        .nth(1)
        .expect("the list_next method");
    assert!(next.contains(".pager("), "{next}");
    assert!(!next.contains("pager_with"), "{next}");
}

#[test]
fn a_next_operation_armgen_cannot_call_is_a_located_error() {
    let errors = match generate("broken_next_operation.yaml") {
        Ok(_) => panic!("generated without errors"),
        Err(e) => e.to_string(),
    };
    for expected in [
        "error: `x-ms-pageable.operationName` of `Things_List` names `Things_Missing`, which is not an operation of this spec\n  --> broken_next_operation.yaml:7:5 (at #/paths/~1things/get)",
        "error: `x-ms-pageable.operationName` of `Others_List` names `Others_ListNext`, whose required parameter `token` is neither `nextLink` nor a required parameter of `Others_List`\n  --> broken_next_operation.yaml:13:5 (at #/paths/~1others/get)",
    ] {
        assert!(
            errors.contains(expected),
            "missing `{expected}` in:\n{errors}"
        );
    }
}

#[test]
fn a_long_running_list_is_a_pager_whose_first_page_is_polled_for() {
    let text = file("lro_list.yaml", "clients.rs");
    let export = text
        .split("pub fn begin_export<'a>(")
        .nth(1)
        .expect("the begin_export method");
    assert!(
        export.contains(
            "::armgen_runtime::__private::azure_core::http::Pager<super::models::ThingList>"
        ),
        "{export}"
    );
    assert!(
        export.contains(".lro_pager( __request, super::things::export_response, ::armgen_runtime::FinalStateVia::Location, options.method_options, |page: &super::models::ThingList| page.next_link.as_deref(), )"),
        "{export}"
    );
}

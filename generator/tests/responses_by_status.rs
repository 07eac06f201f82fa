//! Success responses: bodies of different types per status become an enum
//! with a variant per status; an `Option` result reads `None` from a
//! success without a body; an operation whose method `azure_core` cannot
//! send is left out with a warning naming it, not the whole spec. The
//! AutoRest test server's `httpInfrastructure.json` scenarios run them
//! against a server.

mod support;

fn generate(file: &str) -> Result<armgen::Output, armgen::Error> {
    armgen::Config::new(support::fixtures().join("fixtures/responses"))
        .spec(file, "responses")
        .generate()
}

/// A generated file, whitespace-collapsed.
fn file(output: &armgen::Output, name: &str) -> String {
    let text = output
        .files
        .iter()
        .find(|(path, _)| path.ends_with(name))
        .map(|(_, text)| text)
        .unwrap_or_else(|| panic!("no {name}"));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn output() -> armgen::Output {
    generate("responses.yaml").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn different_success_bodies_are_an_enum_with_a_variant_per_status() {
    let things = file(&output(), "things.rs");
    assert!(
        things.contains("pub enum GetResponse { /// `200`, with its body. Status200(super::models::Thing), /// `201`, with its body. Status201(super::models::Created), /// `204`, without a body. Status204, }"),
        "{things}"
    );
    // Decoded by status, every other status the error model.
    assert!(
        things.contains("-> Result<GetResponse, ::armgen_runtime::ResponseError<super::models::Failure>> { ::armgen_runtime::decode_by_status(response, &[200, 201, 204]) }"),
        "{things}"
    );
    for arm in [
        "200 => { ::armgen_runtime::__private::serde_json::from_slice(body) .map(Self::Status200) }",
        "201 => { ::armgen_runtime::__private::serde_json::from_slice(body) .map(Self::Status201) }",
        "204 => Ok(Self::Status204),",
        "is not a success of `{}`\", \"Things_Get\"",
    ] {
        assert!(things.contains(arm), "missing `{arm}` in {things}");
    }
    // Serialized as the body alone (dynamic callers), validated per variant.
    assert!(
        things.contains("untagged)] pub enum GetResponse"),
        "{things}"
    );
    assert!(
        things.contains("impl ::armgen_runtime::Validate for GetResponse"),
        "{things}"
    );
}

#[test]
fn the_client_method_returns_the_enum_to_be_read_by_status() {
    let clients = file(&output(), "clients.rs");
    assert!(
        clients.contains("::armgen_runtime::__private::azure_core::http::Response< super::things::GetResponse, ::armgen_runtime::__private::azure_core::http::NoFormat, >"),
        "{clients}"
    );
}

#[test]
fn an_optional_result_is_executed_so_that_an_empty_body_reads_as_none() {
    let clients = file(&output(), "clients.rs");
    let put = clients
        .split("pub async fn put(")
        .nth(1)
        .expect("the put method");
    let put = put.split("pub async fn").next().unwrap_or(put);
    assert!(
        put.contains("Response< Option<super::models::Thing>, >"),
        "{put}"
    );
    assert!(put.contains(".execute_optional("), "{put}");
    let get = clients
        .split("pub async fn get(")
        .nth(1)
        .expect("the get method");
    let get = get.split("pub async fn").next().unwrap_or(get);
    assert!(get.contains(".execute("), "{get}");
}

#[test]
fn an_options_operation_is_left_out_with_a_warning_naming_it() {
    let output = output();
    let warning = support::warning_naming(&output, "`Things_Options`");
    assert!(warning.starts_with("warning: "), "{warning}");
    assert!(warning.contains("`OPTIONS /things`"), "{warning}");
    assert!(warning.contains("is left out"), "{warning}");
    assert!(warning.contains("responses.yaml:39:5"), "{warning}");
    assert!(warning.contains("#/paths/~1things/options"), "{warning}");
    let things = file(&output, "things.rs");
    assert!(!things.contains("options_request"), "{things}");
}

/// Form bodies and file responses are generated (see `media_types.rs`):
/// only the `OPTIONS` operation is left out.
#[test]
fn form_bodies_and_file_responses_are_generated_beside_the_rest() {
    let output = output();
    let warnings: Vec<String> = output.warnings.iter().map(|w| w.as_warning()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let things = file(&output, "things.rs");
    assert!(
        things.contains("__request.set_multipart_body(&__form);"),
        "{things}"
    );
    assert!(
        things.contains("::armgen_runtime::decode_bytes(response, &[200])"),
        "{things}"
    );
    assert!(things.contains("pub fn get_request("), "{things}");
}

/// A success response in media types armgen cannot read for its type
/// would be read as JSON: the operation is left out with a warning naming it
/// and the types. One JSON type among others is enough; a string body may
/// be `text/plain` (see `media_types.rs`); an operation without such a body
/// is kept whatever it lists.
#[test]
fn operations_whose_bodies_are_not_json_are_left_out_one_at_a_time() {
    let output = generate("media.yaml").unwrap_or_else(|e| panic!("{e}"));
    let find = |id: &str| support::warning_naming(&output, id);
    let xml = find("`Things_GetXml`");
    assert!(
        xml.contains("(`GET /xml`) is left out: its success bodies come as application/xml only"),
        "{xml}"
    );
    assert!(xml.contains("media.yaml:16:5"), "{xml}");
    assert_eq!(output.warnings.len(), 1, "{:?}", output.warnings);
    let things = file(&output, "things.rs");
    assert!(
        things.contains(r#"__request.set_text_body("text/plain; charset=UTF-8", body);"#),
        "{things}"
    );
    assert!(!things.contains("get_xml_request"), "{things}");
    assert!(things.contains("pub fn put_either_request("), "{things}");
    assert!(things.contains("pub fn bare_request("), "{things}");
}

#[test]
fn a_poller_with_different_success_bodies_and_an_unknown_method_are_errors() {
    let error = match generate("long_running.yaml") {
        Ok(_) => panic!("long_running.yaml was accepted"),
        Err(error) => error.to_string(),
    };
    assert!(
        error.contains("a long-running or pageable operation needs one result type"),
        "{error}"
    );
    assert!(error.contains("#/paths/~1things/put/responses"), "{error}");
    assert!(error.contains("unsupported method `frobnicate`"), "{error}");
    // Nothing else: the patch operation is fine.
    assert!(error.contains("2 problems in the spec"), "{error}");
}

/// A `HEAD` that declares 404 without a body answers whether the thing
/// exists: a `bool`, 404 being `false`. Without the 404 it stays `()`.
#[test]
fn a_head_declaring_404_is_an_existence_check() {
    let output = output();
    let things = &output.api.services[0]
        .groups
        .iter()
        .find(|g| g.name == "things")
        .unwrap()
        .operations;
    let op = |id: &str| things.iter().find(|o| o.id == id).unwrap();
    assert!(op("Things_Exists").exists);
    assert!(!op("Things_Touch").exists);
    assert!(!op("Things_Get").exists);
    let module = file(&output, "things.rs");
    assert!(
        module.contains("::armgen_runtime::decode_exists(response, &[204])"),
        "{module}"
    );
    let clients = file(&output, "clients.rs");
    assert!(clients.contains(".execute_exists("), "{clients}");
}

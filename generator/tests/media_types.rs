//! Bodies that are not JSON. A body of bytes (`format: binary`,
//! `format: file`, `type: file`) is sent as it is, with its media type; a
//! string body also as `text/plain`; when the operation consumes several
//! types armgen can produce, the caller chooses with a generated enum.
//! `type: file` and `text/plain` success bodies are read as bytes and text.
//! Form parameters (`in: formData`) make a URL-encoded body, or a
//! `multipart/form-data` one when a field is a file. What armgen cannot
//! produce or read (XML, a model as a PDF, a form without a form media type,
//! a pageable body of bytes) is left out with a located warning. The AutoRest
//! test server's `body-binary`, `body-file`, `media_types` and
//! `required-optional` scenarios run them against a server.

mod support;

fn output() -> armgen::Output {
    armgen::Config::new(support::fixtures().join("fixtures/media"))
        .spec("media.yaml", "media")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
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

/// The text of `file` from `start` to the next `pub fn` (or its end).
fn function<'a>(file: &'a str, start: &str) -> &'a str {
    let rest = file
        .split(start)
        .nth(1)
        .unwrap_or_else(|| panic!("no `{start}` in {file}"));
    rest.split("pub fn").next().unwrap_or(rest)
}

#[test]
fn a_body_of_bytes_is_sent_as_it_is_with_its_media_type() {
    let files = file(&output(), "files.rs");
    let put = function(&files, "pub fn put_octets_request(");
    assert!(put.contains("content: &[u8],"), "{put}");
    assert!(
        put.contains(r#"__request.set_bytes_body("application/octet-stream", content);"#),
        "{put}"
    );
    // Nothing to check in bytes, and never JSON.
    assert!(!put.contains("Validator"), "{put}");
    assert!(!put.contains("set_json_body"), "{put}");
}

#[test]
fn an_optional_body_of_bytes_is_left_out_when_not_given() {
    let output = output();
    let files = file(&output, "files.rs");
    let put = function(&files, "pub fn put_optional_request(");
    assert!(put.contains("picture: Option<&[u8]>"), "{put}");
    assert!(
        put.contains(
            r#"if let Some(picture) = picture { __request.set_bytes_body("image/png", picture); }"#
        ),
        "{put}"
    );
    let clients = file(&output, "clients.rs");
    assert!(
        clients.contains("pub picture: Option<Vec<u8>>,"),
        "{clients}"
    );
    assert!(clients.contains("options.picture.as_deref()"), "{clients}");
}

#[test]
fn several_media_types_are_the_callers_choice_by_a_generated_enum() {
    let output = output();
    let files = file(&output, "files.rs");
    // One variant per media type armgen can produce for bytes: the form
    // type is not one.
    assert!(
        files.contains("pub enum ChooseContentType { /// `application/octet-stream`: the bytes as they are. ApplicationOctetStream, /// `text/plain`: the bytes as they are. TextPlain, /// `application/json`: the bytes as they are. ApplicationJson, }"),
        "{files}"
    );
    assert!(
        files.contains(r#"Self::ApplicationOctetStream => "application/octet-stream", Self::TextPlain => "text/plain", Self::ApplicationJson => "application/json","#),
        "{files}"
    );
    assert!(!files.contains("MultipartFormData"), "{files}");
    let choose = function(&files, "pub fn choose_request(");
    assert!(
        choose.contains("message: &[u8], content_type: ChooseContentType,"),
        "{choose}"
    );
    assert!(
        choose.contains("ChooseContentType::TextPlain => { __request.set_bytes_body(content_type.as_str(), message); }"),
        "{choose}"
    );
    // A string body: JSON for the JSON type, the text as it is for
    // `text/plain` (with the parameters the spec gives it).
    let text = function(&files, "pub fn put_text_request(");
    assert!(
        text.contains(r#"PutTextContentType::TextPlainCharsetUtf8 => { __request.set_text_body(content_type.as_str(), text); }"#),
        "{text}"
    );
    assert!(
        text.contains(
            r#"PutTextContentType::ApplicationJson => { __request.set_json_body("text", text)?; }"#
        ),
        "{text}"
    );
    assert!(
        files.contains(r#"Self::TextPlainCharsetUtf8 => "text/plain; charset=UTF-8","#),
        "{files}"
    );
    // The client method takes the choice after the required arguments.
    let clients = file(&output, "clients.rs");
    assert!(
        clients.contains("message: &[u8], content_type: super::files::ChooseContentType, options:"),
        "{clients}"
    );
    assert!(
        clients.contains(
            "super::files::choose_request( self.pipeline.endpoint(), message, content_type, )?"
        ),
        "{clients}"
    );
}

#[test]
fn file_and_text_success_bodies_are_read_as_bytes_and_text() {
    let output = output();
    let files = file(&output, "files.rs");
    let download = function(&files, "pub fn download_response(");
    // Every success status, and the declared error model for the rest.
    assert!(
        download.contains("Result<Vec<u8>, ::armgen_runtime::ResponseError<super::models::Failure>> { ::armgen_runtime::decode_bytes(response, &[200, 202]) }"),
        "{download}"
    );
    let choose = function(&files, "pub fn choose_response(");
    assert!(
        choose.contains("::armgen_runtime::decode_text(response, &[200])"),
        "{choose}"
    );
    let clients = file(&output, "clients.rs");
    assert!(
        clients.contains("Response< Vec<u8>, ::armgen_runtime::BinaryFormat, >"),
        "{clients}"
    );
    assert!(
        clients.contains("Response< String, ::armgen_runtime::TextFormat, >"),
        "{clients}"
    );
    // `Accept` is the spec's first type.
    let request = function(&files, "pub fn download_request(");
    assert!(
        request.contains(r#""accept".to_owned(), "image/png".to_owned()"#),
        "{request}"
    );
}

#[test]
fn calls_by_operation_id_refuse_bodies_that_are_not_json_by_name() {
    let dynamic = file(&output(), "dynamic.rs");
    for (id, reason) in [
        ("Files_PutOctets", "its body is bytes, not JSON"),
        (
            "Files_Choose",
            "its body's media type is the caller's choice",
        ),
        ("Files_Download", "its success body is bytes, not JSON"),
    ] {
        let arm = format!(
            r#""{id}" => {{ Err(::armgen_runtime::DynamicError::Unsupported {{ operation: "{id}".to_owned(), reason: "{reason}", }}) }}"#
        );
        // In `build_request` and `decode_response` both.
        assert_eq!(dynamic.matches(&arm).count(), 2, "`{arm}` in {dynamic}");
    }
}

#[test]
fn what_armgen_cannot_produce_or_read_is_left_out_with_a_located_warning() {
    let output = output();
    let find = |id: &str| support::warning_naming(&output, id);
    let pdf = find("`Files_PutPdf`");
    assert!(
        pdf.contains("(`POST /pdf`) is left out: its body is sent as application/pdf only"),
        "{pdf}"
    );
    assert!(pdf.contains("media.yaml:53:5"), "{pdf}");
    assert!(pdf.contains("#/paths/~1pdf/post"), "{pdf}");
    let xml = find("`Files_GetXml`");
    assert!(
        xml.contains("(`GET /xml`) is left out: its success bodies come as application/xml only"),
        "{xml}"
    );
    let form = find("`Files_JsonForm`");
    assert!(
        form.contains("its form parameters (`in: formData`) are sent as application/json, and a form goes as `multipart/form-data` or `application/x-www-form-urlencoded`"),
        "{form}"
    );
    let pages = find("`Files_Pages`");
    assert!(
        pages.contains("its success body is not JSON, and armgen reads the pages"),
        "{pages}"
    );
    assert_eq!(output.warnings.len(), 4, "{:?}", output.warnings);
    let files = file(&output, "files.rs");
    for left_out in [
        "put_pdf_request",
        "get_xml_request",
        "json_form_request",
        "pages_request",
    ] {
        assert!(!files.contains(left_out), "{left_out} in {files}");
    }
}

#[test]
fn form_parameters_make_a_multipart_body_with_files_and_a_urlencoded_one_without() {
    let output = output();
    let files = file(&output, "files.rs");
    let form = function(&files, "pub fn form_request(");
    assert!(
        form.contains("content: &[u8], file_name: &str, more: Option<&[Vec<u8>]>,"),
        "{form}"
    );
    assert!(
        form.contains(r#"let mut __form = ::armgen_runtime::FormBody::new(); __form.file("content", content); __form.text("fileName", file_name); if let Some(more) = more { for __item in more { __form.file("more", __item); } } __request.set_multipart_body(&__form);"#),
        "{form}"
    );
    let pet = function(&files, "pub fn update_pet_request(");
    assert!(
        pet.contains(r#"__form.text("age", &age.to_string()); if let Some(name) = name { __form.text("name", name); } __request.set_urlencoded_body("form", &__form)?;"#),
        "{pet}"
    );
    assert!(!pet.contains("set_json_body"), "{pet}");
    let dynamic = file(&output, "dynamic.rs");
    assert!(
        dynamic.contains(r#"reason: "its body is a form, not JSON""#),
        "{dynamic}"
    );
}

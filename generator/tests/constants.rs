//! A required path, query or header parameter that can take one value only
//! (`enum: [v]`) is a constant: the request function sends it, written as the
//! spec writes it, and neither it nor the client asks for it. An extensible
//! `x-ms-enum` or an optional parameter stays an argument. The AutoRest test
//! server's `url`, `validation`, `constants` and `azure-special-properties`
//! scenarios check the values on the wire.

mod support;

fn file(name: &str) -> String {
    support::collapsed("constants", "constants.yaml", "constants", name)
}

#[test]
fn constants_are_sent_by_the_request_function_not_passed() {
    let things = file("things.rs");
    assert!(
        things.contains("pub fn put_request( endpoint: &::armgen_runtime::Url, open: &super::models::Open, maybe: Option<&str>, )"),
        "{things}"
    );
    for constant in [
        r#"let kind: &str = "widget";"#,
        // As written in the spec, not as a float would print it.
        r#"let scale: &str = "-1.034e-20";"#,
        r#"let x_ms_flag: &str = "true";"#,
        r#"let mode: &str = "fast";"#,
    ] {
        assert!(
            things.contains(constant),
            "missing `{constant}` in {things}"
        );
    }
    assert!(
        things.contains(r#".path("/things/{kind}", &[kind])"#),
        "{things}"
    );
    assert!(
        things.contains(r#"("x-ms-flag".to_owned(), x_ms_flag.to_owned())"#),
        "{things}"
    );
    assert!(things.contains("# Sent for you"), "{things}");
}

#[test]
fn the_client_method_takes_only_the_arguments() {
    let clients = file("clients.rs");
    let put = clients
        .split("pub async fn put(")
        .nth(1)
        .expect("a put method");
    let signature = put.split(") ->").next().unwrap_or(put);
    assert_eq!(
        signature.trim(),
        "&self, open: &super::models::Open, options: Option<ConstantsThingsClientPutOptions<'_>>,",
        "{clients}"
    );
}

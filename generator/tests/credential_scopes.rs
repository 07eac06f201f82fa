//! The token scopes a client asks for: those of the spec's OAuth2
//! `security` requirements when they are token scopes (absolute URIs), unless
//! the caller sets `credential_scopes`; ARM specs, whose scope is the
//! permission `user_impersonation`, keep the cloud's Resource Manager scope.
//! The AutoRest test server's `SecurityAad` scenario checks the token.

mod support;

/// The `clients` module of `file`, whitespace-collapsed.
fn clients(file: &str) -> String {
    let output = armgen::Config::new(support::fixtures().join("fixtures/scopes"))
        .spec(file, "scopes")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = output
        .files
        .iter()
        .find(|(path, _)| path.ends_with("clients.rs"))
        .map(|(_, text)| text)
        .expect("the clients module");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_token_scope_of_the_security_requirement_is_asked_for_by_default() {
    let clients = clients("scoped.yaml");
    assert!(
        clients.contains(r#"let mut options = options.unwrap_or_default(); if options.credential_scopes.is_none() { options.credential_scopes = Some( ::std::vec!["https://example.azure.com/.default".to_owned()], ); }"#),
        "{clients}"
    );
}

#[test]
fn an_arm_permission_name_is_not_a_scope() {
    let clients = clients("arm.yaml");
    assert!(!clients.contains("credential_scopes"), "{clients}");
    assert!(
        clients.contains("let options = options.unwrap_or_default();"),
        "{clients}"
    );
}

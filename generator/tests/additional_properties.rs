//! `additionalProperties` beside declared properties: the undeclared members
//! are a flattened map field of the struct, typed by the schema (`true` and
//! `{}` are any JSON), inherited through `allOf`, validated when its values
//! are constrained models. The AutoRest test server's `additionalProperties*`
//! scenarios send and read them; the root crate's tests decode them.

mod support;

/// The models module, whitespace-collapsed.
fn models() -> String {
    support::collapsed("additional", "additional.yaml", "additional", "models.rs")
}

/// The body of `pub struct {name} { … }`.
fn fields(models: &str, name: &str) -> String {
    models
        .split(&format!("pub struct {name} {{"))
        .nth(1)
        .and_then(|rest| rest.split("} ").next())
        .unwrap_or_else(|| panic!("no struct {name}"))
        .to_owned()
}

const MAP: &str = "pub additional_properties: ::std::collections::BTreeMap<";

#[test]
fn undeclared_members_are_a_flattened_map_of_the_declared_type() {
    let models = models();
    let pet = fields(&models, "Pet");
    assert!(
        pet.contains(&format!(
            "{MAP} String, ::armgen_runtime::__private::serde_json::Value, >,"
        )),
        "{pet}"
    );
    // Inherited from the `allOf` base.
    let cat = fields(&models, "Cat");
    assert!(cat.contains("pub friendly:"), "{cat}");
    assert!(cat.contains(MAP), "{cat}");
    // Every undeclared member goes to the map, on the way in and out.
    assert!(
        models.contains(r#"json_struct! { Pet { req id : "id", } ..additional_properties }"#),
        "{models}"
    );
    let cat_serde = models
        .split("json_struct! { Cat {")
        .nth(1)
        .and_then(|rest| rest.split(" impl ").next())
        .expect("Cat's json_struct!");
    assert!(
        cat_serde.ends_with("} ..additional_properties }"),
        "{cat_serde}"
    );
    // `false`: no map; undeclared members are skipped.
    let closed = fields(&models, "Closed");
    assert!(!closed.contains("BTreeMap"), "{closed}");
    assert!(
        models.contains(r#"json_struct! { Closed { opt name : "name", } }"#),
        "{models}"
    );
}

#[test]
fn a_property_called_additional_properties_keeps_its_name_and_the_map_gets_another() {
    let models = models();
    let labelled = fields(&models, "Labelled");
    assert!(
        labelled.contains("pub additional_properties: Option<String>,"),
        "{labelled}"
    );
    assert!(
        labelled
            .contains("pub additional_properties_2: ::std::collections::BTreeMap<String, Label>,"),
        "{labelled}"
    );
    assert!(
        models.contains(r#"json_struct! { Labelled { opt additional_properties : "additionalProperties", } ..additional_properties_2 }"#),
        "{models}"
    );
}

#[test]
fn constrained_values_of_the_map_are_validated() {
    let models = models();
    assert!(
        models.contains("impl ::armgen_runtime::Validate for Labelled { fn validate_at(&self, path: &str, __validator: &mut ::armgen_runtime::Validator) { __validator.nested(path, &self.additional_properties_2); } }"),
        "{models}"
    );
}

#[test]
fn an_object_without_properties_is_free_form_json_not_an_empty_struct() {
    let models = models();
    assert!(!models.contains("pub struct Anything"), "{models}");
    let pets = support::collapsed("additional", "additional.yaml", "additional", "pets.rs");
    let value = "::armgen_runtime::__private::serde_json::Value";
    assert!(pets.contains(&format!("thing: &{value},")), "{pets}");
    assert!(pets.contains(&format!("-> Result< {value}, ")), "{pets}");
}

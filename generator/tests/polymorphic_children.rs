//! A child of a polymorphic type writes its own discriminator, so that a
//! body or field declared as the child (not the parent) says what it is on
//! the wire; decoding does not require it. The AutoRest test server's
//! `putComplexPolymorphismNoDiscriminator` checks the body; the root crate's
//! tests encode and decode the compiled snapshot.

mod support;

fn models() -> String {
    support::collapsed(
        "polymorphic",
        "polymorphic.yaml",
        "polymorphic",
        "models.rs",
    )
}

#[test]
fn each_child_struct_writes_its_discriminator_value() {
    let models = models();
    assert!(
        models.contains(r#"json_struct! { Salmon { opt length : "length", opt location : "location", } tag "fishtype" = "salmon" }"#),
        "{models}"
    );
    // The definition name when `x-ms-discriminator-value` is absent.
    assert!(
        models.contains(r#"json_struct! { Shark { opt length : "length", opt age : "age", } tag "fishtype" = "Shark" }"#),
        "{models}"
    );
    // The tag is not a field of the child.
    let salmon = models
        .split("pub struct Salmon {")
        .nth(1)
        .and_then(|rest| rest.split("} ").next())
        .expect("Salmon");
    assert!(!salmon.contains("fishtype"), "{salmon}");
}

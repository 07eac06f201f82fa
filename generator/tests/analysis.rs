//! The analysis stage: facts that depend on several models, computed once
//! between resolve and emit and read by every emitter.

mod support;

use armgen::ir::{Model, ModelKind, Service};

fn facts() -> (Service, String) {
    let output = armgen::Config::new(support::fixtures().join("fixtures/analysis"))
        .spec("facts.yaml", "facts")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let models = output.files["facts/models.rs"].clone();
    (output.api.services[0].clone(), models)
}

fn model<'a>(service: &'a Service, name: &str) -> &'a Model {
    service
        .models
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no model {name}"))
}

fn constrained(model: &Model) -> bool {
    match &model.kind {
        ModelKind::Struct(s) => s.has_constraints,
        ModelKind::Union(u) => u.has_constraints,
        ModelKind::Enum(_) => false,
    }
}

#[test]
fn a_constraint_behind_a_union_two_levels_down_is_validated() {
    let (service, models) = facts();
    for name in ["Dog", "Pet", "Inner", "Outer"] {
        assert!(constrained(model(&service, name)), "{name}");
    }
    assert!(!constrained(model(&service, "Received")));
    // Outer's validator walks into `inner`, so a dog named "a" is caught
    // when an `Outer` is sent, not only when an `Inner` is.
    let outer = &models[models
        .find("impl ::armgen_runtime::Validate for Outer")
        .unwrap()..];
    let outer = &outer[..outer.find("\n}\n").unwrap()];
    assert!(outer.contains("\"inner\""), "{outer}");
}

#[test]
fn a_model_reaching_itself_is_boxed() {
    let (service, _) = facts();
    let ModelKind::Struct(inner) = &model(&service, "Inner").kind else {
        panic!("a struct");
    };
    let boxed: Vec<(&str, bool)> = inner
        .fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.boxed))
        .collect();
    assert_eq!(boxed, [("pet", false), ("parent", true)]);
}

#[test]
fn what_is_sent_and_received_and_what_a_request_strips() {
    let (service, models) = facts();
    for name in ["Outer", "Inner", "Pet", "Dog"] {
        assert!(model(&service, name).sent, "{name}");
    }
    assert!(!model(&service, "Received").sent);
    // Only `Received` comes back (what `armgen diff` weighs changes by).
    assert!(model(&service, "Received").received);
    assert!(!model(&service, "Outer").received);
    // Outer and Dog hold read-only members; Inner and Pet lead to Dog.
    for name in ["Outer", "Inner", "Pet", "Dog"] {
        assert!(model(&service, name).strip_read_only, "{name}");
    }
    assert!(!model(&service, "Received").strip_read_only);
    assert!(models.contains("impl ::armgen_runtime::StripReadOnly for Outer"));
}

#[test]
fn each_pattern_is_compiled_once_for_the_module() {
    let (service, _) = facts();
    // The path parameter's and Dog's, the same text: one static.
    assert_eq!(service.patterns, ["^[a-z]+$"]);
}

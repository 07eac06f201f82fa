//! Modules are emitted and formatted on several threads (`Config::jobs`):
//! the output must not depend on how many, nor on which thread finished
//! first. Checked on real specs: EventGrid 2025-02-15 alone (many modules,
//! so threads really interleave) and Relay at two api-versions (the `shared`
//! module, whose parts are laid out around the pieces).

mod support;

use support::upstream;

const SYSTEM_DATA: &str = "common-types/resource-management/v5/types.json#/definitions/systemData=#/definitions/SystemData";

fn generate(config: armgen::Config) -> std::collections::BTreeMap<String, String> {
    config
        .ref_alias(SYSTEM_DATA)
        .expect("a well-formed alias")
        .dynamic_feature("dynamic")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
        .files
}

#[test]
fn the_output_is_the_same_whatever_the_number_of_threads() {
    let Some(root) = upstream() else { return };
    let config = || {
        armgen::Config::new(&root)
            .spec(
                "specification/eventgrid/resource-manager/Microsoft.EventGrid/stable/2025-02-15/EventGrid.json",
                "eventgrid",
            )
            .versions(
                "relay",
                [
                    "specification/relay/resource-manager/Microsoft.Relay/stable/2021-11-01/authorizationRules.json",
                    "specification/relay/resource-manager/Microsoft.Relay/stable/2024-01-01/relay.json",
                ],
            )
    };
    let one = generate(config().jobs(1));
    assert!(
        one.contains_key("relay/shared/models.rs"),
        "{:?}",
        one.keys()
    );
    assert!(one.len() > 30, "{} files", one.len());
    for jobs in [2, 3, 7] {
        let many = generate(config().jobs(jobs));
        assert_eq!(
            one.keys().collect::<Vec<_>>(),
            many.keys().collect::<Vec<_>>(),
            "{jobs} threads"
        );
        for (name, text) in &one {
            assert!(many[name] == *text, "{name} differs with {jobs} threads");
        }
    }
}

//! Conformance driven by `x-ms-examples`: each example file of `spec/` is a
//! test case, so adding an example adds a test without code.

mod support;

#[test]
fn every_example_of_spec_builds_its_request_and_round_trips_its_responses() {
    let report = support::conformance::check(&support::api(), arm_bindings::SERVICES);
    report.print("spec/");
    assert!(
        report.missing.is_empty(),
        "spec/ names example files that do not exist: {:?}",
        report.missing
    );
    assert!(
        report.failed.is_empty(),
        "{} example(s) failed",
        report.failed.len()
    );
    let named: usize = support::api()
        .services
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.operations)
        .map(|o| o.examples.len())
        .sum();
    assert_eq!(
        report.passed.len(),
        named,
        "every example named by spec/ ran"
    );
    assert!(named >= 3, "the seed examples are among them");
}

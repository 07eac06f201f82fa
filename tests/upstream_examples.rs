//! The real upstream Relay 2024-01-01 and EventGrid 2025-02-15 specifications:
//! every example file that exists is a conformance test. Missing example files
//! are reported (upstream names many that the curated copy lacks), not fatal.

mod support;

fn upstream_api() -> Option<armgen::ir::Api> {
    if !arm_upstream::SPECS_FOUND {
        assert!(
            std::env::var("ARMGEN_REQUIRE_UPSTREAM").is_err_and(|_| true)
                || std::env::var("ARMGEN_REQUIRE_UPSTREAM").is_ok_and(|v| v != "1"),
            "the upstream specs are required but were not found at {}",
            arm_upstream::SPECS_DIR
        );
        println!(
            "skipped: no upstream specs at {} (set ARMGEN_UPSTREAM_SPECS)",
            arm_upstream::SPECS_DIR
        );
        return None;
    }
    // The same settings the crate's build script generated from.
    let settings = concat!(env!("CARGO_MANIFEST_DIR"), "/upstream/armgen.yaml");
    Some(
        armgen::Config::from_project_file(settings)
            .expect("upstream/armgen.yaml reads")
            .config
            .resolve()
            .expect("the upstream specs resolve")
            .0,
    )
}

#[test]
fn upstream_examples_build_their_requests_and_round_trip_their_responses() {
    let Some(api) = upstream_api() else { return };
    let report = support::conformance::check(&api, arm_upstream::SERVICES);
    report.print("upstream");
    for missing in &report.missing {
        println!("missing example file: {missing}");
    }
    assert!(
        report.failed.is_empty(),
        "{} upstream example(s) failed",
        report.failed.len()
    );
    // Relay has 36 example files here and EventGrid 107 (MANIFEST.md); an
    // operation may name the same file twice.
    assert!(
        report.passed.len() >= 143,
        "only {} examples ran",
        report.passed.len()
    );
}

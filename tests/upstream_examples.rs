//! The real upstream Relay 2024-01-01 and EventGrid 2025-02-15 specifications:
//! every example file that exists is a conformance test. Missing example files
//! are reported (upstream names many that the curated copy lacks), not fatal.
//!
//! Missing specs fail the test, whichever command runs it, unless
//! `ARMGEN_SKIP_UPSTREAM=1` asks for the skip; the skip is then announced on
//! stderr. (`ARMGEN_REQUIRE_UPSTREAM=1`, as in CI, makes missing specs a build
//! error of `arm-upstream` already.)

mod support;

use std::io::Write as _;

/// Set to `1` to skip the test when the upstream specs are missing.
const SKIP_ENV: &str = "ARMGEN_SKIP_UPSTREAM";

fn upstream_api() -> Option<armgen::ir::Api> {
    if !arm_upstream::SPECS_FOUND {
        let set = |name: &str| std::env::var(name).is_ok_and(|v| v == "1");
        assert!(
            set(SKIP_ENV) && !set("ARMGEN_REQUIRE_UPSTREAM"),
            "no upstream specs at {}: set ARMGEN_UPSTREAM_SPECS to a checkout of azure-rest-api-specs, or {SKIP_ENV}=1 to skip this test",
            arm_upstream::SPECS_DIR,
        );
        // Written to stderr directly: the harness swallows `println!` and
        // `eprintln!` of passing tests, and a skip must be seen.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED upstream examples: no specs at {} ({SKIP_ENV}=1)",
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

//! What each `final-state-via` of a long-running operation resolves to.

mod support;

use armgen::ir::{FinalStateVia, HttpMethod};

fn generate() -> armgen::Output {
    armgen::Config::new(support::fixtures().join("fixtures/lro"))
        .spec("lro.yaml", "lro")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_final_state_via_resolves_and_absent_takes_the_methods_default() {
    let output = generate();
    let ops: Vec<_> = output
        .api
        .services
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.operations)
        .collect();
    assert_eq!(ops.len(), 20, "four methods × five final-state-via values");
    for op in ops {
        let suffix = op.id.rsplit('_').next().unwrap_or_default();
        let expected = match (op.method, suffix) {
            (_, s) if s.ends_with("Aao") => FinalStateVia::AzureAsyncOperation,
            (_, s) if s.ends_with("Location") => FinalStateVia::Location,
            (_, s) if s.ends_with("Original") => FinalStateVia::OriginalUri,
            (_, s) if s.ends_with("Oploc") => FinalStateVia::OperationLocation,
            // ARM's defaults when the spec says nothing.
            (HttpMethod::Put | HttpMethod::Patch, _) => FinalStateVia::OriginalUri,
            _ => FinalStateVia::Location,
        };
        assert_eq!(op.long_running, Some(expected), "{}", op.id);
    }
}

//! What each `final-state-via` of a long-running operation resolves to, and
//! the `begin_*` methods the client emitter makes of them. The runtime's
//! behaviour for each value is tested over HTTPS in the bindings crate
//! (`tests/long_running.rs`), whose "absent" cases rely on the defaults
//! checked here.

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

#[test]
fn long_running_methods_are_begin_methods_returning_azure_cores_poller() {
    let output = generate();
    let clients = output
        .files
        .iter()
        .find(|(name, _)| name.ends_with("clients.rs"))
        .map(|(_, text)| text)
        .expect("a clients module");
    let text: String = clients.split_whitespace().collect::<Vec<_>>().join(" ");
    for (method, via) in [
        ("begin_put_aao", "AzureAsyncOperation"),
        ("begin_patch_oploc", "OperationLocation"),
        ("begin_post_absent", "Location"),
        ("begin_delete_absent", "Location"),
        ("begin_put_absent", "OriginalUri"),
    ] {
        assert!(text.contains(&format!("pub fn {method}(")), "{method}");
        assert!(
            text.contains(&format!("::armgen_runtime::FinalStateVia::{via}")),
            "{via}"
        );
    }
    // Types as written, however prettyplease wraps them.
    let types: String = clients
        .split_whitespace()
        .collect::<String>()
        .replace(",>", ">");
    assert!(
        types.contains("http::Poller<::armgen_runtime::OperationStatus<super::models::Thing>>"),
        "a result-bearing operation's poller"
    );
    assert!(
        types.contains("http::Poller<::armgen_runtime::OperationStatus<(),::armgen_runtime::__private::azure_core::http::NoFormat>>"),
        "a DELETE's poller"
    );
    assert!(
        !text.contains("pub async fn begin_"),
        "begin_* send nothing themselves"
    );
}
